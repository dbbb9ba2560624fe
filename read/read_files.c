/* read_files.c — FILE|DIR arguments to a sorted file list (see read_files.h). */
#include "read_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../base/diag.h"

/* The extensions a directory's entry is read by: report text, the
 * spreadsheets of read_sheet.h, and the office documents the reader names
 * and rejects (they need converting first: a data officer must hear of
 * them, not find them skipped). */
static const char *const source_ext[] = {"txt", "csv", "tsv", "xlsx", "xlsm", "ods", "xls",
                                         "pdf", "doc", "docx", "odt"};
#define SOURCE_EXT_TEXT ".txt, .csv, .tsv, .xlsx, .xlsm, .ods and .xls"

/* The skip warning names files up to this many bytes, then counts the
 * rest: a diagnostic holds 1,024 bytes (diag.c). */
#define SKIP_NAMES_MAX 640

int read_files_is_source(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return 0;
    for (size_t i = 0; i < sizeof source_ext / sizeof *source_ext; i++)
        if (!strcasecmp(dot + 1, source_ext[i]))
            return 1;
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* A growing array of strings in the arena. */
static ac_error push_str(char ***v, size_t *n, size_t *cap, arena *a, const char *p)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **np = arena_grow(a, *v, *n, nc, sizeof *np);
        if (!np)
            return AC_ERR_NOMEM;
        *v = np;
        *cap = nc;
    }
    if (!((*v)[*n] = arena_strdup(a, p)))
        return AC_ERR_NOMEM;
    (*n)++;
    return AC_OK;
}

typedef struct {
    read_file_list *l;
    arena *a;
    diag *dg;
    size_t cap, cap_rej;
} expand_ctx;

/* path could not be read: reported (why) and kept with its reason. */
static ac_error reject(expand_ctx *x, const char *path, const char *why)
{
    read_file_list *l = x->l;
    diag_error(x->dg, path, 0, "%s", why);
    if (l->n_missing == x->cap_rej) {
        size_t nc = x->cap_rej ? x->cap_rej * 2 : 8;
        read_file_reject *nr = arena_grow(x->a, l->rejected, l->n_missing, nc, sizeof *nr);
        if (!nr)
            return AC_ERR_NOMEM;
        l->rejected = nr;
        x->cap_rej = nc;
    }
    read_file_reject *r = &l->rejected[l->n_missing];
    if (!(r->path = arena_strdup(x->a, path)) || !(r->reason = arena_strdup(x->a, why)))
        return AC_ERR_NOMEM;
    l->n_missing++;
    return AC_OK;
}

/* One warning naming the entries of dir that were skipped (sorted). */
static void warn_skipped(expand_ctx *x, const char *dir, char **names, size_t n)
{
    char list[SKIP_NAMES_MAX + 64];
    size_t o = 0, shown = 0;
    qsort(names, n, sizeof *names, cmp_str);
    list[0] = '\0';
    for (; shown < n; shown++) {
        size_t len = strlen(names[shown]);
        if (o + len + 2 > SKIP_NAMES_MAX)
            break;
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", shown ? ", " : "", names[shown]);
    }
    if (shown < n)
        snprintf(list + o, sizeof list - o, "%sand %zu more", shown ? ", " : "", n - shown);
    diag_warn(x->dg, dir, 0, "%zu %s skipped (a directory gives its %s files, not its "
              "subdirectories; name a file to read it whatever its name): %s",
              n, n == 1 ? "entry" : "entries", SOURCE_EXT_TEXT, list);
}

/* The regular files of directory arg whose names say they are sources. */
static ac_error expand_dir(expand_ctx *x, const char *arg)
{
    read_file_list *l = x->l;
    DIR *d = opendir(arg);
    if (!d) {
        char why[256];
        snprintf(why, sizeof why, "cannot open directory: %s", strerror(errno));
        return reject(x, arg, why);
    }
    size_t first = l->n, n_skip = 0, cap_skip = 0, len = strlen(arg);
    char **skip = NULL;
    ac_error err = AC_OK;
    struct dirent *e;
    while (!err && (e = readdir(d))) {
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        char *p = arena_printf(x->a, "%s%s%s", arg, len && arg[len - 1] == '/' ? "" : "/",
                               e->d_name);
        if (!p) {
            err = AC_ERR_NOMEM;
            break;
        }
        int st_ok = stat(p, &st) == 0;
        if (st_ok && S_ISDIR(st.st_mode)) {        /* not recursively */
            char *dn = arena_printf(x->a, "%s/", e->d_name);
            err = dn ? push_str(&skip, &n_skip, &cap_skip, x->a, dn) : AC_ERR_NOMEM;
        } else if (!st_ok || !S_ISREG(st.st_mode))
            /* a FIFO, a device, a socket, a dangling link: rejected */
            err = reject(x, p, "not a regular file: skipped");
        else if (!read_files_is_source(e->d_name))
            err = push_str(&skip, &n_skip, &cap_skip, x->a, e->d_name);
        else
            err = push_str(&l->path, &l->n, &x->cap, x->a, p);
    }
    closedir(d);
    if (err)
        return err;
    if (l->n > first)
        qsort(l->path + first, l->n - first, sizeof *l->path, cmp_str);
    if (n_skip)
        warn_skipped(x, arg, skip, n_skip);
    l->n_skipped += n_skip;
    if (l->n == first && !n_skip)
        diag_warn(x->dg, arg, 0, "no files in this directory");
    return AC_OK;
}

ac_error read_files_expand(char *const *args, size_t n_args, diag *dg, arena *a, read_file_list *out)
{
    expand_ctx x = {.l = out, .a = a, .dg = dg};
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n_args; i++) {
        struct stat st;
        const char *arg = args[i];
        ac_error err;
        if (stat(arg, &st) != 0) {
            char why[256];
            snprintf(why, sizeof why, "cannot read: %s", strerror(errno));
            err = reject(&x, arg, why);
        } else if (!S_ISDIR(st.st_mode))
            err = push_str(&out->path, &out->n, &x.cap, a, arg);
        else
            err = expand_dir(&x, arg);
        if (err)
            return err;
    }
    return AC_OK;
}
