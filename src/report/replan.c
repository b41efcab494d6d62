/*
** The report's comparison of a replan with the plan it started from, written
** right after the headline numbers (report.c calls it when the plan is a
** replan). Inline SVG and the report's own styles, no script:
**
**   - what happened: the outages, the frozen horizon, the cars published for
**     days their line was down and where they go now;
**   - cards: cars lost, late and unplanned orders, contract shortfall, churn,
**     sequence accuracy, extra shifts;
**   - cars per week and brand, before (grey) and after (the brand's
**     colour), the outage shaded, the weeks lost and recovered visible;
**   - per line, the cars it is behind the old plan day by day: the curve
**     climbs through the outage, flattens when the line restarts, and falls
**     back to zero when it is back on plan;
**   - sequence accuracy per line-day after the frozen horizon, as a strip;
**   - tables: brands before and after, lines (down, restart, back on plan),
**     carried cars, extra shifts used.
**
** In a brand's view (view.h) only its own numbers are drawn: its cars per
** week, the lines it can build on, its cars behind the old plan and in
** their old position.
*/
#include <math.h>
#include <string.h>

#include "../plan/replan.h"
#include "../plan/view.h"
#include "html.h"
#include "report.h"

static const char *const GUEST_FILL[] = {"#0f9d8a", "#e0782f", "#7a5ba6", "#c2417a", "#5b8c2a"};
#define HOST_FILL "#3d4f63"
#define BEFORE "#9aa5b1"
#define OUTAGE_FILL "#fbe3e1"

#define esc sc__html_esc

#define fmt sc__fmt_num

static void num(FILE *f, int64_t v) {
    char b[40];
    fputs(fmt(b, sizeof b, v), f);
}

/* "1 Sep 2026" for horizon day 't'. */
static const char *nice_date(const sc_scenario *sc, int32_t t, char buf[24]) {
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    sc__civil_from_days(sc->day0 + t, &y, &m, &d);
    snprintf(buf, 24, "%d %s %d", d, MON[(m - 1) % 12], y);
    return buf;
}

static const char *brand_fill(const sc_scenario *sc, int32_t b) {
    if (sc->brand[b].host) return HOST_FILL;
    size_t k = 0;
    for (int32_t i = 0; i < b; i++)
        k += !sc->brand[i].host;
    return GUEST_FILL[k % (sizeof GUEST_FILL / sizeof *GUEST_FILL)];
}

/* The first day the charts show: the Monday four weeks before the replan's
** first day or outage, so that what changed fills the width. */
static int32_t first_shown(const sc_plan *pl) {
    const sc__replan *rp = pl->rp;
    int32_t t = rp->from;
    for (size_t k = 0; k < rp->nout; k++)
        if (rp->out[k].from < t) t = rp->out[k].from;
    t = t / 7 * 7 - 28;
    return t < 0 ? 0 : t;
}

/* The outage days of any line, as shaded bands over an axis of days that
** starts with day 'z0' at x0, 'px' pixels per day. */
static void outage_bands(const sc_plan *pl, FILE *f, int32_t z0, double x0, double px, double y,
                         double h) {
    const sc__replan *rp = pl->rp;
    x0 -= px * z0;
    for (size_t k = 0; k < rp->nout; k++) {
        const sc__outage *o = &rp->out[k];
        int32_t a = o->from < z0 ? z0 : o->from;
        if (o->to < a) continue;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"" OUTAGE_FILL
                "\"/>",
                x0 + px * a, y, px * (o->to - a + 1), h);
    }
    double xf = x0 + px * rp->from;
    fprintf(f,
            "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1f2a36\" "
            "stroke-dasharray=\"2,3\"/>",
            xf, xf, y, y + h);
    if (rp->fz_end > rp->from) {
        double xe = x0 + px * rp->fz_end;
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f2a36\" "
                "fill-opacity=\".08\"/>",
                xf, y, xe - xf, h);
    }
}

/* Month ticks under an axis of days from 'z0', and a week tick every Monday
** when the axis is short. */
static void month_ticks(const sc_plan *pl, FILE *f, int32_t z0, double x0, double px, double y) {
    static const char *const MON[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (size_t t = (size_t)z0; t < pl->nd; t++) {
        int yy, m, d;
        sc__civil_from_days(pl->sc->day0 + (int32_t)t, &yy, &m, &d);
        double x = x0 + px * (double)(t - (size_t)z0);
        if (d != 1) {
            if (t % 7 == 0 && px * 7 > 14)
                fprintf(f,
                        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"#dde3ea\"/>",
                        x, x, y, y + 3);
            continue;
        }
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c9d1da\"/>", x,
                x, y, y + 4);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x + 2, y + 14, MON[(m - 1) % 12]);
    }
}

/* ------------------------------------------------------------ what happened */

static void story(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    char a[24], b[24], n1[40];
    fputs("<h2>Replan after a disruption: before and after</h2>\n<p class=\"note\">", f);
    /* Outages with the same days and origin are told together. */
    for (size_t k = 0; k < rp->nout;) {
        const sc__outage *o = &rp->out[k];
        size_t j = k + 1;
        while (j < rp->nout && rp->out[j].from == o->from && rp->out[j].to == o->to &&
               rp->out[j].inherited == o->inherited)
            j++;
        fputs(k ? (j == rp->nout ? "; and " : "; ") : "", f);
        for (size_t i = k; i < j; i++) {
            fputs(i == k ? "" : i + 1 == j ? " and " : ", ", f);
            esc(f, rp->out[i].what);
        }
        fprintf(f, " down from %s to %s", nice_date(sc, o->from, a), nice_date(sc, o->to, b));
        if (o->inherited) fputs(" (an earlier replan's outage)", f);
        k = j;
    }
    fprintf(f, ". Replanned from %s: ", nice_date(sc, rp->from, a));
    if (rp->fz_end > rp->from)
        fprintf(f,
                "the line-days before it, and the frozen horizon of %d working days to %s, "
                "stay exactly as published (same cars, same positions)",
                rp->frozen_days, nice_date(sc, rp->fz_end - 1, b));
    else
        fputs("the line-days before it stay exactly as published (no frozen horizon)", f);
    fputs("; everything after is allocated, slotted and sequenced again, keeping orders on their "
          "line and day and cars in their position where the new plan allows.",
          f);
    size_t mine = 0, lost = 0;
    for (size_t i = 0; i < rp->ncarried; i++)
        if (sc__view_car(v, &rp->carried[i].car)) {
            mine++;
            lost += rp->carried[i].new_day < 0;
        }
    if (mine)
        fprintf(f,
                " %s cars%s were published for days their line is down: they cannot be built "
                "then, and go first, in their published order, on their line's first days "
                "after the frozen horizon%s (see the table below and diff.csv).",
                fmt(n1, sizeof n1, (int64_t)mine), v->full ? "" : " of yours",
                lost ? "; some find no day before the end of the horizon" : "");
    const sc_replan_stats *st = &rp->st;
    if (v->full && st->host_owed) {
        fprintf(f, " %s of the host's cars from %s on cannot be built in their week any more",
                fmt(n1, sizeof n1, st->host_owed), nice_date(sc, rp->from, a));
        if (st->host_value > 0)
            fprintf(f,
                    "; worth %s each to catch up, %s of them are built in later weeks, in spare "
                    "slots and extra shifts.",
                    fmt(b, sizeof b, (int64_t)(st->host_value + 0.5)),
                    fmt(n1, sizeof n1, st->host_caught_up));
        else
            fputs(" (no catch-up value was set: none was built in later weeks).", f);
    }
    fputs("</p>\n", f);
}

static void cards(const sc_plan *pl, const sc__view *vw, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    char v[64], s[240], x[40], y[40], z[40], u[40];
    fputs("<section class=\"cards\">\n", f);
    for (size_t b = 0; b < pl->nb; b++) {
        if (!sc__view_brand(vw, (int32_t)b)) continue;
        sc_replan_brand rb;
        sc_replan_brand_get(pl, sc__name(sc, sc->brand[b].name), &rb, NULL);
        fmt(v, sizeof v, rb.cars_after - rb.cars_before);
        snprintf(s, sizeof s, "%s cars over the horizon, %s before",
                 fmt(x, sizeof x, rb.cars_after), fmt(y, sizeof y, rb.cars_before));
        char key[200];
        snprintf(key, sizeof key, "%s: cars", sc__name(sc, sc->brand[b].name));
        sc__html_card(f, rb.cars_after < rb.cars_before ? "bad" : "good", key, v, s);
        if (sc->brand[b].host) continue;
        snprintf(v, sizeof v, "%s", fmt(x, sizeof x, rb.late_after + rb.unplanned_after));
        snprintf(s, sizeof s, "late %s and unplanned %s orders; before: %s and %s",
                 fmt(x, sizeof x, rb.late_after), fmt(y, sizeof y, rb.unplanned_after),
                 fmt(z, sizeof z, rb.late_before), fmt(u, sizeof u, rb.unplanned_before));
        snprintf(key, sizeof key, "%s: orders late or unplanned", sc__name(sc, sc->brand[b].name));
        sc__html_card(f,
                      rb.late_after + rb.unplanned_after > rb.late_before + rb.unplanned_before
                          ? "bad"
                          : "good",
                      key, v, s);
        if (sc->brand[b].min_week > 0) {
            fmt(v, sizeof v, rb.shortfall_after);
            snprintf(s, sizeof s, "cars short of the weekly minimums; %s before",
                     fmt(x, sizeof x, rb.shortfall_before));
            snprintf(key, sizeof key, "%s: contract shortfall", sc__name(sc, sc->brand[b].name));
            sc__html_card(f, rb.shortfall_after > rb.shortfall_before ? "bad" : "good", key, v, s);
        }
    }
    /* Churn, in this view. */
    sc__churn ch;
    sc__replan_churn(pl, vw, &ch);
    if (ch.compared) {
        snprintf(v, sizeof v, "%.1f%%", 100.0 * (double)ch.same / (double)ch.compared);
        snprintf(s, sizeof s,
                 "of %s orders planned from %s kept their line and day; %s moved to "
                 "another day, %s to another line",
                 fmt(x, sizeof x, ch.compared), rp->st.from, fmt(y, sizeof y, ch.moved_day),
                 fmt(z, sizeof z, ch.moved_line));
        sc__html_card(f, "", "Orders kept", v, s);
    }
    double acc = rp->st.sequence_accuracy;
    int64_t dsame = (int64_t)rp->st.line_days_same, dcomp = (int64_t)rp->st.line_days_compared;
    if (!vw->full) { /* over the viewer's own cars */
        double same = 0, compared = 0;
        dsame = dcomp = 0;
        for (size_t l = 0; l < pl->nl; l++) {
            sc__line_recovery rc;
            size_t ds;
            sc__view_recovery(vw, l, &rc, &ds);
            dsame += (int64_t)ds;
            dcomp += (int64_t)rc.days_compared;
            for (size_t t = (size_t)(rp->fz_end > 0 ? rp->fz_end : 0); t < pl->nd; t++) {
                size_t k = l * pl->nd + t;
                if (!vw->old_own[k] || !vw->day_own[k]) continue;
                same += vw->same_own[k];
                compared += vw->old_own[k];
            }
        }
        acc = compared > 0 ? same / compared : 1.0;
    }
    snprintf(v, sizeof v, "%.1f%%", 100 * acc);
    snprintf(s, sizeof s,
             "of %scars in their old position after the frozen horizon; %s of %s "
             "line-days unchanged",
             vw->full ? "" : "your ", fmt(x, sizeof x, dsame), fmt(y, sizeof y, dcomp));
    sc__html_card(f, "", "Sequence accuracy", v, s);
    if (vw->full && rp->st.host_owed) { /* the host's own volume */
        snprintf(v, sizeof v, "%s", fmt(x, sizeof x, rp->st.host_caught_up));
        if (rp->st.host_value > 0)
            snprintf(s, sizeof s,
                     "of %s host cars of the old plan their week can no longer build, built later "
                     "(worth %s a car)",
                     fmt(y, sizeof y, rp->st.host_owed),
                     fmt(z, sizeof z, (int64_t)(rp->st.host_value + 0.5)));
        else
            snprintf(s, sizeof s,
                     "of %s host cars of the old plan their week can no longer build (no value set "
                     "to catch them up)",
                     fmt(y, sizeof y, rp->st.host_owed));
        sc__html_card(f, rp->st.host_caught_up < rp->st.host_owed ? "bad" : "good",
                      "Host demand caught up", v, s);
    }
    if (rp->st.shifts_offered) { /* their cost is the host's business */
        snprintf(v, sizeof v, "%zu", rp->st.shifts_used);
        if (vw->full)
            snprintf(s, sizeof s, "of %zu extra shifts offered used, costing %s",
                     rp->st.shifts_offered, fmt(x, sizeof x, (int64_t)(rp->st.shift_cost + 0.5)));
        else
            snprintf(s, sizeof s, "of %zu extra shifts offered used", rp->st.shifts_offered);
        sc__html_card(f, "", "Extra shifts", v, s);
    }
    fputs("</section>\n", f);
}

/* ------------------------------------------------------------ charts */

static void week_chart(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    size_t nw = pl->nw;
    char from[24];
    fprintf(f,
            "<h3>Cars per week, before and after <span class=\"sub\">from %s; the weeks before "
            "are the same in both plans</span></h3>\n",
            nice_date(sc, first_shown(pl), from));
    fputs("<div class=\"legend\"><span><i "
          "style=\"background:" BEFORE "\"></i>before (the published plan)</span><span><i "
          "style=\"background:#556\"></i>after (each brand's colour)</span><span><i "
          "style=\"background:" OUTAGE_FILL "\"></i>outage</span><span><i "
          "style=\"background:rgba(31,42,54,.12)\"></i>frozen horizon</span></div>\n",
          f);
    const double W = 1180, H = 180, L = 58, R = 10, T = 12, B = 26;
    int32_t z0 = first_shown(pl);
    size_t w0 = (size_t)z0 / 7;
    double pw = W - L - R, ph = H - T - B, px = pw / (double)(pl->nd - (size_t)z0);
    for (size_t b = 0; b < pl->nb; b++) {
        if (!sc__view_brand(v, (int32_t)b)) continue;
        int64_t ymax = 1, lost = 0, gained = 0;
        for (size_t w = 0; w < nw; w++) {
            int32_t o = rp->old_bw[b * nw + w], n = rp->new_bw[b * nw + w];
            if (w < w0) continue;
            if (o > ymax) ymax = o;
            if (n > ymax) ymax = n;
            if (o > n)
                lost += o - n;
            else
                gained += n - o;
        }
        int64_t step = sc__axis_step(ymax), top = (ymax + step - 1) / step * step;
        char x1[40], x2[40];
        fputs("<div class=\"panel\"><h3>", f);
        esc(f, sc__name(sc, sc->brand[b].name));
        fprintf(f,
                " <span class=\"sub\">%s cars lost in the weeks that build less, %s made up in "
                "the weeks that build more</span></h3>\n",
                fmt(x1, sizeof x1, lost), fmt(x2, sizeof x2, gained));
        fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", W, H, W);
        outage_bands(pl, f, z0, L, px, T, ph);
        for (int64_t y = 0; y <= top; y += step) {
            double yy = T + ph - ph * (double)y / (double)top;
            fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e9edf2\"/>",
                    L, W - R, yy, yy);
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", L - 6, yy + 4);
            num(f, y);
            fputs("</text>\n", f);
        }
        /* Steps: each week a flat segment over its 7 days. */
        for (int pass = 0; pass < 2; pass++) {
            const int32_t *cars = pass ? rp->new_bw : rp->old_bw;
            fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" %s points=\"",
                    pass ? brand_fill(sc, (int32_t)b) : BEFORE, pass ? "2" : "2.5",
                    pass ? "" : "stroke-dasharray=\"5,3\"");
            for (size_t w = w0; w < nw; w++) {
                double y = T + ph - ph * (double)cars[b * nw + w] / (double)top;
                fprintf(f, "%.1f,%.1f %.1f,%.1f ", L + px * (double)(7 * (w - w0)), y,
                        L + px * (double)(7 * (w - w0) + 7), y);
            }
            fputs("\"/>\n", f);
        }
        /* Hover titles per week. */
        for (size_t w = w0; w < nw; w++) {
            int32_t o = rp->old_bw[b * nw + w], n = rp->new_bw[b * nw + w];
            char wk[16];
            fprintf(
                f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"transparent\">"
                "<title>%s: %d before, %d after</title></rect>",
                L + px * (double)(7 * (w - w0)), T, px * 7, ph,
                sc__format_week(sc->day0 + (int32_t)(7 * w), wk), o, n);
        }
        month_ticks(pl, f, z0, L, px, T + ph);
        fputs("</svg></div>\n", f);
    }
}

/* Per line: cars behind the old plan, cumulated day by day. */
static void gap_chart(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    size_t nd = pl->nd, nl = pl->nl;
    static const char *const LINE_COL[] = {"#1f6fb2", "#e0782f", "#0f9d8a", "#c2417a",
                                           "#7a5ba6", "#5b8c2a", "#b8860b", "#3d4f63"};
    fputs(v->full ? "<h3>When each line is back on plan</h3>\n<p class=\"note\">Cars each line is "
                    "behind"
                  : "<h3>When each line is back on plan</h3>\n<p class=\"note\">Your cars each "
                    "line is behind",
          f);
    fputs(" the published plan, counted from the start of the horizon: the curve climbs while the "
          "line is down, stays flat while it builds as many cars as the old plan did, falls when "
          "it builds more (extra shifts, spare slots), and the line is back on plan from the day "
          "it builds the old plan's cars again (marked).</p>\n<div class=\"legend\">",
          f);
    /* Cars behind on line-day k: all cars in the full view, else the
    ** viewer's own. */
#define BEHIND(k) (v->full ? rp->old_lt[k] - rp->new_lt[k] : v->old_own[k] - v->day_own[k])
    int64_t ymax = 1;
    for (size_t l = 0; l < nl; l++) {
        if (!sc__view_line(v, l)) continue;
        int64_t cum = 0;
        for (size_t t = 0; t < nd; t++) {
            cum += BEHIND(l * nd + t);
            if (cum > ymax) ymax = cum;
        }
        fprintf(f, "<span><i style=\"background:%s\"></i>", LINE_COL[l % 8]);
        esc(f, sc__name(sc, sc->line[l].name));
        fputs("</span>", f);
    }
    fputs("</div>\n<div class=\"panel\">", f);
    const double W = 1180, H = 240, L = 58, R = 10, T = 12, B = 26;
    int32_t z0 = first_shown(pl);
    double pw = W - L - R, ph = H - T - B, px = pw / (double)(nd - (size_t)z0);
    int64_t step = sc__axis_step(ymax), top = (ymax + step - 1) / step * step;
    fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", W, H, W);
    outage_bands(pl, f, z0, L, px, T, ph);
    for (int64_t y = 0; y <= top; y += step) {
        double yy = T + ph - ph * (double)y / (double)top;
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e9edf2\"/>", L,
                W - R, yy, yy);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", L - 6, yy + 4);
        num(f, y);
        fputs("</text>\n", f);
    }
    for (size_t l = 0; l < nl; l++) {
        if (!sc__view_line(v, l)) continue;
        int64_t cum = 0;
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"",
                LINE_COL[l % 8]);
        for (size_t t = 0; t < nd; t++) {
            cum += BEHIND(l * nd + t);
            if (t < (size_t)z0) continue;
            double y = T + ph - ph * (double)(cum < 0 ? 0 : cum) / (double)top;
            fprintf(f, "%.1f,%.1f ", L + px * ((double)(t - (size_t)z0) + 0.5), y);
        }
        fputs("\"/>\n", f);
        const sc__line_recovery *r = &rp->rec[l];
        if (r->on_plan >= 0) {
            int64_t c = 0;
            for (size_t t = 0; t <= (size_t)r->on_plan; t++)
                c += BEHIND(l * nd + t);
            double x = L + px * ((double)(r->on_plan - z0) + 0.5);
            double y = T + ph - ph * (double)(c < 0 ? 0 : c) / (double)top;
            char d1[24];
            fprintf(f,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#fff\" stroke=\"%s\" "
                    "stroke-width=\"2\"><title>",
                    x, y, LINE_COL[l % 8]);
            esc(f, sc__name(sc, sc->line[l].name));
            fprintf(f, ": back on plan from %s</title></circle>\n", nice_date(sc, r->on_plan, d1));
        }
    }
#undef BEHIND
    month_ticks(pl, f, z0, L, px, T + ph);
    fputs("</svg></div>\n", f);
}

/* Sequence accuracy per line-day after the frozen horizon, one cell a day. */
static void accuracy_strip(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    size_t nd = pl->nd, nl = pl->nl;
    fputs("<h3>Sequence accuracy per line-day</h3>\n<p class=\"note\">The share of each "
          "line-day's published cars that stand in the same position in the new plan, for the "
          "line-days after the frozen horizon that both plans build. Dark: unchanged; light: "
          "resequenced (a single car more at the front shifts all behind it).</p>\n"
          "<div class=\"legend\"><span><i style=\"background:#08519c\"></i>100%</span><span><i "
          "style=\"background:#6baed6\"></i>50%</span><span><i "
          "style=\"background:#eff3ff\"></i>0%</span><span><i "
          "style=\"background:" OUTAGE_FILL "\"></i>down</span></div>\n<div class=\"panel\">",
          f);
    const double W = 1180, L = 90, R = 10, T = 6, RH = 18, B = 22;
    int32_t z0 = first_shown(pl);
    size_t rows = 0;
    for (size_t l = 0; l < nl; l++)
        rows += sc__view_line(v, l);
    double H = T + RH * (double)rows + B, px = (W - L - R) / (double)(nd - (size_t)z0);
    fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", W, H, W);
    size_t row = 0;
    for (size_t l = 0; l < nl; l++) {
        if (!sc__view_line(v, l)) continue;
        double y = T + RH * (double)row++;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", L - 6, y + RH - 5);
        esc(f, sc__name(sc, sc->line[l].name));
        fputs("</text>", f);
        for (size_t t = (size_t)z0; t < nd; t++) {
            size_t k = l * nd + t;
            const char *fill = NULL;
            char buf[8], d1[24];
            double a = -1;
            /* Over all cars in the full view, else over the viewer's own. */
            int32_t old = v->full ? rp->old_lt[k] : v->old_own[k];
            int32_t now = v->full ? rp->new_lt[k] : v->day_own[k];
            int32_t same = v->full ? rp->same_pos[k] : v->same_own[k];
            if (rp->down[k] && old)
                fill = OUTAGE_FILL;
            else if ((int32_t)t >= rp->fz_end && old && now) {
                a = (double)same / (double)old;
                /* From #eff3ff (0) to #08519c (1). */
                int r = (int)(0xef + (0x08 - 0xef) * a), g = (int)(0xf3 + (0x51 - 0xf3) * a),
                    bl = (int)(0xff + (0x9c - 0xff) * a);
                snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, bl);
                fill = buf;
            }
            if (!fill) continue;
            fprintf(f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\">",
                    L + px * (double)(t - (size_t)z0), y + 2, px + 0.05, RH - 4, fill);
            if (a >= 0)
                fprintf(f, "<title>%s: %.0f%% of %d cars in place</title>",
                        nice_date(sc, (int32_t)t, d1), 100 * a, old);
            fputs("</rect>", f);
        }
        fputs("\n", f);
    }
    month_ticks(pl, f, z0, L, px, T + RH * (double)rows);
    fputs("</svg></div>\n", f);
}

/* ------------------------------------------------------------ tables */

static void brand_table(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("<h3>Brands</h3>\n<table><tr><th class=\"t\">brand</th><th>cars before</th><th>cars "
          "after</th><th>change</th><th>late orders before</th><th>after</th><th>unplanned "
          "before</th><th>after</th><th>contract shortfall before</th><th>after</th></tr>\n",
          f);
    for (size_t b = 0; b < pl->nb; b++) {
        if (!sc__view_brand(v, (int32_t)b)) continue;
        sc_replan_brand r;
        sc_replan_brand_get(pl, sc__name(sc, sc->brand[b].name), &r, NULL);
        fputs("<tr><td class=\"t\">", f);
        esc(f, sc__name(sc, sc->brand[b].name));
        if (sc->brand[b].host) fputs(" (host)", f);
        fputs("</td>", f);
        int64_t val[] = {r.cars_before,     r.cars_after,       r.cars_after - r.cars_before,
                         r.late_before,     r.late_after,       r.unplanned_before,
                         r.unplanned_after, r.shortfall_before, r.shortfall_after};
        for (size_t i = 0; i < sizeof val / sizeof *val; i++) {
            fputs("<td>", f);
            if (sc->brand[b].host && i >= 3)
                fputs("–", f);
            else
                num(f, val[i]);
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void line_table(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs(v->full ? "<h3>Lines</h3>\n<table><tr><th class=\"t\">line</th><th class=\"t\">down</th>"
                    "<th>cars the old plan built then</th>"
                  : "<h3>Lines</h3>\n<table><tr><th class=\"t\">line</th><th class=\"t\">down</th>"
                    "<th>your cars the old plan built then</th>",
          f);
    fputs("<th class=\"t\">builds again</th><th class=\"t\">back on "
          "plan</th><th>cars behind at the end</th><th>sequence accuracy</th></tr>\n",
          f);
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        sc__line_recovery rec;
        size_t ds;
        sc__view_recovery(v, l, &rec, &ds);
        const sc__line_recovery *r = &rec;
        char a[24], b[24];
        fputs("<tr><td class=\"t\">", f);
        esc(f, sc__name(sc, sc->line[l].name));
        fputs("</td><td class=\"t\">", f);
        if (r->down_from >= 0)
            fprintf(f, "%s to %s", nice_date(sc, r->down_from, a), nice_date(sc, r->down_to, b));
        else
            fputs("–", f);
        fputs("</td><td>", f);
        num(f, r->lost);
        fprintf(f, "</td><td class=\"t\">%s</td><td class=\"t\">%s</td><td>",
                r->down_to < 0    ? "–"
                : r->restart >= 0 ? nice_date(sc, r->restart, a)
                                  : "not in the horizon",
                r->down_to < 0    ? "–"
                : r->on_plan >= 0 ? nice_date(sc, r->on_plan, b)
                                  : "not in the horizon");
        num(f, r->behind < 0 ? -r->behind : r->behind);
        if (r->behind < 0) fputs(" ahead", f);
        fprintf(f, "</td><td>%.1f%%</td></tr>\n", 100 * r->accuracy);
    }
    fputs("</table>\n", f);
}

static void carried_table(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    if (!rp->ncarried) return;
    fputs("<h3>Frozen cars whose line is down</h3>\n<p class=\"note\">Published for days of the "
          "frozen horizon (or before it) on which their line is down, they cannot be built then. "
          "Each published day goes whole, in its published order, to its line's next working "
          "day after the frozen horizon, fixed at the front; a day that another carried day "
          "follows takes no other car, so that the windows over each night stay as "
          "published. diff.csv lists every car.</p>\n"
          "<table><tr><th class=\"t\">line</th><th class=\"t\">published for</th><th>days</th>"
          "<th>cars</th><th class=\"t\">built on</th><th>lost</th></tr>\n",
          f);
    for (size_t l = 0; l < pl->nl; l++) {
        sc__carried_span cs;
        sc__replan_carried_span(pl, l, v, &cs);
        if (!cs.cars) continue;
        char a[24], b[24];
        fputs("<tr><td class=\"t\">", f);
        esc(f, sc__name(sc, sc->line[l].name));
        fprintf(f, "</td><td class=\"t\">%s", nice_date(sc, cs.pub_from, a));
        if (cs.pub_to != cs.pub_from) fprintf(f, " to %s", nice_date(sc, cs.pub_to, b));
        fprintf(f, "</td><td>%lld</td><td>", (long long)cs.days);
        num(f, cs.cars);
        fputs("</td><td class=\"t\">", f);
        if (cs.built_from < 0)
            fputs("no day before the end of the horizon", f);
        else {
            fputs(nice_date(sc, cs.built_from, a), f);
            if (cs.built_to != cs.built_from) fprintf(f, " to %s", nice_date(sc, cs.built_to, b));
        }
        fputs("</td><td>", f);
        num(f, cs.lost);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void shift_table(const sc_plan *pl, FILE *f) {
    const sc_scenario *sc = pl->sc;
    const sc__replan *rp = pl->rp;
    if (!pl->fr.nshifts) return;
    char x[40];
    fprintf(f,
            "<h3>Extra shifts</h3>\n<p class=\"note\">%zu extra shifts of %g hours were offered "
            "at %s each. The allocation takes one only where the lateness and contract "
            "shortfall it saves cost more than the shift; ",
            pl->fr.nshifts, rp->shift_hours, fmt(x, sizeof x, (int64_t)(rp->shift_cost + 0.5)));
    if (!rp->st.shifts_used) {
        fputs("none was worth it here (when a guest's weekly maximum or the spreading rule "
              "caps what it may build, more slots do not help).</p>\n",
              f);
        return;
    }
    fprintf(f,
            "%zu were, for %s in all.</p>\n<table><tr><th class=\"t\">line</th><th "
            "class=\"t\">date</th><th>slots</th><th>cars that day</th><th>cost</th></tr>\n",
            rp->st.shifts_used, fmt(x, sizeof x, (int64_t)(rp->st.shift_cost + 0.5)));
    for (size_t s = 0; s < pl->fr.nshifts; s++) {
        const sc__shift *sh = &pl->fr.shift[s];
        if (!sh->used) continue;
        char a[24];
        fputs("<tr><td class=\"t\">", f);
        esc(f, sc__name(sc, sc->line[sh->line].name));
        fprintf(f, "</td><td class=\"t\">%s</td><td>%d</td><td>%d</td><td>",
                nice_date(sc, sh->day, a), sh->slots,
                rp->new_lt[(size_t)sh->line * pl->nd + (size_t)sh->day]);
        num(f, (int64_t)(sh->cost + 0.5));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

void sc__report_replan(const sc_plan *pl, const sc__view *v, FILE *f) {
    story(pl, v, f);
    cards(pl, v, f);
    week_chart(pl, v, f);
    gap_chart(pl, v, f);
    accuracy_strip(pl, v, f);
    brand_table(pl, v, f);
    line_table(pl, v, f);
    carried_table(pl, v, f);
    if (v->full) shift_table(pl, f);
}
