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

/*
** Fills seq[nfix..n) from the free cars of the state's instance. Fixed
** positions are the identity. Allocates its own scratch (not in the search
** loop). Returns SC_ENOMEM on failure.
*/
sc_status sc__greedy(sc__state *st, uint32_t *seq) {
    const sc_instance *in = st->in;
    long n = st->n, nfix = st->nfix;
    size_t nfree = (size_t)(n - nfix);
    for (long k = 0; k < nfix; k++)
        seq[k] = (uint32_t)k;
    if (nfree == 0) return SC_OK;
    size_t hsize = 16;
    while (hsize < 2 * nfree)
        hsize *= 2;
    uint32_t *next = sc__malloc((size_t)n * sizeof *next);
    int32_t *slot = sc__malloc(hsize * sizeof *slot);
    cls *cl = sc__malloc(nfree * sizeof *cl);
    long *win = sc__calloc(st->nrules ? st->nrules : 1, sizeof *win);
    long *demand = sc__calloc(st->nrules ? st->nrules : 1, sizeof *demand);
    double *util = sc__calloc(st->nrules ? st->nrules : 1, sizeof *util);
    long *colleft = sc__calloc(in->ncolours ? in->ncolours : 1, sizeof *colleft);
    sc_status rc = SC_OK;
    if (!next || !slot || !cl || !win || !demand || !util || !colleft) {
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
    }
    /* Counts of option cars in the p - 1 positions before the first free one. */
    for (size_t r = 0; r < st->nrules; r++) {
        sc__rulestate *rs = &st->rules[r];
        for (long k = nfix - rs->p + 1; k < nfix; k++)
            if (k >= 0) win[r] += car_has_rule(st, seq[k], r);
    }
    int64_t wcol = st->colcomp >= 0 ? st->wcomp[st->colcomp] : 0;
    long run = 0; /* length of the current run of the day */
    for (long k = nfix; k < n; k++) {
        int32_t prevcol = k > 0 ? in->colour[seq[k - 1]] : -1;
        if (k > 0 && k - 1 >= st->nprev) {
            run = 1;
            for (long q = k - 2; q >= st->nprev && in->colour[seq[q]] == prevcol; q--)
                run++;
        } else {
            run = 0;
        }
        double left = (double)(n - k);
        for (size_t r = 0; r < st->nrules; r++) {
            sc__rulestate *rs = &st->rules[r];
            util[r] = rs->n ? (double)demand[r] * rs->p / ((double)rs->n * left) : 1e9;
        }
        /* Evaluate every class when few, else the current colour's and a sample. */
        bool sample = ncl > GREEDY_SAMPLE;
        int64_t bestcost = INT64_MAX;
        double bestdiff = -1;
        size_t best = 0;
        for (size_t t = 0; t < (sample ? ncl + GREEDY_SAMPLE : ncl); t++) {
            size_t q;
            if (!sample)
                q = t;
            else if (t < ncl) {
                q = t;
                if (cl[q].colour != prevcol) continue;
            } else
                q = (size_t)sc__rand_below(st, (long)ncl);
            const cls *c = &cl[q];
            int64_t cost = 0;
            if (wcol && k >= (st->nprev > 0 ? st->nprev : 1) && c->colour != prevcol) cost += wcol;
            if (st->limit && c->colour == prevcol && run >= st->limit) cost += SC_HARD_WEIGHT;
            double diff = 0;
            const uint64_t *mk = st->rmask + c->rep * st->rw;
            for (size_t w = 0; w < st->rw; w++)
                for (uint64_t x = mk[w]; x; x &= x - 1) {
                    size_t r = w * 64 + (size_t)__builtin_ctzll(x);
                    const sc__rulestate *rs = &st->rules[r];
                    if (win[r] + 1 > rs->n && k - rs->p + 1 >= rs->first) cost += rs->w;
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
        if (--c->count == 0) cl[best] = cl[--ncl];
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
    sc__free(win);
    sc__free(demand);
    sc__free(util);
    sc__free(colleft);
    return rc;
}

sc_status sc_greedy(const sc_instance *in, uint32_t *seq) {
    sc__state st;
    sc_status rc = sc__state_init(&st, in, 1);
    if (rc) return rc;
    rc = sc__greedy(&st, seq);
    sc__state_release(&st);
    return rc;
}
