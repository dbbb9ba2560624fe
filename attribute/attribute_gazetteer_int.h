/*
 * attribute_gazetteer_int.h — internals shared by attribute_gazetteer.c (the alias table and the
 * matcher) and attribute_gazetteer_load.c (the .tsv reader).  Not for other modules:
 * they use attribute_gazetteer.h.
 *
 * The alias table is an array of nodes keyed by folded word sequences
 * ("restauration de l autorite de l etat"), found through a hash index
 * (base/hash.h) on the FNV-1a of the key, mixed.  A node may be:
 *   - complete: an alias ends here; its candidates say which entries (or a
 *     stop phrase) it names, whether the case must match, whether it is a
 *     demonym;
 *   - a prefix: a longer alias continues with more words (the matcher keeps
 *     extending only through prefixes, so most text words cost one lookup);
 *   - a vocabulary word: a single word of some alias (the repair of words
 *     holding a lost ligature tries only these);
 *   - an id key ("\x02" type folded-id): attribute_gazetteer_get.
 *
 * Memory: nodes, candidates, entries and their strings live in the
 * gazetteer's arena; the node array, its index and the per-type lists are
 * malloc'd.
 */
#ifndef AC_GZ_IMPL_H
#define AC_GZ_IMPL_H

#include <stdint.h>

#include "../base/hash.h"
#include "attribute_gazetteer.h"
#include "attribute_fold.h"

enum { N_PREFIX = 1, N_WORD = 2 };

typedef struct attribute_gz_cand {
    const attribute_gz_entry *entry;     /* NULL: a stop phrase                       */
    const char *exact;         /* case-sensitive: original words, ' '-joined */
    int demonym;
    const char *file;          /* where it was defined, for messages        */
    long line;
    struct attribute_gz_cand *next;
} attribute_gz_cand;

typedef struct {
    const char *key;           /* folded words joined by ' ' (or id key)    */
    size_t klen;
    unsigned flags;
    attribute_gz_cand *cands;
    const attribute_gz_entry *byid;
} attribute_gz_node;

/* An entry with where it was defined (the entry first, so a attribute_gz_entry * of
 * the lists converts back). */
typedef struct {
    attribute_gz_entry e;
    const char *file;
    long line;
} attribute_gz_item;

typedef struct {
    const char *currency, *base;
    int year;                  /* 0 for a peg ("*")                         */
    int peg;
    double value;
} attribute_gz_rate;

struct gazetteer {
    arena *mem;
    attribute_gz_node **node;  /* in arena mem; the array is malloc'd      */
    size_t nnode, capnode;
    hidx index;                /* key hash -> node                          */
    attribute_gz_entry **list[GZ__COUNT];
    size_t n[GZ__COUNT], ncap[GZ__COUNT];
    size_t maxwords;           /* words of the longest alias                */
    attribute_gz_rate *rates;
    size_t nrates, caprates;
    const char **phrases[GZ_PH__COUNT];   /* phrases*.tsv, per kind, in file
                                             order; strings in mem        */
    size_t nphrases[GZ_PH__COUNT], capphrases[GZ_PH__COUNT];
    attribute_gz_header *headers;                    /* headers*.tsv, in file order   */
    size_t nheaders, capheaders;
    attribute_gz_kind_phrase *kinds;                 /* kinds*.tsv, in file order     */
    size_t nkinds, capkinds;
};

/* Add an alias of e (NULL: a stop phrase) as written in a .tsv file:
 * leading markers ~ (demonym) and = (exact case).  Errors go to diag with
 * file:line; returns AC_ERR_PARSE or AC_ERR_NOMEM. */
ac_error attribute_gz_add_alias(gazetteer *g, diag *d, const char *alias, const attribute_gz_entry *e,
                      const char *file, long line);
/* Register e in its type list and under its id key (and extra_key, e.g. a
 * sector's code, when not NULL).  A duplicate id is an error. */
ac_error attribute_gz_add_entry(gazetteer *g, diag *d, attribute_gz_item *it, const char *extra_key);

#endif
