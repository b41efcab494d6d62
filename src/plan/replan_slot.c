/*
** Slotting for a replan: every car onto a day of its line, keeping what the
** old plan had wherever the new allocation allows.
**
** 1. Fixed line-days take their published cars; carried cars take the
**    front of their new line-days.
** 2. Host cars on the other line-days, as many of each model as the ledger
**    reserved: the old plan's cars of that line-day first (the same ids,
**    options and colours), then the host's orders due that week (those the
**    old plan had on that line-day first), then new cars made from the
**    model's take rates and colour shares with seeded draws, numbered after
**    the line-day's old cars so that ids stay unique.
** 3. Guest orders, earliest due first, as the allocation asks (so many cars
**    of each model on each line-week), split over the week's days in
**    proportion to their room, within each day's ratio-rule room and the
**    spreading rule, as in slot.c. First each order whose old line-day is
**    still open and whose model-line-week has quota left goes back to it
**    ("sticky"); then the remaining quotas take the remaining orders; cars
**    beyond a day's rules go back, latest due first; then orders still
**    unplanned go into the first week with room after the frozen horizon.
** 4. The line-days are laid out: carried cars first (fixed in place for the
**    engine), then the cars the old plan had on that line-day in their old
**    order, with the new cars spread evenly among them: the sequencing
**    step starts from there.
**
** Cost: O(cars x rules) plus bounded candidate scans per line-week.
*/
#include <stdlib.h>
#include <string.h>

#include "replan.h"

#define MAX_SKIPS 256

typedef struct rs {
    sc_plan *pl;
    sc__replan *rp;
    const sc_scenario *sc;
    size_t nl, nd, nw, nm;
    sc__days D;       /* what each line-day holds */
    sc__days front;   /* of it, the carried cars at the front (a block of their own) */
    int32_t *target;  /* l * nd + t: guest cars the day's quota asks for */
    int32_t *placed;  /* guest cars placed on the day after the frozen horizon */
    int32_t *quota;   /* (m * nl + l) * nw + w: allocation not yet placed */
    int32_t *bw, *mw; /* built per brand x week, model x week */
    uint32_t *cand;   /* guest orders to place, earliest due first */
    size_t ncand;
    uint32_t *by_model; /* the same, grouped by model (each group earliest due first) */
    size_t *mfirst, *mcount, *mcursor, *scan;
    int *skips;
    sc__blocked *blocked; /* per model, in the current line-week */
    sc__car *host;        /* host cars of the free line-days */
    size_t *host_first;   /* l * nd + t: where its host cars start in 'host' */
    uint32_t *host_n;     /* how many there are */
} rs;

static void count_car(rs *S, size_t l, size_t t, uint64_t opts, int32_t colour, int32_t brand,
                      int dir) {
    sc__days_add(&S->D, S->sc, l, l * S->nd + t, opts, colour, brand, dir);
}

/*
** Does a car with 'opts' and 'colour' of 'brand' fit line-day (l, t) when it
** will hold 'n' cars? The carried cars at the front are left out: they are
** fixed and valid as published, so the rules, and the batch limit, must hold
** among the cars behind them.
*/
static bool fits(const rs *S, size_t l, size_t t, uint64_t opts, int32_t colour, int32_t brand,
                 int64_t n) {
    size_t k = l * S->nd + t;
    return sc__days_fit(&S->D, &S->front, S->sc, l, k, opts, colour, brand, n - S->rp->npin[k]);
}

static bool under_max(const rs *S, const sc__order *o, size_t w) {
    return sc__under_max(S->sc, o, w, S->nw, S->bw, S->mw);
}

/* Records guest or host order 'oi' (or a car of 'model', 'brand') on (l, t). */
static void book(rs *S, int32_t oi, int32_t model, uint64_t opts, int32_t colour, size_t l,
                 size_t t) {
    sc_plan *pl = S->pl;
    int32_t brand = S->sc->model[model].brand;
    count_car(S, l, t, opts, colour, brand, 1);
    if (oi >= 0) {
        pl->order_line[oi] = (int32_t)l;
        pl->order_day[oi] = (int32_t)t;
    }
    if (S->sc->brand[brand].host) return;
    size_t w = t / 7;
    S->bw[(size_t)brand * S->nw + w]++;
    S->mw[(size_t)model * S->nw + w]++;
    pl->slotted[((size_t)model * S->nl + l) * S->nw + w]++;
    pl->wk_guest[l * S->nw + w]++;
}

/* Places free guest order 'oi' on (l, t) against the allocation's quota. */
static void place(rs *S, uint32_t oi, size_t l, size_t t) {
    const sc__order *o = &S->sc->order[oi];
    book(S, (int32_t)oi, o->model, o->opts, o->colour, l, t);
    S->placed[l * S->nd + t]++;
    int32_t *q = &S->quota[((size_t)o->model * S->nl + l) * S->nw + t / 7];
    if (*q > 0) (*q)--;
}

static void unplace(rs *S, uint32_t oi) {
    sc_plan *pl = S->pl;
    const sc__order *o = &S->sc->order[oi];
    size_t l = (size_t)pl->order_line[oi], t = (size_t)pl->order_day[oi], w = t / 7;
    count_car(S, l, t, o->opts, o->colour, o->brand, -1);
    S->bw[(size_t)o->brand * S->nw + w]--;
    S->mw[(size_t)o->model * S->nw + w]--;
    pl->slotted[((size_t)o->model * S->nl + l) * S->nw + w]--;
    pl->wk_guest[l * S->nw + w]--;
    S->placed[l * S->nd + t]--;
    S->quota[((size_t)o->model * S->nl + l) * S->nw + w]++;
    pl->order_line[oi] = pl->order_day[oi] = -1;
}

static bool free_day(const rs *S, size_t l, size_t t) {
    size_t k = l * S->nd + t;
    return (int32_t)t >= S->rp->fz_end && !S->rp->fixed[k] && !S->rp->sealed[k] &&
           S->pl->day_cap[k] > 0;
}

/* ------------------------------------------------------------ fixed and carried */

static void fixed_and_carried(rs *S) {
    sc__replan *rp = S->rp;
    for (size_t l = 0; l < S->nl; l++)
        for (size_t t = 0; t < S->nd; t++) {
            size_t k = l * S->nd + t;
            if (!rp->fixed[k]) continue;
            for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++) {
                const sc__car *c = &rp->ocar[i];
                book(S, c->order, c->model, c->opts, c->colour, l, t);
            }
        }
    for (size_t i = 0; i < rp->ncarried; i++) {
        const sc__carried *c = &rp->carried[i];
        if (c->new_day < 0) continue;
        size_t l = (size_t)c->line, k = l * S->nd + (size_t)c->new_day;
        book(S, c->car.order, c->car.model, c->car.opts, c->car.colour, l, (size_t)c->new_day);
        sc__days_add(&S->front, S->sc, l, k, c->car.opts, c->car.colour,
                     S->sc->model[c->car.model].brand, 1);
    }
}

/* ------------------------------------------------------------ host cars */

static sc_status host_cars(rs *S) {
    sc_plan *pl = S->pl;
    sc__replan *rp = S->rp;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nm = S->nm, nw = S->nw, nk = nl * nd;
    S->host_first = sc__calloc(nk + 1, sizeof *S->host_first);
    S->host_n = sc__calloc(nk + 1, sizeof *S->host_n);
    if (!S->host_first || !S->host_n) return SC_ENOMEM;
    size_t total = 0;
    for (size_t k = 0; k < nk; k++) {
        S->host_first[k] = total;
        if (rp->fixed[k]) continue;
        for (size_t m = 0; m < nm; m++)
            total += (size_t)pl->host_day_model[k * nm + m];
    }
    S->host_first[nk] = total;
    S->host = sc__malloc((total + 1) * sizeof *S->host);
    /* Host orders not yet placed, per model and due week, in file order. */
    size_t *hfirst = sc__calloc(nm * nw + 2, sizeof *hfirst);
    uint32_t *horders = sc__malloc((S->sc->norders + 1) * sizeof *horders);
    if (!S->host || !hfirst || !horders) {
        sc__free(hfirst);
        sc__free(horders);
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < sc->norders; i++)
        if (sc->brand[sc->order[i].brand].host && !rp->order_fixed[i])
            hfirst[(size_t)sc->order[i].model * nw + (size_t)sc->order[i].due + 1]++;
    for (size_t k = 1; k <= nm * nw; k++)
        hfirst[k] += hfirst[k - 1];
    {
        size_t *fill = sc__malloc((nm * nw + 1) * sizeof *fill);
        if (!fill) {
            sc__free(hfirst);
            sc__free(horders);
            return SC_ENOMEM;
        }
        memcpy(fill, hfirst, (nm * nw + 1) * sizeof *fill);
        for (size_t i = 0; i < sc->norders; i++)
            if (sc->brand[sc->order[i].brand].host && !rp->order_fixed[i])
                horders[fill[(size_t)sc->order[i].model * nw + (size_t)sc->order[i].due]++] =
                    (uint32_t)i;
        sc__free(fill);
    }
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t, at = S->host_first[k];
            if (rp->fixed[k] || at == S->host_first[k + 1]) continue;
            uint32_t maxtag = 0;
            for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1]; i++)
                if (rp->ocar[i].order < 0 && !(rp->ocar[i].tag & SC__TAG_CARRIED) &&
                    rp->ocar[i].tag > maxtag)
                    maxtag = rp->ocar[i].tag;
            for (size_t m = 0; m < nm; m++) {
                int32_t want = pl->host_day_model[k * nm + m], got = 0;
                if (!want) continue;
                const sc__carmodel *cm = &sc->model[m];
                if (cm->has_orders) {
                    /* The week's orders, those of this line-day first; then
                    ** (host cars caught up) orders of earlier weeks not built,
                    ** earliest due first. */
                    for (int pass = 0; pass < 3 && got < want; pass++)
                        for (size_t j = hfirst[m * nw + (pass < 2 ? t / 7 : 0)];
                             j < hfirst[m * nw + t / 7 + (pass < 2)] && got < want; j++) {
                            uint32_t oi = horders[j];
                            if (pl->order_line[oi] >= 0) continue;
                            if (pass == 0 &&
                                (rp->old_line[oi] != (int32_t)l || rp->old_day[oi] != (int32_t)t))
                                continue;
                            if (pass == 2 && (size_t)sc->order[oi].earliest > t / 7) continue;
                            const sc__order *o = &sc->order[oi];
                            S->host[at++] = (sc__car){(int32_t)oi, o->model, o->colour, 0, o->opts};
                            book(S, (int32_t)oi, o->model, o->opts, o->colour, l, t);
                            got++;
                        }
                    continue;
                }
                /* The old plan's cars of this model on this line-day first,
                ** those the day's rules still have room for. */
                int64_t full = pl->day_cap[k];
                for (uint32_t i = rp->ofirst[k]; i < rp->ofirst[k + 1] && got < want; i++) {
                    const sc__car *c = &rp->ocar[i];
                    if (c->order >= 0 || c->model != (int32_t)m || (c->tag & SC__TAG_CARRIED))
                        continue;
                    if (!fits(S, l, t, c->opts, c->colour, cm->brand, full)) continue;
                    S->host[at++] = *c;
                    book(S, -1, c->model, c->opts, c->colour, l, t);
                    got++;
                }
                /* New ones: seeded draws by take rate and colour share, drawn
                ** again (a few times) while the day's rules have no room. */
                uint64_t rng = sc__mix(pl->params.seed ^
                                       sc__mix(((uint64_t)l << 40) ^ ((uint64_t)t << 16) ^ m) ^
                                       0x5265706c616eull);
                double tot = 0;
                for (size_t c = 0; c < cm->ncolours; c++)
                    tot += cm->share[c];
                for (; got < want; got++) {
                    sc__car c = {-1, (int32_t)m, cm->ncolours ? cm->colour[0] : 0, ++maxtag, 0};
                    for (int draw = 0; draw < 8; draw++) {
                        c.opts = 0;
                        rng = sc__mix(rng);
                        double u = (double)(rng >> 11) / 9007199254740992.0 * tot, acc = 0;
                        for (size_t q = 0; q < cm->ncolours; q++) {
                            acc += cm->share[q];
                            if (u < acc) {
                                c.colour = cm->colour[q];
                                break;
                            }
                        }
                        for (size_t q = 0; q < cm->noptions; q++) {
                            rng = sc__mix(rng);
                            if ((double)(rng >> 11) / 9007199254740992.0 < cm->take[q])
                                c.opts |= (uint64_t)1 << cm->option[q];
                        }
                        if (fits(S, l, t, c.opts, c.colour, cm->brand, full)) break;
                    }
                    S->host[at++] = c;
                    book(S, -1, c.model, c.opts, c.colour, l, t);
                }
            }
            S->host_n[k] = (uint32_t)(at - S->host_first[k]);
        }
    sc__free(hfirst);
    sc__free(horders);
    return SC_OK;
}

/* ------------------------------------------------------------ guest orders */

/* Day targets: what is left of each line-week's quota over its free days,
** by the room they have left. */
static void targets(rs *S) {
    sc_plan *pl = S->pl;
    for (size_t l = 0; l < S->nl; l++)
        for (size_t w = 0; w < S->nw; w++) {
            int64_t total = 0;
            for (size_t m = 0; m < S->nm; m++)
                total += S->quota[(m * S->nl + l) * S->nw + w];
            if (!total) continue;
            int32_t room[7], q[7];
            for (int d = 0; d < 7; d++) {
                size_t t = w * 7 + (size_t)d, k = l * S->nd + t;
                int32_t r = free_day(S, l, t) ? pl->day_cap[k] - S->D.ncars[k] : 0;
                const sc__spread *sp = &S->sc->line[l].spread;
                int32_t sr = pl->day_spread[k] - (S->D.nspread[k] - S->front.nspread[k]);
                if (sp->on && sp->brand < 0 && sr < r) r = sr;
                room[d] = r > 0 ? r : 0;
            }
            sc__split(total, room, 7, q);
            for (int d = 0; d < 7; d++)
                S->target[l * S->nd + w * 7 + (size_t)d] = q[d];
        }
}

/* Can free order 'o' go on (l, t) now? */
static bool can_take(const rs *S, const sc__order *o, size_t l, size_t t) {
    size_t k = l * S->nd + t;
    if (!free_day(S, l, t) || S->placed[k] >= S->target[k]) return false;
    if (S->D.ncars[k] >= S->pl->day_cap[k]) return false;
    if ((size_t)o->earliest > t / 7 || !under_max(S, o, t / 7)) return false;
    int64_t n = (int64_t)S->D.ncars[k] - S->placed[k] + S->target[k];
    return fits(S, l, t, o->opts, o->colour, o->brand, n);
}

/*
** Each order back to its old line-day while its model-line-week has quota
** left and the day has a slot, within the rules at the count the old plan
** had there (it held them then). Before the day targets: they share out
** only what is left.
*/
static void sticky(rs *S) {
    sc__replan *rp = S->rp;
    for (size_t i = 0; i < S->ncand; i++) {
        uint32_t oi = S->cand[i];
        if (S->pl->order_line[oi] >= 0 || rp->old_line[oi] < 0) continue;
        size_t l = (size_t)rp->old_line[oi], t = (size_t)rp->old_day[oi], k = l * S->nd + t;
        const sc__order *o = &S->sc->order[oi];
        if (S->quota[((size_t)o->model * S->nl + l) * S->nw + t / 7] <= 0) continue;
        if (!free_day(S, l, t) || S->D.ncars[k] >= S->pl->day_cap[k]) continue;
        if ((size_t)o->earliest > t / 7 || !under_max(S, o, t / 7)) continue;
        int64_t n = (int64_t)(rp->ofirst[k + 1] - rp->ofirst[k]);
        if (n < S->D.ncars[k] + 1) n = S->D.ncars[k] + 1;
        if (fits(S, l, t, o->opts, o->colour, o->brand, n)) place(S, oi, l, t);
    }
    memset(S->placed, 0, S->nl * S->nd * sizeof *S->placed);
}

/*
** Fills the quotas left of line-week (l, w): of the models with quota left,
** the order due first goes to the day with the most target left whose rules
** let it in. Each model's orders are scanned from the first not yet placed;
** MAX_SKIPS orders turned away end a model's turn. O(orders scanned x 7).
*/
static void fill_week(rs *S, size_t l, size_t w) {
    const sc_scenario *sc = S->sc;
    size_t nm = S->nm;
    for (size_t m = 0; m < nm; m++) {
        while (S->mcursor[m] < S->mfirst[m] + S->mcount[m] &&
               S->pl->order_line[S->by_model[S->mcursor[m]]] >= 0)
            S->mcursor[m]++;
        S->scan[m] = S->mcursor[m];
        S->skips[m] = 0;
        S->blocked[m].n = 0;
    }
    for (;;) {
        long best = -1;
        size_t bm = 0;
        for (size_t m = 0; m < nm; m++) {
            if (S->quota[(m * S->nl + l) * S->nw + w] <= 0 || S->skips[m] > MAX_SKIPS ||
                !sc->compat[l * nm + m])
                continue;
            size_t end = S->mfirst[m] + S->mcount[m];
            while (S->scan[m] < end) {
                uint32_t oi = S->by_model[S->scan[m]];
                const sc__order *o = &sc->order[oi];
                if (S->pl->order_line[oi] < 0 && (size_t)o->earliest <= w &&
                    !sc__blocked_has(&S->blocked[m], o->opts, o->colour))
                    break;
                S->scan[m]++;
            }
            if (S->scan[m] == end) continue;
            uint32_t oi = S->by_model[S->scan[m]];
            if (best < 0 || sc__order_cmp(sc, oi, (uint32_t)best) < 0) {
                best = oi;
                bm = m;
            }
        }
        if (best < 0) return;
        const sc__order *o = &sc->order[best];
        int bd = -1, bleft = 0;
        for (int d = 0; d < 7; d++) {
            size_t t = w * 7 + (size_t)d, k = l * S->nd + t;
            if (!can_take(S, o, l, t)) continue;
            int left = S->target[k] - S->placed[k];
            if (bd < 0 || left > bleft) {
                bd = d;
                bleft = left;
            }
        }
        S->scan[bm]++;
        if (bd < 0) {
            S->skips[bm]++;
            sc__blocked_add(&S->blocked[bm], o->opts, o->colour);
        } else
            place(S, (uint32_t)best, l, w * 7 + (size_t)bd);
    }
}

/* Cars beyond a day's rules at its actual count go back, latest due first. */
static void check_days(rs *S) {
    sc_plan *pl = S->pl;
    const sc_scenario *sc = S->sc;
    /* The free guest orders of each line-day, to look victims up. */
    size_t nk = S->nl * S->nd;
    size_t *first = sc__calloc(nk + 2, sizeof *first);
    uint32_t *list = sc__malloc((S->ncand + 1) * sizeof *list);
    if (!first || !list) {
        sc__free(first);
        sc__free(list);
        return; /* the sequencing step scores what is left */
    }
    for (size_t i = 0; i < S->ncand; i++) {
        uint32_t oi = S->cand[i];
        if (pl->order_line[oi] >= 0)
            first[(size_t)pl->order_line[oi] * S->nd + (size_t)pl->order_day[oi] + 1]++;
    }
    for (size_t k = 1; k <= nk; k++)
        first[k] += first[k - 1];
    size_t *fill = sc__malloc((nk + 1) * sizeof *fill); /* where each day's next goes */
    if (!fill) {
        sc__free(first);
        sc__free(list);
        return;
    }
    memcpy(fill, first, (nk + 1) * sizeof *fill);
    for (size_t i = 0; i < S->ncand; i++) {
        uint32_t oi = S->cand[i];
        if (pl->order_line[oi] >= 0)
            list[fill[(size_t)pl->order_line[oi] * S->nd + (size_t)pl->order_day[oi]]++] = oi;
    }
    sc__free(fill);
    for (size_t l = 0; l < S->nl; l++) {
        for (size_t t = 0; t < S->nd; t++) {
            size_t k = l * S->nd + t;
            if (!free_day(S, l, t)) continue;
            sc__excess e;
            while (sc__days_over(&S->D, &S->front, sc, l, k,
                                 S->D.ncars[k] - (int64_t)S->rp->npin[k], &e)) {
                long victim = -1;
                for (size_t j = first[k]; j < first[k + 1]; j++) {
                    uint32_t oi = list[j];
                    if (pl->order_line[oi] != (int32_t)l || pl->order_day[oi] != (int32_t)t)
                        continue;
                    const sc__order *o = &sc->order[oi];
                    if (!sc__excess_hits(sc, l, &e, o->opts, o->colour, o->brand)) continue;
                    if (victim < 0)
                        victim = (long)oi;
                    else {
                        const sc__order *v = &sc->order[victim];
                        if (o->due > v->due || (o->due == v->due && o->row > v->row))
                            victim = (long)oi;
                    }
                }
                if (victim < 0) break;
                unplace(S, (uint32_t)victim);
            }
        }
    }
    sc__free(first);
    sc__free(list);
}

/*
** Orders still unplanned: the first week with room after the frozen horizon.
** Room only shrinks, so the weeks found without a free slot on any line of a
** model ('S->scan', reused) are not scanned again for that model.
*/
static void repair(rs *S) {
    sc_plan *pl = S->pl;
    size_t fzw = (size_t)S->rp->fz_end / 7;
    size_t *full_until = S->scan; /* per model */
    for (size_t m = 0; m < S->nm; m++)
        full_until[m] = fzw;
    /* Passes while one places something (at most four): a car without an
    ** option raises its day's count, and so the room of the rules on it. */
    for (int pass = 0; pass < 4; pass++) {
        size_t placed = 0;
        for (size_t i = 0; i < S->ncand; i++) {
            uint32_t oi = S->cand[i];
            if (pl->order_line[oi] >= 0) continue;
            const sc__order *o = &S->sc->order[oi];
            size_t m = (size_t)o->model;
            /* From the first week not known full: contiguous with the weeks known. */
            bool from_known = (size_t)o->earliest <= full_until[m];
            size_t w0 = from_known ? full_until[m] : (size_t)o->earliest;
            bool done = false, room_seen = !from_known;
            for (size_t w = w0; w < S->nw && !done; w++) {
                bool room = false;
                for (size_t l = 0; l < S->nl && !room; l++) {
                    if (!S->sc->compat[l * S->nm + m]) continue;
                    for (int d = 0; d < 7 && !room; d++) {
                        size_t t = w * 7 + (size_t)d;
                        room = free_day(S, l, t) &&
                               pl->day_cap[l * S->nd + t] > S->D.ncars[l * S->nd + t];
                    }
                }
                if (!room) {
                    if (!room_seen && w + 1 > full_until[m]) full_until[m] = w + 1;
                    continue;
                }
                room_seen = true;
                if (!under_max(S, o, w)) continue;
                for (size_t l = 0; l < S->nl && !done; l++) {
                    if (!S->sc->compat[l * S->nm + (size_t)o->model]) continue;
                    int bd = -1;
                    int32_t bfree = 0;
                    for (int d = 0; d < 7; d++) {
                        size_t t = w * 7 + (size_t)d, k = l * S->nd + t;
                        if (!free_day(S, l, t)) continue;
                        int32_t fr = pl->day_cap[k] - S->D.ncars[k];
                        if (fr <= 0 || !fits(S, l, t, o->opts, o->colour, o->brand,
                                             (int64_t)S->D.ncars[k] + 1))
                            continue;
                        if (bd < 0 || fr > bfree) {
                            bd = d;
                            bfree = fr;
                        }
                    }
                    if (bd >= 0) {
                        place(S, oi, l, w * 7 + (size_t)bd);
                        done = true;
                        placed++;
                    }
                }
            }
        }
        if (!placed) break;
    }
}

/* ------------------------------------------------------------ line-days */

/* Scratch for laying out one line-day. */
typedef struct scratch {
    sc__car *cars, *olds, *news;
    long *key;
    int32_t *tagpos; /* old position of a host car by its number, for one line-day */
} scratch;

/*
** Lays out the free cars of line-day k (host cars then guest orders, 'n' of
** them in 's->cars') into 'dst': the cars the old plan had on that line-day
** in their old order, with the new ones spread evenly among them.
*/
static void warm_order(const rs *S, size_t l, size_t t, size_t n, scratch *s, sc__car *dst) {
    const sc__replan *rp = S->rp;
    size_t k = l * S->nd + t;
    for (uint32_t q = rp->ofirst[k]; q < rp->ofirst[k + 1]; q++) {
        const sc__car *c = &rp->ocar[q];
        if (c->order < 0 && !(c->tag & SC__TAG_CARRIED))
            s->tagpos[c->tag & SC__TAG_NUM_MASK] = (int32_t)(q - rp->ofirst[k]) + 1;
    }
    size_t no = 0, nn = 0;
    for (size_t i = 0; i < n; i++) {
        const sc__car *c = &s->cars[i];
        long pos = -1;
        if (c->order >= 0) {
            if (rp->old_line[c->order] == (int32_t)l && rp->old_day[c->order] == (int32_t)t)
                pos = (long)rp->old_pos[c->order];
        } else if (!(c->tag & SC__TAG_CARRIED) && s->tagpos[c->tag & SC__TAG_NUM_MASK] > 0)
            pos = s->tagpos[c->tag & SC__TAG_NUM_MASK];
        if (pos < 0)
            s->news[nn++] = *c;
        else {
            /* Insertion by old position: a line-day's cars are few. */
            size_t j = no++;
            while (j > 0 && s->key[j - 1] > pos) {
                s->olds[j] = s->olds[j - 1];
                s->key[j] = s->key[j - 1];
                j--;
            }
            s->olds[j] = *c;
            s->key[j] = pos;
        }
    }
    for (uint32_t q = rp->ofirst[k]; q < rp->ofirst[k + 1]; q++)
        if (rp->ocar[q].order < 0) s->tagpos[rp->ocar[q].tag & SC__TAG_NUM_MASK] = 0;
    /* New car b goes before old car (b + 1) x no / (nn + 1). */
    size_t a = 0, m = 0;
    for (size_t b = 0; b < nn; b++) {
        size_t slot = (b + 1) * no / (nn + 1);
        while (a < slot)
            dst[m++] = s->olds[a++];
        dst[m++] = s->news[b];
    }
    while (a < no)
        dst[m++] = s->olds[a++];
}

static sc_status layout(rs *S) {
    sc_plan *pl = S->pl;
    sc__replan *rp = S->rp;
    const sc_scenario *sc = S->sc;
    size_t nl = S->nl, nd = S->nd, nk = nl * nd;
    size_t *gfirst = sc__calloc(nk + 2, sizeof *gfirst);
    size_t *pfirst = sc__calloc(nk + 2, sizeof *pfirst);
    size_t nguests = 0, maxday = 1;
    scratch s;
    memset(&s, 0, sizeof s);
    sc_status st = SC_ENOMEM;
    uint32_t *gorder = NULL;
    size_t *fill = NULL;
    if (!gfirst || !pfirst) goto done;
    for (size_t i = 0; i < S->ncand; i++) {
        uint32_t oi = S->cand[i];
        if (pl->order_line[oi] < 0) continue;
        gfirst[(size_t)pl->order_line[oi] * nd + (size_t)pl->order_day[oi] + 1]++;
        nguests++;
    }
    for (size_t k = 1; k <= nk; k++)
        gfirst[k] += gfirst[k - 1];
    for (size_t i = 0; i < rp->ncarried; i++)
        if (rp->carried[i].new_day >= 0)
            pfirst[(size_t)rp->carried[i].line * nd + (size_t)rp->carried[i].new_day + 1]++;
    for (size_t k = 1; k <= nk; k++)
        pfirst[k] += pfirst[k - 1];
    gorder = sc__malloc((nguests + 1) * sizeof *gorder);
    fill = sc__malloc((nk + 1) * sizeof *fill);
    size_t total = rp->ncarried + S->host_first[nk] + nguests, nld = 0;
    for (size_t k = 0; k < nk; k++) {
        size_t nfix = rp->fixed[k] ? rp->ofirst[k + 1] - rp->ofirst[k] : 0;
        size_t nfree = S->host_n[k] + (gfirst[k + 1] - gfirst[k]);
        total += nfix;
        nld += nfix || pfirst[k + 1] > pfirst[k] || nfree;
        if (nfree > maxday) maxday = nfree;
    }
    pl->car = sc__malloc((total + 1) * sizeof *pl->car);
    pl->ld = sc__calloc(nld + 1, sizeof *pl->ld);
    s.cars = sc__malloc(maxday * sizeof *s.cars);
    s.olds = sc__malloc(maxday * sizeof *s.olds);
    s.news = sc__malloc(maxday * sizeof *s.news);
    s.key = sc__malloc(maxday * sizeof *s.key);
    s.tagpos = sc__calloc(SC__TAG_NUM_MASK + 1, sizeof *s.tagpos);
    if (!gorder || !fill || !pl->car || !pl->ld || !s.cars || !s.olds || !s.news || !s.key ||
        !s.tagpos)
        goto done;
    memcpy(fill, gfirst, (nk + 1) * sizeof *fill);
    for (size_t i = 0; i < S->ncand; i++) {
        uint32_t oi = S->cand[i];
        if (pl->order_line[oi] >= 0)
            gorder[fill[(size_t)pl->order_line[oi] * nd + (size_t)pl->order_day[oi]]++] = oi;
    }
    size_t nc = 0, pi = 0;
    for (size_t l = 0; l < nl; l++)
        for (size_t t = 0; t < nd; t++) {
            size_t k = l * nd + t;
            pl->ld_index[k] = -1;
            size_t nfix = rp->fixed[k] ? rp->ofirst[k + 1] - rp->ofirst[k] : 0;
            size_t np = pfirst[k + 1] - pfirst[k];
            size_t nh = S->host_n[k], ng = gfirst[k + 1] - gfirst[k];
            if (!nfix && !np && !nh && !ng) continue;
            sc__lineday *ld = &pl->ld[pl->nld];
            pl->ld_index[k] = (int32_t)pl->nld++;
            ld->line = (int32_t)l;
            ld->day = (int32_t)t;
            ld->first = (uint32_t)nc;
            if (nfix) { /* kept as published */
                memcpy(&pl->car[nc], &rp->ocar[rp->ofirst[k]], nfix * sizeof *pl->car);
                ld->n = ld->nfixed = (uint32_t)nfix;
            } else {
                /* Carried cars first, in published order (they are sorted by
                ** line and new day). */
                while (
                    pi < rp->ncarried &&
                    (rp->carried[pi].new_day < 0 || rp->carried[pi].line < (int32_t)l ||
                     (rp->carried[pi].line == (int32_t)l && rp->carried[pi].new_day < (int32_t)t)))
                    pi++;
                size_t put = 0;
                for (; pi < rp->ncarried && rp->carried[pi].line == (int32_t)l &&
                       rp->carried[pi].new_day == (int32_t)t;
                     pi++)
                    pl->car[nc + put++] = rp->carried[pi].car;
                ld->nfixed = (uint32_t)put;
                size_t n = 0;
                for (size_t i = 0; i < nh; i++)
                    s.cars[n++] = S->host[S->host_first[k] + i];
                for (size_t j = gfirst[k]; j < gfirst[k + 1]; j++) {
                    const sc__order *o = &sc->order[gorder[j]];
                    s.cars[n++] = (sc__car){(int32_t)gorder[j], o->model, o->colour, 0, o->opts};
                }
                warm_order(S, l, t, n, &s, &pl->car[nc + put]);
                ld->n = (uint32_t)(put + n);
            }
            for (size_t i = 0; i < ld->n; i++)
                ld->nguest += !sc->brand[sc->model[pl->car[nc + i].model].brand].host;
            nc += ld->n;
        }
    pl->ncars = nc;
    st = SC_OK;
done:
    sc__free(gfirst);
    sc__free(pfirst);
    sc__free(gorder);
    sc__free(fill);
    sc__free(s.cars);
    sc__free(s.olds);
    sc__free(s.news);
    sc__free(s.key);
    sc__free(s.tagpos);
    return st;
}

/* ------------------------------------------------------------ the step */

sc_status sc__replan_slot(sc_plan *pl, sc_diag *d) {
    const sc_scenario *sc = pl->sc;
    rs S;
    memset(&S, 0, sizeof S);
    S.pl = pl;
    S.rp = pl->rp;
    S.sc = sc;
    S.nl = pl->nl;
    S.nd = pl->nd;
    S.nw = pl->nw;
    S.nm = pl->nm;
    size_t nk = S.nl * S.nd + 1, nmlw = S.nm * S.nl * S.nw + 1;
    bool days = sc__days_init(&S.D, sc, nk);
    days = sc__days_init(&S.front, sc, nk) && days;
    S.target = sc__calloc(nk, sizeof *S.target);
    S.placed = sc__calloc(nk, sizeof *S.placed);
    S.quota = sc__malloc(nmlw * sizeof *S.quota);
    S.bw = sc__calloc(pl->nb * S.nw + 1, sizeof *S.bw);
    S.mw = sc__calloc(S.nm * S.nw + 1, sizeof *S.mw);
    S.cand = sc__malloc((sc->norders + 1) * sizeof *S.cand);
    S.by_model = sc__malloc((sc->norders + 1) * sizeof *S.by_model);
    S.mfirst = sc__calloc(S.nm + 1, sizeof *S.mfirst);
    S.mcount = sc__calloc(S.nm + 1, sizeof *S.mcount);
    S.mcursor = sc__calloc(S.nm + 1, sizeof *S.mcursor);
    S.scan = sc__calloc(S.nm + 1, sizeof *S.scan);
    S.skips = sc__calloc(S.nm + 1, sizeof *S.skips);
    S.blocked = sc__calloc(S.nm + 1, sizeof *S.blocked);
    sc_status st = SC_OK;
    if (!days || !S.target || !S.placed || !S.quota || !S.bw || !S.mw || !S.cand || !S.by_model ||
        !S.mfirst || !S.mcount || !S.mcursor || !S.scan || !S.skips || !S.blocked) {
        st = SC_ENOMEM;
        goto done;
    }
    memcpy(S.quota, pl->alloc, (nmlw - 1) * sizeof *S.quota);
    memset(pl->slotted, 0, (nmlw - 1) * sizeof *pl->slotted);
    memset(pl->wk_guest, 0, S.nl * S.nw * sizeof *pl->wk_guest);
    for (size_t i = 0; i < sc->norders; i++) {
        pl->order_line[i] = pl->order_day[i] = -1;
        pl->order_reason[i] = SC__NO_REASON;
    }
    fixed_and_carried(&S);
    st = host_cars(&S);
    if (st) goto done;
    size_t n = 0;
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (sc->brand[o->brand].host || pl->order_line[i] >= 0) continue;
        S.cand[n++] = (uint32_t)i;
    }
    if (!sc__sort_orders(sc, S.cand, n, SC__SORT_DUE)) {
        st = SC_ENOMEM;
        goto done;
    }
    S.ncand = n;
    /* Grouped by model, keeping the order within each. */
    for (size_t i = 0; i < n; i++)
        S.mcount[sc->order[S.cand[i]].model]++;
    for (size_t m = 1; m < S.nm; m++)
        S.mfirst[m] = S.mfirst[m - 1] + S.mcount[m - 1];
    for (size_t m = 0; m < S.nm; m++)
        S.mcursor[m] = S.mfirst[m];
    for (size_t i = 0; i < n; i++) {
        size_t m = (size_t)sc->order[S.cand[i]].model;
        S.by_model[S.mcursor[m]++] = S.cand[i];
    }
    for (size_t m = 0; m < S.nm; m++)
        S.mcursor[m] = S.mfirst[m];
    sticky(&S);
    targets(&S);
    for (size_t w = (size_t)S.rp->fz_end / 7; w < S.nw; w++)
        for (size_t l = 0; l < S.nl; l++)
            fill_week(&S, l, w);
    check_days(&S);
    repair(&S);
    st = layout(&S);
    if (!st) {
        memcpy(pl->built_bw, S.bw, pl->nb * S.nw * sizeof *pl->built_bw);
        memcpy(pl->built_mw, S.mw, S.nm * S.nw * sizeof *pl->built_mw);
        sc__order_status(pl);
    }
done:
    sc__days_free(&S.D);
    sc__days_free(&S.front);
    sc__free(S.target);
    sc__free(S.placed);
    sc__free(S.quota);
    sc__free(S.bw);
    sc__free(S.mw);
    sc__free(S.cand);
    sc__free(S.by_model);
    sc__free(S.mfirst);
    sc__free(S.mcount);
    sc__free(S.mcursor);
    sc__free(S.scan);
    sc__free(S.skips);
    sc__free(S.blocked);
    sc__free(S.host);
    sc__free(S.host_first);
    sc__free(S.host_n);
    if (st == SC_ENOMEM) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}
