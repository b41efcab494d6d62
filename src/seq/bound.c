/*
** Proven lower bounds: for each objective, a value that no sequence of the
** instance can go below, so that a result's distance from optimal (its gap)
** can be told. The bounds count exactly what the scorer (score.c) counts.
**
** ONE RATIO RULE N/P. Number the positions 0..n-1: the fixed cars (the
** previous day's and the frozen ones) take [0, f), the 'm' free cars
** [f, n), 'k' of which have the option. The windows that count start at
** s in [first, last] (score.c: sc__rule_windows) and cover [s, min(s+P, n));
** window s scores max(0, c_s - N), c_s its option cars. Windows that lie
** inside [0, f) have a known count and are added exactly ('C' below). The
** others, s in [s0, last] with s0 = max(first, f - P + 1), are split into
** P families by s mod P. The windows of one family are disjoint and
** consecutive; family j has 'nw' windows, covers every position from its
** first window's start to its last window's end, and leaves uncovered
** 'head' free positions before it and 'tail' free positions after it (in
** CSPLib's full-window mode; in ROADEF's truncated mode the tail is empty,
** except that a last truncated window of at most N cars, which can never
** score, is left out and its positions join the tail). Since
** max(0, x) + max(0, y) >= max(0, x + y), family j scores at least
**
**     max(0, F_j + k - u_j - N nw)                                     (1)
**
** where F_j counts the fixed option cars it covers and u_j the option cars
** among its uncovered free positions. Let 'a' be the option cars among the
** first H = min(P - 1, m) free positions and 'b' among the last T = min(P -
** 1, m). Every head lies within the first H positions and every tail
** within the last T, so u_j <= min(head_j, a) + min(tail_j, b); and
** a + b <= k + o, o = max(0, H + T - m) the positions both regions share.
** Refinement: the first window W1 of a family holds the free positions of
** the first H that are not in its head... more exactly, at least
** p1 = (fixed option cars in W1) + max(0, a - |R \ W1|) option cars,
** R the first H free positions; likewise its last window W2 holds
** p2 = (fixed ones in W2) + max(0, b - |Q \ W2|), Q the last T. With
** nw >= 2, and t the family's option cars, splitting off W1 and W2 gives
**
**     max(0, c1 - N) + max(0, c2 - N) + max(0, t - c1 - c2 - N (nw - 2))
**
** whose least value over c1 >= p1, c2 >= p2 is reached at c1 = max(p1, N),
** c2 = max(p2, N) (below N a car in W1 costs nothing and lowers the third
** term; above N it costs one and saves at most one):
**
**     max(0, p1 - N) + max(0, p2 - N) + max(0, t - max(p1, N) - max(p2, N)
**                                              - N (nw - 2))            (2)
**
** Every term is a valid lower bound for the sequence's own 'a' and 'b', so
** the least over all admissible (a, b) of C + sum over families of (2)
** (of (1) when nw = 1) is a lower bound for every sequence. Cost: O(P) per
** family and pair, O(P^3) in all; when that exceeds BOUND_WORK the
** refinement is dropped, every term is then non-increasing in a and b, and
** only the largest b for each a is tried (O(P^2)); when even that is too
** much, a and b take their largest values separately (O(P)). The rest is
** O(n) to count the option cars.
**
** This is the family-of-disjoint-windows argument behind the simple
** counting bounds of the ROADEF 2005 literature, completed with the ends of
** the day and the previous day's tail; Benoist ("Soft car sequencing with
** colors: lower bounds and optimality proofs", EJOR 191, 2008) computes the
** exact single-rule optimum in O(P). On every case of the exhaustive test
** (tests/test_bound.c: up to 5-car windows, 10 free cars) without a
** previous day this bound equals the optimum in truncated mode, and in full
** mode whenever m >= 2P - 2; with a tail it can be one below.
**
** COLOUR CHANGES. Among sequences that obey the batch limit L, colour c
** with n_c free cars needs at least r_c = ceil(n_c / L) runs (one when there
** is no limit), and the runs of one colour need runs of others between
** them: a sequence of R runs has R >= sum r_c and R >= 2 max r_c - 1. The
** free cars either start with a new colour (every run starts with a change
** when a car is in front of them: R changes, R - 1 without one) or continue
** the colour c0 of the car in front (R - 1 changes), whose first run then
** holds at most L - r0 cars, r0 the day's cars of c0 already at the end of
** the fixed part. The changes among the fixed cars are added exactly.
**
** Combined: the bound of an objective sums those of its rules (a sum of
** least values is at most the least sum), and the weighted total bound is
** the sum of weight x bound over the objectives.
*/
#include <string.h>

#include "seq.h"

/* Pairs x families x P beyond which the refinement (2) is dropped. */
#define BOUND_WORK 4000000.0

typedef struct family {
    long nw;         /* windows */
    long head, tail; /* uncovered free positions before and after */
    long fixed;      /* fixed option cars covered */
    long fix1, out1; /* W1: fixed option cars in it, |R \ W1| */
    long fix2, out2; /* W2 (nw >= 2): the same with Q */
} family;

static inline long lmin(long a, long b) { return a < b ? a : b; }
static inline long lmax(long a, long b) { return a > b ? a : b; }

/* Option cars of the fixed part in [lo, hi), from the prefix sums 'ps'
** (ps[i]: option cars among positions < i, for i <= f). */
static long fixed_in(const long *ps, long f, long lo, long hi) {
    lo = lmax(lo, 0);
    hi = lmin(hi, f);
    return lo < hi ? ps[hi] - ps[lo] : 0;
}

/* The bound of one family for given a and b: (1) or (2). */
static int64_t family_bound(const family *fa, long k, long n_, long a, long b, bool refine) {
    long t = fa->fixed + k - lmin(fa->head, a) - lmin(fa->tail, b);
    if (fa->nw == 1 || !refine) return lmax(0, t - n_ * fa->nw);
    long p1 = fa->fix1 + lmax(0, a - fa->out1), p2 = fa->fix2 + lmax(0, b - fa->out2);
    return lmax(0, p1 - n_) + lmax(0, p2 - n_) +
           lmax(0, t - lmax(p1, n_) - lmax(p2, n_) - n_ * (fa->nw - 2));
}

/*
** The least violations of rule 'r' over every order of the free cars. 'ps'
** holds the prefix sums of the rule's option over the fixed part, 'k' the
** free cars with the option, 'fam' room for min(P, n) families. O(n) at
** most, plus the family work described at the top.
*/
static int64_t rule_bound(const sc_instance *in, const sc_rule *rule, const long *ps, long k,
                          family *fam) {
    long n = (long)in->ncars, f = (long)in->nfixed, m = n - f, p = rule->p, n_ = rule->n;
    long first, last;
    sc__rule_windows(in, rule, &first, &last);
    if (first > last) return 0;
    int64_t c = 0;
    long s0 = lmax(first, f - p + 1);
    for (long s = first; s <= last && s < s0; s++)
        c += lmax(0, fixed_in(ps, f, s, s + p) - n_);
    if (s0 > last) return c;
    long h = lmin(p - 1, m), tt = lmin(p - 1, m);
    long nfam = 0;
    for (long j = 0; j < p && s0 + j <= last; j++) {
        long s = s0 + j, nw = (last - s) / p + 1;
        long ls = s + (nw - 1) * p; /* the last window's start */
        if (in->window_mode != SC_WINDOWS_FULL && n - ls <= n_ && n - ls < p) {
            nw--; /* a truncated window too short to score */
            ls -= p;
        }
        if (nw <= 0) continue;
        family *fa = &fam[nfam++];
        long end = lmin(n, ls + p);
        fa->nw = nw;
        fa->head = lmax(0, s - f);
        fa->tail = lmax(0, n - lmax(f, end));
        fa->fixed = fixed_in(ps, f, s, end);
        long w1end = lmin(n, s + p);
        fa->fix1 = fixed_in(ps, f, s, w1end);
        fa->out1 = h - lmax(0, lmin(f + h, w1end) - lmax(f, s));
        fa->fix2 = fixed_in(ps, f, ls, end);
        fa->out2 = tt - lmax(0, lmin(n, end) - lmax(n - tt, ls));
    }
    long amax = lmin(h, k), bmax = lmin(tt, k), o = lmax(0, h + tt - m);
    double pairs = (double)(amax + 1) * (double)(bmax + 1) * (double)nfam;
    int64_t best = INT64_MAX;
    if (pairs <= BOUND_WORK) {
        for (long a = 0; a <= amax; a++)
            for (long b = 0; b <= bmax && a + b <= k + o; b++) {
                int64_t v = 0;
                for (long q = 0; q < nfam && v < best; q++)
                    v += family_bound(&fam[q], k, n_, a, b, true);
                if (v < best) best = v;
            }
    } else if ((double)(amax + 1) * (double)nfam <= BOUND_WORK) {
        for (long a = 0; a <= amax; a++) {
            long b = lmin(bmax, k + o - a);
            if (b < 0) break;
            int64_t v = 0;
            for (long q = 0; q < nfam && v < best; q++)
                v += family_bound(&fam[q], k, n_, a, b, false);
            if (v < best) best = v;
        }
    } else {
        best = 0;
        for (long q = 0; q < nfam; q++)
            best += family_bound(&fam[q], k, n_, amax, bmax, false);
    }
    return c + best;
}

/* Ceiling of x / l for l > 0; 1 for any x > 0 when l == 0 (no limit). */
static int64_t runs_needed(int64_t x, int64_t l) {
    if (x <= 0) return 0;
    return l > 0 ? (x + l - 1) / l : 1;
}

/*
** The least colour changes over the orders of the free cars that obey the
** batch limit (see the top of the file). 'cnt' holds the free cars of each
** colour. O(n + colours).
*/
static int64_t colour_bound(const sc_instance *in, const int64_t *cnt) {
    long n = (long)in->ncars, f = (long)in->nfixed, start = in->nprev ? (long)in->nprev : 1;
    int64_t fixed = 0;
    for (long k = start; k < f; k++)
        fixed += in->colour[k] != in->colour[k - 1];
    if (n == f) return fixed;
    int64_t l = in->batch_limit, sum = 0, max = 0;
    for (size_t c = 0; c < in->ncolours; c++) {
        int64_t r = runs_needed(cnt[c], l);
        sum += r;
        if (r > max) max = r;
    }
    int64_t runs = sum > 2 * max - 1 ? sum : 2 * max - 1;
    if (f == 0) return runs - 1; /* no car in front: no change before the first run */
    int64_t best = runs;         /* the free cars start with a new colour */
    int32_t c0 = in->colour[f - 1];
    if (cnt[c0] > 0) {
        /* They continue c0: its first run holds at most L - r0 cars. */
        int64_t r0 = 0;
        for (long k = f - 1; k >= (long)in->nprev && in->colour[k] == c0; k--)
            r0++;
        if (l == 0 || r0 < l) {
            int64_t cap = l ? l - r0 : cnt[c0];
            int64_t rc0 = 1 + runs_needed(cnt[c0] - cap, l), old = runs_needed(cnt[c0], l);
            int64_t s2 = sum - old + rc0, m2 = rc0;
            for (size_t c = 0; c < in->ncolours; c++)
                if ((int32_t)c != c0 && runs_needed(cnt[c], l) > m2) m2 = runs_needed(cnt[c], l);
            int64_t r2 = s2 > 2 * m2 - 1 ? s2 : 2 * m2 - 1;
            if (r2 - 1 < best) best = r2 - 1;
        }
    }
    return fixed + best;
}

sc_status sc_bound_compute(const sc_instance *in, sc_bound *out) {
    memset(out, 0, sizeof *out);
    long n = (long)in->ncars, f = (long)in->nfixed;
    size_t nfam = 1;
    for (size_t r = 0; r < in->nrules; r++)
        if ((size_t)in->rules[r].p > nfam) nfam = (size_t)in->rules[r].p;
    if (nfam > (size_t)n + 1) nfam = (size_t)n + 1;
    long *ps = sc__malloc(((size_t)f + 1) * sizeof *ps);
    family *fam = sc__malloc(nfam * sizeof *fam);
    int64_t *cnt = sc__calloc(in->ncolours ? in->ncolours : 1, sizeof *cnt);
    if (!ps || !fam || !cnt) {
        sc__free(ps);
        sc__free(fam);
        sc__free(cnt);
        return SC_ENOMEM;
    }
    int64_t level[SC_MAX_RULES + 1];
    memset(level, 0, sizeof level);
    for (size_t r = 0; r < in->nrules; r++) {
        const sc_rule *rule = &in->rules[r];
        size_t o = (size_t)rule->option;
        ps[0] = 0;
        for (long i = 0; i < f; i++)
            ps[i + 1] = ps[i] + sc__car_has(in, (size_t)i, o);
        long k = 0;
        for (long i = f; i < n; i++)
            k += sc__car_has(in, (size_t)i, o);
        int64_t v = rule_bound(in, rule, ps, k, fam);
        out->rule[r] = v;
        if (rule->hard)
            out->hard += v;
        else if (rule->level >= 0 && rule->level <= SC_MAX_RULES)
            level[rule->level] += v;
    }
    for (long i = f; i < n; i++)
        cnt[in->colour[i]]++;
    int64_t colour = colour_bound(in, cnt);
    for (size_t k = 0; k < in->nobj; k++) {
        const sc_objective *o = &in->obj[k];
        if (o->kind == SC_OBJ_COLOUR)
            out->value[k] = colour;
        else
            out->value[k] = o->level >= 0 && o->level <= SC_MAX_RULES ? level[o->level] : 0;
        out->total += o->weight * out->value[k];
    }
    sc__free(ps);
    sc__free(fam);
    sc__free(cnt);
    return SC_OK;
}
