/*
** libFuzzer harness for the planner on odd but valid input: the input is a
** scenario JSON text, then optionally a NUL byte and an orders CSV text.
** When both read (and the network is small: at most 8 weeks, 6 lines and
** 400 orders, so that a run stays short), the scenario is planned with a
** tiny effort and node budget. The plan must come back (or fail with a
** status, never crash), every order must be on time, late or unplanned,
** and every line-day's sequence must score as the plan says.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 65536) return -1;
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t slen = nul ? (size_t)(nul - text) : size;
    sc_diag_list dl;
    sc_scenario *sc;
    if (sc_scenario_parse(text, slen, "fuzz.json", &sc, &dl) != SC_OK) return 0;
    if (sc_scenario_nweeks(sc) > 8 || sc_scenario_nlines(sc) > 6 ||
        (nul && sc_scenario_parse_orders(sc, nul + 1, size - slen - 1, "fuzz.csv", &dl) != SC_OK) ||
        sc_scenario_norders(sc) > 400) {
        sc_scenario_free(sc);
        return 0;
    }
    sc_plan_params p;
    sc_plan_defaults(&p);
    p.effort_per_car = 1;
    p.min_effort = 50;
    p.mip_nodes = 20;
    p.threads = 1;
    sc_plan *pl;
    sc_diag d;
    sc_status st = sc_plan_run(sc, &p, &pl, &d);
    fz_check_plan(st, pl);
    sc_scenario_free(sc);
    return 0;
}
