/*
** Reading delimited text files line by line: a UTF-8 byte order mark, CRLF
** line ends and a missing final newline are tolerated.
*/
#ifndef SC_TEXT_H
#define SC_TEXT_H

#include "../model/model.h"

#define SC_TEXT_MAXFIELDS 1024

typedef struct sc__text {
    const char *path;
    char *buf; /* the whole file, NUL-terminated */
    size_t len, pos;
    unsigned line; /* number of the line last returned */
    char *field[SC_TEXT_MAXFIELDS];
    size_t nfields;
} sc__text;

/* Loads 'path' whole. Returns SC_EIO with 'd' filled when it cannot. */
sc_status sc__text_open(sc__text *t, const char *path, sc_diag *d);
void sc__text_close(sc__text *t);
/* Splits the next non-blank line at 'sep' (or at runs of blanks when 'sep'
** is 0) into 't->field', trimming blanks around each field; a trailing empty
** field after a final separator is dropped. Returns false at the end of the
** file. Returns true with 't->nfields' = SIZE_MAX when the line has more
** than SC_TEXT_MAXFIELDS fields. */
bool sc__text_next(sc__text *t, char sep);
/* Parses a whole decimal integer field in [lo, hi]. */
bool sc__parse_long(const char *s, long lo, long hi, long *out);

#endif
