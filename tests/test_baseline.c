/*
** The baseline reader (src/io/baseline_read.c) and the manifest
** (src/io/manifest.c): a published plan is whole or refused.
**
** The manifest lists every file with its size and SHA-256 and counts what
** the view holds; a truncated, edited, mixed or incomplete plan, or one
** without a manifest, is refused with one message naming the file; plan.json
** is read in any layout (pretty-printed, it gives the same baseline and the
** same replan); plan.json, sequences.csv and the manifest are cross-checked
** even when every hash matches (a manifest rewritten after an edit); a plan
** read from buffers, from its directory or taken from memory is the same
** baseline, and replans from them are the same files, byte for byte.
**
** One plan of tests/data/replan (a small effort) is made once and written
** into a scratch directory; each test copies and damages it.
*/
#include "testutil.h"

#include <jansson.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/io/manifest.h"
#include "../src/plan/replan.h"

#define DATA SC_TEST_DATA "/replan"

static char *tmp; /* the scratch directory */
static char base_dir[4096];
static sc_scenario *sc;
static sc_plan *base_plan; /* the plan written into base_dir */

static void small_effort(sc_plan_params *p) {
    p->effort_per_car = 5;
    p->min_effort = 500;
    p->mip_nodes = 500;
    p->threads = 1;
}

static int setup(void **state) {
    (void)state;
    tmp = tu_tmpdir();
    sc_diag_list dl;
    if (sc_scenario_read(DATA "/scenario.json", &sc, &dl) != SC_OK) return -1;
    if (sc_scenario_read_orders(sc, DATA "/orders.csv", &dl) != SC_OK) return -1;
    sc_plan_params p;
    sc_plan_defaults(&p);
    small_effort(&p);
    sc_diag d;
    if (sc_plan_run(sc, &p, &base_plan, &d) != SC_OK) return -1;
    tu_join(base_dir, sizeof base_dir, tmp, "base");
    return sc_plan_write(base_plan, base_dir, NULL, &d) == SC_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    sc_plan_free(base_plan);
    sc_scenario_free(sc);
    tu_tmpdir_free(tmp);
    return 0;
}

/* ------------------------------------------------------------ helpers */

/* Copies the base plan into 'name' and returns its path in 'buf'. */
static const char *copy_base(char *buf, size_t size, const char *name) {
    tu_join(buf, size, tmp, name);
    assert_int_equal(mkdir(buf, 0777), 0);
    tu_copy_dir(base_dir, buf);
    return buf;
}

/* Rewrites file 'name' of 'dir' with the first 'from' replaced by 'to'. */
static void edit(const char *dir, const char *name, const char *from, const char *to) {
    char path[4300];
    size_t n;
    char *text = tu_slurp(tu_join(path, sizeof path, dir, name), &n);
    char *at = strstr(text, from);
    if (!at) fprintf(stderr, "edit: '%s' not in %s\n", from, name);
    assert_non_null(at);
    size_t pre = (size_t)(at - text), lf = strlen(from), lt = strlen(to);
    char *out = malloc(n - lf + lt + 1);
    assert_non_null(out);
    memcpy(out, text, pre);
    memcpy(out + pre, to, lt);
    memcpy(out + pre + lt, at + lf, n - pre - lf + 1);
    tu_write_bytes(dir, name, out, n - lf + lt);
    free(text);
    free(out);
}

/* Appends to file 'name' of 'dir' the line holding 'needle' when 'tail'
** is NULL (a car planned twice), else 'tail'. */
static void append(const char *dir, const char *name, const char *needle, const char *tail) {
    char path[4300];
    size_t n;
    char *text = tu_slurp(tu_join(path, sizeof path, dir, name), &n);
    const char *add = tail;
    size_t nadd = tail ? strlen(tail) : 0;
    if (!tail) {
        const char *at = strstr(text, needle);
        assert_non_null(at);
        while (at > text && at[-1] != '\n')
            at--;
        add = at;
        nadd = (size_t)(strchr(at, '\n') + 1 - at);
    }
    char *out = malloc(n + nadd);
    assert_non_null(out);
    memcpy(out, text, n);
    memcpy(out + n, add, nadd);
    tu_write_bytes(dir, name, out, n + nadd);
    free(text);
    free(out);
}

/* Keeps the first 'bytes' of file 'name' of 'dir'. */
static void cut(const char *dir, const char *name, size_t bytes) {
    char path[4300];
    tu_join(path, sizeof path, dir, name);
    assert_int_equal(truncate(path, (off_t)bytes), 0);
}

/* The byte offset just past the first 'lines' lines of file 'name'. */
static size_t lines_bytes(const char *dir, const char *name, size_t lines) {
    char path[4300];
    size_t n, at = 0;
    char *text = tu_slurp(tu_join(path, sizeof path, dir, name), &n);
    for (size_t k = 0; k < lines; k++)
        at = (size_t)(strchr(text + at, '\n') - text) + 1;
    free(text);
    return at;
}

/* Rewrites the manifest of 'dir' with the size and SHA-256 that file
** 'name' has now, as a tool that edits a plan and its manifest would. */
static void rehash(const char *dir, const char *name) {
    char path[4300];
    size_t n;
    char *text = tu_slurp(tu_join(path, sizeof path, dir, name), &n);
    unsigned char sha[32];
    sc__sha256(text, n, sha);
    free(text);
    char hx[65];
    for (size_t i = 0; i < 32; i++)
        snprintf(hx + 2 * i, 3, "%02x", sha[i]);
    json_error_t je;
    json_t *m = json_load_file(tu_join(path, sizeof path, dir, "manifest.json"), 0, &je);
    assert_non_null(m);
    size_t i;
    json_t *f;
    bool found = false;
    json_array_foreach(json_object_get(m, "files"), i, f) {
        if (strcmp(json_string_value(json_object_get(f, "name")), name) != 0) continue;
        json_object_set_new(f, "size", json_integer((json_int_t)n));
        json_object_set_new(f, "sha256", json_string(hx));
        found = true;
    }
    assert_true(found);
    assert_int_equal(json_dump_file(m, path, JSON_COMPACT | JSON_PRESERVE_ORDER), 0);
    json_decref(m);
}

/* A message of the library names no command-line flag. */
static void no_flag(const char *msg) {
    if (strstr(msg, "--")) fprintf(stderr, "a flag in: %s\n", msg);
    assert_null(strstr(msg, "--"));
}

/* Reading 'dir' is refused, with a message holding 'want'. */
static void expect_bad_dir(const char *dir, const char *want) {
    sc_baseline *b = (sc_baseline *)1;
    sc_diag d;
    memset(&d, 0, sizeof d);
    assert_int_equal(sc_baseline_read(dir, sc, &b, &d), SC_EINVAL);
    assert_null(b);
    char full[800];
    sc_diag_format(&d, full, sizeof full);
    assert_true(tu_contains(full, want));
    no_flag(full);
}

static sc_baseline *read_ok(const char *dir) {
    sc_baseline *b;
    sc_diag d;
    sc_status st = sc_baseline_read(dir, sc, &b, &d);
    if (st) fprintf(stderr, "baseline: %s: %s\n", d.file, d.msg);
    assert_int_equal(st, SC_OK);
    return b;
}

/* Two baselines hold the same cars, orders, parameters and outages. */
static void same_baseline(const sc_baseline *a, const sc_baseline *b) {
    assert_int_equal(a->ncars, b->ncars);
    assert_int_equal(a->nl, b->nl);
    assert_int_equal(a->nd, b->nd);
    assert_memory_equal(a->first, b->first, (a->nl * a->nd + 1) * sizeof *a->first);
    assert_memory_equal(a->car, b->car, a->ncars * sizeof *a->car);
    size_t no = sc->norders;
    assert_memory_equal(a->order_line, b->order_line, no * sizeof *a->order_line);
    assert_memory_equal(a->order_day, b->order_day, no * sizeof *a->order_day);
    assert_memory_equal(a->order_pos, b->order_pos, no * sizeof *a->order_pos);
    assert_true(a->params.seed == b->params.seed);
    assert_true(a->params.effort_per_car == b->params.effort_per_car);
    assert_true(a->params.min_effort == b->params.min_effort);
    assert_true(a->params.mip_nodes == b->params.mip_nodes);
    assert_true(a->host_value == b->host_value);
    assert_int_equal(a->noutages, b->noutages);
    for (size_t i = 0; i < a->noutages; i++) {
        assert_string_equal(a->outage[i].where, b->outage[i].where);
        assert_string_equal(a->outage[i].from, b->outage[i].from);
        assert_string_equal(a->outage[i].to, b->outage[i].to);
    }
}

/* Every file of directory 'a' is in 'b' with the same bytes, and 'b' has
** no other. */
static void same_files(const char *a, const char *b) {
    DIR *dp = opendir(a);
    assert_non_null(dp);
    struct dirent *e;
    size_t na = 0;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char pa[4300], pb[4300];
        size_t la, lb;
        char *x = tu_slurp(tu_join(pa, sizeof pa, a, e->d_name), &la);
        char *y = tu_slurp(tu_join(pb, sizeof pb, b, e->d_name), &lb);
        if (la != lb || memcmp(x, y, la)) fprintf(stderr, "differs: %s\n", e->d_name);
        assert_int_equal(la, lb);
        assert_memory_equal(x, y, la);
        free(x);
        free(y);
        na++;
    }
    closedir(dp);
    size_t nb = 0;
    dp = opendir(b);
    assert_non_null(dp);
    while ((e = readdir(dp)) != NULL)
        nb += e->d_name[0] != '.';
    closedir(dp);
    assert_int_equal(na, nb);
    assert_true(na >= 10);
}

static const sc_span EAST[] = {{"East", "2026-09-21", "2026-10-02"}};

/* Replans 'b' after 'outage' with a small effort and writes it to 'dir';
** returns the replan. */
static sc_plan *replan_write(const sc_baseline *b, const sc_span *outage, const char *dir) {
    sc_replan_params p;
    sc_replan_defaults(&p);
    small_effort(&p.plan);
    sc_baseline_params(b, &p.plan);
    p.outage = outage;
    p.noutages = 1;
    p.frozen_days = 3;
    sc_plan *pl;
    sc_diag d;
    sc_status st = sc_replan_run(sc, b, &p, &pl, &d);
    if (st) fprintf(stderr, "replan: %s\n", d.msg);
    assert_int_equal(st, SC_OK);
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    return pl;
}

/* ------------------------------------------------------------ the manifest */

/* The manifest lists every other file with its size and SHA-256, and
** counts the cars per line-day and the orders per brand the view holds:
** the host's everything, a guest's only its own. */
static void test_manifest(void **state) {
    (void)state;
    static const char *const VIEWS[] = {NULL, "Beta"};
    for (size_t v = 0; v < 2; v++) {
        char dir[4200], path[4300];
        const char *where = base_dir;
        if (VIEWS[v]) {
            sc_diag d;
            where = tu_join(dir, sizeof dir, tmp, "beta-view");
            assert_int_equal(sc_plan_write(base_plan, dir, VIEWS[v], &d), SC_OK);
        }
        json_error_t je;
        json_t *m = json_load_file(tu_join(path, sizeof path, where, "manifest.json"), 0, &je);
        assert_non_null(m);
        assert_string_equal(json_string_value(json_object_get(m, "sparecap")), SC_VERSION);
        if (VIEWS[v])
            assert_string_equal(
                json_string_value(json_object_get(json_object_get(m, "view"), "brand")), "Beta");
        else
            assert_string_equal(json_string_value(json_object_get(m, "view")), "host");
        /* Every file but the manifest, once, in name order, each as it is. */
        json_t *files = json_object_get(m, "files");
        size_t i, nfiles = 0;
        json_t *f;
        const char *prev = "";
        json_array_foreach(files, i, f) {
            const char *name = json_string_value(json_object_get(f, "name"));
            assert_true(strcmp(prev, name) < 0);
            prev = name;
            size_t n;
            char *text = tu_slurp(tu_join(path, sizeof path, where, name), &n);
            unsigned char sha[32];
            char hx[65];
            sc__sha256(text, n, sha);
            for (size_t k = 0; k < 32; k++)
                snprintf(hx + 2 * k, 3, "%02x", sha[k]);
            assert_int_equal(json_integer_value(json_object_get(f, "size")), n);
            assert_string_equal(json_string_value(json_object_get(f, "sha256")), hx);
            free(text);
            nfiles++;
        }
        DIR *dp = opendir(where);
        size_t nd = 0;
        struct dirent *e;
        while ((e = readdir(dp)) != NULL)
            nd += e->d_name[0] != '.';
        closedir(dp);
        assert_int_equal(nfiles + 1, nd);
        /* Cars: the rows of sequences.csv per line and date, and nothing
        ** the view does not hold. */
        size_t n;
        char *seq = tu_slurp(tu_join(path, sizeof path, where, "sequences.csv"), &n);
        json_t *cars = json_object_get(m, "cars");
        int64_t total = 0, rows = 0;
        json_array_foreach(cars, i, f) {
            const char *line = json_string_value(json_object_get(f, "line"));
            size_t t;
            json_t *c;
            json_array_foreach(json_object_get(f, "per_day"), t, c) {
                char date[16], key[64];
                sc__format_date(sc->day0 + (int32_t)t, date);
                snprintf(key, sizeof key, "\n%s,%s,", line, date);
                int64_t k = 0;
                for (const char *at = seq; (at = strstr(at, key)) != NULL; at++)
                    k++;
                assert_int_equal(json_integer_value(c), k);
                total += json_integer_value(c);
            }
        }
        for (const char *at = strchr(seq, '\n'); at && at[1]; at = strchr(at + 1, '\n'))
            rows++;
        assert_int_equal(total, rows);
        assert_true(rows > 0);
        /* Orders: every order of the brands the view holds. */
        int64_t want[8] = {0};
        for (size_t o = 0; o < sc->norders; o++)
            want[sc->order[o].brand]++;
        json_t *orders = json_object_get(m, "orders");
        json_array_foreach(orders, i, f) {
            const char *brand = json_string_value(json_object_get(f, "brand"));
            long b = sc_scenario_find_brand(sc, brand);
            assert_true(b >= 0);
            if (VIEWS[v]) assert_string_equal(brand, VIEWS[v]);
            assert_int_equal(json_integer_value(json_object_get(f, "orders")), want[b]);
        }
        size_t nbrands = 0;
        for (size_t b = 0; b < sc->nbrands; b++)
            nbrands += want[b] > 0;
        assert_int_equal(json_array_size(orders), VIEWS[v] ? 1 : nbrands);
        if (VIEWS[v]) { /* no other brand's car */
            assert_null(strstr(seq, ",Alpha,"));
            assert_null(strstr(seq, ",Host,"));
        }
        free(seq);
        json_decref(m);
        /* A brand's view is refused, by its manifest. */
        if (VIEWS[v])
            expect_bad_dir(where, "manifest.json: the plan was written for brand Beta; a replan "
                                  "needs the host's full view");
    }
}

/* ------------------------------------------------------------ refused */

/* The two cases that today's readers accepted: sequences.csv cut to 300
** lines, plan.json cut to 20 kB. */
static void test_truncated(void **state) {
    (void)state;
    char dir[4200];
    copy_base(dir, sizeof dir, "cut-seq");
    cut(dir, "sequences.csv", lines_bytes(dir, "sequences.csv", 300));
    expect_bad_dir(dir, "cut-seq/sequences.csv: ");
    expect_bad_dir(dir, "bytes, the manifest says ");
    expect_bad_dir(dir, "the file was cut short");
    copy_base(dir, sizeof dir, "cut-json");
    cut(dir, "plan.json", 20000);
    expect_bad_dir(dir, "cut-json/plan.json: 20,000 bytes, the manifest says ");
    /* Cut, and the manifest rewritten to match: the cut is still found. */
    copy_base(dir, sizeof dir, "cut-json-rehashed");
    cut(dir, "plan.json", 20000);
    rehash(dir, "plan.json");
    expect_bad_dir(dir, "plan.json:");
    expect_bad_dir(dir, "not a sparecap plan: malformed JSON");
    copy_base(dir, sizeof dir, "cut-seq-rehashed");
    cut(dir, "sequences.csv", lines_bytes(dir, "sequences.csv", 300));
    rehash(dir, "sequences.csv");
    expect_bad_dir(dir, "sequences.csv: line-day ");
    expect_bad_dir(dir, "the manifest counts");
}

/* One byte changed, the size kept: named by its SHA-256, in a file the
** replan reads and in one it does not. */
static void test_edited_byte(void **state) {
    (void)state;
    static const char *const NAMES[] = {"sequences.csv", "plan.json", "ledger.csv", "report.html",
                                        "orders.csv"};
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
        char dir[4200], name[64], path[4300];
        snprintf(name, sizeof name, "byte%zu", i);
        copy_base(dir, sizeof dir, name);
        size_t n;
        char *text = tu_slurp(tu_join(path, sizeof path, dir, NAMES[i]), &n);
        text[n / 2] = text[n / 2] == '7' ? '8' : '7';
        tu_write_bytes(dir, NAMES[i], text, n);
        free(text);
        char want[200];
        snprintf(want, sizeof want, "%s/%s: its SHA-256 is not the manifest's", name, NAMES[i]);
        expect_bad_dir(dir, want);
        expect_bad_dir(dir, "the file was edited, or comes from another plan");
    }
}

/* Files of two plans mixed: another seed's sequences.csv, or another
** seed's plan with this plan's manifest. */
static void test_mixed(void **state) {
    (void)state;
    sc_plan_params p;
    sc_plan_defaults(&p);
    small_effort(&p);
    p.seed = 2;
    sc_plan *other;
    sc_diag d;
    assert_int_equal(sc_plan_run(sc, &p, &other, &d), SC_OK);
    char odir[4200], dir[4200], a[4300], b[4300];
    tu_join(odir, sizeof odir, tmp, "seed2");
    assert_int_equal(sc_plan_write(other, odir, NULL, &d), SC_OK);
    sc_plan_free(other);
    copy_base(dir, sizeof dir, "mixed-seq");
    size_t n;
    char *text = tu_slurp(tu_join(a, sizeof a, odir, "sequences.csv"), &n);
    tu_write_bytes(dir, "sequences.csv", text, n);
    free(text);
    expect_bad_dir(dir, "mixed-seq/sequences.csv: ");
    /* The other plan's files, but this one's manifest. */
    copy_base(dir, sizeof dir, "mixed-manifest");
    tu_copy_dir(odir, dir);
    text = tu_slurp(tu_join(a, sizeof a, base_dir, "manifest.json"), &n);
    tu_write_bytes(dir, "manifest.json", text, n);
    free(text);
    expect_bad_dir(dir, "mixed-manifest/");
    expect_bad_dir(dir, "comes from another plan");
    /* The other plan's sequences.csv and a manifest rewritten for it: the
    ** cross-checks find that plan.json disagrees. */
    copy_base(dir, sizeof dir, "mixed-rehashed");
    text = tu_slurp(tu_join(a, sizeof a, odir, "sequences.csv"), &n);
    tu_write_bytes(dir, "sequences.csv", text, n);
    free(text);
    rehash(dir, "sequences.csv");
    expect_bad_dir(dir, "mixed-rehashed/plan.json:");
    expect_bad_dir(dir, "the files come from different plans");
    (void)b;
}

/* A file missing, a file too many, no manifest, a manifest that is not one. */
static void test_missing_and_extra(void **state) {
    (void)state;
    char dir[4200], path[4300];
    copy_base(dir, sizeof dir, "no-ledger");
    assert_int_equal(unlink(tu_join(path, sizeof path, dir, "ledger.csv")), 0);
    expect_bad_dir(dir, "no-ledger/ledger.csv: missing: the manifest lists it (");
    copy_base(dir, sizeof dir, "no-seq");
    assert_int_equal(unlink(tu_join(path, sizeof path, dir, "sequences.csv")), 0);
    expect_bad_dir(dir, "no-seq/sequences.csv: missing: the manifest lists it");
    copy_base(dir, sizeof dir, "extra");
    tu_write(dir, "notes.txt", "hello\n");
    expect_bad_dir(dir, "extra/notes.txt: not in the manifest");
    /* An older sparecap's plan: no manifest. */
    copy_base(dir, sizeof dir, "no-manifest");
    assert_int_equal(unlink(tu_join(path, sizeof path, dir, "manifest.json")), 0);
    expect_bad_dir(dir, "no-manifest/manifest.json: missing: a published plan lists its files in "
                        "a manifest, and this one has none");
    /* Not a plan at all. */
    tu_join(dir, sizeof dir, tmp, "empty");
    assert_int_equal(mkdir(dir, 0777), 0);
    expect_bad_dir(dir, "not a sparecap plan directory (no manifest.json, no plan.json)");
    expect_bad_dir("/nonexistent/plan", "not a sparecap plan directory");
    /* Manifests that are not one. */
    static const char *const BAD[][2] = {
        {"{\"sparecap\":\"0.1.0\",", "manifest.json:1:"},
        {"[]", "manifest.json: not a sparecap manifest: no \"sparecap\" version"},
        {"{\"sparecap\":\"0.1.0\",\"view\":\"host\",\"scenario\":{\"name\":\"x\"}}",
         "not a sparecap manifest: no \"files\" list"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        char name[32];
        snprintf(name, sizeof name, "badman%zu", i);
        copy_base(dir, sizeof dir, name);
        tu_write(dir, "manifest.json", BAD[i][0]);
        expect_bad_dir(dir, BAD[i][1]);
    }
    /* A manifest that is one, but says another thing than the files. */
    static const char *const EDITS[][3] = {
        {"\"weeks\":8", "\"weeks\":9",
         "manifest.json: the plan was made from another scenario: "
         "its horizon is 9 weeks"},
        {"{\"name\":\"plan.json\",\"size\":", "{\"name\":\"plan.json\",\"size\":1", "plan.json: "},
        {"\"sha256\":\"", "\"sha256\":\"x", "files[0] needs a name, a size in bytes and a sha256"},
        {"{\"line\":\"E1\",\"per_day\":[33,", "{\"line\":\"E1\",\"per_day\":[34,",
         "sequences.csv: line-day E1 2026-08-31 has 33 cars, the manifest counts 34"},
        {"{\"brand\":\"Alpha\",\"orders\":", "{\"brand\":\"Alpha\",\"orders\":1",
         "plan.json: 1120 orders of brand Alpha, the manifest counts 11120"},
        {"{\"line\":\"E1\"", "{\"line\":\"E9\"", "line 'E9' is not in the scenario"},
        {"\"name\":\"late.csv\"", "\"name\":\"../late.csv\"", "files["},
    };
    for (size_t i = 0; i < sizeof EDITS / sizeof *EDITS; i++) {
        char name[32];
        snprintf(name, sizeof name, "editman%zu", i);
        copy_base(dir, sizeof dir, name);
        edit(dir, "manifest.json", EDITS[i][0], EDITS[i][1]);
        expect_bad_dir(dir, EDITS[i][2]);
    }
}

/* Every error of plan.json and sequences.csv, each file edited and its
** manifest rewritten to match: the reader still refuses, naming the file,
** the line and what is wrong. */
static void test_edits_rehashed(void **state) {
    (void)state;
    static const char *const EDITS[][4] = {
        {"plan.json", "\"name\":\"replan test network\"", "\"name\":\"another network\"",
         "plan.json:3: the plan was made from another scenario: 'another network', not 'replan "
         "test network'"},
        {"plan.json", "\"weeks\":8", "\"weeks\":9",
         "its horizon is 9 weeks from 2026-W36, the scenario's 8 weeks"},
        {"plan.json", "\"line\":\"W1\",", "\"line\":\"W9\",", "line 3 is 'W9', not 'W1'"},
        {"plan.json", "\"view\":\"host\",", "\"vue\":\"host\",",
         "plan.json: not a sparecap plan: no \"view\""},
        {"plan.json", "\"view\":\"host\",", "\"view\":{\"brand\":\"Beta\"},",
         "plan.json:2: the plan was written for brand Beta; a replan needs the host's full view"},
        {"plan.json", "\"first_week\":\"2026-W36\",", "\"first\":\"2026-W36\",",
         "\"scenario\" lacks its name, first week or weeks"},
        {"plan.json", "\"seed\":1,", "\"seed\":\"one\",",
         "\"parameters\" lacks seed, effort_per_car, min_effort or mip_nodes"},
        {"plan.json", "\"lines\":[\n{\"plant\"", "\"lines\":[\n{\"line\":\"E0\"},\n{\"plant\"",
         "it has 4 lines, the scenario 3"},
        {"plan.json", "\"line\":\"E1\",\"rate\":6.0,\"hours\":8.0,\"slots_per_day\":48,",
         "\"line\":\"E1\",\"rate\":6.0,\"hours\":8.0,\"slots_per_day\":47,",
         "line 'E1' has 47 slots per day, the scenario 48"},
        {"plan.json", "\"parameters\":", "\"scenario\":1,\"parameters\":",
         "not a sparecap plan: \"scenario\" comes twice"},
        {"plan.json", "{\"sparecap\"", "[{\"sparecap\"", "plan.json:1: not a sparecap plan"},
        {"plan.json", "\"sequence\":[\"", "\"sequence\":[\"X", "position 1: car 'X"},
        {"plan.json", "\"status\":\"on_time\",\"line\":\"", "\"status\":\"on_time\",\"line\":\"E",
         "is not one of the scenario's: the plan was made from another scenario"},
        {"plan.json", "\"position\":1}", "\"position\":2}", "in sequences.csv on "},
        {"plan.json", "\"id\":\"A-00001\"", "\"id\":\"A-00099999\"",
         "order 'A-00099999' is not one of the scenario's orders"},
        {"sequences.csv", ",A-00001,", ",Z-99999,",
         "order 'Z-99999' is not one of the scenario's orders: the plan was made from other "
         "orders"},
        {"sequences.csv", ",A-00001,Alpha,Alpha One,", ",A-00001,Alpha,Alpha Two,",
         "order 'A-00001' is not the same car in the scenario's orders"},
        {"sequences.csv", "\nE2,", "\nE7,", "line 'E7' is not in the scenario"},
        {"sequences.csv", "line,date,position", "line,day,position",
         "sequences.csv:1: not a sparecap plan: expected the header"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-09-01,1,", "positions must run 1 to"},
        {"sequences.csv", ",2026-09-01,", ",2025-09-01,",
         "date 2025-09-01 is outside the scenario's horizon"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-9-01,2,",
         "date: expected YYYY-MM-DD, got '2026-9-01'"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-09-01,two,",
         "position: expected a whole number from 1, got 'two'"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-09-01,",
         "expected 8 fields (line,date,...), got 7"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-09-01,2,x,",
         "expected 8 fields (line,date,...), got 9"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-09-01,2,x,y,", "more than 8 fields"},
        {"sequences.csv", ",2026-09-01,2,", ",2026-09-01,2\",", "malformed CSV"},
        {"sequences.csv", ",A-00001,Alpha,Alpha One,", ",A-00001,Beta,Alpha One,",
         "brand 'Beta' does not make model 'Alpha One' in the scenario"},
        {"sequences.csv", ",A-00001,Alpha,Alpha One,", ",A-00001,Alpha,Alpha Nine,",
         "model 'Alpha Nine' is not in the scenario"},
        {"sequences.csv", ",A-00001,Alpha,Alpha One,Alpha White,", ",A-00001,Alpha,Alpha One,Pink,",
         "colour 'Pink' is not in the scenario"},
        {"sequences.csv", ",A-00001,Alpha,Alpha One,Alpha White,TOW",
         ",A-00001,Alpha,Alpha One,Alpha White,WINGS", "option 'WINGS' is not in the scenario"},
    };
    char dir[4200];
    for (size_t i = 0; i < sizeof EDITS / sizeof *EDITS; i++) {
        char name[32];
        snprintf(name, sizeof name, "edit%zu", i);
        copy_base(dir, sizeof dir, name);
        edit(dir, EDITS[i][0], EDITS[i][1], EDITS[i][2]);
        rehash(dir, EDITS[i][0]);
        expect_bad_dir(dir, EDITS[i][3]);
    }
    /* The catch-up value of an earlier replan that is not one. */
    {
        sc_baseline *b = read_ok(base_dir);
        tu_join(dir, sizeof dir, tmp, "badvalue");
        sc_plan *pl = replan_write(b, EAST, dir);
        sc_plan_free(pl);
        sc_baseline_free(b);
        edit(dir, "plan.json", "\"host_catch_up\":{\"value\":0", "\"host_catch_up\":{\"value\":-2");
        rehash(dir, "plan.json");
        expect_bad_dir(
            dir, "not a sparecap plan: \"host_catch_up\" value is not a number from 0 to 1e9");
    }
    /* sequences.csv empty, a car twice, an open quote at the end. */
    copy_base(dir, sizeof dir, "emptyseq");
    tu_write_bytes(dir, "sequences.csv", "", 0);
    rehash(dir, "sequences.csv");
    expect_bad_dir(dir, "not a sparecap plan: empty sequences.csv");
    copy_base(dir, sizeof dir, "twice");
    append(dir, "sequences.csv", ",A-00001,", NULL);
    rehash(dir, "sequences.csv");
    expect_bad_dir(dir, "order 'A-00001' is planned twice");
    copy_base(dir, sizeof dir, "openquote");
    append(dir, "sequences.csv", NULL, "E1,\"2026-09-01");
    rehash(dir, "sequences.csv");
    expect_bad_dir(dir, "malformed CSV at the end");
    copy_base(dir, sizeof dir, "trailing");
    append(dir, "plan.json", NULL, "{}");
    rehash(dir, "plan.json");
    expect_bad_dir(dir, "plan.json:");
    expect_bad_dir(dir, "not a sparecap plan: data after the plan's object");
}

/* ------------------------------------------------------------ accepted */

/* plan.json pretty-printed (and its manifest rewritten): the same baseline,
** and the same replan, file for file. */
static void test_pretty(void **state) {
    (void)state;
    char dir[4200], path[4300], r1[4200], r2[4200];
    copy_base(dir, sizeof dir, "pretty");
    json_error_t je;
    json_t *j = json_load_file(tu_join(path, sizeof path, dir, "plan.json"), 0, &je);
    assert_non_null(j);
    assert_int_equal(
        json_dump_file(j, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)), 0);
    json_decref(j);
    size_t n;
    char *text = tu_slurp(path, &n);
    assert_non_null(strstr(text, "{\n  \"sparecap\": \"" SC_VERSION "\",\n  \"view\": \"host\""));
    free(text);
    rehash(dir, "plan.json");
    sc_baseline *a = read_ok(base_dir), *b = read_ok(dir);
    same_baseline(a, b);
    sc_plan *p1 = replan_write(a, EAST, tu_join(r1, sizeof r1, tmp, "pretty-r1"));
    sc_plan *p2 = replan_write(b, EAST, tu_join(r2, sizeof r2, tmp, "pretty-r2"));
    same_files(r1, r2);
    sc_plan_free(p1);
    sc_plan_free(p2);
    sc_baseline_free(a);
    sc_baseline_free(b);
}

/* From buffers: the same baseline as from the directory; each file given
** is checked, an unknown one or a missing one named. */
static void test_buffers(void **state) {
    (void)state;
    static const char *const NAMES[] = {"manifest.json", "plan.json", "sequences.csv",
                                        "report.html"};
    sc_plan_file f[5];
    char path[4300];
    for (size_t i = 0; i < 4; i++) {
        f[i].name = NAMES[i];
        f[i].data = tu_slurp(tu_join(path, sizeof path, base_dir, NAMES[i]), &f[i].len);
    }
    sc_plan_files files = {f, 4, NULL};
    sc_baseline *a = read_ok(base_dir), *b;
    sc_diag d;
    assert_int_equal(sc_baseline_parse(&files, sc, &b, &d), SC_OK);
    same_baseline(a, b);
    sc_baseline_free(b);
    files.count = 3; /* the three a replan reads are enough */
    assert_int_equal(sc_baseline_parse(&files, sc, &b, &d), SC_OK);
    same_baseline(a, b);
    sc_baseline_free(b);
    sc_baseline_free(a);
    /* A file the manifest does not list. */
    f[4] = (sc_plan_file){"notes.txt", "x", 1};
    sc_plan_files more = {f, 5, "body"};
    assert_int_equal(sc_baseline_parse(&more, sc, &b, &d), SC_EINVAL);
    assert_null(b);
    assert_string_equal(d.file, "body/notes.txt");
    assert_true(tu_contains(d.msg, "not in the manifest"));
    /* No plan.json, no manifest. */
    sc_plan_file two[2] = {f[0], f[2]};
    sc_plan_files no_json = {two, 2, NULL};
    assert_int_equal(sc_baseline_parse(&no_json, sc, &b, &d), SC_EINVAL);
    assert_string_equal(d.file, "plan.json");
    assert_true(tu_contains(d.msg, "missing"));
    sc_plan_files no_manifest = {f + 1, 2, NULL};
    assert_int_equal(sc_baseline_parse(&no_manifest, sc, &b, &d), SC_EINVAL);
    assert_string_equal(d.file, "manifest.json");
    /* A byte changed in a buffer the replan does not read. */
    char *html = (char *)f[3].data;
    html[10] ^= 1;
    assert_int_equal(sc_baseline_parse(&files, sc, &b, &d), SC_OK); /* not given: not checked */
    sc_baseline_free(b);
    files.count = 4;
    assert_int_equal(sc_baseline_parse(&files, sc, &b, &d), SC_EINVAL);
    assert_string_equal(d.file, "report.html");
    assert_true(tu_contains(d.msg, "its SHA-256 is not the manifest's"));
    for (size_t i = 0; i < 4; i++)
        free((void *)f[i].data);
}

/* A plan held in memory and its directory give the same baseline, and the
** same replan, every file byte for byte; so does a replan of a replan. */
static void test_from_plan(void **state) {
    (void)state;
    char r1[4200], r2[4200], s1[4200], s2[4200];
    sc_baseline *mem, *disk = read_ok(base_dir);
    sc_diag d;
    assert_int_equal(sc_baseline_from_plan(base_plan, sc, &mem, &d), SC_OK);
    same_baseline(mem, disk);
    sc_plan *p1 = replan_write(mem, EAST, tu_join(r1, sizeof r1, tmp, "mem-r"));
    sc_plan *p2 = replan_write(disk, EAST, tu_join(r2, sizeof r2, tmp, "disk-r"));
    same_files(r1, r2);
    sc_baseline_free(mem);
    sc_baseline_free(disk);
    /* The replan as a baseline: its outages and catch-up value too. */
    static const sc_span WEST[] = {{"W1", "2026-10-12", "2026-10-14"}};
    assert_int_equal(sc_baseline_from_plan(p1, sc, &mem, &d), SC_OK);
    disk = read_ok(r2);
    assert_int_equal(mem->noutages, 1);
    same_baseline(mem, disk);
    sc_plan *q1 = replan_write(mem, WEST, tu_join(s1, sizeof s1, tmp, "mem-s"));
    sc_plan *q2 = replan_write(disk, WEST, tu_join(s2, sizeof s2, tmp, "disk-s"));
    same_files(s1, s2);
    sc_plan_free(q1);
    sc_plan_free(q2);
    sc_plan_free(p1);
    sc_plan_free(p2);
    sc_baseline_free(mem);
    sc_baseline_free(disk);
}

/* ------------------------------------------------------------ out of memory */

typedef struct oom_ctx {
    const sc_plan_files *files;
} oom_ctx;

static sc_status parse_op(void *ctx) {
    oom_ctx *c = ctx;
    sc_baseline *b = (sc_baseline *)1;
    sc_diag d;
    sc_status st = sc_baseline_parse(c->files, sc, &b, &d);
    if (st) assert_null(b);
    sc_baseline_free(b);
    return st;
}

/* Every allocation of a read from buffers fails in turn: SC_ENOMEM. */
static void test_out_of_memory(void **state) {
    (void)state;
    static const char *const NAMES[] = {"manifest.json", "plan.json", "sequences.csv"};
    sc_plan_file f[3];
    char path[4300];
    for (size_t i = 0; i < 3; i++) {
        f[i].name = NAMES[i];
        f[i].data = tu_slurp(tu_join(path, sizeof path, base_dir, NAMES[i]), &f[i].len);
    }
    sc_plan_files files = {f, 3, NULL};
    oom_ctx c = {&files};
    assert_true(tu_oom_walk("sc_baseline_parse", parse_op, &c) > 10);
    for (size_t i = 0; i < 3; i++)
        free((void *)f[i].data);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manifest),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_edited_byte),
        cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_missing_and_extra),
        cmocka_unit_test(test_edits_rehashed),
        cmocka_unit_test(test_pretty),
        cmocka_unit_test(test_buffers),
        cmocka_unit_test(test_from_plan),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
