/*
** Sequencing for a replan: the line-days after the frozen horizon through
** the engine, the others scored as they stand.
**
** A fixed line-day keeps its published sequence; it is only scored, behind
** the tail of the line-day before it. A line-day after the frozen horizon
** that holds exactly the cars the old plan had there keeps its old sequence
** when that breaks no hard constraint (no churn at all). Any other starts
** the search from the order slotting laid out (carried cars fixed at the
** front, the old cars in their old order, the new ones spread among them),
** with the same effort budget and seeds as sequence.c, so that the same
** input gives the same sequences whatever the number of threads. A line's
** days depend on each other (the tail), so each thread takes whole lines.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "replan.h"

sc_status sc__replan_sequence(sc_plan *pl, sc_diag *d);

/* Does line-day 'ld' hold the old plan's cars of its line-day, in the old order? */
static bool as_before(const sc_plan *pl, const sc__lineday *ld) {
    const sc__replan *rp = pl->rp;
    size_t k = (size_t)ld->line * pl->nd + (size_t)ld->day;
    if (rp->ofirst[k + 1] - rp->ofirst[k] != ld->n || ld->nfixed) return false;
    for (size_t i = 0; i < ld->n; i++) {
        const sc__car *a = &pl->car[ld->first + i], *b = &rp->ocar[rp->ofirst[k] + i];
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
    const sc__replan *rp = pl->rp;
    if (c->order >= 0)
        return rp->old_line[c->order] == ld->line && rp->old_day[c->order] == ld->day
                   ? rp->old_pos[c->order]
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
static size_t keep_prefix(sc_plan *pl, sc__lineday *ld, int32_t *tags, sc__car *tmp,
                          uint32_t *pos) {
    const sc__replan *rp = pl->rp;
    const sc_scenario *sc = pl->sc;
    const sc__line *ln = &sc->line[ld->line];
    size_t k = (size_t)ld->line * pl->nd + (size_t)ld->day, n = ld->n;
    for (uint32_t q = rp->ofirst[k]; q < rp->ofirst[k + 1]; q++)
        if (rp->ocar[q].order < 0 && !(rp->ocar[q].tag & SC__TAG_CARRIED))
            tags[rp->ocar[q].tag & SC__TAG_NUM_MASK] = (int32_t)(q - rp->ofirst[k]) + 1;
    sc__car *cars = &pl->car[ld->first];
    size_t p = 0;
    for (size_t i = 0; i < n; i++)
        pos[i] = old_position(pl, ld, &cars[i], tags);
    for (uint32_t q = rp->ofirst[k]; q < rp->ofirst[k + 1]; q++)
        if (rp->ocar[q].order < 0) tags[rp->ocar[q].tag & SC__TAG_NUM_MASK] = 0;
    /* The run of old positions 1, 2, ... present: 'tags' maps an old
    ** position to the car that held it (+ 1), then is cleared. */
    size_t nold = rp->ofirst[k + 1] - rp->ofirst[k];
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

/* Runs the engine on line-day 'k' as it stands (its first 'nfixed' cars
** fixed), from its current order; on success the cars stand in the new order. */
static sc_status search_day(sc_plan *pl, size_t k, sc_instance **inp, uint32_t **seqp,
                            size_t *nprevp, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    sc_instance_free(*inp);
    sc__free(*seqp);
    *inp = NULL;
    *seqp = NULL;
    sc_status st = sc__lineday_instance(pl, k, inp, nprevp);
    if (st) {
        sc__diag_set(d, NULL, 0, 0, "line-day instance: %s", sc_strerror(st));
        return st;
    }
    size_t n = sc_instance_ncars(*inp), nprev = *nprevp;
    *seqp = sc__malloc(n * sizeof **seqp);
    sc__car *tmp = sc__malloc(((size_t)ld->n + 1) * sizeof *tmp);
    if (!*seqp || !tmp) {
        sc__free(tmp);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    uint32_t *seq = *seqp;
    sc_sequence_identity(*inp, seq);
    sc_search_params sp;
    sc_search_defaults(&sp);
    sp.seed = sc__mix(pl->params.seed ^ sc__mix(((uint64_t)ld->line << 32) ^ (uint64_t)ld->day));
    sp.time_limit = 0;
    uint64_t effort = pl->params.effort_per_car * (ld->n - ld->nfixed);
    sp.effort = effort > pl->params.min_effort ? effort : pl->params.min_effort;
    sp.threads = 1;
    sp.stop = pl->params.stop;
    sc_search_stats stats;
    st = sc_search_run(*inp, &sp, seq, true, &stats, d);
    if (!st) st = sc_score_sequence(*inp, seq, &ld->score, d);
    if (!st) {
        memcpy(tmp, &pl->car[ld->first], (size_t)ld->n * sizeof *tmp);
        for (size_t i = 0; i < ld->n; i++)
            pl->car[ld->first + i] = tmp[seq[nprev + i] - nprev];
        ld->moves += stats.moves;
    }
    sc__free(tmp);
    return st;
}

/* Builds the instance of line-day 'k' as its cars stand and scores them. */
static sc_status rescore(sc_plan *pl, size_t k, sc_instance **inp, uint32_t **seqp, size_t *nprevp,
                         sc_diag *d) {
    sc_instance_free(*inp);
    sc__free(*seqp);
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
    return sc_score_sequence(*inp, *seqp, &pl->ld[k].score, d);
}

/* Repairs the front of line-day 'k' as it stands (repair_front) and puts
** its cars in the repaired order; 'tmp' holds ld->n cars. */
static sc_status repair_day(sc_plan *pl, size_t k, sc_instance **inp, uint32_t **seqp,
                            size_t *nprevp, sc__car *tmp, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    sc_status st = rescore(pl, k, inp, seqp, nprevp, d);
    if (st) return st;
    repair_front(*inp, *seqp, *nprevp + ld->nfixed, &ld->score);
    sc__car *cars = &pl->car[ld->first];
    memcpy(tmp, cars, ld->n * sizeof *cars);
    for (size_t i = 0; i < ld->n; i++)
        cars[i] = tmp[(*seqp)[*nprevp + i] - *nprevp];
    return SC_OK;
}

/* Per worker: scratch for one line-day. */
typedef struct scratch {
    int32_t *tags;
    sc__car *cars;
    uint32_t *pos;
    size_t cap;
    uint8_t *kept; /* per line-day: as published, behind the same line-day as then */
} scratch;

/*
** Does line-day 'k' stand behind the same line-day as it did in the old plan,
** itself kept as published? Then its windows over the night are as they were
** and its score is the one it was published with.
*/
static bool same_context(const sc_plan *pl, size_t k, const uint8_t *kept) {
    const sc__lineday *ld = &pl->ld[k];
    const sc__replan *rp = pl->rp;
    size_t l = (size_t)ld->line, nd = pl->nd;
    int32_t old_prev = -1;
    for (int32_t t = ld->day - 1; t >= 0 && old_prev < 0; t--)
        if (rp->ofirst[l * nd + (size_t)t + 1] > rp->ofirst[l * nd + (size_t)t]) old_prev = t;
    bool has_prev = k > 0 && pl->ld[k - 1].line == ld->line;
    if (!has_prev) return old_prev < 0;
    return pl->ld[k - 1].day == old_prev && kept[k - 1];
}

/*
** Sequences line-day 'k' with as little churn as the rules allow:
**   - fixed (frozen or before 'from'), or only carried cars: scored as it is;
**   - the old cars in the old order: kept when behind the same line-day as
**     then (it scores as published) or when good (no hard constraint, no
**     high-priority rule broken); else the front repaired, else searched;
**   - otherwise: the engine on the cars behind the longest old prefix it can
**     keep; if that is not good, behind half of it, and at last on the whole
**     line-day.
*/
static sc_status run_day(sc_plan *pl, size_t k, scratch *s, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    const sc__replan *rp = pl->rp;
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
    bool fixed = rp->fixed[(size_t)ld->line * pl->nd + (size_t)ld->day];
    bool same = !fixed && as_before(pl, ld);
    /* As published and behind the same day as then: scored as it was published. */
    bool context = same && same_context(pl, k, s->kept);
    sc_status st = SC_OK;
    if (fixed || ld->nfixed == ld->n || same) {
        st = sc__lineday_instance(pl, k, &in, &nprev);
        seq = st ? NULL : sc__malloc(sc_instance_ncars(in) * sizeof *seq);
        if (!st && !seq) st = SC_ENOMEM;
        if (!st) {
            sc_sequence_identity(in, seq);
            st = sc_score_sequence(in, seq, &ld->score, d);
        }
        if (!st && same && !context && !good(in, &ld->score)) {
            st = repair_day(pl, k, &in, &seq, &nprev, s->cars, d);
            if (!st && !good(in, &ld->score)) st = search_day(pl, k, &in, &seq, &nprev, d);
        }
    } else if (!ld->nfixed) {
        /* The longest old prefix that leaves room, then half of it, then none. */
        size_t p = keep_prefix(pl, ld, s->tags, s->cars, s->pos);
        sc__car *cars = &pl->car[ld->first];
        sc__car *start = sc__malloc(ld->n * sizeof *start);
        if (!start) {
            sc__diag_set(d, NULL, 0, 0, "out of memory");
            return SC_ENOMEM;
        }
        memcpy(start, cars, ld->n * sizeof *cars); /* the order to start each try from */
        for (;;) {
            ld->nfixed = (uint32_t)p;
            st = search_day(pl, k, &in, &seq, &nprev, d);
            ld->nfixed = 0;
            /* Windows over the night into a kept prefix: repair the front. */
            if (!st && p && !good(in, &ld->score))
                st = repair_day(pl, k, &in, &seq, &nprev, s->cars, d);
            if (st || !p || good(in, &ld->score)) break;
            memcpy(cars, start, ld->n * sizeof *cars);
            p = p > 2 * 16 ? p / 2 : 0;
        }
        sc__free(start);
    } else
        st = search_day(pl, k, &in, &seq, &nprev, d);
    if (!st) {
        sc__lineday_take_score(ld, in);
        ld->done = true;
        s->kept[k] = (uint8_t)(fixed || (same && as_before(pl, ld)));
    }
    sc__free(seq);
    sc_instance_free(in);
    return st;
}

typedef struct ctx {
    sc_plan *pl;
    uint8_t *kept; /* shared by the workers: each writes its lines' days only */
    pthread_mutex_t mu;
    size_t *first, *count; /* per line: its line-days in pl->ld */
    size_t next, done;
    sc_status st;
    sc_diag d;
} ctx;

static void *worker(void *arg) {
    ctx *c = arg;
    sc_plan *pl = c->pl;
    scratch s;
    memset(&s, 0, sizeof s);
    s.kept = c->kept;
    s.tags = sc__calloc(SC__TAG_NUM_MASK + 1, sizeof *s.tags);
    if (!s.tags) {
        pthread_mutex_lock(&c->mu);
        if (c->st == SC_OK) {
            c->st = SC_ENOMEM;
            sc__diag_set(&c->d, NULL, 0, 0, "out of memory");
        }
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&c->mu);
        bool stop = c->st != SC_OK || c->next >= pl->nl;
        size_t l = stop ? 0 : c->next++;
        pthread_mutex_unlock(&c->mu);
        if (stop) break;
        for (size_t k = c->first[l]; k < c->first[l] + c->count[l]; k++) {
            sc_diag d = {0};
            sc_status st = run_day(pl, k, &s, &d);
            pthread_mutex_lock(&c->mu);
            if (st && c->st == SC_OK) {
                c->st = st;
                c->d = d;
            }
            c->done++;
            if (pl->params.progress && (c->done % 8 == 0 || c->done == pl->nld)) {
                sc_plan_progress p = {"sequencing", c->done, pl->nld};
                pl->params.progress(&p, pl->params.user);
            }
            bool bail = c->st != SC_OK;
            pthread_mutex_unlock(&c->mu);
            if (bail) break;
        }
    }
    sc__free(s.tags);
    sc__free(s.cars);
    sc__free(s.pos);
    return NULL;
}

sc_status sc__replan_sequence(sc_plan *pl, sc_diag *d) {
    ctx c;
    memset(&c, 0, sizeof c);
    c.pl = pl;
    c.first = sc__calloc(pl->nl + 1, sizeof *c.first);
    c.count = sc__calloc(pl->nl + 1, sizeof *c.count);
    c.kept = sc__calloc(pl->nld + 1, 1);
    if (!c.first || !c.count || !c.kept || pthread_mutex_init(&c.mu, NULL) != 0) {
        sc__free(c.first);
        sc__free(c.count);
        sc__free(c.kept);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    for (size_t k = pl->nld; k-- > 0;) {
        size_t l = (size_t)pl->ld[k].line;
        c.first[l] = k;
        c.count[l]++;
    }
    int nthreads = pl->params.threads;
    if ((size_t)nthreads > pl->nl) nthreads = (int)(pl->nl ? pl->nl : 1);
    if (nthreads > 256) nthreads = 256;
    pthread_t tid[256];
    int started = 0;
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&tid[started], NULL, worker, &c) != 0) break;
        started++;
    }
    worker(&c);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&c.mu);
    sc__free(c.first);
    sc__free(c.count);
    sc__free(c.kept);
    if (c.st != SC_OK) {
        if (d) *d = c.d;
        return c.st;
    }
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *car = &pl->car[ld->first + i];
            if (car->order >= 0) pl->order_pos[car->order] = (uint32_t)i + 1;
        }
    }
    return SC_OK;
}
