/*
** The search state: a sequence with the window counts of every ratio rule,
** and the incremental evaluation and application of moves. See state.c.
*/
#ifndef SC_STATE_H
#define SC_STATE_H

#include "seq.h"

/* Cost components: 0 hard ratio violations, 1 batch excess, 2 + k the
** instance's objective k. */
#define SC_COMP_HARD 0
#define SC_COMP_BATCH 1
#define SC_NCOMP (2 + SC_MAX_OBJECTIVES)
/* The weight of a hard violation: above any reachable objective total. */
#define SC_HARD_WEIGHT ((int64_t)1000000000000)

enum { MOVE_SWAP, MOVE_ROTATE, MOVE_REVERSE, MOVE_PERM };

/*
** A move. SWAP exchanges positions 'a' < 'b'. ROTATE rotates [a, b] so that
** the car at a + 'sh' comes first (a shift of one car is a rotation by 1 or
** by len - 1; a block move is a rotation by the block's length). REVERSE
** mirrors [a, b]. PERM reorders [a, b] at will: position a + i receives
** the car at a + perm[i] ('perm' a permutation of 0 .. b - a, owned by the
** caller, alive until the move is applied); it is evaluated like a
** rotation, in O((b - a + 1) x rules whose option it moves).
*/
typedef struct sc__move {
    int type;
    long a, b, sh;
    const uint32_t *perm;
} sc__move;

typedef struct sc__rulestate {
    int n, p;         /* at most n in any p */
    long first, last; /* counted window starts */
    int comp;         /* cost component */
    int64_t w;        /* weight of one violation */
    uint8_t *has;     /* [ncars]: the car at this position has the option */
    uint64_t *hb;     /* the same as a bitset */
    int32_t *cnt;     /* [ncars]: option cars in the window starting here */
    uint64_t *sat;    /* bit s: cnt[s] >= n (one more option car is a violation) */
    uint64_t *over;   /* bit s: cnt[s] > n (one fewer removes a violation) */
    int64_t viol;     /* current violations */
    int64_t dviol;    /* change under the move last evaluated */
} sc__rulestate;

typedef struct sc__state {
    const sc_instance *in;
    long n, nprev, nfix;
    uint32_t *seq;
    int32_t *col;         /* colour by position */
    int32_t *lrun, *rrun; /* day positions: length of the colour run ending / starting here */
    size_t nrules;        /* rules that count (comp >= 0) */
    sc__rulestate *rules;
    size_t rw;               /* words of a rule mask */
    uint64_t *rmask;         /* [ncars * rw]: rules whose option the car has */
    int limit;               /* batch limit, 0: none */
    int colcomp;             /* component of colour changes, -1: none */
    int64_t wcomp[SC_NCOMP]; /* weights the search uses now (see search.c phases) */
    int64_t truew[SC_NCOMP]; /* the instance's own weights */
    int64_t comp[SC_NCOMP];
    int64_t cost;  /* sum of wcomp x comp */
    int64_t tcost; /* sum of truew x comp: the score that counts */
    int pmax;      /* largest window length */
    /* Scratch, sized at creation: the loop never allocates. */
    int32_t *dd;
    uint32_t *src, *tmp;
    uint64_t *mask;
    int64_t dcomp[SC_NCOMP];
    sc__rng rng; /* random numbers (../model/rng.h) */
} sc__state;

sc_status sc__state_init(sc__state *st, const sc_instance *in, uint64_t seed);
void sc__state_release(sc__state *st);
/* Loads 'seq' (a valid permutation) and recomputes everything. O(n R). */
void sc__state_load(sc__state *st, const uint32_t *seq);
/* Returns the weighted change of cost if 'm' were applied; fills 'dcomp'
** and each rule's 'dviol'. Nothing else is modified. */
int64_t sc__state_eval(sc__state *st, const sc__move *m);
/* Applies 'm', which must be the move last evaluated. */
void sc__state_apply(sc__state *st, const sc__move *m);
/* Sets the weights the search uses and recomputes 'cost'. O(rules). */
void sc__state_set_weights(sc__state *st, const int64_t w[SC_NCOMP]);
/* The change of 'tcost' under the move last evaluated. */
static inline int64_t sc__state_true_delta(const sc__state *st) {
    int64_t d = 0;
    for (int k = 0; k < SC_NCOMP; k++)
        d += st->dcomp[k] * st->truew[k];
    return d;
}
/* Fills an sc_score from the state's components. */
void sc__state_score(const sc__state *st, sc_score *out);

/* Limits of the construction: it stops when '*stop' becomes non-zero
** ('stop' may be NULL), when the monotonic clock (sc__now) reaches
** 'deadline' (0: none) or when it has placed 'max_cars' cars (0: none; the
** effort budget, so that a run under --effort stops at the same place on
** every machine). */
typedef struct sc__limits {
    volatile int *stop;
    double deadline;
    size_t max_cars;
} sc__limits;

/* Builds a sequence greedily into 'seq' (see greedy.c); 'lim' may be NULL.
** Returns SC_ELIMIT when a limit stopped it, 'seq' then partly filled. */
sc_status sc__greedy(sc__state *st, uint32_t *seq, const sc__limits *lim);

/* Bits set in a word (portable: no POPCNT instruction assumed). */
static inline int sc__popcount64(uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return (int)((x * 0x0101010101010101u) >> 56);
}

/* A number in [0, n), n >= 1, from the state's generator. */
static inline long sc__rand_below(sc__state *st, long n) {
    return (long)sc__rng_below(&st->rng, (uint64_t)n);
}

#endif
