/*
 * test_same.c — one list in two files (model/model_same.h): which source is
 * kept (model_same_decide), one table-driven case each, including the
 * sources that must NOT be left out; and what a row's fingerprint ignores
 * (the file, line, cell, sheet, the number's formatting) and what it does
 * not (a title, a value, a text's sentence).
 */
#include <stdio.h>
#include <string.h>

#include "../../model/model_same.h"
#include "unit.h"

typedef struct {
    const char *name;
    size_t n;
    size_t rows[4];
    const char *sha[4];
    struct { size_t sub, sup; } pairs[8];
    size_t np;
    long want[4];
} decide_case;

static const decide_case cases[] = {
    {"the same rows: the smaller hash is kept", 2, {3, 3}, {"bb", "aa"},
     {{0, 1}, {1, 0}}, 2, {1, -1}},
    {"the same rows, given the other way round: the same file kept", 2, {3, 3}, {"aa", "bb"},
     {{0, 1}, {1, 0}}, 2, {-1, 0}},
    {"a part of a list: the list is kept, whatever the hashes", 2, {2, 3}, {"aa", "bb"},
     {{0, 1}}, 1, {1, -1}},
    {"a part of two equal lists: kept as the one of them that is kept", 3, {2, 3, 3},
     {"aa", "cc", "bb"}, {{0, 1}, {0, 2}, {1, 2}, {2, 1}}, 4, {2, 2, -1}},
    {"no inclusion: every source counted", 3, {3, 3, 1}, {"aa", "bb", "cc"}, {{0, 0}}, 0,
     {-1, -1, -1}},
    {"a source with no rows is no list: never left out", 2, {0, 3}, {"aa", "bb"},
     {{0, 1}}, 1, {-1, -1}},
    {"the larger of two supersets keeps the part", 3, {2, 3, 4}, {"aa", "bb", "cc"},
     {{0, 1}, {0, 2}, {1, 2}}, 3, {2, 2, -1}},
};

static void decide_cases(void)
{
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const decide_case *t = &cases[c];
        model_same_pair pairs[8];
        long keeper[4];
        for (size_t i = 0; i < t->np; i++)
            pairs[i] = (model_same_pair){t->pairs[i].sub, t->pairs[i].sup};
        model_same_decide(t->n, t->rows, t->sha, pairs, t->np, keeper);
        for (size_t s = 0; s < t->n; s++) {
            char name[160];
            snprintf(name, sizeof name, "%s: source %zu", t->name, s);
            CHECK_INT(name, t->want[s], keeper[s]);
        }
    }
}

/* A project row of a list: "98 000,00" in a CSV, 98000 in an .xlsx. */
static obs row(const char *doc, long line, int64_t mant, int scale, const char *title)
{
    obs o;
    memset(&o, 0, sizeof o);
    o.doc = doc;
    o.path = doc;
    o.line = line;
    o.measure = OBS_AMOUNT;
    o.value = (scan_num_dec){mant, scale};
    o.unit = "USD";
    o.fund = "PBF";
    o.country = "MLI";
    o.region = "Mopti";
    o.sector = "Santé";
    o.y1 = o.y2 = 2019;
    o.pkind = PERIOD_YEAR;
    o.project = 1;
    o.sheet = "Projets";
    o.col = 5;
    o.title = title;
    o.snippet = "Forage | Mopti | 98 000,00";
    return o;
}

static void fingerprints(void)
{
    obs csv = row("a.csv", 6, 9800000, 2, "Forage de puits"), xlsx = row("a.xlsx", 9, 98000, 0,
                                                                         "Forage de puits");
    xlsx.sheet = "Feuil1";
    xlsx.col = 7;
    xlsx.snippet = "Forage | Mopti | 98000";
    CHECK_INT("a row is its values, not its file, line, cell or formatting", 1,
              model_obs_fingerprint(&csv) == model_obs_fingerprint(&xlsx));
    obs other = csv;
    other.title = "Forage de puits à Sévaré";
    CHECK_INT("another title is another row", 0,
              model_obs_fingerprint(&csv) == model_obs_fingerprint(&other));
    other = csv;
    other.value = (scan_num_dec){9800001, 2};
    CHECK_INT("another value is another row", 0,
              model_obs_fingerprint(&csv) == model_obs_fingerprint(&other));
    other = csv;
    other.region = NULL;
    CHECK_INT("a region not stated is not a region", 0,
              model_obs_fingerprint(&csv) == model_obs_fingerprint(&other));
    obs t1 = csv, t2 = csv;
    t1.sheet = t2.sheet = NULL;                 /* figures of texts */
    t1.title = t2.title = NULL;
    t2.snippet = "En 2019, un forage de 98 000 USD.";
    CHECK_INT("a text's figure is its sentence too", 0,
              model_obs_fingerprint(&t1) == model_obs_fingerprint(&t2));
    t2.snippet = t1.snippet;
    t2.line = 40;
    CHECK_INT("the same sentence on another line is the same figure", 1,
              model_obs_fingerprint(&t1) == model_obs_fingerprint(&t2));
}

int main(void)
{
    decide_cases();
    fingerprints();
    return unit_done("model_same");
}
