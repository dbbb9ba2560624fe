/*
 * cube.h — the in-memory star schema and the sector × region × year × fund
 * cube with its 16 precomputed cuboids.
 *
 * Star schema.  Four conformed dimensions with surrogate keys (key 0 is the
 * total member _T, shown as "Total"), each member knowing its parent:
 *   sector   name, DAC purpose code (from the reference data)
 *   region   geography: country members (ISO3) and region members (their
 *            parent is their country); a reported grouping "Gao / Ménaka" is
 *            a region member of its own
 *   year     period members: calendar years, UN fiscal years ("2017-2018",
 *            1 July to 30 June) and multi-year spans ("2013-2017"); a span
 *            is the parent of the years and fiscal years inside it
 *   fund     QIP, TF, PBF, EU-IcSP, ... with their rules
 * The fact table holds every observation with its provenance, its original
 * value and currency, and its USD value at the rate of its period (the rate
 * and its year are kept beside the value).  A coordinate the source does not
 * state is the total member: unknown is never guessed.
 *
 * Cells.  A cell is a coordinate on the four dimensions (member or _T).  It
 * may have a reported value (an observation at exactly that coordinate;
 * two sources disagreeing is a finding), a computed value (rolled up from
 * finer cells) and a derived value (share × its stated total).  Its value is
 * the first of reported, computed, derived that exists, and its origin says
 * which.
 *
 * Roll-up, and why nothing is counted twice.  The base cuboid (all four
 * dimensions grouped) holds only reported values.  Every other cuboid is
 * computed from its smallest already-computed parent (one more dimension
 * grouped) by summing, along the dropped dimension, the *best* value of each
 * top-level member, where a member's best value is its reported value if it
 * has one, else the sum of its children's best values.  A stated total
 * therefore replaces the parts it covers instead of being added to them, and
 * a region never adds to its own country.
 *
 * Memory: the cube owns everything (its own arena): strings of observations
 * are copied in cube_add; cube_free releases it all.
 */
#ifndef AC_CUBE_H
#define AC_CUBE_H

#include <stddef.h>

#include "../etl/gazetteer.h"
#include "../etl/obs.h"
#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"

enum { DIM_SECTOR, DIM_REGION, DIM_YEAR, DIM_FUND, DIM__N };
#define CUBE_N_CUBOIDS 16

typedef enum { ORIGIN_NONE = 0, ORIGIN_REPORTED, ORIGIN_COMPUTED, ORIGIN_DERIVED } cube_origin;

typedef struct {
    const char *name;      /* "Total" for key 0                            */
    const char *code;      /* sector: DAC code; region: ISO3; year: kind   */
    int parent;            /* key of the parent member, 0 = _T            */
    int level;             /* 0 total, 1 top (country, span), 2 below     */
    int y1, y2;            /* year members: first and last calendar year  */
} cube_member;

typedef struct {
    cube_member *m;        /* m[0] is _T                                  */
    size_t n;
} cube_dim;

/* One fact: an observation with USD value and provenance. */
typedef struct {
    obs o;                 /* strings owned by the cube                   */
    int key[DIM__N];       /* member keys (0 = _T)                        */
    double usd;            /* amounts: value in USD; else the value       */
    double rate;           /* USD per unit of o.unit (1 for USD)          */
    int rate_year;         /* year of the rate used (0 = none)            */
    int source;            /* index into cube->src                         */
    int excluded;          /* 1: not summed (a cap, a rate, a duplicate)   */
} cube_fact;

typedef struct {
    int key[DIM__N];
    double amount_usd;     /* best value                                  */
    cube_origin origin;
    double reported_usd, computed_usd, derived_usd;
    int has_reported, has_computed, has_derived;
    double projects;       /* number of projects (best of reported/computed) */
    cube_origin projects_origin;
    int has_projects;
    long n_obs;            /* observations inside the cell, counted once  */
    const char *sources;   /* "doc:line doc:line" of reported facts       */
} cube_cell;

typedef struct {
    unsigned mask;         /* bit d set: dimension d grouped              */
    cube_cell *cells;
    size_t n;
    int parent_mask;       /* the cuboid it was computed from (-1: base)  */
} cuboid;

typedef struct {
    const char *name, *path;
    char sha256[65];
    size_t bytes;
    double load_seconds;
    size_t n_obs, n_amounts, n_shares, n_counts;
    const char *encoding, *lang;
    const char *country;
    int doc_year;
} cube_source;

typedef struct cube {
    arena *a;
    const gazetteer *gz;   /* borrowed                                    */
    diag *d;               /* borrowed: warnings of cube_add_source        */
    cube_dim dim[DIM__N];
    cube_fact *facts;
    size_t n_facts, cap_facts;
    cube_source *src;
    size_t n_src, cap_src;
    cuboid cuboid[CUBE_N_CUBOIDS];   /* indexed by mask                   */
    int built;
} cube;

extern const char *const cube_dim_name[DIM__N];   /* "sector", "region", ... */

/* New empty cube; gz and d (may be NULL) are borrowed and must outlive it. */
ac_error cube_new(const gazetteer *gz, diag *d, cube **out);
void cube_free(cube *c);   /* accepts NULL */

/* Register a source (copied) and add its observations (copied). */
ac_error cube_add_source(cube *c, const cube_source *s, const obs *o, size_t n);

/* Precompute the 16 cuboids. */
ac_error cube_build(cube *c);

/* The cell at coordinates key (0 = _T), or NULL when the cube has none. */
const cube_cell *cube_cell_at(const cube *c, const int key[DIM__N]);

/* Member name for output ("Total" for key 0). */
const char *cube_member_name(const cube *c, int dim, int key);

const char *cube_origin_name(cube_origin o);

/* USD per unit of currency cur for year (the nearest year with a rate; 0:
 * the latest), from the reference rates.  Returns 1 and sets *rate and
 * *rate_year, or 0 when the currency has no rate. */
int cube_usd_rate(const gazetteer *gz, const char *cur, int year, double *rate, int *rate_year);

/* Keep only facts of one fund (for --split fund): a new cube, caller frees. */
ac_error cube_filter_fund(const cube *c, const char *fund, cube **out);

#endif
