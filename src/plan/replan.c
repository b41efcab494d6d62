/*
** Replanning after a disruption: the frame of a replan (plan.h) built from
** its baseline, its outages and its extra shifts; then the one pipeline
** (plan.c) runs on it, and the comparison with the baseline (diff.c).
**
** A replan starts from the published plan (the baseline) and a list of
** outages (a line or a plant down for some days). It never changes the
** scenario it is given: it plans on a copy whose lines carry their own
** calendars, with every working day of an outage closed under the outage's
** name, so that the causes of late orders and shortfalls name the outage.
**
**   1. The frozen horizon. Line-days before 'from', and the first
**      'frozen_days' working days from it, stay as published ("fixed"). A
**      line-day among them whose line is down cannot be built: its cars are
**      carried, in their published order, to the front of the first
**      line-days of their line after the frozen horizon (replan.h).
**   2. The frame: the old plan's cars and each order's old line, day and
**      position (the pipeline keeps them where it can), the fixed and
**      carried cars, the guest cars placed before the allocation, the old
**      allocation (for the churn cost), and the extra shifts offered.
**   3. The pipeline: ledger, allocation, slotting, sequencing, causes.
**
** Cost: O(cars) besides the pipeline's.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "replan.h"

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

/* Frees what a replan attached to 'pl' (its plan's 'rp_release'). */
static void replan_release(sc_plan *pl) {
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
    sc__free(rp->old_status);
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

sc_status sc__span_check(const sc_scenario *sc, const sc_span *s, const char *kind, sc__outage *o,
                         sc_diag *d) {
    memset(o, 0, sizeof *o);
    o->plant = o->line = -1;
    const char *where = s->where ? s->where : "";
    const char *a = s->from ? s->from : "", *b = s->to ? s->to : a;
    char what[400];
    if (!strcmp(a, b))
        snprintf(what, sizeof what, "%s of '%s' on %s", kind, where, a);
    else
        snprintf(what, sizeof what, "%s of '%s' from %s to %s", kind, where, a, b);
    if (!*where || strlen(where) >= sizeof o->what) {
        sc__diag_set(d, NULL, 0, 0, "%s: expected the name of a line or a plant", what);
        return SC_EINVAL;
    }
    snprintf(o->what, sizeof o->what, "%s", where);
    o->line = (int32_t)sc__find_line(sc, o->what);
    if (o->line < 0)
        for (size_t p = 0; p < sc->nplants; p++)
            if (!strcmp(sc__name(sc, sc->plant[p].name), o->what)) o->plant = (int32_t)p;
    if (o->line < 0 && o->plant < 0) {
        char list[600];
        where_list(sc, list, sizeof list);
        sc__diag_set(d, NULL, 0, 0, "%s: no line or plant called '%s' (%s)", what, o->what, list);
        return SC_EINVAL;
    }
    if (!sc__parse_date(a, &o->date_from) || !sc__parse_date(b, &o->date_to)) {
        sc__diag_set(d, NULL, 0, 0, "%s: expected a date YYYY-MM-DD, got '%s'", what,
                     sc__parse_date(a, &o->date_from) ? b : a);
        return SC_EINVAL;
    }
    if (o->date_to < o->date_from) {
        sc__diag_set(d, NULL, 0, 0, "%s: the dates are reversed (%s is before %s)", what, b, a);
        return SC_EINVAL;
    }
    int32_t h0 = sc->day0, h1 = sc->day0 + 7 * sc->nweeks - 1;
    if (o->date_from < h0 || o->date_to > h1) {
        char x[16], y[16];
        sc__diag_set(d, NULL, 0, 0, "%s: %s is outside the horizon (%s to %s)", what,
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
        const sc_span *span = inh ? &base->outage[i] : &p->outage[i - base->noutages];
        sc__outage o;
        sc_status st = sc__span_check(sc, span, inh ? "the baseline's outage" : "outage", &o, d);
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
            sc__diag_set(d, NULL, 0, 0, "the first day to replan, '%s': expected a date YYYY-MM-DD",
                         p->from);
            return SC_EINVAL;
        }
        if (date < sc->day0 || date >= sc->day0 + (int32_t)nd) {
            char x[16], y[16];
            sc__diag_set(d, NULL, 0, 0,
                         "the first day to replan, %s, is outside the horizon (%s to %s)", p->from,
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
            sc__diag_set(
                d, NULL, 0, 0,
                "no outage and no first day to replan: nothing says when the replan starts");
            return SC_EINVAL;
        }
        rp->from = first;
    }
    if (p->frozen_days < 0 || p->frozen_days > 3650) {
        sc__diag_set(d, NULL, 0, 0, "frozen horizon of %d days: expected 0 to 3650 working days",
                     p->frozen_days);
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

/*
** Gives the frame the baseline (its cars and each order's old line, day and
** position), marks the fixed line-days and gathers the carried cars.
*/
static sc_status take_baseline(sc_plan *pl, const sc_baseline *base, sc_diag *d) {
    sc__replan *rp = pl->rp;
    sc__frame *fr = &pl->fr;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nk = nl * nd, no = sc->norders;
    fr->warm = true;
    fr->fz_end = rp->fz_end;
    fr->ocar = sc__malloc((base->ncars + 1) * sizeof *fr->ocar);
    fr->old_line = sc__malloc((no + 1) * sizeof *fr->old_line);
    fr->old_day = sc__malloc((no + 1) * sizeof *fr->old_day);
    fr->old_pos = sc__malloc((no + 1) * sizeof *fr->old_pos);
    rp->old_status = sc__calloc(no + 1, 1);
    if (!fr->ocar || !fr->old_line || !fr->old_day || !fr->old_pos || !rp->old_status)
        return nomem(d);
    memcpy(fr->ocar, base->car, base->ncars * sizeof *fr->ocar);
    memcpy(fr->ofirst, base->first, (nk + 1) * sizeof *fr->ofirst);
    memcpy(fr->old_line, base->order_line, no * sizeof *fr->old_line);
    memcpy(fr->old_day, base->order_day, no * sizeof *fr->old_day);
    memcpy(fr->old_pos, base->order_pos, no * sizeof *fr->old_pos);
    for (size_t i = 0; i < no; i++)
        rp->old_status[i] = (uint8_t)(fr->old_line[i] < 0                     ? SC__ORDER_UNPLANNED
                                      : fr->old_day[i] / 7 > sc->order[i].due ? SC__ORDER_LATE
                                                                              : SC__ORDER_ONTIME);
    size_t ncarried = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < (size_t)rp->fz_end; t++) {
            size_t k = l * nd + t, n = fr->ofirst[k + 1] - fr->ofirst[k];
            if (!n) continue;
            if (rp->down[k])
                ncarried += n;
            else {
                fr->fixed[k] = 1;
                rp->st.fixed_line_days++;
            }
        }
    fr->carried = sc__calloc(ncarried + 1, sizeof *fr->carried);
    if (!fr->carried) return nomem(d);
    /* Carried cars, line by line in published order, to the front of the
    ** first line-days after the frozen horizon with slots. */
    for (size_t l = 0; l < nl; l++) {
        size_t first = fr->ncarried;
        for (size_t t = 0; t < (size_t)rp->fz_end; t++) {
            size_t k = l * nd + t;
            if (!rp->down[k]) continue;
            for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++) {
                sc__carried *c = &fr->carried[fr->ncarried++];
                c->car = fr->ocar[i];
                if (c->car.order < 0 && !(c->car.tag & SC__TAG_CARRIED))
                    c->car.tag = SC__TAG_CARRIED | ((uint32_t)t << SC__TAG_DAY_SHIFT) | c->car.tag;
                c->line = (int32_t)l;
                c->old_day = (int32_t)t;
                c->old_pos = i - fr->ofirst[k] + 1;
                c->new_day = -1;
            }
        }
        /* Each published day goes whole, its sequence intact, to the line's
        ** next day with slots (a day with fewer slots takes what it can and
        ** the rest spills over). A day that another carried day follows takes
        ** no other car: the windows over the night into the next carried
        ** day, which is fixed, then stay as they were published. */
        size_t next = first, t = (size_t)rp->fz_end;
        while (next < fr->ncarried && t < nd) {
            int32_t slots = sc__line_day_slots(pl->sc, l, t);
            if (slots <= 0) {
                t++;
                continue;
            }
            int32_t day = fr->carried[next].old_day;
            size_t k = l * nd + t;
            while (slots > 0 && next < fr->ncarried && fr->carried[next].old_day == day) {
                fr->carried[next].new_day = (int32_t)t;
                fr->carried[next].new_pos = ++fr->npin[k];
                slots--;
                next++;
            }
            if (next < fr->ncarried) fr->sealed[k] = 1;
            t++;
        }
        for (size_t i = first; i < fr->ncarried; i++) {
            const sc__carried *c = &fr->carried[i];
            if (c->new_day < 0) rp->st.carried_lost++;
            /* A carried order is placed before the allocation; one that finds
            ** no day goes back to the others. */
            else if (c->car.order >= 0)
                fr->order_fixed[c->car.order] = 1;
        }
    }
    rp->st.carried_cars = fr->ncarried;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            if (!fr->fixed[k]) continue;
            for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++)
                if (fr->ocar[i].order >= 0) fr->order_fixed[fr->ocar[i].order] = 1;
        }
    rp->fixed = fr->fixed;
    rp->ocar = fr->ocar;
    rp->ofirst = fr->ofirst;
    rp->old_line = fr->old_line;
    rp->old_day = fr->old_day;
    rp->old_pos = fr->old_pos;
    rp->order_fixed = fr->order_fixed;
    rp->carried = fr->carried;
    rp->ncarried = fr->ncarried;
    rp->npin = fr->npin;
    rp->sealed = fr->sealed;
    return SC_OK;
}

/* The guest cars placed before the allocation per brand and model and week,
** and the old plan's guest cars per model, line and week after the frozen
** horizon. */
static sc_status allocation_inputs(sc_plan *pl, sc_diag *d) {
    sc__frame *fr = &pl->fr;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nw = pl->nw, nm = pl->nm;
    fr->alloc_old = sc__calloc(nm * nl * nw + 1, sizeof *fr->alloc_old);
    if (!fr->alloc_old) return nomem(d);
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            bool fixed = fr->fixed[k], after = (int32_t)t >= fr->fz_end;
            if (!fixed && !after) continue;
            for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++) {
                const sc__car *c = &fr->ocar[i];
                int32_t b = sc->model[c->model].brand;
                if (sc->brand[b].host) continue;
                if (fixed) {
                    fr->fixed_bw[(size_t)b * nw + t / 7]++;
                    fr->fixed_mw[(size_t)c->model * nw + t / 7]++;
                } else if (c->order < 0 || !fr->order_fixed[c->order])
                    fr->alloc_old[((size_t)c->model * nl + l) * nw + t / 7]++;
            }
        }
    for (size_t i = 0; i < fr->ncarried; i++) {
        const sc__carried *c = &fr->carried[i];
        int32_t b = sc->model[c->car.model].brand;
        if (c->new_day < 0 || sc->brand[b].host) continue;
        fr->fixed_bw[(size_t)b * nw + (size_t)c->new_day / 7]++;
        fr->fixed_mw[(size_t)c->car.model * nw + (size_t)c->new_day / 7]++;
    }
    fr->churn_cost = pl->rp->churn_cost;
    fr->host_value = pl->rp->host_value;
    return SC_OK;
}

/* ------------------------------------------------------------ extra shifts */

static bool add_shift(sc__frame *fr, size_t *cap, size_t l, size_t t, int32_t slots, double cost) {
    for (size_t s = 0; s < fr->nshifts; s++)
        if (fr->shift[s].line == (int32_t)l && fr->shift[s].day == (int32_t)t) return true;
    if (!sc__grow((void **)&fr->shift, cap, fr->nshifts + 1, sizeof *fr->shift)) return false;
    fr->shift[fr->nshifts++] = (sc__shift){(int32_t)l, (int32_t)t, slots, cost, 0, 0, false, false};
    return true;
}

/*
** Turns the extra shifts offered into candidates, one per line and day. A
** single date must be a day the line may work (not down, not frozen); in a
** range, such days are left out, and so are Sundays and bank holidays.
*/
static sc_status offer_shifts(sc_plan *pl, const sc_replan_params *p, sc_diag *d) {
    sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    size_t cap = 0, nd = pl->nd;
    for (size_t i = 0; i < p->nshifts + sc->nrecovery_shifts; i++) {
        /* The caller's first, then the scenario's, which were written
        ** before the outage was known: their days that cannot take a shift
        ** are left out, whatever their range. */
        bool given = i < p->nshifts;
        sc_span span;
        char a[16], b[16];
        if (given)
            span = p->shift[i];
        else {
            const sc__span *r = &sc->recovery_shift[i - p->nshifts];
            span = (sc_span){sc__name(sc, r->where), sc__format_date(r->from, a),
                             sc__format_date(r->to, b)};
        }
        sc__outage o;
        sc_status st = sc__span_check(sc, &span, given ? "extra shift" : "recovery shift", &o, d);
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
                    why = "it is in the frozen horizon or before the first day to replan";
                else if (pl->fr.sealed[k])
                    why = "its line rebuilds a frozen day's cars then";
                int32_t off = sc->line[l].off[t];
                if (!why && range && (sc__weekday(sc->day0 + t) == 6 || off >= 0)) continue;
                if (why) {
                    if (range) continue;
                    char date[16];
                    sc__diag_set(d, NULL, 0, 0, "extra shift of '%s' on %s is not possible: %s",
                                 o.what, sc__format_date(sc->day0 + t, date), why);
                    return SC_EINVAL;
                }
                if (slots <= 0) continue;
                if (!add_shift(&pl->fr, &cap, l, (size_t)t, slots, rp->shift_cost)) return nomem(d);
                offered++;
            }
        }
        if (!offered && given) {
            char x[16], y[16];
            sc__diag_set(d, NULL, 0, 0,
                         "extra shift of '%s' from %s to %s: no day in that range can take a shift "
                         "(all down, frozen, Sundays or holidays)",
                         o.what, sc__format_date(o.date_from, x), sc__format_date(o.date_to, y));
            return SC_EINVAL;
        }
    }
    rp->st.shifts_offered = pl->fr.nshifts;
    return SC_OK;
}

/* ------------------------------------------------------------ the driver */

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
    sc_plan tmp; /* a carrier for replan_release until the plan exists */
    memset(&tmp, 0, sizeof tmp);
    tmp.rp = rp;
    if (!rp->down || !copy_scenario(rp, sc)) {
        replan_release(&tmp);
        return nomem(d);
    }
    rp->churn_cost = p->churn_cost >= 0 ? p->churn_cost : 10;
    rp->shift_cost = p->shift_cost >= 0                             ? p->shift_cost
                     : sc->recovery && sc->recovery_shift_cost >= 0 ? sc->recovery_shift_cost
                                                                    : 20000;
    rp->shift_hours = p->shift_hours > 0                             ? p->shift_hours
                      : sc->recovery && sc->recovery_shift_hours > 0 ? sc->recovery_shift_hours
                                                                     : 7.5;
    /* The caller's value, else an earlier replan's, else the scenario's. */
    rp->host_value = p->host_value >= 0                             ? p->host_value
                     : base->host_value >= 0                        ? base->host_value
                     : sc->recovery && sc->recovery_host_value >= 0 ? sc->recovery_host_value
                                                                    : 0;
    sc_status st = apply_outages(rp, sc, base, p, d);
    if (!st) st = frozen_horizon(rp, sc, base, p, d);
    if (st) {
        replan_release(&tmp);
        return st;
    }
    sc_plan *pl = sc__plan_alloc(&rp->scx, &p->plan);
    if (!pl) {
        replan_release(&tmp);
        return nomem(d);
    }
    pl->rp = rp;
    pl->rp_release = replan_release;
    double t0 = sc__now();
    st = take_baseline(pl, base, d);
    if (!st) st = offer_shifts(pl, p, d);
    if (!st) st = allocation_inputs(pl, d);
    pl->stats.t_ledger = sc__now() - t0;
    if (!st) st = sc__pipeline_run(pl, (size_t)rp->from / 7, d);
    if (!st) {
        rp->st.host_value = rp->host_value;
        rp->st.host_owed = pl->host_owed;
        rp->st.host_caught_up = pl->host_caught_up;
        sc__replan_causes(pl);
        st = sc__replan_compare(pl, d);
    }
    if (st) {
        sc_plan_free(pl);
        return st;
    }
    sc__plan_done(pl);
    *out = pl;
    return SC_OK;
}
