/*
** Slotting: every car onto a day of its line, within the frame (plan.h).
**
** 0. The frame's cars first: a line-day kept as published takes its old
**    cars; carried cars take the front of their new line-days (a block of
**    their own: the room checks below leave them out, as they are valid as
**    published). A plan made from scratch has neither.
**
** 1. Host cars, on every other line-day, as many of each model as the ledger
**    reserved there. Where the host gave orders for a model, its orders of
**    the week fill those places in file order (those the old plan had on
**    that line-day first; then, for cars caught up, orders of earlier weeks
**    not built yet). Otherwise the old plan's cars of that model on that
**    line-day come first (the same ids, options and colours, where the day's
**    rules still have room), then cars are made from the model's take rates
**    and colour shares: per line and model, a running remainder carries the
**    fractions from day to day, so that the counts follow the rates exactly
**    over time, and seeded random draws pick which cars carry each option
**    and colour. New cars are numbered after the line-day's old ones, so
**    that ids stay unique.
**
** 2. Guest orders. First each order whose old line-day is still free, and
**    whose model-line-week has allocation left, goes back to it within the
**    rules ("sticky"; only with an old plan). Then week by week and line by
**    line, as the allocation asks (so many cars of each model on each
**    line-week): what is left of the line-week's guest cars is split over
**    its free days in proportion to their room; then orders are taken
**    earliest due first (late ones first of all) and each goes to the day
**    with the most quota left whose rules still let it in: no more cars
**    with an option on a day than a rule "N in any P" lets through the
**    day's cars (rule room: (n / P) x N + min(N, n mod P)), no more cars of
**    a colour than the others can break into runs within the batch limit L
**    (colour room: L x (n + 1) / (L + 1)), and as many guest cars as the
**    spreading rule allows. An order that fits no day stays for a later
**    week; the model remembers its options (up to four sets), and orders
**    holding one of them pass without counting against MAX_SKIPS, since the
**    days' room only shrinks as they fill. At the end of the line-week the
**    rules are checked against each day's actual car count, and cars beyond
**    them go back (latest due first).
**
** 3. Repair: orders still unplanned (a rule turned them away, or rounding)
**    go, earliest due first, into the first week from their earliest week
**    with room on one of their lines, within the contract's weekly maximum;
**    again while a pass places something (at most four passes), since cars
**    without an option raise a day's count and so its room for the option.
**
** 4. The cars of each line-day are laid out for the sequencing step: kept
**    line-days as published; otherwise the carried cars first (fixed for
**    the engine), then the host cars and the guest orders in file order,
**    among which the cars the old plan had on that line-day stand in their
**    old order with the new ones spread evenly among them.
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
    const sc__frame *fr;
    const sc_scenario *sc;
    size_t nl, nd, nw, nm;
    sc__days D;        /* what each line-day holds */
    sc__days front;    /* of it, the carried cars at the front (a block of their own) */
    int32_t *quota;    /* (m * nl + l) * nw + w: allocation not yet placed */
    int32_t *bw_built; /* brand x week */
    int32_t *mw_built; /* model x week */
    /* guest orders of each model, earliest due first */
    uint32_t *by_model; /* order indices, grouped by model */
    size_t *model_first, *model_n, *cursor;
    uint32_t *pos_in_model; /* per order */
    /* the current line-week's guest orders, for the end-of-week check */
    uint32_t *week_orders;
    size_t nweek_orders, capweek;
    /* orders placed back on their old line-day (sticky), by line-week */
    uint32_t *sticky;
    size_t *sticky_first; /* l * nw + w */
    /* per model, the option sets turned away in the current line-week: an
    ** order whose options hold one of them is turned away too */
    sc__blocked *blocked; /* per model */
    /* host cars of the free line-days */
    sc__car *host;
    size_t *host_first; /* l * nd + t */
    uint32_t *host_n;
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

/* Can line-day (l, t) take cars beyond the frame's: after the frozen
** horizon, not kept as published, not sealed, with slots? */
static bool free_day(const slotter *S, size_t l, size_t t) {
    size_t k = l * S->nd + t;
    return (int32_t)t >= S->fr->fz_end && !S->fr->fixed[k] && !S->fr->sealed[k] &&
           S->pl->day_cap[k] > 0;
}

/*
** Does a car with 'opts' and 'colour' of 'brand' fit on line-day (l, t) when
** the day will hold 'n' cars? Each rule's room and the batch limit
** (sc__days_fit), and the spreading rule's room for guests, among the cars
** behind the carried ones at the front.
*/
static bool fits(const slotter *S, size_t l, size_t t, uint64_t opts, int32_t colour, int32_t brand,
                 int64_t n) {
    size_t k = l * S->nd + t;
    if (!sc__days_fit(&S->D, &S->front, S->sc, l, k, opts, colour, brand, n - S->fr->npin[k]))
        return false;
    return !sc__spread_counts(S->sc, l, brand) ||
           S->D.nspread[k] - S->front.nspread[k] + 1 <= S->pl->day_spread[k];
}

/* Records a car (of order 'oi', or -1) of 'model' on line-day (l, t). */
static void book(slotter *S, int32_t oi, int32_t model, uint64_t opts, int32_t colour, size_t l,
                 size_t t) {
    sc_plan *pl = S->pl;
    int32_t brand = S->sc->model[model].brand;
    sc__days_add(&S->D, S->sc, l, l * S->nd + t, opts, colour, brand, 1);
    if (oi >= 0) {
        pl->order_line[oi] = (int32_t)l;
        pl->order_day[oi] = (int32_t)t;
    }
    if (S->sc->brand[brand].host) return;
    size_t w = t / 7;
    S->bw_built[(size_t)brand * S->nw + w]++;
    S->mw_built[(size_t)model * S->nw + w]++;
    pl->slotted[((size_t)model * S->nl + l) * S->nw + w]++;
    pl->wk_guest[l * S->nw + w]++;
}

/* Places guest order 'oi' on (l, t) against its line-week's allocation. */
static void place(slotter *S, uint32_t oi, size_t l, size_t t) {
    const sc__order *o = &S->sc->order[oi];
    book(S, (int32_t)oi, o->model, o->opts, o->colour, l, t);
    int32_t *q = &S->quota[((size_t)o->model * S->nl + l) * S->nw + t / 7];
    if (*q > 0) (*q)--;
}

static void unplace(slotter *S, uint32_t oi) {
    sc_plan *pl = S->pl;
    const sc__order *o = &S->sc->order[oi];
    size_t l = (size_t)pl->order_line[oi], t = (size_t)pl->order_day[oi], w = t / 7;
    sc__days_add(&S->D, S->sc, l, l * S->nd + t, o->opts, o->colour, o->brand, -1);
    S->bw_built[(size_t)o->brand * S->nw + w]--;
    S->mw_built[(size_t)o->model * S->nw + w]--;
    pl->slotted[((size_t)o->model * S->nl + l) * S->nw + w]--;
    pl->wk_guest[l * S->nw + w]--;
    S->quota[((size_t)o->model * S->nl + l) * S->nw + w]++;
    pl->order_line[oi] = -1;
    pl->order_day[oi] = -1;
    size_t m = (size_t)o->model;
    if (S->pos_in_model[oi] < S->cursor[m]) S->cursor[m] = S->pos_in_model[oi];
}

static bool under_max(const slotter *S, const sc__order *o, size_t w) {
    return sc__under_max(S->sc, o, w, S->nw, S->bw_built, S->mw_built);
}

/* ------------------------------------------------------------ the frame's cars */

static void frame_cars(slotter *S) {
    const sc__frame *fr = S->fr;
    for (size_t l = 0; l < S->nl; l++)
        for (size_t t = 0; t < S->nd; t++) {
            size_t k = l * S->nd + t;
            if (!fr->fixed[k]) continue;
            for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++) {
                const sc__car *c = &fr->ocar[i];
                book(S, c->order, c->model, c->opts, c->colour, l, t);
            }
        }
    for (size_t i = 0; i < fr->ncarried; i++) {
        const sc__carried *c = &fr->carried[i];
        if (c->new_day < 0) continue;
        size_t l = (size_t)c->line, k = l * S->nd + (size_t)c->new_day;
        book(S, c->car.order, c->car.model, c->car.opts, c->car.colour, l, (size_t)c->new_day);
        sc__days_add(&S->front, S->sc, l, k, c->car.opts, c->car.colour,
                     S->sc->model[c->car.model].brand, 1);
    }
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

/* Scratch of the host cars made from demand. */
typedef struct maker {
    uint32_t *idx;     /* the most host cars of a line-day */
    double *carry_opt; /* nm x SC__MAX_SC_OPTIONS: fractions carried to the next day */
    double *carry_col; /* nm x maxcol */
    int32_t *ncol;     /* maxcol */
    size_t maxcol;
} maker;

/*
** Makes 'cnt' host cars of model 'm' for line-day (l, t) into 'cars',
** numbered from '*tag' + 1: colours and options by running remainder (the
** line's carries), assigned to cars by seeded draws.
*/
static void make_cars(slotter *S, maker *mk, size_t l, size_t t, size_t m, int32_t cnt,
                      uint32_t *tag, sc__car *cars) {
    const sc__carmodel *cm = &S->sc->model[m];
    size_t maxcol = mk->maxcol;
    int32_t *ncol = mk->ncol;
    uint64_t rng =
        sc__mix(S->pl->params.seed ^ sc__mix(((uint64_t)l << 40) ^ ((uint64_t)t << 16) ^ m));
    /* Colours: counts by running remainder, then shuffled. */
    double tot = 0;
    for (size_t c = 0; c < cm->ncolours; c++)
        tot += cm->share[c];
    int32_t given = 0;
    for (size_t c = 0; c < cm->ncolours; c++) {
        double *cr = &mk->carry_col[m * maxcol + c];
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
            if (mk->carry_col[m * maxcol + c] > mk->carry_col[m * maxcol + best]) best = c;
        ncol[best]++;
        mk->carry_col[m * maxcol + best] -= 1;
        given++;
    }
    pick(mk->idx, (size_t)cnt, (size_t)cnt, &rng);
    size_t p = 0;
    for (size_t c = 0; c < cm->ncolours; c++)
        for (int32_t i = 0; i < ncol[c]; i++)
            cars[mk->idx[p++]] = (sc__car){-1, (int32_t)m, cm->colour[c], 0, 0};
    for (size_t q = 0; q < cm->noptions; q++) {
        double *cr = &mk->carry_opt[m * SC__MAX_SC_OPTIONS + q];
        double want = cnt * cm->take[q] + *cr;
        int32_t n = (int32_t)want;
        if (n > cnt) n = cnt;
        *cr = want - n;
        pick(mk->idx, (size_t)cnt, (size_t)n, &rng);
        for (int32_t i = 0; i < n; i++)
            cars[mk->idx[i]].opts |= (uint64_t)1 << cm->option[q];
    }
    for (int32_t i = 0; i < cnt; i++)
        cars[i].tag = ++*tag;
}

static sc_status host_cars(slotter *S) {
    sc_plan *pl = S->pl;
    const sc__frame *fr = S->fr;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nm = S->nm, nw = S->nw, nk = nl * nd;
    size_t total = 0, maxday = 1;
    S->host_first = sc__calloc(nk + 1, sizeof *S->host_first);
    S->host_n = sc__calloc(nk + 1, sizeof *S->host_n);
    if (!S->host_first || !S->host_n) return SC_ENOMEM;
    for (size_t k = 0; k < nk; k++) {
        S->host_first[k] = total;
        if (fr->fixed[k]) continue;
        size_t n = 0;
        for (size_t m = 0; m < nm; m++)
            n += (size_t)pl->host_day_model[k * nm + m];
        total += n;
        if (n > maxday) maxday = n;
    }
    S->host_first[nk] = total;
    S->host = sc__malloc((total + 1) * sizeof *S->host);
    /* Host orders per model and due week, in file order; 'hcur' skips those
    ** placed at the front of each. */
    size_t *hfirst = sc__calloc(nm * nw + 2, sizeof *hfirst);
    size_t *hcur = sc__calloc(nm * nw + 2, sizeof *hcur);
    uint32_t *horders = sc__malloc((sc->norders + 1) * sizeof *horders);
    maker mk = {0};
    for (size_t m = 0; m < nm; m++)
        if (sc->model[m].ncolours > mk.maxcol) mk.maxcol = sc->model[m].ncolours;
    if (!mk.maxcol) mk.maxcol = 1;
    mk.idx = sc__malloc(maxday * sizeof *mk.idx);
    mk.carry_opt = sc__calloc(nm * SC__MAX_SC_OPTIONS + 1, sizeof *mk.carry_opt);
    mk.carry_col = sc__calloc(nm * mk.maxcol + 1, sizeof *mk.carry_col);
    mk.ncol = sc__calloc(mk.maxcol, sizeof *mk.ncol);
    sc_status st = SC_OK;
    if (!S->host || !hfirst || !hcur || !horders || !mk.idx || !mk.carry_opt || !mk.carry_col ||
        !mk.ncol) {
        st = SC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < sc->norders; i++)
        if (sc->brand[sc->order[i].brand].host && !fr->order_fixed[i])
            hfirst[(size_t)sc->order[i].model * nw + (size_t)sc->order[i].due + 1]++;
    for (size_t k = 1; k <= nm * nw; k++)
        hfirst[k] += hfirst[k - 1];
    memcpy(hcur, hfirst, (nm * nw + 1) * sizeof *hcur);
    for (size_t i = 0; i < sc->norders; i++)
        if (sc->brand[sc->order[i].brand].host && !fr->order_fixed[i])
            horders[hcur[(size_t)sc->order[i].model * nw + (size_t)sc->order[i].due]++] =
                (uint32_t)i;
    memcpy(hcur, hfirst, (nm * nw + 1) * sizeof *hcur);

    for (size_t l = 0; l < nl; l++) {
        memset(mk.carry_opt, 0, nm * SC__MAX_SC_OPTIONS * sizeof *mk.carry_opt);
        memset(mk.carry_col, 0, nm * mk.maxcol * sizeof *mk.carry_col);
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t, at = S->host_first[k], w = t / 7;
            if (fr->fixed[k] || at == S->host_first[k + 1]) continue;
            uint32_t tag = 0; /* numbers after the old plan's cars of the line-day */
            for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++)
                if (fr->ocar[i].order < 0 && !(fr->ocar[i].tag & SC__TAG_CARRIED) &&
                    fr->ocar[i].tag > tag)
                    tag = fr->ocar[i].tag;
            for (size_t m = 0; m < nm; m++) {
                int32_t want = pl->host_day_model[k * nm + m], got = 0;
                if (!want) continue;
                const sc__carmodel *cm = &sc->model[m];
                if (cm->has_orders) {
                    /* The week's orders (those the old plan had on this
                    ** line-day first); then, for cars caught up, orders of
                    ** earlier weeks not built, earliest due first. */
                    size_t key = m * nw + w;
                    for (int pass = fr->warm ? 0 : 1; pass < 3 && got < want; pass++) {
                        size_t j0 = pass < 2 ? hcur[key] : hfirst[m * nw];
                        size_t j1 = pass < 2 ? hfirst[key + 1] : hfirst[key];
                        for (size_t j = j0; j < j1 && got < want; j++) {
                            uint32_t oi = horders[j];
                            if (pl->order_line[oi] >= 0) continue;
                            if (pass == 0 &&
                                (fr->old_line[oi] != (int32_t)l || fr->old_day[oi] != (int32_t)t))
                                continue;
                            if (pass == 2 && (size_t)sc->order[oi].earliest > w) continue;
                            const sc__order *o = &sc->order[oi];
                            S->host[at++] = (sc__car){(int32_t)oi, o->model, o->colour, 0, o->opts};
                            book(S, (int32_t)oi, o->model, o->opts, o->colour, l, t);
                            got++;
                        }
                        while (hcur[key] < hfirst[key + 1] &&
                               pl->order_line[horders[hcur[key]]] >= 0)
                            hcur[key]++;
                    }
                    continue;
                }
                /* The old plan's cars of this model on this line-day first,
                ** those the day's rules still have room for. */
                for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1] && got < want; i++) {
                    const sc__car *c = &fr->ocar[i];
                    if (c->order >= 0 || c->model != (int32_t)m || (c->tag & SC__TAG_CARRIED))
                        continue;
                    if (!fits(S, l, t, c->opts, c->colour, cm->brand, pl->day_cap[k])) continue;
                    S->host[at++] = *c;
                    book(S, -1, c->model, c->opts, c->colour, l, t);
                    got++;
                }
                make_cars(S, &mk, l, t, m, want - got, &tag, &S->host[at]);
                for (int32_t i = got; i < want; i++, at++)
                    book(S, -1, (int32_t)m, S->host[at].opts, S->host[at].colour, l, t);
            }
            S->host_n[k] = (uint32_t)(at - S->host_first[k]);
        }
    }
done:
    sc__free(hfirst);
    sc__free(hcur);
    sc__free(horders);
    sc__free(mk.idx);
    sc__free(mk.carry_opt);
    sc__free(mk.carry_col);
    sc__free(mk.ncol);
    return st;
}

/* ------------------------------------------------------------ guest orders */

/*
** Each order back to its old line-day (with an old plan) while its
** model-line-week has allocation left and the day is free with a slot,
** within the rules at the count the old plan had there (it held them
** then). 'cand' holds the guest orders not placed, earliest due first. The
** orders placed are listed by line-week for the end-of-week check.
*/
static sc_status sticky(slotter *S, const uint32_t *cand, size_t n) {
    const sc__frame *fr = S->fr;
    size_t nlw = S->nl * S->nw;
    S->sticky_first = sc__calloc(nlw + 2, sizeof *S->sticky_first);
    if (!S->sticky_first) return SC_ENOMEM;
    if (!fr->warm) return SC_OK;
    size_t nplaced = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t oi = cand[i];
        if (S->pl->order_line[oi] >= 0 || fr->old_line[oi] < 0) continue;
        size_t l = (size_t)fr->old_line[oi], t = (size_t)fr->old_day[oi], k = l * S->nd + t;
        const sc__order *o = &S->sc->order[oi];
        if (S->quota[((size_t)o->model * S->nl + l) * S->nw + t / 7] <= 0) continue;
        if (!free_day(S, l, t) || S->D.ncars[k] >= S->pl->day_cap[k]) continue;
        if ((size_t)o->earliest > t / 7 || !under_max(S, o, t / 7)) continue;
        int64_t cnt = (int64_t)(fr->ofirst[k + 1] - fr->ofirst[k]);
        if (cnt < S->D.ncars[k] + 1) cnt = S->D.ncars[k] + 1;
        if (!fits(S, l, t, o->opts, o->colour, o->brand, cnt)) continue;
        place(S, oi, l, t);
        S->sticky_first[l * S->nw + t / 7 + 1]++;
        nplaced++;
    }
    for (size_t j = 1; j <= nlw; j++)
        S->sticky_first[j] += S->sticky_first[j - 1];
    S->sticky = sc__malloc((nplaced + 1) * sizeof *S->sticky);
    size_t *fill = sc__malloc((nlw + 1) * sizeof *fill);
    if (!S->sticky || !fill) {
        sc__free(fill);
        return SC_ENOMEM;
    }
    memcpy(fill, S->sticky_first, (nlw + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        uint32_t oi = cand[i];
        int32_t l = S->pl->order_line[oi];
        if (l >= 0) S->sticky[fill[(size_t)l * S->nw + (size_t)S->pl->order_day[oi] / 7]++] = oi;
    }
    sc__free(fill);
    return SC_OK;
}

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

/* Adds 'oi' to the current line-week's guest orders. */
static bool week_add(slotter *S, uint32_t oi) {
    if (!sc__grow((void **)&S->week_orders, &S->capweek, S->nweek_orders + 1,
                  sizeof *S->week_orders))
        return false;
    S->week_orders[S->nweek_orders++] = oi;
    return true;
}

static sc_status guests_week(slotter *S, size_t w, size_t l, int32_t *qm, size_t *scan,
                             int *skips) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    size_t nd = S->nd, nm = S->nm, nl = S->nl, nw = S->nw;
    const sc__spread *sp = &sc->line[l].spread;
    int64_t total = 0;
    for (size_t m = 0; m < nm; m++) {
        qm[m] = S->quota[(m * nl + l) * nw + w];
        total += qm[m];
        scan[m] = S->cursor[m];
        skips[m] = 0;
        S->blocked[m].n = 0;
    }
    S->nweek_orders = 0;
    for (size_t j = S->sticky_first[l * nw + w]; j < S->sticky_first[l * nw + w + 1]; j++)
        if (!week_add(S, S->sticky[j])) return SC_ENOMEM;
    if (total) {
        /* Day quotas in proportion to the free days' room. */
        int32_t room[7], start[7], q[7], placed[7] = {0};
        for (int d = 0; d < 7; d++) {
            size_t t = w * 7 + (size_t)d, k = l * nd + t;
            int32_t r = free_day(S, l, t) ? pl->day_cap[k] - S->D.ncars[k] : 0;
            int32_t sr = pl->day_spread[k] - (S->D.nspread[k] - S->front.nspread[k]);
            if (sp->on && sp->brand < 0 && sr < r) r = sr;
            room[d] = r > 0 ? r : 0;
            start[d] = S->D.ncars[k];
        }
        sc__split(total, room, 7, q);
        for (;;) {
            /* The candidate due first among the models with quota left. */
            long best = -1;
            size_t bm = 0;
            for (size_t m = 0; m < nm; m++) {
                if (qm[m] <= 0 || skips[m] > MAX_SKIPS) continue;
                /* Orders holding a set of options turned away this week go
                ** by free: the days' room only shrinks as they fill. */
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
                if (placed[d] >= q[d]) continue;
                if (!fits(S, l, w * 7 + (size_t)d, o->opts, o->colour, o->brand,
                          (int64_t)start[d] + q[d]))
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
            if (!week_add(S, (uint32_t)best)) return SC_ENOMEM;
            while (S->cursor[bm] < S->model_first[bm] + S->model_n[bm] &&
                   pl->order_line[S->by_model[S->cursor[bm]]] >= 0)
                S->cursor[bm]++;
        }
    }
    /* The rules against each day's actual count: cars beyond them go back,
    ** latest due first. */
    for (int d = 0; d < 7 && S->nweek_orders; d++) {
        size_t t = w * 7 + (size_t)d, k = l * nd + t;
        if (!free_day(S, l, t)) continue;
        sc__excess e;
        while (sc__days_over(&S->D, &S->front, sc, l, k, S->D.ncars[k] - (int64_t)S->fr->npin[k],
                             &e)) {
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

/* Repair: every guest order still unplanned, into the first free week with
** room, in as many passes as place something (at most four). */
static sc_status repair(slotter *S) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nw = S->nw, nm = S->nm, fzw = (size_t)S->fr->fz_end / 7;
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
                if (free_day(S, l, t)) f += pl->day_cap[l * nd + t] - S->D.ncars[l * nd + t];
            free_wk[l * nw + w] = f;
        }
    for (size_t m = 0; m < nm; m++)
        full_until[m] = fzw;
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
                        if (!free_day(S, l, t)) continue;
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

/* Scratch for laying out one line-day. */
typedef struct scratch {
    sc__car *cars, *olds, *news;
    long *key;
    int32_t *tagpos; /* old position of a host car by its number, for one line-day */
} scratch;

/*
** Lays out the free cars of line-day (l, t) ('n' of them in 's->cars') into
** 'dst': the cars the old plan had on that line-day in their old order,
** with the new ones spread evenly among them, in the order given. Without an
** old plan, every car is new and keeps its order.
*/
static void warm_order(const slotter *S, size_t l, size_t t, size_t n, scratch *s, sc__car *dst) {
    const sc__frame *fr = S->fr;
    size_t k = l * S->nd + t;
    for (uint32_t q = fr->ofirst[k]; q < fr->ofirst[k + 1]; q++) {
        const sc__car *c = &fr->ocar[q];
        if (c->order < 0 && !(c->tag & SC__TAG_CARRIED))
            s->tagpos[c->tag & SC__TAG_NUM_MASK] = (int32_t)(q - fr->ofirst[k]) + 1;
    }
    size_t no = 0, nn = 0;
    for (size_t i = 0; i < n; i++) {
        const sc__car *c = &s->cars[i];
        long pos = -1;
        if (!fr->warm)
            ;
        else if (c->order >= 0) {
            if (fr->old_line[c->order] == (int32_t)l && fr->old_day[c->order] == (int32_t)t)
                pos = (long)fr->old_pos[c->order];
        } else if (!(c->tag & SC__TAG_CARRIED) && s->tagpos[c->tag & SC__TAG_NUM_MASK] > 0)
            pos = s->tagpos[c->tag & SC__TAG_NUM_MASK];
        if (pos < 0)
            s->news[nn++] = *c;
        else {
            /* Insertion by old position: a line-day's cars are few. */
            size_t j = no++;
            while (j > 0 && s->key[j - 1] > pos) {
                s->olds[j] = s->olds[j - 1];
                s->key[j] = s->key[j - 1];
                j--;
            }
            s->olds[j] = *c;
            s->key[j] = pos;
        }
    }
    for (uint32_t q = fr->ofirst[k]; q < fr->ofirst[k + 1]; q++)
        if (fr->ocar[q].order < 0) s->tagpos[fr->ocar[q].tag & SC__TAG_NUM_MASK] = 0;
    /* New car b goes before old car (b + 1) x no / (nn + 1). */
    size_t a = 0, m = 0;
    for (size_t b = 0; b < nn; b++) {
        size_t slot = (b + 1) * no / (nn + 1);
        while (a < slot)
            dst[m++] = s->olds[a++];
        dst[m++] = s->news[b];
    }
    while (a < no)
        dst[m++] = s->olds[a++];
}

static sc_status layout(slotter *S) {
    sc_plan *pl = S->pl;
    const sc__frame *fr = S->fr;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nk = nl * nd;
    size_t *gfirst = sc__calloc(nk + 2, sizeof *gfirst);
    size_t *pfirst = sc__calloc(nk + 2, sizeof *pfirst);
    size_t nguests = 0, maxday = 1;
    scratch s;
    memset(&s, 0, sizeof s);
    sc_status st = SC_ENOMEM;
    uint32_t *gorder = NULL;
    size_t *fill = NULL;
    if (!gfirst || !pfirst) goto done;
    /* The free guest orders of each line-day, in file order. */
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host && pl->order_line[i] >= 0 && !fr->order_fixed[i]) {
            gfirst[(size_t)pl->order_line[i] * nd + (size_t)pl->order_day[i] + 1]++;
            nguests++;
        }
    for (size_t k = 1; k <= nk; k++)
        gfirst[k] += gfirst[k - 1];
    for (size_t i = 0; i < fr->ncarried; i++)
        if (fr->carried[i].new_day >= 0)
            pfirst[(size_t)fr->carried[i].line * nd + (size_t)fr->carried[i].new_day + 1]++;
    for (size_t k = 1; k <= nk; k++)
        pfirst[k] += pfirst[k - 1];
    gorder = sc__malloc((nguests + 1) * sizeof *gorder);
    fill = sc__malloc((nk + 1) * sizeof *fill);
    size_t total = fr->ncarried + S->host_first[nk] + nguests, nld = 0;
    for (size_t k = 0; k < nk; k++) {
        size_t nfix = fr->fixed[k] ? fr->ofirst[k + 1] - fr->ofirst[k] : 0;
        size_t nfree = S->host_n[k] + (gfirst[k + 1] - gfirst[k]);
        total += nfix;
        nld += nfix || pfirst[k + 1] > pfirst[k] || nfree;
        if (nfree > maxday) maxday = nfree;
    }
    pl->car = sc__malloc((total + 1) * sizeof *pl->car);
    pl->ld = sc__calloc(nld + 1, sizeof *pl->ld);
    s.cars = sc__malloc(maxday * sizeof *s.cars);
    s.olds = sc__malloc(maxday * sizeof *s.olds);
    s.news = sc__malloc(maxday * sizeof *s.news);
    s.key = sc__malloc(maxday * sizeof *s.key);
    s.tagpos = sc__calloc(SC__TAG_NUM_MASK + 1, sizeof *s.tagpos);
    if (!gorder || !fill || !pl->car || !pl->ld || !s.cars || !s.olds || !s.news || !s.key ||
        !s.tagpos)
        goto done;
    memcpy(fill, gfirst, (nk + 1) * sizeof *fill);
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host && pl->order_line[i] >= 0 && !fr->order_fixed[i])
            gorder[fill[(size_t)pl->order_line[i] * nd + (size_t)pl->order_day[i]]++] = (uint32_t)i;
    size_t nc = 0, pi = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            pl->ld_index[k] = -1;
            size_t nfix = fr->fixed[k] ? fr->ofirst[k + 1] - fr->ofirst[k] : 0;
            size_t np = pfirst[k + 1] - pfirst[k];
            size_t nh = S->host_n[k], ng = gfirst[k + 1] - gfirst[k];
            if (!nfix && !np && !nh && !ng) continue;
            sc__lineday *ld = &pl->ld[pl->nld];
            pl->ld_index[k] = (int32_t)pl->nld++;
            ld->line = (int32_t)l;
            ld->day = (int32_t)t;
            ld->first = (uint32_t)nc;
            if (nfix) { /* kept as published */
                memcpy(&pl->car[nc], &fr->ocar[fr->ofirst[k]], nfix * sizeof *pl->car);
                ld->n = ld->nfixed = (uint32_t)nfix;
            } else {
                /* Carried cars first, in published order (they are sorted by
                ** line and new day). */
                while (
                    pi < fr->ncarried &&
                    (fr->carried[pi].new_day < 0 || fr->carried[pi].line < (int32_t)l ||
                     (fr->carried[pi].line == (int32_t)l && fr->carried[pi].new_day < (int32_t)t)))
                    pi++;
                size_t put = 0;
                for (; pi < fr->ncarried && fr->carried[pi].line == (int32_t)l &&
                       fr->carried[pi].new_day == (int32_t)t;
                     pi++)
                    pl->car[nc + put++] = fr->carried[pi].car;
                ld->nfixed = (uint32_t)put;
                size_t n = 0;
                for (size_t i = 0; i < nh; i++)
                    s.cars[n++] = S->host[S->host_first[k] + i];
                for (size_t j = gfirst[k]; j < gfirst[k + 1]; j++) {
                    const sc__order *o = &sc->order[gorder[j]];
                    s.cars[n++] = (sc__car){(int32_t)gorder[j], o->model, o->colour, 0, o->opts};
                }
                warm_order(S, l, t, n, &s, &pl->car[nc + put]);
                ld->n = (uint32_t)(put + n);
            }
            for (size_t i = 0; i < ld->n; i++)
                ld->nguest += !sc->brand[sc->model[pl->car[nc + i].model].brand].host;
            nc += ld->n;
        }
    pl->ncars = nc;
    st = SC_OK;
done:
    sc__free(gfirst);
    sc__free(pfirst);
    sc__free(gorder);
    sc__free(fill);
    sc__free(s.cars);
    sc__free(s.olds);
    sc__free(s.news);
    sc__free(s.key);
    sc__free(s.tagpos);
    return st;
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

/* Guest orders grouped by model, earliest due first, and the list of them
** earliest due first ('*cand', '*ncand'). */
static sc_status group_orders(slotter *S, uint32_t **cand, size_t *ncand) {
    const sc_scenario *sc = S->sc;
    size_t ng = 0;
    for (size_t i = 0; i < sc->norders; i++)
        if (!sc->brand[sc->order[i].brand].host && S->pl->order_line[i] < 0)
            S->by_model[ng++] = (uint32_t)i;
    *cand = sc__malloc((ng + 1) * sizeof **cand);
    if (!*cand) return SC_ENOMEM;
    memcpy(*cand, S->by_model, ng * sizeof **cand);
    *ncand = ng;
    if (!sc__sort_orders(sc, S->by_model, ng, SC__SORT_MODEL) ||
        (S->fr->warm && !sc__sort_orders(sc, *cand, ng, SC__SORT_DUE)))
        return SC_ENOMEM;
    for (size_t i = 0; i < ng; i++) {
        size_t m = (size_t)sc->order[S->by_model[i]].model;
        if (!S->model_n[m]) S->model_first[m] = i;
        S->model_n[m]++;
        S->pos_in_model[S->by_model[i]] = (uint32_t)i;
    }
    for (size_t m = 0; m < S->nm; m++)
        S->cursor[m] = S->model_first[m];
    return SC_OK;
}

sc_status sc__slot(sc_plan *pl, sc_diag *d) {
    const sc_scenario *sc = pl->sc;
    slotter S;
    memset(&S, 0, sizeof S);
    S.pl = pl;
    S.fr = &pl->fr;
    S.sc = sc;
    S.nl = pl->nl;
    S.nd = pl->nd;
    S.nw = pl->nw;
    S.nm = pl->nm;
    size_t nk = S.nl * S.nd + 1, nmlw = S.nm * S.nl * S.nw + 1;
    bool days = sc__days_init(&S.D, sc, nk);
    days = sc__days_init(&S.front, sc, nk) && days;
    S.quota = sc__malloc(nmlw * sizeof *S.quota);
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
    uint32_t *cand = NULL;
    size_t ncand = 0;
    sc_status st = SC_OK;
    if (!days || !S.quota || !S.bw_built || !S.mw_built || !S.by_model || !S.model_first ||
        !S.model_n || !S.cursor || !S.pos_in_model || !qm || !scan || !skips || !S.blocked) {
        st = SC_ENOMEM;
        goto done;
    }
    memcpy(S.quota, pl->alloc, (nmlw - 1) * sizeof *S.quota);
    memset(pl->slotted, 0, (nmlw - 1) * sizeof *pl->slotted);
    memset(pl->wk_guest, 0, S.nl * S.nw * sizeof *pl->wk_guest);
    for (size_t i = 0; i < sc->norders; i++) {
        pl->order_line[i] = pl->order_day[i] = -1;
        pl->order_reason[i] = SC__NO_REASON;
    }
    frame_cars(&S);
    st = host_cars(&S);
    if (!st) st = group_orders(&S, &cand, &ncand);
    if (!st) st = sticky(&S, cand, ncand);
    for (size_t w = (size_t)S.fr->fz_end / 7; w < S.nw && !st; w++)
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
    sc__days_free(&S.front);
    sc__free(S.quota);
    sc__free(S.bw_built);
    sc__free(S.mw_built);
    sc__free(S.by_model);
    sc__free(S.model_first);
    sc__free(S.model_n);
    sc__free(S.cursor);
    sc__free(S.pos_in_model);
    sc__free(S.week_orders);
    sc__free(S.sticky);
    sc__free(S.sticky_first);
    sc__free(S.host);
    sc__free(S.host_first);
    sc__free(S.host_n);
    sc__free(qm);
    sc__free(scan);
    sc__free(skips);
    sc__free(S.blocked);
    sc__free(cand);
    if (st == SC_ENOMEM) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}
