/*
** The library's random numbers, in one place: static inline functions, so
** that a search loop pays no call. Two generators:
**
**   splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
**   generators", OOPSLA 2014): one 64-bit word of state. It seeds the other
**   generator and drives the instance generators and the planner, where a
**   stream per purpose is cheap to make from a seed.
**
**   xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number
**   generators", ACM TOMS 47, 2021): four words of state, the engine's
**   generator for moves, seeded from splitmix64.
**
** Both are defined bit for bit by their papers and use only integer
** arithmetic, so a seed gives the same numbers on every machine; numbers
** below a bound come from integer operations too (the unit double from 53
** bits is exact). Nothing here allocates or fails.
*/
#ifndef SC_RNG_H
#define SC_RNG_H

#include <stdint.h>

/* splitmix64: advances '*x' and returns the next number. */
static inline uint64_t sc__splitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* The splitmix64 output of state 'x': a well-mixed hash of 'x', the
** planner's way to make a seed per line, day and model from the plan's seed. */
static inline uint64_t sc__mix(uint64_t x) { return sc__splitmix(&x); }

/* A uniform integer in [0, n), n >= 1, from the splitmix64 stream '*x',
** without modulo bias: draws below 2^64 mod n are rejected. */
static inline uint64_t sc__splitmix_below(uint64_t *x, uint64_t n) {
    uint64_t reject = (0 - n) % n;
    uint64_t v;
    do
        v = sc__splitmix(x);
    while (v < reject);
    return v % n;
}

/* A uniform double in [0, 1) with 53 random bits from '*x'. */
static inline double sc__splitmix_unit(uint64_t *x) {
    return (double)(sc__splitmix(x) >> 11) * 0x1.0p-53;
}

/* xoshiro256**: the state of one generator. */
typedef struct sc__rng {
    uint64_t s[4];
} sc__rng;

/* Seeds 'r' with four splitmix64 numbers from 'seed'. */
static inline void sc__rng_seed(sc__rng *r, uint64_t seed) {
    for (int i = 0; i < 4; i++)
        r->s[i] = sc__splitmix(&seed);
}

/* Advances 'r' and returns the next number. */
static inline uint64_t sc__rng_next(sc__rng *r) {
    uint64_t *s = r->s;
    uint64_t v = ((s[1] * 5) << 7 | (s[1] * 5) >> 57) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = s[3] << 45 | s[3] >> 19;
    return v;
}

/* A number in [0, n), n >= 1, by the high half of a 128-bit product
** (Lemire): one draw, a bias below n / 2^64. */
static inline uint64_t sc__rng_below(sc__rng *r, uint64_t n) {
    return (uint64_t)(((unsigned __int128)sc__rng_next(r) * n) >> 64);
}

#endif
