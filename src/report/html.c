/*
** The small pieces of HTML and SVG both pages of the report use (report.c
** for a plan, replan.c for a replan's comparison): escaping, a KPI card,
** numbers with thousands separators and a chart axis step. Both depend on
** this module; it depends on neither.
*/
#include <stdint.h>
#include <string.h>

#include "html.h"

void sc__html_esc(FILE *f, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

void sc__html_card(FILE *f, const char *cls, const char *key, const char *value, const char *sub) {
    fprintf(f, "<div class=\"card %s\"><div class=\"k\">", cls);
    sc__html_esc(f, key);
    fputs("</div><div class=\"v\">", f);
    sc__html_esc(f, value);
    fputs("</div>", f);
    if (sub) {
        fputs("<div class=\"s\">", f);
        sc__html_esc(f, sub);
        fputs("</div>", f);
    }
    fputs("</div>\n", f);
}

const char *sc__fmt_num(char *buf, size_t size, int64_t v) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)(v < 0 ? -v : v));
    size_t n = strlen(tmp), k = 0;
    if (v < 0 && k + 1 < size) buf[k++] = '-';
    for (size_t i = 0; i < n && k + 2 < size; i++) {
        if (i && (n - i) % 3 == 0) buf[k++] = ',';
        buf[k++] = tmp[i];
    }
    buf[k] = '\0';
    return buf;
}

int64_t sc__axis_step(int64_t max) {
    int64_t step = 1;
    while (step * 10 <= max / 4 + 1)
        step *= 10;
    if (step * 5 <= max / 4 + 1)
        step *= 5;
    else if (step * 2 <= max / 4 + 1)
        step *= 2;
    return step;
}
