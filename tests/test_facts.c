/*
** The public benchmarks against their recorded facts. Every ROADEF 2005
** instance listed in roadef2005/facts.csv is read and its file order scored:
** each objective and the weighted total must equal the recorded initial
** values (which reproduce Renault's checker); written back with
** sc_roadef_write and read again, it must score the same. Every CSPLib
** prob001 file must read with as many cars as its first number says.
**
** The benchmarks live outside the project (../shared/benchmarks, see its
** README); when they are absent these tests skip, and the program exits
** with 77, which ctest reports as a skipped test.
*/
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#ifndef SC_SHARED_BENCH
#define SC_SHARED_BENCH "../shared/benchmarks"
#endif

#define MAXCOLS 32

/* Splits 'line' (modified) at commas into 'col'; returns the count. */
static size_t split_csv(char *line, char **col) {
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *s = line; n < MAXCOLS;) {
        col[n++] = s;
        char *c = strchr(s, ',');
        if (!c) break;
        *c = '\0';
        s = c + 1;
    }
    return n;
}

/* Index of the column called 'name' (in any case) in the header 'head',
** or fails. */
static size_t column(char **head, size_t n, const char *name) {
    for (size_t k = 0; k < n; k++)
        if (strcasecmp(head[k], name) == 0) return k;
    print_error("facts.csv: no column '%s'\n", name);
    fail();
    return 0;
}

static bool is_dir(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Checks one instance against its row, and its copy written into
** 'scratch'; returns the number of mismatches. */
static int check_instance(char **row, const size_t *ci, const char *scratch) {
    enum { SET, NAME, ORDER, NPREV, NDAY, LIMIT, NCOL, HPRC, COLOUR, LPRC, TOTAL };
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/roadef2005/%s/%s", SC_SHARED_BENCH, row[ci[SET]], row[ci[NAME]]);
    const char *name = row[ci[NAME]];
    sc_instance *in;
    sc_diag d = {0};
    sc_status st = sc_roadef_read(dir, &in, &d);
    if (st != SC_OK) {
        print_error("%s: %s:%u: %s\n", name, d.file, d.line, d.msg);
        return 1;
    }
    int bad = 0;
#define EXPECT(what, got, want)                                                                    \
    do {                                                                                           \
        if ((int64_t)(got) != (int64_t)(want)) {                                                   \
            print_error("%s: %s is %" PRId64 ", facts.csv says %" PRId64 "\n", name, what,         \
                        (int64_t)(got), (int64_t)(want));                                          \
            bad++;                                                                                 \
        }                                                                                          \
    } while (0)
    size_t n = sc_instance_ncars(in), nprev = sc_instance_nprev(in);
    EXPECT("n_prev_day", nprev, atoll(row[ci[NPREV]]));
    EXPECT("n_day", n - nprev, atoll(row[ci[NDAY]]));
    EXPECT("paint_batch_limit", sc_instance_batch_limit(in), atoll(row[ci[LIMIT]]));
    /* Colours used by the day's cars. */
    size_t ncol = sc_instance_ncolours(in), used = 0;
    bool *seen = calloc(ncol + 1, 1);
    assert_non_null(seen);
    for (size_t k = nprev; k < n; k++) {
        size_t c = (size_t)sc_instance_car_colour(in, k);
        used += !seen[c];
        seen[c] = true;
    }
    free(seen);
    EXPECT("n_colours_day", used, atoll(row[ci[NCOL]]));

    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    sc_sequence_identity(in, seq);
    sc_score s;
    st = sc_score_sequence(in, seq, &s, &d);
    free(seq);
    if (st != SC_OK) {
        print_error("%s: cannot score file order: %s\n", name, d.msg);
        sc_instance_free(in);
        return bad + 1;
    }
    /* Objectives in order, named as in 'objective_order'. */
    char order[64] = "";
    for (size_t k = 0; k < sc_instance_nobjectives(in); k++) {
        sc_objective o = sc_instance_objective(in, k);
        const char *oname = o.kind == SC_OBJ_COLOUR ? "colour" : o.level == 1 ? "hprc" : "lprc";
        const char *want = o.kind == SC_OBJ_COLOUR ? row[ci[COLOUR]]
                           : o.level == 1          ? row[ci[HPRC]]
                                                   : row[ci[LPRC]];
        EXPECT(oname, s.value[k], atoll(want));
        if (k) strcat(order, ">");
        strcat(order, oname);
    }
    if (strcmp(order, row[ci[ORDER]]) != 0) {
        print_error("%s: objectives %s, facts.csv says %s\n", name, order, row[ci[ORDER]]);
        bad++;
    }
    EXPECT("total", s.total, atoll(row[ci[TOTAL]]));

    /* Written with sc_roadef_write and read back, it scores the same. */
    char copy[4096 + 256];
    snprintf(copy, sizeof copy, "%s/%s", scratch, name);
    sc_instance *back = NULL;
    if ((st = sc_roadef_write(in, copy, &d)) != SC_OK ||
        (st = sc_roadef_read(copy, &back, &d)) != SC_OK) {
        print_error("%s: written copy: %s:%u: %s\n", name, d.file, d.line, d.msg);
        bad++;
    } else {
        sc_score sb;
        seq = malloc(n * sizeof *seq);
        assert_non_null(seq);
        sc_sequence_identity(back, seq);
        assert_int_equal(sc_score_sequence(back, seq, &sb, &d), SC_OK);
        free(seq);
        EXPECT("total of the written copy", sb.total, s.total);
        EXPECT("cars of the written copy", sc_instance_ncars(back), n);
    }
    sc_instance_free(back);
#undef EXPECT
    sc_instance_free(in);
    return bad;
}

static void test_roadef_facts(void **state) {
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/roadef2005/facts.csv", SC_SHARED_BENCH);
    FILE *f = fopen(path, "r");
    if (!f) {
        print_message("no %s (%s): skipped\n", path, strerror(errno));
        skip();
    }
    char head_line[4096], line[4096];
    char *head[MAXCOLS], *row[MAXCOLS];
    assert_non_null(fgets(head_line, sizeof head_line, f));
    size_t nh = split_csv(head_line, head);
    static const char *const names[] = {"Set",           "instance",     "objective_order",
                                        "n_prev_day",    "n_day",        "paint_batch_limit",
                                        "n_colours_day", "initial_hprc", "initial_colour_changes",
                                        "initial_lprc",  "initial_total"};
    size_t ci[11];
    for (size_t k = 0; k < 11; k++)
        ci[k] = column(head, nh, names[k]);
    int bad = 0, count = 0;
    char *scratch = tu_tmpdir();
    while (fgets(line, sizeof line, f)) {
        size_t n = split_csv(line, row);
        if (n == 1 && !row[0][0]) continue;
        assert_true(n == nh);
        count++;
        bad += check_instance(row, ci, scratch);
    }
    fclose(f);
    tu_tmpdir_free(scratch);
    print_message("%d ROADEF instances checked\n", count);
    assert_true(count > 0);
    assert_int_equal(bad, 0);
}

/* The first integer of the file 'path', or -1. */
static long first_number(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long v = -1;
    if (fscanf(f, "%ld", &v) != 1) v = -1;
    fclose(f);
    return v;
}

static void test_csplib_files(void **state) {
    (void)state;
    char root[4096];
    snprintf(root, sizeof root, "%s/csplib001", SC_SHARED_BENCH);
    DIR *top = opendir(root);
    if (!top) {
        print_message("no %s: skipped\n", root);
        skip();
    }
    int count = 0, bad = 0;
    for (struct dirent *e; (e = readdir(top)) != NULL;) {
        if (e->d_name[0] == '.') continue;
        char sub[4096 + 512];
        snprintf(sub, sizeof sub, "%s/%s", root, e->d_name);
        if (!is_dir(sub)) continue;
        DIR *dp = opendir(sub);
        assert_non_null(dp);
        for (struct dirent *g; (g = readdir(dp)) != NULL;) {
            size_t len = strlen(g->d_name);
            if (len < 5 || strcmp(g->d_name + len - 4, ".txt") != 0) continue;
            char path[4096 + 1024];
            snprintf(path, sizeof path, "%s/%s", sub, g->d_name);
            sc_instance *in;
            sc_diag d = {0};
            count++;
            if (sc_csplib_read(path, &in, &d) != SC_OK) {
                print_error("%s:%u: %s\n", d.file, d.line, d.msg);
                bad++;
                continue;
            }
            long want = first_number(path);
            if ((long)sc_instance_ncars(in) != want) {
                print_error("%s: %zu cars, the file says %ld\n", path, sc_instance_ncars(in), want);
                bad++;
            }
            /* File order scores without error. */
            uint32_t *seq = malloc(sc_instance_ncars(in) * sizeof *seq);
            assert_non_null(seq);
            sc_sequence_identity(in, seq);
            sc_score s;
            if (sc_score_sequence(in, seq, &s, &d) != SC_OK) bad++;
            free(seq);
            sc_instance_free(in);
        }
        closedir(dp);
    }
    closedir(top);
    print_message("%d CSPLib files checked\n", count);
    assert_true(count > 0);
    assert_int_equal(bad, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roadef_facts),
        cmocka_unit_test(test_csplib_files),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    /* Without the benchmarks every test skipped: tell ctest (SKIP_RETURN_CODE). */
    if (failed == 0 && !is_dir(SC_SHARED_BENCH)) return 77;
    return failed;
}
