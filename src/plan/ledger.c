/*
** The capacity ledger. Slots per line and day are rate x hours on working
** days (the calendars of a replan's scenario close the days of its
** outages), plus the extra shifts the allocation chose. The host's volume
** per model and week (its orders' due weeks when it gave orders for the
** model, otherwise its demand) is reserved first, on the model's lines in
** proportion to the capacity they have left, then spread over the week's
** days in proportion to their slots left. What is left is the guests'
** room; a line's spreading rule ("at most N guest cars in any P") caps it
** further, day by day, at the guest cars the host's cars can separate.
**
** The frame (plan.h) is read, not asked about: a line-day kept as published
** keeps its host cars and offers no room; carried cars pinned at the front
** of a line-day take their slots first and are a block of their own for the
** spreading rule; the host's volume placed on kept days is not reserved
** again; the host cars of earlier weeks the allocation chose to catch up
** ('host_extra') are reserved in the slots the host's own volume left, then
** in the extra shifts. In an empty frame all of this is nothing.
**
** O(lines x days x models).
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
        spread[t] = sp->on ? sc__spread_room(day_res[t], room[t], sp->n, sp->p) : room[t];
    }
}

/* Can line-day k (day t) take new cars: after the frozen horizon, not kept? */
static bool day_is_free(const sc__frame *fr, size_t k, size_t t) {
    return (int32_t)t >= fr->fz_end && !fr->fixed[k];
}

sc_status sc__ledger_build(sc_plan *pl, sc_diag *d) {
    const sc__frame *fr = &pl->fr;
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
    int32_t *fixed_mw = sc__calloc(nm * nw + 1, sizeof *fixed_mw); /* host cars on kept days */
    int32_t *res_lwm = sc__calloc(lw * nm + 1, sizeof *res_lwm); /* reserved per line-week-model */
    int32_t *share = sc__calloc(nl + 1, sizeof *share), *part = sc__calloc(nl + 1, sizeof *part);
    int32_t *lines = sc__calloc(nl + 1, sizeof *lines);
    sc_status st = SC_OK;
    if (!extra || !avail || !pin_host || !wk_left || !fixed_mw || !res_lwm || !share || !part ||
        !lines) {
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        st = SC_ENOMEM;
        goto done;
    }
    for (size_t s = 0; s < fr->nshifts; s++)
        if (fr->shift[s].chosen)
            extra[(size_t)fr->shift[s].line * nd + (size_t)fr->shift[s].day] += fr->shift[s].slots;
    for (size_t i = 0; i < fr->ncarried; i++) {
        const sc__carried *c = &fr->carried[i];
        if (c->new_day >= 0 && sc->brand[sc->model[c->car.model].brand].host)
            pin_host[(size_t)c->line * nd + (size_t)c->new_day]++;
    }

    /* Capacity; the kept line-days' host cars. */
    for (size_t l = 0; l < nl; l++) {
        const sc__line *ln = &sc->line[l];
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t, w = t / 7;
            int32_t reg = sc__line_day_slots(sc, l, t);
            pl->day_cap[k] = reg + extra[k];
            pl->wk_cap[l * nw + w] += pl->day_cap[k];
            pl->wk_days[l * nw + w] += pl->day_cap[k] > 0;
            if (ln->off[t] != SC__DAY_WEEKEND) pl->wk_nominal[l * nw + w] += ln->slots;
            if (fr->fixed[k]) {
                for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++) {
                    const sc__car *c = &fr->ocar[i];
                    if (!sc->brand[sc->model[c->model].brand].host) continue;
                    pl->day_host[k]++;
                    pl->host_day_model[k * nm + (size_t)c->model]++;
                    fixed_mw[(size_t)c->model * nw + w]++;
                }
            } else if (day_is_free(fr, k, t)) {
                avail[k] = fr->sealed[k] ? 0 : reg - (int32_t)fr->npin[k];
                if (avail[k] < 0) avail[k] = 0;
                wk_left[l * nw + w] += avail[k];
            }
            pl->wk_host[l * nw + w] += pl->day_host[k] + pin_host[k];
        }
    }

    /* The host's volume: orders placed before the allocation are left out;
    ** demand less what kept days build and what carried cars build later. */
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (!sc->brand[o->brand].host || fr->order_fixed[i]) continue;
        pl->host_vol[(size_t)o->model * nw + (size_t)o->due]++;
    }
    /* Carried host cars are built after the outage: their week's demand
    ** counts them as built, not as unmet. */
    for (size_t i = 0; i < fr->ncarried; i++) {
        const sc__carried *c = &fr->carried[i];
        if (c->new_day >= 0 && sc->brand[sc->model[c->car.model].brand].host)
            fixed_mw[(size_t)c->car.model * nw + (size_t)c->old_day / 7]++;
    }
    for (size_t m = 0; m < nm; m++) {
        const sc__carmodel *cm = &sc->model[m];
        if (cm->brand < 0 || !sc->brand[cm->brand].host || cm->has_orders || !cm->demand) continue;
        for (size_t w = 0; w < nw; w++) {
            int32_t v = cm->demand[w] - fixed_mw[m * nw + w];
            pl->host_vol[m * nw + w] = v > 0 ? v : 0;
        }
    }

    /* Reserve it, week by week, model by model, on the model's lines in
    ** proportion to what they have left. */
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
                if (day_is_free(fr, l * nd + t, t)) xl += extra[l * nd + t];
            for (size_t m = 0; m < nm; m++) {
                int32_t e = pl->host_extra[(m * nl + l) * nw + w];
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
    pl->host_caught_up = caught;

    /* Over the days (shifts included) in proportion to their slots left,
    ** and the guests' room. */
    for (size_t l = 0; l < nl; l++) {
        const sc__spread *sp = &sc->line[l].spread;
        for (size_t w = 0; w < nw; w++) {
            int32_t av[7], left[7];
            for (int t = 0; t < 7; t++) {
                size_t day = w * 7 + (size_t)t, k = l * nd + day;
                av[t] = avail[k] + (day_is_free(fr, k, day) ? extra[k] : 0);
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
                size_t day = w * 7 + (size_t)t, k = l * nd + day;
                if (!day_is_free(fr, k, day)) continue;
                int32_t res = av[t] - left[t];
                int32_t room = left[t];
                int32_t s = sp->on ? sc__spread_room(res, room, sp->n, sp->p) : room;
                pl->day_spread[k] = s;
                pl->day_host[k] += pin_host[k];
                pl->wk_room[l * nw + w] += room;
                pl->wk_spread[l * nw + w] += s;
            }
        }
    }

    /* What each extra shift offered would add to its line-week. */
    for (size_t s = 0; s < fr->nshifts; s++) {
        sc__shift *sh = &fr->shift[s];
        size_t l = (size_t)sh->line, w = (size_t)sh->day / 7;
        int32_t av[7], res[7], r0[7], s0[7], r1[7], s1[7];
        int32_t host = 0;
        for (size_t m = 0; m < nm; m++)
            host += res_lwm[(l * nw + w) * nm + m];
        for (int t = 0; t < 7; t++) {
            size_t day = w * 7 + (size_t)t, k = l * nd + day;
            av[t] = day_is_free(fr, k, day)
                        ? avail[k] + extra[k] -
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

/*
** What the host is owed from week 'w0' on, week by week: the host cars of
** each model the old plan built that week, less those this ledger builds
** that week (on days kept, or reserved), leaving out the carried cars on
** both sides (they are built after the outage anyway); summed to the end of
** each week into 'pl->host_owed_cum', the total into 'pl->host_owed'. The
** allocation may build them in later weeks when the frame gives them a
** 'host_value'. Nothing is owed without an old plan. O(cars + lines x days x
** models).
*/
void sc__ledger_owed(sc_plan *pl, size_t w0) {
    const sc__frame *fr = &pl->fr;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nd = pl->nd, nw = pl->nw, nm = pl->nm;
    int32_t *owed = pl->host_owed_cum; /* old minus new per model and week first */
    memset(owed, 0, nm * nw * sizeof *owed);
    pl->host_owed = 0;
    if (!fr->warm) return;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = w0 * 7; t < nd; t++) {
            size_t k = l * nd + t;
            for (uint32_t i = fr->ofirst[k]; i < fr->ofirst[k + 1]; i++) {
                const sc__car *c = &fr->ocar[i];
                if (sc->brand[sc->model[c->model].brand].host)
                    owed[(size_t)c->model * nw + t / 7]++;
            }
            for (size_t m = 0; m < nm; m++)
                owed[m * nw + t / 7] -= pl->host_day_model[k * nm + m];
        }
    for (size_t i = 0; i < fr->ncarried; i++) { /* carried, built later: not owed */
        const sc__carried *c = &fr->carried[i];
        if (c->new_day >= 0 && sc->brand[sc->model[c->car.model].brand].host &&
            (size_t)c->old_day / 7 >= w0)
            owed[(size_t)c->car.model * nw + (size_t)c->old_day / 7]--;
    }
    int64_t total = 0;
    for (size_t m = 0; m < nm; m++) {
        int32_t cum = 0;
        for (size_t w = 0; w < nw; w++) {
            int32_t v = owed[m * nw + w];
            if (w >= w0 && v > 0) cum += v;
            owed[m * nw + w] = cum;
        }
        total += cum;
    }
    pl->host_owed = total;
}
