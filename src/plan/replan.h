/*
** Internal view of replanning, shared by the replanner (src/plan/replan.c),
** the comparison (diff.c), the baseline reader (src/io/baseline_read.c), the writers
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
    sc_span *outage;     /* the outages an earlier replan applied; their strings are owned */
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
    uint8_t *down;       /* nl x nd: down by an outage */
    uint8_t *old_status; /* per order: SC__ORDER_* in the old plan */

    /* The plan's frame (plan.h) holds the baseline, the kept line-days and
    ** the carried cars; these point into it, for the comparison, the
    ** writers and the report, and are not freed with the replan. */
    const uint8_t *fixed;
    const sc__car *ocar;
    const uint32_t *ofirst;
    const int32_t *old_line, *old_day;
    const uint32_t *old_pos;
    const uint8_t *order_fixed;
    const sc__carried *carried;
    size_t ncarried;
    const uint32_t *npin;
    const uint8_t *sealed;

    /* the comparison */
    int32_t *old_bw, *new_bw; /* nb x nw: cars per brand and week, the host's included */
    int32_t *old_lt, *new_lt; /* nl x nd: cars per line-day */
    int32_t *same_pos;        /* nl x nd: cars in their old position */
    int64_t *old_late, *old_unplanned, *old_short; /* per brand */
    sc__line_recovery *rec;                        /* per line */
    sc_replan_stats st;
};

/* Checks span 's' against 'sc': 'where' a line or a plant, dates
** "YYYY-MM-DD" in order and both inside the horizon. Fills 'o' (dates and
** horizon days) and returns SC_OK, or SC_EINVAL with 'd' naming the span as
** a 'kind' ("outage", "extra shift", ...). */
sc_status sc__span_check(const sc_scenario *sc, const sc_span *s, const char *kind, sc__outage *o,
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

#endif
