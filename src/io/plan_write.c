/*
** The plan's outputs: plan.json (everything, for machines), the CSV files
** and report.html, in one directory written atomically.
**
** Everything goes into a fresh temporary directory beside the target
** (DIR.tmpPID-N); each file is flushed and synced. Only when all are
** written does the new directory take DIR's place: on Linux both are
** swapped in one step (renameat2 with RENAME_EXCHANGE), elsewhere the old
** DIR is moved aside first; then the old plan is removed. An error or a
** kill leaves DIR as it was (a kill may leave the temporary directory).
**
** A brand's view (docs/FORMATS.md) holds its own orders, allocation and
** sequences, and of everyone else only the aggregate capacity and use per
** line and week: no order, model, option, colour or car id of another brand
** is written, and the scenario's notes are left out.
**
** JSON values are encoded by jansson, one small object at a time, so that
** plan.json streams in O(1) memory beside the plan.
*/
#define _GNU_SOURCE /* renameat2 */
#include <csv.h>
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <jansson.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../plan/plan.h"
#include "../plan/view.h"
#include "../report/report.h"
#include "emit.h"
#include "manifest.h"
#include "replan_write.h"

static const char *const PLAN_FILES[] = {"plan.json",     "ledger.csv",    "allocation.csv",
                                         "sequences.csv", "late.csv",      "unplanned.csv",
                                         "report.html",   "diff.csv",      "scenario.json",
                                         "orders.csv",    "manifest.json", NULL};

/* ------------------------------------------------------------ the directory */

static bool is_plan_file(const char *name) {
    for (size_t i = 0; PLAN_FILES[i]; i++)
        if (!strcmp(name, PLAN_FILES[i])) return true;
    return false;
}

/* Removes the files of a plan directory and the directory. */
static void remove_plan_dir(const char *dir) {
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *e;
        while ((e = readdir(dp)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char p[4400];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(dp);
    }
    rmdir(dir);
}

/* Checks that 'dir' is absent, or a directory holding a plan and nothing
** else. Sets '*exists'. */
static sc_status check_target(const char *dir, bool *exists, sc_diag *d) {
    struct stat sb;
    *exists = false;
    if (stat(dir, &sb) != 0) {
        if (errno == ENOENT) return SC_OK;
        sc__diag_set(d, dir, 0, 0, "cannot use: %s", strerror(errno));
        return SC_EIO;
    }
    if (!S_ISDIR(sb.st_mode)) {
        sc__diag_set(d, dir, 0, 0, "exists and is not a directory");
        return SC_EIO;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        sc__diag_set(d, dir, 0, 0, "cannot read: %s", strerror(errno));
        return SC_EIO;
    }
    struct dirent *e;
    bool has_plan = false, foreign = false;
    char what[256] = "";
    while ((e = readdir(dp)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (!strcmp(e->d_name, "plan.json")) has_plan = true;
        if (!is_plan_file(e->d_name) && !foreign) {
            foreign = true;
            snprintf(what, sizeof what, "%s", e->d_name);
        }
    }
    closedir(dp);
    bool empty = !has_plan && !foreign;
    if (foreign || (!has_plan && !empty)) {
        sc__diag_set(d, dir, 0, 0,
                     "exists and is not a plan directory (it holds '%s'); choose another", what);
        return SC_EIO;
    }
    *exists = true;
    return SC_OK;
}

/*
** Where the files go: into the temporary directory 'dir', or, with a
** 'sink', to the caller's callbacks through a stdio stream of our own
** (fopencookie), which also takes each file's size and SHA-256 as it
** passes, for the manifest that ends the stream.
*/
typedef struct out {
    char dir[4200];
    char path[4400];
    FILE *f;
    const sc_plan_sink *sink;
    struct sha256_ctx h; /* the file passing through the sink */
    uint64_t size;
    bool refused; /* a callback failed */
    char *name[16];
    uint64_t sizes[16];
    uint8_t sha[16][32];
    size_t n;
} out;

static ssize_t sink_write(void *cookie, const char *buf, size_t len) {
    out *o = cookie;
    if (o->refused || o->sink->write(o->sink->user, buf, len) != 0) {
        o->refused = true;
        return -1;
    }
    sha256_update(&o->h, len, (const uint8_t *)buf);
    o->size += len;
    return (ssize_t)len;
}

static sc_status out_open(out *o, const char *name, sc_diag *d) {
    if (o->sink) {
        snprintf(o->path, sizeof o->path, "%s", name);
        static const cookie_io_functions_t FN = {NULL, sink_write, NULL, NULL};
        if (o->n == 16 || o->sink->open(o->sink->user, name) != 0 ||
            !(o->f = fopencookie(o, "w", FN))) {
            sc__diag_set(d, name, 0, 0, "the sink did not take it");
            return SC_EIO;
        }
        sha256_init(&o->h);
        o->size = 0;
        return SC_OK;
    }
    snprintf(o->path, sizeof o->path, "%s/%s", o->dir, name);
    o->f = fopen(o->path, "w");
    if (!o->f) {
        sc__diag_set(d, o->path, 0, 0, "cannot write: %s", strerror(errno));
        return SC_EIO;
    }
    return SC_OK;
}

static sc_status out_close(out *o, sc_diag *d) {
    bool bad = ferror(o->f) != 0;
    bad |= fflush(o->f) != 0;
    if (!o->sink) bad |= fsync(fileno(o->f)) != 0;
    bad |= fclose(o->f) != 0;
    o->f = NULL;
    if (o->sink) {
        bad |= o->refused || o->sink->close(o->sink->user) != 0;
        if (!bad) { /* kept for the manifest */
            size_t len = strlen(o->path) + 1;
            if (!(o->name[o->n] = sc__malloc(len))) {
                sc__diag_set(d, NULL, 0, 0, "out of memory");
                return SC_ENOMEM;
            }
            memcpy(o->name[o->n], o->path, len);
            o->sizes[o->n] = o->size;
            sha256_digest(&o->h, SHA256_DIGEST_SIZE, o->sha[o->n]);
            o->n++;
        }
    }
    if (bad) {
        if (o->sink)
            sc__diag_set(d, o->path, 0, 0, "the sink did not take it");
        else
            sc__diag_set(d, o->path, 0, 0, "cannot write: %s", strerror(errno ? errno : EIO));
        return SC_EIO;
    }
    return SC_OK;
}

/* ------------------------------------------------------------ helpers */

static const char *brand_name(const sc_plan *pl, int32_t b) {
    return sc__name(pl->sc, pl->sc->brand[b].name);
}

static const char *week_label(const sc_plan *pl, size_t w, char buf[16]) {
    return sc__format_week(pl->sc->day0 + (int32_t)(7 * w), buf);
}

static const char *date_label(const sc_plan *pl, size_t t, char buf[16]) {
    return sc__format_date(pl->sc->day0 + (int32_t)t, buf);
}

/* ------------------------------------------------------------ CSV files */

/* ledger.csv: per line and week, capacity and its use (aggregated in a
** brand's view). */
static void write_ledger(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    bool host_view = v->full;
    fputs(host_view ? "plant,line,week,working_days,capacity,host,guest,spare,utilisation\n"
                    : "plant,line,week,working_days,capacity,others,own,spare,utilisation\n",
          f);
    char wb[16];
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        for (size_t w = 0; w < pl->nw; w++) {
            size_t k = l * pl->nw + w;
            int64_t cap = pl->wk_cap[k], host = pl->wk_host[k], guest = pl->wk_guest[k];
            int64_t a = host, b = guest;
            if (!host_view) { /* the others' slots, then the viewer's cars */
                host = a = v->wk_others[k];
                guest = b = v->wk_own[k];
            }
            sc__csv_field(f, sc__name(sc, sc->plant[sc->line[l].plant].name));
            fputc(',', f);
            sc__csv_field(f, sc__name(sc, sc->line[l].name));
            fprintf(f, ",%s,%d,%lld,%lld,%lld,%lld,%.3f\n", week_label(pl, w, wb), pl->wk_days[k],
                    (long long)cap, (long long)a, (long long)b, (long long)(cap - host - guest),
                    cap ? (double)(host + guest) / (double)cap : 0.0);
        }
    }
}

/* allocation.csv: the MIP's guest cars and the slotted ones, per model,
** line and week, where either is not zero. */
static void write_allocation(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("brand,model,line,week,allocated,slotted\n", f);
    char wb[16];
    for (size_t m = 0; m < pl->nm; m++) {
        int32_t b = sc->model[m].brand;
        if (sc->brand[b].host || !sc__view_brand(v, b)) continue;
        for (size_t l = 0; l < pl->nl; l++)
            for (size_t w = 0; w < pl->nw; w++) {
                size_t k = (m * pl->nl + l) * pl->nw + w;
                if (!pl->alloc[k] && !pl->slotted[k]) continue;
                sc__csv_field(f, brand_name(pl, b));
                fputc(',', f);
                sc__csv_field(f, sc__name(sc, sc->model[m].name));
                fputc(',', f);
                sc__csv_field(f, sc__name(sc, sc->line[l].name));
                fprintf(f, ",%s,%d,%d\n", week_label(pl, w, wb), pl->alloc[k], pl->slotted[k]);
            }
    }
}

/* sequences.csv: every car the view may see, line-day by line-day, in
** sequence order. O(cars). */
static void write_sequences(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("line,date,position,order_id,brand,model,colour,options\n", f);
    char db[16], idb[160], ob[1200];
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        date_label(pl, (size_t)ld->day, db);
        const char *line = sc__name(sc, sc->line[ld->line].name);
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            int32_t b = sc->model[c->model].brand;
            if (!sc__view_car(v, c)) continue;
            sc__csv_field(f, line);
            fprintf(f, ",%s,%zu,", db, i + 1);
            sc__csv_field(f, sc__car_id(pl, ld, c, idb, sizeof idb));
            fputc(',', f);
            sc__csv_field(f, brand_name(pl, b));
            fputc(',', f);
            sc__csv_field(f, sc__name(sc, sc->model[c->model].name));
            fputc(',', f);
            sc__csv_field(f, sc__names_get(&sc->colour, (size_t)c->colour));
            fputc(',', f);
            sc__csv_field(f, sc__options_text(sc, c->opts, ob, sizeof ob));
            fputc('\n', f);
        }
    }
}

/* The cause of order 'i' as the viewer reads it, into 'buf'. */
static const char *reason_text(const sc__view *v, size_t i, char *buf, size_t size) {
    return sc__view_cause_text(v, v->pl->order_reason[i], buf, size);
}

/* late.csv: orders planned after their due week, with the reason. */
static void write_late(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("order_id,brand,model,earliest_week,due_week,planned_week,line,date,position,"
          "weeks_late,reason\n",
          f);
    char a[16], b[16], c[16], db[16], why[512];
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (pl->order_status[i] != SC__ORDER_LATE || !sc__view_order(v, i)) continue;
        size_t w = (size_t)pl->order_day[i] / 7;
        sc__csv_field(f, sc->ids.buf + o->id);
        fputc(',', f);
        sc__csv_field(f, brand_name(pl, o->brand));
        fputc(',', f);
        sc__csv_field(f, sc__name(sc, sc->model[o->model].name));
        fprintf(f, ",%s,%s,%s,", week_label(pl, (size_t)o->earliest, a),
                week_label(pl, (size_t)o->due, b), week_label(pl, w, c));
        sc__csv_field(f, sc__name(sc, sc->line[pl->order_line[i]].name));
        fprintf(f, ",%s,%u,%zu,", date_label(pl, (size_t)pl->order_day[i], db), pl->order_pos[i],
                w - (size_t)o->due);
        sc__csv_field(f, reason_text(v, i, why, sizeof why));
        fputc('\n', f);
    }
}

/* unplanned.csv: orders not planned in the horizon, with the reason. */
static void write_unplanned(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    fputs("order_id,brand,model,earliest_week,due_week,reason\n", f);
    char a[16], b[16], why[512];
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (pl->order_status[i] != SC__ORDER_UNPLANNED || !sc__view_order(v, i)) continue;
        sc__csv_field(f, sc->ids.buf + o->id);
        fputc(',', f);
        sc__csv_field(f, brand_name(pl, o->brand));
        fputc(',', f);
        sc__csv_field(f, sc__name(sc, sc->model[o->model].name));
        fprintf(f, ",%s,%s,", week_label(pl, (size_t)o->earliest, a),
                week_label(pl, (size_t)o->due, b));
        sc__csv_field(f, reason_text(v, i, why, sizeof why));
        fputc('\n', f);
    }
}

/* ------------------------------------------------------------ plan.json */

static json_t *kpis_json(const sc_plan_kpis *k) {
    return json_pack(
        "{s:I,s:I,s:I,s:I,s:f,s:I,s:I,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,"
        "s:I}",
        "capacity", (json_int_t)k->capacity, "host_cars", (json_int_t)k->host_cars, "guest_cars",
        (json_int_t)k->guest_cars, "spare", (json_int_t)k->spare, "utilisation",
        (double)(int64_t)(k->utilisation * 10000 + 0.5) / 10000, "contract_min",
        (json_int_t)k->contract_min, "shortfall", (json_int_t)k->shortfall, "weeks_short",
        k->weeks_short, "orders", (json_int_t)k->orders, "on_time", (json_int_t)k->on_time, "late",
        (json_int_t)k->late, "unplanned", (json_int_t)k->unplanned, "host_unmet",
        (json_int_t)k->host_unmet, "line_days", (json_int_t)k->line_days, "line_days_violating",
        (json_int_t)k->days_violating, "line_days_violating_high",
        (json_int_t)k->days_violating_high, "line_days_infeasible", (json_int_t)k->days_infeasible,
        "colour_changes", (json_int_t)k->colour_changes, "violations_high",
        (json_int_t)k->violations_high, "violations_low", (json_int_t)k->violations_low);
}

/* The allocation MIP's size and outcome, plan.json's "mip" (the host's). */
static json_t *mip_json(const sc_plan *pl) {
    return json_pack("{s:i,s:i,s:i,s:I,s:s,s:f,s:f}", "rows", pl->stats.mip_rows, "columns",
                     pl->stats.mip_cols, "integers", pl->stats.mip_ints, "nodes",
                     (json_int_t)pl->stats.mip_nodes, "status", pl->mip_status, "objective",
                     pl->stats.mip_objective, "bound", pl->stats.mip_bound);
}

static json_t *rule_json(const sc_scenario *sc, const char *option, int n, int p, int level,
                         bool hard, int32_t brand) {
    json_t *r = json_pack("{s:s,s:i,s:i,s:s,s:b}", "option", option, "n", n, "p", p, "priority",
                          level ? "high" : "low", "hard", hard);
    if (brand >= 0 && r)
        json_object_set_new(r, "brand", json_string(sc__name(sc, sc->brand[brand].name)));
    return r;
}

/*
** plan.json: one object, written member by member; each small value is
** encoded by jansson and freed at once, so memory stays O(1) beside the
** plan. What a brand's view leaves out is described at the top of the file.
*/
static void write_plan_json(const sc_plan *pl, const sc__view *v, FILE *f) {
    const sc_scenario *sc = pl->sc;
    bool host_view = v->full;
    char wb[16], wb2[16], db[16], idb[160], why[512];
    fprintf(f, "{\"sparecap\":\"%s\",\n\"view\":", SC_VERSION);
    sc__json_dump(f, v->full ? json_string("host") : json_pack("{s:s}", "brand", sc__view_name(v)));
    fputs(",\n\"scenario\":", f);
    json_t *s = json_pack("{s:s,s:s,s:s,s:i}", "name", sc__name(sc, sc->name), "first_week",
                          week_label(pl, 0, wb), "last_week", week_label(pl, pl->nw - 1, wb2),
                          "weeks", (int)pl->nw);
    if (s && host_view) {
        json_t *notes = json_array();
        for (size_t i = 0; i < sc->nnotes; i++)
            json_array_append_new(notes, json_string(sc__name(sc, sc->notes[i])));
        json_object_set_new(s, "notes", notes);
    }
    sc__json_dump(f, s);
    fputs(",\n\"parameters\":", f);
    sc__json_dump(f, json_pack("{s:I,s:I,s:I,s:I}", "seed", (json_int_t)pl->params.seed,
                               "effort_per_car", (json_int_t)pl->params.effort_per_car,
                               "min_effort", (json_int_t)pl->params.min_effort, "mip_nodes",
                               (json_int_t)pl->params.mip_nodes));
    sc_plan_kpis kp;
    sc__view_kpis(v, &kp);
    fputs(",\n\"kpis\":", f);
    sc__json_dump(f, kpis_json(&kp));

    fputs(",\n\"brands\":[", f);
    bool first = true;
    for (size_t b = 0; b < pl->nb; b++) {
        const sc__brand *br = &sc->brand[b];
        if (!sc__view_brand(v, (int32_t)b)) continue;
        json_t *o = json_pack("{s:s,s:s}", "name", brand_name(pl, (int32_t)b), "role",
                              br->host ? "host" : "guest");
        if (!br->host) {
            json_object_set_new(o, "priority", json_integer(br->priority));
            if (br->min_week >= 0)
                json_object_set_new(o, "min_per_week", json_integer(br->min_week));
            if (br->max_week >= 0)
                json_object_set_new(o, "max_per_week", json_integer(br->max_week));
        }
        fputs(first ? "\n" : ",\n", f);
        first = false;
        sc__json_dump(f, o);
    }
    fputs("],\n\"models\":[", f);
    first = true;
    for (size_t m = 0; m < pl->nm; m++) {
        const sc__carmodel *cm = &sc->model[m];
        if (!sc__view_model(v, (int32_t)m)) continue;
        json_t *lines = json_array(), *opts = json_object(), *cols = json_array();
        for (size_t l = 0; l < pl->nl; l++)
            if (sc->compat[l * pl->nm + m])
                json_array_append_new(lines, json_string(sc__name(sc, sc->line[l].name)));
        for (size_t q = 0; q < cm->noptions; q++)
            json_object_set_new(opts, sc__names_get(&sc->option, (size_t)cm->option[q]),
                                json_real(cm->take[q]));
        for (size_t c = 0; c < cm->ncolours; c++)
            json_array_append_new(cols,
                                  json_string(sc__names_get(&sc->colour, (size_t)cm->colour[c])));
        fputs(first ? "\n" : ",\n", f);
        first = false;
        sc__json_dump(f, json_pack("{s:s,s:s,s:o,s:o,s:o}", "name", sc__name(sc, cm->name), "brand",
                                   brand_name(pl, cm->brand), "lines", lines, "options", opts,
                                   "colours", cols));
    }
    fputs("],\n\"lines\":[", f);
    first = true;
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        const sc__line *ln = &sc->line[l];
        json_t *rules = json_array();
        for (size_t r = 0; r < ln->nrules; r++)
            if (sc__view_option(v, ln->rule[r].option))
                json_array_append_new(
                    rules, rule_json(sc, sc__names_get(&sc->option, (size_t)ln->rule[r].option),
                                     ln->rule[r].n, ln->rule[r].p, ln->rule[r].level,
                                     ln->rule[r].hard, -1));
        json_t *o = json_pack(
            "{s:s,s:s,s:f,s:f,s:i,s:i,s:o}", "plant", sc__name(sc, sc->plant[ln->plant].name),
            "line", sc__name(sc, ln->name), "rate", ln->rate, "hours", ln->hours, "slots_per_day",
            ln->slots, "batch_limit", ln->batch_limit, "rules", rules);
        if (o && sc__view_spread(v, l))
            json_object_set_new(o, "spread",
                                rule_json(sc, "guest", ln->spread.n, ln->spread.p, ln->spread.level,
                                          ln->spread.hard, ln->spread.brand));
        fputs(first ? "\n" : ",\n", f);
        first = false;
        sc__json_dump(f, o);
    }
    fputs("],\n\"ledger\":[", f);
    first = true;
    for (size_t l = 0; l < pl->nl; l++) {
        if (!sc__view_line(v, l)) continue;
        for (size_t w = 0; w < pl->nw; w++) {
            size_t i = l * pl->nw + w;
            int64_t cap = pl->wk_cap[i], host = pl->wk_host[i], guest = pl->wk_guest[i];
            if (!host_view) {
                host = v->wk_others[i];
                guest = v->wk_own[i];
            }
            double util = cap ? (double)(host + guest) / (double)cap : 0;
            util = (double)(int64_t)(util * 10000 + 0.5) / 10000;
            json_t *o;
            if (host_view)
                o = json_pack("{s:s,s:s,s:i,s:I,s:I,s:I,s:I,s:f}", "line",
                              sc__name(sc, sc->line[l].name), "week", week_label(pl, w, wb),
                              "working_days", pl->wk_days[i], "capacity", (json_int_t)cap, "host",
                              (json_int_t)host, "guest", (json_int_t)guest, "spare",
                              (json_int_t)(cap - host - guest), "utilisation", util);
            else {
                int64_t own = guest;
                o = json_pack("{s:s,s:s,s:i,s:I,s:I,s:I,s:I,s:f}", "line",
                              sc__name(sc, sc->line[l].name), "week", week_label(pl, w, wb),
                              "working_days", pl->wk_days[i], "capacity", (json_int_t)cap, "others",
                              (json_int_t)(host + guest - own), "own", (json_int_t)own, "spare",
                              (json_int_t)(cap - host - guest), "utilisation", util);
            }
            fputs(first ? "\n" : ",\n", f);
            first = false;
            sc__json_dump(f, o);
        }
    }
    fputs("],\n\"allocation\":[", f);
    first = true;
    for (size_t m = 0; m < pl->nm; m++) {
        int32_t b = sc->model[m].brand;
        if (sc->brand[b].host || !sc__view_brand(v, b)) continue;
        for (size_t l = 0; l < pl->nl; l++)
            for (size_t w = 0; w < pl->nw; w++) {
                size_t i = (m * pl->nl + l) * pl->nw + w;
                if (!pl->alloc[i] && !pl->slotted[i]) continue;
                fputs(first ? "\n" : ",\n", f);
                first = false;
                sc__json_dump(f, json_pack("{s:s,s:s,s:s,s:s,s:i,s:i}", "brand", brand_name(pl, b),
                                           "model", sc__name(sc, sc->model[m].name), "line",
                                           sc__name(sc, sc->line[l].name), "week",
                                           week_label(pl, w, wb), "allocated", pl->alloc[i],
                                           "slotted", pl->slotted[i]));
            }
    }
    fputs("],\n\"contracts\":[", f);
    first = true;
    for (size_t b = 0; b < pl->nb; b++) {
        const sc__brand *br = &sc->brand[b];
        if (br->host || !sc__view_brand(v, (int32_t)b)) continue;
        for (size_t w = 0; w < pl->nw; w++) {
            int32_t built = pl->built_bw[b * pl->nw + w];
            int32_t shortv = br->min_week > built ? br->min_week - built : 0;
            json_t *o = json_pack("{s:s,s:s,s:i}", "brand", brand_name(pl, (int32_t)b), "week",
                                  week_label(pl, w, wb), "built", built);
            if (br->min_week >= 0) json_object_set_new(o, "min", json_integer(br->min_week));
            if (br->max_week >= 0) json_object_set_new(o, "max", json_integer(br->max_week));
            json_object_set_new(o, "shortfall", json_integer(shortv));
            uint32_t c = pl->short_cause[b * pl->nw + w];
            if (shortv && c != SC__NO_REASON)
                json_object_set_new(o, "cause",
                                    json_string(sc__view_cause_text(v, c, why, sizeof why)));
            fputs(first ? "\n" : ",\n", f);
            first = false;
            sc__json_dump(f, o);
        }
    }
    fputs("]", f);
    if (host_view) {
        fputs(",\n\"mip\":", f);
        sc__json_dump(f, mip_json(pl));
    }
    fputs(",\n\"line_days\":[", f);
    first = true;
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        json_t *seq = json_array();
        size_t mine = 0;
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            if (v->full) {
                json_array_append_new(seq, json_string(sc__car_id(pl, ld, c, idb, sizeof idb)));
                mine++;
            } else if (sc__view_car(v, c)) {
                json_array_append_new(seq, json_pack("{s:I,s:s}", "position", (json_int_t)i + 1,
                                                     "id", sc__car_id(pl, ld, c, idb, sizeof idb)));
                mine++;
            }
        }
        if (!mine) {
            json_decref(seq);
            continue;
        }
        json_t *o =
            json_pack("{s:s,s:s,s:I}", "line", sc__name(sc, sc->line[ld->line].name), "date",
                      date_label(pl, (size_t)ld->day, db), "cars", (json_int_t)ld->n);
        if (!v->full) json_object_set_new(o, "own_cars", json_integer((json_int_t)mine));
        json_object_set_new(o, "valid", json_boolean(sc_score_is_feasible(&ld->score)));
        if (v->full) {
            json_object_set_new(o, "violations_high", json_integer(ld->vhigh));
            json_object_set_new(o, "violations_low", json_integer(ld->vlow));
            json_object_set_new(o, "colour_changes", json_integer(ld->colour_changes));
            json_object_set_new(o, "hard_violations", json_integer(ld->score.hard));
            json_object_set_new(o, "batch_excess", json_integer(ld->score.batch_excess));
            json_object_set_new(o, "total", json_integer(ld->score.total));
        }
        json_object_set_new(o, "sequence", seq);
        fputs(first ? "\n" : ",\n", f);
        first = false;
        sc__json_dump(f, o);
    }
    fputs("],\n\"orders\":[", f);
    first = true;
    static const char *const STATUS[] = {"on_time", "late", "unplanned"};
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (!sc__view_order(v, i)) continue;
        json_t *opts = json_array();
        for (size_t q = 0; q < sc->option.n; q++)
            if ((o->opts >> q) & 1)
                json_array_append_new(opts, json_string(sc__names_get(&sc->option, q)));
        json_t *j =
            json_pack("{s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s}", "id", sc->ids.buf + o->id, "brand",
                      brand_name(pl, o->brand), "model", sc__name(sc, sc->model[o->model].name),
                      "colour", sc__names_get(&sc->colour, (size_t)o->colour), "options", opts,
                      "earliest_week", week_label(pl, (size_t)o->earliest, wb), "due_week",
                      week_label(pl, (size_t)o->due, wb2), "status", STATUS[pl->order_status[i]]);
        if (pl->order_line[i] >= 0) {
            json_object_set_new(j, "line",
                                json_string(sc__name(sc, sc->line[pl->order_line[i]].name)));
            json_object_set_new(j, "date",
                                json_string(date_label(pl, (size_t)pl->order_day[i], db)));
            json_object_set_new(j, "week",
                                json_string(week_label(pl, (size_t)pl->order_day[i] / 7, wb)));
            json_object_set_new(j, "position", json_integer(pl->order_pos[i]));
        }
        if (pl->order_status[i] != SC__ORDER_ONTIME)
            json_object_set_new(j, "reason", json_string(reason_text(v, i, why, sizeof why)));
        fputs(first ? "\n" : ",\n", f);
        first = false;
        sc__json_dump(f, j);
    }
    fputs("]", f);
    if (pl->rp) { /* a replan: what changed, and why (src/io/replan_write.c) */
        fputs(",\n\"replan\":", f);
        sc__replan_json(pl, v, f);
    }
    fputs("}\n", f);
}

/* ------------------------------------------------------------ the whole */

typedef void (*writer_fn)(const sc_plan *pl, const sc__view *v, FILE *f);

/* Writes every file of the plan into the temporary directory 'o->dir'. */
static sc_status write_all(const sc_plan *pl, const sc__view *v, out *o, sc_diag *d) {
    static const struct {
        const char *name;
        writer_fn fn;
    } FILES[] = {
        {"plan.json", write_plan_json},
        {"ledger.csv", write_ledger},
        {"allocation.csv", write_allocation},
        {"sequences.csv", write_sequences},
        {"late.csv", write_late},
        {"unplanned.csv", write_unplanned},
    };
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) {
        sc_status st = out_open(o, FILES[i].name, d);
        if (st) return st;
        FILES[i].fn(pl, v, o->f);
        st = out_close(o, d);
        if (st) return st;
    }
    if (pl->rp) { /* a replan: diff.csv, per order, old and new place */
        sc_status st = out_open(o, "diff.csv", d);
        if (st) return st;
        sc__diff_write(pl, v, o->f);
        st = out_close(o, d);
        if (st) return st;
    }
    if (v->full && !o->sink) {
        /* The host's full view keeps the plan's inputs beside it, so that
        ** 'sparecap replan PLAN_DIR' needs nothing else. */
        char path[4400];
        snprintf(path, sizeof path, "%s/scenario.json", o->dir);
        sc_status st = sc_scenario_write(pl->sc, path, d);
        if (st) return st;
        snprintf(path, sizeof path, "%s/orders.csv", o->dir);
        if ((st = sc_scenario_write_orders(pl->sc, path, d))) return st;
    }
    sc_status st = out_open(o, "report.html", d);
    if (st) return st;
    st = sc__report_write(pl, v, o->f);
    sc_status st2 = out_close(o, d);
    if (st) {
        sc__diag_set(d, o->path, 0, 0, "%s", sc_strerror(st));
        return st;
    }
    return st2;
}

/* Writes the view 'v' into 'dir' through a temporary sibling directory. */
static sc_status write_dir(const sc_plan *pl, const sc__view *v, const char *dir, sc_diag *d) {
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    if (!len || len > 4000) {
        sc__diag_set(d, dir, 0, 0, "bad output directory name");
        return SC_EINVAL;
    }
    char target[4100];
    memcpy(target, dir, len);
    target[len] = '\0';
    bool exists;
    sc_status st = check_target(target, &exists, d);
    if (st) return st;
    out o;
    memset(&o, 0, sizeof o);
    /* mkdir, not mkdtemp, so that the directory gets the usual permissions
    ** (0777 less the umask); a few names are tried in turn. */
    int made = -1;
    for (unsigned k = 0; k < 100 && made != 0; k++) {
        snprintf(o.dir, sizeof o.dir, "%s.tmp%ld-%u", target, (long)getpid(), k);
        made = mkdir(o.dir, 0777);
        if (made != 0 && errno != EEXIST) break;
    }
    if (made != 0) {
        sc__diag_set(d, target, 0, 0, "cannot create a directory beside it: %s", strerror(errno));
        return SC_EIO;
    }
    st = write_all(pl, v, &o, d);
    if (o.f) {
        fclose(o.f);
        o.f = NULL;
    }
    /* The manifest, last: the files' sizes, hashes and counts (manifest.c). */
    if (!st) st = sc__manifest_write(o.dir, v, d);
    if (st) {
        remove_plan_dir(o.dir);
        return st;
    }
    char old[4200] = "";
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    /* Linux swaps the two directories in one step: DIR is never missing. */
    if (exists && renameat2(AT_FDCWD, o.dir, AT_FDCWD, target, RENAME_EXCHANGE) == 0) {
        remove_plan_dir(o.dir); /* the old plan, now at the temporary name */
        return SC_OK;
    }
#endif
    if (exists) {
        snprintf(old, sizeof old, "%s.oldXXXXXX", target);
        /* An empty directory to rename the old plan onto. */
        if (!mkdtemp(old) || rename(target, old) != 0) {
            sc__diag_set(d, target, 0, 0, "cannot replace: %s", strerror(errno));
            if (old[0]) rmdir(old);
            remove_plan_dir(o.dir);
            return SC_EIO;
        }
    }
    if (rename(o.dir, target) != 0) {
        sc__diag_set(d, target, 0, 0, "cannot write: %s", strerror(errno));
        if (exists) rename(old, target);
        remove_plan_dir(o.dir);
        return SC_EIO;
    }
    if (exists) remove_plan_dir(old);
    return SC_OK;
}

sc_status sc_plan_write(const sc_plan *pl, const char *dir, const char *brand, sc_diag *d) {
    sc__view v;
    sc_status st = sc__view_init(&v, pl, brand, d);
    if (st) return st;
    st = write_dir(pl, &v, dir, d);
    sc__view_release(&v);
    return st;
}

/*
** The summary: plan.json's small members as the view of 'brand' holds them
** ("sparecap", "view", "scenario" without its notes, "parameters", "kpis",
** the host's "mip", and a replan's "replan" without its per-line-day and
** per-week lists), built by the same code, so the names are the same.
*/
sc_status sc_plan_summary_json(const sc_plan *pl, const char *brand, char **text, sc_diag *d) {
    *text = NULL;
    sc__view v;
    sc_status st = sc__view_init(&v, pl, brand, d);
    if (st) return st;
    const sc_scenario *sc = pl->sc;
    char wb[16], wb2[16];
    sc_plan_kpis kp;
    sc__view_kpis(&v, &kp);
    json_t *o = json_pack(
        "{s:s,s:o,s:{s:s,s:s,s:s,s:i},s:{s:I,s:I,s:I,s:I},s:o}", "sparecap", SC_VERSION, "view",
        v.full ? json_string("host") : json_pack("{s:s}", "brand", sc__view_name(&v)), "scenario",
        "name", sc__name(sc, sc->name), "first_week", week_label(pl, 0, wb), "last_week",
        week_label(pl, pl->nw - 1, wb2), "weeks", (int)pl->nw, "parameters", "seed",
        (json_int_t)pl->params.seed, "effort_per_car", (json_int_t)pl->params.effort_per_car,
        "min_effort", (json_int_t)pl->params.min_effort, "mip_nodes",
        (json_int_t)pl->params.mip_nodes, "kpis", kpis_json(&kp));
    if (o && v.full) json_object_set_new(o, "mip", mip_json(pl));
    if (o && pl->rp) {
        /* The "replan" member as plan.json writes it, read back. */
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        json_t *r = NULL;
        if (f) {
            sc__replan_json(pl, &v, f);
            if (fclose(f) == 0) r = json_loadb(buf, len, 0, NULL);
        }
        free(buf);
        if (r) {
            json_object_del(r, "line_days");
            json_object_del(r, "weeks_changed");
        }
        if (!r || json_object_set_new(o, "replan", r) != 0) {
            json_decref(o);
            o = NULL;
        }
    }
    sc__view_release(&v);
    *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(o);
    if (!*text) {
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    return SC_OK;
}

/* Orders the files kept for a sink's manifest by name. */
static void sort_files(out *o) {
    for (size_t i = 1; i < o->n; i++)
        for (size_t j = i; j > 0 && strcmp(o->name[j - 1], o->name[j]) > 0; j--) {
            char *t = o->name[j];
            o->name[j] = o->name[j - 1];
            o->name[j - 1] = t;
            uint64_t z = o->sizes[j];
            o->sizes[j] = o->sizes[j - 1];
            o->sizes[j - 1] = z;
            uint8_t h[32];
            memcpy(h, o->sha[j], 32);
            memcpy(o->sha[j], o->sha[j - 1], 32);
            memcpy(o->sha[j - 1], h, 32);
        }
}

sc_status sc_plan_write_sink(const sc_plan *pl, const char *brand, const sc_plan_sink *sink,
                             sc_diag *d) {
    if (!sink || !sink->open || !sink->write || !sink->close) {
        sc__diag_set(d, NULL, 0, 0, "a sink needs its open, write and close");
        return SC_EINVAL;
    }
    sc__view v;
    sc_status st = sc__view_init(&v, pl, brand, d);
    if (st) return st;
    out *o = sc__calloc(1, sizeof *o);
    if (!o) {
        sc__view_release(&v);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    o->sink = sink;
    st = write_all(pl, &v, o, d);
    if (o->f) fclose(o->f);
    o->f = NULL;
    /* The manifest, last, from what passed through. */
    if (!st) {
        sort_files(o);
        st = out_open(o, SC__MANIFEST_NAME, d);
        if (!st) {
            sc_status sf = sc__manifest_format(o->f, &v, o->name, o->sizes,
                                               (const uint8_t(*)[32])o->sha, o->n, d);
            st = out_close(o, d);
            if (sf) st = sf;
        }
    }
    if (o->f) fclose(o->f);
    for (size_t i = 0; i < 16; i++)
        sc__free(o->name[i]);
    sc__free(o);
    sc__view_release(&v);
    return st;
}
