/*
** libFuzzer harness for the solution reader. The first byte of the input
** picks one of three fixed instances (a ROADEF instance with a previous
** day, a CSPLib instance, an instance with frozen cars); the rest is the
** solution file, read with sc_solution_read. A solution the reader accepts
** must be a valid sequence: sc_score_sequence must accept it too.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"

static sc_instance *inst[3];

/* The base ROADEF instance of tests/data, written into the scratch
** directory (the solution file sits beside it under another name). */
static sc_instance *read_roadef(void) {
    static const char *const files[4][2] = {
        {"optimization_objectives.txt",
         "rank;objective name;\n1;high_priority_level_and_difficult_to_satisfy_ratio_constraints;\n"
         "2;paint_color_batches;\n3;low_priority_level_ratio_constraints;\n"},
        {"paint_batch_limit.txt", "limitation;\n3;\n"},
        {"ratios.txt", "Ratio;Prio;Ident;\n1/2;1;HP1;\n2/3;0;LP1;\n"},
        {"vehicles.txt", "Date;SeqRank;Ident;Paint Color;HP1;LP1\n"
                         "2005 1 1;1;P1;1;1;0\n2005 1 1;2;P2;2;1;1\n"
                         "2005 1 2;1;C1;1;1;1\n2005 1 2;2;C2;1;0;1\n2005 1 2;3;C3;2;1;0\n"
                         "2005 1 2;4;C4;3;0;1\n2005 1 2;5;C5;3;1;1\n"},
    };
    for (int k = 0; k < 4; k++)
        fz_write(k, files[k][0], files[k][1], strlen(files[k][1]));
    sc_instance *in;
    sc_diag d;
    if (sc_roadef_read(fz_dir(), &in, &d) != SC_OK) abort();
    return in;
}

static sc_instance *read_csplib(void) {
    static const char text[] = "6 2 3\n1 2\n2 3\n0 1 1 0\n1 2 0 1\n2 3 1 1\n";
    const char *path = fz_write(0, "csplib.txt", text, sizeof text - 1);
    sc_instance *in;
    sc_diag d;
    if (sc_csplib_read(path, &in, &d) != SC_OK) abort();
    return in;
}

/* P0 | F1 F2 (frozen) D1 D2 D3 */
static sc_instance *build_frozen(void) {
    sc_instance *in;
    if (sc_instance_new(&in) != SC_OK) abort();
    int c = sc_instance_colour(in, "1");
    static const char *const ids[6] = {"P0", "F1", "F2", "D1", "D2", "D3"};
    static const sc_car_kind kinds[6] = {SC_CAR_PREV, SC_CAR_FROZEN, SC_CAR_FROZEN,
                                         SC_CAR_FREE, SC_CAR_FREE,   SC_CAR_FREE};
    for (int k = 0; k < 6; k++)
        if (sc_instance_add_car(in, kinds[k], ids[k], c, NULL, 0, NULL, NULL) != k) abort();
    return in;
}

static void free_all(void) {
    for (int k = 0; k < 3; k++)
        sc_instance_free(inst[k]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    inst[0] = read_roadef();
    inst[1] = read_csplib();
    inst[2] = build_frozen();
    atexit(free_all);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    sc_instance *in = inst[data[0] % 3];
    const char *path = fz_write(1, "solution.txt", data + 1, size - 1);
    size_t n = sc_instance_ncars(in);
    uint32_t seq[16];
    if (n > 16) abort();
    sc_diag d;
    if (sc_solution_read(in, path, seq, &d) == SC_OK) {
        sc_score s;
        if (sc_score_sequence(in, seq, &s, &d) != SC_OK) {
            fprintf(stderr, "an accepted solution does not score: %s\n", d.msg);
            abort();
        }
    }
    return 0;
}
