/*
** sparecap/plan.h: the plant planner, included by sparecap.h.
**
** A scenario (plants, lines, calendars, brands and contracts, car models,
** the host's demand) and its orders go in; a plan comes out: the capacity
** ledger per line and week, the guest volume per model, line and week (a
** MIP solved with GLPK), every order on a day of its line, and every
** line-day sequenced by the engine above. The plan is written as one
** directory: plan.json, CSV files and report.html.
**
** The conventions of sparecap.h hold. Readers that can find several errors
** in one file fill an 'sc_diag_list' with up to SC_MAX_DIAGS of them, in
** file order. The same scenario, orders and parameters give the same plan,
** byte for byte, on any machine and with any number of threads: effort is
** counted in moves and branch-and-bound nodes, never in seconds.
**
** Copyright (C) 2026 the sparecap authors. GPL-3.0-or-later.
*/
#ifndef SPARECAP_PLAN_H
#define SPARECAP_PLAN_H

#ifndef SPARECAP_H
#error "include sparecap.h, not sparecap/plan.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define SC_MAX_DIAGS 20 /* errors a reader lists for one file */

/* Up to SC_MAX_DIAGS diagnostics; 'dropped' counts those beyond. */
typedef struct sc_diag_list {
    size_t count;
    size_t dropped;
    sc_diag item[SC_MAX_DIAGS];
} sc_diag_list;

/* Formats 'd' as "FILE:LINE:COLUMN: MSG", leaving out the parts that are
** not known. Returns 'buf'. */
SC_API char *sc_diag_format_full(const sc_diag *d, char *buf, size_t size);

/* ---------------------------------------------------------------- scenario */

typedef struct sc_scenario sc_scenario;

/*
** Reads a scenario JSON file (docs/FORMATS.md). Every reference is checked
** (models, lines, brands, options, colours, weeks); on SC_EINVAL 'errs'
** lists the problems, each with the line and column in the file. Reads the
** whole file; O(size).
*/
SC_API sc_status sc_scenario_read(const char *path, sc_scenario **out, sc_diag_list *errs);
/* The same from memory: 'text' of 'len' bytes, called 'name' in messages. */
SC_API sc_status sc_scenario_parse(const char *text, size_t len, const char *name,
                                   sc_scenario **out, sc_diag_list *errs);

/*
** Reads an orders CSV file (one car per row: order_id, brand, model,
** colour, options, earliest_week, due_week) into 'sc', which must hold no
** orders yet. On SC_EINVAL 'errs' lists the bad rows with their row and
** column, and 'sc' is left without orders. O(rows).
*/
SC_API sc_status sc_scenario_read_orders(sc_scenario *sc, const char *path, sc_diag_list *errs);
SC_API sc_status sc_scenario_parse_orders(sc_scenario *sc, const char *text, size_t len,
                                          const char *name, sc_diag_list *errs);

SC_API void sc_scenario_free(sc_scenario *sc);

SC_API const char *sc_scenario_name(const sc_scenario *sc);
SC_API size_t sc_scenario_nplants(const sc_scenario *sc);
SC_API size_t sc_scenario_nlines(const sc_scenario *sc);
SC_API size_t sc_scenario_nweeks(const sc_scenario *sc);
SC_API size_t sc_scenario_nbrands(const sc_scenario *sc);
SC_API size_t sc_scenario_nmodels(const sc_scenario *sc);
SC_API size_t sc_scenario_norders(const sc_scenario *sc);
SC_API const char *sc_scenario_brand_name(const sc_scenario *sc, size_t b);
SC_API bool sc_scenario_brand_is_host(const sc_scenario *sc, size_t b);
/* Index of the brand called 'name', or -1. */
SC_API long sc_scenario_find_brand(const sc_scenario *sc, const char *name);

/* Parameters of a synthetic scenario. */
typedef struct sc_scenario_gen_params {
    int plants;     /* 1 .. 100 */
    int lines;      /* lines per plant, 1 .. 16 */
    int weeks;      /* 1 .. 520 */
    int first_year; /* the horizon starts on ISO week 'first_week' of this year */
    int first_week;
    double load; /* guest orders as a share of the spare capacity, (0, 2] */
    uint64_t seed;
} sc_scenario_gen_params;

/* Sets 'p' to 2 plants x 2 lines, 13 weeks from 2026-W01, load 0.9, seed 1. */
SC_API void sc_scenario_gen_defaults(sc_scenario_gen_params *p);
/*
** Generates a synthetic scenario with its orders: one host and two guests,
** a few models per plant, ratio rules, bank holidays and a shutdown. A year
** of 10 plants x 4 lines sequences about 2 million cars. Same parameters,
** same scenario.
*/
SC_API sc_status sc_scenario_gen(const sc_scenario_gen_params *p, sc_scenario **out, sc_diag *d);
/* Writes 'sc' as scenario JSON to 'path', atomically ("-": standard output). */
SC_API sc_status sc_scenario_write(const sc_scenario *sc, const char *path, sc_diag *d);
/* Writes the orders of 'sc' as CSV to 'path', atomically. */
SC_API sc_status sc_scenario_write_orders(const sc_scenario *sc, const char *path, sc_diag *d);

/* ---------------------------------------------------------------- plan */

typedef struct sc_plan sc_plan;

/* Where a running plan is; 'stage' is "ledger", "allocation", "slotting",
** "sequencing" or "done"; 'done' of 'total' line-days are sequenced. */
typedef struct sc_plan_progress {
    const char *stage;
    size_t done, total;
} sc_plan_progress;

typedef struct sc_plan_params {
    uint64_t seed;
    uint64_t effort_per_car; /* engine moves per car of a line-day */
    uint64_t min_effort;     /* engine moves of a line-day, at least */
    uint64_t mip_nodes;      /* branch-and-bound nodes of the allocation MIP */
    int threads;             /* line-days sequenced at once, >= 1 */
    volatile int *stop;      /* when non-zero, sequencing ends soon; may be NULL */
    /* Called from any thread, one call at a time, at each stage and every
    ** few line-days. May be NULL. */
    void (*progress)(const sc_plan_progress *p, void *user);
    void *user;
} sc_plan_params;

/* Sets 'p' to the defaults: seed 1, 40 moves per car, at least 2,000 per
** line-day, 5,000 nodes, one thread. */
SC_API void sc_plan_defaults(sc_plan_params *p);

/*
** Plans 'sc' (which must outlive the plan): ledger, allocation, slotting,
** sequencing. Shortfalls against contract minimums are part of the plan,
** not errors. Returns SC_OK with '*out' set, SC_ENOMEM, SC_EINVAL (bad
** parameters) or SC_EIO (the MIP solver failed). Cost: the MIP, plus the
** engine's effort per line-day; line-days of different lines run on
** 'threads' threads.
*/
SC_API sc_status sc_plan_run(const sc_scenario *sc, const sc_plan_params *p, sc_plan **out,
                             sc_diag *d);
SC_API void sc_plan_free(sc_plan *pl);

/* The headline numbers of a plan, for the whole network or one brand. */
typedef struct sc_plan_kpis {
    int64_t capacity;     /* slots in the horizon, all lines */
    int64_t host_cars;    /* cars of the host (0 in a guest's view) */
    int64_t guest_cars;   /* cars of the guests (of the brand in its view) */
    int64_t spare;        /* slots left empty */
    double utilisation;   /* (host + guest) / capacity */
    int64_t contract_min; /* sum of the weekly minimums */
    int64_t shortfall;    /* cars short of the weekly minimums, summed */
    int weeks_short;      /* brand-weeks below the minimum */
    int64_t orders;       /* orders of the guests (of the brand) */
    int64_t on_time, late, unplanned;
    int64_t host_unmet;         /* host demand never built: beyond its lines' capacity (in a
                                   replan: lines down), less what a catch-up builds later */
    size_t line_days;           /* line-days sequenced */
    size_t days_violating;      /* line-days with a ratio-rule violation, any priority */
    size_t days_violating_high; /* line-days with a high-priority ratio-rule violation */
    size_t days_infeasible;     /* line-days breaking a hard constraint */
    int64_t colour_changes;
    int64_t violations_high, violations_low;
} sc_plan_kpis;

/* Fills 'out' for the brand called 'brand' (NULL: the host's full view).
** Returns SC_EINVAL when no brand has that name. */
SC_API sc_status sc_plan_kpis_get(const sc_plan *pl, const char *brand, sc_plan_kpis *out,
                                  sc_diag *d);

/* The size and outcome of the allocation MIP and the time spent per stage.
** The times are measured and vary; nothing written to a plan holds them. */
typedef struct sc_plan_stats {
    int mip_rows, mip_cols, mip_ints;
    long mip_nodes;
    const char *mip_status; /* "optimal", "within 0.5% of optimal", "feasible (node budget
                               spent)", "rounded LP" or "empty" */
    double mip_objective, mip_bound;
    double t_ledger, t_allocation, t_slotting, t_sequencing;
    uint64_t moves; /* engine moves, all line-days */
    size_t cars;    /* cars sequenced */
} sc_plan_stats;

SC_API void sc_plan_stats_get(const sc_plan *pl, sc_plan_stats *out);

/*
** Writes the plan into directory 'dir': plan.json, ledger.csv,
** allocation.csv, sequences.csv, late.csv, unplanned.csv and report.html.
** 'brand' NULL writes the host's full view; a brand's name writes what that
** brand may see: its own orders, allocation and sequences, and of the others
** only the aggregate capacity per line and week. Everything is written into
** a temporary sibling directory that is renamed to 'dir' at the end, so
** 'dir' holds a whole plan or is left as it was. An existing 'dir' is
** replaced only when it holds a plan and nothing else. O(cars).
*/
SC_API sc_status sc_plan_write(const sc_plan *pl, const char *dir, const char *brand, sc_diag *d);

/* Where sc_plan_write_sink sends a view's files, one after another: 'open'
** with the file's name, 'write' with its bytes in pieces, 'close' when it is
** whole. A callback returns 0, or anything else to stop the writing. */
typedef struct sc_plan_sink {
    int (*open)(void *user, const char *name);
    int (*write)(void *user, const void *buf, size_t len);
    int (*close)(void *user);
    void *user;
} sc_plan_sink;

/*
** Sends the files sc_plan_write would write into a directory for 'brand'
** (NULL: the host's full view) to 'sink' instead, byte for byte the same,
** manifest.json last (its list holds the files sent). The host's copies of
** the scenario and the orders (scenario.json, orders.csv) are a directory's
** only. Returns SC_OK; SC_EINVAL for an unknown brand or a sink without its
** callbacks; SC_EIO, with 'd' naming the file, when a callback stops it
** (the files sent before are the caller's to drop); SC_ENOMEM. O(cars).
*/
SC_API sc_status sc_plan_write_sink(const sc_plan *pl, const char *brand, const sc_plan_sink *sink,
                                    sc_diag *d);

/*
** The plan's headline as one compact JSON object in the view of 'brand'
** (NULL: the host's), with plan.json's member and key names: "sparecap",
** "view", "scenario" (name, weeks), "parameters", "kpis", the host's "mip",
** and a replan's "replan" (its summary members). '*text' is malloc'd:
** free() it. SC_EINVAL when no brand has that name; SC_ENOMEM. O(cars).
*/
SC_API sc_status sc_plan_summary_json(const sc_plan *pl, const char *brand, char **text,
                                      sc_diag *d);

/* Line-days of the plan, in line then day order. */
SC_API size_t sc_plan_ndays(const sc_plan *pl);
/*
** Rebuilds the sequencing instance of line-day 'k' exactly as the engine
** saw it (the previous day's tail as SC_CAR_PREV cars) and the plan's
** sequence of it ('*seq', sc_instance_ncars entries, malloc'd: free() it),
** so that sc_score_sequence can check it.
*/
SC_API sc_status sc_plan_day_instance(const sc_plan *pl, size_t k, sc_instance **in, uint32_t **seq,
                                      sc_diag *d);
/* The score the plan holds for line-day 'k'. */
SC_API sc_score sc_plan_day_score(const sc_plan *pl, size_t k);

/* ---------------------------------------------------------------- causes */

/*
** Why an order is late or unplanned, or why a guest's week is short of its
** contract minimum: a kind and what it names (lines, weeks or days, a rule,
** counts), as data. sc_cause_format turns one into an English sentence.
**
** A cause is read in a viewer's view (docs/FORMATS.md, "What each brand
** sees"): in a guest's view its counts are the guest's own cars ('own') and
** the slots taken by everyone else together ('others'), never split between
** the host and other guests: 'host' and 'guests' are then -1. In the host's
** view 'host' and 'guests' hold the split, and 'own' counts the cars of the
** order's (or the week's) brand.
*/
typedef enum sc_cause_kind {
    SC_CAUSE_NONE = 0,
    SC_CAUSE_CLOSED,      /* the lines are closed in the weeks (holidays, shutdowns) */
    SC_CAUSE_MAXIMUM,     /* the weekly maximum of a brand or model was reached */
    SC_CAUSE_FULL,        /* the lines are full in the weeks */
    SC_CAUSE_SPREAD,      /* the spreading rule lets in no more guest cars */
    SC_CAUSE_RULE,        /* a ratio rule leaves no day for the order */
    SC_CAUSE_EARLIER,     /* orders due earlier took the room */
    SC_CAUSE_HOST_VOLUME, /* a host order: the host's volume exceeds its lines' capacity */
    SC_CAUSE_OUTAGE,      /* a replan: a line or plant down */
    SC_CAUSE_RELEASED,    /* a week short: too few orders released and not yet built */
    SC_CAUSE_WEEK_CLOSED, /* a week short: the lines closed all week */
    SC_CAUSE_SLOTS_LOST,  /* a week short: the lines lost slots to the calendar */
    SC_CAUSE_SPREAD_WEEK, /* a week short: the spreading rule caps the guest cars */
    SC_CAUSE_RULES,       /* a week short: ratio rules turned orders away, slots free */
    SC_CAUSE_WEEK_FULL    /* a week short: the others take the lines' slots */
} sc_cause_kind;

#define SC_CAUSE_LINES 4 /* lines a cause names; 'nlines' may be more */

typedef struct sc_cause {
    sc_cause_kind kind;
    size_t nlines;                    /* lines it is about */
    const char *line[SC_CAUSE_LINES]; /* the first of them, by name */
    int week_from, week_to;           /* weeks of the horizon, from 0; -1: none */
    int day_from, day_to;             /* days of the horizon (an outage); -1: none */
    const char *subject;              /* MAXIMUM: the brand or model; HOST_VOLUME: the
                                         model; OUTAGE: the line or plant; RULE: the
                                         rule's line; else NULL */
    const char *option;               /* RULE: the rule's option */
    int rule_n, rule_p;               /* RULE: at most n cars with it in p */
    const char *closure[3];           /* CLOSED, WEEK_CLOSED, SLOTS_LOST: holidays and
                                         shutdowns named by the calendar, or NULL */
    bool on_old_day;                  /* OUTAGE: down the day the old plan built it */
    int64_t capacity;                 /* slots of the lines in the weeks */
    int64_t own;                      /* cars of the brand (RELEASED: orders open) */
    int64_t others;                   /* slots taken by everyone else */
    int64_t host, guests;             /* the host's view only, else -1 */
    int64_t count;                    /* SLOTS_LOST: slots lost; RULES: slots free;
                                         SPREAD_WEEK: guest cars let in (host's view) */
    int64_t nominal;                  /* SLOTS_LOST: the lines' usual slots */
} sc_cause;

/* Formats 'c' as one sentence into 'buf' ("capacity: P01-L1 full in
** 2026-W03 (others 1,802, yours 40 of 1,900 slots)"); returns 'buf'. */
SC_API char *sc_cause_format(const sc_plan *pl, const sc_cause *c, char *buf, size_t size);

typedef enum sc_order_status {
    SC_ORDER_ON_TIME = 0,
    SC_ORDER_LATE = 1,
    SC_ORDER_UNPLANNED = 2
} sc_order_status;

/* One order of a plan, as its brand sees it. */
typedef struct sc_plan_order {
    const char *id;
    const char *brand;
    sc_order_status status;
    const char *line; /* NULL when unplanned */
    int day;          /* day of the horizon, from 0; -1 when unplanned */
    char date[16];    /* "YYYY-MM-DD", or "" */
    unsigned position;
    sc_cause cause; /* SC_CAUSE_NONE when on time */
} sc_plan_order;

/*
** Fills 'out' with order 'i' (0 .. sc_scenario_norders - 1) of the plan as
** the brand called 'brand' sees it (NULL: the host's full view). Returns
** SC_EINVAL when no brand has that name, 'i' is out of range, or the order
** is another brand's. The strings live as long as the plan. O(1).
*/
SC_API sc_status sc_plan_order_get(const sc_plan *pl, const char *brand, size_t i,
                                   sc_plan_order *out, sc_diag *d);

/*
** Fills 'out' with the cause of guest 'brand''s week 'w' short of its
** contract minimum (SC_CAUSE_NONE when it is not short), in that brand's
** view (the host's when 'viewer' is NULL). SC_EINVAL for a bad brand, a
** host, a week out of range, or a brand the viewer may not see.
*/
SC_API sc_status sc_plan_shortfall_get(const sc_plan *pl, const char *viewer, const char *brand,
                                       size_t w, sc_cause *out, sc_diag *d);

/* ---------------------------------------------------------------- a view */

/*
** A plan's results in memory, as one viewer may see them: the view of a
** guest brand (its own orders, allocation and cars; of everyone else, per
** line and day, only the number of slots they take) or the host's full
** view. The same content as that view's plan directory (docs/FORMATS.md,
** "What each brand sees"), without files. A view reads its plan, which must
** outlive it; views of one finished plan may be used on several threads.
*/
typedef struct sc_view sc_view;

/* Computes the view of 'pl' by the brand called 'brand' (NULL: the host's
** full view). SC_EINVAL when no brand has that name; SC_ENOMEM. O(cars). */
SC_API sc_status sc_view_new(const sc_plan *pl, const char *brand, sc_view **out, sc_diag *d);
SC_API void sc_view_free(sc_view *v);
/* Is it the host's full view? */
SC_API bool sc_view_is_host(const sc_view *v);
/* Is line 'l' (0 .. sc_scenario_nlines - 1) in the view? */
SC_API bool sc_view_line_shown(const sc_view *v, size_t l);

/* A line-week of the capacity ledger (a row of ledger.csv). In the host's
** view 'others' is the host's cars and 'own' every guest's; in a guest's,
** 'own' is its cars and 'others' the slots everyone else takes. */
typedef struct sc_ledger_row {
    const char *plant, *line;
    char week[16]; /* "YYYY-Www" */
    int working_days;
    int64_t capacity, others, own, spare;
} sc_ledger_row;

/* Fills 'out' for line 'l' and week 'w' (0 .. sc_scenario_nweeks - 1);
** SC_EINVAL when out of range or the line is not in the view. */
SC_API sc_status sc_view_ledger(const sc_view *v, size_t l, size_t w, sc_ledger_row *out);

/* Guest cars the allocation asked for, and those slotted, per model, line
** and week (a row of allocation.csv): the viewer's own models only. */
typedef struct sc_allocation_row {
    const char *brand, *model, *line;
    char week[16];
    int32_t allocated, slotted;
} sc_allocation_row;

/* The rows (those not both zero), and row 'i' of them (SC_EINVAL past the end). */
SC_API size_t sc_view_nallocations(const sc_view *v);
SC_API sc_status sc_view_allocation(const sc_view *v, size_t i, sc_allocation_row *out);

/* A line-day: its line and date, the viewer's cars on it and the slots the
** others take (0 and 0 when its line is not in the view). */
typedef struct sc_day {
    const char *line;
    char date[16]; /* "YYYY-MM-DD" */
    bool shown;
    uint32_t own, others;
    int64_t colour_changes; /* the host's view only; else 0 */
} sc_day;

/* A car of a line-day in the view (a row of sequences.csv). */
typedef struct sc_day_car {
    uint32_t position; /* 1-based, among all the cars of the line-day */
    char id[160];      /* the order id, or LINE-YYYYMMDD-NNNN for a host car from demand */
    const char *brand, *model, *colour;
    char options[512]; /* option names joined by '|' */
} sc_day_car;

/* The line-days, in line then day order (as sc_plan_ndays), and line-day
** 'k' (SC_EINVAL past the end). */
SC_API size_t sc_view_ndays(const sc_view *v);
SC_API sc_status sc_view_day(const sc_view *v, size_t k, sc_day *out);
/* Copies up to 'cap' of the viewer's cars of line-day 'k', in sequence
** order, into 'cars'; returns how many there are (call with cap 0 to ask).
** O(cars of the line-day). */
SC_API size_t sc_view_day_cars(const sc_view *v, size_t k, sc_day_car *cars, size_t cap);

/* ---------------------------------------------------------------- replan */

/*
** A baseline is a published plan read back: the cars of every line-day in
** sequence order, and where each order stands. A replan starts from it.
**
** A published plan is whole or refused. sc_plan_write ends every plan
** directory with manifest.json (docs/FORMATS.md): each file's name, size and
** SHA-256, the cars of each line-day and the orders of each brand the view
** holds. A baseline is read only from a plan whose files all match their
** manifest, and whose plan.json agrees with sequences.csv and the manifest
** (cars per line-day, each car and order in its place, orders per brand,
** scenario and horizon). A plan directory without a manifest (written by an
** older sparecap) is refused: write it again.
*/
typedef struct sc_baseline sc_baseline;

/* One file of a plan directory held in memory: its name in the directory
** ("plan.json") and its 'len' bytes. */
typedef struct sc_plan_file {
    const char *name;
    const void *data;
    size_t len;
} sc_plan_file;

/* The files of a plan held in memory (a network body, say): 'count' of
** them. 'where' is named before each file in messages ("DIR" gives
** "DIR/plan.json"); NULL names the files alone. */
typedef struct sc_plan_files {
    const sc_plan_file *file;
    size_t count;
    const char *where;
} sc_plan_files;

/*
** Reads the plan directory 'dir' that sc_plan_write wrote in the host's full
** view, for the scenario 'sc' with its orders (which must outlive the
** baseline). The directory must hold exactly the files its manifest lists,
** each with its size and SHA-256; then plan.json and sequences.csv are read
** (with jansson and libcsv, in any layout) and checked against each other,
** the manifest and 'sc': its name, horizon and lines, and every car (line,
** date, order, brand, model, colour, options). On SC_EINVAL 'd' names the
** one file at fault (and the line, where there is one) and what differs;
** SC_EIO when a file cannot be read; SC_ENOMEM. '*out' is set only on SC_OK.
** O(bytes in 'dir'); plan.json is decoded one member, and one line-day or
** order, at a time.
*/
SC_API sc_status sc_baseline_read(const char *dir, const sc_scenario *sc, sc_baseline **out,
                                  sc_diag *d);
/*
** The same from memory: 'files' must hold manifest.json, plan.json and
** sequences.csv, and may hold the plan's other files; each one given is
** checked against the manifest (a file the manifest does not list is
** refused), those left out are not. Nothing is copied: the buffers are read
** during the call only. Same checks and messages as sc_baseline_read.
*/
SC_API sc_status sc_baseline_parse(const sc_plan_files *files, const sc_scenario *sc,
                                   sc_baseline **out, sc_diag *d);
/*
** A baseline taken directly from the plan 'pl' held in memory (a plan or a
** replan, in the host's full view), without files: the same baseline that
** sc_baseline_read gives for the directory sc_plan_write(pl, dir, NULL)
** writes, so a replan from either is the same, byte for byte. 'sc' is the
** scenario the plan (or the first plan of a chain of replans) was made
** from; SC_EINVAL when it is not. 'pl' may be freed after; 'sc' must
** outlive the baseline. O(cars).
*/
SC_API sc_status sc_baseline_from_plan(const sc_plan *pl, const sc_scenario *sc, sc_baseline **out,
                                       sc_diag *d);
SC_API void sc_baseline_free(sc_baseline *b);
/* Sets the seed, effort and node budget of 'p' to those the baseline was
** planned with; the other fields are left as they are. */
SC_API void sc_baseline_params(const sc_baseline *b, sc_plan_params *p);

/*
** A line or a plant, by its name in the scenario ('where'), over the days
** 'from' to 'to', both "YYYY-MM-DD" and both included ('to' NULL: the day
** 'from' alone): the days of an outage, or the days an extra shift is
** offered on.
*/
typedef struct sc_span {
    const char *where;
    const char *from;
    const char *to;
} sc_span;

typedef struct sc_replan_params {
    sc_plan_params plan;   /* seed, effort, node budget, threads, progress */
    const char *from;      /* "YYYY-MM-DD", the first day that may change; NULL: the
                              first day of the earliest outage */
    int frozen_days;       /* working days from 'from' kept as published, >= 0 */
    const sc_span *outage; /* a line or a plant down on those days */
    size_t noutages;
    const sc_span *shift; /* extra shifts offered on a line or every line of a plant,
                             one per day (Sundays and bank holidays in a range left out) */
    size_t nshifts;
    double shift_cost;  /* per extra shift; < 0: the scenario's "recovery" cost */
    double shift_hours; /* hours of an extra shift; <= 0: the scenario's */
    double churn_cost;  /* per car the allocation takes off its old line-week */
    double host_value;  /* per host car of demand its week could not build (its line down),
                           built in a later week, in spare slots or extra shifts; 0: none;
                           < 0: the scenario's "recovery" value, else 0 */
} sc_replan_params;

/* Sets 'p' to the defaults: sc_plan_defaults, 'from' NULL, 5 frozen days,
** no outage, no shift, the scenario's shift cost and hours (20,000 and 7.5
** when it has none), churn cost 10 (a tenth of a
** week late in the demo's contract). */
SC_API void sc_replan_defaults(sc_replan_params *p);

/*
** Replans 'base' after the outages of 'p': the line-days before the end of
** the frozen horizon stay as published (same cars, same positions), except
** on a line that is down, whose cars go, in their published order, to the
** front of its first line-days after the frozen horizon; everything after
** is allocated, slotted and sequenced again, preferring each order's old
** line and day and each car's old position. Nothing is planned on a line
** while it is down. Extra shifts are used only where they cut lateness or
** contract shortfall by more than they cost, or, with a 'host_value', build
** the host's demand that its week could not in a later week. Returns SC_OK
** with '*out' a
** full plan (sc_plan_write writes it with diff.csv and the comparison),
** SC_EINVAL with 'd' naming the bad outage, shift or date, SC_ENOMEM or
** SC_EIO. 'sc' and 'base' must be those the baseline was read with; 'sc'
** must outlive the plan, 'base' need not. Same input and seed, same plan.
*/
SC_API sc_status sc_replan_run(const sc_scenario *sc, const sc_baseline *base,
                               const sc_replan_params *p, sc_plan **out, sc_diag *d);

/* What a replan changed, against its baseline. */
typedef struct sc_replan_stats {
    char from[16];      /* "YYYY-MM-DD" */
    char frozen_to[16]; /* the last day of the frozen horizon, or "" */
    size_t outages;
    size_t fixed_line_days;    /* kept as published (before 'from' and frozen) */
    size_t carried_cars;       /* published for a day their line is down: planned first after */
    size_t carried_lost;       /* of those, on a line down to the end of the horizon */
    int64_t orders_compared;   /* orders planned in both plans */
    int64_t orders_same_day;   /* same line and day */
    int64_t moved_day;         /* same line, another day */
    int64_t moved_line;        /* another line */
    int64_t newly_unplanned;   /* planned before, not now */
    int64_t newly_planned;     /* not planned before, planned now */
    double mean_delay_days;    /* over the orders compared, new day - old day */
    size_t line_days_compared; /* after the frozen horizon, in both plans */
    size_t line_days_same;     /* of those, with the same sequence */
    double sequence_accuracy;  /* cars in their old position, over those line-days */
    size_t shifts_offered, shifts_used;
    double shift_cost;      /* of the shifts used */
    int64_t cars_lost;      /* cars the old plan built that the new one does not */
    double host_value;      /* per host car caught up (0: none) */
    int64_t host_owed;      /* host demand from 'from' on that its week could not build */
    int64_t host_caught_up; /* of those, built in a later week */
} sc_replan_stats;

/* Fills 'out' for the replan 'pl'; SC_EINVAL when 'pl' is not a replan. */
SC_API sc_status sc_replan_stats_get(const sc_plan *pl, sc_replan_stats *out, sc_diag *d);

/* One brand before and after a replan. */
typedef struct sc_replan_brand {
    int64_t cars_before, cars_after;           /* built over the horizon */
    int64_t late_before, late_after;           /* orders */
    int64_t unplanned_before, unplanned_after; /* orders */
    int64_t shortfall_before, shortfall_after; /* cars short of the weekly contract minimums */
} sc_replan_brand;

/* Fills 'out' for the brand called 'brand'; SC_EINVAL when 'pl' is not a
** replan or no brand has that name. */
SC_API sc_status sc_replan_brand_get(const sc_plan *pl, const char *brand, sc_replan_brand *out,
                                     sc_diag *d);

/* One line before and after a replan. Dates are "YYYY-MM-DD", or "" when
** there is none. */
typedef struct sc_replan_line {
    const char *name;
    char down_from[16], down_to[16]; /* the first and last day of its outages */
    char restart[16];                /* the first day it builds again */
    char back_on_plan[16];           /* from this day on it builds the old plan's cars */
    int64_t lost;                    /* cars the old plan built on its days down */
    int64_t behind;                  /* cars behind the old plan at the end of the horizon */
    double accuracy;                 /* cars in their old position after the frozen horizon */
} sc_replan_line;

/* Fills 'out' for line 'l' (0 .. sc_scenario_nlines - 1); SC_EINVAL when
** 'pl' is not a replan or 'l' is out of range. */
SC_API sc_status sc_replan_line_get(const sc_plan *pl, size_t l, sc_replan_line *out, sc_diag *d);

#ifdef __cplusplus
}
#endif
#endif
