/*
** A cause as one English sentence, for the writers and the report: the edge
** where data becomes text. Only the counts that 'c' carries are written, so
** a cause read in a guest's view (view.c left 'host' and 'guests' at -1)
** names the others' slots as one number. The host's sentences are those
** sparecap has always written.
*/
#include <stdarg.h>
#include <string.h>

#include "plan.h"

/* Appends to 'buf' (of 'size', holding '*n' bytes) as snprintf would. */
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...) SC__PRINTF(4, 5);
static void add(char *buf, size_t size, size_t *n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *n, size > *n ? size - *n : 0, fmt, ap);
    va_end(ap);
    if (w > 0) *n += (size_t)w;
    if (*n >= size) *n = size ? size - 1 : 0;
}

/* Up to four line names, "and N more", into 'buf'. */
static const char *lines_text(const sc_cause *c, char *buf, size_t size) {
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < c->nlines && k < SC_CAUSE_LINES; k++)
        add(buf, size, &n, "%s%s", k ? ", " : "", c->line[k]);
    if (c->nlines > SC_CAUSE_LINES) add(buf, size, &n, " and %zu more", c->nlines - SC_CAUSE_LINES);
    return buf;
}

/* "2026-W03", or "2026-W03 to 2026-W05". */
static const char *span_text(const sc_plan *pl, const sc_cause *c, char *buf, size_t size) {
    char a[16], b[16];
    int32_t day0 = pl->sc->day0;
    sc__format_week(day0 + 7 * c->week_from, a);
    if (c->week_to == c->week_from)
        snprintf(buf, size, "%s", a);
    else
        snprintf(buf, size, "%s to %s", a, sc__format_week(day0 + 7 * c->week_to, b));
    return buf;
}

/* " (Easter, Shutdown)" for the closures, or "". */
static const char *closure_text(const sc_cause *c, char *buf, size_t size) {
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < 3 && c->closure[k]; k++)
        add(buf, size, &n, "%s%s", k ? ", " : " (", c->closure[k]);
    if (n) add(buf, size, &n, ")");
    return buf;
}

char *sc_cause_format(const sc_plan *pl, const sc_cause *c, char *out, size_t size) {
    char buf[512], ln[200], sp[48], cl[200], a[16], b[16];
    bool full = c->host >= 0;
    long long cap = c->capacity, own = c->own, others = c->others;
    if (!size) return out;
    buf[0] = '\0';
    if (c->nlines) lines_text(c, ln, sizeof ln);
    if (c->week_from >= 0) span_text(pl, c, sp, sizeof sp);
    switch (c->kind) {
    case SC_CAUSE_NONE: break;
    case SC_CAUSE_CLOSED:
        snprintf(buf, sizeof buf, "calendar: %s closed in %s%s", ln, sp,
                 closure_text(c, cl, sizeof cl));
        break;
    case SC_CAUSE_MAXIMUM:
        snprintf(buf, sizeof buf, "contract: the weekly maximum of %s was reached in %s",
                 c->subject, sp);
        break;
    case SC_CAUSE_FULL:
        if (full)
            snprintf(buf, sizeof buf,
                     "capacity: %s full in %s (host %lld, guests %lld of %lld slots)", ln, sp,
                     (long long)c->host, (long long)c->guests, cap);
        else
            snprintf(buf, sizeof buf,
                     "capacity: %s full in %s (others %lld, yours %lld of %lld slots)", ln, sp,
                     others, own, cap);
        break;
    case SC_CAUSE_SPREAD:
        snprintf(buf, sizeof buf, "rule: the spreading rule on %s lets in no more guest cars in %s",
                 ln, sp);
        break;
    case SC_CAUSE_RULE:
        snprintf(buf, sizeof buf, "rule: %s %d/%d on %s leaves no day for it in %s", c->option,
                 c->rule_n, c->rule_p, c->subject, sp);
        break;
    case SC_CAUSE_EARLIER:
        snprintf(buf, sizeof buf, "capacity: orders due earlier took the room on %s in %s", ln, sp);
        break;
    case SC_CAUSE_HOST_VOLUME:
        snprintf(buf, sizeof buf,
                 "capacity: the host's volume of %s exceeds its lines' capacity in %s", c->subject,
                 sp);
        break;
    case SC_CAUSE_OUTAGE:
        snprintf(buf, sizeof buf, "outage: %s down from %s to %s%s", c->subject,
                 sc__format_date(pl->sc->day0 + c->day_from, a),
                 sc__format_date(pl->sc->day0 + c->day_to, b),
                 c->on_old_day ? ", the day the old plan built it" : ", in the weeks it was due");
        break;
    case SC_CAUSE_RELEASED:
        snprintf(buf, sizeof buf, "orders: only %lld orders released and not yet built by %s", own,
                 sp);
        break;
    case SC_CAUSE_WEEK_CLOSED:
        snprintf(buf, sizeof buf, "calendar: %s closed all week%s", ln,
                 closure_text(c, cl, sizeof cl));
        break;
    case SC_CAUSE_SLOTS_LOST:
        snprintf(buf, sizeof buf, "calendar: %s lost %lld of %lld slots%s", ln, (long long)c->count,
                 (long long)c->nominal, closure_text(c, cl, sizeof cl));
        break;
    case SC_CAUSE_SPREAD_WEEK:
        if (full)
            snprintf(
                buf, sizeof buf,
                "rule: the spreading rule lets %lld guest cars in beside the host's %lld on %s",
                (long long)c->count, (long long)c->host, ln);
        else
            snprintf(buf, sizeof buf, "rule: the spreading rule caps the guest cars on %s", ln);
        break;
    case SC_CAUSE_RULES:
        snprintf(buf, sizeof buf,
                 "rules: the lines' ratio rules turned away orders (%lld slots free on %s)",
                 (long long)c->count, ln);
        break;
    case SC_CAUSE_WEEK_FULL:
        if (full)
            snprintf(buf, sizeof buf,
                     "capacity: host volume takes %lld of %lld slots on %s, other guests %lld",
                     (long long)c->host, cap, ln, (long long)(c->guests - c->own));
        else
            snprintf(buf, sizeof buf, "capacity: others take %lld of %lld slots on %s", others, cap,
                     ln);
        break;
    }
    snprintf(out, size, "%s", buf);
    return out;
}
