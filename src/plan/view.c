/*
** The view of a plan by one viewer (view.h states the rule). Everything a
** writer may show of others is computed here, once: per line-day the
** viewer's cars and the slots taken by others, counted from the cars
** themselves, and for a replan the same for the old plan. O(cars + lines x
** days), and O(old cars) more for a replan.
*/
#include <string.h>

#include "cause.h"
#include "replan.h"
#include "view.h"

void sc__view_release(sc__view *v) {
    sc__free(v->own_brand);
    sc__free(v->own_model);
    sc__free(v->line);
    sc__free(v->option);
    sc__free(v->day_own);
    sc__free(v->day_others);
    sc__free(v->wk_own);
    sc__free(v->wk_others);
    sc__free(v->old_own);
    sc__free(v->old_others);
    sc__free(v->same_own);
    memset(v, 0, sizeof *v);
}

/* A car's key within a line-day: its order, or its host-car number. */
static int64_t car_key(const sc__car *c) {
    return c->order >= 0 ? (int64_t)c->order : -1 - (int64_t)c->tag;
}

/* Per line-day of a replan: the old plan's own cars and others' slots, and
** own cars in their old position. */
static void count_old(sc__view *v) {
    const sc_plan *pl = v->pl;
    const sc__replan *rp = pl->rp;
    for (size_t k = 0; k < pl->nl * pl->nd; k++) {
        for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
            if (sc__view_car(v, &rp->ocar[i]))
                v->old_own[k]++;
            else
                v->old_others[k]++;
        }
        int32_t x = pl->ld_index[k];
        if (x < 0) continue;
        const sc__lineday *ld = &pl->ld[x];
        size_t no = rp->ofirst[k + 1] - rp->ofirst[k];
        for (size_t i = 0; i < ld->n && i < no; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            v->same_own[k] +=
                sc__view_car(v, c) && car_key(c) == car_key(&rp->ocar[rp->ofirst[k] + i]);
        }
    }
}

sc_status sc__view_init_index(sc__view *v, const sc_plan *pl, int32_t brand) {
    const sc_scenario *sc = pl->sc;
    memset(v, 0, sizeof *v);
    v->pl = pl;
    if (brand >= 0 && brand == sc->host) brand = -1; /* the host sees everything */
    v->brand = brand;
    v->full = brand < 0;
    size_t nk = pl->nl * pl->nd, nlw = pl->nl * pl->nw;
    v->own_brand = sc__calloc(pl->nb + 1, 1);
    v->own_model = sc__calloc(pl->nm + 1, 1);
    v->line = sc__calloc(pl->nl + 1, 1);
    v->option = sc__calloc(sc->option.n + 1, 1);
    v->day_own = sc__calloc(nk + 1, sizeof *v->day_own);
    v->day_others = sc__calloc(nk + 1, sizeof *v->day_others);
    v->wk_own = sc__calloc(nlw + 1, sizeof *v->wk_own);
    v->wk_others = sc__calloc(nlw + 1, sizeof *v->wk_others);
    bool ok = v->own_brand && v->own_model && v->line && v->option && v->day_own && v->day_others &&
              v->wk_own && v->wk_others;
    if (ok && pl->rp) {
        v->old_own = sc__calloc(nk + 1, sizeof *v->old_own);
        v->old_others = sc__calloc(nk + 1, sizeof *v->old_others);
        v->same_own = sc__calloc(nk + 1, sizeof *v->same_own);
        ok = v->old_own && v->old_others && v->same_own;
    }
    if (!ok) {
        sc__view_release(v);
        return SC_ENOMEM;
    }
    for (size_t b = 0; b < pl->nb; b++)
        v->own_brand[b] = v->full || (int32_t)b == brand;
    for (size_t m = 0; m < pl->nm; m++) {
        const sc__carmodel *cm = &sc->model[m];
        v->own_model[m] = v->own_brand[cm->brand];
        if (!v->own_model[m]) continue;
        for (size_t l = 0; l < pl->nl; l++)
            if (sc->compat[l * pl->nm + m]) v->line[l] = 1;
        for (size_t o = 0; o < sc->option.n; o++)
            if ((cm->optmask >> o) & 1) v->option[o] = 1;
    }
    if (v->full) {
        memset(v->line, 1, pl->nl);
        memset(v->option, 1, sc->option.n);
    }
    /* The counts, from the cars: in the full view 'own' is the guests'
    ** cars and 'others' the host's. */
    for (size_t x = 0; x < pl->nld; x++) {
        const sc__lineday *ld = &pl->ld[x];
        size_t k = (size_t)ld->line * pl->nd + (size_t)ld->day;
        size_t kw = (size_t)ld->line * pl->nw + (size_t)ld->day / 7;
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            bool own = v->full ? !sc->brand[sc->model[c->model].brand].host : sc__view_car(v, c);
            if (own) {
                v->day_own[k]++;
                v->wk_own[kw]++;
            } else {
                v->day_others[k]++;
                v->wk_others[kw]++;
            }
        }
    }
    if (pl->rp) count_old(v);
    return SC_OK;
}

sc_status sc__view_init(sc__view *v, const sc_plan *pl, const char *brand, sc_diag *d) {
    int32_t b = -1;
    memset(v, 0, sizeof *v);
    if (brand) {
        b = (int32_t)sc__find_brand(pl->sc, brand);
        if (b < 0) {
            char list[200];
            size_t n = 0;
            list[0] = '\0';
            for (size_t k = 0; k < pl->nb && n < sizeof list; k++) {
                int w = snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "",
                                 sc__name(pl->sc, pl->sc->brand[k].name));
                if (w > 0) n += (size_t)w;
            }
            sc__diag_set(d, NULL, 0, 0, "no brand called '%s' (brands: %s)", brand, list);
            return SC_EINVAL;
        }
    }
    sc_status st = sc__view_init_index(v, pl, b);
    if (st) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}

bool sc__view_spread(const sc__view *v, size_t l) {
    const sc__spread *sp = &v->pl->sc->line[l].spread;
    return sp->on && (v->full || sp->brand < 0 || sp->brand == v->brand);
}

int64_t sc__view_brand_week(const sc__view *v, int32_t b, size_t l, size_t w) {
    const sc_plan *pl = v->pl;
    if (!v->full && b != v->brand) return 0;
    int64_t n = 0;
    for (size_t m = 0; m < pl->nm; m++)
        if (pl->sc->model[m].brand == b) n += pl->slotted[(m * pl->nl + l) * pl->nw + w];
    return n;
}

void sc__view_cause(const sc__view *v, uint32_t idx, sc_cause *out) {
    sc__cause_get(v->pl, idx, v->full, out);
}

const char *sc__view_cause_text(const sc__view *v, uint32_t idx, char *buf, size_t size) {
    sc_cause c;
    sc__view_cause(v, idx, &c);
    return sc_cause_format(v->pl, &c, buf, size);
}

const char *sc__view_name(const sc__view *v) {
    return v->full ? NULL : sc__name(v->pl->sc, v->pl->sc->brand[v->brand].name);
}

void sc__view_recovery(const sc__view *v, size_t l, sc__line_recovery *out, size_t *days_same) {
    const sc_plan *pl = v->pl;
    const sc__replan *rp = pl->rp;
    size_t nd = pl->nd;
    *out = rp->rec[l];
    *days_same = 0;
    for (size_t t = (size_t)(rp->fz_end > 0 ? rp->fz_end : 0); t < nd; t++) {
        size_t k = l * nd + t;
        if (v->full) {
            *days_same += rp->old_lt[k] && rp->new_lt[k] && rp->same_pos[k] == rp->old_lt[k] &&
                          rp->old_lt[k] == rp->new_lt[k];
        } else {
            *days_same += v->old_own[k] && v->day_own[k] && v->same_own[k] == v->old_own[k] &&
                          v->old_own[k] == v->day_own[k];
        }
    }
    if (v->full) return;
    out->lost = out->behind = 0;
    out->days_compared = 0;
    int64_t same = 0, compared = 0;
    for (size_t t = 0; t < nd; t++) {
        size_t k = l * nd + t;
        if (rp->down[k]) out->lost += v->old_own[k];
        out->behind += v->old_own[k] - v->day_own[k];
        if ((int32_t)t < rp->fz_end || !v->old_own[k] || !v->day_own[k]) continue;
        same += v->same_own[k];
        compared += v->old_own[k];
        out->days_compared++;
    }
    out->accuracy = compared ? (double)same / (double)compared : 1.0;
}

/* ------------------------------------------------------------ public accessors */

/* The brand index of 'name' (NULL: -1), or SC_EINVAL with 'd' set. */
static sc_status find(const sc_plan *pl, const char *name, int32_t *b, sc_diag *d) {
    *b = -1;
    if (!name) return SC_OK;
    *b = (int32_t)sc__find_brand(pl->sc, name);
    if (*b >= 0) return SC_OK;
    sc__diag_set(d, NULL, 0, 0, "no brand called '%s'", name);
    return SC_EINVAL;
}

/* The light view these accessors need: who the viewer is; no counts. */
static bool light_sees(const sc_plan *pl, int32_t viewer, int32_t b) {
    return viewer < 0 || viewer == pl->sc->host || viewer == b;
}

sc_status sc_plan_order_get(const sc_plan *pl, const char *brand, size_t i, sc_plan_order *out,
                            sc_diag *d) {
    const sc_scenario *sc = pl->sc;
    memset(out, 0, sizeof *out);
    out->day = -1;
    int32_t viewer;
    sc_status st = find(pl, brand, &viewer, d);
    if (st) return st;
    if (i >= sc->norders || !light_sees(pl, viewer, sc->order[i].brand)) {
        sc__diag_set(d, NULL, 0, 0, "no order %zu in this view", i);
        return SC_EINVAL;
    }
    const sc__order *o = &sc->order[i];
    out->id = sc->ids.buf + o->id;
    out->brand = sc__name(sc, sc->brand[o->brand].name);
    out->status = (sc_order_status)pl->order_status[i];
    if (pl->order_line[i] >= 0) {
        out->line = sc__name(sc, sc->line[pl->order_line[i]].name);
        out->day = pl->order_day[i];
        sc__format_date(sc->day0 + pl->order_day[i], out->date);
        out->position = pl->order_pos[i];
    }
    bool full = viewer < 0 || viewer == sc->host;
    if (pl->order_status[i] != SC__ORDER_ONTIME)
        sc__cause_get(pl, pl->order_reason[i], full, &out->cause);
    else
        sc__cause_get(pl, SC__NO_REASON, full, &out->cause);
    return SC_OK;
}

sc_status sc_plan_shortfall_get(const sc_plan *pl, const char *viewer, const char *brand, size_t w,
                                sc_cause *out, sc_diag *d) {
    int32_t vb, b;
    sc__cause_get(pl, SC__NO_REASON, false, out);
    sc_status st = find(pl, viewer, &vb, d);
    if (!st) st = find(pl, brand, &b, d);
    if (st) return st;
    if (b < 0 || pl->sc->brand[b].host || w >= pl->nw || !light_sees(pl, vb, b)) {
        sc__diag_set(d, NULL, 0, 0, "no guest week to explain in this view");
        return SC_EINVAL;
    }
    sc__cause_get(pl, pl->short_cause[(size_t)b * pl->nw + w], vb < 0 || vb == pl->sc->host, out);
    return SC_OK;
}
