/*
** report.html: one self-contained page (inline CSS and SVG, no script, no
** external font) that shows a plan to the planners who use it:
**
**   - the headline numbers;
**   - per line, capacity against the host's and the guests' cars per week,
**     as stacked bars, with the slots a calendar closure took outlined;
**   - utilisation per line and week as a heat map;
**   - each guest's contract: cars built per week against its minimum and
**     maximum, and the cause of every week short;
**   - sequence strips of chosen line-days (the busiest guest day of each
**     line, and the first day with a rule violation), one block per car in
**     its paint colour, guest cars marked above, cars in violated windows
**     marked below;
**   - tables: lines, late and unplanned orders by reason, the MIP.
**
** In a brand's view the host and the other guests appear only as "others"
** (aggregate cars per line and week; grey blocks in the strips): no model,
** option, colour or id of theirs is written.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../plan/plan.h"
#include "../plan/view.h"
#include "html.h"
#include "report.h"

static const char *const GUEST_FILL[] = {"#0f9d8a", "#e0782f", "#7a5ba6", "#c2417a", "#5b8c2a"};
#define HOST_FILL "#3d4f63"
#define OTHERS_FILL "#8c96a3"
#define SPARE_FILL "#e4e8ee"

/* ------------------------------------------------------------ helpers */

#define esc sc__html_esc

/* Writes 'v' with thousands separators. */
static void num(FILE *f, int64_t v) {
    char buf[32], out[48];
    snprintf(buf, sizeof buf, "%llu", v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
    size_t n = strlen(buf), k = 0;
    if (v < 0) out[k++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = buf[i];
    }
    out[k] = '\0';
    fputs(out, f);
}

static const char *bname(const sc_plan *pl, int32_t b) {
    return sc__name(pl->sc, pl->sc->brand[b].name);
}

/* The guest's index among the guests, for its colour. */
static const char *guest_fill(const sc_plan *pl, int32_t b) {
    size_t k = 0;
    for (int32_t i = 0; i < b; i++)
        k += !pl->sc->brand[i].host;
    return GUEST_FILL[k % (sizeof GUEST_FILL / sizeof *GUEST_FILL)];
}

static uint32_t hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/*
** A paint colour for a colour's name: a known colour word in the name gives
** the hue ("Santorini Black", "Eiger Grey"), varied a little by the name so
** that two greys differ; other names get a colour from their hash.
*/
static void paint(const char *name, char out[8]) {
    static const struct {
        const char *word;
        int r, g, b;
    } WORDS[] = {
        {"black", 28, 28, 30},     {"white", 242, 242, 236},     {"pearl", 232, 228, 216},
        {"silver", 192, 196, 200}, {"grey", 128, 132, 138},      {"gray", 128, 132, 138},
        {"blue", 40, 84, 150},     {"red", 178, 38, 34},         {"green", 46, 104, 70},
        {"bronze", 140, 98, 57},   {"brown", 104, 72, 44},       {"orange", 220, 116, 30},
        {"yellow", 232, 196, 70},  {"gold", 196, 160, 80},       {"beige", 214, 198, 168},
        {"purple", 104, 62, 130},  {"champagne", 222, 206, 170},
    };
    char low[128];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof low; n++)
        low[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
    low[n] = '\0';
    uint32_t h = hash(name);
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++)
        if (strstr(low, WORDS[i].word)) {
            int d = (int)(h % 31) - 15;
            int r = WORDS[i].r + d, g = WORDS[i].g + d, b = WORDS[i].b + d;
            r = r < 0 ? 0 : r > 255 ? 255 : r;
            g = g < 0 ? 0 : g > 255 ? 255 : g;
            b = b < 0 ? 0 : b > 255 ? 255 : b;
            snprintf(out, 8, "#%02x%02x%02x", r, g, b);
            return;
        }
    /* HSL with the hash as hue, mid saturation and lightness. */
    double hue = (double)(h % 360), s = 0.55, l = 0.5;
    double c = (1 - fabs(2 * l - 1)) * s, x = c * (1 - fabs(fmod(hue / 60, 2) - 1)), m = l - c / 2;
    double r = 0, g = 0, b = 0;
    if (hue < 60)
        r = c, g = x;
    else if (hue < 120)
        r = x, g = c;
    else if (hue < 180)
        g = c, b = x;
    else if (hue < 240)
        g = x, b = c;
    else if (hue < 300)
        r = x, b = c;
    else
        r = c, b = x;
    snprintf(out, 8, "#%02x%02x%02x", (int)((r + m) * 255), (int)((g + m) * 255),
             (int)((b + m) * 255));
}

/* Is paint 'hex' light (needs a dark outline)? */
static bool light(const char *hex) {
    unsigned r, g, b;
    if (sscanf(hex, "#%02x%02x%02x", &r, &g, &b) != 3) return false;
    return 0.299 * r + 0.587 * g + 0.114 * b > 200;
}

static const char *week_short(const sc_plan *pl, size_t w, char buf[16]) {
    int y, wk;
    sc__iso_week_of(pl->sc->day0 + (int32_t)(7 * w), &y, &wk);
    snprintf(buf, 16, "W%02d", wk);
    return buf;
}

static const char *week_long(const sc_plan *pl, size_t w, char buf[16]) {
    return sc__format_week(pl->sc->day0 + (int32_t)(7 * w), buf);
}

/* ------------------------------------------------------------ the page's head */

static void head(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, sc__name(sc, sc->name));
    fputs(
        " · sparecap plan</title>\n<style>\n"
        ":root{--ink:#1f2a36;--muted:#5d6b7a;--line:#d8dee6;--bg:#f6f8fa;--host:" HOST_FILL
        ";--spare:" SPARE_FILL "}\n"
        "*{box-sizing:border-box}\n"
        "body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica "
        "Neue',Arial,sans-serif;color:var(--ink);background:var(--bg)}\n"
        "main{max-width:1240px;margin:0 auto;padding:24px 28px 60px}\n"
        "header{background:#1f2a36;color:#fff;padding:22px 28px}\n"
        "header .in{max-width:1240px;margin:0 auto}\n"
        "header h1{margin:0 0 4px;font-size:24px;font-weight:600}\n"
        "header p{margin:0;color:#c5cfda}\n"
        "h2{font-size:18px;margin:34px 0 6px;padding-bottom:4px;border-bottom:2px solid "
        "var(--line)}\n"
        "h3{font-size:15px;margin:18px 0 4px}\n"
        "p.note{color:var(--muted);margin:4px 0 12px;max-width:900px}\n"
        ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px;"
        "margin:18px 0}\n"
        ".card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}\n"
        ".card "
        ".k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}\n"
        ".card .v{font-size:24px;font-weight:600;margin-top:2px}\n"
        ".card .s{color:var(--muted);font-size:12px}\n"
        ".card.bad .v{color:#b42318}.card.good .v{color:#087443}\n"
        ".panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;"
        "margin:10px 0}\n"
        ".panel h3{margin:2px 0 2px}\n"
        ".sub{color:var(--muted);font-size:12px}\n"
        "svg{display:block;max-width:100%;height:auto}\n"
        "svg text{font:11px system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
        "fill:#4a5866}\n"
        "table{border-collapse:collapse;background:#fff;margin:8px 0 16px;font-size:13px}\n"
        "th,td{border:1px solid var(--line);padding:4px 9px;text-align:right;vertical-align:top}\n"
        "th{background:#eef2f6;font-weight:600}\n"
        "td.t,th.t{text-align:left}\n"
        ".legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:6px 0;font-size:12px;"
        "color:var(--muted)}\n"
        ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;"
        "vertical-align:-2px;border:1px solid rgba(0,0,0,.15)}\n"
        "ul.notes{color:var(--muted);margin:6px 0;padding-left:20px;max-width:1000px}\n"
        "footer{color:var(--muted);font-size:12px;margin-top:40px}\n"
        "</style></head><body>\n<header><div class=\"in\"><h1>",
        f);
    esc(f, sc__name(sc, sc->name));
    char a[16], b[16];
    fprintf(f, "</h1><p>Horizon %s to %s (%zu weeks) · %zu plants, %zu lines · ",
            week_long(pl, 0, a), week_long(pl, pl->nw - 1, b), pl->nw, sc->nplants, sc->nlines);
    if (v->full)
        fputs("the host's full view", f);
    else {
        fputs("the view of ", f);
        esc(f, sc__view_name(v));
        fputs(": other brands appear only as aggregate capacity", f);
    }
    fputs("</p></div></header>\n<main>\n", f);
}

/* ------------------------------------------------------------ KPIs */

static void kpis(const sc_plan *pl, const sc__view *vw, FILE *f) {
    (void)pl;
    sc_plan_kpis k;
    sc__view_kpis(vw, &k);
    char v[64], s[160], a[32], b[32], c[32];
    fputs("<section class=\"cards\">\n", f);
    sc__fmt_num(v, sizeof v, k.capacity);
    sc__html_card(f, "", "Capacity", v, "slots over the horizon, all lines");
    if (vw->full) {
        sc__fmt_num(v, sizeof v, k.host_cars);
        snprintf(s, sizeof s, "%.1f%% of capacity",
                 k.capacity ? 100.0 * (double)k.host_cars / (double)k.capacity : 0);
        sc__html_card(f, "", "Host cars", v, s);
    }
    sc__fmt_num(v, sizeof v, k.guest_cars);
    snprintf(s, sizeof s, "%.1f%% of capacity",
             k.capacity ? 100.0 * (double)k.guest_cars / (double)k.capacity : 0);
    sc__html_card(f, "", vw->full ? "Guest cars" : "Your cars", v, s);
    snprintf(v, sizeof v, "%.1f%%", 100 * k.utilisation);
    sc__fmt_num(a, sizeof a, k.spare);
    snprintf(s, sizeof s, "%s slots left empty", a);
    sc__html_card(f, "", "Utilisation", v, s);
    if (k.contract_min > 0) {
        snprintf(v, sizeof v, "%.1f%%",
                 100.0 * (double)(k.contract_min - k.shortfall) / (double)k.contract_min);
        sc__fmt_num(a, sizeof a, k.shortfall);
        snprintf(s, sizeof s, "of the weekly minimums met; %s cars short in %d weeks", a,
                 k.weeks_short);
        sc__html_card(f, k.shortfall ? "bad" : "good", "Contract", v, s);
    }
    if (k.orders) {
        snprintf(v, sizeof v, "%.1f%%", 100.0 * (double)k.on_time / (double)k.orders);
        sc__fmt_num(a, sizeof a, k.late);
        sc__fmt_num(b, sizeof b, k.unplanned);
        sc__fmt_num(c, sizeof c, k.orders);
        snprintf(s, sizeof s, "of %s %s orders on time; %s late, %s unplanned",
                 vw->full ? "the guests'" : "your", c, a, b);
        sc__html_card(f, k.late + k.unplanned ? "bad" : "good", "Orders on time", v, s);
    }
    sc__fmt_num(a, sizeof a, (int64_t)k.line_days);
    snprintf(v, sizeof v, "%zu", k.days_violating_high);
    snprintf(s, sizeof s,
             "of %s line-days break a high-priority rule; %zu a low-priority one, %zu a "
             "hard constraint",
             a, k.days_violating - k.days_violating_high, k.days_infeasible);
    sc__html_card(f, k.days_infeasible || k.days_violating_high ? "bad" : "good", "Rule violations",
                  v, s);
    if (vw->full && k.guest_cars + k.host_cars > 0) {
        snprintf(v, sizeof v, "%.1f",
                 100.0 * (double)k.colour_changes / (double)(k.guest_cars + k.host_cars));
        sc__html_card(f, "", "Colour changes", v, "per 100 cars, paint shop");
    }
    if (vw->full && k.host_unmet) {
        sc__fmt_num(v, sizeof v, k.host_unmet);
        sc__html_card(f, "bad", "Host demand unmet", v, "beyond its lines' capacity");
    }
    fputs("</section>\n", f);
}

/* ------------------------------------------------------------ capacity bars */

/* Cars of line-week k as the view counts them. */
static int64_t week_used(const sc__view *v, size_t k) {
    return v->full ? (int64_t)v->pl->wk_host[k] + v->pl->wk_guest[k]
                   : (int64_t)v->wk_own[k] + v->wk_others[k];
}

/* Per line, one stacked bar per week: host (or others), guests, spare, and
** the slots the calendar took, outlined. */
static void capacity_bars(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    size_t nw = pl->nw;
    fputs("<h2>Capacity and volume per line and week</h2>\n<p class=\"note\">Each bar is a week: ",
          f);
    fputs(v->full ? "the host's cars at the bottom, then each guest's, then the spare slots up "
                    "to the week's capacity."
                  : "the cars of the others at the bottom (aggregate), then yours, then the spare "
                    "slots up to the week's capacity.",
          f);
    fputs(" A dashed outline shows slots a bank holiday or shutdown took from the line's usual "
          "week.</p>\n<div class=\"legend\">",
          f);
    if (v->full) {
        fputs("<span><i style=\"background:" HOST_FILL "\"></i>", f);
        esc(f, sc->host >= 0 ? bname(pl, sc->host) : "host");
        fputs(" (host)</span>", f);
        for (size_t b = 0; b < pl->nb; b++)
            if (!sc->brand[b].host) {
                fprintf(f, "<span><i style=\"background:%s\"></i>", guest_fill(pl, (int32_t)b));
                esc(f, bname(pl, (int32_t)b));
                fputs("</span>", f);
            }
    } else {
        fputs("<span><i style=\"background:" OTHERS_FILL "\"></i>others</span>", f);
        fprintf(f, "<span><i style=\"background:%s\"></i>", guest_fill(pl, v->brand));
        esc(f, sc__view_name(v));
        fputs("</span>", f);
    }
    fputs("<span><i style=\"background:" SPARE_FILL "\"></i>spare</span>"
          "<span><i style=\"background:#fff;border:1px dashed #8c96a3\"></i>closed "
          "(calendar)</span></div>\n",
          f);
    const double W = 1180, H = 170, L = 52, R = 8, T = 10, B = 24;
    double bw = (W - L - R) / (double)nw;
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        const sc__line *ln = &sc->line[l];
        int64_t ymax = 1;
        for (size_t w = 0; w < nw; w++) {
            int64_t top_w = pl->wk_nominal[l * nw + w] > pl->wk_cap[l * nw + w]
                                ? pl->wk_nominal[l * nw + w]
                                : pl->wk_cap[l * nw + w];
            if (top_w > ymax) ymax = top_w;
        }
        int64_t step = sc__axis_step(ymax);
        int64_t top = (ymax + step - 1) / step * step;
        int64_t cap = 0, used = 0;
        for (size_t w = 0; w < nw; w++) {
            cap += pl->wk_cap[l * nw + w];
            used += week_used(v, l * nw + w);
        }
        fputs("<div class=\"panel\"><h3>", f);
        esc(f, sc__name(sc, ln->name));
        fputs(" <span class=\"sub\">plant ", f);
        esc(f, sc__name(sc, sc->plant[ln->plant].name));
        fprintf(f,
                " · %g jobs/h × %g h = %d slots per working day · utilisation %.1f%%</span></h3>\n",
                ln->rate, ln->hours, ln->slots, cap ? 100.0 * (double)used / (double)cap : 0);
        fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", W, H, W);
        double ph = H - T - B;
        for (int64_t y = 0; y <= top; y += step) {
            double yy = T + ph - ph * (double)y / (double)top;
            fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e9edf2\"/>",
                    L, W - R, yy, yy);
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", L - 6, yy + 4);
            num(f, y);
            fputs("</text>\n", f);
        }
        for (size_t w = 0; w < nw; w++) {
            size_t k = l * nw + w;
            double x = L + bw * (double)w + bw * 0.1, bwid = bw * 0.8;
            double y = T + ph;
            char wl[16];
            int64_t c = pl->wk_cap[k], host = pl->wk_host[k], guests = pl->wk_guest[k];
            int64_t nominal = pl->wk_nominal[k];
            if (!v->full) { /* the others' slots, then the viewer's cars */
                host = v->wk_others[k];
                guests = v->wk_own[k];
            }
            fprintf(f, "<g><title>%s: capacity %lld", week_long(pl, w, wl), (long long)c);
            if (v->full) {
                fprintf(f, ", host %lld", (long long)host);
                for (size_t b = 0; b < pl->nb; b++)
                    if (!sc->brand[b].host) {
                        fputs(", ", f);
                        esc(f, bname(pl, (int32_t)b));
                        fprintf(f, " %lld", (long long)sc__view_brand_week(v, (int32_t)b, l, w));
                    }
            } else {
                fprintf(f, ", others %lld, yours %lld", (long long)host, (long long)guests);
            }
            fprintf(f, ", spare %lld</title>", (long long)(c - host - guests));
            if (nominal > c) {
                double hh = ph * (double)nominal / (double)top;
                fprintf(f,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
                        "stroke=\"#8c96a3\" stroke-dasharray=\"3,2\"/>",
                        x, T + ph - hh, bwid, hh);
            }
            /* Segments bottom-up. */
            struct seg {
                int64_t v;
                const char *fill;
            } segs[8];
            size_t ns = 0;
            if (v->full) {
                segs[ns++] = (struct seg){host, HOST_FILL};
                for (size_t b = 0; b < pl->nb && ns < 7; b++)
                    if (!sc->brand[b].host)
                        segs[ns++] = (struct seg){sc__view_brand_week(v, (int32_t)b, l, w),
                                                  guest_fill(pl, (int32_t)b)};
            } else {
                segs[ns++] = (struct seg){host, OTHERS_FILL};
                segs[ns++] = (struct seg){guests, guest_fill(pl, v->brand)};
            }
            segs[ns++] = (struct seg){c - host - guests, SPARE_FILL};
            for (size_t i = 0; i < ns; i++) {
                if (segs[i].v <= 0) continue;
                double hh = ph * (double)segs[i].v / (double)top;
                y -= hh;
                fprintf(f,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>",
                        x, y, bwid, hh, segs[i].fill);
            }
            fputs("</g>\n", f);
            size_t every = nw <= 26 ? 1 : nw <= 60 ? 4 : nw <= 160 ? 13 : 26;
            if (w % every == 0)
                fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                        x + bwid / 2, H - 8, week_short(pl, w, wl));
        }
        fputs("</svg></div>\n", f);
    }
}

/* ------------------------------------------------------------ heat map */

/* White to deep blue for 0..1. */
static void heat(double u, char out[8]) {
    if (u < 0) u = 0;
    if (u > 1) u = 1;
    static const double S[5][4] = {
        {0.0, 247, 251, 255}, {0.5, 198, 219, 239}, {0.75, 107, 174, 214},
        {0.9, 33, 113, 181},  {1.0, 8, 48, 107},
    };
    size_t i = 0;
    while (i < 3 && u > S[i + 1][0])
        i++;
    double t = (u - S[i][0]) / (S[i + 1][0] - S[i][0]);
    snprintf(out, 8, "#%02x%02x%02x", (int)(S[i][1] + t * (S[i + 1][1] - S[i][1])),
             (int)(S[i][2] + t * (S[i + 1][2] - S[i][2])),
             (int)(S[i][3] + t * (S[i + 1][3] - S[i][3])));
}

/* Utilisation per line (rows) and week (columns), closed weeks hatched. */
static void heat_map(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    size_t nw = pl->nw, rows = 0;
    for (size_t l = 0; l < pl->nl; l++)
        rows += sc__view_line(v, l);
    fputs("<h2>Utilisation</h2>\n<p class=\"note\">Cars planned (all brands) as a share of each "
          "line's capacity, per week. Hatched: the line does not work that week.</p>\n",
          f);
    const double L = 150, T = 8, ch = 20, R = 8;
    double W = 1180, cw = (W - L - R) / (double)nw;
    double H = T + ch * (double)rows + 44;
    fprintf(f,
            "<div class=\"panel\"><svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n"
            "<defs><pattern id=\"hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" "
            "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" fill=\"#f1f3f6\"/>"
            "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#c9d0d8\" stroke-width=\"2\"/>"
            "</pattern></defs>\n",
            W, H, W);
    size_t row = 0;
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        double y = T + ch * (double)row++;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", L - 8, y + ch / 2 + 4);
        esc(f, sc__name(sc, sc->line[l].name));
        fputs("</text>\n", f);
        for (size_t w = 0; w < nw; w++) {
            size_t k = l * nw + w;
            char col[8], wl[16];
            double x = L + cw * (double)w;
            if (!pl->wk_cap[k]) {
                fprintf(f,
                        "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
                        "fill=\"url(#hatch)\"><title>%s: closed</title></rect>\n",
                        x, y, cw - 1, ch - 2, week_long(pl, w, wl));
                continue;
            }
            double u = (double)week_used(v, k) / (double)pl->wk_cap[k];
            heat(u, col);
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\">"
                    "<title>%s: %.0f%% of %d slots</title></rect>",
                    x, y, cw - 1, ch - 2, col, week_long(pl, w, wl), 100 * u, pl->wk_cap[k]);
            if (cw >= 18)
                fprintf(f,
                        "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" "
                        "style=\"font-size:9px;fill:%s\">%.0f</text>",
                        x + (cw - 1) / 2, y + ch / 2 + 3, u > 0.8 ? "#fff" : "#33414f", 100 * u);
            fputc('\n', f);
        }
    }
    double y = T + ch * (double)rows + 14;
    size_t every = nw <= 26 ? 1 : nw <= 60 ? 4 : nw <= 160 ? 13 : 26;
    for (size_t w = 0; w < nw; w += every) {
        char wl[16];
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                L + cw * ((double)w + 0.5), y, week_short(pl, w, wl));
    }
    /* The scale. */
    double sx = L, sy = y + 12;
    for (int i = 0; i <= 20; i++) {
        char col[8];
        heat(i / 20.0, col);
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                sx + 10 * i, sy - 9, col);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">0%%</text><text x=\"%.1f\" y=\"%.1f\">100%%</text>\n",
            sx - 22, sy, sx + 214, sy);
    fputs("</svg></div>\n", f);
}

/* ------------------------------------------------------------ contracts */

/* Per guest: cars built per week against the minimum and maximum, and the
** cause of every week short. */
static void contracts(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    size_t nw = pl->nw;
    bool any = false;
    for (size_t b = 0; b < pl->nb; b++)
        any |= !sc->brand[b].host && sc__view_brand(v, (int32_t)b);
    if (!any) return;
    fputs("<h2>Contract fulfilment</h2>\n<p class=\"note\">Cars built per week for each guest, "
          "against the contract's weekly minimum (red dashes) and maximum (grey dashes). A red bar "
          "is a week short of the minimum; the table names what bound it.</p>\n",
          f);
    for (size_t b = 0; b < pl->nb; b++) {
        const sc__brand *br = &sc->brand[b];
        if (br->host || !sc__view_brand(v, (int32_t)b)) continue;
        int64_t built = 0, need = 0, shortv = 0;
        int64_t ymax = br->max_week > br->min_week ? br->max_week : br->min_week;
        for (size_t w = 0; w < nw; w++) {
            int32_t x = pl->built_bw[b * nw + w];
            built += x;
            if (x > ymax) ymax = x;
            if (br->min_week > 0) {
                need += br->min_week;
                if (x < br->min_week) shortv += br->min_week - x;
            }
        }
        if (ymax < 1) ymax = 1;
        fputs("<div class=\"panel\"><h3>", f);
        esc(f, bname(pl, (int32_t)b));
        fputs(" <span class=\"sub\">", f);
        num(f, built);
        fputs(" cars built", f);
        if (br->min_week >= 0) fprintf(f, " · minimum %d a week", br->min_week);
        if (br->max_week >= 0) fprintf(f, " · maximum %d a week", br->max_week);
        if (need) {
            fprintf(f, " · %.1f%% of the minimums met, ",
                    100.0 * (double)(need - shortv) / (double)need);
            num(f, shortv);
            fputs(" cars short", f);
        }
        fputs("</span></h3>\n", f);
        const double W = 1180, H = 170, L = 52, R = 8, T = 10, B = 24;
        double bw = (W - L - R) / (double)nw, ph = H - T - B;
        int64_t step = sc__axis_step(ymax);
        int64_t top = (ymax + step - 1) / step * step;
        if (top == ymax) top += step;
        fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", W, H, W);
        for (int64_t y = 0; y <= top; y += step) {
            double yy = T + ph - ph * (double)y / (double)top;
            fprintf(f,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e9edf2\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                    L, W - R, yy, yy, L - 6, yy + 4);
            num(f, y);
            fputs("</text>\n", f);
        }
        for (size_t w = 0; w < nw; w++) {
            int32_t x = pl->built_bw[b * nw + w];
            bool is_short = br->min_week > 0 && x < br->min_week;
            double hh = ph * (double)x / (double)top;
            char wl[16];
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">"
                    "<title>%s: %d built</title></rect>\n",
                    L + bw * (double)w + bw * 0.1, T + ph - hh, bw * 0.8, hh,
                    is_short ? "#d9463b" : guest_fill(pl, (int32_t)b), week_long(pl, w, wl), x);
            size_t every = nw <= 26 ? 1 : nw <= 60 ? 4 : nw <= 160 ? 13 : 26;
            if (w % every == 0)
                fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                        L + bw * ((double)w + 0.5), H - 8, week_short(pl, w, wl));
        }
        if (br->min_week > 0) {
            double yy = T + ph - ph * (double)br->min_week / (double)top;
            fprintf(f,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#b42318\" "
                    "stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                    "style=\"fill:#b42318\">min</text>\n",
                    L, W - R, yy, yy, W - R - 2, yy - 3);
        }
        if (br->max_week >= 0) {
            double yy = T + ph - ph * (double)br->max_week / (double)top;
            fprintf(f,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#5d6b7a\" "
                    "stroke-width=\"1.5\" stroke-dasharray=\"2,3\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">max</text>\n",
                    L, W - R, yy, yy, W - R - 2, yy - 3);
        }
        fputs("</svg>\n", f);
        if (shortv) {
            fputs("<table><tr><th class=\"t\">week</th><th>minimum</th><th>built</th><th>short</th>"
                  "<th class=\"t\">cause</th></tr>\n",
                  f);
            for (size_t w = 0; w < nw; w++) {
                int32_t x = pl->built_bw[b * nw + w];
                if (br->min_week <= 0 || x >= br->min_week) continue;
                char wl[16];
                fprintf(
                    f,
                    "<tr><td class=\"t\">%s</td><td>%d</td><td>%d</td><td>%d</td><td class=\"t\">",
                    week_long(pl, w, wl), br->min_week, x, br->min_week - x);
                char why[512];
                esc(f, sc__view_cause_text(v, pl->short_cause[b * nw + w], why, sizeof why));
                fputs("</td></tr>\n", f);
            }
            fputs("</table>\n", f);
        }
        fputs("</div>\n", f);
    }
}

/* ------------------------------------------------------------ sequence strips */

/* Marks in 'bad' the day cars (of line-day k) in a window that breaks one
** of the line's rules; counts windows from the previous line-day's tail.
** Only the viewer's cars count: in a guest's view a window is over a rule by
** the guest's own cars alone, since the others' options are not its to
** know. */
static size_t violations(const sc_plan *pl, const sc__view *v, size_t k, uint8_t *bad) {
    const sc_scenario *sc = pl->sc;
    const sc__lineday *ld = &pl->ld[k];
    const sc__line *ln = &sc->line[ld->line];
    const sc__lineday *pv = k > 0 && pl->ld[k - 1].line == ld->line ? &pl->ld[k - 1] : NULL;
    size_t nrule = ln->nrules + (ln->spread.on ? 1 : 0), nbad = 0;
    memset(bad, 0, ld->n);
    for (size_t r = 0; r < nrule; r++) {
        bool spread = r == ln->nrules;
        int n = spread ? ln->spread.n : ln->rule[r].n, p = spread ? ln->spread.p : ln->rule[r].p;
        size_t tail = pv ? ((size_t)p - 1 < pv->n ? (size_t)p - 1 : pv->n) : 0;
        size_t tot = tail + ld->n;
        /* has(i) over the tail then the day */
#define CAR(i)                                                                                     \
    ((i) < tail ? &pl->car[pv->first + pv->n - tail + (i)] : &pl->car[ld->first + (i)-tail])
#define HAS(i)                                                                                                 \
    (!sc__view_car(v, CAR(i)) ? false                                                                          \
     : spread                 ? (!sc->brand[sc->model[CAR(i)->model].brand].host &&                            \
                 (ln->spread.brand < 0 || ln->spread.brand == sc->model[CAR(i)->model].brand)) \
                              : ((CAR(i)->opts >> ln->rule[r].option) & 1) != 0)
        if (tot < (size_t)p) continue;
        int c = 0;
        for (size_t i = 0; i < tot; i++) {
            c += HAS(i);
            if (i >= (size_t)p) c -= HAS(i - (size_t)p);
            if (i + 1 >= (size_t)p && i >= tail && c > n) {
                nbad++;
                for (size_t j = i + 1 - (size_t)p; j <= i; j++)
                    if (j >= tail && HAS(j)) bad[j - tail] = 1;
            }
        }
#undef HAS
#undef CAR
    }
    return nbad;
}

/* One line-day as a strip of cars in paint colours, rows of 200; 'bad' is
** scratch of at least the day's cars. */
static sc_status strip(const sc_plan *pl, const sc__view *v, size_t k, const char *why, FILE *f,
                       uint8_t *bad) {
    const sc_scenario *sc = pl->sc;
    const sc__lineday *ld = &pl->ld[k];
    size_t nbad = violations(pl, v, k, bad);
    size_t own = 0;
    for (size_t i = 0; i < ld->n; i++) {
        const sc__car *c = &pl->car[ld->first + i];
        own += v->full ? !sc->brand[sc->model[c->model].brand].host : sc__view_car(v, c);
    }
    static const char *const WD[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    char db[16];
    fputs("<div class=\"panel\"><h3>", f);
    esc(f, sc__name(sc, sc->line[ld->line].name));
    fprintf(f, " · %s %s <span class=\"sub\">%s · %u cars, %zu %s",
            WD[sc__weekday(sc->day0 + ld->day)], sc__format_date(sc->day0 + ld->day, db), why,
            ld->n, own, v->full ? "guest" : "yours");
    if (v->full)
        fprintf(f, " · %lld colour changes · %lld high and %lld low-priority rule violations",
                (long long)ld->colour_changes, (long long)ld->vhigh, (long long)ld->vlow);
    else {
        size_t own_bad = 0;
        for (size_t i = 0; i < ld->n; i++)
            own_bad += bad[i] && sc__view_car(v, &pl->car[ld->first + i]);
        fprintf(f, " · %zu of your cars in windows over a rule", own_bad);
    }
    (void)nbad;
    fputs("</span></h3>\n", f);
    const size_t per_row = 200;
    const double cw = 5.6, L = 44, ch = 24, gap = 22;
    size_t rows = (ld->n + per_row - 1) / per_row;
    double W = L + cw * (double)per_row + 8, H = (ch + gap) * (double)rows + 4;
    fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", W, H, W);
    char idb[160], col[8];
    for (size_t i = 0; i < ld->n; i++) {
        const sc__car *c = &pl->car[ld->first + i];
        size_t rr = i / per_row, cc = i % per_row;
        double x = L + cw * (double)cc, y = (ch + gap) * (double)rr + 9;
        if (cc == 0)
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n", L - 6,
                    y + ch / 2 + 4, i + 1);
        int32_t b = sc->model[c->model].brand;
        bool visible = sc__view_car(v, c);
        bool guest = !sc->brand[b].host;
        if (!visible) { /* a thin grey bar: a place taken, nothing more */
            fprintf(
                f,
                "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"#c3cad3\"/>\n",
                x, y + ch * 0.4, cw - 0.6, ch * 0.2);
            continue;
        }
        const char *cname = sc__names_get(&sc->colour, (size_t)c->colour);
        paint(cname, col);
        fprintf(
            f,
            "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"%s><title>%zu: ",
            x, y, cw - 0.6, ch, col, light(col) ? " stroke=\"#b9c0c8\" stroke-width=\"0.5\"" : "",
            i + 1);
        esc(f, sc__car_id(pl, ld, c, idb, sizeof idb));
        fputs(" · ", f);
        esc(f, sc__name(sc, sc->model[c->model].name));
        fputs(" · ", f);
        esc(f, cname);
        for (size_t o = 0; o < sc->option.n; o++)
            if ((c->opts >> o) & 1) {
                fputs(" · ", f);
                esc(f, sc__names_get(&sc->option, o));
            }
        fputs("</title></rect>\n", f);
        if (guest)
            fprintf(f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"4\" fill=\"%s\"/>\n", x,
                    y - 6, cw - 0.6, guest_fill(pl, b));
        if (bad[i])
            fprintf(f,
                    "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"4\" fill=\"#d92d20\"/>\n",
                    x, y + ch + 2, cw - 0.6);
    }
    fputs("</svg>\n", f);
    /* The day's colours, most used first (visible cars only). */
    size_t nc = sc->colour.n;
    size_t *cnt = sc__calloc(nc + 1, sizeof *cnt);
    if (!cnt) return SC_ENOMEM;
    {
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            if (sc__view_car(v, c)) cnt[c->colour]++;
        }
        fputs("<div class=\"legend\">", f);
        for (int shown = 0; shown < 14; shown++) {
            size_t best = nc;
            for (size_t c = 0; c < nc; c++)
                if (cnt[c] && (best == nc || cnt[c] > cnt[best])) best = c;
            if (best == nc) break;
            paint(sc__names_get(&sc->colour, best), col);
            fprintf(f, "<span><i style=\"background:%s\"></i>", col);
            esc(f, sc__names_get(&sc->colour, best));
            fprintf(f, " %zu</span>", cnt[best]);
            cnt[best] = 0;
        }
        sc__free(cnt);
        fputs("</div>", f);
    }
    fputs("</div>\n", f);
    return SC_OK;
}

/* The strips of the chosen line-days, for the first twelve lines. */
static sc_status strips(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    if (!pl->nld) return SC_OK;
    fputs("<h2>Sequences</h2>\n<p class=\"note\">Chosen line-days, one block per car in "
          "sequence order, in its paint colour (hover for the car). A coloured tick above marks a "
          "guest car; a red tick below marks a car in a window that breaks a ratio rule. ",
          f);
    fputs(v->full ? "Per line: the day with the most guest cars, and the day with the most rule "
                    "violations if there is one.</p>\n"
                  : "Thin grey bars are other brands' cars, shown without detail. Per line: the "
                    "day with the most of your cars.</p>\n",
          f);
    size_t maxn = 1;
    for (size_t k = 0; k < pl->nld; k++)
        if (pl->ld[k].n > maxn) maxn = pl->ld[k].n;
    uint8_t *bad = sc__malloc(maxn);
    if (!bad) return SC_ENOMEM;
    sc_status st = SC_OK;
    size_t shown_lines = 0;
    for (size_t l = 0; l < pl->nl && shown_lines < 12; l++) {
        if (!sc__view_line(v, l)) continue;
        long busiest = -1, worst = -1;
        size_t best = 0;
        int64_t worst_v = 0;
        for (size_t k = 0; k < pl->nld; k++) {
            const sc__lineday *ld = &pl->ld[k];
            if (ld->line != (int32_t)l) continue;
            size_t own = 0;
            for (size_t i = 0; i < ld->n; i++) {
                const sc__car *c = &pl->car[ld->first + i];
                own += v->full ? !sc->brand[sc->model[c->model].brand].host : sc__view_car(v, c);
            }
            if (own > best) {
                best = own;
                busiest = (long)k;
            }
            int64_t bad_v = ld->vhigh * 1000000 + ld->vlow;
            if (v->full && bad_v > worst_v) {
                worst_v = bad_v;
                worst = (long)k;
            }
        }
        if (busiest < 0 && !v->full) continue;
        if (busiest < 0) {
            for (size_t k = 0; k < pl->nld && busiest < 0; k++)
                if (pl->ld[k].line == (int32_t)l) busiest = (long)k;
        }
        if (busiest < 0) continue;
        shown_lines++;
        st = strip(pl, v, (size_t)busiest, v->full ? "most guest cars" : "most of your cars", f,
                   bad);
        if (!st && worst >= 0 && worst != busiest)
            st = strip(pl, v, (size_t)worst, "most rule violations", f, bad);
        if (st) break;
    }
    sc__free(bad);
    return st;
}

/* ------------------------------------------------------------ tables */

/* Per line: days, capacity, use, sequence quality and rules. */
static void line_table(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("<h2>Lines</h2>\n<table><tr><th class=\"t\">plant</th><th class=\"t\">line</th>"
          "<th>working days</th><th>capacity</th>",
          f);
    fputs(v->full ? "<th>host</th><th>guests</th>" : "<th>others</th><th>yours</th>", f);
    fputs("<th>spare</th><th>utilisation</th>", f);
    if (v->full) fputs("<th>colour changes per 100 cars</th><th>line-days with violations</th>", f);
    fputs("<th class=\"t\">rules</th></tr>\n", f);
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        const sc__line *ln = &sc->line[l];
        int64_t days = 0, cap = 0, host = 0, guests = 0, own = 0, cc = 0, cars = 0, vdays = 0;
        for (size_t w = 0; w < pl->nw; w++) {
            size_t k = l * pl->nw + w;
            days += pl->wk_days[k];
            cap += pl->wk_cap[k];
            if (v->full) {
                host += pl->wk_host[k];
                guests += pl->wk_guest[k];
            } else { /* the others' slots and the viewer's cars */
                host += v->wk_others[k];
                own += v->wk_own[k];
            }
        }
        for (size_t k = 0; k < pl->nld; k++)
            if (pl->ld[k].line == (int32_t)l) {
                cc += pl->ld[k].colour_changes;
                cars += pl->ld[k].n;
                vdays += pl->ld[k].vhigh + pl->ld[k].vlow > 0;
            }
        fputs("<tr><td class=\"t\">", f);
        esc(f, sc__name(sc, sc->plant[ln->plant].name));
        fputs("</td><td class=\"t\">", f);
        esc(f, sc__name(sc, ln->name));
        fprintf(f, "</td><td>%lld</td><td>", (long long)days);
        num(f, cap);
        fputs("</td><td>", f);
        if (!v->full) guests = own;
        num(f, host);
        fputs("</td><td>", f);
        num(f, guests);
        fputs("</td><td>", f);
        num(f, cap - host - guests);
        fprintf(f, "</td><td>%.1f%%</td>", cap ? 100.0 * (double)(host + guests) / (double)cap : 0);
        if (v->full)
            fprintf(f, "<td>%.1f</td><td>%lld</td>", cars ? 100.0 * (double)cc / (double)cars : 0,
                    (long long)vdays);
        fputs("<td class=\"t\">", f);
        bool first = true;
        for (size_t r = 0; r < ln->nrules; r++) {
            if (!sc__view_option(v, ln->rule[r].option)) continue;
            fputs(first ? "" : ", ", f);
            first = false;
            esc(f, sc__names_get(&sc->option, (size_t)ln->rule[r].option));
            fprintf(f, " %d/%d", ln->rule[r].n, ln->rule[r].p);
        }
        if (sc__view_spread(v, l)) {
            fputs(first ? "" : ", ", f);
            first = false;
            fputs("guest cars ", f);
            fprintf(f, "%d/%d", ln->spread.n, ln->spread.p);
        }
        if (ln->batch_limit) fprintf(f, "%spaint batch ≤ %d", first ? "" : ", ", ln->batch_limit);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

typedef struct reason_count {
    uint32_t reason;
    size_t late, unplanned;
} reason_count;

static int cmp_rc(const void *a, const void *b) {
    const reason_count *x = a, *y = b;
    size_t nx = x->late + x->unplanned, ny = y->late + y->unplanned;
    if (nx != ny) return nx > ny ? -1 : 1;
    return x->reason < y->reason ? -1 : x->reason > y->reason;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts cause indices by their text in a view ('ctx_text', 'ctx_off'), then
** by index. */
static const char *ctx_text;
static const size_t *ctx_off;
static int cmp_text(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(ctx_text + ctx_off[x], ctx_text + ctx_off[y]);
    return c ? c : (x < y ? -1 : x > y);
}

/*
** Late and unplanned orders grouped by reason, the most common first. Each
** cause is read as the viewer reads it, and causes with the same sentence
** are one group, named by the first of them, so that ties fall in the
** order the causes were found. O(causes log causes + orders log orders).
*/
static sc_status reasons_table(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    size_t nbad = 0;
    for (size_t i = 0; i < sc->norders; i++)
        nbad += pl->order_status[i] != SC__ORDER_ONTIME && sc__view_order(v, i);
    fputs("<h2>Late and unplanned orders</h2>\n", f);
    if (!nbad) {
        fputs("<p class=\"note\">Every order is planned in or before its due week.</p>\n", f);
        return SC_OK;
    }
    size_t nc = pl->ncauses;
    uint64_t *key = sc__malloc(nbad * sizeof *key);
    reason_count *rc = sc__malloc(nbad * sizeof *rc);
    size_t *off = sc__malloc((nc + 1) * sizeof *off);
    uint32_t *idx = sc__malloc((nc + 1) * sizeof *idx),
             *group = sc__malloc((nc + 1) * sizeof *group);
    char *text = sc__malloc(nc * 512 + 1);
    if (!key || !rc || !off || !idx || !group || !text) {
        sc__free(key);
        sc__free(rc);
        sc__free(off);
        sc__free(idx);
        sc__free(group);
        sc__free(text);
        return SC_ENOMEM;
    }
    size_t used = 0;
    for (size_t c = 0; c < nc; c++) {
        off[c] = used;
        sc__view_cause_text(v, (uint32_t)c, text + used, 512);
        used += strlen(text + used) + 1;
        idx[c] = (uint32_t)c;
    }
    ctx_text = text;
    ctx_off = off;
    qsort(idx, nc, sizeof *idx, cmp_text);
    for (size_t c = 0; c < nc; c++)
        group[idx[c]] =
            c && !strcmp(text + off[idx[c]], text + off[idx[c - 1]]) ? group[idx[c - 1]] : idx[c];
    size_t k = 0, n = 0;
    for (size_t i = 0; i < sc->norders; i++)
        if (pl->order_status[i] != SC__ORDER_ONTIME && sc__view_order(v, i)) {
            uint32_t r = pl->order_reason[i];
            key[k++] = ((uint64_t)(r == SC__NO_REASON ? r : group[r]) << 1) |
                       (pl->order_status[i] == SC__ORDER_LATE);
        }
    qsort(key, nbad, sizeof *key, cmp_u64);
    for (size_t i = 0; i < nbad; i++) {
        uint32_t r = (uint32_t)(key[i] >> 1);
        if (!n || rc[n - 1].reason != r) rc[n++] = (reason_count){r, 0, 0};
        if (key[i] & 1)
            rc[n - 1].late++;
        else
            rc[n - 1].unplanned++;
    }
    qsort(rc, n, sizeof *rc, cmp_rc);
    fputs("<p class=\"note\">Grouped by reason (late.csv and unplanned.csv list every order).</p>\n"
          "<table><tr><th class=\"t\">reason</th><th>late</th><th>unplanned</th></tr>\n",
          f);
    for (k = 0; k < n && k < 15; k++) {
        fputs("<tr><td class=\"t\">", f);
        esc(f, rc[k].reason == SC__NO_REASON ? "" : text + off[rc[k].reason]);
        fputs("</td><td>", f);
        num(f, (int64_t)rc[k].late);
        fputs("</td><td>", f);
        num(f, (int64_t)rc[k].unplanned);
        fputs("</td></tr>\n", f);
    }
    if (n > 15)
        fprintf(f, "<tr><td class=\"t\">… %zu more reasons</td><td></td><td></td></tr>\n", n - 15);
    fputs("</table>\n", f);
    sc__free(key);
    sc__free(rc);
    sc__free(off);
    sc__free(idx);
    sc__free(group);
    sc__free(text);
    return SC_OK;
}

static void mip_table(const sc_plan *pl, FILE *f) {
    const sc_plan_stats *s = &pl->stats;
    fputs("<h2>Allocation model</h2>\n<p class=\"note\">Guest volume per model, line and week is a "
          "mixed-integer program solved with GLPK within a budget of branch-and-bound nodes.</p>\n"
          "<table><tr><th>rows</th><th>columns</th><th>integer columns</th><th>nodes</th>"
          "<th class=\"t\">status</th><th>objective</th><th>bound</th></tr>\n<tr><td>",
          f);
    num(f, s->mip_rows);
    fputs("</td><td>", f);
    num(f, s->mip_cols);
    fputs("</td><td>", f);
    num(f, s->mip_ints);
    fputs("</td><td>", f);
    num(f, s->mip_nodes);
    fputs("</td><td class=\"t\">", f);
    esc(f, pl->mip_status);
    for (int k = 0; k < 2; k++) {
        double v = k ? s->mip_bound : s->mip_objective;
        fputs("</td><td>", f);
        if (isfinite(v) && fabs(v) < 1e15)
            num(f, (int64_t)floor(v + 0.5));
        else
            fputs("–", f);
    }
    fputs("</td></tr></table>\n", f);
}

static void notes(const sc_plan *pl, FILE *f) {
    const sc_scenario *sc = pl->sc;
    if (!sc->nnotes) return;
    fputs("<details class=\"panel\" open><summary><b>About this scenario</b></summary>\n"
          "<ul class=\"notes\">\n",
          f);
    for (size_t i = 0; i < sc->nnotes; i++) {
        fputs("<li>", f);
        esc(f, sc__name(sc, sc->notes[i]));
        fputs("</li>\n", f);
    }
    fputs("</ul></details>\n", f);
}

sc_status sc__report_write(const sc_plan *pl, const sc__view *v, FILE *f) {
    head(pl, v, f);
    kpis(pl, v, f);
    if (v->full) notes(pl, f);
    if (pl->rp) sc__report_replan(pl, v, f); /* before and after (replan.c) */
    capacity_bars(pl, v, f);
    heat_map(pl, v, f);
    contracts(pl, v, f);
    sc_status st = strips(pl, v, f);
    if (st) return st;
    line_table(pl, v, f);
    st = reasons_table(pl, v, f);
    if (st) return st;
    if (v->full) mip_table(pl, f);
    fprintf(f,
            "<footer>Planned by sparecap %s, seed %llu, %llu engine moves per car.</footer>\n"
            "</main></body></html>\n",
            SC_VERSION, (unsigned long long)pl->params.seed,
            (unsigned long long)pl->params.effort_per_car);
    return ferror(f) ? SC_EIO : SC_OK;
}
