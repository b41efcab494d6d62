/*
** CSPLib prob001 instance files: "cars options classes", the N of each
** option, the P of each option, then one line per class: index, count and
** one 0/1 per option. Blank-separated; line breaks carry no meaning, so the
** reader takes a stream of numbers and reports the line of each.
**
** Every car of class k gets the id "k.j" (its j-th car) and the model tag
** "k"; solutions are written and read as class indices.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "text.h"

typedef struct numstream {
    sc__text t;
    size_t f; /* next field of the current line */
} numstream;

/* Reads the next number into '*v', within [lo, hi]. 'what' names it. */
static sc_status next_num(numstream *s, long lo, long hi, long *v, const char *what, sc_diag *d) {
    while (s->f >= s->t.nfields) {
        if (!sc__text_next(&s->t, 0)) {
            sc__diag_set(d, s->t.path, s->t.line + 1, 0, "unexpected end of file: expected %s",
                         what);
            return SC_EINVAL;
        }
        if (s->t.nfields == SIZE_MAX) {
            sc__diag_set(d, s->t.path, s->t.line, 0, "line too long");
            return SC_EINVAL;
        }
        s->f = 0;
    }
    const char *tok = s->t.field[s->f];
    if (!sc__parse_long(tok, lo, hi, v)) {
        sc__diag_set(d, s->t.path, s->t.line, (unsigned)s->f + 1,
                     "%s: expected an integer in [%ld, %ld], got '%s'", what, lo, hi, tok);
        return SC_EINVAL;
    }
    s->f++;
    return SC_OK;
}

sc_status sc_csplib_read(const char *path, sc_instance **out, sc_diag *d) {
    *out = NULL;
    numstream s = {0};
    sc_status st = sc__text_open(&s.t, path, d);
    if (st) return st;
    sc_instance *in = NULL;
    long ncars, nopt, ncls, nv[SC_MAX_OPTIONS], pv[SC_MAX_OPTIONS];
    int opts[SC_MAX_OPTIONS];
    if ((st = next_num(&s, 1, SC_MAX_CARS, &ncars, "number of cars", d)) ||
        (st = next_num(&s, 1, SC_MAX_OPTIONS, &nopt, "number of options", d)) ||
        (st = next_num(&s, 1, SC_MAX_CARS, &ncls, "number of classes", d)))
        goto fail;
    for (long o = 0; o < nopt; o++)
        if ((st = next_num(&s, 0, INT_MAX, &nv[o], "option capacity N", d))) goto fail;
    for (long o = 0; o < nopt; o++) {
        if ((st = next_num(&s, 1, INT_MAX, &pv[o], "option block size P", d))) goto fail;
        if (nv[o] > pv[o]) {
            sc__diag_set(d, path, s.t.line, (unsigned)s.f, "option %ld: N=%ld exceeds P=%ld", o + 1,
                         nv[o], pv[o]);
            st = SC_EINVAL;
            goto fail;
        }
    }
    if ((st = sc_instance_new(&in))) goto fail;
    sc_instance_set_format(in, SC_FORMAT_CSPLIB);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    int colour = sc_instance_colour(in, "none");
    if (colour < 0) {
        st = (sc_status)colour;
        goto fail;
    }
    for (long o = 0; o < nopt; o++) {
        char name[32];
        snprintf(name, sizeof name, "option%ld", o + 1);
        int oi = sc_instance_add_option(in, name);
        if (oi < 0) {
            st = (sc_status)oi;
            goto fail;
        }
        sc_rule r = {oi, (int)nv[o], (int)pv[o], 0, false};
        sc_instance_add_rule(in, &r);
    }
    sc_objective obj = {SC_OBJ_RATIO, 0, 1};
    sc_instance_add_objective(in, &obj);
    long total = 0;
    for (long k = 0; k < ncls; k++) {
        long idx, cnt;
        if ((st = next_num(&s, 0, ncls - 1, &idx, "class index", d))) goto fail;
        if (idx != k) {
            sc__diag_set(d, path, s.t.line, (unsigned)s.f, "class index: expected %ld, got %ld", k,
                         idx);
            st = SC_EINVAL;
            goto fail;
        }
        if ((st = next_num(&s, 0, ncars, &cnt, "number of cars of the class", d))) goto fail;
        size_t k2 = 0;
        for (long o = 0; o < nopt; o++) {
            long b;
            if ((st = next_num(&s, 0, 1, &b, "option flag", d))) goto fail;
            if (b) opts[k2++] = (int)o;
        }
        if (total + cnt > ncars) {
            sc__diag_set(d, path, s.t.line, 2, "classes hold more than the %ld cars declared",
                         ncars);
            st = SC_EINVAL;
            goto fail;
        }
        total += cnt;
        char model[32], id[64];
        snprintf(model, sizeof model, "%ld", k);
        for (long j = 0; j < cnt; j++) {
            snprintf(id, sizeof id, "%ld.%ld", k, j + 1);
            int c = sc_instance_add_car(in, SC_CAR_FREE, id, colour, opts, k2, NULL, model);
            if (c < 0) {
                st = (sc_status)c;
                goto fail;
            }
        }
    }
    if (total != ncars) {
        sc__diag_set(d, path, s.t.line, 0, "classes hold %ld cars, %ld declared", total, ncars);
        st = SC_EINVAL;
        goto fail;
    }
    if (s.f < s.t.nfields || sc__text_next(&s.t, 0)) {
        sc__diag_set(d, path, s.t.line, 0, "unexpected data after the last class");
        st = SC_EINVAL;
        goto fail;
    }
    sc__text_close(&s.t);
    *out = in;
    return SC_OK;
fail:
    sc__text_close(&s.t);
    sc_instance_free(in);
    return st;
}

/*
** Writes 'in' in the CSPLib layout. Classes are the runs of cars with the
** same model tag, which must be 0, 1, 2 ... in order (as the reader and the
** hard-class generator make them). O(ncars x options).
*/
sc_status sc_csplib_write(const sc_instance *in, const char *path, sc_diag *d) {
    size_t n = in->ncars, no = in->noptions;
    bool ok = in->format == SC_FORMAT_CSPLIB && in->nfixed == 0 && in->nrules == no && no > 0;
    for (size_t r = 0; ok && r < in->nrules; r++)
        ok = (size_t)in->rules[r].option == r;
    /* Classes: count them and check the tags. */
    size_t ncls = 0;
    for (size_t c = 0; ok && c < n; c++) {
        const char *m = sc_instance_car_model(in, c);
        if (c == 0 || strcmp(m, sc_instance_car_model(in, c - 1)) != 0) {
            char want[32];
            snprintf(want, sizeof want, "%zu", ncls);
            ok = strcmp(m, want) == 0;
            ncls++;
        }
    }
    if (!ok) {
        sc__diag_set(d, path, 0, 0, "not a CSPLib instance: cannot write it in that layout");
        return SC_EINVAL;
    }
    sc__outfile o;
    sc_status st = sc__outfile_open(&o, path, d);
    if (st) return st;
    fprintf(o.f, "%zu %zu %zu\n", n, no, ncls);
    for (size_t r = 0; r < no; r++)
        fprintf(o.f, "%d%c", in->rules[r].n, r + 1 < no ? ' ' : '\n');
    for (size_t r = 0; r < no; r++)
        fprintf(o.f, "%d%c", in->rules[r].p, r + 1 < no ? ' ' : '\n');
    for (size_t c = 0, k = 0; c < n; k++) {
        size_t e = c + 1;
        while (e < n && strcmp(sc_instance_car_model(in, e), sc_instance_car_model(in, c)) == 0)
            e++;
        fprintf(o.f, "%zu %zu", k, e - c);
        for (size_t r = 0; r < no; r++)
            fprintf(o.f, " %d", sc__car_has(in, c, r) ? 1 : 0);
        fprintf(o.f, "\n");
        c = e;
    }
    if (ferror(o.f)) {
        sc__outfile_abort(&o);
        sc__diag_set(d, path, 0, 0, "cannot write");
        return SC_EIO;
    }
    return sc__outfile_commit(&o, d);
}
