/*
** The lower bounds (src/seq/bound.c): on small random instances no
** sequence found by exhaustive search scores below them, objective by
** objective and in total; with one rule and no car in front they equal the
** optimum (the cases the exhaustive check of bound.c's comment names); on
** the ROADEF 2005 days they are never below the simple counting bounds of
** facts.csv nor above the file order's score.
*/
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "../src/seq/seq.h"

static uint64_t next_rand(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static int below(uint64_t *x, int n) { return (int)(next_rand(x) % (uint64_t)n); }

typedef struct shape {
    int nprev, nfrozen, nfree, nrules, ncol, limit;
    sc_window_mode mode;
} shape;

/* An instance of the given shape, its rules, options and colours drawn
** from 'x': objectives high ratio > colour > low ratio, ROADEF weights. */
static sc_instance *random_instance(const shape *sh, uint64_t *x) {
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    sc_instance_set_window_mode(in, sh->mode);
    for (int r = 0; r < sh->nrules; r++) {
        char name[8];
        snprintf(name, sizeof name, "O%d", r);
        int o = sc_instance_add_option(in, name);
        assert_true(o >= 0);
        int p = 1 + below(x, 5);
        sc_rule rule = {o, below(x, p + 1), p, r % 2, false};
        assert_true(sc_instance_add_rule(in, &rule) >= 0);
    }
    sc_objective objs[3] = {
        {SC_OBJ_RATIO, 1, 1000000}, {SC_OBJ_COLOUR, 0, 1000}, {SC_OBJ_RATIO, 0, 1}};
    for (int k = 0; k < 3; k++)
        assert_int_equal(sc_instance_add_objective(in, &objs[k]), SC_OK);
    sc_instance_set_batch_limit(in, sh->limit);
    int ncars = sh->nprev + sh->nfrozen + sh->nfree;
    for (int c = 0; c < ncars; c++) {
        char id[16], col[8];
        int opts[8];
        size_t k = 0;
        for (int r = 0; r < sh->nrules; r++)
            if (below(x, 2)) opts[k++] = r;
        snprintf(id, sizeof id, "c%d", c);
        snprintf(col, sizeof col, "k%d", below(x, sh->ncol));
        int colour = sc_instance_colour(in, col);
        assert_true(colour >= 0);
        sc_car_kind kind = c < sh->nprev                 ? SC_CAR_PREV
                           : c < sh->nprev + sh->nfrozen ? SC_CAR_FROZEN
                                                         : SC_CAR_FREE;
        assert_true(sc_instance_add_car(in, kind, id, colour, opts, k, NULL, NULL) >= 0);
    }
    return in;
}

/* The least value of each objective, of the total, and of each rule's
** violations over every order of the free cars: ratio values over all
** orders, colour changes and the total over those that obey the batch
** limit (INT64_MAX when none does). */
typedef struct optimum {
    int64_t value[SC_MAX_OBJECTIVES], total, rule[8];
} optimum;

static void update(const sc_instance *in, const uint32_t *seq, optimum *o) {
    sc_score s;
    sc__score(in, seq, &s);
    for (size_t r = 0; r < in->nrules; r++) {
        int64_t v = sc__rule_violations(in, r, seq);
        if (v < o->rule[r]) o->rule[r] = v;
    }
    for (size_t k = 0; k < in->nobj; k++) {
        bool counts = in->obj[k].kind == SC_OBJ_RATIO || s.batch_excess == 0;
        if (counts && s.value[k] < o->value[k]) o->value[k] = s.value[k];
    }
    if (s.batch_excess == 0 && s.total < o->total) o->total = s.total;
}

/* Visits every permutation of seq[lo..n) (Heap's algorithm, recursive). */
static void permute(const sc_instance *in, uint32_t *seq, size_t lo, size_t len, optimum *o) {
    if (len <= 1) {
        update(in, seq, o);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        permute(in, seq, lo, len - 1, o);
        size_t j = len % 2 ? 0 : i;
        uint32_t t = seq[lo + j];
        seq[lo + j] = seq[lo + len - 1];
        seq[lo + len - 1] = t;
    }
}

static optimum exhaustive(const sc_instance *in) {
    optimum o;
    for (size_t k = 0; k < SC_MAX_OBJECTIVES; k++)
        o.value[k] = INT64_MAX;
    for (size_t r = 0; r < 8; r++)
        o.rule[r] = INT64_MAX;
    o.total = INT64_MAX;
    size_t n = in->ncars;
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    sc_sequence_identity(in, seq);
    permute(in, seq, in->nfixed, n - in->nfixed, &o);
    free(seq);
    return o;
}

/* Random shapes: up to 7 free cars, 1 to 3 rules, a previous day's tail
** and frozen cars, a batch limit or none, both window modes. */
static void test_bound_below_optimum(void **state) {
    (void)state;
    uint64_t x = 2026;
    int checked = 0, tight = 0;
    for (int it = 0; it < 400; it++) {
        shape sh = {below(&x, 5),
                    below(&x, 3),
                    1 + below(&x, 7),
                    1 + below(&x, 3),
                    1 + below(&x, 3),
                    below(&x, 4),
                    below(&x, 2) ? SC_WINDOWS_FULL : SC_WINDOWS_TRUNCATED};
        sc_instance *in = random_instance(&sh, &x);
        sc_bound b;
        assert_int_equal(sc_bound_compute(in, &b), SC_OK);
        optimum o = exhaustive(in);
        for (size_t r = 0; r < in->nrules; r++) {
            assert_true(b.rule[r] >= 0);
            assert_true(b.rule[r] <= o.rule[r]);
            tight += b.rule[r] == o.rule[r];
        }
        for (size_t k = 0; k < in->nobj; k++)
            if (o.value[k] != INT64_MAX) assert_true(b.value[k] <= o.value[k]);
        if (o.total != INT64_MAX) assert_true(b.total <= o.total);
        int64_t total = 0;
        for (size_t k = 0; k < in->nobj; k++)
            total += in->obj[k].weight * b.value[k];
        assert_int_equal(b.total, total);
        checked++;
        sc_instance_free(in);
    }
    assert_int_equal(checked, 400);
    /* Most single-rule bounds meet the optimum. */
    assert_true(tight > 400);
}

/* One rule, no car in front: the bound is the optimum in truncated mode,
** and in full mode when the day has at least 2P - 2 cars. */
static void test_bound_exact_single_rule(void **state) {
    (void)state;
    for (int mode = 0; mode < 2; mode++)
        for (int p = 1; p <= 5; p++)
            for (int n_ = 0; n_ <= p; n_++)
                for (int m = 1; m <= 12; m++) {
                    if (mode == SC_WINDOWS_FULL && m < 2 * p - 2) continue;
                    for (int k = 0; k <= m; k++) {
                        sc_instance *in;
                        assert_int_equal(sc_instance_new(&in), SC_OK);
                        sc_instance_set_window_mode(in, (sc_window_mode)mode);
                        int o = sc_instance_add_option(in, "O");
                        sc_rule rule = {o, n_, p, 0, false};
                        assert_true(sc_instance_add_rule(in, &rule) >= 0);
                        sc_objective obj = {SC_OBJ_RATIO, 0, 1};
                        assert_int_equal(sc_instance_add_objective(in, &obj), SC_OK);
                        int col = sc_instance_colour(in, "none");
                        for (int c = 0; c < m; c++) {
                            char id[8];
                            snprintf(id, sizeof id, "c%d", c);
                            assert_true(sc_instance_add_car(in, SC_CAR_FREE, id, col, &o,
                                                            c < k ? 1 : 0, NULL, NULL) >= 0);
                        }
                        sc_bound b;
                        assert_int_equal(sc_bound_compute(in, &b), SC_OK);
                        /* Every placement of the k option cars: cars
                        ** 0..k-1 have the option, the others not. */
                        int64_t best = INT64_MAX;
                        uint32_t seq[16];
                        for (unsigned mask = 0; mask < 1u << m; mask++) {
                            if (__builtin_popcount(mask) != k) continue;
                            uint32_t with = 0, without = (uint32_t)k;
                            for (int i = 0; i < m; i++)
                                seq[i] = mask >> i & 1 ? with++ : without++;
                            int64_t v = sc__rule_violations(in, 0, seq);
                            if (v < best) best = v;
                        }
                        assert_int_equal(b.rule[0], best);
                        assert_int_equal(b.value[0], best);
                        sc_instance_free(in);
                    }
                }
}

/* Hand-computed cases. */
static void test_bound_by_hand(void **state) {
    (void)state;
    /* 200 cars, all with an option limited to 1 in 2, full windows: each of
    ** the 199 windows holds two option cars. */
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    int o = sc_instance_add_option(in, "O");
    sc_rule rule = {o, 1, 2, 0, false};
    assert_true(sc_instance_add_rule(in, &rule) >= 0);
    sc_objective obj = {SC_OBJ_RATIO, 0, 1};
    assert_int_equal(sc_instance_add_objective(in, &obj), SC_OK);
    sc_objective cobj = {SC_OBJ_COLOUR, 0, 1000};
    assert_int_equal(sc_instance_add_objective(in, &cobj), SC_OK);
    int red = sc_instance_colour(in, "red"), blue = sc_instance_colour(in, "blue");
    sc_instance_set_batch_limit(in, 30);
    for (int c = 0; c < 200; c++) {
        char id[8];
        snprintf(id, sizeof id, "c%d", c);
        /* 150 red, 50 blue: red needs 5 runs of at most 30, and 4 runs
        ** of blue between them: 9 runs. */
        assert_true(
            sc_instance_add_car(in, SC_CAR_FREE, id, c < 150 ? red : blue, &o, 1, NULL, NULL) >= 0);
    }
    sc_bound b;
    assert_int_equal(sc_bound_compute(in, &b), SC_OK);
    assert_int_equal(b.rule[0], 199);
    assert_int_equal(b.value[0], 199);
    assert_int_equal(b.value[1], 8); /* 9 runs, no car in front: 8 changes */
    assert_int_equal(b.total, 199 + 8000);
    sc_instance_free(in);
}

/* The ROADEF 2005 days: never below the simple bounds of facts.csv, never
** above the score of the file order. Skips without the benchmarks. */
static void test_bound_roadef_facts(void **state) {
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/roadef2005/facts.csv", SC_SHARED_BENCH);
    FILE *f = fopen(path, "r");
    if (!f) skip();
    char line[1024];
    int days = 0;
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        char *field[32];
        int nf = 0;
        for (char *p = line; p && nf < 32; nf++) {
            field[nf] = p;
            p = strpbrk(p, ",\n");
            if (p) *p++ = '\0';
            if (p && !*p) p = NULL;
        }
        assert_int_equal(nf, 16);
        snprintf(path, sizeof path, "%s/roadef2005/%s/%s", SC_SHARED_BENCH, field[0], field[1]);
        sc_instance *in;
        sc_diag d;
        assert_int_equal(sc_instance_read(path, &in, &d), SC_OK);
        sc_bound b;
        assert_int_equal(sc_bound_compute(in, &b), SC_OK);
        uint32_t *seq = malloc(in->ncars * sizeof *seq);
        assert_non_null(seq);
        sc_sequence_identity(in, seq);
        sc_score s;
        sc__score(in, seq, &s);
        assert_true(b.total <= s.total);
        assert_true(b.total >= atoll(field[15]));
        for (size_t k = 0; k < in->nobj; k++)
            assert_true(b.value[k] <= s.value[k]);
        free(seq);
        sc_instance_free(in);
        days++;
    }
    fclose(f);
    assert_int_equal(days, 61);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bound_below_optimum),
        cmocka_unit_test(test_bound_exact_single_rule),
        cmocka_unit_test(test_bound_by_hand),
        cmocka_unit_test(test_bound_roadef_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
