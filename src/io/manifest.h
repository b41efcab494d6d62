/*
** The manifest of a plan directory (manifest.json, docs/FORMATS.md): the one
** module that knows its format. sc_plan_write writes it last, once every
** other file is in the temporary directory; the baseline reader checks a
** plan directory, or a plan held in buffers, against it.
*/
#ifndef SC_MANIFEST_H
#define SC_MANIFEST_H

#include "../plan/plan.h"

#define SC__MANIFEST_NAME "manifest.json"

/* One file the manifest lists. */
typedef struct sc__manifest_file {
    char *name;
    uint64_t size;
    uint8_t sha256[32];
} sc__manifest_file;

/* A manifest read back and checked against a scenario. */
typedef struct sc__manifest {
    char *version;           /* the sparecap that wrote it */
    char *view;              /* NULL: the host's full view; else the brand's name */
    sc__manifest_file *file; /* in the manifest's order */
    size_t nfiles;
    size_t nl, nd;   /* the scenario's lines and horizon days */
    int64_t *cars;   /* nl x nd: cars of each line-day in sequences.csv */
    int64_t *orders; /* per brand of the scenario: its orders in the view */
} sc__manifest;

/* The SHA-256 of 'len' bytes of 'data' into 'out' (nettle). */
void sc__sha256(const void *data, size_t len, uint8_t out[32]);

struct sc__view;
/*
** Writes 'dir'/manifest.json for the plan of view 'v', from the files
** already in 'dir': the name, size and SHA-256 of each (read back in
** blocks); and, counted from the plan in memory as the writers write them,
** the cars per line-day of its sequences.csv and the orders per brand of its
** sequences.csv and unplanned.csv. Call it after every other file is
** written. Returns SC_OK, SC_EIO or SC_ENOMEM with 'd' filled. O(bytes in
** 'dir' + cars).
*/
sc_status sc__manifest_write(const char *dir, const struct sc__view *v, sc_diag *d);
/* Writes the manifest of view 'v' to 'f' for the 'n' files 'names' (in name
** order) with their sizes and SHA-256s; SC_OK or SC_ENOMEM. */
sc_status sc__manifest_format(FILE *f, const struct sc__view *v, char *const *names,
                              const uint64_t *size, const uint8_t (*sha)[32], size_t n, sc_diag *d);

/*
** Parses the manifest 'text' ('len' bytes; 'path' names it in messages)
** and checks it against 'sc': the scenario's name and horizon, and lines and
** brands it names. On SC_OK '*out' is the caller's (sc__manifest_free);
** otherwise it is NULL and 'd' names the member at fault.
*/
sc_status sc__manifest_parse(const char *text, size_t len, const char *path, const sc_scenario *sc,
                             sc__manifest **out, sc_diag *d);
void sc__manifest_free(sc__manifest *m);

/* The entry of file 'name', or NULL when the manifest does not list it. */
const sc__manifest_file *sc__manifest_find(const sc__manifest *m, const char *name);

/* Checks that file 'name' (called 'path' in messages) is listed and has
** 'size' bytes. SC_EINVAL names what differs. O(files). */
sc_status sc__manifest_check_size(const sc__manifest *m, const char *name, const char *path,
                                  uint64_t size, sc_diag *d);
/* Checks the size and SHA-256 of 'len' bytes of 'data' as file 'name'. */
sc_status sc__manifest_check_data(const sc__manifest *m, const char *name, const char *path,
                                  const void *data, size_t len, sc_diag *d);
/* The same for the file at 'path', read in blocks; SC_EIO when it cannot be
** read, SC_ENOMEM. */
sc_status sc__manifest_check_file(const sc__manifest *m, const char *name, const char *path,
                                  sc_diag *d);

#endif
