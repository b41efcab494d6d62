/*
** Internal view of a plan, shared by the pipeline (src/plan/), the writers
** (src/io/plan_write.c) and the report (src/report/).
**
** A plan is a replan with nothing fixed. Its frame (sc__frame, below) holds
** what is given before the pipeline runs: the line-days kept as published,
** the cars pinned at the front of a line-day, the old plan each order and
** car should stay close to, the extra shifts offered, and what the
** allocation owes to the old plan. A plan made from scratch has an empty
** frame (frame.c); a replan (replan.c) fills one from its baseline, its
** outages (closed in the calendars of a copy of the scenario) and its
** shifts. The pipeline reads the frame and never asks which of the two it
** runs, one file per step:
**   ledger.c    slots per line and day, the host's volume reserved first,
**               the room left for guests (after the spreading rule);
**   allocate.c  guest volume per model, line and week: a MIP (GLPK);
**   slot.c      host cars and guest orders onto the days of their line-week,
**               within the ratio rules' room per day;
**   sequence.c  every line-day sequenced by the engine, lines in parallel
**               (parallel.c);
**   plan.c      the driver, the KPIs, contract fulfilment and the causes of
**               shortfalls and late orders.
*/
#ifndef SC_PLAN_H
#define SC_PLAN_H

#include "../model/scenario.h"

/* A car of a line-day: a guest or host order, or a host car made from the
** host's weekly demand. */
typedef struct sc__car {
    int32_t order; /* index into sc->order, or -1 */
    int32_t model;
    int32_t colour;
    uint32_t tag;  /* a car from demand: its number on its line-day (for its id) */
    uint64_t opts; /* mask over sc->option */
} sc__car;

/* A line-day with cars. After sequencing, its cars stand in sequence order. */
typedef struct sc__lineday {
    int32_t line, day; /* day of the horizon */
    uint32_t first, n; /* pl->car[first .. first + n) */
    uint32_t nguest;
    sc_score score;
    int64_t vhigh, vlow, colour_changes; /* the score's objectives by kind */
    uint64_t moves;
    uint32_t nfixed; /* the first 'nfixed' cars stand fixed (a replan's carried cars) */
    bool done;
} sc__lineday;

/* The tag of a host car carried to a later day by a replan (a frozen car
** whose line was down): it keeps the day it was published for and its
** number then, and so its id. */
#define SC__TAG_CARRIED 0x80000000u
#define SC__TAG_DAY_SHIFT 14
#define SC__TAG_NUM_MASK 0x3FFFu

/* An extra shift a replan may add (src/plan/replan.c): 'slots' more on
** line-day (line, day) at 'cost'; the allocation decides whether to use it. */
typedef struct sc__shift {
    int32_t line, day;
    int32_t slots;
    double cost;
    int32_t room_delta, spread_delta; /* guest room and spreading-rule room it adds to its week */
    bool chosen;                      /* the allocation uses it */
    bool used;                        /* cars stand in its slots */
} sc__shift;

/* A car carried from a frozen line-day whose line is down (replan.c): it
** goes, in its published order, to the front of a later line-day. */
typedef struct sc__carried {
    sc__car car;
    int32_t line, old_day;
    uint32_t old_pos;
    int32_t new_day; /* -1: its line stays down to the end of the horizon */
    uint32_t new_pos;
} sc__carried;

/*
** The frame of a plan: what the pipeline is given besides the scenario. The
** frame owns its arrays (frame.c frees them). In an empty frame nothing is
** fixed, 'fz_end' is 0, 'warm' is false and the arrays marked "or NULL" are
** NULL.
*/
typedef struct sc__frame {
    int32_t fz_end; /* the first day that may change: before it, line-days are fixed or empty */
    bool warm;      /* an old plan is given: its orders' line-days, cars and positions */
    /* per line-day, l * nd + t */
    uint8_t *fixed;       /* kept as published: its old cars, in their old order */
    uint8_t *sealed;      /* carried cars that another carried day follows: no other car */
    uint32_t *npin;       /* carried cars pinned at the front */
    sc__carried *carried; /* by line, then in published order; new_day set */
    size_t ncarried;
    /* the old plan, when 'warm' (else NULL, and 'ofirst' all 0) */
    sc__car *ocar;               /* its cars, line-day after line-day, in sequence order */
    uint32_t *ofirst;            /* nl x nd + 1: line-day k held ocar[ofirst[k] .. ofirst[k + 1]) */
    int32_t *old_line, *old_day; /* per order: where the old plan had it, or -1 */
    uint32_t *old_pos;           /* per order: its 1-based position then */
    /* The allocation (allocate.c) leaves out the orders placed before it
    ** ('order_fixed') and counts their cars against the contracts
    ** ('fixed_bw', 'fixed_mw': brand x week, model x week); it pays
    ** 'churn_cost' per car it takes off a model's old line-week ('alloc_old',
    ** laid out like sc_plan.alloc), and may take the extra shifts offered
    ** (marking them 'chosen'). With a 'host_value', it may also build the
    ** host's demand that its week could not (sc_plan.host_owed_cum) in later
    ** weeks (sc_plan.host_extra). */
    uint8_t *order_fixed; /* per order */
    int32_t *fixed_bw, *fixed_mw;
    int32_t *alloc_old; /* or NULL */
    double churn_cost, host_value;
    sc__shift *shift;
    size_t nshifts;
} sc__frame;

struct sc__replan;
typedef struct sc__cause sc__cause;

enum { SC__ORDER_ONTIME = 0, SC__ORDER_LATE = 1, SC__ORDER_UNPLANNED = 2 };

#define SC__NO_REASON UINT32_MAX

struct sc_plan {
    const sc_scenario *sc;
    sc_plan_params params;
    size_t nl, nw, nd, nm, nb;

    /* ledger: per line x day (index l * nd + t) and line x week (l * nw + w) */
    int32_t *day_cap;    /* slots */
    int32_t *day_host;   /* host cars */
    int32_t *day_spread; /* guest cars the spreading rule lets in, beside the host's */
    int32_t *wk_cap, *wk_nominal, *wk_host, *wk_room, *wk_spread;
    int32_t *wk_guest;       /* guest cars slotted (all guests) */
    int32_t *wk_days;        /* working days */
    int32_t *host_day_model; /* nl x nd x nm: host cars per line-day and model */
    int32_t *host_vol;       /* nm x nw: host volume asked (demand or orders) */
    int32_t *host_unmet;     /* nm x nw: host volume beyond its lines' capacity */

    /* allocation: guest cars per model, line and week (m * nl + l) * nw + w */
    int32_t *alloc;
    int32_t *slotted; /* the same, as slotted */

    /* orders */
    int32_t *order_line; /* line, or -1 when unplanned */
    int32_t *order_day;  /* day of the horizon, or -1 */
    uint32_t *order_pos; /* 1-based position in its line-day */
    uint8_t *order_status;
    uint32_t *order_reason; /* index into 'cause' (cause.h), or SC__NO_REASON */
    sc__strpool reasons;    /* no longer written: causes are data (cause.h) */
    bool reasons_nomem;

    /* contracts: per brand x week and model x week */
    int32_t *built_bw, *built_mw;
    uint32_t *short_cause; /* nb x nw: index into 'cause', or SC__NO_REASON */

    /* causes (cause.h): kinds with their lines, weeks, rule and counts */
    struct sc__cause *cause;
    size_t ncauses, capcauses;
    int32_t *cause_line; /* the lines the causes name, cause after cause */
    size_t ncause_lines, capcause_lines;
    bool causes_nomem; /* a cause could not be stored: the plan fails with SC_ENOMEM */

    /* cars and line-days */
    sc__car *car;
    size_t ncars;
    sc__lineday *ld;
    size_t nld;
    int32_t *ld_index; /* nl x nd: index into 'ld', or -1 */

    sc_plan_stats stats;
    char mip_status[64];

    /* the host's catch-up: what the old plan built that this plan's weeks
    ** cannot, summed to the end of week w (model x week, sc__ledger_owed);
    ** what the allocation builds of it per model, line and week (laid out
    ** like 'alloc'); what the ledger reserved of that */
    int32_t *host_owed_cum;
    int64_t host_owed;
    int32_t *host_extra;
    int64_t host_caught_up;

    sc__frame fr;          /* what is given: empty for a plan made from scratch */
    struct sc__replan *rp; /* a replan's baseline, outages and comparison; NULL in a plan */
    /* Frees 'rp': set by the replanner (replan.c), which builds on the
    ** pipeline, so that the pipeline need not know it. */
    void (*rp_release)(sc_plan *pl);
};

/* Allocates a plan for 'sc' with every array zeroed and an empty frame;
** NULL when out of memory. */
sc_plan *sc__plan_alloc(const sc_scenario *sc, const sc_plan_params *p);
/* Gives 'fr' the arrays of an empty frame for 'pl' (nothing fixed, no old
** plan); false when out of memory (frame.c). */
bool sc__frame_init(sc__frame *fr, const sc_plan *pl);
/* Frees the arrays of 'fr' and zeroes it. */
void sc__frame_release(sc__frame *fr);
/*
** Runs the pipeline on 'pl' and its frame: ledger, the host's catch-up owed
** from week 'owed_from' (a replan's first week), allocation (and the ledger
** again when the allocation chose extra shifts or catch-up), slotting,
** sequencing, and the causes of shortfalls and late orders (plan.c).
*/
sc_status sc__pipeline_run(sc_plan *pl, size_t owed_from, sc_diag *d);
/* Reports stage 'stage' to the plan's progress callback, if any. */
void sc__plan_progress(const sc_plan *pl, const char *stage);
/* Runs 'fn' as the stage 'name' when 'st' is SC_OK: reports it and adds its
** time to *t. Returns fn's status, or 'st' when it did not run. */
sc_status sc__plan_stage(sc_plan *pl, sc_status st, const char *name,
                         sc_status (*fn)(sc_plan *, sc_diag *), double *t, sc_diag *d);
/* Fills the plan's stats from what the stages left, and reports "done". */
void sc__plan_done(sc_plan *pl);

/* The steps. Each returns SC_OK or SC_ENOMEM (SC_EIO for a solver failure),
** with 'd' filled. */
sc_status sc__ledger_build(sc_plan *pl, sc_diag *d);
void sc__ledger_owed(sc_plan *pl, size_t w0);
sc_status sc__allocate(sc_plan *pl, sc_diag *d);
sc_status sc__slot(sc_plan *pl, sc_diag *d);
sc_status sc__sequence(sc_plan *pl, sc_diag *d);
sc_status sc__plan_causes(sc_plan *pl, sc_diag *d);

/* Builds the engine instance of line-day 'k' with its cars in their current
** order behind the previous line-day's tail; '*nprev' gets the number of
** previous-day cars. */
sc_status sc__lineday_instance(const sc_plan *pl, size_t k, sc_instance **out, size_t *nprev);
/* Copies the components of 'ld->score' (scored on 'in') into 'ld'. */
void sc__lineday_take_score(sc__lineday *ld, const sc_instance *in);
/* Sets each order's status (on time, late, unplanned) from its line and day. */
void sc__order_status(sc_plan *pl);

/* Interns 'fmt' ... in 'pl->reasons'; returns its offset or SC__NO_REASON
** when out of memory. */
uint32_t sc__reason(sc_plan *pl, const char *fmt, ...) SC__PRINTF(2, 3);

/*
** Splits 'total' into 'n' parts proportional to 'weight', each part at most
** its weight (largest remainders, ties to the lower index). When 'total'
** exceeds the sum of the weights, every part is its weight. Returns what
** was placed.
*/
int64_t sc__split(int64_t total, const int32_t *weight, size_t n, int32_t *out);

/* The options of mask 'opts' joined by '|' into 'buf'; returns 'buf'. */
const char *sc__options_text(const sc_scenario *sc, uint64_t opts, char *buf, size_t size);
/* The car id of car 'c' ("the order id", or LINE-YYYYMMDD-NNNN for a car
** from demand) into 'buf'. */
const char *sc__car_id(const sc_plan *pl, const sc__lineday *ld, const sc__car *c, char *buf,
                       size_t size);

/* The largest guest count g <= room with g <= rule_room(host + g, n, p). */
int32_t sc__spread_room(int32_t host, int32_t room, int n, int p);

/* ------------------------------------------------------------ slotting (slot.c, replan_slot.c) */

/* Does line l's spreading rule count a car of 'brand': a guest, of the
** rule's brand when it names one? */
static inline bool sc__spread_counts(const sc_scenario *sc, size_t l, int32_t brand) {
    const sc__spread *sp = &sc->line[l].spread;
    return sp->on && !sc->brand[brand].host && (sp->brand < 0 || sp->brand == brand);
}

/*
** What the slotting has put on each line-day k = l * nd + t so far (days.c),
** for the room checks of the ratio rules, the spreading rule and the batch
** limit. A replan keeps a second one for the carried cars fixed at the
** front of their line-days (a block of their own, valid as published),
** whose counts the checks leave out.
*/
typedef struct sc__days {
    size_t nrs, ncol; /* rule stride (the most rules of a line); colours */
    int32_t *ncars;   /* [k]: cars */
    int32_t *cnt;     /* [k * nrs + r]: cars with rule r's option */
    int32_t *ccnt;    /* [k * ncol + c]: cars of colour c */
    int32_t *nspread; /* [k]: cars the line's spreading rule counts */
} sc__days;

/* Zero counts for 'nk' line-days of 'sc'; false when out of memory. */
bool sc__days_init(sc__days *D, const sc_scenario *sc, size_t nk);
void sc__days_free(sc__days *D);
/* Adds (dir = 1) or removes (dir = -1) a car on line-day k of line l. */
void sc__days_add(sc__days *D, const sc_scenario *sc, size_t l, size_t k, uint64_t opts,
                  int32_t colour, int32_t brand, int dir);
/* Does one more car with 'opts', 'colour' of 'brand' keep line-day k of
** line l within its rules when the day holds 'n' cars? The counts of
** 'front' (NULL: none) are left out, and 'n' must leave out its cars too. */
bool sc__days_fit(const sc__days *D, const sc__days *front, const sc_scenario *sc, size_t l,
                  size_t k, uint64_t opts, int32_t colour, int32_t brand, int64_t n);

/* What puts a line-day over its room: a rule, the spreading rule or a colour. */
typedef struct sc__excess {
    int rule;       /* -1: not a rule */
    bool spread;    /* the spreading rule */
    int32_t colour; /* -1: not a colour */
} sc__excess;

/* Is line-day k over its room with 'n' cars (as sc__days_fit counts them)?
** '*e' gets the first rule over, else the spreading rule, else a colour. */
bool sc__days_over(const sc__days *D, const sc__days *front, const sc_scenario *sc, size_t l,
                   size_t k, int64_t n, sc__excess *e);
/* Does a car with 'opts', 'colour' of 'brand' count towards excess 'e'? */
bool sc__excess_hits(const sc_scenario *sc, size_t l, const sc__excess *e, uint64_t opts,
                     int32_t colour, int32_t brand);

/* Orders compare by due week, earliest week, then file row. */
static inline int sc__order_cmp(const sc_scenario *sc, uint32_t a, uint32_t b) {
    const sc__order *x = &sc->order[a], *y = &sc->order[b];
    if (x->due != y->due) return x->due < y->due ? -1 : 1;
    if (x->earliest != y->earliest) return x->earliest < y->earliest ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The cars a model had turned away in the current line-week, by options and
** colour (the last four): an order of the model in that colour whose
** options hold one of those sets is turned away too, since a day's room
** only shrinks as it fills. */
typedef struct sc__blocked {
    uint64_t opts[4];
    int32_t colour[4];
    uint8_t n, next;
} sc__blocked;

static inline bool sc__blocked_has(const sc__blocked *b, uint64_t opts, int32_t colour) {
    for (size_t k = 0; k < b->n; k++)
        if ((opts & b->opts[k]) == b->opts[k] && b->colour[k] == colour) return true;
    return false;
}

static inline void sc__blocked_add(sc__blocked *b, uint64_t opts, int32_t colour) {
    size_t k = b->n < 4 ? b->n++ : b->next++ % 4;
    b->opts[k] = opts;
    b->colour[k] = colour;
}

/* What sc__sort_orders groups by before sc__order_cmp. */
typedef enum { SC__SORT_DUE, SC__SORT_MODEL, SC__SORT_PRIORITY } sc__sort_by;
/* Sorts the 'n' order indices 'idx'; false when out of memory. */
bool sc__sort_orders(const sc_scenario *sc, uint32_t *idx, size_t n, sc__sort_by by);

/* Is there room for order o in week w within the weekly maxima of its brand
** and its model? 'bw', 'mw': cars so far per brand x week, model x week. */
static inline bool sc__under_max(const sc_scenario *sc, const sc__order *o, size_t w, size_t nw,
                                 const int32_t *bw, const int32_t *mw) {
    const sc__brand *b = &sc->brand[o->brand];
    const sc__carmodel *m = &sc->model[o->model];
    if (b->max_week >= 0 && bw[(size_t)o->brand * nw + w] >= b->max_week) return false;
    if (m->max_week >= 0 && mw[(size_t)o->model * nw + w] >= m->max_week) return false;
    return true;
}

#endif
