/*
** The engine: incremental evaluation against the full scorer after many
** random moves, the greedy construction, and the search's contract (valid
** output, fixed cars untouched, the same sequence for the same seed and
** effort, never worse than its start).
*/
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "../src/seq/state.h"

/* A small generator of test instances through the public builder API:
** 'nopt' options (more than 64 exercises multi-word masks), a rule on each,
** some hard, previous-day and frozen cars, a batch limit. */
typedef struct spec {
    int ncars, nprev, nfrozen, nopt, ncol, limit, nhard;
    sc_window_mode mode;
    uint64_t seed;
    int maxp; /* longest window */
} spec;

static uint64_t next_rand(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static sc_instance *build(const spec *sp) {
    uint64_t x = sp->seed;
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    sc_instance_set_window_mode(in, sp->mode);
    for (int o = 0; o < sp->nopt; o++) {
        char name[16];
        snprintf(name, sizeof name, "O%d", o);
        int oi = sc_instance_add_option(in, name);
        assert_int_equal(oi, o);
        int p = 2 + (int)(next_rand(&x) % (unsigned)(sp->maxp - 1));
        sc_rule r = {oi, 1 + (int)(next_rand(&x) % (unsigned)(p - 1)), p, o % 2, o < sp->nhard};
        assert_true(sc_instance_add_rule(in, &r) >= 0);
    }
    sc_objective objs[3] = {
        {SC_OBJ_RATIO, 1, 1000000}, {SC_OBJ_COLOUR, 0, 1000}, {SC_OBJ_RATIO, 0, 1}};
    for (int k = 0; k < 3; k++)
        assert_int_equal(sc_instance_add_objective(in, &objs[k]), SC_OK);
    sc_instance_set_batch_limit(in, sp->limit);
    for (int c = 0; c < sp->ncars; c++) {
        char id[32], col[16];
        int opts[SC_MAX_OPTIONS];
        size_t k = 0;
        for (int o = 0; o < sp->nopt; o++)
            if (next_rand(&x) % 4 == 0) opts[k++] = o;
        snprintf(id, sizeof id, "car%d", c);
        snprintf(col, sizeof col, "c%d", (int)(next_rand(&x) % (unsigned)sp->ncol));
        int colour = sc_instance_colour(in, col);
        assert_true(colour >= 0);
        sc_car_kind kind = c < sp->nprev                 ? SC_CAR_PREV
                           : c < sp->nprev + sp->nfrozen ? SC_CAR_FROZEN
                                                         : SC_CAR_FREE;
        assert_int_equal(sc_instance_add_car(in, kind, id, colour, opts, k, "brand", "model"), c);
    }
    return in;
}

static int64_t full_cost(const sc_instance *in, const uint32_t *seq) {
    sc_score s;
    sc__score(in, seq, &s);
    return s.total + SC_HARD_WEIGHT * (s.hard + s.batch_excess);
}

/* Draws a random move of any kind over the free positions. */
static bool random_move(sc__state *st, sc__move *m) {
    long nfree = st->n - st->nfix;
    if (nfree < 2) return false;
    long i = st->nfix + sc__rand_below(st, nfree), j = st->nfix + sc__rand_below(st, nfree);
    if (i == j) return false;
    if (i > j) {
        long t = i;
        i = j;
        j = t;
    }
    m->type = (int)sc__rand_below(st, 4);
    m->a = i;
    m->b = j;
    m->perm = NULL;
    if (m->type == MOVE_PERM) {
        /* A random order of a segment of at most 12 cars (the search's
        ** segment moves use up to 7). */
        static uint32_t perm[12];
        if (m->b > i + 11) m->b = i + 11;
        long len = m->b - i + 1;
        for (long k = 0; k < len; k++)
            perm[k] = (uint32_t)k;
        for (long k = len - 1; k > 0; k--) {
            long r = sc__rand_below(st, k + 1);
            uint32_t t = perm[k];
            perm[k] = perm[r];
            perm[r] = t;
        }
        m->perm = perm;
        return true;
    }
    /* A third of the rotations are shifts of one car either way, which
    ** the state evaluates on a path of their own. */
    long r = sc__rand_below(st, 3);
    m->sh = r == 0 ? 1 : r == 1 ? j - i : 1 + sc__rand_below(st, j - i);
    return true;
}

/* Applies random moves, half of them whatever their delta, and checks the
** state's cost, its predicted delta and its components against a rescore. */
static void check_incremental(const spec *sp, int moves) {
    sc_instance *in = build(sp);
    sc__state st;
    assert_int_equal(sc__state_init(&st, in, sp->seed), SC_OK);
    uint32_t *seq = malloc(in->ncars * sizeof *seq);
    assert_non_null(seq);
    assert_int_equal(sc__greedy(&st, seq, NULL), SC_OK);
    sc__state_load(&st, seq);
    assert_int_equal(st.cost, full_cost(in, st.seq));
    int applied = 0;
    for (int it = 0; it < moves; it++) {
        sc__move m;
        if (!random_move(&st, &m)) continue;
        int64_t before = st.cost, d = sc__state_eval(&st, &m);
        /* Evaluation modifies nothing. */
        assert_int_equal(st.cost, before);
        if (d > 0 && sc__rand_below(&st, 2)) continue;
        sc__state_apply(&st, &m);
        applied++;
        assert_int_equal(st.cost, before + d);
        if (it % 7 == 0 || it == moves - 1) {
            sc_score s;
            sc__score(in, st.seq, &s);
            assert_int_equal(st.cost, s.total + SC_HARD_WEIGHT * (s.hard + s.batch_excess));
            assert_int_equal(st.comp[SC_COMP_BATCH], sp->limit ? s.batch_excess : 0);
            assert_int_equal(st.comp[SC_COMP_HARD], s.hard);
            for (size_t k = 0; k < in->nobj; k++)
                assert_int_equal(st.comp[2 + k], s.value[k]);
            /* The fixed cars never move. */
            for (long k = 0; k < st.nfix; k++)
                assert_int_equal(st.seq[k], (uint32_t)k);
        }
    }
    assert_true(applied > moves / 4);
    free(seq);
    sc__state_release(&st);
    sc_instance_free(in);
}

static void test_incremental_small(void **state) {
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        spec sp = {12 + (int)seed,
                   (int)(seed % 4),
                   (int)(seed % 3),
                   3,
                   3,
                   (int)(seed % 3),
                   (int)(seed % 2),
                   seed % 2 ? SC_WINDOWS_TRUNCATED : SC_WINDOWS_FULL,
                   seed,
                   7};
        check_incremental(&sp, 3000);
    }
}

static void test_incremental_roadef_like(void **state) {
    (void)state;
    spec sp = {300, 20, 0, 12, 8, 4, 0, SC_WINDOWS_TRUNCATED, 42, 7};
    check_incremental(&sp, 20000);
}

static void test_incremental_many_options(void **state) {
    (void)state;
    /* 70 options: rule masks of two words. */
    spec sp = {120, 10, 5, 70, 4, 3, 5, SC_WINDOWS_TRUNCATED, 7, 7};
    check_incremental(&sp, 10000);
}

static void test_incremental_long_windows(void **state) {
    (void)state;
    /* Windows up to 150 cars, longer than most moved ranges: the windows
    ** that hold a whole range are skipped, the bitsets span many words. */
    for (uint64_t seed = 1; seed <= 4; seed++) {
        spec sp = {400,
                   30,
                   (int)seed * 3,
                   10,
                   5,
                   (int)(seed % 2) * 6,
                   (int)(seed % 3),
                   seed % 2 ? SC_WINDOWS_TRUNCATED : SC_WINDOWS_FULL,
                   seed,
                   150};
        check_incremental(&sp, 8000);
    }
}

static void test_incremental_generated(void **state) {
    (void)state;
    sc_gen_params gp;
    sc_gen_defaults(&gp);
    gp.ncars = 400;
    gp.seed = 3;
    sc_instance *in;
    sc_diag d;
    assert_int_equal(sc_gen_instance(&gp, &in, &d), SC_OK);
    sc__state st;
    assert_int_equal(sc__state_init(&st, in, 9), SC_OK);
    uint32_t *seq = malloc(in->ncars * sizeof *seq);
    assert_non_null(seq);
    sc_sequence_identity(in, seq);
    sc__state_load(&st, seq);
    for (int it = 0; it < 20000; it++) {
        sc__move m;
        if (!random_move(&st, &m)) continue;
        int64_t before = st.cost, dl = sc__state_eval(&st, &m);
        sc__state_apply(&st, &m);
        assert_int_equal(st.cost, before + dl);
    }
    assert_int_equal(st.cost, full_cost(in, st.seq));
    free(seq);
    sc__state_release(&st);
    sc_instance_free(in);
}

/* The greedy keeps the batch limit when the colours allow it. */
static void test_greedy_batch_limit(void **state) {
    (void)state;
    sc_gen_params gp;
    sc_gen_defaults(&gp);
    gp.ncars = 500;
    gp.batch_limit = 5;
    sc_instance *in;
    sc_diag d;
    assert_int_equal(sc_gen_instance(&gp, &in, &d), SC_OK);
    uint32_t *seq = malloc(in->ncars * sizeof *seq);
    assert_non_null(seq);
    assert_int_equal(sc_greedy(in, seq), SC_OK);
    sc_score s;
    assert_int_equal(sc_score_sequence(in, seq, &s, &d), SC_OK);
    assert_int_equal(s.batch_excess, 0);
    assert_true(s.longest_run <= 5);
    free(seq);
    sc_instance_free(in);
}

static sc_instance *generated(size_t ncars, uint64_t seed) {
    sc_gen_params gp;
    sc_gen_defaults(&gp);
    gp.ncars = ncars;
    gp.seed = seed;
    sc_instance *in;
    sc_diag d;
    assert_int_equal(sc_gen_instance(&gp, &in, &d), SC_OK);
    return in;
}

/* Same seed and effort, one thread: the same sequence; the result is valid
** and no worse than the greedy start. */
static void test_search_deterministic(void **state) {
    (void)state;
    sc_instance *in = generated(300, 5);
    size_t n = sc_instance_ncars(in);
    uint32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    sc_search_params p;
    sc_search_defaults(&p);
    p.time_limit = 0;
    p.effort = 300000;
    p.seed = 11;
    sc_search_stats sa, sb;
    sc_diag d;
    assert_int_equal(sc_search_run(in, &p, a, false, &sa, &d), SC_OK);
    assert_int_equal(sc_search_run(in, &p, b, false, &sb, &d), SC_OK);
    assert_memory_equal(a, b, n * sizeof *a);
    assert_true(sa.moves >= 300000);
    assert_true(sa.best.total <= sa.initial.total);
    sc_score s;
    assert_int_equal(sc_score_sequence(in, a, &s, &d), SC_OK);
    assert_true(sc_score_is_feasible(&s));
    assert_int_equal(s.total, sa.best.total);
    /* Another seed explores differently. */
    p.seed = 12;
    assert_int_equal(sc_search_run(in, &p, b, false, &sb, &d), SC_OK);
    assert_true(memcmp(a, b, n * sizeof *a) != 0);
    free(a);
    free(b);
    sc_instance_free(in);
}

/* A warm start is kept or improved; fixed cars stay; threads return a valid
** sequence too. */
static void test_search_warm_and_threads(void **state) {
    (void)state;
    spec sp = {150, 10, 8, 6, 5, 4, 0, SC_WINDOWS_TRUNCATED, 99, 7};
    sc_instance *in = build(&sp);
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    sc_sequence_identity(in, seq);
    sc_score s0, s1;
    sc_diag d;
    assert_int_equal(sc_score_sequence(in, seq, &s0, &d), SC_OK);
    sc_search_params p;
    sc_search_defaults(&p);
    p.time_limit = 0;
    p.effort = 100000;
    p.threads = 2;
    sc_search_stats st;
    assert_int_equal(sc_search_run(in, &p, seq, true, &st, &d), SC_OK);
    assert_int_equal(sc_score_sequence(in, seq, &s1, &d), SC_OK);
    int64_t c0 = s0.total + SC_HARD_WEIGHT * (s0.hard + s0.batch_excess);
    int64_t c1 = s1.total + SC_HARD_WEIGHT * (s1.hard + s1.batch_excess);
    assert_true(c1 <= c0);
    for (size_t k = 0; k < sc_instance_nfixed(in); k++)
        assert_int_equal(seq[k], (uint32_t)k);
    free(seq);
    sc_instance_free(in);
}

/* What the progress callback saw. */
typedef struct seen {
    int calls;
    double elapsed;
    uint64_t moves;
    int64_t best;
    bool ordered; /* time and moves never went back, the best never got worse */
} seen;

static void on_progress(const sc_progress *p, void *user) {
    seen *s = user;
    if (s->calls && (p->elapsed < s->elapsed || p->moves < s->moves || p->best.total > s->best))
        s->ordered = false;
    s->calls++;
    s->elapsed = p->elapsed;
    s->moves = p->moves;
    s->best = p->best.total;
}

/* Two threads for a while, sharing their best: the progress callback is
** called in order, and the result is the best it last saw, or better. */
static void test_search_progress_threads(void **state) {
    (void)state;
    sc_instance *in = generated(200, 12);
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    seen s = {0, 0, 0, 0, true};
    sc_search_params p;
    sc_search_defaults(&p);
    p.time_limit = 0.8;
    p.threads = 2;
    p.progress = on_progress;
    p.user = &s;
    p.progress_every = 0.05;
    sc_search_stats st;
    sc_diag d;
    assert_int_equal(sc_search_run(in, &p, seq, false, &st, &d), SC_OK);
    assert_true(s.calls >= 1);
    assert_true(s.ordered);
    assert_true(st.best.total <= s.best);
    sc_score sc;
    assert_int_equal(sc_score_sequence(in, seq, &sc, &d), SC_OK);
    assert_int_equal(sc.total, st.best.total);
    assert_int_equal(sc.hard + sc.batch_excess, 0);
    free(seq);
    sc_instance_free(in);
}

/* sc_gen_instance refuses each parameter out of range, naming it. */
static void test_gen_bad_params(void **state) {
    (void)state;
    static const struct {
        size_t ncars, nprev;
        int noptions, nhigh, ncolours, batch_limit;
        double load;
        const char *want;
    } BAD[] = {
        {0, 0, 8, 3, 12, 10, 0.8, "ncars: expected 1 to"},
        {SC_MAX_CARS, 5, 8, 3, 12, 10, 0.8, "ncars + nprev: expected at most"},
        {100, 0, 0, 0, 12, 10, 0.8, "noptions: expected 1 to"},
        {100, 0, 4, 5, 12, 10, 0.8, "nhigh: expected 0 to noptions (4), got 5"},
        {100, 0, 4, 1, 0, 10, 0.8, "ncolours: expected 1 to"},
        {100, 0, 4, 1, 12, -1, 0.8, "batch_limit: expected 0 (none) or more, got -1"},
        {100, 0, 4, 1, 12, 10, 0, "load: expected more than 0 and at most 1, got 0"},
        {100, 0, 4, 1, 12, 10, 1.5, "load: expected more than 0 and at most 1, got 1.5"},
        {100, 0, 4, 1, 1, 10, 0.8, "batch limit"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        sc_gen_params p;
        sc_gen_defaults(&p);
        p.ncars = BAD[i].ncars;
        p.nprev = BAD[i].nprev;
        p.noptions = BAD[i].noptions;
        p.nhigh = BAD[i].nhigh;
        p.ncolours = BAD[i].ncolours;
        p.batch_limit = BAD[i].batch_limit;
        p.load = BAD[i].load;
        sc_instance *in = (sc_instance *)&p;
        sc_diag d = {0};
        assert_int_equal(sc_gen_instance(&p, &in, &d), SC_EINVAL);
        assert_null(in);
        assert_true(tu_contains(d.msg, BAD[i].want));
    }
    sc_instance *in;
    sc_diag d = {0};
    assert_int_equal(sc_gen_instance(NULL, &in, &d), SC_EINVAL);
}

/* A raised stop flag ends the search at once with a valid sequence. */
static void test_search_stop_flag(void **state) {
    (void)state;
    sc_instance *in = generated(200, 8);
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    volatile int stop = 1;
    sc_search_params p;
    sc_search_defaults(&p);
    p.time_limit = 1000;
    p.stop = &stop;
    sc_search_stats st;
    sc_diag d;
    assert_int_equal(sc_search_run(in, &p, seq, false, &st, &d), SC_OK);
    /* Raised before the start: the construction stops at once and the
    ** input order, a valid permutation, is returned unsearched. */
    assert_true(st.construction_stopped);
    assert_int_equal(st.moves, 0);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(seq[k], (uint32_t)k);
    sc_score s;
    assert_int_equal(sc_score_sequence(in, seq, &s, &d), SC_OK);
    assert_int_equal(s.total, st.best.total);
    free(seq);
    sc_instance_free(in);
}

/* Each limit stops the construction: the stop flag, a deadline already
** past, and a budget of placed cars. Without limits it places every car. */
static void test_greedy_limits(void **state) {
    (void)state;
    sc_instance *in = generated(300, 4);
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    sc__state st;
    assert_int_equal(sc__state_init(&st, in, 1), SC_OK);
    volatile int stop = 1;
    sc__limits lim = {&stop, 0, 0};
    assert_int_equal(sc__greedy(&st, seq, &lim), SC_ELIMIT);
    lim = (sc__limits){NULL, sc__now() - 1, 0};
    assert_int_equal(sc__greedy(&st, seq, &lim), SC_ELIMIT);
    lim = (sc__limits){NULL, 0, 10};
    assert_int_equal(sc__greedy(&st, seq, &lim), SC_ELIMIT);
    lim = (sc__limits){NULL, 0, n};
    assert_int_equal(sc__greedy(&st, seq, &lim), SC_OK);
    sc_score s;
    sc_diag d;
    assert_int_equal(sc_score_sequence(in, seq, &s, &d), SC_OK);
    sc__state_release(&st);
    free(seq);
    sc_instance_free(in);
}

/* An effort smaller than the day stops the construction at the same place
** on every run: the search starts from the input order. */
static void test_search_effort_caps_construction(void **state) {
    (void)state;
    sc_instance *in = generated(400, 6);
    size_t n = sc_instance_ncars(in);
    uint32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    sc_search_params p;
    sc_search_defaults(&p);
    p.time_limit = 0;
    p.effort = 50;
    sc_search_stats sa, sb;
    sc_diag d;
    assert_int_equal(sc_search_run(in, &p, a, false, &sa, &d), SC_OK);
    assert_int_equal(sc_search_run(in, &p, b, false, &sb, &d), SC_OK);
    assert_true(sa.construction_stopped);
    assert_memory_equal(a, b, n * sizeof *a);
    sc_score s;
    assert_int_equal(sc_score_sequence(in, a, &s, &d), SC_OK);
    assert_true(s.total <= sa.initial.total);
    free(a);
    free(b);
    sc_instance_free(in);
}

/* The hard CSPLib class: the same seed gives the same file, the file reads
** back as the same instance, each option fills its capacity to a share in
** the range asked, and another seed gives another instance. */
static void test_gen_hard_class(void **state) {
    (void)state;
    char *dir = tu_tmpdir(), pa[1024], pb[1024], pc[1024];
    tu_join(pa, sizeof pa, dir, "a.txt");
    tu_join(pb, sizeof pb, dir, "b.txt");
    tu_join(pc, sizeof pc, dir, "c.txt");
    sc_gen_hard_params hp = {300, 0.95, 1.0, 7};
    sc_instance *in, *back;
    sc_diag d;
    assert_int_equal(sc_gen_csplib_hard(&hp, &in, &d), SC_OK);
    assert_int_equal(sc_csplib_write(in, pa, &d), SC_OK);
    sc_instance_free(in);
    assert_int_equal(sc_gen_csplib_hard(&hp, &in, &d), SC_OK);
    assert_int_equal(sc_csplib_write(in, pb, &d), SC_OK);
    char *a = tu_slurp(pa, NULL), *b = tu_slurp(pb, NULL);
    assert_string_equal(a, b);
    assert_int_equal(sc_csplib_read(pa, &back, &d), SC_OK);
    assert_int_equal(sc_instance_ncars(back), 300);
    assert_int_equal(sc_instance_nrules(back), 5);
    static const int rn[5] = {1, 2, 1, 2, 1}, rp[5] = {2, 3, 3, 5, 5};
    for (size_t r = 0; r < 5; r++) {
        sc_rule rule = sc_instance_rule(back, r);
        assert_int_equal(rule.n, rn[r]);
        assert_int_equal(rule.p, rp[r]);
        size_t with = 0;
        for (size_t c = 0; c < 300; c++) {
            assert_int_equal(sc_instance_car_has(back, c, r), sc_instance_car_has(in, c, r));
            assert_string_equal(sc_instance_car_model(back, c), sc_instance_car_model(in, c));
            with += sc_instance_car_has(back, c, r);
        }
        double util = (double)with * rp[r] / (300.0 * rn[r]);
        assert_true(util >= 0.95 - 0.01 && util <= 1.0);
    }
    /* Written again from what was read: the same bytes. */
    assert_int_equal(sc_csplib_write(back, pc, &d), SC_OK);
    char *c = tu_slurp(pc, NULL);
    assert_string_equal(a, c);
    sc_instance_free(back);
    sc_instance_free(in);
    hp.seed = 8;
    assert_int_equal(sc_gen_csplib_hard(&hp, &in, &d), SC_OK);
    assert_int_equal(sc_csplib_write(in, pb, &d), SC_OK);
    free(b);
    b = tu_slurp(pb, NULL);
    assert_true(strcmp(a, b) != 0);
    sc_instance_free(in);
    /* A million cars: linear, and the class sizes add up. */
    hp.ncars = 1000000;
    assert_int_equal(sc_gen_csplib_hard(&hp, &in, &d), SC_OK);
    assert_int_equal(sc_instance_ncars(in), 1000000);
    sc_instance_free(in);
    /* Bad parameters are refused. */
    hp.util_lo = 0.9;
    hp.util_hi = 0.8;
    assert_int_equal(sc_gen_csplib_hard(&hp, &in, &d), SC_EINVAL);
    assert_null(in);
    /* A ROADEF-shaped instance has no CSPLib layout. */
    in = generated(50, 1);
    assert_int_equal(sc_csplib_write(in, pc, &d), SC_EINVAL);
    sc_instance_free(in);
    free(a);
    free(b);
    free(c);
    tu_tmpdir_free(dir);
}

/* A long run (6,000,000 moves, through stalls and many epochs): one
** thread, a seed and an effort still give the same sequence, valid, no
** worse than the start. */
static void test_search_deterministic_long(void **state) {
    (void)state;
    sc_gen_hard_params hp = {300, 0.95, 1.0, 4};
    sc_instance *in;
    sc_diag d;
    assert_int_equal(sc_gen_csplib_hard(&hp, &in, &d), SC_OK);
    size_t n = sc_instance_ncars(in);
    uint32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    sc_search_params p;
    sc_search_defaults(&p);
    p.time_limit = 0;
    p.effort = 6000000;
    p.seed = 3;
    sc_search_stats sa, sb;
    assert_int_equal(sc_search_run(in, &p, a, false, &sa, &d), SC_OK);
    assert_int_equal(sc_search_run(in, &p, b, false, &sb, &d), SC_OK);
    assert_memory_equal(a, b, n * sizeof *a);
    assert_int_equal(sa.moves, sb.moves);
    assert_true(sa.moves >= p.effort); /* no early stop at 0 */
    sc_score s;
    assert_int_equal(sc_score_sequence(in, a, &s, &d), SC_OK);
    assert_int_equal(s.total, sa.best.total);
    assert_true(sa.best.total <= sa.initial.total);
    free(a);
    free(b);
    sc_instance_free(in);
}

/* A warm start that is not a permutation is refused. */
static void test_search_bad_warm_start(void **state) {
    (void)state;
    sc_instance *in = generated(50, 2);
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc(n * sizeof *seq);
    assert_non_null(seq);
    sc_sequence_identity(in, seq);
    seq[n - 1] = seq[n - 2];
    sc_search_params p;
    sc_search_defaults(&p);
    p.effort = 1000;
    sc_diag d;
    assert_int_equal(sc_search_run(in, &p, seq, true, NULL, &d), SC_EINVAL);
    assert_non_null(strstr(d.msg, "twice"));
    free(seq);
    sc_instance_free(in);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_incremental_small),
        cmocka_unit_test(test_incremental_roadef_like),
        cmocka_unit_test(test_incremental_many_options),
        cmocka_unit_test(test_incremental_long_windows),
        cmocka_unit_test(test_incremental_generated),
        cmocka_unit_test(test_greedy_batch_limit),
        cmocka_unit_test(test_search_deterministic),
        cmocka_unit_test(test_search_warm_and_threads),
        cmocka_unit_test(test_search_progress_threads),
        cmocka_unit_test(test_gen_bad_params),
        cmocka_unit_test(test_search_stop_flag),
        cmocka_unit_test(test_greedy_limits),
        cmocka_unit_test(test_gen_hard_class),
        cmocka_unit_test(test_search_deterministic_long),
        cmocka_unit_test(test_search_effort_caps_construction),
        cmocka_unit_test(test_search_bad_warm_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
