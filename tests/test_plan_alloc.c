/*
** The allocation (src/plan/allocate.c): every bound of the MIP holds in
** the plan, contract minimums are met where capacity allows, and where it
** does not the shortfall is reported with the cause that binds (calendar,
** capacity, spreading rule, orders).
*/
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "../src/plan/plan.h"

#define SMALL SC_TEST_DATA "/plan/small"

static sc_scenario *read_small(void) {
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_read(SMALL "/scenario.json", &sc, &dl), SC_OK);
    assert_int_equal(sc_scenario_read_orders(sc, SMALL "/orders.csv", &dl), SC_OK);
    return sc;
}

static sc_plan *run(const sc_scenario *sc) {
    sc_plan_params p;
    sc_plan_defaults(&p);
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
    return pl;
}

static bool is_guest(const sc_scenario *sc, size_t m) {
    return !sc->brand[sc->model[m].brand].host;
}

/* Every bound of the allocation, on the small network. */
static void test_bounds(void **state) {
    (void)state;
    sc_scenario *sc = read_small();
    sc_plan *pl = run(sc);
    size_t nl = pl->nl, nw = pl->nw, nm = pl->nm;
    assert_true(pl->stats.mip_cols > 0);
    assert_true(pl->stats.mip_ints > 0);
    int64_t total = 0;
    for (size_t l = 0; l < nl; l++) {
        const sc__spread *sp = &sc->line[l].spread;
        for (size_t w = 0; w < nw; w++) {
            int64_t all = 0, limited = 0;
            for (size_t m = 0; m < nm; m++) {
                int32_t x = pl->alloc[(m * nl + l) * nw + w];
                assert_true(x >= 0);
                if (x) {
                    /* Guest models only, on lines that build them. */
                    assert_true(is_guest(sc, m));
                    assert_true(sc->compat[l * nm + m]);
                }
                all += x;
                if (sp->on && (sp->brand < 0 || sp->brand == sc->model[m].brand)) limited += x;
            }
            assert_true(all <= pl->wk_room[l * nw + w]);
            if (sp->on) assert_true(limited <= pl->wk_spread[l * nw + w]);
            total += all;
        }
    }
    assert_true(total > 0);
    /* Contract maximums, per brand and per model, and orders released. */
    for (size_t w = 0; w < nw; w++) {
        for (size_t b = 0; b < pl->nb; b++) {
            if (sc->brand[b].host || sc->brand[b].max_week < 0) continue;
            int64_t sum = 0;
            for (size_t m = 0; m < nm; m++)
                if (sc->model[m].brand == (int32_t)b)
                    for (size_t l = 0; l < nl; l++)
                        sum += pl->alloc[(m * nl + l) * nw + w];
            assert_true(sum <= sc->brand[b].max_week);
            assert_true(pl->built_bw[b * nw + w] <= sc->brand[b].max_week);
        }
    }
    for (size_t m = 0; m < nm; m++) {
        if (!is_guest(sc, m)) continue;
        int64_t built = 0, released = 0;
        for (size_t w = 0; w < nw; w++) {
            for (size_t i = 0; i < sc->norders; i++)
                released += sc->order[i].model == (int32_t)m && sc->order[i].earliest == (int16_t)w;
            for (size_t l = 0; l < nl; l++)
                built += pl->alloc[(m * nl + l) * nw + w];
            assert_true(built <= released); /* never ahead of the orders */
        }
    }
    /* Capacity suffices in the small network: every weekly minimum is met,
    ** for the brands and for Alpha One (20 a week). */
    for (size_t b = 0; b < pl->nb; b++)
        for (size_t w = 0; w < nw; w++)
            if (!sc->brand[b].host) assert_true(pl->built_bw[b * nw + w] >= sc->brand[b].min_week);
    long a1 = -1;
    for (size_t m = 0; m < nm; m++)
        if (!strcmp(sc__name(sc, sc->model[m].name), "Alpha One")) a1 = (long)m;
    assert_true(a1 >= 0);
    for (size_t w = 0; w < nw; w++)
        assert_true(pl->built_mw[(size_t)a1 * nw + w] >= 20);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

/*
** One line, 80 slots a day, three weeks from 2026-W10; guest "Main" wants
** at least 200 cars a week and has 900 orders; guest "Thin" wants 5 a
** week but has ordered 3.
**   W10: the host takes 150 (30 a day); the spreading rule (1 in 2) lets 31
**        guests a day in beside them: 155 < 200, the rule binds;
**   W11: the line is shut: the calendar binds;
**   W12: the host takes 300 (60 a day): 100 slots left, capacity binds.
*/
static const char CAUSES[] =
    "{\"name\": \"causes\", \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 3},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L\", \"rate\": 10, \"shifts\": [8],\n"
    "   \"calendar\": {\"shutdowns\": [{\"from\": \"2026-03-09\", \"to\": \"2026-03-13\", "
    "\"name\": \"refit\"}]},\n"
    "   \"spread\": {\"n\": 1, \"p\": 2}}]}],\n"
    " \"brands\": [{\"name\": \"Host\", \"role\": \"host\"},\n"
    "   {\"name\": \"Main\", \"role\": \"guest\", \"contract\": {\"min_per_week\": 200}},\n"
    "   {\"name\": \"Thin\", \"role\": \"guest\", \"priority\": 2, \"contract\": "
    "{\"min_per_week\": 5}}],\n"
    " \"models\": [{\"name\": \"H\", \"brand\": \"Host\", \"lines\": [\"L\"], \"colours\": "
    "[\"R\"]},\n"
    "   {\"name\": \"M\", \"brand\": \"Main\", \"lines\": [\"L\"], \"colours\": [\"B\"]},\n"
    "   {\"name\": \"T\", \"brand\": \"Thin\", \"lines\": [\"L\"], \"colours\": [\"G\"]}],\n"
    " \"demand\": [{\"model\": \"H\", \"per_week\": 150, \"weeks\": {\"2026-W11\": 0, "
    "\"2026-W12\": 300}}]}\n";

static void test_causes(void **state) {
    (void)state;
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_parse(CAUSES, strlen(CAUSES), "causes.json", &sc, &dl), SC_OK);
    /* 900 orders of M released in W10, due W10..W12; 3 of T, due W10. */
    size_t cap = 64 * 1024, n = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    n += (size_t)snprintf(csv + n, cap - n,
                          "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < 900; i++)
        n += (size_t)snprintf(csv + n, cap - n, "M%d,Main,M,B,,2026-W10,2026-W%d\n", i,
                              10 + i / 300);
    for (int i = 0; i < 3; i++)
        n += (size_t)snprintf(csv + n, cap - n, "T%d,Thin,T,G,,2026-W10,2026-W10\n", i);
    assert_int_equal(sc_scenario_parse_orders(sc, csv, n, "causes.csv", &dl), SC_OK);
    free(csv);
    sc_plan *pl = run(sc);
    size_t nw = pl->nw;
    /* Main is short in every week, each time for another reason. */
    char why[3][512];
    sc_cause cause[3];
    for (size_t w = 0; w < 3; w++) {
        assert_true(pl->built_bw[1 * nw + w] < 200);
        assert_int_equal(sc_plan_shortfall_get(pl, NULL, "Main", w, &cause[w], NULL), SC_OK);
        sc_cause_format(pl, &cause[w], why[w], sizeof why[w]);
    }
    assert_int_equal(cause[0].kind, SC_CAUSE_SPREAD_WEEK);
    assert_int_equal(cause[1].kind, SC_CAUSE_WEEK_CLOSED);
    assert_int_equal(cause[2].kind, SC_CAUSE_WEEK_FULL);
    assert_int_equal(cause[2].host, 300);
    assert_int_equal(cause[2].capacity, 400);
    assert_true(pl->built_bw[1 * nw + 0] + pl->built_bw[2 * nw + 0] <= 155);
    assert_int_equal(pl->built_bw[1 * nw + 1], 0);
    assert_true(pl->built_bw[1 * nw + 2] + pl->built_bw[2 * nw + 2] <= 100);
    assert_true(tu_contains(why[0], "rule: the spreading rule"));
    assert_true(tu_contains(why[1], "calendar: L closed all week (refit)"));
    assert_true(tu_contains(why[2], "capacity: host volume takes 300 of 400 slots"));
    /* In Main's own view the same cause counts the others as one number:
    ** the host's 300 and Thin's cars together, never apart. */
    sc_cause mine;
    char text[512];
    assert_int_equal(sc_plan_shortfall_get(pl, "Main", "Main", 2, &mine, NULL), SC_OK);
    assert_int_equal(mine.kind, SC_CAUSE_WEEK_FULL);
    assert_int_equal(mine.host, -1);
    assert_int_equal(mine.guests, -1);
    assert_int_equal(mine.others, cause[2].host + cause[2].guests - cause[2].own);
    sc_cause_format(pl, &mine, text, sizeof text);
    char want[128];
    snprintf(want, sizeof want, "capacity: others take %lld of 400 slots", (long long)mine.others);
    assert_true(tu_contains(text, want));
    assert_null(strstr(text, "host"));
    assert_null(strstr(text, "guests"));
    /* Main may not read Thin's weeks; the spreading rule's count stays the
    ** host's business. */
    assert_int_equal(sc_plan_shortfall_get(pl, "Main", "Thin", 2, &mine, NULL), SC_EINVAL);
    assert_int_equal(sc_plan_shortfall_get(pl, "Main", "Main", 0, &mine, NULL), SC_OK);
    assert_int_equal(mine.count, 0);
    /* Thin has 3 orders for a minimum of 5: its orders bind. */
    sc_cause thin;
    assert_int_equal(sc_plan_shortfall_get(pl, NULL, "Thin", 2, &thin, NULL), SC_OK);
    assert_int_equal(thin.kind, SC_CAUSE_RELEASED);
    assert_true(tu_contains(sc_cause_format(pl, &thin, text, sizeof text), "orders: only"));
    /* Shortfalls are in the KPIs, not silent. */
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, "Main", &k, NULL), SC_OK);
    assert_int_equal(k.weeks_short, 3);
    assert_true(k.shortfall >= 600 - 155 - 100);
    /* Late orders name their cause too. */
    size_t late = 0;
    for (size_t i = 0; i < sc->norders; i++)
        if (pl->order_status[i] != SC__ORDER_ONTIME) {
            late++;
            assert_int_not_equal(pl->order_reason[i], SC__NO_REASON);
        }
    assert_true(late > 0);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_causes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
