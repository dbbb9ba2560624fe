/*
 * attribute_gazetteer.h — reference data (places, missions, funds, sectors,
 * currencies) loaded from the TSV files in fixtures/ref/, and the matcher that
 * finds their mentions in a text.
 *
 * The reference data is data, not code: adding a country, a locality, a fund
 * alias or a sector alias is an edit to a .tsv file (see fixtures/ref/README.md).
 *
 * Matching is done on a folded copy of the text: lowercase, accents removed,
 * apostrophes (' ’) and hyphens as spaces, runs of spaces (including U+00A0,
 * U+202F, thin spaces and line breaks) as one space; each folded byte keeps
 * the byte offset of the original, so a mention reports its true span.
 * A U+FFFD in the text (a ligature "ti", "fi", "fl", "ff", "ffi" lost by a PDF
 * extraction: "Educa\uFFFDon") matches any of those letter groups, so
 * "Educa\uFFFDon" still matches the alias "Education".
 * Aliases are matched on whole words; the longest match at a position wins.
 * Aliases flagged case-sensitive (short acronyms such as "TF", "POC") match
 * only when the text has them in the same case.
 *
 * Memory: the gazetteer owns all entries (attribute_gazetteer_free).  Mentions are
 * allocated from the caller's arena; their entry pointers are borrowed from
 * the gazetteer.
 */
#ifndef AC_GAZETTEER_H
#define AC_GAZETTEER_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"

typedef enum {
    GZ_COUNTRY,    /* id = ISO 3166 alpha-3                                  */
    GZ_REGION,     /* first-level unit: id = its name; country set           */
    GZ_LOCALITY,   /* town, cercle, sub-prefecture: region + country set      */
    GZ_MISSION,    /* MINUSMA, MINUSCA...: country set                       */
    GZ_FUND,       /* QIP, TF, PBF, EU-IcSP...                               */
    GZ_SECTOR,     /* id = sector name; dac = DAC purpose code               */
    GZ_CURRENCY,   /* id = ISO 4217                                          */
    GZ_GROUPING,   /* a reported grouping of regions ("Tombouctou / Taoudénit"):
                      id = its name; country set; region = the ids of the
                      regions it covers, '|'-separated                      */
    GZ__COUNT
} attribute_gz_type;

typedef struct {
    attribute_gz_type type;
    const char *id;        /* canonical id (see attribute_gz_type)                     */
    const char *name;      /* display name ("Tombouctou", "Santé")          */
    const char *country;   /* ISO3 for regions, localities, missions, or NULL */
    const char *region;    /* region name for localities; for groupings the
                              covered regions' names, '|'-separated; or NULL */
    const char *dac;       /* DAC 5-digit code for sectors, or NULL          */
    /* funds only: rules (0 = none) */
    double max_amount;     /* per project, in max_currency                   */
    const char *max_currency;
    int max_months;
    /* added with the implementation (appended, nothing renamed): */
    const char *code;      /* sectors: short stable code ("RESA", "HEALTH")  */
    const char *countries; /* currencies: ISO3 codes using it, '|'-separated */
    const char *resolves;  /* currencies: candidates of an ambiguous one
                              ("XOF|XAF" for FCFA), or NULL                 */
    const char *label;     /* sectors: the name in words, the first plain
                              alias ("Restauration de l'autorité de l'Etat"
                              for RESA), or NULL                           */
    /* funds: */
    const char *currency;  /* the currency of account (a row of a project
                              list with no currency is in it), or NULL     */
    int fiscal_year;       /* 1: its budget year runs 1 July - 30 June (UN
                              peacekeeping budgets); 0: the calendar year  */
} attribute_gz_entry;

typedef struct {
    size_t start, end;     /* byte span of the mention in the original text */
    const attribute_gz_entry *entry; /* borrowed from the gazetteer                    */
    int demonym;           /* matched through a demonym ("maliennes")       */
} attribute_gz_mention;

typedef struct gazetteer gazetteer;

/* Load every *.tsv of dir.  Errors name file and line through diag.h.
 * Caller frees with attribute_gazetteer_free(). */
ac_error attribute_gazetteer_load(const char *dir, diag *d, gazetteer **out);
void attribute_gazetteer_free(gazetteer *g);   /* accepts NULL */

/* All mentions in text[0..len), in text order, non-overlapping (longest
 * wins).  *out is arena-owned. */
ac_error attribute_gazetteer_find(const gazetteer *g, const char *text, size_t len,
                        arena *a, attribute_gz_mention **out, size_t *n);

/* The longest id, in bytes, an entry may have (and an extra key such as a
 * sector's code): ids are codes ("MLI", "XOF", "PBF") or the names of
 * regions, localities and sectors (the longest in fixtures/ref/ has 41
 * bytes), and callers copy ids from '|'-lists into char[128].  Loading
 * rejects a longer id, so attribute_gazetteer_get can fold the id it is
 * asked for on the stack: it never allocates, and NULL only means "no
 * such entry". */
#define AC_GZ_ID_MAX 127

/* Entry by type and canonical id (case-insensitive, folded as aliases are),
 * or NULL (no such entry; an id longer than AC_GZ_ID_MAX is none).  Does not
 * allocate. */
const attribute_gz_entry *attribute_gazetteer_get(const gazetteer *g, attribute_gz_type type, const char *id);

/* Iterate all entries of a type: returns the i-th, or NULL past the end. */
const attribute_gz_entry *attribute_gazetteer_nth(const gazetteer *g, attribute_gz_type type, size_t i);

/* The concrete currency of cur in country (ISO3): cur itself when it is not
 * ambiguous; for FCFA, XOF or XAF by the country; NULL when the country does
 * not settle it (unknown or NULL country). */
const attribute_gz_entry *attribute_gazetteer_currency_for(const gazetteer *g, const attribute_gz_entry *cur,
                                       const char *country);

/* The regions a reported grouping covers: the grouping of that country
 * (NULL: any) whose name is grouping_name ("Tombouctou / Taoudénit", as the
 * extract's region column prints it).  Writes up to max region names, as the
 * region rows spell them, to out (borrowed from the gazetteer) and returns
 * how many regions the grouping covers; 0 when the name is not a grouping. */
size_t attribute_gazetteer_grouping_regions(const gazetteer *g, const char *country,
                                  const char *grouping_name, const char **out,
                                  size_t max);

/* USD per one unit of currency (ISO 4217) in year, from rates.tsv (annual
 * averages; pegged currencies through their base).  Returns 1 and sets *out
 * when known, 0 when not.  USD is always 1. */
int attribute_gazetteer_usd_rate(const gazetteer *g, const char *currency, int year,
                       double *out);

/* The fixed parity of currency cur (a rates.tsv row of kind peg): 1 and its
 * base in *base (borrowed) and the units of cur per one unit of base in
 * *units (655.957 for XOF); 0 when cur is not pegged. */
int attribute_gazetteer_peg(const gazetteer *g, const char *cur, const char **base, double *units);

/* The words attribution reads a figure by, from phrases*.tsv (see
 * fixtures/ref/README.md): */
typedef enum {
    GZ_PH_APPOSITION,   /* opens a clause restating the one before ("soit") */
    GZ_PH_TOTAL_BEFORE, /* a total follows ("sur un budget de", "out of")    */
    GZ_PH_TOTAL_AFTER,  /* a total precedes ("au total", "(total)")          */
    GZ_PH_TOTAL_ROW,    /* first cell of a table's total row ("Total")       */
    GZ_PH_ONE_PROJECT,  /* names one project ("un QIP", "le projet", "QIP n°") */
    GZ_PH_AVERAGE,      /* an average follows ("coût moyen de", "average")   */
    GZ_PH_WORLDWIDE,    /* the figures are the world's ("dans le monde")     */
    GZ_PH_NAME_HEAD,    /* an institution word before a sector word makes it
                         * part of a name ("Direction ... de la Santé")     */
    GZ_PH_NAME_TAIL,    /* ... or after it ("Security Council", "Strategy") */
    GZ_PH_NAME_LINK,    /* words a name may hold between ("de", "régionale") */
    GZ_PH_SUBTOTAL_ROW, /* first cell of a sub-total row ("Sous-total")      */
    /* parts of a total (attribute_nest.c) */
    GZ_PH_PART_OF,      /* opens the parts of a figure before it ("dont")    */
    GZ_PH_PART_OF_THESE,/* a part of a figure stated before ("Of these,")    */
    GZ_PH_SINCE_EVENT,  /* starts a period at an event ("après", "since")    */
    GZ_PH_EVENT,        /* an event whose year starts it ("séisme", "crisis") */
    GZ_PH_PLACE_BEFORE, /* a preposition of place ("in", "pour", "au")       */
    GZ_PH_ASIDE,        /* a bracketed amount that is not a restatement
                         * ("hors", "excluding")                            */
    /* funds (attribute_fund.c) */
    GZ_PH_FUND_ANAPHOR, /* names the last fund named ("the Fund", "ce fonds") */
    GZ_PH_FUND_SHARED,  /* a name several funds share ("trust fund")        */
    GZ_PH_FUND_NOUN,    /* in a fund's name, makes it a "Fund" ("Fonds")     */
    GZ_PH_APPEAL,       /* an appeal or plan, not a fund ("Humanitarian
                         * Response Plan"): no fund of its section reaches
                         * its figures                                      */
    GZ_PH_COMPARE,      /* a figure of another period follows ("up from",
                         * "par rapport à"): the year after it is that one's */
    GZ_PH_VENUE,        /* where a statement was made ("point de presse à",
                         * "announced in"): the place after it is no
                         * figure's region (attribute_venue.c)             */
    GZ_PH_VENUE_BREAK,  /* opens what was said ("que", "that"): a place after
                         * it is no venue                                   */
    GZ_PH_ITEM_SEP,     /* separates the items of an enumeration ("et",
                         * "and", ";"): each figure its own item's sector   */
    GZ_PH_AS_OF,        /* a date after it ends a cumulative figure ("au",
                         * "as at"): it closes an open start ("depuis 2014") */
    GZ_PH_MONTH_IN,     /* a month after it is the period of its year ("In
                         * January 2014, CERF allocated")                   */
    GZ_PH_PROJECT_ANAPHOR, /* names the project the sentence before
                         * introduces ("ce projet", "this project")        */
    GZ_PH_THIS_YEAR,    /* the document's year ("this year", "cette année"):
                         * the period of a figure of a sentence naming no
                         * other                                            */
    GZ_PH__COUNT
} attribute_gz_phrase_kind;

/* The fields of a project list's columns, as headers*.tsv names them. */
typedef enum {
    GZ_HF_TITLE, GZ_HF_ID, GZ_HF_COUNTRY, GZ_HF_REGION, GZ_HF_LOCALITY, GZ_HF_SECTOR,
    GZ_HF_FUND, GZ_HF_AMOUNT, GZ_HF_CURRENCY, GZ_HF_PARTNER, GZ_HF_START, GZ_HF_END,
    GZ_HF_MONTHS, GZ_HF_PERIOD, GZ_HF__COUNT
} attribute_gz_header_field;

typedef struct {
    const char *header;    /* as the file writes it ("Montant", "Coût")      */
    int field;             /* attribute_gz_header_field                                */
    int kind;              /* an amount column's money kind (column `kind`:
                              "Montant décaissé" disbursed), 0 when none  */
} attribute_gz_header;

/* Every header name of headers*.tsv, in file order (borrowed). */
const attribute_gz_header *attribute_gazetteer_headers(const gazetteer *g, size_t *n);
/* The field named name ("amount"), or -1; and the name of a field. */
int attribute_gazetteer_header_field(const char *name);
const char *attribute_gazetteer_header_field_name(int field);

/* The words that say what kind of money an amount is (kinds*.tsv, see
 * fixtures/ref/README.md): a phrase before the amount ("déficit de
 * financement" [de] 34 M; side "governs": a verb, before it over commas),
 * or after it (2 M USD "décaissés"); and the
 * words that end a phrase's reach ("mais", "but": side break, no kind). */
typedef enum { GZ_KS_BEFORE, GZ_KS_AFTER, GZ_KS_BREAK } attribute_gz_kind_side;

typedef struct {
    int kind;              /* attribute_money_kind (attribute_obs.h)         */
    int side;              /* attribute_gz_kind_side                         */
    const char *phrase;    /* as written                                     */
    const char *folded;    /* its folded words (attribute_fold.h), joined by
                              single spaces                                */
    int over_commas;       /* side "governs": a verb before the amount whose
                              object may follow an incidental clause
                              ("promis, lors de la conférence, 20 M USD")  */
    int after_only;        /* side "break-after": a break word that ends only
                              the reach of phrases after an amount ("925 M
                              USD et alloués 893 M": "et" starts a
                              coordinated clause of its own)               */
} attribute_gz_kind_phrase;

/* Every kind phrase, in file order (a phrase of side "both" twice, once
 * per side); borrowed. */
const attribute_gz_kind_phrase *attribute_gazetteer_kind_phrases(const gazetteer *g, size_t *n);

/* The phrases of kind k in file order; *n their number (0: none, and the
 * result may be NULL).  Borrowed from the gazetteer. */
const char *const *attribute_gazetteer_phrases(const gazetteer *g, attribute_gz_phrase_kind k, size_t *n);

#endif
