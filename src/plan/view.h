/*
** What one viewer may see of a plan (view.c), computed once and handed to
** every writer, the report, the diff and the causes, which never decide it
** again. The rule (docs/FORMATS.md, "What each brand sees"):
**
**   - The host sees everything: every brand, order, car, count and cost.
**   - A guest sees its own orders, allocation, sequences, contract and
**     causes, the lines its models can be built on, the rules of those
**     lines that concern options its models carry (and the spreading rule
**     when it counts the guest's cars), and the lines' capacity and
**     calendars.
**   - Of everyone else, a guest sees only, per line and day (and the sums
**     of those per week), the number of slots taken by others: the host and
**     the other guests together, never split between them, never by model,
**     option, colour or order. A cause in a guest's view names lines, days
**     and weeks and rules, and counts the others only as that number.
**
** A guest's view is written from the view's counts, which are taken from
** the cars themselves, so two plans whose cars differ only in whose the
** others' cars are give the guest the same bytes.
*/
#ifndef SC_VIEW_H
#define SC_VIEW_H

#include "plan.h"

typedef struct sc__view {
    const sc_plan *pl;
    int32_t brand;               /* the viewer; -1: the host's full view */
    bool full;                   /* the host's view: everything, brand by brand */
    uint8_t *own_brand;          /* nb: the viewer's own (every brand in the full view) */
    uint8_t *own_model;          /* nm */
    uint8_t *line;               /* nl: lines shown */
    uint8_t *option;             /* options shown (rules, model options) */
    int32_t *day_own;            /* nl x nd: the viewer's cars (the guests' in the full view) */
    int32_t *day_others;         /* nl x nd: slots taken by others (the host's in the full view) */
    int32_t *wk_own, *wk_others; /* nl x nw: the same per week */
    /* A replan: per line-day, the old plan's cars of the viewer and slots of
    ** the others, and the viewer's cars in their old position (all NULL in a
    ** plan). */
    int32_t *old_own, *old_others, *same_own;
} sc__view;

/*
** Computes the view of 'pl' by the brand called 'brand' (NULL, or the
** host's name: the host's full view). SC_EINVAL, with 'd' listing the
** brands, when no brand has that name; SC_ENOMEM. O(cars + lines x days).
*/
sc_status sc__view_init(sc__view *v, const sc_plan *pl, const char *brand, sc_diag *d);
/* The same for brand index 'brand' (-1 or the host: the full view). */
sc_status sc__view_init_index(sc__view *v, const sc_plan *pl, int32_t brand);
void sc__view_release(sc__view *v);

/* Is brand 'b' (model 'm', order 'i', car 'c') the viewer's own? */
static inline bool sc__view_brand(const sc__view *v, int32_t b) { return v->own_brand[b] != 0; }
static inline bool sc__view_model(const sc__view *v, int32_t m) { return v->own_model[m] != 0; }
static inline bool sc__view_order(const sc__view *v, size_t i) {
    return v->own_brand[v->pl->sc->order[i].brand] != 0;
}
static inline bool sc__view_car(const sc__view *v, const sc__car *c) {
    return v->own_model[c->model] != 0;
}
/* Is line 'l' shown (can the viewer's models be built on it)? */
static inline bool sc__view_line(const sc__view *v, size_t l) { return v->line[l] != 0; }
/* Is option 'o' shown (does one of the viewer's models carry it)? */
static inline bool sc__view_option(const sc__view *v, int32_t o) { return v->option[o] != 0; }
/* Is line l's spreading rule shown (does it count the viewer's cars)? */
bool sc__view_spread(const sc__view *v, size_t l);
/* Guest cars of brand 'b' on line-week (l, w), for the full view's split;
** 0 in a guest's view for any brand but its own. */
int64_t sc__view_brand_week(const sc__view *v, int32_t b, size_t l, size_t w);

/* Fills 'out' with cause 'idx' as the viewer may read it. */
void sc__view_cause(const sc__view *v, uint32_t idx, sc_cause *out);
/* Cause 'idx' as a sentence into 'buf' ("" for none); returns 'buf'. */
const char *sc__view_cause_text(const sc__view *v, uint32_t idx, char *buf, size_t size);

/* The headline numbers as the viewer may see them (plan.c). */
void sc__view_kpis(const sc__view *v, sc_plan_kpis *out);

/* The viewer's name, or NULL in the full view. */
const char *sc__view_name(const sc__view *v);

#endif
