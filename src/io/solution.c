/*
** Solutions: the order of the day's cars. ROADEF instances use one
** 'rank;Ident' line per car (ranks 1..n, in order; a header line is
** skipped); CSPLib instances one class index per car, blank-separated.
*/
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "io.h"
#include "text.h"

sc_status sc_instance_read(const char *path, sc_instance **out, sc_diag *d) {
    struct stat sb;
    if (stat(path, &sb) != 0) {
        *out = NULL;
        sc__diag_set(d, path, 0, 0, "no such file or directory");
        return SC_EIO;
    }
    return S_ISDIR(sb.st_mode) ? sc_roadef_read(path, out, d) : sc_csplib_read(path, out, d);
}

static sc_status read_roadef(const sc_instance *in, sc__text *t, uint32_t *seq, uint8_t *used,
                             sc_diag *d) {
    size_t pos = in->nprev, n = in->ncars;
    bool first = true;
    while (sc__text_next(t, ';')) {
        long rank;
        if (t->nfields == SIZE_MAX || t->nfields < 2) {
            sc__diag_set(d, t->path, t->line, 0, "expected 'rank;Ident'");
            return SC_EINVAL;
        }
        if (!sc__parse_long(t->field[0], 1, SC_MAX_CARS, &rank)) {
            if (first) { /* a header line */
                first = false;
                continue;
            }
            sc__diag_set(d, t->path, t->line, 1, "rank: expected a positive integer, got '%s'",
                         t->field[0]);
            return SC_EINVAL;
        }
        first = false;
        if ((size_t)rank != pos - in->nprev + 1) {
            sc__diag_set(d, t->path, t->line, 1, "rank: expected %zu, got %ld", pos - in->nprev + 1,
                         rank);
            return SC_EINVAL;
        }
        long car = sc_instance_find_car(in, t->field[1]);
        if (car < 0) {
            sc__diag_set(d, t->path, t->line, 2, "Ident: '%s' is not a car of the day",
                         t->field[1]);
            return SC_EINVAL;
        }
        if (((size_t)car < in->nfixed || pos < in->nfixed) && (size_t)car != pos) {
            sc__diag_set(d, t->path, t->line, 2,
                         "Ident: '%s' at rank %ld, but rank %ld holds "
                         "frozen car '%s'",
                         t->field[1], rank,
                         (long)((size_t)car < in->nfixed ? (size_t)car : pos) - (long)in->nprev + 1,
                         sc_instance_car_id(in, (size_t)car < in->nfixed ? (size_t)car : pos));
            return SC_EINVAL;
        }
        if (used[car]) {
            sc__diag_set(d, t->path, t->line, 2, "Ident: car '%s' listed twice", t->field[1]);
            return SC_EINVAL;
        }
        if (pos >= n) {
            sc__diag_set(d, t->path, t->line, 0, "more cars than the day holds (%zu)",
                         n - in->nprev);
            return SC_EINVAL;
        }
        used[car] = 1;
        seq[pos++] = (uint32_t)car;
    }
    if (pos != n) {
        sc__diag_set(d, t->path, t->line, 0, "%zu cars listed, the day has %zu", pos - in->nprev,
                     n - in->nprev);
        return SC_EINVAL;
    }
    return SC_OK;
}

/*
** Reads class indices. Cars of one class are consecutive and are taken in
** order, so 'taken[first]' (indexed by the class's first car) counts those
** already listed and the next one is found in O(1): the read is linear in
** the cars.
*/
static sc_status read_csplib(const sc_instance *in, sc__text *t, uint32_t *seq, uint8_t *used,
                             uint32_t *taken, sc_diag *d) {
    size_t pos = in->nfixed, n = in->ncars;
    while (sc__text_next(t, 0)) {
        if (t->nfields == SIZE_MAX) {
            sc__diag_set(d, t->path, t->line, 0, "line too long");
            return SC_EINVAL;
        }
        for (size_t f = 0; f < t->nfields; f++) {
            long cls;
            if (!sc__parse_long(t->field[f], 0, SC_MAX_CARS, &cls)) {
                sc__diag_set(d, t->path, t->line, (unsigned)f + 1,
                             "expected a class index, got '%s'", t->field[f]);
                return SC_EINVAL;
            }
            /* Compare with the class written canonically: "007" is class 7. */
            char id[64], model[32];
            snprintf(id, sizeof id, "%ld.1", cls);
            snprintf(model, sizeof model, "%ld", cls);
            long first = sc_instance_find_car(in, id), car = first;
            if (first >= 0) car += taken[first];
            if (car < 0 || (size_t)car >= n ||
                strcmp(sc_instance_car_model(in, (size_t)car), model) != 0) {
                sc__diag_set(d, t->path, t->line, (unsigned)f + 1,
                             car < 0 ? "class %ld: no such class" : "class %ld: used too often",
                             cls);
                return SC_EINVAL;
            }
            if (pos >= n) {
                sc__diag_set(d, t->path, t->line, (unsigned)f + 1, "more than %zu cars", n);
                return SC_EINVAL;
            }
            used[car] = 1;
            taken[first]++;
            seq[pos++] = (uint32_t)car;
        }
    }
    if (pos != n) {
        sc__diag_set(d, t->path, t->line, 0, "%zu cars listed, the instance has %zu", pos, n);
        return SC_EINVAL;
    }
    return SC_OK;
}

sc_status sc_solution_read(const sc_instance *in, const char *path, uint32_t *seq, sc_diag *d) {
    sc__text t;
    sc_status st = sc__text_open(&t, path, d);
    if (st) return st;
    uint8_t *used = sc__calloc(in->ncars + 1, 1);
    if (!used) {
        sc__text_close(&t);
        return SC_ENOMEM;
    }
    for (size_t k = 0; k < in->nfixed; k++)
        seq[k] = (uint32_t)k;
    for (size_t k = 0; k < in->nprev; k++)
        used[k] = 1;
    if (in->format == SC_FORMAT_CSPLIB) {
        uint32_t *taken = sc__calloc(in->ncars + 1, sizeof *taken);
        st = taken ? read_csplib(in, &t, seq, used, taken, d) : SC_ENOMEM;
        sc__free(taken);
    } else
        st = read_roadef(in, &t, seq, used, d);
    sc__free(used);
    sc__text_close(&t);
    return st;
}

sc_status sc_solution_print(const sc_instance *in, const uint32_t *seq, FILE *f) {
    for (size_t k = in->nprev; k < in->ncars; k++) {
        if (in->format == SC_FORMAT_CSPLIB)
            fprintf(f, "%s\n", sc_instance_car_model(in, seq[k]));
        else
            fprintf(f, "%zu;%s\n", k - in->nprev + 1, sc_instance_car_id(in, seq[k]));
    }
    return ferror(f) ? SC_EIO : SC_OK;
}

sc_status sc_solution_write(const sc_instance *in, const uint32_t *seq, const char *path,
                            sc_diag *d) {
    sc__outfile o;
    sc_status st = sc__outfile_open(&o, path, d);
    if (st) return st;
    if (sc_solution_print(in, seq, o.f) != SC_OK) {
        int e = errno;
        sc__outfile_abort(&o);
        sc__diag_set(d, path, 0, 0, "cannot write: %s", strerror(e));
        return SC_EIO;
    }
    return sc__outfile_commit(&o, d);
}
