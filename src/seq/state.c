/*
** Incremental evaluation of moves on a car sequence.
**
** For each ratio rule N/P the state keeps, by position, whether the car
** there has the option ('has') and, by window start, how many option cars
** the window holds ('cnt'). A move changes the option at a few positions;
** only windows over those positions change, and each contributes
** max(0, c' - N) - max(0, c - N). So a swap costs O(P) per rule on which
** the two cars differ, and a rotation or reversal of [a, b] costs
** O(b - a + P) per rule whose option moves inside it. A swap changes the
** counts of two stretches of windows by one each, so its change is the
** number of windows at or over the limit in those stretches; two bitsets by
** window start ('sat': count >= N, 'over': count > N) give it in O(P / 64).
** Colour changes and
** batch excess are recounted over the edges and colour runs that touch the
** changed positions. This is the evaluation scheme of the ROADEF 2005
** winners (Estellon, Gardi and Nouioua, "Two local search approaches for
** solving real-life car sequencing problems", EJOR 191, 2008), extended to
** rotations and reversals by a sliding sum of option changes.
*/
#include <string.h>

#include "state.h"

void sc__state_release(sc__state *st) {
    if (st->rules)
        for (size_t r = 0; r < st->nrules; r++) {
            sc__free(st->rules[r].has);
            sc__free(st->rules[r].cnt);
            sc__free(st->rules[r].sat);
            sc__free(st->rules[r].hb);
            sc__free(st->rules[r].over);
        }
    sc__free(st->rules);
    sc__free(st->seq);
    sc__free(st->col);
    sc__free(st->lrun);
    sc__free(st->rrun);
    sc__free(st->rmask);
    sc__free(st->dd);
    sc__free(st->src);
    sc__free(st->tmp);
    sc__free(st->mask);
    memset(st, 0, sizeof *st);
}

/*
** Sets up the state for 'in': sizes every array from the instance and
** decides which rules count (those of a hard rule or of an objective with a
** weight). On failure everything is released.
*/
sc_status sc__state_init(sc__state *st, const sc_instance *in, uint64_t seed) {
    memset(st, 0, sizeof *st);
    st->in = in;
    st->n = (long)in->ncars;
    st->nprev = (long)in->nprev;
    st->nfix = (long)in->nfixed;
    st->limit = in->batch_limit;
    st->colcomp = -1;
    st->wcomp[SC_COMP_HARD] = SC_HARD_WEIGHT;
    st->wcomp[SC_COMP_BATCH] = in->batch_limit ? SC_HARD_WEIGHT : 0;
    for (size_t k = 0; k < in->nobj; k++) {
        st->wcomp[2 + k] = in->obj[k].weight;
        if (in->obj[k].kind == SC_OBJ_COLOUR && st->colcomp < 0) st->colcomp = (int)(2 + k);
    }
    sc__rng_seed(&st->rng, seed);

    size_t n = in->ncars ? in->ncars : 1, bytes;
    st->rules = sc__calloc(in->nrules ? in->nrules : 1, sizeof *st->rules);
    st->seq = sc__malloc(n * sizeof *st->seq);
    st->col = sc__malloc(n * sizeof *st->col);
    st->lrun = sc__calloc(n, sizeof *st->lrun);
    st->rrun = sc__calloc(n, sizeof *st->rrun);
    st->dd = sc__malloc((n + 1) * sizeof *st->dd);
    st->src = sc__malloc(n * sizeof *st->src);
    st->tmp = sc__malloc(n * sizeof *st->tmp);
    if (!st->rules || !st->seq || !st->col || !st->lrun || !st->rrun || !st->dd || !st->src ||
        !st->tmp)
        goto nomem;
    for (size_t r = 0; r < in->nrules; r++) {
        const sc_rule *rule = &in->rules[r];
        int comp = -1;
        if (rule->hard)
            comp = SC_COMP_HARD;
        else
            for (size_t k = 0; k < in->nobj && comp < 0; k++)
                if (in->obj[k].kind == SC_OBJ_RATIO && in->obj[k].level == rule->level &&
                    in->obj[k].weight > 0)
                    comp = (int)(2 + k);
        if (comp < 0) continue;
        sc__rulestate *rs = &st->rules[st->nrules++];
        rs->n = rule->n;
        rs->p = rule->p;
        rs->comp = comp;
        rs->w = st->wcomp[comp];
        sc__rule_windows(in, rule, &rs->first, &rs->last);
        if (rule->p > st->pmax) st->pmax = rule->p;
        rs->has = sc__malloc(n);
        rs->cnt = sc__malloc(n * sizeof *rs->cnt);
        /* One word more than the bits need: get_bits reads two words. */
        rs->sat = sc__calloc(n / 64 + 2, sizeof *rs->sat);
        rs->over = sc__calloc(n / 64 + 2, sizeof *rs->over);
        rs->hb = sc__calloc(n / 64 + 2, sizeof *rs->hb);
        if (!rs->has || !rs->cnt || !rs->sat || !rs->over || !rs->hb) goto nomem;
    }
    st->rw = st->nrules ? (st->nrules + 63) / 64 : 1;
    if (!sc__mul_ok(n, st->rw * sizeof(uint64_t), &bytes)) goto nomem;
    st->rmask = sc__calloc(1, bytes);
    st->mask = sc__calloc(st->rw, sizeof *st->mask);
    if (!st->rmask || !st->mask) goto nomem;
    /* Rule masks by car: bit j when the car has the option of counted rule
    ** j; 'opt' lists the option of each counted rule. */
    int opt[SC_MAX_RULES];
    size_t nc = 0;
    for (size_t r = 0; r < in->nrules; r++) {
        const sc_rule *rule = &in->rules[r];
        bool counted = rule->hard;
        for (size_t k = 0; k < in->nobj && !counted; k++)
            counted = in->obj[k].kind == SC_OBJ_RATIO && in->obj[k].level == rule->level &&
                      in->obj[k].weight > 0;
        if (counted) opt[nc++] = rule->option;
    }
    for (size_t c = 0; c < in->ncars; c++)
        for (size_t j = 0; j < nc; j++)
            if (sc__car_has(in, c, (size_t)opt[j]))
                st->rmask[c * st->rw + j / 64] |= (uint64_t)1 << (j % 64);
    if (st->pmax < 1) st->pmax = 1;
    memcpy(st->truew, st->wcomp, sizeof st->truew);
    return SC_OK;
nomem:
    sc__state_release(st);
    return SC_ENOMEM;
}

static inline bool mask_has(const sc__state *st, uint32_t car, size_t r) {
    return (st->rmask[car * st->rw + r / 64] >> (r % 64)) & 1u;
}

/* Sets bit 's' of 'bits' to 'v'. */
static inline void bit_put(uint64_t *bits, long s, bool v) {
    uint64_t *w = &bits[s >> 6], b = (uint64_t)1 << (s & 63);
    *w = v ? *w | b : *w & ~b;
}

/* Stores the count of window 's' and its two threshold bits. */
static inline void set_count(sc__rulestate *rs, long s, int32_t c) {
    rs->cnt[s] = c;
    bit_put(rs->sat, s, c >= rs->n);
    bit_put(rs->over, s, c > rs->n);
}

/* The 64 bits from 's' on (s >= 0): bit t is bit s + t. */
static inline uint64_t get_bits(const uint64_t *bits, long s) {
    long w = s >> 6, o = s & 63;
    return o ? bits[w] >> o | bits[w + 1] << (64 - o) : bits[w];
}

/* Bits set in [lo, hi] of 'bits'; 0 when lo > hi. */
static long count_bits(const uint64_t *bits, long lo, long hi) {
    if (lo > hi) return 0;
    long wl = lo >> 6, wh = hi >> 6;
    uint64_t ml = ~(uint64_t)0 << (lo & 63), mh = ~(uint64_t)0 >> (63 - (hi & 63));
    if (wl == wh) return sc__popcount64(bits[wl] & ml & mh);
    long c = sc__popcount64(bits[wl] & ml) + sc__popcount64(bits[wh] & mh);
    for (long w = wl + 1; w < wh; w++)
        c += sc__popcount64(bits[w]);
    return c;
}

/* Counts option cars of every window of 'rs' with start in [s0, s1]. */
static void recount(sc__rulestate *rs, long n, long s0, long s1) {
    if (s0 < rs->first) s0 = rs->first;
    if (s1 > rs->last) s1 = rs->last;
    if (s0 > s1) return;
    long end = s0, c = 0;
    for (long s = s0; s <= s1; s++) {
        long want = s + rs->p < n ? s + rs->p : n;
        while (end < want)
            c += rs->has[end++];
        if (s > s0) c -= rs->has[s - 1];
        set_count(rs, s, (int32_t)c);
    }
}

static inline int64_t excess(const sc__rulestate *rs, long c) { return c > rs->n ? c - rs->n : 0; }

/*
** Recomputes the run lengths after the colours of [lo, hi] changed: 'lrun'
** forward from lo through hi + 1 and on along its colour, 'rrun' backward
** from hi through lo - 1 and on along its colour. O(hi - lo + run lengths).
*/
static void fix_runs(sc__state *st, long lo, long hi) {
    long first = st->nprev, n = st->n;
    const int32_t *col = st->col;
    if (lo < first) lo = first;
    if (hi >= n) hi = n - 1;
    if (lo > hi) return;
    for (long k = lo; k < n; k++) {
        int32_t v = k > first && col[k - 1] == col[k] ? st->lrun[k - 1] + 1 : 1;
        if (k > hi + 1 && v == st->lrun[k]) break;
        st->lrun[k] = v;
        if (k > hi && (k + 1 >= n || col[k + 1] != col[k])) break;
    }
    for (long k = hi; k >= first; k--) {
        int32_t v = k + 1 < n && col[k + 1] == col[k] ? st->rrun[k + 1] + 1 : 1;
        if (k < lo - 1 && v == st->rrun[k]) break;
        st->rrun[k] = v;
        if (k < lo && (k - 1 < first || col[k - 1] != col[k])) break;
    }
}

static inline int64_t batch_ex(const sc__state *st, long len) {
    return len > st->limit ? len - st->limit : 0;
}

/*
** Colour changes and batch excess if the car at 'i' alone took colour 'b',
** its neighbours unchanged: O(1) from the run lengths. Adds to 'dcomp'.
*/
static int64_t change_one(sc__state *st, long i, int32_t b) {
    const int32_t *col = st->col;
    int32_t a = col[i];
    long n = st->n, first = st->nprev;
    int64_t d = 0;
    if (st->colcomp >= 0) {
        long dc = 0;
        if (i >= (first > 0 ? first : 1)) dc += (col[i - 1] != b) - (col[i - 1] != a);
        if (i + 1 < n) dc += (b != col[i + 1]) - (a != col[i + 1]);
        st->dcomp[st->colcomp] += dc;
        d += dc * st->wcomp[st->colcomp];
    }
    if (st->limit) {
        long left = st->lrun[i] - 1, right = st->rrun[i] - 1;
        long ll = i - 1 >= first && col[i - 1] == b ? st->lrun[i - 1] : 0;
        long rr = i + 1 < n && col[i + 1] == b ? st->rrun[i + 1] : 0;
        int64_t de = batch_ex(st, left) + batch_ex(st, right) + batch_ex(st, ll + 1 + rr) -
                     batch_ex(st, left + right + 1) - batch_ex(st, ll) - batch_ex(st, rr);
        st->dcomp[SC_COMP_BATCH] += de;
        d += de * st->wcomp[SC_COMP_BATCH];
    }
    return d;
}

void sc__state_load(sc__state *st, const uint32_t *seq) {
    const sc_instance *in = st->in;
    long n = st->n;
    memcpy(st->seq, seq, (size_t)n * sizeof *seq);
    for (long k = 0; k < n; k++)
        st->col[k] = in->colour[seq[k]];
    fix_runs(st, st->nprev, n - 1);
    memset(st->comp, 0, sizeof st->comp);
    for (size_t r = 0; r < st->nrules; r++) {
        sc__rulestate *rs = &st->rules[r];
        for (long k = 0; k < n; k++) {
            rs->has[k] = mask_has(st, seq[k], r);
            bit_put(rs->hb, k, rs->has[k]);
        }
        recount(rs, n, rs->first, rs->last);
        rs->viol = 0;
        for (long s = rs->first; s <= rs->last; s++)
            rs->viol += excess(rs, rs->cnt[s]);
        st->comp[rs->comp] += rs->viol;
    }
    sc_score sc;
    sc__score(in, seq, &sc);
    st->comp[SC_COMP_BATCH] = st->limit ? sc.batch_excess : 0;
    if (st->colcomp >= 0) st->comp[st->colcomp] = sc.value[st->colcomp - 2];
    st->cost = st->tcost = 0;
    for (int k = 0; k < SC_NCOMP; k++) {
        st->cost += st->wcomp[k] * st->comp[k];
        st->tcost += st->truew[k] * st->comp[k];
    }
}

void sc__state_set_weights(sc__state *st, const int64_t w[SC_NCOMP]) {
    memcpy(st->wcomp, w, sizeof st->wcomp);
    for (size_t r = 0; r < st->nrules; r++)
        st->rules[r].w = w[st->rules[r].comp];
    st->cost = 0;
    for (int k = 0; k < SC_NCOMP; k++)
        st->cost += st->wcomp[k] * st->comp[k];
}

void sc__state_score(const sc__state *st, sc_score *out) { sc__score(st->in, st->seq, out); }

/* ---------------------------------------------------------------- views */

/* The position whose car lands at 'k' under 'm'. */
static inline long src_of(const sc__move *m, long k) {
    switch (m->type) {
    case MOVE_SWAP: return k == m->a ? m->b : k == m->b ? m->a : k;
    case MOVE_ROTATE: {
        if (k < m->a || k > m->b) return k;
        long len = m->b - m->a + 1, x = k - m->a + m->sh;
        return m->a + (x >= len ? x - len : x);
    }
    case MOVE_PERM: return k < m->a || k > m->b ? k : m->a + (long)m->perm[k - m->a];
    default: return k < m->a || k > m->b ? k : m->a + m->b - k;
    }
}

static inline int32_t col_new(const sc__state *st, const sc__move *m, long k) {
    return st->col[src_of(m, k)];
}

/*
** Sum of batch excess over the colour runs of the day that meet [a1, b1] or
** [a2, b2] (a2 > b1 + 2; pass a2 = 1, b2 = -2 for one interval), in the current
** sequence ('m' NULL) or after 'm'. O(length of those runs).
*/
static int64_t runs_excess(const sc__state *st, const sc__move *m, long a1, long b1, long a2,
                           long b2) {
    long lo = st->nprev, hi = st->n - 1;
    int64_t e = 0;
    long done = lo - 1; /* runs through 'done' are counted */
    for (int part = 0; part < 2; part++) {
        long a = part ? a2 : a1, b = part ? b2 : b1;
        if (a < lo) a = lo;
        if (b > hi) b = hi;
        if (a <= done) a = done + 1;
        if (a > b) continue;
        long k = a;
        int32_t c = m ? col_new(st, m, k) : st->col[k];
        while (k > lo && (m ? col_new(st, m, k - 1) : st->col[k - 1]) == c)
            k--;
        while (k <= b) {
            long s = k;
            c = m ? col_new(st, m, k) : st->col[k];
            while (k + 1 <= hi && (m ? col_new(st, m, k + 1) : st->col[k + 1]) == c)
                k++;
            if (k - s + 1 > st->limit) e += k - s + 1 - st->limit;
            done = k;
            k++;
        }
    }
    return e;
}

/* Colour changes on the edges (k-1, k) for k in [a1, b1] and [a2, b2]. */
static long edges(const sc__state *st, const sc__move *m, long a1, long b1, long a2, long b2) {
    long lo = st->nprev > 0 ? st->nprev : 1, hi = st->n - 1, ch = 0;
    for (int part = 0; part < 2; part++) {
        long a = part ? a2 : a1, b = part ? b2 : b1;
        if (a < lo) a = lo;
        if (b > hi) b = hi;
        for (long k = a; k <= b; k++)
            ch += m ? col_new(st, m, k) != col_new(st, m, k - 1) : st->col[k] != st->col[k - 1];
    }
    return ch;
}

/* Colour changes and batch excess of 'm' over the intervals given. */
static int64_t eval_colour(sc__state *st, const sc__move *m, long a1, long b1, long a2, long b2) {
    int64_t d = 0;
    if (st->colcomp >= 0) {
        long dc = edges(st, m, a1, b1 + 1, a2, b2 + 1) - edges(st, NULL, a1, b1 + 1, a2, b2 + 1);
        st->dcomp[st->colcomp] += dc;
        d += dc * st->wcomp[st->colcomp];
    }
    if (st->limit) {
        int64_t de = runs_excess(st, m, a1 - 1, b1 + 1, a2 - 1, b2 + 1) -
                     runs_excess(st, NULL, a1 - 1, b1 + 1, a2 - 1, b2 + 1);
        st->dcomp[SC_COMP_BATCH] += de;
        d += de * SC_HARD_WEIGHT;
    }
    return d;
}

/* ---------------------------------------------------------------- swap */

static int64_t eval_swap(sc__state *st, const sc__move *m) {
    long i = m->a, j = m->b;
    uint32_t ci = st->seq[i], cj = st->seq[j];
    int64_t d = 0;
    const uint64_t *mi = st->rmask + ci * st->rw, *mj = st->rmask + cj * st->rw;
    for (size_t w = 0; w < st->rw; w++) {
        for (uint64_t x = mi[w] ^ mj[w]; x; x &= x - 1) {
            sc__rulestate *rs = &st->rules[w * 64 + (size_t)__builtin_ctzll(x)];
            int di = rs->has[j] - rs->has[i]; /* change of the count at i */
            long p = rs->p;
            long s0 = i - p + 1 > rs->first ? i - p + 1 : rs->first;
            long s1 = i < rs->last ? i : rs->last;
            if (s1 > j - p) s1 = j - p; /* windows holding j too do not change */
            long t0 = j - p + 1 > i + 1 ? j - p + 1 : i + 1;
            if (t0 < rs->first) t0 = rs->first;
            long t1 = j < rs->last ? j : rs->last;
            /* The windows of [s0, s1] gain di, those of [t0, t1] lose it. */
            int64_t v = di > 0 ? count_bits(rs->sat, s0, s1) - count_bits(rs->over, t0, t1)
                               : count_bits(rs->sat, t0, t1) - count_bits(rs->over, s0, s1);
            rs->dviol = v;
            st->dcomp[rs->comp] += v;
            d += v * rs->w;
        }
    }
    if (st->col[i] != st->col[j]) {
        /* Two independent one-car changes when a colour change lies
        ** strictly between them, or when only the edges count (no batch
        ** limit): then no run is shared. Otherwise recount the stretch,
        ** one run of at most the batch limit in a feasible sequence. */
        if (j - i > 2 && (i + st->rrun[i + 1] < j - 1 || !st->limit)) {
            int32_t ci_col = st->col[i];
            d += change_one(st, i, st->col[j]);
            d += change_one(st, j, ci_col);
        } else {
            d += eval_colour(st, m, i, j, 1, -2);
        }
    }
    return d;
}

static void apply_swap(sc__state *st, const sc__move *m) {
    long i = m->a, j = m->b;
    uint32_t ci = st->seq[i], cj = st->seq[j];
    const uint64_t *mi = st->rmask + ci * st->rw, *mj = st->rmask + cj * st->rw;
    for (size_t w = 0; w < st->rw; w++) {
        for (uint64_t x = mi[w] ^ mj[w]; x; x &= x - 1) {
            sc__rulestate *rs = &st->rules[w * 64 + (size_t)__builtin_ctzll(x)];
            int di = rs->has[j] - rs->has[i];
            long p = rs->p;
            long s0 = i - p + 1 > rs->first ? i - p + 1 : rs->first;
            long s1 = i < rs->last ? i : rs->last;
            if (s1 > j - p) s1 = j - p;
            for (long s = s0; s <= s1; s++)
                set_count(rs, s, rs->cnt[s] + di);
            long t0 = j - p + 1 > i + 1 ? j - p + 1 : i + 1;
            if (t0 < rs->first) t0 = rs->first;
            long t1 = j < rs->last ? j : rs->last;
            for (long s = t0; s <= t1; s++)
                set_count(rs, s, rs->cnt[s] - di);
            rs->has[i] = (uint8_t)(rs->has[i] + di);
            rs->has[j] = (uint8_t)(rs->has[j] - di);
            bit_put(rs->hb, i, rs->has[i]);
            bit_put(rs->hb, j, rs->has[j]);
            rs->viol += rs->dviol;
        }
    }
    st->seq[i] = cj;
    st->seq[j] = ci;
    int32_t c = st->col[i];
    if (c != st->col[j]) {
        st->col[i] = st->col[j];
        st->col[j] = c;
        fix_runs(st, i, i);
        fix_runs(st, j, j);
    }
}

/* ---------------------------------------------------------------- ranges */

/*
** Rotation and reversal of [a, b]: 'src' gets the old position of each new
** one, 'mask' the rules whose option changes at some position.
*/
static void range_prepare(sc__state *st, const sc__move *m) {
    long a = m->a, b = m->b;
    memset(st->mask, 0, st->rw * sizeof *st->mask);
    for (long k = a; k <= b; k++) {
        long s = src_of(m, k);
        st->src[k - a] = (uint32_t)s;
        const uint64_t *x = st->rmask + st->seq[k] * st->rw, *y = st->rmask + st->seq[s] * st->rw;
        for (size_t w = 0; w < st->rw; w++)
            st->mask[w] |= x[w] ^ y[w];
    }
}

/*
** Walks the windows of 'rs' whose count a rotation or reversal of [a, b]
** changes, 'dd' holding the change of the option at each position of
** [a, b]: a window's count changes by D, the sum of 'dd' over it. Windows
** that hold all of [a, b] keep their count (the move only reorders it) and
** are skipped, so a long window costs O(b - a), not O(P). Returns the change
** of violations; with 'apply' the counts are updated too.
*/
static int64_t range_windows(sc__rulestate *rs, const int32_t *dd, long a, long b, bool apply) {
    long p = rs->p;
    long s0 = a - p + 1 > rs->first ? a - p + 1 : rs->first;
    long s1 = b < rs->last ? b : rs->last;
    if (s0 > s1) return 0;
    long skip_lo = b - p + 1; /* windows [skip_lo, a] hold all of [a, b] */
    long D = 0, e0 = s0 > a ? s0 : a, e1 = s0 + p - 1 < b ? s0 + p - 1 : b;
    for (long k = e0; k <= e1; k++)
        D += dd[k - a];
    int64_t v = 0;
    for (long s = s0;;) {
        if (D) {
            int32_t c = rs->cnt[s];
            v += excess(rs, c + D) - excess(rs, c);
            if (apply) set_count(rs, s, (int32_t)(c + D));
        }
        if (++s > s1) break;
        if (s >= skip_lo && s <= a) {
            s = a; /* D is 0 here */
            D = 0;
            if (++s > s1) break;
        }
        if (s - 1 >= a) D -= dd[s - 1 - a];
        if (s + p - 1 <= b) D += dd[s + p - 1 - a];
    }
    return v;
}

/* A rotation of [a, b] by one car either way: one car moves from one end
** of [a, b] to the other. */
static inline bool is_shift(const sc__move *m) {
    return m->type == MOVE_ROTATE && (m->sh == 1 || m->sh == m->b - m->a);
}

/*
** Violation change over the windows s in [lo, hi] whose count changes by
** in(s) - out(s), each 0 or 1: in(s) is bit s + ioff of 'hb' or, when
** 'ic' >= 0, the constant 'ic'; out(s) likewise with 'ooff' and 'oc'. A
** window gaining a car adds a violation when at or over the limit ('sat'),
** one losing a car removes one when over it ('over'). 64 windows a step.
*/
static long shift_part(const sc__rulestate *rs, long lo, long hi, long ioff, int ic, long ooff,
                       int oc) {
    long v = 0;
    for (long s = lo; s <= hi; s += 64) {
        uint64_t keep = hi - s >= 63 ? ~(uint64_t)0 : ((uint64_t)1 << (hi - s + 1)) - 1;
        uint64_t in = ic >= 0 ? (ic ? ~(uint64_t)0 : 0) : get_bits(rs->hb, s + ioff);
        uint64_t out = oc >= 0 ? (oc ? ~(uint64_t)0 : 0) : get_bits(rs->hb, s + ooff);
        v += sc__popcount64(in & ~out & get_bits(rs->sat, s) & keep);
        v -= sc__popcount64(out & ~in & get_bits(rs->over, s) & keep);
    }
    return v;
}

/*
** A shift moves one car across [a, b]; every other car there moves by one
** place. A window then gains the car that slides in at one edge and loses
** the one that slides out at the other, so its change is a difference of two
** option bits, read 64 windows at a time from the bitsets: O((b - a + P) /
** 64) per rule instead of O(b - a + P).
**
** Car a to b (sh = 1): the window [s, e] meeting [a, b] in [x, y] loses the
** car at x and gains the one at y + 1, or the car from a when y = b; x = a
** loses the car at a. Car b to a: it gains the car at x - 1, or the one
** from b when x = a, and loses the one at y, or at b when y = b.
*/
static int64_t eval_shift(sc__state *st, const sc__move *m) {
    long a = m->a, b = m->b;
    bool left = m->sh == 1; /* car a goes to b */
    int64_t d = 0;
    for (size_t r = 0; r < st->nrules; r++) {
        sc__rulestate *rs = &st->rules[r];
        long p = rs->p;
        int ha = rs->has[a], hbb = rs->has[b];
        long s0 = a - p + 1 > rs->first ? a - p + 1 : rs->first;
        long s1 = b < rs->last ? b : rs->last;
        long v = 0;
        /* Split at s = b - p + 1 (y = b from there) and s = a + 1 (x > a). */
        long cut1 = b - p + 1, cut2 = a + 1;
        long c_lo = cut1 < cut2 ? cut1 : cut2, c_hi = cut1 < cut2 ? cut2 : cut1;
        long bounds[4] = {s0, c_lo, c_hi, s1 + 1};
        for (int part = 0; part < 3; part++) {
            long lo = bounds[part] > s0 ? bounds[part] : s0;
            long hi = bounds[part + 1] - 1 < s1 ? bounds[part + 1] - 1 : s1;
            if (lo > hi) continue;
            bool ylast = lo >= cut1;       /* y = b in the whole part */
            bool xfirst = lo < cut2;       /* x = a in the whole part */
            if (xfirst && ylast) continue; /* the window holds all of [a, b] */
            if (left)
                v += shift_part(rs, lo, hi, p, ylast ? ha : -1, 0, xfirst ? ha : -1);
            else
                v += shift_part(rs, lo, hi, -1, xfirst ? hbb : -1, p - 1, ylast ? hbb : -1);
        }
        rs->dviol = v;
        st->dcomp[rs->comp] += v;
        d += v * rs->w;
    }
    d += eval_colour(st, m, a, b, 1, -2);
    return d;
}

static int64_t eval_range(sc__state *st, const sc__move *m) {
    long a = m->a, b = m->b;
    range_prepare(st, m);
    int64_t d = 0;
    int32_t *dd = st->dd;
    for (size_t w = 0; w < st->rw; w++) {
        for (uint64_t x = st->mask[w]; x; x &= x - 1) {
            sc__rulestate *rs = &st->rules[w * 64 + (size_t)__builtin_ctzll(x)];
            for (long k = a; k <= b; k++)
                dd[k - a] = rs->has[st->src[k - a]] - rs->has[k];
            int64_t v = range_windows(rs, dd, a, b, false);
            rs->dviol = v;
            st->dcomp[rs->comp] += v;
            d += v * rs->w;
        }
    }
    d += eval_colour(st, m, a, b, 1, -2);
    return d;
}

static void apply_range(sc__state *st, const sc__move *m) {
    long a = m->a, b = m->b;
    int32_t *dd = st->dd;
    if (is_shift(m)) range_prepare(st, m); /* eval_shift does not fill 'src' and 'mask' */
    for (size_t w = 0; w < st->rw; w++) {
        for (uint64_t x = st->mask[w]; x; x &= x - 1) {
            sc__rulestate *rs = &st->rules[w * 64 + (size_t)__builtin_ctzll(x)];
            for (long k = a; k <= b; k++)
                dd[k - a] = rs->has[st->src[k - a]] - rs->has[k];
            range_windows(rs, dd, a, b, true);
            for (long k = a; k <= b; k++) {
                rs->has[k] = (uint8_t)(rs->has[k] + dd[k - a]);
                bit_put(rs->hb, k, rs->has[k]);
            }
            rs->viol += rs->dviol;
        }
    }
    for (long k = a; k <= b; k++)
        st->tmp[k - a] = st->seq[st->src[k - a]];
    memcpy(st->seq + a, st->tmp, (size_t)(b - a + 1) * sizeof *st->seq);
    for (long k = a; k <= b; k++)
        st->col[k] = st->in->colour[st->seq[k]];
    fix_runs(st, a, b);
}

/* ---------------------------------------------------------------- entry */

int64_t sc__state_eval(sc__state *st, const sc__move *m) {
    memset(st->dcomp, 0, sizeof st->dcomp);
    if (m->type == MOVE_SWAP) return eval_swap(st, m);
    if (is_shift(m)) return eval_shift(st, m);
    return eval_range(st, m);
}

void sc__state_apply(sc__state *st, const sc__move *m) {
    if (m->type == MOVE_SWAP)
        apply_swap(st, m);
    else
        apply_range(st, m);
    for (int k = 0; k < SC_NCOMP; k++) {
        st->comp[k] += st->dcomp[k];
        st->cost += st->dcomp[k] * st->wcomp[k];
        st->tcost += st->dcomp[k] * st->truew[k];
    }
}
