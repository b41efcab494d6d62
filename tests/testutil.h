/*
** Helpers shared by the tests: a scratch directory per test, files written
** into it, and the paths of the data shipped in tests/data.
*/
#ifndef SC_TESTUTIL_H
#define SC_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "sparecap.h"

#ifndef SC_TEST_DATA
#error "SC_TEST_DATA must name tests/data"
#endif

/* Creates a fresh directory under $TMPDIR (or /tmp) and returns its path,
** owned by the caller (free it with 'tu_tmpdir_free'). Fails the test when
** it cannot. */
char *tu_tmpdir(void);
/* Removes the directory 'dir' and everything under it, then frees 'dir'. */
void tu_tmpdir_free(char *dir);

/* Writes 'len' bytes of 'data' to 'dir'/'name'. Fails the test on error. */
void tu_write_bytes(const char *dir, const char *name, const void *data, size_t len);
/* Writes the string 'text' to 'dir'/'name'. */
void tu_write(const char *dir, const char *name, const char *text);
/* Copies every regular file of directory 'from' into directory 'to'. */
void tu_copy_dir(const char *from, const char *to);

/* Formats 'dir'/'name' into 'buf' and returns 'buf'. */
const char *tu_join(char *buf, size_t size, const char *dir, const char *name);

/* Writes a ROADEF instance directory 'dir'/'name' (created) from the text of
** its four files and returns its path in 'buf'. */
const char *tu_roadef(char *buf, size_t size, const char *dir, const char *name,
                      const char *objectives, const char *batch_limit, const char *ratios,
                      const char *vehicles);

/* Reads the whole file 'path' into a malloc'd, NUL-terminated buffer;
** '*len' (when not NULL) gets its length. Fails the test when it cannot. */
char *tu_slurp(const char *path, size_t *len);

/* True when 'haystack' contains 'needle'; on a miss prints both, so that a
** failing assertion shows what the message was. */
int tu_contains(const char *haystack, const char *needle);

/*
** Runs 'op' (which returns its status) with the n-th allocation of the
** library failing, for n = 1, 2 ... until it succeeds without reaching its
** n-th allocation; each failure must be SC_ENOMEM (leaks are ASan's to find,
** under 'make asan'). Returns the allocations of a full run; 'what' names
** the operation in failures.
*/
unsigned long tu_oom_walk(const char *what, sc_status (*op)(void *ctx), void *ctx);

#endif
