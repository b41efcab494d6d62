/*
** The built-in scenario of 'sparecap demo': examples/jlr-chery-2026/
** scenario.json and orders.csv, embedded in the binary at build time by
** the assembler's .incbin (CMake passes their paths), so that the demo runs
** from any directory. Each blob is followed by a NUL byte.
*/
#include "cli.h"

#ifndef SC_DEMO_SCENARIO
#error "SC_DEMO_SCENARIO must name examples/jlr-chery-2026/scenario.json"
#endif

#define SC_INCBIN(sym, path)                                                                       \
    __asm__(".section .rodata\n"                                                                   \
            ".balign 16\n" #sym ":\n"                                                              \
            ".incbin \"" path "\"\n" #sym "_end:\n"                                                \
            ".byte 0\n"                                                                            \
            ".previous\n");                                                                        \
    extern const char sym[], sym##_end[]

SC_INCBIN(sc_demo_scenario_blob, SC_DEMO_SCENARIO);
SC_INCBIN(sc_demo_orders_blob, SC_DEMO_ORDERS);

const char *cli_demo_scenario(size_t *len) {
    *len = (size_t)(sc_demo_scenario_blob_end - sc_demo_scenario_blob);
    return sc_demo_scenario_blob;
}

const char *cli_demo_orders(size_t *len) {
    *len = (size_t)(sc_demo_orders_blob_end - sc_demo_orders_blob);
    return sc_demo_orders_blob;
}
