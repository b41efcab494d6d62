/*
** The baseline reader: a published plan, from its directory or from buffers,
** read back for a replan (src/plan/replan.c), and the baseline of a plan held
** in memory.
**
** A published plan is whole or refused. First its manifest (manifest.c):
** the files present must be exactly those it lists, each with its size and
** SHA-256, and the view must be the host's. Then sequences.csv, read with
** libcsv: every row is checked against the scenario (line, date in the
** horizon, order id, brand, model, colour and options of an order; the id of
** a host car made from demand is "LINE-YYYYMMDD-NNNN"), the positions of each
** line-day must run 1, 2, ... without a gap, and the cars of each line-day
** must be those the manifest counts. Last plan.json, read with jansson in any
** layout: its scenario, parameters and lines are checked against the
** scenario, and each line-day's sequence and each order's place against
** sequences.csv, its orders per brand against the manifest.
**
** plan.json is large (about 130 bytes per car), and jansson's tree of the
** whole document takes about ten times that, so the document is decoded
** one value at a time: between values only whitespace and the punctuation
** of the outer object and of the "line_days" and "orders" arrays are
** stepped over, and every value (each member of the object, each element of
** those two arrays) is decoded by jansson, which stops at its end
** (JSON_DISABLE_EOF_CHECK) and says where. Memory stays O(one value) beside
** the baseline, whatever the layout.
**
** The first error stops the read, with its file, line where there is one,
** and what differs.
*/
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../plan/replan.h"
#include "manifest.h"
#include "planio.h"

enum { C_LINE, C_DATE, C_POS, C_ID, C_BRAND, C_MODEL, C_COLOUR, C_OPTIONS, NCOLS };
static const char *const COLS[NCOLS] = {"line",  "date",  "position", "order_id",
                                        "brand", "model", "colour",   "options"};

void sc_baseline_free(sc_baseline *b) {
    if (!b) return;
    sc__free(b->car);
    sc__free(b->first);
    sc__free(b->order_line);
    sc__free(b->order_day);
    sc__free(b->order_pos);
    for (size_t i = 0; i < b->noutages; i++)
        sc__free((char *)b->outage[i].where); /* one block: where, from, to */
    sc__free(b->outage);
    sc__free(b);
}

void sc_baseline_params(const sc_baseline *b, sc_plan_params *p) {
    p->seed = b->params.seed;
    p->effort_per_car = b->params.effort_per_car;
    p->min_effort = b->params.min_effort;
    p->mip_nodes = b->params.mip_nodes;
}

static sc_status nomem(sc_diag *d) {
    sc__diag_set(d, NULL, 0, 0, "out of memory");
    return SC_ENOMEM;
}

/* A baseline for 'sc' with no car yet and every order unplanned. */
static sc_baseline *baseline_new(const sc_scenario *sc) {
    sc_baseline *b = sc__calloc(1, sizeof *b);
    if (!b) return NULL;
    b->sc = sc;
    b->host_value = -1;
    b->nl = sc->nlines;
    b->nd = (size_t)sc->nweeks * 7;
    size_t no = sc->norders + 1;
    b->order_line = sc__malloc(no * sizeof *b->order_line);
    b->order_day = sc__malloc(no * sizeof *b->order_day);
    b->order_pos = sc__calloc(no, sizeof *b->order_pos);
    if (!b->order_line || !b->order_day || !b->order_pos) {
        sc_baseline_free(b);
        return NULL;
    }
    for (size_t i = 0; i < sc->norders; i++)
        b->order_line[i] = b->order_day[i] = -1;
    return b;
}

/* One read of a published plan: the baseline it fills, the manifest, and
** the names of the files in messages. */
typedef struct rd {
    sc_baseline *b;
    const sc_scenario *sc;
    sc__manifest *m;
    sc_diag *d;
    char man[4400], json[4400], seq[4400];
} rd;

static sc_status rd_init(rd *r, const sc_scenario *sc, const char *where, sc_diag *d) {
    memset(r, 0, sizeof *r);
    r->sc = sc;
    r->d = d;
    const char *sep = where ? "/" : "";
    where = where ? where : "";
    snprintf(r->man, sizeof r->man, "%s%s%s", where, sep, SC__MANIFEST_NAME);
    snprintf(r->json, sizeof r->json, "%s%splan.json", where, sep);
    snprintf(r->seq, sizeof r->seq, "%s%ssequences.csv", where, sep);
    if (!(r->b = baseline_new(sc))) return nomem(d);
    return SC_OK;
}

static void rd_release(rd *r) {
    sc_baseline_free(r->b);
    sc__manifest_free(r->m);
}

/* Parses the manifest and refuses a brand's view. */
static sc_status read_manifest(rd *r, const char *text, size_t len) {
    sc_status st = sc__manifest_parse(text, len, r->man, r->sc, &r->m, r->d);
    if (st) return st;
    if (r->m->view) {
        sc__diag_set(r->d, r->man, 0, 0,
                     "the plan was written for brand %s; a replan needs the host's full view",
                     r->m->view);
        return SC_EINVAL;
    }
    static const char *const NEED[] = {"plan.json", "sequences.csv"};
    for (size_t i = 0; i < 2; i++)
        if (!sc__manifest_find(r->m, NEED[i])) {
            sc__diag_set(r->d, r->man, 0, 0, "does not list %s: not the manifest of a plan",
                         NEED[i]);
            return SC_EINVAL;
        }
    return SC_OK;
}

/* ------------------------------------------------------------ sequences.csv */

typedef struct row {
    int32_t line, day;
    uint32_t pos;
    sc__car car;
} row;

typedef struct seqrd {
    sc_baseline *b;
    const char *file;
    unsigned line;
    size_t nfields;
    char *field[NCOLS + 1];
    size_t fcap[NCOLS + 1];
    bool header_done, too_many, nomem;
    sc_status st;
    sc_diag *d;
    row *rows;
    size_t nrows, caprows;
    int32_t last_line; /* the line of the previous row, a cache for the look-up */
} seqrd;

static void on_field(void *s, size_t len, void *data) {
    seqrd *r = data;
    if (r->nfields >= NCOLS + 1) {
        r->too_many = true;
        return;
    }
    size_t k = r->nfields++;
    if (!sc__grow((void **)&r->field[k], &r->fcap[k], len + 1, 1)) {
        r->nomem = true;
        return;
    }
    if (len) memcpy(r->field[k], s, len);
    r->field[k][len] = '\0';
}

static void rerr(seqrd *r, int col, const char *fmt, ...) SC__PRINTF(3, 4);

static void rerr(seqrd *r, int col, const char *fmt, ...) {
    if (r->st) return;
    char msg[240];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc__diag_set(r->d, r->file, r->line, col >= 0 ? (unsigned)col + 1 : 0, "%s", msg);
    r->st = SC_EINVAL;
}

/* Parses the options "A|B|C" into a mask; false on an unknown name. */
static bool parse_options(const sc_scenario *sc, char *s, uint64_t *mask, const char **bad) {
    *mask = 0;
    if (!*s) return true;
    for (char *tok = s, *next; tok; tok = next) {
        next = strchr(tok, '|');
        if (next) *next++ = '\0';
        long o = sc__names_find(&sc->option, tok);
        if (o < 0) {
            *bad = tok;
            return false;
        }
        *mask |= (uint64_t)1 << o;
    }
    return true;
}

/*
** Parses the id of a host car made from demand, "LINE-YYYYMMDD-NNNN", on
** line 'l' and horizon day 't'; sets '*tag' (with the carried flag when the
** date is not 't'). False when it is not such an id.
*/
static bool demand_tag(const sc_scenario *sc, size_t l, int32_t t, const char *id, uint32_t *tag) {
    const char *ln = sc__name(sc, sc->line[l].name);
    size_t n = strlen(ln);
    if (strncmp(id, ln, n) != 0 || id[n] != '-') return false;
    const char *p = id + n + 1;
    int y, m, dd;
    unsigned num;
    char tail;
    if (strlen(p) < 13 || p[8] != '-' ||
        sscanf(p, "%4d%2d%2d-%u%c", &y, &m, &dd, &num, &tail) != 4 || num == 0 ||
        num > SC__TAG_NUM_MASK)
        return false;
    int32_t day = sc__days_from_civil(y, m, dd) - sc->day0;
    int yy, mm, dd2;
    sc__civil_from_days(sc->day0 + day, &yy, &mm, &dd2);
    if (yy != y || mm != m || dd2 != dd || day < 0 || day >= 7 * sc->nweeks) return false;
    *tag = day == t ? num : SC__TAG_CARRIED | ((uint32_t)day << SC__TAG_DAY_SHIFT) | (uint32_t)num;
    return true;
}

static void data_row(seqrd *r) {
    sc_baseline *b = r->b;
    const sc_scenario *sc = b->sc;
    char **f = r->field;
    if (r->nfields != NCOLS) {
        rerr(r, -1, "expected %d fields (%s,%s,...), got %zu", NCOLS, COLS[0], COLS[1], r->nfields);
        return;
    }
    row w;
    memset(&w, 0, sizeof w);
    long l = r->last_line >= 0 && !strcmp(f[C_LINE], sc__name(sc, sc->line[r->last_line].name))
                 ? r->last_line
                 : sc__find_line(sc, f[C_LINE]);
    if (l < 0) {
        rerr(r, C_LINE, "line '%s' is not in the scenario: the plan was made from another scenario",
             f[C_LINE]);
        return;
    }
    r->last_line = (int32_t)l;
    int32_t date;
    if (!sc__parse_date(f[C_DATE], &date)) {
        rerr(r, C_DATE, "date: expected YYYY-MM-DD, got '%s'", f[C_DATE]);
        return;
    }
    int32_t t = date - sc->day0;
    if (t < 0 || t >= 7 * sc->nweeks) {
        rerr(r, C_DATE,
             "date %s is outside the scenario's horizon: the plan was made from another "
             "scenario",
             f[C_DATE]);
        return;
    }
    char *end;
    unsigned long pos = strtoul(f[C_POS], &end, 10);
    if (!*f[C_POS] || *end || pos == 0 || pos > 1000000) {
        rerr(r, C_POS, "position: expected a whole number from 1, got '%s'", f[C_POS]);
        return;
    }
    long mi = sc__find_model(sc, f[C_MODEL]);
    if (mi < 0) {
        rerr(r, C_MODEL,
             "model '%s' is not in the scenario: the plan was made from another "
             "scenario",
             f[C_MODEL]);
        return;
    }
    if (strcmp(sc__name(sc, sc->brand[sc->model[mi].brand].name), f[C_BRAND]) != 0) {
        rerr(r, C_BRAND, "brand '%s' does not make model '%s' in the scenario", f[C_BRAND],
             f[C_MODEL]);
        return;
    }
    long col = sc__names_find(&sc->colour, f[C_COLOUR]);
    const char *bad = NULL;
    uint64_t opts;
    if (col < 0) {
        rerr(r, C_COLOUR, "colour '%s' is not in the scenario", f[C_COLOUR]);
        return;
    }
    if (!parse_options(sc, f[C_OPTIONS], &opts, &bad)) {
        rerr(r, C_OPTIONS, "option '%s' is not in the scenario", bad);
        return;
    }
    long oi = sc__find_order_by_id(sc, f[C_ID]);
    w.line = (int32_t)l;
    w.day = t;
    w.pos = (uint32_t)pos;
    w.car = (sc__car){(int32_t)oi, (int32_t)mi, (int32_t)col, 0, opts};
    if (oi >= 0) {
        const sc__order *o = &sc->order[oi];
        if (o->model != (int32_t)mi || o->colour != (int32_t)col || o->opts != opts) {
            rerr(r, C_ID,
                 "order '%s' is not the same car in the scenario's orders (model, colour or "
                 "options differ): the plan was made from other orders",
                 f[C_ID]);
            return;
        }
        if (b->order_line[oi] >= 0) {
            rerr(r, C_ID, "order '%s' is planned twice", f[C_ID]);
            return;
        }
        b->order_line[oi] = (int32_t)l;
        b->order_day[oi] = t;
        b->order_pos[oi] = (uint32_t)pos;
    } else if (!sc->brand[sc->model[mi].brand].host ||
               !demand_tag(sc, (size_t)l, t, f[C_ID], &w.car.tag)) {
        rerr(r, C_ID,
             "order '%s' is not one of the scenario's orders: the plan was made from other orders",
             f[C_ID]);
        return;
    }
    if (!sc__grow((void **)&r->rows, &r->caprows, r->nrows + 1, sizeof *r->rows)) {
        r->nomem = true;
        return;
    }
    r->rows[r->nrows++] = w;
}

static void on_row(int c, void *data) {
    (void)c;
    seqrd *r = data;
    if (r->nomem || r->st) {
        r->nfields = 0;
        return;
    }
    if (r->too_many)
        rerr(r, -1, "more than %d fields", NCOLS);
    else if (!r->header_done) {
        bool ok = r->nfields == NCOLS;
        for (size_t k = 0; k < NCOLS && ok; k++)
            ok = !strcmp(r->field[k], COLS[k]);
        if (!ok)
            rerr(r, -1,
                 "not a sparecap plan: expected the header "
                 "line,date,position,order_id,brand,model,colour,options");
        r->header_done = true;
    } else
        data_row(r);
    r->nfields = 0;
    r->too_many = false;
}

/* Sorts the rows into line-days and checks their positions. */
static sc_status build(seqrd *r) {
    sc_baseline *b = r->b;
    size_t nk = b->nl * b->nd;
    b->first = sc__calloc(nk + 1, sizeof *b->first);
    b->car = sc__malloc((r->nrows + 1) * sizeof *b->car);
    if (!b->first || !b->car) return SC_ENOMEM;
    for (size_t i = 0; i < r->nrows; i++)
        b->first[(size_t)r->rows[i].line * b->nd + (size_t)r->rows[i].day + 1]++;
    for (size_t k = 1; k <= nk; k++)
        b->first[k] += b->first[k - 1];
    uint8_t *seen = sc__calloc(r->nrows + 1, 1);
    if (!seen) return SC_ENOMEM;
    for (size_t i = 0; i < r->nrows; i++) {
        const row *w = &r->rows[i];
        size_t k = (size_t)w->line * b->nd + (size_t)w->day;
        size_t n = b->first[k + 1] - b->first[k];
        size_t at = b->first[k] + w->pos - 1;
        if (w->pos > n || seen[at]) {
            char date[16];
            sc__format_date(b->sc->day0 + w->day, date);
            sc__diag_set(r->d, r->file, 0, 0,
                         "line-day %s %s: positions must run 1 to %zu once each (position %u %s)",
                         sc__name(b->sc, b->sc->line[w->line].name), date, n, w->pos,
                         w->pos > n ? "is beyond" : "comes twice");
            sc__free(seen);
            return SC_EINVAL;
        }
        seen[at] = 1;
        b->car[at] = w->car;
        if (w->car.order >= 0) b->order_pos[w->car.order] = w->pos;
    }
    sc__free(seen);
    b->ncars = r->nrows;
    return SC_OK;
}

/* Reads sequences.csv from 'text' ('len' bytes) into the baseline. The
** buffer is fed to libcsv a line at a time, only to count lines for the
** messages: a record may span lines. */
static sc_status read_sequences(rd *r, const char *text, size_t len) {
    seqrd q;
    memset(&q, 0, sizeof q);
    q.b = r->b;
    q.file = r->seq;
    q.d = r->d;
    q.last_line = -1;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return nomem(r->d);
    size_t pos = 0;
    while (pos < len && !q.nomem && !q.st) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        q.line++;
        if (csv_parse(&p, text + pos, n, on_field, on_row, &q) != n) {
            if (csv_error(&p) == CSV_ENOMEM)
                q.nomem = true;
            else
                rerr(&q, -1, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
            break;
        }
        pos += n;
    }
    if (!q.nomem && !q.st && csv_fini(&p, on_field, on_row, &q) != 0)
        rerr(&q, -1, "malformed CSV at the end (%s)", csv_strerror(csv_error(&p)));
    csv_free(&p);
    for (size_t k = 0; k <= NCOLS; k++)
        sc__free(q.field[k]);
    if (!q.nomem && !q.st && !q.header_done)
        rerr(&q, -1, "not a sparecap plan: empty sequences.csv");
    sc_status st = q.nomem ? SC_ENOMEM : q.st;
    if (!st) st = build(&q);
    sc__free(q.rows);
    if (st == SC_ENOMEM) nomem(r->d);
    return st;
}

/* The cars of each line-day of sequences.csv against the manifest's count. */
static sc_status check_cars(rd *r) {
    const sc_baseline *b = r->b;
    for (size_t k = 0; k < b->nl * b->nd; k++) {
        int64_t n = (int64_t)(b->first[k + 1] - b->first[k]);
        if (n == r->m->cars[k]) continue;
        char date[16];
        sc__format_date(r->sc->day0 + (int32_t)(k % b->nd), date);
        sc__diag_set(r->d, r->seq, 0, 0,
                     "line-day %s %s has %lld cars, the manifest counts %lld: the file was edited, "
                     "or comes from another plan",
                     sc__name(r->sc, r->sc->line[k / b->nd].name), date, (long long)n,
                     (long long)r->m->cars[k]);
        return SC_EINVAL;
    }
    return SC_OK;
}

/* ------------------------------------------------------------ plan.json */

/* A place in plan.json: the byte offset, and its line for messages. */
typedef struct jcur {
    const char *s;
    size_t len, pos;
    unsigned line;
} jcur;

static void jc_advance(jcur *c, size_t n) {
    const char *p = c->s + c->pos, *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        c->line++;
        p++;
    }
    c->pos += n;
}

/* Steps over JSON whitespace; the next byte, or -1 at the end. */
static int jc_peek(jcur *c) {
    while (c->pos < c->len) {
        char ch = c->s[c->pos];
        if (ch == '\n')
            c->line++;
        else if (ch != ' ' && ch != '\t' && ch != '\r')
            return (unsigned char)ch;
        c->pos++;
    }
    return -1;
}

static sc_status not_a_plan(rd *r, unsigned line, const char *fmt, ...) SC__PRINTF(3, 4);

static sc_status not_a_plan(rd *r, unsigned line, const char *fmt, ...) {
    char msg[220];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc__diag_set(r->d, r->json, line, 0, "not a sparecap plan: %s", msg);
    return SC_EINVAL;
}

/* Decodes the value at the cursor with jansson and steps past it; NULL
** with 'r->d' filled when it is not one. */
static json_t *jc_value(rd *r, jcur *c, sc_status *st) {
    jc_peek(c);
    json_error_t je;
    json_t *v = json_loadb(c->s + c->pos, c->len - c->pos,
                           JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
    if (!v) {
        *st = not_a_plan(r, c->line + (je.line > 1 ? (unsigned)je.line - 1 : 0),
                         "malformed JSON (%s)", je.text);
        return NULL;
    }
    if (je.position <= 0 || (size_t)je.position > c->len - c->pos) {
        json_decref(v);
        *st = not_a_plan(r, c->line, "a value too large to read");
        return NULL;
    }
    jc_advance(c, (size_t)je.position);
    return v;
}

/* Steps over 'ch' (after whitespace); false when another byte comes. */
static bool jc_take(jcur *c, char ch) {
    if (jc_peek(c) != (unsigned char)ch) return false;
    c->pos++;
    return true;
}

/* What plan.json has said so far. */
typedef struct jrd {
    unsigned has; /* the members seen, by bit (J_*) */
    long last_line;
    size_t next_order;   /* the order after the last one, a guess for the next look-up */
    uint8_t *ld_seen;    /* nl x nd */
    uint8_t *order_seen; /* per order */
    int64_t *orders;     /* per brand */
} jrd;

enum { J_SPARECAP, J_VIEW, J_SCENARIO, J_PARAMETERS, J_LINES, J_LINE_DAYS, J_ORDERS, J_REPLAN, NJ };
static const char *const JNAMES[NJ] = {"sparecap", "view",      "scenario", "parameters",
                                       "lines",    "line_days", "orders",   "replan"};

/* The id of car 'c' on line-day (l, t), as sc_plan_write writes it. */
static const char *car_id(const sc_scenario *sc, size_t l, int32_t t, const sc__car *c,
                          char buf[160]) {
    if (c->order >= 0) return sc->ids.buf + sc->order[c->order].id;
    uint32_t tag = c->tag;
    if (tag & SC__TAG_CARRIED) {
        t = (int32_t)((tag & ~SC__TAG_CARRIED) >> SC__TAG_DAY_SHIFT);
        tag &= SC__TAG_NUM_MASK;
    }
    int y, m, dd;
    sc__civil_from_days(sc->day0 + t, &y, &m, &dd);
    snprintf(buf, 160, "%s-%04d%02d%02d-%04u", sc__name(sc, sc->line[l].name), y, m, dd, tag);
    return buf;
}

/* The line and horizon day of 'line' and 'date'; false when either is not
** the scenario's. */
static bool line_day(rd *r, jrd *j, const char *line, const char *date, long *l, int32_t *t) {
    const sc_scenario *sc = r->sc;
    *l = j->last_line >= 0 && !strcmp(line, sc__name(sc, sc->line[j->last_line].name))
             ? j->last_line
             : sc__find_line(sc, line);
    int32_t days;
    if (*l < 0 || !sc__parse_date(date, &days)) return false;
    *t = days - sc->day0;
    j->last_line = *l;
    return *t >= 0 && *t < (int32_t)r->b->nd;
}

/* One element of "line_days": its cars, one by one, those of sequences.csv. */
static sc_status json_line_day(rd *r, jrd *j, json_t *v, unsigned ln) {
    const sc_baseline *b = r->b;
    const char *line = json_string_value(json_object_get(v, "line"));
    const char *date = json_string_value(json_object_get(v, "date"));
    json_t *cars = json_object_get(v, "cars"), *seq = json_object_get(v, "sequence");
    if (!line || !date || !json_is_integer(cars) || !json_is_array(seq))
        return not_a_plan(r, ln,
                          "a line-day of \"line_days\" lacks its line, date, cars or "
                          "sequence");
    long l;
    int32_t t;
    if (!line_day(r, j, line, date, &l, &t)) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "line-day %s %s is not one of the scenario's: the plan was made from "
                     "another scenario",
                     line, date);
        return SC_EINVAL;
    }
    size_t k = (size_t)l * b->nd + (size_t)t;
    if (j->ld_seen[k]++) {
        sc__diag_set(r->d, r->json, ln, 0, "line-day %s %s is listed twice", line, date);
        return SC_EINVAL;
    }
    size_t n = b->first[k + 1] - b->first[k];
    if (json_integer_value(cars) != (json_int_t)n || json_array_size(seq) != n) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "line-day %s %s has %lld cars (a sequence of %zu), sequences.csv %zu: the "
                     "files come from different plans",
                     line, date, (long long)json_integer_value(cars), json_array_size(seq), n);
        return SC_EINVAL;
    }
    char buf[160];
    for (size_t i = 0; i < n; i++) {
        const char *id = json_string_value(json_array_get(seq, i));
        const char *want = car_id(r->sc, (size_t)l, t, &b->car[b->first[k] + i], buf);
        if (!id || strcmp(id, want) != 0) {
            sc__diag_set(r->d, r->json, ln, 0,
                         "line-day %s %s, position %zu: car '%s', in sequences.csv '%s': the "
                         "files come from different plans",
                         line, date, i + 1, id ? id : "?", want);
            return SC_EINVAL;
        }
    }
    return SC_OK;
}

/* One element of "orders": its brand, and its place against sequences.csv. */
static sc_status json_order(rd *r, jrd *j, json_t *v, unsigned ln) {
    const sc_scenario *sc = r->sc;
    const sc_baseline *b = r->b;
    const char *id = json_string_value(json_object_get(v, "id"));
    const char *brand = json_string_value(json_object_get(v, "brand"));
    const char *status = json_string_value(json_object_get(v, "status"));
    if (!id || !brand || !status)
        return not_a_plan(r, ln, "an order of \"orders\" lacks its id, brand or status");
    /* sc_plan_write lists the orders in the scenario's order: try the next
    ** one before the look-up. */
    long oi = j->next_order < sc->norders && !strcmp(sc->ids.buf + sc->order[j->next_order].id, id)
                  ? (long)j->next_order
                  : sc__find_order_by_id(sc, id);
    j->next_order = oi >= 0 ? (size_t)oi + 1 : 0;
    if (oi < 0) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "order '%s' is not one of the scenario's orders: the plan was made from "
                     "other orders",
                     id);
        return SC_EINVAL;
    }
    const sc__order *o = &sc->order[oi];
    if (j->order_seen[oi]++) {
        sc__diag_set(r->d, r->json, ln, 0, "order '%s' is listed twice", id);
        return SC_EINVAL;
    }
    if (strcmp(brand, sc__name(sc, sc->brand[o->brand].name)) != 0) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "order '%s' is of brand '%s', in the scenario's orders of '%s': the plan was "
                     "made from other orders",
                     id, brand, sc__name(sc, sc->brand[o->brand].name));
        return SC_EINVAL;
    }
    j->orders[o->brand]++;
    /* Where sequences.csv has it, and where plan.json does. */
    char was[200] = "unplanned", is[200] = "unplanned", db[16];
    if (b->order_line[oi] >= 0)
        snprintf(was, sizeof was, "on %s %s at position %u",
                 sc__name(sc, sc->line[b->order_line[oi]].name),
                 sc__format_date(sc->day0 + b->order_day[oi], db), b->order_pos[oi]);
    if (strcmp(status, "unplanned") != 0) {
        const char *line = json_string_value(json_object_get(v, "line"));
        const char *date = json_string_value(json_object_get(v, "date"));
        json_t *pos = json_object_get(v, "position");
        long l;
        int32_t t;
        if (!line || !date || !json_is_integer(pos))
            return not_a_plan(r, ln, "order '%s' is %s but lacks its line, date or position", id,
                              status);
        if (!line_day(r, j, line, date, &l, &t)) {
            sc__diag_set(r->d, r->json, ln, 0,
                         "order '%s': line-day %s %s is not one of the scenario's: the plan "
                         "was made from another scenario",
                         id, line, date);
            return SC_EINVAL;
        }
        if (b->order_line[oi] == (int32_t)l && b->order_day[oi] == t &&
            (json_int_t)b->order_pos[oi] == json_integer_value(pos))
            return SC_OK;
        snprintf(is, sizeof is, "on %s %s at position %lld", line, date,
                 (long long)json_integer_value(pos));
    } else if (b->order_line[oi] < 0)
        return SC_OK;
    sc__diag_set(r->d, r->json, ln, 0,
                 "order '%s' is %s, in sequences.csv %s: the files come from different plans", id,
                 is, was);
    return SC_EINVAL;
}

/* "view": the host's; a brand's is refused. */
static sc_status json_view(rd *r, json_t *v, unsigned ln) {
    if (json_is_string(v) && !strcmp(json_string_value(v), "host")) return SC_OK;
    const char *br = json_string_value(json_object_get(v, "brand"));
    if (!br) return not_a_plan(r, ln, "\"view\" is neither \"host\" nor {\"brand\": NAME}");
    sc__diag_set(r->d, r->json, ln, 0,
                 "the plan was written for brand %s; a replan needs the host's full view", br);
    return SC_EINVAL;
}

/* "scenario": the same name and horizon as the scenario's. */
static sc_status json_scenario(rd *r, json_t *s, unsigned ln) {
    const sc_scenario *sc = r->sc;
    const char *name = json_string_value(json_object_get(s, "name"));
    const char *fw = json_string_value(json_object_get(s, "first_week"));
    json_t *wk = json_object_get(s, "weeks");
    char want[16];
    sc__format_week(sc->day0, want);
    if (!name || !fw || !json_is_integer(wk))
        return not_a_plan(r, ln, "\"scenario\" lacks its name, first week or weeks");
    if (strcmp(name, sc__name(sc, sc->name)) != 0) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "the plan was made from another scenario: '%s', not '%s'", name,
                     sc__name(sc, sc->name));
        return SC_EINVAL;
    }
    if (strcmp(fw, want) != 0 || json_integer_value(wk) != sc->nweeks) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "the plan was made from another scenario: its horizon is %lld weeks from %s, "
                     "the scenario's %d weeks from %s",
                     (long long)json_integer_value(wk), fw, sc->nweeks, want);
        return SC_EINVAL;
    }
    return SC_OK;
}

/* "parameters": the seed, effort and node budget it was planned with. */
static sc_status json_parameters(rd *r, json_t *p, unsigned ln) {
    json_t *seed = json_object_get(p, "seed"), *eff = json_object_get(p, "effort_per_car");
    json_t *minf = json_object_get(p, "min_effort"), *nodes = json_object_get(p, "mip_nodes");
    if (!json_is_integer(seed) || !json_is_integer(eff) || !json_is_integer(minf) ||
        !json_is_integer(nodes))
        return not_a_plan(r, ln,
                          "\"parameters\" lacks seed, effort_per_car, min_effort or mip_nodes");
    r->b->params.seed = (uint64_t)json_integer_value(seed);
    r->b->params.effort_per_car = (uint64_t)json_integer_value(eff);
    r->b->params.min_effort = (uint64_t)json_integer_value(minf);
    r->b->params.mip_nodes = (uint64_t)json_integer_value(nodes);
    return SC_OK;
}

/* "lines": the same names, in the same order, with the same slots. */
static sc_status json_lines(rd *r, json_t *ls, unsigned ln) {
    const sc_scenario *sc = r->sc;
    if (!json_is_array(ls)) return not_a_plan(r, ln, "\"lines\" is not a list");
    if (json_array_size(ls) != sc->nlines) {
        sc__diag_set(r->d, r->json, ln, 0,
                     "the plan was made from another scenario: it has %zu lines, the scenario %zu",
                     json_array_size(ls), sc->nlines);
        return SC_EINVAL;
    }
    for (size_t l = 0; l < sc->nlines; l++) {
        json_t *o = json_array_get(ls, l);
        const char *name = json_string_value(json_object_get(o, "line"));
        json_t *slots = json_object_get(o, "slots_per_day");
        const char *want = sc__name(sc, sc->line[l].name);
        if (!name || strcmp(name, want) != 0) {
            sc__diag_set(r->d, r->json, ln, 0,
                         "the plan was made from another scenario: line %zu is '%s', not '%s'",
                         l + 1, name ? name : "?", want);
            return SC_EINVAL;
        }
        if (!json_is_integer(slots) || json_integer_value(slots) != sc->line[l].slots) {
            sc__diag_set(r->d, r->json, ln, 0,
                         "the plan was made from another scenario: line '%s' has %lld slots per "
                         "day, the scenario %d",
                         name, (long long)json_integer_value(slots), sc->line[l].slots);
            return SC_EINVAL;
        }
    }
    return SC_OK;
}

/* Adds an outage of an earlier replan to 'b', its three strings copied into
** one block (freed through 'where'); false when out of memory. */
static bool add_outage(sc_baseline *b, const char *what, const char *from, const char *to) {
    size_t nw = strlen(what) + 1, nf = strlen(from) + 1, nt = strlen(to) + 1;
    char *block = sc__malloc(nw + nf + nt);
    if (!block) return false;
    memcpy(block, what, nw);
    memcpy(block + nw, from, nf);
    memcpy(block + nw + nf, to, nt);
    b->outage[b->noutages++] = (sc_span){block, block + nw, block + nw + nf};
    return true;
}

/* "replan": the outages of an earlier replan, applied again, and its
** catch-up value. */
static sc_status json_replan(rd *r, json_t *rp, unsigned ln) {
    sc_baseline *b = r->b;
    json_t *outs = json_object_get(rp, "outages");
    json_t *hv = json_object_get(json_object_get(rp, "host_catch_up"), "value");
    if (hv && !(json_is_number(hv) && json_number_value(hv) >= 0 && json_number_value(hv) <= 1e9))
        return not_a_plan(r, ln, "\"host_catch_up\" value is not a number from 0 to 1e9");
    if (hv) b->host_value = json_number_value(hv);
    if (!json_is_array(outs) || !json_array_size(outs)) return SC_OK;
    b->outage = sc__calloc(json_array_size(outs), sizeof *b->outage);
    if (!b->outage) return nomem(r->d);
    size_t i;
    json_t *o;
    json_array_foreach(outs, i, o) {
        const char *what = json_string_value(json_object_get(o, "what"));
        const char *from = json_string_value(json_object_get(o, "from"));
        const char *to = json_string_value(json_object_get(o, "to"));
        if (!what || !from || !to)
            return not_a_plan(r, ln, "an outage of \"replan\" lacks what, from or to");
        if (!add_outage(b, what, from, to)) return nomem(r->d);
    }
    return SC_OK;
}

/* Reads one of the two long lists, element by element, after its key. */
static sc_status json_list(rd *r, jrd *j, jcur *c, int which) {
    if (!jc_take(c, '[')) return not_a_plan(r, c->line, "\"%s\" is not a list", JNAMES[which]);
    if (jc_take(c, ']')) return SC_OK;
    for (;;) {
        sc_status st = SC_OK;
        jc_peek(c);
        unsigned ln = c->line;
        json_t *v = jc_value(r, c, &st);
        if (!v) return st;
        st = which == J_LINE_DAYS ? json_line_day(r, j, v, ln) : json_order(r, j, v, ln);
        json_decref(v);
        if (st) return st;
        if (jc_take(c, ']')) return SC_OK;
        if (!jc_take(c, ','))
            return not_a_plan(r, c->line, "malformed JSON (',' or ']' expected in \"%s\")",
                              JNAMES[which]);
    }
}

/* Checks what plan.json says against sequences.csv, once it is all read. */
static sc_status json_finish(rd *r, jrd *j) {
    const sc_scenario *sc = r->sc;
    const sc_baseline *b = r->b;
    for (int k = 0; k < NJ; k++)
        if (k != J_REPLAN && !(j->has & (1u << k))) return not_a_plan(r, 0, "no \"%s\"", JNAMES[k]);
    char db[16];
    for (size_t k = 0; k < b->nl * b->nd; k++)
        if (!j->ld_seen[k] && b->first[k + 1] > b->first[k]) {
            sc__diag_set(r->d, r->json, 0, 0,
                         "\"line_days\" lacks line-day %s %s, which sequences.csv holds (%u "
                         "cars): the files come from different plans",
                         sc__name(sc, sc->line[k / b->nd].name),
                         sc__format_date(sc->day0 + (int32_t)(k % b->nd), db),
                         b->first[k + 1] - b->first[k]);
            return SC_EINVAL;
        }
    for (size_t i = 0; i < sc->norders; i++)
        if (!j->order_seen[i] && b->order_line[i] >= 0) {
            sc__diag_set(r->d, r->json, 0, 0,
                         "\"orders\" lacks order '%s', which sequences.csv holds: the files come "
                         "from different plans",
                         sc->ids.buf + sc->order[i].id);
            return SC_EINVAL;
        }
    for (size_t br = 0; br < sc->nbrands; br++)
        if (j->orders[br] != r->m->orders[br]) {
            sc__diag_set(r->d, r->json, 0, 0,
                         "%lld orders of brand %s, the manifest counts %lld: the files come from "
                         "different plans",
                         (long long)j->orders[br], sc__name(sc, sc->brand[br].name),
                         (long long)r->m->orders[br]);
            return SC_EINVAL;
        }
    return SC_OK;
}

/* The members of plan.json, in any order, each decoded and checked. */
static sc_status json_members(rd *r, jrd *j, jcur *c) {
    if (!jc_take(c, '{'))
        return not_a_plan(r, c->line, "expected a JSON object {\"sparecap\": VERSION, ...}");
    if (jc_take(c, '}')) return json_finish(r, j);
    for (;;) {
        sc_status st = SC_OK;
        if (jc_peek(c) != '"') return not_a_plan(r, c->line, "malformed JSON (a key expected)");
        json_t *key = jc_value(r, c, &st);
        if (!key) return st;
        int which = NJ;
        for (int k = 0; k < NJ; k++)
            if (json_is_string(key) && !strcmp(json_string_value(key), JNAMES[k])) which = k;
        json_decref(key);
        if (!jc_take(c, ':')) return not_a_plan(r, c->line, "malformed JSON (':' expected)");
        if (which < NJ && (j->has & (1u << which)))
            return not_a_plan(r, c->line, "\"%s\" comes twice", JNAMES[which]);
        if (which < NJ) j->has |= 1u << which;
        if (which == J_LINE_DAYS || which == J_ORDERS)
            st = json_list(r, j, c, which);
        else {
            jc_peek(c);
            unsigned ln = c->line;
            json_t *v = jc_value(r, c, &st);
            if (!v) return st;
            switch (which) {
            case J_SPARECAP:
                if (!json_is_string(v)) st = not_a_plan(r, ln, "\"sparecap\" is not a version");
                break;
            case J_VIEW: st = json_view(r, v, ln); break;
            case J_SCENARIO: st = json_scenario(r, v, ln); break;
            case J_PARAMETERS: st = json_parameters(r, v, ln); break;
            case J_LINES: st = json_lines(r, v, ln); break;
            case J_REPLAN: st = json_replan(r, v, ln); break;
            default: break; /* kpis, brands, ledger ...: not needed for a replan */
            }
            json_decref(v);
        }
        if (st) return st;
        if (jc_take(c, '}')) break;
        if (!jc_take(c, ',')) return not_a_plan(r, c->line, "malformed JSON (',' or '}' expected)");
    }
    if (jc_peek(c) >= 0) return not_a_plan(r, c->line, "data after the plan's object");
    return json_finish(r, j);
}

/* Reads plan.json from 'text' ('len' bytes), after sequences.csv. */
static sc_status read_plan_json(rd *r, const char *text, size_t len) {
    jrd j;
    memset(&j, 0, sizeof j);
    j.last_line = -1;
    j.ld_seen = sc__calloc(r->b->nl * r->b->nd + 1, 1);
    j.order_seen = sc__calloc(r->sc->norders + 1, 1);
    j.orders = sc__calloc(r->sc->nbrands + 1, sizeof *j.orders);
    sc_status st;
    if (!j.ld_seen || !j.order_seen || !j.orders)
        st = nomem(r->d);
    else {
        jcur c = {text, len, 0, 1};
        st = json_members(r, &j, &c);
    }
    sc__free(j.ld_seen);
    sc__free(j.order_seen);
    sc__free(j.orders);
    return st;
}

/* ------------------------------------------------------------ the two inputs */

static bool is_read(const char *name) {
    return !strcmp(name, "plan.json") || !strcmp(name, "sequences.csv");
}

/* Reads sequences.csv, then plan.json, each once its size and SHA-256 are
** checked; 'load' gives a file's bytes (and 'done' gives them back). */
typedef struct src {
    const sc_plan_files *files; /* from memory */
    const char *dir;            /* or from a directory */
} src;

static sc_status src_get(rd *r, const src *s, const char *name, const char *path, char **text,
                         size_t *len, bool *owned) {
    *owned = false;
    if (s->files) {
        for (size_t i = 0; i < s->files->count; i++)
            if (s->files->file[i].name && !strcmp(s->files->file[i].name, name)) {
                *text = (char *)s->files->file[i].data;
                *len = s->files->file[i].len;
                return *text || !*len ? SC_OK : SC_EINVAL;
            }
        sc__diag_set(r->d, path, 0, 0, "missing: a replan reads it");
        return SC_EINVAL;
    }
    sc_status st = sc__load_file(path, text, len, r->d);
    *owned = st == SC_OK;
    return st;
}

static sc_status read_files(rd *r, const src *s) {
    static const char *const ORDER[] = {"sequences.csv", "plan.json"};
    for (size_t i = 0; i < 2; i++) {
        const char *path = i ? r->json : r->seq;
        char *text = NULL;
        size_t len = 0;
        bool owned;
        sc_status st = src_get(r, s, ORDER[i], path, &text, &len, &owned);
        if (!st) st = sc__manifest_check_data(r->m, ORDER[i], path, text, len, r->d);
        if (!st) st = i ? read_plan_json(r, text, len) : read_sequences(r, text, len);
        if (!st && !i) st = check_cars(r);
        if (owned) sc__free(text);
        if (st) return st;
    }
    return SC_OK;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks the directory against the manifest: the same files (the first
** extra one, by name, is named), each of its size; then the SHA-256 of
** those not read (plan.json and sequences.csv are checked as they are). */
static sc_status check_dir(rd *r, const char *dir) {
    DIR *dp = opendir(dir);
    if (!dp) {
        sc__diag_set(r->d, dir, 0, 0, "cannot read: %s", strerror(errno));
        return SC_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    sc_status st = SC_OK;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
            !strcmp(e->d_name, SC__MANIFEST_NAME))
            continue;
        size_t k = strlen(e->d_name) + 1;
        char *s = sc__malloc(k);
        if (!s || !sc__grow((void **)&names, &cap, n + 1, sizeof *names)) {
            sc__free(s);
            st = nomem(r->d);
            break;
        }
        memcpy(s, e->d_name, k);
        names[n++] = s;
    }
    closedir(dp);
    if (n) qsort(names, n, sizeof *names, cmp_names);
    char path[4400];
    for (size_t i = 0; i < n && !st; i++)
        if (!sc__manifest_find(r->m, names[i])) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            st = sc__manifest_check_size(r->m, names[i], path, 0, r->d);
        }
    for (size_t i = 0; i < r->m->nfiles && !st; i++) {
        const sc__manifest_file *f = &r->m->file[i];
        snprintf(path, sizeof path, "%s/%s", dir, f->name);
        struct stat sb;
        char sz[32];
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            snprintf(sz, sizeof sz, "%llu", (unsigned long long)f->size);
            sc__diag_set(r->d, path, 0, 0,
                         "missing: the manifest lists it (%s bytes); the plan is not whole", sz);
            st = SC_EINVAL;
        } else
            st = sc__manifest_check_size(r->m, f->name, path, (uint64_t)sb.st_size, r->d);
    }
    for (size_t i = 0; i < r->m->nfiles && !st; i++) {
        const sc__manifest_file *f = &r->m->file[i];
        if (is_read(f->name)) continue;
        snprintf(path, sizeof path, "%s/%s", dir, f->name);
        st = sc__manifest_check_file(r->m, f->name, path, r->d);
    }
    for (size_t i = 0; i < n; i++)
        sc__free(names[i]);
    sc__free(names);
    return st;
}

sc_status sc_baseline_read(const char *dir, const sc_scenario *sc, sc_baseline **out, sc_diag *d) {
    *out = NULL;
    if (!dir || !sc || sc->nweeks <= 0) {
        sc__diag_set(d, NULL, 0, 0, "bad arguments");
        return SC_EINVAL;
    }
    rd r;
    sc_status st = rd_init(&r, sc, dir, d);
    if (!st) {
        char *text;
        size_t len;
        struct stat sb;
        if (stat(r.man, &sb) != 0) {
            if (stat(r.json, &sb) == 0)
                sc__diag_set(d, r.man, 0, 0,
                             "missing: a published plan lists its files in a manifest, and this "
                             "one has none (written by an older sparecap, or not whole): write "
                             "the plan again");
            else
                sc__diag_set(d, dir, 0, 0,
                             "not a sparecap plan directory (no manifest.json, no plan.json)");
            st = SC_EINVAL;
        } else if ((st = sc__load_file(r.man, &text, &len, d)) == SC_OK) {
            st = read_manifest(&r, text, len);
            sc__free(text);
        }
    }
    if (!st) st = check_dir(&r, dir);
    src s = {NULL, dir};
    if (!st) st = read_files(&r, &s);
    if (st) {
        rd_release(&r);
        return st;
    }
    sc__manifest_free(r.m);
    *out = r.b;
    return SC_OK;
}

sc_status sc_baseline_parse(const sc_plan_files *files, const sc_scenario *sc, sc_baseline **out,
                            sc_diag *d) {
    *out = NULL;
    if (!files || (files->count && !files->file) || !sc || sc->nweeks <= 0) {
        sc__diag_set(d, NULL, 0, 0, "bad arguments");
        return SC_EINVAL;
    }
    rd r;
    sc_status st = rd_init(&r, sc, files->where, d);
    const sc_plan_file *man = NULL;
    for (size_t i = 0; i < files->count && !st; i++) {
        const sc_plan_file *f = &files->file[i];
        if (!f->name || (!f->data && f->len)) {
            sc__diag_set(d, NULL, 0, 0, "bad arguments: file %zu has no name or no data", i);
            st = SC_EINVAL;
        } else if (!strcmp(f->name, SC__MANIFEST_NAME))
            man = f;
    }
    if (!st && !man) {
        sc__diag_set(d, r.man, 0, 0,
                     "missing: a published plan lists its files in a manifest, and this one has "
                     "none (written by an older sparecap, or not whole): write the plan again");
        st = SC_EINVAL;
    }
    if (!st) st = read_manifest(&r, man->data, man->len);
    /* Every file given against the manifest: listed and of its size, then
    ** the SHA-256 of those not read. */
    char path[4400];
    for (int pass = 0; pass < 2 && !st; pass++)
        for (size_t i = 0; i < files->count && !st; i++) {
            const sc_plan_file *f = &files->file[i];
            if (f == man || (pass && is_read(f->name))) continue;
            snprintf(path, sizeof path, "%s%s%s", files->where ? files->where : "",
                     files->where ? "/" : "", f->name);
            st = pass ? sc__manifest_check_data(r.m, f->name, path, f->data, f->len, d)
                      : sc__manifest_check_size(r.m, f->name, path, f->len, d);
        }
    src s = {files, NULL};
    if (!st) st = read_files(&r, &s);
    if (st) {
        rd_release(&r);
        return st;
    }
    sc__manifest_free(r.m);
    *out = r.b;
    return SC_OK;
}

/* ------------------------------------------------------------ from a plan in memory */

sc_status sc_baseline_from_plan(const sc_plan *pl, const sc_scenario *sc, sc_baseline **out,
                                sc_diag *d) {
    *out = NULL;
    if (!pl || !sc) {
        sc__diag_set(d, NULL, 0, 0, "bad arguments");
        return SC_EINVAL;
    }
    /* A replan plans on a copy of the scenario (its calendars with the
    ** outages), which shares the orders. */
    const sc_scenario *ps = pl->sc;
    if (ps != sc &&
        !(pl->rp && ps->order == sc->order && ps->norders == sc->norders &&
          ps->nlines == sc->nlines && ps->nweeks == sc->nweeks && ps->day0 == sc->day0)) {
        sc__diag_set(d, NULL, 0, 0, "the plan was not made from this scenario");
        return SC_EINVAL;
    }
    sc_baseline *b = baseline_new(sc);
    if (!b) return nomem(d);
    size_t nk = b->nl * b->nd;
    b->params.seed = pl->params.seed;
    b->params.effort_per_car = pl->params.effort_per_car;
    b->params.min_effort = pl->params.min_effort;
    b->params.mip_nodes = pl->params.mip_nodes;
    b->first = sc__calloc(nk + 1, sizeof *b->first);
    b->car = sc__malloc((pl->ncars + 1) * sizeof *b->car);
    if (!b->first || !b->car) goto oom;
    for (size_t i = 0; i < pl->nld; i++)
        b->first[(size_t)pl->ld[i].line * b->nd + (size_t)pl->ld[i].day + 1] += pl->ld[i].n;
    for (size_t k = 1; k <= nk; k++)
        b->first[k] += b->first[k - 1];
    for (size_t i = 0; i < pl->nld; i++) {
        const sc__lineday *ld = &pl->ld[i];
        size_t at = b->first[(size_t)ld->line * b->nd + (size_t)ld->day];
        for (uint32_t p = 0; p < ld->n; p++) {
            sc__car c = pl->car[ld->first + p];
            /* As sequences.csv gives it back: an order's car has no tag, a
            ** carried car published for this very day is not carried. */
            if (c.order >= 0) {
                c.tag = 0;
                b->order_line[c.order] = ld->line;
                b->order_day[c.order] = ld->day;
                b->order_pos[c.order] = p + 1;
            } else if ((c.tag & SC__TAG_CARRIED) &&
                       (int32_t)((c.tag & ~SC__TAG_CARRIED) >> SC__TAG_DAY_SHIFT) == ld->day)
                c.tag &= SC__TAG_NUM_MASK;
            b->car[at + p] = c;
        }
    }
    b->ncars = b->first[nk];
    if (pl->rp) {
        /* A replan's outages and catch-up value, as plan.json's "replan"
        ** gives them: the value through the 15 digits it is written with. */
        const sc__replan *rp = pl->rp;
        char num[40], a[16], z[16];
        snprintf(num, sizeof num, "%.15g", rp->st.host_value);
        b->host_value = strtod(num, NULL);
        b->outage = sc__calloc(rp->nout + 1, sizeof *b->outage);
        if (!b->outage) goto oom;
        for (size_t k = 0; k < rp->nout; k++) {
            const sc__outage *o = &rp->out[k];
            if (!add_outage(b, o->what, sc__format_date(o->date_from, a),
                            sc__format_date(o->date_to, z)))
                goto oom;
        }
    }
    *out = b;
    return SC_OK;
oom:
    sc_baseline_free(b);
    return nomem(d);
}
