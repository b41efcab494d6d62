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

#include "../src/model/scenario.h"

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
    {true, "unterminated.csv", 1, 3, 7, "malformed quoting at the end of the file"},
    {true, "empty_id.csv", 1, 3, 1, "order_id: empty"},
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
    assert_int_equal(dl.count, 1);
    assert_true(tu_contains(dl.item[0].msg, "the scenario already holds orders"));
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

static sc_status op_scenario_gen(void *p) {
    (void)p;
    sc_scenario_gen_params gp;
    sc_scenario_gen_defaults(&gp);
    gp.plants = 1;
    gp.lines = 2;
    gp.weeks = 20; /* over the spring bank holidays */
    sc_scenario *sc;
    sc_diag d;
    sc_status st = sc_scenario_gen(&gp, &sc, &d);
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
    assert_true(tu_oom_walk("sc_scenario_parse", op_scenario, &c) > 10);
    sc_diag_list dl;
    assert_true(tu_oom_walk("sc_scenario_parse_orders", op_orders, &c) > 3);
    assert_int_equal(sc_scenario_parse(c.scen, c.slen, "s.json", &c.sc, &dl), SC_OK);
    assert_int_equal(sc_scenario_parse_orders(c.sc, c.orders, c.olen, "o.csv", &dl), SC_OK);
    char *tmp = tu_tmpdir();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/plan", tmp);
    c.dir = dir;
    assert_true(tu_oom_walk("sc_plan_run + sc_plan_write", op_plan_and_write, &c) > 50);
    assert_true(tu_oom_walk("sc_scenario_gen", op_scenario_gen, &c) > 10);
    /* And its parameters out of range. */
    sc_scenario_gen_params gp;
    sc_scenario_gen_defaults(&gp);
    static const struct {
        int plants, lines, weeks, year, week;
        double load;
        const char *want;
    } LIMITS[] = {
        {0, 2, 13, 2026, 1, 0.9, "plants: expected 1 to 100, got 0"},
        {2, 17, 13, 2026, 1, 0.9, "lines: expected 1 to 16 per plant, got 17"},
        {2, 2, 0, 2026, 1, 0.9, "weeks: expected 1 to"},
        {2, 2, 13, 2026, 1, 2.5, "load: expected more than 0 and at most 2, got 2.5"},
        {2, 2, 13, 2025, 53, 0.9, "first week: 2025-W53 is not an ISO week"},
    };
    for (size_t i = 0; i < sizeof LIMITS / sizeof *LIMITS; i++) {
        gp.plants = LIMITS[i].plants;
        gp.lines = LIMITS[i].lines;
        gp.weeks = LIMITS[i].weeks;
        gp.first_year = LIMITS[i].year;
        gp.first_week = LIMITS[i].week;
        gp.load = LIMITS[i].load;
        sc_scenario *none = (sc_scenario *)&gp;
        sc_diag d = {0};
        assert_int_equal(sc_scenario_gen(&gp, &none, &d), SC_EINVAL);
        assert_null(none);
        assert_true(tu_contains(d.msg, LIMITS[i].want));
    }
    sc_scenario_free(c.sc);
    tu_tmpdir_free(tmp);
}

/* ------------------------------------------------------------ every message */

/* A valid scenario; each case below changes one piece of it. */
static const char BASE[] =
    "{\"name\": \"edits\", \"notes\": [\"n\"],\n"
    " \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 2},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [\n"
    "   {\"name\": \"L1\", \"rate\": 10, \"shifts\": [8], \"calendar\": {\"weekdays\": "
    "[\"Mon\"]},\n"
    "    \"rules\": [{\"option\": \"ROOF\", \"n\": 1, \"p\": 3}]}]}],\n"
    " \"brands\": [{\"name\": \"Host\", \"role\": \"host\"},\n"
    "   {\"name\": \"Guest\", \"role\": \"guest\", \"contract\": {\"min_per_week\": 10}}],\n"
    " \"models\": [{\"name\": \"H\", \"brand\": \"Host\", \"lines\": [\"L1\"], \"options\": "
    "{\"ROOF\": 0.2}, \"colours\": [\"Red\"]},\n"
    "   {\"name\": \"G\", \"brand\": \"Guest\", \"lines\": [\"L1\"], \"options\": {\"TOW\": 0.3}, "
    "\"colours\": {\"Blue\": 1}}],\n"
    " \"demand\": [{\"model\": \"H\", \"per_week\": 200}],\n"
    " \"recovery\": {\"shifts\": []}}\n";

/* Reads BASE with its first 'from' replaced by 'to'; asserts that it fails
** with an error whose message holds 'msg', and that the file is named. */
static void expect_edit(const char *from, const char *to, const char *msg) {
    const char *at = strstr(BASE, from);
    if (!at) {
        print_error("edit '%s': not in the base scenario\n", from);
        fail();
    }
    size_t pre = (size_t)(at - BASE), nf = strlen(from), nt = strlen(to);
    size_t len = sizeof BASE - 1 - nf + nt;
    char *text = malloc(len + 1);
    assert_non_null(text);
    memcpy(text, BASE, pre);
    memcpy(text + pre, to, nt);
    memcpy(text + pre + nt, at + nf, sizeof BASE - pre - nf);
    sc_diag_list dl;
    sc_scenario *sc = NULL;
    sc_status st = sc_scenario_parse(text, len, "edit.json", &sc, &dl);
    bool found = false;
    for (size_t k = 0; k < dl.count && k < SC_MAX_DIAGS; k++)
        found |= strstr(dl.item[k].msg, msg) && !strcmp(dl.item[k].file, "edit.json") &&
                 dl.item[k].line > 0;
    if (st != SC_EINVAL || sc || !found) {
        char buf[700];
        print_error("edit '%s' -> '%.60s': status %d, %zu errors, none with '%s':\n", from, to, st,
                    dl.count, msg);
        for (size_t k = 0; k < dl.count && k < SC_MAX_DIAGS; k++)
            print_error("  %s\n", sc_diag_format_full(&dl.item[k], buf, sizeof buf));
        fail();
    }
    free(text);
}

/* Appends to 'b' (of size 'size', at 'n') 'count' items made by 'fmt' from
** the index i: a separator, then i + 1 and i. */
static size_t list(char *b, size_t size, size_t n, int count, const char *fmt) {
    for (int i = 0; i < count && n < size; i++)
        n += (size_t)snprintf(b + n, size - n, fmt, i ? ", " : "", i + 1, i);
    return n;
}

static void test_every_message(void **state) {
    (void)state;
    { /* the base itself is valid */
        sc_diag_list dl;
        sc_scenario *sc;
        assert_int_equal(sc_scenario_parse(BASE, sizeof BASE - 1, "base.json", &sc, &dl), SC_OK);
        sc_scenario_free(sc);
    }
    static const char *const EDITS[][3] = {
        /* root */
        {"\"notes\": [\"n\"]", "\"notes\": [7]", "notes[0]: expected a string"},
        {"\"notes\": [\"n\"]", "\"notes\": 7", "notes: expected an array of strings, got a number"},
        {"\"name\": \"edits\"", "\"name\": \"\"", "name: must not be empty"},
        {"\"name\": \"edits\"", "\"sparecap\": 2", "sparecap: expected format version 1, got 2"},
        {"\"horizon\": {", "\"horizon\": {\"colour\": 1, ", "horizon.colour: unknown key"},
        {"\"weeks\": 2", "\"weeks\": 2.5", "expected"},
        /* (empty lists: the old list is left under an unknown key) */
        {"\"brands\": [", "\"brands\": [], \"x\": [", "brands: no brand: expected the host"},
        {"\"models\": [", "\"models\": [], \"x\": [", "models: no car model"},
        {"\"plants\": [", "\"plants\": [], \"x\": [", "plants: no plant"},
        /* calendars */
        {"[\"Mon\"]", "[\"Mon\", \"Funday\"]", "weekdays[1]: expected one of Mon, Tue, Wed"},
        {"\"weekdays\": [\"Mon\"]", "\"bank_holidays\": [7]",
         "bank_holidays[0]: expected a date \"YYYY-MM-DD\" or {\"date\", \"name\"}"},
        {"\"weekdays\": [\"Mon\"]", "\"bank_holidays\": [\"2026-13-01\"]",
         "bank_holidays[0]: expected a date \"YYYY-MM-DD\", got '2026-13-01'"},
        {"\"weekdays\": [\"Mon\"]", "\"bank_holidays\": [{\"date\": \"3 March\"}]",
         "bank_holidays[0].date: expected a date"},
        {"\"weekdays\": [\"Mon\"]", "\"shutdowns\": [3]",
         "shutdowns[0]: expected {\"from\", \"to\", \"name\"}"},
        {"\"weekdays\": [\"Mon\"]", "\"shutdowns\": [{\"from\": \"2026-03-10\", \"to\": \"x\"}]",
         "shutdowns[0].to: expected a date \"YYYY-MM-DD\", got 'x'"},
        {"\"weekdays\": [\"Mon\"]",
         "\"shutdowns\": [{\"from\": \"2026-03-10\", \"to\": \"2026-03-05\"}]",
         "shutdowns[0].to: the shutdown ends (2026-03-05) before it starts (2026-03-10)"},
        /* brands */
        {"\"brands\": [", "\"brands\": [7, ", "brands[0]: expected a brand object"},
        {"\"name\": \"Guest\"", "\"name\": \"Host\"",
         "brands[1].name: brand 'Host' is defined twice"},
        {"\"role\": \"guest\"", "\"role\": \"visitor\"",
         "brands[1].role: expected \"host\" or \"guest\", got 'visitor'"},
        {"\"role\": \"guest\"", "\"role\": \"host\"", "brands[1].role: a second host"},
        {"\"role\": \"host\"}", "\"role\": \"host\", \"contract\": {}}",
         "brands[0].contract: the host has no contract"},
        {"{\"min_per_week\": 10}", "{\"min_per_week\": 10, \"max_per_week\": 5}",
         "contract.max_per_week: the maximum (5) is below the minimum (10)"},
        {"{\"min_per_week\": 10}", "{\"penalty_per_car_short\": -1}",
         "penalty_per_car_short: expected a penalty >= 0, got -1"},
        {"{\"min_per_week\": 10}", "{\"models\": 7}",
         "contract.models: expected an object of model names and their weekly bounds"},
        {"{\"min_per_week\": 10}", "{\"models\": {\"X\": {}}}",
         "contract.models.X: unknown model 'X'"},
        {"{\"min_per_week\": 10}", "{\"models\": {\"H\": {}}}",
         "contract.models.H: model 'H' is not a model of 'Guest'"},
        {"{\"min_per_week\": 10}", "{\"models\": {\"G\": 7}}",
         "contract.models.G: expected {\"min_per_week\", \"max_per_week\"}"},
        {"{\"min_per_week\": 10}",
         "{\"models\": {\"G\": {\"min_per_week\": 9, \"max_per_week\": 8}}}",
         "contract.models.G: the maximum is below the minimum"},
        /* models */
        {"\"models\": [", "\"models\": [7, ", "models[0]: expected a car model object"},
        {"\"name\": \"G\"", "\"name\": \"H\"", "models[1].name: model 'H' is defined twice"},
        {"{\"ROOF\": 0.2}", "{\"\": 0.2}", "an option needs a name"},
        {"{\"ROOF\": 0.2}", "{\"ROOF|TOW\": 0.2}", "option names cannot hold '|'"},
        {"{\"ROOF\": 0.2}", "{\"ROOF\": 1.5}", "options.ROOF: expected a take rate from 0 to 1"},
        {", \"colours\": [\"Red\"]", "", "models[0]: missing 'colours'"},
        {"[\"Red\"]", "7",
         "colours: expected an object of colour names and shares, or an array of names"},
        {"[\"Red\"]", "[]", "models[0].colours: no colour"},
        {"{\"Blue\": 1}", "{\"Blue\": 0}", "colours.Blue: expected a share > 0"},
        {"{\"Blue\": 1}", "{\"\": 1}", "a colour needs a name"},
        {"[\"Red\"]", "[7]", "colours[0]: expected a colour name"},
        {"\"lines\": [\"L1\"]", "\"lines\": [7]", "models[0].lines[0]: expected a line name"},
        {"\"lines\": [\"L1\"]", "\"lines\": []", "no line can build model 'H'"},
        /* plants and lines */
        {"\"plants\": [", "\"plants\": [7, ", "plants[0]: expected a plant object"},
        {"\"lines\": [\n", "\"lines\": [7, ", "plants[0].lines[0]: expected a line object"},
        {"\"plants\": [",
         "\"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L9\", "
         "\"rate\": 1, \"shifts\": [8]}]}, ",
         "plants[1].name: plant 'P' is defined twice"},
        {"\"plants\": [", "\"plants\": [{\"name\": \"Q\", \"lines\": []}, ",
         "plants[0].lines: a plant with no line"},
        {"\"plants\": [",
         "\"plants\": [{\"name\": \"Q\", \"lines\": [{\"name\": \"L1\", "
         "\"rate\": 1, \"shifts\": [8]}]}, ",
         "plants[1].lines[0].name: line 'L1' is defined twice"},
        {"\"shifts\": [8]", "\"shifts\": []", "shifts: no shift: a line needs at least one"},
        {"\"shifts\": [8]", "\"shifts\": [0]", "shifts[0]: expected a shift length in hours > 0"},
        {"\"shifts\": [8]", "\"shifts\": [20, 8]",
         "the shifts add up to 28 hours, more than a day"},
        {"\"rate\": 10", "\"rate\": 0.01", "rate x hours is less than one car a day"},
        {"\"rate\": 10", "\"rate\": 10, \"batch_limit\": -1",
         "batch_limit: expected a paint batch"},
        {"\"rate\": 10", "\"rate\": 10, \"spread\": {\"brand\": \"X\", \"n\": 1, \"p\": 2}",
         "spread.brand: unknown brand 'X'"},
        {"\"rate\": 10", "\"rate\": 10, \"spread\": {\"brand\": \"Host\", \"n\": 1, \"p\": 2}",
         "spread.brand: 'Host' is the host: a spreading rule limits a guest"},
        {"\"rate\": 10", "\"rate\": 10, \"spread\": {\"brand\": \"Guest\", \"n\": 0, \"p\": 2}",
         "spread.n: a spreading rule with N = 0 forbids every guest car"},
        {"\"rules\": [", "\"rules\": [7, ", "rules[0]: expected a rule object"},
        {"\"p\": 3}", "\"p\": 3, \"priority\": \"medium\"}",
         "rules[0].priority: expected \"high\" or \"low\", got 'medium'"},
        {"\"p\": 3}", "\"p\": 3, \"hard\": 1}", "rules[0].hard: expected true or false"},
        {"\"p\": 3}", "\"p\": 0}", "rules[0].p: expected P of N/P"},
        {"\"lines\": [\n   {", "\"lines\": [\n   {\"models\": [7], ",
         "lines[0].models[0]: expected a model name"},
        /* demand */
        {"\"demand\": [", "\"demand\": [7, ",
         "demand[0]: expected {\"model\", \"per_week\", \"weeks\"}"},
        {"\"demand\": [", "\"demand\": [{\"model\": \"H\", \"per_week\": 1}, ",
         "demand[1].model: demand for model 'H' is given twice"},
        {"\"per_week\": 200", "\"weeks\": {\"W10\": 5}", "demand[0].weeks.W10: expected a week"},
        {"\"per_week\": 200", "\"weeks\": {\"2026-W30\": 5}",
         "demand[0].weeks.2026-W30: week 2026-W30 is outside the horizon"},
        {"\"per_week\": 200", "\"weeks\": {\"2026-W10\": -1}",
         "demand[0].weeks.2026-W10: expected cars per week >= 0"},
        /* recovery */
        {"\"shifts\": []", "\"shifts\": [7]",
         "recovery.shifts[0]: expected {\"where\", \"date\"} or {\"where\", \"from\", \"to\"}"},
        {"\"shifts\": []",
         "\"shifts\": [{\"where\": \"P\", \"from\": \"2026-03-04\", \"to\": "
         "\"2026-03-02\"}]",
         "recovery.shifts[0].to: the range ends (2026-03-02) before it starts (2026-03-04)"},
        {"\"shifts\": []", "\"shifts\": [{\"where\": \"P\", \"date\": \"2027-01-04\"}]",
         "recovery.shifts[0].date: 2027-01-04 is outside the horizon"},
        {"\"shifts\": []", "\"shift_hours\": 30",
         "recovery.shift_hours: expected hours from 0.5 to 24"},
    };
    for (size_t i = 0; i < sizeof EDITS / sizeof *EDITS; i++)
        expect_edit(EDITS[i][0], EDITS[i][1], EDITS[i][2]);

    /* The limits: options per scenario, rules per line, closed days per line. */
    static char big[16384];
    size_t n = (size_t)snprintf(big, sizeof big, "{");
    n = list(big, sizeof big, n, SC__MAX_SC_OPTIONS + 1, "%s\"O%d\": 0.%d");
    snprintf(big + n, sizeof big - n, "}");
    expect_edit("{\"ROOF\": 0.2}", big, "too many options (at most 64 in a scenario)");
    n = (size_t)snprintf(big, sizeof big, "\"rules\": [");
    n = list(big, sizeof big, n, SC__MAX_LINE_RULES + 1,
             "%s{\"option\": \"ROOF\", \"n\": 1, \"p\": %d}");
    snprintf(big + n, sizeof big - n, "]");
    expect_edit("\"rules\": [{\"option\": \"ROOF\", \"n\": 1, \"p\": 3}]", big,
                "too many rules (at most 32 per line)");
    n = (size_t)snprintf(big, sizeof big, "\"bank_holidays\": [");
    for (int i = 0; i < 300 && n < sizeof big; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "%s\"%d-%02d-%02d\"", i ? ", " : "",
                              2026 + i / 336, 1 + i / 28 % 12, 1 + i % 28);
    snprintf(big + n, sizeof big - n, "]");
    expect_edit("\"weekdays\": [\"Mon\"]", big, "too many holidays and shutdowns (at most 256");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_all_listed),
        cmocka_unit_test(test_files_and_quirks),
        cmocka_unit_test(test_every_message),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
