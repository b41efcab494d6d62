/*
** The scorer: a full evaluation of a sequence, the reference that the
** incremental evaluation of the search is tested against.
**
** Windows (ROADEF 2005 rules): for a rule N/P every window of P consecutive
** positions that holds at least one car of the day counts, that is windows
** that start in the last P-1 previous-day cars and every later one; in
** truncated mode the windows near the end, shorter than P, count too. A
** window scores max(0, c - N) where c counts the cars with the option.
*/
#include <string.h>

#include "seq.h"

void sc__rule_windows(const sc_instance *in, const sc_rule *r, long *first, long *last) {
    long n = (long)in->ncars, prev = (long)in->nprev, p = r->p;
    *first = prev - p + 1 > 0 ? prev - p + 1 : 0;
    *last = in->window_mode == SC_WINDOWS_FULL ? n - p : n - 1;
    if (n <= prev) *last = -1; /* no car of the day: no window counts */
}

int64_t sc__rule_violations(const sc_instance *in, size_t r, const uint32_t *seq) {
    const sc_rule *rule = &in->rules[r];
    long first, last, n = (long)in->ncars;
    sc__rule_windows(in, rule, &first, &last);
    if (first > last) return 0;
    int64_t v = 0;
    long c = 0;
    /* Sliding count over [s, s + p). */
    long end = first; /* exclusive end of the counted positions */
    for (long s = first; s <= last; s++) {
        long want = s + rule->p < n ? s + rule->p : n;
        while (end < want)
            c += sc__car_has(in, seq[end++], (size_t)rule->option);
        if (s > first) c -= sc__car_has(in, seq[s - 1], (size_t)rule->option);
        if (c > rule->n) v += c - rule->n;
    }
    return v;
}

void sc_sequence_identity(const sc_instance *in, uint32_t *seq) {
    for (size_t i = 0; i < in->ncars; i++)
        seq[i] = (uint32_t)i;
}

bool sc_score_is_feasible(const sc_score *score) {
    return score->hard == 0 && score->batch_excess == 0;
}

void sc__score(const sc_instance *in, const uint32_t *seq, sc_score *out) {
    memset(out, 0, sizeof *out);
    int64_t level_sum[SC_MAX_RULES + 1];
    int maxlevel = -1;
    for (size_t r = 0; r < in->nrules; r++)
        if (in->rules[r].level > maxlevel) maxlevel = in->rules[r].level;
    for (int l = 0; l <= maxlevel && l <= SC_MAX_RULES; l++)
        level_sum[l] = 0;
    for (size_t r = 0; r < in->nrules; r++) {
        int64_t v = sc__rule_violations(in, r, seq);
        if (in->rules[r].hard)
            out->hard += v;
        else if (in->rules[r].level <= SC_MAX_RULES)
            level_sum[in->rules[r].level] += v;
    }
    int64_t changes = 0;
    size_t n = in->ncars, start = in->nprev ? in->nprev : 1;
    for (size_t k = start; k < n; k++)
        changes += in->colour[seq[k]] != in->colour[seq[k - 1]];
    int longest = 0;
    int64_t excess = 0;
    for (size_t k = in->nprev; k < n;) {
        size_t e = k + 1;
        while (e < n && in->colour[seq[e]] == in->colour[seq[k]])
            e++;
        int len = (int)(e - k);
        if (len > longest) longest = len;
        if (in->batch_limit && len > in->batch_limit) excess += len - in->batch_limit;
        k = e;
    }
    out->longest_run = longest;
    out->batch_excess = excess;
    for (size_t k = 0; k < in->nobj; k++) {
        const sc_objective *o = &in->obj[k];
        if (o->kind == SC_OBJ_COLOUR)
            out->value[k] = changes;
        else
            out->value[k] = o->level <= maxlevel ? level_sum[o->level] : 0;
        out->total += o->weight * out->value[k];
    }
}

sc_status sc_score_sequence(const sc_instance *in, const uint32_t *seq, sc_score *out, sc_diag *d) {
    memset(out, 0, sizeof *out);
    size_t n = in->ncars;
    uint8_t *seen = sc__calloc(n ? n : 1, 1);
    if (!seen) return SC_ENOMEM;
    sc_status st = SC_OK;
    for (size_t k = 0; k < n && st == SC_OK; k++) {
        uint32_t c = seq[k];
        if (c >= n) {
            sc__diag_set(d, NULL, 0, 0, "position %zu holds no car of the instance", k + 1);
            st = SC_EINVAL;
        } else if (seen[c]) {
            sc__diag_set(d, NULL, 0, 0, "car '%s' appears twice", sc_instance_car_id(in, c));
            st = SC_EINVAL;
        } else if (k < in->nfixed && c != k) {
            sc__diag_set(d, NULL, 0, 0, "fixed car '%s' moved from position %zu",
                         sc_instance_car_id(in, k), k + 1);
            st = SC_EINVAL;
        } else {
            seen[c] = 1;
        }
    }
    sc__free(seen);
    if (st == SC_OK) sc__score(in, seq, out);
    return st;
}
