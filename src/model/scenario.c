/*
** The planning scenario: allocation, release, name tables and look-ups.
** Data only: the readers live in src/io/, the planner in src/plan/.
*/
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

sc_scenario *sc__scenario_alloc(void) {
    sc_scenario *sc = sc__calloc(1, sizeof *sc);
    if (!sc) return NULL;
    sc->host = -1;
    sc->changeover_cost = 25;
    sc->early_cost = 1;
    return sc;
}

void sc_scenario_free(sc_scenario *sc) {
    if (!sc) return;
    for (size_t l = 0; l < sc->nlines; l++)
        sc__free(sc->line[l].off);
    for (size_t m = 0; m < sc->nmodels; m++) {
        sc__free(sc->model[m].colour);
        sc__free(sc->model[m].share);
        sc__free(sc->model[m].demand);
    }
    sc__free(sc->file);
    sc__free(sc->orders_file);
    sc__free(sc->notes);
    sc__free(sc->recovery_shift);
    sc__free(sc->plant);
    sc__free(sc->line);
    sc__free(sc->brand);
    sc__free(sc->model);
    sc__free(sc->compat);
    sc__free(sc->order);
    sc__names_release(&sc->option);
    sc__names_release(&sc->colour);
    sc__strpool_release(&sc->names);
    sc__strpool_release(&sc->ids);
    sc__free(sc);
}

/* ------------------------------------------------------------ name tables */

long sc__names_add(sc__names *t, const char *s) {
    size_t off = sc__strpool_add(&t->pool, s, false, true);
    if (off == (size_t)-2) return -2;
    if (off == (size_t)-1) return -1;
    if (!sc__grow((void **)&t->off, &t->cap, t->n + 1, sizeof *t->off)) return -1;
    t->off[t->n] = (uint32_t)off;
    return (long)t->n++;
}

/* Offsets grow with the index, so the index of an offset is found by
** binary search. */
static long index_of_offset(const uint32_t *off, size_t n, uint32_t at) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (off[mid] < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && off[lo] == at ? (long)lo : -1;
}

long sc__names_find(const sc__names *t, const char *s) {
    long at = sc__strpool_find(&t->pool, s);
    return at < 0 ? -1 : index_of_offset(t->off, t->n, (uint32_t)at);
}

const char *sc__names_get(const sc__names *t, size_t i) { return t->pool.buf + t->off[i]; }

void sc__names_release(sc__names *t) {
    sc__strpool_release(&t->pool);
    sc__free(t->off);
    memset(t, 0, sizeof *t);
}

long sc__find_brand(const sc_scenario *sc, const char *s) {
    for (size_t i = 0; i < sc->nbrands; i++)
        if (!strcmp(sc__name(sc, sc->brand[i].name), s)) return (long)i;
    return -1;
}

long sc__find_line(const sc_scenario *sc, const char *s) {
    for (size_t i = 0; i < sc->nlines; i++)
        if (!strcmp(sc__name(sc, sc->line[i].name), s)) return (long)i;
    return -1;
}

long sc__find_model(const sc_scenario *sc, const char *s) {
    for (size_t i = 0; i < sc->nmodels; i++)
        if (!strcmp(sc__name(sc, sc->model[i].name), s)) return (long)i;
    return -1;
}

long sc__find_order_by_id(const sc_scenario *sc, const char *id) {
    long at = sc__strpool_find(&sc->ids, id);
    if (at < 0) return -1;
    size_t lo = 0, hi = sc->norders;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->order[mid].id < (uint32_t)at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sc->norders && sc->order[lo].id == (uint32_t)at ? (long)lo : -1;
}

/* ------------------------------------------------------------ public accessors */

const char *sc_scenario_name(const sc_scenario *sc) { return sc__name(sc, sc->name); }
size_t sc_scenario_nplants(const sc_scenario *sc) { return sc->nplants; }
size_t sc_scenario_nlines(const sc_scenario *sc) { return sc->nlines; }
size_t sc_scenario_nweeks(const sc_scenario *sc) { return (size_t)sc->nweeks; }
size_t sc_scenario_nbrands(const sc_scenario *sc) { return sc->nbrands; }
size_t sc_scenario_nmodels(const sc_scenario *sc) { return sc->nmodels; }
size_t sc_scenario_norders(const sc_scenario *sc) { return sc->norders; }
const char *sc_scenario_brand_name(const sc_scenario *sc, size_t b) {
    return sc__name(sc, sc->brand[b].name);
}
bool sc_scenario_brand_is_host(const sc_scenario *sc, size_t b) { return sc->brand[b].host; }
long sc_scenario_find_brand(const sc_scenario *sc, const char *name) {
    return name ? sc__find_brand(sc, name) : -1;
}

/* ------------------------------------------------------------ calendar */

/*
** Days from civil and back: Howard Hinnant's algorithms ("chrono-Compatible
** Low-Level Date Algorithms"), exact over the proleptic Gregorian calendar.
*/
int32_t sc__days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sc__civil_from_days(int32_t z, int *y, int *m, int *d) {
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t yy = yoe + era * 400;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int sc__weekday(int32_t days) {
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int32_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* The Monday of ISO week 1 of 'year': the week that holds 4 January. */
static int32_t iso_year_start(int year) {
    int32_t jan4 = sc__days_from_civil(year, 1, 4);
    return jan4 - sc__weekday(jan4);
}

int32_t sc__iso_week_monday(int year, int week) {
    if (week < 1 || week > 53) return INT32_MIN;
    int32_t start = iso_year_start(year);
    int32_t monday = start + 7 * (week - 1);
    if (week == 53 && monday >= iso_year_start(year + 1)) return INT32_MIN;
    return monday;
}

void sc__iso_week_of(int32_t days, int *year, int *week) {
    int y, m, d;
    sc__civil_from_days(days - sc__weekday(days) + 3, &y, &m, &d); /* the Thursday */
    *year = y;
    *week = (int)((days - iso_year_start(y)) / 7 + 1);
}

/* Reads 'n' decimal digits of 's' into '*out'. */
static bool digits(const char *s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool sc__parse_date(const char *s, int32_t *out) {
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return false;
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] || (m == 2 && d == 29 && !leap)) return false;
    *out = sc__days_from_civil(y, m, d);
    return true;
}

bool sc__parse_week(const char *s, int32_t *monday) {
    int y, w;
    if (strlen(s) != 8 || s[4] != '-' || s[5] != 'W') return false;
    if (!digits(s, 4, &y) || !digits(s + 6, 2, &w) || y < 1900 || y > 2999) return false;
    int32_t m = sc__iso_week_monday(y, w);
    if (m == INT32_MIN) return false;
    *monday = m;
    return true;
}

char *sc__format_date(int32_t days, char buf[16]) {
    int y, m, d;
    sc__civil_from_days(days, &y, &m, &d);
    snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m, d);
    return buf;
}

char *sc__format_week(int32_t days, char buf[16]) {
    int y, w;
    sc__iso_week_of(days, &y, &w);
    snprintf(buf, 16, "%04d-W%02d", y % 10000, w);
    return buf;
}
