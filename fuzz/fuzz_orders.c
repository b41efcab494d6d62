/*
** libFuzzer harness for the orders reader: the input is an orders CSV text,
** parsed with sc_scenario_parse_orders against a fixed small scenario (two
** guests and a host, options and colours per model, weeks 2026-W10 to
** 2026-W13). Accepted orders are written back, and the text written must
** read back to as many orders and write the same bytes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"

static const char SCENARIO[] =
    "{\"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 4},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L\", \"rate\": 10, \"shifts\": "
    "[8]}]}],\n"
    " \"brands\": [{\"name\": \"Host\", \"role\": \"host\"}, {\"name\": \"Alpha\", \"role\": "
    "\"guest\"},\n"
    "   {\"name\": \"Beta\", \"role\": \"guest\"}],\n"
    " \"models\": [{\"name\": \"H\", \"brand\": \"Host\", \"lines\": [\"L\"], \"options\": "
    "{\"ROOF\": 0.2},"
    " \"colours\": [\"Red\"]},\n"
    "   {\"name\": \"Alpha One\", \"brand\": \"Alpha\", \"lines\": [\"L\"], \"options\": "
    "{\"ROOF\": 0.3, "
    "\"TOW\": 0.1}, \"colours\": [\"White\", \"Black\"]},\n"
    "   {\"name\": \"B1\", \"brand\": \"Beta\", \"lines\": [\"L\"], \"colours\": [\"Green\"]}]}\n";

static sc_scenario *base;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_dir();
    sc_diag_list dl;
    if (sc_scenario_parse(SCENARIO, strlen(SCENARIO), "base.json", &base, &dl) != SC_OK) abort();
    return 0;
}

/* A fresh copy of the base scenario (orders are read into a scenario once). */
static sc_scenario *fresh(void) {
    sc_diag_list dl;
    sc_scenario *sc;
    if (sc_scenario_parse(SCENARIO, strlen(SCENARIO), "base.json", &sc, &dl) != SC_OK) abort();
    return sc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 65536) return -1;
    sc_diag_list dl;
    sc_scenario *sc = fresh();
    if (sc_scenario_parse_orders(sc, (const char *)data, size, "fuzz.csv", &dl) != SC_OK) {
        if (sc_scenario_norders(sc) != 0 || dl.count > SC_MAX_DIAGS) abort();
        sc_scenario_free(sc);
        return 0;
    }
    size_t n = sc_scenario_norders(sc);
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/a.csv", fz_dir());
    snprintf(b, sizeof b, "%s/b.csv", fz_dir());
    sc_diag d;
    if (sc_scenario_write_orders(sc, a, &d) != SC_OK) abort();
    sc_scenario_free(sc);
    size_t na, nb;
    char *ta = fz_slurp(a, &na);
    sc = fresh();
    if (sc_scenario_parse_orders(sc, ta, na, "a.csv", &dl) != SC_OK) abort();
    if (sc_scenario_norders(sc) != n) abort();
    if (sc_scenario_write_orders(sc, b, &d) != SC_OK) abort();
    sc_scenario_free(sc);
    char *tb = fz_slurp(b, &nb);
    if (na != nb || memcmp(ta, tb, na) != 0) abort();
    free(ta);
    free(tb);
    (void)base;
    return 0;
}
