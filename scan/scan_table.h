/*
 * scan_table.h — tables pasted into text documents: lines of cells separated by
 * ';' (CSV as French Excel writes it), tabs, or '|' (Markdown tables).
 *
 * A bare number in running text is not a figure: it has no unit.  In a table
 * the unit is in the column header ("Nombre de QIPs", "Montant (USD)",
 * "Part (%)"), so the table reader turns every numeric cell into a scanner
 * item of the header's kind: a count of what the header counts, an amount in
 * its currency, a share.  Header words are read by the scanner itself
 * ("1 QIPs", "1 USD", "1 %"), so a noun or a currency added to the scanner's
 * tables works in headers too.
 *
 * Rows are found by shape: at least three consecutive lines with the same
 * number of cells (at least two); the first row whose cells are mostly words
 * is the header.  Lines of the run above the header whose only content is
 * their first cell ("Titre;;;") are the table's title, returned so that the
 * attribution treats them as a heading.  A cell that the scanner reads on
 * its own ("512 340,50 $", "22,6 %") keeps that reading.
 *
 * Memory: items and ranges are allocated in the caller's arena.
 */
#ifndef AC_TABLE_H
#define AC_TABLE_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/error.h"
#include "../read/read_text.h"
#include "scan.h"

typedef struct {
    size_t start, end;        /* byte range of a header or data row        */
    int title;                /* 1: a title line of the table (a heading)   */
} scan_table_row;

/* Find the tables of doc with the scanner sx: their cells as scanner items
 * (sorted by start) and the byte ranges of their rows. */
ac_error scan_table_find(scan_ctx *sx, const read_text_doc *doc, scan_lang lang, arena *a,
                    scan_item **items, size_t *n_items,
                    scan_table_row **rows, size_t *n_rows);

#endif
