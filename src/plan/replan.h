/*
** Internal view of replanning, shared by the replanner (src/plan/replan.c,
** replan_slot.c), the baseline reader (src/io/baseline_read.c), the writers
** (src/io/replan_write.c) and the report (src/report/replan.c).
**
** Words. The baseline is the published plan, read back from its directory.
** 'from' is the first day the replan may change; the frozen horizon is the
** first 'frozen_days' working days from 'from' (days on which the baseline
** builds on any line). Line-days before the end of the frozen horizon are
** kept as published ("fixed"), unless an outage takes their line down: their
** cars are then "carried", in their published order, to the front of the
** first line-days of their line after the frozen horizon.
*/
#ifndef SC_REPLAN_H
#define SC_REPLAN_H

#include "plan.h"

typedef struct sc__replan sc__replan;

struct sc_baseline {
    const sc_scenario *sc;
    sc_plan_params params; /* seed, effort and node budget it was made with */
    size_t nl, nd;
    sc__car *car; /* every car, line-day after line-day, in sequence order */
    size_t ncars;
    uint32_t *first;     /* nl x nd + 1: line-day (l, t) holds car[first[k] .. first[k + 1]) */
    int32_t *order_line; /* per order of the scenario: its line, or -1 when not planned */
    int32_t *order_day;
    uint32_t *order_pos; /* 1-based */
    char **outage;       /* "WHAT:FROM..TO" of the outages an earlier replan applied */
    size_t noutages;
    double host_value; /* the catch-up value an earlier replan used; -1: none */
};

/* An outage: a line or a whole plant down from day 'from' to 'to'. */
typedef struct sc__outage {
    char what[160];             /* the line or plant, as named */
    int32_t plant, line;        /* the one named; the other is -1 */
    int32_t date_from, date_to; /* days since 1970, as given */
    int32_t from, to;           /* horizon days, clipped to the horizon */
    uint32_t label;             /* offset of its name in the replan's name pool */
    bool inherited;             /* applied by an earlier replan */
} sc__outage;

/* A car carried from a frozen line-day whose line is down. */
typedef struct sc__carried {
    sc__car car;
    int32_t line, old_day;
    uint32_t old_pos;
    int32_t new_day; /* -1: its line stays down to the end of the horizon */
    uint32_t new_pos;
} sc__carried;

/* Per line: when it stops and is back. */
typedef struct sc__line_recovery {
    int32_t down_from, down_to; /* first and last day down, or -1 */
    int32_t restart;            /* first day with cars after the outage, or -1 */
    int32_t on_plan;            /* first day from which every line-day holds the old cars, or -1 */
    int64_t behind;             /* cars behind the old plan at the end of the horizon */
    int64_t lost;               /* cars the old plan built in the outage */
    double accuracy;            /* cars in their old position, after the frozen horizon */
    size_t days_compared;
} sc__line_recovery;

struct sc__replan {
    sc_scenario scx; /* the scenario, with the outages in its calendars */
    sc__line *line;  /* scx.line: copies with their own calendars */
    sc__outage *out;
    size_t nout;
    int32_t from, fz_end; /* horizon days: 'from', and the day after the frozen horizon */
    int frozen_days;
    double shift_cost, churn_cost, shift_hours, host_value;
    uint8_t *down;  /* nl x nd: down by an outage */
    uint8_t *fixed; /* nl x nd: kept as published */

    /* the baseline, copied */
    sc__car *ocar;
    uint32_t *ofirst; /* nl x nd + 1 */
    int32_t *old_line, *old_day;
    uint32_t *old_pos;
    uint8_t *old_status; /* SC__ORDER_* in the old plan */

    /* inputs of the allocation (pointed to by the plan) */
    uint8_t *order_fixed;
    int32_t *fixed_bw, *fixed_mw, *alloc_old;
    sc__shift *shift;
    size_t nshifts;
    int32_t *owed_cum;   /* nm x nw: host cars of the old plan their week can no longer build,
                            from 'from' on,
                            summed to the end of week w */
    int32_t *host_extra; /* nm x nl x nw: of it, built in week w on line l */

    /* carried cars, line by line, in published order */
    sc__carried *carried;
    size_t ncarried;
    uint32_t *npin;  /* nl x nd: carried cars at the front of the line-day */
    uint8_t *sealed; /* nl x nd: a carried day another follows: no other car */

    /* the comparison */
    int32_t *old_bw, *new_bw; /* nb x nw: cars per brand and week, the host's included */
    int32_t *old_lt, *new_lt; /* nl x nd: cars per line-day */
    int32_t *same_pos;        /* nl x nd: cars in their old position */
    int64_t *old_late, *old_unplanned, *old_short; /* per brand */
    sc__line_recovery *rec;                        /* per line */
    sc_replan_stats st;
};

/* Checks 'spec' ("WHAT:FROM..TO" or "WHAT:DATE") against 'sc': WHAT a line
** or a plant, dates "YYYY-MM-DD" in order and both inside the horizon. Fills
** 'o' (dates and horizon days) and returns SC_OK, or SC_EINVAL with 'd'
** naming 'arg' (the option, for messages). */
sc_status sc__outage_parse(const sc_scenario *sc, const char *spec, const char *arg, sc__outage *o,
                           sc_diag *d);

/* How the orders the view 'v' sees fared against the old plan:
** those planned in both from the replan's first day on, compared by line and
** day, and those planned in one plan only (diff.c). */
typedef struct sc__churn {
    int64_t compared, same, moved_day, moved_line, unplanned, planned;
    double delay; /* days later, summed over the compared orders */
} sc__churn;
struct sc__view;
void sc__replan_churn(const sc_plan *pl, const struct sc__view *v, sc__churn *c);

/* The carried cars of line l that the view 'v' sees: how many,
** over how many published days, how many no day could take, and the first
** and last days they were published for and are built on (-1: none). */
typedef struct sc__carried_span {
    int64_t cars, days, lost;
    int32_t pub_from, pub_to, built_from, built_to;
} sc__carried_span;
void sc__replan_carried_span(const sc_plan *pl, size_t l, const struct sc__view *v,
                             sc__carried_span *s);

/* Line l's recovery as the view's viewer may read it: in the full view
** 'rp->rec[l]'; in a guest's view the same dates, with the cars lost,
** behind and in their old position counted over the guest's own cars
** (view.c). '*days_same' gets the line-days after the frozen horizon whose
** own cars all kept their position. */
void sc__view_recovery(const struct sc__view *v, size_t l, sc__line_recovery *out,
                       size_t *days_same);

/* Slots the replan's cars onto their line-days (replan_slot.c). */
sc_status sc__replan_slot(sc_plan *pl, sc_diag *d);

#endif
