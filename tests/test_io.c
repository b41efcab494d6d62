/*
** The readers and writers on well-formed input: the small instances of
** tests/data read into the expected model, scored by hand, and solutions
** written, read back and scored.
*/
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ROADEF_BASE SC_TEST_DATA "/roadef/base"
#define CSPLIB_BASE SC_TEST_DATA "/csplib/base.txt"

static sc_instance *read_ok(const char *path) {
    sc_instance *in = NULL;
    sc_diag d = {0};
    sc_status st = sc_instance_read(path, &in, &d);
    if (st) print_error("%s:%u: %s\n", d.file, d.line, d.msg);
    assert_int_equal(st, SC_OK);
    assert_non_null(in);
    return in;
}

static sc_score score_ok(const sc_instance *in, const uint32_t *seq) {
    sc_score s;
    sc_diag d = {0};
    sc_status st = sc_score_sequence(in, seq, &s, &d);
    if (st) print_error("%s\n", d.msg);
    assert_int_equal(st, SC_OK);
    return s;
}

/* Reads the whole file 'path' into 'buf' of 'size' bytes. */
static const char *slurp(const char *path, char *buf, size_t size) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* True when 'dir' holds a file whose name contains ".tmp". */
static bool has_temp_file(const char *dir) {
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    bool found = false;
    for (struct dirent *e; (e = readdir(dp)) != NULL;)
        if (strstr(e->d_name, ".tmp")) found = true;
    closedir(dp);
    return found;
}

/*
** tests/data/roadef/base: 2 previous-day cars, 5 day cars.
**   pos  car  colour HP1 LP1
**    0   P1     1     1   0      previous day
**    1   P2     2     1   1      previous day
**    2   C1     1     1   1
**    3   C2     1     0   1
**    4   C3     2     1   0
**    5   C4     3     0   1
**    6   C5     3     1   1
** HP1 1/2 (Prio 1): windows start at 2 - 2 + 1 = 1:
**   [1,2] 2 -> 1, [2,3] 1, [3,4] 1, [4,5] 1, [5,6] 1, [6] 1: hprc 1.
** LP1 2/3 (Prio 0): windows start at 0:
**   [0..2] 2, [1..3] 3 -> 1, [2..4] 2, [3..5] 2, [4..6] 2, [5..6] 2, [6] 1:
**   lprc 1.
** Colours: P2 (2) -> C1 (1) 1, C1 -> C2 0, C2 -> C3 1, C3 -> C4 1, C4 -> C5 0:
**   3. Runs 1 1 | 2 | 3 3: longest 2 within the limit 3.
** Total 1,000,000 x 1 + 1,000 x 3 + 1 = 1,003,001.
*/
static void test_roadef_base(void **state) {
    (void)state;
    sc_instance *in = read_ok(ROADEF_BASE);
    assert_int_equal(sc_instance_format(in), SC_FORMAT_ROADEF);
    assert_int_equal(sc_instance_ncars(in), 7);
    assert_int_equal(sc_instance_nprev(in), 2);
    assert_int_equal(sc_instance_nfixed(in), 2);
    assert_int_equal(sc_instance_batch_limit(in), 3);
    assert_int_equal(sc_instance_noptions(in), 2);
    assert_int_equal(sc_instance_nrules(in), 2);
    sc_rule r0 = sc_instance_rule(in, 0), r1 = sc_instance_rule(in, 1);
    assert_int_equal(r0.option, 0);
    assert_int_equal(r0.n, 1);
    assert_int_equal(r0.p, 2);
    assert_int_equal(r0.level, 1);
    assert_false(r0.hard);
    assert_int_equal(r1.option, 1);
    assert_int_equal(r1.n, 2);
    assert_int_equal(r1.p, 3);
    assert_int_equal(r1.level, 0);
    assert_int_equal(sc_instance_nobjectives(in), 3);
    sc_objective o0 = sc_instance_objective(in, 0), o1 = sc_instance_objective(in, 1),
                 o2 = sc_instance_objective(in, 2);
    assert_int_equal(o0.kind, SC_OBJ_RATIO);
    assert_int_equal(o0.level, 1);
    assert_int_equal(o0.weight, 1000000);
    assert_int_equal(o1.kind, SC_OBJ_COLOUR);
    assert_int_equal(o1.weight, 1000);
    assert_int_equal(o2.kind, SC_OBJ_RATIO);
    assert_int_equal(o2.level, 0);
    assert_int_equal(o2.weight, 1);
    assert_int_equal(sc_instance_ncolours(in), 3);
    static const char *const ids[] = {"P1", "P2", "C1", "C2", "C3", "C4", "C5"};
    static const int hp[] = {1, 1, 1, 0, 1, 0, 1}, lp[] = {0, 1, 1, 1, 0, 1, 1};
    static const char *const col[] = {"1", "2", "1", "1", "2", "3", "3"};
    for (size_t k = 0; k < 7; k++) {
        assert_string_equal(sc_instance_car_id(in, k), ids[k]);
        assert_int_equal(sc_instance_car_has(in, k, 0), hp[k]);
        assert_int_equal(sc_instance_car_has(in, k, 1), lp[k]);
        assert_string_equal(sc_instance_colour_name(in, (size_t)sc_instance_car_colour(in, k)),
                            col[k]);
    }
    assert_int_equal(sc_instance_find_car(in, "C3"), 4);
    assert_int_equal(sc_instance_find_car(in, "P1"), -1);
    uint32_t seq[7];
    sc_sequence_identity(in, seq);
    sc_score s = score_ok(in, seq);
    assert_int_equal(s.value[0], 1);
    assert_int_equal(s.value[1], 3);
    assert_int_equal(s.value[2], 1);
    assert_int_equal(s.total, 1003001);
    assert_int_equal(s.longest_run, 2);
    assert_true(sc_score_is_feasible(&s));
    sc_instance_free(in);
}

/*
** A solution for the base instance: C2 C1 C4 C3 C5.
**   pos   0  1 | 2  3  4  5  6
**   car  P1 P2 |C2 C1 C4 C3 C5
**   HP1   1  1 | 0  1  0  1  1   [1,2] 1, [2,3] 1, [3,4] 1, [4,5] 1,
**                                [5,6] 2 -> 1, [6] 1: 1
**   LP1   0  1 | 1  1  1  0  1   [0..2] 2, [1..3] 3 -> 1, [2..4] 3 -> 1,
**                                [3..5] 2, [4..6] 2, [5..6] 1, [6] 1: 2
**   col   1  2 | 1  1  3  2  3   2->1, 1->3, 3->2, 2->3: 4
** Total 1,000,000 + 4,000 + 2 = 1,004,002.
** It is written, read back to the same sequence, and its file holds one
** 'rank;Ident' line per day car, and no temporary file is left behind.
*/
static void test_roadef_solution_round_trip(void **state) {
    (void)state;
    sc_instance *in = read_ok(ROADEF_BASE);
    const uint32_t seq[7] = {0, 1, 3, 2, 5, 4, 6};
    sc_score s = score_ok(in, seq);
    assert_int_equal(s.value[0], 1);
    assert_int_equal(s.value[1], 4);
    assert_int_equal(s.value[2], 2);
    assert_int_equal(s.total, 1004002);

    char *tmp = tu_tmpdir();
    char path[4096], text[1024];
    sc_diag d = {0};
    tu_join(path, sizeof path, tmp, "sol.txt");
    assert_int_equal(sc_solution_write(in, seq, path, &d), SC_OK);
    assert_string_equal(slurp(path, text, sizeof text), "1;C2\n2;C1\n3;C4\n4;C3\n5;C5\n");
    assert_false(has_temp_file(tmp));
    uint32_t back[7];
    assert_int_equal(sc_solution_read(in, path, back, &d), SC_OK);
    assert_memory_equal(back, seq, sizeof seq);
    /* Writing again replaces the file. */
    sc_sequence_identity(in, back);
    assert_int_equal(sc_solution_write(in, back, path, &d), SC_OK);
    assert_string_equal(slurp(path, text, sizeof text), "1;C1\n2;C2\n3;C3\n4;C4\n5;C5\n");
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/* A file that cannot be created: SC_EIO, the path in the diagnostic. */
static void test_solution_write_error(void **state) {
    (void)state;
    sc_instance *in = read_ok(ROADEF_BASE);
    uint32_t seq[7];
    sc_sequence_identity(in, seq);
    sc_diag d = {0};
    const char *path = SC_TEST_DATA "/no-such-dir/sol.txt";
    assert_int_equal(sc_solution_write(in, seq, path, &d), SC_EIO);
    assert_true(tu_contains(d.file, "no-such-dir/sol.txt"));
    assert_true(tu_contains(d.msg, "cannot write"));
    sc_instance_free(in);
}

/* sc_solution_print writes the same lines to a stream. */
static void test_solution_print(void **state) {
    (void)state;
    sc_instance *in = read_ok(ROADEF_BASE);
    uint32_t seq[7];
    sc_sequence_identity(in, seq);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(sc_solution_print(in, seq, f), SC_OK);
    rewind(f);
    char text[256];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_string_equal(text, "1;C1\n2;C2\n3;C3\n4;C4\n5;C5\n");
    sc_instance_free(in);
}

/*
** One date only: no previous day, every car is a day car. Two objectives:
** the weights are 1,000,000 and 1,000.
**   cars A (red, R1) B (red) C (blue, R1); rule R1 1/2 Prio 1.
**   R1: 1 0 1: windows [0,1] 1, [1,2] 1, [2] 1: 0. Colours: red red blue: 1.
**   Order colour > hprc: total 1,000,000 x 1 + 1,000 x 0 = 1,000,000.
*/
static void test_roadef_one_day(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    char dir[4096];
    tu_roadef(dir, sizeof dir, tmp, "one",
              "rank;objective name\n1;paint_color_batches\n"
              "2;high_priority_level_and_easy_to_satisfy_ratio_constraints\n",
              "limitation\n5\n", "Ratio;Prio;Ident\n1/2;1;R1\n",
              "Date;SeqRank;Ident;Paint Color;R1\nd;1;A;red;1\nd;2;B;red;0\nd;3;C;blue;1\n");
    sc_instance *in = read_ok(dir);
    assert_int_equal(sc_instance_nprev(in), 0);
    assert_int_equal(sc_instance_ncars(in), 3);
    assert_int_equal(sc_instance_nobjectives(in), 2);
    assert_int_equal(sc_instance_objective(in, 0).kind, SC_OBJ_COLOUR);
    assert_int_equal(sc_instance_objective(in, 0).weight, 1000000);
    assert_int_equal(sc_instance_objective(in, 1).weight, 1000);
    uint32_t seq[3];
    sc_sequence_identity(in, seq);
    sc_score s = score_ok(in, seq);
    assert_int_equal(s.value[0], 1);
    assert_int_equal(s.value[1], 0);
    assert_int_equal(s.total, 1000000);
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/*
** The columns of vehicles.txt may come in any order and match ratios.txt
** by name; previous-day ids may repeat (real data has some) and a day car
** may reuse a previous-day id.
*/
static void test_roadef_columns_by_name(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    char dir[4096];
    tu_roadef(dir, sizeof dir, tmp, "cols", "rank;objective name\n1;paint_color_batches\n",
              "limitation\n5\n", "Ratio;Prio;Ident\n1/2;1;R1\n1/3;0;R2\n",
              "Date;SeqRank;Ident;Paint Color;R2;R1\n"
              "d1;1;X;c;1;0\nd1;2;X;c;0;1\n"
              "d2;1;X;c;1;0\nd2;2;Y;c;0;1\n");
    sc_instance *in = read_ok(dir);
    assert_int_equal(sc_instance_nprev(in), 2);
    assert_string_equal(sc_instance_option_name(in, 0), "R1");
    assert_string_equal(sc_instance_option_name(in, 1), "R2");
    /* Car 2 (X of d2) has R2 (option 1), not R1. */
    assert_false(sc_instance_car_has(in, 2, 0));
    assert_true(sc_instance_car_has(in, 2, 1));
    assert_true(sc_instance_car_has(in, 3, 0));
    assert_int_equal(sc_instance_find_car(in, "X"), 2);
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/*
** tests/data/csplib/base.txt: 6 cars, options 1/2 and 2/3, classes
**   0: 1 car  (1 0),  1: 2 cars (0 1),  2: 3 cars (1 1).
** File order 0 1 1 2 2 2, full windows only:
**   option 1: 1 0 0 1 1 1: [0,1] 1, [1,2] 0, [2,3] 1, [3,4] 2 -> 1,
**             [4,5] 2 -> 1: 2
**   option 2: 0 1 1 1 1 1: [0..2] 2, [1..3] 3 -> 1, [2..4] -> 1,
**             [3..5] -> 1: 3
** Total 5. The order 2 1 2 0 2 1:
**   option 1: 1 0 1 1 1 0: [2,3] -> 1, [3,4] -> 1: 2
**   option 2: 1 1 1 0 1 1: [0..2] -> 1, others 2: 1
** Total 3.
*/
static void test_csplib_base(void **state) {
    (void)state;
    sc_instance *in = read_ok(CSPLIB_BASE);
    assert_int_equal(sc_instance_format(in), SC_FORMAT_CSPLIB);
    assert_int_equal(sc_instance_ncars(in), 6);
    assert_int_equal(sc_instance_nprev(in), 0);
    assert_int_equal(sc_instance_nfixed(in), 0);
    assert_int_equal(sc_instance_noptions(in), 2);
    assert_int_equal(sc_instance_nrules(in), 2);
    assert_int_equal(sc_instance_rule(in, 0).n, 1);
    assert_int_equal(sc_instance_rule(in, 0).p, 2);
    assert_int_equal(sc_instance_rule(in, 1).n, 2);
    assert_int_equal(sc_instance_rule(in, 1).p, 3);
    assert_int_equal(sc_instance_nobjectives(in), 1);
    assert_int_equal(sc_instance_batch_limit(in), 0);
    static const char *const ids[] = {"0.1", "1.1", "1.2", "2.1", "2.2", "2.3"};
    static const char *const models[] = {"0", "1", "1", "2", "2", "2"};
    for (size_t k = 0; k < 6; k++) {
        assert_string_equal(sc_instance_car_id(in, k), ids[k]);
        assert_string_equal(sc_instance_car_model(in, k), models[k]);
    }
    uint32_t seq[6];
    sc_sequence_identity(in, seq);
    assert_int_equal(score_ok(in, seq).total, 5);

    char *tmp = tu_tmpdir();
    char path[4096], text[256];
    sc_diag d = {0};
    tu_join(path, sizeof path, tmp, "sol.txt");
    tu_write(tmp, "sol.txt", "2 1 2 0 2 1\n");
    assert_int_equal(sc_solution_read(in, path, seq, &d), SC_OK);
    sc_score s = score_ok(in, seq);
    assert_int_equal(s.value[0], 3);
    assert_int_equal(s.total, 3);
    /* Written back: one class per line, the cars of a class in order. */
    assert_int_equal(sc_solution_write(in, seq, path, &d), SC_OK);
    assert_string_equal(slurp(path, text, sizeof text), "2\n1\n2\n0\n2\n1\n");
    uint32_t back[6];
    assert_int_equal(sc_solution_read(in, path, back, &d), SC_OK);
    assert_memory_equal(back, seq, sizeof seq);
    assert_string_equal(sc_instance_car_id(in, seq[0]), "2.1");
    assert_string_equal(sc_instance_car_id(in, seq[2]), "2.2");
    assert_string_equal(sc_instance_car_id(in, seq[4]), "2.3");
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/* A class with no car is allowed; its index is simply never listed. */
static void test_csplib_empty_class(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    tu_write(tmp, "i.txt", "2 1 3\n1\n2\n0 1 1\n1 0 1\n2 1 0\n");
    char path[4096];
    sc_instance *in = read_ok(tu_join(path, sizeof path, tmp, "i.txt"));
    assert_int_equal(sc_instance_ncars(in), 2);
    assert_string_equal(sc_instance_car_model(in, 1), "2");
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/*
** Frozen cars in a ROADEF solution: they are listed at their own ranks,
** after the previous day. Instance P0 | F1 F2 (frozen) D1 D2.
*/
static void test_solution_frozen(void **state) {
    (void)state;
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    int c = sc_instance_colour(in, "1");
    assert_int_equal(sc_instance_add_car(in, SC_CAR_PREV, "P0", c, NULL, 0, NULL, NULL), 0);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FROZEN, "F1", c, NULL, 0, NULL, NULL), 1);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FROZEN, "F2", c, NULL, 0, NULL, NULL), 2);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "D1", c, NULL, 0, NULL, NULL), 3);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "D2", c, NULL, 0, NULL, NULL), 4);
    char *tmp = tu_tmpdir();
    char path[4096], text[256];
    sc_diag d = {0};
    tu_join(path, sizeof path, tmp, "sol.txt");
    const uint32_t seq[5] = {0, 1, 2, 4, 3};
    assert_int_equal(sc_solution_write(in, seq, path, &d), SC_OK);
    assert_string_equal(slurp(path, text, sizeof text), "1;F1\n2;F2\n3;D2\n4;D1\n");
    uint32_t back[5];
    assert_int_equal(sc_solution_read(in, path, back, &d), SC_OK);
    assert_memory_equal(back, seq, sizeof seq);
    /* A frozen car at another rank is refused. */
    tu_write(tmp, "bad.txt", "1;F2\n2;F1\n3;D1\n4;D2\n");
    assert_int_equal(sc_solution_read(in, tu_join(path, sizeof path, tmp, "bad.txt"), back, &d),
                     SC_EINVAL);
    assert_int_equal(d.line, 1);
    assert_true(tu_contains(d.msg, "'F2' at rank 1"));
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/* sc_instance_read: a directory is ROADEF, a file CSPLib. */
static void test_instance_read_dispatch(void **state) {
    (void)state;
    sc_instance *in = read_ok(ROADEF_BASE);
    assert_int_equal(sc_instance_format(in), SC_FORMAT_ROADEF);
    sc_instance_free(in);
    in = read_ok(CSPLIB_BASE);
    assert_int_equal(sc_instance_format(in), SC_FORMAT_CSPLIB);
    sc_instance_free(in);
    /* A trailing '/' on the directory is fine. */
    in = read_ok(ROADEF_BASE "/");
    assert_int_equal(sc_instance_ncars(in), 7);
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- ROADEF writer */

/*
** Checks that 'b' (read back from what sc_roadef_write made of 'a') is the
** same instance: the same cars in the same order with the same ids,
** colours and options, the same rules, objectives and batch limit (a limit
** of 0 comes back as the day's length, which never binds), and the same
** file-order score.
*/
static void expect_same_instance(const sc_instance *a, const sc_instance *b) {
    size_t n = sc_instance_ncars(a);
    assert_int_equal(sc_instance_ncars(b), n);
    assert_int_equal(sc_instance_nprev(b), sc_instance_nprev(a));
    assert_int_equal(sc_instance_nfixed(b), sc_instance_nfixed(a));
    int limit = sc_instance_batch_limit(a);
    assert_int_equal(sc_instance_batch_limit(b), limit ? (size_t)limit : n - sc_instance_nprev(a));
    assert_int_equal(sc_instance_nobjectives(b), sc_instance_nobjectives(a));
    for (size_t k = 0; k < sc_instance_nobjectives(a); k++) {
        sc_objective oa = sc_instance_objective(a, k), ob = sc_instance_objective(b, k);
        assert_int_equal(ob.kind, oa.kind);
        if (oa.kind == SC_OBJ_RATIO) assert_int_equal(ob.level, oa.level);
    }
    /* Options may come back in another order: match them by name. */
    size_t no = sc_instance_noptions(a);
    assert_int_equal(sc_instance_noptions(b), no);
    size_t map[SC_MAX_OPTIONS];
    for (size_t o = 0; o < no; o++) {
        map[o] = SIZE_MAX;
        for (size_t p = 0; p < no; p++)
            if (strcmp(sc_instance_option_name(a, o), sc_instance_option_name(b, p)) == 0)
                map[o] = p;
        assert_true(map[o] != SIZE_MAX);
    }
    assert_int_equal(sc_instance_nrules(b), sc_instance_nrules(a));
    for (size_t r = 0; r < sc_instance_nrules(a); r++) {
        sc_rule ra = sc_instance_rule(a, r);
        bool found = false;
        for (size_t q = 0; q < sc_instance_nrules(b); q++) {
            sc_rule rb = sc_instance_rule(b, q);
            if ((size_t)rb.option == map[ra.option] && rb.n == ra.n && rb.p == ra.p &&
                rb.level == ra.level && rb.hard == ra.hard)
                found = true;
        }
        assert_true(found);
    }
    for (size_t c = 0; c < n; c++) {
        assert_string_equal(sc_instance_car_id(b, c), sc_instance_car_id(a, c));
        assert_string_equal(sc_instance_colour_name(b, (size_t)sc_instance_car_colour(b, c)),
                            sc_instance_colour_name(a, (size_t)sc_instance_car_colour(a, c)));
        for (size_t o = 0; o < no; o++)
            assert_int_equal(sc_instance_car_has(b, c, map[o]), sc_instance_car_has(a, c, o));
    }
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    sc_sequence_identity(a, seq);
    sc_score sa = score_ok(a, seq), sb = score_ok(b, seq);
    for (size_t k = 0; k < sc_instance_nobjectives(a); k++)
        assert_int_equal(sb.value[k], sa.value[k]);
    assert_int_equal(sb.longest_run, sa.longest_run);
    assert_int_equal(sb.batch_excess, sa.batch_excess);
    free(seq);
}

/* Writes 'in' to 'tmp'/'name' and reads it back; returns the copy. */
static sc_instance *write_and_read(const sc_instance *in, const char *tmp, const char *name) {
    char dir[4096];
    sc_diag d = {0};
    tu_join(dir, sizeof dir, tmp, name);
    sc_status st = sc_roadef_write(in, dir, &d);
    if (st) print_error("%s: %s\n", d.file, d.msg);
    assert_int_equal(st, SC_OK);
    assert_false(has_temp_file(tmp));
    return read_ok(dir);
}

static void test_roadef_write_round_trip(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    sc_instance *in = read_ok(ROADEF_BASE);
    sc_instance *back = write_and_read(in, tmp, "base");
    expect_same_instance(in, back);
    /* And once more from the copy: a fixed point. */
    sc_instance *again = write_and_read(back, tmp, "again");
    expect_same_instance(back, again);
    sc_instance_free(again);
    sc_instance_free(back);
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/*
** A built instance: rules declared in another order than their options,
** two objectives, no batch limit, no previous day.
*/
static void test_roadef_write_built(void **state) {
    (void)state;
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    assert_int_equal(sc_instance_add_option(in, "B"), 1);
    sc_rule rb = {1, 1, 3, 0, false}, ra = {0, 2, 5, 1, false};
    assert_int_equal(sc_instance_add_rule(in, &rb), 0);
    assert_int_equal(sc_instance_add_rule(in, &ra), 1);
    sc_objective col = {SC_OBJ_COLOUR, 0, 1}, hp = {SC_OBJ_RATIO, 1, 1};
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    assert_int_equal(sc_instance_add_objective(in, &hp), SC_OK);
    int red = sc_instance_colour(in, "red"), blue = sc_instance_colour(in, "dark blue");
    const int a[] = {0}, ab[] = {0, 1};
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x1", red, a, 1, NULL, NULL) >= 0);
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x2", blue, ab, 2, NULL, NULL) >= 0);
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x3", red, NULL, 0, NULL, NULL) >= 0);
    char *tmp = tu_tmpdir();
    sc_instance *back = write_and_read(in, tmp, "built");
    expect_same_instance(in, back);
    sc_instance_free(back);
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

/* sc_roadef_write refuses 'in' (which it frees) as 'name' under 'tmp',
** with a message holding 'want', and leaves no 'name'. */
static void refused(sc_instance *in, const char *tmp, const char *name, const char *want) {
    char dir[4096];
    sc_diag d = {0};
    assert_int_equal(sc_roadef_write(in, tu_join(dir, sizeof dir, tmp, name), &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, want));
    struct stat sb;
    assert_int_equal(stat(dir, &sb), -1);
    sc_instance_free(in);
}

/* An instance with option A (no rule), one free car, and objectives 'a',
** then 'b' (may be NULL). */
static sc_instance *plain(const sc_objective *a, const sc_objective *b) {
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    assert_int_equal(sc_instance_add_objective(in, a), SC_OK);
    if (b) assert_int_equal(sc_instance_add_objective(in, b), SC_OK);
    int c = sc_instance_colour(in, "c");
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x", c, NULL, 0, NULL, NULL) >= 0);
    return in;
}

/* What the layout cannot hold is refused, and nothing is left behind. */
static void test_roadef_write_refused(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    char dir[4096];
    sc_diag d = {0};
    sc_instance *in = read_ok(ROADEF_BASE);
    /* The target exists. */
    assert_int_equal(sc_roadef_write(in, tmp, &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "already exists"));
    sc_instance_free(in);

    /* Frozen cars. */
    assert_int_equal(sc_instance_new(&in), SC_OK);
    sc_objective col = {SC_OBJ_COLOUR, 0, 1};
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    int c = sc_instance_colour(in, "c");
    assert_true(sc_instance_add_car(in, SC_CAR_FROZEN, "f", c, NULL, 0, NULL, NULL) >= 0);
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x", c, NULL, 0, NULL, NULL) >= 0);
    assert_int_equal(sc_roadef_write(in, tu_join(dir, sizeof dir, tmp, "frozen"), &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "frozen"));
    sc_instance_free(in);

    /* A car id that cannot be a field. */
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    c = sc_instance_colour(in, "c");
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "a;b", c, NULL, 0, NULL, NULL) >= 0);
    assert_int_equal(sc_roadef_write(in, tu_join(dir, sizeof dir, tmp, "semi"), &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "car id 'a;b'"));
    sc_instance_free(in);

    /* A hard rule. */
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    sc_rule hard = {0, 1, 2, 1, true};
    assert_int_equal(sc_instance_add_rule(in, &hard), 0);
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    c = sc_instance_colour(in, "c");
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x", c, NULL, 0, NULL, NULL) >= 0);
    assert_int_equal(sc_roadef_write(in, tu_join(dir, sizeof dir, tmp, "hard"), &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "hard"));
    sc_instance_free(in);

    /* The objectives: none, a ratio level ROADEF lacks, one twice. */
    assert_int_equal(sc_instance_new(&in), SC_OK);
    c = sc_instance_colour(in, "c");
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x", c, NULL, 0, NULL, NULL) >= 0);
    refused(in, tmp, "noobj", "needs 1 to 3 objectives, the instance has 0");
    sc_objective lvl2 = {SC_OBJ_RATIO, 2, 1};
    refused(plain(&lvl2, NULL), tmp, "lvl2", "objective 1: ratio level 2");
    refused(plain(&col, &col), tmp, "twice", "objective 2 repeats objective 1");
    /* The rules: two on one option, none on another. */
    in = plain(&col, NULL);
    sc_rule r1 = {0, 1, 2, 1, false};
    assert_int_equal(sc_instance_add_rule(in, &r1), 0);
    assert_int_equal(sc_instance_add_rule(in, &r1), 1);
    refused(in, tmp, "tworules", "option 'A' has two rules");
    refused(plain(&col, NULL), tmp, "norule", "option 'A' has no rule");
    /* Names that cannot be fields. */
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_option(in, "A;B"), 0);
    assert_int_equal(sc_instance_add_rule(in, &r1), 0);
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    refused(in, tmp, "optname", "option name 'A;B' cannot be written as a field");
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    c = sc_instance_colour(in, "dark;red");
    assert_true(sc_instance_add_car(in, SC_CAR_FREE, "x", c, NULL, 0, NULL, NULL) >= 0);
    refused(in, tmp, "colname", "colour name 'dark;red' cannot be written as a field");
    /* No car of the day: the previous day's only. */
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    c = sc_instance_colour(in, "c");
    assert_true(sc_instance_add_car(in, SC_CAR_PREV, "p", c, NULL, 0, NULL, NULL) >= 0);
    refused(in, tmp, "nocar", "the instance has no car of the day");

    /* Nothing but the scratch directory's own (empty) listing is left. */
    assert_false(has_temp_file(tmp));
    sc_instance *none;
    assert_int_equal(sc_instance_read(tu_join(dir, sizeof dir, tmp, "frozen"), &none, &d), SC_EIO);
    tu_tmpdir_free(tmp);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roadef_base),
        cmocka_unit_test(test_roadef_solution_round_trip),
        cmocka_unit_test(test_solution_write_error),
        cmocka_unit_test(test_solution_print),
        cmocka_unit_test(test_roadef_one_day),
        cmocka_unit_test(test_roadef_columns_by_name),
        cmocka_unit_test(test_csplib_base),
        cmocka_unit_test(test_csplib_empty_class),
        cmocka_unit_test(test_solution_frozen),
        cmocka_unit_test(test_instance_read_dispatch),
        cmocka_unit_test(test_roadef_write_round_trip),
        cmocka_unit_test(test_roadef_write_built),
        cmocka_unit_test(test_roadef_write_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
