/*
** Helpers shared by the libFuzzer harnesses. See fuzzutil.h.
*/
#include "fuzzutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[4096];

static void remove_dir(void) {
    DIR *dp = opendir(dir);
    if (!dp) return;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        char path[4096 + 256];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(dp);
    rmdir(dir);
}

const char *fz_dir(void) {
    if (dir[0]) return dir;
    /* Every run writes files: memory-backed /dev/shm makes that several
    ** times faster than a disk-backed /tmp. $TMPDIR wins when set. */
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/sparecap-fuzz-XXXXXX", base);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    atexit(remove_dir);
    return dir;
}

const char *fz_write(int slot, const char *name, const void *data, size_t size) {
    static char paths[8][4096 + 256];
    char *path = paths[slot & 7];
    snprintf(path, sizeof paths[0], "%s/%s", fz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

void fz_check_instance(const sc_instance *in) {
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = malloc((n ? n : 1) * sizeof *seq);
    uint32_t *back = malloc((n ? n : 1) * sizeof *back);
    if (!seq || !back) abort();
    sc_sequence_identity(in, seq);
    sc_score s;
    sc_diag d;
    sc_status st = sc_score_sequence(in, seq, &s, &d);
    if (st == SC_OK) {
        /* What was written must read back to the same order. The stream
        ** writer is used: sc_solution_write's fsync would slow every run. */
        const char *path = fz_write(7, "check-solution.txt", "", 0);
        FILE *f = fopen(path, "w");
        if (!f) abort();
        st = sc_solution_print(in, seq, f);
        if (fclose(f) != 0) abort();
        if (st == SC_OK) {
            st = sc_solution_read(in, path, back, &d);
            if (st == SC_OK && memcmp(seq, back, n * sizeof *seq) != 0) {
                fprintf(stderr, "solution read back differs\n");
                abort();
            }
        }
    }
    if (st != SC_OK && st != SC_ENOMEM) {
        fprintf(stderr, "an instance the reader accepted fails its checks: %s: %s\n",
                sc_strerror(st), d.msg);
        abort();
    }
    free(seq);
    free(back);
}

char *fz_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) abort();
    char *buf = malloc(1 << 22);
    if (!buf) abort();
    *len = fread(buf, 1, (1 << 22) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

void fz_check_plan(sc_status st, sc_plan *pl) {
    if (st != SC_OK) {
        if (st != SC_EINVAL && st != SC_ENOMEM && st != SC_EIO) abort();
        return;
    }
    sc_plan_kpis k;
    sc_diag d;
    if (sc_plan_kpis_get(pl, NULL, &k, NULL) != SC_OK) abort();
    if (k.on_time + k.late + k.unplanned != k.orders) abort();
    for (size_t x = 0; x < sc_plan_ndays(pl); x++) {
        sc_instance *in;
        uint32_t *seq;
        if (sc_plan_day_instance(pl, x, &in, &seq, &d) != SC_OK) abort();
        sc_score s;
        if (sc_score_sequence(in, seq, &s, &d) != SC_OK) abort();
        if (s.total != sc_plan_day_score(pl, x).total) abort();
        free(seq);
        sc_instance_free(in);
    }
    sc_plan_free(pl);
}
