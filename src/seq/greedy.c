/*
** Greedy construction. Cars are grouped into classes (same colour, same
** options that count); position by position, the class whose car adds the
** least weighted cost is placed: ratio windows that end at the position, a
** colour change, and a run beyond the batch limit (forbidden while another
** colour remains). Ties go to the class whose options are the most in
** demand for the slots left (the "dynamic sum of utilisation rates" of
** Gottlieb, Puchta and Solnon, "A study of greedy, local search and ant
** colony optimization approaches for car sequencing problems", 2003), then
** to the most common colour, which keeps long colours from piling up at the
** end of the day.
*/
#include <string.h>

#include "state.h"

#define GREEDY_SAMPLE 256 /* classes evaluated per position beyond the current colour's */
/* The work the construction may spend, in rule evaluations: on a day so
** large that GREEDY_SAMPLE classes a position would cost more, fewer are
** drawn (at least GREEDY_MIN_SAMPLE). Decided from the instance alone, so
** the construction stays the same on every machine. */
#define GREEDY_WORK 100000000.0
#define GREEDY_MIN_SAMPLE 16

typedef struct cls {
    uint32_t head; /* first remaining car, linked through 'next' */
    uint32_t count;
    int32_t colour;
    uint32_t rep; /* a car of the class: its rule mask is the class's */
} cls;

static inline long car_has_rule(const sc__state *st, uint32_t car, size_t r) {
    return (long)((st->rmask[car * st->rw + r / 64] >> (r % 64)) & 1u);
}

static bool same_class(const sc__state *st, uint32_t a, uint32_t b) {
    return st->in->colour[a] == st->in->colour[b] &&
           memcmp(st->rmask + a * st->rw, st->rmask + b * st->rw, st->rw * sizeof(uint64_t)) == 0;
}

static uint64_t class_hash(const sc__state *st, uint32_t car) {
    uint64_t h = (uint64_t)st->in->colour[car] * 0x9e3779b97f4a7c15u;
    for (size_t w = 0; w < st->rw; w++)
        h = (h ^ st->rmask[car * st->rw + w]) * 0xff51afd7ed558ccdu;
    return h ^ (h >> 29);
}

/* True when the construction must stop: 'max_cars' cars are placed, the
** stop flag is raised, or the deadline has passed (the clock is read when
** 'placed' is a multiple of 16). */
static bool must_stop(const sc__limits *lim, size_t placed) {
    if (!lim) return false;
    if (lim->max_cars && placed >= lim->max_cars) return true;
    if (lim->stop && *lim->stop) return true;
    return lim->deadline > 0 && placed % 16 == 0 && sc__now() >= lim->deadline;
}

/* The same check for the set-up passes over the cars, which place none. */
static bool must_stop_setup(const sc__limits *lim, long car) {
    if (!lim || car % 4096 != 0) return false;
    if (lim->stop && *lim->stop) return true;
    return lim->deadline > 0 && sc__now() >= lim->deadline;
}

/*
** Removes class 'q' from the live classes: from its colour's list
** ('bycol', where 'cpos' gives each class's place), then from 'cl' by moving
** the last class into its slot. O(1).
*/
static void drop_class(cls *cl, size_t *ncl, uint32_t *bycol, const uint32_t *cstart,
                       uint32_t *clen, uint32_t *cpos, size_t q) {
    int32_t c = cl[q].colour;
    uint32_t last = bycol[cstart[c] + --clen[c]];
    bycol[cstart[c] + cpos[q]] = last;
    cpos[last] = cpos[q];
    size_t m = --*ncl;
    if (q != m) {
        cl[q] = cl[m];
        cpos[q] = cpos[m];
        bycol[cstart[cl[q].colour] + cpos[q]] = (uint32_t)q;
    }
}

/*
** Fills seq[nfix..n) from the free cars of the state's instance. Fixed
** positions are the identity. Allocates its own scratch (not in the search
** loop), linear in the cars. Each position costs O(rules) plus, for each
** class evaluated, the rules of its options: all classes when there are at
** most GREEDY_SAMPLE, otherwise at most GREEDY_SAMPLE of the current
** colour's classes and GREEDY_SAMPLE drawn at random. Returns SC_ELIMIT when
** 'lim' (may be NULL) stopped it, leaving 'seq' partly filled; SC_ENOMEM on
** failure.
*/
sc_status sc__greedy(sc__state *st, uint32_t *seq, const sc__limits *lim) {
    const sc_instance *in = st->in;
    long n = st->n, nfix = st->nfix;
    size_t nfree = (size_t)(n - nfix);
    for (long k = 0; k < nfix; k++)
        seq[k] = (uint32_t)k;
    if (nfree == 0) return SC_OK;
    size_t hsize = 16;
    while (hsize < 2 * nfree)
        hsize *= 2;
    size_t ncolours = in->ncolours ? in->ncolours : 1;
    uint32_t *next = sc__malloc((size_t)n * sizeof *next);
    int32_t *slot = sc__malloc(hsize * sizeof *slot);
    cls *cl = sc__malloc(nfree * sizeof *cl);
    uint32_t *bycol = sc__malloc(nfree * sizeof *bycol);
    uint32_t *cpos = sc__malloc(nfree * sizeof *cpos);
    uint32_t *cstart = sc__calloc(ncolours, sizeof *cstart);
    uint32_t *clen = sc__calloc(ncolours, sizeof *clen);
    long *win = sc__calloc(st->nrules ? st->nrules : 1, sizeof *win);
    long *demand = sc__calloc(st->nrules ? st->nrules : 1, sizeof *demand);
    double *util = sc__calloc(st->nrules ? st->nrules : 1, sizeof *util);
    long *ustamp = sc__malloc((st->nrules ? st->nrules : 1) * sizeof *ustamp);
    uint64_t *full = sc__calloc(st->rw * (SC_NCOMP + 1), sizeof *full);
    long *colleft = sc__calloc(ncolours, sizeof *colleft);
    sc_status rc = SC_OK;
    if (!next || !slot || !cl || !bycol || !cpos || !cstart || !clen || !win || !demand || !util ||
        !ustamp || !full || !colleft) {
        rc = SC_ENOMEM;
        goto out;
    }
    for (size_t h = 0; h < hsize; h++)
        slot[h] = -1;
    size_t ncl = 0;
    /* Classes, cars pushed in reverse so that each list keeps input order. */
    for (long c = n - 1; c >= nfix; c--) {
        uint32_t car = (uint32_t)c;
        size_t h = class_hash(st, car) & (hsize - 1);
        while (slot[h] >= 0 && !same_class(st, cl[slot[h]].rep, car))
            h = (h + 1) & (hsize - 1);
        if (slot[h] < 0) {
            slot[h] = (int32_t)ncl;
            cl[ncl] = (cls){UINT32_MAX, 0, in->colour[car], car};
            ncl++;
        }
        cls *k = &cl[slot[h]];
        next[car] = k->head;
        k->head = car;
        k->count++;
        colleft[in->colour[car]]++;
        for (size_t r = 0; r < st->nrules; r++)
            demand[r] += car_has_rule(st, car, r);
        if (must_stop_setup(lim, c)) {
            rc = SC_ELIMIT;
            goto out;
        }
    }
    /* How many classes to draw a position on a huge day: see GREEDY_WORK. */
    double bits = 0;
    for (size_t q = 0; q < ncl; q++) {
        int b = 0;
        for (size_t w = 0; w < st->rw; w++)
            b += sc__popcount64(st->rmask[cl[q].rep * st->rw + w]);
        bits += (double)b * cl[q].count;
    }
    double per = GREEDY_WORK / ((double)nfree * 2 * (bits / (double)nfree + 1));
    size_t nsample = per >= GREEDY_SAMPLE       ? GREEDY_SAMPLE
                     : per <= GREEDY_MIN_SAMPLE ? GREEDY_MIN_SAMPLE
                                                : (size_t)per;
    /* Masks of the rules of each cost component ('full' + rw x comp),
    ** and the components that have rules. */
    uint64_t *full_now = full + st->rw * SC_NCOMP;
    int comps[SC_NCOMP], ncomps = 0;
    for (size_t r = 0; r < st->nrules; r++) {
        int c = st->rules[r].comp;
        full[(size_t)c * st->rw + r / 64] |= (uint64_t)1 << (r % 64);
        bool seen = false;
        for (int j = 0; j < ncomps; j++)
            seen |= comps[j] == c;
        if (!seen) comps[ncomps++] = c;
    }
    for (size_t r = 0; r < st->nrules; r++)
        ustamp[r] = -1;
    /* The classes of each colour, in one array grouped by colour. */
    for (size_t q = 0; q < ncl; q++)
        clen[cl[q].colour]++;
    for (size_t c = 1; c < ncolours; c++)
        cstart[c] = cstart[c - 1] + clen[c - 1];
    memset(clen, 0, ncolours * sizeof *clen);
    for (size_t q = 0; q < ncl; q++) {
        int32_t c = cl[q].colour;
        cpos[q] = clen[c]++;
        bycol[cstart[c] + cpos[q]] = (uint32_t)q;
    }
    /* Counts of option cars in the p - 1 positions before the first free one. */
    for (size_t r = 0; r < st->nrules; r++) {
        sc__rulestate *rs = &st->rules[r];
        for (long k = nfix - rs->p + 1; k < nfix; k++)
            if (k >= 0) win[r] += car_has_rule(st, seq[k], r);
    }
    int64_t wcol = st->colcomp >= 0 ? st->wcomp[st->colcomp] : 0;
    /* The length of the run of the day's cars that ends just before the
    ** position being filled; frozen cars may start it. */
    long run = 0;
    for (long q = nfix - 1; q >= st->nprev && in->colour[seq[q]] == in->colour[seq[nfix - 1]]; q--)
        run++;
    for (long k = nfix; k < n; k++) {
        if (must_stop(lim, (size_t)(k - nfix))) {
            rc = SC_ELIMIT;
            goto out;
        }
        int32_t prevcol = k > 0 ? in->colour[seq[k - 1]] : -1;
        double left = (double)(n - k);
        /* The rules a car with the option would violate here. */
        memset(full_now, 0, st->rw * sizeof *full_now);
        for (size_t r = 0; r < st->nrules; r++) {
            const sc__rulestate *rs = &st->rules[r];
            if (win[r] + 1 > rs->n && k - rs->p + 1 >= rs->first)
                full_now[r / 64] |= (uint64_t)1 << (r % 64);
        }
        /* Evaluate every class when few, else the current colour's (a
        ** sample of them when many) and a sample of all. */
        bool sample = ncl > nsample;
        size_t own = 0, ownstart = 0;
        if (sample && prevcol >= 0) {
            own = clen[prevcol];
            ownstart = cstart[prevcol];
        }
        bool ownsample = own > nsample;
        size_t nown = ownsample ? nsample : own;
        int64_t bestcost = INT64_MAX;
        double bestdiff = -1;
        size_t best = 0;
        for (size_t t = 0; t < (sample ? nown + nsample : ncl); t++) {
            size_t q;
            if (!sample)
                q = t;
            else if (t < nown)
                q = bycol[ownstart + (ownsample ? (size_t)sc__rand_below(st, (long)own) : t)];
            else
                q = (size_t)sc__rand_below(st, (long)ncl);
            const cls *c = &cl[q];
            int64_t cost = 0;
            if (wcol && k >= (st->nprev > 0 ? st->nprev : 1) && c->colour != prevcol) cost += wcol;
            if (st->limit && c->colour == prevcol && run >= st->limit) cost += SC_HARD_WEIGHT;
            const uint64_t *mk = st->rmask + c->rep * st->rw;
            for (int j = 0; j < ncomps; j++) {
                const uint64_t *cm = full + (size_t)comps[j] * st->rw;
                long cnt = 0;
                for (size_t w = 0; w < st->rw; w++)
                    cnt += sc__popcount64(mk[w] & full_now[w] & cm[w]);
                cost += cnt * st->wcomp[comps[j]];
            }
            if (cost > bestcost) continue;
            /* The tie-break: the dynamic sum of utilisation rates. */
            double diff = 0;
            for (size_t w = 0; w < st->rw; w++)
                for (uint64_t x = mk[w]; x; x &= x - 1) {
                    size_t r = w * 64 + (size_t)__builtin_ctzll(x);
                    if (ustamp[r] != k) {
                        const sc__rulestate *rs = &st->rules[r];
                        util[r] = rs->n ? (double)demand[r] * rs->p / ((double)rs->n * left) : 1e9;
                        ustamp[r] = k;
                    }
                    diff += util[r];
                }
            diff += (double)colleft[c->colour] / (double)(n - k) * 1e-3;
            if (cost < bestcost || (cost == bestcost && diff > bestdiff)) {
                bestcost = cost;
                bestdiff = diff;
                best = q;
            }
        }
        cls *c = &cl[best];
        uint32_t car = c->head;
        c->head = next[car];
        seq[k] = car;
        colleft[c->colour]--;
        run = k - 1 >= st->nprev && c->colour == prevcol ? run + 1 : 1;
        if (--c->count == 0) drop_class(cl, &ncl, bycol, cstart, clen, cpos, best);
        for (size_t r = 0; r < st->nrules; r++) {
            sc__rulestate *rs = &st->rules[r];
            long has = car_has_rule(st, car, r);
            demand[r] -= has;
            win[r] += has;
            long out = k - rs->p + 1;
            if (out >= 0) win[r] -= car_has_rule(st, seq[out], r);
        }
    }
out:
    sc__free(next);
    sc__free(slot);
    sc__free(cl);
    sc__free(bycol);
    sc__free(cpos);
    sc__free(cstart);
    sc__free(clen);
    sc__free(win);
    sc__free(demand);
    sc__free(util);
    sc__free(ustamp);
    sc__free(full);
    sc__free(colleft);
    return rc;
}

sc_status sc_greedy(const sc_instance *in, uint32_t *seq) {
    sc__state st;
    sc_status rc = sc__state_init(&st, in, 1);
    if (rc) return rc;
    rc = sc__greedy(&st, seq, NULL);
    sc__state_release(&st);
    return rc;
}
