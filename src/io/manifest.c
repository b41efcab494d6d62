/*
** manifest.json: what a published plan directory holds, written last.
**
** sc_plan_write writes every file of a plan into a temporary directory and
** then calls sc__manifest_write, which reads each file back in blocks to take
** its size and SHA-256 (nettle, which uses the CPU's SHA instructions where it has them), and
*counts what the view wrote: the cars
** of each line-day in sequences.csv, and the orders of each brand in
** sequences.csv (the rows whose id is an order) and unplanned.csv, both read
** with libcsv. A guest's manifest so counts only what its view holds. The
** directory is renamed into place after, so a directory with a manifest was
** written whole.
**
** The layout (docs/FORMATS.md), one member per line for a reader's eye; the
** reader takes any layout, since jansson reads it:
**
**   {"sparecap":"0.1.0",
**   "view":"host",                        or {"brand":"NAME"}
**   "scenario":{"name":...,"first_week":"2026-W01","weeks":52},
**   "files":[{"name":"allocation.csv","size":10540,"sha256":"<64 hex>"}, ...],
**   "cars":[{"line":"E1","per_day":[0,48,...]}, ...],   one count per horizon day
**   "orders":[{"brand":"Alpha","orders":1200}, ...]}
**
** Files are listed by name in byte order; lines and brands in the
** scenario's order, those with no car or no order left out.
*/
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../plan/view.h"
#include "manifest.h"
#include "planio.h"

enum { BLOCK = 1 << 20 };

static sc_status nomem(sc_diag *d) {
    sc__diag_set(d, NULL, 0, 0, "out of memory");
    return SC_ENOMEM;
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = sc__malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

/* "12,345" into 'buf'. */
static const char *num(char buf[32], uint64_t v) {
    char raw[24];
    int n = snprintf(raw, sizeof raw, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
    return buf;
}

/* ------------------------------------------------------------ counting */

/* What the view's sequences.csv and unplanned.csv hold, counted from the
** plan in memory as the writers write them: the cars of each line-day
** (l * nd + t) and the orders per brand (an order's car in sequences.csv,
** or its row in unplanned.csv). */
static void count_view(const sc__view *v, int64_t *cars, int64_t *orders) {
    const sc_plan *pl = v->pl;
    const sc_scenario *sc = pl->sc;
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        size_t at = (size_t)ld->line * pl->nd + (size_t)ld->day;
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            if (!sc__view_car(v, c)) continue;
            cars[at]++;
            if (c->order >= 0) orders[sc->order[c->order].brand]++;
        }
    }
    for (size_t i = 0; i < sc->norders; i++)
        if (pl->order_status[i] == SC__ORDER_UNPLANNED && sc__view_order(v, i))
            orders[sc->order[i].brand]++;
}

/* ------------------------------------------------------------ hashing */

void sc__sha256(const void *data, size_t len, uint8_t out[32]) {
    struct sha256_ctx h;
    sha256_init(&h);
    sha256_update(&h, len, data);
    sha256_digest(&h, SHA256_DIGEST_SIZE, out);
}

/*
** Reads the file 'path' in blocks into its size and SHA-256. SC_EIO or
** SC_ENOMEM with 'd' filled.
*/
static sc_status hash_file(const char *path, uint64_t *size, uint8_t sha[32], sc_diag *d) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        sc__diag_set(d, path, 0, 0, "cannot read: %s", strerror(errno));
        return SC_EIO;
    }
    unsigned char *buf = sc__malloc(BLOCK);
    if (!buf) {
        fclose(f);
        return nomem(d);
    }
    struct sha256_ctx h;
    sha256_init(&h);
    *size = 0;
    size_t got;
    sc_status st = SC_OK;
    while ((got = fread(buf, 1, BLOCK, f)) > 0) {
        sha256_update(&h, got, buf);
        *size += got;
    }
    if (ferror(f)) {
        sc__diag_set(d, path, 0, 0, "cannot read: %s", strerror(errno ? errno : EIO));
        st = SC_EIO;
    }
    sha256_digest(&h, SHA256_DIGEST_SIZE, sha);
    sc__free(buf);
    fclose(f);
    return st;
}

static void hex(const uint8_t sha[32], char out[65]) {
    static const char X[] = "0123456789abcdef";
    for (size_t i = 0; i < 32; i++) {
        out[2 * i] = X[sha[i] >> 4];
        out[2 * i + 1] = X[sha[i] & 15];
    }
    out[64] = '\0';
}

/* ------------------------------------------------------------ writing */

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the regular files of 'dir' but the manifest, sorted; the
** caller frees each and the array. */
static sc_status list_files(const char *dir, char ***names, size_t *n, sc_diag *d) {
    *names = NULL;
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp) {
        sc__diag_set(d, dir, 0, 0, "cannot read: %s", strerror(errno));
        return SC_EIO;
    }
    size_t cap = 0;
    sc_status st = SC_OK;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, SC__MANIFEST_NAME)) continue;
        char *s = dup_str(e->d_name);
        if (!s || !sc__grow((void **)names, &cap, *n + 1, sizeof **names)) {
            sc__free(s);
            st = nomem(d);
            break;
        }
        (*names)[(*n)++] = s;
    }
    closedir(dp);
    if (*n) qsort(*names, *n, sizeof **names, cmp_names);
    return st;
}

/* Appends 'v' compact to 'f' after 'sep', and frees it. */
static void put(FILE *f, const char *sep, json_t *v) {
    fputs(sep, f);
    if (v) json_dumpf(v, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    json_decref(v);
}

sc_status sc__manifest_format(FILE *f, const sc__view *v, char *const *names, const uint64_t *size,
                              const uint8_t (*sha)[32], size_t n, sc_diag *d) {
    const sc_plan *pl = v->pl;
    const sc_scenario *sc = pl->sc;
    struct {
        int64_t *cars, *orders;
    } c;
    c.cars = sc__calloc(pl->nl * pl->nd + 1, sizeof *c.cars);
    c.orders = sc__calloc(pl->nb + 1, sizeof *c.orders);
    if (!c.cars || !c.orders) {
        sc__free(c.cars);
        sc__free(c.orders);
        return nomem(d);
    }
    count_view(v, c.cars, c.orders);
    char wb[16], hx[65];
    fprintf(f, "{\"sparecap\":\"%s\"", SC_VERSION);
    put(f, ",\n\"view\":",
        v->full ? json_string("host") : json_pack("{s:s}", "brand", sc__view_name(v)));
    put(f, ",\n\"scenario\":",
        json_pack("{s:s,s:s,s:i}", "name", sc__name(sc, sc->name), "first_week",
                  sc__format_week(sc->day0, wb), "weeks", sc->nweeks));
    fputs(",\n\"files\":[", f);
    for (size_t i = 0; i < n; i++) {
        hex(sha[i], hx);
        put(f, i ? ",\n" : "\n",
            json_pack("{s:s,s:I,s:s}", "name", names[i], "size", (json_int_t)size[i], "sha256",
                      hx));
    }
    fputs("],\n\"cars\":[", f);
    bool first = true;
    for (size_t l = 0; l < pl->nl; l++) {
        const int64_t *row = c.cars + l * pl->nd;
        size_t t = 0;
        while (t < pl->nd && !row[t])
            t++;
        if (t == pl->nd) continue;
        json_t *days = json_array();
        for (t = 0; t < pl->nd; t++)
            json_array_append_new(days, json_integer(row[t]));
        put(f, first ? "\n" : ",\n",
            json_pack("{s:s,s:o}", "line", sc__name(sc, sc->line[l].name), "per_day", days));
        first = false;
    }
    fputs("],\n\"orders\":[", f);
    first = true;
    for (size_t b = 0; b < pl->nb; b++) {
        if (!c.orders[b]) continue;
        put(f, first ? "\n" : ",\n",
            json_pack("{s:s,s:I}", "brand", sc__name(sc, sc->brand[b].name), "orders",
                      (json_int_t)c.orders[b]));
        first = false;
    }
    fputs("]}\n", f);
    sc__free(c.cars);
    sc__free(c.orders);
    return SC_OK;
}

sc_status sc__manifest_write(const char *dir, const sc__view *v, sc_diag *d) {
    char **names;
    size_t n;
    sc_status st = list_files(dir, &names, &n, d);
    uint64_t *size = sc__calloc(n + 1, sizeof *size);
    uint8_t(*sha)[32] = sc__calloc(n + 1, sizeof *sha);
    if (!st && (!size || !sha)) st = nomem(d);
    char path[4400];
    for (size_t i = 0; i < n && !st; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        st = hash_file(path, &size[i], sha[i], d);
    }
    FILE *f = NULL;
    if (!st) {
        snprintf(path, sizeof path, "%s/%s", dir, SC__MANIFEST_NAME);
        if (!(f = fopen(path, "w"))) {
            sc__diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
            st = SC_EIO;
        }
    }
    if (!st) {
        st = sc__manifest_format(f, v, names, size, (const uint8_t(*)[32])sha, n, d);
        bool bad = ferror(f) != 0;
        bad |= fflush(f) != 0;
        bad |= fsync(fileno(f)) != 0;
        bad |= fclose(f) != 0;
        if (!st && bad) {
            sc__diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno ? errno : EIO));
            st = SC_EIO;
        }
    }
    for (size_t i = 0; i < n; i++)
        sc__free(names[i]);
    sc__free(names);
    sc__free(size);
    sc__free(sha);
    return st;
}

/* ------------------------------------------------------------ reading */

void sc__manifest_free(sc__manifest *m) {
    if (!m) return;
    for (size_t i = 0; i < m->nfiles; i++)
        sc__free(m->file[i].name);
    sc__free(m->file);
    sc__free(m->version);
    sc__free(m->view);
    sc__free(m->cars);
    sc__free(m->orders);
    sc__free(m);
}

static sc_status bad(sc_diag *d, const char *path, const char *fmt, const char *what) {
    sc__diag_set(d, path, 0, 0, fmt, what);
    return SC_EINVAL;
}

static bool unhex(const char *s, uint8_t out[32]) {
    if (strlen(s) != 64) return false;
    for (size_t i = 0; i < 64; i++) {
        char ch = s[i];
        int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        if (v < 0) return false;
        if (i % 2 == 0)
            out[i / 2] = (uint8_t)(v << 4);
        else
            out[i / 2] |= (uint8_t)v;
    }
    return true;
}

/* Takes the members of the parsed manifest 'j' into 'm'. */
static sc_status take(sc__manifest *m, json_t *j, const char *path, const sc_scenario *sc,
                      sc_diag *d) {
    static const char NOT[] = "not a sparecap manifest: %s";
    json_t *ver = json_object_get(j, "sparecap"), *view = json_object_get(j, "view");
    json_t *scn = json_object_get(j, "scenario"), *files = json_object_get(j, "files");
    json_t *cars = json_object_get(j, "cars"), *orders = json_object_get(j, "orders");
    if (!json_is_string(ver)) return bad(d, path, NOT, "no \"sparecap\" version");
    if (!json_is_array(files)) return bad(d, path, NOT, "no \"files\" list");
    if (!json_is_array(cars)) return bad(d, path, NOT, "no \"cars\" per line-day");
    if (!json_is_array(orders)) return bad(d, path, NOT, "no \"orders\" per brand");
    if (!(m->version = dup_str(json_string_value(ver)))) return nomem(d);
    if (json_is_object(view) && json_is_string(json_object_get(view, "brand"))) {
        if (!(m->view = dup_str(json_string_value(json_object_get(view, "brand")))))
            return nomem(d);
    } else if (!json_is_string(view) || strcmp(json_string_value(view), "host") != 0)
        return bad(d, path, NOT, "\"view\" is neither \"host\" nor {\"brand\": NAME}");

    /* The scenario: the one the plan is read against. */
    const char *name = json_string_value(json_object_get(scn, "name"));
    const char *fw = json_string_value(json_object_get(scn, "first_week"));
    json_t *wk = json_object_get(scn, "weeks");
    char want[16];
    sc__format_week(sc->day0, want);
    if (!name || !fw || !json_is_integer(wk))
        return bad(d, path, NOT, "\"scenario\" lacks its name, first week or weeks");
    if (strcmp(name, sc__name(sc, sc->name)) != 0) {
        sc__diag_set(d, path, 0, 0, "the plan was made from another scenario: '%s', not '%s'", name,
                     sc__name(sc, sc->name));
        return SC_EINVAL;
    }
    if (strcmp(fw, want) != 0 || json_integer_value(wk) != sc->nweeks) {
        sc__diag_set(d, path, 0, 0,
                     "the plan was made from another scenario: its horizon is %lld weeks from %s, "
                     "the scenario's %d weeks from %s",
                     (long long)json_integer_value(wk), fw, sc->nweeks, want);
        return SC_EINVAL;
    }

    /* The files. */
    size_t nf = json_array_size(files);
    m->file = sc__calloc(nf + 1, sizeof *m->file);
    if (!m->file) return nomem(d);
    size_t i;
    json_t *o;
    json_array_foreach(files, i, o) {
        const char *fn = json_string_value(json_object_get(o, "name"));
        json_t *sz = json_object_get(o, "size");
        const char *hx = json_string_value(json_object_get(o, "sha256"));
        sc__manifest_file *mf = &m->file[m->nfiles];
        if (!fn || !*fn || strchr(fn, '/') || !json_is_integer(sz) || json_integer_value(sz) < 0 ||
            !hx || !unhex(hx, mf->sha256)) {
            sc__diag_set(d, path, 0, 0,
                         "not a sparecap manifest: files[%zu] needs a name, a size in bytes and a "
                         "sha256 of 64 hex digits",
                         i);
            return SC_EINVAL;
        }
        if (sc__manifest_find(m, fn)) return bad(d, path, "file '%s' is listed twice", fn);
        if (!(mf->name = dup_str(fn))) return nomem(d);
        mf->size = (uint64_t)json_integer_value(sz);
        m->nfiles++;
    }

    /* Cars per line-day, and orders per brand. */
    m->nl = sc->nlines;
    m->nd = (size_t)sc->nweeks * 7;
    m->cars = sc__calloc(m->nl * m->nd + 1, sizeof *m->cars);
    m->orders = sc__calloc(sc->nbrands + 1, sizeof *m->orders);
    if (!m->cars || !m->orders) return nomem(d);
    json_array_foreach(cars, i, o) {
        const char *ln = json_string_value(json_object_get(o, "line"));
        json_t *per = json_object_get(o, "per_day");
        long l = ln ? sc__find_line(sc, ln) : -1;
        if (!ln || !json_is_array(per)) {
            sc__diag_set(d, path, 0, 0,
                         "not a sparecap manifest: cars[%zu] needs a line and its "
                         "cars per_day",
                         i);
            return SC_EINVAL;
        }
        if (l < 0)
            return bad(d, path,
                       "line '%s' is not in the scenario: the plan was made from another scenario",
                       ln);
        if (json_array_size(per) != m->nd) {
            sc__diag_set(d, path, 0, 0,
                         "line '%s' has cars for %zu days, the scenario's horizon %zu days", ln,
                         json_array_size(per), m->nd);
            return SC_EINVAL;
        }
        size_t t;
        json_t *v;
        json_array_foreach(per, t, v) {
            if (!json_is_integer(v) || json_integer_value(v) < 0) {
                sc__diag_set(d, path, 0, 0,
                             "not a sparecap manifest: line '%s', day %zu: expected a count of "
                             "cars",
                             ln, t + 1);
                return SC_EINVAL;
            }
            m->cars[(size_t)l * m->nd + t] = json_integer_value(v);
        }
    }
    json_array_foreach(orders, i, o) {
        const char *bn = json_string_value(json_object_get(o, "brand"));
        json_t *cnt = json_object_get(o, "orders");
        long b = bn ? sc__find_brand(sc, bn) : -1;
        if (!bn || !json_is_integer(cnt) || json_integer_value(cnt) < 0) {
            sc__diag_set(d, path, 0, 0,
                         "not a sparecap manifest: orders[%zu] needs a brand and its count", i);
            return SC_EINVAL;
        }
        if (b < 0)
            return bad(d, path,
                       "brand '%s' is not in the scenario: the plan was made from another scenario",
                       bn);
        m->orders[b] = json_integer_value(cnt);
    }
    return SC_OK;
}

sc_status sc__manifest_parse(const char *text, size_t len, const char *path, const sc_scenario *sc,
                             sc__manifest **out, sc_diag *d) {
    *out = NULL;
    json_error_t je;
    json_t *j = json_loadb(text, len, 0, &je);
    if (!j) {
        sc__diag_set(d, path, (unsigned)(je.line > 0 ? je.line : 0),
                     (unsigned)(je.column > 0 ? je.column : 0), "not a sparecap manifest: %s",
                     je.text);
        return SC_EINVAL;
    }
    sc__manifest *m = sc__calloc(1, sizeof *m);
    sc_status st = m ? take(m, j, path, sc, d) : nomem(d);
    json_decref(j);
    if (st) {
        sc__manifest_free(m);
        return st;
    }
    *out = m;
    return SC_OK;
}

const sc__manifest_file *sc__manifest_find(const sc__manifest *m, const char *name) {
    for (size_t i = 0; i < m->nfiles; i++)
        if (!strcmp(m->file[i].name, name)) return &m->file[i];
    return NULL;
}

sc_status sc__manifest_check_size(const sc__manifest *m, const char *name, const char *path,
                                  uint64_t size, sc_diag *d) {
    const sc__manifest_file *f = sc__manifest_find(m, name);
    char a[32], b[32];
    if (!f) {
        sc__diag_set(d, path, 0, 0,
                     "not in the manifest: a published plan holds only the files its "
                     "manifest lists");
        return SC_EINVAL;
    }
    if (f->size != size) {
        sc__diag_set(d, path, 0, 0,
                     "%s bytes, the manifest says %s: the file was %s, edited, or comes from "
                     "another plan",
                     num(a, size), num(b, f->size), size < f->size ? "cut short" : "added to");
        return SC_EINVAL;
    }
    return SC_OK;
}

static sc_status check_hash(const sc__manifest_file *f, const char *path, const uint8_t sha[32],
                            sc_diag *d) {
    if (memcmp(f->sha256, sha, 32) == 0) return SC_OK;
    char a[32];
    sc__diag_set(d, path, 0, 0,
                 "its SHA-256 is not the manifest's (the size, %s bytes, is): the file was "
                 "edited, or comes from another plan",
                 num(a, f->size));
    return SC_EINVAL;
}

sc_status sc__manifest_check_data(const sc__manifest *m, const char *name, const char *path,
                                  const void *data, size_t len, sc_diag *d) {
    sc_status st = sc__manifest_check_size(m, name, path, len, d);
    if (st) return st;
    uint8_t sha[32];
    sc__sha256(data, len, sha);
    return check_hash(sc__manifest_find(m, name), path, sha, d);
}

sc_status sc__manifest_check_file(const sc__manifest *m, const char *name, const char *path,
                                  sc_diag *d) {
    uint64_t size;
    uint8_t sha[32];
    sc_status st = hash_file(path, &size, sha, d);
    if (!st) st = sc__manifest_check_size(m, name, path, size, d);
    if (!st) st = check_hash(sc__manifest_find(m, name), path, sha, d);
    return st;
}
