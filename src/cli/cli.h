/*
** Helpers shared by the subcommands. The CLI uses the public API only.
*/
#ifndef SC_CLI_H
#define SC_CLI_H

#include "sparecap.h"

/* Exit codes, documented in README.md. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INFEASIBLE = 3 };

/* Prints "sparecap: error: <diag>" and returns EXIT_INPUT (or EXIT_FAILURE
** style codes for other statuses). */
int cli_fail(sc_status st, const sc_diag *d);
/* Prints "sparecap: <cmd>: <msg>" and a hint to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The usage error for what getopt_long returned, 'c': ':' for an option
** without its value (the optstring starts with ':', or "+:"), else an
** unknown option. Returns EXIT_USAGE. */
int cli_option_error(const char *cmd, int c, char **argv);
/* Checks the output directory 'dir' before anything is made: it must not
** exist, or, with 'force', be a directory holding nothing but files named
** in 'names' (NULL-ended), the files of 'what' ("an instance"). Sets
** *exists; returns -1 to go on, or EXIT_INPUT after a one-line error. */
int cli_out_dir(const char *dir, bool force, const char *const *names, const char *what,
                bool *exists);
/* Checks, before any work, that the output 'path' can be written: a file
** ('is_dir' false; "-" is standard output) or a directory ('is_dir' true)
** that does not exist yet or is to be replaced. Returns -1 to go on, or
** EXIT_INPUT after "sparecap: error: PATH: cannot write: REASON". */
int cli_check_output(const char *path, bool is_dir);
/* Parses a whole number option value. */
bool cli_parse_u64(const char *s, uint64_t *out);
/* Parses 'arg' of option --'name' of 'cmd' as a whole number from 'lo' to
** 'hi'; prints the usage error when it is not one. */
bool cli_whole(const char *cmd, const char *name, const char *arg, uint64_t lo, uint64_t hi,
               uint64_t *out);
bool cli_parse_double(const char *s, double *out);
/* Prints a score as JSON object members (no braces). */
void cli_score_json(FILE *f, const sc_instance *in, const sc_score *s);
/* Prints a score as "name value" lines for people. */
/* The bound of each objective and of the total, and the gap of 's' to
** them, as JSON members ("bound":{...},"gap":{...}) or as text lines
** (cmd_check.c). */
void cli_bound_json(FILE *f, const sc_instance *in, const sc_score *s, const sc_bound *b);
void cli_bound_text(FILE *f, const sc_instance *in, const sc_score *s, const sc_bound *b);
void cli_score_text(FILE *f, const sc_instance *in, const sc_score *s);
/* The name of objective 'k' ("hprc", "colour_changes", "lprc" or "ratio_level_N"). */
const char *cli_objective_name(const sc_instance *in, size_t k, char *buf, size_t size);
/* Seconds since an arbitrary start, monotonic. */
double cli_now(void);
/* From now on Ctrl-C and SIGTERM raise the flag returned, which the engine's
** and the planner's 'stop' watch. */
volatile int *cli_catch_stop(void);
/* Peak resident memory of this process, in KiB. */
long cli_max_rss_kb(void);
/* 'v' with thousands separators, in one of 16 rotating buffers. */
const char *cli_num(int64_t v);

/* Progress of a plan or replan on standard error: a sc_plan_params
** 'progress' callback whose 'user' is a cli_bar (zeroed). */
typedef struct cli_bar {
    double last;
    const char *stage;
} cli_bar;
void cli_plan_progress(const sc_plan_progress *p, void *user);
/* Shows "WHAT ..." on the progress line ("writing DIR"); NULL clears it. */
void cli_progress_note(const char *what);

int cmd_check(int argc, char **argv);
int cmd_sequence(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_gen_scenario(int argc, char **argv);
int cmd_replan(int argc, char **argv);

/* What 'plan' and 'demo' share (src/cli/cmd_plan.c). */
typedef struct cli_plan_options {
    const char *cmd;   /* "plan" or "demo", for messages */
    const char *out;   /* the plan directory */
    const char *brand; /* --brand, or NULL */
    bool keep;         /* hand the plan back (cli_plan_and_write's 'kept') */
    bool json, quiet;
    sc_plan_params params;
} cli_plan_options;

void cli_plan_options_init(cli_plan_options *o);
/* Parses the shared options; returns -1 to go on, or an exit code. */
int cli_plan_parse(int argc, char **argv, cli_plan_options *o, void (*help_fn)(void));
/* The long options of plan, demo and replan alike (a getopt_long table's
** entries; the file includes <getopt.h>). */
/* clang-format off */
#define CLI_PLAN_LONGOPTS                                                                \
    {"output", required_argument, NULL, 'o'}, {"brand", required_argument, NULL, 'b'},   \
    {"seed", required_argument, NULL, 's'}, {"effort", required_argument, NULL, 'e'},    \
    {"mip-nodes", required_argument, NULL, 'n'},                                         \
    {"threads", required_argument, NULL, 'T'}, {"json", no_argument, NULL, 'j'},         \
    {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}
/* clang-format on */

/* Takes the value of planning option 'c' ('s' --seed, 'e' --effort, 'n'
** --mip-nodes, 'T' --threads) into 'p'. Returns -1 when it is good, or the
** exit code of a usage error. */
int cli_plan_param(const char *cmd, int c, const char *arg, sc_plan_params *p);
/* Plans 'sc', writes the plan and prints the summary; returns the exit code.
** With o->keep, a plan written (exit 0 or 3) is handed back in '*kept' for
** the caller to free; else '*kept' (which may be NULL) is left NULL. */
int cli_plan_and_write(const sc_scenario *sc, cli_plan_options *o, double t_read, sc_plan **kept);
/* Prints every diagnostic of 'dl' as "sparecap: error: FILE:LINE:COL: MSG";
** returns EXIT_INPUT. */
int cli_print_diags(const sc_diag_list *dl, sc_status st);
/* Reads the scenario and its orders into *sc; returns -1 to go on, or an
** exit code after printing the errors. */
int cli_read_scenario(const char *spath, const char *opath, sc_scenario **sc);
/* Prints the summary of 'pl' in the view of 'brand' as one JSON object
** (sc_plan_summary_json, plan.json's names) with a "run" member: seconds per
** stage, cars, moves, threads, peak memory. Returns -1, or an exit code after
** the error (out of memory, standard output not written). */
int cli_summary_json(const sc_plan *pl, const char *brand, double t_read, double t_write,
                     int threads);
/* Checks --brand (NULL: none) against the scenario; returns -1 to go on, or
** EXIT_USAGE after naming the brands there are. */
int cli_check_brand(const char *cmd, const sc_scenario *sc, const char *brand);
/* The exit code of a written plan: EXIT_INFEASIBLE, with a message, when a
** line-day breaks a hard constraint; else EXIT_OK. */
int cli_plan_exit(const sc_plan *pl, const char *out);
/* Parses 'arg', the value of option 'opt', "WHAT:FROM..TO" or "WHAT:DATE",
** into 's', whose strings are written into 'buf' (of 'size' bytes, at least
** strlen(arg) + 2). On a malformed value prints the usage error and returns
** false. */
bool cli_parse_span(const char *cmd, const char *opt, const char *arg, sc_span *s, char *buf,
                    size_t size);

/* What 'replan' and 'demo --outage' share (src/cli/cmd_replan.c). */
typedef struct cli_replan_options {
    const char *cmd;      /* "replan" or "demo", for messages */
    const char *plan_dir; /* the baseline, read from this directory... */
    const sc_plan *base;  /* ... or taken from this plan held in memory */
    const char *out;      /* the new plan directory */
    const char *brand;    /* --brand, or NULL */
    const char **outage, **shift;
    size_t noutages, nshifts;
    bool json, quiet;
    bool seed_given, effort_given, nodes_given; /* else the baseline's */
    sc_replan_params params;
} cli_replan_options;

void cli_replan_options_init(cli_replan_options *o);
/* Reads the baseline, replans 'sc', writes the new plan and prints the
** summary; returns the exit code. */
int cli_replan_and_write(const sc_scenario *sc, cli_replan_options *o, double t_read);

/* The built-in demo scenario and orders (src/cli/demo_data.c). */
const char *cli_demo_scenario(size_t *len);
const char *cli_demo_orders(size_t *len);

#endif
