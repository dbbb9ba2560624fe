/* rates.c — exchange-rate tables (see rates.h). */
#include "rates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/diag.h"

typedef struct {
    char cur[8], base[8];
    int year;          /* 0 for a peg valid every year */
    int peg;
    double value;
} rate_row;

typedef struct {
    char code[8];
    char countries[512];
} cur_row;

static rate_row *rows;
static size_t n_rows;
static cur_row *curs;
static size_t n_curs;

/* Split line at tabs into at most max fields (in place). */
static int split(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static FILE *open_ref(const char *dir, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    return fopen(path, "r");
}

ac_error rates_load(const char *dir)
{
    char path[4096], line[2048];
    rates_free();
    FILE *f = open_ref(dir, "rates.tsv", path, sizeof path);
    if (!f) {
        diag_error(path, 0, "cannot open rates table");
        return AC_ERR_IO;
    }
    long ln = 0;
    int header = 1;
    ac_error err = AC_OK;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (header) {
            header = 0;
            continue;
        }
        char *fld[6];
        if (split(line, fld, 6) < 5) {
            diag_error(path, ln, "expected 6 columns");
            err = AC_ERR_PARSE;
            break;
        }
        rate_row r;
        memset(&r, 0, sizeof r);
        snprintf(r.cur, sizeof r.cur, "%s", fld[0]);
        snprintf(r.base, sizeof r.base, "%s", fld[4]);
        r.year = strcmp(fld[1], "*") ? atoi(fld[1]) : 0;
        r.peg = !strcmp(fld[2], "peg");
        char *end;
        r.value = strtod(fld[3], &end);   /* data file: C locale, '.' decimal */
        if (*end || r.value <= 0) {
            diag_error(path, ln, "invalid rate \"%s\"", fld[3]);
            err = AC_ERR_PARSE;
            break;
        }
        rate_row *nr = realloc(rows, (n_rows + 1) * sizeof *nr);
        if (!nr) {
            err = AC_ERR_NOMEM;
            break;
        }
        rows = nr;
        rows[n_rows++] = r;
    }
    fclose(f);
    if (err)
        return err;
    f = open_ref(dir, "currencies.tsv", path, sizeof path);
    if (!f)
        return AC_OK;   /* optional: FCFA then stays as written */
    header = 1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (header) {
            header = 0;
            continue;
        }
        char *fld[5];
        if (split(line, fld, 5) < 4)
            continue;
        cur_row *nc = realloc(curs, (n_curs + 1) * sizeof *nc);
        if (!nc) {
            err = AC_ERR_NOMEM;
            break;
        }
        curs = nc;
        snprintf(curs[n_curs].code, sizeof curs[n_curs].code, "%s", fld[0]);
        snprintf(curs[n_curs].countries, sizeof curs[n_curs].countries, "|%s|", fld[3]);
        n_curs++;
    }
    fclose(f);
    return err;
}

void rates_free(void)
{
    free(rows);
    rows = NULL;
    n_rows = 0;
    free(curs);
    curs = NULL;
    n_curs = 0;
}

static int lookup(const char *cur, int year, double *rate, int *ry, int depth)
{
    if (!strcmp(cur, "USD")) {
        *rate = 1;
        *ry = year;
        return 0;
    }
    if (depth > 3)
        return -1;
    const rate_row *best = NULL;
    int best_dist = 1 << 30;
    for (size_t i = 0; i < n_rows; i++) {
        const rate_row *r = &rows[i];
        if (strcmp(r->cur, cur))
            continue;
        if (r->peg) {
            double b;
            if (lookup(r->base, year, &b, ry, depth + 1))
                return -1;
            *rate = b / r->value;
            return 0;
        }
        int dist = year ? abs(r->year - year) : -r->year;
        if (!best || dist < best_dist) {
            best = r;
            best_dist = dist;
        }
    }
    if (!best)
        return -1;
    *rate = best->value;
    *ry = best->year;
    return 0;
}

int rates_usd_per_unit(const char *cur, int year, double *rate, int *rate_year)
{
    return lookup(cur, year, rate, rate_year, 0);
}

const char *rates_currency_of_country(const char *iso3, const char *provisional)
{
    char key[8];
    snprintf(key, sizeof key, "|%s|", iso3);
    for (size_t i = 0; i < n_curs; i++)
        if ((!strcmp(curs[i].code, "XOF") || !strcmp(curs[i].code, "XAF")) &&
            strstr(curs[i].countries, key))
            return curs[i].code;
    (void)provisional;
    return NULL;
}
