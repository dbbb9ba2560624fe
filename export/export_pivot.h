/*
 * export_pivot.h — the PivotTables of the donor workbook: their source rows, their
 * items, the cross-tabs they show (as aidcube computes them) and the XML
 * text of their parts (ECMA-376 Part 1 §18.10).
 *
 * Data flow.  export_pivot_build() reads a built cube: one source row per leaf
 * fact (FACT_LEAF: each figure once; their usd adds up to the grand total),
 * or, when there are more leaf facts than max_rows, one row per cell of the
 * finest cuboid (sector × region × period × fund) whose members are all
 * top-level or "not stated" (finest = 1).  Every row has a label for each
 * text field, never blank:
 *   sector, fund  the member's name; "not stated" for _T and _X;
 *   region        the region's (or grouping's) name; a figure stated for a
 *                 country as a whole: "<ISO3>: region not stated" (the
 *                 model's own member name for a project of that country);
 *                 none: "not stated";
 *   country       the ISO3 code the model names countries by; "not stated";
 *   period        the period's name; "not stated" when undated;
 *   doc           the source document's name ("cube cell" for finest rows).
 * Labels are made valid UTF-8 the way the workbook's cells are (controls
 * other than tab and newline as spaces, invalid bytes as U+FFFD), so that
 * the cache's items equal the "Pivot data" sheet's cells.  Items of a text
 * field are the distinct labels in byte order (strcmp): deterministic.
 *
 * The export (export_pivot.c) writes the rows as the "Pivot data" sheet and
 * the cross-tabs' values into the "Pivot" sheet; export_pivot_parts.c adds the parts
 * built here to the finished file.  `aidcube cube --pivot` prints the
 * cross-tabs (export_pivot_write_tsv).
 *
 * Memory: a export_pivot_src owns its arena (labels, items, rows); export_pivot_free()
 * releases all.  XML texts and cross-tabs are malloc'd, the caller frees
 * them (free(), export_pivot_xtab_free()).  Nothing is global.
 */
#ifndef AC_PIVOT_H
#define AC_PIVOT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"
#include "../cube/cube.h"

/* The columns of "Pivot data", in order (the cache's fields).  kind: the
 * view the row belongs to, "funding" or a kind shown apart (cube.h rule 8):
 * both PivotTables filter it on "funding", so that they show what the
 * Summary adds. */
enum { PV_SECTOR, PV_REGION, PV_COUNTRY, PV_PERIOD, PV_FUND, PV_USD, PV_PROJECTS,
       PV_DOC, PV_LINE, PV_KIND, PV__N };
extern const char *const export_pivot_field_name[PV__N];
int export_pivot_field_is_text(int f);

enum { PV_HAS_USD = 1, PV_HAS_PROJECTS = 2, PV_HAS_LINE = 4 };

typedef struct {
    uint32_t item[PV__N];    /* text fields: index into export_pivot_src.items[f] */
    int64_t usd;             /* USD cents                                   */
    int64_t projects;
    long line;
    uint8_t has;             /* PV_HAS_*                                    */
} export_pivot_row;

typedef struct {
    const char **s;          /* distinct labels, in strcmp order            */
    size_t n;
} export_pivot_items;

typedef struct {
    arena *a;
    export_pivot_row *row;
    size_t n;
    export_pivot_items items[PV__N];/* text fields only                            */
    uint32_t funding;        /* the item of kind "funding" (always listed)  */
    uint32_t *shown[PV__N];  /* text fields: the items that rows of the
                                funding have, in item order (the rows and
                                columns the filtered PivotTables show)    */
    size_t n_shown[PV__N];
    int32_t *at[PV__N];      /* item -> its place among shown, -1: none    */
    int finest;              /* rows are the leaf facts added up at each of
                                their coordinates (the cube's finest cells) */
    size_t max_rows;         /* the most source rows a sheet takes here     */
    int truncated;           /* even those were more than max_rows          */
} export_pivot_src;

/* The sheets of the workbook that show and hold the PivotTables. */
#define PIVOT_SHEET "Pivot"
#define PIVOT_DATA_SHEET "Pivot data"

/* Excel's rows less the header: the most source rows a sheet holds. */
#define PIVOT_MAX_ROWS 1048575u

/* The source rows of cube c (built); max_rows 0: PIVOT_MAX_ROWS.  Caller
 * frees with export_pivot_free().  AC_ERR_NOMEM. */
ac_error export_pivot_build(const cube *c, size_t max_rows, export_pivot_src **out);
void export_pivot_free(export_pivot_src *p);   /* accepts NULL */

/* The two PivotTables. */
enum { PIVOT_N = 2 };
typedef struct {
    const char *name;        /* "PivotTable1"                               */
    int row, col;            /* fields on rows and on columns               */
    int npage;
    int page[3];             /* report filters (kind: on "funding")         */
    const char *caption;     /* the line above it on the Pivot sheet        */
} export_pivot_spec;
extern const export_pivot_spec export_pivot_specs[PIVOT_N];

/* A cross-tab of the rows of kind "funding" (the PivotTables' default
 * filter): nr × nc cells (the shown items of its row and column fields)
 * plus a grand-total row and column (index nr, nc).  Cell (i, j) is at [i * (nc + 1) + j]; has: PV_HAS_USD and
 * PV_HAS_PROJECTS when at least one row of the cell gives that value (an
 * empty cell is not 0). */
typedef struct {
    size_t nr, nc;
    int64_t *usd, *projects;
    uint8_t *has;
} export_pivot_xtab;

ac_error export_pivot_crosstab(const export_pivot_src *p, int which, export_pivot_xtab *out);
void export_pivot_xtab_free(export_pivot_xtab *t);

/* Where the PivotTables go on the Pivot sheet (0-based rows, column A):
 * PivotTable1's location starts at PIVOT_TOP (A9: its three report filters
 * at A5:B7 above it, one blank row), PivotTable2's PIVOT_GAP rows below the
 * end of PivotTable1 (its caption and its filter on kind in between); the
 * report filters of a table stand on the npage rows above the blank row
 * above it.  A PivotTable is PIVOT_HEAD header rows, one row per
 * row item and the grand total; one label column, two columns (usd,
 * projects) per column item and two grand-total columns. */
#define PIVOT_TOP 8u
#define PIVOT_PAGE_TOP 4u
#define PIVOT_GAP 4u
#define PIVOT_HEAD 3u
typedef struct {
    uint32_t row, nrows, ncols;
} export_pivot_loc;
void export_pivot_locations(const export_pivot_src *p, export_pivot_loc loc[PIVOT_N]);

/* The parts (malloc'd, NUL-terminated, length in *len; NULL when out of
 * memory).  created: unix time of the workbook (refreshedDate); usd_fmt:
 * the numFmtId of the usd number format in the workbook's styles. */
#define PIVOT_CACHE_ID 1
char *export_pivot_xml_cache_def(const export_pivot_src *p, const char *sheet, long long created, size_t *len);
char *export_pivot_xml_records(const export_pivot_src *p, size_t *len);
char *export_pivot_xml_table(const export_pivot_src *p, int which, int usd_fmt, size_t *len);

/* s escaped for XML text and attributes (& < > " and tab, newline, CR as
 * references; invalid UTF-8 and characters XML forbids as U+FFFD):
 * malloc'd, NULL when out of memory. */
char *export_pivot_xml_escape(const char *s);

/* USD cents as "-1234.05" into buf (size >= 32).  Returns buf. */
const char *export_pivot_cents(int64_t cents, char *buf, size_t size);

/* `aidcube cube --pivot`: every cell of both PivotTables, grand totals
 * included, as TSV "pivot row column usd projects" (labels escaped as
 * diag.h says; "Grand Total" for totals).  AC_ERR_NOMEM, AC_ERR_IO. */
ac_error export_pivot_write_tsv(const cube *c, FILE *out, diag *d);

#endif
