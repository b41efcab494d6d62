/*
** libFuzzer harness for the scenario reader: the input is a scenario JSON
** text, parsed with sc_scenario_parse. A scenario it accepts is written
** back (sc_scenario_write), and that text must parse again and write the
** same bytes: the writer and the reader agree on everything they accept.
**
** Inputs over 64 KiB are skipped (a large horizon is valid but slow).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 65536) return -1;
    sc_diag_list dl;
    sc_scenario *sc;
    if (sc_scenario_parse((const char *)data, size, "fuzz.json", &sc, &dl) != SC_OK) {
        if (dl.count > SC_MAX_DIAGS) abort();
        return 0;
    }
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s/a.json", fz_dir());
    snprintf(b, sizeof b, "%s/b.json", fz_dir());
    sc_diag d;
    if (sc_scenario_write(sc, a, &d) != SC_OK) abort();
    sc_scenario_free(sc);
    size_t na, nb;
    char *ta = fz_slurp(a, &na);
    if (sc_scenario_parse(ta, na, "a.json", &sc, &dl) != SC_OK) abort();
    if (sc_scenario_write(sc, b, &d) != SC_OK) abort();
    sc_scenario_free(sc);
    char *tb = fz_slurp(b, &nb);
    if (na != nb || memcmp(ta, tb, na) != 0) abort();
    free(ta);
    free(tb);
    return 0;
}
