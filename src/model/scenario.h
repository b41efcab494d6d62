/*
** Internal view of a planning scenario: plants and their lines, the working
** calendar of each line, brands and their contracts, car models, the host's
** demand and the orders. Data only: the readers in src/io/ fill it, the
** planner in src/plan/ reads it. libc only.
**
** Time is counted in days since 1970-01-01 (a Thursday) for dates, and in
** days and weeks since the Monday of the horizon's first ISO week for the
** plan ("horizon days" 0 .. 7 * nweeks - 1, "weeks" 0 .. nweeks - 1).
*/
#ifndef SC_SCENARIO_H
#define SC_SCENARIO_H

#include "model.h"

#define SC__MAX_SC_OPTIONS 64 /* distinct options of a scenario (a 64-bit mask per car) */
#define SC__MAX_LINE_RULES 32 /* ratio rules of one line */
#define SC__MAX_WEEKS 520     /* ten years */
#define SC__DAY_WORKING (-1)  /* sc__line.off: a working day */
#define SC__DAY_WEEKEND (-2)  /* sc__line.off: not a working weekday */

/* A ratio rule of a line: at most 'n' cars with 'option' in any 'p'. */
typedef struct sc__line_rule {
    int32_t option; /* index into sc_scenario.option */
    int n, p;
    int level; /* 1: high priority, 0: low */
    bool hard;
} sc__line_rule;

/* The spreading rule of a line: at most 'n' guest cars in any 'p'. */
typedef struct sc__spread {
    bool on;
    int32_t brand; /* the guest it limits, or -1: every guest */
    int n, p;
    int level;
    bool hard;
} sc__spread;

/* A line or a plant, by the offset of its name in 'names', over the days
** 'from' to 'to' (days since 1970, both included). */
typedef struct sc__span {
    uint32_t where;
    int32_t from, to;
} sc__span;

typedef struct sc__line {
    uint32_t name; /* offset into sc_scenario.names */
    int32_t plant;
    double rate;     /* jobs per hour */
    double hours;    /* hours per working day, the sum of the shifts */
    int32_t slots;   /* slots per working day: floor(rate x hours) */
    int batch_limit; /* longest run of one colour; 0: none */
    size_t nrules;
    sc__line_rule rule[SC__MAX_LINE_RULES];
    sc__spread spread;
    int32_t *off; /* per horizon day: SC__DAY_WORKING, SC__DAY_WEEKEND, or the
                     offset in 'names' of the holiday or shutdown that closes it */
} sc__line;

typedef struct sc__plant {
    uint32_t name;
} sc__plant;

typedef struct sc__brand {
    uint32_t name;
    bool host;
    int priority;     /* guests: 1 is the highest */
    int32_t min_week; /* contract: cars per week, -1: none */
    int32_t max_week;
    double short_penalty; /* per car short of the weekly minimum */
    double late_penalty;  /* per car and week late */
} sc__brand;

typedef struct sc__carmodel {
    uint32_t name;
    int32_t brand;
    size_t noptions;
    int32_t option[SC__MAX_SC_OPTIONS]; /* options it may carry */
    double take[SC__MAX_SC_OPTIONS];    /* share of its cars with each */
    uint64_t optmask;
    size_t ncolours;
    int32_t *colour;            /* colours it is painted in */
    double *share;              /* share of its cars in each */
    int32_t min_week, max_week; /* per-model contract, -1: none */
    int32_t *demand;            /* host models: cars per week, or NULL */
    bool has_orders;            /* host models: orders given; 'demand' ignored */
} sc__carmodel;

typedef struct sc__order {
    uint32_t id; /* offset into sc_scenario.ids */
    int32_t brand, model, colour;
    uint64_t opts;         /* mask over sc_scenario.option */
    int16_t earliest, due; /* weeks of the horizon */
    uint32_t row;          /* line of the orders file */
} sc__order;

/* A name table: a string pool of unique names and their offsets, in order. */
typedef struct sc__names {
    sc__strpool pool;
    uint32_t *off;
    size_t n, cap;
} sc__names;

struct sc_scenario {
    char *file; /* the scenario's path or name, for messages */
    char *orders_file;
    sc__strpool names; /* plants, lines, brands, models, reasons (interned) */
    uint32_t name;     /* the scenario's name */
    size_t nnotes;
    uint32_t *notes;
    int32_t day0; /* date (days since 1970) of the first Monday */
    int first_year, first_week;
    int nweeks;

    size_t nplants, nlines, nbrands, nmodels;
    sc__plant *plant;
    sc__line *line;
    sc__brand *brand;
    sc__carmodel *model;
    sc__names option; /* option names, index = bit in a car's mask */
    sc__names colour; /* colour names */
    uint8_t *compat;  /* nlines x nmodels: line can build model */
    int32_t host;     /* index of the host brand, -1 when none */

    double changeover_cost; /* allocation weights */
    double early_cost;

    /* Recovery capacity a replan may use ("recovery", docs/FORMATS.md):
    ** the cost and length of an extra shift, the shifts offered, and the
    ** value of a host car its week could not build, built in a later week
    ** (-1: not given). */
    bool recovery;
    double recovery_shift_cost, recovery_shift_hours, recovery_host_value;
    size_t nrecovery_shifts;
    sc__span *recovery_shift;

    size_t norders, caporders;
    sc__order *order;
    sc__strpool ids; /* order ids, unique */
};

/* Allocates an empty scenario; NULL when out of memory. */
sc_scenario *sc__scenario_alloc(void);

/* The name at offset 'off' of 'names'. */
static inline const char *sc__name(const sc_scenario *sc, uint32_t off) {
    return sc->names.buf + off;
}

/* Name tables. 'sc__names_add' returns the new index, -2 when the name is
** already present, -1 when out of memory; 'sc__names_find' returns the
** index or -1. */
long sc__names_add(sc__names *t, const char *s);
long sc__names_find(const sc__names *t, const char *s);
const char *sc__names_get(const sc__names *t, size_t i);
void sc__names_release(sc__names *t);

/* Index of the brand, line, plant or model called 's', or -1. O(n). */
long sc__find_brand(const sc_scenario *sc, const char *s);
long sc__find_line(const sc_scenario *sc, const char *s);
long sc__find_model(const sc_scenario *sc, const char *s);
/* Index of the order with id offset 'off' (orders are in id-offset order). */
long sc__find_order_by_id(const sc_scenario *sc, const char *id);

/* ------------------------------------------------------------ calendar */

/* Days since 1970-01-01 of the civil date y-m-d (proleptic Gregorian). */
int32_t sc__days_from_civil(int y, int m, int d);
/* The civil date of 'days' since 1970-01-01. */
void sc__civil_from_days(int32_t days, int *y, int *m, int *d);
/* Day of the week of 'days': 0 Monday .. 6 Sunday. */
int sc__weekday(int32_t days);
/* Days since 1970 of the Monday of ISO week 'week' of ISO year 'year', or
** INT32_MIN when the week does not exist in that year. */
int32_t sc__iso_week_monday(int year, int week);
/* The ISO year and week of 'days'. */
void sc__iso_week_of(int32_t days, int *year, int *week);
/* Parses "YYYY-MM-DD" into days since 1970; false when malformed. */
bool sc__parse_date(const char *s, int32_t *out);
/* Parses "YYYY-Www" into the Monday's days since 1970; false when malformed. */
bool sc__parse_week(const char *s, int32_t *monday);
/* Formats a date as "YYYY-MM-DD" (11 bytes). */
char *sc__format_date(int32_t days, char buf[16]);
/* Formats the ISO week of 'days' as "YYYY-Www". */
char *sc__format_week(int32_t days, char buf[16]);

/* Slots of line 'l' on horizon day 'day' (0 when it is closed). */
static inline int32_t sc__line_day_slots(const sc_scenario *sc, size_t l, size_t day) {
    return sc->line[l].off[day] == SC__DAY_WORKING ? sc->line[l].slots : 0;
}

/*
** The most cars with an option that a sequence of 'n' cars can hold under a
** rule "at most 'rn' in any 'rp'": (n / rp) x rn + min(rn, n mod rp).
*/
static inline int64_t sc__rule_room(int64_t n, int rn, int rp) {
    int64_t r = n % rp;
    return (n / rp) * rn + (r < rn ? r : rn);
}

/*
** The most cars of one colour that 'n' cars can hold with no run longer
** than 'limit' (0: no limit): runs of 'limit' with one other car between
** them, floor(limit x (n + 1) / (limit + 1)).
*/
static inline int64_t sc__colour_room(int64_t n, int limit) {
    return limit > 0 ? (int64_t)limit * (n + 1) / (limit + 1) : n;
}

#endif
