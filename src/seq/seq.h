/*
** Internals of the sequencing engine, shared by its modules.
*/
#ifndef SC_SEQ_H
#define SC_SEQ_H

#include "../model/model.h"

/* The window starts [first, last] that count for 'rule' (empty when
** first > last). */
void sc__rule_windows(const sc_instance *in, const sc_rule *rule, long *first, long *last);
/* Violations of rule 'r' in 'seq'. O(ncars). */
int64_t sc__rule_violations(const sc_instance *in, size_t r, const uint32_t *seq);
/* Scores 'seq' (assumed a valid permutation). O(ncars x rules). */
void sc__score(const sc_instance *in, const uint32_t *seq, sc_score *out);

#endif
