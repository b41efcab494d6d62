/*
** The capacity ledger (src/plan/ledger.c) against hand-computed numbers,
** and the arithmetic it rests on: ISO weeks and dates, the proportional
** split, a rule's room, the spreading rule's room.
*/
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "../src/plan/plan.h"

/*
** Two lines over two weeks from 2026-W10 (Monday 2 March 2026):
**   A: 10 jobs/h x (4 + 4) h = 80 slots a day; spreading rule 1 guest in 3;
**   B: 7.5 jobs/h x 7.5 h = 56.25, so 56 slots a day; closed Thursday 12 and
**      Friday 13 March (a shutdown).
** Both are closed on Wednesday 4 March (a bank holiday of the scenario).
** Host model H runs on A and B: 300 cars in W10, 500 in W11; host model H2
** runs on B only: 1,000 cars in W11, more than B has left.
*/
static const char LEDGER_SCENARIO[] =
    "{\"name\": \"ledger\", \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 2},\n"
    " \"calendar\": {\"bank_holidays\": [\"2026-03-04\"]},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [\n"
    "   {\"name\": \"A\", \"rate\": 10, \"shifts\": [4, 4], \"spread\": {\"n\": 1, \"p\": 3}},\n"
    "   {\"name\": \"B\", \"rate\": 7.5, \"shifts\": [7.5], \"calendar\": {\"shutdowns\": [\n"
    "      {\"from\": \"2026-03-12\", \"to\": \"2026-03-13\", \"name\": \"refit\"}]}}]}],\n"
    " \"brands\": [{\"name\": \"Host\", \"role\": \"host\"}, {\"name\": \"Guest\", \"role\": "
    "\"guest\"}],\n"
    " \"models\": [\n"
    "   {\"name\": \"H\", \"brand\": \"Host\", \"lines\": [\"A\", \"B\"], \"colours\": "
    "[\"Red\"]},\n"
    "   {\"name\": \"H2\", \"brand\": \"Host\", \"lines\": [\"B\"], \"colours\": [\"Red\"]},\n"
    "   {\"name\": \"G\", \"brand\": \"Guest\", \"lines\": [\"A\"], \"colours\": [\"Blue\"]}],\n"
    " \"demand\": [{\"model\": \"H\", \"per_week\": 300, \"weeks\": {\"2026-W11\": 500}},\n"
    "            {\"model\": \"H2\", \"per_week\": 0, \"weeks\": {\"2026-W11\": 1000}}]}\n";

static sc_plan *plan_of(const char *text, sc_scenario **scp) {
    sc_diag_list dl;
    sc_scenario *sc;
    sc_status st = sc_scenario_parse(text, strlen(text), "ledger.json", &sc, &dl);
    if (st) {
        char buf[600];
        for (size_t i = 0; i < dl.count; i++)
            print_error("%s\n", sc_diag_format_full(&dl.item[i], buf, sizeof buf));
    }
    assert_int_equal(st, SC_OK);
    sc_plan_params p;
    sc_plan_defaults(&p);
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
    *scp = sc;
    return pl;
}

static void test_dates(void **state) {
    (void)state;
    int32_t day;
    assert_true(sc__parse_week("2026-W01", &day));
    char buf[16];
    assert_string_equal(sc__format_date(day, buf), "2025-12-29");
    assert_true(sc__parse_week("2026-W53", &day)); /* 2026 has 53 ISO weeks */
    assert_string_equal(sc__format_date(day, buf), "2026-12-28");
    assert_false(sc__parse_week("2025-W53", &day));
    assert_false(sc__parse_week("2026-W00", &day));
    assert_true(sc__parse_date("2026-03-04", &day));
    assert_int_equal(sc__weekday(day), 2); /* a Wednesday */
    assert_string_equal(sc__format_week(day, buf), "2026-W10");
    assert_true(sc__parse_date("2024-02-29", &day));
    assert_false(sc__parse_date("2026-02-29", &day));
    assert_false(sc__parse_date("2026-3-04", &day));
}

static void test_split(void **state) {
    (void)state;
    int32_t out[4];
    /* 300 over 320 and 224: 176.47 and 123.53; the larger remainder (B) gets
    ** the car left. */
    int32_t w1[2] = {320, 224};
    assert_int_equal(sc__split(300, w1, 2, out), 300);
    assert_int_equal(out[0], 176);
    assert_int_equal(out[1], 124);
    /* More than the weights hold: each part is its weight. */
    int32_t w2[3] = {5, 0, 7};
    assert_int_equal(sc__split(20, w2, 3, out), 12);
    assert_int_equal(out[0], 5);
    assert_int_equal(out[1], 0);
    assert_int_equal(out[2], 7);
    /* Equal weights, ties to the lower index. */
    int32_t w3[4] = {10, 10, 10, 10};
    assert_int_equal(sc__split(6, w3, 4, out), 6);
    assert_int_equal(out[0], 2);
    assert_int_equal(out[1], 2);
    assert_int_equal(out[2], 1);
    assert_int_equal(out[3], 1);
}

static void test_rule_room(void **state) {
    (void)state;
    /* 1 in 3 over 10 cars: 1..1..1..1 -> 4. */
    assert_int_equal(sc__rule_room(10, 1, 3), 4);
    assert_int_equal(sc__rule_room(9, 1, 3), 3);
    /* 2 in 5 over 11 cars: 11..11..1 -> 2 + 2 + 1 = 5. */
    assert_int_equal(sc__rule_room(11, 2, 5), 5);
    assert_int_equal(sc__rule_room(0, 1, 2), 0);
    /* Spreading 1 in 3 beside 44 host cars with 36 slots free: 23 guests
    ** (67 cars hold 23 in 1/3; 68 cars hold 23 < 24). */
    assert_int_equal(sc__spread_room(44, 36, 1, 3), 23);
    /* Spreading 1 in 2: at most one more guest than host cars. */
    assert_int_equal(sc__spread_room(10, 100, 1, 2), 11);
    assert_int_equal(sc__spread_room(10, 5, 1, 2), 5);
    assert_int_equal(sc__spread_room(0, 5, 1, 2), 1);
}

static void test_ledger(void **state) {
    (void)state;
    sc_scenario *sc;
    sc_plan *pl = plan_of(LEDGER_SCENARIO, &sc);
    size_t nw = pl->nw, nd = pl->nd;
    assert_int_equal(nw, 2);
    assert_int_equal(sc->line[0].slots, 80);
    assert_int_equal(sc->line[1].slots, 56);
    /* Capacity: A 4 days then 5; B 4 days then 3. */
    assert_int_equal(pl->wk_days[0 * nw + 0], 4);
    assert_int_equal(pl->wk_days[1 * nw + 1], 3);
    assert_int_equal(pl->wk_cap[0 * nw + 0], 320);
    assert_int_equal(pl->wk_cap[0 * nw + 1], 400);
    assert_int_equal(pl->wk_cap[1 * nw + 0], 224);
    assert_int_equal(pl->wk_cap[1 * nw + 1], 168);
    assert_int_equal(pl->wk_nominal[1 * nw + 0], 280);
    assert_int_equal(pl->wk_nominal[1 * nw + 1], 280);
    /* Closed days hold no slot; Wednesday 4 March is day 2. */
    assert_int_equal(pl->day_cap[0 * nd + 2], 0);
    assert_int_equal(pl->day_cap[0 * nd + 5], 0);     /* Saturday */
    assert_int_equal(pl->day_cap[1 * nd + 7 + 3], 0); /* Thursday 12, shut */
    /* Host W10: 300 over A and B in proportion to 320 and 224. */
    assert_int_equal(pl->wk_host[0 * nw + 0], 176);
    assert_int_equal(pl->wk_host[1 * nw + 0], 124);
    /* Over the days: 176 over four days of A is 44 a day; 124 over four of B is 31. */
    for (int t = 0; t < 5; t++) {
        assert_int_equal(pl->day_host[0 * nd + (size_t)t], t == 2 ? 0 : 44);
        assert_int_equal(pl->day_host[1 * nd + (size_t)t], t == 2 ? 0 : 31);
    }
    /* Host W11: 500 over 400 and 168: 352.1 and 147.9 -> 352 and 148; then H2
    ** finds 20 slots on B: 980 cars unmet. */
    assert_int_equal(pl->wk_host[0 * nw + 1], 352);
    assert_int_equal(pl->wk_host[1 * nw + 1], 168);
    assert_int_equal(pl->host_unmet[1 * nw + 1], 980); /* model 1 is H2 */
    assert_int_equal(pl->host_unmet[0 * nw + 1], 0);
    /* Room for guests: capacity less host; on A the spreading rule 1 in 3
    ** lets 23 guests in beside 44 host cars on each of four days. */
    assert_int_equal(pl->wk_room[0 * nw + 0], 320 - 176);
    assert_int_equal(pl->day_spread[0 * nd + 0], 23);
    assert_int_equal(pl->wk_spread[0 * nw + 0], 4 * 23);
    assert_int_equal(pl->wk_room[1 * nw + 1], 0);
    /* The KPIs add up. */
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.capacity, 320 + 400 + 224 + 168);
    assert_int_equal(k.host_cars, 176 + 124 + 352 + 168);
    assert_int_equal(k.host_unmet, 980);
    assert_int_equal(k.guest_cars, 0);
    assert_int_equal(k.spare, k.capacity - k.host_cars);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_rule_room),
        cmocka_unit_test(test_ledger),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
