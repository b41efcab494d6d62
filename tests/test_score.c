/*
** The scorer against hand-computed values. Every instance here is built
** through the public builder API; the expected numbers are worked out in the
** comments beside each assertion, window by window.
**
** Notation: a sequence is written as the option bits (or colours) of its
** cars by position, the previous day's cars first, then '|', then the day.
*/
#include "testutil.h"

#include <string.h>

/* ---------------------------------------------------------------- helpers */

/*
** A car to add: its kind, id, colour name and whether it has options 0
** and 1 ('a', 'b').
*/
typedef struct car {
    sc_car_kind kind;
    const char *id;
    const char *colour;
    int a, b;
} car;

/* Adds 'n' cars to 'in' and checks that each gets the next index. */
static void add_cars(sc_instance *in, const car *cars, size_t n) {
    for (size_t i = 0; i < n; i++) {
        int col = sc_instance_colour(in, cars[i].colour);
        assert_true(col >= 0);
        int opts[2];
        size_t k = 0;
        if (cars[i].a) opts[k++] = 0;
        if (cars[i].b) opts[k++] = 1;
        int c = sc_instance_add_car(in, cars[i].kind, cars[i].id, col, opts, k, NULL, NULL);
        assert_int_equal(c, (int)i);
    }
}

/*
** An instance with options "A" and "B", rule 'ra' on A (when 'ra.p' > 0)
** and rule 'rb' on B (when 'rb.p' > 0), and the objectives 'objs'.
*/
static sc_instance *make(sc_rule ra, sc_rule rb, const sc_objective *objs, size_t nobjs) {
    sc_instance *in;
    assert_int_equal(sc_instance_new(&in), SC_OK);
    assert_int_equal(sc_instance_add_option(in, "A"), 0);
    assert_int_equal(sc_instance_add_option(in, "B"), 1);
    if (ra.p > 0) {
        ra.option = 0;
        assert_true(sc_instance_add_rule(in, &ra) >= 0);
    }
    if (rb.p > 0) {
        rb.option = 1;
        assert_true(sc_instance_add_rule(in, &rb) >= 0);
    }
    for (size_t k = 0; k < nobjs; k++)
        assert_int_equal(sc_instance_add_objective(in, &objs[k]), SC_OK);
    return in;
}

/* Scores 'seq' (identity when NULL) and expects SC_OK. */
static sc_score score_of(const sc_instance *in, const uint32_t *seq) {
    size_t n = sc_instance_ncars(in);
    uint32_t ident[64];
    assert_true(n <= 64);
    if (!seq) {
        sc_sequence_identity(in, ident);
        seq = ident;
    }
    sc_score s;
    sc_diag d = {0};
    sc_status st = sc_score_sequence(in, seq, &s, &d);
    if (st != SC_OK) print_error("unexpected: %s\n", d.msg);
    assert_int_equal(st, SC_OK);
    return s;
}

static const sc_rule NORULE = {0, 0, 0, 0, false};
static const sc_objective OBJ_L1 = {SC_OBJ_RATIO, 1, 1};
static const sc_objective OBJ_L0 = {SC_OBJ_RATIO, 0, 1};
static const sc_objective OBJ_COL = {SC_OBJ_COLOUR, 0, 1};

/* ---------------------------------------------------------------- ratio windows */

/*
** Rule A 1/3 over 3 previous-day cars and 4 day cars:
**   A by position:  1 1 0 | 1 0 1 1      (positions 0..6)
** Windows must hold a day car: the first starts at nprev - P + 1 = 1, so
** the window [0..2] (1+1+0 = 2, would score 1) is not counted.
**   s=1 [1..3] 1+0+1 = 2 -> 1
**   s=2 [2..4] 0+1+0 = 1 -> 0
**   s=3 [3..5] 1+0+1 = 2 -> 1
**   s=4 [4..6] 0+1+1 = 2 -> 1      last full window (n - P = 4)
**   s=5 [5..6] 1+1   = 2 -> 1      truncated
**   s=6 [6]    1     = 1 -> 0      truncated
** Truncated: 4. Full windows only: 1+0+1+1 = 3.
*/
static const car WIN_CARS[] = {
    {SC_CAR_PREV, "p0", "R", 1, 0}, {SC_CAR_PREV, "p1", "R", 1, 0}, {SC_CAR_PREV, "p2", "R", 0, 0},
    {SC_CAR_FREE, "d0", "R", 1, 0}, {SC_CAR_FREE, "d1", "R", 0, 0}, {SC_CAR_FREE, "d2", "R", 1, 0},
    {SC_CAR_FREE, "d3", "R", 1, 0},
};

static void test_windows_truncated(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 3, 1, false};
    sc_instance *in = make(ra, NORULE, &OBJ_L1, 1);
    add_cars(in, WIN_CARS, 7);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.value[0], 4);
    assert_int_equal(s.total, 4);
    assert_int_equal(s.hard, 0);
    assert_true(sc_score_is_feasible(&s));
    sc_instance_free(in);
}

static void test_windows_full(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 3, 1, false};
    sc_instance *in = make(ra, NORULE, &OBJ_L1, 1);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    add_cars(in, WIN_CARS, 7);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.value[0], 3);
    sc_instance_free(in);
}

/*
** The scorer follows 'seq', not the order the cars were added in. With the
** cars of WIN_CARS (rule A 1/3):
** s1 = p0 p1 p2 d1 d0 d3 d2,  A: 1 1 0 | 0 1 1 1
**   s=1 [1..3] 1+0+0 = 1 -> 0
**   s=2 [2..4] 0+0+1 = 1 -> 0
**   s=3 [3..5] 0+1+1 = 2 -> 1
**   s=4 [4..6] 1+1+1 = 3 -> 2
**   s=5 [5..6] 1+1   = 2 -> 1
**   s=6 [6]    1     = 1 -> 0
**   truncated 4, full 0+0+1+2 = 3.
** s2 = p0 p1 p2 d0 d2 d3 d1,  A: 1 1 0 | 1 1 1 0
**   s=1 [1..3] 1+0+1 = 2 -> 1
**   s=2 [2..4] 0+1+1 = 2 -> 1
**   s=3 [3..5] 1+1+1 = 3 -> 2
**   s=4 [4..6] 1+1+0 = 2 -> 1
**   s=5 [5..6] 1+0   = 1 -> 0
**   s=6 [6]    0     = 0 -> 0
**   truncated 5, full 1+1+2+1 = 5.
*/
static void test_windows_follow_sequence(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 3, 1, false};
    sc_instance *in = make(ra, NORULE, &OBJ_L1, 1);
    add_cars(in, WIN_CARS, 7);
    const uint32_t s1[] = {0, 1, 2, 4, 3, 6, 5};
    const uint32_t s2[] = {0, 1, 2, 3, 5, 6, 4};
    assert_int_equal(score_of(in, s1).value[0], 4);
    assert_int_equal(score_of(in, s2).value[0], 5);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    assert_int_equal(score_of(in, s1).value[0], 3);
    assert_int_equal(score_of(in, s2).value[0], 5);
    sc_instance_free(in);
}

/*
** A spread order lowers the count: rule A 1/2, no previous day, cars
**   A by position: | 1 0 1 0 1      (a0 b0 a1 b1 a2)
** every window of 2 holds at most one A: 0 in both modes. In file order
**   A by position: | 1 1 1 0 0      (a0 a1 a2 b0 b1)
**   s=0 [0..1] 2 -> 1
**   s=1 [1..2] 2 -> 1
**   s=2 [2..3] 1 -> 0
**   s=3 [3..4] 0 -> 0
**   s=4 [4]    0 -> 0   (truncated)
** Truncated: 2; full: 2. With no previous day the first window starts at 0.
*/
static void test_windows_no_previous_day(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 2, 1, false};
    sc_instance *in = make(ra, NORULE, &OBJ_L1, 1);
    const car cars[] = {
        {SC_CAR_FREE, "a0", "R", 1, 0}, {SC_CAR_FREE, "a1", "R", 1, 0},
        {SC_CAR_FREE, "a2", "R", 1, 0}, {SC_CAR_FREE, "b0", "R", 0, 0},
        {SC_CAR_FREE, "b1", "R", 0, 0},
    };
    add_cars(in, cars, 5);
    assert_int_equal(score_of(in, NULL).value[0], 2);
    const uint32_t spread[] = {0, 3, 1, 4, 2};
    assert_int_equal(score_of(in, spread).value[0], 0);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    assert_int_equal(score_of(in, NULL).value[0], 2);
    assert_int_equal(score_of(in, spread).value[0], 0);
    sc_instance_free(in);
}

/*
** A window longer than the sequence: rule A 1/5 over three day cars, all
** with A, no previous day.
** Truncated: s=0 [0..2] 3 -> 2, s=1 [1..2] 2 -> 1, s=2 [2] 1 -> 0: 3.
** Full: n - P = -2 < 0, no window of full length: 0.
*/
static void test_window_longer_than_day(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 5, 1, false};
    sc_instance *in = make(ra, NORULE, &OBJ_L1, 1);
    const car cars[] = {
        {SC_CAR_FREE, "a0", "R", 1, 0},
        {SC_CAR_FREE, "a1", "R", 1, 0},
        {SC_CAR_FREE, "a2", "R", 1, 0},
    };
    add_cars(in, cars, 3);
    assert_int_equal(score_of(in, NULL).value[0], 3);
    sc_instance_set_window_mode(in, SC_WINDOWS_FULL);
    assert_int_equal(score_of(in, NULL).value[0], 0);
    sc_instance_free(in);
}

/*
** Only the last P-1 previous-day cars reach into counted windows. Rule A
** 2/3 with five previous-day cars, all with A, then two day cars without:
**   A by position:  1 1 1 1 1 | 0 0
** The first counted window starts at 5 - 3 + 1 = 3:
**   s=3 [3..5] 1+1+0 = 2 -> 0
**   s=4 [4..6] 1+0+0 = 1 -> 0
**   s=5, s=6: 0
** Total 0, although windows s=0..2 (three A each) would score 1 each.
** With N = 1 instead: s=3 -> 1, s=4 -> 0: total 1.
*/
static void test_windows_previous_only_ignored(void **state) {
    (void)state;
    const car cars[] = {
        {SC_CAR_PREV, "p0", "R", 1, 0}, {SC_CAR_PREV, "p1", "R", 1, 0},
        {SC_CAR_PREV, "p2", "R", 1, 0}, {SC_CAR_PREV, "p3", "R", 1, 0},
        {SC_CAR_PREV, "p4", "R", 1, 0}, {SC_CAR_FREE, "d0", "R", 0, 0},
        {SC_CAR_FREE, "d1", "R", 0, 0},
    };
    sc_rule r2 = {0, 2, 3, 1, false};
    sc_instance *in = make(r2, NORULE, &OBJ_L1, 1);
    add_cars(in, cars, 7);
    assert_int_equal(score_of(in, NULL).value[0], 0);
    sc_instance_free(in);

    sc_rule r1 = {0, 1, 3, 1, false};
    in = make(r1, NORULE, &OBJ_L1, 1);
    add_cars(in, cars, 7);
    assert_int_equal(score_of(in, NULL).value[0], 1);
    sc_instance_free(in);
}

/* An instance whose cars are all from the previous day has no window that
** counts and no colour change. */
static void test_no_day_cars(void **state) {
    (void)state;
    sc_rule ra = {0, 0, 1, 1, false};
    sc_objective objs[2] = {OBJ_L1, OBJ_COL};
    sc_instance *in = make(ra, NORULE, objs, 2);
    const car cars[] = {{SC_CAR_PREV, "p0", "R", 1, 0}, {SC_CAR_PREV, "p1", "G", 1, 0}};
    add_cars(in, cars, 2);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.value[0], 0);
    assert_int_equal(s.value[1], 0);
    assert_int_equal(s.longest_run, 0);
    assert_int_equal(s.total, 0);
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- colours */

/*
** Colours:  R G | G G R B
** p0 -> p1 is a change inside the previous day: not counted.
** p1 (G) -> d0 (G): 0; d0 -> d1: 0; d1 (G) -> d2 (R): 1; d2 (R) -> d3 (B): 1.
** Total 2. In the order p0 p1 d2 d0 d1 d3:  R G | R G G B
** p1 (G) -> d2 (R): 1 (the first day car against the last previous-day
** car); R -> G: 1; G -> G: 0; G -> B: 1. Total 3.
*/
static void test_colour_changes(void **state) {
    (void)state;
    sc_instance *in = make(NORULE, NORULE, &OBJ_COL, 1);
    const car cars[] = {
        {SC_CAR_PREV, "p0", "R", 0, 0}, {SC_CAR_PREV, "p1", "G", 0, 0},
        {SC_CAR_FREE, "d0", "G", 0, 0}, {SC_CAR_FREE, "d1", "G", 0, 0},
        {SC_CAR_FREE, "d2", "R", 0, 0}, {SC_CAR_FREE, "d3", "B", 0, 0},
    };
    add_cars(in, cars, 6);
    assert_int_equal(sc_instance_ncolours(in), 3);
    assert_int_equal(score_of(in, NULL).value[0], 2);
    const uint32_t seq[] = {0, 1, 4, 2, 3, 5};
    assert_int_equal(score_of(in, seq).value[0], 3);
    sc_instance_free(in);
}

/*
** Without a previous day the first car has nothing to change from:
**   | R R G R   -> R->R 0, R->G 1, G->R 1: 2.
** With a single car: 0.
*/
static void test_colour_changes_no_previous_day(void **state) {
    (void)state;
    sc_instance *in = make(NORULE, NORULE, &OBJ_COL, 1);
    const car cars[] = {
        {SC_CAR_FREE, "d0", "R", 0, 0},
        {SC_CAR_FREE, "d1", "R", 0, 0},
        {SC_CAR_FREE, "d2", "G", 0, 0},
        {SC_CAR_FREE, "d3", "R", 0, 0},
    };
    add_cars(in, cars, 4);
    assert_int_equal(score_of(in, NULL).value[0], 2);
    sc_instance_free(in);

    in = make(NORULE, NORULE, &OBJ_COL, 1);
    add_cars(in, cars, 1);
    assert_int_equal(score_of(in, NULL).value[0], 0);
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- batch limit */

/*
** Batch limit 2. Colours:  R R | R R R G G R
** Runs are counted among the day's cars only: RRR (3), GG (2), R (1).
** The longest run is 3 although five R stand in a row across the days;
** the excess is 3 - 2 = 1. Infeasible.
** In the order R R | R G R G R R: runs R, G, R, G, RR: longest 2, excess 0.
*/
static void test_batch_limit(void **state) {
    (void)state;
    sc_instance *in = make(NORULE, NORULE, &OBJ_COL, 1);
    sc_instance_set_batch_limit(in, 2);
    assert_int_equal(sc_instance_batch_limit(in), 2);
    const car cars[] = {
        {SC_CAR_PREV, "p0", "R", 0, 0}, {SC_CAR_PREV, "p1", "R", 0, 0},
        {SC_CAR_FREE, "d0", "R", 0, 0}, {SC_CAR_FREE, "d1", "R", 0, 0},
        {SC_CAR_FREE, "d2", "R", 0, 0}, {SC_CAR_FREE, "d3", "G", 0, 0},
        {SC_CAR_FREE, "d4", "G", 0, 0}, {SC_CAR_FREE, "d5", "R", 0, 0},
    };
    add_cars(in, cars, 8);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.longest_run, 3);
    assert_int_equal(s.batch_excess, 1);
    assert_false(sc_score_is_feasible(&s));
    /* colour changes: p1 R -> d0 R 0, R R R -> G 1, G -> R 1: 2 */
    assert_int_equal(s.value[0], 2);
    /* The batch limit is a constraint, not an objective: the total holds
    ** colour changes only. */
    assert_int_equal(s.total, 2);

    const uint32_t seq[] = {0, 1, 2, 5, 3, 6, 4, 7};
    s = score_of(in, seq);
    assert_int_equal(s.longest_run, 2);
    assert_int_equal(s.batch_excess, 0);
    assert_true(sc_score_is_feasible(&s));
    /* R R | R G R G R R: R->R 0, R->G, G->R, R->G, G->R: 4, then R->R 0 */
    assert_int_equal(s.value[0], 4);
    sc_instance_free(in);
}

/*
** Excess sums over runs. Limit 2, colours | R R R G G G G B:
** runs RRR (3, excess 1), GGGG (4, excess 2), B (1): excess 3, longest 4.
** With no limit the excess is 0 and the longest run is still reported.
*/
static void test_batch_excess_sums_runs(void **state) {
    (void)state;
    const car cars[] = {
        {SC_CAR_FREE, "d0", "R", 0, 0}, {SC_CAR_FREE, "d1", "R", 0, 0},
        {SC_CAR_FREE, "d2", "R", 0, 0}, {SC_CAR_FREE, "d3", "G", 0, 0},
        {SC_CAR_FREE, "d4", "G", 0, 0}, {SC_CAR_FREE, "d5", "G", 0, 0},
        {SC_CAR_FREE, "d6", "G", 0, 0}, {SC_CAR_FREE, "d7", "B", 0, 0},
    };
    sc_instance *in = make(NORULE, NORULE, &OBJ_COL, 1);
    sc_instance_set_batch_limit(in, 2);
    add_cars(in, cars, 8);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.batch_excess, 3);
    assert_int_equal(s.longest_run, 4);
    assert_int_equal(s.value[0], 2);
    sc_instance_free(in);

    in = make(NORULE, NORULE, &OBJ_COL, 1);
    sc_instance_set_batch_limit(in, 0);
    add_cars(in, cars, 8);
    s = score_of(in, NULL);
    assert_int_equal(s.batch_excess, 0);
    assert_int_equal(s.longest_run, 4);
    assert_true(sc_score_is_feasible(&s));
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- frozen cars */

/*
** One previous-day car, two frozen cars and two free ones:
**   colours  R | G G R R   (p0 | f0 f1 d0 d1), rule A 1/2 with
**   A        1 | 1 0 1 1
** Frozen cars are cars of the day: the change p0 (R) -> f0 (G) counts, and
** the window [0..1] holds a day car. Identity:
**   windows (first = 1 - 2 + 1 = 0): [0,1] 2 -> 1, [1,2] 1, [2,3] 1,
**   [3,4] 2 -> 1, [4] 1: total 2.
**   colours: R->G 1, G->G 0, G->R 1, R->R 0: 2.
** Swapping the free cars is allowed (same bits: same score); moving a
** frozen or previous-day car is not.
*/
static void test_frozen_cars(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 2, 1, false};
    sc_objective objs[2] = {OBJ_L1, OBJ_COL};
    sc_instance *in = make(ra, NORULE, objs, 2);
    const car cars[] = {
        {SC_CAR_PREV, "p0", "R", 1, 0},   {SC_CAR_FROZEN, "f0", "G", 1, 0},
        {SC_CAR_FROZEN, "f1", "G", 0, 0}, {SC_CAR_FREE, "d0", "R", 1, 0},
        {SC_CAR_FREE, "d1", "R", 1, 0},
    };
    add_cars(in, cars, 5);
    assert_int_equal(sc_instance_nprev(in), 1);
    assert_int_equal(sc_instance_nfixed(in), 3);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.value[0], 2);
    assert_int_equal(s.value[1], 2);
    assert_int_equal(s.total, 4);
    const uint32_t swapped[] = {0, 1, 2, 4, 3};
    assert_int_equal(score_of(in, swapped).total, 4);

    sc_score out;
    sc_diag d = {0};
    /* f0 moved behind d0 */
    const uint32_t moved[] = {0, 3, 2, 1, 4};
    assert_int_equal(sc_score_sequence(in, moved, &out, &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "fixed car 'f0' moved"));
    /* the two frozen cars swapped */
    const uint32_t swapped_frozen[] = {0, 2, 1, 3, 4};
    assert_int_equal(sc_score_sequence(in, swapped_frozen, &out, &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "fixed car 'f0' moved from position 2"));
    /* the previous-day car moved */
    const uint32_t prev_moved[] = {3, 1, 2, 0, 4};
    assert_int_equal(sc_score_sequence(in, prev_moved, &out, &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "fixed car 'p0' moved from position 1"));
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- invalid sequences */

static void test_invalid_sequences(void **state) {
    (void)state;
    sc_instance *in = make(NORULE, NORULE, &OBJ_COL, 1);
    const car cars[] = {
        {SC_CAR_FREE, "d0", "R", 0, 0},
        {SC_CAR_FREE, "d1", "G", 0, 0},
        {SC_CAR_FREE, "d2", "B", 0, 0},
    };
    add_cars(in, cars, 3);
    sc_score out;
    sc_diag d = {0};
    const uint32_t twice[] = {0, 1, 1};
    assert_int_equal(sc_score_sequence(in, twice, &out, &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "car 'd1' appears twice"));
    const uint32_t out_of_range[] = {0, 3, 2};
    assert_int_equal(sc_score_sequence(in, out_of_range, &out, &d), SC_EINVAL);
    assert_true(tu_contains(d.msg, "position 2 holds no car"));
    /* A NULL diagnostic is allowed. */
    assert_int_equal(sc_score_sequence(in, twice, &out, NULL), SC_EINVAL);
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- hard rules */

/*
** Rule A 1/2 hard, rule B 1/2 soft, both level 1; one objective on level 1.
**   A: | 1 1 0 1      windows (truncated): [0,1] 2 -> 1, [1,2] 1, [2,3] 1,
**                     [3] 1: 1 hard violation.
**   B: | 1 1 1 0      [0,1] 2 -> 1, [1,2] 2 -> 1, [2,3] 1, [3] 0: 2.
** The objective holds B's 2 only; 'hard' holds A's 1; infeasible.
*/
static void test_hard_rules(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 2, 1, true};
    sc_rule rb = {1, 1, 2, 1, false};
    sc_instance *in = make(ra, rb, &OBJ_L1, 1);
    const car cars[] = {
        {SC_CAR_FREE, "d0", "R", 1, 1},
        {SC_CAR_FREE, "d1", "R", 1, 1},
        {SC_CAR_FREE, "d2", "R", 0, 1},
        {SC_CAR_FREE, "d3", "R", 1, 0},
    };
    add_cars(in, cars, 4);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.hard, 1);
    assert_int_equal(s.value[0], 2);
    assert_int_equal(s.total, 2);
    assert_false(sc_score_is_feasible(&s));
    /* d2 d0 d3 d1:
    **   A: | 0 1 1 1   [0,1] 1, [1,2] 2 -> 1, [2,3] 2 -> 1, [3] 1: hard 2.
    **   B: | 1 1 0 1   [0,1] 2 -> 1, [1,2] 1, [2,3] 1, [3] 1: 1. */
    const uint32_t worse[] = {2, 0, 3, 1};
    s = score_of(in, worse);
    assert_int_equal(s.hard, 2);
    assert_int_equal(s.value[0], 1);
    sc_instance_free(in);
}

/* ---------------------------------------------------------------- weights */

/*
** Three objectives in the ROADEF order hprc > colour > lprc with the preset
** weights 1,000,000 / 1,000 / 1. Rule A 1/2 level 1, rule B 1/3 level 0.
**   colours:  R | R G G B      (p0 | d0 d1 d2 d3)
**   A:        1 | 1 1 0 0
**   B:        0 | 1 0 1 1
** A (P=2, first window at 1 - 2 + 1 = 0): [0,1] 2 -> 1, [1,2] 2 -> 1,
**   [2,3] 1, [3,4] 0, [4] 0: hprc 2.
** B (P=3, first window at 0): [0..2] 1, [1..3] 2 -> 1, [2..4] 2 -> 1,
**   [3..4] 2 -> 1, [4] 1: lprc 3.
** colours: R->R 0, R->G 1, G->G 0, G->B 1: 2.
** Total 2,000,000 + 2,000 + 3 = 2,002,003.
** With weights 5 / 0 / 7 in the order lprc, colour, hprc (custom order):
**   5 x 3 + 0 x 2 + 7 x 2 = 29.
*/
static void test_weights(void **state) {
    (void)state;
    const car cars[] = {
        {SC_CAR_PREV, "p0", "R", 1, 0}, {SC_CAR_FREE, "d0", "R", 1, 1},
        {SC_CAR_FREE, "d1", "G", 1, 0}, {SC_CAR_FREE, "d2", "G", 0, 1},
        {SC_CAR_FREE, "d3", "B", 0, 1},
    };
    sc_rule ra = {0, 1, 2, 1, false};
    sc_rule rb = {1, 1, 3, 0, false};
    sc_objective roadef[3] = {OBJ_L1, OBJ_COL, OBJ_L0};
    sc_instance *in = make(ra, rb, roadef, 3);
    assert_int_equal(sc_instance_set_roadef_weights(in), SC_OK);
    assert_int_equal(sc_instance_objective(in, 0).weight, 1000000);
    assert_int_equal(sc_instance_objective(in, 1).weight, 1000);
    assert_int_equal(sc_instance_objective(in, 2).weight, 1);
    add_cars(in, cars, 5);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.value[0], 2);
    assert_int_equal(s.value[1], 2);
    assert_int_equal(s.value[2], 3);
    assert_int_equal(s.total, 2002003);
    sc_instance_free(in);

    sc_objective custom[3] = {{SC_OBJ_RATIO, 0, 5}, {SC_OBJ_COLOUR, 0, 0}, {SC_OBJ_RATIO, 1, 7}};
    in = make(ra, rb, custom, 3);
    add_cars(in, cars, 5);
    s = score_of(in, NULL);
    assert_int_equal(s.value[0], 3);
    assert_int_equal(s.value[1], 2);
    assert_int_equal(s.value[2], 2);
    assert_int_equal(s.total, 29);
    sc_instance_free(in);
}

/* An objective on a level no rule has sums nothing; two rules on one level
** add up. Rules A 1/2 and B 1/2 both level 3: A | 1 1: [0,1] -> 1, [1] 0;
** B | 1 1: 1. Level 3: 2; level 2: 0. */
static void test_levels(void **state) {
    (void)state;
    sc_rule ra = {0, 1, 2, 3, false};
    sc_rule rb = {1, 1, 2, 3, false};
    sc_objective objs[2] = {{SC_OBJ_RATIO, 3, 10}, {SC_OBJ_RATIO, 2, 100}};
    sc_instance *in = make(ra, rb, objs, 2);
    const car cars[] = {{SC_CAR_FREE, "d0", "R", 1, 1}, {SC_CAR_FREE, "d1", "R", 1, 1}};
    add_cars(in, cars, 2);
    sc_score s = score_of(in, NULL);
    assert_int_equal(s.value[0], 2);
    assert_int_equal(s.value[1], 0);
    assert_int_equal(s.total, 20);
    sc_instance_free(in);
}

/*
** The highest rule level the model accepts is SC_MAX_RULES; the scorer
** keeps one sum per level. A rule above it is refused by the builder
** (it used to be accepted, then ignored by the scorer, which also read
** past its per-level sums when an objective named that level).
*/
static void test_level_bounds(void **state) {
    (void)state;
    sc_rule top = {0, 0, 1, SC_MAX_RULES, false};
    sc_objective obj = {SC_OBJ_RATIO, SC_MAX_RULES, 1};
    sc_instance *in = make(top, NORULE, &obj, 1);
    const car cars[] = {{SC_CAR_FREE, "d0", "R", 1, 0}};
    add_cars(in, cars, 1);
    /* A 0/1 over one car with A: one violation. */
    assert_int_equal(score_of(in, NULL).value[0], 1);
    sc_rule above = {0, 0, 1, SC_MAX_RULES + 1, false};
    assert_int_equal(sc_instance_add_rule(in, &above), SC_EINVAL);
    above.level = 1000;
    assert_int_equal(sc_instance_add_rule(in, &above), SC_EINVAL);
    sc_instance_free(in);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_truncated),
        cmocka_unit_test(test_windows_full),
        cmocka_unit_test(test_windows_follow_sequence),
        cmocka_unit_test(test_windows_no_previous_day),
        cmocka_unit_test(test_window_longer_than_day),
        cmocka_unit_test(test_windows_previous_only_ignored),
        cmocka_unit_test(test_no_day_cars),
        cmocka_unit_test(test_colour_changes),
        cmocka_unit_test(test_colour_changes_no_previous_day),
        cmocka_unit_test(test_batch_limit),
        cmocka_unit_test(test_batch_excess_sums_runs),
        cmocka_unit_test(test_frozen_cars),
        cmocka_unit_test(test_invalid_sequences),
        cmocka_unit_test(test_hard_rules),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_level_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
