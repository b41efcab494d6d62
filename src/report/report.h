/*
** The report (report.c) and its comparison of a replan with its baseline
** (replan.c). report.c calls replan.c, never the other way; both use the
** helpers of html.h.
*/
#ifndef SC_REPORT_H
#define SC_REPORT_H

#include <stdio.h>

#include "../plan/plan.h"
#include "../plan/view.h"

/* Writes the report of 'pl' as the view 'v' sees it. */
sc_status sc__report_write(const sc_plan *pl, const sc__view *v, FILE *f);
/* Writes the replan's comparison, right after the headline numbers. */
void sc__report_replan(const sc_plan *pl, const sc__view *v, FILE *f);

#endif
