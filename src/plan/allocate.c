/*
** Guest-volume allocation: how many cars of each guest model to build on
** each line in each week. The only file that knows GLPK.
**
** The MIP (docs/FORMATS.md explains the weights):
**
**   x[m,l,w]  integer   guest cars of model m on line l in week w, for the
**                       lines that can build m, in weeks with room;
**   y[m,l,w]  binary    model m runs on line l in week w (a changeover);
**   B[m,w]    >= 0      cars of m built by the end of week w, at most the
**                       orders of m released by then (earliest week <= w);
**   E, L[m,w] >= 0      cars of m built ahead of, and behind, their due
**                       weeks at the end of week w: B - E + L = due by w;
**   S[b,w], S[m,w]      cars short of a weekly contract minimum.
**
**   line-week:   sum_m x[m,l,w] <= room after the host (and, for the guests a
**                spreading rule limits, <= what the rule lets in);
**   flow:        B[m,w] = B[m,w-1] + sum_l x[m,l,w];
**   link:        x[m,l,w] <= U y[m,l,w];
**   contract:    min <= sum x + S, sum x <= max, per brand and per model;
**   minimise     sum short x S + late x L (x 5 in the last week, for cars
**                left beyond the horizon) + early x E + changeover x y,
**                each guest's penalties scaled by 10 per priority step.
**
** A replan (replan.c) adds three things: z[s] binary, an extra shift that
** raises its line-week's room at a cost; D[m,l,w] >= 0 with x + D >= the
** old plan's cars, paid per car taken off a model's old line-week (churn);
** and the cars placed before the allocation (the frozen horizon), left out
** of the flow and counted against the contracts. With a value per host car
** caught up, a fourth: H[m,l,w] integer, host cars of model m whose own week
** could not build them (its line down, or full; less the carried cars),
** built in a later week w on line l,
** worth that value each: sum_l H + sum_m x <= the line-week's room (plus its
** extra shifts), and by the end of each week no more H than the host's
** demand its weeks before could not build.
**
** The flow form keeps the matrix at O(models x lines x weeks) entries. The
** LP relaxation is solved by the simplex method, then branch and bound runs
** for at most 'mip_nodes' nodes (a deterministic budget, never a time
** limit). At every node a rounding heuristic (x rounded down, the rest
** recomputed) offers GLPK an integer solution, so a solution exists even
** when the budget ends the search. GLPK prints nothing (glp_term_out) and a
** GLPK error returns SC_EIO through its error hook instead of aborting.
*/
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

enum { K_X, K_Y, K_B, K_E, K_L, K_SB, K_SM, K_Z, K_D, K_H };

typedef struct colinfo {
    uint8_t kind;
    int32_t m, l, w; /* for K_SB, m is the brand */
    int partner;     /* K_Y: its x column; K_X: its y column (0: none) */
    int next;        /* K_X, K_H: the next of its kind, model and week (0: none) */
    double obj, lb, ub;
} colinfo;

typedef struct rowinfo {
    double lo, hi; /* -HUGE_VAL / HUGE_VAL when open */
} rowinfo;

typedef struct nonzero {
    int i, j;
    double v;
} nonzero;

typedef struct mip {
    sc_plan *pl;
    size_t ncols, capcols;
    colinfo *col; /* 1-based */
    size_t nrows, caprows;
    rowinfo *row; /* 1-based */
    size_t nz, capnz;
    nonzero *a; /* 1-based */
    /* look-ups */
    int *bcol, *ecol, *lcol; /* per model x week */
    int *sbcol, *smcol;      /* per brand x week, model x week */
    int *xfirst, *xlast;     /* per model x week: its K_X columns, in order */
    int *hfirst, *hlast;     /* the same for K_H */
    int32_t *due_cum;        /* nm x nw */
    int32_t *rel_cum;
    int32_t *norders;      /* per model */
    double *val, *lb, *ub; /* 1-based: LP values and node bounds */
    double *scratch;       /* 1-based solution being built */
    double *sumx;          /* nm x nw */
    long nodes;
    double bound;
    bool nomem;
    jmp_buf fail;
} mip;

static int add_col(mip *M, uint8_t kind, int32_t m, int32_t l, int32_t w, double lb, double ub,
                   double cost) {
    if (M->nomem || !sc__grow((void **)&M->col, &M->capcols, M->ncols + 2, sizeof *M->col)) {
        M->nomem = true;
        return 0;
    }
    size_t j = ++M->ncols;
    M->col[j] = (colinfo){kind, m, l, w, 0, 0, cost, lb, ub};
    return (int)j;
}

/* Appends column 'j' to the list 'first'/'last' of model x week 'mw'. */
static void link_col(mip *M, int *first, int *last, size_t mw, int j) {
    if (!j) return;
    if (last[mw])
        M->col[last[mw]].next = j;
    else
        first[mw] = j;
    last[mw] = j;
}

static int add_row(mip *M, double lo, double hi) {
    if (M->nomem || !sc__grow((void **)&M->row, &M->caprows, M->nrows + 2, sizeof *M->row)) {
        M->nomem = true;
        return 0;
    }
    size_t i = ++M->nrows;
    M->row[i] = (rowinfo){lo, hi};
    return (int)i;
}

static void add_nz(mip *M, int row, int col, double v) {
    if (!row || !col) return;
    if (M->nomem || !sc__grow((void **)&M->a, &M->capnz, M->nz + 2, sizeof *M->a)) {
        M->nomem = true;
        return;
    }
    M->a[++M->nz] = (nonzero){row, col, v};
}

/* Penalty scale of brand 'b': 10 per priority step above the lowest. */
static double prio_factor(const sc_scenario *sc, int32_t b) {
    int lowest = 1;
    for (size_t i = 0; i < sc->nbrands; i++)
        if (!sc->brand[i].host && sc->brand[i].priority > lowest) lowest = sc->brand[i].priority;
    int steps = lowest - sc->brand[b].priority;
    if (steps > 6) steps = 6;
    return pow(10.0, steps);
}

static bool is_guest_model(const sc_scenario *sc, size_t m) {
    int32_t b = sc->model[m].brand;
    return b >= 0 && !sc->brand[b].host;
}

/* Host cars of model m that the replan may catch up by the end of week w
** (built after the week that could not build them), or 0. */
static int32_t host_owed(const sc_plan *pl, size_t m, size_t w) {
    if (!(pl->fr.host_value > 0) || !pl->host_owed_cum || !w || is_guest_model(pl->sc, m)) return 0;
    return pl->host_owed_cum[m * pl->nw + w - 1];
}

/* Does line 'l''s spreading rule limit model 'm'? */
static bool spread_limits(const sc_scenario *sc, size_t l, size_t m) {
    const sc__spread *sp = &sc->line[l].spread;
    return sp->on && (sp->brand < 0 || sp->brand == sc->model[m].brand);
}

/*
** Builds an integer solution from the values 'v' (1-based, one per column)
** of an LP solution: x rounded down within [lb, ub], y on where x is, B, E,
** L and S recomputed. Writes it into M->scratch.
*/
static void round_solution(mip *M, const double *v, const double *lb, const double *ub) {
    sc_plan *pl = M->pl;
    size_t nw = pl->nw, nm = pl->nm, nb = pl->nb;
    memset(M->sumx, 0, nm * nw * sizeof *M->sumx);
    double *s = M->scratch;
    for (size_t j = 1; j <= M->ncols; j++) {
        const colinfo *c = &M->col[j];
        if (c->kind != K_X && c->kind != K_H) continue;
        double x = floor(v[j] + 1e-6);
        if (x < lb[j]) x = lb[j];
        if (x > ub[j]) x = ub[j];
        s[j] = x;
        if (c->kind == K_X) M->sumx[(size_t)c->m * nw + (size_t)c->w] += x;
    }
    for (size_t j = 1; j <= M->ncols; j++) {
        const colinfo *c = &M->col[j];
        if (c->kind == K_Y) s[j] = s[c->partner] > 0.5 ? 1.0 : lb[j];
        /* An extra shift the LP used at all stays on: x only went down. */
        if (c->kind == K_Z) s[j] = v[j] > 1e-6 ? 1.0 : lb[j];
        if (c->kind == K_D) s[j] = c->ub - s[c->partner] > 0 ? c->ub - s[c->partner] : 0;
    }
    for (size_t m = 0; m < nm; m++) {
        double b = 0;
        for (size_t w = 0; w < nw; w++) {
            int bc = M->bcol[m * nw + w];
            if (!bc) continue;
            b += M->sumx[m * nw + w];
            s[bc] = b;
            double diff = b - M->due_cum[m * nw + w];
            s[M->ecol[m * nw + w]] = diff > 0 ? diff : 0;
            s[M->lcol[m * nw + w]] = diff < 0 ? -diff : 0;
        }
    }
    const sc_scenario *sc = pl->sc;
    for (size_t b = 0; b < nb; b++)
        for (size_t w = 0; w < nw; w++) {
            int sc_ = M->sbcol[b * nw + w];
            if (!sc_) continue;
            double sum = 0;
            for (size_t m = 0; m < nm; m++)
                if (sc->model[m].brand == (int32_t)b) sum += M->sumx[m * nw + w];
            double sh = M->col[sc_].ub - sum; /* the minimum, less the cars placed before */
            s[sc_] = sh > 0 ? sh : 0;
        }
    for (size_t m = 0; m < nm; m++)
        for (size_t w = 0; w < nw; w++) {
            int sc_ = M->smcol[m * nw + w];
            if (!sc_) continue;
            double sh = M->col[sc_].ub - M->sumx[m * nw + w];
            s[sc_] = sh > 0 ? sh : 0;
        }
}

static void on_tree(glp_tree *T, void *info) {
    mip *M = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR) {
        glp_prob *P = glp_ios_get_prob(T);
        for (size_t j = 1; j <= M->ncols; j++) {
            M->lb[j] = glp_get_col_lb(P, (int)j);
            M->ub[j] = glp_get_col_type(P, (int)j) == GLP_LO ? HUGE_VAL : glp_get_col_ub(P, (int)j);
            M->val[j] = glp_get_col_prim(P, (int)j);
        }
        round_solution(M, M->val, M->lb, M->ub);
        glp_ios_heur_sol(T, M->scratch);
    } else if (reason == GLP_ISELECT || reason == GLP_IBRANCH) {
        int a, n, t;
        glp_ios_tree_size(T, &a, &n, &t);
        M->nodes = t;
        int best = glp_ios_best_node(T);
        if (best) {
            double b = glp_ios_node_bound(T, best);
            if (isfinite(b) && fabs(b) < 1e300) M->bound = b; /* unset bounds are +-DBL_MAX */
        }
        if ((uint64_t)t >= M->pl->params.mip_nodes) glp_ios_terminate(T);
    }
}

static void on_glpk_error(void *info) {
    mip *M = info;
    longjmp(M->fail, 1);
}

static void mip_release(mip *M) {
    sc__free(M->col);
    sc__free(M->row);
    sc__free(M->a);
    sc__free(M->val);
    sc__free(M->lb);
    sc__free(M->ub);
    sc__free(M->bcol);
    sc__free(M->ecol);
    sc__free(M->lcol);
    sc__free(M->sbcol);
    sc__free(M->smcol);
    sc__free(M->xfirst);
    sc__free(M->xlast);
    sc__free(M->hfirst);
    sc__free(M->hlast);
    sc__free(M->due_cum);
    sc__free(M->rel_cum);
    sc__free(M->norders);
    sc__free(M->scratch);
    sc__free(M->sumx);
}

/* Builds the columns, rows and matrix of the MIP in 'M'. */
static void build(mip *M) {
    sc_plan *pl = M->pl;
    const sc_scenario *sc = pl->sc;
    size_t nl = pl->nl, nw = pl->nw, nm = pl->nm, nb = pl->nb;
    /* Orders per model: released and due, cumulative. */
    for (size_t i = 0; i < sc->norders; i++) {
        const sc__order *o = &sc->order[i];
        if (sc->brand[o->brand].host || pl->fr.order_fixed[i]) continue;
        M->norders[o->model]++;
        M->rel_cum[(size_t)o->model * nw + (size_t)o->earliest]++;
        M->due_cum[(size_t)o->model * nw + (size_t)o->due]++;
    }
    for (size_t m = 0; m < nm; m++)
        for (size_t w = 1; w < nw; w++) {
            M->rel_cum[m * nw + w] += M->rel_cum[m * nw + w - 1];
            M->due_cum[m * nw + w] += M->due_cum[m * nw + w - 1];
        }

    /* Columns x and y, and the line-week and link rows. */
    for (size_t w = 0; w < nw && !M->nomem; w++) {
        for (size_t l = 0; l < nl && !M->nomem; l++) {
            int32_t room = pl->wk_room[l * nw + w];
            int32_t spread = pl->wk_spread[l * nw + w];
            const sc__spread *sp = &sc->line[l].spread;
            int caprow = 0, sprow = 0, hostrow = 0;
            size_t first = M->ncols + 1;            /* this line-week's columns from here */
            int32_t xroom = room, xspread = spread; /* with every extra shift offered */
            for (size_t k = 0; k < pl->fr.nshifts; k++)
                if (pl->fr.shift[k].line == (int32_t)l && (size_t)pl->fr.shift[k].day / 7 == w) {
                    xroom += pl->fr.shift[k].room_delta;
                    xspread += pl->fr.shift[k].spread_delta;
                }
            for (size_t m = 0; m < nm; m++) {
                if (!is_guest_model(sc, m) || !sc->compat[l * nm + m]) continue;
                bool lim = spread_limits(sc, l, m);
                int32_t u = lim && xspread < xroom ? xspread : xroom;
                if (u > M->norders[m]) u = M->norders[m];
                if (u <= 0 || M->rel_cum[m * nw + w] <= 0) continue;
                if (!caprow)
                    caprow = add_row(M, -HUGE_VAL,
                                     sp->on && sp->brand < 0 && spread < room ? spread : room);
                if (lim && sp->brand >= 0 && !sprow) sprow = add_row(M, -HUGE_VAL, spread);
                int x = add_col(M, K_X, (int32_t)m, (int32_t)l, (int32_t)w, 0, u, 0);
                link_col(M, M->xfirst, M->xlast, m * nw + w, x);
                add_nz(M, caprow, x, 1);
                if (lim && sp->brand >= 0) add_nz(M, sprow, x, 1);
                int32_t old = pl->fr.alloc_old ? pl->fr.alloc_old[(m * nl + l) * nw + w] : 0;
                if (old > 0 && x) { /* churn: cars taken off the old line-week */
                    int dv = add_col(M, K_D, (int32_t)m, (int32_t)l, (int32_t)w, 0, old,
                                     pl->fr.churn_cost);
                    if (!dv) return;
                    M->col[dv].partner = x;
                    int keep = add_row(M, old, HUGE_VAL);
                    add_nz(M, keep, x, 1);
                    add_nz(M, keep, dv, 1);
                }
                if (sc->changeover_cost > 0) {
                    int y = add_col(M, K_Y, (int32_t)m, (int32_t)l, (int32_t)w, 0, 1,
                                    sc->changeover_cost);
                    if (!x || !y) return;
                    M->col[x].partner = y;
                    M->col[y].partner = x;
                    int link = add_row(M, -HUGE_VAL, 0);
                    add_nz(M, link, x, 1);
                    add_nz(M, link, y, -u);
                }
            }
            /* Host cars caught up: in the room the guests' cars leave (the
            ** spreading rule does not limit them), worth the value each. */
            bool cap_spread = caprow && sp->on && sp->brand < 0 && spread < room;
            for (size_t m = 0; m < nm && xroom > 0; m++) {
                int32_t owed = host_owed(pl, m, w);
                if (owed <= 0 || !sc->compat[l * nm + m]) continue;
                if (!hostrow) {
                    hostrow = caprow && !cap_spread ? caprow : add_row(M, -HUGE_VAL, room);
                    if (hostrow != caprow)
                        for (size_t j = first; j <= M->ncols; j++)
                            if (M->col[j].kind == K_X) add_nz(M, hostrow, (int)j, 1);
                    if (!caprow) caprow = hostrow;
                }
                int h = add_col(M, K_H, (int32_t)m, (int32_t)l, (int32_t)w, 0,
                                owed < xroom ? owed : xroom, -pl->fr.host_value);
                link_col(M, M->hfirst, M->hlast, m * nw + w, h);
                add_nz(M, hostrow, h, 1);
            }
            /* Extra shifts: each raises the line-week's rows by what it adds. */
            for (size_t k = 0; k < pl->fr.nshifts && caprow; k++) {
                const sc__shift *sh = &pl->fr.shift[k];
                if (sh->line != (int32_t)l || (size_t)sh->day / 7 != w) continue;
                /* Churn may not pay for a shift: it is charged what it could save. */
                int z = add_col(M, K_Z, (int32_t)k, (int32_t)l, (int32_t)w, 0, 1,
                                sh->cost + pl->fr.churn_cost * (double)sh->room_delta);
                add_nz(M, caprow, z, -(double)(cap_spread ? sh->spread_delta : sh->room_delta));
                if (sprow) add_nz(M, sprow, z, -(double)sh->spread_delta);
                if (hostrow && hostrow != caprow) add_nz(M, hostrow, z, -(double)sh->room_delta);
            }
        }
    }

    /* Host cars caught up by the end of each week: no more than the demand
    ** of the weeks before that could not be built. */
    for (size_t m = 0; m < nm && pl->fr.host_value > 0 && !M->nomem; m++)
        for (size_t w = 1; w < nw; w++) {
            if (!M->hfirst[m * nw + w]) continue;
            int row = add_row(M, -HUGE_VAL, host_owed(pl, m, w));
            for (size_t v = 0; v <= w; v++)
                for (int j = M->hfirst[m * nw + v]; j; j = M->col[j].next)
                    add_nz(M, row, j, 1);
        }

    /* B, E, L per guest model and week; the flow and due rows. */
    for (size_t m = 0; m < nm && !M->nomem; m++) {
        if (!is_guest_model(sc, m) || !M->norders[m]) continue;
        int32_t b = sc->model[m].brand;
        double f = prio_factor(sc, b);
        for (size_t w = 0; w < nw && !M->nomem; w++) {
            double late = sc->brand[b].late_penalty * f * (w + 1 == nw ? 5 : 1);
            int bc = add_col(M, K_B, (int32_t)m, -1, (int32_t)w, 0, M->rel_cum[m * nw + w], 0);
            int ec = add_col(M, K_E, (int32_t)m, -1, (int32_t)w, 0, HUGE_VAL, sc->early_cost);
            int lc = add_col(M, K_L, (int32_t)m, -1, (int32_t)w, 0, HUGE_VAL, late);
            M->bcol[m * nw + w] = bc;
            M->ecol[m * nw + w] = ec;
            M->lcol[m * nw + w] = lc;
            int flow = add_row(M, 0, 0);
            add_nz(M, flow, bc, 1);
            if (w) add_nz(M, flow, M->bcol[m * nw + w - 1], -1);
            for (int j = M->xfirst[m * nw + w]; j; j = M->col[j].next)
                add_nz(M, flow, j, -1);
            int due = add_row(M, M->due_cum[m * nw + w], M->due_cum[m * nw + w]);
            add_nz(M, due, bc, 1);
            add_nz(M, due, ec, -1);
            add_nz(M, due, lc, 1);
        }
    }

    /* Contract rows, per brand and per model. */
    for (size_t b = 0; b < nb && !M->nomem; b++) {
        const sc__brand *br = &sc->brand[b];
        if (br->host || (br->min_week < 0 && br->max_week < 0)) continue;
        double f = prio_factor(sc, (int32_t)b);
        for (size_t w = 0; w < nw && !M->nomem; w++) {
            int minrow = 0, maxrow = 0;
            int32_t placed = pl->fr.fixed_bw[b * nw + w];
            int32_t mn = br->min_week - placed, mx = br->max_week - placed;
            if (br->min_week > 0 && mn > 0) {
                minrow = add_row(M, mn, HUGE_VAL);
                int s = add_col(M, K_SB, (int32_t)b, -1, (int32_t)w, 0, mn, br->short_penalty * f);
                M->sbcol[b * nw + w] = s;
                add_nz(M, minrow, s, 1);
            }
            if (br->max_week >= 0) maxrow = add_row(M, -HUGE_VAL, mx > 0 ? mx : 0);
            for (size_t m = 0; m < nm; m++)
                if (sc->model[m].brand == (int32_t)b)
                    for (int j = M->xfirst[m * nw + w]; j; j = M->col[j].next) {
                        add_nz(M, minrow, j, 1);
                        add_nz(M, maxrow, j, 1);
                    }
        }
    }
    for (size_t m = 0; m < nm && !M->nomem; m++) {
        const sc__carmodel *cm = &sc->model[m];
        if (!is_guest_model(sc, m) || (cm->min_week < 0 && cm->max_week < 0)) continue;
        double f = prio_factor(sc, cm->brand);
        for (size_t w = 0; w < nw && !M->nomem; w++) {
            int minrow = 0, maxrow = 0;
            int32_t placed = pl->fr.fixed_mw[m * nw + w];
            int32_t mn = cm->min_week - placed, mx = cm->max_week - placed;
            if (cm->min_week > 0 && mn > 0) {
                minrow = add_row(M, mn, HUGE_VAL);
                int s = add_col(M, K_SM, (int32_t)m, -1, (int32_t)w, 0, mn,
                                sc->brand[cm->brand].short_penalty * f);
                M->smcol[m * nw + w] = s;
                add_nz(M, minrow, s, 1);
            }
            if (cm->max_week >= 0) maxrow = add_row(M, -HUGE_VAL, mx > 0 ? mx : 0);
            for (int j = M->xfirst[m * nw + w]; j; j = M->col[j].next) {
                add_nz(M, minrow, j, 1);
                add_nz(M, maxrow, j, 1);
            }
        }
    }
}

/* Loads 'M' into a new GLPK problem; 'ia', 'ja', 'ar' are scratch arrays of
** nz + 1 entries. */
static glp_prob *load(const mip *M, int *ia, int *ja, double *ar) {
    glp_prob *P = glp_create_prob();
    glp_set_prob_name(P, "sparecap allocation");
    glp_set_obj_dir(P, GLP_MIN);
    if (M->nrows) glp_add_rows(P, (int)M->nrows);
    if (M->ncols) glp_add_cols(P, (int)M->ncols);
    for (size_t i = 1; i <= M->nrows; i++) {
        double lo = M->row[i].lo, hi = M->row[i].hi;
        int type = isinf(lo) && isinf(hi) ? GLP_FR
                   : isinf(hi)            ? GLP_LO
                   : isinf(lo)            ? GLP_UP
                   : lo == hi             ? GLP_FX
                                          : GLP_DB;
        glp_set_row_bnds(P, (int)i, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
    }
    for (size_t j = 1; j <= M->ncols; j++) {
        const colinfo *c = &M->col[j];
        int type = isinf(c->ub) ? GLP_LO : c->lb == c->ub ? GLP_FX : GLP_DB;
        glp_set_col_bnds(P, (int)j, type, c->lb, isinf(c->ub) ? 0 : c->ub);
        glp_set_obj_coef(P, (int)j, c->obj);
        if (c->kind == K_X || c->kind == K_H)
            glp_set_col_kind(P, (int)j, GLP_IV);
        else if (c->kind == K_Y || c->kind == K_Z)
            glp_set_col_kind(P, (int)j, GLP_BV);
    }
    for (size_t k = 1; k <= M->nz; k++) {
        ia[k] = M->a[k].i;
        ja[k] = M->a[k].j;
        ar[k] = M->a[k].v;
    }
    if (M->nz) glp_load_matrix(P, (int)M->nz, ia, ja, ar);
    return P;
}

sc_status sc__allocate(sc_plan *pl, sc_diag *d) {
    size_t nw = pl->nw, nm = pl->nm, nb = pl->nb, nl = pl->nl;
    mip M;
    memset(&M, 0, sizeof M);
    M.pl = pl;
    M.bcol = sc__calloc(nm * nw + 1, sizeof *M.bcol);
    M.ecol = sc__calloc(nm * nw + 1, sizeof *M.ecol);
    M.lcol = sc__calloc(nm * nw + 1, sizeof *M.lcol);
    M.sbcol = sc__calloc(nb * nw + 1, sizeof *M.sbcol);
    M.smcol = sc__calloc(nm * nw + 1, sizeof *M.smcol);
    M.xfirst = sc__calloc(nm * nw + 1, sizeof *M.xfirst);
    M.xlast = sc__calloc(nm * nw + 1, sizeof *M.xlast);
    M.hfirst = sc__calloc(nm * nw + 1, sizeof *M.hfirst);
    M.hlast = sc__calloc(nm * nw + 1, sizeof *M.hlast);
    M.due_cum = sc__calloc(nm * nw + 1, sizeof *M.due_cum);
    M.rel_cum = sc__calloc(nm * nw + 1, sizeof *M.rel_cum);
    M.norders = sc__calloc(nm + 1, sizeof *M.norders);
    M.sumx = sc__calloc(nm * nw + 1, sizeof *M.sumx);
    if (!M.bcol || !M.ecol || !M.lcol || !M.sbcol || !M.smcol || !M.xfirst || !M.xlast ||
        !M.hfirst || !M.hlast || !M.due_cum || !M.rel_cum || !M.norders || !M.sumx)
        M.nomem = true;
    if (!M.nomem) build(&M);
    int *ia = NULL, *ja = NULL;
    double *ar = NULL;
    double *volatile fallback = NULL;
    if (!M.nomem) {
        size_t nc = M.ncols + 2, nz = M.nz + 2;
        M.scratch = sc__calloc(nc, sizeof *M.scratch);
        M.val = sc__calloc(nc, sizeof *M.val);
        M.lb = sc__calloc(nc, sizeof *M.lb);
        M.ub = sc__calloc(nc, sizeof *M.ub);
        fallback = sc__calloc(nc, sizeof *fallback);
        ia = sc__calloc(nz, sizeof *ia);
        ja = sc__calloc(nz, sizeof *ja);
        ar = sc__calloc(nz, sizeof *ar);
        M.nomem = !M.scratch || !M.val || !M.lb || !M.ub || !fallback || !ia || !ja || !ar;
    }
    if (M.nomem) {
        sc__free(ia);
        sc__free(ja);
        sc__free(ar);
        sc__free(fallback);
        mip_release(&M);
        sc__diag_set(d, NULL, 0, 0, "out of memory");
        return SC_ENOMEM;
    }
    pl->stats.mip_rows = (int)M.nrows;
    pl->stats.mip_cols = (int)M.ncols;
    int nint = 0;
    for (size_t j = 1; j <= M.ncols; j++) {
        nint += M.col[j].kind == K_X || M.col[j].kind == K_Y || M.col[j].kind == K_Z ||
                M.col[j].kind == K_H;
        M.lb[j] = M.col[j].lb;
        M.ub[j] = M.col[j].ub;
    }
    pl->stats.mip_ints = nint;
    if (!M.ncols) {
        snprintf(pl->mip_status, sizeof pl->mip_status, "empty");
        sc__free(ia);
        sc__free(ja);
        sc__free(ar);
        sc__free(fallback);
        mip_release(&M);
        return SC_OK;
    }

    int term = glp_term_out(GLP_OFF);
    glp_prob *volatile P = NULL;
    if (setjmp(M.fail)) {
        /* GLPK's state is undefined after an error: release all of it. */
        glp_error_hook(NULL, NULL);
        glp_free_env();
        sc__free(ia);
        sc__free(ja);
        sc__free(ar);
        sc__free(fallback);
        mip_release(&M);
        sc__diag_set(d, NULL, 0, 0, "the MIP solver (GLPK) failed");
        return SC_EIO;
    }
    glp_error_hook(on_glpk_error, &M);
    P = load(&M, ia, ja, ar);
    glp_scale_prob(P, GLP_SF_AUTO);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    int ret = glp_simplex(P, &smcp);
    sc_status st = SC_OK;
    if (ret != 0 || glp_get_status(P) != GLP_OPT) {
        sc__diag_set(d, NULL, 0, 0, "the allocation LP could not be solved (GLPK code %d)", ret);
        st = SC_EIO;
    } else {
        /* The root LP rounded: the fallback should branch and bound find nothing. */
        for (size_t j = 1; j <= M.ncols; j++)
            M.val[j] = glp_get_col_prim(P, (int)j);
        round_solution(&M, M.val, M.lb, M.ub);
        memcpy(fallback, M.scratch, (M.ncols + 1) * sizeof *fallback);
        M.bound = glp_get_obj_val(P);

        glp_iocp iocp;
        glp_init_iocp(&iocp);
        iocp.msg_lev = GLP_MSG_OFF;
        iocp.presolve = GLP_OFF;
        iocp.mip_gap = 0.005;
        iocp.cb_func = on_tree;
        iocp.cb_info = &M;
        ret = glp_intopt(P, &iocp);
        int status = glp_mip_status(P);
        const double *val;
        if (status == GLP_OPT || status == GLP_FEAS) {
            for (size_t j = 1; j <= M.ncols; j++)
                M.scratch[j] = glp_mip_col_val(P, (int)j);
            val = M.scratch;
            pl->stats.mip_objective = glp_mip_obj_val(P);
            snprintf(pl->mip_status, sizeof pl->mip_status, "%s",
                     ret == 0             ? "optimal"
                     : ret == GLP_EMIPGAP ? "within 0.5% of optimal"
                                          : "feasible (node budget spent)");
        } else {
            val = fallback;
            double z = 0;
            for (size_t j = 1; j <= M.ncols; j++)
                z += M.col[j].obj * fallback[j];
            pl->stats.mip_objective = z;
            snprintf(pl->mip_status, sizeof pl->mip_status, "rounded LP");
        }
        pl->stats.mip_bound = M.bound;
        pl->stats.mip_nodes = M.nodes;
        for (size_t j = 1; j <= M.ncols; j++) {
            const colinfo *c = &M.col[j];
            if (c->kind == K_Z) pl->fr.shift[c->m].chosen = val[j] > 0.5;
            if (c->kind == K_H)
                pl->host_extra[((size_t)c->m * nl + (size_t)c->l) * nw + (size_t)c->w] =
                    (int32_t)floor(val[j] + 0.5);
            if (c->kind != K_X) continue;
            int32_t x = (int32_t)floor(val[j] + 0.5);
            pl->alloc[((size_t)c->m * nl + (size_t)c->l) * nw + (size_t)c->w] = x;
        }
    }
    glp_error_hook(NULL, NULL);
    glp_delete_prob(P);
    glp_term_out(term);
    sc__free(ia);
    sc__free(ja);
    sc__free(ar);
    sc__free(fallback);
    mip_release(&M);
    return st;
}
