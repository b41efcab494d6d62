/*
** Helpers shared by the libFuzzer harnesses: a scratch directory for the
** files the readers take, and the checks run on every instance that reads.
*/
#ifndef SC_FUZZUTIL_H
#define SC_FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "sparecap.h"

/* The harness entry points (declared for -Wmissing-prototypes). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Creates the scratch directory once (under $TMPDIR, else /dev/shm, else
** /tmp; removed at exit) and returns it. */
const char *fz_dir(void);
/* Writes 'size' bytes to 'fz_dir()'/'name' and returns the path, owned by
** a static buffer of this module (one per 'slot', 0..7). Aborts on error:
** a harness that cannot write tests nothing. */
const char *fz_write(int slot, const char *name, const void *data, size_t size);
/* Checks what a plan or replan that ran with status 'st' must hold: when
** SC_OK, every order on time, late or unplanned, every line-day's sequence
** scoring as the plan says (then frees 'pl'); otherwise a status a caller
** may get, never another. Aborts when it does not. */
void fz_check_plan(sc_status st, sc_plan *pl);
/* Reads the file 'path' (at most 4 MiB) into a malloc'd, NUL-terminated
** buffer and its length into *len. Aborts when it cannot. */
char *fz_slurp(const char *path, size_t *len);
/* Checks what must hold for any instance a reader accepted: the file order
** scores, the solution written in the instance's layout reads back to the
** same sequence. Aborts when it does not. */
void fz_check_instance(const sc_instance *in);

#endif
