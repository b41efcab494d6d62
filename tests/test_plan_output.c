/*
** The plan's outputs (src/io/plan_write.c, src/report/report.c): the files
** listed, atomic replacement, the same input and seed giving the same files
** with any number of threads, a brand's view holding no record of another
** brand, and scenarios written and read back unchanged.
*/
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SMALL SC_TEST_DATA "/plan/small"

static const char *const FILES[] = {
    "plan.json",     "ledger.csv",  "allocation.csv", "sequences.csv", "late.csv",
    "unplanned.csv", "report.html", "scenario.json",  "orders.csv",    "manifest.json"};
#define NFILES (sizeof FILES / sizeof *FILES)

static sc_scenario *read_small(void) {
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_read(SMALL "/scenario.json", &sc, &dl), SC_OK);
    assert_int_equal(sc_scenario_read_orders(sc, SMALL "/orders.csv", &dl), SC_OK);
    return sc;
}

static sc_plan *run(const sc_scenario *sc, int threads, uint64_t seed) {
    sc_plan_params p;
    sc_plan_defaults(&p);
    p.threads = threads;
    p.seed = seed;
    sc_plan *pl;
    sc_diag d;
    assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
    return pl;
}

/* Reads a whole file; NULL when it cannot. */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *q = realloc(b, 2 * cap + 1);
            if (!q) {
                free(b);
                b = NULL;
                break;
            }
            b = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (b) b[n] = '\0';
    if (len) *len = n;
    return b;
}

/* Entries of directory 'dir' whose name starts with 'prefix'. */
static size_t count_entries(const char *dir, const char *prefix) {
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            !strncmp(e->d_name, prefix, strlen(prefix)))
            n++;
    closedir(dp);
    return n;
}

static void expect_same_files(const char *a, const char *b) {
    char pa[4096], pb[4096];
    for (size_t i = 0; i < NFILES; i++) {
        size_t la, lb;
        char *x = slurp(tu_join(pa, sizeof pa, a, FILES[i]), &la);
        char *y = slurp(tu_join(pb, sizeof pb, b, FILES[i]), &lb);
        assert_non_null(x);
        assert_non_null(y);
        if (la != lb || memcmp(x, y, la)) print_error("%s differs\n", FILES[i]);
        assert_int_equal(la, lb);
        assert_memory_equal(x, y, la);
        free(x);
        free(y);
    }
}

/* Same input and seed: the same files, whatever the number of threads. */
static void test_same_input_same_plan(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    char a[4096], b[4096], c[4096];
    sc_scenario *sc = read_small();
    sc_diag d;
    sc_plan *p1 = run(sc, 1, 7);
    sc_plan *p2 = run(sc, 3, 7);
    assert_int_equal(sc_plan_write(p1, tu_join(a, sizeof a, tmp, "one"), NULL, &d), SC_OK);
    assert_int_equal(sc_plan_write(p2, tu_join(b, sizeof b, tmp, "two"), NULL, &d), SC_OK);
    expect_same_files(a, b);
    /* Another seed gives other sequences. */
    sc_plan *p3 = run(sc, 1, 8);
    assert_int_equal(sc_plan_write(p3, tu_join(c, sizeof c, tmp, "three"), NULL, &d), SC_OK);
    char pa[4096], pc[4096];
    char *x = slurp(tu_join(pa, sizeof pa, a, "sequences.csv"), NULL);
    char *y = slurp(tu_join(pc, sizeof pc, c, "sequences.csv"), NULL);
    assert_non_null(x);
    assert_non_null(y);
    assert_true(strcmp(x, y) != 0);
    free(x);
    free(y);
    sc_plan_free(p1);
    sc_plan_free(p2);
    sc_plan_free(p3);
    sc_scenario_free(sc);
    tu_tmpdir_free(tmp);
}

/* The files, their headers, plan.json as JSON; replacing a plan; refusing
** to touch anything that is not a plan; no temporary left behind. */
static void test_atomic_output(void **state) {
    (void)state;
    char *tmp = tu_tmpdir();
    char dir[4096], path[4096];
    sc_scenario *sc = read_small();
    sc_plan *pl = run(sc, 1, 1);
    sc_diag d = {0};
    tu_join(dir, sizeof dir, tmp, "plan");
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    assert_int_equal(count_entries(dir, ""), NFILES);
    for (size_t i = 0; i < NFILES; i++) {
        struct stat sb;
        assert_int_equal(stat(tu_join(path, sizeof path, dir, FILES[i]), &sb), 0);
        assert_true(sb.st_size > 0);
    }
    assert_int_equal(count_entries(tmp, ""), 1); /* nothing beside it */
    json_error_t je;
    json_t *j = json_load_file(tu_join(path, sizeof path, dir, "plan.json"), 0, &je);
    if (!j) print_error("plan.json:%d:%d: %s\n", je.line, je.column, je.text);
    assert_non_null(j);
    assert_true(json_is_object(json_object_get(j, "kpis")));
    assert_int_equal(json_array_size(json_object_get(j, "orders")), sc_scenario_norders(sc));
    assert_true(json_array_size(json_object_get(j, "line_days")) == sc_plan_ndays(pl));
    json_decref(j);
    char *h = slurp(tu_join(path, sizeof path, dir, "ledger.csv"), NULL);
    assert_non_null(h);
    assert_true(tu_contains(h,
                            "plant,line,week,working_days,capacity,host,guest,spare,utilisation\n"
                            "North,N1,2026-W10,5,400,"));
    free(h);
    h = slurp(tu_join(path, sizeof path, dir, "report.html"), NULL);
    assert_non_null(h);
    assert_true(tu_contains(h, "<svg"));
    assert_false(strstr(h, "<script") || strstr(h, "http://") || strstr(h, "https://") ||
                 strstr(h, "@import") || strstr(h, "url(http"));
    free(h);

    /* Written again: replaced whole, nothing left beside it. */
    tu_write(dir, "plan.json", "old");
    assert_int_equal(sc_plan_write(pl, dir, NULL, &d), SC_OK);
    h = slurp(tu_join(path, sizeof path, dir, "plan.json"), NULL);
    assert_non_null(h);
    assert_true(strncmp(h, "old", 3) != 0);
    free(h);
    assert_int_equal(count_entries(tmp, ""), 1);

    /* A directory that holds something else is not touched. */
    char other[4096];
    tu_join(other, sizeof other, tmp, "mine");
    assert_int_equal(mkdir(other, 0777), 0);
    tu_write(other, "notes.txt", "keep me");
    assert_int_equal(sc_plan_write(pl, other, NULL, &d), SC_EIO);
    assert_true(tu_contains(d.msg, "not a plan directory"));
    assert_int_equal(count_entries(other, ""), 1);
    /* Nor a file; nor is anything made where the parent is missing. */
    tu_write(tmp, "afile", "x");
    assert_int_equal(sc_plan_write(pl, tu_join(path, sizeof path, tmp, "afile"), NULL, &d), SC_EIO);
    h = slurp(path, NULL);
    assert_string_equal(h, "x");
    free(h);
    assert_int_not_equal(
        sc_plan_write(pl, tu_join(path, sizeof path, tmp, "no/such/dir"), NULL, &d), SC_OK);
    /* An unknown brand fails before anything is written. */
    assert_int_equal(sc_plan_write(pl, dir, "Nobody", &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "no brand called 'Nobody'"));
    assert_int_equal(count_entries(tmp, "plan"), 1);
    assert_int_equal(count_entries(tmp, "mine."), 0);
    sc_plan_free(pl);
    sc_scenario_free(sc);
    tu_tmpdir_free(tmp);
}

/*
** A brand's view. The host ("HostCo") builds "Secret Saloon" with the
** option "HOSTONLY_OPT" in "Hostly Crimson"; another guest ("Rival") builds
** "Rival Roadster" in "Rival Teal"; the viewer ("Mine") builds "Mine Hatch".
** None of the others' names, colours, options or ids may appear in any
** file of Mine's view; Mine's own must.
*/
static const char VIEW[] =
    "{\"name\": \"view test\", \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 2},\n"
    " \"plants\": [{\"name\": \"Works\", \"lines\": [\n"
    "   {\"name\": \"Shared 1\", \"rate\": 10, \"shifts\": [6],\n"
    "    \"rules\": [{\"option\": \"HOSTONLY_OPT\", \"n\": 1, \"p\": 2}, {\"option\": \"ROOF\", "
    "\"n\": 1, \"p\": 3}],\n"
    "    \"spread\": {\"brand\": \"Rival\", \"n\": 1, \"p\": 2}},\n"
    "   {\"name\": \"Shared 2\", \"rate\": 10, \"shifts\": [6]}]}],\n"
    " \"brands\": [{\"name\": \"HostCo\", \"role\": \"host\"},\n"
    "   {\"name\": \"Mine\", \"role\": \"guest\", \"contract\": {\"min_per_week\": 20}},\n"
    "   {\"name\": \"Rival\", \"role\": \"guest\", \"contract\": {\"min_per_week\": 20}}],\n"
    " \"models\": [\n"
    "   {\"name\": \"Secret Saloon\", \"brand\": \"HostCo\", \"lines\": [\"Shared 1\", \"Shared "
    "2\"],\n"
    "    \"options\": {\"HOSTONLY_OPT\": 0.4, \"ROOF\": 0.2}, \"colours\": [\"Hostly Crimson\"]},\n"
    "   {\"name\": \"Mine Hatch\", \"brand\": \"Mine\", \"lines\": [\"Shared 1\"],\n"
    "    \"options\": {\"ROOF\": 0.3}, \"colours\": [\"Mine Yellow\"]},\n"
    "   {\"name\": \"Rival Roadster\", \"brand\": \"Rival\", \"lines\": [\"Shared 1\", \"Shared "
    "2\"],\n"
    "    \"options\": {\"ROOF\": 0.3}, \"colours\": [\"Rival Teal\"]}],\n"
    " \"demand\": [{\"model\": \"Secret Saloon\", \"per_week\": 200}]}\n";

static void test_brand_view(void **state) {
    (void)state;
    sc_diag_list dl;
    sc_scenario *sc;
    assert_int_equal(sc_scenario_parse(VIEW, strlen(VIEW), "view.json", &sc, &dl), SC_OK);
    char csv[8192];
    size_t n = (size_t)snprintf(csv, sizeof csv,
                                "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < 40; i++) {
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "MN-%03d,Mine,Mine Hatch,Mine Yellow,%s,"
                              "2026-W10,2026-W11\n",
                              i, i % 3 ? "" : "ROOF");
        n += (size_t)snprintf(csv + n, sizeof csv - n,
                              "RV-%03d,Rival,Rival Roadster,Rival Teal,%s,"
                              "2026-W10,2026-W11\n",
                              i, i % 4 ? "" : "ROOF");
    }
    assert_int_equal(sc_scenario_parse_orders(sc, csv, n, "view.csv", &dl), SC_OK);
    sc_plan *pl = run(sc, 2, 1);
    char *tmp = tu_tmpdir();
    char host[4096], mine[4096], path[4096];
    sc_diag d;
    assert_int_equal(sc_plan_write(pl, tu_join(host, sizeof host, tmp, "host"), NULL, &d), SC_OK);
    assert_int_equal(sc_plan_write(pl, tu_join(mine, sizeof mine, tmp, "mine"), "Mine", &d), SC_OK);
    static const char *const FORBIDDEN[] = {
        "HostCo", "Secret Saloon", "HOSTONLY_OPT",  "Hostly Crimson",
        "Rival",  "RV-",           "Shared 1-2026", "Shared 2-2026", /* ids of the host's cars */
    };
    for (size_t f = 0; f < NFILES; f++) {
        char *text = slurp(tu_join(path, sizeof path, mine, FILES[f]), NULL);
        /* Only the host's full view keeps a copy of the plan's inputs. */
        if (!strcmp(FILES[f], "scenario.json") || !strcmp(FILES[f], "orders.csv")) {
            assert_null(text);
            continue;
        }
        assert_non_null(text);
        for (size_t k = 0; k < sizeof FORBIDDEN / sizeof *FORBIDDEN; k++)
            if (strstr(text, FORBIDDEN[k])) {
                print_error("%s of Mine's view holds '%s'\n", FILES[f], FORBIDDEN[k]);
                fail();
            }
        free(text);
        /* The host's view holds them all (the test would prove nothing
        ** otherwise). */
        text = slurp(tu_join(path, sizeof path, host, FILES[f]), NULL);
        assert_non_null(text);
        if (!strcmp(FILES[f], "sequences.csv") || !strcmp(FILES[f], "plan.json"))
            for (size_t k = 0; k < sizeof FORBIDDEN / sizeof *FORBIDDEN; k++)
                if (strcmp(FORBIDDEN[k], "Shared 2-2026") && strcmp(FORBIDDEN[k], "HOSTONLY_OPT"))
                    assert_true(tu_contains(text, FORBIDDEN[k]));
        free(text);
    }
    /* Mine sees its own orders, allocation and sequences. */
    char *text = slurp(tu_join(path, sizeof path, mine, "sequences.csv"), NULL);
    assert_true(tu_contains(text, "MN-000"));
    assert_true(tu_contains(text, "Mine Hatch"));
    free(text);
    text = slurp(tu_join(path, sizeof path, mine, "allocation.csv"), NULL);
    assert_true(tu_contains(text, "Mine,Mine Hatch,Shared 1,"));
    free(text);
    text = slurp(tu_join(path, sizeof path, mine, "ledger.csv"), NULL);
    assert_true(tu_contains(text, "plant,line,week,working_days,capacity,others,own,spare"));
    /* Only the lines Mine can build on. */
    assert_null(strstr(text, "Shared 2"));
    free(text);
    json_error_t je;
    json_t *j = json_load_file(tu_join(path, sizeof path, mine, "plan.json"), 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "orders")), 40);
    json_decref(j);
    sc_plan_free(pl);
    sc_scenario_free(sc);
    tu_tmpdir_free(tmp);
}

/* A scenario written and read back is the same scenario: written again, the
** same bytes; planned, the same plan. */
static void test_round_trip(void **state) {
    (void)state;
    sc_scenario_gen_params gp;
    sc_scenario_gen_defaults(&gp);
    gp.plants = 2;
    gp.lines = 3;
    gp.weeks = 2;
    gp.seed = 11;
    sc_scenario *a;
    sc_diag d;
    assert_int_equal(sc_scenario_gen(&gp, &a, &d), SC_OK);
    char *tmp = tu_tmpdir();
    char s1[4096], o1[4096], s2[4096], o2[4096], p1[4096], p2[4096];
    assert_int_equal(sc_scenario_write(a, tu_join(s1, sizeof s1, tmp, "s1.json"), &d), SC_OK);
    assert_int_equal(sc_scenario_write_orders(a, tu_join(o1, sizeof o1, tmp, "o1.csv"), &d), SC_OK);
    sc_diag_list dl;
    sc_scenario *b;
    assert_int_equal(sc_scenario_read(s1, &b, &dl), SC_OK);
    assert_int_equal(sc_scenario_read_orders(b, o1, &dl), SC_OK);
    assert_int_equal(sc_scenario_norders(b), sc_scenario_norders(a));
    assert_int_equal(sc_scenario_write(b, tu_join(s2, sizeof s2, tmp, "s2.json"), &d), SC_OK);
    assert_int_equal(sc_scenario_write_orders(b, tu_join(o2, sizeof o2, tmp, "o2.csv"), &d), SC_OK);
    char *x = slurp(s1, NULL), *y = slurp(s2, NULL);
    assert_string_equal(x, y);
    free(x);
    free(y);
    x = slurp(o1, NULL);
    y = slurp(o2, NULL);
    assert_string_equal(x, y);
    free(x);
    free(y);
    sc_plan *pa = run(a, 1, 3), *pb = run(b, 2, 3);
    assert_int_equal(sc_plan_write(pa, tu_join(p1, sizeof p1, tmp, "pa"), NULL, &d), SC_OK);
    assert_int_equal(sc_plan_write(pb, tu_join(p2, sizeof p2, tmp, "pb"), NULL, &d), SC_OK);
    /* The scenario's name differs by file, nothing else. */
    char f1[4096], f2[4096];
    x = slurp(tu_join(f1, sizeof f1, p1, "sequences.csv"), NULL);
    y = slurp(tu_join(f2, sizeof f2, p2, "sequences.csv"), NULL);
    assert_string_equal(x, y);
    free(x);
    free(y);
    sc_plan_free(pa);
    sc_plan_free(pb);
    sc_scenario_free(a);
    sc_scenario_free(b);
    tu_tmpdir_free(tmp);
}

/* What a plan's progress callback saw. */
typedef struct stages {
    char seen[8][16];
    int n;
    size_t last_done, total;
    bool done_ordered;
} stages;

static void on_progress(const sc_plan_progress *p, void *user) {
    stages *s = user;
    if (!s->n || strcmp(s->seen[s->n - 1], p->stage) != 0) {
        assert_true(s->n < 8);
        snprintf(s->seen[s->n++], sizeof s->seen[0], "%s", p->stage);
        s->last_done = 0;
    }
    if (p->done < s->last_done || p->done > p->total) s->done_ordered = false;
    s->last_done = p->done;
    s->total = p->total;
}

/* The stages come in order, each once; the line-days done never go back. */
static void test_progress(void **state) {
    (void)state;
    sc_scenario *sc = read_small();
    for (int threads = 1; threads <= 2; threads++) {
        stages s = {.done_ordered = true};
        sc_plan_params p;
        sc_plan_defaults(&p);
        p.threads = threads;
        p.progress = on_progress;
        p.user = &s;
        sc_plan *pl;
        sc_diag d;
        assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
        static const char *const WANT[] = {"ledger", "allocation", "slotting", "sequencing",
                                           "done"};
        assert_int_equal(s.n, 5);
        for (int k = 0; k < 5; k++)
            assert_string_equal(s.seen[k], WANT[k]);
        assert_true(s.done_ordered);
        sc_plan_kpis k;
        assert_int_equal(sc_plan_kpis_get(pl, NULL, &k, NULL), SC_OK);
        assert_int_equal(s.total, k.line_days);
        sc_plan_free(pl);
    }
    sc_scenario_free(sc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_input_same_plan),
        cmocka_unit_test(test_atomic_output),
        cmocka_unit_test(test_brand_view),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
