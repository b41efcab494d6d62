/*
** The scenario reader: JSON (docs/FORMATS.md) parsed by jansson, then
** checked member by member into an 'sc_scenario'.
**
** Every problem found is listed, not only the first: the checks go on past
** an error, record it with the JSON path of the value at fault, and at the
** end each path is turned into a line and column. Jansson reports positions
** only for syntax errors, so the position of a value is found by walking
** the text along its path with jansson itself: each member key and each
** skipped sibling value is decoded by json_loadb with
** JSON_DISABLE_EOF_CHECK, which reports how many bytes it read; only the
** blanks and the ':' and ',' between them are stepped over here. That costs
** O(file) per error and runs only when there are errors.
*/
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "planio.h"

#define MAX_DEPTH 12
#define MAX_RAW_ERRORS (SC_MAX_DIAGS * 5)

/* ------------------------------------------------------------ diagnostic lists */

void sc__diags_clear(sc_diag_list *dl) {
    if (dl) memset(dl, 0, sizeof *dl);
}

void sc__diags_vadd(sc_diag_list *dl, const char *file, unsigned line, unsigned column,
                    const char *fmt, va_list ap) {
    if (!dl) return;
    if (dl->count >= SC_MAX_DIAGS) {
        dl->dropped++;
        return;
    }
    sc_diag *d = &dl->item[dl->count++];
    sc__diag_set(d, file, line, column, "%s", "");
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
}

void sc__diags_add(sc_diag_list *dl, const char *file, unsigned line, unsigned column,
                   const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sc__diags_vadd(dl, file, line, column, fmt, ap);
    va_end(ap);
}

char *sc_diag_format_full(const sc_diag *d, char *buf, size_t size) {
    if (!size) return buf;
    if (d->file[0] && d->line && d->column)
        snprintf(buf, size, "%s:%u:%u: %s", d->file, d->line, d->column, d->msg);
    else if (d->file[0] && d->line)
        snprintf(buf, size, "%s:%u: %s", d->file, d->line, d->msg);
    else if (d->file[0])
        snprintf(buf, size, "%s: %s", d->file, d->msg);
    else
        snprintf(buf, size, "%s", d->msg);
    return buf;
}

sc_status sc__load_file(const char *path, char **buf, size_t *len, sc_diag *d) {
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        sc__diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return SC_EIO;
    }
    size_t cap = 0, n = 0;
    char *b = NULL;
    for (;;) {
        if (!sc__grow((void **)&b, &cap, n + 65536 + 1, 1)) {
            sc__free(b);
            fclose(f);
            return SC_ENOMEM;
        }
        size_t got = fread(b + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        sc__free(b);
        sc__diag_set(d, path, 0, 0, "cannot read: %s", strerror(errno));
        return SC_EIO;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return SC_OK;
}

sc_status sc__load_file_list(const char *path, char **buf, size_t *len, sc_diag_list *errs) {
    sc__diags_clear(errs);
    sc_diag d;
    sc_status st = sc__load_file(path, buf, len, &d);
    if (st == SC_EIO && errs) {
        errs->item[0] = d;
        errs->count = 1;
    }
    return st;
}

/* ------------------------------------------------------------ the reader's state */

/* One step of a JSON path: a member key, or an array index when 'key' is NULL. */
typedef struct seg {
    const char *key;
    size_t index;
} seg;

typedef struct raw_error {
    size_t offset; /* byte offset of the value at fault */
    size_t order;  /* order of discovery, to keep the sort stable */
    char msg[256];
} raw_error;

typedef struct rd {
    sc_scenario *sc;
    const char *text;
    size_t len;
    const char *file;
    seg path[MAX_DEPTH];
    size_t depth;
    raw_error *raw;
    size_t nraw, nlost;
    bool nomem;
    uint8_t *host_model; /* per model: its brand is the host */
} rd;

static void push_key(rd *r, const char *key) {
    if (r->depth < MAX_DEPTH) r->path[r->depth] = (seg){key, 0};
    r->depth++;
}

static void push_index(rd *r, size_t i) {
    if (r->depth < MAX_DEPTH) r->path[r->depth] = (seg){NULL, i};
    r->depth++;
}

static void pop(rd *r) { r->depth--; }

/* Formats the current path as "plants[0].lines[1].rate". */
static void format_path(const rd *r, char *buf, size_t size) {
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < r->depth && k < MAX_DEPTH && n < size; k++) {
        const seg *s = &r->path[k];
        int w = s->key ? snprintf(buf + n, size - n, "%s%s", k ? "." : "", s->key)
                       : snprintf(buf + n, size - n, "[%zu]", s->index);
        if (w < 0) break;
        n += (size_t)w;
    }
}

static size_t skip_blanks(const char *t, size_t len, size_t pos) {
    while (pos < len && (t[pos] == ' ' || t[pos] == '\t' || t[pos] == '\n' || t[pos] == '\r'))
        pos++;
    return pos;
}

/* Decodes one JSON value at 'pos' with jansson; returns the bytes it took,
** or 0 when it is not a value. Sets '*out' (when not NULL) to the value. */
static size_t decode_at(const char *t, size_t len, size_t pos, json_t **out) {
    json_error_t e;
    json_t *v = json_loadb(t + pos, len - pos, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &e);
    if (!v) return 0;
    if (out)
        *out = v;
    else
        json_decref(v);
    return (size_t)e.position;
}

/*
** Returns the byte offset of the value at the end of the current path, or
** of the deepest part of the path that could be followed.
*/
static size_t locate(const rd *r) {
    const char *t = r->text;
    size_t len = r->len, pos = skip_blanks(t, len, 0);
    size_t depth = r->depth < MAX_DEPTH ? r->depth : MAX_DEPTH;
    for (size_t k = 0; k < depth; k++) {
        const seg *s = &r->path[k];
        if (pos >= len) return pos;
        if (s->key && t[pos] == '{') {
            size_t p = pos + 1;
            bool found = false;
            for (;;) {
                p = skip_blanks(t, len, p);
                if (p >= len || t[p] != '"') return pos;
                json_t *key = NULL;
                size_t used = decode_at(t, len, p, &key);
                if (!used) return pos;
                bool match = json_is_string(key) && !strcmp(json_string_value(key), s->key);
                json_decref(key);
                p = skip_blanks(t, len, p + used);
                if (p >= len || t[p] != ':') return pos;
                p = skip_blanks(t, len, p + 1);
                if (match) {
                    found = true;
                    break;
                }
                used = decode_at(t, len, p, NULL);
                if (!used) return pos;
                p = skip_blanks(t, len, p + used);
                if (p >= len || t[p] != ',') return pos;
                p++;
            }
            if (!found) return pos;
            pos = p;
        } else if (!s->key && t[pos] == '[') {
            size_t p = skip_blanks(t, len, pos + 1);
            for (size_t i = 0; i < s->index; i++) {
                size_t used = decode_at(t, len, p, NULL);
                if (!used) return pos;
                p = skip_blanks(t, len, p + used);
                if (p >= len || t[p] != ',') return pos;
                p = skip_blanks(t, len, p + 1);
            }
            pos = p;
        } else {
            return pos;
        }
    }
    return pos;
}

/* Records an error at the current path. */
static void verr(rd *r, const char *fmt, va_list ap) {
    if (r->nraw >= MAX_RAW_ERRORS) {
        r->nlost++;
        return;
    }
    raw_error *e = &r->raw[r->nraw];
    char path[160];
    format_path(r, path, sizeof path);
    char msg[224];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (path[0])
        snprintf(e->msg, sizeof e->msg, "%.100s: %.150s", path, msg);
    else
        snprintf(e->msg, sizeof e->msg, "%s", msg);
    e->offset = locate(r);
    e->order = r->nraw++;
}

static void err(rd *r, const char *fmt, ...) SC__PRINTF(2, 3);
static void err(rd *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verr(r, fmt, ap);
    va_end(ap);
}

/* The same, at the key KEY of the current object (at the current path when KEY is NULL). */
static void err_key(rd *r, const char *key, const char *fmt, ...) SC__PRINTF(3, 4);
static void err_key(rd *r, const char *key, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (key) push_key(r, key);
    verr(r, fmt, ap);
    if (key) pop(r);
    va_end(ap);
}

/* Parses the date S, found at KEY, into *DAY; false, with an error, if it is not one. */
static bool date_at(rd *r, const char *key, const char *s, int32_t *day) {
    if (sc__parse_date(s, day)) return true;
    err_key(r, key, "expected a date \"YYYY-MM-DD\", got '%s'", s);
    return false;
}

static int cmp_raw(const void *a, const void *b) {
    const raw_error *x = a, *y = b;
    if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Turns the raw errors into 'errs', in file order, with line and column. */
static void flush_errors(rd *r, sc_diag_list *errs) {
    qsort(r->raw, r->nraw, sizeof *r->raw, cmp_raw);
    size_t line = 1, col = 1, at = 0;
    for (size_t i = 0; i < r->nraw; i++) {
        for (; at < r->raw[i].offset && at < r->len; at++) {
            if (r->text[at] == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)r->text[at] & 0xC0) != 0x80) {
                col++;
            }
        }
        sc__diags_add(errs, r->file, (unsigned)line, (unsigned)col, "%s", r->raw[i].msg);
    }
    if (errs) errs->dropped += r->nlost;
}

/* ------------------------------------------------------------ member access */

static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* Checks that every key of object 'o' is one of 'known' (NULL-terminated). */
static void check_keys(rd *r, json_t *o, const char *const *known) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        size_t k = 0;
        while (known[k] && strcmp(known[k], key))
            k++;
        if (known[k]) continue;
        char list[160];
        size_t n = 0;
        list[0] = '\0';
        for (k = 0; known[k] && n < sizeof list; k++) {
            int w = snprintf(list + n, sizeof list - n, "%s%s", k ? ", " : "", known[k]);
            if (w < 0) break;
            n += (size_t)w;
        }
        err_key(r, key, "unknown key (known: %s)", list);
    }
}

/* Returns member 'key' of 'o' when it has type 'type' (JSON_INTEGER also
** accepts JSON_REAL, for numbers); records an error when it is missing and
** 'required', or of another type. The path is left pointing at the member
** when it is returned ('pop' it), unchanged otherwise. */
static json_t *member(rd *r, json_t *o, const char *key, json_type type, bool required,
                      const char *what) {
    json_t *v = json_object_get(o, key);
    if (!v) {
        if (required) err(r, "missing '%s' (%s)", key, what);
        return NULL;
    }
    push_key(r, key);
    bool ok = json_typeof(v) == type || (type == JSON_INTEGER && json_is_number(v)) ||
              (type == JSON_TRUE && json_is_boolean(v));
    if (!ok) {
        err(r, "expected %s, got %s", what, type_name(v));
        pop(r);
        return NULL;
    }
    return v;
}

static const char *get_string(rd *r, json_t *o, const char *key, bool required) {
    json_t *v = member(r, o, key, JSON_STRING, required, "a string");
    if (!v) return NULL;
    const char *s = json_string_value(v);
    if (!*s) {
        err(r, "must not be empty");
        s = NULL;
    }
    pop(r);
    return s;
}

/* Reads a number into '*out' when present; true when present and valid. */
static bool get_number(rd *r, json_t *o, const char *key, bool required, double lo, double hi,
                       const char *what, double *out) {
    json_t *v = member(r, o, key, JSON_INTEGER, required, what);
    if (!v) return false;
    double x = json_number_value(v);
    bool ok = isfinite(x) && x >= lo && x <= hi;
    if (!ok)
        err(r, "expected %s, got %g", what, x);
    else
        *out = x;
    pop(r);
    return ok;
}

static bool get_whole(rd *r, json_t *o, const char *key, bool required, long lo, long hi,
                      const char *what, long *out) {
    json_t *v = member(r, o, key, JSON_INTEGER, required, what);
    if (!v) return false;
    bool ok = json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi;
    if (!ok) {
        if (json_is_integer(v))
            err(r, "expected %s, got %lld", what, (long long)json_integer_value(v));
        else
            err(r, "expected %s, got %g", what, json_number_value(v));
    } else {
        *out = (long)json_integer_value(v);
    }
    pop(r);
    return ok;
}

/* Adds 's' to the scenario's name pool; returns its offset. */
static uint32_t intern(rd *r, const char *s) {
    size_t off = sc__strpool_add(&r->sc->names, s, true, false);
    if (off == (size_t)-1) {
        r->nomem = true;
        return 0;
    }
    return (uint32_t)off;
}

/* ------------------------------------------------------------ calendars */

/* A calendar being merged down scenario -> plant -> line. */
typedef struct cal {
    uint8_t weekdays; /* bit d: weekday d (0 Monday) works */
    size_t nclosed;
    struct closed {
        int32_t from, to;
        uint32_t name;
    } closed[256];
} cal;

static const char *const WEEKDAYS[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static void add_closed(rd *r, cal *c, int32_t from, int32_t to, uint32_t name) {
    if (c->nclosed >= sizeof c->closed / sizeof c->closed[0]) {
        err(r, "too many holidays and shutdowns (at most %zu per line)",
            sizeof c->closed / sizeof c->closed[0]);
        return;
    }
    c->closed[c->nclosed++] = (struct closed){from, to, name};
}

/* Reads the calendar at member "calendar" of 'o' (when present) into 'c'. */
static void read_calendar(rd *r, json_t *o, cal *c) {
    static const char *const KEYS[] = {"weekdays", "bank_holidays", "shutdowns", NULL};
    json_t *cj = member(r, o, "calendar", JSON_OBJECT, false, "an object");
    if (!cj) return;
    check_keys(r, cj, KEYS);
    json_t *wd = member(r, cj, "weekdays", JSON_ARRAY, false, "an array of weekday names");
    if (wd) {
        uint8_t mask = 0;
        size_t i;
        json_t *v;
        json_array_foreach(wd, i, v) {
            push_index(r, i);
            int d = -1;
            if (json_is_string(v))
                for (int k = 0; k < 7; k++)
                    if (!strcmp(json_string_value(v), WEEKDAYS[k])) d = k;
            if (d < 0)
                err(r, "expected one of Mon, Tue, Wed, Thu, Fri, Sat, Sun");
            else
                mask |= (uint8_t)(1u << d);
            pop(r);
        }
        if (!mask)
            err(r, "a calendar with no working day");
        else
            c->weekdays = mask;
        pop(r);
    }
    json_t *bh = member(r, cj, "bank_holidays", JSON_ARRAY, false, "an array of dates");
    if (bh) {
        size_t i;
        json_t *v;
        json_array_foreach(bh, i, v) {
            push_index(r, i);
            const char *ds = NULL, *name = "bank holiday";
            if (json_is_string(v)) {
                ds = json_string_value(v);
            } else if (json_is_object(v)) {
                static const char *const HK[] = {"date", "name", NULL};
                check_keys(r, v, HK);
                ds = get_string(r, v, "date", true);
                const char *n = get_string(r, v, "name", false);
                if (n) name = n;
            } else {
                err(r, "expected a date \"YYYY-MM-DD\" or {\"date\", \"name\"}");
            }
            int32_t day;
            if (ds && date_at(r, json_is_object(v) ? "date" : NULL, ds, &day))
                add_closed(r, c, day, day, intern(r, name));
            pop(r);
        }
        pop(r);
    }
    json_t *sd = member(r, cj, "shutdowns", JSON_ARRAY, false, "an array of shutdowns");
    if (sd) {
        size_t i;
        json_t *v;
        json_array_foreach(sd, i, v) {
            static const char *const SK[] = {"from", "to", "name", NULL};
            push_index(r, i);
            if (!json_is_object(v)) {
                err(r, "expected {\"from\", \"to\", \"name\"}");
                pop(r);
                continue;
            }
            check_keys(r, v, SK);
            const char *fs = get_string(r, v, "from", true);
            const char *ts = get_string(r, v, "to", true);
            const char *name = get_string(r, v, "name", false);
            int32_t from = 0, to = 0;
            bool ok = fs && ts;
            if (fs && !date_at(r, "from", fs, &from)) ok = false;
            if (ts && !date_at(r, "to", ts, &to)) ok = false;
            if (ok && to < from) {
                err_key(r, "to", "the shutdown ends (%s) before it starts (%s)", ts, fs);
                ok = false;
            }
            if (ok) add_closed(r, c, from, to, intern(r, name ? name : "shutdown"));
            pop(r);
        }
        pop(r);
    }
    pop(r);
}

/* ------------------------------------------------------------ sections */

static void read_horizon(rd *r, json_t *root) {
    static const char *const KEYS[] = {"first_week", "weeks", NULL};
    json_t *h = member(r, root, "horizon", JSON_OBJECT, true, "{\"first_week\", \"weeks\"}");
    if (!h) return;
    check_keys(r, h, KEYS);
    const char *fw = get_string(r, h, "first_week", true);
    int32_t monday;
    if (fw && !sc__parse_week(fw, &monday)) {
        err_key(r, "first_week", "expected an ISO week \"YYYY-Www\", got '%s'", fw);
    } else if (fw) {
        r->sc->day0 = monday;
        sc__iso_week_of(monday, &r->sc->first_year, &r->sc->first_week);
    }
    long weeks;
    if (get_whole(r, h, "weeks", true, 1, SC__MAX_WEEKS, "a number of weeks from 1 to 520", &weeks))
        r->sc->nweeks = (int)weeks;
    pop(r);
}

static void read_brands(rd *r, json_t *root) {
    static const char *const KEYS[] = {"name", "role", "priority", "contract", NULL};
    static const char *const CKEYS[] = {"min_per_week",
                                        "max_per_week",
                                        "penalty_per_car_short",
                                        "penalty_per_car_week_late",
                                        "models",
                                        NULL};
    sc_scenario *sc = r->sc;
    json_t *a = member(r, root, "brands", JSON_ARRAY, true, "an array of brands");
    if (!a) return;
    size_t n = json_array_size(a);
    if (!n) err(r, "no brand: expected the host and its guests");
    sc->brand = sc__calloc(n ? n : 1, sizeof *sc->brand);
    if (!sc->brand) {
        r->nomem = true;
        pop(r);
        return;
    }
    size_t i, nhost = 0;
    json_t *b;
    json_array_foreach(a, i, b) {
        push_index(r, i);
        if (!json_is_object(b)) {
            err(r, "expected a brand object");
            pop(r);
            continue;
        }
        check_keys(r, b, KEYS);
        sc__brand *br = &sc->brand[sc->nbrands];
        memset(br, 0, sizeof *br);
        br->min_week = br->max_week = -1;
        br->short_penalty = 1000;
        br->late_penalty = 100;
        br->priority = 1;
        const char *name = get_string(r, b, "name", true);
        if (name && sc__find_brand(sc, name) >= 0) {
            err_key(r, "name", "brand '%s' is defined twice", name);
            name = NULL;
        }
        const char *role = get_string(r, b, "role", true);
        if (role && strcmp(role, "host") && strcmp(role, "guest")) {
            err_key(r, "role", "expected \"host\" or \"guest\", got '%s'", role);
        }
        br->host = role && !strcmp(role, "host");
        if (br->host && ++nhost > 1) {
            err_key(r, "role", "a second host: a scenario has one host brand");
        }
        long prio;
        if (get_whole(r, b, "priority", false, 1, 100, "a priority from 1 (highest) to 100", &prio))
            br->priority = (int)prio;
        json_t *c = member(r, b, "contract", JSON_OBJECT, false, "a contract object");
        if (c) {
            if (br->host) err(r, "the host has no contract");
            check_keys(r, c, CKEYS);
            long v;
            if (get_whole(r, c, "min_per_week", false, 0, 10000000, "cars per week >= 0", &v))
                br->min_week = (int32_t)v;
            if (get_whole(r, c, "max_per_week", false, 0, 10000000, "cars per week >= 0", &v))
                br->max_week = (int32_t)v;
            if (br->min_week >= 0 && br->max_week >= 0 && br->max_week < br->min_week) {
                err_key(r, "max_per_week", "the maximum (%d) is below the minimum (%d)",
                        (int)br->max_week, (int)br->min_week);
            }
            get_number(r, c, "penalty_per_car_short", false, 0, 1e9, "a penalty >= 0",
                       &br->short_penalty);
            get_number(r, c, "penalty_per_car_week_late", false, 0, 1e9, "a penalty >= 0",
                       &br->late_penalty);
            pop(r);
        }
        if (name) {
            br->name = intern(r, name);
            if (br->host) sc->host = (int32_t)sc->nbrands;
            sc->nbrands++;
        }
        pop(r);
    }
    if (n && !nhost) err(r, "no host brand: one brand needs \"role\": \"host\"");
    pop(r);
}

/* Reads the models: names, brands, options with take rates, colours. Lines
** are resolved later, when they are known. */
static void read_models(rd *r, json_t *root) {
    static const char *const KEYS[] = {"name", "brand", "lines", "options", "colours", NULL};
    sc_scenario *sc = r->sc;
    json_t *a = member(r, root, "models", JSON_ARRAY, true, "an array of car models");
    if (!a) return;
    size_t n = json_array_size(a);
    if (!n) err(r, "no car model");
    sc->model = sc__calloc(n ? n : 1, sizeof *sc->model);
    if (!sc->model) {
        r->nomem = true;
        pop(r);
        return;
    }
    size_t i;
    json_t *m;
    json_array_foreach(a, i, m) {
        push_index(r, i);
        if (!json_is_object(m)) {
            err(r, "expected a car model object");
            pop(r);
            continue;
        }
        check_keys(r, m, KEYS);
        sc__carmodel *cm = &sc->model[sc->nmodels];
        memset(cm, 0, sizeof *cm);
        cm->min_week = cm->max_week = -1;
        cm->brand = -1;
        const char *name = get_string(r, m, "name", true);
        if (name && sc__find_model(sc, name) >= 0) {
            err_key(r, "name", "model '%s' is defined twice", name);
            name = NULL;
        }
        const char *brand = get_string(r, m, "brand", true);
        if (brand) {
            cm->brand = (int32_t)sc__find_brand(sc, brand);
            if (cm->brand < 0) {
                err_key(r, "brand", "unknown brand '%s'", brand);
            }
        }
        json_t *opts =
            member(r, m, "options", JSON_OBJECT, false, "an object of option names and take rates");
        if (opts) {
            const char *key;
            json_t *v;
            json_object_foreach(opts, key, v) {
                push_key(r, key);
                long o = sc__names_find(&sc->option, key);
                if (o < 0) {
                    if (sc->option.n >= SC__MAX_SC_OPTIONS) {
                        err(r, "too many options (at most %d in a scenario)", SC__MAX_SC_OPTIONS);
                        pop(r);
                        continue;
                    }
                    o = sc__names_add(&sc->option, key);
                    if (o < 0) {
                        r->nomem = true;
                        pop(r);
                        continue;
                    }
                }
                if (!*key)
                    err(r, "an option needs a name");
                else if (strchr(key, '|'))
                    err(r, "option names cannot hold '|' (it separates options in orders)");
                if (!json_is_number(v) || !(json_number_value(v) >= 0) ||
                    json_number_value(v) > 1) {
                    err(r, "expected a take rate from 0 to 1");
                } else {
                    cm->option[cm->noptions] = (int32_t)o;
                    cm->take[cm->noptions++] = json_number_value(v);
                    cm->optmask |= (uint64_t)1 << o;
                }
                pop(r);
            }
            pop(r);
        }
        json_t *cols = json_object_get(m, "colours");
        if (!cols) {
            err(r, "missing 'colours' (an object of colour names and shares, or an array)");
        } else {
            push_key(r, "colours");
            size_t nc = json_is_object(cols)  ? json_object_size(cols)
                        : json_is_array(cols) ? json_array_size(cols)
                                              : 0;
            if (!json_is_object(cols) && !json_is_array(cols))
                err(r, "expected an object of colour names and shares, or an array of names");
            else if (!nc)
                err(r, "no colour");
            cm->colour = sc__calloc(nc ? nc : 1, sizeof *cm->colour);
            cm->share = sc__calloc(nc ? nc : 1, sizeof *cm->share);
            if (!cm->colour || !cm->share) r->nomem = true;
            const char *key;
            json_t *v;
            size_t k;
            if (json_is_object(cols) && !r->nomem) {
                json_object_foreach(cols, key, v) {
                    push_key(r, key);
                    if (!json_is_number(v) || !(json_number_value(v) > 0))
                        err(r, "expected a share > 0");
                    else if (!*key)
                        err(r, "a colour needs a name");
                    else {
                        long c = sc__names_find(&sc->colour, key);
                        if (c < 0) c = sc__names_add(&sc->colour, key);
                        if (c < 0)
                            r->nomem = true;
                        else {
                            cm->colour[cm->ncolours] = (int32_t)c;
                            cm->share[cm->ncolours++] = json_number_value(v);
                        }
                    }
                    pop(r);
                }
            } else if (json_is_array(cols) && !r->nomem) {
                json_array_foreach(cols, k, v) {
                    push_index(r, k);
                    if (!json_is_string(v) || !*json_string_value(v)) {
                        err(r, "expected a colour name");
                    } else {
                        long c = sc__names_find(&sc->colour, json_string_value(v));
                        if (c < 0) c = sc__names_add(&sc->colour, json_string_value(v));
                        if (c < 0)
                            r->nomem = true;
                        else {
                            cm->colour[cm->ncolours] = (int32_t)c;
                            cm->share[cm->ncolours++] = 1.0;
                        }
                    }
                    pop(r);
                }
            }
            pop(r);
        }
        if (name) {
            cm->name = intern(r, name);
            sc->nmodels++;
        } else {
            sc__free(cm->colour);
            sc__free(cm->share);
            memset(cm, 0, sizeof *cm);
        }
        pop(r);
    }
    pop(r);
}

/* Reads one ratio rule (a line's "rules" item or its "spread"). */
static bool read_rule(rd *r, json_t *o, bool spread, int *n, int *p, int *level, bool *hard) {
    long vn = 0, vp = 0;
    bool ok = get_whole(r, o, "n", true, 0, 1000, "N of N/P, a whole number from 0 to 1000", &vn);
    ok &= get_whole(r, o, "p", true, 1, 1000, "P of N/P, a whole number from 1 to 1000", &vp);
    if (ok && vn > vp) {
        err_key(r, "n", "N (%ld) exceeds P (%ld)", vn, vp);
        ok = false;
    }
    if (ok && spread && vn == 0) {
        err_key(r, "n", "a spreading rule with N = 0 forbids every guest car");
        ok = false;
    }
    *level = 1;
    const char *prio = get_string(r, o, "priority", false);
    if (prio) {
        if (!strcmp(prio, "high"))
            *level = 1;
        else if (!strcmp(prio, "low"))
            *level = 0;
        else {
            err_key(r, "priority", "expected \"high\" or \"low\", got '%s'", prio);
        }
    }
    json_t *h = member(r, o, "hard", JSON_TRUE, false, "true or false");
    *hard = false;
    if (h) {
        *hard = json_is_true(h);
        pop(r);
    }
    *n = (int)vn;
    *p = (int)vp;
    return ok;
}

static void read_plants(rd *r, json_t *root, const cal *top) {
    static const char *const PKEYS[] = {"name", "calendar", "lines", NULL};
    static const char *const LKEYS[] = {"name",        "rate",  "shifts", "calendar", "models",
                                        "batch_limit", "rules", "spread", NULL};
    static const char *const RKEYS[] = {"option", "n", "p", "priority", "hard", NULL};
    static const char *const SKEYS[] = {"brand", "n", "p", "priority", "hard", NULL};
    sc_scenario *sc = r->sc;
    json_t *a = member(r, root, "plants", JSON_ARRAY, true, "an array of plants");
    if (!a) return;
    size_t np = json_array_size(a), nl = 0;
    if (!np) err(r, "no plant");
    size_t i;
    json_t *p;
    json_array_foreach(a, i, p) {
        json_t *ls = json_is_object(p) ? json_object_get(p, "lines") : NULL;
        if (json_is_array(ls)) nl += json_array_size(ls);
    }
    sc->plant = sc__calloc(np ? np : 1, sizeof *sc->plant);
    sc->line = sc__calloc(nl ? nl : 1, sizeof *sc->line);
    cal *lcal = sc__calloc(nl ? nl : 1, sizeof *lcal);
    if (!sc->plant || !sc->line || !lcal) {
        sc__free(lcal);
        r->nomem = true;
        pop(r);
        return;
    }
    size_t ndays = (size_t)sc->nweeks * 7;
    json_array_foreach(a, i, p) {
        push_index(r, i);
        if (!json_is_object(p)) {
            err(r, "expected a plant object");
            pop(r);
            continue;
        }
        check_keys(r, p, PKEYS);
        const char *pname = get_string(r, p, "name", true);
        for (size_t k = 0; pname && k < sc->nplants; k++)
            if (!strcmp(sc__name(sc, sc->plant[k].name), pname)) {
                err_key(r, "name", "plant '%s' is defined twice", pname);
            }
        size_t pi = sc->nplants++;
        sc->plant[pi].name = intern(r, pname ? pname : "?");
        cal pcal = *top;
        read_calendar(r, p, &pcal);
        json_t *ls = member(r, p, "lines", JSON_ARRAY, true, "an array of lines");
        if (ls) {
            if (!json_array_size(ls)) err(r, "a plant with no line");
            size_t j;
            json_t *l;
            json_array_foreach(ls, j, l) {
                push_index(r, j);
                if (!json_is_object(l)) {
                    err(r, "expected a line object");
                    pop(r);
                    continue;
                }
                check_keys(r, l, LKEYS);
                const char *lname = get_string(r, l, "name", true);
                if (lname && sc__find_line(sc, lname) >= 0) {
                    err_key(r, "name",
                            "line '%s' is defined twice (line names are unique across plants)",
                            lname);
                }
                size_t li = sc->nlines++;
                sc__line *ln = &sc->line[li];
                ln->plant = (int32_t)pi;
                ln->spread.brand = -1;
                ln->name = intern(r, lname ? lname : "?");
                get_number(r, l, "rate", true, 1e-9, 10000, "a rate > 0 in jobs per hour",
                           &ln->rate);
                json_t *sh =
                    member(r, l, "shifts", JSON_ARRAY, true, "an array of shift lengths in hours");
                if (sh) {
                    size_t k;
                    json_t *h;
                    double sum = 0;
                    if (!json_array_size(sh)) err(r, "no shift: a line needs at least one");
                    json_array_foreach(sh, k, h) {
                        push_index(r, k);
                        if (!json_is_number(h) || !(json_number_value(h) > 0))
                            err(r, "expected a shift length in hours > 0");
                        else
                            sum += json_number_value(h);
                        pop(r);
                    }
                    if (sum > 24)
                        err(r, "the shifts add up to %g hours, more than a day", sum);
                    else
                        ln->hours = sum;
                    pop(r);
                }
                double slots = floor(ln->rate * ln->hours + 1e-9);
                if (ln->rate > 0 && ln->hours > 0 && slots < 1)
                    err(r, "rate x hours is less than one car a day");
                ln->slots = (int32_t)(slots > 1e7 ? 1e7 : slots);
                long bl = 0;
                if (get_whole(r, l, "batch_limit", false, 0, 100000,
                              "a paint batch limit >= 0 (0: none)", &bl))
                    ln->batch_limit = (int)bl;
                lcal[li] = pcal;
                read_calendar(r, l, &lcal[li]);
                json_t *sp = member(r, l, "spread", JSON_OBJECT, false, "a spreading rule");
                if (sp) {
                    check_keys(r, sp, SKEYS);
                    sc__spread *s = &ln->spread;
                    s->on = read_rule(r, sp, true, &s->n, &s->p, &s->level, &s->hard);
                    const char *bn = get_string(r, sp, "brand", false);
                    if (bn) {
                        long b = sc__find_brand(sc, bn);
                        push_key(r, "brand");
                        if (b < 0)
                            err(r, "unknown brand '%s'", bn);
                        else if (sc->brand[b].host)
                            err(r, "'%s' is the host: a spreading rule limits a guest", bn);
                        else
                            s->brand = (int32_t)b;
                        pop(r);
                    }
                    pop(r);
                }
                json_t *rules = member(r, l, "rules", JSON_ARRAY, false, "an array of ratio rules");
                if (rules) {
                    size_t k;
                    json_t *ru;
                    json_array_foreach(rules, k, ru) {
                        push_index(r, k);
                        if (!json_is_object(ru)) {
                            err(r, "expected a rule object");
                            pop(r);
                            continue;
                        }
                        check_keys(r, ru, RKEYS);
                        sc__line_rule lr = {0};
                        bool ok = read_rule(r, ru, false, &lr.n, &lr.p, &lr.level, &lr.hard);
                        const char *on = get_string(r, ru, "option", true);
                        if (on) {
                            long o = sc__names_find(&sc->option, on);
                            if (o < 0) {
                                err_key(r, "option", "unknown option '%s' (no model carries it)",
                                        on);
                                ok = false;
                            }
                            lr.option = (int32_t)o;
                        } else {
                            ok = false;
                        }
                        if (ok && ln->nrules >= SC__MAX_LINE_RULES) {
                            err(r, "too many rules (at most %d per line)", SC__MAX_LINE_RULES);
                            ok = false;
                        }
                        if (ok) ln->rule[ln->nrules++] = lr;
                        pop(r);
                    }
                    pop(r);
                }
                pop(r);
            }
            pop(r);
        }
        pop(r);
    }
    pop(r);

    /* The working days of each line. */
    for (size_t l = 0; l < sc->nlines && !r->nomem; l++) {
        sc__line *ln = &sc->line[l];
        ln->off = sc__malloc(ndays * sizeof *ln->off);
        if (!ln->off) {
            r->nomem = true;
            break;
        }
        size_t working = 0;
        for (size_t t = 0; t < ndays; t++) {
            int32_t date = sc->day0 + (int32_t)t;
            int32_t off =
                (lcal[l].weekdays >> sc__weekday(date)) & 1 ? SC__DAY_WORKING : SC__DAY_WEEKEND;
            for (size_t k = 0; off == SC__DAY_WORKING && k < lcal[l].nclosed; k++)
                if (date >= lcal[l].closed[k].from && date <= lcal[l].closed[k].to)
                    off = (int32_t)lcal[l].closed[k].name;
            ln->off[t] = off;
            working += off == SC__DAY_WORKING;
        }
        if (!working && sc->nweeks > 0) {
            /* Point at the line. */
            r->depth = 0;
            push_key(r, "plants");
            size_t pi = 0, lj = l;
            json_t *pl;
            json_array_foreach(a, pi, pl) {
                json_t *ls = json_object_get(pl, "lines");
                size_t nls = json_is_array(ls) ? json_array_size(ls) : 0;
                if (lj < nls) break;
                lj -= nls;
            }
            push_index(r, pi);
            push_key(r, "lines");
            push_index(r, lj);
            err(r, "line '%s' has a calendar with no working day in the horizon",
                sc__name(sc, ln->name));
            r->depth = 0;
        }
    }
    sc__free(lcal);
}

/* Resolves the line lists of models and the model lists of lines into the
** compatibility matrix; checks that every model has a line. */
static void resolve_compat(rd *r, json_t *root) {
    sc_scenario *sc = r->sc;
    sc->compat = sc__calloc(sc->nlines * sc->nmodels + 1, 1);
    uint8_t *badref = sc__calloc(sc->nmodels + 1, 1); /* a model named an unknown line */
    if (!sc->compat || !badref) {
        sc__free(badref);
        r->nomem = true;
        return;
    }
    json_t *models = json_object_get(root, "models");
    size_t i, mi = 0;
    json_t *m;
    push_key(r, "models");
    json_array_foreach(models, i, m) {
        const char *name = json_is_object(m) ? json_string_value(json_object_get(m, "name")) : NULL;
        long mx = name ? sc__find_model(sc, name) : -1;
        if (mx < 0 || (size_t)mx != mi) continue;
        mi++;
        push_index(r, i);
        json_t *ls = member(r, m, "lines", JSON_ARRAY, false, "an array of line names");
        if (ls) {
            size_t k;
            json_t *v;
            json_array_foreach(ls, k, v) {
                push_index(r, k);
                long l = json_is_string(v) ? sc__find_line(sc, json_string_value(v)) : -1;
                if (!json_is_string(v))
                    err(r, "expected a line name");
                else if (l < 0) {
                    err(r, "unknown line '%s'", json_string_value(v));
                    badref[mx] = 1;
                } else
                    sc->compat[(size_t)l * sc->nmodels + (size_t)mx] = 1;
                pop(r);
            }
            pop(r);
        }
        pop(r);
    }
    pop(r);
    json_t *plants = json_object_get(root, "plants");
    json_t *p;
    size_t li = 0;
    push_key(r, "plants");
    json_array_foreach(plants, i, p) {
        json_t *ls = json_is_object(p) ? json_object_get(p, "lines") : NULL;
        if (!json_is_array(ls)) continue;
        push_index(r, i);
        push_key(r, "lines");
        size_t j;
        json_t *l;
        json_array_foreach(ls, j, l) {
            if (!json_is_object(l)) continue;
            size_t lx = li++;
            push_index(r, j);
            json_t *ms = member(r, l, "models", JSON_ARRAY, false, "an array of model names");
            if (ms) {
                size_t k;
                json_t *v;
                json_array_foreach(ms, k, v) {
                    push_index(r, k);
                    long mm = json_is_string(v) ? sc__find_model(sc, json_string_value(v)) : -1;
                    if (!json_is_string(v))
                        err(r, "expected a model name");
                    else if (mm < 0)
                        err(r, "unknown model '%s'", json_string_value(v));
                    else if (lx < sc->nlines)
                        sc->compat[lx * sc->nmodels + (size_t)mm] = 1;
                    pop(r);
                }
                pop(r);
            }
            pop(r);
        }
        pop(r);
        pop(r);
    }
    pop(r);
    /* Every model needs a line. */
    push_key(r, "models");
    mi = 0;
    json_array_foreach(models, i, m) {
        const char *name = json_is_object(m) ? json_string_value(json_object_get(m, "name")) : NULL;
        long mx = name ? sc__find_model(sc, name) : -1;
        if (mx < 0 || (size_t)mx != mi) continue;
        mi++;
        bool any = false;
        for (size_t l = 0; l < sc->nlines; l++)
            any |= sc->compat[l * sc->nmodels + (size_t)mx];
        if (!any && sc->nlines && !badref[mx]) {
            push_index(r, i);
            err(r,
                "no line can build model '%s' (list lines in its \"lines\" or the model "
                "in a line's \"models\")",
                name);
            pop(r);
        }
    }
    pop(r);
    sc__free(badref);
}

/* Reads the per-model contracts of the guests (brands[i].contract.models). */
static void read_model_contracts(rd *r, json_t *root) {
    static const char *const KEYS[] = {"min_per_week", "max_per_week", NULL};
    sc_scenario *sc = r->sc;
    json_t *brands = json_object_get(root, "brands");
    size_t i;
    json_t *b;
    push_key(r, "brands");
    json_array_foreach(brands, i, b) {
        json_t *c = json_is_object(b) ? json_object_get(b, "contract") : NULL;
        json_t *ms = json_is_object(c) ? json_object_get(c, "models") : NULL;
        if (!ms) continue;
        const char *bname = json_string_value(json_object_get(b, "name"));
        long bi = bname ? sc__find_brand(sc, bname) : -1;
        push_index(r, i);
        push_key(r, "contract");
        push_key(r, "models");
        if (!json_is_object(ms)) {
            err(r, "expected an object of model names and their weekly bounds");
        } else {
            const char *key;
            json_t *v;
            json_object_foreach(ms, key, v) {
                push_key(r, key);
                long m = sc__find_model(sc, key);
                if (m < 0)
                    err(r, "unknown model '%s'", key);
                else if (sc->model[m].brand != bi)
                    err(r, "model '%s' is not a model of '%s'", key, bname ? bname : "?");
                else if (!json_is_object(v))
                    err(r, "expected {\"min_per_week\", \"max_per_week\"}");
                else {
                    check_keys(r, v, KEYS);
                    long x;
                    if (get_whole(r, v, "min_per_week", false, 0, 10000000, "cars per week >= 0",
                                  &x))
                        sc->model[m].min_week = (int32_t)x;
                    if (get_whole(r, v, "max_per_week", false, 0, 10000000, "cars per week >= 0",
                                  &x))
                        sc->model[m].max_week = (int32_t)x;
                    if (sc->model[m].min_week >= 0 && sc->model[m].max_week >= 0 &&
                        sc->model[m].max_week < sc->model[m].min_week)
                        err(r, "the maximum is below the minimum");
                }
                pop(r);
            }
        }
        pop(r);
        pop(r);
        pop(r);
    }
    pop(r);
}

static void read_demand(rd *r, json_t *root) {
    static const char *const KEYS[] = {"model", "per_week", "weeks", NULL};
    sc_scenario *sc = r->sc;
    json_t *a = member(r, root, "demand", JSON_ARRAY, false, "an array of host demand");
    if (!a) return;
    size_t i;
    json_t *d;
    json_array_foreach(a, i, d) {
        push_index(r, i);
        if (!json_is_object(d)) {
            err(r, "expected {\"model\", \"per_week\", \"weeks\"}");
            pop(r);
            continue;
        }
        check_keys(r, d, KEYS);
        const char *mn = get_string(r, d, "model", true);
        long m = mn ? sc__find_model(sc, mn) : -1;
        if (mn && m < 0) {
            err_key(r, "model", "unknown model '%s'", mn);
        } else if (m >= 0 && (sc->model[m].brand < 0 || !sc->brand[sc->model[m].brand].host)) {
            err_key(r, "model",
                    "model '%s' is not a model of the host: guests' volume comes from orders", mn);
            m = -1;
        } else if (m >= 0 && sc->model[m].demand) {
            err_key(r, "model", "demand for model '%s' is given twice", mn);
            m = -1;
        }
        long per = 0;
        get_whole(r, d, "per_week", true, 0, 10000000, "cars per week >= 0", &per);
        int32_t *dem = NULL;
        if (m >= 0 && sc->nweeks > 0) {
            dem = sc__malloc((size_t)sc->nweeks * sizeof *dem);
            if (!dem) r->nomem = true;
            for (int w = 0; dem && w < sc->nweeks; w++)
                dem[w] = (int32_t)per;
        }
        json_t *ws = member(r, d, "weeks", JSON_OBJECT, false,
                            "an object of weeks \"YYYY-Www\" and volumes");
        if (ws) {
            const char *key;
            json_t *v;
            json_object_foreach(ws, key, v) {
                push_key(r, key);
                int32_t monday;
                long w = -1;
                if (!sc__parse_week(key, &monday))
                    err(r, "expected a week \"YYYY-Www\"");
                else if ((w = (monday - sc->day0) / 7) < 0 || w >= sc->nweeks || monday < sc->day0)
                    err(r, "week %s is outside the horizon", key);
                else if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                         json_integer_value(v) > 10000000)
                    err(r, "expected cars per week >= 0");
                else if (dem)
                    dem[w] = (int32_t)json_integer_value(v);
                pop(r);
            }
            pop(r);
        }
        if (m >= 0)
            sc->model[m].demand = dem;
        else
            sc__free(dem);
        pop(r);
    }
    pop(r);
}

static void read_weights(rd *r, json_t *root) {
    static const char *const KEYS[] = {"changeover", "early", NULL};
    json_t *w = member(r, root, "weights", JSON_OBJECT, false, "an object of weights");
    if (!w) return;
    check_keys(r, w, KEYS);
    get_number(r, w, "changeover", false, 0, 1e9, "a cost >= 0 per model and line-week",
               &r->sc->changeover_cost);
    get_number(r, w, "early", false, 0, 1e9, "a cost >= 0 per car and week early",
               &r->sc->early_cost);
    pop(r);
}

/*
** Reads the recovery capacity a replan may use: "recovery": {"shift_cost",
** "shift_hours", "host_car_value", "shifts": [{"where": LINE or PLANT,
** "date"} or {"where", "from", "to"}]}. Each shift offered is kept as a span
** (its line or plant and its days) for the replanner (src/plan/replan.c).
*/
static void read_recovery(rd *r, json_t *root) {
    static const char *const KEYS[] = {"shift_cost", "shift_hours", "host_car_value", "shifts",
                                       NULL};
    static const char *const SK[] = {"where", "date", "from", "to", NULL};
    sc_scenario *sc = r->sc;
    json_t *rc = member(r, root, "recovery", JSON_OBJECT, false, "an object");
    if (!rc) return;
    check_keys(r, rc, KEYS);
    sc->recovery = true;
    sc->recovery_shift_cost = -1;
    sc->recovery_host_value = -1;
    get_number(r, rc, "shift_cost", false, 0, 1e12, "a cost >= 0 per extra shift",
               &sc->recovery_shift_cost);
    get_number(r, rc, "host_car_value", false, 0, 1e9, "a value >= 0 per host car caught up",
               &sc->recovery_host_value);
    get_number(r, rc, "shift_hours", false, 0.5, 24, "hours from 0.5 to 24",
               &sc->recovery_shift_hours);
    json_t *a = member(r, rc, "shifts", JSON_ARRAY, false, "an array of extra shifts");
    if (a) {
        sc->recovery_shift = sc__calloc(json_array_size(a) + 1, sizeof *sc->recovery_shift);
        if (!sc->recovery_shift) r->nomem = true;
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) {
            push_index(r, i);
            if (!json_is_object(v)) {
                err(r, "expected {\"where\", \"date\"} or {\"where\", \"from\", \"to\"}");
                pop(r);
                continue;
            }
            check_keys(r, v, SK);
            const char *where = get_string(r, v, "where", true);
            bool plant = false;
            for (size_t p = 0; where && p < sc->nplants; p++)
                plant |= !strcmp(sc__name(sc, sc->plant[p].name), where);
            if (where && !plant && sc__find_line(sc, where) < 0) {
                err_key(r, "where", "no line or plant called '%s'", where);
                where = NULL;
            }
            const char *ds = json_object_get(v, "date") ? get_string(r, v, "date", true) : NULL;
            const char *fs = ds ? ds : get_string(r, v, "from", true);
            const char *ts = ds ? ds : get_string(r, v, "to", true);
            int32_t from = 0, to = 0;
            bool ok = where && fs && ts;
            const char *keyf = ds ? "date" : "from", *keyt = ds ? "date" : "to";
            if ((fs && !date_at(r, keyf, fs, &from)) || (ts && !date_at(r, keyt, ts, &to))) {
                ok = false;
            } else if (ok && to < from) {
                err_key(r, "to", "the range ends (%s) before it starts (%s)", ts, fs);
                ok = false;
            } else if (ok && (from < sc->day0 || to >= sc->day0 + 7 * sc->nweeks)) {
                err_key(r, from < sc->day0 ? keyf : keyt, "%s is outside the horizon",
                        from < sc->day0 ? fs : ts);
                ok = false;
            }
            if (ok && sc->recovery_shift)
                sc->recovery_shift[sc->nrecovery_shifts++] = (sc__span){intern(r, where), from, to};
            pop(r);
        }
        pop(r);
    }
    pop(r);
}

static void read_root(rd *r, json_t *root) {
    static const char *const KEYS[] = {"sparecap", "name",    "notes",    "horizon",
                                       "calendar", "plants",  "brands",   "models",
                                       "demand",   "weights", "recovery", NULL};
    sc_scenario *sc = r->sc;
    check_keys(r, root, KEYS);
    long version;
    if (get_whole(r, root, "sparecap", false, 1, 1, "format version 1", &version)) (void)version;
    const char *name = get_string(r, root, "name", false);
    sc->name = intern(r, name ? name : "scenario");
    json_t *notes = member(r, root, "notes", JSON_ARRAY, false, "an array of strings");
    if (notes) {
        sc->notes = sc__calloc(json_array_size(notes) + 1, sizeof *sc->notes);
        if (!sc->notes) r->nomem = true;
        size_t i;
        json_t *v;
        json_array_foreach(notes, i, v) {
            push_index(r, i);
            if (!json_is_string(v))
                err(r, "expected a string");
            else if (sc->notes)
                sc->notes[sc->nnotes++] = intern(r, json_string_value(v));
            pop(r);
        }
        pop(r);
    }
    read_horizon(r, root);
    cal top;
    memset(&top, 0, sizeof top);
    top.weekdays = 0x1F; /* Monday to Friday */
    read_calendar(r, root, &top);
    read_brands(r, root);
    read_models(r, root);
    if (r->nomem) return;
    read_plants(r, root, &top);
    if (r->nomem) return;
    resolve_compat(r, root);
    read_model_contracts(r, root);
    read_demand(r, root);
    read_weights(r, root);
    read_recovery(r, root);
}

sc_status sc_scenario_parse(const char *text, size_t len, const char *name, sc_scenario **out,
                            sc_diag_list *errs) {
    *out = NULL;
    sc__diags_clear(errs);
    if (!name) name = "<scenario>";
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        sc__diags_add(errs, name, (unsigned)(je.line > 0 ? je.line : 0),
                      (unsigned)(je.column > 0 ? je.column : 0), "%s", je.text);
        return SC_EINVAL;
    }
    rd r;
    memset(&r, 0, sizeof r);
    r.text = text;
    r.len = len;
    r.file = name;
    r.sc = sc__scenario_alloc();
    r.raw = sc__malloc(MAX_RAW_ERRORS * sizeof *r.raw);
    if (!r.sc || !r.raw) {
        sc_scenario_free(r.sc);
        sc__free(r.raw);
        json_decref(root);
        return SC_ENOMEM;
    }
    r.sc->file = sc__malloc(strlen(name) + 1);
    if (!r.sc->file)
        r.nomem = true;
    else
        strcpy(r.sc->file, name);
    if (!r.nomem) {
        if (!json_is_object(root))
            err(&r, "expected a scenario object");
        else
            read_root(&r, root);
    }
    json_decref(root);
    sc_status st = SC_OK;
    if (r.nomem)
        st = SC_ENOMEM;
    else if (r.nraw) {
        flush_errors(&r, errs);
        st = SC_EINVAL;
    }
    sc__free(r.raw);
    if (st != SC_OK) {
        sc_scenario_free(r.sc);
        return st;
    }
    *out = r.sc;
    return SC_OK;
}

sc_status sc_scenario_read(const char *path, sc_scenario **out, sc_diag_list *errs) {
    *out = NULL;
    char *buf;
    size_t len;
    sc_status st = sc__load_file_list(path, &buf, &len, errs);
    if (st != SC_OK) return st;
    st = sc_scenario_parse(buf, len, path, out, errs);
    sc__free(buf);
    return st;
}
