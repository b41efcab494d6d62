/*
** Writing an instance as a ROADEF 2005 directory: the four files of the
** challenge, in the layout of its real files (';'-separated, one header
** line, a trailing ';' on every line of optimization_objectives.txt,
** paint_batch_limit.txt and ratios.txt, none in vehicles.txt). The previous
** day's cars are dated "2026 1 1", the day's "2026 1 2".
**
** The directory appears whole or not at all: the files are written into a
** temporary sibling (see make_tmp), synced, and the sibling is renamed to
** the target. On any failure the sibling and its files are removed.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"

static const char *const file_names[4] = {
    "optimization_objectives.txt",
    "paint_batch_limit.txt",
    "ratios.txt",
    "vehicles.txt",
};

/* True when 's' can stand as one field: not empty, no separator, no line
** break, no blank at either end (the reader trims those). */
static bool is_field(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t') return false;
    return strpbrk(s, ";\r\n") == NULL;
}

/*
** Checks that 'in' can be written in the ROADEF layout: one to three
** objectives among HPRC (ratio level 1), colour changes and LPRC (level 0),
** each at most once; one soft rule of level 0 or 1 per option; no frozen
** cars; at least one car of the day; names that fit in a field. Fills
** 'rule_of' (option -> rule). On failure fills 'd' and returns SC_EINVAL.
** O(cars + rules).
*/
static sc_status check_writable(const sc_instance *in, const char *dir, int *rule_of, sc_diag *d) {
    if (in->nobj < 1 || in->nobj > 3) {
        sc__diag_set(d, dir, 0, 0, "ROADEF layout needs 1 to 3 objectives, the instance has %zu",
                     in->nobj);
        return SC_EINVAL;
    }
    for (size_t k = 0; k < in->nobj; k++) {
        const sc_objective *o = &in->obj[k];
        if (o->kind == SC_OBJ_RATIO && o->level > 1) {
            sc__diag_set(d, dir, 0, 0, "objective %zu: ratio level %d (ROADEF has levels 0 and 1)",
                         k + 1, o->level);
            return SC_EINVAL;
        }
        for (size_t j = 0; j < k; j++)
            if (in->obj[j].kind == o->kind &&
                (o->kind == SC_OBJ_COLOUR || in->obj[j].level == o->level)) {
                sc__diag_set(d, dir, 0, 0, "objective %zu repeats objective %zu", k + 1, j + 1);
                return SC_EINVAL;
            }
    }
    for (size_t o = 0; o < in->noptions; o++)
        rule_of[o] = -1;
    for (size_t r = 0; r < in->nrules; r++) {
        const sc_rule *rule = &in->rules[r];
        if (rule->hard || rule->level > 1) {
            sc__diag_set(d, dir, 0, 0, "rule %zu: %s (ROADEF rules are soft, of level 0 or 1)",
                         r + 1, rule->hard ? "hard" : "level above 1");
            return SC_EINVAL;
        }
        if (rule_of[rule->option] >= 0) {
            sc__diag_set(d, dir, 0, 0, "option '%s' has two rules (ROADEF has one per option)",
                         sc_instance_option_name(in, (size_t)rule->option));
            return SC_EINVAL;
        }
        rule_of[rule->option] = (int)r;
    }
    for (size_t o = 0; o < in->noptions; o++) {
        const char *name = sc_instance_option_name(in, o);
        if (rule_of[o] < 0) {
            sc__diag_set(d, dir, 0, 0, "option '%s' has no rule (ROADEF has one per option)", name);
            return SC_EINVAL;
        }
        if (!is_field(name)) {
            sc__diag_set(d, dir, 0, 0, "option name '%s' cannot be written as a field", name);
            return SC_EINVAL;
        }
    }
    for (size_t c = 0; c < in->ncolours; c++)
        if (!is_field(sc_instance_colour_name(in, c))) {
            sc__diag_set(d, dir, 0, 0, "colour name '%s' cannot be written as a field",
                         sc_instance_colour_name(in, c));
            return SC_EINVAL;
        }
    if (in->nfixed != in->nprev) {
        sc__diag_set(d, dir, 0, 0, "the ROADEF layout has no frozen cars (the instance has %zu)",
                     in->nfixed - in->nprev);
        return SC_EINVAL;
    }
    if (in->ncars == in->nprev) {
        sc__diag_set(d, dir, 0, 0, "the instance has no car of the day");
        return SC_EINVAL;
    }
    for (size_t car = 0; car < in->ncars; car++)
        if (!is_field(sc_instance_car_id(in, car))) {
            sc__diag_set(d, dir, 0, 0, "car id '%s' cannot be written as a field",
                         sc_instance_car_id(in, car));
            return SC_EINVAL;
        }
    return SC_OK;
}

static const char *objective_name(const sc_objective *o) {
    if (o->kind == SC_OBJ_COLOUR) return "paint_color_batches";
    return o->level ? "high_priority_level_and_easy_to_satisfy_ratio_constraints"
                    : "low_priority_level_ratio_constraints";
}

/* Writes file 'which' of 'in' to 'f'. Errors show in ferror(f). */
static void write_one(const sc_instance *in, int which, FILE *f) {
    switch (which) {
    case 0:
        fputs("rank;objective name;\n", f);
        for (size_t k = 0; k < in->nobj; k++)
            fprintf(f, "%zu;%s;\n", k + 1, objective_name(&in->obj[k]));
        break;
    case 1:
        /* The layout has no "none": a limit of the day's length never binds. */
        fprintf(f, "limitation;\n%zu;\n",
                in->batch_limit > 0 ? (size_t)in->batch_limit : in->ncars - in->nprev);
        break;
    case 2:
        fputs("Ratio;Prio;Ident;\n", f);
        for (size_t r = 0; r < in->nrules; r++) {
            const sc_rule *rule = &in->rules[r];
            fprintf(f, "%d/%d;%d;%s;\n", rule->n, rule->p, rule->level,
                    sc_instance_option_name(in, (size_t)rule->option));
        }
        break;
    default: {
        fputs("Date;SeqRank;Ident;Paint Color", f);
        for (size_t r = 0; r < in->nrules; r++)
            fprintf(f, ";%s", sc_instance_option_name(in, (size_t)in->rules[r].option));
        fputc('\n', f);
        /* Previous-day ranks end where a day as long as this one would. */
        size_t nday = in->ncars - in->nprev;
        size_t rank = nday > in->nprev ? nday - in->nprev + 1 : 1;
        for (size_t car = 0; car < in->ncars; car++) {
            if (car == in->nprev) rank = 1;
            fprintf(f, "%s;%zu;%s;%s", car < in->nprev ? "2026 1 1" : "2026 1 2", rank++,
                    sc_instance_car_id(in, car),
                    sc_instance_colour_name(in, (size_t)in->colour[car]));
            for (size_t r = 0; r < in->nrules; r++) {
                fputc(';', f);
                fputc(sc__car_has(in, car, (size_t)in->rules[r].option) ? '1' : '0', f);
            }
            fputc('\n', f);
        }
    }
    }
}

/* Removes the temporary directory 'tmp' and the files written into it. */
static void remove_tmp(const char *tmp) {
    char path[4096 + 80];
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, file_names[i]);
        unlink(path);
    }
    rmdir(tmp);
}

/*
** Creates a fresh sibling directory "TARGET.tmpPID.N" into 'tmp'. Unlike
** mkdtemp, which makes it private (0700), the mode honours the umask, so
** the instance gets the permissions a plain mkdir would give it. Returns
** false with errno set on failure.
*/
static bool make_tmp(const char *target, char *tmp, size_t size) {
    for (unsigned k = 0; k < 1000; k++) {
        int n = snprintf(tmp, size, "%s.tmp%ld.%u", target, (long)getpid(), k);
        if (n < 0 || (size_t)n >= size) {
            errno = ENAMETOOLONG;
            return false;
        }
        if (mkdir(tmp, 0777) == 0) return true;
        if (errno != EEXIST) return false;
    }
    return false;
}

/* Syncs the directory holding 'path' so that a rename into it lasts. A
** failure is ignored: the data itself is already synced. */
static void sync_parent(const char *path) {
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", path);
    char *slash = strrchr(parent, '/');
    if (!slash)
        strcpy(parent, ".");
    else if (slash == parent)
        parent[1] = '\0';
    else
        *slash = '\0';
    int fd = open(parent, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/*
** Writes 'in' as the ROADEF 2005 directory 'dir', which must not exist.
** Returns SC_EINVAL (with 'd') when 'dir' exists or 'in' does not fit the
** layout, SC_EIO when writing fails. Nothing is left behind on failure.
** (A directory created at 'dir' by someone else during the call is
** replaced when it is empty, as rename(2) does.) O(cars x rules).
*/
sc_status sc_roadef_write(const sc_instance *in, const char *dir, sc_diag *d) {
    char target[4096], tmp[4096 + 48], path[4096 + 80];
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--; /* "out/" names "out" */
    if (n == 0 || n >= sizeof target) {
        sc__diag_set(d, dir, 0, 0, n ? "path too long" : "empty path");
        return SC_EINVAL;
    }
    memcpy(target, dir, n);
    target[n] = '\0';
    struct stat sb;
    if (lstat(target, &sb) == 0) {
        sc__diag_set(d, target, 0, 0, "already exists");
        return SC_EINVAL;
    }
    int rule_of[SC_MAX_OPTIONS];
    sc_status st = check_writable(in, target, rule_of, d);
    if (st) return st;

    if (!make_tmp(target, tmp, sizeof tmp)) {
        sc__diag_set(d, target, 0, 0, "cannot create: %s", strerror(errno));
        return SC_EIO;
    }
    int failed = 0;
    for (int i = 0; i < 4; i++) {
        failed = i;
        snprintf(path, sizeof path, "%s/%s", tmp, file_names[i]);
        FILE *f = fopen(path, "w");
        if (!f) goto fail;
        write_one(in, i, f);
        bool bad = ferror(f) != 0;
        bad |= fflush(f) != 0;
        bad |= fsync(fileno(f)) != 0;
        bad |= fclose(f) != 0;
        if (bad) goto fail;
    }
    /* The files are not reachable under 'target' until the rename. */
    if (rename(tmp, target) != 0) {
        int e = errno;
        remove_tmp(tmp);
        if (e == EEXIST || e == ENOTEMPTY) {
            sc__diag_set(d, target, 0, 0, "already exists");
            return SC_EINVAL;
        }
        sc__diag_set(d, target, 0, 0, "cannot create: %s", strerror(e));
        return SC_EIO;
    }
    sync_parent(target);
    return SC_OK;

fail:;
    int e = errno;
    remove_tmp(tmp);
    /* Name the file as it would have been called, not by its temporary
    ** directory, which is gone. */
    snprintf(path, sizeof path, "%s/%s", target, file_names[failed]);
    sc__diag_set(d, path, 0, 0, "cannot write: %s", strerror(e));
    return SC_EIO;
}
