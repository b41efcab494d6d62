/*
** Replanning (src/plan/replan*.c, diff.c, replan_write.c; the baseline
** reader has its own tests in test_baseline.c): no car on a down line, the frozen horizon as
*published,
** carried cars first after the outage in their published order, every
** order planned or unplanned with a reason, the same plan from the same
** input and seed, extra shifts only where they pay, little churn after a
** small outage, a replan of a replan keeping the first outage, a brand's
** diff.csv holding only its orders, and every kind of bad input.
**
** The baseline is planned once (tests/data/replan, a small effort) into a
** scratch directory that every test reads back.
*/
#include "testutil.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/plan/replan.h"

#define DATA SC_TEST_DATA "/replan"

static char *tmp; /* the scratch directory */
static char base_dir[4096];
static sc_scenario *sc;

static sc_scenario *read_scenario(void) {
    sc_diag_list dl;
    sc_scenario *s;
    assert_int_equal(sc_scenario_read(DATA "/scenario.json", &s, &dl), SC_OK);
    assert_int_equal(sc_scenario_read_orders(s, DATA "/orders.csv", &dl), SC_OK);
    return s;
}

static void small_effort(sc_plan_params *p) {
    p->effort_per_car = 5;
    p->min_effort = 500;
    p->mip_nodes = 500;
    p->threads = 1;
}

static int setup(void **state) {
    (void)state;
    tmp = tu_tmpdir();
    sc = read_scenario();
    sc_plan_params p;
    sc_plan_defaults(&p);
    small_effort(&p);
    sc_plan *pl;
    sc_diag d;
    if (sc_plan_run(sc, &p, &pl, &d) != SC_OK) return -1;
    tu_join(base_dir, sizeof base_dir, tmp, "base");
    sc_status st = sc_plan_write(pl, base_dir, NULL, &d);
    sc_plan_free(pl);
    return st == SC_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    sc_scenario_free(sc);
    tu_tmpdir_free(tmp);
    return 0;
}

static sc_baseline *baseline(void) {
    sc_baseline *b;
    sc_diag d;
    sc_status st = sc_baseline_read(base_dir, sc, &b, &d);
    if (st) fprintf(stderr, "baseline: %s\n", d.msg);
    assert_int_equal(st, SC_OK);
    return b;
}

/*
** The spans of the NULL-terminated specs "WHAT:FROM..TO" or "WHAT:DATE", as
** the command line gives them, in a ring of static storage that the tests
** (one at a time) reuse; '*n' gets their number.
*/
static const sc_span *spans_of(const char *const *specs, size_t *n) {
    static sc_span ring[64];
    static char text[64][200];
    static size_t used;
    size_t k = 0;
    while (specs && specs[k])
        k++;
    if (used + k > 64) used = 0;
    sc_span *out = &ring[used];
    for (size_t i = 0; i < k; i++, used++) {
        char *t = text[used];
        snprintf(t, sizeof text[used], "%s", specs[i]);
        char *colon = strrchr(t, ':'), *dots;
        ring[used] = (sc_span){t, "", NULL};
        if (!colon) continue;
        *colon = '\0';
        ring[used].from = colon + 1;
        if ((dots = strstr(colon + 1, ".."))) {
            *dots = '\0';
            ring[used].to = dots + 2;
        }
    }
    *n = k;
    return out;
}

/* Replan parameters for baseline 'b': a small effort on one thread, the
** outages (NULL-terminated) and 'frozen' frozen days. */
static void replan_params(sc_replan_params *p, const sc_baseline *b, const char *const *outages,
                          int frozen) {
    sc_replan_defaults(p);
    small_effort(&p->plan);
    sc_baseline_params(b, &p->plan);
    p->outage = spans_of(outages, &p->noutages);
    p->frozen_days = frozen;
}

/* Replans the baseline; 'outages' and 'shifts' NULL-terminated. */
static sc_status replan(const char *const *outages, const char *from, int frozen,
                        const char *const *shifts, double shift_cost, int threads, sc_plan **out,
                        sc_diag *d) {
    sc_baseline *b = baseline();
    sc_replan_params p;
    replan_params(&p, b, outages, frozen);
    p.plan.threads = threads;
    p.shift = spans_of(shifts, &p.nshifts);
    p.from = from;
    p.shift_cost = shift_cost;
    sc_status st = sc_replan_run(sc, b, &p, out, d);
    sc_baseline_free(b);
    return st;
}

static sc_plan *replan_ok(const char *const *outages, const char *from, int frozen) {
    sc_plan *pl;
    sc_diag d;
    sc_status st = replan(outages, from, frozen, NULL, -1, 1, &pl, &d);
    if (st) fprintf(stderr, "replan: %s\n", d.msg);
    assert_int_equal(st, SC_OK);
    return pl;
}

static int32_t day_of(const char *date) {
    int32_t t;
    assert_true(sc__parse_date(date, &t));
    return t - sc->day0;
}

/* ------------------------------------------------------------ properties */

static const char *const EAST[] = {"East:2026-09-21..2026-10-02", NULL};

static void test_no_car_on_down_line(void **state) {
    (void)state;
    static const char *const OUT[] = {"East:2026-09-21..2026-10-02", "W1:2026-10-12..2026-10-14",
                                      NULL};
    sc_plan *pl = replan_ok(OUT, NULL, 3);
    const sc__replan *rp = pl->rp;
    size_t down = 0;
    for (size_t l = 0; l < pl->nl; l++)
        for (size_t t = 0; t < pl->nd; t++) {
            size_t k = l * pl->nd + t;
            if (!rp->down[k]) continue;
            down++;
            assert_int_equal(pl->ld_index[k], -1);
            assert_int_equal(pl->day_cap[k], 0);
        }
    assert_int_equal(down, 2 * 12 + 3); /* E1, E2 12 days; W1 3 */
    for (size_t k = 0; k < pl->nld; k++)
        assert_false(rp->down[(size_t)pl->ld[k].line * pl->nd + (size_t)pl->ld[k].day]);
    for (size_t i = 0; i < sc->norders; i++)
        if (pl->order_line[i] >= 0)
            assert_false(rp->down[(size_t)pl->order_line[i] * pl->nd + (size_t)pl->order_day[i]]);
    sc_replan_line rl;
    assert_int_equal(sc_replan_line_get(pl, 0, &rl, NULL), SC_OK);
    assert_string_equal(rl.down_from, "2026-09-21");
    assert_string_equal(rl.down_to, "2026-10-02");
    assert_string_equal(rl.restart, "2026-10-05");
    sc_plan_free(pl);
}

/* The cars of fixed line-days: the baseline's, in the baseline's order. */
static void test_frozen_identical(void **state) {
    (void)state;
    static const char *const OUT[] = {"W1:2026-09-28..2026-10-02", NULL};
    sc_plan *pl = replan_ok(OUT, "2026-09-21", 3);
    sc_baseline *b = baseline();
    const sc__replan *rp = pl->rp;
    assert_int_equal(rp->from, day_of("2026-09-21"));
    assert_int_equal(rp->fz_end, day_of("2026-09-24")); /* 21, 22, 23 */
    size_t fixed = 0;
    for (size_t l = 0; l < pl->nl; l++)
        for (size_t t = 0; t < (size_t)rp->fz_end; t++) {
            size_t k = l * pl->nd + t, n = b->first[k + 1] - b->first[k];
            if (!n) {
                assert_int_equal(pl->ld_index[k], -1);
                continue;
            }
            fixed++;
            int32_t x = pl->ld_index[k];
            assert_true(x >= 0);
            assert_int_equal(pl->ld[x].n, n);
            for (size_t i = 0; i < n; i++) {
                const sc__car *a = &pl->car[pl->ld[x].first + i], *o = &b->car[b->first[k] + i];
                assert_int_equal(a->order, o->order);
                assert_int_equal(a->tag, o->tag);
                assert_int_equal(a->model, o->model);
                assert_int_equal(a->colour, o->colour);
                assert_true(a->opts == o->opts);
            }
        }
    assert_true(fixed > 40);
    sc_baseline_free(b);

    /* The same in the files: every sequences.csv row before 2026-09-24. */
    char dir[4200], p1[4300], p2[4300];
    tu_join(dir, sizeof dir, tmp, "frozen");
    sc_diag d;
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    FILE *f1 = fopen(tu_join(p1, sizeof p1, base_dir, "sequences.csv"), "r");
    FILE *f2 = fopen(tu_join(p2, sizeof p2, dir, "sequences.csv"), "r");
    assert_non_null(f1);
    assert_non_null(f2);
    char a[512], c[512];
    size_t rows = 0;
    for (;;) {
        /* Rows come line by line, day by day: compare the rows before the
        ** frozen horizon's end of each line, in order. */
        if (!fgets(a, sizeof a, f1)) break;
        char *da = strchr(a, ',');
        if (!da || strncmp(da + 1, "2026-09-24", 10) >= 0 || !strncmp(da + 1, "date", 4)) continue;
        while (fgets(c, sizeof c, f2)) {
            char *dc = strchr(c, ',');
            if (dc && strncmp(dc + 1, "2026-09-24", 10) < 0 && strncmp(dc + 1, "date", 4)) break;
        }
        assert_string_equal(a, c);
        rows++;
    }
    fclose(f1);
    fclose(f2);
    assert_true(rows > 1000);
    sc_plan_free(pl);
}

/* Frozen line-days on a down line: their cars go first after the frozen
** horizon, on their line, in their published order. */
static void test_carried_first(void **state) {
    (void)state;
    sc_plan *pl = replan_ok(EAST, NULL, 3);
    sc_baseline *b = baseline();
    const sc__replan *rp = pl->rp;
    assert_int_equal(rp->from, day_of("2026-09-21"));
    size_t want = 0;
    for (size_t l = 0; l < 2; l++)
        for (int32_t t = day_of("2026-09-21"); t < day_of("2026-09-24"); t++)
            want += b->first[l * pl->nd + (size_t)t + 1] - b->first[l * pl->nd + (size_t)t];
    assert_true(want > 100);
    assert_int_equal(rp->ncarried, want);
    sc_replan_stats st;
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_int_equal(st.carried_cars, want);
    assert_int_equal(st.carried_lost, 0);
    /* Line by line, the carried cars stand at the front of the days from
    ** 5 October on, in published order. */
    for (size_t l = 0; l < 2; l++) {
        size_t i = 0;
        for (int32_t t = day_of("2026-09-21"); t < day_of("2026-09-24"); t++) {
            size_t k = l * pl->nd + (size_t)t;
            for (uint32_t q = b->first[k]; q < b->first[k + 1]; q++) {
                while (i < rp->ncarried && rp->carried[i].line != (int32_t)l)
                    i++;
                assert_true(i < rp->ncarried);
                const sc__carried *c = &rp->carried[i++];
                assert_int_equal(c->old_day, t);
                assert_int_equal(c->car.order, b->car[q].order);
                assert_true(c->new_day >= day_of("2026-10-05"));
                int32_t x = pl->ld_index[(size_t)c->line * pl->nd + (size_t)c->new_day];
                assert_true(x >= 0);
                const sc__car *now = &pl->car[pl->ld[x].first + c->new_pos - 1];
                assert_int_equal(now->order, c->car.order);
                assert_int_equal(now->tag, c->car.tag);
                assert_true(c->new_pos <= pl->ld[x].nfixed);
            }
        }
    }
    /* The first carried day keeps its published sequence whole. */
    int32_t x = pl->ld_index[(size_t)0 * pl->nd + (size_t)day_of("2026-10-05")];
    size_t k0 = (size_t)day_of("2026-09-21");
    assert_int_equal(pl->ld[x].nfixed, b->first[k0 + 1] - b->first[k0]);
    /* diff.csv says so. */
    char dir[4200], path[4300];
    sc_diag d;
    tu_join(dir, sizeof dir, tmp, "carried");
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    FILE *f = fopen(tu_join(path, sizeof path, dir, "diff.csv"), "r");
    assert_non_null(f);
    char line[1024];
    size_t carried = 0;
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "order_id,brand,model,old_line,old_date,old_position,new_line,"
                              "new_date,new_position,delay_days,change,reason\n");
    while (fgets(line, sizeof line, f))
        if (strstr(line, ",carried,")) {
            carried++;
            assert_true(tu_contains(line, "is down that day"));
        }
    fclose(f);
    assert_int_equal(carried, want);
    /* A brand's plan.json counts its own carried cars only. */
    size_t mine = 0;
    for (size_t i = 0; i < rp->ncarried; i++)
        mine += !strcmp(
            sc__name(pl->sc, pl->sc->brand[pl->sc->model[rp->carried[i].car.model].brand].name),
            "Alpha");
    assert_true(mine > 0 && mine < want);
    tu_join(dir, sizeof dir, tmp, "carried-alpha");
    assert_int_equal(sc_plan_write(pl, dir, "Alpha", &d), SC_OK);
    json_error_t je;
    json_t *root = json_load_file(tu_join(path, sizeof path, dir, "plan.json"), 0, &je);
    assert_non_null(root);
    json_t *lines = json_object_get(json_object_get(root, "replan"), "carried");
    assert_true(json_is_array(lines));
    size_t seen = 0, i;
    json_t *v;
    json_array_foreach(lines, i, v) seen += (size_t)json_integer_value(json_object_get(v, "cars"));
    assert_int_equal(seen, mine);
    json_decref(root);
    sc_baseline_free(b);
    sc_plan_free(pl);
}

/* The host's cars of the old plan their week can no longer build (East down
** two weeks): counted
** without a value, built in later weeks with one, in the slots the lines
** have (every line-day within its capacity and valid), and as many more host
** cars as the replan says it caught up. */
static void test_host_catch_up(void **state) {
    (void)state;
    sc_baseline *b = baseline();
    int64_t host0 = 0, owed0 = 0;
    for (int run = 0; run < 2; run++) {
        sc_replan_params p;
        replan_params(&p, b, EAST, 3);
        p.host_value = run ? 1e6 : -1; /* the scenario sets none: 0 */
        sc_plan *pl;
        sc_diag d;
        assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
        sc_replan_stats st;
        assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
        sc_plan_kpis k;
        assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
        assert_true(st.host_owed >= 2 * 230 - 230); /* at least a week of H1 */
        assert_int_equal(k.days_infeasible, 0);
        for (size_t x = 0; x < pl->nld; x++) {
            const sc__lineday *ld = &pl->ld[x];
            assert_true(ld->n <=
                        (uint32_t)pl->day_cap[(size_t)ld->line * pl->nd + (size_t)ld->day]);
        }
        if (!run) {
            assert_true(st.host_value == 0);
            assert_int_equal(st.host_caught_up, 0);
            host0 = k.host_cars;
            owed0 = st.host_owed;
        } else {
            assert_true(st.host_value == 1e6);
            assert_int_equal(st.host_owed, owed0);
            assert_true(st.host_caught_up > 0 && st.host_caught_up <= st.host_owed);
            assert_int_equal(k.host_cars - host0, st.host_caught_up);
            /* Never more host cars than the old plan built: the carried ones
            ** are not owed twice. */
            sc_replan_brand rb;
            assert_int_equal(sc_replan_brand_get(pl, "Host", &rb, NULL), SC_OK);
            assert_true(rb.cars_after <= rb.cars_before);
        }
        sc_plan_free(pl);
    }
    sc_baseline_free(b);
}

/* East down two weeks with the default five frozen days: the days that take
** the displaced orders keep every colour within what the batch limit lets
** the other cars break up (E2 held too many Alpha White cars once), so every
** line-day is valid. */
static void test_colour_room(void **state) {
    (void)state;
    sc_plan *pl = replan_ok(EAST, NULL, 5);
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.days_infeasible, 0);
    for (size_t x = 0; x < pl->nld; x++) {
        const sc__lineday *ld = &pl->ld[x];
        const sc__line *ln = &pl->sc->line[ld->line];
        int64_t cc[64] = {0};
        size_t pin = pl->rp->npin[(size_t)ld->line * pl->nd + (size_t)ld->day];
        for (size_t i = pin; i < ld->n; i++) {
            assert_true(pl->car[ld->first + i].colour < 64);
            cc[pl->car[ld->first + i].colour]++;
        }
        for (size_t c = 0; c < 64; c++)
            assert_true(cc[c] <= sc__colour_room((int64_t)(ld->n - pin), ln->batch_limit));
    }
    sc_plan_free(pl);
}

/* The host's orders (H2 on W1) its days down could not build: with a value,
** every one of them is built in a later week, late, and the host ends with
** the cars the old plan had. */
static void test_host_orders_caught_up(void **state) {
    (void)state;
    static const char *const WEST[] = {"West:2026-09-21..2026-10-02", NULL};
    sc_baseline *b = baseline();
    sc_replan_params p;
    replan_params(&p, b, WEST, 3);
    p.host_value = 1e6;
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
    sc_replan_stats st;
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_true(st.host_owed > 0);
    assert_int_equal(st.host_caught_up, st.host_owed);
    sc_replan_brand rb;
    assert_int_equal(sc_replan_brand_get(pl, "Host", &rb, NULL), SC_OK);
    assert_int_equal(rb.cars_after, rb.cars_before);
    size_t late = 0;
    for (size_t i = 0; i < pl->sc->norders; i++)
        if (pl->sc->brand[pl->sc->order[i].brand].host) {
            assert_int_not_equal(pl->order_status[i], SC__ORDER_UNPLANNED);
            late += pl->order_status[i] == SC__ORDER_LATE;
        }
    assert_true(late >= (size_t)st.host_caught_up);
    sc_plan_free(pl);
    sc_baseline_free(b);
}

/* A line whose spreading rule (every guest, 1 in 4) leaves the guests less
** room than the slots: the host's cars caught up take the slots, not the
** spreading rule's room, beside the guests' cars; every line-day valid. */
static void test_catch_up_spread(void **state) {
    (void)state;
    static const char TEXT[] =
        "{\"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 3},\n"
        " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L1\", \"rate\": 10, "
        "\"shifts\": [8], \"spread\": {\"n\": 1, \"p\": 4}}]}],\n"
        " \"brands\": [{\"name\": \"H\", \"role\": \"host\"}, {\"name\": \"G\", \"role\": "
        "\"guest\"}],\n"
        " \"models\": [{\"name\": \"HM\", \"brand\": \"H\", \"lines\": [\"L1\"], "
        "\"colours\": [\"R\", \"S\"]},\n"
        "   {\"name\": \"GM\", \"brand\": \"G\", \"lines\": [\"L1\"], \"colours\": [\"B\", "
        "\"C\"]}],\n"
        " \"demand\": [{\"model\": \"HM\", \"per_week\": 100}]}\n";
    sc_diag_list dl;
    sc_scenario *s2;
    assert_int_equal(sc_scenario_parse(TEXT, strlen(TEXT), "spread.json", &s2, &dl), SC_OK);
    char orders[8192];
    size_t n = (size_t)snprintf(orders, sizeof orders,
                                "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < 150; i++)
        n += (size_t)snprintf(orders + n, sizeof orders - n, "g%03d,G,GM,%s,,2026-W10,2026-W1%d\n",
                              i, i % 2 ? "B" : "C", i % 3);
    assert_int_equal(sc_scenario_parse_orders(s2, orders, n, "spread.csv", &dl), SC_OK);
    sc_plan_params pp;
    sc_plan_defaults(&pp);
    small_effort(&pp);
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_plan_run(s2, &pp, &pl, &d), SC_OK);
    char dir[4200];
    tu_join(dir, sizeof dir, tmp, "spread-base");
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    sc_plan_free(pl);
    sc_baseline *b;
    assert_int_equal(sc_baseline_read(dir, s2, &b, &d), SC_OK);
    static const char *const OUT[] = {"L1:2026-03-02..2026-03-08", NULL};
    sc_replan_params p;
    replan_params(&p, b, OUT, 0);
    p.host_value = 1e6;
    assert_int_equal(sc_replan_run(s2, b, &p, &pl, &d), SC_OK);
    sc_replan_stats st;
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_true(st.host_owed > 0 && st.host_caught_up > 0);
    sc_plan_kpis k;
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
    assert_int_equal(k.days_infeasible, 0);
    for (size_t x = 0; x < pl->nld; x++) {
        const sc__lineday *ld = &pl->ld[x];
        size_t kk = (size_t)ld->line * pl->nd + (size_t)ld->day;
        assert_true(ld->n <= (uint32_t)pl->day_cap[kk]);
        assert_true((int64_t)ld->nguest <= sc__rule_room((int64_t)ld->n, 1, 4));
    }
    sc_plan_free(pl);
    sc_baseline_free(b);
    sc_scenario_free(s2);
}

/* A replan of a replan keeps the earlier catch-up value, and the host's cars
** the earlier one caught up stay built (without it, the orders it built late
** fall back to unplanned). */
static void test_catch_up_inherited(void **state) {
    (void)state;
    static const char *const WEST[] = {"West:2026-09-21..2026-10-02", NULL};
    static const char *const E1[] = {"E1:2026-10-05..2026-10-09", NULL};
    sc_baseline *b = baseline();
    sc_replan_params p;
    replan_params(&p, b, WEST, 3);
    p.host_value = 1e6;
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
    sc_replan_brand r1;
    assert_int_equal(sc_replan_brand_get(pl, "Host", &r1, NULL), SC_OK);
    char dir[4200];
    tu_join(dir, sizeof dir, tmp, "caught-up");
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    sc_plan_free(pl);
    sc_baseline_free(b);
    assert_int_equal(sc_baseline_read(dir, sc, &b, &d), SC_OK);
    int64_t host[2];
    for (int run = 0; run < 2; run++) {
        replan_params(&p, b, E1, 3);
        p.host_value = run ? -1 : 0; /* 0, then the earlier replan's */
        assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
        sc_replan_stats st;
        assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
        sc_plan_kpis k;
        assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
        host[run] = k.host_cars;
        assert_true(st.host_value == (run ? 1e6 : 0));
        sc_plan_free(pl);
    }
    assert_true(host[1] > host[0]);
    assert_true(host[1] <= r1.cars_after);
    sc_baseline_free(b);
}

/* Every order is planned (once, where the plan says) or unplanned with a reason. */
static void test_every_order_accounted(void **state) {
    (void)state;
    static const char *const OUT[] = {"East:2026-09-21..2026-10-16", "West:2026-10-19..2026-10-23",
                                      NULL};
    sc_plan *pl = replan_ok(OUT, NULL, 3);
    uint8_t *seen = calloc(sc->norders + 1, 1);
    assert_non_null(seen);
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        for (size_t i = 0; i < ld->n; i++) {
            int32_t o = pl->car[ld->first + i].order;
            if (o < 0) continue;
            assert_int_equal(seen[o], 0);
            seen[o] = 1;
            assert_int_equal(pl->order_line[o], ld->line);
            assert_int_equal(pl->order_day[o], ld->day);
            assert_int_equal(pl->order_pos[o], i + 1);
        }
    }
    size_t unplanned = 0, late = 0;
    for (size_t i = 0; i < sc->norders; i++) {
        if (pl->order_status[i] == SC__ORDER_UNPLANNED) {
            unplanned++;
            assert_int_equal(pl->order_line[i], -1);
            assert_int_equal(seen[i], 0);
            assert_true(pl->order_reason[i] != SC__NO_REASON);
            sc_plan_order po;
            char why[512];
            assert_int_equal(sc_plan_order_get(pl, NULL, i, &po, NULL), SC_OK);
            assert_int_not_equal(po.cause.kind, SC_CAUSE_NONE);
            assert_true(strlen(sc_cause_format(pl, &po.cause, why, sizeof why)) > 10);
        } else {
            assert_int_equal(seen[i], 1);
            if (pl->order_status[i] == SC__ORDER_LATE) {
                late++;
                assert_true(pl->order_reason[i] != SC__NO_REASON);
            }
        }
    }
    assert_true(unplanned + late > 0); /* the outage costs something */
    free(seen);
    sc_plan_free(pl);
}

/* The same input and seed give the same plan, whatever the threads. */
static void test_same_twice(void **state) {
    (void)state;
    static const char *const SH[] = {"E1:2026-10-05..2026-10-16", NULL};
    static const char *const FILES[] = {"plan.json",     "ledger.csv", "allocation.csv",
                                        "sequences.csv", "late.csv",   "unplanned.csv",
                                        "diff.csv",      "report.html"};
    char dirs[2][4200];
    for (int run = 0; run < 2; run++) {
        sc_plan *pl;
        sc_diag d;
        assert_int_equal(replan(EAST, NULL, 3, SH, 20000, run ? 3 : 1, &pl, &d), SC_OK);
        tu_join(dirs[run], sizeof dirs[run], tmp, run ? "twice2" : "twice1");
        assert_int_equal(sc_plan_write(pl, dirs[run], NULL, &d), SC_OK);
        sc_plan_free(pl);
    }
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) {
        char a[4300], b[4300];
        size_t na, nb;
        char *x = tu_slurp(tu_join(a, sizeof a, dirs[0], FILES[i]), &na);
        char *y = tu_slurp(tu_join(b, sizeof b, dirs[1], FILES[i]), &nb);
        assert_non_null(x);
        assert_non_null(y);
        assert_int_equal(na, nb);
        assert_memory_equal(x, y, na);
        free(x);
        free(y);
    }
}

/* Extra shifts: used only where they cut lateness or shortfall by more
** than they cost, and a used one holds cars beyond the day's usual slots. */
static void test_shifts_only_where_they_pay(void **state) {
    (void)state;
    static const char *const SH[] = {"East:2026-10-05..2026-10-23", NULL};
    sc_plan *pl;
    sc_diag d;
    sc_replan_stats st;
    /* Priced out: none. */
    assert_int_equal(replan(EAST, NULL, 3, SH, 1e12, 1, &pl, &d), SC_OK);
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_true(st.shifts_offered >= 25);
    assert_int_equal(st.shifts_used, 0);
    sc_plan_free(pl);
    /* Affordable after an outage: some, each with cars in its slots. */
    assert_int_equal(replan(EAST, NULL, 3, SH, 2000, 1, &pl, &d), SC_OK);
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_true(st.shifts_used > 0);
    for (size_t s = 0; s < pl->fr.nshifts; s++) {
        const sc__shift *sh = &pl->fr.shift[s];
        if (!sh->used) continue;
        size_t k = (size_t)sh->line * pl->nd + (size_t)sh->day;
        assert_true(pl->ld_index[k] >= 0);
        assert_true((int32_t)pl->ld[pl->ld_index[k]].n >
                    sc__line_day_slots(pl->sc, (size_t)sh->line, (size_t)sh->day));
    }
    sc_plan_free(pl);
    /* Nothing late and nothing short without an outage: none, however cheap. */
    assert_int_equal(replan(NULL, "2026-10-05", 0, SH, 1, 1, &pl, &d), SC_OK);
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_int_equal(st.shifts_used, 0);
    sc_plan_free(pl);
}

/* A short outage on one line leaves most of the plan as it was. */
static void test_little_churn(void **state) {
    (void)state;
    static const char *const OUT[] = {"W1:2026-10-07..2026-10-07", NULL};
    sc_plan *pl = replan_ok(OUT, "2026-10-05", 2);
    sc_replan_stats st;
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_true(st.orders_compared > 500);
    assert_true(st.orders_same_day * 10 >= st.orders_compared * 8);
    assert_true(st.moved_line * 20 <= st.orders_compared);
    assert_true(st.sequence_accuracy > 0.7);
    assert_true(st.line_days_same * 2 > st.line_days_compared);
    sc_replan_brand rb;
    assert_int_equal(sc_replan_brand_get(pl, "Alpha", &rb, NULL), SC_OK);
    assert_int_equal(rb.cars_before, 1120);
    assert_int_equal(sc_replan_brand_get(pl, "Gamma", &rb, NULL), SC_EINVAL);
    sc_plan_free(pl);
    /* No outage at all, from a date: nothing moves. */
    pl = replan_ok(NULL, "2026-10-05", 0);
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    assert_int_equal(st.moved_line, 0);
    assert_int_equal(st.moved_day, 0);
    assert_int_equal(st.newly_unplanned, 0);
    assert_true(st.sequence_accuracy > 0.99);
    sc_plan_free(pl);
}

/* Host cars of plan 'pl' and of its baseline (in its frame). */
static void host_cars(const sc_plan *pl, int64_t *now, int64_t *before) {
    *now = *before = 0;
    for (size_t i = 0; i < pl->ncars; i++)
        *now += sc->brand[sc->model[pl->car[i].model].brand].host;
    size_t nk = pl->nl * pl->nd;
    for (size_t i = 0; i < pl->fr.ofirst[nk]; i++)
        *before += sc->brand[sc->model[pl->fr.ocar[i].model].brand].host;
}

/*
** "Host demand unmet" counts the host cars that are never built: not the
** carried cars (built after the outage), nor those a catch-up builds in
** later weeks. The base plan meets all host demand, so what is unmet is
** exactly what the replan builds less than it.
*/
static void test_host_unmet(void **state) {
    (void)state;
    sc_replan_stats rs;
    sc_plan_kpis k;
    sc_diag d;
    int64_t now, before;
    sc_plan *pl = replan_ok(NULL, "2026-09-21", 3);
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, &d), SC_OK);
    assert_int_equal(k.host_unmet, 0);
    sc_plan_free(pl);
    /* Down on two frozen days: their cars carried and built after. */
    static const char *const IN_FROZEN[] = {"E1:2026-09-21..2026-09-22", NULL};
    pl = replan_ok(IN_FROZEN, NULL, 3);
    assert_int_equal(sc_replan_stats_get(pl, &rs, &d), SC_OK);
    size_t host_carried = 0;
    for (size_t i = 0; i < pl->fr.ncarried; i++)
        host_carried += sc->brand[sc->model[pl->fr.carried[i].car.model].brand].host;
    assert_true(host_carried > 0);
    assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, &d), SC_OK);
    host_cars(pl, &now, &before);
    assert_int_equal(k.host_unmet, before - now);
    sc_plan_free(pl);
    /* A week down, with and without catching up. */
    static const char *const WEEK[] = {"E1:2026-09-28..2026-10-02", NULL};
    sc_baseline *b = baseline();
    sc_replan_params p;
    replan_params(&p, b, WEEK, 0);
    for (int catch_up = 0; catch_up < 2; catch_up++) {
        p.host_value = catch_up ? 1e6 : 0;
        assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
        assert_int_equal(sc_replan_stats_get(pl, &rs, &d), SC_OK);
        assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, &d), SC_OK);
        host_cars(pl, &now, &before);
        assert_true(catch_up ? rs.host_caught_up > 0 : rs.host_caught_up == 0);
        assert_int_equal(k.host_unmet, before - now);
        sc_plan_free(pl);
    }
    sc_baseline_free(b);
}

/* A replan of a replan keeps the first outage. */
static void test_chain(void **state) {
    (void)state;
    sc_plan *pl = replan_ok(EAST, NULL, 3);
    char dir[4200];
    sc_diag d;
    tu_join(dir, sizeof dir, tmp, "chain1");
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    sc_plan_free(pl);
    sc_baseline *b;
    assert_int_equal(sc_baseline_read(dir, sc, &b, &d), SC_OK);
    assert_int_equal(b->noutages, 1);
    assert_string_equal(b->outage[0].where, "East");
    assert_string_equal(b->outage[0].from, "2026-09-21");
    assert_string_equal(b->outage[0].to, "2026-10-02");
    static const char *const OUT2[] = {"W1:2026-10-19..2026-10-20", NULL};
    sc_replan_params p;
    sc_replan_defaults(&p);
    small_effort(&p.plan);
    p.outage = spans_of(OUT2, &p.noutages);
    assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
    sc_baseline_free(b);
    assert_int_equal(pl->rp->nout, 2);
    assert_true(pl->rp->out[0].inherited);
    for (size_t k = 0; k < pl->nld; k++)
        assert_false(pl->rp->down[(size_t)pl->ld[k].line * pl->nd + (size_t)pl->ld[k].day]);
    sc_plan_free(pl);
}

/* A brand's view of a replan: its own orders only. */
static void test_brand_view(void **state) {
    (void)state;
    sc_plan *pl = replan_ok(EAST, NULL, 3);
    char dir[4200], path[4300];
    sc_diag d;
    tu_join(dir, sizeof dir, tmp, "alpha");
    assert_int_equal(sc_plan_write(pl, dir, "Alpha", &d), SC_OK);
    size_t n;
    char *text = tu_slurp(tu_join(path, sizeof path, dir, "diff.csv"), &n);
    assert_non_null(text);
    assert_null(strstr(text, ",Beta,"));
    assert_null(strstr(text, ",Host,"));
    assert_non_null(strstr(text, ",Alpha,"));
    free(text);
    text = tu_slurp(tu_join(path, sizeof path, dir, "plan.json"), &n);
    assert_non_null(text);
    assert_non_null(strstr(text, "\n\"replan\":{"));
    assert_null(strstr(text, "\"brand\":\"Beta\""));
    free(text);
    sc_plan_free(pl);
}

/* ------------------------------------------------------------ bad input */

/* Replans with one outage spec (and 'from', 'shift') and expects SC_EINVAL
** with 'want' in the message. */
static void expect_bad(const char *outage, const char *from, const char *shift, const char *want) {
    const char *out[] = {outage, NULL};
    const char *sh[] = {shift, NULL};
    sc_plan *pl = (sc_plan *)1;
    sc_diag d;
    memset(&d, 0, sizeof d);
    sc_status st = replan(outage ? out : NULL, from, 3, shift ? sh : NULL, -1, 1, &pl, &d);
    assert_int_equal(st, SC_EINVAL);
    assert_null(pl);
    assert_true(tu_contains(d.msg, want));
}

static void test_bad_outages(void **state) {
    (void)state;
    expect_bad("North:2026-09-21..2026-09-25", NULL, NULL,
               "no line or plant called 'North' (East (E1, E2); West (W1))");
    expect_bad("E1:2026-09-25..2026-09-21", NULL, NULL, "the dates are reversed");
    expect_bad("E1:2026-08-01..2026-09-21", NULL, NULL, "2026-08-01 is outside the horizon");
    expect_bad("E1:2026-10-01..2026-12-01", NULL, NULL, "2026-12-01 is outside the horizon");
    expect_bad("E1:2026-9-1..2026-09-21", NULL, NULL, "expected a date YYYY-MM-DD, got '2026-9-1'");
    expect_bad(":2026-09-21..2026-09-25", NULL, NULL, "expected the name of a line or a plant");
    expect_bad("E1:2026-09-21", "2026-13-01", NULL,
               "the first day to replan, '2026-13-01': expected a date YYYY-MM-DD");
    expect_bad("E1:2026-09-21", "2027-01-04", NULL,
               "the first day to replan, 2027-01-04, is outside the horizon");
    expect_bad(NULL, NULL, NULL, "no outage and no first day to replan");
    expect_bad("E1:2026-09-21..2026-10-02", NULL, "E1:2026-09-28",
               "2026-09-28 is not possible: its line is down that day");
    expect_bad("E1:2026-09-21..2026-10-02", NULL, "W1:2026-09-22",
               "it is in the frozen horizon or before the first day to replan");
    expect_bad("E1:2026-09-21..2026-10-02", NULL, "Moon:2026-10-05",
               "no line or plant called 'Moon'");
}

/* The scenario's "recovery": read, offered, and each error named. */
static void test_recovery_section(void **state) {
    (void)state;
    assert_true(sc->recovery);
    assert_true(sc->recovery_shift_cost == 30000);
    assert_int_equal(sc->nrecovery_shifts, 1);
    char day[16];
    assert_string_equal(sc__name(sc, sc->recovery_shift[0].where), "East");
    assert_string_equal(sc__format_date(sc->recovery_shift[0].from, day), "2026-10-05");
    assert_string_equal(sc__format_date(sc->recovery_shift[0].to, day), "2026-10-23");
    /* Offered by a replan without --extra-shift, days down left out. */
    static const char *const OUT[] = {"E1:2026-10-05..2026-10-09", NULL};
    sc_plan *pl = replan_ok(OUT, NULL, 0);
    sc_replan_stats st;
    assert_int_equal(sc_replan_stats_get(pl, &st, NULL), SC_OK);
    /* E1 and E2: 15 weekdays and 2 Saturdays each; E1 is down 5 of them. */
    assert_int_equal(st.shifts_offered, 2 * 17 - 5);
    sc_plan_free(pl);
    /* Errors, with their place in the file. */
    static const struct {
        const char *recovery, *want;
    } BAD[] = {
        {"{\"shifts\": [{\"where\": \"Moon\", \"date\": \"2026-09-01\"}]}",
         "recovery.shifts[0].where: no line or plant called 'Moon'"},
        {"{\"shifts\": [{\"where\": \"E1\", \"from\": \"2026-09-09\", \"to\": \"2026-09-01\"}]}",
         "the range ends (2026-09-01) before it starts (2026-09-09)"},
        {"{\"shifts\": [{\"where\": \"E1\", \"date\": \"2027-01-04\"}]}",
         "2027-01-04 is outside the horizon"},
        {"{\"shift_cost\": -5}", "recovery.shift_cost: expected a cost >= 0 per extra shift"},
        {"{\"shift_hours\": 30}", "recovery.shift_hours: expected hours from 0.5 to 24"},
        {"{\"host_car_value\": -1}",
         "recovery.host_car_value: expected a value >= 0 per host car caught up"},
        {"{\"saturdays\": true}", "recovery.saturdays: unknown key (known: shift_cost, "
                                  "shift_hours, host_car_value, shifts)"},
    };
    size_t len;
    char *text = tu_slurp(DATA "/scenario.json", &len);
    assert_non_null(text);
    char *at = strstr(text, "\"recovery\": {");
    assert_non_null(at);
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        char buf[8192];
        snprintf(buf, sizeof buf, "%.*s\"recovery\": %s\n}\n", (int)(at - text), text,
                 BAD[i].recovery);
        sc_diag_list dl;
        sc_scenario *s2;
        assert_int_equal(sc_scenario_parse(buf, strlen(buf), "bad.json", &s2, &dl), SC_EINVAL);
        assert_true(dl.count >= 1);
        char msg[700];
        sc_diag_format_full(&dl.item[0], msg, sizeof msg);
        assert_true(tu_contains(msg, BAD[i].want));
        assert_true(tu_contains(msg, "bad.json:"));
    }
    /* A value to catch up the host's demand: read, and a replan's default. */
    {
        char buf[8192];
        snprintf(buf, sizeof buf, "%.*s\"recovery\": {\"host_car_value\": 500}\n}\n",
                 (int)(at - text), text);
        sc_diag_list dl;
        sc_scenario *s2;
        assert_int_equal(sc_scenario_parse(buf, strlen(buf), "value.json", &s2, &dl), SC_OK);
        assert_true(s2->recovery_host_value == 500);
        sc_scenario_free(s2);
        /* A replan without a value takes the scenario's (here set on the
        ** scenario the baseline was read with). */
        double keep = sc->recovery_host_value;
        sc->recovery_host_value = 500;
        sc_plan *pl2 = replan_ok(EAST, NULL, 3);
        sc_replan_stats st2;
        assert_int_equal(sc_replan_stats_get(pl2, &st2, NULL), SC_OK);
        assert_true(st2.host_value == 500);
        sc_plan_free(pl2);
        sc->recovery_host_value = keep;
    }
    free(text);
}

/* ------------------------------------------------------------ out of memory */

/* Every allocation of a small replan fails in turn: SC_ENOMEM and no leak
** (the sanitizer build checks the leaks). */
static void test_out_of_memory(void **state) {
    (void)state;
    static const char *const OUT[] = {"W1:2026-10-19..2026-10-21", NULL};
    sc_baseline *b = baseline();
    sc_replan_params p;
    sc_replan_defaults(&p);
    small_effort(&p.plan);
    p.plan.effort_per_car = 1;
    p.plan.min_effort = 10;
    p.outage = spans_of(OUT, &p.noutages);
    p.from = "2026-10-19";
    p.host_value = 1e6; /* the catch-up's paths too */
    sc__alloc_count = 0;
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_replan_run(sc, b, &p, &pl, &d), SC_OK);
    unsigned long total = sc__alloc_count;
    sc_plan_free(pl);
    /* Every allocation up to 'total' in steps, so that the test stays short. */
    unsigned long step = total / 400 + 1;
    for (unsigned long n = 1; n <= total; n += step) {
        sc__alloc_fail_at = n;
        sc__alloc_count = 0;
        sc_status st = sc_replan_run(sc, b, &p, &pl, &d);
        sc__alloc_fail_at = 0;
        if (st == SC_OK)
            sc_plan_free(pl);
        else {
            assert_int_equal(st, SC_ENOMEM);
            assert_null(pl);
        }
    }
    sc_baseline_free(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_car_on_down_line),
        cmocka_unit_test(test_frozen_identical),
        cmocka_unit_test(test_carried_first),
        cmocka_unit_test(test_host_catch_up),
        cmocka_unit_test(test_host_orders_caught_up),
        cmocka_unit_test(test_catch_up_spread),
        cmocka_unit_test(test_catch_up_inherited),
        cmocka_unit_test(test_colour_room),
        cmocka_unit_test(test_every_order_accounted),
        cmocka_unit_test(test_same_twice),
        cmocka_unit_test(test_shifts_only_where_they_pay),
        cmocka_unit_test(test_little_churn),
        cmocka_unit_test(test_chain),
        cmocka_unit_test(test_brand_view),
        cmocka_unit_test(test_bad_outages),
        cmocka_unit_test(test_host_unmet),
        cmocka_unit_test(test_recovery_section),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
