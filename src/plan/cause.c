/*
** The causes of a plan's shortfalls, as data (cause.h): for every late or
** unplanned order, and every guest-week below its contract minimum, the
** first explanation that holds, measured on the lines and weeks concerned.
**
** For an order of model m not built in weeks w0..w1, on the lines that can
** build m, in this order: the lines are closed (calendar); the contract's
** weekly maximum was reached every week; the lines are full (less than 1%
** free); the spreading rule is used up; one of the order's options has a
** ratio rule on those lines; else orders due earlier took the room. A host
** order's cause is its volume beyond its lines' capacity. For a guest-week
** short: too few orders released; the calendar took the slots; the
** spreading rule; the ratio rules (slots left free); else the others took
** the slots. A replan then names the outage for the orders it made late.
**
** Orders alike (model, weeks, options) share one cause through a small
** hash map. The counts kept are the host's and the guests' cars, the
** brand's own and the capacity; which of them a viewer reads is the view's
** decision (view.c), through sc__cause_get. O(orders + brands x weeks x
** lines).
*/
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "replan.h"

sc__cause sc__cause_blank(void) {
    sc__cause c;
    memset(&c, 0, sizeof c);
    c.week_from = c.week_to = c.day_from = c.day_to = -1;
    c.brand = c.subject = c.outage = c.option = -1;
    c.closure[0] = c.closure[1] = c.closure[2] = -1;
    return c;
}

/* Grows '*p' (of '*cap' items of 'size' bytes) to hold 'need' items. */
static bool grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    size_t bytes;
    if (!sc__mul_ok(n, size, &bytes)) return false;
    void *q = sc__realloc(*p, bytes);
    if (!q) return false;
    *p = q;
    *cap = n;
    return true;
}

uint32_t sc__cause_add(sc_plan *pl, const sc__cause *c, const uint8_t *mask) {
    size_t nl = 0;
    for (size_t l = 0; mask && l < pl->nl; l++)
        nl += mask[l] != 0;
    if (pl->ncauses >= SC__NO_REASON - 1 ||
        !grow((void **)&pl->cause, &pl->capcauses, pl->ncauses + 1, sizeof *pl->cause) ||
        !grow((void **)&pl->cause_line, &pl->capcause_lines, pl->ncause_lines + nl,
              sizeof *pl->cause_line)) {
        pl->causes_nomem = true;
        return SC__NO_REASON;
    }
    sc__cause *x = &pl->cause[pl->ncauses];
    *x = *c;
    x->line0 = (uint32_t)pl->ncause_lines;
    x->nlines = (uint32_t)nl;
    for (size_t l = 0; mask && l < pl->nl; l++)
        if (mask[l]) pl->cause_line[pl->ncause_lines++] = (int32_t)l;
    return (uint32_t)pl->ncauses++;
}

void sc__causes_release(sc_plan *pl) {
    sc__free(pl->cause);
    sc__free(pl->cause_line);
    pl->cause = NULL;
    pl->cause_line = NULL;
    pl->ncauses = pl->capcauses = pl->ncause_lines = pl->capcause_lines = 0;
}

/* The holidays and shutdowns (up to three, in line then day order) that
** close working weekdays of the lines in 'mask' during weeks w0..w1, into
** 'c->closure'. */
static void closures(const sc_plan *pl, const uint8_t *mask, size_t w0, size_t w1, sc__cause *c) {
    size_t ns = 0;
    for (size_t l = 0; l < pl->nl && ns < 3; l++) {
        if (!mask[l]) continue;
        for (size_t t = w0 * 7; t < (w1 + 1) * 7 && ns < 3; t++) {
            int32_t off = pl->sc->line[l].off[t];
            if (off < 0) continue;
            size_t k = 0;
            while (k < ns && c->closure[k] != off)
                k++;
            if (k == ns) c->closure[ns++] = off;
        }
    }
}

/* Cars of brand 'b' on the lines of 'mask' in weeks w0..w1, as slotted. */
static int64_t brand_cars(const sc_plan *pl, int32_t b, const uint8_t *mask, size_t w0, size_t w1) {
    int64_t n = 0;
    for (size_t m = 0; m < pl->nm; m++) {
        if (pl->sc->model[m].brand != b) continue;
        for (size_t l = 0; l < pl->nl; l++)
            if (mask[l])
                for (size_t w = w0; w <= w1; w++)
                    n += pl->slotted[(m * pl->nl + l) * pl->nw + w];
    }
    return n;
}

/*
** Why guest order 'oi' (of model 'm') was not built in weeks w0..w1: the
** first of calendar, contract maximum, capacity, spreading rule, ratio rule
** that explains it, measured on its lines in those weeks.
*/
static uint32_t order_cause(sc_plan *pl, size_t oi, size_t w0, size_t w1, uint8_t *mask) {
    const sc_scenario *sc = pl->sc;
    const sc__order *o = &sc->order[oi];
    size_t m = (size_t)o->model, nw = pl->nw;
    int64_t cap = 0, host = 0, guests = 0, spread = 0, spread_used = 0;
    bool spread_on = false;
    for (size_t l = 0; l < pl->nl; l++) {
        mask[l] = sc->compat[l * pl->nm + m];
        if (!mask[l]) continue;
        for (size_t w = w0; w <= w1; w++) {
            cap += pl->wk_cap[l * nw + w];
            host += pl->wk_host[l * nw + w];
            guests += pl->wk_guest[l * nw + w];
        }
        const sc__spread *sp = &sc->line[l].spread;
        if (sp->on && (sp->brand < 0 || sp->brand == o->brand)) {
            spread_on = true;
            for (size_t w = w0; w <= w1; w++) {
                spread += pl->wk_spread[l * nw + w];
                for (size_t mm = 0; mm < pl->nm; mm++)
                    if (sp->brand < 0 ? !sc->brand[sc->model[mm].brand].host
                                      : sc->model[mm].brand == sp->brand)
                        spread_used += pl->slotted[(mm * pl->nl + l) * nw + w];
            }
        }
    }
    sc__cause c = sc__cause_blank();
    c.week_from = (int32_t)w0;
    c.week_to = (int32_t)w1;
    c.brand = o->brand;
    c.capacity = cap;
    c.host = host;
    c.guests = guests;
    c.own = brand_cars(pl, o->brand, mask, w0, w1);
    if (cap == 0) {
        c.kind = SC_CAUSE_CLOSED;
        closures(pl, mask, w0, w1, &c);
        return sc__cause_add(pl, &c, mask);
    }
    const sc__brand *b = &sc->brand[o->brand];
    const sc__carmodel *cm = &sc->model[m];
    bool maxed = b->max_week >= 0 || cm->max_week >= 0;
    for (size_t w = w0; w <= w1 && maxed; w++)
        maxed = (b->max_week >= 0 && pl->built_bw[(size_t)o->brand * nw + w] >= b->max_week) ||
                (cm->max_week >= 0 && pl->built_mw[m * nw + w] >= cm->max_week);
    if (maxed) {
        c.kind = SC_CAUSE_MAXIMUM;
        c.subject = (int32_t)(cm->max_week >= 0 ? cm->name : b->name);
        return sc__cause_add(pl, &c, mask);
    }
    int64_t free_ = cap - host - guests;
    if (free_ <= 0 || free_ * 100 < cap) {
        c.kind = SC_CAUSE_FULL;
        return sc__cause_add(pl, &c, mask);
    }
    if (spread_on && spread_used >= spread) {
        c.kind = SC_CAUSE_SPREAD;
        return sc__cause_add(pl, &c, mask);
    }
    for (size_t l = 0; l < pl->nl; l++) {
        if (!mask[l]) continue;
        const sc__line *ln = &sc->line[l];
        for (size_t r = 0; r < ln->nrules; r++)
            if ((o->opts >> ln->rule[r].option) & 1) {
                c.kind = SC_CAUSE_RULE;
                c.subject = (int32_t)ln->name;
                c.option = ln->rule[r].option;
                c.rule_n = ln->rule[r].n;
                c.rule_p = ln->rule[r].p;
                return sc__cause_add(pl, &c, mask);
            }
    }
    c.kind = SC_CAUSE_EARLIER;
    return sc__cause_add(pl, &c, mask);
}

/* A small map from a cause's key to its index, so that orders alike share
** one computation. */
typedef struct cause_slot {
    uint64_t key, opts;
    uint32_t cause;
    bool used;
} cause_slot;

/* The cause of every late or unplanned order; orders alike (model, weeks,
** options) share one computation through a small hash map. */
static sc_status order_causes(sc_plan *pl) {
    const sc_scenario *sc = pl->sc;
    size_t nbad = 0;
    for (size_t i = 0; i < sc->norders; i++)
        nbad += pl->order_status[i] != SC__ORDER_ONTIME;
    if (!nbad) return SC_OK;
    size_t cap = 64;
    while (cap < 2 * nbad && cap < ((size_t)1 << 22))
        cap *= 2;
    cause_slot *map = sc__calloc(cap, sizeof *map);
    uint8_t *mask = sc__calloc(pl->nl + 1, 1);
    if (!map || !mask) {
        sc__free(map);
        sc__free(mask);
        return SC_ENOMEM;
    }
    size_t used = 0;
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (pl->order_status[i] == SC__ORDER_ONTIME) continue;
        if (sc->brand[o->brand].host) {
            sc__cause c = sc__cause_blank();
            c.kind = SC_CAUSE_HOST_VOLUME;
            c.brand = o->brand;
            c.subject = (int32_t)sc->model[o->model].name;
            c.week_from = c.week_to = o->due;
            pl->order_reason[i] = sc__cause_add(pl, &c, NULL);
            continue;
        }
        size_t w0 = (size_t)o->earliest;
        size_t w1 = pl->order_status[i] == SC__ORDER_LATE ? (size_t)o->due : pl->nw - 1;
        uint64_t key = ((uint64_t)o->model << 40) | ((uint64_t)w0 << 20) | w1;
        size_t h = (size_t)(sc__mix(key ^ sc__mix(o->opts)) & (cap - 1));
        while (map[h].used && (map[h].key != key || map[h].opts != o->opts))
            h = (h + 1) & (cap - 1);
        if (!map[h].used) {
            if (used * 2 >= cap) { /* full enough: compute without caching */
                pl->order_reason[i] = order_cause(pl, i, w0, w1, mask);
                continue;
            }
            map[h] = (cause_slot){key, o->opts, order_cause(pl, i, w0, w1, mask), true};
            used++;
        }
        pl->order_reason[i] = map[h].cause;
    }
    sc__free(map);
    sc__free(mask);
    return SC_OK;
}

/* The cause of each guest-week below its contract minimum. */
static sc_status shortfall_causes(sc_plan *pl) {
    const sc_scenario *sc = pl->sc;
    size_t nw = pl->nw, nl = pl->nl;
    uint8_t *mask = sc__calloc(2 * nl + 1, 1); /* the guest's lines, then those closed */
    int64_t *released = sc__calloc(nw + 1, sizeof *released);
    if (!mask || !released) {
        sc__free(mask);
        sc__free(released);
        return SC_ENOMEM;
    }
    for (size_t b = 0; b < pl->nb; b++) {
        const sc__brand *br = &sc->brand[b];
        if (br->host || br->min_week <= 0) continue;
        memset(released, 0, (nw + 1) * sizeof *released);
        for (size_t i = 0; i < sc->norders; i++)
            if (sc->order[i].brand == (int32_t)b) released[sc->order[i].earliest]++;
        for (size_t l = 0; l < nl; l++) {
            mask[l] = 0;
            for (size_t m = 0; m < pl->nm; m++)
                if (sc->model[m].brand == (int32_t)b && sc->compat[l * pl->nm + m]) mask[l] = 1;
        }
        int64_t rel = 0, built_before = 0;
        for (size_t w = 0; w < nw; w++) {
            rel += released[w];
            int32_t built = pl->built_bw[b * nw + w];
            int64_t avail = rel - built_before;
            built_before += built;
            if (built >= br->min_week) continue;
            int64_t need = br->min_week - built;
            sc__cause c = sc__cause_blank();
            c.week_from = c.week_to = (int32_t)w;
            c.brand = (int32_t)b;
            if (avail < br->min_week) {
                c.kind = SC_CAUSE_RELEASED;
                c.own = avail > 0 ? avail : 0;
                pl->short_cause[b * nw + w] = sc__cause_add(pl, &c, NULL);
                continue;
            }
            int64_t nominal = 0, cap = 0, host = 0, guests = 0, spread = 0;
            bool spread_on = false;
            for (size_t l = 0; l < nl; l++) {
                if (!mask[l]) continue;
                nominal += pl->wk_nominal[l * nw + w];
                cap += pl->wk_cap[l * nw + w];
                host += pl->wk_host[l * nw + w];
                guests += pl->wk_guest[l * nw + w];
                const sc__spread *sp = &sc->line[l].spread;
                if (sp->on && (sp->brand < 0 || sp->brand == (int32_t)b)) {
                    spread_on = true;
                    spread += pl->wk_spread[l * nw + w];
                } else {
                    spread += pl->wk_cap[l * nw + w] - pl->wk_host[l * nw + w];
                }
            }
            int64_t free_ = cap - host - guests;
            c.capacity = cap;
            c.host = host;
            c.guests = guests;
            c.own = built;
            const uint8_t *lines = mask;
            if (nominal - cap >= need && cap < nominal) {
                /* Name the lines that lost slots, and why. */
                uint8_t *lost = mask + nl;
                for (size_t l = 0; l < nl; l++)
                    lost[l] = mask[l] && pl->wk_cap[l * nw + w] < pl->wk_nominal[l * nw + w];
                closures(pl, lost, w, w, &c);
                c.kind = cap == 0 ? SC_CAUSE_WEEK_CLOSED : SC_CAUSE_SLOTS_LOST;
                c.count = nominal - cap;
                c.nominal = nominal;
                lines = lost;
            } else if (spread_on && spread < cap - host && free_ > 0) {
                c.kind = SC_CAUSE_SPREAD_WEEK;
                c.count = spread;
            } else if (free_ > 0) {
                c.kind = SC_CAUSE_RULES;
                c.count = free_;
            } else {
                c.kind = SC_CAUSE_WEEK_FULL;
            }
            pl->short_cause[b * nw + w] = sc__cause_add(pl, &c, lines);
        }
    }
    sc__free(mask);
    sc__free(released);
    return SC_OK;
}

sc_status sc__plan_causes(sc_plan *pl, sc_diag *d) {
    sc_status st = order_causes(pl);
    if (!st) st = shortfall_causes(pl);
    if (!st && pl->causes_nomem) st = SC_ENOMEM;
    if (st) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}

/*
** The cause of a late or unplanned order that the old plan built on time,
** when an outage explains it: the outage that took down its old line-day,
** else one that closes a line that can build it during the weeks from its
** earliest to its due week. Replaces the cause found above (which names
** what the weeks look like now, not why they changed). Out of memory, an
** order keeps that cause.
*/
void sc__replan_causes(sc_plan *pl) {
    const sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    for (size_t i = 0; i < sc->norders; i++) {
        if (pl->order_status[i] == SC__ORDER_ONTIME || rp->old_status[i] != SC__ORDER_ONTIME)
            continue;
        const sc__order *o = &sc->order[i];
        long hit = -1;
        int32_t ol = rp->old_line[i], od = rp->old_day[i];
        for (size_t k = 0; k < rp->nout && hit < 0; k++) {
            const sc__outage *u = &rp->out[k];
            if (od >= u->from && od <= u->to &&
                (u->line == ol || (u->plant >= 0 && sc->line[ol].plant == u->plant)))
                hit = (long)k;
        }
        int32_t w0 = o->earliest * 7, w1 = o->due * 7 + 6;
        for (size_t k = 0; k < rp->nout && hit < 0; k++) {
            const sc__outage *u = &rp->out[k];
            if (u->to < w0 || u->from > w1) continue;
            for (size_t l = 0; l < pl->nl && hit < 0; l++)
                if (sc->compat[l * pl->nm + (size_t)o->model] &&
                    (u->line == (int32_t)l || (u->plant >= 0 && sc->line[l].plant == u->plant)))
                    hit = (long)k;
        }
        if (hit < 0) continue;
        const sc__outage *u = &rp->out[hit];
        sc__cause c = sc__cause_blank();
        c.kind = SC_CAUSE_OUTAGE;
        c.brand = o->brand;
        c.outage = (int32_t)hit;
        c.day_from = u->from;
        c.day_to = u->to;
        c.on_old_day = od >= u->from && od <= u->to;
        uint32_t r = sc__cause_add(pl, &c, NULL);
        if (r != SC__NO_REASON) pl->order_reason[i] = r;
    }
}

void sc__cause_get(const sc_plan *pl, uint32_t idx, bool full, sc_cause *out) {
    const sc_scenario *sc = pl->sc;
    memset(out, 0, sizeof *out);
    out->week_from = out->week_to = out->day_from = out->day_to = -1;
    out->host = out->guests = -1;
    if (idx == SC__NO_REASON || idx >= pl->ncauses) return;
    const sc__cause *c = &pl->cause[idx];
    out->kind = (sc_cause_kind)c->kind;
    out->nlines = c->nlines;
    for (size_t k = 0; k < c->nlines && k < SC_CAUSE_LINES; k++)
        out->line[k] = sc__name(sc, sc->line[pl->cause_line[c->line0 + k]].name);
    out->week_from = c->week_from;
    out->week_to = c->week_to;
    out->day_from = c->day_from;
    out->day_to = c->day_to;
    if (c->kind == SC_CAUSE_OUTAGE && pl->rp)
        out->subject = pl->rp->out[c->outage].what;
    else if (c->subject >= 0)
        out->subject = sc__name(sc, (uint32_t)c->subject);
    if (c->option >= 0) out->option = sc__names_get(&sc->option, (size_t)c->option);
    out->rule_n = c->rule_n;
    out->rule_p = c->rule_p;
    for (size_t k = 0; k < 3; k++)
        if (c->closure[k] >= 0) out->closure[k] = sc__name(sc, (uint32_t)c->closure[k]);
    out->on_old_day = c->on_old_day;
    out->capacity = c->capacity;
    out->own = c->own;
    out->nominal = c->nominal;
    out->count = c->count;
    if (c->kind == SC_CAUSE_RELEASED) return;
    out->others = c->host + c->guests - c->own;
    if (full) {
        out->host = c->host;
        out->guests = c->guests;
    } else if (c->kind == SC_CAUSE_SPREAD_WEEK) {
        out->count = 0; /* with the rule, it would tell the host's cars apart */
    }
}
