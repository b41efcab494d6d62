/*
** The comparison of a replan with its baseline: churn per order (moved to
** another day, to another line), sequence accuracy per line-day (the share
** of the old plan's cars in the same position), volume per brand and week,
** late and unplanned orders and contract shortfall before and after, and
** per line when it stops, restarts and is back on plan. O(cars + orders).
*/
#include <stdlib.h>
#include <string.h>

#include "replan.h"
#include "view.h"

sc_status sc__replan_compare(sc_plan *pl, sc_diag *d);

/* A car's key within a line-day: its order, or its host-car number. */
static int64_t car_key(const sc__car *c) {
    return c->order >= 0 ? (int64_t)c->order : -1 - (int64_t)c->tag;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Do the old and the new line-day (l, t) hold the same cars? 'ka', 'kb' are
** scratch of the larger size. */
static bool same_cars(const sc_plan *pl, size_t l, size_t t, int64_t *ka, int64_t *kb) {
    const sc__replan *rp = pl->rp;
    size_t k = l * pl->nd + t;
    size_t no = rp->ofirst[k + 1] - rp->ofirst[k];
    int32_t x = pl->ld_index[k];
    size_t nn = x >= 0 ? pl->ld[x].n : 0;
    if (no != nn) return false;
    if (!no) return true;
    for (size_t i = 0; i < no; i++) {
        ka[i] = car_key(&rp->ocar[rp->ofirst[k] + i]);
        kb[i] = car_key(&pl->car[pl->ld[x].first + i]);
    }
    qsort(ka, no, sizeof *ka, cmp_i64);
    qsort(kb, no, sizeof *kb, cmp_i64);
    return !memcmp(ka, kb, no * sizeof *ka);
}

void sc__replan_churn(const sc_plan *pl, const sc__view *v, sc__churn *c) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < sc->norders; i++) {
        if (!sc__view_order(v, i)) continue;
        int32_t ol = rp->old_line[i], nl = pl->order_line[i];
        c->unplanned += ol >= 0 && nl < 0;
        c->planned += ol < 0 && nl >= 0;
        if (ol < 0 || nl < 0 || rp->old_day[i] < rp->from) continue;
        c->compared++;
        if (ol != nl)
            c->moved_line++;
        else if (rp->old_day[i] != pl->order_day[i])
            c->moved_day++;
        else
            c->same++;
        c->delay += pl->order_day[i] - rp->old_day[i];
    }
}

void sc__replan_carried_span(const sc_plan *pl, size_t l, const sc__view *v, sc__carried_span *s) {
    const sc__replan *rp = pl->rp;
    *s = (sc__carried_span){0, 0, 0, -1, -1, -1, -1};
    int32_t last = -1;
    for (size_t i = 0; i < rp->ncarried; i++) {
        const sc__carried *c = &rp->carried[i];
        if (c->line != (int32_t)l || !sc__view_car(v, &c->car)) continue;
        s->cars++;
        if (c->old_day != last) s->days++;
        last = c->old_day;
        if (s->pub_from < 0) s->pub_from = c->old_day;
        s->pub_to = c->old_day;
        if (c->new_day < 0)
            s->lost++;
        else {
            if (s->built_from < 0) s->built_from = c->new_day;
            s->built_to = c->new_day;
        }
    }
}

sc_status sc__replan_compare(sc_plan *pl, sc_diag *d) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nw = pl->nw, nb = pl->nb, nk = nl * nd;
    rp->old_bw = sc__calloc(nb * nw + 1, sizeof *rp->old_bw);
    rp->new_bw = sc__calloc(nb * nw + 1, sizeof *rp->new_bw);
    rp->old_lt = sc__calloc(nk + 1, sizeof *rp->old_lt);
    rp->new_lt = sc__calloc(nk + 1, sizeof *rp->new_lt);
    rp->same_pos = sc__calloc(nk + 1, sizeof *rp->same_pos);
    rp->old_late = sc__calloc(nb + 1, sizeof *rp->old_late);
    rp->old_unplanned = sc__calloc(nb + 1, sizeof *rp->old_unplanned);
    rp->old_short = sc__calloc(nb + 1, sizeof *rp->old_short);
    rp->rec = sc__calloc(nl + 1, sizeof *rp->rec);
    size_t maxday = 1;
    for (size_t k = 0; k < nk; k++)
        if (rp->ofirst[k + 1] - rp->ofirst[k] > maxday) maxday = rp->ofirst[k + 1] - rp->ofirst[k];
    for (size_t k = 0; k < pl->nld; k++)
        if (pl->ld[k].n > maxday) maxday = pl->ld[k].n;
    int64_t *ka = sc__malloc(maxday * sizeof *ka), *kb = sc__malloc(maxday * sizeof *kb);
    if (!rp->old_bw || !rp->new_bw || !rp->old_lt || !rp->new_lt || !rp->same_pos ||
        !rp->old_late || !rp->old_unplanned || !rp->old_short || !rp->rec || !ka || !kb) {
        sc__free(ka);
        sc__free(kb);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_replan_stats *st = &rp->st;
    sc__format_date(sc->day0 + rp->from, st->from);
    if (rp->fz_end > rp->from) sc__format_date(sc->day0 + rp->fz_end - 1, st->frozen_to);
    st->outages = rp->nout;

    /* Cars per line-day and per brand and week, old and new; positions kept. */
    for (size_t k = 0; k < nk; k++) {
        size_t t = k % nd;
        for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
            int32_t b = sc->model[rp->ocar[i].model].brand;
            rp->old_bw[(size_t)b * nw + t / 7]++;
        }
        rp->old_lt[k] = (int32_t)(rp->ofirst[k + 1] - rp->ofirst[k]);
    }
    for (size_t x = 0; x < pl->nld; x++) {
        const sc__lineday *ld = &pl->ld[x];
        size_t k = (size_t)ld->line * nd + (size_t)ld->day;
        rp->new_lt[k] = (int32_t)ld->n;
        size_t no = rp->ofirst[k + 1] - rp->ofirst[k];
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            rp->new_bw[(size_t)sc->model[c->model].brand * nw + (size_t)ld->day / 7]++;
            if (i < no) {
                const sc__car *o = &rp->ocar[rp->ofirst[k] + i];
                rp->same_pos[k] += car_key(c) == car_key(o);
            }
        }
    }

    /* Orders. */
    double delay = 0;
    for (size_t i = 0; i < sc->norders; i++) {
        int32_t ol = rp->old_line[i], nl_ = pl->order_line[i];
        if (ol >= 0 && nl_ < 0) st->newly_unplanned++;
        if (ol < 0 && nl_ >= 0) st->newly_planned++;
        int32_t b = sc->order[i].brand;
        if (rp->old_status[i] == SC__ORDER_LATE) rp->old_late[b]++;
        if (rp->old_status[i] == SC__ORDER_UNPLANNED) rp->old_unplanned[b]++;
        if (ol < 0 || nl_ < 0 || rp->old_day[i] < rp->from) continue;
        st->orders_compared++;
        if (ol != nl_)
            st->moved_line++;
        else if (rp->old_day[i] != pl->order_day[i])
            st->moved_day++;
        else
            st->orders_same_day++;
        delay += pl->order_day[i] - rp->old_day[i];
    }
    st->mean_delay_days = st->orders_compared ? delay / (double)st->orders_compared : 0;
    for (size_t b = 0; b < nb; b++) {
        const sc__brand *br = &sc->brand[b];
        if (br->host || br->min_week <= 0) continue;
        for (size_t w = 0; w < nw; w++) {
            int32_t s = br->min_week - rp->old_bw[b * nw + w];
            if (s > 0) rp->old_short[b] += s;
        }
    }

    /* Sequence accuracy after the frozen horizon, and the lines' recovery. */
    int64_t same = 0, compared = 0;
    for (size_t l = 0; l < nl; l++) {
        sc__line_recovery *r = &rp->rec[l];
        r->down_from = r->down_to = r->restart = r->on_plan = -1;
        for (size_t t = 0; t < nd; t++)
            if (rp->down[l * nd + t]) {
                if (r->down_from < 0) r->down_from = (int32_t)t;
                r->down_to = (int32_t)t;
                r->lost += rp->old_lt[l * nd + t];
            }
        int64_t lsame = 0, lcomp = 0, cum = 0;
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            cum += rp->old_lt[k] - rp->new_lt[k];
            if ((int32_t)t < rp->fz_end || !rp->old_lt[k] || !rp->new_lt[k]) continue;
            lsame += rp->same_pos[k];
            lcomp += rp->old_lt[k];
            r->days_compared++;
            st->line_days_compared++;
            st->line_days_same +=
                rp->same_pos[k] == rp->old_lt[k] && rp->old_lt[k] == rp->new_lt[k];
        }
        r->behind = cum;
        r->accuracy = lcomp ? (double)lsame / (double)lcomp : 1.0;
        same += lsame;
        compared += lcomp;
        if (r->down_to >= 0) {
            for (size_t t = (size_t)r->down_to + 1; t < nd && r->restart < 0; t++)
                if (rp->new_lt[l * nd + t]) r->restart = (int32_t)t;
            /* Back on plan: from this day on, every line-day holds the old cars. */
            int32_t on = -1;
            for (size_t t = nd; t-- > (size_t)(r->restart >= 0 ? r->restart : r->down_to + 1);) {
                if (!same_cars(pl, l, t, ka, kb)) break;
                on = (int32_t)t;
            }
            /* The first day of that run that builds anything. */
            while (on >= 0 && (size_t)on < nd && !rp->new_lt[l * nd + (size_t)on])
                on++;
            r->on_plan = on >= 0 && (size_t)on < nd ? on : -1;
        }
    }
    st->sequence_accuracy = compared ? (double)same / (double)compared : 1.0;
    int64_t old_total = 0, new_total = 0;
    for (size_t k = 0; k < nk; k++) {
        old_total += rp->old_lt[k];
        new_total += rp->new_lt[k];
    }
    st->cars_lost = old_total - new_total;

    /* Extra shifts: used when cars stand in their slots. */
    for (size_t s = 0; s < pl->fr.nshifts; s++) {
        sc__shift *sh = &pl->fr.shift[s];
        size_t k = (size_t)sh->line * nd + (size_t)sh->day;
        sh->used =
            sh->chosen && rp->new_lt[k] > sc__line_day_slots(sc, (size_t)sh->line, (size_t)sh->day);
        if (sh->used) {
            st->shifts_used++;
            st->shift_cost += sh->cost;
        }
    }
    sc__free(ka);
    sc__free(kb);
    return SC_OK;
}

/* ------------------------------------------------------------ accessors */

sc_status sc_replan_brand_get(const sc_plan *pl, const char *brand, sc_replan_brand *out,
                              sc_diag *d) {
    memset(out, 0, sizeof *out);
    long b = pl && pl->rp && brand ? sc__find_brand(pl->sc, brand) : -1;
    if (b < 0) {
        sc__diag_set(d, NULL, 0, 0, pl && pl->rp ? "no brand called '%s'" : "not a replan%s",
                     pl && pl->rp && brand ? brand : "");
        return SC_EINVAL;
    }
    const sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    const sc__brand *br = &sc->brand[b];
    size_t nw = pl->nw;
    for (size_t w = 0; w < nw; w++) {
        out->cars_before += rp->old_bw[(size_t)b * nw + w];
        out->cars_after += rp->new_bw[(size_t)b * nw + w];
        if (!br->host && br->min_week > 0 && pl->built_bw[(size_t)b * nw + w] < br->min_week)
            out->shortfall_after += br->min_week - pl->built_bw[(size_t)b * nw + w];
    }
    for (size_t i = 0; i < sc->norders; i++)
        if (sc->order[i].brand == (int32_t)b) {
            out->late_after += pl->order_status[i] == SC__ORDER_LATE;
            out->unplanned_after += pl->order_status[i] == SC__ORDER_UNPLANNED;
        }
    out->late_before = rp->old_late[b];
    out->unplanned_before = rp->old_unplanned[b];
    out->shortfall_before = rp->old_short[b];
    return SC_OK;
}

sc_status sc_replan_line_get(const sc_plan *pl, size_t l, sc_replan_line *out, sc_diag *d) {
    memset(out, 0, sizeof *out);
    if (!pl || !pl->rp || l >= pl->nl) {
        sc__diag_set(d, NULL, 0, 0, pl && pl->rp ? "no line %zu" : "not a replan", l);
        return SC_EINVAL;
    }
    const sc__line_recovery *r = &pl->rp->rec[l];
    const sc_scenario *sc = pl->sc;
    out->name = sc__name(sc, sc->line[l].name);
    if (r->down_from >= 0) sc__format_date(sc->day0 + r->down_from, out->down_from);
    if (r->down_to >= 0) sc__format_date(sc->day0 + r->down_to, out->down_to);
    if (r->restart >= 0) sc__format_date(sc->day0 + r->restart, out->restart);
    if (r->on_plan >= 0) sc__format_date(sc->day0 + r->on_plan, out->back_on_plan);
    out->lost = r->lost;
    out->behind = r->behind;
    out->accuracy = r->accuracy;
    return SC_OK;
}
