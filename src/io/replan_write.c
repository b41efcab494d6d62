/*
** A replan's own outputs, beside the plan's (plan_write.c calls them):
** diff.csv, one row per order (and per carried host car) with its old and
** new line, date and position, the delay in days and what changed; and the
** "replan" member of plan.json: the outages, the frozen horizon, the extra
** shifts, the churn, and the comparison per brand, week and line. In a
** brand's view (view.h) only its own orders and numbers are written: the
** lines' recovery and the sequence accuracy count its own cars, and the
** others appear per line-day as the one number of slots they take.
*/
#include <jansson.h>
#include <string.h>

#include "../plan/replan.h"
#include "emit.h"
#include "replan_write.h"

static const char *date_of(const sc_scenario *sc, int32_t t, char buf[16]) {
    return sc__format_date(sc->day0 + t, buf);
}

/* Day 't' as a JSON date, or null for a day that does not exist (t < 0). */
static json_t *date_or_null(const sc_scenario *sc, int32_t t) {
    char buf[16];
    return t >= 0 ? json_string(date_of(sc, t, buf)) : json_null();
}

static const char *line_name(const sc_scenario *sc, int32_t l) {
    return sc__name(sc, sc->line[l].name);
}

/* What happened to order 'i': one word of docs/FORMATS.md. */
static const char *change_of(const sc_plan *pl, size_t i) {
    const sc__replan *rp = pl->rp;
    int32_t ol = rp->old_line[i], nl = pl->order_line[i];
    if (ol < 0) return nl < 0 ? "unplanned_before_and_after" : "planned";
    if (nl < 0) return "unplanned";
    if (rp->order_fixed[i] && (rp->old_day[i] < rp->fz_end) &&
        rp->down[(size_t)ol * pl->nd + (size_t)rp->old_day[i]])
        return "carried";
    if (ol != nl) return "moved_line";
    if (rp->old_day[i] != pl->order_day[i]) return "moved_day";
    if (rp->old_pos[i] != pl->order_pos[i]) return "resequenced";
    return "same";
}

void sc__diff_write(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    fputs("order_id,brand,model,old_line,old_date,old_position,new_line,new_date,new_position,"
          "delay_days,change,reason\n",
          f);
    char a[16], b[16];
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (!sc__view_order(v, i)) continue;
        sc__csv_field(f, sc->ids.buf + o->id);
        fputc(',', f);
        sc__csv_field(f, sc__name(sc, sc->brand[o->brand].name));
        fputc(',', f);
        sc__csv_field(f, sc__name(sc, sc->model[o->model].name));
        fputc(',', f);
        int32_t ol = rp->old_line[i], nl = pl->order_line[i];
        if (ol >= 0) {
            sc__csv_field(f, line_name(sc, ol));
            fprintf(f, ",%s,%u,", date_of(sc, rp->old_day[i], a), rp->old_pos[i]);
        } else
            fputs(",,,", f);
        if (nl >= 0) {
            sc__csv_field(f, line_name(sc, nl));
            fprintf(f, ",%s,%u,", date_of(sc, pl->order_day[i], b), pl->order_pos[i]);
        } else
            fputs(",,,", f);
        if (ol >= 0 && nl >= 0) fprintf(f, "%d", pl->order_day[i] - rp->old_day[i]);
        const char *ch = change_of(pl, i);
        fprintf(f, ",%s,", ch);
        if (!strcmp(ch, "carried")) {
            char why[300];
            snprintf(why, sizeof why, "frozen for %s, but %s is down that day", a,
                     line_name(sc, ol));
            sc__csv_field(f, why);
        } else if (pl->order_status[i] != SC__ORDER_ONTIME &&
                   pl->order_reason[i] != SC__NO_REASON) {
            char why[512];
            sc__csv_field(f, sc__view_cause_text(v, pl->order_reason[i], why, sizeof why));
        }
        fputc('\n', f);
    }
    /* Carried host cars made from demand: they are no order, but they were published. */
    for (size_t i = 0; i < rp->ncarried; i++) {
        const sc__carried *c = &rp->carried[i];
        int32_t br = sc->model[c->car.model].brand;
        if (c->car.order >= 0 || !sc__view_car(v, &c->car)) continue;
        char id[200];
        sc__lineday fake;
        memset(&fake, 0, sizeof fake);
        fake.line = c->line;
        fake.day = c->old_day;
        sc__csv_field(f, sc__car_id(pl, &fake, &c->car, id, sizeof id));
        fputc(',', f);
        sc__csv_field(f, sc__name(sc, sc->brand[br].name));
        fputc(',', f);
        sc__csv_field(f, sc__name(sc, sc->model[c->car.model].name));
        fputc(',', f);
        sc__csv_field(f, line_name(sc, c->line));
        fprintf(f, ",%s,%u,", date_of(sc, c->old_day, a), c->old_pos);
        if (c->new_day >= 0) {
            sc__csv_field(f, line_name(sc, c->line));
            fprintf(f, ",%s,%u,%d,carried,", date_of(sc, c->new_day, b), c->new_pos,
                    c->new_day - c->old_day);
        } else
            fputs(",,,,lost,", f);
        char why[300];
        snprintf(why, sizeof why, "frozen for %s, but %s is down that day%s", a,
                 line_name(sc, c->line), c->new_day < 0 ? " and to the end of the horizon" : "");
        sc__csv_field(f, why);
        fputc('\n', f);
    }
}

/* ------------------------------------------------------------ plan.json */

static double round4(double x) {
    return (double)(int64_t)(x * 10000 + (x < 0 ? -0.5 : 0.5)) / 10000;
}

void sc__replan_json(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    const sc_replan_stats *st = &rp->st;
    size_t nw = pl->nw, nd = pl->nd;
    char a[16], b[16];
    json_t *r = json_object();
    json_object_set_new(r, "from", json_string(st->from));
    json_object_set_new(r, "frozen_days", json_integer(rp->frozen_days));
    json_object_set_new(r, "frozen_to",
                        st->frozen_to[0] ? json_string(st->frozen_to) : json_null());
    json_t *outs = json_array();
    for (size_t k = 0; k < rp->nout; k++) {
        const sc__outage *o = &rp->out[k];
        json_array_append_new(outs,
                              json_pack("{s:s,s:s,s:s,s:b}", "what", o->what, "from",
                                        sc__format_date(o->date_from, a), "to",
                                        sc__format_date(o->date_to, b), "inherited", o->inherited));
    }
    json_object_set_new(r, "outages", outs);

    /* Orders: churn, and the sequence accuracy, in this view. */
    sc__churn ch;
    sc__replan_churn(pl, v, &ch);
    int64_t days_compared = (int64_t)st->line_days_compared,
            days_same = (int64_t)st->line_days_same;
    double accuracy = st->sequence_accuracy;
    if (!v->full) { /* over the viewer's own cars */
        double same = 0, compared = 0;
        days_compared = days_same = 0;
        for (size_t l = 0; l < pl->nl; l++) {
            sc__line_recovery rc;
            size_t ds;
            sc__view_recovery(v, l, &rc, &ds);
            days_compared += (int64_t)rc.days_compared;
            days_same += (int64_t)ds;
            for (size_t t = (size_t)(rp->fz_end > 0 ? rp->fz_end : 0); t < nd; t++) {
                size_t k = l * nd + t;
                if (!v->old_own[k] || !v->day_own[k]) continue;
                same += v->same_own[k];
                compared += v->old_own[k];
            }
        }
        accuracy = compared > 0 ? same / compared : 1.0;
    }
    json_object_set_new(r, "churn",
                        json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:I,s:I,s:f}", "orders_compared",
                                  (json_int_t)ch.compared, "same_line_and_day", (json_int_t)ch.same,
                                  "moved_day", (json_int_t)ch.moved_day, "moved_line",
                                  (json_int_t)ch.moved_line, "newly_unplanned",
                                  (json_int_t)ch.unplanned, "newly_planned", (json_int_t)ch.planned,
                                  "mean_delay_days",
                                  round4(ch.compared ? ch.delay / (double)ch.compared : 0),
                                  "line_days_compared", (json_int_t)days_compared, "line_days_same",
                                  (json_int_t)days_same, "sequence_accuracy", round4(accuracy)));

    /* Carried cars, per line, in this view. */
    json_t *car = json_array();
    for (size_t l = 0; l < pl->nl; l++) {
        sc__carried_span cs;
        sc__replan_carried_span(pl, l, v, &cs);
        if (!cs.cars) continue;
        json_t *o =
            json_pack("{s:s,s:I,s:s,s:s,s:I}", "line", line_name(sc, (int32_t)l), "cars",
                      (json_int_t)cs.cars, "published_from", date_of(sc, cs.pub_from, a),
                      "published_to", date_of(sc, cs.pub_to, b), "lost", (json_int_t)cs.lost);
        if (cs.built_from >= 0) {
            json_object_set_new(o, "built_from", json_string(date_of(sc, cs.built_from, a)));
            json_object_set_new(o, "built_to", json_string(date_of(sc, cs.built_to, b)));
        }
        json_array_append_new(car, o);
    }
    json_object_set_new(r, "carried", car);

    /* Extra shifts. */
    json_t *used = json_array();
    for (size_t s = 0; s < pl->fr.nshifts; s++) {
        const sc__shift *sh = &pl->fr.shift[s];
        if (!sh->used) continue;
        json_array_append_new(
            used, json_pack("{s:s,s:s,s:i,s:i,s:f}", "line", line_name(sc, sh->line), "date",
                            date_of(sc, sh->day, a), "slots", sh->slots, "cars",
                            rp->new_lt[(size_t)sh->line * nd + (size_t)sh->day], "cost", sh->cost));
    }
    json_t *xs = json_pack("{s:I,s:f,s:f,s:I,s:f,s:o}", "offered", (json_int_t)st->shifts_offered,
                           "cost_per_shift", rp->shift_cost, "hours", rp->shift_hours, "used",
                           (json_int_t)st->shifts_used, "cost", st->shift_cost, "shifts", used);
    if (xs && !v->full) { /* their cost is the host's business */
        json_object_del(xs, "cost_per_shift");
        json_object_del(xs, "cost");
        size_t i;
        json_t *sv;
        json_array_foreach(used, i, sv) json_object_del(sv, "cost");
    }
    json_object_set_new(r, "extra_shifts", xs);
    if (v->full) /* the host's own volume */
        json_object_set_new(r, "host_catch_up",
                            json_pack("{s:f,s:I,s:I}", "value", st->host_value, "owed",
                                      (json_int_t)st->host_owed, "built",
                                      (json_int_t)st->host_caught_up));

    /* Per brand, before and after. */
    json_t *brands = json_array(), *weeks = json_array();
    for (size_t br = 0; br < pl->nb; br++) {
        if (!sc__view_brand(v, (int32_t)br)) continue;
        int64_t cb = 0, ca = 0, la = 0, ua = 0, sa = 0;
        const sc__brand *bd = &sc->brand[br];
        for (size_t w = 0; w < nw; w++) {
            cb += rp->old_bw[br * nw + w];
            ca += rp->new_bw[br * nw + w];
            if (!bd->host && bd->min_week > 0 && pl->built_bw[br * nw + w] < bd->min_week)
                sa += bd->min_week - pl->built_bw[br * nw + w];
        }
        for (size_t i = 0; i < sc->norders; i++)
            if (sc->order[i].brand == (int32_t)br) {
                la += pl->order_status[i] == SC__ORDER_LATE;
                ua += pl->order_status[i] == SC__ORDER_UNPLANNED;
            }
        json_array_append_new(
            brands,
            json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "brand", sc__name(sc, bd->name),
                      "host", bd->host, "cars_before", (json_int_t)cb, "cars_after", (json_int_t)ca,
                      "late_before", (json_int_t)rp->old_late[br], "late_after", (json_int_t)la,
                      "unplanned_before", (json_int_t)rp->old_unplanned[br], "unplanned_after",
                      (json_int_t)ua, "shortfall_before", (json_int_t)rp->old_short[br],
                      "shortfall_after", (json_int_t)sa));
        for (size_t w = 0; w < nw; w++) {
            int32_t o = rp->old_bw[br * nw + w], n = rp->new_bw[br * nw + w];
            if (o == n) continue;
            json_array_append_new(weeks, json_pack("{s:s,s:s,s:i,s:i,s:i}", "brand",
                                                   sc__name(sc, bd->name), "week",
                                                   sc__format_week(sc->day0 + (int32_t)(7 * w), a),
                                                   "before", o, "after", n, "lost", o - n));
        }
    }
    json_object_set_new(r, "brands", brands);
    json_object_set_new(r, "weeks_changed", weeks);

    /* Per line: when it stops, restarts and is back on plan. */
    json_t *lines = json_array();
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        sc__line_recovery rec;
        size_t ds;
        sc__view_recovery(v, l, &rec, &ds);
        const sc__line_recovery *rc = &rec;
        json_t *o = json_pack("{s:s}", "line", line_name(sc, (int32_t)l));
        json_object_set_new(o, "down_from", date_or_null(sc, rc->down_from));
        json_object_set_new(o, "down_to", date_or_null(sc, rc->down_to));
        json_object_set_new(o, "restart", date_or_null(sc, rc->restart));
        json_object_set_new(o, "back_on_plan", date_or_null(sc, rc->on_plan));
        json_object_set_new(o, "cars_lost_in_outage", json_integer(rc->lost));
        json_object_set_new(o, "behind_at_end", json_integer(rc->behind));
        json_object_set_new(o, "sequence_accuracy", json_real(round4(rc->accuracy)));
        json_array_append_new(lines, o);
    }
    json_object_set_new(r, "lines", lines);

    /* Sequence accuracy per line-day, after the frozen horizon, where both
    ** plans build: over all cars in the full view; in a guest's view over
    ** its own cars, beside the others' slots before and after. */
    json_t *days = json_array();
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        for (size_t t = (size_t)(rp->fz_end > 0 ? rp->fz_end : 0); t < nd; t++) {
            size_t k = l * nd + t;
            if (v->full) {
                if (!rp->old_lt[k] || !rp->new_lt[k]) continue;
                json_array_append_new(
                    days,
                    json_pack("{s:s,s:s,s:i,s:i,s:i,s:f}", "line", line_name(sc, (int32_t)l),
                              "date", date_of(sc, (int32_t)t, a), "cars_before", rp->old_lt[k],
                              "cars_after", rp->new_lt[k], "same_position", rp->same_pos[k],
                              "accuracy", round4((double)rp->same_pos[k] / rp->old_lt[k])));
                continue;
            }
            if (!v->old_own[k] || !v->day_own[k]) continue;
            json_array_append_new(
                days,
                json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:f}", "line", line_name(sc, (int32_t)l),
                          "date", date_of(sc, (int32_t)t, a), "own_before", v->old_own[k],
                          "own_after", v->day_own[k], "others_before", v->old_others[k],
                          "others_after", v->day_others[k], "same_position", v->same_own[k],
                          "accuracy", round4((double)v->same_own[k] / v->old_own[k])));
        }
    }
    json_object_set_new(r, "line_days", days);
    sc__json_dump(f, r);
}
