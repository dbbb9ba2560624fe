/*
 * test_cube.c — the rules of cube.h, one table-driven case each: facts in,
 * exact cells out (value in USD with cents, origin, flags), including the
 * cells that must NOT exist or must stay empty.
 *
 * A fact is written "doc|measure|value|unit|fund|country|region|sector|
 * period|flags" where period is "", "2016", "2016/2017" (fiscal), "2013-2017"
 * (span) or "2013+" (cumulative, to the document's year 2019), and flags
 * are letters: t total, p part, i item of run 1, m max, a approx, j the
 * figure of one project, r a restatement of the figure before it in
 * another currency.
 * A probe is "sector|region|period|fund" (empty: _T, "?" : _X not stated)
 * with the expected "value origin flags" ("" when the cell has no amount,
 * "absent" when it must not exist); a probe starting with '#' looks at the
 * number of projects instead of the amount.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cube/cube.h"
#include "unit.h"

typedef struct {
    const char *name;
    const char *facts[8];
    const char *probe[8][2];
} cube_case;

static const cube_case cases[] = {
    {"rule 2: overlapping periods are never added (2016 and 2016/2017)",
     {"a|amount|400000|USD|QIP|MLI|Gao||2016|", "b|amount|600000|USD|QIP|MLI|Gao||2016/2017|"},
     {{"|Gao|2016|QIP", "400000.00 reported not-counted-period"},
      {"|Gao|2016/2017|QIP", "600000.00 reported"},
      {"|Gao||QIP", "600000.00 computed overlap"},
      {"|MLI||", "600000.00 computed overlap"}}},
    {"rule 2: a span holds its years; years add inside it",
     {"a|amount|100|USD|PBF|MLI|||2014|", "a|amount|200|USD|PBF|MLI|||2015|",
      "b|amount|250|USD|PBF|MLI|||2014-2017|"},
     {{"|MLI|2014-2017|PBF", "300.00 computed conflict"},
      {"|MLI||PBF", "300.00 computed"},
      {"|MLI|2015|PBF", "200.00 reported"}}},
    {"rule 2: a grouping and a region it covers are not added",
     {"a|amount|900000|USD|QIP|MLI|Tombouctou / Taoudénit||2017|",
      "b|amount|500000|USD|QIP|MLI|Tombouctou||2017|"},
     {{"|MLI|2017|QIP", "900000.00 computed"},
      {"|Tombouctou / Taoudénit|2017|QIP", "900000.00 reported"},
      {"|Tombouctou|2017|QIP", "500000.00 reported"}}},
    {"rule 3: a total is never smaller than its parts",
     {"a|amount|3005668.50|USD|QIP|CAF|||2017/2018|t", "a|amount|11900000|USD|QIP|CAF|||2013-2017|"},
     {{"|CAF||QIP", "11900000.00 computed overlap"},
      {"|CAF|2013-2017|QIP", "11900000.00 reported"}}},
    {"rule 3: a stated total larger than its parts supersedes them",
     {"a|amount|1000|USD|TF|MLI||Santé|2017|", "a|amount|500|USD|TF|MLI||RESA|2017|",
      "a|amount|2000|USD|TF|MLI|||2017|t"},
     {{"|MLI|2017|TF", "2000.00 reported"},
      {"?|MLI|2017|TF", "500.00 not stated"},
      {"Santé|MLI|2017|TF", "1000.00 reported"}}},
    {"rule 1: a total named by one of its parts is the total (EUTF 115.5 M + 30 M)",
     {"a|amount|115500000|EUR|EUTF||||2019|", "a|amount|115500000|EUR|EUTF|||Sécurité|2019|",
      "a|amount|10000000|EUR|EUTF|||Sécurité|2019|", "a|amount|30000000|EUR|EUTF|||Migration|2019|",
      "a|amount|30000000|EUR|EUTF|BFA|||2019|"},
     {{"||2019|EUTF", "129302250.00 reported"},
      {"Sécurité||2019|EUTF", "11195000.00 reported"},
      {"Migration||2019|EUTF", "33585000.00 reported"},
      {"?||2019|EUTF", "84522250.00 not stated"},
      {"||2019|", "129302250.00 computed"}}},
    {"rule 1: a sector's figure equal to its source's total, no other sector: the sector's",
     {"a|amount|1000|USD|PBF||||2019|", "a|amount|1000|USD|PBF|||Santé|2019|"},
     {{"Santé||2019|PBF", "1000.00 reported"},
      {"||2019|PBF", "1000.00 reported"},
      {"?||2019|PBF", "absent"}}},
    {"rule 1: the same total from another source is no part's name",
     {"a|amount|1000|USD|PBF||||2019|", "b|amount|1000|USD|PBF|||Santé|2019|",
      "b|amount|500|USD|PBF|||Education|2019|"},
     {{"Santé||2019|PBF", "1000.00 reported"},
      {"||2019|PBF", "1500.00 computed"}}},
    {"rule 2: a theme under its DAC code under its group; the total adds the groups",
     {"a|amount|100|USD|PBF|||POC|2019|", "a|amount|50|USD|PBF|||Cohésion sociale|2019|",
      "a|amount|30|USD|PBF|||Sécurité|2019|", "a|amount|20|USD|PBF|||RESA|2019|",
      "a|amount|250|USD|PBF||||2019|t"},
     {{"POC||2019|PBF", "100.00 reported"},
      {"15220 Civilian peace-building, conflict prevention and resolution||2019|PBF", "150.00 computed"},
      {"152 Conflict, Peace & Security||2019|PBF", "180.00 computed"},
      {"151 Government & Civil Society-general||2019|PBF", "20.00 computed"},
      {"15110 Public sector policy and administrative management||2019|PBF", "20.00 computed"},
      {"||2019|PBF", "250.00 reported"},
      {"?||2019|PBF", "50.00 not stated"}}},
    {"rule 3 on the DAC tree: a code's stated figure or its themes' sum, the larger, never both",
     {"a|amount|500|USD|PBF|||Civilian peace-building, conflict prevention and resolution|2019|",
      "a|amount|100|USD|PBF|||POC|2019|", "a|amount|50|USD|PBF|||Cohésion sociale|2019|",
      "b|amount|30|USD|PBF|||Sécurité|2019|",
      "c|amount|120|USD|TF|||Civilian peace-building, conflict prevention and resolution|2019|",
      "c|amount|150|USD|TF|||POC|2019|"},
     {{"15220 Civilian peace-building, conflict prevention and resolution||2019|PBF", "500.00 reported"},
      {"152 Conflict, Peace & Security||2019|PBF", "530.00 computed"},
      {"||2019|PBF", "530.00 computed"},
      {"?||2019|PBF", "absent"},
      {"15220 Civilian peace-building, conflict prevention and resolution||2019|TF",
       "150.00 computed conflict"},
      {"152 Conflict, Peace & Security||2019|TF", "150.00 computed"},
      {"||2019|", "680.00 computed"}}},
    {"rule 2: a DAC code named as the cube names it (the warehouse) is the same member",
     {"a|amount|500|USD|PBF|||Civilian peace-building, conflict prevention and resolution|2019|",
      "b|amount|500|USD|PBF|||15220 Civilian peace-building, conflict prevention and resolution|2019|",
      "c|amount|70|USD|PBF|||152 Conflict, Peace & Security|2019|"},
     {{"15220 Civilian peace-building, conflict prevention and resolution||2019|PBF", "500.00 reported"},
      {"152 Conflict, Peace & Security||2019|PBF", "500.00 computed conflict"},
      {"||2019|PBF", "500.00 computed"}}},
    {"rule 5 on the DAC tree: the rest beside the groups and the sectors with no code",
     {"a|amount|1000|USD|QIP|MLI|||2019|t", "a|amount|100|USD|QIP|MLI||POC|2019|",
      "a|amount|50|USD|QIP|MLI||Electricité|2019|"},
     {{"?|MLI|2019|QIP", "850.00 not stated"},
      {"Electricité|MLI|2019|QIP", "50.00 reported"},
      {"152 Conflict, Peace & Security|MLI|2019|QIP", "100.00 computed"},
      {"15220 Civilian peace-building, conflict prevention and resolution|MLI|2019|QIP",
       "100.00 computed"},
      {"|MLI|2019|QIP", "1000.00 reported"}}},
    {"rule 5: money with no fund stays visible as 'not stated'",
     {"a|amount|128589912|USD||MLI|||2017|", "a|amount|111289912|USD|QIP|MLI|||2017|"},
     {{"|MLI|2017|", "128589912.00 reported"},
      {"|MLI|2017|?", "17300000.00 not stated"},
      {"|MLI|2017|QIP", "111289912.00 reported"}}},
    {"rule 1: the same figure stated by two sources is one figure",
     {"a|amount|11900000|USD|QIP|MLI|||2013-2017|", "b|amount|11900000|USD|QIP|MLI|||2013-2017|"},
     {{"|MLI|2013-2017|QIP", "11900000.00 reported"}, {"|MLI|2013-2017|", "11900000.00 computed"}}},
    {"rule 1: items of one table at one coordinate add up; caps are not money",
     {"a|amount|45317.39|USD|QIP|MLI|Gao||2017|i", "a|amount|40000|USD|QIP|MLI|Gao||2017|i",
      "a|amount|50000|USD|QIP|MLI|Gao||2017|m"},
     {{"|Gao|2017|QIP", "85317.39 reported"}}},
    {"rule 1 run total: a list's total line is the statement, its items its parts",
     {"a|amount|1000000|USD|PBF|BDI|||2019|i", "a|amount|2000000|USD|PBF|BDI|||2019|i",
      "a|amount|3000000|USD|PBF|BDI|||2019|it"},
     {{"|BDI|2019|PBF", "3000000.00 reported"}, {"|BDI|2019|", "3000000.00 computed"}}},
    {"rule 1 run total: a total line first, its items below, not added",
     {"a|amount|3000000|USD|PBF|BDI|||2019|it", "a|amount|1000000|USD|PBF|BDI|||2019|i",
      "a|amount|2000000|USD|PBF|BDI|||2019|i"},
     {{"|BDI|2019|PBF", "3000000.00 reported"}}},
    {"rule 1 run total: a list with no total line still adds up",
     {"a|amount|1000000|USD|PBF|BDI|||2019|i", "a|amount|2000000|USD|PBF|BDI|||2019|i"},
     {{"|BDI|2019|PBF", "3000000.00 reported"}}},
    {"rule 4: a share of a stated total is derived, never summed",
     {"a|amount|838354.11|USD|QIP|CAF|||2017/2018|", "a|share|28|%|QIP|CAF||RESA|2017/2018|a"},
     {{"RESA|CAF|2017/2018|QIP", "234739.15 derived"},
      {"|CAF|2017/2018|QIP", "838354.11 reported"},
      {"?|CAF|2017/2018|QIP", "603614.96 not stated"}}},
    {"rule 5: shares of no member are some of the rest, which is the total less the rows",
     {"a|amount|27600000|USD|CBPF|SSD|||2018|", "a|share|20|%|CBPF|SSD||Santé|2018|a",
      "a|share|11|%|CBPF|SSD||Education|2018|a", "a|share|17|%|CBPF|SSD|||2018|a",
      "a|share|26|%|CBPF|SSD|||2018|a"},
     {{"Santé|SSD|2018|CBPF", "5520000.00 derived"},
      {"Education|SSD|2018|CBPF", "3036000.00 derived"},
      {"?|SSD|2018|CBPF", "19044000.00 not stated"},
      {"|SSD|2018|CBPF", "27600000.00 reported"}}},
    {"rule 5: a share of no member equal to the rest: the rest, rows add up",
     {"a|amount|1000|USD|CBPF|SSD|||2018|", "a|share|40|%|CBPF|SSD||Santé|2018|a",
      "a|share|60|%|CBPF|SSD|||2018|a"},
     {{"?|SSD|2018|CBPF", "600.00 not stated"}, {"Santé|SSD|2018|CBPF", "400.00 derived"},
      {"|SSD|2018|CBPF", "1000.00 reported"}}},
    {"rule 5: a cell with no value is empty, never 0; impossible figures are not summed",
     {"a|share|12|%|PBF|MLI||Santé|2019|", "a|amount|-45000|USD|PBF|MLI|||2019|",
      "a|share|150|%|PBF|MLI||RESA|2019|"},
     {{"Santé|MLI|2019|PBF", ""}, {"|MLI|2019|PBF", ""}, {"RESA|MLI|2019|PBF", "absent"}}},
    {"rule 5: the rest of a total beside overlapping rows is flagged, not 'not stated'",
     {"a|amount|100|USD|QIP|MLI|Gao|Santé|2016|", "c|amount|400000|USD|QIP|MLI|Mopti|Santé|2016|",
      "c|amount|600000|USD|QIP|MLI|Mopti|Santé|2016/2017|"},
     {{"Santé|MLI||QIP", "600100.00 computed overlap"},
      {"Santé|MLI|?|QIP", "100.00 not stated overlap"},
      {"Santé|MLI|2016|QIP", "400100.00 computed not-counted-period"},
      {"Santé|Mopti||QIP", "600000.00 computed overlap"},
      {"Santé|Mopti|?|QIP", "absent"}}},
    {"rule 7: an undated project is not a total over all periods",
     {"a|amount|45317.39|USD|QIP|MLI|Gao|||", "b|amount|512340.50|USD|QIP|MLI|Gao||2016/2017|t"},
     {{"|Gao||QIP", "512340.50 computed overlap"},
      {"|Gao|?|QIP", "45317.39 reported not-counted-period"},
      {"|Gao||", "512340.50 computed overlap"}}},
    {"rule 1: restated figures: the total, else the largest, is the cell's",
     {"a|count|222|projects|QIP|MLI|||2013+|", "a|count|324|projects|QIP|MLI|||2013+|",
      "b|count|300|projects|QIP|MLI|||2013+|"},
     {{"#|MLI|2013-2019|QIP", "324 reported"}}},
    {"rule 1: figures of single projects add up; the same amount twice is one project",
     {"a|amount|30000|USD|QIP|MLI|Gao||2017|j", "b|amount|45000|USD|QIP|MLI|Gao||2017|j",
      "c|amount|45000|USD|QIP|MLI|Gao||2017|j"},
     {{"|Gao|2017|QIP", "75000.00 computed"}, {"?|Gao|2017|QIP", "75000.00 reported"}}},
    {"rule 1: a statement of the cell larger than its projects is the cell",
     {"a|amount|30000|USD|QIP|MLI|Gao||2017|j", "b|amount|45000|USD|QIP|MLI|Gao||2017|j",
      "c|amount|100000|USD|QIP|MLI|Gao||2017|"},
     {{"|Gao|2017|QIP", "100000.00 reported"}}},
    {"rule 3: a stated total smaller than its own projects shows them, flagged",
     {"a|amount|30000|USD|QIP|MLI|Gao||2017|j", "b|amount|45000|USD|QIP|MLI|Gao||2017|j",
      "c|amount|50000|USD|QIP|MLI|Gao||2017|t"},
     {{"|Gao|2017|QIP", "75000.00 computed conflict"}}},
    {"a project is never a total: its unstated region is its country's '(region not stated)'",
     {"a|amount|20001|USD|QIP|MLI|||2017|j", "b|amount|20002|USD|QIP|MLI|||2017|j",
      "c|amount|75000|USD|QIP|MLI|Gao||2017|"},
     {{"|MLI|2017|QIP", "115003.00 computed"},
      {"?|MLI: region not stated|2017|QIP", "40003.00 reported"}}},
    {"money: exact cents at the rate of the period's last year",
     {"a|amount|1000000|EUR|EU-IcSP|MLI|||2016|", "b|amount|655957000|XOF|EU-IcSP|MLI|||2015|"},
     {{"|MLI|2016|EU-IcSP", "1106900.00 reported"},
      {"|MLI|2015|EU-IcSP", "1109500.00 reported"},
      {"|MLI||EU-IcSP", "2216400.00 computed"}}},
    {"rule 1: a figure restated in another currency in brackets is one figure, counted once",
     {"a|amount|3000000|USD|PBF|COD|||2019|", "a|amount|2680000|EUR|PBF|COD|||2019|r",
      "a|amount|1000000|USD|PBF|COD|Ituri||2019|", "a|amount|900000|EUR|PBF|COD|Ituri||2019|r",
      "a|amount|7900000000|XOF|PBF|COD|Tanganyika||2019|r"},
     {{"|COD|2019|PBF", "3000000.00 reported"},
      {"|Ituri|2019|PBF", "1000000.00 reported"},
      {"|COD||", "3000000.00 computed"},
      {"?|Tanganyika|2019|PBF", "absent"}}},
    {"the model's bound: 10^15 USD is an amount, a cent more is impossible, never summed",
     {"a|amount|1000000000000000|USD|PBF|MLI|Gao||2018|", "b|amount|1000000000000000.01|USD|PBF|MLI|Mopti||2018|",
      "c|amount|50000000000000000|USD|PBF|MLI|Kidal||2018|", "d|count|1000000000000001|projects|PBF|MLI|Kidal||2018|",
      "e|amount|1000000000000000|USD|PBF|MLI|Ségou||2018|"},
     {{"|Gao|2018|PBF", "1000000000000000.00 reported"},
      {"|Mopti|2018|PBF", "absent"},
      {"|Kidal|2018|PBF", "absent"},
      {"|MLI|2018|PBF", "2000000000000000.00 computed"}}},
    {"periods: cumulative since 2013 runs to the document's year and holds its years",
     {"a|amount|7000|USD|QIP|MLI|||2013+|", "a|amount|1000|USD|QIP|MLI|||2019|"},
     {{"|MLI|2013-2019|QIP", "7000.00 reported"},
      {"|MLI||QIP", "7000.00 computed"}}},
    {"rule 2: a span another fund states takes no year from this fund's span",
     {"a|amount|12100000|USD|PBF|CAF|||2015|", "a|amount|34000000|USD|PBF|CAF|||2016|",
      "a|amount|34000000|USD|PBF|CAF|||2015-2016|", "b|amount|5000|USD|QIP|CAF|||2016-2017|"},
     {{"|CAF|2015-2016|PBF", "46100000.00 computed conflict"},
      {"|CAF||PBF", "46100000.00 computed"},
      {"|CAF|2016-2017|PBF", "absent"},
      {"|CAF|2016-2017|", "34005000.00 computed not-counted-period"},
      {"|CAF|2015-2016|", "46100000.00 computed"}}},
    {"rule 2: a year inside two spans of the fund is a part of each (never smaller)",
     {"a|amount|100|USD|PBF|MLI|||2016|", "a|amount|30|USD|PBF|MLI|||2015-2016|",
      "a|amount|40|USD|PBF|MLI|||2016-2017|", "a|amount|10|USD|PBF|MLI|||2015|"},
     {{"|MLI|2015-2016|PBF", "110.00 computed conflict"},
      {"|MLI|2016-2017|PBF", "100.00 computed conflict not-counted-period"},
      {"|MLI||PBF", "110.00 computed overlap"},
      {"|MLI|2016|PBF", "100.00 reported"}}},
    {"rule 2: the periods of one country do not nest another country's; its figures inside "
     "another's span are part of all countries' span, in its rest",
     {"a|amount|500|USD|TF|MLI|||2018|", "a|amount|900|USD|TF|MLI|||2018/2019|",
      "b|amount|700|USD|TF|CAF|||2018-2019|"},
     {{"|MLI||TF", "900.00 computed overlap"},
      {"|MLI|2018-2019|TF", "absent"},
      {"|CAF||TF", "700.00 computed"},
      {"||2018-2019|TF", "1600.00 computed overlap"},
      {"|?|2018-2019|TF", "900.00 not stated inner"}}},
    {"rule 2: a grouping is a region's parent only where it is stated",
     {"a|amount|300|USD|QIP|MLI|Gao||2017|", "b|amount|800|USD|PBF|MLI|Gao / Ménaka||2017|",
      "b|amount|200|USD|PBF|MLI|Ménaka||2017|"},
     {{"|Gao / Ménaka||QIP", "absent"},
      {"|MLI||QIP", "300.00 computed"},
      {"|Gao / Ménaka||PBF", "800.00 computed"},
      {"|MLI||PBF", "800.00 computed"},
      {"|Gao / Ménaka||", "800.00 computed"}}},
};

static int parse_period(const char *s, obs *o)
{
    int y1 = 0, y2 = 0;
    if (!*s)
        return 1;
    if (sscanf(s, "%d/%d", &y1, &y2) == 2)
        o->pkind = PERIOD_FISCAL;
    else if (sscanf(s, "%d-%d", &y1, &y2) == 2)
        o->pkind = PERIOD_SPAN;
    else if (strchr(s, '+') && sscanf(s, "%d", &y1) == 1)
        o->pkind = PERIOD_SINCE;
    else if (sscanf(s, "%d", &y1) == 1) {
        y2 = y1;
        o->pkind = PERIOD_YEAR;
    } else
        return 0;
    o->y1 = y1;
    o->y2 = y2;
    return 1;
}

/* Split s on '|' into at most n fields (in buf). */
static int split(char *buf, char **f, int n)
{
    int k = 0;
    f[k++] = buf;
    for (char *p = buf; *p && k < n; p++)
        if (*p == '|') {
            *p = '\0';
            f[k++] = p + 1;
        }
    return k;
}

static const char *nul(const char *s)
{
    return *s ? s : NULL;
}

static int make_obs(char *buf, const char *text, obs *o, char doc[32])
{
    char *f[10];
    strcpy(buf, text);
    if (split(buf, f, 10) != 10)
        return 0;
    memset(o, 0, sizeof *o);
    snprintf(doc, 32, "%s", f[0]);
    o->measure = !strcmp(f[1], "amount") ? OBS_AMOUNT : !strcmp(f[1], "share") ? OBS_SHARE : OBS_COUNT;
    if (!scan_number_digits(f[2] + (f[2][0] == '-'), strlen(f[2]) - (f[2][0] == '-'), 1, &o->value))
        return 0;
    if (f[2][0] == '-')
        o->value.mant = -o->value.mant;
    o->unit = f[3];
    o->fund = nul(f[4]);
    o->country = nul(f[5]);
    o->region = nul(f[6]);
    o->sector = nul(f[7]);
    o->total = strchr(f[9], 't') != NULL;
    o->part = strchr(f[9], 'p') != NULL;
    o->group = strchr(f[9], 'i') ? 1 : 0;
    o->project = strchr(f[9], 'j') != NULL;
    o->restates = strchr(f[9], 'r') != NULL;
    o->qual = strchr(f[9], 'm') ? SCAN_Q_MAX : strchr(f[9], 'a') ? SCAN_Q_APPROX : SCAN_Q_EXACT;
    o->line = 1;
    return parse_period(f[8], o);
}

static int32_t key_by_name(const model *m, int d, const char *name)
{
    if (!*name)
        return KEY_TOTAL;
    if (!strcmp(name, "?"))
        return KEY_NOT_STATED;
    for (size_t k = KEY_FIRST_MEMBER; k < m->dim[d].n; k++)
        if (!strcmp(m->dim[d].m[k].name, name))
            return (int32_t)k;
    return -1;
}

static void describe(const cube_cell *x, int projects, char *out, size_t size)
{
    if (!x) {
        snprintf(out, size, "absent");
        return;
    }
    const cube_val *v = projects ? &x->projects : &x->amount;
    if (v->origin == ORIGIN_NONE) {
        out[0] = '\0';
        return;
    }
    int64_t a = v->value < 0 ? -v->value : v->value;
    int n = projects ? snprintf(out, size, "%" PRId64 " %s", v->value,
                                cube_origin_name((cube_origin)v->origin))
                     : snprintf(out, size, "%s%" PRId64 ".%02" PRId64 " %s", v->value < 0 ? "-" : "",
                                a / 100, a % 100, cube_origin_name((cube_origin)v->origin));
    if (v->flags & CELL_CONFLICT)
        n += snprintf(out + n, size - (size_t)n, " conflict");
    if (v->flags & CELL_OVERLAP)
        n += snprintf(out + n, size - (size_t)n, " overlap");
    if (v->flags & CELL_INNER)
        n += snprintf(out + n, size - (size_t)n, " inner");
    for (int d = 0; d < DIM__N && v->origin <= ORIGIN_COMPUTED; d++)
        if (x->key[d] && !(v->counted >> d & 1))
            n += snprintf(out + n, size - (size_t)n, " not-counted-%s", model_dim_name[d]);
}

static void run_case(const gazetteer *gz, const cube_case *t)
{
    model *m;
    cube *c = NULL;
    diag dg;
    diag_init(&dg);
    dg.quiet = 1;
    if (model_new(gz, &m)) {
        CHECK_STR(t->name, "model", "out of memory");
        return;
    }
    /* consecutive facts of one doc are one source */
    obs o[8];
    char buf[8][256], doc[8][32];
    size_t n = 0;
    for (size_t i = 0; i < 8 && t->facts[i]; i++) {
        if (!make_obs(buf[n], t->facts[i], &o[n], doc[n])) {
            CHECK_STR(t->name, "a valid fact", t->facts[i]);
            continue;
        }
        n++;
        if (i + 1 < 8 && t->facts[i + 1] && !strncmp(t->facts[i + 1], doc[n - 1], strlen(doc[n - 1])) &&
            t->facts[i + 1][strlen(doc[n - 1])] == '|')
            continue;
        fact_source s = {.name = doc[0], .path = doc[0], .doc_year = 2019};
        snprintf(s.sha256, sizeof s.sha256, "%s-%zu", doc[0], i);
        CHECK_INT(t->name, AC_OK, model_add_source(m, &s, o, n, &dg));
        n = 0;
    }
    CHECK_INT(t->name, AC_OK, cube_build(m, &c));
    for (size_t i = 0; c && i < 8 && t->probe[i][0]; i++) {
        char pb[128], *f[4], got[160], what[300];
        int projects = t->probe[i][0][0] == '#';
        strcpy(pb, t->probe[i][0] + projects);
        split(pb, f, 4);
        int32_t key[DIM__N];
        int known = 1;
        for (int d = 0; d < DIM__N; d++)
            known &= (key[d] = key_by_name(m, d, f[d])) >= 0;
        describe(known ? cube_cell_at(c, key) : NULL, projects, got, sizeof got);
        snprintf(what, sizeof what, "%s [%s]", t->name, t->probe[i][0]);
        CHECK_STR(what, t->probe[i][1], got);
    }
    cube_free(c);
    model_free(m);
}

/* The rate rules of model.h: the year the period ends, the document's year
 * for a figure with no period, the nearest year flagged and warned once. */
static void rate_years(const gazetteer *gz)
{
    static const struct {
        const char *fact;
        int doc_year, rate_year;
        unsigned other;
    } t[] = {
        {"a|amount|1000|EUR|TF|MLI|||2013-2015|", 2017, 2015, 0},
        {"a|amount|1000|EUR|TF|MLI||||", 2017, 2017, 0},
        {"a|amount|1000|USD|TF|MLI||||", 2017, 0, 0},
        {"a|amount|1000|EUR|TF|MLI|||2016/2017|", 2019, 2017, 0},
        {"a|amount|1000|EUR|TF|MLI|||2031|", 2031, 2024, FACT_RATE_OTHER_YEAR},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        model *m;
        diag dg;
        diag_init(&dg);
        dg.quiet = 1;
        char buf[256], doc[32];
        obs o[2];
        if (model_new(gz, &m) || !make_obs(buf, t[i].fact, &o[0], doc))
            continue;
        o[1] = o[0];
        fact_source s = {.name = doc, .path = doc, .doc_year = t[i].doc_year};
        CHECK_INT(t[i].fact, AC_OK, model_add_source(m, &s, o, 2, &dg));
        CHECK_INT(t[i].fact, t[i].rate_year, m->f.rate_year[1]);
        CHECK_INT(t[i].fact, t[i].other, m->f.flags[1] & FACT_RATE_OTHER_YEAR);
        CHECK_INT("warned once per source", t[i].other ? 1 : 0, (long long)dg.n_warnings);
        model_free(m);
    }
}

/* FACT_LEAF: the leaf facts add up to the grand total, overlaps and
 * stated totals included. */
static void leaves_sum_to_total(const gazetteer *gz)
{
    static const char *const facts[] = {
        "a|amount|400000|USD|QIP|MLI|Gao||2016|", "b|amount|600000|USD|QIP|MLI|Gao||2016/2017|",
        "c|amount|2000|USD|TF|MLI||Santé|2017|", "c|amount|500|USD|TF|MLI||RESA|2017|",
        "c|amount|3000|USD|TF|MLI|||2017|t", "d|amount|900000|USD|QIP|MLI|Tombouctou / Taoudénit||2017|",
        "e|amount|500000|USD|QIP|MLI|Tombouctou||2017|"};
    model *m;
    cube *c = NULL;
    diag dg;
    diag_init(&dg);
    dg.quiet = 1;
    if (model_new(gz, &m))
        return;
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++) {
        char buf[256], doc[32];
        obs o;
        if (!make_obs(buf, facts[i], &o, doc))
            continue;
        fact_source s = {.name = doc, .path = doc, .doc_year = 2019};
        snprintf(s.sha256, sizeof s.sha256, "%zu", i);
        model_add_source(m, &s, &o, 1, &dg);
    }
    CHECK_INT("leaves: build", AC_OK, cube_build(m, &c));
    int64_t sum = 0;
    int n = 0;
    for (size_t i = 0; i < m->f.n; i++)
        if (m->f.flags[i] & FACT_LEAF) {
            sum += m->f.v[i];
            n++;
        }
    int32_t total[DIM__N] = {0};
    const cube_cell *t = c ? cube_cell_at(c, total) : NULL;
    CHECK_INT("leaves add up to the grand total", t ? t->amount.value : -1, sum);
    CHECK_INT("leaves: 2016/2017, the TF total, the grouping", 3, n);
    cube_free(c);
    model_free(m);
}

/* The words of cube_tsv.c: a cell's flags and a cuboid's name. */
static void cell_words(void)
{
    cube_cell x = {.key = {5, 0, 3, 0}};
    char b[CUBE_FLAGS_MAX];
    CHECK_STR("no flag", "", cube_cell_flags(&x, b, sizeof b));
    x.amount.flags = CELL_CONFLICT | CELL_WITH_REST;
    x.amount.origin = ORIGIN_DERIVED;
    CHECK_STR("flags; a derived value is never counted", "conflict,with-rest",
              cube_cell_flags(&x, b, sizeof b));
    x.amount.origin = ORIGIN_COMPUTED;
    x.amount.counted = 1u << DIM_SECTOR;
    CHECK_STR("not counted along the period", "conflict,with-rest,not-counted-period",
              cube_cell_flags(&x, b, sizeof b));
    x.amount.flags = 0xF;
    x.amount.counted = 0;
    x.key[DIM_REGION] = x.key[DIM_FUND] = 2;
    CHECK_STR("everything fits", "conflict,overlap,parts-exceed,with-rest,not-counted-sector,"
              "not-counted-region,not-counted-period,not-counted-fund",
              cube_cell_flags(&x, b, sizeof b));
    CHECK_STR("apex", "total", cube_cuboid_name(0, b, sizeof b));
    CHECK_STR("origin shown", "not stated", cube_origin_name(ORIGIN_RESIDUAL));
    CHECK_STR("origin stored", "residual", cube_origin_key(ORIGIN_RESIDUAL));
    CHECK_STR("no origin shown", "", cube_origin_name(ORIGIN_NONE));
    CHECK_STR("no origin stored", "none", cube_origin_key(ORIGIN_NONE));
    CHECK_STR("cuboid", "sectorxperiodxfund",
              cube_cuboid_name(1u << DIM_SECTOR | 1u << DIM_PERIOD | 1u << DIM_FUND, b, sizeof b));
}

/* A sum beyond an int64 (facts past the model's bound, set here by hand:
 * the model itself refuses them) gives its cell and every cell above it
 * no value, never a wrapped one; the other cells keep theirs. */
static void overflow_has_no_value(const gazetteer *gz)
{
    static const char *const facts[] = {
        "a|amount|1|USD|PBF|MLI|Gao||2018|j", "b|amount|2|USD|PBF|MLI|Gao||2018|j",
        "c|amount|3|USD|PBF|MLI|Mopti||2018|", "d|amount|45000|USD|PBF|MLI|Kidal||2018|",
        "e|count|4|projects|PBF|MLI|Kidal||2018|", "f|count|5|projects|PBF|MLI|Kidal||2018|j",
        "g|count|6|projects|PBF|MLI|Kidal||2018|j"};
    /* the value of each fact, in cents (counts: projects) */
    static const int64_t v[] = {INT64_MAX / 2 + 1, INT64_MAX / 2 + 2, INT64_MAX / 2 + 1, 4500000,
                                7, INT64_MAX - 1, 2};
    static const char *const probe[][2] = {
        {"?|Gao|2018|PBF", ""},                    /* a + b: two projects, overflow */
        {"|Gao|2018|PBF", ""},
        /* not added into their region's total, which has no value */
        {"|Mopti|2018|PBF", "46116860184273879.04 reported not-counted-region"},
        {"|Kidal|2018|PBF", "45000.00 reported not-counted-region"},
        {"|MLI|2018|PBF", ""},                     /* above an overflowed cell */
        {"|MLI||", ""},
        {"#?|Kidal|2018|PBF", ""},                 /* f + g: two projects, overflow */
        {"#||2018|", ""}};
    model *m;
    cube *c = NULL;
    diag dg;
    diag_init(&dg);
    dg.quiet = 1;
    if (model_new(gz, &m))
        return;
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++) {
        char buf[256], doc[32];
        obs o;
        if (!make_obs(buf, facts[i], &o, doc))
            continue;
        fact_source s = {.name = "a", .path = "a", .doc_year = 2019};
        snprintf(s.sha256, sizeof s.sha256, "%zu", i);
        model_add_source(m, &s, &o, 1, &dg);
    }
    CHECK_INT("overflow: facts", (long long)(sizeof v / sizeof *v), (long long)m->f.n);
    for (size_t i = 0; i < m->f.n && i < sizeof v / sizeof *v; i++)
        m->f.v[i] = v[i];
    CHECK_INT("overflow: build", AC_OK, cube_build(m, &c));
    for (size_t i = 0; c && i < sizeof probe / sizeof *probe; i++) {
        char pb[128], *f[4], got[160];
        int projects = probe[i][0][0] == '#';
        strcpy(pb, probe[i][0] + projects);
        split(pb, f, 4);
        int32_t key[DIM__N];
        int known = 1;
        for (int d = 0; d < DIM__N; d++)
            known &= (key[d] = key_by_name(m, d, f[d])) >= 0;
        describe(known ? cube_cell_at(c, key) : NULL, projects, got, sizeof got);
        CHECK_STR(probe[i][0], probe[i][1], got);
    }
    cube_free(c);
    model_free(m);
}

int main(void)
{
    gazetteer *gz;
    diag dg;
    diag_init(&dg);
    if (attribute_gazetteer_load(AC_REFDIR, &dg, &gz)) {
        fprintf(stderr, "cannot load %s\n", AC_REFDIR);
        return 1;
    }
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run_case(gz, &cases[i]);
    rate_years(gz);
    int64_t cents = 0;
    CHECK_INT("round half away from zero", 1, model_usd_cents((scan_num_dec){5, 3}, (scan_num_dec){1, 0}, &cents));
    CHECK_INT("0.005 USD -> 1 cent", 1, cents);
    model_usd_cents((scan_num_dec){-5, 3}, (scan_num_dec){1, 0}, &cents);
    CHECK_INT("-0.005 USD -> -1 cent", -1, cents);
    CHECK_INT("overflow refused", 0,
              model_usd_cents((scan_num_dec){INT64_MAX, 0}, (scan_num_dec){INT64_MAX, 0}, &cents));
    leaves_sum_to_total(gz);
    cell_words();
    overflow_has_no_value(gz);
    attribute_gazetteer_free(gz);
    return unit_done("cube");
}
