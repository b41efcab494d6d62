/*
** The sequencing instance: cars, options, ratio rules, colours and
** objectives. Data only: no I/O.
*/
#include <stdlib.h>
#include <string.h>

#include "model.h"

sc_status sc_instance_new(sc_instance **out) {
    *out = NULL;
    sc_instance *in = sc__calloc(1, sizeof *in);
    if (!in) return SC_ENOMEM;
    /* Offset 0 of 'tags' is the empty tag, so that 0 means "none". */
    if (sc__strpool_add(&in->tags, "", true, false) != 0) {
        sc__strpool_release(&in->tags); /* the hash slots may be allocated */
        sc__free(in);
        return SC_ENOMEM;
    }
    in->window_mode = SC_WINDOWS_TRUNCATED;
    *out = in;
    return SC_OK;
}

void sc_instance_free(sc_instance *in) {
    if (!in) return;
    sc__free(in->id);
    sc__free(in->colour);
    sc__free(in->brand);
    sc__free(in->model);
    sc__free(in->opts);
    sc__free(in->colname);
    sc__strpool_release(&in->ids);
    sc__strpool_release(&in->tags);
    sc__strpool_release(&in->names);
    sc__strpool_release(&in->colours);
    sc__free(in);
}

int sc_instance_add_option(sc_instance *in, const char *name) {
    if (in->ncars || in->noptions >= SC_MAX_OPTIONS || !name) return SC_EINVAL;
    size_t off = sc__strpool_add(&in->names, name, false, true);
    if (off == (size_t)-2) return SC_EINVAL;
    if (off == (size_t)-1) return SC_ENOMEM;
    in->optname[in->noptions] = (uint32_t)off;
    return (int)in->noptions++;
}

int sc_instance_add_rule(sc_instance *in, const sc_rule *rule) {
    if (in->nrules >= SC_MAX_RULES) return SC_EINVAL;
    if (rule->option < 0 || (size_t)rule->option >= in->noptions) return SC_EINVAL;
    if (rule->p < 1 || rule->n < 0 || rule->n > rule->p) return SC_EINVAL;
    /* Levels are 0..SC_MAX_RULES: the scorer keeps one sum per level. */
    if (rule->level < 0 || rule->level > SC_MAX_RULES) return SC_EINVAL;
    in->rules[in->nrules] = *rule;
    return (int)in->nrules++;
}

int sc_instance_colour(sc_instance *in, const char *name) {
    long at = sc__strpool_find(&in->colours, name);
    if (at >= 0) {
        for (size_t c = 0; c < in->ncolours; c++)
            if (in->colname[c] == (uint32_t)at) return (int)c;
    }
    if (in->ncolours >= INT32_MAX) return SC_EINVAL;
    if (!sc__grow((void **)&in->colname, &in->capcolours, in->ncolours + 1, sizeof *in->colname))
        return SC_ENOMEM;
    size_t off = sc__strpool_add(&in->colours, name, true, false);
    if (off == (size_t)-1) return SC_ENOMEM;
    in->colname[in->ncolours] = (uint32_t)off;
    return (int)in->ncolours++;
}

sc_status sc_instance_add_objective(sc_instance *in, const sc_objective *obj) {
    if (in->nobj >= SC_MAX_OBJECTIVES || obj->weight < 0 || obj->level < 0) return SC_EINVAL;
    if (obj->kind != SC_OBJ_RATIO && obj->kind != SC_OBJ_COLOUR) return SC_EINVAL;
    in->obj[in->nobj++] = *obj;
    return SC_OK;
}

sc_status sc_instance_set_roadef_weights(sc_instance *in) {
    static const int64_t w[3] = {1000000, 1000, 1};
    if (in->nobj > 3) return SC_EINVAL;
    for (size_t k = 0; k < in->nobj; k++)
        in->obj[k].weight = w[k];
    return SC_OK;
}

void sc_instance_set_batch_limit(sc_instance *in, int limit) {
    in->batch_limit = limit > 0 ? limit : 0;
}
void sc_instance_set_window_mode(sc_instance *in, sc_window_mode mode) { in->window_mode = mode; }
void sc_instance_set_format(sc_instance *in, sc_format format) { in->format = format; }

/* Grows every per-car array to hold 'need' cars. */
static bool grow_cars(sc_instance *in, size_t need) {
    if (need <= in->capcars) return true;
    size_t cap = in->capcars ? in->capcars * 2 : 64;
    while (cap < need)
        cap *= 2;
    size_t ow;
    if (!sc__mul_ok(cap, in->owords * sizeof(uint64_t), &ow)) return false;
    void *p;
    if (!(p = sc__realloc(in->id, cap * sizeof *in->id))) return false;
    in->id = p;
    if (!(p = sc__realloc(in->colour, cap * sizeof *in->colour))) return false;
    in->colour = p;
    if (!(p = sc__realloc(in->brand, cap * sizeof *in->brand))) return false;
    in->brand = p;
    if (!(p = sc__realloc(in->model, cap * sizeof *in->model))) return false;
    in->model = p;
    if (!(p = sc__realloc(in->opts, ow))) return false;
    in->opts = p;
    in->capcars = cap;
    return true;
}

int sc_instance_add_car(sc_instance *in, sc_car_kind kind, const char *id, int colour,
                        const int *options, size_t noptions, const char *brand, const char *model) {
    if (!id || colour < 0 || (size_t)colour >= in->ncolours) return SC_EINVAL;
    if (kind != SC_CAR_PREV && kind != SC_CAR_FROZEN && kind != SC_CAR_FREE) return SC_EINVAL;
    if (in->ncars >= SC_MAX_CARS) return SC_EINVAL;
    /* Kinds never decrease: previous day, then frozen, then free. */
    if (kind == SC_CAR_PREV && in->nprev != in->ncars) return SC_EINVAL;
    if (kind == SC_CAR_FROZEN && in->nfixed != in->ncars) return SC_EINVAL;
    for (size_t i = 0; i < noptions; i++)
        if (options[i] < 0 || (size_t)options[i] >= in->noptions) return SC_EINVAL;
    if (in->owords == 0) in->owords = in->noptions ? (in->noptions + 63) / 64 : 1;
    if (!grow_cars(in, in->ncars + 1)) return SC_ENOMEM;
    size_t b = 0, m = 0;
    if (brand && (b = sc__strpool_add(&in->tags, brand, true, false)) == (size_t)-1)
        return SC_ENOMEM;
    if (model && (m = sc__strpool_add(&in->tags, model, true, false)) == (size_t)-1)
        return SC_ENOMEM;
    /* Ids of the day's cars are unique and can be looked up; the previous
    ** day's are kept for reporting only (real data repeats some). */
    bool day = kind != SC_CAR_PREV;
    size_t off = sc__strpool_add(&in->ids, id, false, day);
    if (off == (size_t)-2) return SC_EINVAL;
    if (off == (size_t)-1) return SC_ENOMEM;
    size_t c = in->ncars;
    in->id[c] = (uint32_t)off;
    in->colour[c] = colour;
    in->brand[c] = (uint32_t)b;
    in->model[c] = (uint32_t)m;
    uint64_t *w = in->opts + c * in->owords;
    memset(w, 0, in->owords * sizeof *w);
    for (size_t i = 0; i < noptions; i++)
        w[options[i] / 64] |= (uint64_t)1 << (options[i] % 64);
    in->ncars++;
    if (kind == SC_CAR_PREV) in->nprev++;
    if (kind != SC_CAR_FREE) in->nfixed++;
    return (int)c;
}

size_t sc_instance_ncars(const sc_instance *in) { return in->ncars; }
size_t sc_instance_nprev(const sc_instance *in) { return in->nprev; }
size_t sc_instance_nfixed(const sc_instance *in) { return in->nfixed; }
size_t sc_instance_noptions(const sc_instance *in) { return in->noptions; }
size_t sc_instance_nrules(const sc_instance *in) { return in->nrules; }
size_t sc_instance_ncolours(const sc_instance *in) { return in->ncolours; }
size_t sc_instance_nobjectives(const sc_instance *in) { return in->nobj; }
int sc_instance_batch_limit(const sc_instance *in) { return in->batch_limit; }
sc_format sc_instance_format(const sc_instance *in) { return in->format; }
sc_rule sc_instance_rule(const sc_instance *in, size_t r) { return in->rules[r]; }
sc_objective sc_instance_objective(const sc_instance *in, size_t k) { return in->obj[k]; }
const char *sc_instance_option_name(const sc_instance *in, size_t o) {
    return in->names.buf + in->optname[o];
}
const char *sc_instance_colour_name(const sc_instance *in, size_t c) {
    return in->colours.buf + in->colname[c];
}
const char *sc_instance_car_id(const sc_instance *in, size_t car) {
    return in->ids.buf + in->id[car];
}
int sc_instance_car_colour(const sc_instance *in, size_t car) { return in->colour[car]; }
bool sc_instance_car_has(const sc_instance *in, size_t car, size_t option) {
    return option < in->noptions && sc__car_has(in, car, option);
}
const char *sc_instance_car_brand(const sc_instance *in, size_t car) {
    return in->tags.buf + in->brand[car];
}
const char *sc_instance_car_model(const sc_instance *in, size_t car) {
    return in->tags.buf + in->model[car];
}

long sc_instance_find_car(const sc_instance *in, const char *id) {
    long off = sc__strpool_find(&in->ids, id);
    if (off < 0) return -1;
    /* Ids are stored in car order, so the offset leads to the car by
    ** binary search over the increasing 'id' array. */
    size_t lo = 0, hi = in->ncars;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (in->id[mid] < (uint32_t)off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < in->ncars && in->id[lo] == (uint32_t)off ? (long)lo : -1;
}
