/*
** Writers of a scenario: the JSON file (through jansson) and the orders CSV,
** each atomically. What is written reads back into the same scenario.
**
** Calendars are held per line as one state per day, so they are written
** back as closures: runs of closed working weekdays with one name become
** shutdowns (weekends inside a run do not break it). A calendar shared by
** every line of the scenario is written once at the top, one shared by the
** lines of a plant at the plant, others at the line.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "planio.h"

static const char *const WEEKDAYS[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static bool same_days(const sc_scenario *sc, size_t a, size_t b) {
    size_t nd = (size_t)sc->nweeks * 7;
    return !memcmp(sc->line[a].off, sc->line[b].off, nd * sizeof *sc->line[a].off);
}

/* The calendar of line 'l' as JSON. */
static json_t *calendar_json(const sc_scenario *sc, size_t l) {
    const int32_t *off = sc->line[l].off;
    size_t nd = (size_t)sc->nweeks * 7;
    uint8_t mask = 0;
    for (size_t t = 0; t < nd; t++)
        if (off[t] != SC__DAY_WEEKEND) mask |= (uint8_t)(1u << sc__weekday(sc->day0 + (int32_t)t));
    json_t *cal = json_object();
    json_t *wd = json_array();
    for (int d = 0; d < 7; d++)
        if ((mask >> d) & 1) json_array_append_new(wd, json_string(WEEKDAYS[d]));
    json_object_set_new(cal, "weekdays", wd);
    json_t *sd = json_array();
    for (size_t t = 0; t < nd;) {
        if (off[t] < 0) {
            t++;
            continue;
        }
        int32_t name = off[t];
        size_t end = t;
        for (size_t u = t + 1; u < nd && (off[u] == name || off[u] == SC__DAY_WEEKEND); u++)
            if (off[u] == name) end = u;
        char a[16], b[16];
        json_array_append_new(sd, json_pack("{s:s,s:s,s:s}", "from",
                                            sc__format_date(sc->day0 + (int32_t)t, a), "to",
                                            sc__format_date(sc->day0 + (int32_t)end, b), "name",
                                            sc__name(sc, (uint32_t)name)));
        t = end + 1;
    }
    json_object_set_new(cal, "shutdowns", sd);
    return cal;
}

static json_t *rule_json(const char *option, int n, int p, int level, bool hard) {
    json_t *r = json_object();
    if (option) json_object_set_new(r, "option", json_string(option));
    json_object_set_new(r, "n", json_integer(n));
    json_object_set_new(r, "p", json_integer(p));
    json_object_set_new(r, "priority", json_string(level ? "high" : "low"));
    if (hard) json_object_set_new(r, "hard", json_true());
    return r;
}

static json_t *scenario_json(const sc_scenario *sc) {
    json_t *root = json_object();
    char wb[16];
    json_object_set_new(root, "sparecap", json_integer(1));
    json_object_set_new(root, "name", json_string(sc__name(sc, sc->name)));
    if (sc->nnotes) {
        json_t *notes = json_array();
        for (size_t i = 0; i < sc->nnotes; i++)
            json_array_append_new(notes, json_string(sc__name(sc, sc->notes[i])));
        json_object_set_new(root, "notes", notes);
    }
    json_object_set_new(
        root, "horizon",
        json_pack("{s:s,s:i}", "first_week", sc__format_week(sc->day0, wb), "weeks", sc->nweeks));
    bool all_same = true;
    for (size_t l = 1; l < sc->nlines; l++)
        all_same &= same_days(sc, 0, l);
    if (all_same && sc->nlines) json_object_set_new(root, "calendar", calendar_json(sc, 0));
    json_t *plants = json_array();
    for (size_t p = 0; p < sc->nplants; p++) {
        json_t *pj = json_object();
        json_object_set_new(pj, "name", json_string(sc__name(sc, sc->plant[p].name)));
        size_t first = SIZE_MAX;
        bool plant_same = true;
        for (size_t l = 0; l < sc->nlines; l++)
            if (sc->line[l].plant == (int32_t)p) {
                if (first == SIZE_MAX)
                    first = l;
                else
                    plant_same &= same_days(sc, first, l);
            }
        if (!all_same && plant_same && first != SIZE_MAX)
            json_object_set_new(pj, "calendar", calendar_json(sc, first));
        json_t *lines = json_array();
        for (size_t l = 0; l < sc->nlines; l++) {
            const sc__line *ln = &sc->line[l];
            if (ln->plant != (int32_t)p) continue;
            json_t *lj = json_object();
            json_object_set_new(lj, "name", json_string(sc__name(sc, ln->name)));
            json_object_set_new(lj, "rate", json_real(ln->rate));
            json_object_set_new(lj, "shifts", json_pack("[f]", ln->hours));
            if (!all_same && !plant_same) json_object_set_new(lj, "calendar", calendar_json(sc, l));
            json_object_set_new(lj, "batch_limit", json_integer(ln->batch_limit));
            json_t *rules = json_array();
            for (size_t r = 0; r < ln->nrules; r++)
                json_array_append_new(
                    rules,
                    rule_json(sc__names_get(&sc->option, (size_t)ln->rule[r].option), ln->rule[r].n,
                              ln->rule[r].p, ln->rule[r].level, ln->rule[r].hard));
            json_object_set_new(lj, "rules", rules);
            if (ln->spread.on) {
                json_t *sp =
                    rule_json(NULL, ln->spread.n, ln->spread.p, ln->spread.level, ln->spread.hard);
                if (ln->spread.brand >= 0)
                    json_object_set_new(
                        sp, "brand", json_string(sc__name(sc, sc->brand[ln->spread.brand].name)));
                json_object_set_new(lj, "spread", sp);
            }
            json_array_append_new(lines, lj);
        }
        json_object_set_new(pj, "lines", lines);
        json_array_append_new(plants, pj);
    }
    json_object_set_new(root, "plants", plants);
    json_t *brands = json_array();
    for (size_t b = 0; b < sc->nbrands; b++) {
        const sc__brand *br = &sc->brand[b];
        json_t *bj = json_pack("{s:s,s:s}", "name", sc__name(sc, br->name), "role",
                               br->host ? "host" : "guest");
        if (!br->host) {
            json_object_set_new(bj, "priority", json_integer(br->priority));
            json_t *c = json_object();
            if (br->min_week >= 0)
                json_object_set_new(c, "min_per_week", json_integer(br->min_week));
            if (br->max_week >= 0)
                json_object_set_new(c, "max_per_week", json_integer(br->max_week));
            json_object_set_new(c, "penalty_per_car_short", json_real(br->short_penalty));
            json_object_set_new(c, "penalty_per_car_week_late", json_real(br->late_penalty));
            json_t *ms = json_object();
            for (size_t m = 0; m < sc->nmodels; m++) {
                const sc__carmodel *cm = &sc->model[m];
                if (cm->brand != (int32_t)b || (cm->min_week < 0 && cm->max_week < 0)) continue;
                json_t *mj = json_object();
                if (cm->min_week >= 0)
                    json_object_set_new(mj, "min_per_week", json_integer(cm->min_week));
                if (cm->max_week >= 0)
                    json_object_set_new(mj, "max_per_week", json_integer(cm->max_week));
                json_object_set_new(ms, sc__name(sc, cm->name), mj);
            }
            if (json_object_size(ms))
                json_object_set_new(c, "models", ms);
            else
                json_decref(ms);
            json_object_set_new(bj, "contract", c);
        }
        json_array_append_new(brands, bj);
    }
    json_object_set_new(root, "brands", brands);
    json_t *models = json_array();
    json_t *demand = json_array();
    for (size_t m = 0; m < sc->nmodels; m++) {
        const sc__carmodel *cm = &sc->model[m];
        json_t *mj = json_pack("{s:s,s:s}", "name", sc__name(sc, cm->name), "brand",
                               sc__name(sc, sc->brand[cm->brand].name));
        json_t *lines = json_array();
        for (size_t l = 0; l < sc->nlines; l++)
            if (sc->compat[l * sc->nmodels + m])
                json_array_append_new(lines, json_string(sc__name(sc, sc->line[l].name)));
        json_object_set_new(mj, "lines", lines);
        json_t *opts = json_object();
        for (size_t o = 0; o < cm->noptions; o++)
            json_object_set_new(opts, sc__names_get(&sc->option, (size_t)cm->option[o]),
                                json_real(cm->take[o]));
        json_object_set_new(mj, "options", opts);
        json_t *cols = json_object();
        for (size_t c = 0; c < cm->ncolours; c++)
            json_object_set_new(cols, sc__names_get(&sc->colour, (size_t)cm->colour[c]),
                                json_real(cm->share[c]));
        json_object_set_new(mj, "colours", cols);
        json_array_append_new(models, mj);
        if (cm->demand) {
            /* The most common weekly volume, and the weeks that differ. */
            int32_t per = cm->demand[0];
            size_t best = 0;
            for (int w = 0; w < sc->nweeks; w++) {
                size_t c = 0;
                for (int u = 0; u < sc->nweeks; u++)
                    c += cm->demand[u] == cm->demand[w];
                if (c > best) {
                    best = c;
                    per = cm->demand[w];
                }
            }
            json_t *dj = json_pack("{s:s,s:i}", "model", sc__name(sc, cm->name), "per_week", per);
            json_t *weeks = json_object();
            for (int w = 0; w < sc->nweeks; w++)
                if (cm->demand[w] != per)
                    json_object_set_new(weeks, sc__format_week(sc->day0 + 7 * w, wb),
                                        json_integer(cm->demand[w]));
            if (json_object_size(weeks))
                json_object_set_new(dj, "weeks", weeks);
            else
                json_decref(weeks);
            json_array_append_new(demand, dj);
        }
    }
    json_object_set_new(root, "models", models);
    if (json_array_size(demand))
        json_object_set_new(root, "demand", demand);
    else
        json_decref(demand);
    json_object_set_new(
        root, "weights",
        json_pack("{s:f,s:f}", "changeover", sc->changeover_cost, "early", sc->early_cost));
    if (sc->recovery) {
        json_t *rc = json_object(), *shifts = json_array();
        if (sc->recovery_shift_cost >= 0)
            json_object_set_new(rc, "shift_cost", json_real(sc->recovery_shift_cost));
        if (sc->recovery_shift_hours > 0)
            json_object_set_new(rc, "shift_hours", json_real(sc->recovery_shift_hours));
        if (sc->recovery_host_value >= 0)
            json_object_set_new(rc, "host_car_value", json_real(sc->recovery_host_value));
        for (size_t i = 0; i < sc->nrecovery_shifts; i++) {
            const sc__span *sp = &sc->recovery_shift[i];
            char a[16], b[16];
            json_array_append_new(
                shifts, json_pack("{s:s,s:s,s:s}", "where", sc__name(sc, sp->where), "from",
                                  sc__format_date(sp->from, a), "to", sc__format_date(sp->to, b)));
        }
        json_object_set_new(rc, "shifts", shifts);
        json_object_set_new(root, "recovery", rc);
    }
    return root;
}

sc_status sc_scenario_write(const sc_scenario *sc, const char *path, sc_diag *d) {
    json_t *root = scenario_json(sc);
    if (!root) return SC_ENOMEM;
    sc__outfile o;
    sc_status st = sc__outfile_open(&o, path, d);
    if (st) {
        json_decref(root);
        return st;
    }
    int rc = json_dumpf(root, o.f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(root);
    if (rc != 0) {
        sc__outfile_abort(&o);
        sc__diag_set(d, path, 0, 0, "cannot write");
        return SC_EIO;
    }
    fputc('\n', o.f);
    return sc__outfile_commit(&o, d);
}

sc_status sc_scenario_write_orders(const sc_scenario *sc, const char *path, sc_diag *d) {
    sc__outfile o;
    sc_status st = sc__outfile_open(&o, path, d);
    if (st) return st;
    fputs("order_id,brand,model,colour,options,earliest_week,due_week\n", o.f);
    char a[16], b[16];
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *od = &sc->order[i];
        sc__csv_field(o.f, sc->ids.buf + od->id);
        fputc(',', o.f);
        sc__csv_field(o.f, sc__name(sc, sc->brand[od->brand].name));
        fputc(',', o.f);
        sc__csv_field(o.f, sc__name(sc, sc->model[od->model].name));
        fputc(',', o.f);
        sc__csv_field(o.f, sc__names_get(&sc->colour, (size_t)od->colour));
        fputc(',', o.f);
        char opts[2048];
        size_t n = 0;
        opts[0] = '\0';
        for (size_t q = 0; q < sc->option.n && n < sizeof opts; q++)
            if ((od->opts >> q) & 1) {
                int w = snprintf(opts + n, sizeof opts - n, "%s%s", n ? "|" : "",
                                 sc__names_get(&sc->option, q));
                if (w > 0) n += (size_t)w;
            }
        sc__csv_field(o.f, opts);
        fprintf(o.f, ",%s,%s\n", sc__format_week(sc->day0 + 7 * od->earliest, a),
                sc__format_week(sc->day0 + 7 * od->due, b));
    }
    return sc__outfile_commit(&o, d);
}
