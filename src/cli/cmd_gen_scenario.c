/*
** sparecap gen-scenario -o DIR: writes a synthetic scenario (DIR/scenario.json)
** and its orders (DIR/orders.csv), of any size, for tests and scaling
** benchmarks.
*/
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void help(void) {
    printf("usage: sparecap gen-scenario [OPTIONS] -o DIR\n\n"
           "Writes a synthetic scenario DIR/scenario.json and its orders DIR/orders.csv:\n"
           "PLANTS plants of LINES lines over WEEKS weeks; one host (two models per\n"
           "plant, about half of its lines' capacity) and two guests (six models, each on\n"
           "about a third of the lines) with weekly contracts; six options under ratio\n"
           "rules, a guest spreading rule on every other line, ten colours, a bank holiday\n"
           "every thirteen weeks and a two-week shutdown per plant. A year (52 weeks) of\n"
           "10 plants x 4 lines is about 2 million cars. The same options give the same\n"
           "files.\n\n"
           "  --plants P        plants, 1..100 (default 2)\n"
           "  --lines L         lines per plant, 1..16 (default 2)\n"
           "  --weeks W         weeks, 1..520 (default 13)\n"
           "  --first-week WK   the first ISO week, YYYY-Www (default 2026-W01)\n"
           "  --load X          guest orders as a share of the spare capacity, (0, 2]\n"
           "                    (default 0.9)\n"
           "  --seed S          random seed (default 1)\n"
           "  -o DIR            the directory to create (must not exist)\n"
           "  --force           replace DIR when it holds scenario.json and orders.csv only\n"
           "  -h, --help        show this help\n\n"
           "exit codes: 0 written, 1 failure, 2 usage error\n");
}

int cmd_gen_scenario(int argc, char **argv) {
    enum { O_PLANTS = 256, O_LINES, O_WEEKS, O_FIRST, O_LOAD, O_SEED, O_FORCE };
    static const struct option longopts[] = {
        {"plants", required_argument, NULL, O_PLANTS},
        {"lines", required_argument, NULL, O_LINES},
        {"weeks", required_argument, NULL, O_WEEKS},
        {"first-week", required_argument, NULL, O_FIRST},
        {"load", required_argument, NULL, O_LOAD},
        {"seed", required_argument, NULL, O_SEED},
        {"force", no_argument, NULL, O_FORCE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    sc_scenario_gen_params p;
    sc_scenario_gen_defaults(&p);
    const char *dir = NULL;
    bool force = false;
    uint64_t v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:ho:", longopts, NULL)) != -1) {
        switch (c) {
        case O_PLANTS:
            if (!cli_whole("gen-scenario", "plants", optarg, 1, 100, &v)) return EXIT_USAGE;
            p.plants = (int)v;
            break;
        case O_LINES:
            if (!cli_whole("gen-scenario", "lines", optarg, 1, 16, &v)) return EXIT_USAGE;
            p.lines = (int)v;
            break;
        case O_WEEKS:
            if (!cli_whole("gen-scenario", "weeks", optarg, 1, 520, &v)) return EXIT_USAGE;
            p.weeks = (int)v;
            break;
        case O_FIRST: {
            int y, w;
            char tail;
            if (sscanf(optarg, "%4d-W%2d%c", &y, &w, &tail) != 2 || y < 1900 || y > 2999 || w < 1 ||
                w > 53)
                return cli_usage_error("gen-scenario",
                                       "--first-week: expected an ISO week YYYY-Www, got '%s'",
                                       optarg);
            p.first_year = y;
            p.first_week = w;
            break;
        }
        case O_LOAD:
            if (!cli_parse_double(optarg, &p.load) || !(p.load > 0 && p.load <= 2))
                return cli_usage_error("gen-scenario",
                                       "--load: expected a number above 0 and at most 2, got '%s'",
                                       optarg);
            break;
        case O_SEED:
            if (!cli_parse_u64(optarg, &p.seed))
                return cli_usage_error("gen-scenario", "--seed: expected a whole number, got '%s'",
                                       optarg);
            break;
        case O_FORCE: force = true; break;
        case 'o': dir = optarg; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_option_error("gen-scenario", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("gen-scenario", "unexpected argument '%s'", argv[optind]);
    if (!dir || !*dir) return cli_usage_error("gen-scenario", "expected -o DIR");

    static const char *const files[] = {"scenario.json", "orders.csv", NULL};
    bool exists;
    int rc = cli_out_dir(dir, force, files, "a scenario", &exists);
    if (rc >= 0) return rc;

    sc_diag d = {0};
    sc_scenario *sc;
    sc_status st = sc_scenario_gen(&p, &sc, &d);
    if (st == SC_EINVAL) return cli_usage_error("gen-scenario", "%s", d.msg);
    if (st) return cli_fail(st, &d);
    if (!exists && mkdir(dir, 0777) != 0) {
        fprintf(stderr, "sparecap: error: %s: cannot create: %s\n", dir, strerror(errno));
        sc_scenario_free(sc);
        return EXIT_INPUT;
    }
    /* Each file is written atomically; orders first, so that a scenario.json
    ** never stands beside orders of another scenario after a failure. */
    char path[4096 + 32];
    snprintf(path, sizeof path, "%s/orders.csv", dir);
    st = sc_scenario_write_orders(sc, path, &d);
    if (!st) {
        snprintf(path, sizeof path, "%s/scenario.json", dir);
        st = sc_scenario_write(sc, path, &d);
    }
    if (st) {
        sc_scenario_free(sc);
        return cli_fail(st, &d);
    }
    printf("%s: %d plants x %d lines, %d weeks from %d-W%02d, %zu orders, seed %" PRIu64 "\n", dir,
           p.plants, p.lines, p.weeks, p.first_year, p.first_week, sc_scenario_norders(sc), p.seed);
    sc_scenario_free(sc);
    return EXIT_OK;
}
