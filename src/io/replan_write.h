/*
** A replan's own outputs (replan_write.c), which the plan writer calls:
** diff.csv and the "replan" member of plan.json. This module calls nothing
** of plan_write.c.
*/
#ifndef SC_REPLAN_WRITE_H
#define SC_REPLAN_WRITE_H

#include <stdio.h>

#include "../plan/replan.h"
#include "../plan/view.h"

void sc__diff_write(const sc_plan *pl, const sc__view *v, FILE *f);
void sc__replan_json(const sc_plan *pl, const sc__view *v, FILE *f);

#endif
