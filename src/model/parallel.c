/*
** The parallel runner (parallel.h): a mutex-guarded counter of the next job,
** the units done and the first error.
*/
#include <pthread.h>
#include <string.h>

#include "parallel.h"

#define MAX_WORKERS 256

struct sc__par {
    pthread_mutex_t mu;
    size_t njobs, next, done;
    sc__par_job fn;
    sc__par_progress progress;
    void *arg;
    sc_status st;
    sc_diag d;
};

/* A worker and its number. */
typedef struct worker {
    sc__par *par;
    size_t id;
} worker;

size_t sc__par_workers(size_t njobs, int threads) {
    size_t n = threads > 1 ? (size_t)threads : 1;
    if (n > njobs) n = njobs ? njobs : 1;
    return n > MAX_WORKERS ? MAX_WORKERS : n;
}

bool sc__par_step(sc__par *par, sc_status st, const sc_diag *d) {
    pthread_mutex_lock(&par->mu);
    if (st && par->st == SC_OK) {
        par->st = st;
        if (d) par->d = *d;
    }
    par->done++;
    if (par->progress) par->progress(par->arg, par->done);
    bool go_on = par->st == SC_OK;
    pthread_mutex_unlock(&par->mu);
    return go_on;
}

static void *work(void *arg) {
    worker *w = arg;
    sc__par *par = w->par;
    for (;;) {
        pthread_mutex_lock(&par->mu);
        bool stop = par->st != SC_OK || par->next >= par->njobs;
        size_t job = stop ? 0 : par->next++;
        pthread_mutex_unlock(&par->mu);
        if (stop) break;
        par->fn(par, par->arg, job, w->id);
    }
    return NULL;
}

sc_status sc__parallel_run(size_t njobs, int threads, sc__par_job fn, sc__par_progress progress,
                           void *arg, sc_diag *d) {
    sc__par par;
    memset(&par, 0, sizeof par);
    par.njobs = njobs;
    par.fn = fn;
    par.progress = progress;
    par.arg = arg;
    if (pthread_mutex_init(&par.mu, NULL) != 0) {
        sc__diag_set(d, NULL, 0, 0, "cannot create a mutex");
        return SC_ENOMEM;
    }
    size_t n = sc__par_workers(njobs, threads);
    pthread_t tid[MAX_WORKERS];
    worker w[MAX_WORKERS];
    size_t started = 0;
    for (size_t i = 1; i < n; i++) {
        w[started] = (worker){&par, started + 1};
        if (pthread_create(&tid[started], NULL, work, &w[started]) != 0) break;
        started++;
    }
    worker self = {&par, 0};
    work(&self); /* this thread works too */
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&par.mu);
    if (par.st != SC_OK && d) *d = par.d;
    return par.st;
}
