/*
** A plan's results in memory (sc_view, include/sparecap/plan.h): through the
** public API alone, each view's ledger, allocation and line-day cars are
** the rows of the CSV files that view writes, and a guest's view holds no
** car of another brand; the same view sent to a sink is its files.
*/
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends a formatted line to the growing text '*t' (of '*len' bytes). */
static void add(char **t, size_t *len, size_t *cap, const char *line) {
    size_t n = strlen(line);
    if (*len + n + 1 > *cap) {
        *cap = 2 * (*len + n + 1);
        *t = realloc(*t, *cap);
        assert_non_null(*t);
    }
    memcpy(*t + *len, line, n + 1);
    *len += n;
}

/* The view of 'brand' in memory against its directory 'dir'. */
static void check_view(const sc_scenario *sc, const sc_plan *pl, const char *brand,
                       const char *dir) {
    sc_view *v;
    sc_diag d;
    assert_int_equal(sc_view_new(pl, brand, &v, &d), SC_OK);
    assert_true(sc_view_is_host(v) == (brand == NULL));
    char path[4300], line[2000];
    char *t = NULL;
    size_t len = 0, cap = 0;

    /* ledger.csv: every line-week of the lines in the view. */
    add(&t, &len, &cap,
        brand ? "plant,line,week,working_days,capacity,others,own,spare,utilisation\n"
              : "plant,line,week,working_days,capacity,host,guest,spare,utilisation\n");
    for (size_t l = 0; l < sc_scenario_nlines(sc); l++)
        for (size_t w = 0; w < sc_scenario_nweeks(sc); w++) {
            sc_ledger_row r;
            if (!sc_view_line_shown(v, l)) {
                assert_int_equal(sc_view_ledger(v, l, w, &r), SC_EINVAL);
                continue;
            }
            assert_int_equal(sc_view_ledger(v, l, w, &r), SC_OK);
            snprintf(line, sizeof line, "%s,%s,%s,%d,%lld,%lld,%lld,%lld,%.3f\n", r.plant, r.line,
                     r.week, r.working_days, (long long)r.capacity, (long long)r.others,
                     (long long)r.own, (long long)r.spare,
                     r.capacity ? (double)(r.others + r.own) / (double)r.capacity : 0.0);
            add(&t, &len, &cap, line);
        }
    char *file = tu_slurp(tu_join(path, sizeof path, dir, "ledger.csv"), NULL);
    assert_string_equal(t, file);
    free(file);

    /* allocation.csv */
    len = 0;
    add(&t, &len, &cap, "brand,model,line,week,allocated,slotted\n");
    size_t na = sc_view_nallocations(v);
    for (size_t i = 0; i < na; i++) {
        sc_allocation_row r;
        assert_int_equal(sc_view_allocation(v, i, &r), SC_OK);
        if (brand) assert_string_equal(r.brand, brand);
        snprintf(line, sizeof line, "%s,%s,%s,%s,%d,%d\n", r.brand, r.model, r.line, r.week,
                 r.allocated, r.slotted);
        add(&t, &len, &cap, line);
    }
    sc_allocation_row ar;
    assert_int_equal(sc_view_allocation(v, na, &ar), SC_EINVAL);
    file = tu_slurp(tu_join(path, sizeof path, dir, "allocation.csv"), NULL);
    assert_string_equal(t, file);
    free(file);

    /* sequences.csv: the viewer's cars of every line-day, in order. */
    len = 0;
    add(&t, &len, &cap, "line,date,position,order_id,brand,model,colour,options\n");
    size_t cars = 0;
    for (size_t k = 0; k < sc_view_ndays(v); k++) {
        sc_day day;
        assert_int_equal(sc_view_day(v, k, &day), SC_OK);
        size_t n = sc_view_day_cars(v, k, NULL, 0);
        assert_int_equal(n, day.own);
        sc_day_car *c = calloc(n + 1, sizeof *c);
        assert_non_null(c);
        assert_int_equal(sc_view_day_cars(v, k, c, n), n);
        for (size_t i = 0; i < n; i++) {
            if (brand) assert_string_equal(c[i].brand, brand);
            assert_true(i == 0 || c[i].position > c[i - 1].position);
            snprintf(line, sizeof line, "%s,%s,%u,%s,%s,%s,%s,%s\n", day.line, day.date,
                     c[i].position, c[i].id, c[i].brand, c[i].model, c[i].colour, c[i].options);
            add(&t, &len, &cap, line);
        }
        cars += n;
        free(c);
    }
    assert_true(cars > 0);
    file = tu_slurp(tu_join(path, sizeof path, dir, "sequences.csv"), NULL);
    assert_string_equal(t, file);
    free(file);
    free(t);
    sc_view_free(v);
}

/* A sink that keeps every file in memory; 'fail_at' > 0 refuses that write. */
typedef struct mem_sink {
    char name[16][64];
    char *data[16];
    size_t len[16], cap[16];
    size_t n, writes, fail_at;
    bool open;
} mem_sink;

static int mem_open(void *user, const char *name) {
    mem_sink *m = user;
    assert_false(m->open);
    assert_true(m->n < 16);
    snprintf(m->name[m->n], sizeof m->name[m->n], "%s", name);
    m->open = true;
    return 0;
}

static int mem_write(void *user, const void *buf, size_t len) {
    mem_sink *m = user;
    assert_true(m->open);
    if (m->fail_at && ++m->writes == m->fail_at) return -1;
    size_t k = m->n;
    if (m->len[k] + len > m->cap[k]) {
        m->cap[k] = 2 * (m->len[k] + len);
        m->data[k] = realloc(m->data[k], m->cap[k]);
        assert_non_null(m->data[k]);
    }
    memcpy(m->data[k] + m->len[k], buf, len);
    m->len[k] += len;
    return 0;
}

static int mem_close(void *user) {
    mem_sink *m = user;
    assert_true(m->open);
    m->open = false;
    m->n++;
    return 0;
}

static void mem_free(mem_sink *m) {
    for (size_t i = 0; i < 16; i++)
        free(m->data[i]);
    memset(m, 0, sizeof *m);
}

/*
** The files of a view sent to a sink are those of its directory, byte for
** byte (all of them for a guest, the manifest included; for the host all
** but the manifest, whose directory also lists the copies of the inputs),
** manifest.json last; a baseline reads from them as from the directory; a
** sink that stops takes the writing down with it.
*/
static void check_sink(const sc_scenario *sc, const sc_plan *pl, const char *brand,
                       const char *dir) {
    mem_sink m;
    memset(&m, 0, sizeof m);
    sc_plan_sink sink = {mem_open, mem_write, mem_close, &m};
    sc_diag d;
    assert_int_equal(sc_plan_write_sink(pl, brand, &sink, &d), SC_OK);
    assert_true(m.n >= 8);
    assert_string_equal(m.name[m.n - 1], "manifest.json");
    char path[4300];
    for (size_t i = 0; i < m.n; i++) {
        if (!brand && !strcmp(m.name[i], "manifest.json")) continue;
        size_t n;
        char *file = tu_slurp(tu_join(path, sizeof path, dir, m.name[i]), &n);
        assert_int_equal(n, m.len[i]);
        assert_memory_equal(file, m.data[i], n);
        free(file);
    }
    if (!brand) { /* the host's files, sent over: a baseline */
        sc_plan_file f[16];
        for (size_t i = 0; i < m.n; i++)
            f[i] = (sc_plan_file){m.name[i], m.data[i], m.len[i]};
        sc_plan_files files = {f, m.n, "sent"};
        sc_baseline *b;
        sc_status st = sc_baseline_parse(&files, sc, &b, &d);
        if (st) fprintf(stderr, "%s\n", d.msg);
        assert_int_equal(st, SC_OK);
        sc_baseline_free(b);
    }
    mem_free(&m);
    m.fail_at = 3;
    assert_int_equal(sc_plan_write_sink(pl, brand, &sink, &d), SC_EIO);
    assert_true(tu_contains(d.msg, "the sink did not take it"));
    mem_free(&m);
}

static void test_views_as_files(void **state) {
    (void)state;
    sc_scenario_gen_params gp;
    sc_scenario_gen_defaults(&gp);
    gp.plants = 2;
    gp.lines = 1;
    gp.weeks = 4;
    gp.seed = 5;
    sc_scenario *sc;
    sc_diag d;
    assert_int_equal(sc_scenario_gen(&gp, &sc, &d), SC_OK);
    sc_plan_params p;
    sc_plan_defaults(&p);
    p.effort_per_car = 2;
    p.min_effort = 200;
    p.mip_nodes = 200;
    sc_plan *pl;
    assert_int_equal(sc_plan_run(sc, &p, &pl, &d), SC_OK);
    char *tmp = tu_tmpdir(), dir[4200];
    for (size_t b = 0; b <= sc_scenario_nbrands(sc); b++) {
        const char *brand = b < sc_scenario_nbrands(sc) && !sc_scenario_brand_is_host(sc, b)
                                ? sc_scenario_brand_name(sc, b)
                                : NULL;
        if (!brand && b < sc_scenario_nbrands(sc)) continue; /* the host: once, as NULL */
        tu_join(dir, sizeof dir, tmp, brand ? brand : "host");
        assert_int_equal(sc_plan_write(pl, dir, brand, &d), SC_OK);
        check_view(sc, pl, brand, dir);
        check_sink(sc, pl, brand, dir);
    }
    sc_view *v = (sc_view *)1;
    assert_int_equal(sc_view_new(pl, "Nobody", &v, &d), SC_EINVAL);
    assert_null(v);
    sc_view_free(NULL);
    sc_plan_free(pl);
    sc_scenario_free(sc);
    tu_tmpdir_free(tmp);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_views_as_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
