/*
** plan_in_memory: plans a scenario with libsparecap, in memory, and prints
** its headline numbers. Nothing is written to disk.
**
**   plan_in_memory SCENARIO ORDERS
**
** SCENARIO is a scenario JSON file and ORDERS its orders CSV (see
** docs/FORMATS.md), say examples/jlr-chery-2026/scenario.json and
** orders.csv. The program reads both, plans them with sc_plan_run (the
** defaults of sc_plan_defaults, with a lighter sequencing effort so that
** it takes a second or two), and prints one "name value" line per figure
** of the host's full view: the release of the library, the scenario, the
** utilisation (cars over slots, a number from 0 to 1), the capacity, host
** and guest cars, the guests' orders on time, late and unplanned, and the
** line-days sequenced. It exits 0; on bad input or a failure it prints one
** error line on standard error and exits 1 (2 for a wrong command line).
**
** It uses nothing but the public header, and shows how a program builds
** against an installed libsparecap:
**
**   cc -o plan_in_memory plan_in_memory.c $(pkg-config --cflags --libs sparecap)
**
** or, with the static library (GNU ld's -l:FILE picks libsparecap.a over
** the shared library beside it),
**
**   cc -o plan_in_memory plan_in_memory.c \
**      $(pkg-config --static --cflags --libs sparecap | sed 's/-lsparecap/-l:libsparecap.a/')
**
** Nothing in the project's build compiles it: tests/test_install.sh builds
** it both ways against a staged install and checks what it prints.
*/
#include <inttypes.h>
#include <stdio.h>

#include <sparecap.h>

/* Prints the first error of 'errs' (or of 'st' when there is none) as one
** line and returns 1. */
static int fail_list(const sc_diag_list *errs, sc_status st) {
    char buf[700];
    if (st != SC_ENOMEM && errs->count > 0)
        fprintf(stderr, "plan_in_memory: error: %s%s\n",
                sc_diag_format_full(&errs->item[0], buf, sizeof buf),
                errs->count + errs->dropped > 1 ? " (and more)" : "");
    else
        fprintf(stderr, "plan_in_memory: error: %s\n", sc_strerror(st));
    return 1;
}

/* Prints 'd' (or 'st' when 'd' says nothing) as one line and returns 1. */
static int fail(const sc_diag *d, sc_status st) {
    char buf[700];
    if (d->msg[0])
        fprintf(stderr, "plan_in_memory: error: %s\n", sc_diag_format(d, buf, sizeof buf));
    else
        fprintf(stderr, "plan_in_memory: error: %s\n", sc_strerror(st));
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: plan_in_memory SCENARIO ORDERS\n");
        return 2;
    }
    sc_diag_list errs = {0};
    sc_scenario *sc;
    sc_status st = sc_scenario_read(argv[1], &sc, &errs);
    if (st != SC_OK) return fail_list(&errs, st);
    st = sc_scenario_read_orders(sc, argv[2], &errs);
    if (st != SC_OK) {
        sc_scenario_free(sc);
        return fail_list(&errs, st);
    }

    sc_plan_params params;
    sc_plan_defaults(&params);
    params.effort_per_car = 4; /* a tenth of the default: quick, a little worse */

    sc_diag d = {0};
    sc_plan *pl;
    st = sc_plan_run(sc, &params, &pl, &d);
    if (st != SC_OK) {
        sc_scenario_free(sc);
        return fail(&d, st);
    }

    sc_plan_kpis k;
    st = sc_plan_kpis_get(pl, NULL, &k, &d); /* NULL: the host's full view */
    if (st != SC_OK) {
        sc_plan_free(pl);
        sc_scenario_free(sc);
        return fail(&d, st);
    }
    printf("sparecap %s\n", sc_version());
    printf("scenario %s\n", sc_scenario_name(sc));
    printf("utilisation %.4f\n", k.utilisation);
    printf("capacity %" PRId64 "\n", k.capacity);
    printf("host_cars %" PRId64 "\n", k.host_cars);
    printf("guest_cars %" PRId64 "\n", k.guest_cars);
    printf("orders %" PRId64 " on_time %" PRId64 " late %" PRId64 " unplanned %" PRId64 "\n",
           k.orders, k.on_time, k.late, k.unplanned);
    printf("line_days %zu\n", k.line_days);

    sc_plan_free(pl);
    sc_scenario_free(sc);
    return 0;
}
