/*
** Causes as data (cause.c): why an order is late or unplanned, and why a
** guest's week is short of its contract minimum. The pipeline finds them
** once, after sequencing (and a replan adds its outages); each is a kind
** with the lines, weeks, rule and counts that explain it, kept in the
** plan's table 'cause'. 'order_reason' (per order) and 'short_cause' (per
** brand and week) hold indices into it.
**
** A cause holds every count, the host's split included; what a viewer may
** read of it is decided by the view (view.c), which hands the writers and
** the report an 'sc_cause' with only the counts that viewer may see, and
** cause_text.c turns that into a sentence.
*/
#ifndef SC_CAUSE_H
#define SC_CAUSE_H

#include "plan.h"

struct sc__cause {
    uint8_t kind;    /* sc_cause_kind */
    bool on_old_day; /* OUTAGE: down the day the old plan built it */
    uint32_t line0;  /* its lines: pl->cause_line[line0 .. line0 + nlines) */
    uint32_t nlines;
    int32_t week_from, week_to;     /* -1: none */
    int32_t day_from, day_to;       /* -1: none */
    int32_t brand;                  /* the brand whose cars 'own' counts, or -1 */
    int32_t subject;                /* MAXIMUM, HOST_VOLUME, RULE: a name offset in the
                                       scenario's names; -1: none */
    int32_t outage;                 /* OUTAGE: index into pl->rp->out */
    int32_t option, rule_n, rule_p; /* RULE */
    int32_t closure[3];             /* name offsets of holidays and shutdowns, or -1 */
    int64_t capacity, own, host, guests, count, nominal;
};

/* A cause with nothing set: kind NONE, every index -1, every count 0. */
sc__cause sc__cause_blank(void);

/* Appends 'c' to the plan's causes with the lines set in 'mask' (nl
** entries; NULL: none). Returns its index, or SC__NO_REASON when out of
** memory ('pl->causes_nomem' is then set). */
uint32_t sc__cause_add(sc_plan *pl, const sc__cause *c, const uint8_t *mask);

/* Frees the plan's causes (sc_plan_free). */
void sc__causes_release(sc_plan *pl);

/* Replaces the cause of each order that a replan made late or unplanned
** when an outage explains it (src/plan/replan.c calls it after
** sc__plan_causes). */
void sc__replan_causes(sc_plan *pl);

/* Fills 'out' from cause 'idx' (SC__NO_REASON: kind NONE) with the counts a
** viewer may see: all of them when 'full', else the own cars and the
** others' slots as one number. Strings point into the plan. */
void sc__cause_get(const sc_plan *pl, uint32_t idx, bool full, sc_cause *out);

#endif
