/*
** Internals shared by the scenario and orders readers and the plan writers.
*/
#ifndef SC_PLANIO_H
#define SC_PLANIO_H

#include <stdarg.h>

#include "../model/scenario.h"
#include "emit.h"
#include "io.h"

/* Appends a diagnostic to 'dl' (when not NULL), or counts it as dropped
** beyond SC_MAX_DIAGS. */
void sc__diags_add(sc_diag_list *dl, const char *file, unsigned line, unsigned column,
                   const char *fmt, ...) SC__PRINTF(5, 6);
void sc__diags_vadd(sc_diag_list *dl, const char *file, unsigned line, unsigned column,
                    const char *fmt, va_list ap);
/* Empties 'dl'. */
void sc__diags_clear(sc_diag_list *dl);

/* Loads the file 'path' whole into a malloc'd, NUL-terminated buffer. */
sc_status sc__load_file(const char *path, char **buf, size_t *len, sc_diag *d);
/* The same, for readers that report into a list: 'errs' is emptied, then
** holds the error when the file cannot be read. */
sc_status sc__load_file_list(const char *path, char **buf, size_t *len, sc_diag_list *errs);

#endif
