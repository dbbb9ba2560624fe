/*
 * check_text.c — what the words around a figure say, for the checks: is a
 * share a share of money, is a part of a sentence sum a percentage of its
 * total restated, does an amount's sentence name several projects.
 *
 * The checks read the observation's snippet (the source sentence, whitespace
 * collapsed, at most ~200 bytes around the figure).  Words are compared
 * after folding ASCII case; accented letters are compared as written
 * (lower case, as the tables below spell them).
 *
 * The word lists are reference data that the gazetteer has no kind for
 * (fixtures/ref/ loads only places, funds, sectors, currencies, rates and
 * stop phrases): they are the tables below, to extend here.
 */
#include "check_int.h"

#include <stdio.h>
#include <string.h>

/* ---- the word tables ------------------------------------------------------ */

/* CHECK_COUNTED_NOUNS: things counted that are not money.  A share whose
 * own clause names one of them ("dont 62 % sont dirigés par des femmes",
 * "40 % of households") and no money word is a share of people or things,
 * never checked against amounts. */
static const char *const CHECK_COUNTED_NOUNS[] = {
    "ménage", "ménages", "household", "households", "famille", "familles", "family",
    "families", "personne", "personnes", "person", "persons", "people", "individus",
    "habitant", "habitants", "inhabitants", "femme", "femmes", "woman", "women", "homme",
    "hommes", "man", "men", "fille", "filles", "girls", "garçons", "boys", "enfant",
    "enfants", "children", "jeune", "jeunes", "youth", "bénéficiaire", "bénéficiaires",
    "beneficiary", "beneficiaries", "déplacés", "réfugiés", "refugees", "idps", "élèves",
    "pupils", "students", "emploi", "emplois", "jobs", "projet", "projets", "project",
    "projects", "qip", "qips", "microprojets", "école", "écoles", "schools", "forages",
    "boreholes", "participants", "membres", "members", "agents", "staff",
};

/* CHECK_MONEY_WORDS: words that make a share a share of money ("78 % du
 * budget", "12 % de l'enveloppe" has none and stays checked: a share with
 * neither list's words is taken as a share of money, as before). */
static const char *const CHECK_MONEY_WORDS[] = {
    "budget", "budgets", "budgétaire", "fonds", "fund", "funds", "funding", "financement",
    "financements", "montant", "montants", "amount", "amounts", "coût", "coûts", "cout",
    "couts", "cost", "costs", "enveloppe", "allocation", "allocations", "dépense",
    "dépenses", "expenditure", "spending", "décaissé", "décaissés", "décaissement",
    "disbursed", "crédits", "usd", "dollar", "dollars", "euro", "euros", "eur", "fcfa",
    "cfa", "xof", "xaf", "francs",
};
/* and these signs anywhere in the clause */
static const char *const CHECK_MONEY_SIGNS[] = {"$", "€"};

/* CHECK_ANTECEDENT_WORDS: a clause opening with one of these is a share of
 * what the clause before it names ("31,3 millions USD, dont 80 % sont
 * alloués aux projets": a share of the budget; "1 850 ménages ..., dont
 * 62 % sont dirigés par des femmes": a share of households): that clause
 * is read with it. */
static const char *const CHECK_ANTECEDENT_WORDS[] = {
    "dont", "parmi", "lesquels", "lesquelles", "which", "whom", "among",
};

/* CHECK_RESTATE_WORDS: a number after a percentage and one of these words
 * restates that share of the total ("40 % sont des femmes, soit 2 400"):
 * it is not an addend of the total. */
static const char *const CHECK_RESTATE_WORDS[] = {
    "soit", "représentant", "représentent", "representing", "i.e", "ie",
};

/* CHECK_PROJECT_NOUNS and CHECK_PLURAL_DETERMINERS: an amount whose
 * sentence names projects in the plural ("des QIP", "les projets",
 * "plusieurs microprojets", "QIPs") is spent on several projects. */
static const char *const CHECK_PROJECT_NOUNS[] = {
    "projets", "projects", "qips", "microprojets", "micro-projets", "qip", "projet",
};
static const char *const CHECK_PLURAL_NOUNS[] = {     /* plural on their own */
    "projets", "projects", "qips", "microprojets", "micro-projets",
};
static const char *const CHECK_PLURAL_DETERMINERS[] = {
    "des", "les", "ces", "plusieurs", "quelques", "nombreux", "divers", "several",
    "various", "some", "many", "these", "those",
};
/* ... unless the words before name the fund ("dans le cadre des Projets à
 * impact rapide", "au titre des QIP", "the QIP programme"): the programme,
 * not projects. */
static const char *const CHECK_FUND_CONTEXT[] = {
    "cadre", "titre", "programme", "program", "fonds", "mécanisme", "framework", "under",
};

/* CHECK_ONE_PROJECT_DETERMINERS and CHECK_ONE_PROJECT_NOUNS: an amount
 * whose sentence names one project in the singular ("le projet", "cette
 * initiative", "a $48,750 QIP") and none in the plural pays for one
 * project: it is compared with the fund's cap (a figure of several
 * projects never is). */
static const char *const CHECK_ONE_PROJECT_DETERMINERS[] = {
    "le", "l", "ce", "cet", "cette", "un", "une", "the", "this", "a", "an", "one",
};
static const char *const CHECK_ONE_PROJECT_NOUNS[] = {
    "projet", "project", "qip", "initiative", "microprojet", "micro-projet",
};

/* CHECK_OF_WORDS and CHECK_CURRENCY_WORDS: "un forage de 60 000 USD", "a
 * market of USD 48,000": the word linking a thing to its cost, and the
 * currency words that may stand between it and the number. */
static const char *const CHECK_OF_WORDS[] = {"de", "d", "of"};
static const char *const CHECK_CURRENCY_WORDS[] = {"usd", "eur", "xof", "xaf", "fcfa", "cfa", "us"};

/* CHECK_ENUM_TOTAL_BEFORE: words just before a count that make it the
 * whole the rest of its sentence enumerates ("Sur les 90 projets
 * approuvés, 30 sont achevés, ...", "Of the 48 projects, 20 ...", "Au
 * total, 124 projets : 82 ... et 42 ..."); the last word first, then the
 * one before it ("" when one word is enough). */
static const char *const CHECK_ENUM_TOTAL_BEFORE[][2] = {
    {"les", "sur"}, {"sur", ""}, {"les", "parmi"}, {"the", "of"}, {"of", "out"},
    {"the", "among"}, {"total", "au"}, {"total", "in"}, {"tout", "en"}, {"of", "total"},
    {"de", "total"},
};

/* CHECK_REST_WORDS: a part that is the rest of an enumeration ("et 23
 * autres", "les 19 autres", "the other 10", "the remaining 10"): the
 * parts then claim to be all of the total. */
static const char *const CHECK_REST_WORDS[] = {
    "autres", "reste", "restants", "restantes", "other", "others", "rest", "remaining",
};
/* How near its number a rest word stands: "les 19 autres", "the other 10". */
#define REST_WORDS_NEAR 2

/* CHECK_PER_WORDS and CHECK_EACH_WORDS: a count "par province", "per
 * state" (then the units are counted elsewhere in the sentence: "les deux
 * provinces"), or "dans chacune des deux provinces", "in each of the
 * three states" (the count of units follows). */
static const char *const CHECK_PER_WORDS[] = {"par", "per"};
static const char *const CHECK_EACH_WORDS[] = {"chacune", "chacun", "each"};
/* CHECK_UNIT_NOUNS: the places a count is stated per, singular then plural. */
static const char *const CHECK_UNIT_NOUNS[][2] = {
    {"province", "provinces"}, {"région", "régions"}, {"region", "regions"},
    {"state", "states"}, {"préfecture", "préfectures"}, {"prefecture", "prefectures"},
    {"cercle", "cercles"}, {"district", "districts"}, {"commune", "communes"},
    {"territoire", "territoires"}, {"territory", "territories"}, {"county", "counties"},
    {"département", "départements"}, {"localité", "localités"}, {"locality", "localities"},
};
/* How far after a count its unit is looked for: its noun, a qualifier and
 * "in each of the three states" ("5 projects in each of the three
 * states": 7 words). */
#define PER_UNIT_SCAN_WORDS 8

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* ---- words ------------------------------------------------------------------ */

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || c == '-' || c == '.';
}

/* The next word of s[*pos..end) as lower-case ASCII (UTF-8 kept) in w
 * (size >= 2); a trailing '.' or '-' is dropped.  0 at the end. */
static int next_word(const char *s, size_t end, size_t *pos, char *w, size_t size,
                     size_t *wstart)
{
    size_t p = *pos;
    for (;;) {
        while (p < end && !word_byte((unsigned char)s[p]))
            p++;
        if (p >= end) {
            *pos = p;
            return 0;
        }
        /* "’" (E2 80 99) and NBSPs separate words */
        if ((unsigned char)s[p] == 0xE2 && p + 2 < end && (unsigned char)s[p + 1] == 0x80 &&
            ((unsigned char)s[p + 2] == 0x99 || (unsigned char)s[p + 2] == 0xAF)) {
            p += 3;
            continue;
        }
        if ((unsigned char)s[p] == 0xC2 && p + 1 < end && (unsigned char)s[p + 1] == 0xA0) {
            p += 2;
            continue;
        }
        break;
    }
    size_t k = 0, st = p;
    while (p < end && word_byte((unsigned char)s[p])) {
        unsigned char c = (unsigned char)s[p];
        if (c == 0xE2 && p + 2 < end && (unsigned char)s[p + 1] == 0x80 &&
            ((unsigned char)s[p + 2] == 0x99 || (unsigned char)s[p + 2] == 0xAF))
            break;
        if (c == 0xC2 && p + 1 < end && (unsigned char)s[p + 1] == 0xA0)
            break;
        if (k + 1 < size)
            w[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        p++;
    }
    while (k && (w[k - 1] == '.' || w[k - 1] == '-'))
        k--;
    w[k] = '\0';
    *pos = p;
    if (wstart)
        *wstart = st;
    return 1;
}

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(w, list[i]))
            return 1;
    return 0;
}

/* Does s[a..b) hold a word of list? */
static int span_has(const char *s, size_t a, size_t b, const char *const *list, size_t n)
{
    char w[64];
    size_t p = a;
    while (next_word(s, b, &p, w, sizeof w, NULL))
        if (in_list(w, list, n))
            return 1;
    return 0;
}

/* ---- numbers in a snippet ----------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a group separator at s[p] (space, NBSP, narrow NBSP, '.'), 0 if none. */
static size_t group_sep(const char *s, size_t n, size_t p)
{
    if (p < n && (s[p] == ' ' || s[p] == '.'))
        return 1;
    if (p + 1 < n && (unsigned char)s[p] == 0xC2 && (unsigned char)s[p + 1] == 0xA0)
        return 2;
    if (p + 2 < n && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
        (unsigned char)s[p + 2] == 0xAF)
        return 3;
    return 0;
}

/* The first number of s at or after `from` whose digits are those of v
 * (mantissa digits: "2 400" is 2400, "46,8" is 468): its span [*a, *b).
 * 0 when none. */
static int find_number(const char *s, size_t from, scan_num_dec v, size_t *a, size_t *b)
{
    char want[32];
    snprintf(want, sizeof want, "%lld", (long long)(v.mant < 0 ? -v.mant : v.mant));
    size_t n = strlen(s);
    for (size_t p = from; p < n; p++) {
        if (!is_digit(s[p]) || (p > 0 && is_digit(s[p - 1])))
            continue;
        char got[40];
        size_t k = 0, q = p;
        while (q < n && is_digit(s[q]) && k < sizeof got - 1)
            got[k++] = s[q++];
        for (;;) {                     /* groups of three: "6 000", "45.317" */
            size_t g = group_sep(s, n, q);
            if (!g || q + g + 3 > n || !is_digit(s[q + g]) || !is_digit(s[q + g + 1]) ||
                !is_digit(s[q + g + 2]) || (q + g + 3 < n && is_digit(s[q + g + 3])))
                break;
            for (size_t j = 0; j < 3 && k < sizeof got - 1; j++)
                got[k++] = s[q + g + j];
            q += g + 3;
        }
        if (q + 1 < n && (s[q] == ',' || s[q] == '.') && is_digit(s[q + 1])) {
            q++;                       /* decimals: "46,8" */
            while (q < n && is_digit(s[q]) && k < sizeof got - 1)
                got[k++] = s[q++];
        }
        got[k] = '\0';
        if (!strcmp(got, want)) {
            *a = p;
            *b = q;
            return 1;
        }
        p = q;
    }
    return 0;
}

/* ---- shares of money ------------------------------------------------------------ */

/* A clause boundary at s[p]: sentence and clause punctuation, a comma or a
 * point not between two digits. */
static int clause_end(const char *s, size_t n, size_t p)
{
    char c = s[p];
    if (c == ',' || c == '.')
        return !(p > 0 && p + 1 < n && is_digit(s[p - 1]) && is_digit(s[p + 1]));
    return c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')';
}

int check_share_of_money(const obs *o)
{
    const char *s = o->snippet;
    if (!s)
        return 1;
    size_t n = strlen(s), pct = SIZE_MAX;
    /* the share's own "%": after the number with its digits, else the first */
    size_t a, b, from = 0;
    while (find_number(s, from, o->value, &a, &b)) {
        size_t q = b;
        while (q < n && group_sep(s, n, q) && s[q] != '.')
            q += group_sep(s, n, q);
        if (q < n && s[q] == '%') {
            pct = q;
            break;
        }
        from = b;
    }
    if (pct == SIZE_MAX) {
        const char *p = strchr(s, '%');
        if (!p)
            return 1;                  /* a table cell: nothing says otherwise */
        pct = (size_t)(p - s);
    }
    size_t lo = pct, hi = pct;
    while (lo > 0 && !clause_end(s, n, lo - 1))
        lo--;
    while (hi < n && !clause_end(s, n, hi))
        hi++;
    char w[64];
    size_t wp = lo;
    if (lo > 0 && next_word(s, hi, &wp, w, sizeof w, NULL) &&
        in_list(w, CHECK_ANTECEDENT_WORDS, N_OF(CHECK_ANTECEDENT_WORDS))) {
        lo--;                          /* the clause before, up to its start */
        while (lo > 0 && !clause_end(s, n, lo - 1))
            lo--;
    }
    if (span_has(s, lo, hi, CHECK_MONEY_WORDS, N_OF(CHECK_MONEY_WORDS)))
        return 1;
    for (size_t i = 0; i < N_OF(CHECK_MONEY_SIGNS); i++) {
        const char *m = strstr(s + lo, CHECK_MONEY_SIGNS[i]);
        if (m && (size_t)(m - s) < hi)
            return 1;
    }
    return !span_has(s, lo, hi, CHECK_COUNTED_NOUNS, N_OF(CHECK_COUNTED_NOUNS));
}

/* ---- a part restating a share of its total ---------------------------------------- */

int check_part_restates_share(const obs *total, const obs *part)
{
    const char *s = part->snippet;
    if (!s || !total->snippet || strcmp(s, total->snippet))
        return 0;                      /* not located in one text: an addend */
    size_t ta, tb, pa, pb;
    if (!find_number(s, 0, total->value, &ta, &tb))
        return 0;
    /* the part: its first occurrence apart from the total's */
    size_t from = 0;
    for (;;) {
        if (!find_number(s, from, part->value, &pa, &pb))
            return 0;
        if (pb <= ta || pa >= tb)
            break;
        from = pb;
    }
    /* the number just before the part is a percentage ("40 %"), and a
     * restating word stands between them ("..., soit 2 400") */
    size_t q = pa;
    while (q > 0 && !is_digit(s[q - 1]))
        q--;
    if (q == 0)
        return 0;
    size_t pct = q;                    /* after the digits before the part */
    while (pct < pa && (s[pct] == ' ' || (unsigned char)s[pct] >= 0x80))
        pct++;
    if (pct >= pa || s[pct] != '%')
        return 0;
    return span_has(s, pct + 1, pa, CHECK_RESTATE_WORDS, N_OF(CHECK_RESTATE_WORDS));
}

/* ---- several projects ---------------------------------------------------------------- */

int check_names_projects_plural(const obs *o)
{
    const char *s = o->snippet;
    if (!s)
        return 0;
    size_t n = strlen(s), p = 0;
    char w[64], prev[64] = "", prev2[64] = "";
    while (next_word(s, n, &p, w, sizeof w, NULL)) {
        int plural = in_list(w, CHECK_PLURAL_NOUNS, N_OF(CHECK_PLURAL_NOUNS)) ||
                     (in_list(w, CHECK_PROJECT_NOUNS, N_OF(CHECK_PROJECT_NOUNS)) &&
                      in_list(prev, CHECK_PLURAL_DETERMINERS, N_OF(CHECK_PLURAL_DETERMINERS)));
        /* "(dans le cadre) des Projets à impact rapide": the fund */
        const char *before = in_list(prev, CHECK_PLURAL_DETERMINERS, N_OF(CHECK_PLURAL_DETERMINERS))
                                 ? prev2 : prev;
        if (plural && !in_list(before, CHECK_FUND_CONTEXT, N_OF(CHECK_FUND_CONTEXT)))
            return 1;
        snprintf(prev2, sizeof prev2, "%s", prev);
        snprintf(prev, sizeof prev, "%s", w);
    }
    return 0;
}

/* ---- one project ------------------------------------------------------------------ */

static int is_number_word(const char *w)
{
    return w[0] >= '0' && w[0] <= '9';
}

/* The amount's phrase names one thing it pays for: "un forage de 60 000
 * USD", "a market of USD 48,000" (a singular determiner, a noun that is
 * not money, "de" / "of" just before the amount, its currency aside). */
static int one_thing_of(const char *s, size_t a)
{
    char w[4][64] = {"", "", "", ""}, t[64];
    size_t p = a > 96 ? a - 96 : 0;
    while (next_word(s, a, &p, t, sizeof t, NULL)) {
        if (in_list(t, CHECK_CURRENCY_WORDS, N_OF(CHECK_CURRENCY_WORDS)))
            continue;                  /* "of USD 48,000" */
        memmove(w[0], w[1], sizeof w[0] * 3);
        snprintf(w[3], sizeof w[3], "%s", t);
    }
    return in_list(w[3], CHECK_OF_WORDS, N_OF(CHECK_OF_WORDS)) &&
           !in_list(w[2], CHECK_MONEY_WORDS, N_OF(CHECK_MONEY_WORDS)) && *w[2] &&
           in_list(w[1], CHECK_ONE_PROJECT_DETERMINERS, N_OF(CHECK_ONE_PROJECT_DETERMINERS));
}

int check_names_one_project(const obs *o)
{
    const char *s = o->snippet;
    if (!s || check_names_projects_plural(o))
        return 0;
    size_t n = strlen(s), p = 0, a, b;
    if (find_number(s, 0, o->value, &a, &b) && one_thing_of(s, a))
        return 1;
    char w[64], prev[64] = "";
    while (next_word(s, n, &p, w, sizeof w, NULL)) {
        if (in_list(w, CHECK_ONE_PROJECT_NOUNS, N_OF(CHECK_ONE_PROJECT_NOUNS)) &&
            in_list(prev, CHECK_ONE_PROJECT_DETERMINERS, N_OF(CHECK_ONE_PROJECT_DETERMINERS)))
            return 1;
        if (!is_number_word(w))        /* "a $48,750 QIP": the amount between */
            snprintf(prev, sizeof prev, "%s", w);
    }
    return 0;
}

/* ---- enumerations ------------------------------------------------------------------ */

/* The number of o in its snippet: its span there.  0 when not found. */
static int own_number(const obs *o, size_t *a, size_t *b)
{
    return o->snippet && find_number(o->snippet, 0, o->value, a, b);
}

int check_enum_total_marker(const obs *o)
{
    size_t a, b;
    if (!own_number(o, &a, &b))
        return 0;
    /* the last two words before the number */
    const char *s = o->snippet;
    char w[64], last[64] = "", before[64] = "";
    size_t p = a > 64 ? a - 64 : 0;
    while (next_word(s, a, &p, w, sizeof w, NULL)) {
        snprintf(before, sizeof before, "%s", last);
        snprintf(last, sizeof last, "%s", w);
    }
    for (size_t i = 0; i < N_OF(CHECK_ENUM_TOTAL_BEFORE); i++)
        if (!strcmp(last, CHECK_ENUM_TOTAL_BEFORE[i][0]) &&
            (!*CHECK_ENUM_TOTAL_BEFORE[i][1] || !strcmp(before, CHECK_ENUM_TOTAL_BEFORE[i][1])))
            return 1;
    return 0;
}

int check_enum_rest(const obs *o)
{
    size_t a, b;
    if (!own_number(o, &a, &b))
        return 0;
    const char *s = o->snippet;
    char w[64];
    size_t p = b, n = strlen(s);
    for (int i = 0; i < REST_WORDS_NEAR && next_word(s, n, &p, w, sizeof w, NULL); i++)
        if (in_list(w, CHECK_REST_WORDS, N_OF(CHECK_REST_WORDS)))
            return 1;
    char last[REST_WORDS_NEAR][64] = {"", ""};
    p = a > 48 ? a - 48 : 0;
    while (next_word(s, a, &p, w, sizeof w, NULL)) {
        snprintf(last[0], sizeof last[0], "%s", last[1]);
        snprintf(last[1], sizeof last[1], "%s", w);
    }
    for (int i = 0; i < REST_WORDS_NEAR; i++)
        if (in_list(last[i], CHECK_REST_WORDS, N_OF(CHECK_REST_WORDS)))
            return 1;
    return 0;
}

/* ---- a count per unit -------------------------------------------------------------- */

/* The unit noun w names (singular or plural): its row, or -1. */
static int unit_noun(const char *w, int *plural)
{
    for (size_t i = 0; i < N_OF(CHECK_UNIT_NOUNS); i++)
        for (int k = 0; k < 2; k++)
            if (!strcmp(w, CHECK_UNIT_NOUNS[i][k])) {
                *plural = k;
                return (int)i;
            }
    return -1;
}

/* A number as a word: digits ("2") or spelled out ("deux", "three"). */
static int64_t word_number(const char *w)
{
    scan_num_dec d;
    if (!scan_number_digits(w, strlen(w), 0, &d) && !scan_number_words(w, strlen(w), &d))
        return 0;
    return d.scale == 0 && d.mant > 0 ? d.mant : 0;
}

/* The number of units of row u the snippet states: "<N> <units>" ("les
 * deux provinces", "three states"); 0 when none. */
static int64_t units_stated(const char *s, int u)
{
    size_t n = strlen(s), p = 0;
    char w[64], prev[64] = "";
    while (next_word(s, n, &p, w, sizeof w, NULL)) {
        int plural, r = unit_noun(w, &plural);
        if (r == u && plural && word_number(prev) >= 2)
            return word_number(prev);
        snprintf(prev, sizeof prev, "%s", w);
    }
    return 0;
}

int check_per_unit(const obs *o, const char **unit, int64_t *k)
{
    size_t a, b;
    if (!own_number(o, &a, &b))
        return 0;
    const char *s = o->snippet;
    size_t n = strlen(s), p = b;
    char w[64], prev[64] = "";
    int each = 0;
    for (int i = 0; i < PER_UNIT_SCAN_WORDS && next_word(s, n, &p, w, sizeof w, NULL); i++) {
        int plural, u = unit_noun(w, &plural);
        if (u >= 0 && !plural && in_list(prev, CHECK_PER_WORDS, N_OF(CHECK_PER_WORDS))) {
            *unit = CHECK_UNIT_NOUNS[u][0];     /* "par province" */
            *k = units_stated(s, u);
            return 1;
        }
        if (u >= 0 && plural && each) {        /* "dans chacune des deux provinces" */
            *unit = CHECK_UNIT_NOUNS[u][0];
            *k = word_number(prev) >= 2 ? word_number(prev) : units_stated(s, u);
            return 1;
        }
        if (u >= 0)
            return 0;                          /* "7 projets dans deux provinces" */
        if (in_list(w, CHECK_EACH_WORDS, N_OF(CHECK_EACH_WORDS)))
            each = 1;
        snprintf(prev, sizeof prev, "%s", w);
    }
    return 0;
}
