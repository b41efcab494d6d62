/*
** sparecap gen -o DIR: writes a synthetic instance, shaped like Renault's
** line-days, as a ROADEF 2005 directory.
*/
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define GEN_MAX_COLOURS 1000 /* as in src/seq/gen.c */

static void help(void) {
    printf("usage: sparecap gen [OPTIONS] -o DIR\n\n"
           "Writes a synthetic instance shaped like Renault's line-days as the ROADEF 2005\n"
           "directory DIR (optimization_objectives.txt, paint_batch_limit.txt, ratios.txt,\n"
           "vehicles.txt): one ratio rule per option, objectives HPRC > colour changes >\n"
           "LPRC, a few common paint colours and many rare ones, the previous day's tail\n"
           "in front. The day's cars come in colour batches within the batch limit, so the\n"
           "file order is a valid (if poor) solution. The same options give the same files.\n\n"
           "  --cars N         cars of the day (default 1000)\n"
           "  --prev N         cars of the previous day, fixed in front (default 20)\n"
           "  --options N      options, one ratio rule each, 1..%d (default 8)\n"
           "  --high N         how many rules are high priority (default 3)\n"
           "  --colours N      paint colours, 1..%d (default 12)\n"
           "  --batch-limit N  longest run of one colour; 0: none (default 10)\n"
           "  --load X         demand / capacity of each rule, in (0, 1] (default 0.8)\n"
           "  --seed S         random seed (default 1)\n"
           "  -o DIR           the directory to create (must not exist)\n"
           "  --force          replace DIR when it holds ROADEF instance files only\n"
           "  -h, --help       show this help\n\n"
           "With --hard it writes instead the CSPLib file FILE (-o FILE) of the hard\n"
           "class: --cars cars (default 1000), five options under the ratio rules 1/2,\n"
           "2/3, 1/3, 2/5 and 1/5, each option given to cars that fill its capacity to\n"
           "a utilisation drawn between --load - 0.05 and --load (default 1); the\n"
           "classes are the option sets that occur. Other options are ignored.\n\n"
           "exit codes: 0 written, 1 failure, 2 usage error\n",
           SC_MAX_RULES, GEN_MAX_COLOURS);
}

static const char *const instance_files[] = {
    "optimization_objectives.txt", "paint_batch_limit.txt", "ratios.txt", "vehicles.txt", NULL,
};

/* Removes the instance files of 'dir', then 'dir'. */
static void remove_instance(const char *dir) {
    char path[4096 + 64];
    for (size_t i = 0; instance_files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, instance_files[i]);
        unlink(path);
    }
    rmdir(dir);
}

/*
** gen --hard: writes the CSPLib file 'path' of the hard class, with the
** cars and seed of 'p' and utilisations in [load - 0.05, load]. An
** existing file is replaced only with 'force' (the write is atomic).
*/
static int gen_hard(const sc_gen_params *p, double load, const char *path, bool force) {
    struct stat sb;
    if (!force && stat(path, &sb) == 0) {
        fprintf(stderr, "sparecap: error: %s: already exists (--force replaces it)\n", path);
        return EXIT_INPUT;
    }
    sc_gen_hard_params hp = {p->ncars, load > 0.05 ? load - 0.05 : load, load, p->seed};
    sc_diag d = {0};
    sc_instance *in;
    sc_status st = sc_gen_csplib_hard(&hp, &in, &d);
    if (st == SC_EINVAL) return cli_usage_error("gen", "%s", d.msg);
    if (st) return cli_fail(st, &d);
    st = sc_csplib_write(in, path, &d);
    if (st) {
        sc_instance_free(in);
        return cli_fail(st, &d);
    }
    printf(
        "%s: %zu cars, 5 options (1/2, 2/3, 1/3, 2/5, 1/5), utilisation %.2f to %.2f, seed %" PRIu64
        "\n",
        path, sc_instance_ncars(in), hp.util_lo, hp.util_hi, hp.seed);
    sc_instance_free(in);
    return EXIT_OK;
}

int cmd_gen(int argc, char **argv) {
    enum {
        O_CARS = 256,
        O_PREV,
        O_OPTIONS,
        O_HIGH,
        O_COLOURS,
        O_BATCH,
        O_LOAD,
        O_SEED,
        O_FORCE,
        O_HARD
    };
    static const struct option longopts[] = {
        {"cars", required_argument, NULL, O_CARS},
        {"prev", required_argument, NULL, O_PREV},
        {"options", required_argument, NULL, O_OPTIONS},
        {"high", required_argument, NULL, O_HIGH},
        {"colours", required_argument, NULL, O_COLOURS},
        {"batch-limit", required_argument, NULL, O_BATCH},
        {"load", required_argument, NULL, O_LOAD},
        {"seed", required_argument, NULL, O_SEED},
        {"force", no_argument, NULL, O_FORCE},
        {"hard", no_argument, NULL, O_HARD},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    sc_gen_params p;
    sc_gen_defaults(&p);
    const char *dir = NULL;
    bool force = false, hard = false, load_given = false;
    uint64_t v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:ho:", longopts, NULL)) != -1) {
        switch (c) {
        case O_CARS:
            if (!cli_whole("gen", "cars", optarg, 1, SC_MAX_CARS, &v)) return EXIT_USAGE;
            p.ncars = (size_t)v;
            break;
        case O_PREV:
            if (!cli_whole("gen", "prev", optarg, 0, SC_MAX_CARS, &v)) return EXIT_USAGE;
            p.nprev = (size_t)v;
            break;
        case O_OPTIONS:
            if (!cli_whole("gen", "options", optarg, 1, SC_MAX_RULES, &v)) return EXIT_USAGE;
            p.noptions = (int)v;
            break;
        case O_HIGH:
            if (!cli_whole("gen", "high", optarg, 0, SC_MAX_RULES, &v)) return EXIT_USAGE;
            p.nhigh = (int)v;
            break;
        case O_COLOURS:
            if (!cli_whole("gen", "colours", optarg, 1, GEN_MAX_COLOURS, &v)) return EXIT_USAGE;
            p.ncolours = (int)v;
            break;
        case O_BATCH:
            if (!cli_whole("gen", "batch-limit", optarg, 0, INT_MAX, &v)) return EXIT_USAGE;
            p.batch_limit = (int)v;
            break;
        case O_LOAD:
            if (!cli_parse_double(optarg, &p.load) || !(p.load > 0 && p.load <= 1))
                return cli_usage_error("gen",
                                       "--load: expected a number above 0 and at most 1, "
                                       "got '%s'",
                                       optarg);
            load_given = true;
            break;
        case O_SEED:
            if (!cli_parse_u64(optarg, &p.seed))
                return cli_usage_error("gen", "--seed: expected a whole number, got '%s'", optarg);
            break;
        case O_FORCE: force = true; break;
        case O_HARD: hard = true; break;
        case 'o': dir = optarg; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_option_error("gen", c, argv);
        }
    }
    if (optind < argc) return cli_usage_error("gen", "unexpected argument '%s'", argv[optind]);
    if (!dir || !*dir) return cli_usage_error("gen", hard ? "expected -o FILE" : "expected -o DIR");
    if (hard) return gen_hard(&p, load_given ? p.load : 1.0, dir, force);
    if (p.nhigh > p.noptions)
        return cli_usage_error("gen", "--high: expected at most --options (%d), got %d", p.noptions,
                               p.nhigh);
    if (p.nprev > (size_t)SC_MAX_CARS - p.ncars)
        return cli_usage_error("gen", "--cars + --prev: expected at most %d, got %zu", SC_MAX_CARS,
                               p.ncars + p.nprev);
    if (p.ncolours == 1 && p.batch_limit > 0 && (p.nprev > 0 || p.ncars > (size_t)p.batch_limit))
        return cli_usage_error("gen",
                               "--colours 1 cannot keep the runs within --batch-limit %d "
                               "(use --colours 2 or more, or --batch-limit 0)",
                               p.batch_limit);

    /* --force checks the old directory first, moves it aside, and removes
    ** it only once the new instance is in place: a failure leaves it be. */
    bool exists;
    int rc = cli_out_dir(dir, force, instance_files, "an instance", &exists);
    if (rc >= 0) return rc;

    sc_diag d = {0};
    sc_instance *in;
    sc_status st = sc_gen_instance(&p, &in, &d);
    if (st == SC_EINVAL) return cli_usage_error("gen", "%s", d.msg);
    if (st) return cli_fail(st, &d);

    char aside[4096 + 16] = "";
    if (exists) {
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            n--;
        snprintf(aside, sizeof aside, "%.*s.oldXXXXXX", (int)n, dir);
        bool made = mkdtemp(aside) != NULL;
        if (!made || rename(dir, aside) != 0) {
            fprintf(stderr, "sparecap: error: %s: cannot move aside: %s\n", dir, strerror(errno));
            if (made) rmdir(aside);
            sc_instance_free(in);
            return EXIT_INPUT;
        }
    }
    st = sc_roadef_write(in, dir, &d);
    if (aside[0]) {
        if (st == SC_OK)
            remove_instance(aside);
        else if (rename(aside, dir) != 0)
            fprintf(stderr, "sparecap: error: the old instance is left in %s\n", aside);
    }
    if (st) {
        sc_instance_free(in);
        return cli_fail(st, &d);
    }
    size_t nprev = sc_instance_nprev(in);
    printf("%s: %zu cars (+%zu of the previous day), %zu options (%d high), %zu colours, "
           "batch limit %d, seed %" PRIu64 "\n",
           dir, sc_instance_ncars(in) - nprev, nprev, sc_instance_noptions(in), p.nhigh,
           sc_instance_ncolours(in), sc_instance_batch_limit(in), p.seed);
    sc_instance_free(in);
    return EXIT_OK;
}
