/*
 * model_same.h — one list in two files: the sources whose rows are all rows
 * of another source, which are recorded but add no facts.
 *
 * The same project list saved as .csv and as .xlsx, or a report saved twice
 * (UTF-8 and Windows-1252, CRLF and LF), has two different SHA-256s but the
 * same rows: counted twice, every project would be two.  The decision is
 * taken on what a source states, not on its bytes or its position among the
 * arguments:
 *
 *   - each observation has a fingerprint (model_obs_fingerprint): a hash of
 *     its normalised values, the ones that do not depend on the file's
 *     format: measure, exact value, unit, fund, country, region, sector,
 *     period, qualifier, its roles (total, part, project, average,
 *     restatement, subset total), a spreadsheet row's project (title,
 *     partner, locality, dates, months, the rows a total covers), and a
 *     text's sentence (the snippet: two reports are one only when they say
 *     the same sentences).  Never the file's name, line, cell, sheet name
 *     or span, nor a cell's formatting ("98 000,00" and 98000 are one value);
 *   - a source's rows are the multiset of its fingerprints; rows(A) ⊆ rows(B)
 *     when B has every row of A at least as many times (two equal rows of one
 *     list are two projects);
 *   - a list (a spreadsheet: its figures are rows) is compared with lists,
 *     a text with texts, and a text only for equality: a report saved twice
 *     is one, but a short note that repeats a sentence of a longer report
 *     is a source of its own (two documents that state the same figure
 *     agree: check's rule "agree"), as a list that holds some rows of
 *     another;
 *   - A adds no facts when some other source B holds all its rows and either
 *     holds more rows, or the same rows with the smaller SHA-256 (a choice by
 *     content: the same one kept whatever the order of the files);
 *   - its keeper is, among those B, the one with the most rows, then the
 *     smallest SHA-256: a source that itself adds its facts.
 * A source with no observation is no list: it is never left out.  Two lists
 * that share only some rows are both counted (the cube's own rules then
 * count a project stated twice once).
 *
 * The warehouse takes the same decision (warehouse_load.c) on the same
 * fingerprints, stored with each fact (fact.row_fp); model_same_decide is
 * the rule both apply.
 *
 * Memory: nothing is kept; the arrays given are the caller's.
 */
#ifndef AC_MODEL_SAME_H
#define AC_MODEL_SAME_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The fingerprint of an observation's normalised values (above): the
 * first 64 bits of a SHA-256, as a signed integer (a PostgreSQL bigint). */
int64_t model_obs_fingerprint(const obs *o);

/* rows(sub) ⊆ rows(sup), sub != sup. */
typedef struct {
    size_t sub, sup;
} model_same_pair;

/* keeper[s] for each of n sources: the source whose rows hold all of s's
 * (s adds no facts), or -1 (s adds its facts); nrows[s] the number of rows
 * of s, sha[s] its SHA-256 (hex).  pairs: every inclusion between two
 * sources with rows. */
void model_same_decide(size_t n, const size_t *nrows, const char *const *sha,
                       const model_same_pair *pairs, size_t n_pairs, long *keeper);

/* keeper[s] (m->n_src entries) for the sources of m, from its facts'
 * observations; *n_dropped: how many add no facts.  AC_ERR_NOMEM. */
ac_error model_same_rows(const model *m, long *keeper, size_t *n_dropped);

#endif
