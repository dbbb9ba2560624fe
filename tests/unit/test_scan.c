/*
 * test_scan.c — table-driven tests of the scanner (scan/scan.c,
 * scan/scan_date.c).  Each case scans one text and compares the whole list
 * of items, serialised one per item and joined with " | ":
 *
 *   amount V CUR[?] QUAL      (? = currency_ambiguous)
 *   amount 0 CUR[?] malformed (a broken grouping: flagged out of range)
 *   percent V QUAL
 *   count V UNIT QUAL[ part] (part: carried by ellipsis, a part of the count
 *                            before it)
 *   number V[ ord]
 *   date ISO[ !]              (! = invalid)
 *   period KIND A/B[ each]    (year, fiscal, span, since, range; each:
 *                            fiscal years stated one by one, per year)
 *
 * An empty expectation means: no item at all.
 */
#include <pthread.h>
#include <stdlib.h>

#include "../../scan/scan.h"
#include "unit.h"

#define ALLK SCAN_ALL
#define K(x) SCAN_MASK(SCAN_##x)

typedef struct {
    const char *in;
    int en;
    unsigned kinds;     /* 0: default */
    int doc_year;
    const char *want;
} scase;

static const scase cases[] = {
    /* class 2: counts carried by ellipsis and by reference */
    {"45 projets, dont 12 à Gao et 9 à Mopti.", 0, 0, 0,
     "count 45 projects exact | count 12 projects exact part | count 9 projects exact part"},
    {"38 QIPs, of which 20 in Ituri, 11 in Tanganyika and 7 in Kasai.", 1, 0, 0,
     "count 38 projects exact | count 20 projects exact part | count 11 projects exact part"
     " | count 7 projects exact part"},
    {"sur les 60 projets approuvés, 41 sont achevés et les 19 autres en cours", 0, 0, 0,
     "count 60 projects exact | count 41 projects exact | count 19 projects exact"},
    {"Sur 150 projets évalués, soit 120 sur 150, la plupart", 0, 0, 0,
     "count 150 projects exact | count 120 projects exact | count 150 projects exact"},
    {"The mission launched 12 quick impact projects in Bunia.", 1, 0, 0,
     "count 12 projects exact"},
    {"Among the projects listed, there are 4 activities.", 1, 0, 0,
     "count 4 activities exact"},
    {"au moins six grands projets", 0, 0, 0, "count 6 projects approx"},
    /* a number written twice: the digits restate the word */
    {"cinq (5) projets", 0, 0, 0, "count 5 projects exact"},
    {"five (5) projects", 1, 0, 0, "count 5 projects exact"},
    /* caps: what must not be passed, less than */
    {"ne doit pas dépasser la somme de 25 mille dollars", 0, 0, 0, "amount 25000 USD? max"},
    {"less than US$50,000 each", 1, 0, 0, "amount 50000 USD max"},
    {"must not exceed USD 50,000", 1, 0, 0, "amount 50000 USD max"},
    {"moins de 20 projets", 0, 0, 0, "count 20 projects max"},
    /* projects under the nouns reports use for them, in the plural */
    {"The Commission adopted five new programmes in the Sahel.", 1, 0, 0,
     "count 5 projects exact"},
    {"16 initiatives et 12 mesures ont été financées", 0, 0, 0,
     "count 16 projects exact | count 12 projects exact"},
    {"3 programmes conjoints", 0, 0, 0, "count 3 projects exact"},
    {"5\nProgramme d'amélioration de l'accès", 0, 0, 0, ""},
    /* rejections: "dont" after an amount, a year, an article; a second
     * number with no place after it; another sentence */
    {"45 projets, dont 2019 pour Gao.", 0, 0, 0, "count 45 projects exact | period year 2019"},
    {"$3m (about €2.7m)", 1, 0, 0, "amount 3000000 USD? exact | amount 2700000 EUR approx"},
    {"12 millions USD (environ)", 0, 0, 0, "amount 12000000 USD approx"},
    {"45 projets, dont un à Gao.", 0, 0, 0, "count 45 projects exact"},
    {"45 projets, dont 12 à Gao et 9.", 0, 0, 0,
     "count 45 projects exact | count 12 projects exact part"},
    {"45 projets. Dont 12 à Gao.", 0, 0, 0, "count 45 projects exact"},
    {"45 projets à impact rapide en Ituri, dont 12 à Bunia", 0, 0, 0,
     "count 45 projects exact | count 12 projects exact part"},
    {"45 projets à Gao dont le coût, 12 à Mopti", 0, 0, 0, "count 45 projects exact"},
    {"45 projets en 2019 et 12 à Gao.", 0, 0, 0, "count 45 projects exact | period year 2019"},
    {"12 projets sur 2019", 0, 0, 0, "count 12 projects exact | period year 2019"},
    /* class 6: fiscal years one by one after a plural cue; rejections:
     * no cue, years that do not follow each other, calendar years */
    {"pour les exercices 2018-2019 et 2019-2020", 0, 0, 0, "period span 2018/2020 each"},
    {"for fiscal years 2018/19 and 2019/20", 1, 0, 0, "period span 2018/2020 each"},
    {"des exercices 2017/2018, 2018/2019 et 2019/2020", 0, 0, 0, "period span 2017/2020 each"},
    {"en 2018-2019 et 2019-2020", 0, 0, 0,
     "period span 2018/2019 | period span 2019/2020"},
    {"les exercices 2016-2017 et 2018-2019", 0, 0, 0,
     "period span 2016/2017 | period span 2018/2019"},
    {"les exercices 2014 et 2015", 0, 0, 0, "period year 2014 | period year 2015"},
    {"un budget annuel de 2 millions USD", 0, 0, 0, "amount 2000000 USD per_year"},
    {"$1.5m per annum", 1, 0, 0, "amount 1500000 USD? per_year"},
    {"200 000 dollars chaque année", 0, 0, 0, "amount 200000 USD? per_year"},
    {"$40,000 a year", 1, 0, 0, "amount 40000 USD? per_year"},
    {"plafonné à environ 30 000 USD par projet", 0, 0, 0, "amount 30000 USD max"},
    /* amounts of the seed documents */
    {"27 QIPs : USD 838.354,11", 0, 0, 0,
     "count 27 projects exact | amount 838354.11 USD exact"},
    {"21 QIPs : USD \\$712.077,4", 0, 0, 0,
     "count 21 projects exact | amount 712077.4 USD exact"},
    {"37 QIPs : USD 1.405.236,99,", 0, 0, 0,
     "count 37 projects exact | amount 1405236.99 USD exact"},
    {"Budget total\n5 000 000 EUR", 0, 0, 0, "amount 5000000 EUR exact"},
    {"d'un budget de 20\xC2\xA0" "000\xC2\xA0" "000 EUR, vise", 0, 0, 0,
     "amount 20000000 EUR exact"},
    {"budget de 12.106.353 USD (3 projets prolongés)", 0, 0, 0,
     "amount 12106353 USD exact | count 3 projects exact"},
    {"45.317,39 USD", 0, 0, 0, "amount 45317.39 USD exact"},
    {"sur un budget de 11,9 millions USD", 0, 0, 0, "amount 11900000 USD exact"},
    {"8,4 millions de dollars", 0, 0, 0, "amount 8400000 USD? exact"},
    {"12.1M USD", 0, 0, 0, "amount 12100000 USD exact"},
    {"24,9M USD", 0, 0, 0, "amount 24900000 USD exact"},
    {"0,3 millions USD", 0, 0, 0, "amount 300000 USD exact"},
    {"3 millions de dollars par an.", 0, 0, 0, "amount 3000000 USD? per_year"},
    {"50.000 dollars maximum par projet", 0, 0, 0, "amount 50000 USD? max"},
    {"d'un coût maximal de 50.000 dollars US", 0, 0, 0, "amount 50000 USD max"},
    {"ne pouvant atteindre un coût maximal de 50 000 dollars par projet", 0, 0, 0,
     "amount 50000 USD? max"},
    {"545.000 \n\nUSD", 0, 0, 0, "amount 545000 USD exact"},
    {"sur un budget de 11,9 \n\nmillions USD", 0, 0, 0, "amount 11900000 USD exact"},
    {"de 31.330.367 \n\n\nUSD (contributeurs", 0, 0, 0, "amount 31330367 USD exact"},
    {"trois millions de dollars", 0, 0, 0, "amount 3000000 USD? exact"},
    {"un million cinq cent mille euros", 0, 0, 0, "amount 1500000 EUR exact"},
    {"$1.5 million", 1, 0, 0, "amount 1500000 USD? exact"},
    {"€20", 0, 0, 0, "amount 20 EUR exact"},
    {"20€", 0, 0, 0, "amount 20 EUR exact"},
    {"EUR 20", 0, 0, 0, "amount 20 EUR exact"},
    {"USD1,23", 0, 0, 0, "amount 1.23 USD exact"},
    {"10K$", 0, 0, 0, "amount 10000 USD? exact"},
    {"$10k", 0, 0, 0, "amount 10000 USD? exact"},
    {"10 000,00 $", 0, 0, 0, "amount 10000 USD? exact"},
    {"50 000 dollars", 0, 0, 0, "amount 50000 USD? exact"},
    {"1 000 000 FCFA", 0, 0, 0, "amount 1000000 XOF? exact"},
    {"1 000 000 F CFA", 0, 0, 0, "amount 1000000 XOF? exact"},
    {"250 000 francs CFA", 0, 0, 0, "amount 250000 XOF? exact"},
    {"2 500 000 XAF", 0, 0, 0, "amount 2500000 XAF exact"},
    {"2 500 000 XOF", 0, 0, 0, "amount 2500000 XOF exact"},
    {"10000 francs suisses", 0, 0, 0, "amount 10000 CHF exact"},
    {"45 000 000 francs congolais", 0, 0, 0, "amount 45000000 CDF exact"},
    {"2 000 000 de gourdes", 0, 0, 0, "amount 2000000 HTG exact"},
    {"HTG 150 000", 0, 0, 0, "amount 150000 HTG exact"},
    {"CHF 1'049,95", 0, 0, 0, "amount 1049.95 CHF exact"},
    {"£ 50 millions", 0, 0, 0, "amount 50000000 GBP exact"},
    {"361 millions de livres", 0, 0, 0, "amount 361000000 GBP? exact"},
    /* a currency's name never stands before its number: "livre" is the verb */
    {"La Monusco livre 4 projets", 0, 0, 0, "count 4 projects exact"},
    {"Euro 7,82", 0, 0, 0, "amount 7.82 EUR exact"},
    {"323 millions d'euros", 0, 0, 0, "amount 323000000 EUR exact"},
    {"1 milliard de $", 0, 0, 0, "amount 1000000000 USD? exact"},
    {"2 Mds USD", 0, 0, 0, "amount 2000000000 USD exact"},
    {"1,2 Md EUR", 0, 0, 0, "amount 1200000000 EUR exact"},
    {"123,5 Mio. €", 0, 0, 0, "amount 123500000 EUR exact"},
    {"US$4.7 billion", 1, 0, 0, "amount 4700000000 USD exact"},
    {"1 billion d'euros", 0, 0, 0, "amount 1000000000000 EUR exact"},
    {"16,4 millions de $CAD", 0, 0, 0, "amount 16400000 CAD exact"},
    {"1 234 565,00 $US", 0, 0, 0, "amount 1234565 USD exact"},
    {"125 millions de dollars australiens", 0, 0, 0, "amount 125000000 AUD exact"},
    {"50.000 dollars américains", 0, 0, 0, "amount 50000 USD exact"},
    {"1 USD et 23 centimes", 0, 0, 0, "amount 1.23 USD exact"},
    {"15 dollars 50", 0, 0, 0, "amount 15.5 USD? exact"},
    {"(7.92) USD", 1, 0, 0, "amount -7.92 USD exact"},
    {"-15€", 0, 0, 0, "amount -15 EUR exact"},
    {"-$123.46M", 1, 0, 0, "amount -123460000 USD? exact"},
    {"$2.174T", 1, 0, 0, "amount 2174000000000 USD? exact"},
    {"12,345 $", 0, 0, 0, "amount 12.345 USD? exact"},
    {"12,345 $", 1, 0, 0, "amount 12345 USD? exact"},
    {"20 000 000 EUR", 0, 0, 0, "amount 20000000 EUR exact"},
    /* qualifiers */
    {"environ 5 000 USD", 0, 0, 0, "amount 5000 USD approx"},
    {"d'environ 300 000 euros", 0, 0, 0, "amount 300000 EUR approx"},
    {"près de 2 millions de dollars", 0, 0, 0, "amount 2000000 USD? approx"},
    {"un budget qui avoisine 4 millions USD", 0, 0, 0, "amount 4000000 USD approx"},
    {"plus de 500 personnes", 0, 0, 0, "count 500 people approx"},
    {"quelque 200 ménages", 0, 0, 0, "count 200 households approx"},
    {"approximativement 12 000 EUR", 0, 0, 0, "amount 12000 EUR approx"},
    {"about $3 million", 1, 0, 0, "amount 3000000 USD? approx"},
    {"nearly 40 projects", 1, 0, 0, "count 40 projects approx"},
    {"jusqu'à 50 000 USD", 0, 0, 0, "amount 50000 USD max"},
    {"au maximum 20 000 EUR", 0, 0, 0, "amount 20000 EUR max"},
    {"un plafond de 50 000 dollars", 0, 0, 0, "amount 50000 USD? max"},
    {"up to USD 50,000", 1, 0, 0, "amount 50000 USD max"},
    {"a ceiling of $50,000", 1, 0, 0, "amount 50000 USD? max"},
    {"1 million USD per year", 1, 0, 0, "amount 1000000 USD per_year"},
    {"un budget annuel de 2 millions EUR", 0, 0, 0, "amount 2000000 EUR per_year"},
    {"2 millions EUR annually", 1, 0, 0, "amount 2000000 EUR per_year"},
    /* percentages */
    {"Environ 28% du budget QIPs", 0, 0, 0, "percent 28 approx"},
    {"soit 46,8% en 2016 (47,2% en 2015)", 0, 0, 0,
     "percent 46.8 exact | period year 2016 | percent 47.2 exact | period year 2015"},
    {"28 %", 0, 0, 0, "percent 28 exact"},
    {"28\xC2\xA0%", 0, 0, 0, "percent 28 exact"},
    {"28\xE2\x80\xAF%", 0, 0, 0, "percent 28 exact"},
    {"28 pour cent", 0, 0, 0, "percent 28 exact"},
    {"28 pourcent", 0, 0, 0, "percent 28 exact"},
    {"vingt-huit pour cent", 0, 0, 0, "percent 28 exact"},
    {"12 percent", 1, 0, 0, "percent 12 exact"},
    {"26%9%", 0, 0, 0, "percent 26 exact | percent 9 exact"},
    {"Santé 7%", 0, 0, 0, "percent 7 exact"},
    {"%57,3", 0, 0, 0, "percent 57.3 exact"},
    /* counts */
    {"222 projets \n\nfinalisés et 102 en cours sur un budget", 0, 0, 0,
     "count 222 projects exact | count 102 projects exact"},
    {"44 projets finalisés et 49 \n\nprojets en cours sur 93 projets approuvés", 0, 0, 0,
     "count 44 projects exact | count 49 projects exact | count 93 projects exact"},
    {"5 projets démarrés en 2015 sur 18 mois", 0, 0, 0,
     "count 5 projects exact | period year 2015 | count 18 months exact"},
    {"Au total, 37 projets prioritaires ont été identifiés", 0, 0, 0,
     "count 37 projects exact"},
    {"Mise en œuvre par 38 ONG et associations nationales, 6 Organisations Internationales",
     0, 0, 0, "count 38 organisations exact | count 6 organisations exact"},
    {"le raccordement au réseau de 3 000 foyers supplémentaires", 0, 0, 0,
     "count 3000 households exact"},
    {"qui sert 160 000 personnes", 0, 0, 0, "count 160000 people exact"},
    {"7.000 habitants", 0, 0, 0, "count 7000 people exact"},
    {"réinsertion de 110 femmes et filles de Ber", 0, 0, 0, "count 110 people exact"},
    {"10 emplois créés", 0, 0, 0, "count 10 jobs exact"},
    {"Près de 60 participants ont assisté", 0, 0, 0, "count 60 people approx"},
    {"Organisation de 20 rencontres intra", 0, 0, 0, "count 20 meetings exact"},
    {"10 ateliers de vulgarisation", 0, 0, 0, "count 10 workshops exact"},
    {"quatre mois", 0, 0, 0, "count 4 months exact"},
    {"sur 3 cercles des deux régions", 0, 0, 0,
     "count 3 cercles exact | count 2 regions exact"},
    {"51 QIPs\n\n24 TF\n\n5 PBF", 0, 0, 0,
     "count 51 projects exact | count 24 projects exact | count 5 projects exact"},
    {"1 200 beneficiaries in 12 schools", 1, 0, 0,
     "count 1200 people exact | count 12 schools exact"},
    {"un projet", 0, 0, 0, ""},
    /* a qualifier cue, then one or two short adverbs, then the number */
    {"Le budget du fonds avoisine aujourd’hui 31,3 millions USD, dont 80%", 0, 0, 0,
     "amount 31300000 USD approx | percent 80 exact"},
    {"avoisine actuellement 31,3 millions USD", 0, 0, 0, "amount 31300000 USD approx"},
    {"qui avoisine désormais les 4 millions USD", 0, 0, 0, "amount 4000000 USD approx"},
    {"avoisine les 4 millions USD", 0, 0, 0, "amount 4000000 USD approx"},
    {"environ tout juste 12 000 EUR", 0, 0, 0, "amount 12000 EUR approx"},
    {"près de déjà 300 ménages", 0, 0, 0, "count 300 households approx"},
    {"nearly currently 40 projects", 1, 0, 0, "count 40 projects approx"},
    {"stands at about now 40 projects", 1, 0, 0, "count 40 projects approx"},
    {"plafond de désormais 50 000 USD", 0, 0, 0, "amount 50000 USD max"},
    /* ... but not across a clause, onto another number, or "until now" */
    {"environ, aujourd'hui 31 USD", 0, 0, 0, "amount 31 USD exact"},
    {"d'environ. Aujourd'hui 400 USD", 0, 0, 0, "amount 400 USD exact"},
    {"about, now 40 projects", 1, 0, 0, "count 40 projects exact"},
    {"avoisine 4 millions USD et actuellement 5 millions USD", 0, 0, 0,
     "amount 4000000 USD approx | amount 5000000 USD exact"},
    {"jusqu'à aujourd'hui 300 projets", 0, 0, 0, "count 300 projects exact"},
    {"jusqu'à maintenant 50 000 USD", 0, 0, 0, "amount 50000 USD exact"},
    {"up to now 300 projects", 1, 0, 0, "count 300 projects exact"},
    /* adjectives between the number and the counted noun */
    {"The works have already created 420 temporary jobs, most of them", 1, 0, 0,
     "count 420 jobs exact"},
    {"across 4 active projects, run by UN agencies", 1, 0, 0, "count 4 projects exact"},
    {"12 short-term jobs", 1, 0, 0, "count 12 jobs exact"},
    {"20 new schools", 1, 0, 0, "count 20 schools exact"},
    {"1 200 internally displaced people", 1, 0, 0, "count 1200 displaced people exact"},
    {"the 3 million vulnerable people", 1, 0, 0, "count 3000000 people exact"},
    {"12 nouveaux projets", 0, 0, 0, "count 12 projects exact"},
    {"5 petits projets", 0, 0, 0, "count 5 projects exact"},
    {"5 autres petits projets", 0, 0, 0, "count 5 projects exact"},
    {"3 projets supplémentaires", 0, 0, 0, "count 3 projects exact"},
    {"30 anciens combattants", 0, 0, 0, "count 30 combatants exact"},
    {"la démolition de deux anciens bâtiments", 0, 0, 0, "count 2 buildings exact"},
    /* ... never a year, a function word, an amount or a second noun */
    {"In 2017 new projects were approved", 1, 0, 0, "period year 2017"},
    {"by 2018 most projects", 1, 0, 0, "period year 2018"},
    {"en 2017 nouveaux projets", 0, 0, 0, "period year 2017"},
    {"3 meals per day", 1, 0, 0, ""},
    {"5 times a day", 1, 0, 0, ""},
    {"5 of the projects", 1, 0, 0, ""},
    {"15 Active projects", 1, 0, 0, ""},
    {"3 grands et projets", 0, 0, 0, ""},
    {"12 schools children", 1, 0, 0, "count 12 schools exact"},
    {"USD 5 new projects", 1, 0, 0, "amount 5 USD exact"},
    /* more counted nouns */
    {"120 détenus", 0, 0, 0, "count 120 people exact"},
    {"giving safe water to 650 detainees and staff", 1, 0, 0,
     "count 650 people exact"},
    {"30 prisonniers", 0, 0, 0, "count 30 prisoners exact"},
    {"45 victimes de violences", 0, 0, 0, "count 45 victims exact"},
    {"5 000 personnes déplacées", 0, 0, 0, "count 5000 displaced people exact"},
    {"5 000 déplacés internes", 0, 0, 0, "count 5000 displaced people exact"},
    {"12 000 PDIs", 0, 0, 0, "count 12000 displaced people exact"},
    {"300 IDPs", 1, 0, 0, "count 300 displaced people exact"},
    {"300 rapatriés", 0, 0, 0, "count 300 returnees exact"},
    {"40 survivantes", 0, 0, 0, "count 40 survivors exact"},
    {"25 enseignants", 0, 0, 0, "count 25 teachers exact"},
    {"12 infirmières et 3 médecins", 0, 0, 0,
     "count 12 nurses exact | count 3 doctors exact"},
    {"20 agents de santé communautaires", 0, 0, 0, "count 20 health workers exact"},
    {"10 agents", 0, 0, 0, "count 10 officials exact"},
    {"150 agriculteurs et 80 éleveurs", 0, 0, 0,
     "count 150 farmers exact | count 80 herders exact"},
    {"60 commerçants et 30 artisans", 0, 0, 0,
     "count 60 traders exact | count 30 artisans exact"},
    {"15 ex-combattants", 0, 0, 0, "count 15 combatants exact"},
    {"les titres détenus", 0, 0, 0, ""},
    /* line breaks between the parts of one amount, never inside digits */
    {"8,4 millions de \n\ndollars", 0, 0, 0, "amount 8400000 USD? exact"},
    {"8,4 millions de\n\n\ndollars", 0, 0, 0, "amount 8400000 USD? exact"},
    {"8,4 millions \n\nde \n\ndollars", 0, 0, 0, "amount 8400000 USD? exact"},
    {"8,4\n\nmillions de \n\ndollars", 0, 0, 0, "amount 8400000 USD? exact"},
    {"8,4 millions d’\n\neuros", 0, 0, 0, "amount 8400000 EUR exact"},
    {"3 000 de \n\nfoyers", 0, 0, 0, "count 3000 households exact"},
    {"8 \n400 000 USD", 0, 0, 0, "amount 400000 USD exact"},
    {"8,\n4 millions de dollars", 0, 0, 0, "amount 4000000 USD? exact"},
    /* elliptic counts with an adverb before the status word */
    {"93 projets approuvés, dont 44 achevés et 49 toujours en cours", 0, 0, 0,
     "count 93 projects exact | count 44 projects exact | count 49 projects exact"},
    {"222 projets finalisés et 102 encore en cours", 0, 0, 0,
     "count 222 projects exact | count 102 projects exact"},
    {"10 projects completed and 3 still ongoing", 1, 0, 0,
     "count 10 projects exact | count 3 projects exact"},
    {"10 projects completed. 3 still ongoing", 1, 0, 0, "count 10 projects exact"},
    {"5 projets ; 49 toujours en cours", 0, 0, 0, "count 5 projects exact"},
    {"49 toujours en cours", 0, 0, 0, ""},
    /* periods and dates */
    {"QIPs 2017/2018", 0, 0, 0, "period fiscal 2017/2018"},
    {"2017/18", 0, 0, 0, "period fiscal 2017/2018"},
    {"2013-2017", 0, 0, 0, "period span 2013/2017"},
    {"UTILISATION DES QIPs en 2017- 2018", 0, 0, 0, "period span 2017/2018"},
    {"2017-18 Réalisations", 0, 0, 0, "period fiscal 2017/2018"},
    {"the 2020/2021 fiscal year", 0, 0, 0, "period fiscal 2020/2021"},
    {"the 2020 budget", 0, 0, 0, "period year 2020"},
    {"Mai 2013 - Avril 2015", 0, 0, 0, "period span 2013-05/2015-04"},
    {"de 2010 à 2018", 0, 0, 0, "period span 2010/2018"},
    {"entre 2015 et 2016", 0, 0, 0, "period span 2015/2016"},
    {"324 projets au total depuis 2013", 0, 0, 0,
     "count 324 projects exact | period since 2013/.."},
    {"since 2013", 1, 0, 0, "period since 2013/.."},
    {"les années 1990", 0, 0, 0, "period span 1990/1999"},
    /* issue 17: open ranges, run to the document's year downstream */
    {"depuis 2014", 0, 0, 0, "period since 2014/.."},
    {"depuis son lancement en 2017", 0, 0, 0, "period since 2017/.."},
    {"since 2011", 1, 0, 0, "period since 2011/.."},
    {"depuis juillet 2007", 0, 0, 0, "period since 2007-07/.."},
    {"since July 2007", 1, 0, 0, "period since 2007-07/.."},
    {"from July 2007 to date", 1, 0, 0, "period since 2007-07/.."},
    {"de juillet 2007 à ce jour", 0, 0, 0, "period since 2007-07/.."},
    {"from 2011 to date", 1, 0, 0, "period since 2011/.."},
    {"de 2013 à ce jour", 0, 0, 0, "period since 2013/.."},
    {"à ce jour", 0, 0, 0, ""},
    {"$22 million to date", 1, 0, 0, "amount 22000000 USD? exact"},
    /* spans named by fiscal years; a fiscal year named by one year */
    {"from fiscal year 2004 to 2008", 1, 0, 0, "period span 2004/2008"},
    {"de l'exercice 2004 à 2008", 0, 0, 0, "period span 2004/2008"},
    {"de l’exercice budgétaire 2004 à l’exercice 2008", 0, 0, 0, "period span 2004/2008"},
    {"exercice fiscal 2019/2020", 0, 0, 0, "period fiscal 2019/2020"},
    {"fiscal year 2018/19", 1, 0, 0, "period fiscal 2018/2019"},
    {"FY2019", 1, 0, 0, "period year 2019"},
    {"FY 2019", 1, 0, 0, "period year 2019"},
    {"FY19", 1, 0, 0, "period year 2019"},
    {"FY2019/20", 1, 0, 0, "period fiscal 2019/2020"},
    {"FY2", 1, 0, 0, ""},
    /* as-of dates: the end of a cumulative figure, a date (never a year) */
    {"as at end 2020", 1, 0, 0, "date 2020"},
    {"as at the end of 2020", 1, 0, 0, "date 2020"},
    {"à fin 2020", 0, 0, 0, "date 2020"},
    {"fin 2020", 0, 0, 0, "date 2020"},
    {"à la fin de 2020", 0, 0, 0, "date 2020"},
    {"end-2020", 1, 0, 0, "date 2020"},
    {"fin juin 2020", 0, 0, 0, "date 2020-06"},
    {"as of 31 December 2019", 1, 0, 0, "date 2019-12-31"},
    {"Au 15 novembre 2025", 0, 0, 0, "date 2025-11-15"},
    {"the end of the 2020 season", 1, 0, 0, "period year 2020"},
    /* two years joined: a span when they follow each other */
    {"en 2015 et 2016", 0, 0, 0, "period span 2015/2016"},
    {"in 2015 and 2016", 1, 0, 0, "period span 2015/2016"},
    {"en 2015 et 2017", 0, 0, 0, "period year 2015 | period year 2017"},
    {"entre 2010 et 2012", 0, 0, 0, "period span 2010/2012"},
    {"between 2010 and 2012", 1, 0, 0, "period span 2010/2012"},
    /* reference numbers: no period, no figure */
    {"procédure 2004/0223(COD)", 0, 0, 0, ""},
    {"2004/0223(COD)", 0, 0, 0, ""},
    {"la résolution 2085 du Conseil", 0, 0, 0, ""},
    {"resolution 2100 (2013)", 1, 0, 0, ""},
    {"Security Council resolution 2100 (2013) of 25 April", 1, 0, 0, "date --04-25"},
    {"document S/2019/454", 1, 0, 0, ""},
    {"voir A/74/688.", 0, 0, 0, ""},
    {"A/RES/70/262 in 2016", 1, 0, 0, "period year 2016"},
    {"Au 30 juin 2017", 0, 0, 0, "date 2017-06-30"},
    {"clôturé depuis le 14.04.2015.", 0, 0, 0, "date 2015-04-14"},
    {"14/04/2015", 0, 0, 0, "date 2015-04-14"},
    {"2015-04-14", 0, 0, 0, "date 2015-04-14"},
    {"signée le 23 mai 2013 et", 0, 0, 0, "date 2013-05-23"},
    {"Le 13 juin, les PTF", 0, 0, 2017, "date 2017-06-13"},
    {"le 13 juin", 0, 0, 0, "date --06-13"},
    {"1er janvier 2016", 0, 0, 0, "date 2016-01-01"},
    {"janvier 2015", 0, 0, 0, "date 2015-01"},
    {"June 30, 2017", 1, 0, 0, "date 2017-06-30"},
    {"30 June 2017", 1, 0, 0, "date 2017-06-30"},
    {"Les 21 et 22 juin", 0, 0, 2017, "period span 2017-06-21/2017-06-22"},
    {"13-15 juillet", 0, 0, 0, "period span --07-13/--07-15"},
    {"du 10 juin au 1er juillet", 0, 0, 0, "period span --06-10/--07-01"},
    {"02/22/2016", 0, 0, 0, "date 2016-02-22"},
    {"31/10/74", 0, 0, 0, "date 1974-10-31"},
    {"3-7-27", 0, 0, 0, "date 2027-07-03"},
    {"2016-11", 0, 0, 0, "date 2016-11"},
    {"11 / 2016", 0, 0, 0, "date 2016-11"},
    {"22/04", 0, 0, 0, "date --04-22"},
    {"en mars", 0, 0, 0, "date --03"},
    {"stratégie adoptée en septembre 2017", 0, 0, 0, "date 2017-09"},
    {"en 2016", 0, 0, 0, "period year 2016"},
    {"2014, 2015 et 2016", 0, 0, 0,
     "period year 2014 | period year 2015 | period year 2016"},
    {"2017", 0, K(AMOUNT), 0, ""},
    /* invalid dates are returned, flagged */
    {"30 février 2017", 0, 0, 0, "date 2017-02-30 !"},
    {"31/04/2016", 0, 0, 0, "date 2016-04-31 !"},
    {"29 février 2015", 0, 0, 0, "date 2015-02-29 !"},
    {"29 février 2016", 0, 0, 0, "date 2016-02-29"},
    /* not amounts or counts */
    {"http://bit.ly/2v38IS9", 0, ALLK, 0, ""},
    {"Retrouvez les bulletins sur le site : http://bit.ly/1TkLXyO", 0, ALLK, 0, ""},
    {"gelin@un.org", 0, ALLK, 0, ""},
    {"Résolution 2085 (2012)", 0, ALLK, 0, ""},
    {"MLI/801", 0, ALLK, 0, ""},
    {"à 14h30", 0, ALLK, 0, ""},
    {"à 10:30", 0, ALLK, 0, ""},
    {"Tél. +223 20 22 33 44", 0, ALLK, 0, ""},
    {"76 45 12 33", 0, ALLK, 0, ""},
    {"1. Réalisation de micro-projets", 0, ALLK, 0, ""},
    {"  3. Amélioration des services", 0, ALLK, 0, ""},
    {"pilier II du Plan", 0, ALLK, 0, ""},
    {"la deuxième composante", 0, 0, 0, ""},
    {"le 1er projet", 0, 0, 0, ""},
    {"1.2.3,4,5 USD", 0, 0, 0, ""},
    {"14.04.2015", 0, K(AMOUNT) | K(NUMBER) | K(COUNT), 0, ""},
    {"2085 (2012)", 0, K(AMOUNT), 0, ""},
    {"article 12", 0, ALLK, 0, ""},
    {"", 0, ALLK, 0, ""},
    {"\xFF\xFE 12 % \xC3", 0, 0, 0, "percent 12 exact"},
    {"\x80 \xE9t\xE9 5 projets", 0, 0, 0, "count 5 projects exact"},
    {"QIP2a", 0, ALLK, 0, ""},
    /* bare numbers only when asked */
    {"4", 0, 0, 0, ""},
    {"4", 0, ALLK, 0, "number 4"},
    {"100 000", 0, K(NUMBER), 0, "number 100000"},
    {"3 millions", 0, K(NUMBER), 0, "number 3000000"},
    {"1er", 0, K(NUMBER), 0, "number 1 ord"},
    {"deuxième", 0, K(NUMBER), 0, "number 2 ord"},
    {"onzième", 0, K(NUMBER), 0, "number 11 ord"},
    {"moins 1200000", 0, K(NUMBER), 0, "number -1200000"},
    {"(5,347.25)", 1, K(NUMBER), 0, "number -5347.25"},
    /* ranges, only when periods are asked without amounts */
    {"entre 10 et 20 euros", 0, K(PERIOD), 0, "period range 10/20 EUR"},
    {"au moins 10 euros", 0, K(PERIOD), 0, "period range 10/.. EUR"},
    {"moins de 10 dollars", 0, K(PERIOD), 0, "period range ../10 USD?"},
    {"10-20 dollars", 1, K(PERIOD), 0, "period range 10/20 USD?"},
    {"plus de 10 euros", 0, 0, 0, "amount 10 EUR approx"},

    /* issue 7, class 1: English scale suffixes on money.  A lowercase "m"
     * is a million only on money (a currency before or after it); "bn" and
     * English "billion" are 10^9, French "billion" stays 10^12. */
    {"$3m", 1, 0, 0, "amount 3000000 USD? exact"},
    {"$7.3m", 1, 0, 0, "amount 7300000 USD? exact"},
    {"($0.6m)", 1, 0, 0, "amount -600000 USD? exact"},
    {"US$ 1.2bn", 1, 0, 0, "amount 1200000000 USD exact"},
    {"€2.5bn", 0, 0, 0, "amount 2500000000 EUR exact"},
    {"USD 450k", 1, 0, 0, "amount 450000 USD exact"},
    {"£3m", 1, 0, 0, "amount 3000000 GBP exact"},
    {"3m dollars", 1, 0, 0, "amount 3000000 USD? exact"},
    {"a grant of £3m for 12 projects", 1, 0, 0,
     "amount 3000000 GBP exact | count 12 projects exact"},
    {"US$ 1.2 billion", 1, 0, 0, "amount 1200000000 USD exact"},
    {"1,2 billion de dollars", 0, 0, 0, "amount 1200000000000 USD? exact"},
    {"un mur de 3 m de haut", 0, K(AMOUNT) | K(NUMBER) | K(COUNT), 0, "number 1 | number 3"},
    {"3m", 1, K(AMOUNT) | K(NUMBER) | K(COUNT), 0, ""},
    {"room 3m", 1, K(AMOUNT), 0, ""},

    /* class 3: fractions and shares in words are percentages; thirds are
     * rounded to two decimals and marked approx */
    {"la moitié du budget", 0, 0, 0, "percent 50 exact"},
    {"un tiers", 0, 0, 0, "percent 33.33 approx"},
    {"le quart des projets", 0, 0, 0, "percent 25 exact"},
    {"un peu plus du quart", 0, 0, 0, "percent 25 approx"},
    {"les deux tiers des fonds", 0, 0, 0, "percent 66.67 approx"},
    {"Quinze pour cent", 0, 0, 0, "percent 15 exact"},
    {"a third of the funds", 1, 0, 0, "percent 33.33 approx"},
    {"two thirds of the budget", 1, 0, 0, "percent 66.67 approx"},
    {"three quarters of the projects", 1, 0, 0, "percent 75 exact"},
    {"half of the funds", 1, 0, 0, "percent 50 exact"},
    {"un cinquième du budget", 0, 0, 0, "percent 20 exact"},
    {"trois dixièmes des fonds", 0, 0, 0, "percent 30 exact"},
    {"plus de la moitié des fonds", 0, 0, 0, "percent 50 approx"},
    {"près des trois quarts du budget", 0, 0, 0, "percent 75 approx"},
    {"confié à un tiers pour", 0, K(PERCENT), 0, ""},
    {"la cinquième phase du projet", 0, K(PERCENT), 0, ""},
    {"the third project of the fund", 1, K(PERCENT), 0, ""},
    {"un quart d'heure de retard", 0, K(PERCENT), 0, ""},
    {"les pays tiers", 0, K(PERCENT), 0, ""},
    {"les tiers de confiance", 0, K(PERCENT), 0, ""},
    {"réduit de moitié", 0, K(PERCENT), 0, ""},
    {"le tiers-monde", 0, K(PERCENT), 0, ""},
    {"près de la moitié des Maliens : 46,8%", 0, 0, 0, "percent 46.8 exact"},
    {"trois quarts", 0, K(NUMBER), 0, "number 0.75"},

    /* class 4: franc abbreviations after a grouped number are the CFA
     * franc (XOF or XAF: the country decides, as for FCFA) */
    {"1 500 000 F", 0, 0, 0, "amount 1500000 XOF? exact"},
    {"1 500 000 f par projet", 0, 0, 0, "amount 1500000 XOF? exact"},
    {"25.000 frs", 0, 0, 0, "amount 25000 XOF? exact"},
    {"25.000F", 0, 0, 0, "amount 25000 XOF? exact"},
    {"2 500 000 frs CFA", 0, 0, 0, "amount 2500000 XOF? exact"},
    {"500 F", 0, K(AMOUNT), 0, ""},
    {"1 500 000 Fr", 0, K(AMOUNT), 0, ""},
    {"1 500 000 France", 0, K(AMOUNT), 0, ""},
    /* a grouping that breaks the rules on money: one unusable amount */
    {"238 415 62 dollars", 0, 0, 0, "amount 0 USD? malformed"},
    {"a coûté 12 34 567 USD", 0, 0, 0, "amount 0 USD malformed"},
    {"a coûté 1 2345 FCFA", 0, 0, 0, "amount 0 XOF? malformed"},
    {"En 2019 45 000 USD", 0, 0, 0, "period year 2019 | amount 45000 USD exact"},
    {"soit 1 234 5678 USD", 0, 0, 0, "amount 0 USD malformed"},
    {"USD 238 415 62", 0, 0, 0, "amount 0 USD malformed"},
    {"238 415 dollars", 0, 0, 0, "amount 238415 USD? exact"},
    {"238 415 62", 0, K(NUMBER), 0, "number 238415 | number 62"},

    /* class 5: only a bare bracketed figure is negative */
    {"(1 234,50)", 0, K(NUMBER), 0, "number -1234.5"},
    {"(12,50 €)", 0, 0, 0, "amount -12.5 EUR exact"},
    {"le projet (12 000 USD) a coûté", 0, 0, 0, "amount 12000 USD exact"},
    {"solde (7.92) USD", 1, 0, 0, "amount 7.92 USD exact"},
    {"(5%) de plus", 0, 0, 0, "percent 5 exact"},

    /* class 6: per-year words; stacked cues, the strongest wins */
    {"plafonné à environ 30 000 USD par projet", 0, 0, 0, "amount 30000 USD max"},
    {"un budget annuel d'environ 30 000 USD", 0, 0, 0, "amount 30000 USD per_year"},
    {"budget annuel : 30 000 USD", 0, 0, 0, "amount 30000 USD per_year"},
    {"30 000 USD chaque année", 0, 0, 0, "amount 30000 USD per_year"},
    {"30 000 USD tous les ans", 0, 0, 0, "amount 30000 USD per_year"},
    {"30,000 USD per annum", 1, 0, 0, "amount 30000 USD per_year"},
    {"USD 30,000 a year", 1, 0, 0, "amount 30000 USD per_year"},
    {"an annual budget of USD 30,000", 1, 0, 0, "amount 30000 USD per_year"},
    {"capped at about USD 30,000", 1, 0, 0, "amount 30000 USD max"},
    {"jusqu'à environ 30 000 USD", 0, 0, 0, "amount 30000 USD max"},
    {"environ 30 000 USD", 0, 0, 0, "amount 30000 USD approx"},
};


static void ser(char *out, size_t sz, const scan_item *it, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && o < sz; i++) {
        char v[40], hi[40], d1[24], d2[24];
        const scan_item *x = &it[i];
        scan_num_format(x->value, v, sizeof v);
        scan_num_format(x->value_hi, hi, sizeof hi);
        scan_date_format(d1, sizeof d1, x->d1);
        scan_date_format(d2, sizeof d2, x->d2);
        const char *sep = i ? " | " : "";
        const char *q = scan_qual_name(x->qual);
        int w = 0;
        switch (x->kind) {
        case SCAN_AMOUNT:
            if (x->malformed)   /* no value, no qualifier: "not used" */
                w = snprintf(out + o, sz - o, "%samount %s %s%s malformed%s", sep, v,
                             x->currency, x->currency_ambiguous ? "?" : "",
                             x->out_of_range ? "" : " usable!");
            else
                w = snprintf(out + o, sz - o, "%samount %s %s%s %s", sep, v, x->currency,
                             x->currency_ambiguous ? "?" : "", q);
            break;
        case SCAN_PERCENT:
            w = snprintf(out + o, sz - o, "%spercent %s %s", sep, v, q);
            break;
        case SCAN_COUNT:
            w = snprintf(out + o, sz - o, "%scount %s %s %s%s", sep, v,
                         x->unit ? x->unit : "?", q, x->part_of_prev ? " part" : "");
            break;
        case SCAN_NUMBER:
            w = snprintf(out + o, sz - o, "%snumber %s%s", sep, v,
                         x->ordinal ? " ord" : "");
            break;
        case SCAN_DATE:
            w = snprintf(out + o, sz - o, "%sdate %s%s", sep, d1,
                         x->invalid ? " !" : "");
            break;
        case SCAN_PERIOD:
            switch (x->pkind) {
            case PERIOD_YEAR:
                w = snprintf(out + o, sz - o, "%speriod year %s", sep, d1);
                break;
            case PERIOD_FISCAL:
                w = snprintf(out + o, sz - o, "%speriod fiscal %s/%s", sep, d1, d2);
                break;
            case PERIOD_SINCE:
                w = snprintf(out + o, sz - o, "%speriod since %s/..", sep, d1);
                break;
            case PERIOD_RANGE:
                w = snprintf(out + o, sz - o, "%speriod range %s/%s %s%s", sep,
                             x->has_lo ? v : "..", x->has_hi ? hi : "..",
                             x->currency, x->currency_ambiguous ? "?" : "");
                break;
            default:
                w = snprintf(out + o, sz - o, "%speriod span %s/%s%s%s", sep, d1, d2,
                             x->invalid ? " !" : "", x->each_year ? " each" : "");
                break;
            }
            break;
        }
        if (w < 0)
            break;
        o += (size_t)w;
    }
    while (o > 0 && o < sz && out[o - 1] == ' ') /* "period range 10/20 " */
        out[--o] = '\0';
}

/* ------------------------------------------- two scanners, two threads */

/* Room for the serialised items of a whole document of cases. */
#define JOB_OUT_SIZE (1u << 20)

/* One document scanned with one scanner: the case table's phrases of one
 * language, one per line, serialised with their spans. */
typedef struct {
    scan_ctx *sx;
    int en;
    char *text;
    size_t len;
    char *got;
    ac_error err;
} scan_job;

static ac_error job_init(scan_job *j, scan_ctx *sx, int en)
{
    size_t len = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        len += cases[i].en == en ? strlen(cases[i].in) + 1 : 0;
    *j = (scan_job){.sx = sx, .en = en, .text = malloc(len + 1), .got = malloc(JOB_OUT_SIZE)};
    if (!j->text || !j->got)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].en != en)
            continue;
        size_t l = strlen(cases[i].in);
        memcpy(j->text + j->len, cases[i].in, l);
        j->len += l;
        j->text[j->len++] = '\n';
    }
    j->got[0] = '\0';
    return AC_OK;
}

static void job_free(scan_job *j)
{
    free(j->text);
    free(j->got);
}

/* Scan the job's document; its items and their spans into j->got. */
static void *job_run(void *p)
{
    scan_job *j = p;
    arena *a = arena_new(0);
    scan_opts o = {j->en ? SCAN_LANG_EN : SCAN_LANG_FR, SCAN_ALL, 2017, 0, 0};
    scan_item *it = NULL;
    size_t n = 0;
    j->err = a ? scan_text(j->sx, j->text, j->len, &o, a, &it, &n) : AC_ERR_NOMEM;
    if (!j->err) {
        ser(j->got, JOB_OUT_SIZE / 2, it, n);
        size_t o2 = strlen(j->got);
        for (size_t i = 0; i < n && o2 + 48 < JOB_OUT_SIZE; i++)
            o2 += (size_t)snprintf(j->got + o2, JOB_OUT_SIZE - o2, " %zu-%zu", it[i].start,
                                   it[i].end);
    }
    arena_free(a);
    return NULL;
}

/* Two scanners used in turn, then in two threads at once, give what one
 * scanner gives scanning the same documents one after the other: nothing
 * is shared between scanners. */
static void check_two_scanners(void)
{
    scan_ctx *sa = NULL, *sb = NULL;
    scan_job seq[2] = {{0}}, job[2] = {{0}};
    CHECK_INT("two scanners", AC_OK, scan_new(NULL, &sa) || scan_new(NULL, &sb));
    int ok = sa && sb;
    for (int k = 0; k < 2 && ok; k++)
        ok = !job_init(&seq[k], sa, k) && !job_init(&job[k], k ? sb : sa, k);
    if (ok) {
        job_run(&seq[0]);
        job_run(&seq[1]);
        CHECK_INT("sequential: items found", 1, seq[0].got[0] && seq[1].got[0]);
        /* interleaved: phrase by phrase, scanner a then b, per phrase */
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            scan_opts o = {cases[i].en ? SCAN_LANG_EN : SCAN_LANG_FR, cases[i].kinds,
                           cases[i].doc_year, 1, 0};
            arena *a = arena_new(0);
            scan_item *ia = NULL, *ib = NULL;
            size_t na = 0, nb = 0;
            char ga[1024], gb[1024];
            scan_text(sa, cases[i].in, strlen(cases[i].in), &o, a, &ia, &na);
            scan_text(sb, cases[i].in, strlen(cases[i].in), &o, a, &ib, &nb);
            ser(ga, sizeof ga, ia, na);
            ser(gb, sizeof gb, ib, nb);
            CHECK_STR(cases[i].in, ga, gb);
            arena_free(a);
        }
        pthread_t th[2];
        int started[2];
        for (int k = 0; k < 2; k++)
            started[k] = pthread_create(&th[k], NULL, job_run, &job[k]) == 0;
        for (int k = 0; k < 2; k++)
            if (started[k])
                pthread_join(th[k], NULL);
            else
                job_run(&job[k]);
        for (int k = 0; k < 2; k++) {
            CHECK_INT("thread: no error", AC_OK, job[k].err);
            CHECK_STR(k ? "thread en = sequential" : "thread fr = sequential", seq[k].got,
                      job[k].got);
        }
    }
    for (int k = 0; k < 2; k++) {
        job_free(&seq[k]);
        job_free(&job[k]);
    }
    scan_free(sa);
    scan_free(sb);
}

/* scan_remember: every phrase of the case table scanned for its dates,
 * then for its kinds, gives what a scan without memory gives, and the
 * second scan reads back searches of the first; a copy of the phrase
 * elsewhere (same length, another pointer) is searched afresh, nothing
 * read back nor kept; scan_forget keeps nothing. */
static void check_remember(scan_ctx *sx)
{
    size_t read_back = 0, nothing = 0, searched = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scan_opts o = {cases[i].en ? SCAN_LANG_EN : SCAN_LANG_FR, cases[i].kinds,
                       cases[i].doc_year, 1, 0};
        scan_opts od = o;
        od.kinds = SCAN_MASK(SCAN_DATE);
        const char *in = cases[i].in;
        size_t len = strlen(in);
        char *copy = strdup(in);
        arena *a = arena_new(0);
        scan_item *it = NULL, *dt = NULL;
        size_t n = 0, nd = 0, r1 = 0, r2 = 0;
        char plain[1024], again[1024], other[1024];
        scan_text(sx, in, len, &o, a, &it, &n);
        ser(plain, sizeof plain, it, n);
        scan_remember(sx, in, len);
        scan_text(sx, in, len, &od, a, &dt, &nd);
        searched += scan_remembered(sx, &r1) > 0;
        CHECK_INT("first scan: nothing read back", 0, (int)r1);
        scan_text(sx, in, len, &o, a, &it, &n);
        ser(again, sizeof again, it, n);
        size_t kept = scan_remembered(sx, &r1);
        read_back += r1 > 0;
        scan_text(sx, copy, len, &o, a, &it, &n);
        ser(other, sizeof other, it, n);
        CHECK_INT("a copy is neither read back nor kept", 1,
                  scan_remembered(sx, &r2) == kept && r2 == r1);
        scan_forget(sx);
        CHECK_STR(in, plain, again);
        CHECK_STR(in, plain, other);
        nothing += scan_remembered(sx, &r2) == 0 && r2 == 0;
        free(copy);
        arena_free(a);
    }
    CHECK_INT("phrases searched (all but the empty ones)", 1,
              searched + 5 > sizeof cases / sizeof cases[0]);
    CHECK_INT("second scans that read back", (int)searched, (int)read_back);
    CHECK_INT("forgotten", (int)(sizeof cases / sizeof cases[0]), (int)nothing);
}

int main(void)
{
    char got[1024];
    arena *a = arena_new(0);
    scan_ctx *sx = NULL;
    CHECK_INT("scan_new", AC_OK, scan_new(NULL, &sx));
    if (!sx)
        return unit_done("test_scan");
    check_remember(sx);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const scase *c = &cases[i];
        /* the case table reads phrases as statements: brackets are negatives */
        scan_opts o = {c->en ? SCAN_LANG_EN : SCAN_LANG_FR, c->kinds, c->doc_year, 1, 0};
        scan_item *it = NULL;
        size_t n = 0;
        ac_error e = scan_text(sx, c->in, strlen(c->in), &o, a, &it, &n);
        if (e != AC_OK)
            snprintf(got, sizeof got, "error %d", (int)e);
        else
            ser(got, sizeof got, it, n);
        CHECK_STR(c->in, c->want, got);
        arena_reset(a);
    }
    /* prose (accounting 0): brackets are an aside, never a minus sign; a
     * plural scale word alone is no figure; an overflowing scale is flagged */
    {
        static const struct { const char *in, *want; } prose[] = {
            {"Le QIP de Gao (48 500 USD) a été inauguré.", "amount 48500 USD exact"},
            {"soit 46,8% en 2016 (47,2% en 2015)", "percent 46.8;percent 47.2"},
            {"(324 projets au total)", "count 324 projects"},
            {"des milliards de dollars au Mali", ""},
            {"Several million dollars were spent", ""},
            {"thousands of people", ""},
        };
        for (size_t i = 0; i < sizeof prose / sizeof prose[0]; i++) {
            scan_item *it;
            size_t n;
            scan_opts o = {SCAN_LANG_FR, SCAN_MASK(SCAN_AMOUNT) | SCAN_MASK(SCAN_PERCENT) |
                           SCAN_MASK(SCAN_COUNT), 0, 0, 0};
            got[0] = '\0';
            if (scan_text(sx, prose[i].in, strlen(prose[i].in), &o, a, &it, &n) == AC_OK) {
                size_t k = 0;
                for (size_t j = 0; j < n && k < sizeof got - 64; j++) {
                    char v[40];
                    scan_num_format(it[j].value, v, sizeof v);
                    k += (size_t)snprintf(got + k, sizeof got - k, "%s%s %s%s%s%s%s", j ? ";" : "",
                                          it[j].kind == SCAN_AMOUNT ? "amount" :
                                          it[j].kind == SCAN_PERCENT ? "percent" : "count", v,
                                          it[j].kind == SCAN_AMOUNT ? " " : "",
                                          it[j].kind == SCAN_AMOUNT ? it[j].currency : "",
                                          it[j].kind == SCAN_COUNT ? " " : "",
                                          it[j].kind == SCAN_COUNT ? it[j].unit : "");
                    if (it[j].kind == SCAN_AMOUNT)
                        k += (size_t)snprintf(got + k, sizeof got - k, " %s", scan_qual_name(it[j].qual));
                }
            }
            CHECK_STR(prose[i].in, prose[i].want, got);
            arena_reset(a);
        }
        {
            const char *digits = "1234567890123456789012 USD";
            scan_item *it2;
            size_t n2;
            scan_opts o2 = {SCAN_LANG_FR, 0, 0, 0, 0};
            scan_text(sx, digits, strlen(digits), &o2, a, &it2, &n2);
            CHECK_INT("22 digits: one item", 1, (long long)n2);
            if (n2 == 1)
                CHECK_INT("22 digits: flagged out of range", 1, it2[0].out_of_range);
            arena_reset(a);
        }
        {   /* cents after a number near the int64 limit: no overflow */
            const char *c2 = "7777777777777777777 dollars 5";
            scan_item *it3;
            size_t n3;
            scan_opts o3 = {SCAN_LANG_FR, 0, 0, 0, 0};
            CHECK_INT("cents near int64 max", AC_OK, scan_text(sx, c2, strlen(c2), &o3, a, &it3, &n3));
            arena_reset(a);
        }
        const char *big = "99999999999 milliards USD";
        scan_item *it;
        size_t n;
        scan_opts o = {SCAN_LANG_FR, 0, 0, 0, 0};
        scan_text(sx, big, strlen(big), &o, a, &it, &n);
        CHECK_INT("overflow: one item", 1, (long long)n);
        if (n == 1)
            CHECK_INT("overflow: flagged out of range", 1, it[0].out_of_range);
        arena_reset(a);
    }
    /* spans: the item covers the whole phrase, num_start points at digits */
    {
        const char *s = "Environ 26% du budget";
        scan_item *it;
        size_t n;
        scan_opts o = {SCAN_LANG_FR, 0, 0, 0, 0};
        scan_text(sx, s, strlen(s), &o, a, &it, &n);
        CHECK_INT("span count", 1, (long long)n);
        if (n == 1) {
            CHECK_INT("26% start", 8, (long long)it[0].start);
            CHECK_INT("26% end", 11, (long long)it[0].end);
        }
        arena_reset(a);
    }
    /* robustness: 1 MB single line, arbitrary bytes */
    {
        size_t big = 1u << 20;
        char *buf = malloc(big);
        if (buf) {
            static const char pat[] = "12 000,5 USD et 3.4% \xC3\xA9 trente-";
            for (size_t i = 0; i < big; i++)
                buf[i] = pat[i % (sizeof pat - 1)];
            scan_item *it;
            size_t n;
            scan_opts o = {SCAN_LANG_FR, 0, 0, 0, 0};
            CHECK_INT("1 MB line", AC_OK, scan_text(sx, buf, big, &o, a, &it, &n));
            CHECK_INT("1 MB line has items", 1, n > 1000);
            arena_reset(a);
            unsigned seed = 12345;
            for (size_t i = 0; i < big; i++) {
                seed = seed * 1103515245u + 12345u;
                buf[i] = (char)(seed >> 16);
            }
            CHECK_INT("random bytes", AC_OK, scan_text(sx, buf, big, &o, a, &it, &n));
            arena_reset(a);
            free(buf);
        }
    }
    CHECK_INT("detect fr", SCAN_LANG_FR,
              scan_detect_lang(" le budget et les projets de la mission ", 40));
    CHECK_INT("detect en", SCAN_LANG_EN,
              scan_detect_lang(" the budget and the projects of the mission to the ", 51));
    CHECK_STR("qual name", "per_year", scan_qual_name(SCAN_Q_PER_YEAR));
    arena_free(a);
    scan_free(sx);
    scan_free(NULL);
    check_two_scanners();
    return unit_done("test_scan");
}
