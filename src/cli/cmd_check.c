/*
** sparecap check INSTANCE SOLUTION: validates a solution and prints its
** score.
*/
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The gap of 'v' to the bound 'b' as a share of 'v' (0 when 'v' is 0). */
static double gap_share(int64_t v, int64_t b) { return v > 0 ? (double)(v - b) / (double)v : 0; }

void cli_bound_json(FILE *f, const sc_instance *in, const sc_score *s, const sc_bound *b) {
    char name[64];
    fprintf(f, "\"bound\":{");
    for (size_t k = 0; k < sc_instance_nobjectives(in); k++)
        fprintf(f, "\"%s\":%" PRId64 ",", cli_objective_name(in, k, name, sizeof name),
                b->value[k]);
    fprintf(f, "\"total\":%" PRId64 ",\"hard_violations\":%" PRId64 "},\"gap\":{", b->total,
            b->hard);
    for (size_t k = 0; k < sc_instance_nobjectives(in); k++)
        fprintf(f, "\"%s\":%" PRId64 ",", cli_objective_name(in, k, name, sizeof name),
                s->value[k] - b->value[k]);
    fprintf(f, "\"total\":%" PRId64 ",\"total_share\":%.6f}", s->total - b->total,
            gap_share(s->total, b->total));
}

void cli_bound_text(FILE *f, const sc_instance *in, const sc_score *s, const sc_bound *b) {
    char name[64];
    for (size_t k = 0; k < sc_instance_nobjectives(in); k++)
        fprintf(f, "%-16s %10" PRId64 "  (lower bound; gap %" PRId64 ")\n",
                cli_objective_name(in, k, name, sizeof name), b->value[k],
                s->value[k] - b->value[k]);
    fprintf(f, "%-16s %10" PRId64 "  (lower bound; gap %" PRId64 ", %.2f%% of the total)\n",
            "total", b->total, s->total - b->total, 100 * gap_share(s->total, b->total));
}

static void help(void) {
    printf("usage: sparecap check [--json] INSTANCE SOLUTION\n\n"
           "Validates SOLUTION for INSTANCE (a ROADEF 2005 directory or a CSPLib file):\n"
           "every car of the day exactly once, fixed cars in place, the paint batch\n"
           "limit and hard ratio rules obeyed. Prints each objective and the weighted\n"
           "total, with a proven lower bound of each and the gap to it.\n\n"
           "  --json     print one JSON object instead of text\n"
           "  -h, --help show this help\n\n"
           "exit codes: 0 valid, 1 invalid or unreadable input, 2 usage error\n");
}

int cmd_check(int argc, char **argv) {
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    bool json = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': json = true; break;
        case 'h': help(); return EXIT_OK;
        default: return cli_option_error("check", c, argv);
        }
    }
    if (argc - optind != 2) return cli_usage_error("check", "expected INSTANCE and SOLUTION");
    const char *ipath = argv[optind], *spath = argv[optind + 1];
    sc_diag d = {0};
    sc_instance *in;
    sc_status st = sc_instance_read(ipath, &in, &d);
    if (st) return cli_fail(st, &d);
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc((n ? n : 1) * sizeof *seq);
    if (!seq) {
        sc_instance_free(in);
        return cli_fail(SC_ENOMEM, &d);
    }
    sc_score s;
    st = sc_solution_read(in, spath, seq, &d);
    if (st == SC_OK) {
        st = sc_score_sequence(in, seq, &s, &d);
        if (st == SC_EINVAL) strcpy(d.file, spath), d.line = 0;
    }
    if (st) {
        free(seq);
        sc_instance_free(in);
        return cli_fail(st, &d);
    }
    bool ok = sc_score_is_feasible(&s);
    sc_bound b;
    if ((st = sc_bound_compute(in, &b))) {
        free(seq);
        sc_instance_free(in);
        return cli_fail(st, &d);
    }
    if (json) {
        printf("{\"valid\":%s,", ok ? "true" : "false");
        cli_score_json(stdout, in, &s);
        printf(",");
        cli_bound_json(stdout, in, &s, &b);
        printf("}\n");
    } else {
        cli_score_text(stdout, in, &s);
        cli_bound_text(stdout, in, &s, &b);
        printf("%s\n", ok ? "valid" : "INVALID");
    }
    if (!ok)
        fprintf(stderr, "sparecap: error: %s: %s\n", spath,
                s.batch_excess ? "a colour run exceeds the paint batch limit"
                               : "a hard ratio rule is violated");
    free(seq);
    sc_instance_free(in);
    return ok ? EXIT_OK : EXIT_INPUT;
}
