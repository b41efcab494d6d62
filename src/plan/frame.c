/*
** The frame of a plan (plan.h): what the pipeline is given besides the
** scenario. A plan made from scratch runs on an empty frame: no line-day
** kept, nothing pinned, no old plan, nothing fixed before the allocation.
** A replan (replan.c) fills the same arrays from its baseline.
*/
#include <string.h>

#include "plan.h"

bool sc__frame_init(sc__frame *fr, const sc_plan *pl) {
    memset(fr, 0, sizeof *fr);
    size_t nk = pl->nl * pl->nd, no = pl->sc->norders;
    fr->fixed = sc__calloc(nk + 1, 1);
    fr->sealed = sc__calloc(nk + 1, 1);
    fr->npin = sc__calloc(nk + 1, sizeof *fr->npin);
    fr->ofirst = sc__calloc(nk + 1, sizeof *fr->ofirst);
    fr->order_fixed = sc__calloc(no + 1, 1);
    fr->fixed_bw = sc__calloc(pl->nb * pl->nw + 1, sizeof *fr->fixed_bw);
    fr->fixed_mw = sc__calloc(pl->nm * pl->nw + 1, sizeof *fr->fixed_mw);
    if (fr->fixed && fr->sealed && fr->npin && fr->ofirst && fr->order_fixed && fr->fixed_bw &&
        fr->fixed_mw)
        return true;
    sc__frame_release(fr);
    return false;
}

void sc__frame_release(sc__frame *fr) {
    sc__free(fr->fixed);
    sc__free(fr->sealed);
    sc__free(fr->npin);
    sc__free(fr->carried);
    sc__free(fr->ocar);
    sc__free(fr->ofirst);
    sc__free(fr->old_line);
    sc__free(fr->old_day);
    sc__free(fr->old_pos);
    sc__free(fr->order_fixed);
    sc__free(fr->fixed_bw);
    sc__free(fr->fixed_mw);
    sc__free(fr->alloc_old);
    sc__free(fr->shift);
    memset(fr, 0, sizeof *fr);
}
