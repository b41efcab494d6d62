/*
** libFuzzer harness for the ROADEF 2005 reader. The input is split at its
** first three 0xFF bytes into the four files of an instance directory, in
** the order optimization_objectives.txt, paint_batch_limit.txt, ratios.txt,
** vehicles.txt (missing parts are empty files); then sc_roadef_read reads
** the directory, and an instance it accepts goes through
** 'fz_check_instance', then is written with sc_roadef_write and read back:
** the copy must hold the same cars and score the same.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzzutil.h"

static const char *const FILES[4] = {"optimization_objectives.txt", "paint_batch_limit.txt",
                                     "ratios.txt", "vehicles.txt"};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_dir();
    return 0;
}

/* Scores the file order of 'in' into 's'; aborts when it cannot. */
static void score_identity(const sc_instance *in, sc_score *s) {
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc((n ? n : 1) * sizeof *seq);
    if (!seq) abort();
    sc_sequence_identity(in, seq);
    sc_diag d;
    if (sc_score_sequence(in, seq, s, &d) != SC_OK) abort();
    free(seq);
}

/* Writes 'in' as an instance directory, reads it back and compares. */
static void check_round_trip(const sc_instance *in) {
    char dir[4096 + 64], path[4096 + 128];
    snprintf(dir, sizeof dir, "%s/copy", fz_dir());
    sc_diag d;
    sc_status st = sc_roadef_write(in, dir, &d);
    if (st == SC_EINVAL) return; /* the layout cannot hold it (say, a '\r' inside a name) */
    if (st != SC_OK) {
        fprintf(stderr, "sc_roadef_write: %s: %s\n", sc_strerror(st), d.msg);
        abort();
    }
    sc_instance *back;
    st = sc_roadef_read(dir, &back, &d);
    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, FILES[k]);
        unlink(path);
    }
    rmdir(dir);
    if (st != SC_OK) {
        fprintf(stderr, "the written copy does not read: %s:%u: %s\n", d.file, d.line, d.msg);
        abort();
    }
    size_t n = sc_instance_ncars(in);
    bool same = sc_instance_ncars(back) == n && sc_instance_nprev(back) == sc_instance_nprev(in) &&
                sc_instance_nobjectives(back) == sc_instance_nobjectives(in);
    for (size_t c = 0; same && c < n; c++)
        same = strcmp(sc_instance_car_id(in, c), sc_instance_car_id(back, c)) == 0;
    if (same) {
        sc_score a, b;
        score_identity(in, &a);
        score_identity(back, &b);
        same = a.total == b.total && a.longest_run == b.longest_run &&
               a.batch_excess == b.batch_excess && a.hard == b.hard;
        for (size_t k = 0; same && k < sc_instance_nobjectives(in); k++)
            same = a.value[k] == b.value[k];
    }
    sc_instance_free(back);
    if (!same) {
        fprintf(stderr, "the written copy differs from the instance\n");
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t start = 0;
    for (int k = 0; k < 4; k++) {
        size_t end = size;
        if (k < 3) {
            const uint8_t *ff = start < size ? memchr(data + start, 0xFF, size - start) : NULL;
            if (ff) end = (size_t)(ff - data);
        }
        if (start > size) start = size;
        fz_write(k, FILES[k], data + start, end - start);
        start = end + 1;
    }
    sc_instance *in;
    sc_diag d;
    if (sc_roadef_read(fz_dir(), &in, &d) == SC_OK) {
        fz_check_instance(in);
        check_round_trip(in);
        sc_instance_free(in);
    }
    return 0;
}
