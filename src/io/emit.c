/*
** The small encoders every writer of src/io shares: one CSV field, quoted
** when it must be, and one JSON value, compact. They live here, below the
** writers, so that the plan writer, the replan writer and the scenario
** writer depend on this module and never on each other in a circle.
*/
#include <csv.h>
#include <jansson.h>
#include <string.h>

#include "emit.h"

void sc__csv_field(FILE *f, const char *s) {
    if (strpbrk(s, ",\"\r\n"))
        csv_fwrite(f, s, strlen(s));
    else
        fputs(s, f);
}

/* Writes 'v' compact and frees it. Through a buffer: jansson's own file
** output calls fwrite once per token, which costs more than the JSON. */
void sc__json_dump(FILE *f, json_t *v) {
    enum { FLAGS = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15) };
    if (v) {
        char buf[16384];
        size_t n = json_dumpb(v, buf, sizeof buf, FLAGS);
        if (n && n <= sizeof buf)
            fwrite(buf, 1, n, f);
        else
            json_dumpf(v, f, FLAGS);
    }
    json_decref(v);
}
