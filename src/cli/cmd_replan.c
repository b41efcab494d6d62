/*
** sparecap replan PLAN_DIR [SCENARIO ORDERS] --outage WHAT:FROM..TO -o NEW_DIR:
** replans a published plan after an outage, with a frozen horizon and as
** little churn as it can, and writes the new plan with diff.csv and a
** report that compares before and after. The shared part (read the
** baseline, replan, write, summary) also serves 'sparecap demo --outage'.
*/
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define MAX_SPECS 256

static void help(void) {
    printf(
        "usage: sparecap replan [OPTIONS] PLAN_DIR [SCENARIO ORDERS] --outage WHAT:FROM..TO "
        "-o DIR\n\n"
        "Replans the plan in PLAN_DIR (written by 'sparecap plan' from SCENARIO and ORDERS;\n"
        "without them, the copies the plan keeps in PLAN_DIR are used) after an outage. The "
        "line-days before --from and the first --frozen working days\n"
        "from it stay exactly as published: the same cars in the same positions. If a line\n"
        "is down on one of them, its cars cannot be built: they are listed, and go first,\n"
        "in their published order, on the line's first days after the frozen horizon.\n"
        "Everything after is allocated, slotted and sequenced again, keeping each order on\n"
        "its old line and day and each car in its old position where it can. Nothing is\n"
        "planned on a line while it is down. Writes DIR like 'sparecap plan', with\n"
        "diff.csv (per order: old and new line, day and position, the delay in days) and a\n"
        "report that compares before and after; prints a summary.\n\n"
        "  --outage WHAT:FROM..TO   WHAT (a line or a plant) is down from FROM to TO,\n"
        "                           dates YYYY-MM-DD, both included; repeat for more\n"
        "  --from DATE              the first day that may change (default: the first day\n"
        "                           of the earliest outage)\n"
        "  --frozen DAYS            working days from --from kept as published (default 5)\n"
        "  --extra-shift WHAT:DATE  offer an extra shift on a line, or on every line of a\n"
        "                           plant, that day; WHAT:FROM..TO offers one per day\n"
        "                           (Sundays and bank holidays left out). The allocation\n"
        "                           takes one only where it cuts lateness or contract\n"
        "                           shortfall by more than it costs. Repeat for more\n"
        "  --shift-cost C           cost of an extra shift, in the units of the contract\n"
        "                           penalties (default: the scenario's \"recovery\", else\n"
        "                           20000)\n"
        "  --shift-hours H          hours of an extra shift (default: the scenario's, else 7.5)\n"
        "  --churn-cost C           cost per car the allocation takes off its old line-week\n"
        "                           (default 10)\n"
        "  --catch-up V             build the host's cars of the old plan that their week\n"
        "                           can no longer build (the line down) in later weeks, in\n"
        "                           spare slots or extra shifts, where a car is worth V\n"
        "                           against the guests' penalties and the shifts' cost\n"
        "                           (default: an earlier replan's value, else the scenario's\n"
        "                           \"recovery\" host_car_value, else 0: none)\n"
        "  -o, --output DIR         the new plan directory (not PLAN_DIR)\n"
        "      --brand NAME         write brand NAME's view\n"
        "      --seed S, --effort N, --mip-nodes N\n"
        "                           as for 'sparecap plan' (default: those PLAN_DIR was\n"
        "                           planned with)\n"
        "      --threads T          line-days sequenced at once (default: the cores, %ld)\n"
        "      --json               print the summary as one JSON object\n"
        "  -q, --quiet              no summary, no progress\n"
        "  -h, --help               show this help\n\n"
        "The same input, seed, effort and node budget give the same plan, byte for byte.\n\n"
        "exit codes: 0 replanned, 1 bad input or failure (nothing written), 2 usage error,\n"
        "            3 replanned and written, but a line-day breaks a hard constraint\n",
        sysconf(_SC_NPROCESSORS_ONLN));
}

static void summary_text(const sc_scenario *sc, const sc_plan *pl, const cli_replan_options *o,
                         double t_read, double t_write) {
    sc_replan_stats rs;
    sc_plan_stats s;
    sc_replan_stats_get(pl, &rs, NULL);
    sc_plan_stats_get(pl, &s);
    printf("replan     %s\n", sc_scenario_name(sc));
    printf("outages   ");
    for (size_t i = 0; i < o->noutages; i++)
        printf(" %s%s", o->outage[i], i + 1 < o->noutages ? ";" : "");
    printf("\n");
    if (rs.frozen_to[0])
        printf("frozen     %s to %s (%d working days): kept as published where the line runs\n",
               rs.from, rs.frozen_to, o->params.frozen_days);
    else
        printf("frozen     nothing from %s (--frozen 0)\n", rs.from);
    if (rs.carried_cars)
        printf("carried    %s cars were published for days their line is down: they go first "
               "after the outage%s%s%s\n",
               cli_num((int64_t)rs.carried_cars), rs.carried_lost ? " (" : "",
               rs.carried_lost ? cli_num((int64_t)rs.carried_lost) : "",
               rs.carried_lost ? " lost: their line stays down)" : "");
    printf("churn      %s orders planned from %s in both plans: %s on the same day, %s moved "
           "to another day, %s to another line; mean delay %.1f days\n",
           cli_num(rs.orders_compared), rs.from, cli_num(rs.orders_same_day), cli_num(rs.moved_day),
           cli_num(rs.moved_line), rs.mean_delay_days);
    printf("sequences  %.1f%% of cars in their old position after the frozen horizon; %s of %s "
           "line-days unchanged\n",
           100 * rs.sequence_accuracy, cli_num((int64_t)rs.line_days_same),
           cli_num((int64_t)rs.line_days_compared));
    for (size_t b = 0; b < sc_scenario_nbrands(sc); b++) {
        const char *name = sc_scenario_brand_name(sc, b);
        if (o->brand && strcmp(o->brand, name)) continue;
        sc_replan_brand rb;
        sc_replan_brand_get(pl, name, &rb, NULL);
        printf("%-10s cars %s -> %s (%s)", name, cli_num(rb.cars_before), cli_num(rb.cars_after),
               cli_num(rb.cars_after - rb.cars_before));
        if (!sc_scenario_brand_is_host(sc, b))
            printf("; late orders %s -> %s, unplanned %s -> %s, contract shortfall %s -> %s",
                   cli_num(rb.late_before), cli_num(rb.late_after), cli_num(rb.unplanned_before),
                   cli_num(rb.unplanned_after), cli_num(rb.shortfall_before),
                   cli_num(rb.shortfall_after));
        printf("\n");
    }
    if (!o->brand && (rs.host_owed || rs.host_caught_up))
        printf(
            "catch-up   %s host cars of the old plan their week can no longer build; %s built in "
            "later weeks%s\n",
            cli_num(rs.host_owed), cli_num(rs.host_caught_up),
            rs.host_value > 0 ? "" : " (no --catch-up value)");
    if (rs.shifts_offered)
        printf("shifts     %s of %s extra shifts offered used, cost %s\n",
               cli_num((int64_t)rs.shifts_used), cli_num((int64_t)rs.shifts_offered),
               cli_num((int64_t)(rs.shift_cost + 0.5)));
    for (size_t l = 0; l < sc_scenario_nlines(sc); l++) {
        sc_replan_line rl;
        sc_replan_line_get(pl, l, &rl, NULL);
        if (!rl.down_from[0]) continue;
        printf("%-10s down %s to %s (%s cars); builds again %s; ", rl.name, rl.down_from,
               rl.down_to, cli_num(rl.lost), rl.restart[0] ? rl.restart : "never");
        if (rl.back_on_plan[0])
            printf("back on plan %s\n", rl.back_on_plan);
        else
            printf("not back on plan by the end of the horizon (%s cars %s)\n",
                   cli_num(rl.behind < 0 ? -rl.behind : rl.behind),
                   rl.behind < 0 ? "ahead of it" : "behind");
    }
    printf("time       read %.2f s, ledger %.2f s, allocation %.2f s (%s), slotting %.2f s, "
           "sequencing %.2f s (%s moves, %d thread%s), writing %.2f s\n",
           t_read, s.t_ledger, s.t_allocation, s.mip_status, s.t_slotting, s.t_sequencing,
           cli_num((int64_t)s.moves), o->params.plan.threads,
           o->params.plan.threads == 1 ? "" : "s", t_write);
    printf("report     %s/report.html, changes per order in %s/diff.csv\n", o->out, o->out);
}

/* ------------------------------------------------------------ shared */

void cli_replan_options_init(cli_replan_options *o) {
    memset(o, 0, sizeof *o);
    sc_replan_defaults(&o->params);
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    o->params.plan.threads = nc > 0 && nc <= 256 ? (int)nc : 1;
}

int cli_replan_and_write(const sc_scenario *sc, cli_replan_options *o, double t_read0) {
    int rc = cli_check_brand(o->cmd, sc, o->brand);
    if (rc >= 0) return rc;
    bool show = !o->quiet && isatty(STDERR_FILENO);
    char note[4200];
    snprintf(note, sizeof note, "reading %s", o->plan_dir);
    if (show) cli_progress_note(note);
    double t0 = cli_now();
    sc_baseline *base;
    sc_diag d = {0};
    sc_status st = o->base ? sc_baseline_from_plan(o->base, sc, &base, &d)
                           : sc_baseline_read(o->plan_dir, sc, &base, &d);
    if (st) return cli_fail(st, &d);
    double t_read = t_read0 + cli_now() - t0;
    /* The baseline's seed, effort and nodes, unless given. */
    sc_plan_params given = o->params.plan;
    sc_baseline_params(base, &o->params.plan);
    if (o->seed_given) o->params.plan.seed = given.seed;
    if (o->effort_given) o->params.plan.effort_per_car = given.effort_per_car;
    if (o->nodes_given) o->params.plan.mip_nodes = given.mip_nodes;
    /* The spans the options name, into library structs. */
    size_t nspans = o->noutages + o->nshifts, bufsize = 0;
    for (size_t i = 0; i < nspans; i++)
        bufsize += strlen(i < o->noutages ? o->outage[i] : o->shift[i - o->noutages]) + 2;
    sc_span *spans = malloc((nspans + 1) * sizeof *spans);
    char *buf = malloc(bufsize + 1), *at = buf;
    if (!spans || !buf) {
        free(spans);
        free(buf);
        sc_baseline_free(base);
        fprintf(stderr, "sparecap: error: out of memory\n");
        return EXIT_INPUT;
    }
    for (size_t i = 0; i < nspans; i++) {
        bool outage = i < o->noutages;
        const char *arg = outage ? o->outage[i] : o->shift[i - o->noutages];
        size_t n = strlen(arg) + 2;
        if (!cli_parse_span(o->cmd, outage ? "--outage" : "--extra-shift", arg, &spans[i], at, n)) {
            free(spans);
            free(buf);
            sc_baseline_free(base);
            return EXIT_USAGE;
        }
        at += n;
    }
    o->params.outage = spans;
    o->params.noutages = o->noutages;
    o->params.shift = spans + o->noutages;
    o->params.nshifts = o->nshifts;
    volatile int *stop = cli_catch_stop();
    o->params.plan.stop = stop;
    cli_bar b = {0, NULL};
    if (show) {
        o->params.plan.progress = cli_plan_progress;
        o->params.plan.user = &b;
    }
    sc_plan *pl;
    st = sc_replan_run(sc, base, &o->params, &pl, &d);
    sc_baseline_free(base);
    free(spans);
    free(buf);
    o->params.outage = o->params.shift = NULL;
    if (st) return cli_fail(st, &d);
    if (*stop) {
        cli_progress_note(NULL);
        fprintf(stderr, "sparecap: interrupted: nothing written\n");
        sc_plan_free(pl);
        return EXIT_INPUT;
    }
    snprintf(note, sizeof note, "writing %s", o->out);
    if (show) cli_progress_note(note);
    t0 = cli_now();
    st = sc_plan_write(pl, o->out, o->brand, &d);
    if (show) cli_progress_note(NULL);
    double t_write = cli_now() - t0;
    if (st) {
        sc_plan_free(pl);
        return cli_fail(st, &d);
    }
    rc = -1;
    if (o->json)
        rc = cli_summary_json(pl, o->brand, t_read, t_write, o->params.plan.threads);
    else if (!o->quiet)
        summary_text(sc, pl, o, t_read, t_write);
    if (rc >= 0) {
        sc_plan_free(pl);
        return rc;
    }
    rc = cli_plan_exit(pl, o->out);
    sc_plan_free(pl);
    return rc;
}

/* ------------------------------------------------------------ the command */

int cmd_replan(int argc, char **argv) {
    enum {
        O_OUTAGE = 256,
        O_FROM,
        O_FROZEN,
        O_SHIFT,
        O_SHIFT_COST,
        O_SHIFT_HOURS,
        O_CHURN,
        O_CATCH_UP
    };
    static const struct option longopts[] = {
        {"outage", required_argument, NULL, O_OUTAGE},
        {"from", required_argument, NULL, O_FROM},
        {"frozen", required_argument, NULL, O_FROZEN},
        {"extra-shift", required_argument, NULL, O_SHIFT},
        {"shift-cost", required_argument, NULL, O_SHIFT_COST},
        {"shift-hours", required_argument, NULL, O_SHIFT_HOURS},
        {"churn-cost", required_argument, NULL, O_CHURN},
        {"catch-up", required_argument, NULL, O_CATCH_UP},
        CLI_PLAN_LONGOPTS,
        {NULL, 0, NULL, 0}};
    static const char *outages[MAX_SPECS], *shifts[MAX_SPECS];
    cli_replan_options o;
    cli_replan_options_init(&o);
    o.cmd = "replan";
    o.outage = outages;
    o.shift = shifts;
    uint64_t u;
    double x;
    int c, rc;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_OUTAGE:
            if (o.noutages == MAX_SPECS) return cli_usage_error("replan", "too many --outage");
            outages[o.noutages++] = optarg;
            break;
        case O_SHIFT:
            if (o.nshifts == MAX_SPECS) return cli_usage_error("replan", "too many --extra-shift");
            shifts[o.nshifts++] = optarg;
            break;
        case O_FROM: o.params.from = optarg; break;
        case O_FROZEN:
            if (!cli_parse_u64(optarg, &u) || u > 3650)
                return cli_usage_error(
                    "replan", "--frozen: expected 0 to 3650 working days, got '%s'", optarg);
            o.params.frozen_days = (int)u;
            break;
        case O_SHIFT_COST:
            if (!cli_parse_double(optarg, &x))
                return cli_usage_error(
                    "replan", "--shift-cost: expected a cost from 0 to 1e9, got '%s'", optarg);
            o.params.shift_cost = x;
            break;
        case O_SHIFT_HOURS:
            if (!cli_parse_double(optarg, &x) || x <= 0 || x > 24)
                return cli_usage_error(
                    "replan", "--shift-hours: expected hours in (0, 24], got '%s'", optarg);
            o.params.shift_hours = x;
            break;
        case O_CHURN:
            if (!cli_parse_double(optarg, &x))
                return cli_usage_error(
                    "replan", "--churn-cost: expected a cost from 0 to 1e9, got '%s'", optarg);
            o.params.churn_cost = x;
            break;
        case O_CATCH_UP:
            if (!cli_parse_double(optarg, &x))
                return cli_usage_error(
                    "replan", "--catch-up: expected a value from 0 to 1e9, got '%s'", optarg);
            o.params.host_value = x;
            break;
        case 'o': o.out = optarg; break;
        case 'b': o.brand = optarg; break;
        case 's':
        case 'e':
        case 'n':
        case 'T':
            if ((rc = cli_plan_param("replan", c, optarg, &o.params.plan)) >= 0) return rc;
            o.seed_given |= c == 's';
            o.effort_given |= c == 'e';
            o.nodes_given |= c == 'n';
            break;
        case 'j': o.json = true; break;
        case 'q': o.quiet = true; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_option_error("replan", c, argv);
        }
    }
    if (argc - optind != 1 && argc - optind != 3)
        return cli_usage_error("replan", "expected PLAN_DIR [SCENARIO ORDERS]");
    if (!o.out) return cli_usage_error("replan", "missing -o DIR");
    if (!o.noutages && !o.params.from)
        return cli_usage_error("replan", "missing --outage WHAT:FROM..TO (or --from DATE)");
    if ((rc = cli_check_output(o.out, true)) >= 0) return rc;
    o.plan_dir = argv[optind];
    /* Without SCENARIO and ORDERS, the inputs that 'plan' stored in PLAN_DIR. */
    char sbuf[4200], obuf[4200];
    snprintf(sbuf, sizeof sbuf, "%s/scenario.json", o.plan_dir);
    snprintf(obuf, sizeof obuf, "%s/orders.csv", o.plan_dir);
    const char *spath = argc - optind == 3 ? argv[optind + 1] : sbuf;
    const char *opath = argc - optind == 3 ? argv[optind + 2] : obuf;
    {
        /* The new plan must not replace the one it starts from. */
        struct stat a, b;
        if (!stat(o.plan_dir, &a) && !stat(o.out, &b) && a.st_dev == b.st_dev &&
            a.st_ino == b.st_ino)
            return cli_usage_error("replan", "-o %s: the new plan cannot replace PLAN_DIR", o.out);
    }
    double t0 = cli_now();
    sc_scenario *sc;
    if ((rc = cli_read_scenario(spath, opath, &sc)) >= 0) return rc;
    rc = cli_replan_and_write(sc, &o, cli_now() - t0);
    sc_scenario_free(sc);
    return rc;
}
