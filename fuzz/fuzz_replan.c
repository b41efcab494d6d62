/*
** libFuzzer harness for replanning: a small network is planned once; each
** input is a list of replan settings, one per line: "o WHAT:FROM..TO" (an
** outage), "s WHAT:FROM..TO" (extra shifts offered), "f DATE" (the first
** day that may change), "z N" (frozen days) and "v X" (the catch-up value).
** A replan must come back or fail with a status (never crash); when it
** comes back every order is on time, late or unplanned and every line-day's
** sequence scores as the plan says.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"

static const char SCENARIO[] =
    "{\"name\": \"fuzz\", \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 3},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L\", \"rate\": 6, \"shifts\": [8],\n"
    "   \"batch_limit\": 4, \"rules\": [{\"option\": \"ROOF\", \"n\": 1, \"p\": 3}]},\n"
    "   {\"name\": \"M\", \"rate\": 5, \"shifts\": [8], \"spread\": {\"n\": 1, \"p\": 2}}]},\n"
    "  {\"name\": \"Q\", \"lines\": [{\"name\": \"N\", \"rate\": 4, \"shifts\": [8]}]}],\n"
    " \"brands\": [{\"name\": \"Host\", \"role\": \"host\"}, {\"name\": \"Alpha\", \"role\": "
    "\"guest\",\n"
    "   \"contract\": {\"min_per_week\": 20, \"max_per_week\": 60}}],\n"
    " \"models\": [{\"name\": \"H\", \"brand\": \"Host\", \"lines\": [\"L\", \"M\"], \"options\": "
    "{\"ROOF\": 0.2}, \"colours\": [\"Red\", \"Blue\"]},\n"
    "   {\"name\": \"HO\", \"brand\": \"Host\", \"lines\": [\"N\"], \"colours\": [\"Grey\"]},\n"
    "   {\"name\": \"A\", \"brand\": \"Alpha\", \"lines\": [\"L\", \"N\"], \"options\": {\"ROOF\": "
    "0.3}, \"colours\": [\"White\", \"Black\"]}],\n"
    " \"demand\": [{\"model\": \"H\", \"per_week\": 200}],\n"
    " \"recovery\": {\"shift_cost\": 1000, \"shift_hours\": 4}}\n";

static sc_scenario *sc;
static sc_baseline *base;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    sc_diag_list dl;
    if (sc_scenario_parse(SCENARIO, strlen(SCENARIO), "fuzz.json", &sc, &dl) != SC_OK) abort();
    char orders[16384];
    size_t n = (size_t)snprintf(orders, sizeof orders,
                                "order_id,brand,model,colour,options,earliest_week,due_week\n");
    for (int i = 0; i < 120; i++)
        n += (size_t)snprintf(orders + n, sizeof orders - n,
                              "a%03d,Alpha,A,%s,%s,2026-W1%d,2026-W1%d\n", i,
                              i % 2 ? "White" : "Black", i % 3 ? "" : "ROOF", i % 2, 1 + i % 2);
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(orders + n, sizeof orders - n,
                              "h%03d,Host,HO,Grey,,2026-W1%d,2026-W1%d\n", i, i % 3, i % 3);
    if (sc_scenario_parse_orders(sc, orders, n, "fuzz.csv", &dl) != SC_OK) abort();
    sc_plan_params p;
    sc_plan_defaults(&p);
    p.effort_per_car = 1;
    p.min_effort = 50;
    p.mip_nodes = 50;
    p.threads = 1;
    sc_plan *pl;
    sc_diag d;
    if (sc_plan_run(sc, &p, &pl, &d) != SC_OK) abort();
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/base", fz_dir());
    if (sc_plan_write(pl, dir, NULL, &d) != SC_OK) abort();
    sc_plan_free(pl);
    if (sc_baseline_read(dir, sc, &base, &d) != SC_OK) abort();
    return 0;
}

/* "WHAT:FROM..TO" or "WHAT:DATE" as a span whose strings are cut out of
** 'arg' in place (the fuzz input's own layout, like the command line's). */
static sc_span span_of(char *arg) {
    sc_span s = {arg, "", NULL};
    char *colon = strrchr(arg, ':'), *dots;
    if (!colon) return s;
    *colon = '\0';
    s.from = colon + 1;
    if ((dots = strstr(colon + 1, ".."))) {
        *dots = '\0';
        s.to = dots + 2;
    }
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 4096) return -1;
    char text[4097];
    memcpy(text, data, size);
    text[size] = '\0';
    sc_span outage[8], shift[8];
    size_t no = 0, ns = 0;
    sc_replan_params p;
    sc_replan_defaults(&p);
    sc_baseline_params(base, &p.plan);
    p.plan.effort_per_car = 1;
    p.plan.min_effort = 20;
    p.plan.mip_nodes = 20;
    p.plan.threads = 1;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strlen(line) < 3 || line[1] != ' ') continue;
        char *arg = line + 2;
        switch (line[0]) {
        case 'o':
            if (no < 8) outage[no++] = span_of(arg);
            break;
        case 's':
            if (ns < 8) shift[ns++] = span_of(arg);
            break;
        case 'f': p.from = arg; break;
        case 'z': p.frozen_days = atoi(arg) % 30 < 0 ? 0 : atoi(arg) % 30; break;
        case 'v': p.host_value = atof(arg); break;
        default: break;
        }
    }
    p.outage = outage;
    p.noutages = no;
    p.shift = shift;
    p.nshifts = ns;
    if (!(p.host_value >= -1 && p.host_value <= 1e9)) p.host_value = -1;
    sc_plan *pl;
    sc_diag d;
    sc_status st = sc_replan_run(sc, base, &p, &pl, &d);
    fz_check_plan(st, pl);
    return 0;
}
