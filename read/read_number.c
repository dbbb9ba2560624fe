/*
 * read_number.c — the text of spreadsheet numbers and dates (read_sheet.h's cell
 * kinds): a double as Excel shows it (15 significant digits, no exponent
 * in the everyday range), an ISO date or a serial date as "yyyy-mm-dd"
 * with "Thh:mm:ss" when there is a time of day.  Pure functions, no state;
 * the caller's buffer holds the result.
 */
#include "read_zip.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

const char *read_sheet_iso_date_text(const char *s, char *buf, size_t size)
{
    while (isspace((unsigned char)*s))
        s++;
    if (size < 20 || strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2)
        || s[7] != '-' || !digits(s + 8, 2))
        return NULL;
    memcpy(buf, s, 10);
    buf[10] = 0;
    const char *t = s + 10;
    if ((*t == 'T' || *t == ' ') && digits(t + 1, 2) && t[3] == ':' && digits(t + 4, 2)) {
        char sec[3] = "00";
        if (t[6] == ':' && digits(t + 7, 2))
            memcpy(sec, t + 7, 2);
        if (memcmp(t + 1, "00", 2) || memcmp(t + 4, "00", 2) || strcmp(sec, "00"))
            snprintf(buf + 10, size - 10, "T%.2s:%.2s:%s", t + 1, t + 4, sec);
    }
    return buf;
}

const char *read_sheet_serial_date_text(double serial, int date1904, char *buf, size_t size)
{
    int secs;
    long ymd = read_sheet_serial_to_ymd(serial, date1904, &secs);
    if (!ymd || size < 20)
        return NULL;
    int n = snprintf(buf, size, "%04ld-%02ld-%02ld", ymd / 10000, ymd / 100 % 100, ymd % 100);
    if (secs && n > 0)
        snprintf(buf + n, size - (size_t)n, "T%02d:%02d:%02d", secs / 3600, secs / 60 % 60,
                 secs % 60);
    return buf;
}
