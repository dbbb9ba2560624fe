/*
 * export_set.c — build's files published as one set (see export.h): the
 * lock of the output directory, the sweep of a killed run's temporary
 * files, the workbooks and rejects.tsv written to temporary names, then all
 * renamed into place and named by the manifest, written last.
 *
 * Memory: the set owns its entries (names, temporary names, SHA-256) until
 * export_set_free.
 */
#include "export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/sha256.h"
#include "../base/strbuf.h"

#define MANIFEST "aidcube-manifest.tsv"
#define LOCK_FILE ".aidcube.lock"

typedef struct {
    char *name;              /* file name in dir                           */
    char *fund;              /* NULL: all funds / not a workbook           */
    char *path;              /* dir/name                                   */
    char *tmp;               /* its temporary file; NULL once in place     */
    size_t rows;
    char sha[65];
} set_entry;

struct export_set {
    char *dir;
    const export_hooks *h;
    int lock_fd;
    set_entry *e;
    size_t n, cap;
};

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* A temporary file of ours: aidcube*.xlsx.tmp-*, rejects.tsv.tmp-*, the
 * manifest's (libzip's own are "NAME.tmp-XXXXXX.XXXXXX": the same prefix). */
static int ours_tmp(const char *n)
{
    if (!strncmp(n, "rejects.tsv.tmp-", 16) || !strncmp(n, MANIFEST ".tmp-", sizeof MANIFEST + 4))
        return 1;
    const char *x = strstr(n, ".xlsx.tmp-");
    return !strncmp(n, "aidcube", 7) && x != NULL;
}

/* Remove what killed runs left: no other aidcube holds the lock. */
static void sweep(export_set *s)
{
    DIR *d = opendir(s->dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!ours_tmp(e->d_name))
            continue;
        char *p = join(s->dir, e->d_name);
        struct stat st;
        if (p && lstat(p, &st) == 0 && S_ISREG(st.st_mode))
            unlink(p);
        free(p);
    }
    if (d)
        closedir(d);
}

ac_error export_set_open(const char *dir, const export_hooks *h, diag *d, export_set **out)
{
    export_set *s = calloc(1, sizeof *s);
    char *lp = NULL;
    *out = NULL;
    if (!s || !(s->dir = strdup(dir)) || !(lp = join(dir, LOCK_FILE))) {
        free(s ? s->dir : NULL);
        free(s);
        diag_error(d, dir, 0, "out of memory");
        return AC_ERR_NOMEM;
    }
    s->h = h;
    s->lock_fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    free(lp);
    if (s->lock_fd < 0 || flock(s->lock_fd, LOCK_EX) != 0) {
        diag_error(d, dir, 0, "cannot lock the output directory (%s): %s", LOCK_FILE,
                   strerror(errno));
        export_set_free(s);
        return AC_ERR_IO;
    }
    sweep(s);
    *out = s;
    return AC_OK;
}

static set_entry *add_entry(export_set *s, const char *name, const char *fund)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 8;
        set_entry *ne = realloc(s->e, nc * sizeof *ne);
        if (!ne)
            return NULL;
        s->e = ne;
        s->cap = nc;
    }
    set_entry *e = &s->e[s->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = strdup(name)) || (fund && !(e->fund = strdup(fund)))) {
        free(e->name);
        return NULL;
    }
    s->n++;
    return e;
}

const char *export_set_file_name(const char *fund, char *buf, size_t size)
{
    char sname[128];
    if (!fund) {
        snprintf(buf, size, "aidcube.xlsx");
        return buf;
    }
    export_sheet_name(fund, sname, sizeof sname);
    if (!strcmp(sname, fund)) {
        snprintf(buf, size, "aidcube-%s.xlsx", sname);
        return buf;
    }
    char h[65];
    sha256_hex(fund, strlen(fund), h);
    snprintf(buf, size, "aidcube-%s-%.8s.xlsx", sname, h);
    return buf;
}

/* The entry of a temporary file just written: its SHA-256 and rows. */
static ac_error entry_done(export_set *s, const char *name, const char *fund, char *tmp,
                           size_t rows, diag *d)
{
    set_entry *e = add_entry(s, name, fund);
    if (e && !(e->path = join(s->dir, name))) {
        free(e->name);
        free(e->fund);
        s->n--;
        e = NULL;
    }
    if (!e) {
        unlink(tmp);
        if (s->h && s->h->tmp_drop)
            s->h->tmp_drop(s->h->ctx, tmp);
        free(tmp);
        diag_error(d, s->dir, 0, "%s: out of memory", name);
        return AC_ERR_NOMEM;
    }
    e->tmp = tmp;
    e->rows = rows;
    if (sha256_file(tmp, e->sha) != 0) {
        diag_error(d, tmp, 0, "cannot read back: %s", strerror(errno));
        return AC_ERR_IO;
    }
    return AC_OK;
}

ac_error export_set_workbook(export_set *s, const cube *c, const finding_list *fl,
                             const export_opts *o, const char *fund, diag *d)
{
    char name[192], *path, *tmp;
    export_set_file_name(fund, name, sizeof name);
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->e[i].name, name)) {
            diag_error(d, s->dir, 0, "two funds would share the workbook \"%s\"", name);
            return AC_ERR_USAGE;
        }
    if (!(path = join(s->dir, name))) {
        diag_error(d, s->dir, 0, "%s: out of memory", name);
        return AC_ERR_NOMEM;
    }
    export_opts so = *o;
    so.hooks = s->h;
    ac_error err = export_workbook_tmp(c, fl, &so, path, d, &tmp);
    free(path);
    return err ? err : entry_done(s, name, fund, tmp, c->m ? c->m->f.n : 0, d);
}

ac_error export_set_rejects(export_set *s, const export_reject *r, size_t n, diag *d)
{
    char *path = join(s->dir, "rejects.tsv"), *tmp;
    if (!path) {
        diag_error(d, s->dir, 0, "rejects.tsv: out of memory");
        return AC_ERR_NOMEM;
    }
    ac_error err = export_rejects_tmp(r, n, path, s->h, d, &tmp);
    free(path);
    return err ? err : entry_done(s, "rejects.tsv", NULL, tmp, n, d);
}

static void hold(const export_set *s, int on)
{
    if (s->h && s->h->hold)
        s->h->hold(s->h->ctx, on);
}

static int in_set(const export_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->e[i].name, name))
            return 1;
    return 0;
}

/* A name the manifest may have written: aidcube*.xlsx or rejects.tsv. */
static int ours_name(const char *n)
{
    size_t l = strlen(n);
    if (strchr(n, '/') || !strcmp(n, ".") || !strcmp(n, ".."))
        return 0;
    return !strcmp(n, "rejects.tsv") ||
           (!strncmp(n, "aidcube", 7) && l > 12 && !strcmp(n + l - 5, ".xlsx"));
}

/* The previous set's files that the new set does not name, removed when
 * they are still what the previous manifest says. */
static void remove_gone(const export_set *s, char *prev)
{
    for (char *line = prev, *next; line && *line; line = next) {
        if ((next = strchr(line, '\n')))
            *next++ = '\0';
        char *name = line, *tab = strchr(line, '\t'), *sha, *end;
        if (!tab || !strncmp(line, "file\t", 5))
            continue;
        *tab = '\0';
        if (!(sha = strchr(tab + 1, '\t')) || !(end = strchr(++sha, '\t')) || end - sha != 64)
            continue;
        *end = '\0';
        if (!ours_name(name) || in_set(s, name))
            continue;
        char *p = join(s->dir, name), now[65];
        if (p && sha256_file(p, now) == 0 && !strcmp(now, sha))
            unlink(p);
        free(p);
    }
}

/* A manifest names a few dozen files: one larger than this is not ours. */
#define MANIFEST_MAX ((size_t)64 << 20)

/* The previous manifest's text (NULL: none, or unreadable). */
static char *read_prev(const char *path)
{
    return strbuf_read_path(path, MANIFEST_MAX, NULL);
}

/* The manifest into a temporary file *out, synced and registered, to be
 * renamed over path once the files it names are in place. */
static ac_error write_manifest(export_set *s, const char *path, diag *d, char **out)
{
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    *out = NULL;
    if (!tmp) {
        diag_error(d, path, 0, "out of memory");
        return AC_ERR_NOMEM;
    }
    snprintf(tmp, pl + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd >= 0 && s->h && s->h->tmp_add && s->h->tmp_add(s->h->ctx, tmp) != 0) {
        close(fd);
        unlink(tmp);
        free(tmp);
        diag_error(d, path, 0, "out of memory");
        return AC_ERR_NOMEM;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    int bad = !f;
    if (f) {
        mode_t um = umask(0);
        umask(um);
        (void)fchmod(fd, 0666 & ~um);
        fputs("file\tfund\tsha256\trows\n", f);
        for (size_t i = 0; i < s->n; i++) {
            diag_put_escaped(f, s->e[i].name);
            fputc('\t', f);
            diag_put_escaped(f, s->e[i].fund ? s->e[i].fund : "");
            fprintf(f, "\t%s\t%zu\n", s->e[i].sha, s->e[i].rows);
        }
        bad = fflush(f) != 0 || fsync(fd) != 0;
        bad |= fclose(f) != 0;
    } else if (fd >= 0)
        close(fd);
    if (bad) {
        diag_error(d, path, 0, "cannot write the manifest: %s", strerror(errno));
        if (fd >= 0) {
            unlink(tmp);
            if (s->h && s->h->tmp_drop)
                s->h->tmp_drop(s->h->ctx, tmp);
        }
        free(tmp);
        return AC_ERR_IO;
    }
    *out = tmp;
    return AC_OK;
}

static ac_error rename_all(export_set *s, diag *d)
{
    for (size_t i = 0; i < s->n; i++) {
        if (rename(s->e[i].tmp, s->e[i].path)) {
            diag_error(d, s->e[i].path, 0, "cannot rename \"%s\" into place: %s",
                       s->e[i].tmp, strerror(errno));
            return AC_ERR_IO;
        }
        if (s->h && s->h->tmp_drop)
            s->h->tmp_drop(s->h->ctx, s->e[i].tmp);
        free(s->e[i].tmp);
        s->e[i].tmp = NULL;
    }
    return AC_OK;
}

ac_error export_set_publish(export_set *s, diag *d)
{
    char *man = join(s->dir, MANIFEST);
    if (!man) {
        diag_error(d, s->dir, 0, "out of memory");
        return AC_ERR_NOMEM;
    }
    char *prev = read_prev(man), *mtmp = NULL;
    diag_checkpoint(d, "export");   /* every file at its temporary name */
    /* nothing is allocated once the first file is renamed */
    ac_error err = write_manifest(s, man, d, &mtmp);
    hold(s, 1);
    if (!err)
        err = rename_all(s, d);
    if (!err && rename(mtmp, man)) {
        diag_error(d, man, 0, "cannot write the manifest: %s", strerror(errno));
        err = AC_ERR_IO;
    }
    if (mtmp) {
        if (err)
            unlink(mtmp);
        if (s->h && s->h->tmp_drop)
            s->h->tmp_drop(s->h->ctx, mtmp);
        free(mtmp);
    }
    if (!err)
        remove_gone(s, prev);
    if (!err) {
        int fd = open(s->dir, O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            (void)fsync(fd);             /* the renames, durable */
            close(fd);
        }
    }
    hold(s, 0);
    free(prev);
    free(man);
    return err;
}

void export_set_free(export_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        if (s->e[i].tmp) {
            unlink(s->e[i].tmp);
            if (s->h && s->h->tmp_drop)
                s->h->tmp_drop(s->h->ctx, s->e[i].tmp);
        }
        free(s->e[i].tmp);
        free(s->e[i].path);
        free(s->e[i].name);
        free(s->e[i].fund);
    }
    free(s->e);
    if (s->lock_fd >= 0)
        close(s->lock_fd);          /* releases the lock */
    free(s->dir);
    free(s);
}
