/*
 * attribute_int.h — internals shared by the passes of attribution.  Not for other
 * modules: they use attribute.h.
 *
 * Attribution runs as passes over one context (attribute_ctx), each in its file:
 *
 *   attribute_blocks.c   lines to blocks (PDF soft wraps joined; a flattened
 *                   line cut at its headings, titles and legends), the kind
 *                   of each block (figure-only, chart label, heading, text),
 *                   lists of short lines that are not sections;
 *   attribute_scope.c    the scopes a figure is read in: mention values per
 *                   dimension, clause, enumeration, sentence, paragraph,
 *                   periods, the document's dominant values and date;
 *   attribute_runs.c     charts: runs of figure/label blocks, label pairing, the
 *                   caption under a run;
 *   attribute_resolve.c  the section walk (headings, list items, cards) and one
 *                   observation per figure, narrowest scope first;
 *   attribute_post.c     what a figure is among its neighbours: totals,
 *                   shares of a sector breakdown, restatements, the phrases;
 *   attribute_venue.c    where a statement was made (a dateline, "a annoncé à
 *                   Bamako") is no figure's region;
 *   attribute_nest.c     statements inside statements: a figure that is some
 *                   of another ("dont", "Of these,", an event's year inside
 *                   its period) nested under it or marked a part;
 *   attribute.c     the driver (attribute_document).
 *
 * Invariants: items (it) and mentions (mn) are sorted by start offset; each
 * block owns the contiguous ranges [it0,it1) and [mn0,mn1).
 *
 * Memory: everything the context points to lives in the document's arena,
 * except doc and gz (borrowed from the caller).
 */
#ifndef AC_ATTR_INT_H
#define AC_ATTR_INT_H

#include <stddef.h>

#include "attribute.h"
#include "../scan/scan_table.h"

/* ---- named constants (each with its reason) ------------------------------ */

/* No sentence is longer than this: beyond it (a table flattened into one
 * line, a run-on list) the window stops, which keeps attribution linear. */
#define ATTR_MAX_SENTENCE 1500
/* A paragraph scope reaches this far on each side of a figure: a few
 * sentences, not a whole flattened PDF page. */
#define ATTR_PARAGRAPH_REACH (2 * ATTR_MAX_SENTENCE)
/* Blank lines a PDF soft wrap may leave inside one paragraph. */
#define ATTR_WRAP_MAX_BLANKS 2
/* A numbered item starts with at most this many digits ("12." not "2017."). */
#define ATTR_ITEM_NUMBER_DIGITS 3
/* Letters a figure-only line may hold besides its figures and fund or
 * currency names ("Total :", "Budget :"). */
#define ATTR_FIGURE_LINE_LETTERS 8
/* A chart label: at most this many bytes, and this many letters outside
 * gazetteer mentions ("Santé", "(RESA)"). */
/* Two bullet/figure pairs in a row make a list of figures (a table), one
 * alone is just an item with its figure. */
#define ATTR_BULLET_TABLE_MIN 2
#define ATTR_LABEL_MAX_BYTES 100
#define ATTR_LABEL_LETTERS 3
/* A heading is short: bytes and words, longer for a bulleted one whose
 * bullet introduces a titled item. */
#define ATTR_HEADING_MAX_BYTES 100
#define ATTR_HEADING_MAX_WORDS 12
#define ATTR_BULLET_HEADING_MAX_BYTES 160
#define ATTR_BULLET_HEADING_MAX_WORDS 20
/* A heading whose words are mostly not places or sectors ("Kidal : le
 * CSCOM d'Etambar réhabilité") is a headline: its region and sector do not
 * govern the section.  Letters outside mentions above this: a headline. */
#define ATTR_HEADING_RESIDUAL 30
/* A residual above any heading's, to mark a heading that keeps only its
 * fund (a fund heading inside a list of short lines). */
#define ATTR_RESIDUAL_FUND_ONLY 1000
/* A title-like line: at most this many words, no final period. */
#define ATTR_SHORT_LINE_WORDS 16
/* Short lines in a row that make a list (table of contents, video titles),
 * whose headings govern nothing. */
#define ATTR_LIST_MIN_LINES 4
/* The blocks after its first that a lone numbered story speaks for (its
 * paragraphs); an item of a list speaks for itself only. */
#define ATTR_STORY_BLOCKS 4
#define ATTR_LIST_ITEM_BLOCKS 1
/* An item marker alone on its line ("1.", "•"): its text is the next block. */
#define ATTR_ITEM_MARKER_BYTES 4
/* "livelihoods 12% and the rule of law 8%": a share takes the sector
 * written at most this many bytes from it. */
#define ATTR_SHARE_SECTOR_REACH 24
/* A period written before a figure counts as this much farther than one
 * written after it ("12 QIPs en 2016, 8 en 2017"). */
#define ATTR_PERIOD_BEFORE_PENALTY 8
/* A chart's caption stands at most this many blocks below its run. */
#define ATTR_CAPTION_BLOCKS 3
/* A sector breakdown in running text: at least this many shares of
 * distinct sectors, at most this many (a table, not a breakdown). */
#define ATTR_BREAKDOWN_MIN 3
#define ATTR_BREAKDOWN_MAX 64
/* Group ids of breakdowns start here, above any chart run id. */
#define ATTR_BREAKDOWN_GROUP_BASE 100000
/* The document's dominant value: distinct values counted at most, and the
 * share of mentions it needs (a clear majority: 3 of 4). */
#define ATTR_DOMINANT_MAX_VALUES 64
#define ATTR_DOMINANT_NUM 3
#define ATTR_DOMINANT_DEN 4
/* Plausible years of a period or document date. */
#define ATTR_YEAR_MIN 1900
#define ATTR_YEAR_MAX 2100
/* Bytes read before and after a figure for a total phrase. */
#define ATTR_TOTAL_BEFORE_WINDOW 40
#define ATTR_TOTAL_AFTER_WINDOW 23
/* A snippet: at most this many bytes of the sentence, around the figure. */
#define ATTR_SNIPPET_BYTES 200
/* Counts-first charts: figure groups and funds of a group tracked at most. */
#define ATTR_RUN_MAX_GROUPS 64
#define ATTR_RUN_MAX_FUNDS 16

/* A sector word is inside a name when an institution word stands at most
 * this many link or capitalised words from it ("Direction Régionale de la
 * Santé": three). */
#define ATTR_NAME_LINK_WORDS 4
/* A dateline's date starts at most this many bytes after its comma
 * (", le "). */
#define ATTR_DATELINE_GAP 6
/* A line longer than this is a flattened page (a PDF bulletin extracted
 * onto one line): headings inside it are looked for. */
#define ATTR_FLAT_LINE_BYTES 400
/* An in-line heading: a fund's name, its acronym in parentheses (at most
 * this many bytes), at most this many lower-case words ("overview"). */
#define ATTR_INLINE_ACRONYM_BYTES 12
#define ATTR_INLINE_HEADING_WORDS 2
/* A title inside a flattened line ("Allocation in focus:"): at most this
 * many words before its colon; more is a sentence's clause. */
#define ATTR_INLINE_TITLE_WORDS 4
/* A legend inside a flattened line (a map's or a chart's: "39 QIPs Bamako
 * 62 QIPs Taoudéni 33 TF 5 PBF 17 TF ALGERIA 30 QIPs"): at least this many
 * figures with only capitalised names (or nothing) between them; one or two
 * such figures are a phrase ("USD 5 million Gao"). */
#define ATTR_LEGEND_MIN_FIGURES 3
/* A legend's title: the words before its first figure back to the end of
 * the sentence or bracket before them, at most this many ("Global overview
 * since 2013 Number of projects by region"): it is the legend's heading. */
#define ATTR_LEGEND_TITLE_WORDS 16
/* A chart in running text: rows of at least this many labels and figures
 * (one label and its figure is a phrase, "Santé 7%"). */
#define ATTR_INLINE_CHART_MIN 2

/* ---- the context ---------------------------------------------------------- */

typedef enum { BLK_TEXT, BLK_FIGURE, BLK_LABEL, BLK_HEADING } attribute_blk_kind;

enum { D_FUND, D_COUNTRY, D_REGION, D_SECTOR, D__N };
/* obs.from[] is indexed by dimension, the period after them. */
_Static_assert((int)D_FUND == (int)OBS_FROM_FUND && (int)D_COUNTRY == (int)OBS_FROM_COUNTRY &&
                   (int)D_REGION == (int)OBS_FROM_REGION && (int)D_SECTOR == (int)OBS_FROM_SECTOR &&
                   (int)D__N == (int)OBS_FROM_PERIOD,
               "obs.from[] follows the dimensions");

typedef struct {
    size_t start, end;            /* byte range in the text              */
    size_t it0, it1;              /* items [it0, it1)                     */
    size_t mn0, mn1;              /* mentions [mn0, mn1)                  */
    attribute_blk_kind kind;
    int n_figures;                /* amounts + percents + counts          */
    int fig_measure;              /* measure of its figures, -1 if mixed  */
    int bullet;
    int run;                      /* chart run id, 0 none                 */
    const char *val[D__N];        /* heading / label values (unique)      */
    int y1, y2, pk;               /* heading period                       */
    int residual;                 /* letters outside gazetteer mentions   */
    int item;                     /* starts a numbered or bulleted item   */
    int inline_heading;           /* a heading cut out of a flattened line */
    int flat;                     /* a piece of a flattened line           */
    int legend;                   /* its legend's id (from 1) when a piece of
                                     a legend cut out of one, else 0       */
} attribute_block;

/* A scope's coordinates: one value per dimension and a period. */
typedef struct {
    const char *val[D__N];
    int y1, y2, pk;
} attribute_scope;

/* What a chart label gives the figure it is paired with. */
typedef struct {
    const char *val[D__N];
    const char *label;
    int paired;
} attribute_label;

/* A part phrase ("dont", "Of these,") that opens a figure. */
typedef struct {
    size_t at, len;               /* byte offset and length in the text   */
    int these;                    /* of kind part_of_these: reaches back  */
} attribute_cue;

/* What attribute_post.c's phrase searches found in the sentence of the
 * last figure, kept for the next: a sentence's figures are resolved one
 * after the other (its end moving on with them on a long line), and a
 * search per figure over its sentence was quadratic on a line of
 * thousands of figures. */
typedef struct {
    size_t ss;                    /* the sentence's start                  */
    size_t upto;                  /* searched up to here (the last figure) */
    size_t best;                  /* the last phrase found that ends well
                                     before upto (SIZE_MAX: none)          */
    int used;
} attribute_before_memo;

typedef struct {
    attribute_before_memo before[GZ_PH__COUNT];  /* per kind of phrase   */
} attribute_phrase_memo;

typedef struct {
    const read_text_doc *doc;
    const gazetteer *gz;
    scan_ctx *sx;                 /* the caller's scanner                  */
    attribute_phrase_memo *memo;  /* in the arena; a cache, never changes
                                     an answer                             */
    arena *a;
    scan_item *it;
    size_t n_it;
    attribute_gz_mention *mn;
    size_t n_mn;
    const char **mn_val[D__N];    /* per mention, value per dimension     */
    attribute_block *b;
    size_t n_b;
    int doc_year;
    scan_table_row *trow;              /* text tables' rows, by start          */
    size_t n_trow;
    /* found once by attribute_find_cues (attribute_nest.c): */
    unsigned char *it_event;      /* per item: an event's year that starts a
                                     period (attribute_event_year)         */
    unsigned char *mn_default;    /* per mention: a fund named by a shared
                                     name no full name resolves (or "the
                                     Fund" of one): attribute_fund.c      */
    attribute_cue *cue;           /* part phrases opening a figure, by offset */
    size_t n_cue;
} attribute_ctx;

/* ---- attribute_blocks.c ---------------------------------------------------------- */

size_t attribute_hspace_len(const char *t, size_t i, size_t n);
int attribute_line_blank(const char *t, size_t s, size_t e);
int attribute_is_figure(const scan_item *s);
int attribute_measure_of(const scan_item *s);
/* Lines to blocks (c->b), then items, mentions and kind of each block. */
ac_error attribute_build_blocks(attribute_ctx *c);
void attribute_classify_blocks(attribute_ctx *c);
/* A heading, or a title-like short text line. */
int attribute_short_line(const attribute_ctx *c, const attribute_block *b);
/* A section title alone between blank lines, stating nothing. */
int attribute_title_alone(const attribute_ctx *c, const attribute_block *b);
/* Chains of short lines are lists: their headings govern nothing. */
void attribute_demote_lists(attribute_ctx *c);

/* ---- attribute_fund.c ------------------------------------------------------------ */

/* Anaphors ("the Fund") added as mentions of the last fund named before
 * them, shared names ("trust fund") set to the nearest full name holding
 * them or dropped: between attribute_gazetteer_find and
 * attribute_mention_values. */
ac_error attribute_fund_refs(attribute_ctx *c);
/* Is mention i an anaphor ("the Fund"), not a fund's own name?  And are
 * all fund mentions of [i0, i1) anaphors (a heading "Resources of the
 * Fund" names no fund of its own)? */
int attribute_fund_anaphor(const attribute_ctx *c, size_t i);
int attribute_fund_anaphors_only(const attribute_ctx *c, size_t i0, size_t i1);
/* The sentence from ss speaks of an appeal or plan between the last fund
 * it names before the figure at fig and the figure: the figure is the
 * appeal's, of no fund. */
int attribute_fund_appeal(const attribute_ctx *c, size_t ss, size_t fig);
/* A shared name no full name resolves (and "the Fund" naming it) is its
 * registry holder's only in a document of the holder's country; elsewhere
 * its mentions' fund value becomes "a fund, unknown", which blocks the
 * section's and the document's fund.  After attribute_mention_values. */
void attribute_fund_defaults(attribute_ctx *c);
/* fund, or NULL for "a fund, unknown": what a figure may keep. */
const char *attribute_fund_known(const char *fund);

/* ---- attribute_venue.c ----------------------------------------------------------- */

/* A region named as where a statement was made (after a venue phrase, or
 * as a dateline) is no figure's region: its mentions lose their region
 * value, keeping their country.  After attribute_mention_values. */
void attribute_drop_venues(attribute_ctx *c);

/* ---- attribute_scope.c ----------------------------------------------------------- */

size_t attribute_first_item(const attribute_ctx *c, const attribute_block *b, size_t s);
/* Index of the first mention starting at or after offset s (c->mn is
 * sorted by start): a pass over the mentions of a stretch of text starts
 * there, not at the document's first. */
size_t attribute_first_mention(const attribute_ctx *c, size_t s);
ac_error attribute_mention_values(attribute_ctx *c);
const char *attribute_unique_in(const attribute_ctx *c, int d, size_t s, size_t e, int *many);
const char *attribute_nearest_in(const attribute_ctx *c, int d, size_t s, size_t e, size_t p0,
                            size_t p1, size_t max);
void attribute_sentence_at(const char *t, size_t s, size_t e, size_t pos, size_t *ss,
                      size_t *se);
void attribute_clause_at(const char *t, size_t s, size_t e, size_t p0, size_t p1,
                    size_t *cs, size_t *ce);
/* The item of figure m in a list of figures separated by ";" within the
 * sentence [ss,se): 1 and its bounds, 0 when m is in no such list. */
int attribute_list_item(const attribute_ctx *c, const attribute_block *b, size_t ss, size_t se,
                        size_t m, size_t *is, size_t *ie);
void attribute_enumeration(const attribute_ctx *c, int d, size_t ss, size_t se, size_t *cs,
                      size_t *ce);
/* Does [s, e) name a country listed with another one ("au Mali, au Niger
 * et au Burkina Faso")?  A figure about several countries is none's. */
int attribute_country_listed(const attribute_ctx *c, size_t s, size_t e);
const char *attribute_unclaimed_in(const attribute_ctx *c, const attribute_block *b, int d, size_t s,
                              size_t e, size_t self, int *many);
/* The item [*is, *ie) of figure m in an enumeration within [cs, ce) ("60 %
 * pour X, 29 % pour Y et 11 % pour Z"): cut between two figures at the last
 * item separator (phrases of kind item_sep) outside a name. */
void attribute_item_at(const attribute_ctx *c, const attribute_block *b, size_t m, size_t cs,
                       size_t ce, size_t *is, size_t *ie);
/* The value of dimension d named in [ss, e) before the clause of the first
 * figure of block b there ("Dans le secteur de la santé, 3 projets à Gao,
 * 2 à Kidal"): the whole enumeration's (a sector: only after the last ';'
 * before that clause).  NULL when none or several. */
const char *attribute_sentence_head(const attribute_ctx *c, const attribute_block *b, int d,
                                    size_t ss, size_t se);
/* The year an as-of date in [s, e) closes a cumulative figure at ("au 31
 * décembre 2020", "as at end 2020"), at least y1; 0 when none or two. */
int attribute_as_of_year(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                         int y1);
int attribute_period_of(const attribute_ctx *c, const scan_item *s, int *y1, int *y2, int *pk);
/* Is period item s the year of an event that starts a period ("après le
 * séisme de 2010", "since the 2010 earthquake": phrases of kinds
 * since_event and event)?  attribute_period_of reads it as "depuis 2010". */
int attribute_event_year(const attribute_ctx *c, const scan_item *s);
int attribute_nearest_period(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                        size_t p0, size_t p1, int *y1, int *y2, int *pk);
int attribute_unique_period(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                       int *y1, int *y2, int *pk);
const char *attribute_dominant(const attribute_ctx *c, int d, int need_unique);
int attribute_latest_date_year(const scan_item *it, size_t n, int *month, int *day);
ac_error attribute_title_year(scan_ctx *sx, const read_text_doc *doc, const scan_opts *base,
                              arena *a, int *year);

/* ---- attribute_runs.c ------------------------------------------------------------ */

/* Runs of figure/label blocks get run ids; il[m] the label of item m. */
void attribute_find_runs(attribute_ctx *c, attribute_label *il);
/* A chart flattened into text ("Santé Education Eau 26% 9% 12%"): figure
 * m of block b stands in a row of figures next to a row of labels of
 * dimension d (1); *v the label of the same rank when the counts match,
 * else NULL: nothing is paired. 0: no such chart. */
int attribute_inline_chart(const attribute_ctx *c, const attribute_block *b, int d, size_t m, const char **v);
/* The caption below each run gives its observations' period and fund. */
ac_error attribute_captions(const attribute_ctx *c, attribute_obs_list *out, size_t first_obs);

/* ---- attribute_anaphor.c ------------------------------------------------------- */

/* The sector of the project the sentence before [ss, se) introduces, in
 * block b, when that sentence names "this project" (project_anaphor) and no
 * sector, and the one before names exactly one; else NULL. */
const char *attribute_project_sector(const attribute_ctx *c, const attribute_block *b, size_t ss,
                                     size_t se);

/* ---- attribute_resolve.c ------------------------------------------------------- */

/* The section walk: one observation per figure, appended to out. */
ac_error attribute_resolve(const attribute_ctx *c, const attribute_label *il,
                      const char *const doc_val[D__N], diag *dg, attribute_obs_list *out);

/* ---- attribute_post.c ------------------------------------------------------------ */

/* Rule "total line" (attribute_post.c): the end of the total label that
 * opens the line of the figure at s in block [bs, ...) ("Total:",
 * "Total général =", a table's "Total;"), at its ':' '=' or cell
 * separator; 0 when that line opens with no total label. */
size_t attribute_total_line(const gazetteer *gz, const read_text_doc *d, size_t bs, size_t s);

/* Is the figure at [s,e) of block [bs,be) stated as a total? */
/* The figure of one project: its sentence (from ss) names one project
 * before figure item m (phrases of kind one_project), nothing between. */
int attribute_one_project(const attribute_ctx *c, size_t ss, size_t m);
/* The sentence [ss, se) speaks of the whole world ("dans le monde"). */
int attribute_worldwide(const attribute_ctx *c, size_t ss, size_t se);
/* An average ("coût moyen de", "average cost"): not money spent. */
int attribute_average(const attribute_ctx *c, size_t ss, size_t m);
int attribute_total_marker(const gazetteer *gz, const read_text_doc *d, size_t bs, size_t be,
                           size_t s, size_t e);
/* The length of the longest phrase of kind k at t[p, lim) (any case; a
 * phrase ending with a letter ends a word), 0 when none.  p is where a word
 * starts. */
size_t attribute_phrase_at(const gazetteer *gz, attribute_gz_phrase_kind kind, const char *t, size_t p,
                           size_t lim);
/* The first phrase of kind k starting a word in [s, e): its offset (and
 * *len), SIZE_MAX when none. */
size_t attribute_phrase_in(const gazetteer *gz, attribute_gz_phrase_kind kind, const char *t, size_t s,
                           size_t e, size_t *len);
/* Does t[a..] open with an apposition phrase ("soit ", "i.e.")? */
int attribute_apposition_at(const gazetteer *gz, const char *t, size_t a);
/* Shares of three or more sectors in one paragraph form a group. */
void attribute_group_breakdown(attribute_obs_list *out, size_t block_first, size_t block_index);
/* ---- attribute_nest.c ------------------------------------------------------------ */

/* The part phrases that open a figure, and the items that are an event's
 * year, once per document (c->cue, c->it_event): after the items and
 * before the blocks are classified. */
ac_error attribute_find_cues(attribute_ctx *c);

/* Statements inside statements: each figure that is some of another one
 * of its source ("dont", "Of these,", a total in its sentence, an event's
 * year inside the whole's period) takes the whole's coordinates it does
 * not state, and keeps its own cell when narrower, else is marked a part.
 * Observations [first_obs, out->n) are the document's. */
void attribute_nest_parts(const attribute_ctx *c, attribute_obs_list *out, size_t first_obs);

/* A headline figure the body states again (the same measure, unit and
 * value, in a scope that fits it: "Fonds d'urgence de l'UE : 3,3 milliards
 * d'euros" over "l'Union a promis, via son fonds fiduciaire, 3,3
 * milliards") is that figure: it takes the body's fund, place, sector,
 * period and kind where it states none, so that it lands in the body
 * figure's cell and is never counted beside it (attribute_nest.c). */
void attribute_nest_headline(attribute_obs_list *out, size_t first_obs);
/* Where the parts of the figures before it start in [s, e): the first
 * part phrase ("dont", "of which", "Of these"), else e. */
size_t attribute_parts_start(const attribute_ctx *c, size_t s, size_t e);
/* The region named right after a count carried by ellipsis (item m of
 * block b, "dont 12 à Gao et 9 à Mopti"), up to the next figure or the
 * sentence's end se; NULL when none or several. */
const char *attribute_part_region(const attribute_ctx *c, const attribute_block *b, size_t m, size_t se);
/* Is amount item m the amount before it restated in brackets ("12 millions
 * d'euros (7,9 milliards de FCFA)", "(about $2.6m)")? */
int attribute_restatement(const attribute_ctx *c, size_t m);

/* ---- attribute_kind.c ------------------------------------------------------------ */

/* The money kind of each amount of out[first_obs..) from the words around
 * it (kinds*.tsv); see attribute_kind.c for the rules. */
ac_error attribute_kind_mark(const attribute_ctx *c, attribute_obs_list *out, size_t first_obs);

#endif
