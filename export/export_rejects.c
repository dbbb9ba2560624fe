/* export_rejects.c — the files a run did not read and the spreadsheet rows
 * it did not load, as the TSV written beside the workbooks (export.h).
 *
 * A field that a spreadsheet program would read as a formula (it starts
 * with = + - @, a tab or a carriage return: OWASP's CSV injection list) is
 * written with a leading apostrophe, "'=cmd|' /C calc'!A0": opened in Excel
 * or LibreOffice it is text, never run. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../read/read_sheet.h"

/* A field, escaped (diag.h), an apostrophe first when it would be a formula. */
static void put_field(FILE *f, const char *s)
{
    if (s && *s && strchr("=+-@\t\r", *s))
        fputc('\'', f);
    diag_put_escaped(f, s);
}

static void put_rejects(FILE *f, const export_reject *r, size_t n)
{
    fputs("file\tsheet\trow\tcolumn\traw\treason\n", f);
    for (size_t i = 0; i < n; i++) {
        char cn[8] = "";
        if (r[i].col)
            read_sheet_col_name(r[i].col, cn, sizeof cn);
        put_field(f, r[i].path);
        fputc('\t', f);
        put_field(f, r[i].sheet);
        if (r[i].row > 0)                   /* a file not read has no row */
            fprintf(f, "\t%ld\t%s\t", r[i].row, cn);
        else
            fprintf(f, "\t\t%s\t", cn);
        put_field(f, r[i].raw);
        fputc('\t', f);
        put_field(f, r[i].reason);
        fputc('\n', f);
    }
}

/* Report that the rows cannot be written, for the reason in errno:
 * AC_ERR_NOMEM when it is a want of memory, else AC_ERR_IO. */
static ac_error cannot_write(diag *d, const char *path, int why)
{
    if (why == ENOMEM)
        return diag_fail(d, AC_ERR_NOMEM, path, 0, "cannot write the rejected rows: out of memory");
    return diag_fail(d, AC_ERR_IO, path, 0, "cannot write the rejected rows: %s", strerror(why));
}

ac_error export_rejects_tmp(const export_reject *r, size_t n, const char *path,
                            const export_hooks *h, diag *d, char **out)
{
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    *out = NULL;
    if (!tmp)
        return cannot_write(d, path, ENOMEM);
    snprintf(tmp, pl + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        mode_t um = umask(0);
        umask(um);
        (void)fchmod(fd, 0666 & ~um);   /* as the workbooks: the umask's mode */
    }
    if (fd >= 0 && h && h->tmp_add && h->tmp_add(h->ctx, tmp) != 0) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return cannot_write(d, path, ENOMEM);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int why = errno;
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
            if (h && h->tmp_drop)
                h->tmp_drop(h->ctx, tmp);
        }
        free(tmp);
        return cannot_write(d, path, why);
    }
    put_rejects(f, r, n);
    int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad) {
        int why = errno;
        unlink(tmp);
        if (h && h->tmp_drop)
            h->tmp_drop(h->ctx, tmp);
        free(tmp);
        return cannot_write(d, path, why);
    }
    *out = tmp;
    return AC_OK;
}

ac_error export_rejects(const export_reject *r, size_t n, const char *path, diag *d)
{
    char *tmp;
    ac_error err = export_rejects_tmp(r, n, path, NULL, d, &tmp);
    if (err)
        return err;
    if (rename(tmp, path)) {
        err = cannot_write(d, path, errno);
        unlink(tmp);
    }
    free(tmp);
    return err;
}
