/*
 * attribute.h — from scanned figures and gazetteer mentions to attributed
 * observations.
 *
 * Each figure (amount, percentage, count) gets a fund, country, region,
 * sector and period from the narrowest scope that states them:
 *
 *   1. its clause and sentence ("... 45.317,39 USD ... Djidara");
 *   2. its chart label, when the layout pairs a label line with a figure
 *      line ("Santé" then "7%"; "51 QIPs" ... "Bamako");
 *   3. its card: a figure-only line followed by the sentence that says what
 *      it is ("21 QIPs : USD 712.077,4" then "Environ 26% du budget QIPs ...
 *      protection des civils");
 *   4. its section: headings govern what follows them ("QIPs 2017/2018",
 *      "Restauration de l'autorité de l'Etat (RESA)"); a heading naming
 *      another fund starts a new section and forgets the finer coordinates;
 *   5. the document: the one fund it names, its dominant programme country.
 *
 * A scope that names two different values of a dimension (a list of regions,
 * a sentence about Gao and Tombouctou) settles nothing for that dimension:
 * the coordinate stays empty rather than guessed; a figure about several
 * countries ("in CAR, Guinea, Comoros and Niger") has no country and no
 * region.  Countries are taken where they receive programmes (countries
 * with regions in the gazetteer), or after a preposition of place ("for
 * Madagascar") and in the list it opens: donors named in a sentence are
 * not where the money goes.
 *
 * Within one source, a figure that is some of another ("dont 785 projets",
 * "Of these, 412", a total's other figures, "après le séisme de 2010"
 * inside an earlier figure's period) takes what it does not state from
 * that whole; narrower somewhere, it keeps its own cell (the cube nests it
 * under the whole), else it is marked a part and never summed
 * (attribute_nest.c).
 *
 * Each amount also gets the kind of money its words say it is (allocated,
 * disbursed, received, pledged, requested, a gap, a change, co-financing:
 * attribute_kind.c), or none: nothing is guessed.
 *
 * Figure-only lines that follow one another form a run (a chart); the shares
 * of a run get the same group number, so that checks can verify they add up
 * to 100.
 *
 * Memory: observations and their strings live in the caller's arena.
 */
#ifndef AC_ATTRIBUTE_H
#define AC_ATTRIBUTE_H

#include "attribute_gazetteer.h"
#include "attribute_obs.h"
#include "../read/read_text.h"

typedef struct {
    scan_lang lang;           /* detected or forced language               */
    int doc_year;             /* year of the document (latest full date,
                                 else the one year of its title line)     */
    int doc_month, doc_day;   /* month and day of that latest full date
                                 ("Au 30 juin 2017": 6, 30); 0: unknown   */
    const char *country;      /* document country, or NULL                 */
    const char *fund;         /* document fund, or NULL                    */
    size_t n_invalid_dates;   /* impossible dates found (and warned about) */
    const long *bad_date_line;
    const char *const *bad_date_text;
} attribute_info;

/* Scan (with the caller's scanner sx), match and attribute one decoded
 * document: observations are appended to *out (arena-owned).  Invalid dates
 * are reported through diag.h with the file and line.  info may be NULL. */
ac_error attribute_document(scan_ctx *sx, const read_text_doc *doc, const gazetteer *gz,
                            int force_lang, diag *d, arena *a, attribute_obs_list *out,
                            attribute_info *info);

#endif
