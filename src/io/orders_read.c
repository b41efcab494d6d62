/*
** The orders reader: a CSV file (docs/FORMATS.md), one car per row, split
** into fields by libcsv. Columns are found by the header's names, in any
** order. Every row is checked against the scenario: brand, model, colour and
** options must be known and belong together, weeks must lie in the horizon,
** ids must be unique. Up to SC_MAX_DIAGS errors are listed, each with its
** row and column; on any error no order is kept.
**
** libcsv is fed one line at a time, so the line of each record is known
** (a quoted field that holds a line break ends its record on a later line;
** the record is then reported at its last line).
*/
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "planio.h"

enum { C_ID, C_BRAND, C_MODEL, C_COLOUR, C_OPTIONS, C_EARLIEST, C_DUE, NCOLS };
static const char *const COLS[NCOLS] = {"order_id", "brand",         "model",   "colour",
                                        "options",  "earliest_week", "due_week"};
#define MAX_FIELDS 32

typedef struct ord {
    sc_scenario *sc;
    sc_diag_list *errs;
    const char *file;
    unsigned line; /* the line being fed to libcsv */
    bool header_done;
    int col[NCOLS]; /* field index of each column */
    size_t nheader;
    /* the record being read */
    size_t nfields;
    bool too_many;
    size_t flen[MAX_FIELDS];
    char *field[MAX_FIELDS];
    size_t fcap[MAX_FIELDS];
    size_t nerr;
    bool nomem;
} ord;

static void oerr(ord *o, unsigned col, const char *fmt, ...) SC__PRINTF(3, 4);

static void oerr(ord *o, unsigned col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    sc__diags_vadd(o->errs, o->file, o->line, col, fmt, ap);
    va_end(ap);
    o->nerr++;
}

/* libcsv's field callback: copies the field into the record being read. */
static void on_field(void *s, size_t len, void *data) {
    ord *o = data;
    if (o->nfields >= MAX_FIELDS) {
        o->too_many = true;
        return;
    }
    size_t k = o->nfields++;
    if (!sc__grow((void **)&o->field[k], &o->fcap[k], len + 1, 1)) {
        o->nomem = true;
        o->flen[k] = 0;
        return;
    }
    if (len) memcpy(o->field[k], s, len);
    o->field[k][len] = '\0';
    o->flen[k] = len;
}

/* Lists up to a few names of 'count' items named by 'name_of' into 'buf'. */
static const char *known_list(char *buf, size_t size, size_t count,
                              const char *(*name_of)(const void *ctx, size_t i), const void *ctx) {
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && n + 8 < size; i++) {
        if (i == 8) {
            snprintf(buf + n, size - n, ", ...");
            break;
        }
        int w = snprintf(buf + n, size - n, "%s%s", i ? ", " : "", name_of(ctx, i));
        if (w < 0) break;
        n += (size_t)w;
    }
    return buf;
}

static const char *brand_name(const void *ctx, size_t i) {
    const sc_scenario *sc = ctx;
    return sc__name(sc, sc->brand[i].name);
}

/* Models of one brand, for "known:" lists. */
typedef struct brand_models {
    const sc_scenario *sc;
    int32_t brand;
    size_t idx[256];
    size_t n;
} brand_models;

static const char *model_name(const void *ctx, size_t i) {
    const brand_models *bm = ctx;
    return sc__name(bm->sc, bm->sc->model[bm->idx[i]].name);
}

typedef struct model_ctx {
    const sc_scenario *sc;
    const sc__carmodel *m;
} model_ctx;

static const char *colour_name(const void *ctx, size_t i) {
    const model_ctx *mc = ctx;
    return sc__names_get(&mc->sc->colour, (size_t)mc->m->colour[i]);
}

static const char *option_name(const void *ctx, size_t i) {
    const model_ctx *mc = ctx;
    return sc__names_get(&mc->sc->option, (size_t)mc->m->option[i]);
}

static void trim(char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    if (k) memmove(s, s + k, n - k + 1);
}

/* Parses a week field of column 'c' into a horizon week; false on error. */
static bool week_field(ord *o, int c, int16_t *out) {
    const sc_scenario *sc = o->sc;
    const char *s = o->field[o->col[c]];
    unsigned col = (unsigned)o->col[c] + 1;
    int32_t monday;
    if (!sc__parse_week(s, &monday)) {
        oerr(o, col, "%s: expected an ISO week \"YYYY-Www\", got '%s'", COLS[c], s);
        return false;
    }
    long w = (monday - sc->day0) / 7;
    if (monday < sc->day0 || w >= sc->nweeks) {
        char a[16], b[16];
        oerr(o, col, "%s: week %s is outside the horizon (%s to %s)", COLS[c], s,
             sc__format_week(sc->day0, a), sc__format_week(sc->day0 + 7 * (sc->nweeks - 1), b));
        return false;
    }
    *out = (int16_t)w;
    return true;
}

/* The header: maps each column name to its field; unknown, repeated and
** missing columns are errors. */
static void header_row(ord *o) {
    for (int c = 0; c < NCOLS; c++)
        o->col[c] = -1;
    o->nheader = o->nfields;
    for (size_t k = 0; k < o->nfields; k++) {
        trim(o->field[k]);
        int c = 0;
        while (c < NCOLS && strcmp(COLS[c], o->field[k]))
            c++;
        if (c == NCOLS)
            oerr(o, (unsigned)k + 1,
                 "unknown column '%s' (expected order_id, brand, model, colour, options, "
                 "earliest_week, due_week)",
                 o->field[k]);
        else if (o->col[c] >= 0)
            oerr(o, (unsigned)k + 1, "column '%s' given twice", COLS[c]);
        else
            o->col[c] = (int)k;
    }
    for (int c = 0; c < NCOLS; c++)
        if (o->col[c] < 0) oerr(o, 0, "missing column '%s' in the header", COLS[c]);
}

/*
** One order: checks every field against the scenario (brand, model of that
** brand, its colour and options, weeks in the horizon, a unique id) and
** appends it, recording one error per bad field.
*/
static void data_row(ord *o) {
    sc_scenario *sc = o->sc;
    if (o->nfields != o->nheader) {
        oerr(o, 0, "expected %zu fields as in the header, got %zu", o->nheader, o->nfields);
        return;
    }
    for (size_t k = 0; k < o->nfields; k++)
        trim(o->field[k]);
    sc__order od;
    memset(&od, 0, sizeof od);
    od.brand = od.model = od.colour = -1;
    od.row = o->line;
    bool ok = true;
    char list[200];

    const char *id = o->field[o->col[C_ID]];
    if (!*id) {
        oerr(o, (unsigned)o->col[C_ID] + 1, "order_id: empty");
        ok = false;
    }
    const char *bn = o->field[o->col[C_BRAND]];
    od.brand = (int32_t)sc__find_brand(sc, bn);
    if (od.brand < 0) {
        oerr(o, (unsigned)o->col[C_BRAND] + 1, "unknown brand '%s' (known: %s)", bn,
             known_list(list, sizeof list, sc->nbrands, brand_name, sc));
        ok = false;
    }
    const char *mn = o->field[o->col[C_MODEL]];
    od.model = (int32_t)sc__find_model(sc, mn);
    if (od.model < 0 || (od.brand >= 0 && sc->model[od.model].brand != od.brand)) {
        brand_models bm = {sc, od.brand, {0}, 0};
        for (size_t m = 0; m < sc->nmodels && bm.n < 256; m++)
            if (od.brand < 0 || sc->model[m].brand == od.brand) bm.idx[bm.n++] = m;
        if (od.model < 0)
            oerr(o, (unsigned)o->col[C_MODEL] + 1, "unknown model '%s' (known: %s)", mn,
                 known_list(list, sizeof list, bm.n, model_name, &bm));
        else
            oerr(o, (unsigned)o->col[C_MODEL] + 1, "model '%s' is a model of '%s', not of '%s'", mn,
                 sc__name(sc, sc->brand[sc->model[od.model].brand].name), bn);
        od.model = -1;
        ok = false;
    }
    if (od.model >= 0) {
        const sc__carmodel *m = &sc->model[od.model];
        model_ctx mc = {sc, m};
        const char *cn = o->field[o->col[C_COLOUR]];
        long c = sc__names_find(&sc->colour, cn);
        size_t k = 0;
        while (c >= 0 && k < m->ncolours && m->colour[k] != c)
            k++;
        if (c < 0 || k == m->ncolours) {
            oerr(o, (unsigned)o->col[C_COLOUR] + 1,
                 "unknown colour '%s' for model '%s' (known: %s)", cn, mn,
                 known_list(list, sizeof list, m->ncolours, colour_name, &mc));
            ok = false;
        } else {
            od.colour = (int32_t)c;
        }
        char *opts = o->field[o->col[C_OPTIONS]];
        for (char *tok = opts, *next; tok && *tok; tok = next) {
            next = strchr(tok, '|');
            if (next) *next++ = '\0';
            trim(tok);
            if (!*tok) continue;
            long op = sc__names_find(&sc->option, tok);
            if (op < 0 || !((m->optmask >> op) & 1)) {
                oerr(o, (unsigned)o->col[C_OPTIONS] + 1,
                     "unknown option '%s' for model '%s' (known: %s)", tok, mn,
                     m->noptions ? known_list(list, sizeof list, m->noptions, option_name, &mc)
                                 : "none");
                ok = false;
            } else {
                od.opts |= (uint64_t)1 << op;
            }
        }
    }
    bool weeks_ok = week_field(o, C_EARLIEST, &od.earliest);
    weeks_ok &= week_field(o, C_DUE, &od.due);
    if (weeks_ok && od.due < od.earliest) {
        oerr(o, (unsigned)o->col[C_DUE] + 1, "due_week %s is before earliest_week %s",
             o->field[o->col[C_DUE]], o->field[o->col[C_EARLIEST]]);
        weeks_ok = false;
    }
    ok &= weeks_ok;
    if (*id) {
        size_t off = sc__strpool_add(&sc->ids, id, false, true);
        if (off == (size_t)-2) {
            long first = sc__find_order_by_id(sc, id);
            oerr(o, (unsigned)o->col[C_ID] + 1, "duplicate order id '%s' (first at row %u)", id,
                 first >= 0 ? sc->order[first].row : 0);
            return;
        }
        if (off == (size_t)-1) {
            o->nomem = true;
            return;
        }
        od.id = (uint32_t)off;
        /* Keep the order even when bad, so that later duplicates of its id
        ** are found; the whole set is dropped at the end on any error. */
        if (!sc__grow((void **)&sc->order, &sc->caporders, sc->norders + 1, sizeof *sc->order)) {
            o->nomem = true;
            return;
        }
        sc->order[sc->norders++] = od;
    }
    (void)ok;
}

/* libcsv's record callback: the header first, then one order per record. */
static void on_row(int c, void *data) {
    (void)c;
    ord *o = data;
    if (o->nomem) return;
    if (o->too_many)
        oerr(o, 0, "more than %d fields", MAX_FIELDS);
    else if (!o->header_done) {
        header_row(o);
        o->header_done = true;
    } else {
        bool header_bad = false; /* reported once, at the header */
        for (int k = 0; k < NCOLS; k++)
            header_bad |= o->col[k] < 0;
        if (!header_bad) data_row(o);
    }
    o->nfields = 0;
    o->too_many = false;
}

/* Forgets every order read so far (after an error, the file is all or nothing). */
static void drop_orders(sc_scenario *sc) {
    sc__free(sc->order);
    sc->order = NULL;
    sc->norders = sc->caporders = 0;
    sc__strpool_release(&sc->ids);
    for (size_t m = 0; m < sc->nmodels; m++)
        sc->model[m].has_orders = false;
}

sc_status sc_scenario_parse_orders(sc_scenario *sc, const char *text, size_t len, const char *name,
                                   sc_diag_list *errs) {
    sc__diags_clear(errs);
    if (!name) name = "<orders>";
    if (sc->norders) {
        sc__diags_add(errs, name, 0, 0, "the scenario already holds orders");
        return SC_EINVAL;
    }
    ord o;
    memset(&o, 0, sizeof o);
    o.sc = sc;
    o.errs = errs;
    o.file = name;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return SC_ENOMEM;
    size_t pos = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) pos = 3;
    o.line = 0;
    while (pos < len && !o.nomem) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        o.line++;
        if (csv_parse(&p, text + pos, n, on_field, on_row, &o) != n) {
            if (csv_error(&p) == CSV_ENOMEM || csv_error(&p) == CSV_ETOOBIG) {
                o.nomem = true;
                break;
            }
            oerr(&o, (unsigned)o.nfields + 1, "malformed quoting (%s)",
                 csv_strerror(csv_error(&p)));
            /* Start afresh on the next line. */
            csv_free(&p);
            if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
                o.nomem = true;
                break;
            }
            o.nfields = 0;
            o.too_many = false;
        }
        pos += n;
    }
    if (!o.nomem && csv_fini(&p, on_field, on_row, &o) != 0) {
        oerr(&o, (unsigned)o.nfields + 1, "malformed quoting at the end of the file (%s)",
             csv_strerror(csv_error(&p)));
    }
    csv_free(&p);
    for (size_t k = 0; k < MAX_FIELDS; k++)
        sc__free(o.field[k]);
    if (!o.nomem && !o.header_done)
        oerr(&o, 0,
             "empty file: expected the header order_id,brand,model,colour,options,"
             "earliest_week,due_week");
    if (o.nomem) {
        drop_orders(sc);
        return SC_ENOMEM;
    }
    if (o.nerr) {
        drop_orders(sc);
        return SC_EINVAL;
    }
    char *file = sc__malloc(strlen(name) + 1);
    if (!file) {
        drop_orders(sc);
        return SC_ENOMEM;
    }
    strcpy(file, name);
    sc__free(sc->orders_file);
    sc->orders_file = file;
    for (size_t i = 0; i < sc->norders; i++)
        if (sc->brand[sc->order[i].brand].host) sc->model[sc->order[i].model].has_orders = true;
    return SC_OK;
}

sc_status sc_scenario_read_orders(sc_scenario *sc, const char *path, sc_diag_list *errs) {
    char *buf;
    size_t len;
    sc_status st = sc__load_file_list(path, &buf, &len, errs);
    if (st != SC_OK) return st;
    st = sc_scenario_parse_orders(sc, buf, len, path, errs);
    sc__free(buf);
    return st;
}
