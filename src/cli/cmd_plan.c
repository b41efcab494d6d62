/*
** sparecap plan SCENARIO ORDERS -o DIR: plans a shared plant network and
** writes the plan. The shared part (plan, write, summary) also serves
** 'sparecap demo'.
*/
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"

static void help(void) {
    printf("usage: sparecap plan [OPTIONS] SCENARIO ORDERS -o DIR\n\n"
           "Plans the guests' cars on the host's spare capacity: the capacity ledger per\n"
           "line and week, the guest volume per model, line and week (a MIP, GLPK), every\n"
           "order on a day of its line, and every line-day sequenced by the engine. Writes\n"
           "DIR/plan.json, ledger.csv, allocation.csv, sequences.csv, late.csv,\n"
           "unplanned.csv and report.html, all at once or not at all, and a summary on\n"
           "standard output. SCENARIO is JSON, ORDERS is CSV (docs/FORMATS.md).\n\n"
           "  -o, --output DIR    the plan directory (replaced when it holds an older plan)\n"
           "      --brand NAME    write what brand NAME may see: its own orders, allocation\n"
           "                      and sequences, and of the others only the aggregate\n"
           "                      capacity per line and week (default: the host's full view)\n"
           "      --seed S        random seed (default 1)\n"
           "      --effort N      engine moves per car of a line-day (default 40)\n"
           "      --mip-nodes N   branch-and-bound nodes of the allocation MIP (default 5000)\n"
           "      --threads T     line-days sequenced at once (default: the cores, %ld)\n"
           "      --json          print the summary as one JSON object\n"
           "  -q, --quiet         no summary, no progress\n"
           "  -h, --help          show this help\n\n"
           "The same input, seed, effort and node budget give the same plan, byte for byte,\n"
           "whatever the number of threads. Progress goes to standard error when it is a\n"
           "terminal.\n\n"
           "exit codes: 0 planned, 1 bad input or failure (nothing written), 2 usage error,\n"
           "            3 planned and written, but a line-day breaks a hard constraint\n",
           sysconf(_SC_NPROCESSORS_ONLN));
}

/* ------------------------------------------------------------ shared */

void cli_plan_options_init(cli_plan_options *o) {
    memset(o, 0, sizeof *o);
    sc_plan_defaults(&o->params);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    o->params.threads = n > 0 && n <= 256 ? (int)n : 1;
}

int cli_print_diags(const sc_diag_list *dl, sc_status st) {
    char buf[700];
    cli_progress_note(NULL);
    if (st == SC_ENOMEM) {
        fprintf(stderr, "sparecap: error: out of memory\n");
        return EXIT_INPUT;
    }
    for (size_t i = 0; i < dl->count; i++)
        fprintf(stderr, "sparecap: error: %s\n",
                sc_diag_format_full(&dl->item[i], buf, sizeof buf));
    if (dl->dropped)
        fprintf(stderr, "sparecap: error: ... and %zu more error%s\n", dl->dropped,
                dl->dropped > 1 ? "s" : "");
    return EXIT_INPUT;
}

/* Prints the summary of 'pl' as text. */
static void summary_text(const sc_scenario *sc, const sc_plan *pl, const cli_plan_options *o,
                         double t_write) {
    sc_plan_kpis k;
    sc_plan_stats s;
    sc_plan_kpis_get(pl, o->brand, &k, NULL);
    sc_plan_stats_get(pl, &s);
    printf("plan       %s\n", sc_scenario_name(sc));
    size_t nw = sc_scenario_nweeks(sc), np = sc_scenario_nplants(sc), nl = sc_scenario_nlines(sc);
    printf("horizon    %zu week%s, %zu plant%s, %zu line%s, %s line-day%s sequenced\n", nw,
           nw == 1 ? "" : "s", np, np == 1 ? "" : "s", nl, nl == 1 ? "" : "s",
           cli_num((int64_t)k.line_days), k.line_days == 1 ? "" : "s");
    if (!o->brand)
        printf("capacity   %s slots: host %s cars, guests %s cars, utilisation %.1f%%\n",
               cli_num(k.capacity), cli_num(k.host_cars), cli_num(k.guest_cars),
               100 * k.utilisation);
    else
        printf("capacity   %s slots, utilisation %.1f%% (all brands); %s: %s cars\n",
               cli_num(k.capacity), 100 * k.utilisation, o->brand, cli_num(k.guest_cars));
    for (size_t b = 0; b < sc_scenario_nbrands(sc); b++) {
        const char *name = sc_scenario_brand_name(sc, b);
        if (sc_scenario_brand_is_host(sc, b) || (o->brand && strcmp(o->brand, name))) continue;
        sc_plan_kpis g;
        sc_plan_kpis_get(pl, name, &g, NULL);
        printf("%-10s %s cars; ", name, cli_num(g.guest_cars));
        if (g.contract_min)
            printf("contract minimum %.1f%% met (%s cars short in %d week%s); ",
                   100.0 * (double)(g.contract_min - g.shortfall) / (double)g.contract_min,
                   cli_num(g.shortfall), g.weeks_short, g.weeks_short == 1 ? "" : "s");
        printf("orders %s on time, %s late, %s unplanned\n", cli_num(g.on_time), cli_num(g.late),
               cli_num(g.unplanned));
    }
    if (!o->brand && k.host_unmet)
        printf("host       %s cars of demand beyond its lines' capacity\n", cli_num(k.host_unmet));
    printf("sequences  line-days breaking a high-priority rule %s, a low-priority rule %s, a "
           "hard constraint %s",
           cli_num((int64_t)k.days_violating_high),
           cli_num((int64_t)(k.days_violating - k.days_violating_high)),
           cli_num((int64_t)k.days_infeasible));
    double cars = (double)(k.host_cars + k.guest_cars);
    if (!o->brand && cars > 0) /* a brand's view counts only its own cars */
        printf("; per 100 cars %.1f colour changes, %.2f low-priority violations",
               100.0 * (double)k.colour_changes / cars, 100.0 * (double)k.violations_low / cars);
    printf("\n");
    if (!o->brand)
        printf("allocation MIP %s rows, %s columns (%s integer), %s node%s, %s, %.2f s\n",
               cli_num(s.mip_rows), cli_num(s.mip_cols), cli_num(s.mip_ints), cli_num(s.mip_nodes),
               s.mip_nodes == 1 ? "" : "s", s.mip_status, s.t_allocation);
    printf("time       ledger %.2f s, allocation %.2f s, slotting %.2f s, sequencing %.2f s "
           "(%s moves, %d thread%s), writing %.2f s\n",
           s.t_ledger, s.t_allocation, s.t_slotting, s.t_sequencing, cli_num((int64_t)s.moves),
           o->params.threads, o->params.threads == 1 ? "" : "s", t_write);
    printf("report     %s/report.html\n", o->out);
}

/* 's' seconds to the millisecond. */
static double ms(double s) { return (double)(int64_t)(s * 1000 + 0.5) / 1000; }

int cli_summary_json(const sc_plan *pl, const char *brand, double t_read, double t_write,
                     int threads) {
    char *text;
    sc_diag d = {0};
    sc_status st = sc_plan_summary_json(pl, brand, &text, &d);
    if (st) return cli_fail(st, &d);
    json_t *o = json_loads(text, 0, NULL);
    free(text);
    sc_plan_stats s;
    sc_plan_stats_get(pl, &s);
    json_t *run =
        json_pack("{s:{s:f,s:f,s:f,s:f,s:f,s:f},s:I,s:I,s:i,s:I}", "seconds", "read", ms(t_read),
                  "ledger", ms(s.t_ledger), "allocation", ms(s.t_allocation), "slotting",
                  ms(s.t_slotting), "sequencing", ms(s.t_sequencing), "writing", ms(t_write),
                  "cars", (json_int_t)s.cars, "moves", (json_int_t)s.moves, "threads", threads,
                  "max_rss_kb", (json_int_t)cli_max_rss_kb());
    char *out = o && run && !json_object_set_new(o, "run", run)
                    ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
                    : NULL;
    json_decref(o);
    if (!out) {
        fprintf(stderr, "sparecap: error: out of memory\n");
        return EXIT_INPUT;
    }
    int rc = puts(out) < 0 ? EXIT_INPUT : -1;
    free(out);
    if (rc >= 0) fprintf(stderr, "sparecap: error: standard output: cannot write\n");
    return rc;
}

int cli_check_brand(const char *cmd, const sc_scenario *sc, const char *brand) {
    if (!brand || sc_scenario_find_brand(sc, brand) >= 0) return -1;
    fprintf(stderr, "sparecap: %s: --brand: no brand called '%s' (brands:", cmd, brand);
    for (size_t b = 0; b < sc_scenario_nbrands(sc); b++)
        fprintf(stderr, "%s %s", b ? "," : "", sc_scenario_brand_name(sc, b));
    fprintf(stderr, ")\n");
    return EXIT_USAGE;
}

int cli_plan_exit(const sc_plan *pl, const char *out) {
    sc_plan_kpis k;
    sc_plan_kpis_get(pl, NULL, &k, NULL);
    if (!k.days_infeasible) return EXIT_OK;
    fprintf(stderr, "sparecap: error: %zu line-days break a hard constraint (see %s/report.html)\n",
            k.days_infeasible, out);
    return EXIT_INFEASIBLE;
}

int cli_read_scenario(const char *spath, const char *opath, sc_scenario **sc) {
    sc_diag_list dl;
    sc_status st = sc_scenario_read(spath, sc, &dl);
    if (st) return cli_print_diags(&dl, st);
    st = sc_scenario_read_orders(*sc, opath, &dl);
    if (st) {
        sc_scenario_free(*sc);
        *sc = NULL;
        return cli_print_diags(&dl, st);
    }
    return -1;
}

int cli_plan_and_write(const sc_scenario *sc, cli_plan_options *o, double t_read, sc_plan **kept) {
    if (kept) *kept = NULL;
    int rc = cli_check_brand(o->cmd, sc, o->brand);
    if (rc >= 0) return rc;
    volatile int *stop = cli_catch_stop();
    o->params.stop = stop;
    cli_bar b = {0, NULL};
    if (!o->quiet && isatty(STDERR_FILENO)) {
        o->params.progress = cli_plan_progress;
        o->params.user = &b;
    }
    sc_plan *pl;
    sc_diag d = {0};
    sc_status st = sc_plan_run(sc, &o->params, &pl, &d);
    if (st) return cli_fail(st, &d);
    if (*stop) {
        cli_progress_note(NULL);
        fprintf(stderr, "sparecap: interrupted: nothing written\n");
        sc_plan_free(pl);
        return EXIT_INPUT;
    }
    double t0 = cli_now();
    char note[4200];
    snprintf(note, sizeof note, "writing %s", o->out);
    if (o->params.progress) cli_progress_note(note);
    st = sc_plan_write(pl, o->out, o->brand, &d);
    if (o->params.progress) cli_progress_note(NULL);
    double t_write = cli_now() - t0;
    if (st) {
        sc_plan_free(pl);
        return cli_fail(st, &d);
    }
    rc = -1;
    if (o->json)
        rc = cli_summary_json(pl, o->brand, t_read, t_write, o->params.threads);
    else if (!o->quiet)
        summary_text(sc, pl, o, t_write);
    if (rc < 0) rc = cli_plan_exit(pl, o->out);
    if (o->keep && kept)
        *kept = pl;
    else
        sc_plan_free(pl);
    return rc;
}

int cli_plan_param(const char *cmd, int c, const char *arg, sc_plan_params *p) {
    uint64_t u;
    switch (c) {
    case 's':
        if (!cli_parse_u64(arg, &p->seed))
            return cli_usage_error(cmd, "--seed: expected an integer >= 0, got '%s'", arg);
        break;
    case 'e':
        if (!cli_parse_u64(arg, &u) || u < 1 || u > 1000000)
            return cli_usage_error(cmd, "--effort: expected 1 to 1000000 moves per car, got '%s'",
                                   arg);
        p->effort_per_car = u;
        break;
    case 'n':
        if (!cli_parse_u64(arg, &u) || u < 1 || u > 100000000)
            return cli_usage_error(cmd, "--mip-nodes: expected a positive integer, got '%s'", arg);
        p->mip_nodes = u;
        break;
    default:
        if (!cli_parse_u64(arg, &u) || u < 1 || u > 256)
            return cli_usage_error(cmd, "--threads: expected 1 to 256, got '%s'", arg);
        p->threads = (int)u;
        break;
    }
    return -1;
}

/* Parses the options shared by 'plan' and 'demo'; returns -1 to go on, or
** an exit code. */
int cli_plan_parse(int argc, char **argv, cli_plan_options *o, void (*help_fn)(void)) {
    static const struct option longopts[] = {CLI_PLAN_LONGOPTS, {NULL, 0, NULL, 0}};
    int c, rc;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'b': o->brand = optarg; break;
        case 's':
        case 'e':
        case 'n':
        case 'T':
            if ((rc = cli_plan_param(o->cmd, c, optarg, &o->params)) >= 0) return rc;
            break;
        case 'j': o->json = true; break;
        case 'q': o->quiet = true; break;
        case 'h': help_fn(); return EXIT_OK;
        default: return cli_option_error(o->cmd, c, argv);
        }
    }
    return -1;
}

int cmd_plan(int argc, char **argv) {
    cli_plan_options o;
    cli_plan_options_init(&o);
    o.cmd = "plan";
    int rc = cli_plan_parse(argc, argv, &o, help);
    if (rc >= 0) return rc;
    if (argc - optind != 2) return cli_usage_error("plan", "expected SCENARIO and ORDERS");
    if (!o.out) return cli_usage_error("plan", "missing -o DIR");
    if ((rc = cli_check_output(o.out, true)) >= 0) return rc;
    const char *spath = argv[optind], *opath = argv[optind + 1];
    double t0 = cli_now();
    sc_scenario *sc;
    if ((rc = cli_read_scenario(spath, opath, &sc)) >= 0) return rc;
    rc = cli_plan_and_write(sc, &o, cli_now() - t0, NULL);
    sc_scenario_free(sc);
    return rc;
}
