/*
 * model.h — the fact model: conformed dimensions, sources and keyed, exact
 * facts.  This is the one row that the cube, the checks, the workbook, the
 * warehouse's fact table (sql/001_schema.sql) and the PivotTable's records share.
 *
 * Data flow.  The ETL (read/, scan/, attribute/) turns a source into observations (attribute/attribute_obs.h:
 * display strings, as `aidcube extract` prints them).  model_add_source()
 * turns them into facts: every coordinate becomes the surrogate key of a
 * member of a conformed dimension, every value an exact integer, every fact
 * keeps its provenance.  cube_build() (cube.h) reads the facts; nothing
 * downstream looks at display strings to decide anything.
 *
 * Dimensions.  Four, each with two reserved members:
 *   key 0  _T, the total ("all sectors"): a fact that does not state a
 *          dimension speaks of its total (a figure with no sector is a
 *          figure for all sectors), never of a guessed member;
 *   key 1  _X, "not stated": a row of a table, chart or list whose other
 *          rows state their sector or fund but which does not (a donor's
 *          line beside the funds' lines) is a row of an unknown member, not
 *          the total; the cube also uses _X for what a total holds beyond
 *          the members stated under it (the residual), so that rows always
 *          add up to their total.
 *   sector   sectors by name, with their OECD DAC purpose code, in the DAC
 *            tree of the reference data (sectors.tsv, sectors_dac.tsv,
 *            sectors_dac_groups.tsv): a theme sources use (RESA, POC) has
 *            its code as parent, a code its 3-digit group, a group and a
 *            theme with no code _T.  A code or group is named by its code
 *            and English name ("15220 Civilian peace-building, ...", "152
 *            Conflict, Peace & Security", code "15220", "152"), whether a
 *            figure states it or model_freeze adds it above a theme;
 *   region   countries (ISO 3166 alpha-3), reported groupings of regions
 *            ("Tombouctou / Taoudénit", children: the regions they cover,
 *            from the reference data) and first-level regions; a region's
 *            parent is the grouping that covers it, else its country;
 *   period   date ranges: calendar year, UN fiscal year (1 July - 30
 *            June), span of calendar years (also a cumulative period,
 *            "depuis 2013": to the end of the document's year); a period
 *            is its dates (two statements of the same dates are one member,
 *            its kind and name given by its dates alone, never by the
 *            words of the sources that state it); its parent is the
 *            smallest period that contains it by its dates among the
 *            periods of figures the cube shows (the shortest, then the
 *            earliest, when several do), and periods that overlap without
 *            containing each other are siblings;
 *   fund     QIP, TF, PBF, EU-IcSP, ... (reference data).
 * These parents are one tree for display (the Summary's periods, the
 * warehouse's parent_key); the cube nests each cell's figures by the
 * members stated at its own coordinates (cube.h), never by this tree.
 *
 * Order.  Member keys are stable after model_freeze() (members sorted by
 * kind, dates and name); sources are renumbered by name, then SHA-256,
 * then path, and facts by source: the frozen model is a function of the
 * set of sources, never of the order they came in (src_was and fact_was
 * map the numbers back, for callers that kept one).
 *
 * Values.  An amount keeps its exact value and currency (scan_num_dec) and its
 * USD value in integer cents: value × rate, where rate is an exact decimal
 * (USD per unit, the reference data's annual average; a pegged currency's
 * rate is its anchor's rate divided by the parity, rounded to 14 decimal
 * places), rounded half away from zero to the cent.  The rate is that of
 * the year the figure's period ends; for a figure with no period, the
 * document's year; with no document year either, the latest year that has
 * a rate.  When the reference data has no rate for that year the
 * nearest year's rate is used, the fact says so (FACT_RATE_OTHER_YEAR) and
 * the source gets one warning.  A USD amount has rate 1 and no rate year.
 * A count keeps its integer value; a share its exact percentage.
 *
 * Flags (fact.flags in sql/001_schema.sql, and one boolean column each):
 *   FACT_TOTAL        stated as a total ("au total", "Total :", "sur N")
 *   FACT_PART         a part of a total stated in its sentence ("222
 *                     finalisés et 102 en cours"): never states a cell
 *   FACT_ITEM         a line item (a row of a table, chart or list): items
 *                     of one run at one coordinate add up, unless one is
 *                     also FACT_TOTAL (the run's total line: the others
 *                     are its parts, cube.h rule 1)
 *   FACT_PROJECT      the figure of one project: projects at one coordinate
 *                     add up (the same amount stated twice is one project,
 *                     except two rows of one spreadsheet, which are two
 *                     projects, and rows of two spreadsheets, which are
 *                     one only when their titles are the same too);
 *                     a project is never a total, so the sector, fund or
 *                     region it does not state is "not stated" (_X, or the
 *                     region "region not stated" of its country)
 *   FACT_CAP          a maximum (a QIP's cap), not money spent: not summed
 *   FACT_PER_YEAR     a rate per year: not summed
 *   FACT_APPROX       approximate or a lower bound (still summed)
 *   FACT_AVERAGE      an average ("coût moyen", "average cost"): not summed
 *   FACT_NO_RATE      an amount with no USD rate (or too large to convert
 *                     to USD cents in an int64): not summed
 *   FACT_IMPOSSIBLE   a negative amount or count, a share above 100 %, an
 *                     amount above MODEL_MAX_USD_CENTS or a count above
 *                     MODEL_MAX_COUNT: a finding, never summed
 *   FACT_RATE_OTHER_YEAR  converted at the rate of another year
 *   FACT_RESTATEMENT  the figure before it restated in another currency
 *                     ("12 millions d'euros (7,9 milliards de FCFA)"): one
 *                     figure, not two; never summed
 *   FACT_SUBSET_TOTAL a spreadsheet's total row that covers only the rows of
 *                     its currency among several ("Sous-total EUR"): no
 *                     cell of the cube is that set of rows, so it is
 *                     checked against them (check: total-row) and never
 *                     summed
 *   FACT_APART        set by model_freeze: money disbursed or spent at a
 *                     coordinate where the same fund's allocation (or a
 *                     figure whose kind is not said) is stated: that
 *                     allocation is the cell's funding, the disbursement
 *                     is shown apart (model_kind.c), never added to it
 *   FACT_LEAF         set by cube_build: one of the figures a fund's total
 *                     is made of, each counted once (the leaves of a fund
 *                     add up to its cell; with the rest of a total that no
 *                     fund states, to the grand total; cube.h, Leaves): what
 *                     a PivotTable reads
 *
 * Money kinds.  Every amount keeps its kind (attribute_obs.h: allocated,
 * disbursed, received, pledged, requested, gap, change, cofinancing, or
 * not said).  A model has a view, the kind of money its cube adds:
 * MODEL_FUNDING (the default) adds what a fund put into projects: amounts
 * allocated or whose kind is not said, and those disbursed or spent except
 * where FACT_APART; a model made by model_filter_kind() holds the amounts of
 * one other kind and its cube adds those.  Changes are in no view: never
 * summed.  Counts and shares have no kind and are in the funding view only.
 *
 * Adding a source is all or nothing: model_add_source() either adds every
 * fact of the source or leaves the model exactly as it was.
 *
 * Memory: the model owns everything (its arena and arrays); observations and
 * source descriptions given to it are copied.  model_free() releases all.
 */
#ifndef AC_MODEL_H
#define AC_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"
#include "../base/hash.h"
#include "../attribute/attribute_gazetteer.h"
#include "../attribute/attribute_obs.h"

enum { DIM_SECTOR, DIM_REGION, DIM_PERIOD, DIM_FUND, DIM__N };

/* The largest amount the model holds: 10^15 USD (a quadrillion), in cents.
 * Ten times the world's yearly product (about 10^14 USD) and thousands of
 * times all aid of a year: no figure of an aid flow comes near it, so one
 * above it is a misreading or a typing error, an impossible figure (a
 * finding, never summed; the warning says so).  The bound also keeps sums
 * exact: INT64_MAX is about 9.2 × 10^18 cents, so any 92 facts add up
 * without overflow; the cube still checks every sum (a cell whose sum
 * would overflow has no value, never a wrong one). */
#define MODEL_MAX_USD_CENTS 100000000000000000LL
#define MODEL_MAX_USD_TEXT "10^15"
/* The largest count the model holds: 10^15, more than 10^5 per person
 * alive (8 × 10^9): beyond any count of people, households or projects;
 * the same headroom against overflow as amounts. */
#define MODEL_MAX_COUNT 1000000000000000LL
#define DIM_YEAR DIM_PERIOD

enum { KEY_TOTAL = 0, KEY_NOT_STATED = 1, KEY_FIRST_MEMBER = 2 };

typedef enum {
    MK_TOTAL, MK_NOT_STATED,
    MK_SECTOR, MK_FUND,
    MK_COUNTRY, MK_GROUPING, MK_REGION,
    MK_YEAR, MK_FISCAL, MK_SPAN, MK_CUMULATIVE
} member_kind;

typedef struct {
    const char *name;      /* display name; "Total", "not stated"        */
    const char *code;      /* sector: DAC code; region: country ISO3      */
    member_kind kind;
    int32_t parent;        /* key of the parent member (0 = _T)           */
    int depth;             /* 0 for _T, 1 for top-level members, ...      */
    int32_t start, end;    /* periods: first and last day, yyyymmdd       */
    int32_t cover0, ncover;/* groupings: their regions in dim.cover       */
} member;

typedef struct {
    member *m;             /* m[0] _T, m[1] _X                            */
    size_t n, cap;
    hidx index;            /* (kind, name, code) -> key                   */
    const char **cover;    /* names of the regions groupings cover        */
    size_t ncover, capcover;
} dimension;

enum {
    FACT_TOTAL = 1u << 0,
    FACT_PART = 1u << 1,
    FACT_ITEM = 1u << 2,
    FACT_CAP = 1u << 3,
    FACT_PER_YEAR = 1u << 4,
    FACT_APPROX = 1u << 5,
    FACT_NO_RATE = 1u << 6,
    FACT_IMPOSSIBLE = 1u << 7,
    FACT_RATE_OTHER_YEAR = 1u << 8,
    FACT_LEAF = 1u << 9,
    FACT_PROJECT = 1u << 10,
    FACT_AVERAGE = 1u << 11,
    FACT_RESTATEMENT = 1u << 12,
    FACT_SUBSET_TOTAL = 1u << 13,
    FACT_APART = 1u << 14
};

/* The view of a model whose cube is the funding (see "Money kinds"). */
#define MODEL_FUNDING KIND_NONE

/* A source document (or spreadsheet): identity is the full path and the
 * SHA-256 of the bytes read; the base name is for display only. */
typedef struct {
    const char *name, *path;
    char sha256[65];
    size_t bytes;
    double load_seconds;
    size_t n_obs, n_amounts, n_shares, n_counts;
    const char *encoding, *lang, *country;
    int doc_year;          /* 0: unknown                                   */
    const char *same_rows_as;  /* the path of the source holding all its rows
                              (model_same.h): it is recorded, its counts
                              kept, but it adds no facts; NULL: counted  */
} fact_source;

/* The facts, in column arrays (one entry per fact). */
typedef struct {
    size_t n, cap;
    int32_t *key[DIM__N];  /* member keys; 0 = the source does not state it */
    uint8_t *measure;      /* attribute_obs_measure                                   */
    int64_t *v;            /* amount: USD cents; count: the count; share: 0 */
    uint32_t *flags;       /* FACT_*                                        */
    int32_t *source;       /* index into model.src                          */
    scan_num_dec *rate;         /* amounts: USD per unit (exact); else 1         */
    int16_t *rate_year;    /* year of the rate; 0: none (USD, not amounts)  */
    uint8_t *kind;         /* attribute_money_kind of an amount; KIND_NONE
                              for counts and shares                         */
    obs *o;                /* provenance and the figure as stated (strings
                              owned by the model)                           */
} fact_table;

typedef struct model {
    arena *a;
    const gazetteer *gz;   /* borrowed; must outlive the model            */
    dimension dim[DIM__N];
    fact_table f;
    fact_source *src;
    size_t n_src, cap_src;
    hidx src_by_hash;
    hidx str_index;        /* the facts' short strings (a unit, a fund, a
                              region, a sheet's name...), each kept once in
                              the arena: strs[row]                        */
    const char **strs;
    size_t n_strs, cap_strs;
    int frozen;
    int view;              /* MODEL_FUNDING, or the one kind whose amounts
                              it holds (model_filter_kind)                 */
    int32_t *src_was;      /* after model_freeze: the number source i had
                              before (the order it was added in)      */
    uint32_t *fact_was;    /* after model_freeze: the number fact i had
                              before                                   */
} model;

extern const char *const model_dim_name[DIM__N];   /* "sector", "region", ...  */

/* New empty model; gz is borrowed.  Caller frees with model_free(). */
ac_error model_new(const gazetteer *gz, model **out);
void model_free(model *m);   /* accepts NULL */

/* The source already loaded with this content, or NULL. */
const fact_source *model_find_content(const model *m, const char *sha256);

/* Add a source and all its observations (copied), all or nothing.  Warnings
 * (a rate of another year, once per source) go to d.  AC_ERR_USAGE once the
 * model is frozen. */
ac_error model_add_source(model *m, const fact_source *s, const obs *o, size_t n, diag *d);

/* Put sources and facts in their canonical order (sources by name, then
 * SHA-256, then path; facts by source, each source's in the order it
 * states them: src_was and fact_was say where each one was), add the DAC
 * code and group above each sector stated (members with no fact), link
 * parents (sectors in the DAC tree, regions to groupings and countries,
 * periods to the smallest period
 * containing them among those of figures the cube shows, ties broken by
 * content), sort members and renumber keys.  Idempotent; no source can be
 * added afterwards. */
ac_error model_freeze(model *m);

/* Before model_freeze: source `old` (of m) replaced by the source s and its
 * observations (model_add_source: all or nothing; s is then the last
 * source, the sources after `old` move down one).  Two files of the same
 * content are one source, read from the smaller path whatever order they
 * came in: the reader a name chooses (a .csv, a text) and the sheet a
 * file name gives make its facts. */
ac_error model_source_replace(model *m, const fact_source *old, const fact_source *s, const obs *o,
                              size_t n, diag *d);

/* The number of days period p covers (its first and last included). */
int64_t model_period_days(const member *p);

/* Does fact i give the cube a cell (a summable amount or count of
 * projects, or a possible share)? */
int model_fact_makes_cell(const model *m, size_t i);

/* Is fact i a share of a whole the cube and the checks may use: possible
 * (at most 100 %), and not a change ("une hausse de 43 %": a growth rate
 * is no part of anything)? */
int model_share_usable(const model *m, size_t i);

/* Is member a equal to b or below it (b == 0: always)? */
int model_within(const model *m, int dim, int32_t a, int32_t b);
/* Does grouping g cover region r (both members of the region dimension)? */
int model_grouping_covers(const model *m, int32_t g, int32_t r);
/* Do members a and b of dim share any part (periods by dates, regions by
 * the regions they cover)?  Equal members overlap. */
int model_overlap(const model *m, int dim, int32_t a, int32_t b);

const char *model_member_name(const model *m, int dim, int32_t key);
const char *model_member_kind_name(member_kind k);   /* "year", "fiscal", ...  */

/* Summable as money (amounts) or as a number of projects (counts of
 * projects): not a cap, a rate, impossible or without a USD rate. */
int model_fact_summable(const model *m, size_t i, int projects);

/* USD cents for an exact value at an exact rate, rounded half away from
 * zero; 0 on overflow. */
int model_usd_cents(scan_num_dec value, scan_num_dec rate, int64_t *cents);

/* The exact USD rate of currency cur for year (nearest year with a rate);
 * 1 and *rate, *rate_year, or 0 when the currency has none. */
int model_usd_rate(const gazetteer *gz, const char *cur, int year, scan_num_dec *rate, int *rate_year);

/* ---- money kinds (model_kind.c) ---- */

/* Is amount fact i money of the model's view (see "Money kinds")?  1 for
 * counts and shares in the funding view. */
int model_kind_in_view(const model *m, size_t i);
/* Mark FACT_APART (the rule "one kind per coordinate"): model_freeze. */
ac_error model_kind_mark_apart(model *m);
/* The views shown apart from the funding, in order: disbursed (all of
 * them, as stated), received, pledged, requested, gap, cofinancing. */
#define MODEL_APART_VIEWS 6
extern const int model_apart_view[MODEL_APART_VIEWS];
/* "funding" for MODEL_FUNDING, else the kind's name ("pledged"). */
const char *model_view_name(int view);
/* Does m hold an amount of kind k that could be summed (not a cap, a rate,
 * an average, impossible, ...)? */
int model_kind_present(const model *m, int kind);
/* A new frozen model of the amounts of kind k alone, its view k (its cube
 * adds them); caller frees.  Warnings go to d. */
ac_error model_filter_kind(const model *m, int kind, diag *d, model **out);

/* Keep only the facts of one fund (for --split fund) of the frozen model
 * m, sources whose facts all belong to other funds left out: a new frozen
 * model, caller frees.  The facts are copied as they are (members, values,
 * rates, flags), never read again from their observations, so that the
 * fund's cube is the same as its cells in the cube of m (cube.h). */
ac_error model_filter_fund(const model *m, const char *fund, diag *d, model **out);

#endif
