/*
** The planner's driver: ledger, allocation, slotting, sequencing; then the
** causes (cause.c), the KPIs and the accessors of the public API.
*/
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "plan.h"
#include "view.h"

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
    sc__causes_release(pl);
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

/* ------------------------------------------------------------ accessors */

sc_status sc_plan_kpis_get(const sc_plan *pl, const char *brand, sc_plan_kpis *out, sc_diag *d) {
    memset(out, 0, sizeof *out);
    sc__view v;
    sc_status st = sc__view_init(&v, pl, brand, d);
    if (st) return st;
    sc__view_kpis(&v, out);
    sc__view_release(&v);
    return SC_OK;
}

void sc__view_kpis(const sc__view *vw, sc_plan_kpis *out) {
    const sc_plan *pl = vw->pl;
    const sc_scenario *sc = pl->sc;
    const sc__view v = *vw;
    memset(out, 0, sizeof *out);
    size_t nw = pl->nw;
    for (size_t l = 0; l < pl->nl; l++)
        for (size_t w = 0; w < nw; w++)
            out->capacity += pl->wk_cap[l * nw + w];
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        bool mine = v.full;
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            if (sc->brand[sc->model[c->model].brand].host)
                out->host_cars += v.full;
            else
                out->guest_cars += sc__view_car(&v, c);
            mine |= sc__view_car(&v, c);
        }
        if (!mine) continue;
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
        if (br->host || !sc__view_brand(&v, (int32_t)b) || br->min_week <= 0) continue;
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
        if (sc->brand[b].host || !sc__view_order(&v, i)) continue;
        out->orders++;
        if (pl->order_status[i] == SC__ORDER_ONTIME)
            out->on_time++;
        else if (pl->order_status[i] == SC__ORDER_LATE)
            out->late++;
        else
            out->unplanned++;
    }
    if (v.full) {
        /* Never built: a replan's catch-up builds some in later weeks. */
        for (size_t i = 0; i < pl->nm * nw; i++)
            out->host_unmet += pl->host_unmet[i];
        out->host_unmet -= pl->host_caught_up;
        if (out->host_unmet < 0) out->host_unmet = 0;
    }
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
