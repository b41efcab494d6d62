/*
** The anytime local search.
**
** Start from the greedy sequence (greedy.c), then draw moves at random.
** A move that does not raise the weighted cost is kept: improving moves and
** sideways moves on plateaus alike, which carried the ROADEF 2005 winners
** (Estellon, Gardi and Nouioua, EJOR 191, 2008). A worsening move is kept
** under late acceptance (Burke and Bykov, "The late acceptance hill-climbing
** heuristic", EJOR 258, 2017): when the new cost is no higher than the cost
** a fixed number of moves ago. The search then keeps its best sequence
** aside. Hard constraints weigh more than any objective, so once met they
** stay met. Move kinds: swaps (anywhere, nearby, of two cars of one colour,
** and swaps that take an option car out of a violated window), shifts of
** one car (a rotation by one), reversals of short segments, and moves of a
** whole colour run next to another run of its colour.
**
** Effort is counted in moves evaluated, and the random generator lives in
** the state, so one thread with a seed and an effort budget gives the same
** sequence on any machine. With several threads each runs its own search
** from its own seed (a portfolio); a thread that stalls adopts the best
** sequence found by any thread.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "state.h"

enum {
    K_SWAP_ANY,
    K_SWAP_NEAR,
    K_SWAP_TARGET,
    K_SWAP_COLOUR,
    K_SHIFT_NEAR,
    K_SHIFT_FAR,
    K_REVERSE,
    K_RUN,
    K_COUNT
};

/* Late acceptance (Burke and Bykov, 2017): a worsening move is kept when
** the new cost is no higher than the cost 'LATE_LENGTH' moves ago. Measured
** on ROADEF 2005 instances, 100 to 300 beat both plain descent and longer
** histories at 10 s; see docs/ENGINE.md. */
#define LATE_LENGTH 200
#define EPOCH_MOVES 200000
/* The reach of the "near" moves (swaps, shifts, reversals); far shifts and
** colour-run moves reach four times as far. Capping it at 64 instead of
** twice the longest window was measured on ROADEF 2005 days with windows of
** 100 to 310 cars: see docs/ENGINE.md. */
#define NEAR_MIN 16
#define NEAR_MAX 64

typedef struct shared {
    const sc_instance *in;
    const sc_search_params *p;
    pthread_mutex_t mu;
    uint32_t *best; /* best sequence of all threads */
    /* Its cost: written under 'mu' (with 'best'), read without it by the
    ** workers deciding whether to publish, hence atomic. */
    _Atomic int64_t bestcost;
    int64_t bestcomp[SC_NCOMP]; /* its components, for progress reports */
    double t_best;
    double t0;
    atomic_uint_fast64_t moves, accepted, improving;
    atomic_int done;
} shared;

typedef struct worker {
    sc__state st;
    int64_t bestcost; /* this thread's best cost */
    uint32_t *best;   /* its sequence, once the search has left it */
    bool best_saved;  /* 'best' holds it; otherwise the current sequence does */
    int64_t *hist;    /* late acceptance: costs of the last 'nhist' moves */
    size_t nhist, ih;
    int phase; /* index into 'phases' */
    int nphases;
    int phases[SC_MAX_OBJECTIVES]; /* objectives with a weight, in priority order */
    int64_t phase_best;            /* best search cost in this phase */
    uint64_t phase_improve;        /* moves at its last improvement */
    uint64_t phase_start;
    bool late;          /* in a late-acceptance epoch, else plain descent */
    uint64_t epoch_end; /* moves at which the epoch ends */
    uint64_t moves, accepted, improving;
    uint64_t last_improve;      /* moves at the last new best */
    int64_t bestcomp[SC_NCOMP]; /* components of this thread's best */
    /* The positions changed since 'best' was last made equal to the
    ** current sequence, as ranges [a, b]: leaving the best copies only
    ** those, so that a move costs no O(ncars) copy on a huge day. */
    long *journal;
    size_t njournal, capjournal;
    bool journal_full; /* too many: copy the whole sequence */
    int weight[K_COUNT];
    int wtotal;
    long near;
    int id;
    shared *sh;
} worker;

void sc_search_defaults(sc_search_params *p) {
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->time_limit = 10;
    p->threads = 1;
    p->progress_every = 0.25;
}

/* ---------------------------------------------------------------- moves */

/* A free position other than 'i' within 'dist' of it, or -1. */
static long near_pos(worker *w, long i, long dist) {
    sc__state *st = &w->st;
    long lo = i - dist > st->nfix ? i - dist : st->nfix;
    long hi = i + dist < st->n - 1 ? i + dist : st->n - 1;
    if (hi - lo < 1) return -1;
    long j = lo + sc__rand_below(st, hi - lo);
    return j >= i ? j + 1 : j;
}

static bool make_swap(sc__move *m, long i, long j) {
    if (i == j || i < 0 || j < 0) return false;
    m->type = MOVE_SWAP;
    m->a = i < j ? i : j;
    m->b = i < j ? j : i;
    return true;
}

/* Moves car 'i' to position 'j'. */
static bool make_shift(sc__move *m, long i, long j) {
    if (i == j || j < 0) return false;
    m->type = MOVE_ROTATE;
    if (i < j) {
        m->a = i, m->b = j, m->sh = 1;
    } else {
        m->a = j, m->b = i, m->sh = i - j;
    }
    return true;
}

/* A swap that takes an option car out of a violated window. */
static bool target_swap(worker *w, sc__move *m) {
    sc__state *st = &w->st;
    if (!st->nrules) return false;
    sc__rulestate *rs = NULL;
    for (int t = 0; t < 8 && !rs; t++) {
        sc__rulestate *x = &st->rules[sc__rand_below(st, (long)st->nrules)];
        if (x->viol > 0) rs = x;
    }
    if (!rs) return false;
    long s0 = st->nfix - rs->p + 1 > rs->first ? st->nfix - rs->p + 1 : rs->first;
    if (s0 > rs->last) return false;
    long s = -1;
    for (int t = 0; t < 16 && s < 0; t++) {
        long x = s0 + sc__rand_below(st, rs->last - s0 + 1);
        if (rs->cnt[x] > rs->n) s = x;
    }
    if (s < 0) return false;
    long a = s > st->nfix ? s : st->nfix, b = s + rs->p - 1 < st->n - 1 ? s + rs->p - 1 : st->n - 1;
    if (a > b) return false;
    long i = -1, off = sc__rand_below(st, b - a + 1);
    for (long t = 0; t <= b - a && i < 0; t++) {
        long k = a + (off + t) % (b - a + 1);
        if (rs->has[k]) i = k;
    }
    if (i < 0) return false;
    long j = -1;
    for (int t = 0; t < 8 && j < 0; t++) {
        long k =
            t & 1 ? near_pos(w, i, 4 * rs->p) : st->nfix + sc__rand_below(st, st->n - st->nfix);
        if (k >= 0 && !rs->has[k]) j = k;
    }
    return make_swap(m, i, j);
}

/* A swap of two cars of one colour whose options differ. */
static bool colour_swap(worker *w, sc__move *m, long i) {
    sc__state *st = &w->st;
    for (int t = 0; t < 8; t++) {
        long j = t & 1 ? st->nfix + sc__rand_below(st, st->n - st->nfix) : near_pos(w, i, w->near);
        if (j >= 0 && j != i && st->col[j] == st->col[i] && st->seq[j] != st->seq[i])
            return make_swap(m, i, j);
    }
    return false;
}

/* The run of one colour around 'i', within the free positions: O(1) from
** the run lengths the state keeps. */
static void run_of(const sc__state *st, long i, long *a, long *b) {
    long x = i - st->lrun[i] + 1;
    *a = x > st->nfix ? x : st->nfix;
    *b = i + st->rrun[i] - 1;
}

/* Moves the colour run around 'i' next to another run of its colour. */
static bool run_move(worker *w, sc__move *m, long i) {
    sc__state *st = &w->st;
    long ra, rb;
    run_of(st, i, &ra, &rb);
    /* A run longer than the batch limit allows, or than the far reach when
    ** there is no limit, is not moved whole: the move would cost O(run). */
    if (rb - ra + 1 > (st->limit ? st->limit : 4 * w->near)) return false;
    bool global = sc__rand_below(st, 4) == 0;
    for (int t = 0; t < 8; t++) {
        long c =
            global ? st->nfix + sc__rand_below(st, st->n - st->nfix) : near_pos(w, i, 4 * w->near);
        if (c < 0 || st->col[c] != st->col[i] || (c >= ra - 1 && c <= rb + 1)) continue;
        long ca, cb;
        run_of(st, c, &ca, &cb);
        if (st->limit && (rb - ra + 1) + (cb - ca + 1) > st->limit) continue;
        m->type = MOVE_ROTATE;
        if (cb < ra) {
            m->a = cb + 1, m->b = rb, m->sh = ra - (cb + 1);
        } else {
            m->a = ra, m->b = ca - 1, m->sh = rb - ra + 1;
        }
        return m->sh > 0 && m->a < m->b;
    }
    return false;
}

/* Draws a move; false when the draw found none. */
static bool pick_move(worker *w, sc__move *m) {
    sc__state *st = &w->st;
    long nfree = st->n - st->nfix;
    long i = st->nfix + sc__rand_below(st, nfree);
    int r = (int)sc__rand_below(st, w->wtotal), kind = 0;
    while (r >= w->weight[kind])
        r -= w->weight[kind++];
    switch (kind) {
    case K_SWAP_ANY: return make_swap(m, i, st->nfix + sc__rand_below(st, nfree));
    case K_SWAP_NEAR: return make_swap(m, i, near_pos(w, i, w->near));
    case K_SWAP_TARGET: return target_swap(w, m);
    case K_SWAP_COLOUR: return colour_swap(w, m, i);
    case K_SHIFT_NEAR: return make_shift(m, i, near_pos(w, i, w->near));
    case K_SHIFT_FAR: return make_shift(m, i, near_pos(w, i, 4 * w->near));
    case K_REVERSE: {
        long j = near_pos(w, i, w->near);
        if (j < 0) return false;
        m->type = MOVE_REVERSE;
        m->a = i < j ? i : j;
        m->b = i < j ? j : i;
        return true;
    }
    default: return run_move(w, m, i);
    }
}

/*
** Move weights for the current phase: moves that keep colours (same-colour
** swaps, moves of whole colour runs) only where colour changes count in
** this phase or the batch limit binds.
*/
static void set_weights(worker *w) {
    const sc__state *st = &w->st;
    bool ratio = st->nrules > 0;
    bool colour = (st->colcomp >= 0 && st->wcomp[st->colcomp] > 0) || st->limit;
    int *x = w->weight;
    x[K_SWAP_ANY] = 20;
    x[K_SWAP_NEAR] = 20;
    x[K_SWAP_TARGET] = ratio ? 15 : 0;
    x[K_SWAP_COLOUR] = ratio && colour ? 10 : 0;
    x[K_SHIFT_NEAR] = 15;
    x[K_SHIFT_FAR] = 4;
    x[K_REVERSE] = 10;
    x[K_RUN] = colour ? 10 : 0;
    w->wtotal = 0;
    for (int k = 0; k < K_COUNT; k++)
        w->wtotal += x[k];
    /* Twice the longest window, within [NEAR_MIN, NEAR_MAX]: a day with one
    ** window of hundreds of cars (a rare option) still moves cars locally. */
    w->near = 2L * st->pmax;
    if (w->near < NEAR_MIN) w->near = NEAR_MIN;
    if (w->near > NEAR_MAX) w->near = NEAR_MAX;
}

/* ---------------------------------------------------------------- search */

static void publish(worker *w, double t) {
    shared *sh = w->sh;
    pthread_mutex_lock(&sh->mu);
    if (w->bestcost < atomic_load_explicit(&sh->bestcost, memory_order_relaxed)) {
        atomic_store_explicit(&sh->bestcost, w->bestcost, memory_order_relaxed);
        memcpy(sh->bestcomp, w->bestcomp, sizeof sh->bestcomp);
        sh->t_best = t;
        memcpy(sh->best, w->best_saved ? w->best : w->st.seq, (size_t)w->st.n * sizeof *sh->best);
    }
    pthread_mutex_unlock(&sh->mu);
}

static void report(worker *w, double t) {
    shared *sh = w->sh;
    const sc_search_params *p = sh->p;
    if (!p->progress) return;
    sc_progress pr;
    memset(&pr, 0, sizeof pr);
    int64_t comp[SC_NCOMP];
    pthread_mutex_lock(&sh->mu);
    memcpy(comp, sh->bestcomp, sizeof comp);
    pr.time_to_best = sh->t_best;
    pthread_mutex_unlock(&sh->mu);
    /* From the components: a full score would cost O(ncars x rules). */
    const sc_instance *in = sh->in;
    pr.best.hard = comp[SC_COMP_HARD];
    pr.best.batch_excess = comp[SC_COMP_BATCH];
    for (size_t k = 0; k < in->nobj; k++) {
        pr.best.value[k] = comp[2 + k];
        pr.best.total += in->obj[k].weight * comp[2 + k];
    }
    pr.elapsed = t;
    pr.moves = atomic_load(&sh->moves);
    pr.moves_per_sec = t > 0 ? (double)pr.moves / t : 0;
    p->progress(&pr, p->user);
}

/* Copies the shared best into this worker's state. */
static void adopt(worker *w) {
    shared *sh = w->sh;
    pthread_mutex_lock(&sh->mu);
    if (atomic_load_explicit(&sh->bestcost, memory_order_relaxed) < w->st.tcost) {
        sc__state_load(&w->st, sh->best);
        w->journal_full = true;
    }
    pthread_mutex_unlock(&sh->mu);
    if (w->st.tcost < w->bestcost) {
        w->bestcost = w->st.tcost;
        memcpy(w->bestcomp, w->st.comp, sizeof w->bestcomp);
        w->best_saved = false;
    }
    w->phase_best = w->st.cost;
    for (size_t k = 0; k < w->nhist; k++)
        w->hist[k] = w->st.cost;
}

/*
** Epochs of plain descent and of late acceptance alternate, each from the
** current sequence. Descent alone settles CSPLib's plateaus fastest; late
** acceptance escapes the deep local optima of some ROADEF days (measured:
** docs/ENGINE.md). Alternating keeps most of both.
*/
static void next_epoch(worker *w) {
    w->late = !w->late;
    if (w->late)
        for (size_t k = 0; k < w->nhist; k++)
            w->hist[k] = w->st.cost;
    w->epoch_end = w->moves + EPOCH_MOVES;
}

/*
** Phases: the objectives are optimised in priority order. In phase k the
** objectives above k weigh PHASE_BIG (never given up), objective k weighs 1
** and those below weigh nothing, which opens wide plateaus for sideways
** moves; the last phase uses the instance's own weights. A phase ends when
** its objective reaches 0 or stops improving for as many moves as the
** phase has run (at least PHASE_STALL).
*/
#define PHASE_BIG ((int64_t)1000000000)
#define PHASE_STALL 300000

static void set_phase(worker *w, int phase) {
    sc__state *st = &w->st;
    int64_t wt[SC_NCOMP];
    memcpy(wt, st->truew, sizeof wt);
    if (phase < w->nphases - 1) {
        for (int k = 2; k < SC_NCOMP; k++)
            wt[k] = 0;
        for (int j = 0; j <= phase; j++)
            wt[2 + w->phases[j]] = j < phase ? PHASE_BIG : 1;
    }
    sc__state_set_weights(st, wt);
    set_weights(w);
    w->phase = phase;
    w->phase_best = st->cost;
    w->phase_improve = w->phase_start = w->moves;
    for (size_t k = 0; k < w->nhist; k++)
        w->hist[k] = st->cost;
}

static void init_phases(worker *w) {
    const sc_instance *in = w->st.in;
    w->nphases = 0;
    for (size_t k = 0; k < in->nobj; k++)
        if (in->obj[k].weight > 0) w->phases[w->nphases++] = (int)k;
    if (w->nphases == 0) w->nphases = 1;
    set_phase(w, 0);
}

/* Moves to the next phase when this one is done. */
static void check_phase(worker *w) {
    if (w->phase >= w->nphases - 1) return;
    uint64_t ran = (w->moves - w->phase_start) / 2, stall = ran > PHASE_STALL ? ran : PHASE_STALL;
    if (w->st.comp[2 + w->phases[w->phase]] == 0 || w->moves - w->phase_improve > stall)
        set_phase(w, w->phase + 1);
}

/* Records that the move 'm', just applied, changed its positions. */
static void journal_add(worker *w, const sc__move *m) {
    if (w->journal_full) return;
    int parts = m->type == MOVE_SWAP ? 2 : 1;
    if (w->njournal + (size_t)parts > w->capjournal) {
        w->journal_full = true;
        return;
    }
    long *j = w->journal + 2 * w->njournal;
    if (parts == 2) {
        j[0] = j[1] = m->a;
        j[2] = j[3] = m->b;
    } else {
        j[0] = m->a;
        j[1] = m->b;
    }
    w->njournal += (size_t)parts;
}

/* Makes 'best' equal to the current sequence (which is the best) by
** copying the positions changed since it last was; O(changes), or
** O(ncars) when the journal overflowed. */
static void save_best(worker *w) {
    const sc__state *st = &w->st;
    if (w->journal_full)
        memcpy(w->best, st->seq, (size_t)st->n * sizeof *w->best);
    else
        for (size_t k = 0; k < w->njournal; k++) {
            long a = w->journal[2 * k], b = w->journal[2 * k + 1];
            memcpy(w->best + a, st->seq + a, (size_t)(b - a + 1) * sizeof *w->best);
        }
    w->njournal = 0;
    w->journal_full = false;
    w->best_saved = true;
}

/* True when the stop flag is raised or the time limit has passed. */
static bool out_of_time(const shared *sh) {
    const sc_search_params *p = sh->p;
    if (p->stop && *p->stop) return true;
    return p->time_limit > 0 && sc__now() - sh->t0 >= p->time_limit;
}

static void *run_worker(void *arg) {
    worker *w = arg;
    shared *sh = w->sh;
    const sc_search_params *p = sh->p;
    sc__state *st = &w->st;
    double next_report = p->progress_every > 0 ? p->progress_every : 0.25;
    double last_share = 0;
    uint64_t flushed = 0, flushed_acc = 0, flushed_imp = 0;
    if (st->n - st->nfix < 2) return NULL;
    for (;;) {
        bool stopped = false;
        for (int b = 0; b < 512; b++) {
            /* Limits are also checked within the batch: a move on a day
            ** with very long windows may cost milliseconds. */
            if ((b & 63) == 63 && out_of_time(sh)) {
                stopped = true;
                break;
            }
            sc__move m;
            if (!pick_move(w, &m)) continue;
            w->moves++;
            int64_t d = sc__state_eval(st, &m);
            int64_t *h = &w->hist[w->ih];
            if (++w->ih >= w->nhist) w->ih = 0;
            if (d > 0 && (!w->late || st->cost + d > *h)) {
                *h = st->cost;
                continue;
            }
            if (!w->best_saved && st->tcost == w->bestcost && sc__state_true_delta(st) > 0)
                save_best(w);
            sc__state_apply(st, &m);
            journal_add(w, &m);
            *h = st->cost;
            w->accepted++;
            if (d < 0) {
                w->improving++;
                if (st->cost < w->phase_best) {
                    w->phase_best = st->cost;
                    w->phase_improve = w->moves;
                }
            }
            if (st->tcost < w->bestcost) {
                w->bestcost = st->tcost;
                memcpy(w->bestcomp, st->comp, sizeof w->bestcomp);
                w->best_saved = false;
                w->last_improve = w->moves;
            }
        }
        if (stopped) break;
        if (w->moves >= w->epoch_end) next_epoch(w);
        check_phase(w);
        if (p->effort && w->moves >= p->effort) break;
        if (w->bestcost == 0) break; /* nothing left to improve */
        if (atomic_load_explicit(&sh->done, memory_order_relaxed)) break;
        if (p->stop && *p->stop) break;
        double t = sc__now() - sh->t0;
        atomic_fetch_add(&sh->moves, w->moves - flushed);
        atomic_fetch_add(&sh->accepted, w->accepted - flushed_acc);
        atomic_fetch_add(&sh->improving, w->improving - flushed_imp);
        flushed = w->moves, flushed_acc = w->accepted, flushed_imp = w->improving;
        if (p->time_limit > 0 && t >= p->time_limit) break;
        if (t - last_share >= 0.1 || w->id == 0) {
            /* A relaxed read is enough: publish checks again under the
            ** lock, which orders the sequence with its cost. */
            if (w->bestcost < atomic_load_explicit(&sh->bestcost, memory_order_relaxed))
                publish(w, t);
            if (p->threads > 1 && t - last_share >= 0.5 && w->moves - w->last_improve > 200000) {
                adopt(w);
                w->last_improve = w->moves;
            }
            last_share = t;
        }
        if (w->id == 0 && t >= next_report) {
            report(w, t);
            next_report = t + (p->progress_every > 0 ? p->progress_every : 0.25);
        }
    }
    atomic_fetch_add(&sh->moves, w->moves - flushed);
    atomic_fetch_add(&sh->accepted, w->accepted - flushed_acc);
    atomic_fetch_add(&sh->improving, w->improving - flushed_imp);
    publish(w, sc__now() - sh->t0);
    atomic_store(&sh->done, 1);
    return NULL;
}

static void release_worker(worker *w) {
    sc__state_release(&w->st);
    sc__free(w->best);
    sc__free(w->hist);
    sc__free(w->journal);
}

sc_status sc_search_run(const sc_instance *in, const sc_search_params *p, uint32_t *seq, bool warm,
                        sc_search_stats *stats, sc_diag *d) {
    int nthreads = p->threads < 1 ? 1 : p->threads > 256 ? 256 : p->threads;
    size_t n = in->ncars;
    sc_search_stats dummy;
    if (!stats) stats = &dummy;
    memset(stats, 0, sizeof *stats);
    if (warm) {
        sc_score s;
        sc_status rc = sc_score_sequence(in, seq, &s, d);
        if (rc) return rc;
    }
    shared sh;
    memset(&sh, 0, sizeof sh);
    sh.in = in;
    sh.p = p;
    sh.t0 = sc__now();
    worker *ws = sc__calloc((size_t)nthreads, sizeof *ws);
    sh.best = sc__malloc((n ? n : 1) * sizeof *sh.best);
    if (!ws || !sh.best) {
        sc__free(ws);
        sc__free(sh.best);
        return SC_ENOMEM;
    }
    pthread_mutex_init(&sh.mu, NULL);
    sc_status rc = SC_OK;
    bool construction_stopped = false;
    int made = 0; /* workers whose state is initialised */
    for (; made < nthreads && rc == SC_OK && !construction_stopped; made++) {
        worker *w = &ws[made];
        w->id = made;
        w->sh = &sh;
        if ((rc = sc__state_init(&w->st, in, p->seed + (uint64_t)made * 0x9e3779b97f4a7c15u)))
            break;
        if (!warm && made == 0) {
            /* The construction stops at the limits too; the input order,
            ** a valid permutation, stands in for it then. */
            sc__limits lim = {p->stop, p->time_limit > 0 ? sh.t0 + p->time_limit : 0,
                              p->effort > SIZE_MAX ? SIZE_MAX : (size_t)p->effort};
            rc = sc__greedy(&w->st, seq, &lim);
            if (rc == SC_ELIMIT) {
                sc_sequence_identity(in, seq);
                construction_stopped = true;
                rc = SC_OK;
            }
            if (rc) {
                made++; /* its state is released below */
                break;
            }
        }
        sc__state_load(&w->st, seq);
        w->bestcost = w->st.tcost;
        memcpy(w->bestcomp, w->st.comp, sizeof w->bestcomp);
        set_weights(w);
        w->nhist = LATE_LENGTH;
        w->best = sc__malloc((n ? n : 1) * sizeof *w->best);
        w->hist = sc__malloc((w->nhist ? w->nhist : 1) * sizeof *w->hist);
        w->capjournal = n / 64 > 1024 ? n / 64 : 1024;
        w->journal = sc__malloc(w->capjournal * 2 * sizeof *w->journal);
        w->journal_full = true;
        if (!w->best || !w->hist || !w->journal) {
            made++;
            rc = SC_ENOMEM;
            break;
        }
        w->epoch_end = EPOCH_MOVES;
        init_phases(w);
    }
    if (rc) {
        for (int k = 0; k < made; k++)
            release_worker(&ws[k]);
        pthread_mutex_destroy(&sh.mu);
        sc__free(ws);
        sc__free(sh.best);
        return rc;
    }
    memcpy(sh.best, seq, n * sizeof *seq);
    atomic_store(&sh.bestcost, ws[0].st.tcost);
    memcpy(sh.bestcomp, ws[0].st.comp, sizeof sh.bestcomp);
    sc__score(in, seq, &stats->initial);
    pthread_t tid[256];
    int started = 1;
    /* When the limits stopped the construction, the search is not run. */
    for (int k = 1; k < made; k++) {
        if (pthread_create(&tid[k], NULL, run_worker, &ws[k]) != 0) break;
        started++;
    }
    if (!construction_stopped) run_worker(&ws[0]);
    for (int k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
    memcpy(seq, sh.best, n * sizeof *seq);
    sc__score(in, seq, &stats->best);
    stats->elapsed = sc__now() - sh.t0;
    stats->time_to_best = sh.t_best;
    stats->moves = atomic_load(&sh.moves);
    stats->accepted = atomic_load(&sh.accepted);
    stats->improving = atomic_load(&sh.improving);
    stats->construction_stopped = construction_stopped;
    for (int k = 0; k < made; k++)
        release_worker(&ws[k]);
    pthread_mutex_destroy(&sh.mu);
    sc__free(ws);
    sc__free(sh.best);
    return SC_OK;
}
