/*
** sparecap demo: plans the built-in scenario (JLR's Halewood and Solihull
** plants in 2026, with a Chery contract on their spare capacity) into
** ./sparecap-demo/ and says where the report is. With --outage it then
** replans it with both plants down for five weeks from 1 September 2026
** into ./sparecap-demo-outage/ (src/cli/cmd_replan.c).
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
           "      --outage        then replan it as 'sparecap replan' would with both plants\n"
           "                      down from 1 September to 5 October 2026 (five weeks, like\n"
           "                      JLR's stop after the cyber attack of September 2025; the\n"
           "                      2026 date is illustrative), 5 frozen days, the extra\n"
           "                      shifts of the scenario's \"recovery\"; into DIR-outage\n"
           "      --catch-up V    with --outage, build the host's cars its weeks down could not\n"
           "                      in later weeks, worth V a car (as for 'sparecap replan')\n"
           "      --brand NAME    write only brand NAME's view (try --brand Chery), of the\n"
           "                      plan and, with --outage, of the replan\n"
           "      --seed S, --effort N, --mip-nodes N, --threads T, --json, -q\n"
           "                      as for 'sparecap plan'\n"
           "  -h, --help          show this help\n\n"
           "exit codes: 0 planned, 1 failure, 2 usage error, 3 a line-day breaks a hard\n"
           "            constraint\n");
}

/* The outage of 'demo --outage'. */
static const char *const DEMO_OUTAGE[] = {"Halewood:2026-09-01..2026-10-05",
                                          "Solihull:2026-09-01..2026-10-05"};

int cmd_demo(int argc, char **argv) {
    cli_plan_options o;
    cli_plan_options_init(&o);
    o.cmd = "demo";
    o.out = "sparecap-demo";
    /* --outage and --catch-up are the demo's own: taken out before the
    ** options 'plan' shares. */
    bool outage = false;
    double value = -1;
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (i > 0 && !strcmp(argv[i], "--outage"))
            outage = true;
        else if (i > 0 && !strcmp(argv[i], "--catch-up")) {
            if (i + 1 == argc) return cli_usage_error("demo", "'--catch-up' expects a value");
            v = argv[++i];
        } else if (i > 0 && !strncmp(argv[i], "--catch-up=", 11))
            v = argv[i] + 11;
        else
            argv[n++] = argv[i];
        if (v && !cli_parse_double(v, &value))
            return cli_usage_error("demo", "--catch-up: expected a value from 0 to 1e9, got '%s'",
                                   v);
    }
    argc = n;
    if (value >= 0 && !outage) return cli_usage_error("demo", "--catch-up needs --outage");
    int rc = cli_plan_parse(argc, argv, &o, help);
    if (rc >= 0) return rc;
    if (argc != optind) return cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
    char out_outage[4200];
    snprintf(out_outage, sizeof out_outage, "%s-outage", o.out);
    if ((rc = cli_check_output(o.out, true)) >= 0 ||
        (outage && (rc = cli_check_output(out_outage, true)) >= 0))
        return rc;
    double t0 = cli_now();
    size_t slen, olen;
    const char *stext = cli_demo_scenario(&slen), *otext = cli_demo_orders(&olen);
    sc_diag_list dl;
    sc_scenario *sc;
    sc_status st =
        sc_scenario_parse(stext, slen, "examples/jlr-chery-2026/scenario.json", &sc, &dl);
    if (st) return cli_print_diags(&dl, st);
    st = sc_scenario_parse_orders(sc, otext, olen, "examples/jlr-chery-2026/orders.csv", &dl);
    if (st) {
        sc_scenario_free(sc);
        return cli_print_diags(&dl, st);
    }
    /* The replan starts from the plan held in memory (the host's full
    ** view): with --brand, only the brand's views are written. */
    const char *brand = o.brand;
    o.keep = outage;
    sc_plan *base = NULL;
    rc = cli_plan_and_write(sc, &o, cli_now() - t0, &base);
    if (outage && base && rc == EXIT_OK) {
        cli_replan_options r;
        cli_replan_options_init(&r);
        char out[4200];
        snprintf(out, sizeof out, "%s-outage", o.out);
        r.cmd = "demo";
        r.plan_dir = o.out;
        r.base = base;
        r.out = out;
        r.brand = brand;
        r.outage = (const char **)DEMO_OUTAGE;
        r.noutages = sizeof DEMO_OUTAGE / sizeof *DEMO_OUTAGE;
        r.json = o.json;
        r.quiet = o.quiet;
        r.params.plan.threads = o.params.threads;
        r.params.plan.effort_per_car = o.params.effort_per_car;
        r.params.plan.seed = o.params.seed;
        r.params.plan.mip_nodes = o.params.mip_nodes;
        r.seed_given = r.effort_given = r.nodes_given = true;
        r.params.host_value = value;
        if (!o.quiet && !o.json) printf("\n");
        rc = cli_replan_and_write(sc, &r, 0);
    }
    sc_plan_free(base);
    sc_scenario_free(sc);
    return rc;
}
