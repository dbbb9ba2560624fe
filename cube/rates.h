/*
 * rates.h — exchange rates to USD, from fixtures/ref/rates.tsv, and the
 * currency a country writes as "FCFA", from fixtures/ref/currencies.tsv.
 *
 * An amount is converted at the annual average rate of the year of its period
 * (the last year of a span; the document's year when the text states none).
 * Pegged currencies (XOF, XAF: 655.957 per EUR) go through their base.  When
 * the year has no rate, the nearest year that has one is used, and the year
 * actually used is returned so that it can be shown beside the value.
 *
 * The tables are process-wide, loaded once by rates_load() and freed by
 * rates_free().
 */
#ifndef AC_RATES_H
#define AC_RATES_H

#include "../src/error.h"

ac_error rates_load(const char *ref_dir);
void rates_free(void);

/* USD per one unit of currency cur in year (0: latest).  Returns 0 and sets
 * *rate and *rate_year, or -1 when no rate is known. */
int rates_usd_per_unit(const char *cur, int year, double *rate, int *rate_year);

/* For a CFA franc amount in country iso3: "XOF" or "XAF", or NULL. */
const char *rates_currency_of_country(const char *iso3, const char *provisional);

#endif
