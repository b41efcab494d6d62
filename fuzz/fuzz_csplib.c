/*
** libFuzzer harness for the CSPLib prob001 reader: the input is one
** instance file, read with sc_csplib_read; an instance it accepts goes
** through 'fz_check_instance'.
**
** An input may validly declare millions of cars in a few bytes; reading
** it is correct but slow, so inputs whose first number (the car count)
** exceeds 20,000 are skipped.
*/
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"

#define MAX_CARS 20000

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    fz_dir();
    return 0;
}

/* True when the first number of the input is above MAX_CARS. */
static bool too_many_cars(const uint8_t *data, size_t size) {
    char head[64];
    size_t n = size < sizeof head - 1 ? size : sizeof head - 1;
    memcpy(head, data, n);
    head[n] = '\0';
    const char *s = head;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
    s += strspn(s, " \t\r\n");
    s += strspn(s, "+0");
    size_t digits = strspn(s, "0123456789");
    return digits > 9 || (digits && strtol(s, NULL, 10) > MAX_CARS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (too_many_cars(data, size)) return -1; /* not added to the corpus */
    const char *path = fz_write(0, "instance.txt", data, size);
    sc_instance *in;
    sc_diag d;
    if (sc_csplib_read(path, &in, &d) == SC_OK) {
        fz_check_instance(in);
        sc_instance_free(in);
    }
    return 0;
}
