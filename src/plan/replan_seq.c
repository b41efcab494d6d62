/*
** Sequencing for a replan: the line-days after the frozen horizon through
** the engine, the others scored as they stand.
**
** A fixed line-day keeps its published sequence; it is only scored, behind
** the tail of the line-day before it. A line-day after the frozen horizon
** that holds exactly the cars the old plan had there keeps its old sequence
** when that breaks no hard constraint (no churn at all). Any other starts
** the search from the order slotting laid out (carried cars fixed at the
** front, the old cars in their old order, the new ones spread among them),
** with the same effort budget and seeds as sequence.c, so that the same
** input gives the same sequences whatever the number of threads. A line's
** days depend on each other (the tail), so each thread takes whole lines.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "replan.h"

sc_status sc__replan_sequence(sc_plan *pl, sc_diag *d);

/* Does line-day 'k' hold the old plan's cars of its line-day, in the old order? */
static bool as_before(const sc_plan *pl, const sc__lineday *ld) {
    const sc__replan *rp = pl->rp;
    size_t k = (size_t)ld->line * pl->nd + (size_t)ld->day;
    if (rp->ofirst[k + 1] - rp->ofirst[k] != ld->n || ld->nfixed) return false;
    for (size_t i = 0; i < ld->n; i++) {
        const sc__car *a = &pl->car[ld->first + i], *b = &rp->ocar[rp->ofirst[k] + i];
        if (a->order != b->order || (a->order < 0 && a->tag != b->tag)) return false;
    }
    return true;
}

static void take_score(sc__lineday *ld, const sc_instance *in) {
    for (size_t j = 0; j < sc_instance_nobjectives(in); j++) {
        sc_objective ob = sc_instance_objective(in, j);
        if (ob.kind == SC_OBJ_COLOUR) ld->colour_changes = ld->score.value[j];
        else if (ob.level == 1) ld->vhigh = ld->score.value[j];
        else ld->vlow = ld->score.value[j];
    }
}

static sc_status run_day(sc_plan *pl, size_t k, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    const sc__replan *rp = pl->rp;
    sc_instance *in;
    size_t nprev;
    sc_status st = sc__lineday_instance(pl, k, &in, &nprev);
    if (st) {
        sc__diag_set(d, NULL, 0, 0, "line-day instance: %s", sc_strerror(st));
        return st;
    }
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = sc__malloc(n * sizeof *seq);
    sc__car *tmp = sc__malloc(((size_t)ld->n + 1) * sizeof *tmp);
    if (!seq || !tmp) {
        sc__free(seq);
        sc__free(tmp);
        sc_instance_free(in);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_sequence_identity(in, seq);
    st = sc_score_sequence(in, seq, &ld->score, d);
    bool fixed = rp->fixed[(size_t)ld->line * pl->nd + (size_t)ld->day];
    bool keep = fixed || ld->nfixed == ld->n || (as_before(pl, ld) && sc_score_is_feasible(&ld->score));
    if (!st && !keep) {
        sc_search_params sp;
        sc_search_defaults(&sp);
        sp.seed = sc__mix(pl->params.seed ^ sc__mix(((uint64_t)ld->line << 32) ^ (uint64_t)ld->day));
        sp.time_limit = 0;
        uint64_t effort = pl->params.effort_per_car * ld->n;
        sp.effort = effort > pl->params.min_effort ? effort : pl->params.min_effort;
        sp.threads = 1;
        sp.stop = pl->params.stop;
        sc_search_stats stats;
        st = sc_search_run(in, &sp, seq, true, &stats, d);
        if (!st) st = sc_score_sequence(in, seq, &ld->score, d);
        if (!st) {
            memcpy(tmp, &pl->car[ld->first], (size_t)ld->n * sizeof *tmp);
            for (size_t i = 0; i < ld->n; i++) pl->car[ld->first + i] = tmp[seq[nprev + i] - nprev];
            ld->moves = stats.moves;
        }
    }
    if (!st) {
        take_score(ld, in);
        ld->done = true;
    }
    sc__free(seq);
    sc__free(tmp);
    sc_instance_free(in);
    return st;
}

typedef struct ctx {
    sc_plan *pl;
    pthread_mutex_t mu;
    size_t *first, *count; /* per line: its line-days in pl->ld */
    size_t next, done;
    sc_status st;
    sc_diag d;
} ctx;

static void *worker(void *arg) {
    ctx *c = arg;
    sc_plan *pl = c->pl;
    for (;;) {
        pthread_mutex_lock(&c->mu);
        bool stop = c->st != SC_OK || c->next >= pl->nl;
        size_t l = stop ? 0 : c->next++;
        pthread_mutex_unlock(&c->mu);
        if (stop) break;
        for (size_t k = c->first[l]; k < c->first[l] + c->count[l]; k++) {
            sc_diag d = {0};
            sc_status st = run_day(pl, k, &d);
            pthread_mutex_lock(&c->mu);
            if (st && c->st == SC_OK) {
                c->st = st;
                c->d = d;
            }
            c->done++;
            if (pl->params.progress && (c->done % 8 == 0 || c->done == pl->nld)) {
                sc_plan_progress p = {"sequencing", c->done, pl->nld};
                pl->params.progress(&p, pl->params.user);
            }
            bool bail = c->st != SC_OK;
            pthread_mutex_unlock(&c->mu);
            if (bail) break;
        }
    }
    return NULL;
}

sc_status sc__replan_sequence(sc_plan *pl, sc_diag *d) {
    ctx c;
    memset(&c, 0, sizeof c);
    c.pl = pl;
    c.first = sc__calloc(pl->nl + 1, sizeof *c.first);
    c.count = sc__calloc(pl->nl + 1, sizeof *c.count);
    if (!c.first || !c.count || pthread_mutex_init(&c.mu, NULL) != 0) {
        sc__free(c.first);
        sc__free(c.count);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    for (size_t k = pl->nld; k-- > 0;) {
        size_t l = (size_t)pl->ld[k].line;
        c.first[l] = k;
        c.count[l]++;
    }
    int nthreads = pl->params.threads;
    if ((size_t)nthreads > pl->nl) nthreads = (int)(pl->nl ? pl->nl : 1);
    if (nthreads > 256) nthreads = 256;
    pthread_t tid[256];
    int started = 0;
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&tid[started], NULL, worker, &c) != 0) break;
        started++;
    }
    worker(&c);
    for (int i = 0; i < started; i++) pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&c.mu);
    sc__free(c.first);
    sc__free(c.count);
    if (c.st != SC_OK) {
        if (d) *d = c.d;
        return c.st;
    }
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *car = &pl->car[ld->first + i];
            if (car->order >= 0) pl->order_pos[car->order] = (uint32_t)i + 1;
        }
    }
    return SC_OK;
}
