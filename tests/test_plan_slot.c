/*
** Slotting (src/plan/slot.c) and sequencing (src/plan/sequence.c) on the
** small network and on a generated one: every car once, on a line that can
** build it, in a week it may be built, within each rule's room on its day;
** every line-day sequence valid by the engine's own scorer (what 'sparecap
** check' runs), with the score the plan reports. And the line-day counts and
** room checks both slotting steps share (src/plan/days.c).
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

static sc_plan *run(const sc_scenario *sc, int threads) {
    sc_plan_params p;
    sc_plan_defaults(&p);
    p.threads = threads;
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
    return pl;
}

/* The slotting invariants of 'pl'. */
static void check_slots(const sc_scenario *sc, const sc_plan *pl) {
    size_t nd = pl->nd, nm = pl->nm;
    uint8_t *seen = calloc(sc->norders + 1, 1);
    assert_non_null(seen);
    size_t cars = 0;
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        size_t l = (size_t)ld->line, t = (size_t)ld->day;
        const sc__line *ln = &sc->line[l];
        assert_int_equal(pl->ld_index[l * nd + t], (int32_t)k);
        /* Within the day's slots; the host's cars as the ledger reserved. */
        assert_true(ld->n <= (uint32_t)pl->day_cap[l * nd + t]);
        int64_t host = 0, guests = 0, spread = 0;
        int64_t cnt[SC__MAX_LINE_RULES] = {0};
        int64_t *ccnt = calloc(sc->colour.n + 1, sizeof *ccnt);
        assert_non_null(ccnt);
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            int32_t b = sc->model[c->model].brand;
            assert_true(sc->compat[l * nm + (size_t)c->model]);
            if (sc->brand[b].host)
                host++;
            else {
                guests++;
                if (ln->spread.on && (ln->spread.brand < 0 || ln->spread.brand == b)) spread++;
            }
            for (size_t r = 0; r < ln->nrules; r++)
                cnt[r] += (int64_t)((c->opts >> ln->rule[r].option) & 1);
            ccnt[c->colour]++;
            if (c->order >= 0) {
                const sc__order *o = &sc->order[c->order];
                assert_false(seen[c->order]); /* every order once */
                seen[c->order] = 1;
                assert_int_equal(pl->order_line[c->order], (int32_t)l);
                assert_int_equal(pl->order_day[c->order], (int32_t)t);
                assert_int_equal(pl->order_pos[c->order], i + 1);
                assert_true((int)(t / 7) >= o->earliest); /* never before its release */
                assert_int_equal(pl->order_status[c->order],
                                 (int)(t / 7) <= o->due ? SC__ORDER_ONTIME : SC__ORDER_LATE);
                assert_int_equal(c->opts, o->opts);
                assert_int_equal(c->colour, o->colour);
            }
        }
        assert_int_equal(host, pl->day_host[l * nd + t]);
        assert_int_equal(guests, ld->nguest);
        /* The rules' room over the day's cars. */
        for (size_t r = 0; r < ln->nrules; r++)
            assert_true(cnt[r] <= sc__rule_room((int64_t)ld->n, ln->rule[r].n, ln->rule[r].p));
        if (ln->spread.on) {
            assert_true(spread <= sc__rule_room((int64_t)ld->n, ln->spread.n, ln->spread.p));
            assert_true(spread <= pl->day_spread[l * nd + t]);
        }
        /* No colour with more cars than the batch limit lets runs hold. */
        for (size_t c = 0; c < sc->colour.n; c++)
            assert_true(ccnt[c] <= sc__colour_room((int64_t)ld->n, ln->batch_limit));
        free(ccnt);
        cars += ld->n;
    }
    assert_int_equal(cars, pl->ncars);
    /* Orders not on a line-day are unplanned, and say why. */
    for (size_t i = 0; i < sc->norders; i++)
        if (!seen[i]) {
            assert_int_equal(pl->order_status[i], SC__ORDER_UNPLANNED);
            assert_int_not_equal(pl->order_reason[i], SC__NO_REASON);
        }
    free(seen);
}

/* Every sequence scored afresh by the engine's scorer: valid, and the
** score the plan holds. */
static void check_sequences(const sc_plan *pl) {
    assert_true(sc_plan_ndays(pl) > 0);
    for (size_t k = 0; k < sc_plan_ndays(pl); k++) {
        sc_instance *in;
        uint32_t *seq;
        sc_diag d = {0};
        assert_int_equal(sc_plan_day_instance(pl, k, &in, &seq, &d), SC_OK);
        sc_score s;
        sc_status st = sc_score_sequence(in, seq, &s, &d);
        if (st) print_error("line-day %zu: %s\n", k, d.msg);
        assert_int_equal(st, SC_OK);
        assert_true(sc_score_is_feasible(&s));
        sc_score held = sc_plan_day_score(pl, k);
        assert_int_equal(s.total, held.total);
        assert_int_equal(s.hard, held.hard);
        assert_int_equal(s.batch_excess, held.batch_excess);
        for (size_t j = 0; j < sc_instance_nobjectives(in); j++)
            assert_int_equal(s.value[j], held.value[j]);
        /* The previous day's tail stands in front when the line worked the
        ** day before (in the plan). */
        if (k > 0 && pl->ld[k - 1].line == pl->ld[k].line)
            assert_true(sc_instance_nprev(in) > 0);
        else
            assert_int_equal(sc_instance_nprev(in), 0);
        free(seq);
        sc_instance_free(in);
    }
    sc_instance *in;
    uint32_t *seq;
    sc_diag d;
    assert_int_equal(sc_plan_day_instance(pl, sc_plan_ndays(pl), &in, &seq, &d), SC_EINVAL);
    assert_null(in);
}

static void test_small(void **state) {
    (void)state;
    sc_scenario *sc = read_small();
    sc_plan *pl = run(sc, 2);
    check_slots(sc, pl);
    check_sequences(pl);
    /* The small network has room for every order. */
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.orders, (int64_t)sc->norders);
    assert_int_equal(k.unplanned, 0);
    assert_int_equal(k.guest_cars, (int64_t)sc->norders);
    assert_int_equal(k.days_infeasible, 0);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

/* A generated network, tight enough that orders wait and some stay out. */
static void test_generated(void **state) {
    (void)state;
    sc_scenario_gen_params gp;
    sc_scenario_gen_defaults(&gp);
    gp.plants = 2;
    gp.lines = 2;
    gp.weeks = 3;
    gp.load = 1.3;
    gp.seed = 5;
    sc_scenario *sc;
    sc_diag d;
    assert_int_equal(sc_scenario_gen(&gp, &sc, &d), SC_OK);
    assert_true(sc_scenario_norders(sc) > 0);
    sc_plan *pl = run(sc, 3);
    check_slots(sc, pl);
    check_sequences(pl);
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_true(k.unplanned + k.late > 0); /* 130% of the spare: not all fit */
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

/* Lines with fewer jobs than a rule's P, one car a day, no rules. */
static void test_tiny_days(void **state) {
    (void)state;
    static const char TEXT[] =
        "{\"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 1},\n"
        " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L\", \"rate\": 1, \"shifts\": "
        "[1],\n"
        "   \"rules\": [{\"option\": \"X\", \"n\": 1, \"p\": 9}], \"spread\": {\"n\": 1, \"p\": "
        "4}}]}],\n"
        " \"brands\": [{\"name\": \"H\", \"role\": \"host\"}, {\"name\": \"G\", \"role\": "
        "\"guest\"}],\n"
        " \"models\": [{\"name\": \"HM\", \"brand\": \"H\", \"lines\": [\"L\"], \"options\": "
        "{\"X\": 1},"
        " \"colours\": [\"R\"]},\n"
        "   {\"name\": \"GM\", \"brand\": \"G\", \"lines\": [\"L\"], \"colours\": [\"B\"]}],\n"
        " \"demand\": [{\"model\": \"HM\", \"per_week\": 3}]}\n";
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_parse(TEXT, strlen(TEXT), "tiny.json", &sc, &dl), SC_OK);
    static const char ORDERS[] = "order_id,brand,model,colour,options,earliest_week,due_week\n"
                                 "g1,G,GM,B,,2026-W10,2026-W10\ng2,G,GM,B,,2026-W10,2026-W10\n"
                                 "g3,G,GM,B,,2026-W10,2026-W10\n";
    assert_int_equal(sc_scenario_parse_orders(sc, ORDERS, strlen(ORDERS), "tiny.csv", &dl), SC_OK);
    sc_plan *pl = run(sc, 1);
    check_slots(sc, pl);
    check_sequences(pl);
    /* Five slots, three host cars: two guests fit. */
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.host_cars, 3);
    assert_int_equal(k.guest_cars, 2);
    assert_int_equal(k.unplanned, 1);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

/*
** A week whose first 'nheavy' orders all carry the ruled option ROOF, with
** one of 'nsets' other options each, then 300 orders without. The days fill
** up to the rule's room at their planned count; the orders holding options
** turned away go by free while the model remembers at most four such sets;
** beyond that they count, the model's turn ends after too many, the days
** hold fewer cars than planned, and the cars beyond the rule at the actual
** count go back. In both cases the rules hold on every day, the week is
** filled by the repair, and what is left waits with its reason.
*/
static void heavy_week(int nheavy, int nsets) {
    char text[2048], opts[1024] = "\"ROOF\": 0.5";
    for (int k = 0; k < nsets; k++)
        snprintf(opts + strlen(opts), sizeof opts - strlen(opts), ", \"O%d\": 0.1", k);
    snprintf(text, sizeof text,
             "{\"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 1},\n"
             " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L1\", \"rate\": 10, "
             "\"shifts\": [8], \"rules\": [{\"option\": \"ROOF\", \"n\": 1, \"p\": 3}]}]}],\n"
             " \"brands\": [{\"name\": \"H\", \"role\": \"host\"}, {\"name\": \"G\", \"role\": "
             "\"guest\"}],\n"
             " \"models\": [{\"name\": \"HM\", \"brand\": \"H\", \"lines\": [\"L1\"], "
             "\"colours\": [\"R\"]},\n"
             "   {\"name\": \"GM\", \"brand\": \"G\", \"lines\": [\"L1\"], \"options\": {%s}, "
             "\"colours\": [\"B\"]}],\n"
             " \"demand\": [{\"model\": \"HM\", \"per_week\": 50}]}\n",
             opts);
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_parse(text, strlen(text), "heavy.json", &sc, &dl), SC_OK);
    size_t cap = 100 + (size_t)(nheavy + 300) * 48, n = 0;
    char *orders = malloc(cap);
    assert_non_null(orders);
    n += (size_t)snprintf(orders + n, cap - n,
                          "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < nheavy + 300; i++) {
        char o[32] = "";
        if (i < nheavy && nsets)
            snprintf(o, sizeof o, "ROOF|O%d", i % nsets);
        else if (i < nheavy)
            snprintf(o, sizeof o, "ROOF");
        n += (size_t)snprintf(orders + n, cap - n, "g%04d,G,GM,B,%s,2026-W10,2026-W10\n", i, o);
    }
    assert_int_equal(sc_scenario_parse_orders(sc, orders, n, "heavy.csv", &dl), SC_OK);
    free(orders);
    sc_plan *pl = run(sc, 1);
    check_slots(sc, pl);
    check_sequences(pl);
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    /* Five days of 80 slots, 50 host cars: room for 350 guests, at most a
    ** third of each day with ROOF; all 300 without it and as many with it as
    ** the slots left. */
    int64_t roof = 0;
    for (size_t i = 0; i < sc->norders; i++)
        roof += pl->order_line[i] >= 0 && (sc->order[i].opts & 1);
    assert_true(roof > 0 && roof <= 5 * sc__rule_room(80, 1, 3));
    assert_int_equal(k.guest_cars, 350);
    assert_int_equal(k.unplanned, nheavy + 300 - 350);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

static void test_option_heavy_week(void **state) {
    (void)state;
    heavy_week(500, 0);   /* one set of options, remembered */
    heavy_week(1000, 16); /* more sets than remembered: the turn ends */
}

/* Guests all in one colour on a line with a batch limit of 2: a day takes
** no more of them than the other cars can break into runs of 2, so that
** every sequence obeys the limit; the rest wait. */
static void test_one_colour_guests(void **state) {
    (void)state;
    static const char TEXT[] =
        "{\"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 1},\n"
        " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L1\", \"rate\": 10, "
        "\"shifts\": [8], \"batch_limit\": 2}]}],\n"
        " \"brands\": [{\"name\": \"H\", \"role\": \"host\"}, {\"name\": \"G\", \"role\": "
        "\"guest\"}],\n"
        " \"models\": [{\"name\": \"HM\", \"brand\": \"H\", \"lines\": [\"L1\"], "
        "\"colours\": [\"R\"]},\n"
        "   {\"name\": \"GM\", \"brand\": \"G\", \"lines\": [\"L1\"], \"colours\": [\"B\"]}],\n"
        " \"demand\": [{\"model\": \"HM\", \"per_week\": 50}]}\n";
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_parse(TEXT, strlen(TEXT), "one.json", &sc, &dl), SC_OK);
    size_t cap = 100 + 300 * 40, n = 0;
    char *orders = malloc(cap);
    assert_non_null(orders);
    n += (size_t)snprintf(orders + n, cap - n,
                          "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(orders + n, cap - n, "g%03d,G,GM,B,,2026-W10,2026-W10\n", i);
    assert_int_equal(sc_scenario_parse_orders(sc, orders, n, "one.csv", &dl), SC_OK);
    free(orders);
    sc_plan *pl = run(sc, 1);
    check_slots(sc, pl); /* the colour room of every day */
    check_sequences(pl); /* every sequence within the limit */
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.days_infeasible, 0);
    /* Ten host cars a day break the guests' cars into at most 11 runs of 2. */
    assert_int_equal(k.guest_cars, 5 * 22);
    assert_int_equal(k.unplanned, 300 - 5 * 22);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

/* Host orders instead of demand: built in their due week, before any guest;
** those beyond the capacity are unplanned, with the reason. */
static void test_host_orders(void **state) {
    (void)state;
    static const char TEXT[] =
        "{\"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 2},\n"
        " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L\", \"rate\": 1, \"shifts\": "
        "[1]}]}],\n"
        " \"brands\": [{\"name\": \"H\", \"role\": \"host\"}, {\"name\": \"G\", \"role\": "
        "\"guest\"}],\n"
        " \"models\": [{\"name\": \"HM\", \"brand\": \"H\", \"lines\": [\"L\"], \"colours\": "
        "[\"R\"]},\n"
        "   {\"name\": \"GM\", \"brand\": \"G\", \"lines\": [\"L\"], \"colours\": [\"B\"]}],\n"
        " \"demand\": [{\"model\": \"HM\", \"per_week\": 4}]}\n";
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_parse(TEXT, strlen(TEXT), "host.json", &sc, &dl), SC_OK);
    /* Seven host orders due W10 (five slots: two left out), one due W11;
    ** three guest orders. The host's orders replace its demand of 4. */
    static const char ORDERS[] = "order_id,brand,model,colour,options,earliest_week,due_week\n"
                                 "h1,H,HM,R,,2026-W10,2026-W10\nh2,H,HM,R,,2026-W10,2026-W10\n"
                                 "h3,H,HM,R,,2026-W10,2026-W10\nh4,H,HM,R,,2026-W10,2026-W10\n"
                                 "h5,H,HM,R,,2026-W10,2026-W10\nh6,H,HM,R,,2026-W10,2026-W10\n"
                                 "h7,H,HM,R,,2026-W10,2026-W10\nh8,H,HM,R,,2026-W11,2026-W11\n"
                                 "g1,G,GM,B,,2026-W10,2026-W11\ng2,G,GM,B,,2026-W10,2026-W11\n"
                                 "g3,G,GM,B,,2026-W10,2026-W11\n";
    assert_int_equal(sc_scenario_parse_orders(sc, ORDERS, strlen(ORDERS), "host.csv", &dl), SC_OK);
    sc_plan *pl = run(sc, 1);
    check_slots(sc, pl);
    check_sequences(pl);
    size_t unplanned = 0;
    for (size_t i = 0; i < 8; i++) {
        if (pl->order_status[i] == SC__ORDER_UNPLANNED) {
            unplanned++;
            sc_plan_order po;
            char why[512];
            assert_int_equal(sc_plan_order_get(pl, NULL, i, &po, NULL), SC_OK);
            assert_int_equal(po.cause.kind, SC_CAUSE_HOST_VOLUME);
            assert_true(
                tu_contains(sc_cause_format(pl, &po.cause, why, sizeof why),
                            "capacity: the host's volume of HM exceeds its lines' capacity"));
        } else {
            assert_int_equal(pl->order_status[i], SC__ORDER_ONTIME);
            assert_int_equal(pl->order_day[i] / 7, sc->order[i].due);
        }
    }
    assert_int_equal(unplanned, 2);
    /* W11: one host car, so four slots for the three guest orders. */
    for (size_t i = 8; i < 11; i++) {
        assert_int_equal(pl->order_status[i], SC__ORDER_ONTIME);
        assert_int_equal(pl->order_day[i] / 7, 1);
    }
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.host_cars, 6);
    assert_int_equal(k.host_unmet, 2);
    sc_plan_free(pl);
    sc_scenario_free(sc);
}

/*
** The line-day counts and room checks the plan and the replan share
** (days.c), on line N1 of the small network: ROOF at most 1 in 3, TOW 1 in
** 2, guests spread 1 in 2, batch limit 6. Each expectation is worked out
** from the rule by hand.
*/
static void test_days(void **state) {
    (void)state;
    sc_scenario *sc = read_small();
    const sc__line *n1 = &sc->line[0];
    assert_int_equal(n1->nrules, 2);
    uint64_t roof = (uint64_t)1 << n1->rule[0].option, tow = (uint64_t)1 << n1->rule[1].option;
    int32_t host = sc->host, alpha = (int32_t)sc__find_brand(sc, "Alpha");
    assert_true(host >= 0 && alpha >= 0);
    sc__days D, F;
    assert_true(sc__days_init(&D, sc, 4));
    assert_true(sc__days_init(&F, sc, 4));
    size_t k = 2; /* any line-day of N1 */

    /* Ratio rules: at 3 cars one ROOF, at 4 cars two. */
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, roof, 0, host, 3));
    sc__days_add(&D, sc, 0, k, roof, 0, host, 1);
    assert_false(sc__days_fit(&D, NULL, sc, 0, k, roof, 0, host, 3));
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, roof, 0, host, 4));
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, tow, 0, host, 3));
    /* The same car fixed in front is left out of the count. */
    sc__days_add(&F, sc, 0, k, roof, 0, host, 1);
    assert_true(sc__days_fit(&D, &F, sc, 0, k, roof, 0, host, 3));
    sc__days_add(&F, sc, 0, k, roof, 0, host, -1);

    /* Over the room: a second ROOF car with 3 cars breaks rule 0, and only
    ** cars with ROOF count towards it. */
    sc__excess e;
    assert_false(sc__days_over(&D, NULL, sc, 0, k, 3, &e));
    sc__days_add(&D, sc, 0, k, roof | tow, 1, host, 1);
    assert_true(sc__days_over(&D, NULL, sc, 0, k, 3, &e));
    assert_int_equal(e.rule, 0);
    assert_true(sc__excess_hits(sc, 0, &e, roof, 5, alpha));
    assert_false(sc__excess_hits(sc, 0, &e, tow, 5, alpha));
    assert_false(sc__days_over(&D, NULL, sc, 0, k, 4, &e));
    sc__days_add(&D, sc, 0, k, roof | tow, 1, host, -1);
    sc__days_add(&D, sc, 0, k, roof, 0, host, -1);
    assert_int_equal(D.ncars[k], 0);

    /* The spreading rule counts guests, not the host: two guests in 2 cars
    ** are one too many, two host cars are not. */
    sc__days_add(&D, sc, 0, k, 0, 0, host, 1);
    assert_int_equal(D.nspread[k], 0);
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, 0, 1, alpha, 2));
    sc__days_add(&D, sc, 0, k, 0, 1, alpha, 1);
    assert_int_equal(D.nspread[k], 1);
    assert_false(sc__days_fit(&D, NULL, sc, 0, k, 0, 2, alpha, 2));
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, 0, 2, host, 2));
    sc__days_add(&D, sc, 0, k, 0, 2, alpha, 1);
    assert_true(sc__days_over(&D, NULL, sc, 0, k, 2, &e));
    assert_true(e.spread && e.rule < 0);
    assert_true(sc__excess_hits(sc, 0, &e, 0, 0, alpha));
    assert_false(sc__excess_hits(sc, 0, &e, 0, 0, host));
    sc__days_add(&D, sc, 0, k, 0, 2, alpha, -1);
    sc__days_add(&D, sc, 0, k, 0, 1, alpha, -1);
    sc__days_add(&D, sc, 0, k, 0, 0, host, -1);

    /* Batch limit 6: 7 cars hold at most 6 of a colour, 13 at most 12. */
    for (int i = 0; i < 6; i++)
        sc__days_add(&D, sc, 0, k, 0, 3, host, 1);
    assert_false(sc__days_fit(&D, NULL, sc, 0, k, 0, 3, host, 7));
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, 0, 4, host, 7));
    assert_true(sc__days_fit(&D, NULL, sc, 0, k, 0, 3, host, 13));
    sc__days_add(&D, sc, 0, k, 0, 3, host, 1);
    assert_true(sc__days_over(&D, NULL, sc, 0, k, 7, &e));
    assert_int_equal(e.colour, 3);
    assert_true(sc__excess_hits(sc, 0, &e, roof, 3, host));
    assert_false(sc__excess_hits(sc, 0, &e, 0, 4, host));
    assert_false(sc__days_over(&D, NULL, sc, 0, k, 13, &e));
    /* Other line-days stay empty. */
    assert_int_equal(D.ncars[k - 1] + D.ncars[k + 1], 0);

    sc__days_free(&D);
    sc__days_free(&F);
    assert_null(D.ncars);
    sc_scenario_free(sc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_tiny_days),
        cmocka_unit_test(test_option_heavy_week),
        cmocka_unit_test(test_one_colour_guests),
        cmocka_unit_test(test_host_orders),
        cmocka_unit_test(test_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
