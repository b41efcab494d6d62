#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static bool progress_shown; /* a progress line stands on standard error */

int cli_fail(sc_status st, const sc_diag *d) {
    char buf[600];
    cli_progress_note(NULL);
    if (st == SC_EINVAL || st == SC_EIO)
        fprintf(stderr, "sparecap: error: %s\n", sc_diag_format(d, buf, sizeof buf));
    else
        fprintf(stderr, "sparecap: error: %s\n", sc_strerror(st));
    return st == SC_EINFEASIBLE ? EXIT_INFEASIBLE : EXIT_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "sparecap: %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'sparecap %s --help'.\n", cmd);
    return EXIT_USAGE;
}

bool cli_parse_span(const char *cmd, const char *opt, const char *arg, sc_span *s, char *buf,
                    size_t size) {
    const char *colon = strrchr(arg, ':');
    size_t len = strlen(arg);
    if (!colon || colon == arg || colon[1] == '\0' || len + 2 > size) {
        cli_usage_error(cmd,
                        "%s '%s': expected WHAT:FROM..TO or WHAT:DATE, a line or a plant and "
                        "dates YYYY-MM-DD",
                        opt, arg);
        return false;
    }
    /* WHAT, FROM and TO, each ended by a NUL, in 'buf'. */
    memcpy(buf, arg, len + 1);
    char *what = buf, *from = buf + (colon - arg) + 1, *dots = strstr(from, "..");
    from[-1] = '\0';
    s->where = what;
    s->from = from;
    s->to = NULL;
    if (dots) {
        *dots = '\0';
        s->to = dots + 2;
    }
    return true;
}

int cli_option_error(const char *cmd, int c, char **argv) {
    if (c == ':') return cli_usage_error(cmd, "'%s' expects a value", argv[optind - 1]);
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

bool cli_whole(const char *cmd, const char *name, const char *arg, uint64_t lo, uint64_t hi,
               uint64_t *out) {
    if (cli_parse_u64(arg, out) && *out >= lo && *out <= hi) return true;
    cli_usage_error(cmd, "--%s: expected a whole number from %" PRIu64 " to %" PRIu64 ", got '%s'",
                    name, lo, hi, arg);
    return false;
}

int cli_out_dir(const char *dir, bool force, const char *const *names, const char *what,
                bool *exists) {
    struct stat sb;
    *exists = lstat(dir, &sb) == 0;
    if (!*exists) return -1;
    if (!force) {
        fprintf(stderr, "sparecap: error: %s: already exists (--force replaces %s)\n", dir, what);
        return EXIT_INPUT;
    }
    if (!S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "sparecap: error: %s: exists and is not a directory; not replaced\n", dir);
        return EXIT_INPUT;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "sparecap: error: %s: exists and cannot be read as a directory: %s\n", dir,
                strerror(errno));
        return EXIT_INPUT;
    }
    int rc = -1;
    struct dirent *e;
    while (rc < 0 && (e = readdir(dp))) {
        bool known = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
        for (size_t i = 0; names[i] && !known; i++)
            known = !strcmp(e->d_name, names[i]);
        if (!known) {
            fprintf(stderr,
                    "sparecap: error: %s: holds '%s', which is not part of %s; not replaced\n", dir,
                    e->d_name, what);
            rc = EXIT_INPUT;
        }
    }
    closedir(dp);
    return rc;
}

/*
** Outputs are written to a temporary name beside the target and renamed
** into place (a device or a pipe is written in place), so what must hold
** before a long search or plan is: the target is not a directory (for a
** file) or not a file (for a directory), and the directory that will hold
** it exists and lets this process create and rename entries in it. A
** command calls this before it reads or computes anything, so that a bad
** -o costs nothing; the write itself can still fail later (a full disk),
** and then says so. The checks read the file system and change nothing.
*/
int cli_check_output(const char *path, bool is_dir) {
    if (!is_dir && !strcmp(path, "-")) return -1;
    const char *reason = NULL;
    char parent[4096];
    size_t len = strlen(path);
    struct stat sb;
    bool in_place = false; /* a device or a pipe: written where it is */
    if (len == 0 || len >= sizeof parent) {
        reason = len ? "path too long" : "empty path";
    } else if (stat(path, &sb) == 0) {
        if (!is_dir && S_ISDIR(sb.st_mode)) {
            reason = "is a directory";
        } else if (is_dir && !S_ISDIR(sb.st_mode)) {
            reason = "exists and is not a directory";
        } else if (!is_dir && !S_ISREG(sb.st_mode)) {
            in_place = true;
            if (access(path, W_OK) != 0) reason = strerror(errno);
        }
    } else if (errno != ENOENT) {
        reason = strerror(errno);
    }
    if (!reason && !in_place) {
        memcpy(parent, path, len + 1);
        while (len > 1 && parent[len - 1] == '/')
            parent[--len] = '\0';
        char *slash = strrchr(parent, '/');
        if (!slash)
            strcpy(parent, ".");
        else if (slash == parent)
            parent[1] = '\0';
        else
            *slash = '\0';
        if (stat(parent, &sb) != 0)
            reason = strerror(errno);
        else if (!S_ISDIR(sb.st_mode))
            reason = strerror(ENOTDIR);
        else if (access(parent, W_OK | X_OK) != 0)
            reason = strerror(errno);
    }
    if (!reason) return -1;
    fprintf(stderr, "sparecap: error: %s: cannot write: %s\n", path, reason);
    return EXIT_INPUT;
}

bool cli_parse_u64(const char *s, uint64_t *out) {
    if (!s || !*s || *s == '-') return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) return false;
    *out = v;
    return true;
}

bool cli_parse_double(const char *s, double *out) {
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !(v >= 0) || v > 1e9) return false;
    *out = v;
    return true;
}

const char *cli_objective_name(const sc_instance *in, size_t k, char *buf, size_t size) {
    sc_objective o = sc_instance_objective(in, k);
    if (o.kind == SC_OBJ_COLOUR)
        snprintf(buf, size, "colour_changes");
    else if (sc_instance_format(in) == SC_FORMAT_ROADEF)
        snprintf(buf, size, "%s", o.level ? "hprc" : "lprc");
    else if (sc_instance_format(in) == SC_FORMAT_CSPLIB)
        snprintf(buf, size, "violations");
    else
        snprintf(buf, size, "ratio_level_%d", o.level);
    return buf;
}

void cli_score_json(FILE *f, const sc_instance *in, const sc_score *s) {
    char name[64];
    fprintf(f, "\"objectives\":{");
    for (size_t k = 0; k < sc_instance_nobjectives(in); k++)
        fprintf(f, "%s\"%s\":%" PRId64, k ? "," : "", cli_objective_name(in, k, name, sizeof name),
                s->value[k]);
    fprintf(f,
            "},\"total\":%" PRId64 ",\"hard_violations\":%" PRId64 ",\"batch_excess\":%" PRId64
            ",\"longest_run\":%d",
            s->total, s->hard, s->batch_excess, s->longest_run);
}

void cli_score_text(FILE *f, const sc_instance *in, const sc_score *s) {
    char name[64];
    for (size_t k = 0; k < sc_instance_nobjectives(in); k++) {
        sc_objective o = sc_instance_objective(in, k);
        fprintf(f, "%-16s %10" PRId64 "  (weight %" PRId64 ")\n",
                cli_objective_name(in, k, name, sizeof name), s->value[k], o.weight);
    }
    fprintf(f, "%-16s %10" PRId64 "\n", "total", s->total);
    if (s->hard) fprintf(f, "%-16s %10" PRId64 "\n", "hard_violations", s->hard);
    if (sc_instance_batch_limit(in))
        fprintf(f, "%-16s %10d  (limit %d)\n", "longest_run", s->longest_run,
                sc_instance_batch_limit(in));
}

double cli_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile int stop_flag;

static void on_stop(int sig) {
    (void)sig;
    stop_flag = 1;
}

volatile int *cli_catch_stop(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return &stop_flag;
}

long cli_max_rss_kb(void) {
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

const char *cli_num(int64_t v) {
    static char bufs[16][32];
    static int k;
    char *b = bufs[k++ % 16], tmp[32];
    snprintf(tmp, sizeof tmp, "%" PRIu64, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
    size_t len = strlen(tmp), j = 0;
    if (v < 0) b[j++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) b[j++] = ',';
        b[j++] = tmp[i];
    }
    b[j] = '\0';
    return b;
}

void cli_plan_progress(const sc_plan_progress *p, void *user) {
    cli_bar *b = user;
    double t = cli_now();
    bool stage_change = !b->stage || strcmp(b->stage, p->stage) != 0;
    if (!stage_change && t - b->last < 0.1 && p->done != p->total) return;
    b->last = t;
    b->stage = p->stage;
    if (!strcmp(p->stage, "done")) {
        cli_progress_note(NULL);
        return;
    }
    if (!strcmp(p->stage, "sequencing") && p->total) {
        int width = 30, fill = (int)((double)width * (double)p->done / (double)p->total);
        fprintf(stderr, "\r[%.*s%.*s] sequencing %zu/%zu line-days ", fill,
                "##############################", width - fill, "..............................",
                p->done, p->total);
        progress_shown = true;
        fflush(stderr);
    } else {
        cli_progress_note(p->stage);
    }
}

void cli_progress_note(const char *what) {
    if (progress_shown) fprintf(stderr, "\r%-72s\r", "");
    if (what) fprintf(stderr, "%s ...", what);
    progress_shown = what != NULL;
    fflush(stderr);
}
