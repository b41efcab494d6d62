/*
** Slotting: every car onto a day of its line.
**
** 1. Host cars. The ledger fixed the host's cars per line, day and model.
**    Where the host gave orders for a model, its orders of each due week
**    fill those places in file order; otherwise cars are made from the
**    model's take rates and colour shares: per line and model, a running
**    remainder carries the fractions from day to day, so that the counts
**    follow the rates exactly over time, and seeded random draws pick which
**    cars carry each option and colour.
**
** 2. Guest orders, week by week and line by line, as the allocation asks
**    (so many cars of each model on each line-week). The line-week's guest
**    cars are first split over its days in proportion to their room; then
**    orders are taken earliest due first (late ones first of all) and each
**    goes to the day with the most quota left whose rules still let it in:
**    no more cars with an option on a day than a rule "N in any P" lets
**    through the day's cars (rule room: (n / P) x N + min(N, n mod P)), no
**    more cars of a colour than the others can break into runs within the
**    batch limit L (colour room: L x (n + 1) / (L + 1)), and as many guest
**    cars as the spreading rule allows. An order that fits no
**    day stays for a later week; the model remembers its options (up to
**    four sets), and orders holding one of them pass without counting
**    against MAX_SKIPS, since the days' room only shrinks as they fill. At
**    the end of the line-week the rules are
**    checked against each day's actual car count, and cars beyond them go
**    back (latest due first).
**
** 3. Repair: orders still unplanned (a rule turned them away, or rounding)
**    go, earliest due first, into the first week from their earliest week
**    with room on one of their lines, within the contract's weekly maximum;
**    again while a pass places something (at most four passes), since cars
**    without an option raise a day's count and so its room for the option.
**
** 4. The cars of each line-day are laid out (host cars, then guest orders
**    in file order) for the sequencing step.
**
** Cost: O(cars x rules) plus the candidate scans, which are bounded per
** line-week; repair skips the weeks known to be full.
*/
#include <stdlib.h>
#include <string.h>

#include "plan.h"

#define MAX_SKIPS 256 /* candidates turned away per model and line-week */

typedef struct slotter {
    sc_plan *pl;
    const sc_scenario *sc;
    size_t nl, nd, nw, nm;
    sc__days D;        /* what each line-day holds, host and guests */
    int32_t *quota;    /* per day of the current line-week: guest cars planned */
    int32_t *bw_built; /* brand x week */
    int32_t *mw_built; /* model x week */
    /* guest orders of each model, earliest due first */
    uint32_t *by_model; /* order indices, grouped by model */
    size_t *model_first, *model_n, *cursor;
    uint32_t *pos_in_model; /* per order */
    /* the current line-week's placements, for the end-of-week check */
    uint32_t *week_orders;
    size_t nweek_orders, capweek;
    /* per model, the option sets turned away in the current line-week: an
    ** order whose options hold one of them is turned away too */
    sc__blocked *blocked; /* per model */
    /* host cars, per line-day, before the guests */
    sc__car *host;
    size_t *host_first; /* l * nd + t */
} slotter;

/* A sort key of an order: qsort has no context argument, so the fields it
** compares are copied out of the scenario. */
typedef struct okey {
    int32_t group; /* the model, the brand's priority, or 0 */
    int32_t due, earliest;
    uint32_t row, idx;
} okey;

static int cmp_okey(const void *a, const void *b) {
    const okey *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->due != y->due) return x->due < y->due ? -1 : 1;
    if (x->earliest != y->earliest) return x->earliest < y->earliest ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

bool sc__sort_orders(const sc_scenario *sc, uint32_t *idx, size_t n, sc__sort_by by) {
    okey *k = sc__malloc((n + 1) * sizeof *k);
    if (!k) return false;
    for (size_t i = 0; i < n; i++) {
        const sc__order *o = &sc->order[idx[i]];
        int32_t g = by == SC__SORT_MODEL      ? o->model
                    : by == SC__SORT_PRIORITY ? sc->brand[o->brand].priority
                                              : 0;
        k[i] = (okey){g, o->due, o->earliest, o->row, idx[i]};
    }
    qsort(k, n, sizeof *k, cmp_okey);
    for (size_t i = 0; i < n; i++)
        idx[i] = k[i].idx;
    sc__free(k);
    return true;
}

/* Adds (dir = 1) or removes (dir = -1) a car on line-day (l, t). */
static void count_car(slotter *S, size_t l, size_t t, uint64_t opts, int32_t colour, int32_t brand,
                      int dir) {
    sc__days_add(&S->D, S->sc, l, l * S->nd + t, opts, colour, brand, dir);
}

/*
** Does an order with 'opts' and 'colour' of 'brand' fit on line-day (l, t)
** when the day will hold 'n' cars? Each rule's room, the spreading rule and
** its share of the day, and the batch limit (sc__days_fit).
*/
static bool fits(const slotter *S, size_t l, size_t t, uint64_t opts, int32_t colour, int32_t brand,
                 int64_t n) {
    size_t k = l * S->nd + t;
    if (!sc__days_fit(&S->D, NULL, S->sc, l, k, opts, colour, brand, n)) return false;
    return !sc__spread_counts(S->sc, l, brand) || S->D.nspread[k] + 1 <= S->pl->day_spread[k];
}

static void place(slotter *S, uint32_t oi, size_t l, size_t t) {
    sc_plan *pl = S->pl;
    const sc__order *o = &S->sc->order[oi];
    pl->order_line[oi] = (int32_t)l;
    pl->order_day[oi] = (int32_t)t;
    count_car(S, l, t, o->opts, o->colour, o->brand, 1);
    size_t w = t / 7;
    S->bw_built[(size_t)o->brand * S->nw + w]++;
    S->mw_built[(size_t)o->model * S->nw + w]++;
    pl->slotted[((size_t)o->model * S->nl + l) * S->nw + w]++;
    pl->wk_guest[l * S->nw + w]++;
}

static void unplace(slotter *S, uint32_t oi) {
    sc_plan *pl = S->pl;
    const sc__order *o = &S->sc->order[oi];
    size_t l = (size_t)pl->order_line[oi], t = (size_t)pl->order_day[oi], w = t / 7;
    count_car(S, l, t, o->opts, o->colour, o->brand, -1);
    S->bw_built[(size_t)o->brand * S->nw + w]--;
    S->mw_built[(size_t)o->model * S->nw + w]--;
    pl->slotted[((size_t)o->model * S->nl + l) * S->nw + w]--;
    pl->wk_guest[l * S->nw + w]--;
    pl->order_line[oi] = -1;
    pl->order_day[oi] = -1;
    size_t m = (size_t)o->model;
    if (S->pos_in_model[oi] < S->cursor[m]) S->cursor[m] = S->pos_in_model[oi];
}

static bool under_max(const slotter *S, const sc__order *o, size_t w) {
    return sc__under_max(S->sc, o, w, S->nw, S->bw_built, S->mw_built);
}

/* ------------------------------------------------------------ host cars */

/* Picks 'k' distinct indices of 0..n-1 at random into the front of 'idx'. */
static void pick(uint32_t *idx, size_t n, size_t k, uint64_t *rng) {
    for (size_t i = 0; i < n; i++)
        idx[i] = (uint32_t)i;
    for (size_t i = 0; i < k && i < n; i++) {
        *rng = sc__mix(*rng);
        size_t j = i + (size_t)(*rng % (n - i));
        uint32_t tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
    }
}

static sc_status host_cars(slotter *S) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nm = S->nm, nw = S->nw;
    size_t total = 0;
    S->host_first = sc__calloc(nl * nd + 1, sizeof *S->host_first);
    if (!S->host_first) return SC_ENOMEM;
    for (size_t k = 0; k < nl * nd; k++) {
        S->host_first[k] = total;
        total += (size_t)pl->day_host[k];
    }
    S->host_first[nl * nd] = total;
    S->host = sc__malloc((total + 1) * sizeof *S->host);
    /* Host orders per model and due week, in file order. */
    size_t nhost = 0;
    for (size_t i = 0; i < sc->norders; i++)
        nhost += sc->brand[sc->order[i].brand].host;
    uint32_t *horders = sc__malloc((nhost + 1) * sizeof *horders);
    size_t *hfirst = sc__calloc(nm * nw + 1, sizeof *hfirst);
    size_t *hcur = sc__calloc(nm * nw + 1, sizeof *hcur);
    size_t maxday = 1;
    for (size_t k = 0; k < nl * nd; k++)
        if ((size_t)pl->day_host[k] > maxday) maxday = (size_t)pl->day_host[k];
    uint32_t *idx = sc__malloc(maxday * sizeof *idx);
    size_t maxcol = 1;
    for (size_t m = 0; m < nm; m++)
        if (sc->model[m].ncolours > maxcol) maxcol = sc->model[m].ncolours;
    double *carry_opt = sc__calloc(nm * SC__MAX_SC_OPTIONS, sizeof *carry_opt);
    double *carry_col = sc__calloc(nm * maxcol, sizeof *carry_col);
    int32_t *ncol = sc__calloc(maxcol, sizeof *ncol);
    sc_status st = SC_OK;
    if (!S->host || !horders || !hfirst || !hcur || !idx || !carry_opt || !carry_col || !ncol) {
        st = SC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < sc->norders; i++)
        if (sc->brand[sc->order[i].brand].host)
            hfirst[(size_t)sc->order[i].model * nw + (size_t)sc->order[i].due + 1]++;
    for (size_t k = 1; k <= nm * nw; k++)
        hfirst[k] += hfirst[k - 1];
    memcpy(hcur, hfirst, (nm * nw + 1) * sizeof *hcur);
    {
        size_t *fill = sc__malloc((nm * nw + 1) * sizeof *fill);
        if (!fill) {
            st = SC_ENOMEM;
            goto done;
        }
        memcpy(fill, hfirst, (nm * nw + 1) * sizeof *fill);
        for (size_t i = 0; i < sc->norders; i++)
            if (sc->brand[sc->order[i].brand].host)
                horders[fill[(size_t)sc->order[i].model * nw + (size_t)sc->order[i].due]++] =
                    (uint32_t)i;
        sc__free(fill);
    }

    for (size_t l = 0; l < nl; l++) {
        memset(carry_opt, 0, nm * SC__MAX_SC_OPTIONS * sizeof *carry_opt);
        memset(carry_col, 0, nm * maxcol * sizeof *carry_col);
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t, at = S->host_first[k];
            uint32_t tag = 0;
            for (size_t m = 0; m < nm; m++) {
                int32_t cnt = pl->host_day_model[k * nm + m];
                if (!cnt) continue;
                const sc__carmodel *cm = &sc->model[m];
                if (cm->has_orders) {
                    size_t key = m * nw + t / 7;
                    for (int32_t i = 0; i < cnt; i++) {
                        uint32_t oi = horders[hcur[key]++];
                        const sc__order *o = &sc->order[oi];
                        S->host[at++] = (sc__car){(int32_t)oi, o->model, o->colour, 0, o->opts};
                        pl->order_line[oi] = (int32_t)l;
                        pl->order_day[oi] = (int32_t)t;
                        count_car(S, l, t, o->opts, o->colour, o->brand, 1);
                    }
                    continue;
                }
                sc__car *cars = &S->host[at];
                uint64_t rng = sc__mix(pl->params.seed ^
                                       sc__mix(((uint64_t)l << 40) ^ ((uint64_t)t << 16) ^ m));
                /* Colours: counts by running remainder, then shuffled. */
                double tot = 0;
                for (size_t c = 0; c < cm->ncolours; c++)
                    tot += cm->share[c];
                int32_t given = 0;
                for (size_t c = 0; c < cm->ncolours; c++) {
                    double *cr = &carry_col[m * maxcol + c];
                    double want = cnt * cm->share[c] / tot + *cr;
                    ncol[c] = (int32_t)want;
                    if (given + ncol[c] > cnt) ncol[c] = cnt - given;
                    *cr = want - ncol[c];
                    given += ncol[c];
                }
                /* What rounding left goes to the colours owed the most. */
                while (given < cnt) {
                    size_t best = 0;
                    for (size_t c = 1; c < cm->ncolours; c++)
                        if (carry_col[m * maxcol + c] > carry_col[m * maxcol + best]) best = c;
                    ncol[best]++;
                    carry_col[m * maxcol + best] -= 1;
                    given++;
                }
                pick(idx, (size_t)cnt, (size_t)cnt, &rng);
                size_t p = 0;
                for (size_t c = 0; c < cm->ncolours; c++)
                    for (int32_t i = 0; i < ncol[c]; i++)
                        cars[idx[p++]] = (sc__car){-1, (int32_t)m, cm->colour[c], 0, 0};
                for (size_t q = 0; q < cm->noptions; q++) {
                    double *cr = &carry_opt[m * SC__MAX_SC_OPTIONS + q];
                    double want = cnt * cm->take[q] + *cr;
                    int32_t n = (int32_t)want;
                    if (n > cnt) n = cnt;
                    *cr = want - n;
                    pick(idx, (size_t)cnt, (size_t)n, &rng);
                    for (int32_t i = 0; i < n; i++)
                        cars[idx[i]].opts |= (uint64_t)1 << cm->option[q];
                }
                for (int32_t i = 0; i < cnt; i++) {
                    cars[i].tag = ++tag;
                    count_car(S, l, t, cars[i].opts, cars[i].colour, cm->brand, 1);
                }
                at += (size_t)cnt;
            }
        }
    }
done:
    sc__free(horders);
    sc__free(hfirst);
    sc__free(hcur);
    sc__free(idx);
    sc__free(carry_opt);
    sc__free(carry_col);
    sc__free(ncol);
    return st;
}

/* ------------------------------------------------------------ guest orders */

/* The next candidate of model 'm' for week 'w' at or after '*scan', or -1. */
static long next_candidate(const slotter *S, size_t m, size_t w, size_t *scan) {
    const sc_plan *pl = S->pl;
    size_t end = S->model_first[m] + S->model_n[m];
    for (size_t i = *scan; i < end; i++) {
        uint32_t oi = S->by_model[i];
        if (pl->order_line[oi] >= 0) continue;
        if ((size_t)S->sc->order[oi].earliest > w) continue;
        *scan = i;
        return (long)oi;
    }
    *scan = end;
    return -1;
}

static sc_status guests_week(slotter *S, size_t w, size_t l, int32_t *qm, size_t *scan,
                             int *skips) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    size_t nd = S->nd, nm = S->nm, nl = S->nl, nw = S->nw;
    const sc__spread *sp = &sc->line[l].spread;
    int64_t total = 0;
    for (size_t m = 0; m < nm; m++) {
        qm[m] = pl->alloc[(m * nl + l) * nw + w];
        total += qm[m];
        scan[m] = S->cursor[m];
        skips[m] = 0;
        S->blocked[m].n = 0;
    }
    if (!total) return SC_OK;
    /* Day quotas in proportion to the days' room. */
    int32_t room[7];
    for (int d = 0; d < 7; d++) {
        size_t k = l * nd + w * 7 + (size_t)d;
        int32_t r = pl->day_cap[k] - S->D.ncars[k];
        if (sp->on && sp->brand < 0 && pl->day_spread[k] - S->D.nspread[k] < r)
            r = pl->day_spread[k] - S->D.nspread[k];
        room[d] = r > 0 ? r : 0;
    }
    int32_t *q = S->quota;
    sc__split(total, room, 7, q);
    int32_t placed[7] = {0};
    S->nweek_orders = 0;
    for (;;) {
        /* The candidate due first among the models with quota left. */
        long best = -1;
        size_t bm = 0;
        for (size_t m = 0; m < nm; m++) {
            if (qm[m] <= 0 || skips[m] > MAX_SKIPS) continue;
            /* Orders holding a set of options turned away this week go by
            ** free: the days' room only shrinks as they fill. */
            long oi;
            while ((oi = next_candidate(S, m, w, &scan[m])) >= 0 &&
                   sc__blocked_has(&S->blocked[m], sc->order[oi].opts, sc->order[oi].colour))
                scan[m]++;
            if (oi < 0) {
                qm[m] = 0;
                continue;
            }
            if (best < 0 || sc__order_cmp(sc, (uint32_t)oi, (uint32_t)best) < 0) {
                best = oi;
                bm = m;
            }
        }
        if (best < 0) break;
        const sc__order *o = &sc->order[best];
        int bd = -1;
        for (int d = 0; d < 7; d++) {
            size_t k = l * nd + w * 7 + (size_t)d;
            if (placed[d] >= q[d]) continue;
            if (!fits(S, l, w * 7 + (size_t)d, o->opts, o->colour, o->brand,
                      (int64_t)pl->day_host[k] + q[d]))
                continue;
            if (bd < 0 || q[d] - placed[d] > q[bd] - placed[bd]) bd = d;
        }
        scan[bm]++;
        if (bd < 0 || !under_max(S, o, w)) {
            skips[bm]++;
            if (bd < 0) sc__blocked_add(&S->blocked[bm], o->opts, o->colour);
            continue;
        }
        place(S, (uint32_t)best, l, w * 7 + (size_t)bd);
        placed[bd]++;
        qm[bm]--;
        if (!sc__grow((void **)&S->week_orders, &S->capweek, S->nweek_orders + 1,
                      sizeof *S->week_orders))
            return SC_ENOMEM;
        S->week_orders[S->nweek_orders++] = (uint32_t)best;
        while (S->cursor[bm] < S->model_first[bm] + S->model_n[bm] &&
               pl->order_line[S->by_model[S->cursor[bm]]] >= 0)
            S->cursor[bm]++;
    }
    /* The rules against each day's actual count: cars beyond them go back,
    ** latest due first. */
    for (int d = 0; d < 7; d++) {
        size_t t = w * 7 + (size_t)d, k = l * nd + t;
        sc__excess e;
        while (sc__days_over(&S->D, NULL, sc, l, k, S->D.ncars[k], &e)) {
            long victim = -1;
            for (size_t i = 0; i < S->nweek_orders; i++) {
                uint32_t oi = S->week_orders[i];
                const sc__order *o = &sc->order[oi];
                if (pl->order_day[oi] != (int32_t)t || pl->order_line[oi] != (int32_t)l) continue;
                if (!sc__excess_hits(sc, l, &e, o->opts, o->colour, o->brand)) continue;
                if (victim < 0 || sc__order_cmp(sc, oi, (uint32_t)victim) > 0) victim = (long)oi;
            }
            if (victim < 0) break; /* the host's own cars break it: nothing to take back */
            unplace(S, (uint32_t)victim);
        }
    }
    return SC_OK;
}

/* Repair: every guest order still unplanned, into the first week with room,
** in as many passes as place something (at most four). */
static sc_status repair(slotter *S) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nw = S->nw, nm = S->nm;
    size_t n = 0;
    for (size_t i = 0; i < sc->norders; i++)
        n += !sc->brand[sc->order[i].brand].host && pl->order_line[i] < 0;
    if (!n) return SC_OK;
    uint32_t *left = sc__malloc(n * sizeof *left);
    int32_t *free_wk = sc__malloc(nl * nw * sizeof *free_wk);
    size_t *full_until = sc__calloc(nm + 1, sizeof *full_until);
    if (!left || !free_wk || !full_until) {
        sc__free(left);
        sc__free(free_wk);
        sc__free(full_until);
        return SC_ENOMEM;
    }
    n = 0;
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host && pl->order_line[i] < 0) left[n++] = (uint32_t)i;
    if (!sc__sort_orders(sc, left, n, SC__SORT_PRIORITY)) {
        sc__free(left);
        sc__free(free_wk);
        sc__free(full_until);
        return SC_ENOMEM;
    }
    for (size_t l = 0; l < nl; l++)
        for (size_t w = 0; w < nw; w++) {
            int32_t f = 0;
            for (size_t t = w * 7; t < w * 7 + 7; t++)
                f += pl->day_cap[l * nd + t] - S->D.ncars[l * nd + t];
            free_wk[l * nw + w] = f;
        }
    /* Passes while one places something: a car without an option raises its
    ** day's count, and so the room of the rules on that option. */
    for (int pass = 0; pass < 4 && n; pass++) {
        size_t before = n;
        for (size_t i = 0; i < n; i++) {
            uint32_t oi = left[i];
            const sc__order *o = &sc->order[oi];
            size_t m = (size_t)o->model;
            size_t w0 = (size_t)o->earliest;
            if (w0 < full_until[m]) w0 = full_until[m];
            bool any_room_seen = false, done = false;
            for (size_t w = w0; w < nw && !done; w++) {
                bool room_here = false;
                for (size_t l = 0; l < nl && !done; l++) {
                    if (!sc->compat[l * nm + m] || free_wk[l * nw + w] <= 0) continue;
                    room_here = true;
                    if (!under_max(S, o, w)) continue;
                    int bd = -1;
                    int32_t bfree = 0;
                    for (int d = 0; d < 7; d++) {
                        size_t t = w * 7 + (size_t)d, k = l * nd + t;
                        int32_t fr = pl->day_cap[k] - S->D.ncars[k];
                        if (fr <= 0) continue;
                        if (!fits(S, l, t, o->opts, o->colour, o->brand,
                                  (int64_t)S->D.ncars[k] + 1))
                            continue;
                        if (bd < 0 || fr > bfree) {
                            bd = d;
                            bfree = fr;
                        }
                    }
                    if (bd >= 0) {
                        place(S, oi, l, w * 7 + (size_t)bd);
                        free_wk[l * nw + w]--;
                        done = true;
                    }
                }
                if (room_here) any_room_seen = true;
                /* Weeks before the first with room on any of m's lines stay full. */
                if (!any_room_seen && w + 1 > full_until[m] && (size_t)o->earliest <= full_until[m])
                    full_until[m] = w + 1;
            }
        }
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (pl->order_line[left[i]] < 0) left[k++] = left[i];
        n = k;
        if (n == before) break;
    }
    sc__free(left);
    sc__free(free_wk);
    sc__free(full_until);
    return SC_OK;
}

/* ------------------------------------------------------------ line-days */

static sc_status layout(slotter *S) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd;
    size_t *gfirst = sc__calloc(nl * nd + 2, sizeof *gfirst);
    if (!gfirst) return SC_ENOMEM;
    size_t nguests = 0;
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host && pl->order_line[i] >= 0) {
            gfirst[(size_t)pl->order_line[i] * nd + (size_t)pl->order_day[i] + 1]++;
            nguests++;
        }
    for (size_t k = 1; k <= nl * nd; k++)
        gfirst[k] += gfirst[k - 1];
    uint32_t *gorder = sc__malloc((nguests + 1) * sizeof *gorder);
    size_t *fill = sc__malloc((nl * nd + 1) * sizeof *fill);
    size_t nhost = S->host_first[nl * nd];
    pl->car = sc__malloc((nhost + nguests + 1) * sizeof *pl->car);
    size_t nld = 0;
    for (size_t k = 0; k < nl * nd; k++)
        nld += (S->host_first[k + 1] - S->host_first[k]) + (gfirst[k + 1] - gfirst[k]) > 0;
    pl->ld = sc__calloc(nld + 1, sizeof *pl->ld);
    if (!gorder || !fill || !pl->car || !pl->ld) {
        sc__free(gfirst);
        sc__free(gorder);
        sc__free(fill);
        return SC_ENOMEM;
    }
    memcpy(fill, gfirst, (nl * nd + 1) * sizeof *fill);
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host && pl->order_line[i] >= 0)
            gorder[fill[(size_t)pl->order_line[i] * nd + (size_t)pl->order_day[i]]++] = (uint32_t)i;
    size_t nc = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            size_t nh = S->host_first[k + 1] - S->host_first[k], ng = gfirst[k + 1] - gfirst[k];
            pl->ld_index[k] = -1;
            if (!nh && !ng) continue;
            sc__lineday *ld = &pl->ld[pl->nld];
            pl->ld_index[k] = (int32_t)pl->nld++;
            ld->line = (int32_t)l;
            ld->day = (int32_t)t;
            ld->first = (uint32_t)nc;
            ld->n = (uint32_t)(nh + ng);
            ld->nguest = (uint32_t)ng;
            memcpy(&pl->car[nc], &S->host[S->host_first[k]], nh * sizeof *pl->car);
            nc += nh;
            for (size_t j = gfirst[k]; j < gfirst[k + 1]; j++) {
                const sc__order *o = &sc->order[gorder[j]];
                pl->car[nc++] = (sc__car){(int32_t)gorder[j], o->model, o->colour, 0, o->opts};
            }
        }
    pl->ncars = nc;
    sc__free(gfirst);
    sc__free(gorder);
    sc__free(fill);
    return SC_OK;
}

/* ------------------------------------------------------------ the step */

void sc__order_status(sc_plan *pl) {
    const sc_scenario *sc = pl->sc;
    for (size_t i = 0; i < sc->norders; i++) {
        if (pl->order_line[i] < 0)
            pl->order_status[i] = SC__ORDER_UNPLANNED;
        else if (pl->order_day[i] / 7 > sc->order[i].due)
            pl->order_status[i] = SC__ORDER_LATE;
        else
            pl->order_status[i] = SC__ORDER_ONTIME;
    }
}

sc_status sc__slot(sc_plan *pl, sc_diag *d) {
    const sc_scenario *sc = pl->sc;
    slotter S;
    memset(&S, 0, sizeof S);
    S.pl = pl;
    S.sc = sc;
    S.nl = pl->nl;
    S.nd = pl->nd;
    S.nw = pl->nw;
    S.nm = pl->nm;
    bool days = sc__days_init(&S.D, sc, S.nl * S.nd);
    S.quota = sc__calloc(8, sizeof *S.quota);
    S.bw_built = sc__calloc(pl->nb * S.nw + 1, sizeof *S.bw_built);
    S.mw_built = sc__calloc(S.nm * S.nw + 1, sizeof *S.mw_built);
    S.by_model = sc__malloc((sc->norders + 1) * sizeof *S.by_model);
    S.model_first = sc__calloc(S.nm + 1, sizeof *S.model_first);
    S.model_n = sc__calloc(S.nm + 1, sizeof *S.model_n);
    S.cursor = sc__calloc(S.nm + 1, sizeof *S.cursor);
    S.pos_in_model = sc__calloc(sc->norders + 1, sizeof *S.pos_in_model);
    int32_t *qm = sc__calloc(S.nm + 1, sizeof *qm);
    size_t *scan = sc__calloc(S.nm + 1, sizeof *scan);
    int *skips = sc__calloc(S.nm + 1, sizeof *skips);
    S.blocked = sc__calloc(S.nm + 1, sizeof *S.blocked);
    sc_status st = SC_OK;
    if (!days || !S.quota || !S.bw_built || !S.mw_built || !S.by_model || !S.model_first ||
        !S.model_n || !S.cursor || !S.pos_in_model || !qm || !scan || !skips || !S.blocked) {
        st = SC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < sc->norders; i++) {
        pl->order_line[i] = pl->order_day[i] = -1;
        pl->order_reason[i] = SC__NO_REASON;
    }
    st = host_cars(&S);
    if (st) goto done;

    /* Guest orders grouped by model, earliest due first. */
    size_t ng = 0;
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host) S.by_model[ng++] = (uint32_t)i;
    if (!sc__sort_orders(sc, S.by_model, ng, SC__SORT_MODEL)) {
        st = SC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < ng; i++) {
        size_t m = (size_t)sc->order[S.by_model[i]].model;
        if (!S.model_n[m]) S.model_first[m] = i;
        S.model_n[m]++;
        S.pos_in_model[S.by_model[i]] = (uint32_t)i;
    }
    for (size_t m = 0; m < S.nm; m++)
        S.cursor[m] = S.model_first[m];

    for (size_t w = 0; w < S.nw && !st; w++)
        for (size_t l = 0; l < S.nl && !st; l++)
            st = guests_week(&S, w, l, qm, scan, skips);
    if (!st) st = repair(&S);
    if (!st) st = layout(&S);
    if (!st) {
        memcpy(pl->built_bw, S.bw_built, pl->nb * S.nw * sizeof *pl->built_bw);
        memcpy(pl->built_mw, S.mw_built, S.nm * S.nw * sizeof *pl->built_mw);
        sc__order_status(pl);
    }
done:
    sc__days_free(&S.D);
    sc__free(S.quota);
    sc__free(S.bw_built);
    sc__free(S.mw_built);
    sc__free(S.by_model);
    sc__free(S.model_first);
    sc__free(S.model_n);
    sc__free(S.cursor);
    sc__free(S.pos_in_model);
    sc__free(S.week_orders);
    sc__free(S.host);
    sc__free(S.host_first);
    sc__free(qm);
    sc__free(scan);
    sc__free(skips);
    sc__free(S.blocked);
    if (st == SC_ENOMEM) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}
