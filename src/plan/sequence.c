/*
** Sequencing: every line-day through the engine (src/seq/, by its public
** API only).
**
** A line-day becomes an sc_instance: one option per option that the line's
** ratio rules name, plus a "guest" option (or "guest:BRAND") for the
** spreading rule; the line's rules, its paint batch limit; objectives in the
** ROADEF order (high-priority rules x 1,000,000, colour changes x 1,000,
** low-priority rules x 1). The last cars of the line's previous line-day
** stand in front as SC_CAR_PREV cars, so that windows across the night (and
** the weekend) count. Windows at the end of the day count only when full
** (SC_WINDOWS_FULL): the next day's windows over the night take the rest,
** so each window is counted once. The cars the frame pins at the front of a
** line-day stand as SC_CAR_FROZEN.
**
** With an old plan in the frame (a replan), each line-day changes as little
** as the rules allow (run_day below): a line-day kept as published is only
** scored; one that holds the old plan's cars in the old order keeps it when
** good; any other keeps the longest old prefix it can and the search starts
** from the order slotting laid out. Without one, the search builds its own
** start.
**
** The search runs with an effort budget of moves (never a time limit) and
** a seed made from the plan's seed, the line and the day, so the same input
** gives the same sequences on any machine and with any number of threads.
** A line's days depend on each other (the tail), so each job of the
** parallel runner (parallel.h) is a whole line, the longest lines first;
** line-days of different lines run at once.
*/
#include <stdlib.h>
#include <string.h>

#include "../model/parallel.h"
#include "plan.h"

const char *sc__car_id(const sc_plan *pl, const sc__lineday *ld, const sc__car *c, char *buf,
                       size_t size) {
    const sc_scenario *sc = pl->sc;
    if (c->order >= 0) return sc->ids.buf + sc->order[c->order].id;
    int y, m, d;
    int32_t day = ld->day;
    uint32_t tag = c->tag;
    if (tag & SC__TAG_CARRIED) { /* carried by a replan: the id it was published with */
        day = (int32_t)((tag & ~SC__TAG_CARRIED) >> SC__TAG_DAY_SHIFT);
        tag &= SC__TAG_NUM_MASK;
    }
    sc__civil_from_days(sc->day0 + day, &y, &m, &d);
    snprintf(buf, size, "%s-%04d%02d%02d-%04u", sc__name(sc, sc->line[ld->line].name), y, m, d,
             tag);
    return buf;
}

const char *sc__options_text(const sc_scenario *sc, uint64_t opts, char *buf, size_t size) {
    size_t n = 0;
    buf[0] = '\0';
    for (size_t o = 0; o < sc->option.n && n < size; o++)
        if ((opts >> o) & 1) {
            int w =
                snprintf(buf + n, size - n, "%s%s", n ? "|" : "", sc__names_get(&sc->option, o));
            if (w > 0) n += (size_t)w;
        }
    return buf;
}

/* The cars of the previous line-day that stand in front: P - 1 of the
** longest rule, at least one (for the first colour change). */
static size_t tail_length(const sc__line *ln) {
    int p = 2;
    for (size_t r = 0; r < ln->nrules; r++)
        if (ln->rule[r].p > p) p = ln->rule[r].p;
    if (ln->spread.on && ln->spread.p > p) p = ln->spread.p;
    return (size_t)p - 1;
}

/* Adds one car to 'in'; 'imap' maps scenario options to instance options. */
static int add_car(const sc_plan *pl, sc_instance *in, const sc__lineday *ld, const sc__car *c,
                   sc_car_kind kind, const int *imap, int guest_opt, int32_t guest_brand) {
    const sc_scenario *sc = pl->sc;
    int opts[SC__MAX_SC_OPTIONS + 1];
    size_t no = 0;
    for (size_t o = 0; o < sc->option.n; o++)
        if (imap[o] >= 0 && ((c->opts >> o) & 1)) opts[no++] = imap[o];
    int32_t brand = sc->model[c->model].brand;
    if (guest_opt >= 0 && !sc->brand[brand].host && (guest_brand < 0 || guest_brand == brand))
        opts[no++] = guest_opt;
    int col = sc_instance_colour(in, sc__names_get(&sc->colour, (size_t)c->colour));
    if (col < 0) return col;
    char idbuf[160];
    return sc_instance_add_car(in, kind, sc__car_id(pl, ld, c, idbuf, sizeof idbuf), col, opts, no,
                               sc__name(sc, sc->brand[brand].name),
                               sc__name(sc, sc->model[c->model].name));
}

sc_status sc__lineday_instance(const sc_plan *pl, size_t k, sc_instance **out, size_t *nprev) {
    const sc_scenario *sc = pl->sc;
    const sc__lineday *ld = &pl->ld[k];
    const sc__line *ln = &sc->line[ld->line];
    *out = NULL;
    *nprev = 0;
    sc_instance *in;
    sc_status st = sc_instance_new(&in);
    if (st) return st;
    int imap[SC__MAX_SC_OPTIONS];
    for (size_t o = 0; o < SC__MAX_SC_OPTIONS; o++)
        imap[o] = -1;
    bool high = false, low = false;
    int rc = 0;
    for (size_t r = 0; r < ln->nrules && rc >= 0; r++) {
        int32_t o = ln->rule[r].option;
        if (imap[o] < 0)
            rc = imap[o] = sc_instance_add_option(in, sc__names_get(&sc->option, (size_t)o));
        if (rc < 0) break;
        sc_rule rule = {imap[o], ln->rule[r].n, ln->rule[r].p, ln->rule[r].level, ln->rule[r].hard};
        rc = sc_instance_add_rule(in, &rule);
        high |= ln->rule[r].level == 1;
        low |= ln->rule[r].level == 0;
    }
    int guest_opt = -1;
    if (rc >= 0 && ln->spread.on) {
        char name[300];
        if (ln->spread.brand < 0)
            snprintf(name, sizeof name, "guest");
        else
            snprintf(name, sizeof name, "guest:%s", sc__name(sc, sc->brand[ln->spread.brand].name));
        /* An option of the scenario might carry the same name. */
        for (int tries = 0; tries < 4; tries++) {
            guest_opt = sc_instance_add_option(in, name);
            if (guest_opt != SC_EINVAL) break;
            strncat(name, "_", sizeof name - strlen(name) - 1);
        }
        rc = guest_opt;
        if (rc >= 0) {
            sc_rule rule = {guest_opt, ln->spread.n, ln->spread.p, ln->spread.level,
                            ln->spread.hard};
            rc = sc_instance_add_rule(in, &rule);
            high |= ln->spread.level == 1;
            low |= ln->spread.level == 0;
        }
    }
    if (rc >= 0 && high)
        rc = sc_instance_add_objective(in, &(sc_objective){SC_OBJ_RATIO, 1, 1000000});
    if (rc >= 0) rc = sc_instance_add_objective(in, &(sc_objective){SC_OBJ_COLOUR, 0, 1000});
    if (rc >= 0 && low) rc = sc_instance_add_objective(in, &(sc_objective){SC_OBJ_RATIO, 0, 1});
    if (rc < 0) {
        sc_instance_free(in);
        return (sc_status)rc;
    }
    sc_instance_set_batch_limit(in, ln->batch_limit);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    /* The previous line-day's tail. */
    if (k > 0 && pl->ld[k - 1].line == ld->line) {
        const sc__lineday *pv = &pl->ld[k - 1];
        size_t tl = tail_length(ln);
        if (tl > pv->n) tl = pv->n;
        for (size_t i = pv->n - tl; i < pv->n && rc >= 0; i++)
            rc = add_car(pl, in, pv, &pl->car[pv->first + i], SC_CAR_PREV, imap, guest_opt,
                         ln->spread.brand);
        *nprev = tl;
    }
    for (size_t i = 0; i < ld->n && rc >= 0; i++)
        rc = add_car(pl, in, ld, &pl->car[ld->first + i],
                     i < ld->nfixed ? SC_CAR_FROZEN : SC_CAR_FREE, imap, guest_opt,
                     ln->spread.brand);
    if (rc < 0) {
        sc_instance_free(in);
        *nprev = 0;
        return (sc_status)rc;
    }
    *out = in;
    return SC_OK;
}

void sc__lineday_take_score(sc__lineday *ld, const sc_instance *in) {
    ld->vhigh = ld->vlow = ld->colour_changes = 0;
    for (size_t j = 0; j < sc_instance_nobjectives(in); j++) {
        sc_objective ob = sc_instance_objective(in, j);
        if (ob.kind == SC_OBJ_COLOUR)
            ld->colour_changes = ld->score.value[j];
        else if (ob.level == 1)
            ld->vhigh = ld->score.value[j];
        else
            ld->vlow = ld->score.value[j];
    }
}

/* ------------------------------------------------------------ one line-day */

/* Per worker: scratch for one line-day. */
typedef struct scratch {
    int32_t *tags; /* old position of a host car by its number */
    sc__car *cars;
    uint32_t *pos;
    size_t cap;
} scratch;

/* Does line-day 'ld' hold the old plan's cars of its line-day, in the old order? */
static bool as_before(const sc_plan *pl, const sc__lineday *ld) {
    const sc__frame *fr = &pl->fr;
    size_t k = (size_t)ld->line * pl->nd + (size_t)ld->day;
    if (fr->ofirst[k + 1] - fr->ofirst[k] != ld->n || ld->nfixed) return false;
    for (size_t i = 0; i < ld->n; i++) {
        const sc__car *a = &pl->car[ld->first + i], *b = &fr->ocar[fr->ofirst[k] + i];
        if (a->order != b->order || (a->order < 0 && a->tag != b->tag)) return false;
    }
    return true;
}

/* Good enough to keep instead of searching: no hard constraint broken and
** no high-priority rule. */
static bool good(const sc_instance *in, const sc_score *s) {
    if (!sc_score_is_feasible(s)) return false;
    for (size_t j = 0; j < sc_instance_nobjectives(in); j++) {
        sc_objective ob = sc_instance_objective(in, j);
        if (ob.kind == SC_OBJ_RATIO && ob.level == 1 && s->value[j] > 0) return false;
    }
    return true;
}

/*
** Repairs the front of 'seq' (the windows across the night, after the line-day
** before changed): best-improvement swaps of a car among the first W free cars
** with one among the first 3W, while the weighted total falls, at most a few
** rounds. Cars further back keep their position. O(rounds x W x 3W x cars).
*/
static void repair_front(const sc_instance *in, uint32_t *seq, size_t nfixed, sc_score *sc) {
    /* 'nfixed': the first position of 'seq' that may move. */
    size_t n = sc_instance_ncars(in);
    int pmax = 2;
    for (size_t r = 0; r < sc_instance_nrules(in); r++)
        if (sc_instance_rule(in, r).p > pmax) pmax = sc_instance_rule(in, r).p;
    size_t w = 2 * (size_t)pmax, a0 = nfixed;
    size_t a1 = a0 + w < n ? a0 + w : n, b1 = a0 + 3 * w < n ? a0 + 3 * w : n;
    for (int round = 0; round < 8; round++) {
        int64_t best = sc->total;
        size_t bi = 0, bj = 0;
        for (size_t i = a0; i < a1; i++)
            for (size_t j = i + 1; j < b1; j++) {
                uint32_t t = seq[i];
                seq[i] = seq[j];
                seq[j] = t;
                sc_score s;
                if (sc_score_sequence(in, seq, &s, NULL) == SC_OK &&
                    (s.hard < sc->hard || (s.hard == sc->hard && s.total < best))) {
                    best = s.total;
                    bi = i;
                    bj = j;
                }
                seq[j] = seq[i];
                seq[i] = t;
            }
        if (bi == bj) break;
        uint32_t t = seq[bi];
        seq[bi] = seq[bj];
        seq[bj] = t;
        sc_score_sequence(in, seq, sc, NULL);
    }
}

/* The position a free car of line-day 'ld' had on the same line-day in the
** old plan (1-based), or 0. 'tags' maps the old host cars' numbers. */
static uint32_t old_position(const sc_plan *pl, const sc__lineday *ld, const sc__car *c,
                             const int32_t *tags) {
    const sc__frame *fr = &pl->fr;
    if (c->order >= 0)
        return fr->old_line[c->order] == ld->line && fr->old_day[c->order] == ld->day
                   ? fr->old_pos[c->order]
                   : 0;
    if (c->tag & SC__TAG_CARRIED) return 0;
    return (uint32_t)tags[c->tag & SC__TAG_NUM_MASK];
}

/*
** The longest prefix of the old sequence to keep fixed: the cars at old
** positions 1, 2, ... still on the line-day, as long as the cars behind them
** (the rest and the new ones) leave each ratio rule a window's slack. The
** line-day's free cars are put in that order: the prefix, then the others as
** slotting laid them out. Returns the prefix length.
*/
static size_t keep_prefix(sc_plan *pl, sc__lineday *ld, scratch *s) {
    const sc__frame *fr = &pl->fr;
    const sc_scenario *sc = pl->sc;
    const sc__line *ln = &sc->line[ld->line];
    int32_t *tags = s->tags;
    uint32_t *pos = s->pos;
    sc__car *tmp = s->cars;
    size_t k = (size_t)ld->line * pl->nd + (size_t)ld->day, n = ld->n;
    for (uint32_t q = fr->ofirst[k]; q < fr->ofirst[k + 1]; q++)
        if (fr->ocar[q].order < 0 && !(fr->ocar[q].tag & SC__TAG_CARRIED))
            tags[fr->ocar[q].tag & SC__TAG_NUM_MASK] = (int32_t)(q - fr->ofirst[k]) + 1;
    sc__car *cars = &pl->car[ld->first];
    size_t p = 0;
    for (size_t i = 0; i < n; i++)
        pos[i] = old_position(pl, ld, &cars[i], tags);
    for (uint32_t q = fr->ofirst[k]; q < fr->ofirst[k + 1]; q++)
        if (fr->ocar[q].order < 0) tags[fr->ocar[q].tag & SC__TAG_NUM_MASK] = 0;
    /* The run of old positions 1, 2, ... present: 'tags' maps an old
    ** position to the car that held it (+ 1), then is cleared. */
    size_t nold = fr->ofirst[k + 1] - fr->ofirst[k];
    for (size_t i = 0; i < n; i++)
        if (pos[i] && pos[i] <= nold && pos[i] <= SC__TAG_NUM_MASK) tags[pos[i]] = (int32_t)i + 1;
    for (; p < nold && p + 1 <= SC__TAG_NUM_MASK && tags[p + 1] > 0; p++) {
        size_t at = (size_t)tags[p + 1] - 1;
        tmp[p] = cars[at];
        cars[at].order = INT32_MIN; /* taken */
    }
    for (size_t i = 0; i < n; i++)
        if (pos[i] && pos[i] <= SC__TAG_NUM_MASK) tags[pos[i]] = 0;
    size_t m = p;
    for (size_t i = 0; i < n; i++)
        if (cars[i].order != INT32_MIN) tmp[m++] = cars[i];
    memcpy(cars, tmp, n * sizeof *cars);
    /* Shrink it until the cars behind leave every rule a window's slack. */
    int64_t cnt[SC__MAX_LINE_RULES + 1] = {0};
    const sc__spread *sp = &ln->spread;
    for (size_t i = p; i < n; i++) {
        for (size_t r = 0; r < ln->nrules; r++)
            cnt[r] += (int64_t)((cars[i].opts >> ln->rule[r].option) & 1);
        int32_t b = sc->model[cars[i].model].brand;
        cnt[ln->nrules] += sp->on && !sc->brand[b].host && (sp->brand < 0 || sp->brand == b);
    }
    for (;; p--) {
        int64_t len = (int64_t)(n - p);
        bool ok = true;
        for (size_t r = 0; r < ln->nrules && ok; r++)
            ok = cnt[r] <= sc__rule_room(len, ln->rule[r].n, ln->rule[r].p) - ln->rule[r].n;
        if (ok && sp->on) ok = cnt[ln->nrules] <= sc__rule_room(len, sp->n, sp->p) - sp->n;
        if (ok || p == 0) break;
        const sc__car *c = &cars[p - 1];
        for (size_t r = 0; r < ln->nrules; r++)
            cnt[r] += (int64_t)((c->opts >> ln->rule[r].option) & 1);
        int32_t b = sc->model[c->model].brand;
        cnt[ln->nrules] += sp->on && !sc->brand[b].host && (sp->brand < 0 || sp->brand == b);
    }
    return p;
}

/* Builds the instance of line-day 'k' as its cars stand, with the identity
** sequence in '*seqp' ('*inp' and '*seqp' freed first). */
static sc_status day_instance(sc_plan *pl, size_t k, sc_instance **inp, uint32_t **seqp,
                              size_t *nprevp, sc_diag *d) {
    sc_instance_free(*inp);
    sc__free(*seqp);
    *inp = NULL;
    *seqp = NULL;
    sc_status st = sc__lineday_instance(pl, k, inp, nprevp);
    if (st) {
        sc__diag_set(d, NULL, 0, 0, "line-day instance: %s", sc_strerror(st));
        return st;
    }
    *seqp = sc__malloc(sc_instance_ncars(*inp) * sizeof **seqp);
    if (!*seqp) {
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_sequence_identity(*inp, *seqp);
    return SC_OK;
}

/* Puts the cars of line-day 'k' in the order of 'seq' (over the instance,
** 'nprev' cars of the day before in front); 'tmp' holds ld->n cars. */
static void take_order(sc_plan *pl, size_t k, const uint32_t *seq, size_t nprev, sc__car *tmp) {
    sc__lineday *ld = &pl->ld[k];
    sc__car *cars = &pl->car[ld->first];
    memcpy(tmp, cars, ld->n * sizeof *cars);
    for (size_t i = 0; i < ld->n; i++)
        cars[i] = tmp[seq[nprev + i] - nprev];
}

/*
** Runs the engine on line-day 'k' as it stands (its first 'nfixed' cars
** fixed): from the order the cars stand in when the frame holds an old plan,
** else from a start the search builds. On success the cars stand in the new
** order and the line-day holds its score.
*/
static sc_status search_day(sc_plan *pl, size_t k, sc_instance **inp, uint32_t **seqp,
                            size_t *nprevp, scratch *s, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    sc_status st = day_instance(pl, k, inp, seqp, nprevp, d);
    if (st) return st;
    sc_search_params sp;
    sc_search_defaults(&sp);
    sp.seed = sc__mix(pl->params.seed ^ sc__mix(((uint64_t)ld->line << 32) ^ (uint64_t)ld->day));
    sp.time_limit = 0;
    uint64_t effort = pl->params.effort_per_car * (ld->n - ld->nfixed);
    sp.effort = effort > pl->params.min_effort ? effort : pl->params.min_effort;
    sp.threads = 1;
    sp.stop = pl->params.stop;
    sc_search_stats stats;
    st = sc_search_run(*inp, &sp, *seqp, pl->fr.warm, &stats, d);
    if (!st) st = sc_score_sequence(*inp, *seqp, &ld->score, d);
    if (!st) {
        take_order(pl, k, *seqp, *nprevp, s->cars);
        ld->moves += stats.moves;
    }
    return st;
}

/* Repairs the front of line-day 'k' as it stands (repair_front) and puts
** its cars in the repaired order. */
static sc_status repair_day(sc_plan *pl, size_t k, sc_instance **inp, uint32_t **seqp,
                            size_t *nprevp, scratch *s, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    sc_status st = day_instance(pl, k, inp, seqp, nprevp, d);
    if (!st) st = sc_score_sequence(*inp, *seqp, &ld->score, d);
    if (st) return st;
    repair_front(*inp, *seqp, *nprevp + ld->nfixed, &ld->score);
    take_order(pl, k, *seqp, *nprevp, s->cars);
    return SC_OK;
}

/*
** Does line-day 'k' stand behind the same line-day as it did in the old plan,
** itself kept as published? Then its windows over the night are as they were
** and its score is the one it was published with.
*/
static bool same_context(const sc_plan *pl, size_t k, const uint8_t *kept) {
    const sc__lineday *ld = &pl->ld[k];
    const sc__frame *fr = &pl->fr;
    size_t l = (size_t)ld->line, nd = pl->nd;
    int32_t old_prev = -1;
    for (int32_t t = ld->day - 1; t >= 0 && old_prev < 0; t--)
        if (fr->ofirst[l * nd + (size_t)t + 1] > fr->ofirst[l * nd + (size_t)t]) old_prev = t;
    bool has_prev = k > 0 && pl->ld[k - 1].line == ld->line;
    if (!has_prev) return old_prev < 0;
    return pl->ld[k - 1].day == old_prev && kept[k - 1];
}

/*
** Sequences line-day 'k' (the one before it on its line is done) with as
** little churn as the rules allow:
**   - kept as published, or only pinned cars: scored as it is;
**   - the old cars in the old order: kept when behind the same line-day as
**     then (it scores as published) or when good (no hard constraint, no
**     high-priority rule broken); else the front repaired, else searched;
**   - otherwise: the engine on the cars behind the longest old prefix it can
**     keep; if that is not good, behind half of it, and at last on the whole
**     line-day.
** Without an old plan there is no prefix: the engine on the whole line-day.
** 'kept' marks the line-days that stand as published.
*/
static sc_status run_day(sc_plan *pl, size_t k, scratch *s, uint8_t *kept, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    const sc__frame *fr = &pl->fr;
    if (ld->n > s->cap) {
        sc__free(s->cars);
        sc__free(s->pos);
        s->cars = sc__malloc(ld->n * sizeof *s->cars);
        s->pos = sc__malloc(ld->n * sizeof *s->pos);
        s->cap = s->cars && s->pos ? ld->n : 0;
        if (!s->cap) {
            sc__diag_set(d, NULL, 0, 0, "out of memory");
            return SC_ENOMEM;
        }
    }
    sc_instance *in = NULL;
    uint32_t *seq = NULL;
    size_t nprev;
    bool fixed = fr->fixed[(size_t)ld->line * pl->nd + (size_t)ld->day];
    bool same = !fixed && fr->warm && as_before(pl, ld);
    /* As published and behind the same day as then: scored as it was published. */
    bool context = same && same_context(pl, k, kept);
    sc_status st = SC_OK;
    if (fixed || ld->nfixed == ld->n || same) {
        st = day_instance(pl, k, &in, &seq, &nprev, d);
        if (!st) st = sc_score_sequence(in, seq, &ld->score, d);
        if (!st && same && !context && !good(in, &ld->score)) {
            st = repair_day(pl, k, &in, &seq, &nprev, s, d);
            if (!st && !good(in, &ld->score)) st = search_day(pl, k, &in, &seq, &nprev, s, d);
        }
    } else if (fr->warm && !ld->nfixed) {
        /* The longest old prefix that leaves room, then half of it, then none. */
        size_t p = keep_prefix(pl, ld, s);
        sc__car *cars = &pl->car[ld->first];
        sc__car *start = sc__malloc(ld->n * sizeof *start);
        if (!start) {
            sc__diag_set(d, NULL, 0, 0, "out of memory");
            return SC_ENOMEM;
        }
        memcpy(start, cars, ld->n * sizeof *cars); /* the order to start each try from */
        for (;;) {
            ld->nfixed = (uint32_t)p;
            st = search_day(pl, k, &in, &seq, &nprev, s, d);
            ld->nfixed = 0;
            /* Windows over the night into a kept prefix: repair the front. */
            if (!st && p && !good(in, &ld->score)) st = repair_day(pl, k, &in, &seq, &nprev, s, d);
            if (st || !p || good(in, &ld->score)) break;
            memcpy(cars, start, ld->n * sizeof *cars);
            p = p > 2 * 16 ? p / 2 : 0;
        }
        sc__free(start);
    } else
        st = search_day(pl, k, &in, &seq, &nprev, s, d);
    if (!st) {
        sc__lineday_take_score(ld, in);
        ld->done = true;
        kept[k] = (uint8_t)(fixed || (same && as_before(pl, ld)));
    }
    sc__free(seq);
    sc_instance_free(in);
    return st;
}

/* ------------------------------------------------------------ the lines */

typedef struct seq_ctx {
    sc_plan *pl;
    size_t *order;       /* lines, longest first */
    size_t *first, *nld; /* per line: its line-days in pl->ld */
    uint8_t *kept;       /* per line-day; each job writes its own line's */
    scratch *scr;        /* per worker */
} seq_ctx;

/* A job: the line-days of one line, in day order. */
static void run_line(sc__par *par, void *arg, size_t job, size_t worker) {
    seq_ctx *c = arg;
    size_t l = c->order[job];
    scratch *s = &c->scr[worker];
    for (size_t k = c->first[l]; k < c->first[l] + c->nld[l]; k++) {
        sc_diag d = {0};
        sc_status st = run_day(c->pl, k, s, c->kept, &d);
        if (!sc__par_step(par, st, &d)) break;
    }
}

static void progress(void *arg, size_t done) {
    const sc_plan *pl = ((seq_ctx *)arg)->pl;
    if (pl->params.progress && (done % 8 == 0 || done == pl->nld)) {
        sc_plan_progress p = {"sequencing", done, pl->nld};
        pl->params.progress(&p, pl->params.user);
    }
}

sc_status sc__sequence(sc_plan *pl, sc_diag *d) {
    size_t nl = pl->nl, nw = sc__par_workers(nl, pl->params.threads);
    seq_ctx c = {pl, NULL, NULL, NULL, NULL, NULL};
    c.order = sc__malloc((nl + 1) * sizeof *c.order);
    c.first = sc__calloc(nl + 1, sizeof *c.first);
    c.nld = sc__calloc(nl + 1, sizeof *c.nld);
    c.kept = sc__calloc(pl->nld + 1, 1);
    c.scr = sc__calloc(nw, sizeof *c.scr);
    size_t *cars = sc__calloc(nl + 1, sizeof *cars);
    sc_status st = SC_ENOMEM;
    if (!c.order || !c.first || !c.nld || !c.kept || !c.scr || !cars) goto done;
    for (size_t i = 0; i < nw; i++)
        if (!(c.scr[i].tags = sc__calloc(SC__TAG_NUM_MASK + 1, sizeof *c.scr[i].tags))) goto done;
    for (size_t k = pl->nld; k-- > 0;) {
        size_t l = (size_t)pl->ld[k].line;
        c.first[l] = k;
        c.nld[l]++;
        cars[l] += pl->ld[k].n;
    }
    /* Longest lines first (insertion sort: few lines), ties by index. */
    for (size_t i = 0; i < nl; i++) {
        size_t j = i;
        while (j > 0 && cars[c.order[j - 1]] < cars[i]) {
            c.order[j] = c.order[j - 1];
            j--;
        }
        c.order[j] = i;
    }
    st = sc__parallel_run(nl, pl->params.threads, run_line, progress, &c, d);
    if (!st) /* Positions of the orders in their line-days. */
        for (size_t k = 0; k < pl->nld; k++) {
            const sc__lineday *ld = &pl->ld[k];
            for (size_t i = 0; i < ld->n; i++) {
                const sc__car *car = &pl->car[ld->first + i];
                if (car->order >= 0) pl->order_pos[car->order] = (uint32_t)i + 1;
            }
        }
done:
    if (st == SC_ENOMEM && d && !d->msg[0]) sc__diag_set(d, NULL, 0, 0, "out of memory");
    for (size_t i = 0; c.scr && i < nw; i++) {
        sc__free(c.scr[i].tags);
        sc__free(c.scr[i].cars);
        sc__free(c.scr[i].pos);
    }
    sc__free(c.scr);
    sc__free(c.order);
    sc__free(c.first);
    sc__free(c.nld);
    sc__free(c.kept);
    sc__free(cars);
    return st;
}
