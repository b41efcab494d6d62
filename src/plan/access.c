/*
** The plan's results in memory, in one viewer's view (sc_view, in
** include/sparecap/plan.h): the capacity ledger per line and week, the
** guest allocation per model, line and week, and every line-day's cars in
** sequence order. The view module (view.c) decides what the viewer may
** see; this file only hands it out, as the writers do, so that a program
** or a service reads the same content as the plan directory's CSV files
** of that view, without files.
*/
#include <stdio.h>
#include <string.h>

#include "view.h"

struct sc_view {
    sc__view v;
    uint32_t *alloc; /* the allocation rows: indices (m * nl + l) * nw + w, in file order */
    size_t nalloc;
};

sc_status sc_view_new(const sc_plan *pl, const char *brand, sc_view **out, sc_diag *d) {
    *out = NULL;
    sc_view *vw = sc__calloc(1, sizeof *vw);
    if (!vw) {
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_status st = sc__view_init(&vw->v, pl, brand, d);
    if (st) {
        sc__free(vw);
        return st;
    }
    const sc_scenario *sc = pl->sc;
    size_t n = 0, total = pl->nm * pl->nl * pl->nw;
    for (int pass = 0; pass < 2; pass++) {
        n = 0;
        for (size_t m = 0; m < pl->nm; m++) {
            int32_t b = sc->model[m].brand;
            if (sc->brand[b].host || !sc__view_brand(&vw->v, b)) continue;
            for (size_t k = m * pl->nl * pl->nw; k < (m + 1) * pl->nl * pl->nw && k < total; k++) {
                if (!pl->alloc[k] && !pl->slotted[k]) continue;
                if (pass) vw->alloc[n] = (uint32_t)k;
                n++;
            }
        }
        if (!pass && !(vw->alloc = sc__malloc((n + 1) * sizeof *vw->alloc))) {
            sc_view_free(vw);
            sc__diag_set(d, NULL, 0, 0, "out of memory");
            return SC_ENOMEM;
        }
    }
    vw->nalloc = n;
    *out = vw;
    return SC_OK;
}

void sc_view_free(sc_view *vw) {
    if (!vw) return;
    sc__view_release(&vw->v);
    sc__free(vw->alloc);
    sc__free(vw);
}

bool sc_view_is_host(const sc_view *vw) { return vw->v.full; }

bool sc_view_line_shown(const sc_view *vw, size_t l) {
    return l < vw->v.pl->nl && sc__view_line(&vw->v, l);
}

sc_status sc_view_ledger(const sc_view *vw, size_t l, size_t w, sc_ledger_row *out) {
    const sc__view *v = &vw->v;
    const sc_plan *pl = v->pl;
    const sc_scenario *sc = pl->sc;
    memset(out, 0, sizeof *out);
    if (l >= pl->nl || w >= pl->nw || !sc__view_line(v, l)) return SC_EINVAL;
    size_t k = l * pl->nw + w;
    out->plant = sc__name(sc, sc->plant[sc->line[l].plant].name);
    out->line = sc__name(sc, sc->line[l].name);
    sc__format_week(sc->day0 + 7 * (int32_t)w, out->week);
    out->working_days = pl->wk_days[k];
    out->capacity = pl->wk_cap[k];
    out->others = v->full ? pl->wk_host[k] : v->wk_others[k];
    out->own = v->full ? pl->wk_guest[k] : v->wk_own[k];
    out->spare = out->capacity - out->others - out->own;
    return SC_OK;
}

size_t sc_view_nallocations(const sc_view *vw) { return vw->nalloc; }

sc_status sc_view_allocation(const sc_view *vw, size_t i, sc_allocation_row *out) {
    const sc_plan *pl = vw->v.pl;
    const sc_scenario *sc = pl->sc;
    memset(out, 0, sizeof *out);
    if (i >= vw->nalloc) return SC_EINVAL;
    size_t k = vw->alloc[i], w = k % pl->nw, l = (k / pl->nw) % pl->nl, m = k / pl->nw / pl->nl;
    out->brand = sc__name(sc, sc->brand[sc->model[m].brand].name);
    out->model = sc__name(sc, sc->model[m].name);
    out->line = sc__name(sc, sc->line[l].name);
    sc__format_week(sc->day0 + 7 * (int32_t)w, out->week);
    out->allocated = pl->alloc[k];
    out->slotted = pl->slotted[k];
    return SC_OK;
}

size_t sc_view_ndays(const sc_view *vw) { return vw->v.pl->nld; }

sc_status sc_view_day(const sc_view *vw, size_t k, sc_day *out) {
    const sc__view *v = &vw->v;
    const sc_plan *pl = v->pl;
    const sc_scenario *sc = pl->sc;
    memset(out, 0, sizeof *out);
    if (k >= pl->nld) return SC_EINVAL;
    const sc__lineday *ld = &pl->ld[k];
    out->line = sc__name(sc, sc->line[ld->line].name);
    sc__format_date(sc->day0 + ld->day, out->date);
    out->shown = sc__view_line(v, (size_t)ld->line);
    for (size_t i = 0; i < ld->n; i++)
        out->own += sc__view_car(v, &pl->car[ld->first + i]);
    out->others = out->shown ? ld->n - out->own : 0;
    if (!out->shown) out->own = 0;
    out->colour_changes = v->full ? ld->colour_changes : 0;
    return SC_OK;
}

size_t sc_view_day_cars(const sc_view *vw, size_t k, sc_day_car *cars, size_t cap) {
    const sc__view *v = &vw->v;
    const sc_plan *pl = v->pl;
    const sc_scenario *sc = pl->sc;
    if (k >= pl->nld || !sc__view_line(v, (size_t)pl->ld[k].line)) return 0;
    const sc__lineday *ld = &pl->ld[k];
    size_t n = 0;
    for (size_t i = 0; i < ld->n; i++) {
        const sc__car *c = &pl->car[ld->first + i];
        if (!sc__view_car(v, c)) continue;
        if (n < cap) {
            sc_day_car *o = &cars[n];
            memset(o, 0, sizeof *o);
            o->position = (uint32_t)i + 1;
            char idb[160];
            snprintf(o->id, sizeof o->id, "%s", sc__car_id(pl, ld, c, idb, sizeof idb));
            o->brand = sc__name(sc, sc->brand[sc->model[c->model].brand].name);
            o->model = sc__name(sc, sc->model[c->model].name);
            o->colour = sc__names_get(&sc->colour, (size_t)c->colour);
            sc__options_text(sc, c->opts, o->options, sizeof o->options);
        }
        n++;
    }
    return n;
}
