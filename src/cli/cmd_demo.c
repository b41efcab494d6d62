/*
** sparecap demo: plans the built-in scenario (JLR's Halewood and Solihull
** plants in 2026, with a Chery contract on their spare capacity) into
** ./sparecap-demo/ and says where the report is.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void help(void) {
    printf("usage: sparecap demo [OPTIONS]\n\n"
           "Plans the built-in scenario: Jaguar Land Rover's Halewood and Solihull plants in\n"
           "2026, two lines each, building the host's own models, and a Chery contract for\n"
           "Tiggo 7, Tiggo 8 and Jaecoo 7 on the spare capacity. The scenario and its orders\n"
           "are examples/jlr-chery-2026/scenario.json and orders.csv (embedded in the\n"
           "binary); the scenario's notes say which numbers are public facts and which are\n"
           "illustrative. Writes the plan like 'sparecap plan' and prints where the report\n"
           "is.\n\n"
           "  -o, --output DIR    the plan directory (default ./sparecap-demo)\n"
           "      --brand NAME    write brand NAME's view (try --brand Chery)\n"
           "      --seed S, --effort N, --mip-nodes N, --threads T, --json, -q\n"
           "                      as for 'sparecap plan'\n"
           "  -h, --help          show this help\n\n"
           "exit codes: 0 planned, 1 failure, 2 usage error, 3 a line-day breaks a hard\n"
           "            constraint\n");
}

int cmd_demo(int argc, char **argv) {
    cli_plan_options o;
    cli_plan_options_init(&o);
    o.cmd = "demo";
    o.out = "sparecap-demo";
    int rc = cli_plan_parse(argc, argv, &o, help);
    if (rc >= 0) return rc;
    if (argc != optind) return cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
    double t0 = cli_now();
    size_t slen, olen;
    const char *stext = cli_demo_scenario(&slen), *otext = cli_demo_orders(&olen);
    sc_diag_list dl;
    sc_scenario *sc;
    sc_status st = sc_scenario_parse(stext, slen, "examples/jlr-chery-2026/scenario.json", &sc, &dl);
    if (st) return cli_print_diags(&dl, st);
    st = sc_scenario_parse_orders(sc, otext, olen, "examples/jlr-chery-2026/orders.csv", &dl);
    if (st) {
        sc_scenario_free(sc);
        return cli_print_diags(&dl, st);
    }
    rc = cli_plan_and_write(sc, &o, cli_now() - t0);
    sc_scenario_free(sc);
    return rc;
}
