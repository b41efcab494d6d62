/*
** Line-day counts of the slotting (slot.c for a plan, replan_slot.c for a
** replan): what each line-day holds so far, and whether one more car keeps
** it within its ratio rules, its spreading rule and its batch limit. One
** place for the room checks, so that plan and replan agree on them.
*/
#include <string.h>

#include "plan.h"

bool sc__days_init(sc__days *D, const sc_scenario *sc, size_t nk) {
    memset(D, 0, sizeof *D);
    D->nrs = 1;
    for (size_t l = 0; l < sc->nlines; l++)
        if (sc->line[l].nrules > D->nrs) D->nrs = sc->line[l].nrules;
    D->ncol = sc->colour.n ? sc->colour.n : 1;
    D->ncars = sc__calloc(nk + 1, sizeof *D->ncars);
    D->cnt = sc__calloc(nk * D->nrs + 1, sizeof *D->cnt);
    D->ccnt = sc__calloc(nk * D->ncol + 1, sizeof *D->ccnt);
    D->nspread = sc__calloc(nk + 1, sizeof *D->nspread);
    if (D->ncars && D->cnt && D->ccnt && D->nspread) return true;
    sc__days_free(D);
    return false;
}

void sc__days_free(sc__days *D) {
    sc__free(D->ncars);
    sc__free(D->cnt);
    sc__free(D->ccnt);
    sc__free(D->nspread);
    memset(D, 0, sizeof *D);
}

void sc__days_add(sc__days *D, const sc_scenario *sc, size_t l, size_t k, uint64_t opts,
                  int32_t colour, int32_t brand, int dir) {
    const sc__line *ln = &sc->line[l];
    D->ccnt[k * D->ncol + (size_t)colour] += dir;
    for (size_t r = 0; r < ln->nrules; r++)
        if ((opts >> ln->rule[r].option) & 1) D->cnt[k * D->nrs + r] += dir;
    D->ncars[k] += dir;
    if (brand >= 0 && sc__spread_counts(sc, l, brand)) D->nspread[k] += dir;
}

/* Count i of 'a', less that of the front block's 'f' (NULL: no front). */
static int64_t net(const int32_t *a, const int32_t *f, size_t i) {
    return (int64_t)a[i] - (f ? f[i] : 0);
}

bool sc__days_fit(const sc__days *D, const sc__days *front, const sc_scenario *sc, size_t l,
                  size_t k, uint64_t opts, int32_t colour, int32_t brand, int64_t n) {
    const sc__line *ln = &sc->line[l];
    size_t kc = k * D->ncol + (size_t)colour;
    if (net(D->ccnt, front ? front->ccnt : NULL, kc) + 1 > sc__colour_room(n, ln->batch_limit))
        return false;
    for (size_t r = 0; r < ln->nrules; r++) {
        const sc__line_rule *ru = &ln->rule[r];
        size_t kr = k * D->nrs + r;
        if (((opts >> ru->option) & 1) &&
            net(D->cnt, front ? front->cnt : NULL, kr) + 1 > sc__rule_room(n, ru->n, ru->p))
            return false;
    }
    if (brand >= 0 && sc__spread_counts(sc, l, brand)) {
        const sc__spread *sp = &ln->spread;
        if (net(D->nspread, front ? front->nspread : NULL, k) + 1 > sc__rule_room(n, sp->n, sp->p))
            return false;
    }
    return true;
}

bool sc__days_over(const sc__days *D, const sc__days *front, const sc_scenario *sc, size_t l,
                   size_t k, int64_t n, sc__excess *e) {
    const sc__line *ln = &sc->line[l];
    const sc__spread *sp = &ln->spread;
    *e = (sc__excess){-1, false, -1};
    for (size_t r = 0; r < ln->nrules; r++) {
        size_t kr = k * D->nrs + r;
        if (net(D->cnt, front ? front->cnt : NULL, kr) >
            sc__rule_room(n, ln->rule[r].n, ln->rule[r].p)) {
            e->rule = (int)r;
            return true;
        }
    }
    if (sp->on &&
        net(D->nspread, front ? front->nspread : NULL, k) > sc__rule_room(n, sp->n, sp->p)) {
        e->spread = true;
        return true;
    }
    for (size_t c = 0; c < D->ncol; c++) {
        size_t kc = k * D->ncol + c;
        if (net(D->ccnt, front ? front->ccnt : NULL, kc) > sc__colour_room(n, ln->batch_limit)) {
            e->colour = (int32_t)c;
            return true;
        }
    }
    return false;
}

bool sc__excess_hits(const sc_scenario *sc, size_t l, const sc__excess *e, uint64_t opts,
                     int32_t colour, int32_t brand) {
    if (e->rule >= 0) return ((opts >> sc->line[l].rule[e->rule].option) & 1) != 0;
    if (e->spread) return brand >= 0 && sc__spread_counts(sc, l, brand);
    return colour == e->colour;
}
