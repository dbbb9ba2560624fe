/* read_files.c — FILE|DIR arguments to a sorted file list (see read_files.h). */
#include "read_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/diag.h"

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static ac_error push(read_file_list *l, size_t *cap, arena *a, const char *p)
{
    if (l->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **np = arena_grow(a, l->path, l->n, nc, sizeof *np);
        if (!np)
            return AC_ERR_NOMEM;
        l->path = np;
        *cap = nc;
    }
    if (!(l->path[l->n] = arena_strdup(a, p)))
        return AC_ERR_NOMEM;
    l->n++;
    return AC_OK;
}

ac_error read_files_expand(char *const *args, size_t n_args, diag *dg, arena *a, read_file_list *out)
{
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n_args; i++) {
        struct stat st;
        const char *arg = args[i];
        if (stat(arg, &st) != 0) {
            diag_error(dg, arg, 0, "cannot read: %s", strerror(errno));
            out->n_missing++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (push(out, &cap, a, arg))
                return AC_ERR_NOMEM;
            continue;
        }
        DIR *d = opendir(arg);
        if (!d) {
            diag_error(dg, arg, 0, "cannot open directory: %s", strerror(errno));
            out->n_missing++;
            continue;
        }
        size_t first = out->n;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            size_t len = strlen(arg);
            char *p = arena_printf(a, "%s%s%s", arg,
                                   len && arg[len - 1] == '/' ? "" : "/", e->d_name);
            if (!p) {
                closedir(d);
                return AC_ERR_NOMEM;
            }
            int st_ok = stat(p, &st) == 0;
            if (st_ok && S_ISDIR(st.st_mode))
                continue;                /* not recursively */
            if (!st_ok || !S_ISREG(st.st_mode)) {
                /* a FIFO, a device, a socket, a dangling link: rejected */
                diag_error(dg, p, 0, "not a regular file: skipped");
                out->n_missing++;
                continue;
            }
            if (push(out, &cap, a, p)) {
                closedir(d);
                return AC_ERR_NOMEM;
            }
        }
        closedir(d);
        if (out->n > first)
            qsort(out->path + first, out->n - first, sizeof *out->path, cmp_str);
        else
            diag_warn(dg, arg, 0, "no files in this directory");
    }
    return AC_OK;
}
