/*
** A replan's outputs (work in progress).
*/
#include "../plan/plan.h"

void sc__diff_write(const sc_plan *pl, int32_t view, FILE *f) {
    (void)pl;
    (void)view;
    (void)f;
}

void sc__replan_json(const sc_plan *pl, int32_t view, FILE *f) {
    (void)pl;
    (void)view;
    fputs("{}", f);
}
