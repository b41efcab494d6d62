/*
** The report's comparison of a replan with its old plan (work in progress).
*/
#include "../plan/plan.h"

void sc__report_replan(const sc_plan *pl, int32_t view, FILE *f) {
    (void)pl;
    (void)view;
    (void)f;
}
