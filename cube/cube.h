/*
 * cube.h — the sector × region × period × fund cube: every cell of its 16
 * cuboids, computed from the fact model (model.h) by rules a donor can
 * check.
 *
 * A cell is a coordinate: on each dimension a member, or _T (all of them),
 * or _X ("not stated", see rule 5).  The cuboid of a cell is the set of
 * dimensions on which it names a member (bit d of the mask); members at
 * every level of a hierarchy (a country and its regions, a span and its
 * years) share the cuboid.  Each cell carries two measures, the amount in
 * USD cents and the number of projects, each with a reported, a computed
 * and a derived value, the value shown and its origin.
 *
 * One cube for one set of facts.  The cube is a function of the set of
 * facts, never of their order: the frozen model numbers sources and facts
 * by content (model.h), cells are numbered in the order of their keys, and
 * every tie below is broken by those numbers, never by the order sources
 * came in.  A cell exists where some figure lies at or below it on every
 * dimension with exactly its period (or any period, when the cell's period
 * is _T): the cells of a fund are made by its own figures, those of a
 * country by its own, and no other source's member creates one.
 *
 * The rules (README.md, "How the figures are computed", and the workbook's
 * "Read me" sheet say the same in plain words; tests/unit/test_cube.c
 * tests each one, tests/t_cube_props.sh their properties):
 *
 *  1. Reported.  A figure a source states at exactly a cell's coordinate is
 *     the cell's reported value.  Line items of one table, chart or list at
 *     one coordinate add up (but a total line of the run, "Total: $3 million"
 *     above or below its lines, is their sum stated: the statement, and
 *     its run's other lines at its coordinate are its parts, never added
 *     to it; `check` compares them, rule sum), and so do the figures of
 *     single projects ("le QIP n°12 a coûté 45 000 USD"; the same amount stated twice in
 *     text is one project).  Any other figure at the same coordinate is the
 *     same figure stated again: the one stated as a total, else the largest
 *     (the most complete statement; among equal ones, the first in the
 *     model's content order, which only names which sources the value rests
 *     on), is used, and `check` compares the others with it.  Where both
 *     kinds are at one coordinate, the larger of the statement and the
 *     projects' sum.  The parts of a total stated in its own sentence
 *     ("222 finalisés et 102 en cours") never state the cell, nor does a
 *     total named by one of its parts: a figure a source states at a sector
 *     that equals, to the cent and in the same currency, a figure the same
 *     source states at the same coordinates with no sector, while that
 *     source states another sector there too (a headline listing several
 *     sectors, "115.5 M to enhance security, migrant protection and job
 *     creation", carries the first it names; were it that sector's, the
 *     other sectors would be added to a part as large as their whole).
 *     Caps, rates per year, impossible figures and amounts with no USD rate
 *     are never summed.
 *  2. Computed.  Along each dimension, a cell's computed value is the sum of
 *     its children's values.  Its children along a fund are the cells of
 *     each member under _T.  Along a sector they follow the DAC tree of the
 *     reference data (model.h): under _T, the groups, the sectors with no
 *     DAC code and _X; under a group, its codes; under a code, the themes
 *     sources use (RESA, POC) that it covers.  Every ancestor of a sector
 *     stated at a coordinate has its cell there (as a country above its
 *     regions), so the tree is the same at every coordinate and a parent is
 *     never added beside its children: a group's cell is its reported
 *     figure or the sum of its codes (rule 3), never both.  A theme's
 *     derived share (rule 4) is a row of its total through a code and group
 *     with no value of their own (rule 5 leaves it out of the rest).
 *     Along a region or a period they are made of the members stated at
 *     the cell's own coordinates (the cells equal to it on the other
 *     dimensions), never of a hierarchy of all
 *     sources: under _T, the countries (and _X); under a country, the
 *     groupings of regions stated there and its regions that no grouping
 *     stated there covers; under a grouping, the regions it covers; under a
 *     period, the periods stated there that lie inside it by their dates
 *     and inside no other such period (under _T: the outermost ones, and
 *     _X).  A cell can so be the child of two spans that both contain it,
 *     and a span another fund or country states never takes a year from
 *     this fund's or country's spans.  A cell whose period P is a member
 *     and that names _T on a sector, region or fund dimension also has
 *     "inner" children along it: each member under _T there that states no
 *     figure of P but figures of periods inside P, valued at their disjoint
 *     sum (all funds' 2015-2016 holds a fund's 2015 and 2016 though that
 *     fund states no 2015-2016; no cell is made for it: rule 5 shows it in
 *     the rest).  No sum adds two children that overlap (two periods
 *     sharing days, a grouping and a region it covers, two groupings
 *     sharing a region): among overlapping children the set of pairwise
 *     disjoint ones with the largest sum is added (for periods, exactly, by
 *     weighted interval scheduling), the others are shown but marked as not
 *     counted, and the cell is flagged CELL_OVERLAP.  Along several
 *     dimensions the largest sum is kept: each is a lower bound of the same
 *     total.  So a span is never shown smaller than a period inside it at
 *     its coordinates.
 *  3. Never smaller than its parts.  A cell shows its reported value unless
 *     its computed value is larger: then it shows the computed value, and is
 *     flagged CELL_CONFLICT (a finding of `check`) unless the difference is
 *     within the rounding of the stated figure (half a unit of its last
 *     significant digit: "12,1 millions" agrees with 12,106,353).  A stated
 *     total larger than its parts supersedes them: nothing is counted
 *     twice.
 *  4. Derived.  A share (28 % of a fund's budget) times the value of the
 *     total it is a share of (its sector's total, else its region's
 *     country's) gives a derived amount, only for a cell with neither a
 *     reported nor a computed one, rounded half away from zero to the cent.
 *     Derived values are shown, a row of the total they are a share of,
 *     never summed further.
 *  5. Not stated.  Unknown is not zero: a cell with no value has origin
 *     ORIGIN_NONE and is shown empty.  Where a total holds more than the
 *     members stated under it (17.3 M with no fund beside the funds' own
 *     figures), the difference is the cell with _X on that dimension
 *     ("fund not stated", ORIGIN_RESIDUAL), so that rows always add up to
 *     their total (where rows of a table state no member, "donor X: 0
 *     EUR" beside the funds' rows, the rest joins them: CELL_WITH_REST).
 *     Shares of a total that name no member ("Other clusters: 26 %") are
 *     some of that rest: the rest is the total less the rows, never one of
 *     those shares alone (more than the rest: CELL_PARTS_EXCEED).  A row
 *     derived from another total (a region's 40 % of its country's 2019
 *     total, under a region's all-periods cell) that, with the rows
 *     counted, exceeds the cell flags it CELL_PARTS_EXCEED too.
 *     When some rows were left out because they overlap (rule 2), the rest
 *     also holds what they add beyond the rows counted (a figure of 2016 in
 *     one region beside 2016/2017 in another): the _X cell is then flagged
 *     CELL_OVERLAP, "not stated or overlapping"; when the total holds inner
 *     children (rule 2), the rest holds them, flagged CELL_INNER.  Where
 *     shown parts exceed their total (derived shares over 100 %), the total
 *     is flagged CELL_PARTS_EXCEED instead.
 *  6. Counts are whole projects and never negative; a lower bound is an
 *     approximate figure, not a sign.
 *  7. Undated.  A figure that states no period is not a figure for all
 *     periods: its cell is on _X, "period not stated", which overlaps every
 *     period (rule 2), so it is never added beside dated figures; the total
 *     over periods takes the larger.
 *  8. Money kinds (model.h, model_kind.c).  The cube adds a fund's funding:
 *     the money it allocated (committed, budgeted) or whose kind the words
 *     do not say, and the money it disbursed or spent, never two of those
 *     at one coordinate: where an allocation is stated, the disbursements
 *     stated at the same coordinate are shown apart (FACT_APART);
 *     elsewhere they nest under the allocations around them by rules 1-3.
 *     Contributions received, pledges, requests, gaps and co-financing are
 *     never in the funding: each kind present has a cube of its own,
 *     computed by these same rules from its amounts alone (cube.apart, in
 *     the order of model_apart_view), and so has every disbursement as
 *     stated.  A change (an increase, a difference) is in no cube.
 *
 * Leaves.  FACT_LEAF marks, for each measure, the figures each fund's total
 * rests on (and those of "fund not stated"), so that the leaves of a fund
 * add up to its cell, the Summary's row: the PivotTable's records
 * (export_pivot_model.c).  What the grand total holds beyond its funds'
 * cells is the rest: the figures with no fund it rests on when they add up
 * to exactly that, else no figure (one record of its own).  With no fund
 * stated at all, the figures of the grand total.
 *
 * Cost.  Cells are found through a hash index; every cell is created once
 * from the facts and their ancestors, children are linked by sorting each
 * dimension's cells by their other coordinates (CSR arrays, one edge per
 * parent and child), values computed in one pass from the deepest cells
 * up: time O(F + C log C + C·P) for F facts, C cells and at most P periods
 * at one coordinate (the children of a period are found by one scan from
 * it), memory O(F + C·P) at worst, O(F + C) when periods nest.
 *
 * Memory: the cube owns its cells and arrays; the model is borrowed (and
 * frozen by cube_build, which also sets FACT_LEAF on its facts) and must
 * outlive the cube.  cube_free() releases everything the cube owns.
 */
#ifndef AC_CUBE_H
#define AC_CUBE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../base/error.h"
#include "../base/hash.h"
#include "../model/model.h"

#define CUBE_N_CUBOIDS 16

typedef enum {
    ORIGIN_NONE = 0, ORIGIN_REPORTED, ORIGIN_COMPUTED, ORIGIN_DERIVED, ORIGIN_RESIDUAL
} cube_origin;

enum { HAS_REPORTED = 1, HAS_COMPUTED = 2, HAS_DERIVED = 4 };
enum { USED_WHOLE = 4 };     /* cube.used: see there */
enum { CELL_CONFLICT = 1, CELL_OVERLAP = 2, CELL_PARTS_EXCEED = 4, CELL_WITH_REST = 8,
       CELL_INNER = 16 };

/* One measure of a cell.  value is meaningful iff origin != ORIGIN_NONE. */
typedef struct {
    int64_t value;           /* shown: USD cents, or projects            */
    int64_t reported, computed, derived;
    uint8_t has;             /* HAS_*                                     */
    uint8_t origin;          /* cube_origin of value                      */
    uint8_t flags;           /* CELL_*                                    */
    uint8_t counted;         /* bit d: added into its parent along d      */
    uint8_t summed;          /* bit d: added into its parent's computed
                                value by the roll-up (counted, less the
                                rests of rule 5 written afterwards)       */
    int8_t by;               /* dimension the computed value came along,
                                -1 when none                              */
    uint8_t inner;           /* bit d: the sum along d holds coordinates
                                that state no figure of this period but
                                figures of periods inside it (rule 2)    */
    uint32_t n_facts;        /* figures behind the value, each once       */
    int64_t slack;           /* how far the reported figure's rounding lets
                                it be from its parts (rule 3)             */
} cube_val;

typedef struct {
    int32_t key[DIM__N];     /* member keys: 0 _T, 1 _X, else a member    */
    cube_val amount;         /* USD cents                                 */
    cube_val projects;       /* number of projects                        */
    uint32_t at0, nat;       /* facts stated exactly here: cube.at[at0..) */
} cube_cell;

typedef struct {
    unsigned mask;           /* bit d: the cells name a member on d       */
    uint32_t *cell;          /* indices into cube.cells, in key order     */
    size_t n;
} cuboid;

typedef struct cube {
    model *m;                /* borrowed                                  */
    cube_cell *cells;
    size_t n_cells, cap_cells;
    hidx index;              /* key -> cell                               */
    cuboid cuboid[CUBE_N_CUBOIDS];
    uint32_t *at;            /* fact indices, grouped by cell             */
    uint8_t *used;           /* per fact: 1 used in an amount, 2 in a count,
                                USED_WHOLE a total named by one of its
                                parts, stating no cell (rule 1)          */
    uint32_t *child0[DIM__N];/* CSR: children of cell i along d are       */
    uint32_t *child[DIM__N]; /*   child[d][child0[d][i] .. child0[d][i+1]) */
    uint8_t *in[DIM__N];     /* per child (edge) of child[d]: bit 1 (amounts),
                                2 (projects): added into that parent's
                                computed value by the roll-up              */
    int32_t *up[DIM__N];     /* per member: the member the cube creates a
                                cell above it at (a region's country; _T) */
    int32_t *level[DIM__N];  /* per member: children are deeper (rule 2)  */
    size_t n_linked;         /* cells covered by the CSR arrays           */
    struct cube *apart[MODEL_APART_VIEWS];  /* the funding cube's: the cube
                                of each view shown apart (model_apart_view),
                                NULL when no amount is of that kind; each
                                owns its model (own_model)               */
    int own_model;           /* cube_free frees m too                     */
} cube;

/* Build the cube of model m (frozen here).  Caller frees with cube_free(). */
ac_error cube_build(model *m, cube **out);
void cube_free(cube *c);     /* accepts NULL */

/* ---- the views shown apart (cube_kind.c) ---- */

/* The cubes of the views apart from the funding (rule 8): c->apart[v] for
 * each model_apart_view[v] the funding model holds; nothing for a cube
 * that is itself a view apart.  cube_build calls it. */
ac_error cube_kind_build(cube *c);
void cube_kind_free(cube *c);
/* The view a cube adds: MODEL_FUNDING or a kind (model.h). */
int cube_view(const cube *c);

/* The cell at key, or NULL when the cube has none (nothing stated). */
const cube_cell *cube_cell_at(const cube *c, const int32_t key[DIM__N]);

/* The cell whose facts (cell.at0/nat) are those stated at the fact
 * coordinate key: the cell at key, except that an undated fact (period 0)
 * lives on _X (rule 7).  NULL when there is none. */
const cube_cell *cube_cell_of_facts(const cube *c, const int32_t key[DIM__N]);

/* Children of cell i along d (rule 2: the cells one member below on d at
 * the same other coordinates), borrowed, in cell order.  A cell may be
 * the child of several cells along region or period. */
size_t cube_children(const cube *c, size_t i, int d, const uint32_t **out);
/* Is x's member on d top-level at its coordinates: a child of the cell
 * with _T on d there (a DAC group or a sector with no DAC code, a fund or
 * country, _X, a period inside no other period of those coordinates)?  1 also when x names _T on d. */
int cube_member_top(const cube *c, const cube_cell *x, int d);
/* Was the k-th child of cell i along d added into i's computed value (for
 * amounts, or projects)?  A rest written afterwards (rule 5) was not. */
int cube_child_added(const cube *c, size_t i, int d, size_t k, int projects);

/* The figures a cell's value rests on, as "doc:line doc:line" (reported
 * ones; for a computed value those of its counted children along `by`),
 * at most max_refs of them then " ...", into buf.  Returns buf. */
const char *cube_cell_sources(const cube *c, const cube_cell *x, int projects, char *buf,
                              size_t size, size_t max_refs);

/* Member name, "Total" for _T, "not stated" for _X. */
const char *cube_member_name(const cube *c, int dim, int32_t key);

/* ---- the cells as text (cube_tsv.c) ---- */

/* An origin as shown: "reported", "computed", "derived", "not stated"
 * (ORIGIN_RESIDUAL), "" (ORIGIN_NONE).  Static. */
const char *cube_origin_name(cube_origin o);
/* An origin as the warehouse stores it (cube_cell.origin): "reported",
 * "computed", "derived", "residual", "none".  Static. */
const char *cube_origin_key(cube_origin o);

/* Room for every flag word of a cell. */
#define CUBE_FLAGS_MAX 160
/* The amount's flags in words, comma-separated, "" when none: conflict,
 * overlap, parts-exceed, with-rest, inner, then not-counted-DIM for each dimension
 * along which a reported or computed value was not added into its parent.
 * Returns buf (size CUBE_FLAGS_MAX holds them all). */
const char *cube_cell_flags(const cube_cell *x, char *buf, size_t size);
/* The cuboid's dimensions joined by 'x' ("sectorxfund"), "total" for 0. */
const char *cube_cuboid_name(unsigned mask, char *buf, size_t size);

/* cube_write_tsv: also the columns n_facts and sources (the figures behind
 * the value shown, at most 40 "doc:line"); CUBE_TSV_KIND: also the column
 * kind (the view: funding, disbursed, received, pledged, requested, gap,
 * cofinancing), and after the funding's cells those of each view apart. */
enum { CUBE_TSV_SOURCES = 1, CUBE_TSV_KIND = 2 };
/* Every cell of the 16 cuboids as TSV with a header line (the columns of
 * `aidcube cube --help`), finest cuboid first.  0, or -1 when out reports a
 * write error. */
int cube_write_tsv(const cube *c, FILE *out, unsigned what);

#endif
