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
/* Parses a whole number option value. */
bool cli_parse_u64(const char *s, uint64_t *out);
bool cli_parse_double(const char *s, double *out);
/* Prints a score as JSON object members (no braces). */
void cli_score_json(FILE *f, const sc_instance *in, const sc_score *s);
/* Prints a score as "name value" lines for people. */
void cli_score_text(FILE *f, const sc_instance *in, const sc_score *s);
/* The name of objective 'k' ("hprc", "colour_changes", "lprc" or "ratio_level_N"). */
const char *cli_objective_name(const sc_instance *in, size_t k, char *buf, size_t size);
/* Seconds since an arbitrary start, monotonic. */
double cli_now(void);

int cmd_check(int argc, char **argv);
int cmd_sequence(int argc, char **argv);
int cmd_gen(int argc, char **argv);

#endif
