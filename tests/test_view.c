/*
** The brand view (src/plan/view.c), tested by difference: a plan held in
** memory is written in a guest's view, then cars of the host and of the
** other guest trade places (same line-days, same positions, the plan's
** counts moved with them), and the guest's view is written again. Whose
** the others' cars are is none of the guest's business: every file must
** be the same, byte for byte.
*/
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/plan/plan.h"

/* Moves car 'c' (of brand 'b', model 'm') on or off line-day (l, t): the
** counts the pipeline keeps per line-day, line-week and brand-week. */
static void count(sc_plan *pl, const sc__car *c, size_t l, size_t t, int dir) {
    const sc_scenario *sc = pl->sc;
    size_t m = (size_t)c->model, w = t / 7;
    int32_t b = sc->model[m].brand;
    if (sc->brand[b].host) {
        pl->day_host[l * pl->nd + t] += dir;
        pl->wk_host[l * pl->nw + w] += dir;
        pl->host_day_model[(l * pl->nd + t) * pl->nm + m] += dir;
    } else {
        pl->wk_guest[l * pl->nw + w] += dir;
        pl->slotted[(m * pl->nl + l) * pl->nw + w] += dir;
    }
    pl->built_bw[(size_t)b * pl->nw + w] += dir;
    pl->built_mw[m * pl->nw + w] += dir;
}

/* Swaps the host car at ld[ka] position ia with the car of 'other' at
** ld[kb] position ib, with the counts and the order's place. */
static void swap_cars(sc_plan *pl, size_t ka, size_t ia, size_t kb, size_t ib) {
    sc__lineday *a = &pl->ld[ka], *b = &pl->ld[kb];
    sc__car *x = &pl->car[a->first + ia], *y = &pl->car[b->first + ib];
    count(pl, x, (size_t)a->line, (size_t)a->day, -1);
    count(pl, y, (size_t)b->line, (size_t)b->day, -1);
    sc__car t = *x;
    *x = *y;
    *y = t;
    count(pl, x, (size_t)a->line, (size_t)a->day, 1);
    count(pl, y, (size_t)b->line, (size_t)b->day, 1);
    a->nguest++;
    b->nguest--;
    if (x->order >= 0) {
        pl->order_line[x->order] = a->line;
        pl->order_day[x->order] = a->day;
        pl->order_pos[x->order] = (uint32_t)ia + 1;
    }
}

static void test_others_relabelled(void **state) {
    (void)state;
    sc_scenario_gen_params gp;
    sc_scenario_gen_defaults(&gp);
    gp.plants = 1;
    gp.lines = 2;
    gp.weeks = 3;
    gp.seed = 5;
    sc_scenario *sc;
    sc_diag d;
    assert_int_equal(sc_scenario_gen(&gp, &sc, &d), SC_OK);
    sc_plan_params p;
    sc_plan_defaults(&p);
    p.effort_per_car = 2;
    p.min_effort = 200;
    sc_plan *pl;
    assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
    long viewer = sc_scenario_find_brand(sc, "Guest A"),
         other = sc_scenario_find_brand(sc, "Guest B");
    assert_true(viewer >= 0 && other >= 0);
    char *dir = tu_tmpdir(), a[4200], b[4200];
    assert_int_equal(sc_plan_write(pl, tu_join(a, sizeof a, dir, "before"), "Guest A", &d), SC_OK);

    /* Trade up to 40 host cars for Guest B's, line-day by line-day. */
    size_t swapped = 0;
    for (size_t k = 0; k < pl->nld && swapped < 40; k++) {
        const sc__lineday *ld = &pl->ld[k];
        size_t ih = ld->n, ib = ld->n;
        for (size_t i = 0; i < ld->n; i++) {
            int32_t br = sc->model[pl->car[ld->first + i].model].brand;
            if (sc->brand[br].host && ih == ld->n) ih = i;
            if (br == other && ib == ld->n) ib = i;
        }
        /* Another line-day of Guest B's cars, so that counts move. */
        for (size_t k2 = k + 1; k2 < pl->nld && ih < ld->n && ib == ld->n; k2++)
            for (size_t i = 0; i < pl->ld[k2].n; i++)
                if (sc->model[pl->car[pl->ld[k2].first + i].model].brand == other) {
                    swap_cars(pl, k, ih, k2, i);
                    swapped++;
                    break;
                }
        if (ih < ld->n && ib < ld->n) {
            swap_cars(pl, k, ih, k, ib);
            swapped++;
        }
    }
    assert_true(swapped > 5);
    assert_int_equal(sc_plan_write(pl, tu_join(b, sizeof b, dir, "after"), "Guest A", &d), SC_OK);
    char h1[4200], h2[4200];
    DIR *dp = opendir(a);
    assert_non_null(dp);
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.') continue;
        size_t n1, n2;
        char *x = tu_slurp(tu_join(h1, sizeof h1, a, e->d_name), &n1);
        char *y = tu_slurp(tu_join(h2, sizeof h2, b, e->d_name), &n2);
        if (n1 != n2 || memcmp(x, y, n1)) {
            size_t i = 0;
            while (i < n1 && i < n2 && x[i] == y[i])
                i++;
            size_t from = i > 80 ? i - 80 : 0;
            fail_msg("%s differs in Guest A's view at byte %zu: '%.160s' against '%.160s'",
                     e->d_name, i, x + from, y + from);
        }
        free(x);
        free(y);
        files++;
    }
    closedir(dp);
    assert_int_equal(files, 8); /* the view's seven files and manifest.json */
    sc_plan_free(pl);
    sc_scenario_free(sc);
    tu_tmpdir_free(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_others_relabelled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
