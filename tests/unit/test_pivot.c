/*
 * test_pivot.c — the PivotTables' source (export_pivot.h): XML escaping, labels
 * and items of a tiny cube, its cache records and cross-tab, and the
 * finest-cuboid fallback when the leaf facts are more than a sheet holds.
 *
 * A fact is "measure|value|fund|country|region|sector|year[|kind]" (one
 * source, doc "d.txt", USD; kind: a money kind, attribute_obs.h).  The
 * pledge is a leaf of the cube of pledges: a row of kind "pledged", which
 * the PivotTables' filter on "funding" leaves out.  Memory: the test owns its model, cube and texts.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cube/cube.h"
#include "../../export/export_pivot.h"
#include "unit.h"

static void escaping(void)
{
    static const char *const cases[][2] = {
        {"a&b<c>\"d\"'", "a&amp;b&lt;c&gt;&quot;d&quot;'"},
        {"Ségou \xEF\xBF\xBD", "Ségou \xEF\xBF\xBD"},          /* accents, U+FFFD kept */
        {"bad\xFF" "byte", "bad\xEF\xBF\xBD" "byte"},          /* invalid UTF-8 */
        {"ctl\x01" "x", "ctl\xEF\xBF\xBD" "x"},                /* not an XML character */
        {"\xEF\xBF\xBE", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* U+FFFE: per byte */
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* a surrogate */
        {"t\tn\nr\r", "t&#9;n&#10;r&#13;"},
        {"", ""}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *s = export_pivot_xml_escape(cases[i][0]);
        CHECK_STR("escape", cases[i][1], s);
        free(s);
    }
    char b[32];
    CHECK_STR("cents", "-1234.05", export_pivot_cents(-123405, b, sizeof b));
    CHECK_STR("cents", "0.07", export_pivot_cents(7, b, sizeof b));
}

static const char *const facts[] = {
    "amount|100|QIP|MLI|Gao|Eau & <assainissement> \"rural\"|2017",
    "amount|50.5|QIP|MLI||RESA|2017",
    "count|3|TF|MLI|Gao|RESA|2016",
    "amount|20|||Gao||2016",
    "amount|999|PBF|MLI|Mopti|RESA|2016|pledged",
};
#define NFACTS (sizeof facts / sizeof *facts)

static int make_obs(char *buf, const char *text, obs *o)
{
    char *f[8];
    int k = 0;
    strcpy(buf, text);
    f[k++] = buf;
    for (char *p = buf; *p && k < 8; p++)
        if (*p == '|') {
            *p = '\0';
            f[k++] = p + 1;
        }
    if (k != 7 && k != 8)
        return 0;
    memset(o, 0, sizeof *o);
    o->measure = !strcmp(f[0], "amount") ? OBS_AMOUNT : OBS_COUNT;
    if (!scan_number_digits(f[1], strlen(f[1]), 1, &o->value))
        return 0;
    o->unit = o->measure == OBS_AMOUNT ? "USD" : "projects";
    o->fund = *f[2] ? f[2] : NULL;
    o->country = *f[3] ? f[3] : "MLI";
    o->region = *f[4] ? f[4] : NULL;
    o->sector = *f[5] ? f[5] : NULL;
    o->y1 = o->y2 = atoi(f[6]);
    o->pkind = PERIOD_YEAR;
    o->doc = "d.txt";
    o->line = 7;
    o->kind = k == 8 ? attribute_kind_of_name(f[7]) : KIND_NONE;
    return o->kind >= 0;
}

static cube *tiny(const gazetteer *gz, model **m)
{
    obs o[NFACTS];
    char buf[NFACTS][160];
    cube *c = NULL;
    diag dg;
    diag_init(&dg);
    dg.quiet = 1;
    if (model_new(gz, m))
        return NULL;
    for (size_t i = 0; i < NFACTS; i++)
        CHECK_INT(facts[i], 1, make_obs(buf[i], facts[i], &o[i]));
    fact_source s = {.name = "d.txt", .path = "d.txt", .doc_year = 2019};
    snprintf(s.sha256, sizeof s.sha256, "tiny");
    CHECK_INT("add", AC_OK, model_add_source(*m, &s, o, NFACTS, &dg));
    CHECK_INT("cube", AC_OK, cube_build(*m, &c));
    return c;
}

/* The items of field f joined by '|'. */
static const char *items(const export_pivot_src *p, int f, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->items[f].n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? "|" : "", p->items[f].s[i]);
    return buf;
}

static void leaf_source(const cube *c)
{
    export_pivot_src *p;
    char b[512];
    CHECK_INT("build", AC_OK, export_pivot_build(c, 0, &p));
    if (!p)
        return;
    CHECK_INT("rows: the leaf facts, of the funding and the pledges", 5, (long long)p->n);
    CHECK_INT("not finest", 0, p->finest);
    CHECK_STR("sectors", "Eau & <assainissement> \"rural\"|RESA|not stated",
              items(p, PV_SECTOR, b, sizeof b));
    CHECK_STR("regions", "Gao|Mopti|MLI: region not stated", items(p, PV_REGION, b, sizeof b));
    CHECK_STR("countries", "MLI", items(p, PV_COUNTRY, b, sizeof b));
    CHECK_STR("periods", "2016|2017", items(p, PV_PERIOD, b, sizeof b));
    CHECK_STR("funds", "PBF|QIP|TF|not stated", items(p, PV_FUND, b, sizeof b));
    CHECK_STR("kinds", "funding|pledged", items(p, PV_KIND, b, sizeof b));
    CHECK_INT("the filter's item: funding", 0, p->funding);
    CHECK_INT("regions shown: not the pledge's Mopti", 2, (long long)p->n_shown[PV_REGION]);
    CHECK_INT("Mopti not shown", -1, p->at[PV_REGION][1]);
    CHECK_INT("funds shown: not the pledge's PBF", 3, (long long)p->n_shown[PV_FUND]);

    char *def = export_pivot_xml_cache_def(p, PIVOT_DATA_SHEET, 1498780800, NULL);
    CHECK_INT("sheet and range", 1, def && strstr(def, "<worksheetSource ref=\"A1:J6\" "
                                                  "sheet=\"Pivot data\"/>") != NULL);
    CHECK_INT("escaped item", 1, def && strstr(def, "<s v=\"Eau &amp; &lt;assainissement&gt; "
                                                    "&quot;rural&quot;\"/>") != NULL);
    CHECK_INT("usd range, blanks", 1, def && strstr(def, "containsBlank=\"1\" minValue=\"20.00\" "
                                                         "maxValue=\"999.00\"") != NULL);
    CHECK_INT("refreshedDate: the workbook's time", 1,
              def && strstr(def, "refreshedDate=\"42916.000000\"") != NULL);
    free(def);
    char *rec = export_pivot_xml_records(p, NULL);
    CHECK_INT("a count: projects, no usd", 1,
              rec && strstr(rec, "<r><x v=\"1\"/><x v=\"0\"/><x v=\"0\"/><x v=\"0\"/><x v=\"2\"/>"
                                 "<m/><n v=\"3\"/><s v=\"d.txt\"/><n v=\"7\"/><x v=\"0\"/></r>")
                  != NULL);
    CHECK_INT("the pledge: kind pledged", 1,
              rec && strstr(rec, "<n v=\"999.00\"/><m/><s v=\"d.txt\"/><n v=\"7\"/><x v=\"1\"/></r>")
                  != NULL);
    free(rec);

    export_pivot_xtab t;
    CHECK_INT("crosstab", AC_OK, export_pivot_crosstab(p, 0, &t));
    size_t g = t.nr * (t.nc + 1) + t.nc;
    CHECK_INT("grand usd: the funding, not the pledge", 17050, t.usd[g]);
    CHECK_INT("grand projects", 3, t.projects[g]);
    CHECK_INT("RESA × Gao: projects only", PV_HAS_PROJECTS, t.has[1 * (t.nc + 1) + 0]);
    CHECK_INT("empty cell", 0, t.has[0 * (t.nc + 1) + 1]);
    export_pivot_xtab_free(&t);
    char *tab = export_pivot_xml_table(p, 0, 164, NULL);
    CHECK_INT("location", 1, tab && strstr(tab, "<location ref=\"A9:G15\"") != NULL);
    CHECK_INT("filter kind on funding", 1,
              tab && strstr(tab, "<pageField fld=\"9\" item=\"0\" hier=\"-1\"/>") != NULL);
    CHECK_INT("Σ Values in the columns", 1,
              tab && strstr(tab, "<colFields count=\"2\"><field x=\"1\"/><field x=\"-2\"/>") != NULL);
    free(tab);
    export_pivot_free(p);
}

static void finest_source(const cube *c)
{
    export_pivot_src *p;
    char b[512];
    CHECK_INT("build (limit 2)", AC_OK, export_pivot_build(c, 2, &p));
    if (!p)
        return;
    CHECK_INT("finest", 1, p->finest);
    CHECK_INT("rows at most the limit", 1, p->n <= 2);
    CHECK_STR("doc", "cube cell", items(p, PV_DOC, b, sizeof b));
    export_pivot_free(p);
}

int main(void)
{
    gazetteer *gz;
    model *m = NULL;
    diag dg;
    diag_init(&dg);
    escaping();
    if (attribute_gazetteer_load(AC_REFDIR, &dg, &gz)) {
        fprintf(stderr, "cannot load %s\n", AC_REFDIR);
        return 1;
    }
    cube *c = tiny(gz, &m);
    if (c) {
        leaf_source(c);
        finest_source(c);
    }
    cube_free(c);
    model_free(m);
    attribute_gazetteer_free(gz);
    return unit_done("pivot");
}
