/*
** The model: the instance builder, its checks and accessors, the string
** pool, statuses and diagnostics.
*/
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "../src/model/model.h"

static sc_instance *new_instance(void) {
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_non_null(in);
    return in;
}

static void test_new_free(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_ncars(in), 0);
    assert_int_equal(sc_instance_noptions(in), 0);
    assert_int_equal(sc_instance_nrules(in), 0);
    assert_int_equal(sc_instance_ncolours(in), 0);
    assert_int_equal(sc_instance_nobjectives(in), 0);
    assert_int_equal(sc_instance_batch_limit(in), 0);
    assert_int_equal(sc_instance_format(in), SC_FORMAT_ROADEF);
    assert_int_equal(sc_instance_find_car(in, "x"), -1);
    sc_instance_free(in);
    sc_instance_free(NULL);
}

static void test_options(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_add_option(in, "SUNROOF"), 0);
    assert_int_equal(sc_instance_add_option(in, "TOWBAR"), 1);
    assert_int_equal(sc_instance_add_option(in, "SUNROOF"), SC_EINVAL);
    assert_int_equal(sc_instance_add_option(in, NULL), SC_EINVAL);
    assert_string_equal(sc_instance_option_name(in, 0), "SUNROOF");
    assert_string_equal(sc_instance_option_name(in, 1), "TOWBAR");
    /* Options are declared before the first car. */
    int col = sc_instance_colour(in, "white");
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "c1", col, NULL, 0, NULL, NULL), 0);
    assert_int_equal(sc_instance_add_option(in, "ABS"), SC_EINVAL);
    assert_int_equal(sc_instance_noptions(in), 2);
    sc_instance_free(in);
}

static void test_options_limit(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    char name[32];
    for (int o = 0; o < SC_MAX_OPTIONS; o++) {
        snprintf(name, sizeof name, "o%d", o);
        assert_int_equal(sc_instance_add_option(in, name), o);
    }
    assert_int_equal(sc_instance_add_option(in, "one too many"), SC_EINVAL);
    sc_instance_free(in);
}

static void test_rules(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    sc_rule r = {0, 2, 5, 1, true};
    assert_int_equal(sc_instance_add_rule(in, &r), 0);
    sc_rule got = sc_instance_rule(in, 0);
    assert_int_equal(got.option, 0);
    assert_int_equal(got.n, 2);
    assert_int_equal(got.p, 5);
    assert_int_equal(got.level, 1);
    assert_true(got.hard);
    const sc_rule bad[] = {
        {1, 1, 2, 0, false},  /* no such option */
        {-1, 1, 2, 0, false}, /* no such option */
        {0, 1, 0, 0, false},  /* P < 1 */
        {0, -1, 2, 0, false}, /* N < 0 */
        {0, 3, 2, 0, false},  /* N > P */
        {0, 1, 2, -1, false}, /* level < 0 */
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_int_equal(sc_instance_add_rule(in, &bad[k]), SC_EINVAL);
    /* N = P and N = 0 are fine. */
    sc_rule edge = {0, 3, 3, 0, false};
    assert_int_equal(sc_instance_add_rule(in, &edge), 1);
    edge.n = 0;
    assert_int_equal(sc_instance_add_rule(in, &edge), 2);
    assert_int_equal(sc_instance_nrules(in), 3);
    sc_instance_free(in);
}

static void test_rules_limit(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    sc_rule r = {0, 1, 2, 0, false};
    for (int k = 0; k < SC_MAX_RULES; k++)
        assert_int_equal(sc_instance_add_rule(in, &r), k);
    assert_int_equal(sc_instance_add_rule(in, &r), SC_EINVAL);
    sc_instance_free(in);
}

static void test_colours(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_colour(in, "red"), 0);
    assert_int_equal(sc_instance_colour(in, "blue"), 1);
    assert_int_equal(sc_instance_colour(in, "red"), 0);
    assert_int_equal(sc_instance_colour(in, ""), 2);
    assert_int_equal(sc_instance_ncolours(in), 3);
    assert_string_equal(sc_instance_colour_name(in, 0), "red");
    assert_string_equal(sc_instance_colour_name(in, 1), "blue");
    assert_string_equal(sc_instance_colour_name(in, 2), "");
    /* Many colours: the pool rehashes and the indices stay put. */
    char name[32];
    for (int c = 0; c < 500; c++) {
        snprintf(name, sizeof name, "c%d", c);
        assert_int_equal(sc_instance_colour(in, name), 3 + c);
    }
    for (int c = 0; c < 500; c++) {
        snprintf(name, sizeof name, "c%d", c);
        assert_int_equal(sc_instance_colour(in, name), 3 + c);
        assert_string_equal(sc_instance_colour_name(in, (size_t)(3 + c)), name);
    }
    sc_instance_free(in);
}

static void test_objectives(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    sc_objective o = {SC_OBJ_RATIO, 1, 10};
    for (int k = 0; k < SC_MAX_OBJECTIVES; k++)
        assert_int_equal(sc_instance_add_objective(in, &o), SC_OK);
    assert_int_equal(sc_instance_add_objective(in, &o), SC_EINVAL);
    /* More than three objectives: no ROADEF preset. */
    assert_int_equal(sc_instance_set_roadef_weights(in), SC_EINVAL);
    sc_instance_free(in);

    in = new_instance();
    sc_objective neg = {SC_OBJ_RATIO, 0, -1};
    assert_int_equal(sc_instance_add_objective(in, &neg), SC_EINVAL);
    sc_objective neglevel = {SC_OBJ_RATIO, -1, 1};
    assert_int_equal(sc_instance_add_objective(in, &neglevel), SC_EINVAL);
    sc_objective badkind = {(sc_objective_kind)7, 0, 1};
    assert_int_equal(sc_instance_add_objective(in, &badkind), SC_EINVAL);
    sc_objective col = {SC_OBJ_COLOUR, 0, 3};
    assert_int_equal(sc_instance_add_objective(in, &col), SC_OK);
    sc_objective lo = {SC_OBJ_RATIO, 0, 4};
    assert_int_equal(sc_instance_add_objective(in, &lo), SC_OK);
    assert_int_equal(sc_instance_nobjectives(in), 2);
    assert_int_equal(sc_instance_set_roadef_weights(in), SC_OK);
    assert_int_equal(sc_instance_objective(in, 0).kind, SC_OBJ_COLOUR);
    assert_int_equal(sc_instance_objective(in, 0).weight, 1000000);
    assert_int_equal(sc_instance_objective(in, 1).kind, SC_OBJ_RATIO);
    assert_int_equal(sc_instance_objective(in, 1).weight, 1000);
    sc_instance_free(in);
}

static void test_settings(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    sc_instance_set_batch_limit(in, 7);
    assert_int_equal(sc_instance_batch_limit(in), 7);
    sc_instance_set_batch_limit(in, -3);
    assert_int_equal(sc_instance_batch_limit(in), 0);
    sc_instance_set_format(in, SC_FORMAT_CSPLIB);
    assert_int_equal(sc_instance_format(in), SC_FORMAT_CSPLIB);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    sc_instance_free(in);
}

static void test_cars(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    assert_int_equal(sc_instance_add_option(in, "B"), 1);
    int red = sc_instance_colour(in, "red"), blue = sc_instance_colour(in, "blue");
    const int ab[] = {0, 1}, b[] = {1};
    /* Previous-day ids may repeat: real data has some. */
    assert_int_equal(sc_instance_add_car(in, SC_CAR_PREV, "x", red, ab, 2, NULL, NULL), 0);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_PREV, "x", blue, NULL, 0, NULL, NULL), 1);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FROZEN, "f", blue, b, 1, "brandA", "m1"), 2);
    /* A day car may share an id with a previous-day car. */
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "x", red, b, 1, "brandA", "m2"), 3);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "y", red, NULL, 0, NULL, NULL), 4);
    /* Day ids are unique. */
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "y", red, NULL, 0, NULL, NULL),
                     SC_EINVAL);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "f", red, NULL, 0, NULL, NULL),
                     SC_EINVAL);
    /* Kinds never decrease. */
    assert_int_equal(sc_instance_add_car(in, SC_CAR_PREV, "p", red, NULL, 0, NULL, NULL),
                     SC_EINVAL);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FROZEN, "g", red, NULL, 0, NULL, NULL),
                     SC_EINVAL);
    assert_int_equal(sc_instance_add_car(in, (sc_car_kind)9, "z", red, NULL, 0, NULL, NULL),
                     SC_EINVAL);
    /* Colours and options must exist; an id is required. */
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "z", 2, NULL, 0, NULL, NULL), SC_EINVAL);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "z", -1, NULL, 0, NULL, NULL), SC_EINVAL);
    const int bad[] = {2};
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "z", red, bad, 1, NULL, NULL), SC_EINVAL);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, NULL, red, NULL, 0, NULL, NULL),
                     SC_EINVAL);

    assert_int_equal(sc_instance_ncars(in), 5);
    assert_int_equal(sc_instance_nprev(in), 2);
    assert_int_equal(sc_instance_nfixed(in), 3);
    assert_string_equal(sc_instance_car_id(in, 0), "x");
    assert_string_equal(sc_instance_car_id(in, 1), "x");
    assert_string_equal(sc_instance_car_id(in, 2), "f");
    assert_int_equal(sc_instance_car_colour(in, 1), blue);
    assert_true(sc_instance_car_has(in, 0, 0));
    assert_true(sc_instance_car_has(in, 0, 1));
    assert_false(sc_instance_car_has(in, 1, 0));
    assert_false(sc_instance_car_has(in, 2, 0));
    assert_true(sc_instance_car_has(in, 2, 1));
    assert_false(sc_instance_car_has(in, 2, 2)); /* out of range: false */
    assert_string_equal(sc_instance_car_brand(in, 2), "brandA");
    assert_string_equal(sc_instance_car_model(in, 2), "m1");
    assert_string_equal(sc_instance_car_model(in, 3), "m2");
    assert_string_equal(sc_instance_car_brand(in, 4), "");
    /* Lookup finds day cars only. */
    assert_int_equal(sc_instance_find_car(in, "x"), 3);
    assert_int_equal(sc_instance_find_car(in, "f"), 2);
    assert_int_equal(sc_instance_find_car(in, "y"), 4);
    assert_int_equal(sc_instance_find_car(in, "z"), -1);
    sc_instance_free(in);
}

/* More than 64 options: a car's bits take two words. */
static void test_many_options(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    char name[32];
    for (int o = 0; o < 130; o++) {
        snprintf(name, sizeof name, "o%d", o);
        assert_int_equal(sc_instance_add_option(in, name), o);
    }
    int col = sc_instance_colour(in, "c");
    const int opts[] = {0, 63, 64, 129};
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "a", col, opts, 4, NULL, NULL), 0);
    assert_int_equal(sc_instance_add_car(in, SC_CAR_FREE, "b", col, opts + 2, 1, NULL, NULL), 1);
    for (size_t o = 0; o < 130; o++) {
        assert_int_equal(sc_instance_car_has(in, 0, o), o == 0 || o == 63 || o == 64 || o == 129);
        assert_int_equal(sc_instance_car_has(in, 1, o), o == 64);
    }
    sc_instance_free(in);
}

/* Thousands of cars: the arrays grow and every id is still found. */
static void test_many_cars(void **state) {
    (void)state;
    sc_instance *in = new_instance();
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    int col = sc_instance_colour(in, "c");
    char id[32];
    const int a[] = {0};
    for (int k = 0; k < 5000; k++) {
        snprintf(id, sizeof id, "car-%d", k);
        sc_car_kind kind = k < 10 ? SC_CAR_PREV : k < 20 ? SC_CAR_FROZEN : SC_CAR_FREE;
        assert_int_equal(sc_instance_add_car(in, kind, id, col, a, (size_t)(k % 2), NULL, NULL), k);
    }
    for (int k = 0; k < 5000; k++) {
        snprintf(id, sizeof id, "car-%d", k);
        assert_int_equal(sc_instance_find_car(in, id), k < 10 ? -1 : k);
        assert_string_equal(sc_instance_car_id(in, (size_t)k), id);
        assert_int_equal(sc_instance_car_has(in, (size_t)k, 0), k % 2);
    }
    sc_instance_free(in);
}

static void test_strpool(void **state) {
    (void)state;
    sc__strpool sp = {0};
    assert_int_equal(sc__strpool_find(&sp, "a"), -1);
    size_t a = sc__strpool_add(&sp, "a", true, false);
    size_t b = sc__strpool_add(&sp, "bb", true, false);
    assert_int_equal(sc__strpool_add(&sp, "a", true, false), a);
    assert_int_equal(sc__strpool_add(&sp, "bb", false, true), (size_t)-2);
    size_t plain = sc__strpool_add(&sp, "a", false, false); /* a second copy, not hashed */
    assert_true(plain != a);
    assert_int_equal(sc__strpool_find(&sp, "a"), (long)a);
    assert_int_equal(sc__strpool_find(&sp, "bb"), (long)b);
    assert_string_equal(sp.buf + b, "bb");
    sc__strpool_release(&sp);
    sc__strpool_release(&sp); /* released twice: still fine */
}

static void test_strerror(void **state) {
    (void)state;
    assert_string_equal(sc_strerror(SC_OK), "success");
    assert_string_equal(sc_strerror(SC_EINVAL), "invalid input");
    assert_string_equal(sc_strerror(SC_ENOMEM), "out of memory");
    assert_string_equal(sc_strerror(SC_EIO), "input/output error");
    assert_string_equal(sc_strerror(SC_ELIMIT), "budget spent");
    assert_string_equal(sc_strerror(SC_EINFEASIBLE), "infeasible");
    assert_string_equal(sc_strerror((sc_status)-99), "unknown status");
}

/* sc_version() is the project's version (CMakeLists.txt, handed to this test
** as SC_PROJECT_VERSION), the header's SC_VERSION, and three numbers. */
static void test_version(void **state) {
    (void)state;
    const char *v = sc_version();
    assert_non_null(v);
    assert_string_equal(v, SC_PROJECT_VERSION);
    assert_string_equal(v, SC_VERSION);
    assert_ptr_equal(sc_version(), v); /* a static string, the same each call */
    unsigned major, minor, patch;
    int end = 0;
    assert_int_equal(sscanf(v, "%u.%u.%u%n", &major, &minor, &patch, &end), 3);
    assert_int_equal(v[end], '\0');
}

static void test_diag(void **state) {
    (void)state;
    sc_diag d;
    char buf[600];
    sc__diag_set(&d, "orders.csv", 17, 3, "unknown option code '%s'", "SR");
    assert_string_equal(d.file, "orders.csv");
    assert_int_equal(d.line, 17);
    assert_int_equal(d.column, 3);
    assert_string_equal(sc_diag_format(&d, buf, sizeof buf),
                        "orders.csv:17: unknown option code 'SR'");
    sc__diag_set(&d, "orders.csv", 0, 0, "cannot open");
    assert_string_equal(sc_diag_format(&d, buf, sizeof buf), "orders.csv: cannot open");
    sc__diag_set(&d, NULL, 5, 0, "no file");
    assert_string_equal(sc_diag_format(&d, buf, sizeof buf), "no file");
    /* Truncation: a small buffer still gets a terminated prefix. */
    sc__diag_set(&d, "f", 1, 0, "message");
    assert_string_equal(sc_diag_format(&d, buf, 5), "f:1:");
    /* A long file name keeps its tail, the part that names the file. */
    char longname[400];
    memset(longname, 'a', sizeof longname);
    strcpy(longname + sizeof longname - 10, "/x.txt");
    sc__diag_set(&d, longname, 1, 0, "m");
    assert_int_equal(strlen(d.file), sizeof d.file - 1);
    assert_string_equal(d.file + strlen(d.file) - 6, "/x.txt");
    /* A long message is cut, never overflows. */
    char longmsg[1000];
    memset(longmsg, 'm', sizeof longmsg - 1);
    longmsg[sizeof longmsg - 1] = '\0';
    sc__diag_set(&d, "f", 1, 0, "%s", longmsg);
    assert_int_equal(strlen(d.msg), sizeof d.msg - 1);
    /* A NULL diagnostic is ignored. */
    sc__diag_set(NULL, "f", 1, 0, "nothing");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_free),      cmocka_unit_test(test_options),
        cmocka_unit_test(test_options_limit), cmocka_unit_test(test_rules),
        cmocka_unit_test(test_rules_limit),   cmocka_unit_test(test_colours),
        cmocka_unit_test(test_objectives),    cmocka_unit_test(test_settings),
        cmocka_unit_test(test_cars),          cmocka_unit_test(test_many_options),
        cmocka_unit_test(test_many_cars),     cmocka_unit_test(test_strpool),
        cmocka_unit_test(test_strerror),      cmocka_unit_test(test_diag),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
