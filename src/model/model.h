/*
** Internal view of the sequencing model. Only src/ includes this header; the
** public API in include/sparecap.h reaches these fields through accessors.
*/
#ifndef SC_MODEL_H
#define SC_MODEL_H

#include "sparecap.h"

/* A pool of strings addressed by offset, optionally interned by hash. */
typedef struct sc__strpool {
    char *buf;
    size_t len, cap;
    uint32_t *slots; /* open addressing over offsets + 1; 0 is empty */
    size_t nslots, nused;
} sc__strpool;

void sc__strpool_release(sc__strpool *sp);
/* Appends 's' and returns its offset, or (size_t)-1 when out of memory.
** With 'intern', an equal string already in the pool is returned instead.
** With 'unique', an equal string already present is reported as
** (size_t)-2. */
size_t sc__strpool_add(sc__strpool *sp, const char *s, bool intern, bool unique);
/* Returns the offset of 's' when present (hashed entries only), or -1. */
long sc__strpool_find(const sc__strpool *sp, const char *s);

struct sc_instance {
    /* cars */
    size_t ncars, capcars;
    size_t nprev, nfixed;
    uint32_t *id;    /* offsets into 'ids' */
    int32_t *colour; /* colour index */
    uint32_t *brand; /* offsets into 'tags' (0: none) */
    uint32_t *model;
    uint64_t *opts;   /* 'owords' words per car */
    size_t owords;    /* set when the first car is added */
    sc__strpool ids;  /* car ids, unique and hashed */
    sc__strpool tags; /* brands and models, interned */

    /* options, rules, colours */
    size_t noptions;
    uint32_t optname[SC_MAX_OPTIONS];
    sc__strpool names; /* option names, unique */
    size_t nrules;
    sc_rule rules[SC_MAX_RULES];
    size_t ncolours, capcolours;
    uint32_t *colname;
    sc__strpool colours; /* colour names, interned */

    /* objectives and global constraints */
    size_t nobj;
    sc_objective obj[SC_MAX_OBJECTIVES];
    int batch_limit;
    sc_window_mode window_mode;
    sc_format format;
};

static inline bool sc__car_has(const sc_instance *in, size_t car, size_t option) {
    return (in->opts[car * in->owords + option / 64] >> (option % 64)) & 1u;
}

/* Marks a printf-style function: argument F is the format, A the first value. */
#if defined(__GNUC__)
#define SC__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SC__PRINTF(f, a)
#endif

/* Fills 'd' with a printf-style message; 'file' may be NULL. */
void sc__diag_set(sc_diag *d, const char *file, unsigned line, unsigned column, const char *fmt,
                  ...) SC__PRINTF(5, 6);

/* Seconds on the monotonic clock, from an arbitrary start. */
double sc__now(void);

/* Multiplies with an overflow check: returns false when a*b overflows. */
static inline bool sc__mul_ok(size_t a, size_t b, size_t *out) {
    if (a != 0 && b > SIZE_MAX / a) return false;
    *out = a * b;
    return true;
}

/* The random numbers (splitmix64 as sc__splitmix, xoshiro256**): rng.h. */
#include "rng.h"

/* The library's allocator, in one place so that the test build can make the
** n-th allocation fail. */
void *sc__malloc(size_t size);
void *sc__calloc(size_t n, size_t size);
void *sc__realloc(void *p, size_t size);
void sc__free(void *p);
/* Grows '*p' (of 'elem'-byte items, '*cap' of them) to hold at least 'need'. */
bool sc__grow(void **p, size_t *cap, size_t need, size_t elem);
#ifdef SC_TESTING
/* Test builds only (SC_TESTING): the allocation to fail, counted from 1 in
** 'sc__alloc_count' over all threads (0: none). Not in the release ABI. */
extern unsigned long sc__alloc_fail_at;
extern _Atomic unsigned long sc__alloc_count;
#endif

#endif
