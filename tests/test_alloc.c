/*
** Out-of-memory paths, Lua's way: for n = 1, 2, 3 ... the n-th allocation
** of the library fails ('sc__alloc_fail_at'), and the call must return
** SC_ENOMEM with its output untouched, until n exceeds the allocations the
** call makes and it succeeds. Leaks on those paths are caught by running
** this test under AddressSanitizer ('make asan').
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../src/model/model.h"

/* ---------------------------------------------------------------- inputs written here */

/*
** A ROADEF instance large enough to grow every array and rehash every
** string pool: 3 previous-day cars, 150 day cars over 40 colours, three
** ratios.
*/
static void write_roadef(const char *dir) {
    tu_write(dir, "optimization_objectives.txt",
             "rank;objective name;\n1;high_priority_level_and_easy_to_satisfy_ratio_constraints;\n"
             "2;paint_color_batches;\n3;low_priority_level_ratio_constraints;\n");
    tu_write(dir, "paint_batch_limit.txt", "limitation;\n10;\n");
    tu_write(dir, "ratios.txt", "Ratio;Prio;Ident;\n1/2;1;H1;\n2/5;1;H2;\n1/3;0;L1;\n");
    size_t cap = 16384, n = 0;
    char *v = malloc(cap);
    assert_non_null(v);
    n += (size_t)snprintf(v + n, cap - n, "Date;SeqRank;Ident;Paint Color;H1;H2;L1\n");
    for (int k = 0; k < 153; k++)
        n += (size_t)snprintf(v + n, cap - n, "%s;%d;car%04d;col%d;%d;%d;%d\n",
                              k < 3 ? "2005 1 1" : "2005 1 2", k + 1, k, k % 40, k % 2, k % 5 == 0,
                              k % 3 == 0);
    assert_true(n < cap);
    tu_write(dir, "vehicles.txt", v);
    free(v);
}

/* A CSPLib instance: 120 cars, 4 options, 6 classes. */
static const char CSPLIB_TEXT[] = "120 4 6\n"
                                  "1 2 1 2\n"
                                  "2 3 3 5\n"
                                  "0 10 1 0 1 1\n"
                                  "1 30 0 0 0 1\n"
                                  "2 20 0 1 0 0\n"
                                  "3 25 1 1 0 0\n"
                                  "4 15 0 0 1 0\n"
                                  "5 20 1 0 0 1\n";

typedef struct ctx {
    char path[4096]; /* the instance */
    char sol[4096];  /* a solution for it */
    sc_instance *in; /* the instance, read without failures */
    uint32_t *seq;
} ctx;

static sc_status op_roadef_read(void *p) {
    ctx *c = p;
    sc_instance *in = (sc_instance *)&in; /* must come back NULL on failure */
    sc_diag d;
    sc_status st = sc_roadef_read(c->path, &in, &d);
    if (st == SC_OK) {
        assert_non_null(in);
        assert_int_equal(sc_instance_ncars(in), 153);
        sc_instance_free(in);
    } else {
        assert_null(in);
    }
    return st;
}

static sc_status op_csplib_read(void *p) {
    ctx *c = p;
    sc_instance *in = (sc_instance *)&in;
    sc_diag d;
    sc_status st = sc_csplib_read(c->path, &in, &d);
    if (st == SC_OK) {
        assert_int_equal(sc_instance_ncars(in), 120);
        sc_instance_free(in);
    } else {
        assert_null(in);
    }
    return st;
}

static sc_status op_instance_read(void *p) {
    ctx *c = p;
    sc_instance *in = (sc_instance *)&in;
    sc_diag d;
    sc_status st = sc_instance_read(c->path, &in, &d);
    if (st == SC_OK)
        sc_instance_free(in);
    else
        assert_null(in);
    return st;
}

static sc_status op_solution_read(void *p) {
    ctx *c = p;
    sc_diag d;
    return sc_solution_read(c->in, c->sol, c->seq, &d);
}

static sc_status op_score(void *p) {
    ctx *c = p;
    sc_score s;
    sc_diag d;
    return sc_score_sequence(c->in, c->seq, &s, &d);
}

/* Builds an instance through the public API: options, rules, colours,
** objectives and cars with brand and model tags. */
static sc_status op_build(void *p) {
    (void)p;
    sc_instance *in = (sc_instance *)&in;
    sc_status st = sc_instance_new(&in);
    if (st != SC_OK) {
        assert_null(in);
        return st;
    }
    char name[32];
    int r;
    for (int o = 0; o < 70; o++) {
        snprintf(name, sizeof name, "opt%d", o);
        if ((r = sc_instance_add_option(in, name)) < 0) goto fail;
        sc_rule rule = {o, 1, 2, o % 2, false};
        if ((r = sc_instance_add_rule(in, &rule)) < 0) goto fail;
    }
    sc_objective obj = {SC_OBJ_COLOUR, 0, 1};
    if ((r = sc_instance_add_objective(in, &obj)) < 0) goto fail;
    for (int k = 0; k < 200; k++) {
        snprintf(name, sizeof name, "colour%d", k % 50);
        int col = sc_instance_colour(in, name);
        if ((r = col) < 0) goto fail;
        char id[32], brand[32], model[32];
        snprintf(id, sizeof id, "id%d", k);
        snprintf(brand, sizeof brand, "brand%d", k % 7);
        snprintf(model, sizeof model, "model%d", k % 40);
        const int opts[] = {k % 70, 69};
        sc_car_kind kind = k < 5 ? SC_CAR_PREV : k < 10 ? SC_CAR_FROZEN : SC_CAR_FREE;
        if ((r = sc_instance_add_car(in, kind, id, col, opts, 2, brand, model)) < 0) goto fail;
    }
    assert_int_equal(sc_instance_ncars(in), 200);
    assert_int_equal(sc_instance_find_car(in, "id150"), 150);
    assert_string_equal(sc_instance_car_model(in, 150), "model30");
    sc_instance_free(in);
    return SC_OK;
fail:
    sc_instance_free(in);
    return (sc_status)r;
}

/* ---------------------------------------------------------------- tests */

static void test_roadef_read(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    ctx c = {0};
    tu_join(c.path, sizeof c.path, tmp, "inst");
    assert_int_equal(mkdir(c.path, 0777), 0);
    write_roadef(c.path);
    unsigned long n = tu_oom_walk("sc_roadef_read", op_roadef_read, &c);
    print_message("sc_roadef_read: %lu allocations, each failed in turn\n", n);
    assert_true(n > 10);
    n = tu_oom_walk("sc_instance_read", op_instance_read, &c);
    assert_true(n > 10);

    /* A solution for it: the day's cars in reverse. */
    sc_diag d;
    assert_int_equal(sc_roadef_read(c.path, &c.in, &d), SC_OK);
    size_t ncars = sc_instance_ncars(c.in), nprev = sc_instance_nprev(c.in);
    c.seq = malloc(ncars * sizeof *c.seq);
    assert_non_null(c.seq);
    tu_join(c.sol, sizeof c.sol, tmp, "sol.txt");
    sc_sequence_identity(c.in, c.seq);
    for (size_t k = nprev; k < ncars; k++)
        c.seq[k] = (uint32_t)(ncars - 1 - (k - nprev));
    assert_int_equal(sc_solution_write(c.in, c.seq, c.sol, &d), SC_OK);
    tu_oom_walk("sc_solution_read (ROADEF)", op_solution_read, &c);
    assert_int_equal(c.seq[nprev], ncars - 1);
    tu_oom_walk("sc_score_sequence", op_score, &c);
    free(c.seq);
    sc_instance_free(c.in);
    tu_tmpdir_free(tmp);
}

static void test_csplib_read(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    ctx c = {0};
    tu_write(tmp, "inst.txt", CSPLIB_TEXT);
    tu_join(c.path, sizeof c.path, tmp, "inst.txt");
    unsigned long n = tu_oom_walk("sc_csplib_read", op_csplib_read, &c);
    print_message("sc_csplib_read: %lu allocations, each failed in turn\n", n);
    assert_true(n > 10);
    tu_oom_walk("sc_instance_read", op_instance_read, &c);

    sc_diag d;
    assert_int_equal(sc_csplib_read(c.path, &c.in, &d), SC_OK);
    size_t ncars = sc_instance_ncars(c.in);
    c.seq = malloc(ncars * sizeof *c.seq);
    assert_non_null(c.seq);
    sc_sequence_identity(c.in, c.seq);
    tu_join(c.sol, sizeof c.sol, tmp, "sol.txt");
    assert_int_equal(sc_solution_write(c.in, c.seq, c.sol, &d), SC_OK);
    tu_oom_walk("sc_solution_read (CSPLib)", op_solution_read, &c);
    tu_oom_walk("sc_score_sequence", op_score, &c);
    free(c.seq);
    sc_instance_free(c.in);
    tu_tmpdir_free(tmp);
}

static void test_build(void **state) {
    (void)state;
    unsigned long n = tu_oom_walk("builder", op_build, NULL);
    print_message("builder: %lu allocations, each failed in turn\n", n);
    assert_true(n > 10);
}

/* The counter is off by default: nothing fails when 'sc__alloc_fail_at' is 0. */
static void test_disabled(void **state) {
    (void)state;
    sc__alloc_fail_at = 0;
    sc_status st = op_build(NULL);
    assert_int_equal(st, SC_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roadef_read),
        cmocka_unit_test(test_csplib_read),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_disabled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
