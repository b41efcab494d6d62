/*
** Bad input to the planner's readers (src/io/scenario_read.c and
** orders_read.c): one small file per case under tests/data/plan/bad/
** (scenario/ cases are read alone, orders/ cases against the small
** network), each with the file, line, column and a distinctive part of the
** message of its first error; files with several errors list them all, in
** file order, up to SC_MAX_DIAGS.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/model/model.h"

#define BAD SC_TEST_DATA "/plan/bad"
#define SMALL SC_TEST_DATA "/plan/small"

typedef struct bad_case {
    bool orders;      /* an orders file (read against the small network) */
    const char *name; /* under tests/data/plan/bad/{scenario,orders}/ */
    size_t count;     /* errors listed */
    unsigned line, column;
    const char *msg; /* a distinctive part of the first message */
} bad_case;

static const bad_case CASES[] = {
    /* the scenario */
    {false, "syntax.json", 1, 9, 50, "unexpected token near ']'"},
    {false, "unknown_model.json", 1, 9, 63, "plants[0].lines[0].models[0]: unknown model 'Tigo'"},
    {false, "unknown_line.json", 1, 21, 47, "models[1].lines[0]: unknown line 'L2'"},
    {false, "unknown_brand.json", 1, 21, 28, "models[1].brand: unknown brand 'Gest'"},
    {false, "unknown_option.json", 1, 10, 32, "unknown option 'SUNROOF' (no model carries it)"},
    {false, "zero_rate.json", 1, 9, 33, "rate: expected a rate > 0 in jobs per hour, got 0"},
    {false, "negative_rate.json", 1, 9, 33, "got -4.5"},
    {false, "no_working_day.json", 1, 7, 32, "weekdays: a calendar with no working day"},
    {false, "closed_horizon.json", 1, 8, 9,
     "line 'L1' has a calendar with no working day in the horizon"},
    {false, "unknown_key.json", 1, 9, 32, "plants[0].lines[0].rat: unknown key (known: name, rate"},
    {false, "bad_week.json", 1, 3, 29, "expected an ISO week \"YYYY-Www\", got '2026-W60'"},
    {false, "no_host.json", 2, 15, 13, "no host brand"},
    {false, "demand_guest.json", 1, 23, 24, "model 'G' is not a model of the host"},
    {false, "rule_n_over_p.json", 1, 10, 45, "N (4) exceeds P (3)"},
    {false, "three_errors.json", 3, 9, 33, "rate: expected a rate > 0"},
    {false, "many_errors.json", SC_MAX_DIAGS, 11, 24, "unknown option 'NOPE0'"},
    /* the orders, against tests/data/plan/small/scenario.json */
    {true, "outside_horizon.csv", 1, 3, 6,
     "earliest_week: week 2026-W08 is outside the horizon (2026-W10 to 2026-W13)"},
    {true, "due_outside_horizon.csv", 1, 3, 7, "due_week: week 2026-W20 is outside the horizon"},
    {true, "duplicate_id.csv", 1, 4, 1, "duplicate order id 'A-1' (first at row 2)"},
    {true, "unknown_model.csv", 1, 3, 3,
     "unknown model 'Alpha Three' (known: Alpha One, Alpha Two)"},
    {true, "unknown_brand.csv", 1, 3, 2, "unknown brand 'Gamma' (known: Host, Alpha, Beta)"},
    {true, "unknown_option.csv", 1, 3, 5,
     "unknown option 'SUNROOF' for model 'Alpha One' (known: "
     "ROOF, TOW)"},
    {true, "unknown_colour.csv", 1, 3, 4, "unknown colour 'Beta Green' for model 'Alpha One'"},
    {true, "wrong_brand.csv", 1, 3, 3, "model 'Alpha One' is a model of 'Alpha', not of 'Beta'"},
    {true, "due_before_earliest.csv", 1, 3, 7,
     "due_week 2026-W11 is before earliest_week 2026-W12"},
    {true, "bad_week.csv", 1, 3, 6, "expected an ISO week \"YYYY-Www\", got '2026-12'"},
    {true, "field_count.csv", 1, 3, 0, "expected 7 fields as in the header, got 6"},
    {true, "bad_quote.csv", 1, 3, 3, "malformed quoting"},
    {true, "missing_column.csv", 1, 1, 0, "missing column 'due_week' in the header"},
    {true, "empty.csv", 1, 0, 0, "empty file: expected the header"},
    {true, "three_errors.csv", 3, 4, 4, "unknown colour 'Pink' for model 'Alpha One'"},
    {true, "many_errors.csv", SC_MAX_DIAGS, 3, 3, "unknown model 'Nope'"},
};

static void test_cases(void **state) {
    (void)state;
    sc_diag_list dl;
    sc_scenario *small;
    assert_int_equal(sc_scenario_read(SMALL "/scenario.json", &small, &dl), SC_OK);
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const bad_case *c = &CASES[i];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/%s", BAD, c->orders ? "orders" : "scenario", c->name);
        sc_status st;
        memset(&dl, 0xAB, sizeof dl);
        if (c->orders) {
            st = sc_scenario_read_orders(small, path, &dl);
            assert_int_equal(sc_scenario_norders(small), 0); /* nothing kept */
        } else {
            sc_scenario *sc = (sc_scenario *)&dl; /* must be set to NULL */
            st = sc_scenario_read(path, &sc, &dl);
            assert_null(sc);
        }
        char buf[700];
        if (st != SC_EINVAL || dl.count != c->count || !dl.count || dl.item[0].line != c->line ||
            dl.item[0].column != c->column || !strstr(dl.item[0].msg, c->msg) ||
            !strstr(dl.item[0].file, c->name)) {
            print_error("case %s: status %d, %zu errors:\n", c->name, st, dl.count);
            for (size_t k = 0; k < dl.count && k < SC_MAX_DIAGS; k++)
                print_error("  %s\n", sc_diag_format_full(&dl.item[k], buf, sizeof buf));
            fail();
        }
        /* In file order. */
        for (size_t k = 1; k < dl.count; k++)
            assert_true(dl.item[k].line > dl.item[k - 1].line ||
                        (dl.item[k].line == dl.item[k - 1].line &&
                         dl.item[k].column >= dl.item[k - 1].column));
    }
    sc_scenario_free(small);
}

/* The three errors of each 'three_errors' file, and the count beyond 20. */
static void test_all_listed(void **state) {
    (void)state;
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_read(BAD "/scenario/three_errors.json", &sc, &dl), SC_EINVAL);
    assert_int_equal(dl.count, 3);
    assert_true(tu_contains(dl.item[0].msg, "rate: expected a rate > 0"));
    assert_true(tu_contains(dl.item[1].msg, "unknown brand 'Nobody'"));
    assert_true(tu_contains(dl.item[2].msg, "unknown line 'L7'"));
    assert_int_equal(dl.dropped, 0);
    assert_int_equal(sc_scenario_read(BAD "/scenario/many_errors.json", &sc, &dl), SC_EINVAL);
    assert_int_equal(dl.count, SC_MAX_DIAGS);
    assert_int_equal(dl.dropped, 5);
    assert_true(tu_contains(dl.item[19].msg, "unknown option 'NOPE19'"));

    assert_int_equal(sc_scenario_read(SMALL "/scenario.json", &sc, &dl), SC_OK);
    assert_int_equal(sc_scenario_read_orders(sc, BAD "/orders/three_errors.csv", &dl), SC_EINVAL);
    assert_int_equal(dl.count, 3);
    assert_true(tu_contains(dl.item[1].msg, "week 2026-W19 is outside the horizon"));
    assert_int_equal(dl.item[1].line, 5);
    assert_true(tu_contains(dl.item[2].msg, "duplicate order id 'A-2' (first at row 3)"));
    assert_int_equal(dl.item[2].line, 6);
    assert_int_equal(sc_scenario_read_orders(sc, BAD "/orders/many_errors.csv", &dl), SC_EINVAL);
    assert_int_equal(dl.count, SC_MAX_DIAGS);
    assert_int_equal(dl.dropped, 10);
    /* After errors, good orders still read. */
    assert_int_equal(sc_scenario_read_orders(sc, SMALL "/orders.csv", &dl), SC_OK);
    assert_int_equal(sc_scenario_norders(sc), 720);
    /* ... but only once. */
    assert_int_equal(sc_scenario_read_orders(sc, SMALL "/orders.csv", &dl), SC_EINVAL);
    sc_scenario_free(sc);
}

/* Missing files, and the quirks that must parse: a byte order mark, CRLF,
** quoted fields, blanks around fields, columns in another order, a missing
** final newline. */
static void test_files_and_quirks(void **state) {
    (void)state;
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_read(BAD "/scenario/no_such.json", &sc, &dl), SC_EIO);
    assert_int_equal(dl.count, 1);
    assert_true(tu_contains(dl.item[0].msg, "cannot open"));
    assert_int_equal(sc_scenario_read(SMALL "/scenario.json", &sc, &dl), SC_OK);
    assert_int_equal(sc_scenario_read_orders(sc, BAD "/orders/no_such.csv", &dl), SC_EIO);
    static const char QUIRKS[] =
        "\xEF\xBB\xBF"
        "due_week, order_id ,brand,model,colour,options,earliest_week\r\n"
        "2026-W11,A-1,Alpha,\"Alpha One\", Alpha White ,ROOF|TOW,2026-W10\r\n"
        "\r\n"
        "2026-W12,\"B,2\",Beta,Beta One,Beta Green,,2026-W11";
    assert_int_equal(sc_scenario_parse_orders(sc, QUIRKS, strlen(QUIRKS), "q.csv", &dl), SC_OK);
    assert_int_equal(sc_scenario_norders(sc), 2);
    sc_scenario_free(sc);
    /* A scenario from memory, with a name for messages. */
    static const char BROKEN[] = "{\"horizon\": 7}";
    assert_int_equal(sc_scenario_parse(BROKEN, strlen(BROKEN), "mem.json", &sc, &dl), SC_EINVAL);
    /* Missing members are reported at the object that lacks them (1:1),
    ** the horizon at its value (1:13). */
    assert_int_equal(dl.count, 4);
    assert_string_equal(dl.item[0].file, "mem.json");
    assert_true(strstr(dl.item[0].msg, "missing 'brands'") != NULL);
    assert_int_equal(dl.item[0].column, 1);
    assert_true(
        tu_contains(dl.item[3].msg, "horizon: expected {\"first_week\", \"weeks\"}, got a number"));
    assert_int_equal(dl.item[3].line, 1);
    assert_int_equal(dl.item[3].column, 13);
}

/* ------------------------------------------------------------ out of memory */

/* One call to break (Lua's way, as in test_alloc.c): returns its status. */
typedef sc_status (*op_fn)(void *ctx);

/*
** Runs 'op' with the n-th allocation of the library failing, for n = 1,
** 2 ... until it succeeds without reaching its n-th allocation; each failure
** must be SC_ENOMEM (leaks are ASan's to find, under 'make asan').
*/
static unsigned long walk(const char *what, op_fn op, void *ctx) {
    for (unsigned long n = 1;; n++) {
        sc__alloc_count = 0;
        sc__alloc_fail_at = n;
        sc_status st = op(ctx);
        unsigned long count = sc__alloc_count;
        sc__alloc_fail_at = 0;
        if (st == SC_OK) {
            if (count >= n) {
                print_error("%s: allocation %lu failed, yet the call succeeded\n", what, n);
                fail();
            }
            return count;
        }
        if (st != SC_ENOMEM) {
            print_error("%s: allocation %lu failed: status %d, expected SC_ENOMEM\n", what, n, st);
            fail();
        }
    }
}

typedef struct oom_ctx {
    char *scen, *orders;
    size_t slen, olen;
    sc_scenario *sc; /* for the plan */
    const char *dir;
} oom_ctx;

static sc_status op_scenario(void *p) {
    oom_ctx *c = p;
    sc_diag_list dl;
    sc_scenario *sc;
    sc_status st = sc_scenario_parse(c->scen, c->slen, "s.json", &sc, &dl);
    sc_scenario_free(sc);
    return st;
}

static sc_status op_orders(void *p) {
    oom_ctx *c = p;
    sc_diag_list dl;
    /* A fresh scenario, made with every allocation allowed and not counted. */
    unsigned long fail_at = sc__alloc_fail_at;
    sc__alloc_fail_at = 0;
    sc_scenario *sc;
    if (sc_scenario_parse(c->scen, c->slen, "s.json", &sc, &dl) != SC_OK) return SC_EINVAL;
    sc__alloc_count = 0;
    sc__alloc_fail_at = fail_at;
    sc_status st = sc_scenario_parse_orders(sc, c->orders, c->olen, "o.csv", &dl);
    sc_scenario_free(sc);
    return st;
}

static sc_status op_plan_and_write(void *p) {
    oom_ctx *c = p;
    sc_plan_params pp;
    sc_plan_defaults(&pp);
    pp.min_effort = 200;
    pp.effort_per_car = 5;
    sc_plan *pl;
    sc_diag d;
    sc_status st = sc_plan_run(c->sc, &pp, &pl, &d);
    if (st) return st;
    st = sc_plan_write(pl, c->dir, NULL, &d);
    sc_plan_free(pl);
    return st;
}

/* A small network of one plant, two lines, two weeks and 40 orders. */
static const char OOM_SCENARIO[] =
    "{\"name\": \"oom\", \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 2},\n"
    " \"calendar\": {\"bank_holidays\": [{\"date\": \"2026-03-04\", \"name\": \"fair\"}]},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [\n"
    "   {\"name\": \"A\", \"rate\": 4, \"shifts\": [2], \"rules\": [{\"option\": \"X\", \"n\": 1, "
    "\"p\": 2}],\n"
    "    \"spread\": {\"n\": 1, \"p\": 2}},\n"
    "   {\"name\": \"B\", \"rate\": 3, \"shifts\": [2]}]}],\n"
    " \"brands\": [{\"name\": \"H\", \"role\": \"host\"},\n"
    "   {\"name\": \"G\", \"role\": \"guest\", \"contract\": {\"min_per_week\": 30, "
    "\"max_per_week\": 40}}],\n"
    " \"models\": [{\"name\": \"HM\", \"brand\": \"H\", \"lines\": [\"A\", \"B\"], \"options\": "
    "{\"X\": 0.3},"
    " \"colours\": [\"R\", \"S\"]},\n"
    "   {\"name\": \"GM\", \"brand\": \"G\", \"lines\": [\"A\"], \"options\": {\"X\": 0.5},"
    " \"colours\": [\"B\", \"C\"]}],\n"
    " \"demand\": [{\"model\": \"HM\", \"per_week\": 30}]}\n";

static void test_out_of_memory(void **state) {
    (void)state;
    oom_ctx c;
    memset(&c, 0, sizeof c);
    c.scen = (char *)OOM_SCENARIO;
    c.slen = strlen(OOM_SCENARIO);
    char orders[4096];
    size_t n = (size_t)snprintf(orders, sizeof orders,
                                "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(orders + n, sizeof orders - n, "g%d,G,GM,%s,%s,2026-W10,2026-W%d\n",
                              i, i % 2 ? "B" : "C", i % 3 ? "" : "X", 10 + i % 2);
    c.orders = orders;
    c.olen = n;
    assert_true(walk("sc_scenario_parse", op_scenario, &c) > 10);
    sc_diag_list dl;
    assert_true(walk("sc_scenario_parse_orders", op_orders, &c) > 3);
    assert_int_equal(sc_scenario_parse(c.scen, c.slen, "s.json", &c.sc, &dl), SC_OK);
    assert_int_equal(sc_scenario_parse_orders(c.sc, c.orders, c.olen, "o.csv", &dl), SC_OK);
    char *tmp = tu_tmpdir();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/plan", tmp);
    c.dir = dir;
    assert_true(walk("sc_plan_run + sc_plan_write", op_plan_and_write, &c) > 50);
    sc_scenario_free(c.sc);
    tu_tmpdir_free(tmp);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_all_listed),
        cmocka_unit_test(test_files_and_quirks),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
