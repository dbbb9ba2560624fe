/*
 * attribute_anaphor.c — a figure of "this project" takes the sector of the
 * project the sentence before introduces.
 *
 * Purpose: reports tell of projects one by one, the project in one sentence
 * and its cost in the next ("Le premier projet concerne la construction de
 * la salle d'audience du tribunal ... Le coût total de ce projet est de
 * 31.153 dollars").  A sector is read from a figure's clause only
 * (attribute_resolve.c), so the cost has none; the anaphor (phrases of kind
 * project_anaphor, fixtures/ref/phrases.tsv) says whose it is.
 *
 * Rule (named: project anaphor): the figure's sentence holds the anaphor
 * and names no sector itself; the sentence right before it, in the same
 * block (paragraph), names exactly one sector: that one.  Otherwise none
 * (a paragraph's first sentence has no antecedent: the heading's sector
 * still reaches it through the section).
 *
 * Memory: returns a gazetteer string (borrowed) or NULL.
 */
#include <stdint.h>

#include "attribute_int.h"

const char *attribute_project_sector(const attribute_ctx *c, const attribute_block *b, size_t ss,
                                     size_t se)
{
    const char *t = c->doc->text;
    int many;
    if (attribute_phrase_in(c->gz, GZ_PH_PROJECT_ANAPHOR, t, ss, se, NULL) == SIZE_MAX ||
        attribute_unique_in(c, D_SECTOR, ss, se, &many) || many)
        return NULL;
    size_t p = ss, ps, pe;
    while (p > b->start && (t[p - 1] == ' ' || t[p - 1] == '\n'))
        p--;
    if (p <= b->start)
        return NULL;                /* the first sentence of its paragraph */
    attribute_sentence_at(t, b->start, b->end, p - 1, &ps, &pe);
    const char *v = attribute_unique_in(c, D_SECTOR, ps, pe, &many);
    return many ? NULL : v;
}
