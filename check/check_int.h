/*
 * check_int.h — what the files of the checks share (check.c: the API, the
 * order, dates and impossible figures; check_sum.c: sums and the value a
 * source gives a coordinate; check_rules.c: shares, charts, fund rules,
 * agreement; check_enum.c: what one sentence enumerates (parts of a total,
 * a count per unit); check_money.c: exchange rates and fixed parities;
 * check_headline.c: a headline against the body; check_text.c: the words
 * around a figure).  Not part of the public API.
 */
#ifndef AC_CHECK_INT_H
#define AC_CHECK_INT_H

#include "check.h"
#include "../base/strbuf.h"

/* Classes of figures that add up: amounts in USD cents, counts of projects. */
enum { CLS_NONE = 0, CLS_AMOUNT = 1, CLS_PROJECTS = 2 };

/* A part: a fact seen from its ancestor anc along dimension d.  Its key
 * there (pkey) is the fact's key with key[d] := anc (and, variant 1, the
 * period dropped as well: KEY_TOTAL); its child is its own member on d.
 * gk is pkey packed (16 bits a key) when every dimension has fewer than
 * 65536 members, equal exactly when the keys are, else a hash of it: the
 * groups are sorted by it, and then (packed) a comparison of two entries
 * reads nothing but them.  32 bytes an entry; a fact has about 17. */
typedef struct {
    uint64_t gk;
    uint32_t fact;
    int32_t anc;
    int32_t source;
    int32_t child;
    uint8_t cls, d, variant;
} check_part_entry;

typedef struct {
    const cube *c;
    const model *m;
    const fact_table *f;
    const check_opts *o;
    arena *a;
    finding_list *out;
    check_part_entry *pe;          /* sorted by (cls, d, variant, gk, pkey, source, child,
                                      fact): a group's entries together */
    int gk_exact;                  /* pe[].gk is pkey packed, not a hash */
    size_t npe;
    uint32_t *partf;         /* FACT_PART facts by (source, sentence, fact) */
    size_t npartf;
    uint8_t *sum_mismatch;   /* per cell: a sum rule found it smaller      */
} check_ctx;

/* A growing "doc:line doc:line" list (malloc'd; check_refs_take copies it to the
 * arena).  Past REFS_MAX characters, the rest is counted: " ... (N more)". */
typedef struct {
    strbuf b;
    size_t more;
} check_ref_list;

void check_refs_add(check_ref_list *r, const check_ctx *x, size_t fact);
const char *check_refs_take(check_ref_list *r, arena *a);   /* frees the list */
void check_refs_free(check_ref_list *r);

/* Facts i and j in the order: source, then key ki / kj (a group, a
 * sentence), then fact index. */
int check_cmp_in_source(const fact_table *f, uint32_t i, uint32_t j, long ki, long kj);

int check_fact_cls(const model *m, size_t i);
/* Are facts i and j of the same money kind?  The one predicate every
 * comparison calls: two amounts of one kind class (check_kind_class); a
 * count or a share (no kind) goes with any. */
int check_same_kind(const check_ctx *x, size_t i, size_t j);
/* Are facts i and j stated in one structure of their source: one table,
 * chart or list (the same item run), or rows of one spreadsheet? */
int check_same_structure(const check_ctx *x, size_t i, size_t j);
/* The figure as its source states it, canonical value and unit ("7
 * projects", "3000000 EUR"), in the arena. */
const char *check_fact_text(const check_ctx *x, size_t i);
/* The money kind of fact i as the checks compare figures: allocated and
 * not said are one class (a figure that does not say what it is may be the
 * allocation stated again), every other kind its own.  Figures of two
 * classes are never compared as the same figure (rule agree). */
int check_kind_class(const model *m, size_t i);
/* "QIP MLI Gao Santé 2017/2018" (fund, country, region, sector, period). */
const char *check_coord_text(const check_ctx *x, const int32_t key[DIM__N]);
void check_fact_key(const check_ctx *x, size_t i, int32_t key[DIM__N]);
/* Tolerance of a stated figure against a sum, in its own units (cents). */
int64_t check_sum_tolerance(const check_ctx *x, size_t i);

/* Push f (doc/line from the fact `first`, or SIZE_MAX: already set). */
ac_error check_push(check_ctx *x, finding *f, size_t first);

/* The value source s gives coordinate key in class cls: stated there
 * (rule 1 of the cube, within the source), else, when sum_d >= 0, the sum
 * of its parts along sum_d.  Refs of the figures used go to r, the first
 * of them to *first.  1 if any. */
int check_source_value(check_ctx *x, int32_t s, int cls, const int32_t key[DIM__N], int sum_d, int64_t *v,
                       check_ref_list *r, size_t *first);

/* Rule 1 of the cube within one source: among facts[0..n) (fact order),
 * the one stated as a total, else the largest (the first of equals), plus
 * the line items of its run; the facts used go to used[*nused..] (room for n).  Their sum. */
int64_t check_collapse(const check_ctx *x, const uint32_t *facts, size_t n, uint32_t *used, size_t *nused);

/* The largest sum of the parts of cell cl (class cls) that one source
 * stating the cell states itself, along one dimension (rule 5 of the cube
 * within the total's scope: parts from other sources say nothing of it);
 * the parts' check_ref_list go to r.  1 if any source states parts. */
int check_scoped_parts(check_ctx *x, const cube_cell *cl, int cls, int64_t *best, check_ref_list *r);

/* check_text.c: what an observation's own words say (word tables there). */
/* 0 when the share's own clause names counted things (households, people,
 * projects...) and no money: not a share of amounts. */
int check_share_of_money(const obs *o);
/* 1 when part, stated in total's sentence after a percentage and "soit"
 * ("40 % sont des femmes, soit 2 400"), restates a share of total. */
int check_part_restates_share(const obs *total, const obs *part);
/* 1 when the amount's sentence names projects in the plural ("des QIP"). */
int check_names_projects_plural(const obs *o);
/* 1 when the words just before the count announce the whole the rest of
 * its sentence enumerates ("sur les 90 projets", "of the 48", "au total,"). */
int check_enum_total_marker(const obs *o);
/* 1 when the count is the rest of its enumeration ("23 autres", "the
 * other 10", "the remaining 10"): the parts claim to be all of the total. */
int check_enum_rest(const obs *o);
/* A count per unit ("7 projets par province", "5 projects in each of the
 * three states"): 1 and the unit's word (singular, as the table spells it,
 * static) in *unit, and in *k the number of units the sentence states
 * ("les deux provinces", "three states"; 0 when it names none). */
int check_per_unit(const obs *o, const char **unit, int64_t *k);
/* 1 when the amount's sentence names one project in the singular ("le
 * projet", "cette initiative", "the project") and none in the plural. */
int check_names_one_project(const obs *o);

ac_error check_index(check_ctx *x);
void check_index_free(check_ctx *x);

ac_error check_rule_sentence_sums(check_ctx *x);
ac_error check_rule_sums(check_ctx *x);
ac_error check_rule_shares(check_ctx *x);
ac_error check_rule_shares100(check_ctx *x);
ac_error check_rule_fund(check_ctx *x);
ac_error check_rule_agree(check_ctx *x);
ac_error check_rule_impossible(check_ctx *x);
ac_error check_rule_total_rows(check_ctx *x);
ac_error check_rule_per_unit(check_ctx *x);
ac_error check_rule_rates(check_ctx *x);
ac_error check_rule_headline(check_ctx *x);

#endif
