/*
** Encoders shared by the writers of src/io (emit.c): a CSV field and a JSON
** value. The writers depend on this module; it depends on none of them.
*/
#ifndef SC_EMIT_H
#define SC_EMIT_H

#include <stdio.h>

/* Writes 's' as one CSV field (quoted when it holds a comma, a quote or a
** line break) to 'f'. */
void sc__csv_field(FILE *f, const char *s);

/* Writes JSON value 'v' compact to 'f' and frees it. */
struct json_t;
void sc__json_dump(FILE *f, struct json_t *v);

#endif
