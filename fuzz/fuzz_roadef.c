/*
** libFuzzer harness for the ROADEF 2005 reader. The input is split at its
** first three 0xFF bytes into the four files of an instance directory, in
** the order optimization_objectives.txt, paint_batch_limit.txt, ratios.txt,
** vehicles.txt (missing parts are empty files); then sc_roadef_read reads
** the directory, and an instance it accepts goes through
** 'fz_check_instance'.
*/
#include <string.h>

#include "fuzzutil.h"

static const char *const FILES[4] = {"optimization_objectives.txt", "paint_batch_limit.txt",
                                     "ratios.txt", "vehicles.txt"};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t start = 0;
    for (int k = 0; k < 4; k++) {
        size_t end = size;
        if (k < 3) {
            const uint8_t *ff = start < size ? memchr(data + start, 0xFF, size - start) : NULL;
            if (ff) end = (size_t)(ff - data);
        }
        if (start > size) start = size;
        fz_write(k, FILES[k], data + start, end - start);
        start = end + 1;
    }
    sc_instance *in;
    sc_diag d;
    if (sc_roadef_read(fz_dir(), &in, &d) == SC_OK) {
        fz_check_instance(in);
        sc_instance_free(in);
    }
    return 0;
}
