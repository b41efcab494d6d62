/*
** Helpers shared by the tests. See testutil.h.
*/
#include "testutil.h"

#include "../src/model/model.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *tu_tmpdir(void) {
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    size_t n = strlen(base) + 32;
    char *dir = malloc(n);
    assert_non_null(dir);
    snprintf(dir, n, "%s/sparecap-test-XXXXXX", base);
    if (!mkdtemp(dir)) {
        print_error("mkdtemp %s: %s\n", dir, strerror(errno));
        free(dir);
        fail();
    }
    return dir;
}

/* Removes 'path' and, when it is a directory, everything under it. */
static void remove_tree(const char *path) {
    struct stat sb;
    if (lstat(path, &sb) != 0) return;
    if (S_ISDIR(sb.st_mode)) {
        DIR *dp = opendir(path);
        if (dp) {
            struct dirent *e;
            while ((e = readdir(dp)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
                char sub[4096];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                remove_tree(sub);
            }
            closedir(dp);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

void tu_tmpdir_free(char *dir) {
    if (!dir) return;
    remove_tree(dir);
    free(dir);
}

const char *tu_join(char *buf, size_t size, const char *dir, const char *name) {
    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

void tu_write_bytes(const char *dir, const char *name, const void *data, size_t len) {
    char path[4096];
    tu_join(path, sizeof path, dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        print_error("cannot write %s: %s\n", path, strerror(errno));
        fail();
    }
    size_t put = fwrite(data, 1, len, f);
    int bad = fclose(f) != 0;
    assert_true(put == len && !bad);
}

void tu_write(const char *dir, const char *name, const char *text) {
    tu_write_bytes(dir, name, text, strlen(text));
}

void tu_copy_dir(const char *from, const char *to) {
    DIR *dp = opendir(from);
    if (!dp) {
        print_error("cannot open directory %s: %s\n", from, strerror(errno));
        fail();
    }
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        char src[4096];
        struct stat sb;
        tu_join(src, sizeof src, from, e->d_name);
        if (stat(src, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        FILE *f = fopen(src, "rb");
        assert_non_null(f);
        char *buf = malloc((size_t)sb.st_size + 1);
        assert_non_null(buf);
        size_t got = fread(buf, 1, (size_t)sb.st_size, f);
        fclose(f);
        assert_true(got == (size_t)sb.st_size);
        tu_write_bytes(to, e->d_name, buf, got);
        free(buf);
    }
    closedir(dp);
}

const char *tu_roadef(char *buf, size_t size, const char *dir, const char *name,
                      const char *objectives, const char *batch_limit, const char *ratios,
                      const char *vehicles) {
    tu_join(buf, size, dir, name);
    assert_int_equal(mkdir(buf, 0777), 0);
    tu_write(buf, "optimization_objectives.txt", objectives);
    tu_write(buf, "paint_batch_limit.txt", batch_limit);
    tu_write(buf, "ratios.txt", ratios);
    tu_write(buf, "vehicles.txt", vehicles);
    return buf;
}

int tu_contains(const char *haystack, const char *needle) {
    if (strstr(haystack, needle)) return 1;
    print_error("expected to find \"%s\" in \"%s\"\n", needle, haystack);
    return 0;
}

unsigned long tu_oom_walk(const char *what, sc_status (*op)(void *ctx), void *ctx) {
    for (unsigned long n = 1;; n++) {
        sc__alloc_count = 0;
        sc__alloc_fail_at = n;
        sc_status st = op(ctx);
        unsigned long count = sc__alloc_count;
        sc__alloc_fail_at = 0;
        if (st == SC_OK) {
            if (count >= n) {
                print_error("%s: allocation %lu failed, yet the call succeeded\n", what, n);
                fail();
            }
            return count;
        }
        if (st != SC_ENOMEM) {
            print_error("%s: allocation %lu failed: status %d (%s), expected SC_ENOMEM\n", what, n,
                        st, sc_strerror(st));
            fail();
        }
        if (n > 100000) {
            print_error("%s: no success after %lu allocations\n", what, n);
            fail();
        }
    }
}

char *tu_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    if (len) *len = (size_t)n;
    return b;
}
