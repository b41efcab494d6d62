/*
** The one parallel runner: 'njobs' jobs, numbered 0 .. njobs - 1, taken in
** that order by up to 'threads' workers (the calling thread is one of
** them). A job reports each unit of its work (a line-day, say) through
** sc__par_step, which is where errors are kept (the first one wins and no
** job starts after it), progress is counted and reported, one call at a
** time, and a job learns whether to go on. What a job computes must not
** depend on which worker runs it or when, so that the result is the same
** with any number of threads. libc and POSIX threads only.
*/
#ifndef SC_PARALLEL_H
#define SC_PARALLEL_H

#include "model.h"

typedef struct sc__par sc__par;

/* Runs job 'job' on worker 'worker' (0 .. workers - 1, for its scratch). */
typedef void (*sc__par_job)(sc__par *par, void *arg, size_t job, size_t worker);
/* Called after each unit with the units done so far; one call at a time. */
typedef void (*sc__par_progress)(void *arg, size_t done);

/* The workers sc__parallel_run will use for 'njobs' jobs on 'threads'
** threads: between 1 and 256. */
size_t sc__par_workers(size_t njobs, int threads);

/*
** Runs the jobs and returns SC_OK, or the first error a unit reported with
** its diagnostic in 'd'. A worker that cannot be started leaves its share to
** the others.
*/
sc_status sc__parallel_run(size_t njobs, int threads, sc__par_job fn, sc__par_progress progress,
                           void *arg, sc_diag *d);

/* Reports one unit done with status 'st' (and 'd' when it failed). Returns
** true when the job should go on: no unit has failed. */
bool sc__par_step(sc__par *par, sc_status st, const sc_diag *d);

#endif
