/*
** The capacity ledger. Slots per line and day are rate x hours on working
** days. The host's volume per model and week (its orders' due weeks when it
** gave orders for the model, otherwise its demand) is reserved first, on the
** model's lines in proportion to the capacity they have left, then spread
** over the week's working days in proportion to their slots. What is left is
** the guests' room; a line's spreading rule ("at most N guest cars in any
** P") caps it further, day by day, at the guest cars the host's cars can
** separate. O(lines x days x models).
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

int64_t sc__split(int64_t total, const int32_t *weight, size_t n, int32_t *out) {
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += weight[i] > 0 ? weight[i] : 0;
    if (total <= 0 || sum == 0) {
        for (size_t i = 0; i < n; i++)
            out[i] = 0;
        return 0;
    }
    if (total >= sum) {
        for (size_t i = 0; i < n; i++)
            out[i] = weight[i] > 0 ? weight[i] : 0;
        return sum;
    }
    int64_t placed = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t w = weight[i] > 0 ? weight[i] : 0;
        out[i] = (int32_t)(total * w / sum);
        placed += out[i];
    }
    /* Largest remainders first, ties to the lower index; at most n rounds. */
    while (placed < total) {
        size_t best = n;
        int64_t best_rem = -1;
        for (size_t i = 0; i < n; i++) {
            int64_t w = weight[i] > 0 ? weight[i] : 0;
            if (out[i] >= w) continue;
            int64_t rem = (total * w) % sum;
            /* Parts already raised above their floor rank last. */
            if (out[i] > total * w / sum) rem = -1;
            if (rem > best_rem) {
                best_rem = rem;
                best = i;
            }
        }
        if (best == n) break;
        out[best]++;
        placed++;
    }
    return placed;
}

int32_t sc__spread_room(int32_t host, int32_t room, int n, int p) {
    if (room <= 0) return 0;
    /* g <= rule_room(host + g) - g is monotone: rule_room grows by at most
    ** one per car. Binary search for the largest g. */
    int32_t lo = 0, hi = room;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (mid <= sc__rule_room((int64_t)host + mid, n, p))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

uint32_t sc__reason(sc_plan *pl, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t off = sc__strpool_add(&pl->reasons, buf, true, false);
    if (off == (size_t)-1) {
        pl->reasons_nomem = true;
        return SC__NO_REASON;
    }
    return (uint32_t)off;
}

sc_status sc__ledger_build(sc_plan *pl, sc_diag *d) {
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nw = pl->nw, nd = pl->nd, nm = pl->nm;
    int32_t *wk_left = sc__calloc(nl * nw + 1, sizeof *wk_left);
    int32_t *dayw = sc__calloc(7 * (nl + 1), sizeof *dayw);
    int32_t *share = sc__calloc(nl + 8, sizeof *share);
    int32_t *lines = sc__calloc(nl + 1, sizeof *lines);
    if (!wk_left || !dayw || !share || !lines) {
        sc__free(wk_left);
        sc__free(dayw);
        sc__free(share);
        sc__free(lines);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }

    /* Capacity. */
    for (size_t l = 0; l < nl; l++) {
        const sc__line *ln = &sc->line[l];
        for (size_t t = 0; t < nd; t++) {
            int32_t s = sc__line_day_slots(sc, l, t);
            pl->day_cap[l * nd + t] = s;
            pl->wk_cap[l * nw + t / 7] += s;
            pl->wk_days[l * nw + t / 7] += s > 0;
            if (ln->off[t] != SC__DAY_WEEKEND) pl->wk_nominal[l * nw + t / 7] += ln->slots;
        }
    }
    memcpy(wk_left, pl->wk_cap, nl * nw * sizeof *wk_left);

    /* The host's volume per model and week. */
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (sc->brand[o->brand].host) pl->host_vol[(size_t)o->model * nw + (size_t)o->due]++;
    }
    for (size_t m = 0; m < nm; m++) {
        const sc__carmodel *cm = &sc->model[m];
        if (cm->brand < 0 || !sc->brand[cm->brand].host || cm->has_orders || !cm->demand) continue;
        for (size_t w = 0; w < nw; w++)
            pl->host_vol[m * nw + w] = cm->demand[w];
    }

    /* Reserve it: week by week, model by model, on the model's lines in
    ** proportion to what they have left, then over the days. */
    for (size_t w = 0; w < nw; w++) {
        for (size_t m = 0; m < nm; m++) {
            int32_t v = pl->host_vol[m * nw + w];
            if (!v) continue;
            size_t k = 0;
            for (size_t l = 0; l < nl; l++)
                if (sc->compat[l * nm + m]) {
                    lines[k] = (int32_t)l;
                    share[k++] = wk_left[l * nw + w];
                }
            int32_t part[64];
            int32_t *parts = k <= 64 ? part : sc__malloc(k * sizeof *parts);
            if (!parts) {
                sc__free(wk_left);
                sc__free(dayw);
                sc__free(share);
                sc__free(lines);
                sc__diag_set(d, NULL, 0, 0, "out of memory");
                return SC_ENOMEM;
            }
            int64_t placed = sc__split(v, share, k, parts);
            pl->host_unmet[m * nw + w] = (int32_t)(v - placed);
            for (size_t j = 0; j < k; j++) {
                size_t l = (size_t)lines[j];
                if (!parts[j]) continue;
                wk_left[l * nw + w] -= parts[j];
                pl->wk_host[l * nw + w] += parts[j];
                /* Over the days, in proportion to their slots left. */
                int32_t *dw = dayw, dp[7];
                for (int t = 0; t < 7; t++) {
                    size_t day = w * 7 + (size_t)t;
                    dw[t] = pl->day_cap[l * nd + day] - pl->day_host[l * nd + day];
                }
                sc__split(parts[j], dw, 7, dp);
                for (int t = 0; t < 7; t++) {
                    size_t day = w * 7 + (size_t)t;
                    pl->day_host[l * nd + day] += dp[t];
                    pl->host_day_model[(l * nd + day) * nm + m] += dp[t];
                }
            }
            if (parts != part) sc__free(parts);
        }
    }

    /* The guests' room, and the spreading rule's cap on it. */
    for (size_t l = 0; l < nl; l++) {
        const sc__spread *sp = &sc->line[l].spread;
        for (size_t t = 0; t < nd; t++) {
            int32_t room = pl->day_cap[l * nd + t] - pl->day_host[l * nd + t];
            int32_t sr =
                sp->on ? sc__spread_room(pl->day_host[l * nd + t], room, sp->n, sp->p) : room;
            pl->day_spread[l * nd + t] = sr;
            pl->wk_room[l * nw + t / 7] += room;
            pl->wk_spread[l * nw + t / 7] += sr;
        }
    }
    sc__free(wk_left);
    sc__free(dayw);
    sc__free(share);
    sc__free(lines);
    return SC_OK;
}
