/*
 * attribute_obs.h — an observation: one figure a source states, at whatever grain the
 * source states it, with its coordinates and its provenance.
 *
 * This is the row of the `aidcube extract` contract (DESIGN.md) and the fact
 * the cube is built from.  A coordinate left NULL means "not stated": the
 * total member _T for the cube, an empty column for extract.  Never guessed.
 *
 * Memory: every string is owned by the arena of the document the observation
 * came from (or static); an attribute_obs_list lives in that arena too.
 */
#ifndef AC_OBS_H
#define AC_OBS_H

#include <stddef.h>

#include "../scan/scan_number.h"
#include "../scan/scan.h"

typedef enum { OBS_AMOUNT, OBS_COUNT, OBS_SHARE } attribute_obs_measure;

/* The kind of money an amount is, read from the words around it
 * (attribute_kind.c, the phrases of fixtures/ref/kinds.tsv) or from a
 * project list's column header (headers.tsv).  The lines are those of IATI's
 * transaction types and budgets and of OCHA FTS's flow statuses
 * (fixtures/ref/README.md).  KIND_NONE: the words do not say, and nothing
 * is guessed (the figure counts as the fund's funding, as it always did).
 * Counts have no kind; a share has none, or KIND_CHANGE when a phrase of
 * change governs it ("une hausse de 43 %": a growth rate, no part of a
 * whole). */
typedef enum {
    KIND_NONE = 0,
    KIND_ALLOCATED,    /* committed, budgeted, approved, granted: what a fund
                          puts into projects (IATI commitment, budget)     */
    KIND_DISBURSED,    /* disbursed, spent, paid out (IATI disbursement,
                          expenditure; FTS paid)                          */
    KIND_RECEIVED,     /* contributions received by a fund: money coming
                          in (IATI incoming funds)                        */
    KIND_PLEDGED,      /* pledged, promised (IATI incoming/outgoing pledge,
                          FTS pledge)                                     */
    KIND_REQUESTED,    /* requested, needed, required (FTS requirements)  */
    KIND_GAP,          /* a funding gap, a shortfall (FTS unmet
                          requirements)                                   */
    KIND_CHANGE,       /* an increase, a decrease, a difference: never a
                          flow                                            */
    KIND_COFINANCING,  /* money another party puts beside the fund's      */
    KIND__N
} attribute_money_kind;

/* Where an attribute of an observation came from, so that a donor and a
 * reviewer see what was read beside the figure and what was inferred
 * (extract's column attributed_from, the warehouse's fact.*_from columns):
 *
 *   clause     the figure's own clause (cut at ", "; widened over an
 *              enumeration of places; a place named right after a part,
 *              "dont 12 à Gao")
 *   sentence   another clause of its sentence (the period of the clause an
 *              apposition restates, "..., soit 785 projets", too)
 *   paragraph  a few sentences around it in its paragraph
 *   item       the list item or numbered story it is in, or the card
 *              whose next sentence says what the lone figure is
 *   label      its chart label, a chart in running text, its chart's
 *              caption
 *   heading    a section heading above it
 *   document   the document's dominant fund or country
 *   reference  implied by reference data, not written in that scope: the
 *              country of a region, a locality or a mission named there,
 *              the region of a locality
 *   whole      the figure it is part of ("dont", "Of these"), or the
 *              figure a headline restates
 *   parts      a spreadsheet total: what all the rows it covers state
 *   column     a cell of the spreadsheet row (its period from its own
 *              period cell or its start date)
 *   sheet      the spreadsheet list's title rows (its fund, country,
 *              period)
 *
 * ATTR_FROM_NONE for an attribute not stated (NULL, period 0). */
typedef enum {
    ATTR_FROM_NONE = 0,
    ATTR_FROM_CLAUSE,
    ATTR_FROM_SENTENCE,
    ATTR_FROM_PARAGRAPH,
    ATTR_FROM_ITEM,
    ATTR_FROM_LABEL,
    ATTR_FROM_HEADING,
    ATTR_FROM_DOCUMENT,
    ATTR_FROM_REFERENCE,
    ATTR_FROM_WHOLE,
    ATTR_FROM_PARTS,
    ATTR_FROM_COLUMN,
    ATTR_FROM_SHEET,
    ATTR_FROM__N
} attribute_from;

/* The attributes whose origin is kept (obs.from[]), in extract's column
 * order: fund, country, region, sector, period. */
enum { OBS_FROM_FUND, OBS_FROM_COUNTRY, OBS_FROM_REGION, OBS_FROM_SECTOR, OBS_FROM_PERIOD,
       OBS_FROM__N };

typedef struct {
    const char *doc;          /* base name of the source (for display)    */
    const char *path;         /* the source's path as given (its identity:
                                 two files of one name in two folders are
                                 two sources); arena-owned              */
    long line;                /* 1-based line of the number               */
    attribute_obs_measure measure;
    scan_num_dec value;
    const char *unit;         /* ISO 4217, "%", "projects", "people", ... */
    const char *fund;         /* QIP, TF, PBF, EU-IcSP, ... or NULL       */
    const char *country;      /* ISO 3166 alpha-3 or NULL                  */
    const char *region;       /* first-level region name (or "A / B") or NULL */
    const char *sector;       /* sector name or NULL                      */
    int y1, y2;               /* period years; 0 = not stated             */
    period_kind pkind;        /* PERIOD_YEAR, PERIOD_FISCAL, PERIOD_SPAN,
                                 PERIOD_SINCE (cumulative: "depuis 2004"
                                 up to the document year)               */
    scan_qual qual;
    int currency_ambiguous;   /* FCFA resolved by country, bare $ ...     */
    size_t start, end;        /* byte span in the decoded text            */
    const char *snippet;      /* the source text around the figure        */
    int group;                /* chart / list run id within the doc, 0: none */
    const char *label;        /* the chart label paired with it, or NULL  */
    int sentence;             /* sentence number within the doc (1-based) */
    int total;                /* stated as a total ("au total", "sur N", "Total :") */
    int part;                 /* a part of a total stated in its sentence  */
    int project;              /* the figure of one project ("le QIP n°12 a
                                 coûté", "un projet de 45 000 USD")         */
    int average;              /* an average ("coût moyen de"): not money
                                 spent                                      */
    int restates;             /* the amount before it restated in another
                                 currency, in brackets ("12 millions
                                 d'euros (7,9 milliards de FCFA)"): one
                                 figure, never summed twice              */
    /* spreadsheets (attribute_sheet.h); NULL / 0 for text sources */
    const char *sheet;        /* the sheet's name                          */
    int col;                  /* 1-based column of the figure's cell       */
    const char *title;        /* the project's title                       */
    const char *partner;      /* the implementing partner                  */
    const char *locality;     /* the place below the region (cercle,
                                 préfecture, locality) as the row names it */
    long start_ymd, end_ymd;  /* the project's first and last day,
                                 yyyymmdd; 0: not stated                   */
    int months;               /* the project's duration in months, 0: not
                                 stated                                    */
    /* a total row of a spreadsheet: what it covers */
    int rows_n;               /* the project rows it covers (in its currency) */
    long rows_first, rows_last;/* the first and last of them               */
    scan_num_dec rows_sum;         /* their sum, in the total's currency        */
    int subset_total;         /* it covers only the rows of its currency
                                 among several: checked against them, never
                                 a figure of the cube                      */
    int kind;                 /* attribute_money_kind of an amount; KIND_NONE
                                 for counts and shares                     */
    unsigned char from[OBS_FROM__N]; /* attribute_from of fund, country,
                                 region, sector, period (OBS_FROM_*)       */
} obs;

typedef struct {
    obs *v;
    size_t n, cap;
} attribute_obs_list;

const char *attribute_obs_measure_name(attribute_obs_measure m);

/* A money kind as extract's kind column spells it ("allocated", "gap",
 * ...; "" for KIND_NONE), and back (-1: no such kind).  Static. */
const char *attribute_kind_name(int kind);
int attribute_kind_of_name(const char *name);

/* An origin as extract and the warehouse spell it ("clause", ...; "" for
 * ATTR_FROM_NONE), and back (-1: no such origin).  Static. */
const char *attribute_from_name(int from);
int attribute_from_of_name(const char *name);
/* The attribute names of OBS_FROM_* ("fund", ..., "period").  Static. */
const char *attribute_from_attr_name(int attr);

/* Does o state attribute attr (OBS_FROM_*): a non-empty fund, country,
 * region or sector, a period? */
int attribute_obs_stated(const obs *o, int attr);

/* extract's attributed_from: "attr=origin" for each attribute stated (a
 * non-empty column), comma-separated, in the order fund, country, region,
 * sector, period ("fund=sentence,country=reference,period=document"); ""
 * when none.  An attribute stated with no origin recorded is written
 * "attr=none" (a bug the tests catch).  buf >= OBS_FROM_SIZE.  Returns
 * buf. */
#define OBS_FROM_SIZE 128
const char *attribute_obs_from(const obs *o, char *buf, size_t size);

/* Where the figure stands, as extract's span column and the workbook spell
 * it: its byte span "1875-1899" in the decoded text, or for a spreadsheet
 * its cell "Sheet!E14" (sheet name cut at OBS_SPAN_SHEET_MAX bytes).
 * buf >= OBS_SPAN_SIZE.  Returns buf. */
#define OBS_SPAN_SHEET_MAX 255
#define OBS_SPAN_SIZE (OBS_SPAN_SHEET_MAX + 40)
const char *attribute_obs_span(const obs *o, char *buf, size_t size);

/* Period as the contract spells it: "2017", "2017-2018", "" (buf >= 16). */
const char *attribute_obs_period(const obs *o, char *buf, size_t size);

#endif
