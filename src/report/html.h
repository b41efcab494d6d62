/*
** HTML helpers of the report (html.c), shared by report.c and replan.c.
*/
#ifndef SC_HTML_H
#define SC_HTML_H

#include <stdint.h>
#include <stdio.h>

/* Writes 's' to 'f' with the HTML special characters escaped. */
void sc__html_esc(FILE *f, const char *s);
/* Writes a KPI card (class 'cls': "", "good" or "bad"), its text escaped. */
void sc__html_card(FILE *f, const char *cls, const char *key, const char *value, const char *sub);
/* 'v' with thousands separators into 'buf'; returns 'buf'. */
const char *sc__fmt_num(char *buf, size_t size, int64_t v);
/* A round step for a chart axis up to 'max', about 4 ticks. */
int64_t sc__axis_step(int64_t max);

#endif
