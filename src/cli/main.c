/*
** sparecap: the command line. A thin layer over libsparecap.
*/
#include <string.h>

#include "cli.h"
#include "sc_commit.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"sequence", cmd_sequence, "order the cars of a line-day (anytime local search)"},
    {"check", cmd_check, "validate and score a solution"},
    {"gen", cmd_gen, "write a synthetic instance in the ROADEF 2005 layout"},
    {"plan", cmd_plan, "plan guest cars on a shared plant network, with a report"},
    {"replan", cmd_replan, "replan after an outage: frozen horizon, least churn, diff"},
    {"demo", cmd_demo, "plan the built-in JLR + Chery 2026 scenario into ./sparecap-demo"},
    {"gen-scenario", cmd_gen_scenario, "write a synthetic scenario and its orders"},
};

static void usage(FILE *f) {
    fprintf(f, "usage: sparecap COMMAND [OPTIONS] ...\n\n"
               "sparecap plans car plants shared by more than one brand.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'sparecap COMMAND --help' describes a command; 'sparecap --version'\n"
               "names the release and the commit it was built from.\n"
               "exit codes: 0 success, 1 bad input or failure, 2 usage error,\n"
               "            3 no feasible solution within the limits.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("sparecap %s (%s)\n", sc_version(), SC_COMMIT);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "sparecap: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
