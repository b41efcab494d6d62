/*
** sparecap: planning shared car plants, from the week down to the car.
**
** This is the one public header of libsparecap. It covers the sequencing
** model (cars, options, ratio rules, colours, objectives), the readers and
** writers of instances and solutions, the scorer and the search engine.
**
** Conventions. Every function that can fail returns an 'sc_status'; on
** SC_EINVAL it fills the caller's 'sc_diag' (when not NULL) with the file,
** line and message. The library never prints, exits or aborts on anything
** the caller or the input controls. 'T **out' parameters take ownership only
** on SC_OK and are set to NULL otherwise; every 'sc_x_free(NULL)' is a no-op.
**
** Threads. The library keeps no global state: its handles (sc_instance,
** sc_scenario, sc_plan, sc_baseline) are independent, so distinct handles
** may be used on distinct threads at the same time, each call with its own
** 'sc_diag'. Two plans may run at once, even of one scenario (the scenario
** is only read; GLPK, built with thread-local storage as Debian's is, keeps
** its state per thread). One handle is never used on two threads at once,
** unless every function called on it takes it as 'const': such a function
** only reads the handle, so any number of threads may call those on it
** together as long as none modifies or frees it meanwhile. For example,
** sc_search_run and sc_score_sequence on one instance, each thread with its
** own sequence; or, once sc_plan_run has returned, sc_plan_kpis_get,
** sc_plan_stats_get, sc_plan_day_instance, sc_plan_day_score, the
** sc_replan_*_get accessors, and sc_plan_write into distinct directories,
** on one plan. Callbacks are called one call at a time: the search's
** 'progress' on the thread that called sc_search_run; the plan's 'progress'
** from that thread or from one of the plan's worker threads, which wait
** while it runs, so it should return quickly. A callback must not use the
** handle being computed. The 'stop' flags are read from worker threads;
** raise them from any thread or from a signal handler.
**
** Copyright (C) 2026 the sparecap authors. GPL-3.0-or-later.
*/
#ifndef SPARECAP_H
#define SPARECAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SC_BUILDING_LIBRARY) && defined(__GNUC__)
#define SC_API __attribute__((visibility("default")))
#else
#define SC_API
#endif

/* The release this header belongs to, "MAJOR.MINOR.PATCH". */
#define SC_VERSION "0.1.0"

/* Limits of the model. */
#define SC_MAX_OPTIONS 256   /* options a car may carry */
#define SC_MAX_RULES 256     /* ratio rules of one instance */
#define SC_MAX_OBJECTIVES 8  /* weighted objectives of one instance */
#define SC_MAX_CARS 10000000 /* cars of one instance, fixed ones included */

/* ---------------------------------------------------------------- version */

/* Returns the release of the library linked, "MAJOR.MINOR.PATCH" (a static
** string): the project's version in CMakeLists.txt. It equals SC_VERSION
** unless the program runs with another libsparecap than it was compiled
** against. */
SC_API const char *sc_version(void);

/* ---------------------------------------------------------------- errors */

typedef enum sc_status {
    SC_OK = 0,
    SC_EINVAL = -1,      /* bad input: details in sc_diag */
    SC_ENOMEM = -2,      /* an allocation failed */
    SC_EIO = -3,         /* a file could not be read or written */
    SC_ELIMIT = -4,      /* a time or effort budget was spent */
    SC_EINFEASIBLE = -5, /* no solution obeys the hard constraints */
} sc_status;

typedef struct sc_diag {
    char file[256];  /* the file at fault, or "" */
    unsigned line;   /* 1-based line, or 0 when not known */
    unsigned column; /* 1-based column or field, or 0 when not known */
    char msg[256];   /* one line, no trailing newline */
} sc_diag;

/* Returns a static, lower-case description of 'status'. */
SC_API const char *sc_strerror(sc_status status);

/* Formats 'd' as "FILE:LINE: MSG" (parts that are unknown are left out)
** into 'buf' of 'size' bytes. Returns 'buf'. */
SC_API char *sc_diag_format(const sc_diag *d, char *buf, size_t size);

/* ---------------------------------------------------------------- model */

/*
** An instance is one sequencing problem: the cars of a line-day to put in
** order, behind the cars fixed in front of them. Cars come in three kinds,
** added in this order:
**   SC_CAR_PREV    the previous day's tail: fixed, counted only in windows
**                  that also hold a car of the day, and in the first colour
**                  change;
**   SC_CAR_FROZEN  a frozen part of the day: fixed, counted like any car of
**                  the day;
**   SC_CAR_FREE    the cars the search may place.
*/
typedef struct sc_instance sc_instance;

typedef enum sc_car_kind { SC_CAR_PREV = 0, SC_CAR_FROZEN = 1, SC_CAR_FREE = 2 } sc_car_kind;

typedef enum sc_objective_kind {
    SC_OBJ_RATIO = 0,  /* violations of the soft ratio rules of one level */
    SC_OBJ_COLOUR = 1, /* colour changes */
} sc_objective_kind;

/* How windows at the end of the sequence count. */
typedef enum sc_window_mode {
    SC_WINDOWS_TRUNCATED = 0, /* ROADEF 2005: windows shorter than P at the end count too */
    SC_WINDOWS_FULL = 1,      /* CSPLib: only windows of full length P */
} sc_window_mode;

/* Where an instance came from; decides the layout of its solutions. */
typedef enum sc_format { SC_FORMAT_ROADEF = 0, SC_FORMAT_CSPLIB = 1 } sc_format;

typedef struct sc_rule {
    int option; /* index of the option the rule limits */
    int n, p;   /* at most 'n' cars with the option in any 'p' consecutive cars */
    int level;  /* priority level; objectives of kind SC_OBJ_RATIO select by it */
    bool hard;  /* a violation makes the sequence invalid */
} sc_rule;

typedef struct sc_objective {
    sc_objective_kind kind;
    int level;      /* for SC_OBJ_RATIO: the rule level it sums */
    int64_t weight; /* weight in the total */
} sc_objective;

/* Creates an empty instance. */
SC_API sc_status sc_instance_new(sc_instance **out);
SC_API void sc_instance_free(sc_instance *in);

/* Declares an option and returns its index (>= 0) or a negative status.
** Options are declared before the first car. Names are unique. */
SC_API int sc_instance_add_option(sc_instance *in, const char *name);

/* Adds a ratio rule and returns its index or a negative status. */
SC_API int sc_instance_add_rule(sc_instance *in, const sc_rule *rule);

/* Returns the index of the colour called 'name', adding it when new, or a
** negative status. */
SC_API int sc_instance_colour(sc_instance *in, const char *name);

/* Appends an objective (at most SC_MAX_OBJECTIVES). Objectives are listed
** from the highest priority down. */
SC_API sc_status sc_instance_add_objective(sc_instance *in, const sc_objective *obj);

/* The ROADEF 2005 preset: weights 1,000,000 / 1,000 / 1 in the order given. */
SC_API sc_status sc_instance_set_roadef_weights(sc_instance *in);

/* The longest run of one colour allowed among the day's cars; 0: no limit. */
SC_API void sc_instance_set_batch_limit(sc_instance *in, int limit);
SC_API void sc_instance_set_window_mode(sc_instance *in, sc_window_mode mode);
SC_API void sc_instance_set_format(sc_instance *in, sc_format format);

/* Adds a car and returns its index or a negative status. 'options' holds
** 'noptions' option indices. 'brand' and 'model' are free tags carried
** through for reporting (NULL for none). Kinds must not decrease. Ids are
** unique. */
SC_API int sc_instance_add_car(sc_instance *in, sc_car_kind kind, const char *id, int colour,
                               const int *options, size_t noptions, const char *brand,
                               const char *model);

/* Accessors. Indices must be in range. */
SC_API size_t sc_instance_ncars(const sc_instance *in);
SC_API size_t sc_instance_nprev(const sc_instance *in);  /* cars of kind SC_CAR_PREV */
SC_API size_t sc_instance_nfixed(const sc_instance *in); /* PREV and FROZEN cars */
SC_API size_t sc_instance_noptions(const sc_instance *in);
SC_API size_t sc_instance_nrules(const sc_instance *in);
SC_API size_t sc_instance_ncolours(const sc_instance *in);
SC_API size_t sc_instance_nobjectives(const sc_instance *in);
SC_API int sc_instance_batch_limit(const sc_instance *in);
SC_API sc_format sc_instance_format(const sc_instance *in);
SC_API sc_rule sc_instance_rule(const sc_instance *in, size_t r);
SC_API sc_objective sc_instance_objective(const sc_instance *in, size_t k);
SC_API const char *sc_instance_option_name(const sc_instance *in, size_t o);
SC_API const char *sc_instance_colour_name(const sc_instance *in, size_t c);
SC_API const char *sc_instance_car_id(const sc_instance *in, size_t car);
SC_API int sc_instance_car_colour(const sc_instance *in, size_t car);
SC_API bool sc_instance_car_has(const sc_instance *in, size_t car, size_t option);
SC_API const char *sc_instance_car_brand(const sc_instance *in, size_t car);
SC_API const char *sc_instance_car_model(const sc_instance *in, size_t car);
/* Returns the index of the day car (frozen or free) called 'id', or -1.
** O(log ncars). Previous-day cars are not looked up: their ids may repeat. */
SC_API long sc_instance_find_car(const sc_instance *in, const char *id);

/* ---------------------------------------------------------------- score */

/*
** A sequence is an array of 'ncars' car indices, fixed cars first in their
** given order. The score holds one value per objective, the hard
** violations and the weighted total.
*/
typedef struct sc_score {
    int64_t value[SC_MAX_OBJECTIVES]; /* per objective, in instance order */
    int64_t hard;                     /* violations of hard ratio rules */
    int64_t batch_excess;             /* cars beyond the batch limit, summed over runs */
    int longest_run;                  /* longest run of one colour among the day's cars */
    int64_t total;                    /* sum of weight x value */
} sc_score;

/* Checks that 'seq' is a permutation of the cars with the fixed ones in
** place; on failure fills 'd' (message only) and returns SC_EINVAL.
** Otherwise scores it into 'out'. O(ncars x rules). */
SC_API sc_status sc_score_sequence(const sc_instance *in, const uint32_t *seq, sc_score *out,
                                   sc_diag *d);

/* True when 'score' obeys every hard constraint (batch limit, hard rules). */
SC_API bool sc_score_is_feasible(const sc_score *score);

/* Writes the identity sequence (cars in the order they were added). */
SC_API void sc_sequence_identity(const sc_instance *in, uint32_t *seq);

/* ---------------------------------------------------------------- bounds */

/*
** Proven lower bounds: no order of the free cars that obeys the batch limit
** scores below 'value[k]' on objective k, nor below 'total' in weighted
** total (ratio bounds hold for every order). 'rule[r]' bounds the
** violations of rule r alone; 'hard' sums those of the hard rules (above 0:
** no sequence obeys them). The gap of a result is its score minus the
** bound. See src/seq/bound.c for the proofs.
*/
typedef struct sc_bound {
    int64_t value[SC_MAX_OBJECTIVES]; /* per objective, in instance order */
    int64_t hard;                     /* violations of hard ratio rules */
    int64_t total;                    /* sum of weight x value */
    int64_t rule[SC_MAX_RULES];       /* per ratio rule, in instance order */
} sc_bound;

/* Computes the bounds of 'in' into 'out'. O(ncars x rules) to count the
** option cars, plus at most O(P^3) per rule of window length P (capped; see
** bound.c). Returns SC_OK or SC_ENOMEM. Planners call it per line-day. */
SC_API sc_status sc_bound_compute(const sc_instance *in, sc_bound *out);

/* ---------------------------------------------------------------- readers and writers */

/* Reads a ROADEF 2005 instance directory. */
SC_API sc_status sc_roadef_read(const char *dir, sc_instance **out, sc_diag *d);
/* Writes 'in' as a ROADEF 2005 instance directory 'dir' (created; must not
** exist). The four files are written atomically. */
SC_API sc_status sc_roadef_write(const sc_instance *in, const char *dir, sc_diag *d);
/* Reads a CSPLib prob001 instance file. */
SC_API sc_status sc_csplib_read(const char *path, sc_instance **out, sc_diag *d);
/* Writes a CSPLib-format instance (one made by sc_csplib_read or
** sc_gen_csplib_hard: one rule per option, cars grouped by class, the
** class index as model tag) to 'path', atomically. SC_EINVAL for another
** kind of instance. */
SC_API sc_status sc_csplib_write(const sc_instance *in, const char *path, sc_diag *d);
/* Reads a directory as ROADEF, anything else as CSPLib. */
SC_API sc_status sc_instance_read(const char *path, sc_instance **out, sc_diag *d);

/* Reads a solution for 'in' from 'path' into 'seq' (ncars entries, fixed
** cars filled in): 'rank;Ident' lines for ROADEF instances, class indices for
** CSPLib ones. Checks that every free car appears exactly once. */
SC_API sc_status sc_solution_read(const sc_instance *in, const char *path, uint32_t *seq,
                                  sc_diag *d);
/* Writes the day's cars of 'seq' in the layout of the instance's format to
** 'path' ("-" for standard output), atomically. */
SC_API sc_status sc_solution_write(const sc_instance *in, const uint32_t *seq, const char *path,
                                   sc_diag *d);
/* The same, to an open stream. */
SC_API sc_status sc_solution_print(const sc_instance *in, const uint32_t *seq, FILE *f);

/* ---------------------------------------------------------------- generator */

typedef struct sc_gen_params {
    size_t ncars;    /* cars of the day */
    size_t nprev;    /* cars of the previous day, fixed in front */
    int noptions;    /* options, one ratio rule each */
    int nhigh;       /* how many of the rules are high priority (level 1) */
    int ncolours;    /* paint colours */
    int batch_limit; /* 0: none */
    double load;     /* how tight the rules are: mean demand / capacity, 0..1 */
    uint64_t seed;
} sc_gen_params;

/* Sets 'p' to the defaults (1,000 cars, 20 previous, 8 options, 3 high,
** 12 colours, batch limit 10, load 0.8, seed 1). */
SC_API void sc_gen_defaults(sc_gen_params *p);
/* Generates a synthetic instance. Same parameters, same instance. */
SC_API sc_status sc_gen_instance(const sc_gen_params *p, sc_instance **out, sc_diag *d);

/* The hard CSPLib class: five options under 1/2, 2/3, 1/3, 2/5 and 1/5,
** each given to a share of the cars that fills its capacity to a
** utilisation drawn in [util_lo, util_hi]. */
typedef struct sc_gen_hard_params {
    size_t ncars;
    double util_lo, util_hi; /* 0 < util_lo <= util_hi <= 1 */
    uint64_t seed;
} sc_gen_hard_params;

/* Generates an instance of the hard class, in the CSPLib layout (classes
** are the option sets that occur). Same parameters, same instance.
** O(ncars). */
SC_API sc_status sc_gen_csplib_hard(const sc_gen_hard_params *p, sc_instance **out, sc_diag *d);

/* ---------------------------------------------------------------- search */

typedef struct sc_progress {
    double elapsed;      /* seconds since the start */
    double time_to_best; /* seconds at which 'best' was found */
    sc_score best;
    uint64_t moves; /* moves evaluated, all threads */
    double moves_per_sec;
} sc_progress;

typedef struct sc_search_params {
    uint64_t seed;
    double time_limit;  /* seconds; <= 0: none */
    uint64_t effort;    /* moves to evaluate per thread; 0: none */
    int threads;        /* >= 1 */
    volatile int *stop; /* when it becomes non-zero, the search ends soon; may be NULL */
    void (*progress)(const sc_progress *p, void *user); /* may be NULL */
    void *user;
    double progress_every; /* seconds between calls of 'progress' */
} sc_search_params;

typedef struct sc_search_stats {
    sc_score initial; /* score of the greedy construction */
    sc_score best;
    double elapsed;
    double time_to_best;
    uint64_t moves; /* evaluated, all threads */
    uint64_t accepted;
    uint64_t improving;
    bool construction_stopped; /* the limits stopped the greedy construction:
                                  the search started from the input order */
} sc_search_stats;

/* Sets 'p' to the defaults: seed 1, 10 s, no effort limit, one thread. */
SC_API void sc_search_defaults(sc_search_params *p);

/*
** Sequences the free cars of 'in'. On entry 'seq' may hold a valid sequence
** to start from (pass 'warm' true) or anything (the search then builds one
** greedily). On SC_OK 'seq' holds the best sequence found. Returns SC_OK even
** when the budget ran out or 'stop' was raised: the search is anytime.
**
** The limits hold from the start, the construction included: when the
** time limit passes or 'stop' is raised during it, or when it would place
** more cars than 'effort', the input order (a valid permutation) is
** returned. Memory is linear in cars x rules per thread; no move costs
** O(ncars).
*/
SC_API sc_status sc_search_run(const sc_instance *in, const sc_search_params *p, uint32_t *seq,
                               bool warm, sc_search_stats *stats, sc_diag *d);

/* Builds a sequence greedily: the batch limit is obeyed where the colours
** allow it; ratio rules and colour changes by weighted priority. */
SC_API sc_status sc_greedy(const sc_instance *in, uint32_t *seq);

#ifdef __cplusplus
}
#endif

/* The plant planner: scenarios, plans, reports. */
#include "sparecap/plan.h"

#endif
