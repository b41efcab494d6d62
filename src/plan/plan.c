/*
** The planner's driver: ledger, allocation, slotting, sequencing; then the
** causes of every shortfall and every late or unplanned order, the KPIs
** and the accessors of the public API.
*/
#include <stdlib.h>
#include <string.h>

#include "plan.h"

void sc_plan_defaults(sc_plan_params *p) {
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->effort_per_car = 40;
    p->min_effort = 2000;
    p->mip_nodes = 5000;
    p->threads = 1;
}

void sc_plan_free(sc_plan *pl) {
    if (!pl) return;
    if (pl->rp) pl->rp_release(pl);
    sc__frame_release(&pl->fr);
    sc__free(pl->host_owed_cum);
    sc__free(pl->host_extra);
    sc__free(pl->day_cap);
    sc__free(pl->day_host);
    sc__free(pl->day_spread);
    sc__free(pl->wk_cap);
    sc__free(pl->wk_nominal);
    sc__free(pl->wk_host);
    sc__free(pl->wk_room);
    sc__free(pl->wk_spread);
    sc__free(pl->wk_guest);
    sc__free(pl->wk_days);
    sc__free(pl->host_day_model);
    sc__free(pl->host_vol);
    sc__free(pl->host_unmet);
    sc__free(pl->alloc);
    sc__free(pl->slotted);
    sc__free(pl->order_line);
    sc__free(pl->order_day);
    sc__free(pl->order_pos);
    sc__free(pl->order_status);
    sc__free(pl->order_reason);
    sc__strpool_release(&pl->reasons);
    sc__free(pl->built_bw);
    sc__free(pl->built_mw);
    sc__free(pl->short_cause);
    sc__free(pl->car);
    sc__free(pl->ld);
    sc__free(pl->ld_index);
    sc__free(pl);
}

/* Allocates 'n' zeroed items of 'size' bytes, checking the product. */
static void *zalloc(size_t n, size_t size, bool *ok) {
    size_t bytes;
    if (!sc__mul_ok(n ? n : 1, size, &bytes)) {
        *ok = false;
        return NULL;
    }
    void *p = sc__calloc(1, bytes);
    if (!p) *ok = false;
    return p;
}

sc_plan *sc__plan_alloc(const sc_scenario *sc, const sc_plan_params *p) {
    sc_plan *pl = sc__calloc(1, sizeof *pl);
    if (!pl) return NULL;
    pl->sc = sc;
    pl->params = *p;
    pl->nl = sc->nlines;
    pl->nw = (size_t)sc->nweeks;
    pl->nd = pl->nw * 7;
    pl->nm = sc->nmodels;
    pl->nb = sc->nbrands;
    size_t ld = pl->nl * pl->nd, lw = pl->nl * pl->nw, mw = pl->nm * pl->nw;
    size_t no = sc->norders;
    bool ok = true;
    pl->day_cap = zalloc(ld, sizeof(int32_t), &ok);
    pl->day_host = zalloc(ld, sizeof(int32_t), &ok);
    pl->day_spread = zalloc(ld, sizeof(int32_t), &ok);
    pl->wk_cap = zalloc(lw, sizeof(int32_t), &ok);
    pl->wk_nominal = zalloc(lw, sizeof(int32_t), &ok);
    pl->wk_host = zalloc(lw, sizeof(int32_t), &ok);
    pl->wk_room = zalloc(lw, sizeof(int32_t), &ok);
    pl->wk_spread = zalloc(lw, sizeof(int32_t), &ok);
    pl->wk_guest = zalloc(lw, sizeof(int32_t), &ok);
    pl->wk_days = zalloc(lw, sizeof(int32_t), &ok);
    pl->host_day_model = ok ? zalloc(ld * pl->nm, sizeof(int32_t), &ok) : NULL;
    pl->host_vol = zalloc(mw, sizeof(int32_t), &ok);
    pl->host_unmet = zalloc(mw, sizeof(int32_t), &ok);
    pl->alloc = ok ? zalloc(mw * pl->nl, sizeof(int32_t), &ok) : NULL;
    pl->slotted = ok ? zalloc(mw * pl->nl, sizeof(int32_t), &ok) : NULL;
    pl->order_line = zalloc(no, sizeof(int32_t), &ok);
    pl->order_day = zalloc(no, sizeof(int32_t), &ok);
    pl->order_pos = zalloc(no, sizeof(uint32_t), &ok);
    pl->order_status = zalloc(no, 1, &ok);
    pl->order_reason = zalloc(no, sizeof(uint32_t), &ok);
    pl->built_bw = zalloc(pl->nb * pl->nw, sizeof(int32_t), &ok);
    pl->built_mw = zalloc(mw, sizeof(int32_t), &ok);
    pl->short_cause = zalloc(pl->nb * pl->nw, sizeof(uint32_t), &ok);
    pl->ld_index = zalloc(ld, sizeof(int32_t), &ok);
    pl->host_owed_cum = zalloc(mw, sizeof(int32_t), &ok);
    pl->host_extra = ok ? zalloc(mw * pl->nl, sizeof(int32_t), &ok) : NULL;
    if (ok) ok = sc__frame_init(&pl->fr, pl);
    if (!ok) {
        sc_plan_free(pl);
        return NULL;
    }
    for (size_t i = 0; i < pl->nb * pl->nw; i++)
        pl->short_cause[i] = SC__NO_REASON;
    return pl;
}

void sc__plan_progress(const sc_plan *pl, const char *stage) {
    if (!pl->params.progress) return;
    sc_plan_progress p = {stage, 0, pl->nld};
    pl->params.progress(&p, pl->params.user);
}

sc_status sc__plan_stage(sc_plan *pl, sc_status st, const char *name,
                         sc_status (*fn)(sc_plan *, sc_diag *), double *t, sc_diag *d) {
    if (st) return st;
    double t0 = sc__now();
    sc__plan_progress(pl, name);
    st = fn(pl, d);
    *t += sc__now() - t0;
    return st;
}

void sc__plan_done(sc_plan *pl) {
    pl->stats.mip_status = pl->mip_status;
    pl->stats.cars = pl->ncars;
    for (size_t k = 0; k < pl->nld; k++)
        pl->stats.moves += pl->ld[k].moves;
    sc__plan_progress(pl, "done");
}

/* The allocation, and the ledger again when it chose extra shifts or host
** cars to catch up. */
static sc_status allocate(sc_plan *pl, sc_diag *d) {
    sc_status st = sc__allocate(pl, d);
    bool again = false;
    for (size_t s = 0; s < pl->fr.nshifts; s++)
        again |= pl->fr.shift[s].chosen;
    for (size_t i = 0; i < pl->nm * pl->nl * pl->nw && !again; i++)
        again = pl->host_extra[i] > 0;
    if (!st && again) st = sc__ledger_build(pl, d);
    return st;
}

sc_status sc__pipeline_run(sc_plan *pl, size_t owed_from, sc_diag *d) {
    snprintf(pl->mip_status, sizeof pl->mip_status, "not run");
    sc_plan_stats *ps = &pl->stats;
    double t0 = sc__now();
    sc__plan_progress(pl, "ledger");
    sc_status st = sc__ledger_build(pl, d);
    if (!st) sc__ledger_owed(pl, owed_from);
    ps->t_ledger += sc__now() - t0;
    st = sc__plan_stage(pl, st, "allocation", allocate, &ps->t_allocation, d);
    st = sc__plan_stage(pl, st, "slotting", sc__slot, &ps->t_slotting, d);
    st = sc__plan_stage(pl, st, "sequencing", sc__sequence, &ps->t_sequencing, d);
    if (!st) st = sc__plan_causes(pl, d);
    return st;
}

sc_status sc_plan_run(const sc_scenario *sc, const sc_plan_params *p, sc_plan **out, sc_diag *d) {
    *out = NULL;
    if (!sc || !p || p->threads < 1 || (!p->effort_per_car && !p->min_effort)) {
        sc__diag_set(d, NULL, 0, 0, "bad plan parameters");
        return SC_EINVAL;
    }
    if (sc->nweeks <= 0 || !sc->nlines) {
        sc__diag_set(d, NULL, 0, 0, "the scenario has no line or no week");
        return SC_EINVAL;
    }
    sc_plan *pl = sc__plan_alloc(sc, p);
    if (!pl) {
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_status st = sc__pipeline_run(pl, 0, d);
    if (st) {
        sc_plan_free(pl);
        return st;
    }
    sc__plan_done(pl);
    *out = pl;
    return SC_OK;
}

/* ------------------------------------------------------------ causes */

/* Writes up to four names of the lines set in 'mask' (by index) into 'buf'. */
static void line_list(const sc_plan *pl, const uint8_t *mask, char *buf, size_t size) {
    size_t n = 0, shown = 0, more = 0;
    buf[0] = '\0';
    for (size_t l = 0; l < pl->nl; l++) {
        if (!mask[l]) continue;
        if (shown == 4) {
            more++;
            continue;
        }
        int w = snprintf(buf + n, size > n ? size - n : 0, "%s%s", shown ? ", " : "",
                         sc__name(pl->sc, pl->sc->line[l].name));
        if (w > 0) n += (size_t)w;
        shown++;
    }
    if (more && n < size) snprintf(buf + n, size - n, " and %zu more", more);
}

static void week_span(const sc_plan *pl, size_t w0, size_t w1, char *buf, size_t size) {
    char a[16], b[16];
    sc__format_week(pl->sc->day0 + (int32_t)(7 * w0), a);
    if (w1 == w0)
        snprintf(buf, size, "%s", a);
    else
        snprintf(buf, size, "%s to %s", a, sc__format_week(pl->sc->day0 + (int32_t)(7 * w1), b));
}

/* The names of the holidays and shutdowns (up to three, in line then day
** order) that close working weekdays of the lines in 'mask' during weeks
** w0..w1, joined by commas into 'buf', or NULL when none does. */
static const char *closure_names(const sc_plan *pl, const uint8_t *mask, size_t w0, size_t w1,
                                 char *buf, size_t size) {
    int32_t seen[3];
    size_t ns = 0, n = 0;
    buf[0] = '\0';
    for (size_t l = 0; l < pl->nl && ns < 3; l++) {
        if (!mask[l]) continue;
        for (size_t t = w0 * 7; t < (w1 + 1) * 7 && ns < 3; t++) {
            int32_t off = pl->sc->line[l].off[t];
            if (off < 0) continue;
            size_t k = 0;
            while (k < ns && seen[k] != off)
                k++;
            if (k < ns) continue;
            seen[ns++] = off;
            int w = snprintf(buf + n, size > n ? size - n : 0, "%s%s", n ? ", " : "",
                             sc__name(pl->sc, (uint32_t)off));
            if (w > 0) n += (size_t)w;
        }
    }
    return ns ? buf : NULL;
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
    char lines[200], span[48];
    line_list(pl, mask, lines, sizeof lines);
    week_span(pl, w0, w1, span, sizeof span);
    if (cap == 0) {
        char names[200];
        const char *why = closure_names(pl, mask, w0, w1, names, sizeof names);
        return sc__reason(pl, "calendar: %s closed in %s%s%s%s", lines, span, why ? " (" : "",
                          why ? why : "", why ? ")" : "");
    }
    const sc__brand *b = &sc->brand[o->brand];
    const sc__carmodel *cm = &sc->model[m];
    bool maxed = b->max_week >= 0 || cm->max_week >= 0;
    for (size_t w = w0; w <= w1 && maxed; w++)
        maxed = (b->max_week >= 0 && pl->built_bw[(size_t)o->brand * nw + w] >= b->max_week) ||
                (cm->max_week >= 0 && pl->built_mw[m * nw + w] >= cm->max_week);
    if (maxed)
        return sc__reason(pl, "contract: the weekly maximum of %s was reached in %s",
                          cm->max_week >= 0 ? sc__name(sc, cm->name) : sc__name(sc, b->name), span);
    int64_t free_ = cap - host - guests;
    if (free_ <= 0 || free_ * 100 < cap)
        return sc__reason(pl, "capacity: %s full in %s (host %lld, guests %lld of %lld slots)",
                          lines, span, (long long)host, (long long)guests, (long long)cap);
    if (spread_on && spread_used >= spread)
        return sc__reason(pl, "rule: the spreading rule on %s lets in no more guest cars in %s",
                          lines, span);
    for (size_t l = 0; l < pl->nl; l++) {
        if (!mask[l]) continue;
        const sc__line *ln = &sc->line[l];
        for (size_t r = 0; r < ln->nrules; r++)
            if ((o->opts >> ln->rule[r].option) & 1)
                return sc__reason(pl, "rule: %s %d/%d on %s leaves no day for it in %s",
                                  sc__names_get(&sc->option, (size_t)ln->rule[r].option),
                                  ln->rule[r].n, ln->rule[r].p, sc__name(sc, ln->name), span);
    }
    return sc__reason(pl, "capacity: orders due earlier took the room on %s in %s", lines, span);
}

/* A small map from a cause's key to its reason, so that orders alike share
** one computation. */
typedef struct cause_slot {
    uint64_t key, opts;
    uint32_t reason;
    bool used;
} cause_slot;

/* The reason of every late or unplanned order; orders alike (model, weeks,
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
            char span[48];
            week_span(pl, (size_t)o->due, (size_t)o->due, span, sizeof span);
            pl->order_reason[i] = sc__reason(
                pl, "capacity: the host's volume of %s exceeds its lines' capacity in %s",
                sc__name(sc, sc->model[o->model].name), span);
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
        pl->order_reason[i] = map[h].reason;
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
        char lines[200];
        line_list(pl, mask, lines, sizeof lines);
        int64_t rel = 0, built_before = 0;
        for (size_t w = 0; w < nw; w++) {
            rel += released[w];
            int32_t built = pl->built_bw[b * nw + w];
            int64_t avail = rel - built_before;
            built_before += built;
            if (built >= br->min_week) continue;
            int64_t need = br->min_week - built;
            char span[48];
            week_span(pl, w, w, span, sizeof span);
            if (avail < br->min_week) {
                pl->short_cause[b * nw + w] =
                    sc__reason(pl, "orders: only %lld orders released and not yet built by %s",
                               (long long)(avail > 0 ? avail : 0), span);
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
            uint32_t why;
            if (nominal - cap >= need && cap < nominal) {
                /* Name the lines that lost slots, and why. */
                uint8_t *lost = mask + nl;
                for (size_t l = 0; l < nl; l++)
                    lost[l] = mask[l] && pl->wk_cap[l * nw + w] < pl->wk_nominal[l * nw + w];
                char closed[200];
                line_list(pl, lost, closed, sizeof closed);
                char names[200];
                const char *c = closure_names(pl, lost, w, w, names, sizeof names);
                if (cap == 0)
                    why = sc__reason(pl, "calendar: %s closed all week%s%s%s", closed,
                                     c ? " (" : "", c ? c : "", c ? ")" : "");
                else
                    why = sc__reason(pl, "calendar: %s lost %lld of %lld slots%s%s%s", closed,
                                     (long long)(nominal - cap), (long long)nominal, c ? " (" : "",
                                     c ? c : "", c ? ")" : "");
            } else if (spread_on && spread < cap - host && free_ > 0) {
                why = sc__reason(pl,
                                 "rule: the spreading rule lets %lld guest cars in beside "
                                 "the host's %lld on %s",
                                 (long long)spread, (long long)host, lines);
            } else if (free_ > 0) {
                why = sc__reason(pl,
                                 "rules: the lines' ratio rules turned away orders (%lld "
                                 "slots free on %s)",
                                 (long long)free_, lines);
            } else {
                why =
                    sc__reason(pl,
                               "capacity: host volume takes %lld of %lld slots on %s, other "
                               "guests %lld",
                               (long long)host, (long long)cap, lines, (long long)(guests - built));
            }
            pl->short_cause[b * nw + w] = why;
        }
    }
    sc__free(mask);
    sc__free(released);
    return SC_OK;
}

sc_status sc__plan_causes(sc_plan *pl, sc_diag *d) {
    sc_status st = order_causes(pl);
    if (!st) st = shortfall_causes(pl);
    if (!st && pl->reasons_nomem) st = SC_ENOMEM;
    if (st) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}

/* ------------------------------------------------------------ accessors */

sc_status sc_plan_kpis_get(const sc_plan *pl, const char *brand, sc_plan_kpis *out, sc_diag *d) {
    const sc_scenario *sc = pl->sc;
    memset(out, 0, sizeof *out);
    int32_t view = -1;
    if (brand) {
        view = (int32_t)sc__find_brand(sc, brand);
        if (view < 0) {
            sc__diag_set(d, NULL, 0, 0, "no brand called '%s'", brand);
            return SC_EINVAL;
        }
        if (view == sc->host) view = -1; /* the host sees everything */
    }
    size_t nw = pl->nw;
    for (size_t l = 0; l < pl->nl; l++)
        for (size_t w = 0; w < nw; w++)
            out->capacity += pl->wk_cap[l * nw + w];
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        for (size_t i = 0; i < ld->n; i++) {
            int32_t b = sc->model[pl->car[ld->first + i].model].brand;
            if (sc->brand[b].host)
                out->host_cars += view < 0;
            else
                out->guest_cars += sc__sees(view, b);
        }
        if (view >= 0 && view != sc->host) {
            bool mine = false;
            for (size_t i = 0; i < ld->n && !mine; i++)
                mine = sc->model[pl->car[ld->first + i].model].brand == view;
            if (!mine) continue;
        }
        out->line_days++;
        out->days_violating += ld->vhigh + ld->vlow > 0;
        out->days_violating_high += ld->vhigh > 0;
        out->days_infeasible += !sc_score_is_feasible(&ld->score);
        out->colour_changes += ld->colour_changes;
        out->violations_high += ld->vhigh;
        out->violations_low += ld->vlow;
    }
    int64_t used = 0;
    for (size_t k = 0; k < pl->nld; k++)
        used += pl->ld[k].n;
    out->spare = out->capacity - used;
    out->utilisation = out->capacity ? (double)used / (double)out->capacity : 0;
    for (size_t b = 0; b < pl->nb; b++) {
        const sc__brand *br = &sc->brand[b];
        if (br->host || !sc__sees(view, (int32_t)b) || br->min_week <= 0) continue;
        for (size_t w = 0; w < nw; w++) {
            out->contract_min += br->min_week;
            int32_t s = br->min_week - pl->built_bw[b * nw + w];
            if (s > 0) {
                out->shortfall += s;
                out->weeks_short++;
            }
        }
    }
    for (size_t i = 0; i < sc->norders; i++) {
        int32_t b = sc->order[i].brand;
        if (sc->brand[b].host || !sc__sees(view, b)) continue;
        out->orders++;
        if (pl->order_status[i] == SC__ORDER_ONTIME)
            out->on_time++;
        else if (pl->order_status[i] == SC__ORDER_LATE)
            out->late++;
        else
            out->unplanned++;
    }
    if (view < 0) {
        /* Never built: a replan's catch-up builds some in later weeks. */
        for (size_t i = 0; i < pl->nm * nw; i++)
            out->host_unmet += pl->host_unmet[i];
        out->host_unmet -= pl->host_caught_up;
        if (out->host_unmet < 0) out->host_unmet = 0;
    }
    return SC_OK;
}

void sc_plan_stats_get(const sc_plan *pl, sc_plan_stats *out) { *out = pl->stats; }

size_t sc_plan_ndays(const sc_plan *pl) { return pl->nld; }

sc_score sc_plan_day_score(const sc_plan *pl, size_t k) { return pl->ld[k].score; }

sc_status sc_plan_day_instance(const sc_plan *pl, size_t k, sc_instance **in, uint32_t **seq,
                               sc_diag *d) {
    *in = NULL;
    *seq = NULL;
    if (k >= pl->nld) {
        sc__diag_set(d, NULL, 0, 0, "no line-day %zu (the plan has %zu)", k, pl->nld);
        return SC_EINVAL;
    }
    sc_instance *inst;
    size_t nprev;
    sc_status st = sc__lineday_instance(pl, k, &inst, &nprev);
    if (st) {
        sc__diag_set(d, NULL, 0, 0, "%s", sc_strerror(st));
        return st;
    }
    size_t n = sc_instance_ncars(inst);
    uint32_t *s = malloc((n ? n : 1) * sizeof *s);
    if (!s) {
        sc_instance_free(inst);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_sequence_identity(inst, s);
    *in = inst;
    *seq = s;
    return SC_OK;
}
