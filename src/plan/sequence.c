/*
** Sequencing: every line-day through the engine (src/seq/, by its public
** API only).
**
** A line-day becomes an sc_instance: one option per option that the line's
** ratio rules name, plus a "guest" option (or "guest:BRAND") for the
** spreading rule; the line's rules, its paint batch limit; objectives in the
** ROADEF order (high-priority rules x 1,000,000, colour changes x 1,000,
** low-priority rules x 1). The last cars of the line's previous line-day
** stand in front as SC_CAR_PREV cars, so that windows across the night (and
** the weekend) count. Windows at the end of the day count only when full
** (SC_WINDOWS_FULL): the next day's windows over the night take the rest,
** so each window is counted once.
**
** The search runs with an effort budget of moves (never a time limit) and
** a seed made from the plan's seed, the line and the day, so the same input
** gives the same sequences on any machine and with any number of threads.
** A line's days depend on each other (the tail), so each thread takes a
** whole line, the longest lines first; line-days of different lines run at
** once.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

const char *sc__car_id(const sc_plan *pl, const sc__lineday *ld, const sc__car *c, char *buf,
                       size_t size) {
    const sc_scenario *sc = pl->sc;
    if (c->order >= 0) return sc->ids.buf + sc->order[c->order].id;
    int y, m, d;
    int32_t day = ld->day;
    uint32_t tag = c->tag;
    if (tag & SC__TAG_CARRIED) { /* carried by a replan: the id it was published with */
        day = (int32_t)((tag & ~SC__TAG_CARRIED) >> SC__TAG_DAY_SHIFT);
        tag &= SC__TAG_NUM_MASK;
    }
    sc__civil_from_days(sc->day0 + day, &y, &m, &d);
    snprintf(buf, size, "%s-%04d%02d%02d-%04u", sc__name(sc, sc->line[ld->line].name), y, m, d,
             tag);
    return buf;
}

/* The cars of the previous line-day that stand in front: P - 1 of the
** longest rule, at least one (for the first colour change). */
static size_t tail_length(const sc__line *ln) {
    int p = 2;
    for (size_t r = 0; r < ln->nrules; r++)
        if (ln->rule[r].p > p) p = ln->rule[r].p;
    if (ln->spread.on && ln->spread.p > p) p = ln->spread.p;
    return (size_t)p - 1;
}

/* Adds one car to 'in'; 'imap' maps scenario options to instance options. */
static int add_car(const sc_plan *pl, sc_instance *in, const sc__lineday *ld, const sc__car *c,
                   sc_car_kind kind, const int *imap, int guest_opt, int32_t guest_brand) {
    const sc_scenario *sc = pl->sc;
    int opts[SC__MAX_SC_OPTIONS + 1];
    size_t no = 0;
    for (size_t o = 0; o < sc->option.n; o++)
        if (imap[o] >= 0 && ((c->opts >> o) & 1)) opts[no++] = imap[o];
    int32_t brand = sc->model[c->model].brand;
    if (guest_opt >= 0 && !sc->brand[brand].host && (guest_brand < 0 || guest_brand == brand))
        opts[no++] = guest_opt;
    int col = sc_instance_colour(in, sc__names_get(&sc->colour, (size_t)c->colour));
    if (col < 0) return col;
    char idbuf[160];
    return sc_instance_add_car(in, kind, sc__car_id(pl, ld, c, idbuf, sizeof idbuf), col, opts, no,
                               sc__name(sc, sc->brand[brand].name),
                               sc__name(sc, sc->model[c->model].name));
}

sc_status sc__lineday_instance(const sc_plan *pl, size_t k, sc_instance **out, size_t *nprev) {
    const sc_scenario *sc = pl->sc;
    const sc__lineday *ld = &pl->ld[k];
    const sc__line *ln = &sc->line[ld->line];
    *out = NULL;
    *nprev = 0;
    sc_instance *in;
    sc_status st = sc_instance_new(&in);
    if (st) return st;
    int imap[SC__MAX_SC_OPTIONS];
    for (size_t o = 0; o < SC__MAX_SC_OPTIONS; o++)
        imap[o] = -1;
    bool high = false, low = false;
    int rc = 0;
    for (size_t r = 0; r < ln->nrules && rc >= 0; r++) {
        int32_t o = ln->rule[r].option;
        if (imap[o] < 0)
            rc = imap[o] = sc_instance_add_option(in, sc__names_get(&sc->option, (size_t)o));
        if (rc < 0) break;
        sc_rule rule = {imap[o], ln->rule[r].n, ln->rule[r].p, ln->rule[r].level, ln->rule[r].hard};
        rc = sc_instance_add_rule(in, &rule);
        high |= ln->rule[r].level == 1;
        low |= ln->rule[r].level == 0;
    }
    int guest_opt = -1;
    if (rc >= 0 && ln->spread.on) {
        char name[300];
        if (ln->spread.brand < 0)
            snprintf(name, sizeof name, "guest");
        else
            snprintf(name, sizeof name, "guest:%s", sc__name(sc, sc->brand[ln->spread.brand].name));
        /* An option of the scenario might carry the same name. */
        for (int tries = 0; tries < 4; tries++) {
            guest_opt = sc_instance_add_option(in, name);
            if (guest_opt != SC_EINVAL) break;
            strncat(name, "_", sizeof name - strlen(name) - 1);
        }
        rc = guest_opt;
        if (rc >= 0) {
            sc_rule rule = {guest_opt, ln->spread.n, ln->spread.p, ln->spread.level,
                            ln->spread.hard};
            rc = sc_instance_add_rule(in, &rule);
            high |= ln->spread.level == 1;
            low |= ln->spread.level == 0;
        }
    }
    if (rc >= 0 && high)
        rc = sc_instance_add_objective(in, &(sc_objective){SC_OBJ_RATIO, 1, 1000000});
    if (rc >= 0) rc = sc_instance_add_objective(in, &(sc_objective){SC_OBJ_COLOUR, 0, 1000});
    if (rc >= 0 && low) rc = sc_instance_add_objective(in, &(sc_objective){SC_OBJ_RATIO, 0, 1});
    if (rc < 0) {
        sc_instance_free(in);
        return (sc_status)rc;
    }
    sc_instance_set_batch_limit(in, ln->batch_limit);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    /* The previous line-day's tail. */
    if (k > 0 && pl->ld[k - 1].line == ld->line) {
        const sc__lineday *pv = &pl->ld[k - 1];
        size_t tl = tail_length(ln);
        if (tl > pv->n) tl = pv->n;
        for (size_t i = pv->n - tl; i < pv->n && rc >= 0; i++)
            rc = add_car(pl, in, pv, &pl->car[pv->first + i], SC_CAR_PREV, imap, guest_opt,
                         ln->spread.brand);
        *nprev = tl;
    }
    for (size_t i = 0; i < ld->n && rc >= 0; i++)
        rc = add_car(pl, in, ld, &pl->car[ld->first + i],
                     i < ld->nfixed ? SC_CAR_FROZEN : SC_CAR_FREE, imap, guest_opt,
                     ln->spread.brand);
    if (rc < 0) {
        sc_instance_free(in);
        *nprev = 0;
        return (sc_status)rc;
    }
    *out = in;
    return SC_OK;
}

/* ------------------------------------------------------------ the workers */

typedef struct seq_ctx {
    sc_plan *pl;
    pthread_mutex_t mu;
    size_t *order;       /* lines, longest first */
    size_t *first, *nld; /* per line: its line-days in pl->ld */
    size_t next;         /* next entry of 'order' to take */
    size_t done;
    sc_status st;
    sc_diag d;
} seq_ctx;

/* Sequences line-day 'k'; its previous line-day is done. */
void sc__lineday_take_score(sc__lineday *ld, const sc_instance *in) {
    ld->vhigh = ld->vlow = ld->colour_changes = 0;
    for (size_t j = 0; j < sc_instance_nobjectives(in); j++) {
        sc_objective ob = sc_instance_objective(in, j);
        if (ob.kind == SC_OBJ_COLOUR)
            ld->colour_changes = ld->score.value[j];
        else if (ob.level == 1)
            ld->vhigh = ld->score.value[j];
        else
            ld->vlow = ld->score.value[j];
    }
}

static sc_status run_day(sc_plan *pl, size_t k, sc_diag *d) {
    sc__lineday *ld = &pl->ld[k];
    sc_instance *in;
    size_t nprev;
    sc_status st = sc__lineday_instance(pl, k, &in, &nprev);
    if (st) {
        sc__diag_set(d, NULL, 0, 0, "line-day instance: %s", sc_strerror(st));
        return st;
    }
    size_t n = sc_instance_ncars(in);
    uint32_t *seq = sc__malloc(n * sizeof *seq);
    sc__car *tmp = sc__malloc((size_t)ld->n * sizeof *tmp);
    if (!seq || !tmp) {
        sc__free(seq);
        sc__free(tmp);
        sc_instance_free(in);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    sc_search_params sp;
    sc_search_defaults(&sp);
    sp.seed = sc__mix(pl->params.seed ^ sc__mix(((uint64_t)ld->line << 32) ^ (uint64_t)ld->day));
    sp.time_limit = 0;
    uint64_t effort = pl->params.effort_per_car * ld->n;
    sp.effort = effort > pl->params.min_effort ? effort : pl->params.min_effort;
    sp.threads = 1;
    sp.stop = pl->params.stop;
    sc_search_stats stats;
    st = sc_search_run(in, &sp, seq, false, &stats, d);
    if (st == SC_OK) st = sc_score_sequence(in, seq, &ld->score, d);
    if (st == SC_OK) {
        sc__lineday_take_score(ld, in);
        memcpy(tmp, &pl->car[ld->first], (size_t)ld->n * sizeof *tmp);
        for (size_t i = 0; i < ld->n; i++)
            pl->car[ld->first + i] = tmp[seq[nprev + i] - nprev];
        ld->moves = stats.moves;
        ld->done = true;
    }
    sc__free(seq);
    sc__free(tmp);
    sc_instance_free(in);
    return st;
}

static void *worker(void *arg) {
    seq_ctx *ctx = arg;
    sc_plan *pl = ctx->pl;
    for (;;) {
        pthread_mutex_lock(&ctx->mu);
        bool stop = ctx->st != SC_OK || ctx->next >= pl->nl;
        size_t l = stop ? 0 : ctx->order[ctx->next++];
        pthread_mutex_unlock(&ctx->mu);
        if (stop) break;
        for (size_t k = ctx->first[l]; k < ctx->first[l] + ctx->nld[l]; k++) {
            sc_diag d = {0};
            sc_status st = run_day(pl, k, &d);
            pthread_mutex_lock(&ctx->mu);
            if (st && ctx->st == SC_OK) {
                ctx->st = st;
                ctx->d = d;
            }
            ctx->done++;
            if (pl->params.progress && (ctx->done % 8 == 0 || ctx->done == pl->nld)) {
                sc_plan_progress p = {"sequencing", ctx->done, pl->nld};
                pl->params.progress(&p, pl->params.user);
            }
            bool bail = ctx->st != SC_OK;
            pthread_mutex_unlock(&ctx->mu);
            if (bail) break;
        }
    }
    return NULL;
}

sc_status sc__sequence(sc_plan *pl, sc_diag *d) {
    size_t nl = pl->nl;
    seq_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.pl = pl;
    ctx.order = sc__malloc((nl + 1) * sizeof *ctx.order);
    ctx.first = sc__calloc(nl + 1, sizeof *ctx.first);
    ctx.nld = sc__calloc(nl + 1, sizeof *ctx.nld);
    size_t *cars = sc__calloc(nl + 1, sizeof *cars);
    if (!ctx.order || !ctx.first || !ctx.nld || !cars) {
        sc__free(ctx.order);
        sc__free(ctx.first);
        sc__free(ctx.nld);
        sc__free(cars);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    for (size_t k = pl->nld; k-- > 0;) {
        size_t l = (size_t)pl->ld[k].line;
        ctx.first[l] = k;
        ctx.nld[l]++;
        cars[l] += pl->ld[k].n;
    }
    /* Longest lines first (insertion sort: few lines), ties by index. */
    for (size_t i = 0; i < nl; i++) {
        size_t j = i;
        while (j > 0 && cars[ctx.order[j - 1]] < cars[i]) {
            ctx.order[j] = ctx.order[j - 1];
            j--;
        }
        ctx.order[j] = i;
    }
    int nthreads = pl->params.threads;
    if ((size_t)nthreads > nl) nthreads = (int)(nl ? nl : 1);
    if (pthread_mutex_init(&ctx.mu, NULL) != 0) {
        sc__free(ctx.order);
        sc__free(ctx.first);
        sc__free(ctx.nld);
        sc__free(cars);
        sc__diag_set(d, NULL, 0, 0, "cannot create a mutex");
        return SC_ENOMEM;
    }
    pthread_t tid[256];
    int started = 0;
    if (nthreads > 256) nthreads = 256;
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&tid[started], NULL, worker, &ctx) != 0) break;
        started++;
    }
    worker(&ctx); /* this thread works too */
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&ctx.mu);
    sc__free(ctx.order);
    sc__free(ctx.first);
    sc__free(ctx.nld);
    sc__free(cars);
    if (ctx.st != SC_OK) {
        if (d) *d = ctx.d;
        return ctx.st;
    }
    /* Positions of the orders in their line-days. */
    for (size_t k = 0; k < pl->nld; k++) {
        const sc__lineday *ld = &pl->ld[k];
        for (size_t i = 0; i < ld->n; i++) {
            const sc__car *c = &pl->car[ld->first + i];
            if (c->order >= 0) pl->order_pos[c->order] = (uint32_t)i + 1;
        }
    }
    return SC_OK;
}
