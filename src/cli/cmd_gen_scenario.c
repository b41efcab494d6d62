/*
** sparecap gen-scenario -o DIR: writes a synthetic scenario (DIR/scenario.json)
** and its orders (DIR/orders.csv), of any size, for tests and scaling
** benchmarks.
*/
#include <dirent.h>
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

static bool whole(const char *name, const char *arg, uint64_t lo, uint64_t hi, uint64_t *out) {
    if (cli_parse_u64(arg, out) && *out >= lo && *out <= hi) return true;
    cli_usage_error("gen-scenario",
                    "--%s: expected a whole number from %" PRIu64 " to %" PRIu64 ", got '%s'", name,
                    lo, hi, arg);
    return false;
}

/* True when 'dir' holds nothing but scenario.json and orders.csv. */
static bool replaceable(const char *dir) {
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "sparecap: error: %s: exists and cannot be read as a directory: %s\n", dir,
                strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(dp))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (strcmp(e->d_name, "scenario.json") && strcmp(e->d_name, "orders.csv")) {
            fprintf(stderr, "sparecap: error: %s: holds '%s'; not replaced\n", dir, e->d_name);
            ok = false;
        }
    }
    closedir(dp);
    return ok;
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
    while ((c = getopt_long(argc, argv, "+ho:", longopts, NULL)) != -1) {
        switch (c) {
        case O_PLANTS:
            if (!whole("plants", optarg, 1, 100, &v)) return EXIT_USAGE;
            p.plants = (int)v;
            break;
        case O_LINES:
            if (!whole("lines", optarg, 1, 16, &v)) return EXIT_USAGE;
            p.lines = (int)v;
            break;
        case O_WEEKS:
            if (!whole("weeks", optarg, 1, 520, &v)) return EXIT_USAGE;
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
        default:
            if (optopt == 'o') return cli_usage_error("gen-scenario", "-o: expected a directory");
            if (optopt >= O_PLANTS && optopt <= O_SEED)
                return cli_usage_error("gen-scenario", "'%s' expects a value", argv[optind - 1]);
            return cli_usage_error("gen-scenario", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("gen-scenario", "unexpected argument '%s'", argv[optind]);
    if (!dir || !*dir) return cli_usage_error("gen-scenario", "expected -o DIR");

    struct stat sb;
    bool exists = lstat(dir, &sb) == 0;
    if (exists && !force) {
        fprintf(stderr, "sparecap: error: %s: already exists (--force replaces a scenario)\n", dir);
        return EXIT_INPUT;
    }
    if (exists && !S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "sparecap: error: %s: exists and is not a directory; not replaced\n", dir);
        return EXIT_INPUT;
    }
    if (exists && !replaceable(dir)) return EXIT_INPUT;

    sc_diag d = {0};
    sc_scenario *sc;
    sc_status st = sc_scenario_gen(&p, &sc, &d);
    if (st == SC_EINVAL) {
        int rc = cli_usage_error("gen-scenario", "%s (is --first-week a real ISO week?)", d.msg);
        return rc;
    }
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
