/*
 * scan_rx.c — the pattern table of the scanner and its PCRE2 plumbing.
 *
 * Purpose.  Every regular expression of scan.c and scan_date.c lives here,
 * in one static table indexed by the RX_* ids of scan_int.h, together with
 * the tables that give a meaning to their capture groups (currencies, counted
 * nouns).  Adding a currency or a counted noun is one alternative in the
 * pattern and one row in the table beside it, in the same order.
 *
 * Data flow.  scan_new() compiles the table into a scanner (PCRE2_UTF |
 * PCRE2_UCP | PCRE2_CASELESS, JIT when available; RX_A_* and a few others
 * anchored); scan_match() runs one pattern with that scanner's match data
 * block, and scan_group() reads a named group of the last match.
 *
 * Invariants.  The subject handed to scan_match() is valid UTF-8 (scan_text
 * replaces invalid bytes first), so matching uses PCRE2_NO_UTF_CHECK.
 * Patterns avoid nested unbounded repetition; windows matched with \z are
 * bounded by the callers.
 *
 * Memory.  The compiled patterns and the match data belong to the scanner,
 * which its caller owns and frees with scan_free().  Nothing here is global
 * but the constant tables: two scanners may run in two threads at once; one
 * scanner runs one scan at a time.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "scan_int.h"
#include "../base/diag.h"
#include "../base/vec.h"

/* ------------------------------------------------------------ patterns */

/* Up to three line breaks (blank lines of a PDF extraction) and spaces. */
#define GAP "(?:\\h*(?:\\r\\n|\\n|\\r)){0,3}\\h*"
#define NL "(?![\\p{L}])"
/* "de"/"d'" between a number (or scale word) and its currency or noun; a
 * soft wrap may follow it like any space ("8,4 millions de \n\ndollars"). */
#define DE "(?:(?:de|d['’])" GAP ")?"
/* Short adverbs that may stand between a qualifier cue and its number
 * ("avoisine aujourd'hui 31,3 millions") or between an elliptic count and
 * its status word ("49 toujours en cours"). */
#define ADV \
    "(?:aujourd['’]\\h*hui|actuellement|d[ée]sormais|d[ée]j[àa]|encore" \
    "|toujours|maintenant|pr[ée]sentement|tout\\h+juste|[àa]\\h+ce\\h+jour" \
    "|[àa]\\h+pr[ée]sent|currently|presently|now|already|still|today" \
    "|just|to\\h+date)" NL

/* Currency alternation: one capturing group per entry of cur_tab, in order. */
#define CUR_ALT \
    "((?:usd|us)\\h?\\\\?\\$)" \
    "|(\\\\?\\$\\h?(?:usd|us)" NL ")" \
    "|(cad\\h?\\\\?\\$|\\\\?\\$\\h?(?:cad|can|c)" NL ")" \
    "|(aud\\h?\\\\?\\$|(?-i:A)\\\\?\\$)" \
    "|(nzd\\h?\\\\?\\$)" \
    "|(mxn\\h?\\\\?\\$)" \
    "|(hkd?\\h?\\\\?\\$|\\\\?\\$\\h?hk" NL ")" \
    "|((?-i:R)\\\\?\\$)" \
    "|(dollars?\\h+(?:usd|us|am[ée]ricains?|des\\h+[ée]tats[-\\h]unis)" NL \
      "|us\\h+dollars?" NL ")" \
    "|(dollars?\\h+australiens?)" \
    "|(dollars?\\h+canadiens?)" \
    "|((?-i:USD)|usd" NL ")" \
    "|(\\\\?\\$)" \
    "|(dollars?" NL "|dollari" NL ")" \
    "|(€(?:\\h?ur" NL ")?|(?-i:EUR)|eur" NL "|euros?" NL ")" \
    "|(£|(?-i:GBP)|gbp" NL "|livres?\\h+sterling|pounds?\\h+sterling)" \
    "|(livres?" NL "|pounds?" NL ")" \
    "|(francs?\\h+suisses?|(?-i:CHF)|chf" NL ")" \
    "|(francs?\\h+cfa" NL "|(?-i:F\\h?CFA)" NL "|fcfa" NL "|(?-i:CFA)" NL ")" \
    "|((?-i:XOF)" NL ")" \
    "|((?-i:XAF)" NL ")" \
    "|(francs?\\h+congolais" NL "|congolese\\h+francs?" NL ")" \
    "|(gourdes?" NL "|(?-i:HTG)" NL ")" \
    "|(francs?" NL ")" \
    "|(yens?" NL "|¥|(?-i:JPY))" \
    "|(yuans?" NL "|(?-i:CNY)|renminbi)" \
    "|(roupies?\\h+indiennes?|(?-i:INR))" \
    "|(reais" NL "|(?-i:BRL))" \
    "|(marks?\\h+finlandais)" \
    "|(florins?\\h+hollandais)" \
    "|((?-i:CAD|AUD|NZD|MXN|HKD|PTE|DEM|FRF|BEF|ITL|ESP|NLG|FIM|ATS|SEK|NOK" \
      "|DKK|ZAR|NGN|GNF|MRU|RUB|MAD|TND|DZD|EGP|KES|ETB|CDF|RWF|BIF|SDG|SSP" \
      "|GHS|GMD|SLL|LRD|CVE|XDR)" NL ")"


const scan_cur_def scan_cur_tab[] = {
    {"USD", 0}, {"USD", 0}, {"CAD", 0}, {"AUD", 0}, {"NZD", 0}, {"MXN", 0},
    {"HKD", 0}, {"BRL", 0}, {"USD", 0}, {"AUD", 0}, {"CAD", 0}, {"USD", 0},
    {"USD", 1}, {"USD", 1}, {"EUR", 0}, {"GBP", 0}, {"GBP", 1}, {"CHF", 0},
    {"XOF", 1}, {"XOF", 0}, {"XAF", 0}, {"CDF", 0}, {"HTG", 0}, {"", 1}, {"JPY", 0}, {"CNY", 0},
    {"INR", 0}, {"BRL", 0}, {"FIM", 0}, {"NLG", 0}, {NULL, 0},
};
const size_t scan_n_cur = sizeof scan_cur_tab / sizeof scan_cur_tab[0];

/* Counted nouns: one capturing group per entry of noun_tab, in order.  The
 * projects are counted under the nouns reports use for them: programmes,
 * joint programmes, interventions, initiatives, réalisations, actions and
 * measures, in the plural ("5\nProgramme d'amélioration ..." is an item
 * number before a title).  Activities keep a unit of their own: they are
 * often the parts of a project. */
#define NOUN_ALT \
    "(micro-?projets?|sous-projets?|projets?|micro-?projects?|sub-?projects?" \
      "|quick[-\\h]impact\\h+projects?|projects?|(?-i:QIPs?|PIR|TF|PBF)" \
      "|programmes\\h+conjoints|joint\\h+programmes|programmes|programs" \
      "|interventions|initiatives|r[ée]alisations|actions|mesures|measures)" \
    "|(ong[si]?|ngos?|organisations?\\h+non[-\\h]gouvernementales?)" \
    "|(organisations?|organizations?|agences?|agencies)" \
    "|(associations?)" \
    "|(partenaires|partners)" \
    "|(foyers?|m[ée]nages?|households?)" \
    "|(familles?|families)" \
    "|(personnes?\\h+d[ée]plac[ée]e?s|d[ée]plac[ée]e?s(?:\\h+internes)?|(?-i:PDIs?|IDPs?)" \
      "|displaced\\h+(?:people|persons?))" \
    "|(personnes?|people|persons?|individus|individuals)" \
    "|(r[ée]fugi[ée]s|refugees?)" \
    "|(habitants?|inhabitants?|r[ée]sidents?)" \
    "|(b[ée]n[ée]ficiaires?|beneficiar(?:y|ies))" \
    "|(femmes?|women|woman)" \
    "|(filles|girls)" \
    "|(hommes|men)" \
    "|(jeunes|youths?|young\\h+people)" \
    "|(enfants?|children)" \
    "|([ée]l[èe]ves|[ée]tudiants?|students?|pupils?)" \
    "|(emplois?|jobs?)" \
    "|(participante?s?)" \
    "|(rencontres?|r[ée]unions?|meetings?|consultations?)" \
    "|(ateliers?|workshops?|s[ée]minaires?|seminars?)" \
    "|(formations?|trainings?)" \
    "|(mois|months?)" \
    "|(ans|ann[ée]es|years?)" \
    "|(semaines?|weeks?)" \
    "|(jours?|days?)" \
    "|(cercles?)" \
    "|(communes?|municipalit[ée]s|municipalities)" \
    "|(r[ée]gions?)" \
    "|(villages?|localit[ée]s|localities)" \
    "|([ée]coles?|schools?)" \
    "|(salles?\\h+de\\h+classes?|classrooms?)" \
    "|(centres?\\h+de\\h+sant[ée]|cscoms?|csrefs?|health\\h+cent(?:er|re)s?)" \
    "|(puits|forages?|boreholes?|wells?|points?\\h+d['’]eau)" \
    "|(latrines?)" \
    "|(km|kilom[èe]tres?|kilometers?)" \
    "|(ha|hectares?)" \
    "|(tonnes?|tons?)" \
    "|(v[ée]hicules?|vehicles?|motos?|motorcycles?)" \
    "|(ponts?|bridges?)" \
    "|(b[âa]timents?|buildings?|[ée]difices?)" \
    "|(patients?)" \
    "|(agents?\\h+de\\h+sant[ée]|agents?\\h+(?:de\\h+sant[ée]\\h+)?communautaires" \
      "|health\\h+workers?|community\\h+health\\h+workers?|relais\\h+communautaires)" \
    "|(fonctionnaires|agents?|officials?)" \
    "|(policiers?|gendarmes?|police\\h+officers?)" \
    "|(militaires|soldats?|soldiers?|troops)" \
    "|(ex-combattants?|combattants?|ex-combatants?|combatants?)" \
    "|(communaut[ée]s|communities)" \
    "|(bailleurs|donateurs|contributeurs|donors|contributors)" \
    "|(pays|countries)" \
    "|(activit[ée]s|activities)" \
    "|(coop[ée]ratives?|cooperatives?)" \
    "|(groupements?|groups?)" \
    "|(sessions?)" \
    "|(campagnes?|campaigns?)" \
    "|(heures|hours)" \
    "|(d[ée]tenu(?:e|es|s)|detainees?)" \
    "|(prisonni(?:er|ère|ers|ères)|prisoners?)" \
    "|(victimes?|victims?)" \
    "|(rapatri[ée]e?s|retourn[ée]e?s|returnees?)" \
    "|(survivant(?:e|es|s)|survivors?)" \
    "|(enseignant(?:e|es|s)|instituteurs|institutrices|teachers?)" \
    "|(infirmi(?:er|ère|ers|ères)|nurses?)" \
    "|(m[ée]decins?|doctors?)" \
    "|(sages?-femmes|midwi(?:fe|ves))" \
    "|(agricult(?:eur|rice|eurs|rices)|cultivateurs|paysans|farmers?)" \
    "|([ée]leveurs|pasteurs\\h+nomades|herders?|pastoralists?)" \
    "|(commer[çc]ant(?:e|es|s)|traders?|merchants?)" \
    "|(artisan(?:e|es|s)|craftsmen|artisans?)" \
    "|(orphelin(?:e|es|s)|orphans?)"

/* The unit of each group above.  People reached are counted in one unit,
 * whoever they are (fixtures/README.md): personnes, habitants, bénéficiaires,
 * femmes, filles, hommes, jeunes, enfants, participants, détenus are all
 * "people"; ONG are "organisations". */
const char *const scan_noun_tab[] = {
    "projects", "organisations", "organisations", "associations", "partners",
    "households", "families", "displaced people", "people", "refugees",
    "people", "people", "people", "people", "people", "people", "people",
    "students", "jobs", "people", "meetings", "workshops", "trainings",
    "months", "years", "weeks", "days", "cercles", "communes", "regions",
    "villages", "schools", "classrooms", "health centres", "wells",
    "latrines", "kilometres", "hectares", "tonnes", "vehicles", "bridges",
    "buildings", "patients", "health workers", "officials", "police officers",
    "soldiers", "combatants", "communities", "donors", "countries", "activities",
    "cooperatives", "groups", "sessions", "campaigns", "hours",
    "people", "prisoners", "victims", "returnees", "survivors", "teachers",
    "nurses", "doctors", "midwives", "farmers", "herders", "traders",
    "artisans", "orphans",
};
const size_t scan_n_noun = sizeof scan_noun_tab / sizeof scan_noun_tab[0];

/* Adjectives that may stand between a number and its noun ("12 nouveaux
 * projets", "5 autres petits projets", "20 new schools"): at most two. */
#define PRE_ADJ \
    "(?:nouve(?:aux|lles|au|lle)|petit(?:s|es|e)?|grand(?:s|es|e)?|autres" \
    "|premi(?:ers|ères|er|ère)|derni(?:ers|ères|er|ère)|principa(?:ux|les|l|le)" \
    "|gros|grosses|ancien(?:s|nes|ne)?|jeunes(?=\\h+(?:femmes|filles|hommes)\\b)" \
    "|new|other|additional|more|small|large|major|further)" NL
/* English function words that never stand for an adjective before a counted
 * noun ("3 meals per day" is not a count of days). */
#define EN_STOP \
    "(?-i:the|a|an|of|and|or|to|in|on|at|by|for|from|with|per|than|as|into" \
    "|is|are|was|were|be|been|has|have|had|this|that|these|those|which|who" \
    "|its|their|our|his|her|out|over|under|up|down|each|every|all|no|not" \
    "|times|million|billion|thousand|hundred|percent|per)(?![a-z-])"

#define MONTHS \
    "(?:janvier|janv\\.?|f[ée]vrier|f[ée]vr\\.?|f[ée]v\\.?|mars|avril|avr\\.?" \
    "|mai|juin|juillet|juil\\.?|ao[ûu]t|septembre|sept\\.?|sep\\.?|octobre" \
    "|oct\\.?|novembre|nov\\.?|d[ée]cembre|d[ée]c\\.?|january|jan\\.?" \
    "|february|feb\\.?|march|mar\\.|april|apr\\.?|may|june|jun\\.?|july" \
    "|jul\\.?|august|aug\\.?|september|october|november|december)" NL
#define FULL_MONTHS \
    "(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre" \
    "|octobre|novembre|d[ée]cembre|january|february|april|june|july|august" \
    "|september|october|november|december)" NL
#define DOW \
    "(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun\\.|mar\\." \
    "|mer\\.|jeu\\.|ven\\.|sam\\.|dim\\.|monday|tuesday|wednesday|thursday" \
    "|friday|saturday|sunday)\\h*,?\\h*)?"
#define YEAR4 "(?:1[89]|20)\\d{2}"
/* A fiscal year named before its year: "fiscal year 2004", "l'exercice
 * (budgétaire) 2004", "FY 2004" */
#define FY_NOUN \
    "(?:(?:the\\h+)?(?:fiscal|financial|budget)\\h+years?\\h+|FY\\h?" \
    "|l['’]\\h*exercice(?:\\h+(?:fiscal|budg[ée]taire|financier))?\\h+)"
/* An open range's end: now ("to date", "à ce jour", "jusqu'à aujourd'hui") */
#define TO_DATE \
    "(?:to\\h+date|until\\h+now|(?:up\\h+)?to\\h+the\\h+present(?:\\h+day)?" \
    "|(?:à|a|jusqu['’]\\h*(?:à|a))\\h+(?:ce\\h+jour|aujourd['’]\\h*hui|pr[ée]sent))" NL
#define DAYNUM "(?<day>\\d{1,2}|premier|1er)(?:er|ère|e|ème)?"

static const char *const rx_src[RX__COUNT] = {
    [RX_EXCL] =
        "(?:https?://|www\\.)[^\\s<>\"]+"
        "|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"
        "|\\b[\\w-]+(?:\\.[\\w-]+)*\\.(?:com|org|net|int|ly|fr|ml|cf|lu|be|ch"
        "|eu|gov|edu|info|io)(?:/[^\\s]*)?(?![\\w])"
        "|(?:\\+|\\b00)\\d{2,3}(?:[\\h.-]?\\d{2,4}){2,}"
        "|(?<![\\d.,])\\d{2}(?:[\\h.]\\d{2}){3,}(?![\\d])"
        "|(?<![\\d.,])\\d{1,2}\\h?[hH]\\h?\\d{2}(?!\\d)"
        "|(?<![\\d.,])\\d{1,2}:\\d{2}(?::\\d{2})?(?!\\d)"
        "|(?<![\\p{L}])r[ée]solutions?\\h+(?:n°\\h*)?\\d+(?:\\h*\\(\\d{4}\\))?",
    [RX_TOKEN] =
        "(?<![\\d])((?:(?<![\\p{L}\\d.,])[.,](?=\\d))?"
        "(?:\\d{1,3}(?:\\h\\d{3}(?!\\d))+(?:[.,]\\d+)?|\\d+(?:[.,'’]\\d+)*))"
        "|\\b((?:(?<!\\bau\\h)moins\\h+|minus\\h+|negative\\h+)?"
        "(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze"
        "|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante"
        "|cinquante|soixante|septante|huitante|octante|nonante|cents?"
        "|mille|millions?|milliards?|billions?|one|two|three|four|five|six"
        "|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
        "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
        "|sixty|seventy|eighty|ninety|hundred|thousand|a(?=\\h+(?:hundred"
        "|thousand|million|billion|dollar|pound|euro|dozen)))"
        "(?:(?:\\h*-\\h*|\\h+|\\h*,\\h*|\\h+&\\h+)(?:(?:et|and)[\\h-]+)?"
        "(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze"
        "|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante"
        "|cinquante|soixante|septante|huitante|octante|nonante|cents?"
        "|mille|millions?|milliards?|billions?|one|two|three|four|five|six"
        "|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
        "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
        "|sixty|seventy|eighty|ninety|hundred|thousand|trillion|douzaines?"
        "|dozens?|virgule|point|demie?|quarts?|half))*)\\b",
    [RX_ORDWORD] =
        "\\b(premi[èe]re|premier|seconde?|(\\p{L}+?)i[èe]me)\\b",
    [RX_A_GLUED_ORD] =
        "(?:ère|ere|er|re|ème|eme|è|e|nd|nde|st|th|rd|°)(?![\\p{L}\\d])",
    [RX_A_SCALE] =
        "(?:\\h{0,2}((?-i:k|K|M|G|B|T|Md|Mds|Mrd|bn|Bn|mn|Mn)|Mio\\.?)(?![\\p{L}\\d])"
        "|" GAP "(millions?|milliards?|billions?|mille|thousands?|trillions?"
        "|mio\\.?|mrd\\.?|mds|md|douzaines?|dozens?)(?![\\p{L}]))",
    [RX_A_PCT] =
        "\\h*(?:%|pour\\h*-?\\h*cents?" NL "|pourcent(?:age)?s?" NL
        "|percent(?:age)?" NL "|per\\h*cent" NL ")",
    [RX_A_CUR] =
        GAP DE "(?:" CUR_ALT ")",
    [RX_A_CENTS] =
        "(?:\\h*(?:et|and))?\\h*(\\d{1,2})(?!\\d)(?:\\h*(cents?|centimes?|c|pence|p)" NL
        ")?",
    /* "cinq (5) projets", "five (5) projects": the digits in brackets
     * restate the number before them */
    [RX_A_NOUN] =
        GAP "(?:\\(\\h*\\d{1,6}\\h*\\)" GAP ")?" DE "(?:" PRE_ADJ "\\h+){0,2}?(?:" NOUN_ALT ")" NL,
    [RX_A_NOUN_EN] =
        GAP "(?!" EN_STOP ")(?-i:[a-z]+(?:-[a-z]+)?)\\h+(?:" NOUN_ALT ")" NL,
    [RX_A_STATUS] =
        GAP "(?:(?:autres|others|restants|remaining)\\h+)?(?:(?:sont|are|were)\\h+)?"
        "(?:" ADV "\\h+)?(?:en\\h+cours|achev[ée]e?s?"
        "|finalis[ée]e?s?|termin[ée]e?s?|approuv[ée]e?s?|cl[ôo]tur[ée]e?s?"
        "|r[ée]alis[ée]e?s?|d[ée]marr[ée]e?s?|lanc[ée]e?s?|prolong[ée]e?s?"
        "|pr[ée]vue?s?|en\\h+pr[ée]paration|en\\h+attente|ongoing|completed"
        "|approved|finished|closed|in\\h+progress|under\\h+way|planned)" NL,
    [RX_A_QUAL] =
        "\\h*,?\\h*(?:\\(\\h*)?(?:(environ|approximativement|approx\\.?"
        "|about|or\\h+so|env\\.)|(maximum|max\\.|au\\h+maximum|au\\h+plus"
        "|at\\h+most|ceiling|plafond|maximal)|(par\\h+ann[ée]e|par\\h+an"
        "|/\\h*an|annuel(?:le)?s?|per\\h+year|per\\h+annum|a\\h+year"
        "|annually|yearly|each\\h+year|every\\h+year|chaque\\h+ann[ée]e"
        "|tous\\h+les\\h+ans|annuellement|l['’]an|/\\h*year"
        "|p\\.\\h?a\\.))" NL,
    [RX_A_MSCALE] =
        "\\h?(?-i:m)(?![\\p{L}\\d])",
    [RX_A_FRANC] =
        "\\h?(?:frs\\.?|f)(?:\\h*cfa)?(?![\\p{L}\\d])",
    [RX_A_BADTAIL] =
        "\\h(?:\\d{1,2}|\\d{4,})(?![\\d.,'’])(?:\\h\\d+(?![\\d.,'’]))*",
    /* plural: "les"/"the" before a numerator; det: a singular determiner;
     * numer: the numerator word; noun: the fraction noun.  What follows must be
     * the whole it is a share of ("de", "des", "of", "the") or the end of
     * the text: "confié à un tiers." is a third party, "un quart d'heure"
     * a time. */
    [RX_FRACTION] =
        "(?<![\\p{L}\\d])(?:(?<plural>les|the)\\h+)?(?:(?<det>la|le|l['’]|du|de\\h+la|the)\\h*"
        "|(?<numer>une?|a|one|deux|two|trois|three|quatre|four|cinq|five|six|sept|seven"
        "|huit|eight|neuf|nine)(?:\\h+|-))?"
        "(?<noun>moiti[ée]|tiers|quarts?|half|thirds?|quarters?|cinqui[èe]mes?"
        "|dixi[èe]mes?|fifths?|tenths?)(?![\\p{L}\\d-])"
        "(?=\\h+(?:de|du|des|of|the)(?![\\p{L}])|\\h*d['’](?!\\h*heure)|\\h*\\z)",
    [RX_A_FRAC_GLOSS] =
        "[^.;!?:()\\d]{0,60}[:(]\\s*\\d+(?:[.,]\\d+)?\\h*(?:%|pour\\h*-?\\h*cent)",
    [RX_B_FRAC_Q] =
        "(?<![\\p{L}])(?:(?:un\\h+peu|l[ée]g[èe]rement|bien|slightly|just"
        "|a\\h+little)\\h+)?(?:plus|moins|pr[èe]s|over|under|more\\h+than"
        "|less\\h+than)(?:\\h+(?:de\\h+la|des|du|de|d['’]))?\\h*\\z",
    /* a currency before its number is a code or a sign ("USD 5", "£5",
     * "FCFA 3 000") or the euro's name on a price tag ("Euro 7,82"), never
     * another currency's name: "La Monusco livre 4 projets" delivers
     * projects, "dollars 5" is no English or French */
    [RX_B_CUR] =
        "(?!(?:livres?|pounds?|dollars?|dollari|francs?|gourdes?|yens?|yuans?|reais)"
        "(?![\\p{L}]))(?:" CUR_ALT ")\\h*\\z",
    [RX_B_QUAL] =
        "(?<![\\p{L}])(?:(d['’]environ|environ|pr[èe]s\\h+de"
        "|avoisin\\p{L}*(?:(?:\\h+" ADV "){0,2}\\h+les)?"
        "|aux\\h+alentours\\h+de|autour\\h+de|de\\h+l['’]ordre\\h+de|plus\\h+de"
        "|au\\h+moins|pas\\h+moins\\h+de|at\\h+least|no\\h+(?:less|fewer)\\h+than"
        "|not\\h+(?:less|fewer)\\h+than"
        "|quelques?|approximativement|approx\\.?|env\\.|presque|quasi(?:ment)?"
        "|about|nearly|around|approximately|roughly|almost|over|some"
        "|more\\h+than|~|≈)"
        "|(ne\\h+pouvant\\h+atteindre\\h+un\\h+co[ûu]t\\h+maximal\\h+de"
        "|co[ûu]t\\h+maximal\\h+de|maxima(?:l|le|ux|les)\\h+de|maximum\\h+de"
        "|maximum\\h+of|au\\h+maximum|au\\h+plus|jusqu['’]\\h*(?:à|a)(?!\\h*" ADV ")"
        "|plafon\\p{L}*\\h+(?:de|à|a)|plafond|capped\\h+at|up\\h+to(?!\\h*" ADV ")|ceiling\\h+of|at\\h+most"
        "|not\\h+exceeding|n['’]exc[ée]dant\\h+pas|ne\\h+d[ée]passant\\h+pas"
        "|limited\\h+to|limit[ée]e?s?\\h+à|maximum"
        "|ne\\h+(?:doit|doivent|peut|peuvent|devra|devront)\\h+pas\\h+d[ée]passer"
          "(?:\\h+(?:la\\h+somme|le\\h+montant|un\\h+montant|un\\h+co[ûu]t)\\h+de)?"
        "|sans\\h+d[ée]passer|(?:must|may|cannot|can\\h+not|shall|should)\\h+not\\h+exceed"
        "|cannot\\h+exceed|less\\h+than|moins\\h+de)"
        "|(annuel(?:le)?s?(?:\\h+(?:de|d['’]|à)|\\h*:)?|par\\h+an\\h*:|chaque\\h+ann[ée]e"
        "|tous\\h+les\\h+ans|annual(?:\\h+\\p{L}+\\h+of)?|per\\h+year\\h*:|yearly"
        "|each\\h+year|every\\h+year))(?:\\h+" ADV "){0,2}\\s*:?\\s*\\z",
    [RX_B_SKIP] =
        "(?<![\\p{L}.])(?:r[ée]solutions?|d[ée]crets?|lois?|arr[êe]t[ée]s?"
        "|articles?|art\\.|n°|nº|no\\.|num[ée]ros?|numbers?|pages?|p\\.|pp\\."
        "|chapitres?|chapters?|sections?|t[ée]l\\.?|t[ée]l[ée]phone|phone|fax"
        "|bp|b\\.p\\.|codes?|r[ée]f\\.?|piliers?|pillars?|axes?|objectifs?"
        "|phases?|annexes?|tableau|table|figure|fig\\.|graphique|lot)"
        "\\h*:?\\h*\\z",
    [RX_B_PCT] =
        "(?<![\\p{L}])pour(?:cent(?:age)?s?|\\h+cent)\\h+(?:de|des|d['’])\\h*"
        "(?:la\\h+|les\\h+)?\\z",
    [RX_B_RANGE] =
        "(?<![\\p{L}])(?:(au\\h+moins|plus\\h+que|plus\\h+de"
        "|sup[ée]rieure?s?\\h+(?:à|a)|at\\h+least|more\\h+than|over|above"
        "|no\\h+less\\h+than|not\\h+less\\h+than|minimum|minstens|boven\\h+de)"
        "|(moins\\h+de|moins\\h+que|en[-\\h]dessous\\h+de|au[-\\h]dessous\\h+de"
        "|pas\\h+plus\\h+de|inf[ée]rieure?s?\\h+(?:à|a)|under|below"
        "|less\\h+than|lower\\h+than|no\\h+more\\h+than|not\\h+more\\h+than"
        "|at\\h+most|jusqu['’]\\h*(?:à|a)|up\\h+to|maximum)"
        "|(entre|between|de|du|from|van|tussen|around|about|environ))\\h*\\z",
    [RX_A_RANGE_TO] =
        "\\h*(?:-|–|—|(?:and|au|à|et|to|en|a)" NL ")\\h*",
    [RX_D_DMY_WORD] =
        DOW "(?:(?:le|the)\\h+)?(?<![\\d.,])" DAYNUM
        "\\h*(?:de\\h+|d['’]|of\\h+)?(?<month>" MONTHS ")\\.?"
        "(?:\\h*,?\\h*(?:de\\h+)?(?<year>" YEAR4 "(?!\\d)|\\d{2}(?![\\d.,%]|\\h*\\p{L})))?",
    [RX_D_MDY_WORD] =
        DOW "(?<month>" MONTHS ")\\.?[\\h./-]*(?<day>\\d{1,2})(?:st|nd|rd|th|er)?(?![\\d])"
        "(?:(?:\\h*,\\h*|\\h+|-)(?:de\\h+)?(?<year>" YEAR4 ")(?!\\d)"
        "|(?=\\h*(?:$|[,.;:)\\]]|-|–|au|à|a\\h|to\\h)))",
    [RX_D_MY_WORD] =
        "(?:(?:en|au\\h+mois\\h+de|le\\h+mois\\h+de|mois\\h+de|in)\\h+)?"
        "(?<month>" MONTHS ")\\.?\\h*,?\\h*(?:de\\h+)?(?<year>" YEAR4 "|\\d{2}(?![\\d.,%]|\\h*\\p{L}))"
        "(?![\\d])",
    [RX_D_M_WORD] =
        "(?:(?:en|au\\h+mois\\h+de|le\\h+mois\\h+de|mois\\h+de|in)\\h+)?"
        "\\b(?<month>" FULL_MONTHS ")",
    [RX_D_NUM3] =
        "(?:(?:le|du|au)\\h+)?(?<![\\d.,/])(?<day>\\d{1,2})\\h?(?<sep>[./-])\\h?(?<month>\\d{1,2})"
        "\\h?(?:\\k<sep>|,)\\h?(?<year>" YEAR4 "|\\d{2})(?![\\d]|[./-]\\d)"
        "|(?:(?:le|du|au)\\h+)?(?<![\\d.,/])(?<!\\d\\h)(?<sday>\\d{1,2})\\h(?<smonth>\\d{1,2})\\h(?<syear>"
        YEAR4 "|\\d{2})(?![\\d]|\\h\\d)",
    [RX_D_ISO] =
        "(?<![\\d.,/])(?<year>" YEAR4 ")(?<sep>[-/.])(?<month>\\d{1,2})\\k<sep>(?<day>\\d{1,2})(?![\\d])"
        "(?:T\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:?\\d{2})?)?",
    [RX_D_YY] =
        "(?<![\\d.,/])(?:(?<![\\p{L}])FY\\h?)?(?<year>" YEAR4 ")\\h*(?<sep>[-–—/.])\\h*(?<year2>\\d{4}|\\d{1,2})(?![\\d]|[.,/]\\d)",
    [RX_D_MY_NUM] =
        "(?<![\\d.,/])(?<month>\\d{1,2})\\h*[-/.]\\h*(?<year>" YEAR4 ")(?![\\d])",
    [RX_D_DM_NUM] =
        "(?:le\\h+)?(?<![\\d.,/])(?<day>\\d{1,2})/(?<month>\\d{1,2})(?![\\d/])",
    [RX_D_YEAR_SPAN] =   /* pair: "en 2015 et 2016", a span only when consecutive */
        "(?<![\\p{L}])(?:(?:de|du|from|entre|between)\\h+|(?<pair>en|in)\\h+(?=" YEAR4
        "\\h+(?:et|and)\\h))(?:l['’]ann[ée]e\\h+|" FY_NOUN ")?(?<year>"
        YEAR4 ")\\h+(?:à|a|au|to|et|and|-)\\h+(?:" FY_NOUN ")?(?<year2>" YEAR4 ")(?!\\d)",
    [RX_D_SINCE] =
        "(?<![\\p{L}])(?:(?:depuis|since|d[èe]s)\\h+(?:l['’]ann[ée]e\\h+|(?:le\\h+)?d[ée]but\\h+(?:(?:en|de)\\h+)?"
        "|(?:sa|son|leur)\\h+(?:cr[ée]ation|lancement|mise\\h+en\\h+place|d[ée]marrage)"
        "\\h+(?:en|de)\\h+"
        "|(?:its|their)\\h+(?:creation|establishment|inception|launch|start)\\h+in\\h+"
        "|the\\h+(?:start|beginning)\\h+(?:of\\h+|in\\h+)?)?"
        "|(?:de|du|from)\\h+(?=(?:" MONTHS "\\.?\\h+)?" YEAR4 "\\h*,?\\h*" TO_DATE "))"
        "(?:(?<month>" MONTHS ")\\.?\\h+)?(?<year>" YEAR4 ")(?![\\d/-])(?:\\h*,?\\h*" TO_DATE ")?",
    [RX_D_FY] =
        "(?<![\\p{L}\\d])FY\\h?(?<year>" YEAR4 "|\\d{2})(?![\\d/–-]|\\p{L})",
    [RX_D_END_YEAR] =
        "(?<![\\p{L}])(?:(?:(?:as\\h+(?:at|of)|by|at)\\h+)?(?:the\\h+)?end(?:\\h+of\\h+|[\\h-]+)"
        "|(?:(?:à|a|d['’]ici)\\h+)?(?:la\\h+)?fin\\h+(?:de\\h+)?)(?<year>" YEAR4 ")(?![\\d/–-])",
    [RX_D_DECADE] =   /* "les années 2010", "the 2010s" (never "the 2020/2021") */
        "(?<![\\p{L}])(?:les\\h+ann[ée]es\\h+|the\\h+(?=\\d{4}['’]?s(?!\\p{L})))(?<year>" YEAR4
        ")(?:['’]?s)?(?![\\d/-])",
    [RX_D_JOIN] =
        "\\h*,?\\h*(?:-|–|—|(?:and|au|à|to|until|till|a|et(?:\\h+le)?"
        "|jusqu['’]\\h*(?:au|à|a|en))" NL ")\\h*(?:le\\h+)?",
    [RX_D_DAYFIRST] =
        "(?<![\\d\\p{L}])(?:(?:du|entre(?:\\h+le)?|from|between)\\h+)?"
        "(?<day>\\d{1,2}|\\p{L}+)(?:er|ère|e|ème)?\\h*(?:-|–|au|à|a|et(?:\\h+le)?"
        "|jusqu['’]\\h*(?:au|à|a)|to|and)\\h*(?:le\\h+)?\\z",
    [RX_D_DAYAFTER] =
        "\\h*(?:-|–|au|à|a|et)\\h*(?<day>\\d{1,2})(?![\\d/.])",
    [RX_D_FROM] =
        "(?<![\\p{L}])(?:(?:à|a)\\h+partir\\h+(?:du|de|d['’])|from|starting)\\h*\\z",
};

/* Patterns compiled with PCRE2_ANCHORED: they must match where asked. */
static const unsigned char rx_anchored[RX__COUNT] = {
    [RX_A_GLUED_ORD] = 1, [RX_A_SCALE] = 1, [RX_A_PCT] = 1, [RX_A_CUR] = 1,
    [RX_A_CENTS] = 1, [RX_A_NOUN] = 1, [RX_A_NOUN_EN] = 1, [RX_A_STATUS] = 1,
    [RX_A_QUAL] = 1, [RX_A_MSCALE] = 1, [RX_A_FRANC] = 1, [RX_A_BADTAIL] = 1, [RX_A_FRAC_GLOSS] = 1,
    [RX_A_RANGE_TO] = 1, [RX_D_JOIN] = 1, [RX_D_DAYAFTER] = 1,
};

/* The maximum number of capture pairs of any pattern: RX_A_NOUN has one
 * group per counted noun, plus a few; scan_new() checks every pattern
 * fits, so that an ovector is never truncated. */
#define RX_MAX_PAIRS 128

/* What one search of a whole-text pattern from start gave (scan_remember). */
typedef struct {
    size_t start;
    int rc;                /* 0: no match                                 */
    size_t *ov;            /* its rc pairs (malloc'd); NULL when rc is 0  */
} memo_call;

struct scan_ctx {
    pcre2_code *code[RX__COUNT];
    pcre2_match_data *md;  /* reused by every scan_match on this scanner */
    int last_id;           /* pattern of the last successful match       */
    int last_rc;           /* its number of pairs                        */
    const size_t *cur_ov;  /* its ovector: md's, or a remembered one     */
    struct {
        const char *text;  /* the text remembered; NULL: none            */
        size_t len;
        memo_call *v[RX__COUNT];   /* per pattern, by start               */
        size_t n[RX__COUNT], cap[RX__COUNT];
        size_t read;       /* searches read back                         */
        size_t bytes;      /* what it holds; at most MEMO_BYTES_PER_BYTE
                              times the text's length (MEMO_BYTES_MIN)   */
    } memo;
};

/* The memory kept for a text, per byte of it: a number's search takes
 * some 80 bytes, and numbers stand a few bytes apart at the densest;
 * past this, searches are no longer kept (the scan is the same, only
 * slower), so that a hostile text adds little to what its items take. */
#define MEMO_BYTES_PER_BYTE 16
#define MEMO_BYTES_MIN (64 * 1024)    /* (and a short text as much as this) */

/* The patterns searched over a whole text from left to right (the others
 * are anchored, or read a window before a number): what scan_remember
 * keeps. */
static int memo_kept(int id)
{
    return id == RX_EXCL || id == RX_TOKEN || id == RX_ORDWORD || id == RX_FRACTION ||
           (id >= RX_D_DMY_WORD && id <= RX_D_END_YEAR);
}

/* The group tables must follow their patterns one to one. */
static int group_tables_agree(const scan_ctx *sx)
{
    static const struct { int id; int noun; } grp[] = {
        {RX_A_CUR, 0}, {RX_B_CUR, 0}, {RX_A_NOUN, 1}, {RX_A_NOUN_EN, 1},
    };
    for (size_t i = 0; i < sizeof grp / sizeof grp[0]; i++) {
        uint32_t ncap = 0;
        pcre2_pattern_info(sx->code[grp[i].id], PCRE2_INFO_CAPTURECOUNT, &ncap);
        if (ncap != (grp[i].noun ? scan_n_noun : scan_n_cur))
            return 0;
    }
    return 1;
}

static ac_error compile_one(scan_ctx *sx, int id, diag *d)
{
    int err = 0;
    PCRE2_SIZE off = 0;
    uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS;
    if (rx_anchored[id])
        flags |= PCRE2_ANCHORED;
    sx->code[id] = pcre2_compile((PCRE2_SPTR)rx_src[id], PCRE2_ZERO_TERMINATED, flags, &err,
                                 &off, NULL);
    uint32_t ncap = 0;
    if (sx->code[id])
        pcre2_pattern_info(sx->code[id], PCRE2_INFO_CAPTURECOUNT, &ncap);
    if (!sx->code[id] || ncap >= RX_MAX_PAIRS) {
        PCRE2_UCHAR msg[120] = "too many groups";
        if (!sx->code[id])
            pcre2_get_error_message(err, msg, sizeof msg);
        return diag_fail(d, AC_ERR_REGEX, NULL, 0, "scanner pattern %d at offset %zu: %s",
                         id, (size_t)off, (const char *)msg);
    }
    (void)pcre2_jit_compile(sx->code[id], PCRE2_JIT_COMPLETE); /* optional */
    return AC_OK;
}

ac_error scan_new(diag *d, scan_ctx **out)
{
    ac_error err = AC_OK;
    *out = NULL;
    scan_ctx *sx = calloc(1, sizeof *sx);
    if (!sx)
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "scanner: out of memory");
    for (int i = 0; i < RX__COUNT && !err; i++)
        err = compile_one(sx, i, d);
    if (!err && !group_tables_agree(sx))
        err = diag_fail(d, AC_ERR_REGEX, NULL, 0,
                        "scanner: currency or noun table does not follow its pattern");
    if (!err && !(sx->md = pcre2_match_data_create(RX_MAX_PAIRS, NULL)))
        err = diag_fail(d, AC_ERR_NOMEM, NULL, 0, "scanner: out of memory");
    if (err) {
        scan_free(sx);
        return err;
    }
    *out = sx;
    return AC_OK;
}

void scan_forget(scan_ctx *sx)
{
    if (!sx)
        return;
    for (int id = 0; id < RX__COUNT; id++) {
        for (size_t k = 0; k < sx->memo.n[id]; k++)
            free(sx->memo.v[id][k].ov);
        free(sx->memo.v[id]);
        sx->memo.v[id] = NULL;
        sx->memo.n[id] = sx->memo.cap[id] = 0;
    }
    sx->memo.text = NULL;
    sx->memo.len = 0;
    sx->memo.read = 0;
    sx->memo.bytes = 0;
}

size_t scan_remembered(const scan_ctx *sx, size_t *read_back)
{
    size_t n = 0;
    if (read_back)
        *read_back = sx->memo.read;
    for (int id = 0; id < RX__COUNT; id++)
        n += sx->memo.n[id];
    return n;
}

void scan_remember(scan_ctx *sx, const char *text, size_t len)
{
    scan_forget(sx);
    sx->memo.text = text;
    sx->memo.len = len;
}

void scan_free(scan_ctx *sx)
{
    if (!sx)
        return;
    scan_forget(sx);
    for (int i = 0; i < RX__COUNT; i++)
        pcre2_code_free(sx->code[i]);
    pcre2_match_data_free(sx->md);
    free(sx);
}

/* The remembered search of id from start, NULL when there is none. */
static const memo_call *memo_find(const scan_ctx *sx, int id, size_t start)
{
    const memo_call *v = sx->memo.v[id];
    size_t a = 0, b = sx->memo.n[id];
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (v[m].start < start)
            a = m + 1;
        else
            b = m;
    }
    return a < sx->memo.n[id] && v[a].start == start ? &v[a] : NULL;
}

/* Keep what a search gave (in order of start: searches move forward).
 * Out of memory, it is simply not kept. */
static void memo_keep(scan_ctx *sx, int id, size_t start, int rc, const size_t *ov)
{
    size_t n = sx->memo.n[id], more = sizeof(memo_call) + 2 * (size_t)(rc > 0 ? rc : 0) * sizeof(size_t);
    size_t cap = MEMO_BYTES_PER_BYTE * sx->memo.len;
    if (sx->memo.bytes + more > (cap > MEMO_BYTES_MIN ? cap : MEMO_BYTES_MIN) ||
        (n && sx->memo.v[id][n - 1].start >= start) ||
        vec_reserve((void **)&sx->memo.v[id], &sx->memo.cap[id], n + 1, sizeof *sx->memo.v[id]))
        return;
    memo_call c = {start, rc > 0 ? rc : 0, NULL};
    if (c.rc && !(c.ov = malloc(2 * (size_t)c.rc * sizeof *c.ov)))
        return;
    if (c.rc)
        memcpy(c.ov, ov, 2 * (size_t)c.rc * sizeof *c.ov);
    sx->memo.v[id][sx->memo.n[id]++] = c;
    sx->memo.bytes += more;
}

int scan_match(scan_ctx *sx, int id, const char *subj, size_t len, size_t start,
               const size_t **ov)
{
    if (start > len)
        return 0;
    int memo = sx->memo.text && subj == sx->memo.text && len == sx->memo.len && memo_kept(id);
    const memo_call *m = memo ? memo_find(sx, id, start) : NULL;
    int rc;
    if (m) {
        rc = m->rc;
        sx->cur_ov = m->ov;
        sx->memo.read++;
    } else {
        rc = pcre2_match(sx->code[id], (PCRE2_SPTR)subj, len, start, PCRE2_NO_UTF_CHECK,
                         sx->md, NULL);
        sx->cur_ov = pcre2_get_ovector_pointer(sx->md);
        if (memo)
            memo_keep(sx, id, start, rc, sx->cur_ov);
    }
    if (rc <= 0)
        return 0;
    sx->last_id = id;
    sx->last_rc = rc;
    *ov = sx->cur_ov;
    return rc;
}

int scan_group(const scan_ctx *sx, const char *name, size_t *s, size_t *e)
{
    int g = pcre2_substring_number_from_name(sx->code[sx->last_id], (PCRE2_SPTR)name);
    if (g <= 0 || g >= sx->last_rc)
        return 0;
    const size_t *ov = sx->cur_ov;
    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *s = ov[2 * g];
    *e = ov[2 * g + 1];
    return 1;
}


int scan_item_cmp(const void *x, const void *y)
{
    const scan_item *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return 0;
}

scan_item *scan_push(scan_run *c)
{
    ac_error err;
    VEC_PUSH(err, c->it, c->nit, c->cap);
    if (err) {
        c->oom = 1;
        return NULL;
    }
    scan_item *it = &c->it[c->nit++];
    memset(it, 0, sizeof *it);
    return it;
}

int scan_parse_int(const char *s, size_t n)
{
    int v = 0;
    if (n == 0 || n > 9)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int scan_month(const char *s, size_t n)
{
    char b[8];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 4; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == 0xC3 && i + 1 < n) {           /* é è ê É û Û */
            unsigned char d = (unsigned char)s[++i] | 0x20;
            b[k++] = (d == 0xA9 || d == 0xA8 || d == 0xAA) ? 'e'
                   : (d == 0xBB || d == 0xB9) ? 'u' : '?';
            continue;
        }
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch - 'A' + 'a');
        if (ch < 'a' || ch > 'z')
            break;
        b[k++] = (char)ch;
    }
    b[k] = '\0';
    if (k < 3)
        return 0;
    static const struct { const char *p; int m; } tab[] = {
        {"jan", 1}, {"fev", 2}, {"feb", 2}, {"mar", 3}, {"avr", 4},
        {"apr", 4}, {"mai", 5}, {"may", 5}, {"juin", 6}, {"jun", 6},
        {"juil", 7}, {"jul", 7}, {"aou", 8}, {"aug", 8}, {"sep", 9},
        {"oct", 10}, {"nov", 11}, {"dec", 12},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strncmp(b, tab[i].p, strlen(tab[i].p)) == 0)
            return tab[i].m;
    return 0;
}
