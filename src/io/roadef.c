/*
** ROADEF 2005 instance directories: optimization_objectives.txt,
** paint_batch_limit.txt, ratios.txt and vehicles.txt, ';'-separated with one
** header line each. vehicles.txt holds two blocks of rows, split where the
** date changes: the previous day (fixed in front) and the day to sequence.
*/
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "text.h"

/* Joins 'dir' and 'name' into 'buf'. */
static const char *join(char *buf, size_t size, const char *dir, const char *name) {
    size_t n = strlen(dir);
    snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return buf;
}

/* Reads the header line of 't'; fails on an empty file. */
static sc_status header(sc__text *t, sc_diag *d) {
    if (!sc__text_next(t, ';')) {
        sc__diag_set(d, t->path, 1, 0, "empty file: expected a header line");
        return SC_EINVAL;
    }
    if (t->nfields == SIZE_MAX) {
        sc__diag_set(d, t->path, t->line, 0, "too many fields (at most %d)", SC_TEXT_MAXFIELDS);
        return SC_EINVAL;
    }
    return SC_OK;
}

static sc_status read_objectives(sc_instance *in, const char *dir, sc_diag *d) {
    char path[4096];
    sc__text t;
    sc_status st =
        sc__text_open(&t, join(path, sizeof path, dir, "optimization_objectives.txt"), d);
    if (st) return st;
    if ((st = header(&t, d))) goto out;
    sc_objective objs[SC_MAX_OBJECTIVES];
    bool have[SC_MAX_OBJECTIVES] = {false};
    size_t nobj = 0;
    while (sc__text_next(&t, ';')) {
        long rank;
        if (t.nfields < 2) {
            sc__diag_set(d, t.path, t.line, 2, "expected 'rank;objective name'");
            st = SC_EINVAL;
            goto out;
        }
        if (!sc__parse_long(t.field[0], 1, 3, &rank)) {
            sc__diag_set(d, t.path, t.line, 1, "rank: expected 1, 2 or 3, got '%s'", t.field[0]);
            st = SC_EINVAL;
            goto out;
        }
        sc_objective o = {SC_OBJ_RATIO, 0, 0};
        const char *name = t.field[1];
        if (strncmp(name, "high_priority_level", 19) == 0)
            o.level = 1;
        else if (strncmp(name, "low_priority_level", 18) == 0)
            o.level = 0;
        else if (strncmp(name, "paint_color_batches", 19) == 0)
            o.kind = SC_OBJ_COLOUR;
        else {
            sc__diag_set(d, t.path, t.line, 2,
                         "objective name: expected high_priority_level..., "
                         "paint_color_batches or low_priority_level..., got '%s'",
                         name);
            st = SC_EINVAL;
            goto out;
        }
        if (have[rank - 1]) {
            sc__diag_set(d, t.path, t.line, 1, "rank %ld given twice", rank);
            st = SC_EINVAL;
            goto out;
        }
        for (size_t k = 0; k < 3; k++)
            if (have[k] && objs[k].kind == o.kind && objs[k].level == o.level) {
                sc__diag_set(d, t.path, t.line, 2, "objective '%s' given twice", name);
                st = SC_EINVAL;
                goto out;
            }
        have[rank - 1] = true;
        objs[rank - 1] = o;
        nobj++;
    }
    if (nobj == 0) {
        sc__diag_set(d, t.path, t.line + 1, 0, "expected at least one objective");
        st = SC_EINVAL;
        goto out;
    }
    for (size_t k = 0; k < nobj; k++)
        if (!have[k]) {
            sc__diag_set(d, t.path, t.line, 1, "ranks must be 1..%zu: rank %zu missing", nobj,
                         k + 1);
            st = SC_EINVAL;
            goto out;
        }
    for (size_t k = 0; k < nobj; k++)
        sc_instance_add_objective(in, &objs[k]);
    sc_instance_set_roadef_weights(in);
out:
    sc__text_close(&t);
    return st;
}

static sc_status read_batch_limit(sc_instance *in, const char *dir, sc_diag *d) {
    char path[4096];
    sc__text t;
    sc_status st = sc__text_open(&t, join(path, sizeof path, dir, "paint_batch_limit.txt"), d);
    if (st) return st;
    if ((st = header(&t, d))) goto out;
    long v;
    if (!sc__text_next(&t, ';')) {
        sc__diag_set(d, t.path, t.line + 1, 1, "expected the paint batch limit");
        st = SC_EINVAL;
    } else if (!sc__parse_long(t.field[0], 1, INT_MAX, &v)) {
        sc__diag_set(d, t.path, t.line, 1,
                     "paint batch limit: expected a positive integer, got '%s'", t.field[0]);
        st = SC_EINVAL;
    } else {
        sc_instance_set_batch_limit(in, (int)v);
    }
out:
    sc__text_close(&t);
    return st;
}

static sc_status read_ratios(sc_instance *in, const char *dir, sc_diag *d) {
    char path[4096];
    sc__text t;
    sc_status st = sc__text_open(&t, join(path, sizeof path, dir, "ratios.txt"), d);
    if (st) return st;
    if ((st = header(&t, d))) goto out;
    while (sc__text_next(&t, ';')) {
        if (t.nfields < 3 || t.nfields == SIZE_MAX) {
            sc__diag_set(d, t.path, t.line, 0, "expected 'N/P;Prio;Ident'");
            st = SC_EINVAL;
            goto out;
        }
        char *slash = strchr(t.field[0], '/');
        long n, p, prio;
        if (slash) *slash = '\0';
        if (!slash || !sc__parse_long(t.field[0], 0, 1000000, &n) ||
            !sc__parse_long(slash + 1, 1, 1000000, &p) || n > p) {
            if (slash) *slash = '/';
            sc__diag_set(d, t.path, t.line, 1, "ratio: expected N/P with 0 <= N <= P, got '%s'",
                         t.field[0]);
            st = SC_EINVAL;
            goto out;
        }
        if (!sc__parse_long(t.field[1], 0, 1, &prio)) {
            sc__diag_set(d, t.path, t.line, 2, "Prio: expected 0 or 1, got '%s'", t.field[1]);
            st = SC_EINVAL;
            goto out;
        }
        if (!t.field[2][0]) {
            sc__diag_set(d, t.path, t.line, 3, "Ident: expected a name");
            st = SC_EINVAL;
            goto out;
        }
        int o = sc_instance_add_option(in, t.field[2]);
        if (o == SC_EINVAL) {
            sc__diag_set(d, t.path, t.line, 3,
                         "Ident '%s' given twice or too many rules (at most %d)", t.field[2],
                         SC_MAX_RULES);
            st = SC_EINVAL;
            goto out;
        }
        if (o < 0) {
            st = (sc_status)o;
            goto out;
        }
        sc_rule r = {o, (int)n, (int)p, (int)prio, false};
        sc_instance_add_rule(in, &r);
    }
out:
    sc__text_close(&t);
    return st;
}

/*
** Counts the blocks of rows with one date in vehicles.txt: 1 (no previous
** day) or 2. A third date is an error.
*/
static sc_status count_blocks(const char *path, int *nblocks, sc_diag *d) {
    sc__text t;
    sc_status st = sc__text_open(&t, path, d);
    if (st) return st;
    char *date = NULL;
    *nblocks = 0;
    if (sc__text_next(&t, ';')) { /* the header */
        while (sc__text_next(&t, ';')) {
            if (t.nfields == SIZE_MAX || t.nfields < 1) continue;
            if (date && strcmp(date, t.field[0]) == 0) continue;
            if (++*nblocks > 2) {
                sc__diag_set(d, t.path, t.line, 1,
                             "Date: a third date '%s' (expected the previous day, then the day)",
                             t.field[0]);
                st = SC_EINVAL;
                break;
            }
            date = t.field[0]; /* stays valid: the buffer lives until close */
        }
    }
    sc__text_close(&t);
    return st;
}

static sc_status read_vehicles(sc_instance *in, const char *dir, sc_diag *d) {
    char path[4096];
    sc__text t;
    int nblocks;
    join(path, sizeof path, dir, "vehicles.txt");
    sc_status st = count_blocks(path, &nblocks, d);
    if (st) return st;
    if ((st = sc__text_open(&t, path, d))) return st;
    int *col2opt = NULL, *opts = NULL;
    char *date0 = NULL;
    if ((st = header(&t, d))) goto out;
    size_t ncols = t.nfields;
    if (ncols < 4) {
        sc__diag_set(d, t.path, t.line, 0,
                     "header: expected 'Date;SeqRank;Ident;Paint Color' and one column per ratio");
        st = SC_EINVAL;
        goto out;
    }
    size_t nopt = sc_instance_noptions(in);
    col2opt = sc__calloc(ncols, sizeof *col2opt);
    opts = sc__calloc(nopt + 1, sizeof *opts);
    if (!col2opt || !opts) {
        st = SC_ENOMEM;
        goto out;
    }
    bool *seen = (bool *)opts; /* borrowed while checking the header */
    memset(seen, 0, nopt + 1);
    for (size_t c = 4; c < ncols; c++) {
        col2opt[c] = -1;
        for (size_t o = 0; o < nopt; o++)
            if (strcmp(sc_instance_option_name(in, o), t.field[c]) == 0) col2opt[c] = (int)o;
        if (col2opt[c] < 0) {
            sc__diag_set(d, t.path, t.line, (unsigned)c + 1,
                         "column '%s' is not a ratio of ratios.txt", t.field[c]);
            st = SC_EINVAL;
            goto out;
        }
        if (seen[col2opt[c]]) {
            sc__diag_set(d, t.path, t.line, (unsigned)c + 1, "column '%s' given twice", t.field[c]);
            st = SC_EINVAL;
            goto out;
        }
        seen[col2opt[c]] = true;
    }
    for (size_t o = 0; o < nopt; o++)
        if (!seen[o]) {
            sc__diag_set(d, t.path, t.line, 0, "no column for ratio '%s'",
                         sc_instance_option_name(in, o));
            st = SC_EINVAL;
            goto out;
        }
    int block = 0; /* 0: before the first row, 1: previous day, 2: the day */
    while (sc__text_next(&t, ';')) {
        if (t.nfields != ncols) {
            sc__diag_set(d, t.path, t.line, 0, "expected %zu fields, got %zu", ncols,
                         t.nfields == SIZE_MAX ? (size_t)SC_TEXT_MAXFIELDS : t.nfields);
            st = SC_EINVAL;
            goto out;
        }
        if (block == 0 || strcmp(date0, t.field[0]) != 0) {
            block++;
            sc__free(date0);
            if (!(date0 = sc__malloc(strlen(t.field[0]) + 1))) {
                st = SC_ENOMEM;
                goto out;
            }
            strcpy(date0, t.field[0]);
        }
        if (!t.field[2][0]) {
            sc__diag_set(d, t.path, t.line, 3, "Ident: expected a car id");
            st = SC_EINVAL;
            goto out;
        }
        if (!t.field[3][0]) {
            sc__diag_set(d, t.path, t.line, 4, "Paint Color: expected a colour");
            st = SC_EINVAL;
            goto out;
        }
        size_t k = 0;
        for (size_t c = 4; c < ncols; c++) {
            const char *v = t.field[c];
            if (strcmp(v, "1") == 0)
                opts[k++] = col2opt[c];
            else if (strcmp(v, "0") != 0) {
                sc__diag_set(d, t.path, t.line, (unsigned)c + 1, "%s: expected 0 or 1, got '%s'",
                             sc_instance_option_name(in, (size_t)col2opt[c]), v);
                st = SC_EINVAL;
                goto out;
            }
        }
        int colour = sc_instance_colour(in, t.field[3]);
        if (colour < 0) {
            st = (sc_status)colour;
            goto out;
        }
        int r = sc_instance_add_car(in, block == 1 && nblocks == 2 ? SC_CAR_PREV : SC_CAR_FREE,
                                    t.field[2], colour, opts, k, NULL, NULL);
        if (r == SC_EINVAL) {
            sc__diag_set(d, t.path, t.line, 3, "Ident: car '%s' given twice", t.field[2]);
            st = SC_EINVAL;
            goto out;
        }
        if (r < 0) {
            st = (sc_status)r;
            goto out;
        }
    }
    if (block == 0) {
        sc__diag_set(d, t.path, t.line + 1, 0, "expected at least one car");
        st = SC_EINVAL;
        goto out;
    }
out:
    sc__free(col2opt);
    sc__free(opts);
    sc__free(date0);
    sc__text_close(&t);
    return st;
}

sc_status sc_roadef_read(const char *dir, sc_instance **out, sc_diag *d) {
    *out = NULL;
    sc_instance *in;
    sc_status st = sc_instance_new(&in);
    if (st) return st;
    sc_instance_set_format(in, SC_FORMAT_ROADEF);
    if ((st = read_objectives(in, dir, d)) || (st = read_batch_limit(in, dir, d)) ||
        (st = read_ratios(in, dir, d)) || (st = read_vehicles(in, dir, d))) {
        sc_instance_free(in);
        return st;
    }
    *out = in;
    return SC_OK;
}
