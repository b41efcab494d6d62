/*
** Replanning after a disruption: the driver, the outages, the frozen
** horizon, the ledger and the extra shifts.
**
** A replan starts from the published plan (the baseline) and a list of
** outages (a line or a plant down for some days). It never changes the
** scenario it is given: it plans on a copy whose lines carry their own
** calendars, with every working day of an outage closed under the outage's
** name, so that the causes of late orders and shortfalls name the outage.
**
**   1. The frozen horizon. Line-days before 'from', and the first
**      'frozen_days' working days from it, stay as published. A line-day
**      among them whose line is down cannot be built: its cars are carried,
**      in their published order, to the front of the first line-days of
**      their line after the frozen horizon (replan.h).
**   2. The ledger, as in ledger.c but for what is fixed: a fixed line-day
**      keeps its host cars and offers no room; carried cars take their
**      slots first; the host's weekly volume, less what fixed days already
**      build, is reserved on the rest.
**   3. The allocation (allocate.c) with the fixed orders left out, their
**      cars counted against the contracts, a churn cost per car taken off a
**      model's old line-week, and the extra shifts offered as binaries. When
**      it takes a shift, the ledger is rebuilt with the shift's slots.
**   4. Slotting (replan_slot.c), sequencing (replan_seq.c), the causes of
**      late orders and shortfalls (plan.c), the comparison (diff.c).
**
** Cost: O(cars) besides the MIP and the engine's effort on the line-days
** after the frozen horizon.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "replan.h"

sc_status sc__replan_sequence(sc_plan *pl, sc_diag *d);
sc_status sc__replan_compare(sc_plan *pl, sc_diag *d);
void sc__replan_causes(sc_plan *pl);

void sc_replan_defaults(sc_replan_params *p) {
    memset(p, 0, sizeof *p);
    sc_plan_defaults(&p->plan);
    p->frozen_days = 5;
    p->shift_cost = -1;
    p->shift_hours = 0;
    p->churn_cost = 10;
    p->host_value = -1;
}

void sc__replan_release(sc_plan *pl) {
    sc__replan *rp = pl->rp;
    pl->rp = NULL;
    if (!rp) return;
    if (rp->line)
        for (size_t l = 0; l < rp->scx.nlines; l++)
            sc__free(rp->line[l].off);
    sc__free(rp->line);
    sc__free(rp->scx.names.buf);
    sc__free(rp->scx.names.slots);
    sc__free(rp->out);
    sc__free(rp->down);
    sc__free(rp->fixed);
    sc__free(rp->ocar);
    sc__free(rp->ofirst);
    sc__free(rp->old_line);
    sc__free(rp->old_day);
    sc__free(rp->old_pos);
    sc__free(rp->old_status);
    sc__free(rp->order_fixed);
    sc__free(rp->fixed_bw);
    sc__free(rp->fixed_mw);
    sc__free(rp->alloc_old);
    sc__free(rp->owed_cum);
    sc__free(rp->host_extra);
    sc__free(rp->shift);
    sc__free(rp->carried);
    sc__free(rp->npin);
    sc__free(rp->sealed);
    sc__free(rp->old_bw);
    sc__free(rp->new_bw);
    sc__free(rp->old_lt);
    sc__free(rp->new_lt);
    sc__free(rp->same_pos);
    sc__free(rp->old_late);
    sc__free(rp->old_unplanned);
    sc__free(rp->old_short);
    sc__free(rp->rec);
    sc__free(rp);
}

sc_status sc_replan_stats_get(const sc_plan *pl, sc_replan_stats *out, sc_diag *d) {
    memset(out, 0, sizeof *out);
    if (!pl || !pl->rp) {
        sc__diag_set(d, NULL, 0, 0, "not a replan");
        return SC_EINVAL;
    }
    *out = pl->rp->st;
    return SC_OK;
}

/* ------------------------------------------------------------ outages */

/* Lists the lines and plants of 'sc' into 'buf' for messages. */
static void where_list(const sc_scenario *sc, char *buf, size_t size) {
    size_t n = 0;
    buf[0] = '\0';
    for (size_t p = 0; p < sc->nplants && n < size; p++) {
        int w =
            snprintf(buf + n, size - n, "%s%s (", p ? "; " : "", sc__name(sc, sc->plant[p].name));
        if (w > 0) n += (size_t)w;
        bool first = true;
        for (size_t l = 0; l < sc->nlines && n < size; l++) {
            if (sc->line[l].plant != (int32_t)p) continue;
            w = snprintf(buf + n, size - n, "%s%s", first ? "" : ", ",
                         sc__name(sc, sc->line[l].name));
            if (w > 0) n += (size_t)w;
            first = false;
        }
        if (n < size) {
            w = snprintf(buf + n, size - n, ")");
            if (w > 0) n += (size_t)w;
        }
    }
}

sc_status sc__outage_parse(const sc_scenario *sc, const char *spec, const char *arg, sc__outage *o,
                           sc_diag *d) {
    memset(o, 0, sizeof *o);
    o->plant = o->line = -1;
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof o->what) {
        sc__diag_set(d, NULL, 0, 0,
                     "%s '%s': expected WHAT:FROM..TO, a line or a plant and two dates "
                     "YYYY-MM-DD",
                     arg, spec);
        return SC_EINVAL;
    }
    memcpy(o->what, spec, (size_t)(colon - spec));
    o->what[colon - spec] = '\0';
    o->line = (int32_t)sc__find_line(sc, o->what);
    if (o->line < 0)
        for (size_t p = 0; p < sc->nplants; p++)
            if (!strcmp(sc__name(sc, sc->plant[p].name), o->what)) o->plant = (int32_t)p;
    if (o->line < 0 && o->plant < 0) {
        char list[600];
        where_list(sc, list, sizeof list);
        sc__diag_set(d, NULL, 0, 0, "%s '%s': no line or plant called '%s' (%s)", arg, spec,
                     o->what, list);
        return SC_EINVAL;
    }
    char a[32], b[32];
    const char *dates = colon + 1, *dots = strstr(dates, "..");
    size_t na = dots ? (size_t)(dots - dates) : strlen(dates);
    if (na >= sizeof a || (dots && strlen(dots + 2) >= sizeof b)) {
        sc__diag_set(d, NULL, 0, 0, "%s '%s': expected dates YYYY-MM-DD", arg, spec);
        return SC_EINVAL;
    }
    memcpy(a, dates, na);
    a[na] = '\0';
    snprintf(b, sizeof b, "%s", dots ? dots + 2 : a);
    if (!sc__parse_date(a, &o->date_from) || !sc__parse_date(b, &o->date_to)) {
        sc__diag_set(d, NULL, 0, 0, "%s '%s': expected a date YYYY-MM-DD, got '%s'", arg, spec,
                     sc__parse_date(a, &o->date_from) ? b : a);
        return SC_EINVAL;
    }
    if (o->date_to < o->date_from) {
        sc__diag_set(d, NULL, 0, 0, "%s '%s': the dates are reversed (%s is before %s)", arg, spec,
                     b, a);
        return SC_EINVAL;
    }
    int32_t h0 = sc->day0, h1 = sc->day0 + 7 * sc->nweeks - 1;
    if (o->date_from < h0 || o->date_to > h1) {
        char x[16], y[16];
        sc__diag_set(d, NULL, 0, 0, "%s '%s': %s is outside the horizon (%s to %s)", arg, spec,
                     o->date_from < h0 ? a : b, sc__format_date(h0, x), sc__format_date(h1, y));
        return SC_EINVAL;
    }
    o->from = o->date_from - h0;
    o->to = o->date_to - h0;
    return SC_OK;
}

static bool outage_has_line(const sc_scenario *sc, const sc__outage *o, size_t l) {
    return o->line == (int32_t)l || (o->plant >= 0 && sc->line[l].plant == o->plant);
}

/* ------------------------------------------------------------ set-up */

/* Copies the scenario with private line calendars and name pool. */
static bool copy_scenario(sc__replan *rp, const sc_scenario *sc) {
    rp->scx = *sc;
    size_t nd = (size_t)sc->nweeks * 7;
    rp->line = sc__calloc(sc->nlines + 1, sizeof *rp->line);
    if (!rp->line) return false;
    rp->scx.line = rp->line;
    for (size_t l = 0; l < sc->nlines; l++) {
        rp->line[l] = sc->line[l];
        rp->line[l].off = NULL;
    }
    for (size_t l = 0; l < sc->nlines; l++) {
        rp->line[l].off = sc__malloc(nd * sizeof *rp->line[l].off);
        if (!rp->line[l].off) return false;
        memcpy(rp->line[l].off, sc->line[l].off, nd * sizeof *rp->line[l].off);
    }
    sc__strpool *np = &rp->scx.names;
    np->buf = sc__malloc(sc->names.cap ? sc->names.cap : 1);
    np->slots = sc__calloc(sc->names.nslots ? sc->names.nslots : 1, sizeof *np->slots);
    if (!np->buf || !np->slots) {
        sc__free(np->buf);
        sc__free(np->slots);
        np->buf = NULL;
        np->slots = NULL;
        return false;
    }
    if (sc->names.len) memcpy(np->buf, sc->names.buf, sc->names.len);
    if (sc->names.nslots) memcpy(np->slots, sc->names.slots, sc->names.nslots * sizeof *np->slots);
    return true;
}

static sc_status nomem(sc_diag *d) {
    sc__diag_set(d, NULL, 0, 0, "out of memory");
    return SC_ENOMEM;
}

/* Parses the outages (the baseline's first, then the new ones), closes their
** days in the copied calendars and marks 'down'. */
static sc_status apply_outages(sc__replan *rp, const sc_scenario *sc, const sc_baseline *base,
                               const sc_replan_params *p, sc_diag *d) {
    size_t n = base->noutages + p->noutages;
    rp->out = sc__calloc(n + 1, sizeof *rp->out);
    if (!rp->out) return nomem(d);
    for (size_t i = 0; i < n; i++) {
        bool inh = i < base->noutages;
        const char *spec = inh ? base->outage[i] : p->outage[i - base->noutages];
        sc__outage o;
        sc_status st =
            sc__outage_parse(sc, spec, inh ? "the baseline's outage" : "--outage", &o, d);
        if (st) return st;
        o.inherited = inh;
        bool dup = false;
        for (size_t k = 0; k < rp->nout && !dup; k++)
            dup = !strcmp(rp->out[k].what, o.what) && rp->out[k].from == o.from &&
                  rp->out[k].to == o.to;
        if (dup) continue;
        char a[16], b[16], label[300];
        snprintf(label, sizeof label, "outage %s to %s", sc__format_date(o.date_from, a),
                 sc__format_date(o.date_to, b));
        size_t off = sc__strpool_add(&rp->scx.names, label, true, false);
        if (off == (size_t)-1) return nomem(d);
        o.label = (uint32_t)off;
        rp->out[rp->nout++] = o;
    }
    size_t nd = (size_t)sc->nweeks * 7;
    for (size_t k = 0; k < rp->nout; k++) {
        const sc__outage *o = &rp->out[k];
        for (size_t l = 0; l < sc->nlines; l++) {
            if (!outage_has_line(sc, o, l)) continue;
            for (int32_t t = o->from; t <= o->to; t++) {
                rp->down[l * nd + (size_t)t] = 1;
                if (rp->line[l].off[t] == SC__DAY_WORKING) rp->line[l].off[t] = (int32_t)o->label;
            }
        }
    }
    return SC_OK;
}

/* The frozen horizon: 'from' and the day after the frozen working days. */
static sc_status frozen_horizon(sc__replan *rp, const sc_scenario *sc, const sc_baseline *base,
                                const sc_replan_params *p, sc_diag *d) {
    size_t nl = sc->nlines, nd = (size_t)sc->nweeks * 7;
    if (p->from) {
        int32_t date;
        if (!sc__parse_date(p->from, &date)) {
            sc__diag_set(d, NULL, 0, 0, "--from '%s': expected a date YYYY-MM-DD", p->from);
            return SC_EINVAL;
        }
        if (date < sc->day0 || date >= sc->day0 + (int32_t)nd) {
            char x[16], y[16];
            sc__diag_set(d, NULL, 0, 0, "--from %s: outside the horizon (%s to %s)", p->from,
                         sc__format_date(sc->day0, x),
                         sc__format_date(sc->day0 + (int32_t)nd - 1, y));
            return SC_EINVAL;
        }
        rp->from = date - sc->day0;
    } else {
        int32_t first = -1;
        for (size_t k = 0; k < rp->nout; k++)
            if (!rp->out[k].inherited && (first < 0 || rp->out[k].from < first))
                first = rp->out[k].from;
        if (first < 0) {
            sc__diag_set(d, NULL, 0, 0, "no --outage and no --from: say when the replan starts");
            return SC_EINVAL;
        }
        rp->from = first;
    }
    if (p->frozen_days < 0 || p->frozen_days > 3650) {
        sc__diag_set(d, NULL, 0, 0, "--frozen %d: expected 0 to 3650 working days", p->frozen_days);
        return SC_EINVAL;
    }
    rp->frozen_days = p->frozen_days;
    rp->fz_end = rp->from;
    int counted = 0;
    for (size_t t = (size_t)rp->from; t < nd && counted < p->frozen_days; t++) {
        bool works = false;
        for (size_t l = 0; l < nl && !works; l++)
            works = base->first[l * nd + t + 1] > base->first[l * nd + t];
        if (works) {
            counted++;
            rp->fz_end = (int32_t)t + 1;
        }
    }
    return SC_OK;
}

/* Copies the baseline, marks the fixed line-days and gathers the carried cars. */
static sc_status take_baseline(sc_plan *pl, const sc_baseline *base, sc_diag *d) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nk = nl * nd, no = sc->norders;
    rp->ocar = sc__malloc((base->ncars + 1) * sizeof *rp->ocar);
    rp->ofirst = sc__malloc((nk + 1) * sizeof *rp->ofirst);
    rp->old_line = sc__malloc((no + 1) * sizeof *rp->old_line);
    rp->old_day = sc__malloc((no + 1) * sizeof *rp->old_day);
    rp->old_pos = sc__malloc((no + 1) * sizeof *rp->old_pos);
    rp->old_status = sc__calloc(no + 1, 1);
    rp->order_fixed = sc__calloc(no + 1, 1);
    rp->npin = sc__calloc(nk + 1, sizeof *rp->npin);
    rp->sealed = sc__calloc(nk + 1, 1);
    if (!rp->sealed || !rp->ocar || !rp->ofirst || !rp->old_line || !rp->old_day || !rp->old_pos ||
        !rp->old_status || !rp->order_fixed || !rp->npin)
        return nomem(d);
    memcpy(rp->ocar, base->car, base->ncars * sizeof *rp->ocar);
    memcpy(rp->ofirst, base->first, (nk + 1) * sizeof *rp->ofirst);
    memcpy(rp->old_line, base->order_line, no * sizeof *rp->old_line);
    memcpy(rp->old_day, base->order_day, no * sizeof *rp->old_day);
    memcpy(rp->old_pos, base->order_pos, no * sizeof *rp->old_pos);
    for (size_t i = 0; i < no; i++)
        rp->old_status[i] = (uint8_t)(rp->old_line[i] < 0                     ? SC__ORDER_UNPLANNED
                                      : rp->old_day[i] / 7 > sc->order[i].due ? SC__ORDER_LATE
                                                                              : SC__ORDER_ONTIME);
    size_t ncarried = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < (size_t)rp->fz_end; t++) {
            size_t k = l * nd + t, n = rp->ofirst[k + 1] - rp->ofirst[k];
            if (!n) continue;
            if (rp->down[k])
                ncarried += n;
            else {
                rp->fixed[k] = 1;
                rp->st.fixed_line_days++;
            }
        }
    rp->carried = sc__calloc(ncarried + 1, sizeof *rp->carried);
    if (!rp->carried) return nomem(d);
    /* Carried cars, line by line in published order, to the front of the
    ** first line-days after the frozen horizon with slots. */
    for (size_t l = 0; l < nl; l++) {
        size_t first = rp->ncarried;
        for (size_t t = 0; t < (size_t)rp->fz_end; t++) {
            size_t k = l * nd + t;
            if (!rp->down[k]) continue;
            for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
                sc__carried *c = &rp->carried[rp->ncarried++];
                c->car = rp->ocar[i];
                if (c->car.order < 0 && !(c->car.tag & SC__TAG_CARRIED))
                    c->car.tag = SC__TAG_CARRIED | ((uint32_t)t << SC__TAG_DAY_SHIFT) | c->car.tag;
                c->line = (int32_t)l;
                c->old_day = (int32_t)t;
                c->old_pos = i - rp->ofirst[k] + 1;
                c->new_day = -1;
            }
        }
        /* Each published day goes whole, its sequence intact, to the line's
        ** next day with slots (a day with fewer slots takes what it can and
        ** the rest spills over). A day that another carried day follows takes
        ** no other car: the windows over the night into the next carried
        ** day, which is fixed, then stay as they were published. */
        size_t next = first, t = (size_t)rp->fz_end;
        while (next < rp->ncarried && t < nd) {
            int32_t slots = sc__line_day_slots(pl->sc, l, t);
            if (slots <= 0) {
                t++;
                continue;
            }
            int32_t day = rp->carried[next].old_day;
            size_t k = l * nd + t;
            while (slots > 0 && next < rp->ncarried && rp->carried[next].old_day == day) {
                rp->carried[next].new_day = (int32_t)t;
                rp->carried[next].new_pos = ++rp->npin[k];
                slots--;
                next++;
            }
            if (next < rp->ncarried) rp->sealed[k] = 1;
            t++;
        }
        for (size_t i = first; i < rp->ncarried; i++) {
            const sc__carried *c = &rp->carried[i];
            if (c->new_day < 0) rp->st.carried_lost++;
            /* A carried order is placed before the allocation; one that finds
            ** no day goes back to the others. */
            else if (c->car.order >= 0)
                rp->order_fixed[c->car.order] = 1;
        }
    }
    rp->st.carried_cars = rp->ncarried;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            if (!rp->fixed[k]) continue;
            for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++)
                if (rp->ocar[i].order >= 0) rp->order_fixed[rp->ocar[i].order] = 1;
        }
    return SC_OK;
}

/* The guest cars placed before the allocation per brand and model and week,
** and the old plan's guest cars per model, line and week after the frozen
** horizon. */
static sc_status allocation_inputs(sc_plan *pl, sc_diag *d) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nw = pl->nw, nm = pl->nm;
    rp->fixed_bw = sc__calloc(pl->nb * nw + 1, sizeof *rp->fixed_bw);
    rp->fixed_mw = sc__calloc(nm * nw + 1, sizeof *rp->fixed_mw);
    rp->alloc_old = sc__calloc(nm * nl * nw + 1, sizeof *rp->alloc_old);
    rp->owed_cum = sc__calloc(nm * nw + 1, sizeof *rp->owed_cum);
    rp->host_extra = sc__calloc(nm * nl * nw + 1, sizeof *rp->host_extra);
    if (!rp->fixed_bw || !rp->fixed_mw || !rp->alloc_old || !rp->owed_cum || !rp->host_extra)
        return nomem(d);
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            bool fixed = rp->fixed[k], after = (int32_t)t >= rp->fz_end;
            if (!fixed && !after) continue;
            for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
                const sc__car *c = &rp->ocar[i];
                int32_t b = sc->model[c->model].brand;
                if (sc->brand[b].host) continue;
                if (fixed) {
                    rp->fixed_bw[(size_t)b * nw + t / 7]++;
                    rp->fixed_mw[(size_t)c->model * nw + t / 7]++;
                } else if (c->order < 0 || !rp->order_fixed[c->order])
                    rp->alloc_old[((size_t)c->model * nl + l) * nw + t / 7]++;
            }
        }
    for (size_t i = 0; i < rp->ncarried; i++) {
        const sc__carried *c = &rp->carried[i];
        int32_t b = sc->model[c->car.model].brand;
        if (c->new_day < 0 || sc->brand[b].host) continue;
        rp->fixed_bw[(size_t)b * nw + (size_t)c->new_day / 7]++;
        rp->fixed_mw[(size_t)c->car.model * nw + (size_t)c->new_day / 7]++;
    }
    pl->order_fixed = rp->order_fixed;
    pl->fixed_bw = rp->fixed_bw;
    pl->fixed_mw = rp->fixed_mw;
    pl->alloc_old = rp->alloc_old;
    pl->churn_cost = rp->churn_cost;
    pl->host_value = rp->host_value;
    pl->host_owed_cum = rp->owed_cum;
    pl->host_extra = rp->host_extra;
    return SC_OK;
}

/*
** What the host is owed from the replan's first week on, week by week: the
** host cars of each model the old plan built that week, less those the new
** plan builds that week (on days kept, or reserved by the ledger), leaving
** out the carried cars on both sides (they are built after the outage
** anyway); summed to the end of each week. A 'host_value' lets the
** allocation build them in later weeks. After an earlier catch-up the old
** plan's extra cars are owed again where the new plan cannot keep them.
*/
static void host_owed(sc_plan *pl) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nw = pl->nw, nm = pl->nm, w0 = (size_t)rp->from / 7;
    /* owed_cum holds old minus new per model and week first */
    memset(rp->owed_cum, 0, nm * nw * sizeof *rp->owed_cum);
    for (size_t l = 0; l < nl; l++)
        for (size_t t = w0 * 7; t < nd; t++) {
            size_t k = l * nd + t;
            for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
                const sc__car *c = &rp->ocar[i];
                if (sc->brand[sc->model[c->model].brand].host)
                    rp->owed_cum[(size_t)c->model * nw + t / 7]++;
            }
            for (size_t m = 0; m < nm; m++)
                rp->owed_cum[m * nw + t / 7] -= pl->host_day_model[k * nm + m];
        }
    for (size_t i = 0; i < rp->ncarried; i++) { /* carried, built later: not owed */
        const sc__carried *c = &rp->carried[i];
        if (c->new_day >= 0 && sc->brand[sc->model[c->car.model].brand].host &&
            (size_t)c->old_day / 7 >= w0)
            rp->owed_cum[(size_t)c->car.model * nw + (size_t)c->old_day / 7]--;
    }
    int64_t owed = 0;
    for (size_t m = 0; m < nm; m++) {
        int32_t cum = 0;
        for (size_t w = 0; w < nw; w++) {
            int32_t v = rp->owed_cum[m * nw + w];
            if (w >= w0 && v > 0) cum += v;
            rp->owed_cum[m * nw + w] = cum;
        }
        owed += cum;
    }
    rp->st.host_value = rp->host_value;
    rp->st.host_owed = owed;
}

/* ------------------------------------------------------------ the ledger */

/* Splits 'host' cars over the 7 days of 'avail' and returns the guests' room
** and the room the spreading rule 'sp' leaves them. The carried cars at the
** front of a day are a block of their own, valid as published: the rule
** counts the cars behind them. */
static void week_room(const sc__spread *sp, int32_t host, const int32_t avail[7],
                      int32_t day_res[7], int32_t room[7], int32_t spread[7]) {
    sc__split(host, avail, 7, day_res);
    for (int t = 0; t < 7; t++) {
        room[t] = avail[t] - day_res[t];
        if (room[t] < 0) room[t] = 0;
        int32_t s = room[t];
        if (sp->on) {
            s = sc__spread_room(day_res[t], room[t], sp->n, sp->p);
            if (s < 0) s = 0;
            if (s > room[t]) s = room[t];
        }
        spread[t] = s;
    }
}

/*
** Builds the ledger of the replan: capacity with the chosen extra shifts,
** the fixed line-days' host cars, the carried cars, the host's remaining
** volume reserved on the free line-days (shared between lines by their
** regular capacity, spread over the days by their slots, shifts included),
** and the guests' room. O(lines x days x models).
*/
static sc_status replan_ledger(sc_plan *pl, sc_diag *d) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nw = pl->nw, nd = pl->nd, nm = pl->nm, nk = nl * nd;
    memset(pl->day_cap, 0, nk * sizeof *pl->day_cap);
    memset(pl->day_host, 0, nk * sizeof *pl->day_host);
    memset(pl->day_spread, 0, nk * sizeof *pl->day_spread);
    memset(pl->host_day_model, 0, nk * nm * sizeof *pl->host_day_model);
    size_t lw = nl * nw;
    int32_t *wk[] = {pl->wk_cap,  pl->wk_nominal, pl->wk_host,
                     pl->wk_room, pl->wk_spread,  pl->wk_days};
    for (size_t i = 0; i < sizeof wk / sizeof *wk; i++)
        memset(wk[i], 0, lw * sizeof *wk[i]);
    memset(pl->host_vol, 0, nm * nw * sizeof *pl->host_vol);
    memset(pl->host_unmet, 0, nm * nw * sizeof *pl->host_unmet);

    int32_t *extra = sc__calloc(nk + 1, sizeof *extra);
    int32_t *avail = sc__calloc(nk + 1, sizeof *avail); /* regular slots free for the host */
    int32_t *pin_host = sc__calloc(nk + 1, sizeof *pin_host);
    int32_t *wk_left = sc__calloc(lw + 1, sizeof *wk_left);
    int32_t *fixed_mw = sc__calloc(nm * nw + 1, sizeof *fixed_mw); /* host cars on fixed days */
    int32_t *res_lwm = sc__calloc(lw * nm + 1, sizeof *res_lwm); /* reserved per line-week-model */
    int32_t *share = sc__calloc(nl + 1, sizeof *share), *part = sc__calloc(nl + 1, sizeof *part);
    int32_t *lines = sc__calloc(nl + 1, sizeof *lines);
    sc_status st = SC_OK;
    if (!extra || !avail || !pin_host || !wk_left || !fixed_mw || !res_lwm || !share || !part ||
        !lines) {
        st = nomem(d);
        goto done;
    }
    for (size_t s = 0; s < pl->nshifts; s++)
        if (pl->shift[s].chosen)
            extra[(size_t)pl->shift[s].line * nd + (size_t)pl->shift[s].day] += pl->shift[s].slots;
    for (size_t i = 0; i < rp->ncarried; i++) {
        const sc__carried *c = &rp->carried[i];
        if (c->new_day >= 0 && sc->brand[sc->model[c->car.model].brand].host)
            pin_host[(size_t)c->line * nd + (size_t)c->new_day]++;
    }

    /* Capacity; the fixed line-days' host cars. */
    for (size_t l = 0; l < nl; l++) {
        const sc__line *ln = &sc->line[l];
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t, w = t / 7;
            int32_t reg = sc__line_day_slots(sc, l, t);
            pl->day_cap[k] = reg + extra[k];
            pl->wk_cap[l * nw + w] += pl->day_cap[k];
            pl->wk_days[l * nw + w] += pl->day_cap[k] > 0;
            if (ln->off[t] != SC__DAY_WEEKEND) pl->wk_nominal[l * nw + w] += ln->slots;
            if (rp->fixed[k]) {
                for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
                    const sc__car *c = &rp->ocar[i];
                    if (!sc->brand[sc->model[c->model].brand].host) continue;
                    pl->day_host[k]++;
                    pl->host_day_model[k * nm + (size_t)c->model]++;
                    fixed_mw[(size_t)c->model * nw + w]++;
                }
            } else if ((int32_t)t >= rp->fz_end) {
                avail[k] = rp->sealed[k] ? 0 : reg - (int32_t)rp->npin[k];
                if (avail[k] < 0) avail[k] = 0;
                wk_left[l * nw + w] += avail[k];
            }
            pl->wk_host[l * nw + w] += pl->day_host[k] + pin_host[k];
        }
    }

    /* The host's volume: orders placed before the allocation are left out;
    ** demand less what fixed days build. */
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (!sc->brand[o->brand].host || rp->order_fixed[i]) continue;
        pl->host_vol[(size_t)o->model * nw + (size_t)o->due]++;
    }
    for (size_t m = 0; m < nm; m++) {
        const sc__carmodel *cm = &sc->model[m];
        if (cm->brand < 0 || !sc->brand[cm->brand].host || cm->has_orders || !cm->demand) continue;
        for (size_t w = 0; w < nw; w++) {
            int32_t v = cm->demand[w] - fixed_mw[m * nw + w];
            pl->host_vol[m * nw + w] = v > 0 ? v : 0;
        }
    }

    /* Reserve it, week by week, model by model, on the model's lines. */
    for (size_t w = 0; w < nw; w++)
        for (size_t m = 0; m < nm; m++) {
            int32_t v = pl->host_vol[m * nw + w];
            if (!v) continue;
            size_t n = 0;
            for (size_t l = 0; l < nl; l++)
                if (sc->compat[l * nm + m]) {
                    lines[n] = (int32_t)l;
                    share[n++] = wk_left[l * nw + w];
                }
            int64_t placed = sc__split(v, share, n, part);
            pl->host_unmet[m * nw + w] = (int32_t)(v - placed);
            for (size_t j = 0; j < n; j++) {
                size_t l = (size_t)lines[j];
                wk_left[l * nw + w] -= part[j];
                res_lwm[(l * nw + w) * nm + m] += part[j];
            }
        }

    /* The host's cars caught up where the allocation chose, in the slots
    ** its own volume left, then the extra shifts. */
    int64_t caught = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t w = 0; w < nw; w++) {
            int32_t xl = 0;
            for (size_t t = w * 7; t < w * 7 + 7; t++)
                if (!rp->fixed[l * nd + t] && (int32_t)t >= rp->fz_end) xl += extra[l * nd + t];
            for (size_t m = 0; m < nm; m++) {
                int32_t e = rp->host_extra[(m * nl + l) * nw + w];
                int32_t room = wk_left[l * nw + w] + xl;
                if (e > room) e = room;
                if (e <= 0) continue;
                int32_t r = e < wk_left[l * nw + w] ? e : wk_left[l * nw + w];
                wk_left[l * nw + w] -= r;
                xl -= e - r;
                res_lwm[(l * nw + w) * nm + m] += e;
                caught += e;
            }
        }
    rp->st.host_caught_up = caught;

    /* Over the days (shifts included), and the guests' room. */
    for (size_t l = 0; l < nl; l++) {
        const sc__spread *sp = &sc->line[l].spread;
        for (size_t w = 0; w < nw; w++) {
            int32_t av[7], left[7];
            for (int t = 0; t < 7; t++) {
                size_t k = l * nd + w * 7 + (size_t)t;
                av[t] =
                    avail[k] +
                    ((int32_t)(w * 7 + (size_t)t) >= rp->fz_end && !rp->fixed[k] ? extra[k] : 0);
                left[t] = av[t];
            }
            int32_t host = 0;
            for (size_t m = 0; m < nm; m++) {
                int32_t v = res_lwm[(l * nw + w) * nm + m];
                if (!v) continue;
                int32_t dp[7];
                sc__split(v, left, 7, dp);
                for (int t = 0; t < 7; t++) {
                    size_t k = l * nd + w * 7 + (size_t)t;
                    left[t] -= dp[t];
                    pl->host_day_model[k * nm + m] += dp[t];
                    pl->day_host[k] += dp[t];
                }
                host += v;
            }
            pl->wk_host[l * nw + w] += host;
            for (int t = 0; t < 7; t++) {
                size_t k = l * nd + w * 7 + (size_t)t;
                if (rp->fixed[k] || (int32_t)(w * 7 + (size_t)t) < rp->fz_end) continue;
                int32_t res = av[t] - left[t];
                int32_t room = left[t], s = room;
                if (sp->on) { /* behind the carried cars, a block of their own */
                    s = sc__spread_room(res, room, sp->n, sp->p);
                    s = s < 0 ? 0 : s > room ? room : s;
                }
                pl->day_spread[k] = s;
                pl->day_host[k] += pin_host[k];
                pl->wk_room[l * nw + w] += room;
                pl->wk_spread[l * nw + w] += s;
            }
        }
    }

    /* What each extra shift offered would add to its line-week. */
    for (size_t s = 0; s < pl->nshifts; s++) {
        sc__shift *sh = &pl->shift[s];
        size_t l = (size_t)sh->line, w = (size_t)sh->day / 7;
        int32_t av[7], res[7], r0[7], s0[7], r1[7], s1[7];
        int32_t host = 0;
        for (size_t m = 0; m < nm; m++)
            host += res_lwm[(l * nw + w) * nm + m];
        for (int t = 0; t < 7; t++) {
            size_t k = l * nd + w * 7 + (size_t)t;
            bool free_ = !rp->fixed[k] && (int32_t)(w * 7 + (size_t)t) >= rp->fz_end;
            av[t] = free_ ? avail[k] + extra[k] -
                                (sh->chosen && k == l * nd + (size_t)sh->day ? sh->slots : 0)
                          : 0;
        }
        week_room(&sc->line[l].spread, host, av, res, r0, s0);
        av[sh->day % 7] += sh->slots;
        week_room(&sc->line[l].spread, host, av, res, r1, s1);
        int32_t dr = 0, ds = 0;
        for (int t = 0; t < 7; t++) {
            dr += r1[t] - r0[t];
            ds += s1[t] - s0[t];
        }
        sh->room_delta = dr;
        sh->spread_delta = ds;
    }
done:
    sc__free(extra);
    sc__free(avail);
    sc__free(pin_host);
    sc__free(wk_left);
    sc__free(fixed_mw);
    sc__free(res_lwm);
    sc__free(share);
    sc__free(part);
    sc__free(lines);
    return st;
}

/* ------------------------------------------------------------ extra shifts */

static bool add_shift(sc_plan *pl, size_t *cap, size_t l, size_t t, int32_t slots, double cost) {
    for (size_t s = 0; s < pl->nshifts; s++)
        if (pl->shift[s].line == (int32_t)l && pl->shift[s].day == (int32_t)t) return true;
    if (!sc__grow((void **)&pl->rp->shift, cap, pl->nshifts + 1, sizeof *pl->shift)) return false;
    pl->shift = pl->rp->shift;
    pl->shift[pl->nshifts++] = (sc__shift){(int32_t)l, (int32_t)t, slots, cost, 0, 0, false, false};
    return true;
}

/*
** Parses the extra shifts offered into candidates, one per line and day. A
** single date must be a day the line may work (not down, not frozen); in a
** range, such days are left out, and so are Sundays and bank holidays.
*/
static sc_status parse_shifts(sc_plan *pl, const sc_replan_params *p, sc_diag *d) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t cap = 0, nd = pl->nd;
    for (size_t i = 0; i < p->nshifts + sc->nrecovery_shifts; i++) {
        /* The command line's first, then the scenario's, which were written
        ** before the outage was known: their days that cannot take a shift
        ** are left out, whatever their range. */
        bool given = i < p->nshifts;
        const char *spec = given ? p->shift[i] : sc__name(sc, sc->recovery_shift[i - p->nshifts]);
        sc__outage o;
        sc_status st =
            sc__outage_parse(sc, spec, given ? "--extra-shift" : "recovery shift", &o, d);
        if (st) return st;
        bool range = o.from != o.to || !given;
        size_t offered = 0;
        for (size_t l = 0; l < pl->nl; l++) {
            if (!outage_has_line(sc, &o, l)) continue;
            int32_t slots = (int32_t)floor(sc->line[l].rate * rp->shift_hours + 1e-9);
            for (int32_t t = o.from; t <= o.to; t++) {
                size_t k = l * nd + (size_t)t;
                const char *why = NULL;
                if (rp->down[k])
                    why = "its line is down that day";
                else if (t < rp->fz_end)
                    why = "it is in the frozen horizon or before --from";
                else if (rp->sealed[k])
                    why = "its line rebuilds a frozen day's cars then";
                int32_t off = sc->line[l].off[t];
                if (!why && range && (sc__weekday(sc->day0 + t) == 6 || off >= 0)) continue;
                if (why) {
                    if (range) continue;
                    char date[16];
                    sc__diag_set(d, NULL, 0, 0, "--extra-shift '%s': %s is not possible: %s", spec,
                                 sc__format_date(sc->day0 + t, date), why);
                    return SC_EINVAL;
                }
                if (slots <= 0) continue;
                if (!add_shift(pl, &cap, l, (size_t)t, slots, rp->shift_cost)) return nomem(d);
                offered++;
            }
        }
        if (!offered && given) {
            sc__diag_set(d, NULL, 0, 0,
                         "--extra-shift '%s': no day in that range can take a shift (all down, "
                         "frozen, Sundays or holidays)",
                         spec);
            return SC_EINVAL;
        }
    }
    rp->st.shifts_offered = pl->nshifts;
    return SC_OK;
}

/* ------------------------------------------------------------ the driver */

/* The allocation, and the ledger again when it chose extra shifts or host
** cars to catch up. */
static sc_status replan_allocate(sc_plan *pl, sc_diag *d) {
    sc_status st = sc__allocate(pl, d);
    bool any = false;
    for (size_t s = 0; s < pl->nshifts; s++)
        any |= pl->shift[s].chosen;
    for (size_t i = 0; i < pl->nm * pl->nl * pl->nw && !any; i++)
        any = pl->rp->host_extra[i] > 0;
    if (!st && any) st = replan_ledger(pl, d);
    return st;
}

sc_status sc_replan_run(const sc_scenario *sc, const sc_baseline *base, const sc_replan_params *p,
                        sc_plan **out, sc_diag *d) {
    *out = NULL;
    if (!sc || !base || !p || base->sc != sc || p->plan.threads < 1 ||
        (!p->plan.effort_per_car && !p->plan.min_effort) || (p->noutages && !p->outage) ||
        (p->nshifts && !p->shift)) {
        sc__diag_set(d, NULL, 0, 0, "bad replan parameters");
        return SC_EINVAL;
    }
    sc__replan *rp = sc__calloc(1, sizeof *rp);
    if (!rp) return nomem(d);
    size_t nk = sc->nlines * (size_t)sc->nweeks * 7;
    rp->down = sc__calloc(nk + 1, 1);
    rp->fixed = sc__calloc(nk + 1, 1);
    sc_plan tmp; /* a carrier for sc__replan_release until the plan exists */
    memset(&tmp, 0, sizeof tmp);
    tmp.rp = rp;
    if (!rp->down || !rp->fixed || !copy_scenario(rp, sc)) {
        sc__replan_release(&tmp);
        return nomem(d);
    }
    rp->churn_cost = p->churn_cost >= 0 ? p->churn_cost : 10;
    rp->shift_cost = p->shift_cost >= 0                             ? p->shift_cost
                     : sc->recovery && sc->recovery_shift_cost >= 0 ? sc->recovery_shift_cost
                                                                    : 20000;
    rp->shift_hours = p->shift_hours > 0                             ? p->shift_hours
                      : sc->recovery && sc->recovery_shift_hours > 0 ? sc->recovery_shift_hours
                                                                     : 7.5;
    /* The command line's value, else an earlier replan's, else the scenario's. */
    rp->host_value = p->host_value >= 0                             ? p->host_value
                     : base->host_value >= 0                        ? base->host_value
                     : sc->recovery && sc->recovery_host_value >= 0 ? sc->recovery_host_value
                                                                    : 0;
    sc_status st = apply_outages(rp, sc, base, p, d);
    if (!st) st = frozen_horizon(rp, sc, base, p, d);
    if (st) {
        sc__replan_release(&tmp);
        return st;
    }
    sc_plan *pl = sc__plan_alloc(&rp->scx, &p->plan);
    if (!pl) {
        sc__replan_release(&tmp);
        return nomem(d);
    }
    pl->rp = rp;
    snprintf(pl->mip_status, sizeof pl->mip_status, "not run");
    double t0 = sc__now();
    sc__plan_progress(pl, "ledger");
    st = take_baseline(pl, base, d);
    if (!st) st = parse_shifts(pl, p, d);
    if (!st) st = allocation_inputs(pl, d);
    if (!st) st = replan_ledger(pl, d);
    if (!st) host_owed(pl);
    sc_plan_stats *ps = &pl->stats;
    ps->t_ledger = sc__now() - t0;
    st = sc__plan_stage(pl, st, "allocation", replan_allocate, &ps->t_allocation, d);
    st = sc__plan_stage(pl, st, "slotting", sc__replan_slot, &ps->t_slotting, d);
    st = sc__plan_stage(pl, st, "sequencing", sc__replan_sequence, &ps->t_sequencing, d);
    if (!st) st = sc__plan_causes(pl, d);
    if (!st) sc__replan_causes(pl);
    if (!st) st = sc__replan_compare(pl, d);
    if (st) {
        sc_plan_free(pl);
        return st;
    }
    sc__plan_done(pl);
    *out = pl;
    return SC_OK;
}
