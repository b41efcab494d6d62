/*
** Internals shared by the readers and writers.
*/
#ifndef SC_IO_H
#define SC_IO_H

#include <stdio.h>

#include "../model/model.h"

/* An output file written to a temporary name beside 'path' and renamed into
** place on commit, so that an error or a kill never leaves half a file. A
** path that names a device or a pipe (/dev/stdout, a FIFO) is written
** directly: a rename would replace the device with a file. */
typedef struct sc__outfile {
    FILE *f;
    char path[4096];
    char tmp[4096 + 16];
    bool is_stdout;
    bool direct; /* 'path' is not a regular file: no temporary */
} sc__outfile;

sc_status sc__outfile_open(sc__outfile *o, const char *path, sc_diag *d);
/* Flushes, closes and renames; on any failure removes the temporary file. */
sc_status sc__outfile_commit(sc__outfile *o, sc_diag *d);
/* Removes the temporary file. */
void sc__outfile_abort(sc__outfile *o);

#endif
