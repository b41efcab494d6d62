/*
** Allocation, diagnostics and the string pool shared by the whole library.
*/
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"

#ifdef SC_TESTING
/*
** The test build's allocation-failure walk (tests/testutil.c, Lua's way):
** when 'sc__alloc_fail_at' is n > 0, the n-th allocation counted in
** 'sc__alloc_count' fails. The planner's sequencing threads allocate too, so
** the count is atomic and covers every thread. Only libraries built with
** SC_TESTING (sparecap_testing, for the tests) have these two symbols; the
** release libraries and the binary allocate without counting.
*/
unsigned long sc__alloc_fail_at = 0;
_Atomic unsigned long sc__alloc_count = 0;

static bool alloc_should_fail(void) {
    unsigned long k = atomic_fetch_add_explicit(&sc__alloc_count, 1, memory_order_relaxed) + 1;
    return sc__alloc_fail_at != 0 && k == sc__alloc_fail_at;
}
#else
static bool alloc_should_fail(void) { return false; }
#endif

void *sc__malloc(size_t size) { return alloc_should_fail() ? NULL : malloc(size ? size : 1); }

void *sc__calloc(size_t n, size_t size) {
    return alloc_should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *sc__realloc(void *p, size_t size) {
    return alloc_should_fail() ? NULL : realloc(p, size ? size : 1);
}

void sc__free(void *p) { free(p); }

/*
** Grows the array '*p' of '*cap' items of 'elem' bytes so that it holds at
** least 'need' items, doubling. Returns false, leaving '*p' intact, when the
** size overflows or memory runs out.
*/
bool sc__grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return true;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return false;
        ncap *= 2;
    }
    size_t bytes;
    if (!sc__mul_ok(ncap, elem, &bytes)) return false;
    void *q = sc__realloc(*p, bytes);
    if (!q) return false;
    *p = q;
    *cap = ncap;
    return true;
}

#ifndef SC_RELEASE
#error "SC_RELEASE (the project's version) is defined by CMakeLists.txt"
#endif

const char *sc_version(void) { return SC_RELEASE; }

const char *sc_strerror(sc_status status) {
    switch (status) {
    case SC_OK: return "success";
    case SC_EINVAL: return "invalid input";
    case SC_ENOMEM: return "out of memory";
    case SC_EIO: return "input/output error";
    case SC_ELIMIT: return "budget spent";
    case SC_EINFEASIBLE: return "infeasible";
    }
    return "unknown status";
}

void sc__diag_set(sc_diag *d, const char *file, unsigned line, unsigned column, const char *fmt,
                  ...) {
    if (!d) return;
    d->file[0] = '\0';
    if (file) {
        size_t n = strlen(file);
        if (n >= sizeof d->file) file += n - (sizeof d->file - 1);
        memcpy(d->file, file, strlen(file) + 1);
    }
    d->line = line;
    d->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
}

char *sc_diag_format(const sc_diag *d, char *buf, size_t size) {
    if (!size) return buf;
    if (d->file[0] && d->line)
        snprintf(buf, size, "%s:%u: %s", d->file, d->line, d->msg);
    else if (d->file[0])
        snprintf(buf, size, "%s: %s", d->file, d->msg);
    else
        snprintf(buf, size, "%s", d->msg);
    return buf;
}

/* ------------------------------------------------------------ string pool */

static uint32_t hash_str(const char *s) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void sc__strpool_release(sc__strpool *sp) {
    sc__free(sp->buf);
    sc__free(sp->slots);
    memset(sp, 0, sizeof *sp);
}

static bool rehash(sc__strpool *sp) {
    size_t n = sp->nslots ? sp->nslots * 2 : 64;
    uint32_t *slots = sc__calloc(n, sizeof *slots);
    if (!slots) return false;
    for (size_t i = 0; i < sp->nslots; i++) {
        uint32_t v = sp->slots[i];
        if (!v) continue;
        size_t j = hash_str(sp->buf + v - 1) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = v;
    }
    sc__free(sp->slots);
    sp->slots = slots;
    sp->nslots = n;
    return true;
}

long sc__strpool_find(const sc__strpool *sp, const char *s) {
    if (!sp->nslots) return -1;
    size_t j = hash_str(s) & (sp->nslots - 1);
    for (uint32_t v; (v = sp->slots[j]) != 0; j = (j + 1) & (sp->nslots - 1))
        if (strcmp(sp->buf + v - 1, s) == 0) return (long)(v - 1);
    return -1;
}

size_t sc__strpool_add(sc__strpool *sp, const char *s, bool intern, bool unique) {
    bool hashed = intern || unique;
    if (hashed) {
        long at = sc__strpool_find(sp, s);
        if (at >= 0) return unique ? (size_t)-2 : (size_t)at;
        if ((sp->nused + 1) * 2 > sp->nslots && !rehash(sp)) return (size_t)-1;
    }
    size_t n = strlen(s) + 1;
    if (sp->len + n >= UINT32_MAX) return (size_t)-1;
    if (!sc__grow((void **)&sp->buf, &sp->cap, sp->len + n, 1)) return (size_t)-1;
    size_t off = sp->len;
    memcpy(sp->buf + off, s, n);
    sp->len += n;
    if (hashed) {
        size_t j = hash_str(s) & (sp->nslots - 1);
        while (sp->slots[j])
            j = (j + 1) & (sp->nslots - 1);
        sp->slots[j] = (uint32_t)off + 1;
        sp->nused++;
    }
    return off;
}

double sc__now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
