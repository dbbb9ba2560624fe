/* export_rejects.c — the spreadsheet rows a run did not load, as the TSV
 * written beside the workbooks (export.h). */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../read/read_sheet.h"

static void put_rejects(FILE *f, const export_reject *r, size_t n)
{
    fputs("file\tsheet\trow\tcolumn\traw\treason\n", f);
    for (size_t i = 0; i < n; i++) {
        char cn[8] = "";
        if (r[i].col)
            read_sheet_col_name(r[i].col, cn, sizeof cn);
        diag_put_escaped(f, r[i].path);
        fputc('\t', f);
        diag_put_escaped(f, r[i].sheet);
        fprintf(f, "\t%ld\t%s\t", r[i].row, cn);
        diag_put_escaped(f, r[i].raw);
        fputc('\t', f);
        diag_put_escaped(f, r[i].reason);
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

ac_error export_rejects(const export_reject *r, size_t n, const char *path, diag *d)
{
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    if (!tmp)
        return cannot_write(d, path, ENOMEM);
    snprintf(tmp, pl + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int why = errno;
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        return cannot_write(d, path, why);
    }
    put_rejects(f, r, n);
    int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path)) {
        int why = errno;
        unlink(tmp);
        free(tmp);
        return cannot_write(d, path, why);
    }
    free(tmp);
    return AC_OK;
}
