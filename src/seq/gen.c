/*
** Synthetic instances shaped like Renault's line-days of the ROADEF 2005
** challenge: one ratio rule per option drawn from the ratios the real days
** use, the first rules high priority; a few common paint colours and many
** rare ones; the previous day's tail fixed in front. The day's cars come in
** the order a plant would have built them: colour batches no longer than the
** paint batch limit, so the file order itself proves that the batch limit
** can be met.
**
** Everything is drawn from a splitmix64 stream (../model/rng.h) seeded by the
** parameters, with integer arithmetic and IEEE-exact operations only (no
** pow, no rand), so the same parameters give the same instance everywhere.
** Cost: O(cars x options) for the option demands, plus O(colours) per colour
** batch of the file order.
*/
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seq.h"

/* More colours than any real day (the challenge's days have at most 24)
** would only slow the batch builder down, which scans them per batch. */
#define GEN_MAX_COLOURS 1000

/* ---------------------------------------------------------------- parameters */

void sc_gen_defaults(sc_gen_params *p) {
    p->ncars = 1000;
    p->nprev = 20;
    p->noptions = 8;
    p->nhigh = 3;
    p->ncolours = 12;
    p->batch_limit = 10;
    p->load = 0.8;
    p->seed = 1;
}

/* Fills 'd' and returns SC_EINVAL when 'p' cannot make an instance. */
static sc_status check_params(const sc_gen_params *p, sc_diag *d) {
    const char *bad = NULL;
    char buf[160];
    if (p->ncars < 1 || p->ncars > SC_MAX_CARS) {
        snprintf(buf, sizeof buf, "ncars: expected 1 to %d, got %zu", SC_MAX_CARS, p->ncars);
        bad = buf;
    } else if (p->nprev > (size_t)SC_MAX_CARS - p->ncars) {
        snprintf(buf, sizeof buf, "ncars + nprev: expected at most %d, got %zu + %zu", SC_MAX_CARS,
                 p->ncars, p->nprev);
        bad = buf;
    } else if (p->noptions < 1 || p->noptions > SC_MAX_RULES || p->noptions > SC_MAX_OPTIONS) {
        snprintf(buf, sizeof buf, "noptions: expected 1 to %d, got %d", SC_MAX_RULES, p->noptions);
        bad = buf;
    } else if (p->nhigh < 0 || p->nhigh > p->noptions) {
        snprintf(buf, sizeof buf, "nhigh: expected 0 to noptions (%d), got %d", p->noptions,
                 p->nhigh);
        bad = buf;
    } else if (p->ncolours < 1 || p->ncolours > GEN_MAX_COLOURS) {
        snprintf(buf, sizeof buf, "ncolours: expected 1 to %d, got %d", GEN_MAX_COLOURS,
                 p->ncolours);
        bad = buf;
    } else if (p->batch_limit < 0) {
        snprintf(buf, sizeof buf, "batch_limit: expected 0 (none) or more, got %d", p->batch_limit);
        bad = buf;
    } else if (!(p->load > 0 && p->load <= 1)) {
        snprintf(buf, sizeof buf, "load: expected more than 0 and at most 1, got %g", p->load);
        bad = buf;
    } else if (p->ncolours == 1 && p->batch_limit > 0 &&
               (p->nprev > 0 || p->ncars > (size_t)p->batch_limit)) {
        /* The day's first run would continue the previous day's colour, or
        ** the day alone is longer than one batch. */
        snprintf(buf, sizeof buf,
                 "ncolours: one colour cannot keep the runs within the paint batch limit %d "
                 "(use 2 colours or more)",
                 p->batch_limit);
        bad = buf;
    }
    if (!bad) return SC_OK;
    sc__diag_set(d, NULL, 0, 0, "%s", bad);
    return SC_EINVAL;
}

/* ---------------------------------------------------------------- rules */

/* Ratios of the challenge's days, repeated roughly as often as they occur
** there (both levels together). */
static const struct {
    int n, p;
} ratio_menu[] = {
    {1, 2}, {1, 2}, {1, 2},  {1, 2},  {1, 2},  {1, 2}, {1, 2}, {1, 2}, {1, 3},  {1, 3},  {1, 3},
    {1, 3}, {1, 3}, {1, 3},  {1, 3},  {1, 3},  {1, 3}, {1, 3}, {2, 3}, {2, 3},  {2, 3},  {2, 3},
    {2, 3}, {2, 3}, {1, 4},  {1, 4},  {1, 4},  {1, 4}, {1, 4}, {1, 5}, {1, 5},  {1, 5},  {1, 5},
    {1, 5}, {1, 6}, {1, 6},  {1, 6},  {1, 6},  {1, 8}, {1, 8}, {1, 8}, {2, 5},  {2, 5},  {3, 5},
    {3, 5}, {4, 5}, {1, 10}, {1, 10}, {1, 10}, {1, 7}, {3, 4}, {5, 6}, {1, 12}, {1, 15}, {1, 20},
};

/* Declares one option and its rule per 'p->noptions': HPRC1.. at level 1,
** then LPRC1.. at level 0, as the real ratios.txt name them. Stores each
** rule's option share (load x N/P) into 'share'. */
static sc_status add_rules(sc_instance *in, const sc_gen_params *p, uint64_t *r, double *share) {
    size_t nmenu = sizeof ratio_menu / sizeof *ratio_menu;
    for (int o = 0; o < p->noptions; o++) {
        bool high = o < p->nhigh;
        char name[32];
        snprintf(name, sizeof name, "%s%d", high ? "HPRC" : "LPRC",
                 high ? o + 1 : o - p->nhigh + 1);
        int opt = sc_instance_add_option(in, name);
        if (opt < 0) return (sc_status)opt;
        size_t m = (size_t)sc__splitmix_below(r, nmenu);
        sc_rule rule = {opt, ratio_menu[m].n, ratio_menu[m].p, high ? 1 : 0, false};
        int k = sc_instance_add_rule(in, &rule);
        if (k < 0) return (sc_status)k;
        share[o] = p->load * rule.n / rule.p;
    }
    return SC_OK;
}

/* ---------------------------------------------------------------- colours */

/*
** Popularity of the colours: colour c (in popularity order) weighs
** (c+1)^-1.25, times a jitter in [0.5, 1.5), which gives the real days'
** shape: the commonest colour holds about a third of the cars, and half
** the colours hold a few percent or less.
*/
static void colour_weights(uint64_t *r, int nc, double *w) {
    for (int c = 0; c < nc; c++) {
        double k = c + 1;
        w[c] = (0.5 + sc__splitmix_unit(r)) / (k * sqrt(sqrt(k)));
    }
}

/* Draws a colour with probability proportional to 'w' (prefix sums in
** 'cum', 'nc' of them), other than 'not' when there is another. */
static int draw_colour(uint64_t *r, const double *cum, int nc, int not ) {
    for (;;) {
        double u = sc__splitmix_unit(r) * cum[nc - 1];
        int lo = 0, hi = nc - 1;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (cum[mid] > u)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo != not || nc == 1) return lo;
    }
}

/* A batch length the planners would aim for: half the limit to the limit
** (5 to 10 cars when there is no limit). */
static size_t batch_length(uint64_t *r, int limit) {
    uint64_t hi = limit > 0 ? (uint64_t)limit : 10, lo = (hi + 1) / 2;
    return (size_t)(lo + sc__splitmix_below(r, hi - lo + 1));
}

/*
** Colours of the previous day's tail into 'col' ('n' cars): batches of
** drawn colours, consecutive batches different, none longer than 'limit'.
*/
static void prev_colours(uint64_t *r, const double *cum, int nc, int limit, size_t n, int *col) {
    int last = -1;
    for (size_t i = 0; i < n;) {
        int c = draw_colour(r, cum, nc, last);
        size_t len = batch_length(r, limit);
        if (len > n - i) len = n - i;
        for (size_t j = 0; j < len; j++)
            col[i + j] = c;
        i += len;
        last = c;
    }
}

/*
** The most cars of one colour a day of 'n' cars can hold so that runs stay
** within 'limit': runs of at most 'limit' need one other car between each
** two, and one in front too when the colour is 'last', the previous day's
** last colour (the stricter reading of the rules: a run continuing the
** previous day counts those cars). 'limit' 0: no cap.
*/
static size_t colour_cap(size_t n, int limit, bool last) {
    if (limit <= 0) return n;
    return (size_t)limit * (n + (last ? 0 : 1)) / ((size_t)limit + 1);
}

/*
** Splits the 'n' cars of the day among the colours in proportion to 'w',
** none above its cap: water-filling (a colour over its cap gets the cap and
** the rest is shared again among the others), then largest remainders.
** The caps sum to at least 'n' (check_params sees to it). O(colours^2).
*/
static void day_counts(const double *w, int nc, size_t n, int limit, int last, size_t *count,
                       double *ideal, size_t *cap, bool *full) {
    for (int c = 0; c < nc; c++) {
        cap[c] = colour_cap(n, limit, c == last);
        full[c] = false;
    }
    for (bool changed = true; changed;) {
        changed = false;
        double wsum = 0, left = (double)n;
        for (int c = 0; c < nc; c++) {
            if (full[c])
                left -= (double)cap[c];
            else
                wsum += w[c];
        }
        for (int c = 0; c < nc; c++) {
            if (full[c]) continue;
            ideal[c] = wsum > 0 ? left * w[c] / wsum : 0;
            if (ideal[c] > (double)cap[c]) {
                full[c] = true;
                ideal[c] = (double)cap[c];
                changed = true;
            }
        }
    }
    size_t total = 0;
    for (int c = 0; c < nc; c++) {
        double f = floor(ideal[c]);
        count[c] = f < (double)cap[c] ? (size_t)f : cap[c];
        total += count[c];
    }
    while (total < n) {
        int best = -1;
        double bestfrac = -1;
        for (int c = 0; c < nc; c++)
            if (count[c] < cap[c] && ideal[c] - (double)count[c] > bestfrac) {
                best = c;
                bestfrac = ideal[c] - (double)count[c];
            }
        if (best < 0) break; /* caps too small: cannot happen after check_params */
        count[best]++;
        total++;
    }
}

/*
** Sets [lo, hi] to the lengths of a next batch of colour 'c' that keep the
** state ('left' per colour, 'total' in all) finishable under 'limit' (see
** day_colours). 'other' is the colour with the most cars left besides 'c'
** (-1: none). Returns false when no length does.
*/
static bool batch_bounds(const size_t *left, size_t total, int c, int other, int limit, size_t *lo,
                         size_t *hi) {
    size_t b = (size_t)limit, rc = left[c];
    *lo = 1;
    *hi = rc < b ? rc : b;
    /* What is left of 'c' must still fit between the others. */
    size_t rest = total - rc;
    if (rc > b * rest && rc - b * rest > *lo) *lo = rc - b * rest;
    /* 'other' must still fit between what is left after the batch. */
    if (other >= 0 && left[other] > 0) {
        size_t ro = left[other], need = (ro + b - 1) / b; /* runs 'other' needs */
        /* len <= total - ro + 1 - need */
        if (total + 1 < ro + need) return false;
        size_t most = total + 1 - ro - need;
        if (most < *hi) *hi = most;
    }
    return *lo <= *hi;
}

/*
** Orders the day's colours into 'col' as colour batches: 'count' cars of
** each colour, no run longer than 'limit', the first colour not 'last'.
**
** A state (cars left per colour, R in all, last batch colour L) can still
** be finished iff every colour x has left(x) <= limit x (R - left(x) + [x
** != L]): the runs of x need that many other cars between (and, for L, in
** front of) them. The counts of day_counts satisfy it at the start. Each
** batch is drawn (colour in proportion to the cars left, length from
** batch_length) and then clamped so that the state stays finishable; only
** the batch colour and the colour with the most cars left can become
** binding. When the drawn colour admits no length, the first colour that
** does is taken. O(colours) per batch.
*/
static void day_colours(uint64_t *r, size_t *left, int nc, size_t n, int limit, int last,
                        int *col) {
    size_t total = n;
    size_t i = 0;
    while (total > 0) {
        /* The two colours with the most cars left. */
        int top1 = -1, top2 = -1;
        for (int c = 0; c < nc; c++) {
            if (!left[c]) continue;
            if (top1 < 0 || left[c] > left[top1])
                top2 = top1, top1 = c;
            else if (top2 < 0 || left[c] > left[top2])
                top2 = c;
        }
        size_t avail = total - (last >= 0 ? left[last] : 0);
        int c = -1;
        size_t lo = 1, hi = 1;
        if (avail == 0) { /* only the last colour is left: no limit, or a bug */
            c = last;
            hi = left[c];
        } else {
            uint64_t u = sc__splitmix_below(r, avail);
            for (c = 0; c < nc; c++) {
                if (c == last) continue;
                if (u < left[c]) break;
                u -= left[c];
            }
            if (limit > 0) {
                bool ok = batch_bounds(left, total, c, c == top1 ? top2 : top1, limit, &lo, &hi);
                for (int x = 0; !ok && x < nc; x++) {
                    if (x == last || !left[x]) continue;
                    c = x;
                    ok = batch_bounds(left, total, c, c == top1 ? top2 : top1, limit, &lo, &hi);
                }
                if (!ok) lo = hi = 1; /* unreachable while the invariant holds */
            } else {
                hi = left[c];
            }
        }
        size_t len = batch_length(r, limit);
        if (len < lo) len = lo;
        if (len > hi) len = hi;
        for (size_t j = 0; j < len; j++)
            col[i + j] = c;
        i += len;
        left[c] -= len;
        total -= len;
        last = c;
    }
}

/* ---------------------------------------------------------------- cars */

/* Number of decimal digits of 'x'. */
static int digits(uint64_t x) {
    int k = 1;
    while (x >= 10)
        x /= 10, k++;
    return k;
}

/*
** Adds the cars: the previous day's tail (SC_CAR_PREV), then the day
** (SC_CAR_FREE), colours from 'col', options drawn independently with
** probability 'share'. Ids look like Renault's: a plant number, the year,
** week and weekday the car was ordered, and a serial; serials are a
** scrambling bijection of the car index, so ids are unique digit strings.
** Colours enter the instance in order of first appearance, as a reader
** would add them.
*/
static sc_status add_cars(sc_instance *in, const sc_gen_params *p, uint64_t *r, const double *share,
                          const int *col, const int *colname, int *colidx) {
    size_t total = p->nprev + p->ncars;
    int width = digits(total - 1) < 4 ? 4 : digits(total - 1);
    uint64_t mod = 1;
    for (int k = 0; k < width; k++)
        mod *= 10;
    /* a x i + b mod 10^width is a bijection when a is prime to 10. The
    ** product stays below 10^7 x 10^7, far from overflow. */
    static const uint64_t unit[4] = {1, 3, 7, 9};
    uint64_t a = sc__splitmix_below(r, mod / 10) * 10 + unit[sc__splitmix_below(r, 4)];
    uint64_t b = sc__splitmix_below(r, mod);
    uint64_t threshold[SC_MAX_RULES];
    for (int o = 0; o < p->noptions; o++)
        threshold[o] = (uint64_t)(share[o] * 0x1.0p53); /* compared with 53-bit draws */
    int opts[SC_MAX_RULES];
    for (size_t i = 0; i < total; i++) {
        size_t k = 0;
        for (int o = 0; o < p->noptions; o++)
            if ((sc__splitmix(r) >> 11) < threshold[o]) opts[k++] = o;
        int c = col[i];
        if (colidx[c] < 0) {
            char cname[16];
            snprintf(cname, sizeof cname, "%d", colname[c]);
            int ci = sc_instance_colour(in, cname);
            if (ci < 0) return (sc_status)ci;
            colidx[c] = ci;
        }
        uint64_t serial = (a * i + b) % mod;
        unsigned week = 45 + (unsigned)sc__splitmix_below(r, 8),
                 day = 1 + (unsigned)sc__splitmix_below(r, 5);
        char id[48]; /* "900" plant, "25" year, week, weekday, serial of 'width' <= 7 digits */
        int len = snprintf(id, sizeof id, "90025%02u%u", week, day);
        for (int q = width - 1; q >= 0; q--, serial /= 10)
            id[len + q] = (char)('0' + serial % 10);
        id[len + width] = '\0';
        int car = sc_instance_add_car(in, i < p->nprev ? SC_CAR_PREV : SC_CAR_FREE, id, colidx[c],
                                      opts, k, NULL, NULL);
        if (car < 0) return (sc_status)car;
    }
    return SC_OK;
}

/* ---------------------------------------------------------------- entry */

/*
** Generates the instance of 'p' into '*out' (owned by the caller on SC_OK).
** Returns SC_EINVAL with 'd' filled for bad parameters, SC_ENOMEM when an
** allocation fails. O(cars x options) time, O(cars + colours) scratch.
*/
sc_status sc_gen_instance(const sc_gen_params *p, sc_instance **out, sc_diag *d) {
    *out = NULL;
    if (!p) {
        sc__diag_set(d, NULL, 0, 0, "no parameters");
        return SC_EINVAL;
    }
    sc_status st = check_params(p, d);
    if (st) return st;

    size_t total = p->nprev + p->ncars, nc = (size_t)p->ncolours;
    int *col = sc__malloc(total * sizeof *col);
    double *w = sc__malloc(3 * nc * sizeof *w);      /* weights, prefix sums, ideal counts */
    size_t *sz = sc__malloc(2 * nc * sizeof *sz);    /* counts, caps */
    int *names = sc__malloc(2 * nc * sizeof *names); /* colour names, instance indices */
    bool *full = sc__malloc(nc * sizeof *full);
    sc_instance *in = NULL;
    if (!col || !w || !sz || !names || !full || (st = sc_instance_new(&in))) {
        st = st ? st : SC_ENOMEM;
        goto out;
    }
    sc_instance_set_format(in, SC_FORMAT_ROADEF);
    sc_instance_set_window_mode(in, SC_WINDOWS_TRUNCATED);
    sc_instance_set_batch_limit(in, p->batch_limit);
    static const sc_objective objs[3] = {
        {SC_OBJ_RATIO, 1, 0}, {SC_OBJ_COLOUR, 0, 0}, {SC_OBJ_RATIO, 0, 0}};
    for (size_t k = 0; k < 3; k++)
        if ((st = sc_instance_add_objective(in, &objs[k]))) goto out;
    if ((st = sc_instance_set_roadef_weights(in))) goto out;

    uint64_t r = p->seed;
    double share[SC_MAX_RULES];
    if ((st = add_rules(in, p, &r, share))) goto out;

    /* Colours: popularity, names "1".."ncolours" in shuffled order. */
    double *cum = w + nc, *ideal = w + 2 * nc;
    colour_weights(&r, p->ncolours, w);
    for (size_t c = 0; c < nc; c++)
        cum[c] = w[c] + (c ? cum[c - 1] : 0);
    int *colname = names, *colidx = names + nc;
    for (size_t c = 0; c < nc; c++)
        colname[c] = (int)c + 1, colidx[c] = -1;
    for (size_t c = nc - 1; c > 0; c--) {
        size_t j = (size_t)sc__splitmix_below(&r, c + 1);
        int t = colname[c];
        colname[c] = colname[j];
        colname[j] = t;
    }
    prev_colours(&r, cum, p->ncolours, p->batch_limit, p->nprev, col);
    int last = p->nprev ? col[p->nprev - 1] : -1;
    size_t *count = sz, *cap = sz + nc;
    day_counts(w, p->ncolours, p->ncars, p->batch_limit, last, count, ideal, cap, full);
    day_colours(&r, count, p->ncolours, p->ncars, p->batch_limit, last, col + p->nprev);

    st = add_cars(in, p, &r, share, col, colname, colidx);
out:
    sc__free(col);
    sc__free(w);
    sc__free(sz);
    sc__free(names);
    sc__free(full);
    if (st) {
        sc_instance_free(in);
        return st;
    }
    *out = in;
    return SC_OK;
}

/* ---------------------------------------------------------------- the hard CSPLib class */

/* The five ratio rules of the hard class (Gent's and Regin and Puget's
** random instances; Solnon et al. and the CSPLib results page call the
** 200 to 400-car ones with utilisation close to 1 the hardest). */
static const struct { int n, p; } hard_rules[5] = {{1, 2}, {2, 3}, {1, 3}, {2, 5}, {1, 5}};

/*
** The hard class: 'p->ncars' cars, five options under the rules above;
** option o is given to exactly round(u_o x ncars x N_o / P_o) cars chosen
** at random, u_o drawn in [p->util_lo, p->util_hi]. Classes are the option
** sets that occur, in the order of their bit masks. The instance is the one
** sc_csplib_read builds from the file sc_csplib_write makes of it. O(ncars).
*/
sc_status sc_gen_csplib_hard(const sc_gen_hard_params *p, sc_instance **out, sc_diag *d) {
    *out = NULL;
    if (p->ncars < 1 || p->ncars > SC_MAX_CARS || !(p->util_lo > 0) ||
        !(p->util_lo <= p->util_hi) || !(p->util_hi <= 1)) {
        sc__diag_set(d, NULL, 0, 0,
                     "expected 1 to %d cars and 0 < util_lo <= util_hi <= 1, got %zu, %g, %g",
                     SC_MAX_CARS, p->ncars, p->util_lo, p->util_hi);
        return SC_EINVAL;
    }
    size_t n = p->ncars;
    uint64_t r = p->seed ^ 0x5ca1ab1e0ddba11u;
    uint8_t *mask = sc__calloc(n, 1);
    uint32_t *idx = sc__malloc(n * sizeof *idx);
    sc_instance *in = NULL;
    sc_status st = SC_ENOMEM;
    if (!mask || !idx) goto out;
    for (int o = 0; o < 5; o++) {
        double u = p->util_lo + (p->util_hi - p->util_lo) * sc__splitmix_unit(&r);
        size_t want = (size_t)floor(u * (double)n * hard_rules[o].n / hard_rules[o].p + 0.5);
        if (want < 1) want = 1;
        if (want > n) want = n;
        /* 'want' distinct cars: a partial Fisher-Yates shuffle. */
        for (size_t i = 0; i < n; i++)
            idx[i] = (uint32_t)i;
        for (size_t i = 0; i < want; i++) {
            size_t j = i + (size_t)sc__splitmix_below(&r, n - i);
            uint32_t t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            mask[idx[i]] |= (uint8_t)(1u << o);
        }
    }
    size_t count[32] = {0};
    for (size_t i = 0; i < n; i++)
        count[mask[i]]++;
    if ((st = sc_instance_new(&in))) goto out;
    sc_instance_set_format(in, SC_FORMAT_CSPLIB);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    int colour = sc_instance_colour(in, "none");
    if (colour < 0) {
        st = (sc_status)colour;
        goto out;
    }
    for (int o = 0; o < 5; o++) {
        char name[16];
        snprintf(name, sizeof name, "option%d", o + 1);
        int oi = sc_instance_add_option(in, name);
        sc_rule rule = {oi, hard_rules[o].n, hard_rules[o].p, 0, false};
        if (oi < 0 || sc_instance_add_rule(in, &rule) < 0) goto out;
    }
    sc_objective obj = {SC_OBJ_RATIO, 0, 1};
    if ((st = sc_instance_add_objective(in, &obj))) goto out;
    long k = 0;
    for (int m = 0; m < 32; m++) {
        if (!count[m]) continue;
        int opts[5];
        size_t no = 0;
        for (int o = 0; o < 5; o++)
            if (m >> o & 1) opts[no++] = o;
        char model[32], id[64];
        snprintf(model, sizeof model, "%ld", k);
        for (size_t j = 0; j < count[m]; j++) {
            snprintf(id, sizeof id, "%ld.%zu", k, j + 1);
            int c = sc_instance_add_car(in, SC_CAR_FREE, id, colour, opts, no, NULL, model);
            if (c < 0) {
                st = (sc_status)c;
                goto out;
            }
        }
        k++;
    }
    *out = in;
    in = NULL;
    st = SC_OK;
out:
    sc__free(mask);
    sc__free(idx);
    sc_instance_free(in);
    return st;
}
