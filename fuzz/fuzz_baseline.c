/*
** libFuzzer harness for the baseline reader (sc_baseline_read): the input
** is a plan directory's plan.json and sequences.csv, separated by the first
** NUL byte (without one, the input is sequences.csv behind a fixed, valid
** plan.json), read back against a fixed small scenario with a few orders.
** A baseline that reads must hold each order at most once, where its
** line-day says, at a position inside it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/plan/replan.h"
#include "fuzzutil.h"

static const char SCENARIO[] =
    "{\"name\": \"fuzz\", \"horizon\": {\"first_week\": \"2026-W10\", \"weeks\": 2},\n"
    " \"plants\": [{\"name\": \"P\", \"lines\": [{\"name\": \"L\", \"rate\": 10, \"shifts\": "
    "[8]},\n"
    "   {\"name\": \"M\", \"rate\": 5, \"shifts\": [8]}]}],\n"
    " \"brands\": [{\"name\": \"Host\", \"role\": \"host\"}, {\"name\": \"Alpha\", \"role\": "
    "\"guest\"}],\n"
    " \"models\": [{\"name\": \"H\", \"brand\": \"Host\", \"lines\": [\"L\", \"M\"], \"options\": "
    "{\"ROOF\": 0.2},"
    " \"colours\": [\"Red\"]},\n"
    "   {\"name\": \"A\", \"brand\": \"Alpha\", \"lines\": [\"L\"], \"options\": {\"ROOF\": 0.3, "
    "\"TOW\": 0.1}, \"colours\": [\"White\", \"Black\"]}],\n"
    " \"demand\": [{\"model\": \"H\", \"per_week\": 20}]}\n";
static const char ORDERS[] = "order_id,brand,model,colour,options,earliest_week,due_week\n"
                             "A1,Alpha,A,White,ROOF,2026-W10,2026-W10\n"
                             "A2,Alpha,A,Black,,2026-W10,2026-W11\n"
                             "A3,Alpha,A,White,ROOF|TOW,2026-W11,2026-W11\n";
static const char PLAN_JSON[] =
    "{\"sparecap\":\"0.1.0\",\n\"view\":\"host\",\n"
    "\"scenario\":{\"name\":\"fuzz\",\"first_week\":\"2026-W10\",\"last_week\":\"2026-W11\","
    "\"weeks\":2},\n"
    "\"parameters\":{\"seed\":1,\"effort_per_car\":40,\"min_effort\":2000,\"mip_nodes\":5000},\n"
    "\"lines\":[\n{\"plant\":\"P\",\"line\":\"L\",\"slots_per_day\":80},\n"
    "{\"plant\":\"P\",\"line\":\"M\",\"slots_per_day\":40}],\n\"orders\":[]}\n";

static sc_scenario *sc;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_dir();
    sc_diag_list dl;
    if (sc_scenario_parse(SCENARIO, strlen(SCENARIO), "fuzz.json", &sc, &dl) != SC_OK) abort();
    if (sc_scenario_parse_orders(sc, ORDERS, strlen(ORDERS), "fuzz.csv", &dl) != SC_OK) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 65536) return -1;
    const uint8_t *nul = memchr(data, 0, size);
    if (nul) {
        fz_write(0, "plan.json", data, (size_t)(nul - data));
        fz_write(1, "sequences.csv", nul + 1, size - (size_t)(nul - data) - 1);
    } else {
        fz_write(0, "plan.json", PLAN_JSON, strlen(PLAN_JSON));
        fz_write(1, "sequences.csv", data, size);
    }
    sc_baseline *b;
    sc_diag d;
    if (sc_baseline_read(fz_dir(), sc, &b, &d) != SC_OK) {
        if (b) abort();
        return 0;
    }
    size_t nk = b->nl * b->nd, cars = 0;
    for (size_t k = 0; k < nk; k++) {
        if (b->first[k + 1] < b->first[k]) abort();
        for (uint32_t i = b->first[k]; i < b->first[k + 1]; i++) {
            const sc__car *c = &b->car[i];
            if (c->model < 0 || (size_t)c->model >= sc->nmodels) abort();
            if (c->order >= 0 && (b->order_line[c->order] != (int32_t)(k / b->nd) ||
                                  b->order_day[c->order] != (int32_t)(k % b->nd) ||
                                  b->order_pos[c->order] != i - b->first[k] + 1))
                abort();
        }
        cars += b->first[k + 1] - b->first[k];
    }
    if (cars != b->ncars) abort();
    sc_baseline_free(b);
    return 0;
}
