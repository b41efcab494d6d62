/*
** Every error message of the readers (src/io/roadef.c, csplib.c,
** solution.c, text.c) against a malformed file of tests/data/bad/, with the
** status, the file, the line, the column and a distinctive part of the
** message; then the quirks that real files have and that must parse: a
** UTF-8 byte order mark, CRLF line ends, a missing final newline, a
** trailing ';', blank lines and blanks around fields.
**
** A ROADEF case directory under tests/data/bad/roadef/ holds only the files
** that differ from tests/data/roadef/base/: the test copies the base into a
** scratch directory and lays the case's files over it. Solution cases are
** read against tests/data/roadef/base/ and tests/data/csplib/base.txt,
** except 'solution-roadef/frozen.txt', read against the instance with
** frozen cars built by 'frozen_instance'.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BAD SC_TEST_DATA "/bad"
#define ROADEF_BASE SC_TEST_DATA "/roadef/base"
#define CSPLIB_BASE SC_TEST_DATA "/csplib/base.txt"

typedef enum how {
    ROADEF_OVERLAY, /* base ROADEF instance with the case's files laid over it */
    ROADEF_DIR,     /* sc_roadef_read on the case directory as it is */
    CSPLIB,         /* sc_csplib_read on the case file */
    ANY,            /* sc_instance_read on the case path */
    SOL_ROADEF,     /* sc_solution_read against the base ROADEF instance */
    SOL_FROZEN,     /* sc_solution_read against 'frozen_instance' */
    SOL_CSPLIB,     /* sc_solution_read against the base CSPLib instance */
} how;

typedef struct bad_case {
    how how;
    const char *path; /* under tests/data/bad */
    sc_status status;
    const char *file; /* what the diagnostic's file name ends with */
    unsigned line, column;
    const char *msg; /* a distinctive part of the message */
} bad_case;

/* One row per distinct message. */
static const bad_case CASES[] = {
    /* src/io/roadef.c */
    {ROADEF_OVERLAY, "roadef/objectives_empty", SC_EINVAL, "optimization_objectives.txt", 1, 0,
     "empty file: expected a header line"},
    {ROADEF_OVERLAY, "roadef/objectives_too_many_fields", SC_EINVAL, "optimization_objectives.txt",
     1, 0, "too many fields (at most 1024)"},
    {ROADEF_OVERLAY, "roadef/objectives_one_field", SC_EINVAL, "optimization_objectives.txt", 2, 2,
     "expected 'rank;objective name'"},
    {ROADEF_OVERLAY, "roadef/objectives_bad_rank", SC_EINVAL, "optimization_objectives.txt", 2, 1,
     "rank: expected 1, 2 or 3, got '4'"},
    {ROADEF_OVERLAY, "roadef/objectives_bad_name", SC_EINVAL, "optimization_objectives.txt", 2, 2,
     "got 'colour_changes'"},
    {ROADEF_OVERLAY, "roadef/objectives_rank_twice", SC_EINVAL, "optimization_objectives.txt", 3, 1,
     "rank 1 given twice"},
    {ROADEF_OVERLAY, "roadef/objectives_name_twice", SC_EINVAL, "optimization_objectives.txt", 3, 2,
     "objective 'paint_color_batches' given twice"},
    {ROADEF_OVERLAY, "roadef/objectives_none", SC_EINVAL, "optimization_objectives.txt", 2, 0,
     "expected at least one objective"},
    {ROADEF_OVERLAY, "roadef/objectives_rank_missing", SC_EINVAL, "optimization_objectives.txt", 3,
     1, "ranks must be 1..2: rank 2 missing"},
    {ROADEF_OVERLAY, "roadef/batch_missing", SC_EINVAL, "paint_batch_limit.txt", 2, 1,
     "expected the paint batch limit"},
    {ROADEF_OVERLAY, "roadef/batch_not_positive", SC_EINVAL, "paint_batch_limit.txt", 2, 1,
     "paint batch limit: expected a positive integer, got '0'"},
    {ROADEF_OVERLAY, "roadef/ratios_short", SC_EINVAL, "ratios.txt", 2, 0,
     "expected 'N/P;Prio;Ident'"},
    {ROADEF_OVERLAY, "roadef/ratios_bad_ratio", SC_EINVAL, "ratios.txt", 3, 1,
     "ratio: expected N/P with 0 <= N <= P, got '3/2'"},
    {ROADEF_OVERLAY, "roadef/ratios_bad_prio", SC_EINVAL, "ratios.txt", 2, 2,
     "Prio: expected 0 or 1, got '2'"},
    {ROADEF_OVERLAY, "roadef/ratios_no_ident", SC_EINVAL, "ratios.txt", 2, 3,
     "Ident: expected a name"},
    {ROADEF_OVERLAY, "roadef/ratios_ident_twice", SC_EINVAL, "ratios.txt", 3, 3,
     "Ident 'HP1' given twice"},
    {ROADEF_OVERLAY, "roadef/vehicles_third_date", SC_EINVAL, "vehicles.txt", 9, 1,
     "Date: a third date '2005 1 3'"},
    {ROADEF_OVERLAY, "roadef/vehicles_short_header", SC_EINVAL, "vehicles.txt", 1, 0,
     "header: expected 'Date;SeqRank;Ident;Paint Color'"},
    {ROADEF_OVERLAY, "roadef/vehicles_unknown_column", SC_EINVAL, "vehicles.txt", 1, 6,
     "column 'HP2' is not a ratio of ratios.txt"},
    {ROADEF_OVERLAY, "roadef/vehicles_column_twice", SC_EINVAL, "vehicles.txt", 1, 6,
     "column 'HP1' given twice"},
    {ROADEF_OVERLAY, "roadef/vehicles_missing_column", SC_EINVAL, "vehicles.txt", 1, 0,
     "no column for ratio 'LP1'"},
    {ROADEF_OVERLAY, "roadef/vehicles_field_count", SC_EINVAL, "vehicles.txt", 4, 0,
     "expected 6 fields, got 5"},
    {ROADEF_OVERLAY, "roadef/vehicles_no_ident", SC_EINVAL, "vehicles.txt", 3, 3,
     "Ident: expected a car id"},
    {ROADEF_OVERLAY, "roadef/vehicles_no_colour", SC_EINVAL, "vehicles.txt", 6, 4,
     "Paint Color: expected a colour"},
    {ROADEF_OVERLAY, "roadef/vehicles_bad_flag", SC_EINVAL, "vehicles.txt", 7, 6,
     "LP1: expected 0 or 1, got '2'"},
    {ROADEF_OVERLAY, "roadef/vehicles_ident_twice", SC_EINVAL, "vehicles.txt", 5, 3,
     "Ident: car 'C1' given twice"},
    {ROADEF_OVERLAY, "roadef/vehicles_no_cars", SC_EINVAL, "vehicles.txt", 2, 0,
     "expected at least one car"},

    /* src/io/csplib.c */
    {CSPLIB, "csplib/eof.txt", SC_EINVAL, "eof.txt", 3, 0,
     "unexpected end of file: expected option block size P"},
    {CSPLIB, "csplib/line_too_long.txt", SC_EINVAL, "line_too_long.txt", 1, 0, "line too long"},
    {CSPLIB, "csplib/not_an_integer.txt", SC_EINVAL, "not_an_integer.txt", 1, 2,
     "number of options: expected an integer in [1, 256], got 'x'"},
    {CSPLIB, "csplib/n_exceeds_p.txt", SC_EINVAL, "n_exceeds_p.txt", 3, 2,
     "option 2: N=4 exceeds P=3"},
    {CSPLIB, "csplib/class_index.txt", SC_EINVAL, "class_index.txt", 5, 1,
     "class index: expected 1, got 2"},
    {CSPLIB, "csplib/classes_more.txt", SC_EINVAL, "classes_more.txt", 6, 2,
     "classes hold more than the 6 cars declared"},
    {CSPLIB, "csplib/classes_fewer.txt", SC_EINVAL, "classes_fewer.txt", 6, 0,
     "classes hold 5 cars, 6 declared"},
    {CSPLIB, "csplib/trailing_data.txt", SC_EINVAL, "trailing_data.txt", 7, 0,
     "unexpected data after the last class"},

    /* src/io/text.c */
    {CSPLIB, "csplib/binary.txt", SC_EINVAL, "binary.txt", 0, 0,
     "binary data: expected a text file"},
    {CSPLIB, "csplib/no-such-file.txt", SC_EIO, "no-such-file.txt", 0, 0,
     "cannot open: No such file or directory"},
    {ROADEF_DIR, "roadef/missing_ratios", SC_EIO, "missing_ratios/ratios.txt", 0, 0,
     "cannot open: "},
    /* A directory opens but does not read. */
    {CSPLIB, "csplib", SC_EIO, "csplib", 0, 0, "read error"},

    /* src/io/solution.c */
    {ANY, "no-such-instance", SC_EIO, "no-such-instance", 0, 0, "no such file or directory"},
    {SOL_ROADEF, "solution-roadef/short.txt", SC_EINVAL, "short.txt", 2, 0,
     "expected 'rank;Ident'"},
    {SOL_ROADEF, "solution-roadef/bad_rank.txt", SC_EINVAL, "bad_rank.txt", 2, 1,
     "rank: expected a positive integer, got 'x'"},
    {SOL_ROADEF, "solution-roadef/rank_order.txt", SC_EINVAL, "rank_order.txt", 2, 1,
     "rank: expected 2, got 3"},
    {SOL_ROADEF, "solution-roadef/not_a_day_car.txt", SC_EINVAL, "not_a_day_car.txt", 1, 2,
     "Ident: 'P1' is not a car of the day"},
    {SOL_FROZEN, "solution-roadef/frozen.txt", SC_EINVAL, "frozen.txt", 2, 2,
     "Ident: 'D1' at rank 2, but rank 2 holds frozen car 'F2'"},
    {SOL_ROADEF, "solution-roadef/listed_twice.txt", SC_EINVAL, "listed_twice.txt", 2, 2,
     "Ident: car 'C1' listed twice"},
    {SOL_ROADEF, "solution-roadef/too_few.txt", SC_EINVAL, "too_few.txt", 3, 0,
     "2 cars listed, the day has 5"},
    {SOL_CSPLIB, "solution-csplib/line_too_long.txt", SC_EINVAL, "line_too_long.txt", 1, 0,
     "line too long"},
    {SOL_CSPLIB, "solution-csplib/not_an_index.txt", SC_EINVAL, "not_an_index.txt", 1, 2,
     "expected a class index, got 'x'"},
    {SOL_CSPLIB, "solution-csplib/no_such_class.txt", SC_EINVAL, "no_such_class.txt", 1, 2,
     "class 5: no such class"},
    {SOL_CSPLIB, "solution-csplib/used_too_often.txt", SC_EINVAL, "used_too_often.txt", 1, 2,
     "class 0: used too often"},
    {SOL_CSPLIB, "solution-csplib/too_few.txt", SC_EINVAL, "too_few.txt", 2, 0,
     "5 cars listed, the instance has 6"},
};

/*
** The instance 'solution-roadef/frozen.txt' is read against: one
** previous-day car, two frozen cars F1 F2 and two free ones D1 D2.
*/
static sc_instance *frozen_instance(void) {
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    int c = sc_instance_colour(in, "1");
    assert_int_equal(sc_instance_add_car(in, SC_CAR_PREV, "P0", c, NULL, 0, NULL, NULL), 0);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FROZEN, "F1", c, NULL, 0, NULL, NULL), 1);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FROZEN, "F2", c, NULL, 0, NULL, NULL), 2);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "D1", c, NULL, 0, NULL, NULL), 3);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "D2", c, NULL, 0, NULL, NULL), 4);
    return in;
}

static bool ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Runs one case and returns true when it behaves as its row says; prints
** what differs otherwise. */
static bool run_case(const bad_case *c) {
    char path[4096], dir[4096];
    snprintf(path, sizeof path, "%s/%s", BAD, c->path);
    sc_diag d;
    memset(&d, 0, sizeof d);
    sc_status st;
    char *tmp = NULL;
    sc_instance *in = NULL;
    switch (c->how) {
    case ROADEF_OVERLAY:
        tmp = tu_tmpdir();
        tu_join(dir, sizeof dir, tmp, c->path + strlen("roadef/"));
        if (mkdir(dir, 0777) != 0) {
            print_error("mkdir %s failed\n", dir);
            tu_tmpdir_free(tmp);
            return false;
        }
        tu_copy_dir(ROADEF_BASE, dir);
        tu_copy_dir(path, dir);
        st = sc_roadef_read(dir, &in, &d);
        break;
    case ROADEF_DIR: st = sc_roadef_read(path, &in, &d); break;
    case CSPLIB: st = sc_csplib_read(path, &in, &d); break;
    case ANY: st = sc_instance_read(path, &in, &d); break;
    default: {
        sc_instance *base = NULL;
        sc_diag bd;
        if (c->how == SOL_FROZEN)
            base = frozen_instance();
        else if (c->how == SOL_ROADEF)
            assert_int_equal(sc_roadef_read(ROADEF_BASE, &base, &bd), SC_OK);
        else
            assert_int_equal(sc_csplib_read(CSPLIB_BASE, &base, &bd), SC_OK);
        uint32_t *seq = calloc(sc_instance_ncars(base) + 1, sizeof *seq);
        assert_non_null(seq);
        st = sc_solution_read(base, path, seq, &d);
        free(seq);
        sc_instance_free(base);
        break;
    }
    }
    bool ok = st == c->status && in == NULL && ends_with(d.file, c->file) && d.line == c->line &&
              d.column == c->column && strstr(d.msg, c->msg) != NULL;
    if (!ok)
        print_error("case %s: got status %d, %s:%u:%u: %s\n"
                    "   expected status %d, ...%s:%u:%u: ...%s...\n",
                    c->path, st, d.file, d.line, d.column, d.msg, c->status, c->file, c->line,
                    c->column, c->msg);
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
    return ok;
}

static void test_bad_cases(void **state) {
    (void)state;
    size_t failed = 0;
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++)
        failed += !run_case(&CASES[k]);
    assert_int_equal(failed, 0);
}

/* A NULL diagnostic is allowed: the status alone comes back. */
static void test_null_diag(void **state) {
    (void)state;
    sc_instance *in;
    assert_int_equal(sc_csplib_read(BAD "/csplib/eof.txt", &in, NULL), SC_EINVAL);
    assert_null(in);
    assert_int_equal(sc_roadef_read(BAD "/roadef/missing_ratios", &in, NULL), SC_EIO);
    assert_null(in);
}

/* ------------------------------------------------------------ quirks that parse */

typedef enum quirk {
    Q_NONE = 0,
    Q_BOM = 1,      /* a UTF-8 byte order mark in front */
    Q_CRLF = 2,     /* CRLF line ends */
    Q_NO_FINAL = 4, /* no newline after the last line */
    Q_SEMI = 8,     /* a trailing ';' on every line that lacks one */
    Q_NO_SEMI = 16, /* no trailing ';' on any line */
    Q_BLANKS = 32,  /* blank lines in between and blanks around fields */
} quirk;

/* Reads the whole file 'path' into a new string. */
static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Writes 'text' (lines ending in "\n") to 'dir'/'name' with quirks 'q'. */
static void write_quirky(const char *dir, const char *name, const char *text, int q) {
    size_t cap = strlen(text) * 4 + 16, n = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    if (q & Q_BOM) n += (size_t)sprintf(out + n, "\xEF\xBB\xBF");
    for (const char *s = text; *s;) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if ((q & Q_NO_SEMI) && len && s[len - 1] == ';') len--;
        for (size_t i = 0; i < len; i++) {
            if ((q & Q_BLANKS) && s[i] == ';')
                n += (size_t)sprintf(out + n, " \t; ");
            else
                out[n++] = s[i];
        }
        if ((q & Q_SEMI) && len && s[len - 1] != ';') out[n++] = ';';
        bool last = !e || !e[1];
        if (!(last && (q & Q_NO_FINAL))) {
            if (q & Q_CRLF) out[n++] = '\r';
            out[n++] = '\n';
        }
        if ((q & Q_BLANKS) && !last) n += (size_t)sprintf(out + n, "\n  \t\n");
        s = e ? e + 1 : s + len;
    }
    tu_write_bytes(dir, name, out, n);
    free(out);
}

static const int QUIRKS[] = {Q_BOM,
                             Q_CRLF,
                             Q_NO_FINAL,
                             Q_SEMI,
                             Q_NO_SEMI,
                             Q_BLANKS,
                             Q_BOM | Q_CRLF | Q_NO_FINAL | Q_SEMI | Q_BLANKS,
                             Q_BOM | Q_CRLF | Q_NO_FINAL | Q_NO_SEMI};

static const char *const ROADEF_FILES[] = {"optimization_objectives.txt", "paint_batch_limit.txt",
                                           "ratios.txt", "vehicles.txt"};

/* Checks that 'in' is the base ROADEF instance: the same cars, rules and
** objectives, and the same file-order score (1,003,001: see test_io.c). */
static void expect_roadef_base(const sc_instance *in) {
    assert_int_equal(sc_instance_ncars(in), 7);
    assert_int_equal(sc_instance_nprev(in), 2);
    assert_int_equal(sc_instance_noptions(in), 2);
    assert_string_equal(sc_instance_option_name(in, 0), "HP1");
    assert_string_equal(sc_instance_option_name(in, 1), "LP1");
    assert_int_equal(sc_instance_nobjectives(in), 3);
    assert_int_equal(sc_instance_batch_limit(in), 3);
    assert_int_equal(sc_instance_ncolours(in), 3);
    assert_string_equal(sc_instance_car_id(in, 0), "P1");
    assert_string_equal(sc_instance_car_id(in, 6), "C5");
    assert_string_equal(sc_instance_colour_name(in, 0), "1");
    uint32_t seq[7];
    sc_score s;
    sc_sequence_identity(in, seq);
    assert_int_equal(sc_score_sequence(in, seq, &s, NULL), SC_OK);
    assert_int_equal(s.total, 1003001);
}

static void test_roadef_quirks(void **state) {
    (void)state;
    for (size_t k = 0; k < sizeof QUIRKS / sizeof QUIRKS[0]; k++) {
        char *tmp = tu_tmpdir();
        for (size_t f = 0; f < 4; f++) {
            char src[4096];
            char *text = slurp(tu_join(src, sizeof src, ROADEF_BASE, ROADEF_FILES[f]));
            write_quirky(tmp, ROADEF_FILES[f], text, QUIRKS[k]);
            free(text);
        }
        sc_instance *in;
        sc_diag d = {0};
        sc_status st = sc_roadef_read(tmp, &in, &d);
        if (st) print_error("quirks %d: %s:%u: %s\n", QUIRKS[k], d.file, d.line, d.msg);
        assert_int_equal(st, SC_OK);
        expect_roadef_base(in);

        /* A solution with the same quirks, header line included. */
        write_quirky(tmp, "sol.txt", "rank;Ident\n1;C2\n2;C1\n3;C3\n4;C4\n5;C5\n", QUIRKS[k]);
        uint32_t seq[7];
        char sol[4096];
        st = sc_solution_read(in, tu_join(sol, sizeof sol, tmp, "sol.txt"), seq, &d);
        if (st) print_error("quirks %d: %s:%u: %s\n", QUIRKS[k], d.file, d.line, d.msg);
        assert_int_equal(st, SC_OK);
        assert_int_equal(seq[2], 3);
        assert_int_equal(seq[3], 2);
        sc_instance_free(in);
        tu_tmpdir_free(tmp);
    }
}

static void test_csplib_quirks(void **state) {
    (void)state;
    static const int q[] = {Q_BOM, Q_CRLF, Q_NO_FINAL, Q_BLANKS, Q_BOM | Q_CRLF | Q_NO_FINAL};
    char *text = slurp(CSPLIB_BASE);
    /* Line breaks carry no meaning: the same numbers on one line, and
    ** with tabs and runs of blanks, read the same. */
    static const char one_line[] = "6 2 3 1 2 2 3 0 1 1 0 1 2 0 1 2 3 1 1\n";
    static const char blanks[] = "  6\t2   3\n\n1 2\n 2 3 \n0 1 1 0\n1\n2 0 1\n2 3 1 1\n\n";
    for (size_t k = 0; k < sizeof q / sizeof q[0] + 2; k++) {
        char *tmp = tu_tmpdir();
        size_t nq = sizeof q / sizeof q[0];
        const char *src = k < nq ? text : k == nq ? one_line : blanks;
        int quirks = k < nq ? q[k] : 0;
        write_quirky(tmp, "i.txt", src, quirks);
        write_quirky(tmp, "s.txt", "2\n1\n2\n0\n2\n1\n", quirks);
        char path[4096], sol[4096];
        sc_instance *in;
        sc_diag d = {0};
        sc_status st = sc_csplib_read(tu_join(path, sizeof path, tmp, "i.txt"), &in, &d);
        if (st) print_error("case %zu: %s:%u: %s\n", k, d.file, d.line, d.msg);
        assert_int_equal(st, SC_OK);
        assert_int_equal(sc_instance_ncars(in), 6);
        uint32_t seq[6];
        st = sc_solution_read(in, tu_join(sol, sizeof sol, tmp, "s.txt"), seq, &d);
        if (st) print_error("case %zu: %s:%u: %s\n", k, d.file, d.line, d.msg);
        assert_int_equal(st, SC_OK);
        sc_score s;
        assert_int_equal(sc_score_sequence(in, seq, &s, NULL), SC_OK);
        assert_int_equal(s.total, 3); /* see test_io.c */
        sc_instance_free(in);
        tu_tmpdir_free(tmp);
    }
    free(text);
}

/* Class indices are numbers: "002" names class 2 like "2" does. */
static void test_csplib_solution_number_forms(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    tu_write(tmp, "s.txt", "002 1 +2 0 2 01\n");
    sc_instance *in;
    sc_diag d = {0};
    assert_int_equal(sc_csplib_read(CSPLIB_BASE, &in, &d), SC_OK);
    uint32_t seq[6];
    char sol[4096];
    sc_status st = sc_solution_read(in, tu_join(sol, sizeof sol, tmp, "s.txt"), seq, &d);
    if (st) print_error("%s:%u: %s\n", d.file, d.line, d.msg);
    assert_int_equal(st, SC_OK);
    assert_string_equal(sc_instance_car_model(in, seq[0]), "2");
    assert_string_equal(sc_instance_car_model(in, seq[2]), "2");
    assert_string_equal(sc_instance_car_model(in, seq[5]), "1");
    sc_instance_free(in);
    tu_tmpdir_free(tmp);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_cases),
        cmocka_unit_test(test_null_diag),
        cmocka_unit_test(test_roadef_quirks),
        cmocka_unit_test(test_csplib_quirks),
        cmocka_unit_test(test_csplib_solution_number_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
