/*
** libFuzzer harness for the baseline reader from buffers
** (sc_baseline_parse): the input is one mode byte, then manifest.json,
** plan.json and sequences.csv, separated by NUL bytes, read against the
** small scenario and orders of fuzz/baseline/ (fuzz/make-seeds plans it with
** the tool for the seed corpus).
**
** Mode 0 rewrites the manifest's "files" with the sizes and SHA-256 of the
** two other parts when the manifest is a JSON object, so that the fuzzer
** gets past the hashes into plan.json, sequences.csv and their cross-checks;
** any other mode reads the three parts as given (the hash checks, and the
** manifest's own parser). A baseline that reads must hold each order at most
** once, where its line-day says, at a position inside it.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/io/manifest.h"
#include "../src/plan/replan.h"
#include "fuzzutil.h"

#ifndef SC_FUZZ_DATA
#error "SC_FUZZ_DATA must name fuzz/"
#endif

static sc_scenario *sc;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    size_t ns, no;
    char *s = fz_slurp(SC_FUZZ_DATA "/baseline/scenario.json", &ns);
    char *o = fz_slurp(SC_FUZZ_DATA "/baseline/orders.csv", &no);
    sc_diag_list dl;
    if (sc_scenario_parse(s, ns, "scenario.json", &sc, &dl) != SC_OK) abort();
    if (sc_scenario_parse_orders(sc, o, no, "orders.csv", &dl) != SC_OK) abort();
    free(s);
    free(o);
    return 0;
}

/* A "files" entry for 'len' bytes of 'data' called 'name'. */
static json_t *entry(const char *name, const void *data, size_t len) {
    unsigned char sha[32];
    char hx[65];
    sc__sha256(data, len, sha);
    for (size_t i = 0; i < 32; i++)
        snprintf(hx + 2 * i, 3, "%02x", sha[i]);
    return json_pack("{s:s,s:I,s:s}", "name", name, "size", (json_int_t)len, "sha256", hx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 65536) return -1;
    const char *part[3] = {"", "", ""};
    size_t len[3] = {0, 0, 0};
    const uint8_t *p = data + 1, *end = data + size;
    for (int k = 0; k < 3; k++) {
        const uint8_t *nul = k < 2 ? memchr(p, 0, (size_t)(end - p)) : NULL;
        const uint8_t *stop = nul ? nul : end;
        part[k] = (const char *)p;
        len[k] = (size_t)(stop - p);
        if (!nul) break;
        p = nul + 1;
    }
    char *man = NULL;
    if (data[0] == 0) {
        json_t *m = json_loadb(part[0], len[0], 0, NULL);
        if (json_is_object(m)) {
            json_t *files = json_array();
            json_array_append_new(files, entry("plan.json", part[1], len[1]));
            json_array_append_new(files, entry("sequences.csv", part[2], len[2]));
            json_object_set_new(m, "files", files);
            man = json_dumps(m, JSON_COMPACT);
            if (man) {
                part[0] = man;
                len[0] = strlen(man);
            }
        }
        json_decref(m);
    }
    const sc_plan_file f[3] = {{"manifest.json", part[0], len[0]},
                               {"plan.json", part[1], len[1]},
                               {"sequences.csv", part[2], len[2]}};
    const sc_plan_files files = {f, 3, "fuzz"};
    sc_baseline *b = (sc_baseline *)1;
    sc_diag d;
    sc_status st = sc_baseline_parse(&files, sc, &b, &d);
    free(man);
    if (st != SC_OK) {
        if (b || (st != SC_EINVAL && st != SC_ENOMEM)) abort();
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
