/*
** Replanning after a disruption (work in progress).
*/
#include "plan.h"

void sc__replan_release(sc_plan *pl) { pl->rp = NULL; }
