/*
** The baseline reader: a plan directory written by sc_plan_write, read back
** for a replan (src/plan/replan.c).
**
** plan.json is large (every line-day's sequence), but its top-level members
** each start a line of their own ("view", "scenario", "parameters", "lines",
** ... "replan"), so only the few that matter are decoded, each by jansson
** from the start of its line; the rest is skipped. sequences.csv gives the
** cars: every row is checked against the scenario (line, date in the
** horizon, order id, brand, model, colour and options of an order; the id
** of a host car made from demand is "LINE-YYYYMMDD-NNNN"), and the
** positions of each line-day must run 1, 2, ... without a gap. The first
** error stops the read, with its file, line and field.
*/
#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../plan/replan.h"
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

/* ------------------------------------------------------------ plan.json */

/* The value of top-level member 'key' of plan.json, decoded from the line
** that starts with "key": ('*line' gets its number), or NULL. */
static json_t *member(const char *text, size_t len, const char *key, unsigned *line) {
    char pat[64];
    int n = snprintf(pat, sizeof pat, "\"%s\":", key);
    size_t pos = 0;
    unsigned ln = 1;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (end - pos > (size_t)n && !memcmp(text + pos, pat, (size_t)n)) {
            json_error_t je;
            *line = ln;
            return json_loadb(text + pos + n, len - pos - (size_t)n,
                              JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &je);
        }
        pos = end + 1;
        ln++;
    }
    *line = 0;
    return NULL;
}

static sc_status not_a_plan(sc_diag *d, const char *path, unsigned line, const char *what) {
    sc__diag_set(d, path, line, 0, "not a sparecap plan: %s", what);
    return SC_EINVAL;
}

/* Checks plan.json against 'sc' and takes its parameters and earlier outages. */
static sc_status read_json(sc_baseline *b, const char *dir, sc_diag *d) {
    const sc_scenario *sc = b->sc;
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    char *text;
    size_t len;
    sc_status st = sc__load_file(path, &text, &len, d);
    if (st == SC_EIO) {
        sc__diag_set(d, dir, 0, 0, "not a sparecap plan directory (no readable plan.json)");
        return SC_EINVAL;
    }
    if (st) return st;
    if (len < 14 || memcmp(text, "{\"sparecap\":\"", 13) != 0) {
        sc__free(text);
        return not_a_plan(d, path, 1, "expected {\"sparecap\":\"VERSION\", ...");
    }
    unsigned ln;
    json_t *v = member(text, len, "view", &ln);
    st = SC_OK;
    if (!v)
        st = not_a_plan(d, path, ln, "no \"view\"");
    else if (!json_is_string(v) || strcmp(json_string_value(v), "host") != 0) {
        json_t *br = json_is_object(v) ? json_object_get(v, "brand") : NULL;
        sc__diag_set(d, path, ln, 0,
                     "this is %s%s view of a plan; a replan needs the host's full view (a plan "
                     "written without --brand)",
                     json_is_string(br) ? json_string_value(br) : "a brand", br ? "'s" : "'s");
        st = SC_EINVAL;
    }
    json_decref(v);
    if (st) {
        sc__free(text);
        return st;
    }

    /* The scenario: name and horizon. */
    json_t *s = member(text, len, "scenario", &ln);
    const char *name = s ? json_string_value(json_object_get(s, "name")) : NULL;
    const char *fw = s ? json_string_value(json_object_get(s, "first_week")) : NULL;
    json_t *wk = s ? json_object_get(s, "weeks") : NULL;
    char want[16];
    sc__format_week(sc->day0, want);
    if (!name || !fw || !json_is_integer(wk))
        st = not_a_plan(d, path, ln, "\"scenario\" lacks its name, first week or weeks");
    else if (strcmp(name, sc__name(sc, sc->name)) != 0) {
        sc__diag_set(d, path, ln, 0, "the plan was made from another scenario: '%s', not '%s' (%s)",
                     name, sc__name(sc, sc->name), sc->file ? sc->file : "SCENARIO");
        st = SC_EINVAL;
    } else if (strcmp(fw, want) != 0 || json_integer_value(wk) != sc->nweeks) {
        sc__diag_set(d, path, ln, 0,
                     "the plan was made from another scenario: its horizon is %lld weeks from %s, "
                     "the scenario's %d weeks from %s",
                     (long long)json_integer_value(wk), fw, sc->nweeks, want);
        st = SC_EINVAL;
    }
    json_decref(s);

    /* The parameters it was planned with. */
    if (!st) {
        json_t *p = member(text, len, "parameters", &ln);
        json_t *seed = p ? json_object_get(p, "seed") : NULL;
        json_t *eff = p ? json_object_get(p, "effort_per_car") : NULL;
        json_t *minf = p ? json_object_get(p, "min_effort") : NULL;
        json_t *nodes = p ? json_object_get(p, "mip_nodes") : NULL;
        if (!json_is_integer(seed) || !json_is_integer(eff) || !json_is_integer(minf) ||
            !json_is_integer(nodes))
            st = not_a_plan(d, path, ln,
                            "\"parameters\" lacks seed, effort_per_car, min_effort "
                            "or mip_nodes");
        else {
            b->params.seed = (uint64_t)json_integer_value(seed);
            b->params.effort_per_car = (uint64_t)json_integer_value(eff);
            b->params.min_effort = (uint64_t)json_integer_value(minf);
            b->params.mip_nodes = (uint64_t)json_integer_value(nodes);
        }
        json_decref(p);
    }

    /* The lines: the same names, in the same order, with the same slots. */
    if (!st) {
        json_t *ls = member(text, len, "lines", &ln);
        if (!json_is_array(ls))
            st = not_a_plan(d, path, ln, "no \"lines\"");
        else if (json_array_size(ls) != sc->nlines) {
            sc__diag_set(d, path, ln, 0,
                         "the plan was made from another scenario: it has %zu lines, the "
                         "scenario %zu",
                         json_array_size(ls), sc->nlines);
            st = SC_EINVAL;
        } else {
            for (size_t l = 0; l < sc->nlines && !st; l++) {
                json_t *o = json_array_get(ls, l);
                const char *lname = json_string_value(json_object_get(o, "line"));
                json_t *slots = json_object_get(o, "slots_per_day");
                const char *want_name = sc__name(sc, sc->line[l].name);
                if (!lname || strcmp(lname, want_name) != 0) {
                    sc__diag_set(d, path, ln + 1 + (unsigned)l, 0,
                                 "the plan was made from another scenario: line %zu is '%s', "
                                 "not '%s'",
                                 l + 1, lname ? lname : "?", want_name);
                    st = SC_EINVAL;
                } else if (!json_is_integer(slots) ||
                           json_integer_value(slots) != sc->line[l].slots) {
                    sc__diag_set(d, path, ln + 1 + (unsigned)l, 0,
                                 "the plan was made from another scenario: line '%s' has %lld "
                                 "slots per day, the scenario %d",
                                 lname, (long long)json_integer_value(slots), sc->line[l].slots);
                    st = SC_EINVAL;
                }
            }
        }
        json_decref(ls);
    }

    /* The outages of an earlier replan, applied again, and its catch-up value. */
    if (!st) {
        json_t *r = member(text, len, "replan", &ln);
        json_t *outs = r ? json_object_get(r, "outages") : NULL;
        json_t *hv = r ? json_object_get(json_object_get(r, "host_catch_up"), "value") : NULL;
        if (hv &&
            !(json_is_number(hv) && json_number_value(hv) >= 0 && json_number_value(hv) <= 1e9))
            st = not_a_plan(d, path, ln, "\"host_catch_up\" value is not a number from 0 to 1e9");
        else if (hv)
            b->host_value = json_number_value(hv);
        size_t i;
        json_t *o;
        if (!st && json_is_array(outs) && json_array_size(outs)) {
            b->outage = sc__calloc(json_array_size(outs), sizeof *b->outage);
            if (!b->outage) st = SC_ENOMEM;
            json_array_foreach(outs, i, o) {
                if (st) break;
                const char *what = json_string_value(json_object_get(o, "what"));
                const char *from = json_string_value(json_object_get(o, "from"));
                const char *to = json_string_value(json_object_get(o, "to"));
                if (!what || !from || !to) {
                    st = not_a_plan(d, path, ln, "an outage of \"replan\" lacks what, from or to");
                    break;
                }
                size_t nw = strlen(what) + 1, nf = strlen(from) + 1, nt = strlen(to) + 1;
                char *block = sc__malloc(nw + nf + nt);
                if (!block) {
                    st = SC_ENOMEM;
                    break;
                }
                memcpy(block, what, nw);
                memcpy(block + nw, from, nf);
                memcpy(block + nw + nf, to, nt);
                b->outage[b->noutages++] = (sc_span){block, block + nw, block + nw + nf};
            }
        }
        json_decref(r);
    }
    sc__free(text);
    if (st == SC_ENOMEM) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
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
                 "order '%s' is not the same car in ORDERS (model, colour or options "
                 "differ): the plan was made from other orders",
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
        rerr(r, C_ID, "order '%s' is not in ORDERS: the plan was made from other orders", f[C_ID]);
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

static sc_status read_sequences(sc_baseline *b, const char *dir, sc_diag *d) {
    char path[4200];
    snprintf(path, sizeof path, "%s/sequences.csv", dir);
    char *text;
    size_t len;
    sc_status st = sc__load_file(path, &text, &len, d);
    if (st == SC_EIO) {
        sc__diag_set(d, dir, 0, 0, "not a sparecap plan directory (no readable sequences.csv)");
        return SC_EINVAL;
    }
    if (st) return st;
    seqrd r;
    memset(&r, 0, sizeof r);
    r.b = b;
    r.file = path;
    r.d = d;
    r.last_line = -1;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        sc__free(text);
        return SC_ENOMEM;
    }
    size_t pos = 0;
    while (pos < len && !r.nomem && !r.st) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        r.line++;
        if (csv_parse(&p, text + pos, n, on_field, on_row, &r) != n) {
            if (csv_error(&p) == CSV_ENOMEM)
                r.nomem = true;
            else
                rerr(&r, -1, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
            break;
        }
        pos += n;
    }
    if (!r.nomem && !r.st && csv_fini(&p, on_field, on_row, &r) != 0)
        rerr(&r, -1, "malformed CSV at the end (%s)", csv_strerror(csv_error(&p)));
    csv_free(&p);
    sc__free(text);
    for (size_t k = 0; k <= NCOLS; k++)
        sc__free(r.field[k]);
    if (!r.nomem && !r.st && !r.header_done)
        rerr(&r, -1, "not a sparecap plan: empty sequences.csv");
    st = r.nomem ? SC_ENOMEM : r.st;
    if (!st) {
        r.file = path;
        st = build(&r);
    }
    sc__free(r.rows);
    if (st == SC_ENOMEM) sc__diag_set(d, NULL, 0, 0, "out of memory");
    return st;
}

sc_status sc_baseline_read(const char *dir, const sc_scenario *sc, sc_baseline **out, sc_diag *d) {
    *out = NULL;
    if (!dir || !sc || sc->nweeks <= 0) {
        sc__diag_set(d, NULL, 0, 0, "bad arguments");
        return SC_EINVAL;
    }
    sc_baseline *b = sc__calloc(1, sizeof *b);
    if (!b) {
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
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
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < sc->norders; i++)
        b->order_line[i] = b->order_day[i] = -1;
    sc_status st = read_json(b, dir, d);
    if (!st) st = read_sequences(b, dir, d);
    if (st) {
        sc_baseline_free(b);
        return st;
    }
    *out = b;
    return SC_OK;
}
