/*
 * test_number.c — table-driven tests of scan/scan_number.c: the digit normaliser
 * (separators by shape and language), spelled-out French and English
 * numbers, and the scan_num_dec arithmetic and formatting.  A NULL expectation
 * means the input must be rejected (the function returns 0).
 */
#include "../../scan/scan_number.h"
#include "unit.h"

typedef struct {
    const char *in;
    int en;             /* lang_en */
    const char *want;   /* canonical value, or NULL: not a number */
} digit_case;

static const digit_case digits[] = {
    /* the report shapes of DESIGN.md */
    {"838.354,11", 0, "838354.11"},
    {"712.077,4", 0, "712077.4"},
    {"1.405.236,99", 0, "1405236.99"},
    {"85.000", 0, "85000"},
    {"12.1", 0, "12.1"},
    {"12.106.353", 0, "12106353"},
    {"45.317,39", 0, "45317.39"},
    {"11,9", 0, "11.9"},
    {"0,3", 0, "0.3"},
    {"5 000 000", 0, "5000000"},
    {"20\xC2\xA0" "000\xC2\xA0" "000", 0, "20000000"},     /* U+00A0 */
    {"1\xE2\x80\xAF" "099", 0, "1099"},                     /* U+202F */
    {"1\xE2\x80\x89" "099,98", 0, "1099.98"},               /* U+2009 */
    {"123'456", 0, "123456"},
    {"1\xE2\x80\x99" "049,95", 0, "1049.95"},               /* ’ */
    {"545.000", 0, "545000"},
    {"50.000", 0, "50000"},
    /* one mark, language decides */
    {"1,500", 0, "1.5"},
    {"1,500", 1, "1500"},
    {"4,800", 0, "4.8"},
    {"1,234", 0, "1.234"},
    {"1.234", 0, "1234"},
    {"1.234", 1, "1.234"},
    {"1.5", 0, "1.5"},
    {"1.50", 0, "1.5"},
    {"0.125", 0, "0.125"},
    {"01.10", 1, "1.1"},
    {"5,000001", 0, "5.000001"},
    {"123,456", 0, "123.456"},
    /* both marks: the last is the decimal */
    {"1,099.98", 0, "1099.98"},
    {"1.099,98", 1, "1099.98"},
    {"100,000.0", 1, "100000"},
    {"3,400.6", 1, "3400.6"},
    {"987.654,321", 0, "987654.321"},
    {"+1,234,567.8901", 1, "1234567.8901"},
    {"3,000,000", 1, "3000000"},
    {"3,000,000", 0, "3000000"},
    /* spaces group, then one mark is the decimal */
    {"12 345.123", 0, "12345.123"},
    {"1 234,567", 0, "1234.567"},
    {"10 000,00", 0, "10000"},
    /* signs, leading marks, zeros */
    {"-1200000", 0, "-1200000"},
    {"- 1.200.000", 0, "-1200000"},
    {"\xE2\x88\x92" "3,5", 0, "-3.5"},                      /* U+2212 */
    {",08", 0, "0.08"},
    {".77", 1, "0.77"},
    {"0", 0, "0"},
    {"0,00", 0, "0"},
    {"01234,5670", 0, "1234.567"},
    {"1.899,-", 0, "1899"},
    {"123456789101231", 0, "123456789101231"},
    /* rejections */
    {"1.2.3,4,5", 0, NULL},
    {"1,2,3.4.5", 0, NULL},
    {"1.23.456", 0, NULL},
    {"12.34.56", 0, NULL},
    {"1 23 456", 0, NULL},
    {"1 2345", 0, NULL},
    {"1,5 000", 0, NULL},
    {"1.000,5,5", 0, NULL},
    {"", 0, NULL},
    {"-", 0, NULL},
    {"12.", 0, NULL},
    {"12,", 0, NULL},
    {"1..2", 0, NULL},
    {"abc", 0, NULL},
    {"12a", 0, NULL},
    {"1 000 00", 0, NULL},
    {"1234.567.890", 0, NULL},
    {"99999999999999999999", 0, NULL},                      /* overflow */
    {"0.1234567890123456789", 0, NULL},                     /* scale > 18 */
    {"01.000", 0, "1"},   /* a leading 0 cannot start a group: decimal */
};

typedef struct {
    const char *in;
    const char *want;
} word_case;

static const word_case wordsc[] = {
    {"un", "1"}, {"une", "1"}, {"zéro", "0"}, {"onze", "11"}, {"seize", "16"},
    {"dix-sept", "17"}, {"dix sept", "17"}, {"dix-neuf", "19"},
    {"vingt et un", "21"}, {"vingt-et-un", "21"}, {"vingt-trois", "23"},
    {"trente-trois", "33"}, {"soixante-dix", "70"}, {"soixante et onze", "71"},
    {"soixante dix huit", "78"}, {"quatre-vingts", "80"}, {"quatre vingt un", "81"},
    {"quatre-vingt-dix-sept", "97"}, {"quatre vingt dix neuf", "99"},
    {"cent", "100"}, {"cent dix-huit", "118"}, {"deux cents", "200"},
    {"cinq cent trente cinq", "535"}, {"trois cent trente et un", "331"},
    {"mille", "1000"}, {"quatre mille vingt", "4020"},
    {"deux cent mille", "200000"}, {"deux cent deux mille", "202000"},
    {"neuf mille neuf cent quatre-vingt-dix neuf", "9999"},
    {"un million", "1000000"}, {"trois millions", "3000000"},
    {"trois million sept", "3000007"},
    {"un million cinq cent mille", "1500000"},
    {"un million deux cent mille", "1200000"},
    {"deux milliards", "2000000000"}, {"un billion", "1000000000000"},
    {"septante", "70"}, {"huitante", "80"}, {"octante-deux", "82"},
    {"nonante", "90"}, {"nonante-neuf", "99"},
    {"une douzaine", "12"}, {"trois douzaines", "36"},
    {"un demi", "0.5"}, {"un et un demi", "1.5"}, {"cinq et un quart", "5.25"},
    {"trois quarts", "0.75"},
    {"deux cent virgule trois", "200.3"},
    {"deux cent virgule cinquante deux", "200.52"},
    {"moins deux", "-2"},
    /* English */
    {"one", "1"}, {"nineteen", "19"}, {"twenty-one", "21"},
    {"a hundred", "100"}, {"one hundred thousand", "100000"},
    {"three hundred thousand", "300000"}, {"five thousand", "5000"},
    {"twenty-one thousand Eleven", "21011"},
    {"seven hundred twenty-one thousand and twelve", "721012"},
    {"thirty-one million two hundred fifty-six thousand seven hundred twenty-one",
     "31256721"},
    {"three thousand millions", "3000000000"},
    {"one billion", "1000000000"},
    {"two point two million", "2200000"},
    {"three million, two hundred & forty", "3000240"},
    {"minus three million two hundred thousand", "-3200000"},
    /* rejections */
    {"deux trois", NULL}, {"cent cent", NULL}, {"et", NULL}, {"vingt et", NULL},
    {"projets", NULL}, {"", NULL}, {"a", NULL}, {"un deux", NULL},
    {"mille mille", NULL}, {"dix onze", NULL}, {"zéro un", NULL},
};

int main(void)
{
    char buf[64];
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++) {
        scan_num_dec v = {0, 0};
        const digit_case *c = &digits[i];
        int ok = scan_number_digits(c->in, strlen(c->in), c->en, &v);
        CHECK_STR(c->in, c->want, ok ? scan_num_format(v, buf, sizeof buf) : NULL);
    }
    for (size_t i = 0; i < sizeof wordsc / sizeof wordsc[0]; i++) {
        scan_num_dec v = {0, 0};
        const word_case *c = &wordsc[i];
        int ok = scan_number_words(c->in, strlen(c->in), &v);
        CHECK_STR(c->in, c->want, ok ? scan_num_format(v, buf, sizeof buf) : NULL);
    }
    /* arithmetic and formatting */
    scan_num_dec a = {119, 1};
    CHECK_INT("11,9 x 10^6 ok", 1, scan_num_mul_pow10(&a, 6));
    CHECK_STR("11,9 millions", "11900000", scan_num_format(a, buf, sizeof buf));
    scan_num_dec b = {15, 1}, m = {1000000, 0};
    CHECK_INT("1,5 x million ok", 1, scan_num_mul(&b, m));
    CHECK_STR("1,5 million", "1500000", scan_num_format(b, buf, sizeof buf));
    scan_num_dec big = {INT64_MAX / 10, 0};
    CHECK_INT("overflow refused", 0, scan_num_mul_pow10(&big, 2));
    scan_num_dec neg = {-35, 1};
    CHECK_STR("-3.5", "-3.5", scan_num_format(neg, buf, sizeof buf));
    scan_num_dec small = {5, 2};
    CHECK_STR("0.05", "0.05", scan_num_format(small, buf, sizeof buf));
    scan_num_dec tz = {12500, 3};
    CHECK_STR("12.500 -> 12.5", "12.5", scan_num_format(tz, buf, sizeof buf));
    scan_num_dec mn = {INT64_MIN, 0};
    CHECK_STR("INT64_MIN", "-9223372036854775808", scan_num_format(mn, buf, sizeof buf));
    scan_num_dec x = {1100, 3}, y = {11, 1};
    CHECK_INT("1.100 == 1.1", 0, scan_num_cmp(x, y));
    scan_num_dec z = {2, 0};
    CHECK_INT("1.1 < 2", -1, scan_num_cmp(y, z));
    CHECK_INT("zero", 1, scan_num_is_zero((scan_num_dec){0, 3}));
    return unit_done("test_number");
}
