/*
** sparecap sequence INSTANCE: orders the cars of a line-day.
*/
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void help(void) {
    printf("usage: sparecap sequence [OPTIONS] INSTANCE\n\n"
           "Orders the cars of INSTANCE (a ROADEF 2005 directory or a CSPLib file) by\n"
           "local search, starting from a greedy sequence, and writes the best sequence\n"
           "found. The search is anytime: Ctrl-C (SIGINT) or SIGTERM ends it early and\n"
           "the best sequence so far is still written.\n\n"
           "  -t, --time SECONDS  time limit (default 10; 0: none, then --effort is needed)\n"
           "      --effort N      moves to evaluate per thread; with one thread and a seed\n"
           "                      the output is the same on every machine\n"
           "      --seed S        random seed (default 1)\n"
           "      --threads T     search threads, a portfolio sharing its best (default 1)\n"
           "  -o, --output FILE   write the solution to FILE (default: standard output)\n"
           "      --json          print the result as JSON on standard output (with -o)\n"
           "  -q, --quiet         no progress line on standard error\n"
           "  -h, --help          show this help\n\n"
           "The solution lists the day's cars as 'rank;Ident' lines (ROADEF) or one\n"
           "class index per line (CSPLib). Progress (elapsed, best objectives, moves per\n"
           "second) goes to standard error when it is a terminal.\n\n"
           "exit codes: 0 a feasible sequence written, 1 bad input or failure,\n"
           "            2 usage error, 3 written but hard constraints still violated\n");
}

typedef struct progress_ctx {
    const sc_instance *in;
} progress_ctx;

static void on_progress(const sc_progress *p, void *user) {
    const progress_ctx *ctx = user;
    char name[64];
    fprintf(stderr, "\r%7.1fs ", p->elapsed);
    for (size_t k = 0; k < sc_instance_nobjectives(ctx->in); k++)
        fprintf(stderr, " %s %" PRId64, cli_objective_name(ctx->in, k, name, sizeof name),
                p->best.value[k]);
    fprintf(stderr, "  total %" PRId64 "  %.2fM moves/s ", p->best.total, p->moves_per_sec / 1e6);
    fflush(stderr);
}

int cmd_sequence(int argc, char **argv) {
    static const struct option longopts[] = {{"time", required_argument, NULL, 't'},
                                             {"effort", required_argument, NULL, 'e'},
                                             {"seed", required_argument, NULL, 's'},
                                             {"threads", required_argument, NULL, 'T'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    sc_search_params sp;
    sc_search_defaults(&sp);
    const char *out = "-";
    bool json = false, quiet = false, time_given = false;
    uint64_t u;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":t:o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (!cli_parse_double(optarg, &sp.time_limit))
                return cli_usage_error("sequence",
                                       "--time: expected seconds from 0 to 1e9, got '%s'", optarg);
            time_given = true;
            break;
        case 'e':
            if (!cli_parse_u64(optarg, &sp.effort) || sp.effort == 0)
                return cli_usage_error("sequence",
                                       "--effort: expected a positive integer, got '%s'", optarg);
            break;
        case 's':
            if (!cli_parse_u64(optarg, &sp.seed))
                return cli_usage_error("sequence", "--seed: expected an integer >= 0, got '%s'",
                                       optarg);
            break;
        case 'T':
            if (!cli_parse_u64(optarg, &u) || u < 1 || u > 256)
                return cli_usage_error("sequence", "--threads: expected 1 to 256, got '%s'",
                                       optarg);
            sp.threads = (int)u;
            break;
        case 'o': out = optarg; break;
        case 'j': json = true; break;
        case 'q': quiet = true; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_option_error("sequence", c, argv);
        }
    }
    if (argc - optind != 1) return cli_usage_error("sequence", "expected one INSTANCE");
    if (sp.effort && !time_given) sp.time_limit = 0;
    if (sp.time_limit <= 0 && !sp.effort)
        return cli_usage_error("sequence", "--time 0 needs --effort");
    if (json && !strcmp(out, "-"))
        return cli_usage_error("sequence", "--json prints to standard output: give -o FILE");
    /* A bad -o is found now, not after the search: its result would be lost. */
    int rc = cli_check_output(out, false);
    if (rc >= 0) return rc;
    const char *ipath = argv[optind];
    sc_diag d = {0};
    sc_instance *in;
    double t_read = cli_now();
    /* Caught before reading: a signal during the read ends the run as soon
    ** as the instance is in, with the input order written. */
    volatile int *stop = cli_catch_stop();
    sc_status st = sc_instance_read(ipath, &in, &d);
    if (st) return cli_fail(st, &d);
    /* The time limit counts from the start of the run: reading a huge
    ** instance takes its share. What is left is at least a millisecond,
    ** in which the search writes the input order at worst. */
    if (sp.time_limit > 0) {
        sp.time_limit -= cli_now() - t_read;
        if (sp.time_limit < 1e-3) sp.time_limit = 1e-3;
    }
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc((n ? n : 1) * sizeof *seq);
    if (!seq) {
        sc_instance_free(in);
        return cli_fail(SC_ENOMEM, &d);
    }
    sp.stop = stop;
    progress_ctx ctx = {in};
    bool show = !quiet && isatty(STDERR_FILENO);
    if (show) {
        sp.progress = on_progress;
        sp.user = &ctx;
    }
    sc_search_stats stats;
    st = sc_search_run(in, &sp, seq, false, &stats, &d);
    if (show) fprintf(stderr, "\n");
    if (st == SC_OK) st = sc_solution_write(in, seq, out, &d);
    if (st) {
        free(seq);
        sc_instance_free(in);
        return cli_fail(st, &d);
    }
    bool feasible = sc_score_is_feasible(&stats.best);
    sc_bound bound;
    if ((st = sc_bound_compute(in, &bound))) {
        free(seq);
        sc_instance_free(in);
        return cli_fail(st, &d);
    }
    if (json) {
        printf("{\"instance\":\"%s\",\"valid\":%s,", ipath, feasible ? "true" : "false");
        cli_score_json(stdout, in, &stats.best);
        printf(",");
        cli_bound_json(stdout, in, &stats.best, &bound);
        printf(",\"initial_total\":%" PRId64 ",\"elapsed\":%.3f,\"time_to_best\":%.3f,"
               "\"moves\":%" PRIu64 ",\"moves_per_sec\":%.0f,\"seed\":%" PRIu64
               ",\"threads\":%d,\"interrupted\":%s,\"construction_stopped\":%s,"
               "\"max_rss_kb\":%ld}\n",
               stats.initial.total, stats.elapsed, stats.time_to_best, stats.moves,
               stats.elapsed > 0 ? (double)stats.moves / stats.elapsed : 0.0, sp.seed, sp.threads,
               *stop ? "true" : "false", stats.construction_stopped ? "true" : "false",
               cli_max_rss_kb());
    } else if (strcmp(out, "-") != 0 && !quiet) {
        cli_score_text(stdout, in, &stats.best);
        cli_bound_text(stdout, in, &stats.best, &bound);
        printf("time to best %.2fs, %" PRIu64 " moves in %.2fs\n", stats.time_to_best, stats.moves,
               stats.elapsed);
    }
    free(seq);
    sc_instance_free(in);
    if (!feasible) {
        fprintf(stderr, "sparecap: error: %s: no sequence found that obeys the hard constraints\n",
                ipath);
        return EXIT_INFEASIBLE;
    }
    return EXIT_OK;
}
