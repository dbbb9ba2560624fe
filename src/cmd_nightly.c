/*
 * cmd_nightly.c — `aidcube nightly --config FILE`: one unattended run, by
 * the in-process route (the archive is the warehouse) or, with db, the
 * warehouse route (each source loaded by `aidcube load`, in a child).
 *
 * A run: takes the lock (ARCHIVE/.aidcube-nightly.lock, flock: the kernel
 * drops it when a run dies; the pid written in it says a run was killed),
 * lists the inbox, reads every new source on its own (pipeline_run.h),
 * moves a bad one to the quarantine with NAME.reason beside it and a good
 * one to ARCHIVE/YYYY-MM-DD/ (UTC), then builds the cube, the checks and
 * the workbooks from the archive (the latest version of each name) into
 * the output folder as `build` does (one set, published as a whole), and
 * writes the report (stdout, the log, OUTPUT/nightly-report.txt).
 *
 * Inbox entries: hidden names are not looked at (rsync's and editors'
 * temporary files); a .part or .tmp name, or a file whose size or mtime
 * changes within NIGHTLY_SETTLE_MS, waits for the next night; a name that
 * is not a source aidcube reads (read_files_is_source) is named and left.
 * A source whose bytes (SHA-256) are already in the archive is removed
 * from the inbox, reported "skipped" (the archive holds the same bytes).
 * A file is moved with link()+unlink() (never over another file); across
 * file systems it is copied to a hidden temporary file first.  A name
 * already taken in the day's folder (a changed source arriving twice the
 * same day) gets a suffix before its extension: NAME~2.EXT, NAME~3.EXT...
 * The build reads, of every name (the suffix aside), only its latest
 * version (latest day, then highest suffix): a changed source replaces the
 * old one in the cube; the old one stays in the archive.
 *
 * With db: the schema "aidcube" must be at this aidcube's version; a new
 * source (bytes not archived) is loaded by this binary's `load --quiet
 * --db CONNINFO [--max-rejects N] -- INBOX/NAME` (one batch) and archived
 * only when its batch was committed or skipped (its bytes loaded already:
 * a run killed after the commit); a failed load leaves it in the inbox
 * (S_FAILED, exit 2).  The build reads the warehouse (pipeline.h, db).
 *
 * Exit: 0 all well, 1 something quarantined or some rows rejected this
 * night, 2 the run failed (config, lock held, a folder, the warehouse, a
 * load or the build).
 *
 * Memory: every list (inbox entries, archive index) is malloc'd and freed
 * before cmd_nightly returns; the pipeline owns the build's model.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../base/sha256.h"
#include "../pipeline/pipeline.h"
#include "../read/read_files.h"
#include "cmd.h"
#include "cmd_nightly.h"

/* A file still being copied into the inbox changes its size or mtime
 * within this time (a copy that stalls longer is seen again next night,
 * when its size has changed, or read truncated: the reader rejects most
 * truncated files).  In test mode (AIDCUBE_TEST) AIDCUBE_NIGHTLY_SETTLE_MS
 * sets it (milliseconds); never otherwise. */
#define NIGHTLY_SETTLE_MS 2000
#define NIGHTLY_LOCK ".aidcube-nightly.lock"
/* What a run did to each source, one report line each, appended as it
 * goes and removed once its report is written: a run killed before its
 * report leaves it, and the next run reports it. */
#define NIGHTLY_JOURNAL ".aidcube-nightly.journal"
/* how many versions of one name one day may hold (NAME~2 ... NAME~999) */
#define NIGHTLY_MAX_SUFFIX 999

enum { S_CANDIDATE, S_LOADED, S_SKIPPED, S_QUARANTINED, S_WAITING, S_IGNORED, S_FAILED };

typedef struct {
    char *name, *path;        /* inbox entry, INBOX/NAME                     */
    int state;
    char *why;                /* quarantined: the reason; loaded or skipped:
                                 where in the archive (DAY/NAME)            */
    size_t rows_rejected;
    int read;                 /* 1: the reader handed it out (not rejected) */
    char batch[64];           /* the warehouse route: "batch N: STATUS"    */
    long long batch_key;      /* N                                          */
    struct stat st;           /* the first look                            */
    char sha[65];
} nightly_src;

typedef struct {
    char *path;               /* ARCHIVE/DAY/FILE                          */
    const char *rel;          /* DAY/FILE, in path                         */
    char sha[65];
} nightly_archived;

typedef struct {
    const cmd_nightly_config *c;
    diag *d;
    nightly_src *v;
    size_t n, cap;
    nightly_archived *a;
    size_t na, cap_a;
    char day[11];             /* YYYY-MM-DD, UTC                           */
    size_t rows_rejected;
    warehouse *w;             /* the warehouse route, else NULL            */
    progress *pg;             /* the command's progress line (may be off)  */
    char *earlier;            /* the journal of a run stopped before its
                                 report (NIGHTLY_JOURNAL), or NULL         */
} nightly;

static void report_line(FILE *f, const nightly_src *s);

/* ---- small helpers ---------------------------------------------------- */

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcasecmp(s + n - k, suf);
}

/* DAY is YYYY-MM-DD */
static int is_day(const char *s)
{
    static const char pat[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof pat - 1; i++)
        if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
            return 0;
    return s[sizeof pat - 1] == '\0';
}

/* The version suffix of an archived name ("a~3.xlsx": 3; none: 1) and the
 * length of the name without it in *stem_len, its extension in *ext. */
static long name_version(const char *name, size_t *stem_len, const char **ext)
{
    const char *dot = strrchr(name, '.');
    *ext = dot && dot != name ? dot : name + strlen(name);
    const char *t = *ext;
    while (t > name && t[-1] >= '0' && t[-1] <= '9')
        t--;
    *stem_len = (size_t)(*ext - name);
    if (t == *ext || t - 1 <= name || t[-1] != '~')
        return 1;
    *stem_len = (size_t)(t - 1 - name);
    return strtol(t, NULL, 10);
}

/* Do two archived names stand for the same source (the suffix aside)? */
static int same_name(const char *x, const char *y)
{
    size_t lx, ly;
    const char *ex, *ey;
    name_version(x, &lx, &ex);
    name_version(y, &ly, &ey);
    return lx == ly && !strncmp(x, y, lx) && !strcmp(ex, ey);
}

static int mkdir_one(const char *dir, diag *d)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0 || (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)))
        return 0;
    diag_error(d, dir, 0, "cannot create directory: %s", errno == EEXIST ? "a file of that name exists"
               : strerror(errno));
    return -1;
}

/* ---- the lock --------------------------------------------------------- */

/* The fd holding the lock, or -1 (said: held by another run, or an error). */
static int lock_take(const char *archive, diag *d)
{
    char *path = join(archive, NIGHTLY_LOCK);
    int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
    char pid[32] = "";
    if (fd >= 0) {
        ssize_t k = read(fd, pid, sizeof pid - 1);
        pid[k > 0 ? k : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
    }
    if (fd < 0)
        diag_error(d, path ? path : archive, 0, "cannot open the lock: %s", strerror(errno));
    else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        diag_error(d, path, 0, errno == EWOULDBLOCK ? "another nightly run holds the lock "
                   "(process %s): this run stops" : "cannot lock (process %s): %s",
                   *pid ? pid : "unknown", strerror(errno));
        close(fd);
        fd = -1;
    } else {
        if (*pid)
            diag_warn(d, path, 0, "lock left by process %s, which is no longer running: taken over", pid);
        char me[32];
        int k = snprintf(me, sizeof me, "%ld\n", (long)getpid());
        if (ftruncate(fd, 0) != 0 || pwrite(fd, me, (size_t)k, 0) != k)
            diag_warn(d, path, 0, "cannot write the pid: %s", strerror(errno));
    }
    free(path);
    return fd;
}

/* Release: an empty lock file says the last run ended. */
static void lock_release(int fd)
{
    if (fd < 0)
        return;
    if (ftruncate(fd, 0) != 0) {
        /* the next run only warns of a stale lock */
    }
    close(fd);
}

/* ---- the archive index ------------------------------------------------ */

static int archive_add(nightly *n, const char *path, const char *sha)
{
    if (n->na == n->cap_a) {
        size_t cap = n->cap_a ? n->cap_a * 2 : 64;
        nightly_archived *a = realloc(n->a, cap * sizeof *a);
        if (!a)
            return -1;
        n->a = a;
        n->cap_a = cap;
    }
    nightly_archived *e = &n->a[n->na];
    e->path = strdup(path);
    if (!e->path)
        return -1;
    e->rel = e->path + strlen(n->c->archive) + 1;
    memcpy(e->sha, sha, 65);
    n->na++;
    return 0;
}

/* A hidden ".NAME.PID.tmp" in an archive folder is the copy a killed run
 * was making (copy_link, across file systems): the lock is ours, remove it. */
static void sweep_copy(const char *dir, const char *name, diag *d)
{
    if (!has_suffix(name, ".tmp") || !strcmp(name, ".tmp"))
        return;
    char *p = join(dir, name);
    if (p && unlink(p) == 0)
        diag_warn(d, p, 0, "a copy left by a killed run: removed");
    free(p);
}

/* The files of one day's folder; 0 or -1 (said). */
static int archive_day(nightly *n, const char *day)
{
    char *dir = join(n->c->archive, day);
    DIR *dp = dir ? opendir(dir) : NULL;
    if (!dp) {
        diag_error(n->d, dir ? dir : day, 0, "cannot list: %s", strerror(errno));
        free(dir);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dp))) {
        if (e->d_name[0] == '.') {
            sweep_copy(dir, e->d_name, n->d);
            continue;
        }
        char *p = join(dir, e->d_name), sha[65];
        struct stat st;
        if (!p || lstat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        if (sha256_file(p, sha) != 0) {
            diag_error(n->d, p, 0, "cannot read: %s", strerror(errno));
            rc = -1;
        } else
            rc = archive_add(n, p, sha);
        free(p);
    }
    closedir(dp);
    free(dir);
    return rc;
}

/* Every archived file (ARCHIVE/YYYY-MM-DD/FILE) and its SHA-256. */
static int archive_index(nightly *n)
{
    DIR *dp = opendir(n->c->archive);
    if (!dp) {
        diag_error(n->d, n->c->archive, 0, "cannot list: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dp)))
        if (is_day(e->d_name))
            rc = archive_day(n, e->d_name);
    closedir(dp);
    return rc;
}

/* The name an inbox entry takes in the archive: its own, or, when it
 * already ends in a version suffix (NAME~2.EXT, which the archive would
 * read as version 2 of NAME.EXT), NAME~2~1.EXT: version 1 of its own name.
 * Into buf (size bytes); buf. */
static const char *archive_form(const char *name, char *buf, size_t size)
{
    size_t stem;
    const char *ext;
    if (name_version(name, &stem, &ext) == 1 && stem == (size_t)(ext - name))
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%.*s~1%s", (int)(ext - name), name, ext);
    return buf;
}

/* Is a[i] the latest version of its name (latest day, then suffix)? */
static int archive_latest(const nightly *n, size_t i)
{
    const char *bi = strrchr(n->a[i].rel, '/') + 1;
    size_t li;
    const char *ei;
    long vi = name_version(bi, &li, &ei);
    for (size_t j = 0; j < n->na; j++) {
        const char *bj = strrchr(n->a[j].rel, '/') + 1;
        if (j == i || !same_name(bi, bj))
            continue;
        int day = strncmp(n->a[j].rel, n->a[i].rel, 10);
        size_t lj;
        const char *ej;
        if (day > 0 || (day == 0 && name_version(bj, &lj, &ej) > vi))
            return 0;
    }
    return 1;
}

/* The archived file that holds s's bytes, when s brings nothing new: the
 * current version of its own name, or a file of another name (a copy);
 * NULL when its bytes are new, or are only an older version of its own
 * name (a correction sent back: it becomes the current version again). */
static const nightly_archived *already_archived(const nightly *n, const char *name,
                                                const char *sha)
{
    char form[1024];
    archive_form(name, form, sizeof form);
    const nightly_archived *other = NULL;
    for (size_t i = 0; i < n->na; i++) {
        if (strcmp(n->a[i].sha, sha) != 0)
            continue;
        if (!same_name(strrchr(n->a[i].rel, '/') + 1, form))
            other = other ? other : &n->a[i];
        else if (archive_latest(n, i))
            return &n->a[i];
    }
    return other;
}

/* ---- the inbox -------------------------------------------------------- */

static nightly_src *src_add(nightly *n, const char *name)
{
    if (n->n == n->cap) {
        size_t cap = n->cap ? n->cap * 2 : 32;
        nightly_src *v = realloc(n->v, cap * sizeof *v);
        if (!v)
            return NULL;
        n->v = v;
        n->cap = cap;
    }
    nightly_src *s = &n->v[n->n];
    memset(s, 0, sizeof *s);
    s->name = strdup(name);
    s->path = join(n->c->inbox, name);
    if (!s->name || !s->path) {
        free(s->name);
        free(s->path);
        return NULL;
    }
    n->n++;
    return s;
}

static int src_cmp(const void *x, const void *y)
{
    return strcmp(((const nightly_src *)x)->name, ((const nightly_src *)y)->name);
}

/* What an inbox entry is at the first look. */
static void src_classify(nightly_src *s)
{
    if (lstat(s->path, &s->st) != 0 || !S_ISREG(s->st.st_mode)) {
        s->state = S_IGNORED;
        s->why = strdup("not a regular file");
    } else if (has_suffix(s->name, ".part") || has_suffix(s->name, ".tmp")) {
        s->state = S_WAITING;
        s->why = strdup("still being written (.part or .tmp name)");
    } else if (!read_files_is_source(s->name)) {
        s->state = S_IGNORED;
        s->why = strdup("not a format aidcube reads");
    }
}

/* List the inbox (sorted by name); 0 or -1 (said). */
static int inbox_list(nightly *n)
{
    DIR *dp = opendir(n->c->inbox);
    if (!dp) {
        diag_error(n->d, n->c->inbox, 0, "cannot list: %s", strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue;
        nightly_src *s = src_add(n, e->d_name);
        if (!s)
            rc = -1;
        else
            src_classify(s);
    }
    closedir(dp);
    if (n->n)
        qsort(n->v, n->n, sizeof *n->v, src_cmp);
    return rc;
}

/* The second look: a candidate whose size or mtime changed waits. */
static void inbox_settle(nightly *n)
{
    size_t k = 0;
    for (size_t i = 0; i < n->n; i++)
        k += n->v[i].state == S_CANDIDATE;
    if (!k)
        return;
    const char *env = getenv("AIDCUBE_TEST") ? getenv("AIDCUBE_NIGHTLY_SETTLE_MS") : NULL;
    long ms = env && *env ? strtol(env, NULL, 10) : NIGHTLY_SETTLE_MS;
    ms = ms < 0 ? 0 : ms;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    for (size_t i = 0; i < n->n; i++) {
        nightly_src *s = &n->v[i];
        struct stat st;
        if (s->state != S_CANDIDATE)
            continue;
        if (stat(s->path, &st) != 0 || st.st_size != s->st.st_size ||
            st.st_mtim.tv_sec != s->st.st_mtim.tv_sec || st.st_mtim.tv_nsec != s->st.st_mtim.tv_nsec) {
            s->state = S_WAITING;
            s->why = strdup("still being written (size or time changed)");
        }
    }
}

/* ---- moving a file, never over another -------------------------------- */

/* Copy from to a hidden temporary file in to's folder, then link it into
 * place (across file systems); 0, or -1 with errno (EEXIST: to is taken). */
static int copy_link(const char *from, const char *to)
{
    const char *slash = strrchr(to, '/');
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%.*s/.%s.%ld.tmp", (int)(slash - to), to, slash + 1, (long)getpid());
    int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
    if (in >= 0)
        out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out >= 0) {
        char buf[65536];
        ssize_t k;
        while ((k = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)k) != k)
                break;
        rc = k == 0 && fsync(out) == 0 ? 0 : -1;
    }
    int e = errno;
    if (out >= 0 && close(out) != 0)
        rc = -1;
    if (in >= 0)
        close(in);
    if (rc == 0)
        rc = link(tmp, to);
    e = rc ? errno : e;
    unlink(tmp);
    errno = e;
    return rc;
}

/* Move from into dir under name, or NAME~2.EXT... when taken; the final
 * path (malloc'd), or NULL with errno set (said).  A link where it can be
 * made, else (another file system; a file of another user, which the
 * kernel's protected_hardlinks refuses to link; a file system with no
 * links) a copy.  *kept: 0, or the errno of an unlink that failed (the
 * file is in both places: said).  The checkpoint point (may be NULL) is
 * passed when the file is in both folders. */
static char *move_into(const char *from, const char *dir, const char *name, const char *point,
                       diag *d, int *kept)
{
    size_t stem;
    const char *ext;
    name_version(name, &stem, &ext);
    stem = (size_t)(ext - name);
    *kept = 0;
    for (long v = 1; v <= NIGHTLY_MAX_SUFFIX; v++) {
        char to[4096];
        if (v == 1)
            snprintf(to, sizeof to, "%s/%s", dir, name);
        else
            snprintf(to, sizeof to, "%s/%.*s~%ld%s", dir, (int)stem, name, v, ext);
        int rc = link(from, to);
        if (rc != 0 && (errno == EXDEV || errno == EPERM || errno == EOPNOTSUPP || errno == EMLINK))
            rc = copy_link(from, to);
        if (rc == 0) {
            diag_checkpoint(d, point);     /* in both places: the next run skips it */
            if (unlink(from) != 0) {
                *kept = errno;
                diag_error(d, from, 0, "moved to %s but not removed: %s", to, strerror(errno));
            }
            char *p = strdup(to);
            if (!p)
                errno = ENOMEM;
            return p;
        }
        if (errno != EEXIST) {
            int e = errno;
            diag_error(d, from, 0, "cannot move to %s: %s", to, strerror(e));
            errno = e;
            return NULL;
        }
    }
    diag_error(d, from, 0, "cannot move into %s: %d files of that name already", dir, NIGHTLY_MAX_SUFFIX);
    errno = EEXIST;
    return NULL;
}

/* s failed (left in the inbox, or in two places): why, formatted. */
static int src_failed(nightly_src *s, const char *fmt, const char *a, const char *b)
{
    char why[1024];
    snprintf(why, sizeof why, fmt, a, b);
    free(s->why);
    s->why = strdup(why);
    s->state = S_FAILED;
    return s->why ? 0 : -1;
}

/* Quarantine s with NAME.reason beside it; 0, or -1 out of memory (a file
 * that cannot be moved or given its reason is S_FAILED, said). */
static int quarantine(nightly *n, nightly_src *s)
{
    int kept;
    char *to = move_into(s->path, n->c->quarantine, s->name, NULL, n->d, &kept);
    if (!to)
        return src_failed(s, "cannot be moved into the quarantine (%s): %s", s->why,
                          strerror(errno));
    char *rpath = malloc(strlen(to) + sizeof ".reason");
    FILE *f = NULL;
    if (rpath) {
        sprintf(rpath, "%s.reason", to);
        f = fopen(rpath, "w");
    }
    int rc = f ? 0 : -1;
    if (f) {
        fprintf(f, "%s\n", s->why);
        rc = fclose(f) == 0 ? 0 : -1;
    }
    if (rc)
        diag_error(n->d, rpath ? rpath : to, 0, "cannot write the reason: %s", strerror(errno));
    free(rpath);
    free(to);
    s->state = S_QUARANTINED;
    if (kept)
        return src_failed(s, "quarantined (%s), but not removed from the inbox: %s", s->why,
                          strerror(kept));
    return 0;
}

/* A quarantined file with no NAME.reason: the run that moved it was killed
 * before it wrote why; the reason says so (the lock is ours). */
static void quarantine_sweep(const nightly *n)
{
    DIR *dp = opendir(n->c->quarantine);
    struct dirent *e;
    while (dp && (e = readdir(dp))) {
        if (e->d_name[0] == '.' || has_suffix(e->d_name, ".reason"))
            continue;
        char *p = join(n->c->quarantine, e->d_name);
        char *r = p ? malloc(strlen(p) + sizeof ".reason") : NULL;
        struct stat st;
        if (r && (sprintf(r, "%s.reason", p), lstat(p, &st) == 0) && S_ISREG(st.st_mode) &&
            access(r, F_OK) != 0) {
            FILE *f = fopen(r, "w");
            if (f) {
                fputs("quarantined by a run that was stopped before it wrote why: "
                      "'aidcube extract' on the file says\n", f);
                fclose(f);
            }
        }
        free(r);
        free(p);
    }
    if (dp)
        closedir(dp);
}

/* Archive s into the day's folder (or skip it: the same bytes are
 * archived already); 0 or -1 (said). */
static int archive_src(nightly *n, nightly_src *s)
{
    const nightly_archived *old = already_archived(n, s->name, s->sha);
    free(s->why);
    s->why = NULL;
    if (old) {
        s->state = S_SKIPPED;
        s->why = strdup(old->rel);
        if (s->why && unlink(s->path) != 0) {
            diag_error(n->d, s->path, 0, "already archived as %s, not removed: %s", old->rel,
                       strerror(errno));
            return src_failed(s, "already archived as %s, but not removed from the inbox: %s",
                              old->rel, strerror(errno));
        }
        return s->why ? 0 : -1;
    }
    char *dir = join(n->c->archive, n->day), form[1024];
    int kept = 0;
    archive_form(s->name, form, sizeof form);
    char *to = dir && mkdir_one(dir, n->d) == 0 ? move_into(s->path, dir, form, "archive", n->d, &kept)
                                                : NULL;
    int e = errno;
    int rc = to ? archive_add(n, to, s->sha) : 0;
    s->state = S_LOADED;
    if (to && rc == 0)
        s->why = strdup(n->a[n->na - 1].rel);
    free(to);
    free(dir);
    if (!to && e != ENOMEM)
        return src_failed(s, "cannot be moved into the archive, %s: %s", n->day, strerror(e));
    if (rc != 0 || !s->why)
        return -1;
    if (kept)
        return src_failed(s, "archived as %s, but not removed from the inbox: %s",
                          n->a[n->na - 1].rel, strerror(kept));
    return 0;
}

/* ---- reading the new sources ------------------------------------------ */

static nightly_src *src_by_path(nightly *n, const char *path)
{
    for (size_t i = 0; i < n->n; i++)
        if (n->v[i].state == S_CANDIDATE && !strcmp(n->v[i].path, path))
            return &n->v[i];
    return NULL;
}

/* Hash the candidates; those archived already are skipped.  The others
 * in *args (their paths, borrowed), *n_args. */
static int intake_hash(nightly *n, char ***args, size_t *n_args)
{
    *args = malloc((n->n ? n->n : 1) * sizeof **args);
    *n_args = 0;
    if (!*args)
        return -1;
    for (size_t i = 0; i < n->n; i++) {
        nightly_src *s = &n->v[i];
        if (s->state != S_CANDIDATE)
            continue;
        if (sha256_file(s->path, s->sha) != 0) {
            int e = errno;
            if (e == ENOENT) {           /* gone since the first look */
                s->state = S_WAITING;
                s->why = strdup("gone from the inbox since it was listed");
            } else if (src_failed(s, "cannot be read: %s%s", strerror(e), "") != 0)
                return -1;
            else
                diag_error(n->d, s->path, 0, "cannot read: %s", strerror(e));
        } else if (already_archived(n, s->name, s->sha)) {
            if (archive_src(n, s) != 0)
                return -1;
        } else
            (*args)[(*n_args)++] = s->path;
    }
    return 0;
}

/* Read every new source on its own (one reference data load); each read
 * source's rejected rows, each rejected file's reason.  RUN_* status. */
static int intake_read(nightly *n, const pipeline_run_opts *ro, char **args, size_t n_args)
{
    if (!n_args)
        return RUN_OK;
    pipeline_run_ctx rc;
    int st = pipeline_run_begin(&rc, ro, n->d, args, n_args);
    if (st != RUN_OK)
        return st;
    pipeline_run_doc doc;
    while (pipeline_run_next(&rc, &doc) == 1) {
        nightly_src *s = src_by_path(n, doc.text.path);
        if (s) {
            s->rows_rejected = doc.rejects.n;
            s->read = 1;
        }
        pipeline_run_doc_done(&rc, &doc);
        diag_checkpoint(n->d, "extract");
    }
    for (size_t i = 0; i < rc.n_rejected; i++) {
        nightly_src *s = src_by_path(n, rc.rejected[i].path);
        if (s && !s->why) {
            s->why = strdup(rc.rejected[i].reason);
            s->state = S_QUARANTINED;      /* moved by intake_move */
        }
    }
    /* a candidate the reader neither handed out nor named: never archived */
    for (size_t i = 0; i < n->n; i++)
        if (n->v[i].state == S_CANDIDATE && !n->v[i].read && !n->v[i].why &&
            already_archived(n, n->v[i].name, n->v[i].sha) == NULL) {
            n->v[i].why = strdup("not read");
            n->v[i].state = S_QUARANTINED;
        }
    return pipeline_run_end(&rc) == RUN_FAILED ? RUN_FAILED : RUN_OK;
}

/* The warehouse route: load s as `aidcube load --db CONNINFO FILE` does (this
 * binary, one batch, its line kept in s->batch).  0 when its batch was
 * committed or skipped (the same bytes loaded already), else -1: s stays
 * in the inbox (S_FAILED, said by the load). */
static int load_one(nightly *n, nightly_src *s)
{
    char exe[4096];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    int fds[2];
    if (k <= 0 || pipe(fds) != 0)
        return -1;
    exe[k] = '\0';
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[10] = {exe, "load", "--quiet", "--db", n->c->db}, **a = argv + 5;
        if (n->c->max_rejects) {
            *a++ = "--max-rejects";
            *a++ = n->c->max_rejects;
        }
        *a++ = "--";
        *a++ = s->path;
        *a = NULL;
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(exe, argv);
        _exit(127);
    }
    close(fds[1]);
    char out[512], buf[512];          /* its one line; the rest drained */
    size_t got = 0;
    ssize_t r;
    while ((r = read(fds[0], buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR)) {
        size_t take = r > 0 ? (size_t)r : 0;
        take = take < sizeof out - 1 - got ? take : sizeof out - 1 - got;
        memcpy(out + got, buf, take);
        got += take;
    }
    out[got] = '\0';
    close(fds[0]);
    int st = -1;
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    long long batch;
    char status[16];
    if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) <= 1 &&
        sscanf(out, "batch %lld: %15[a-z]:", &batch, status) == 2 && strcmp(status, "failed")) {
        snprintf(s->batch, sizeof s->batch, "batch %lld: %s", batch, status);
        s->batch_key = batch;
        return 0;
    }
    free(s->why);
    s->state = S_FAILED;
    s->why = strdup("not loaded into the warehouse: left in the inbox");
    return -1;
}

/* Append s's report line to the journal (best effort: a journal that
 * cannot be written costs only the report of a run killed later). */
static void journal_add(const nightly *n, const nightly_src *s)
{
    char *path = join(n->c->archive, NIGHTLY_JOURNAL);
    FILE *f = path ? fopen(path, "a") : NULL;
    if (f) {
        report_line(f, s);
        fclose(f);
    }
    free(path);
}

/* The journal a run stopped before its report left (n->earlier), or none. */
static void journal_read(nightly *n)
{
    char *path = join(n->c->archive, NIGHTLY_JOURNAL);
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f) {
        size_t len = 0;
        char *text = NULL;
        FILE *m = open_memstream(&text, &len);
        int ch;
        while (m && (ch = fgetc(f)) != EOF)
            fputc(ch, m);
        if (m && fclose(m) == 0 && len)
            n->earlier = text;
        else
            free(text);
        fclose(f);
    }
    free(path);
}

static void journal_done(const nightly *n)
{
    char *path = join(n->c->archive, NIGHTLY_JOURNAL);
    if (path)
        unlink(path);
    free(path);
}

/* load_one, then one more source done on the progress line. */
static int load_counted(nightly *n, nightly_src *s)
{
    int rc = load_one(n, s);
    progress_step(n->pg);
    return rc;
}

/* The sources the warehouse route loads (the progress line's total). */
static size_t to_load(const nightly *n)
{
    size_t k = 0;
    for (size_t i = 0; n->w && i < n->n; i++)
        k += n->v[i].state == S_CANDIDATE && !already_archived(n, n->v[i].name, n->v[i].sha);
    return k;
}

/* Move what was read: quarantined or archived.  0 or -1 (said). */
static int intake_move(nightly *n)
{
    int rc = 0;
    if (n->w)
        progress_total(n->pg, to_load(n));
    for (size_t i = 0; rc == 0 && i < n->n; i++) {
        nightly_src *s = &n->v[i];
        if (s->state == S_QUARANTINED && !s->why)
            rc = -1;                      /* out of memory */
        else if (s->state == S_QUARANTINED) {
            rc = quarantine(n, s);
            journal_add(n, s);
        }
        else if (s->state == S_CANDIDATE && n->w && !already_archived(n, s->name, s->sha) &&
                 load_counted(n, s) != 0)
            continue;                     /* left in the inbox; the run fails */
        else if (s->state == S_CANDIDATE) {
            rc = archive_src(n, s);
            n->rows_rejected += s->rows_rejected;
            journal_add(n, s);
        }
    }
    return rc;
}

/* ---- the build and the report ------------------------------------------ */

/* What the build made, for the report. */
typedef struct {
    int built;                /* 1: workbooks written                      */
    size_t sources, facts;
    size_t verdicts[4];       /* ok, mismatch, unverifiable, invalid       */
    const char *not_built;    /* why not, when built is 0                  */
} nightly_build;

/* The build's messages: those about an archived source (its rows not
 * loaded, its warnings) were said the night it came; the others (the
 * output folder, memory) are said. */
static void build_sink(diag_level level, const char *file, long line, const char *message,
                       void *ctx)
{
    const char *archive = ctx;
    size_t n = strlen(archive);
    if (file && !strncmp(file, archive, n) && file[n] == '/')
        return;
    diag_write_stderr(level, file, line, message);
}

/* Build from the latest version of every archived name; 0, or -1 when the
 * run failed (said). */
static int build(nightly *n, const pipeline_run_opts *ro, nightly_build *b)
{
    char **args = malloc((n->na ? n->na : 1) * sizeof *args);
    size_t k = 0;
    if (!args)
        return -1;
    for (size_t i = 0; !n->w && i < n->na; i++)
        if (archive_latest(n, i))
            args[k++] = n->a[i].path;
    if (!k && !n->w) {
        b->not_built = "nothing archived yet";
        free(args);
        return 0;
    }
    pipeline_opts po = {.run = *ro, .check = {.tolerance = n->c->tolerance},
                        .test_mode = getenv("AIDCUBE_TEST") != NULL, .db = n->w};
    po.run.quiet = 1;         /* their warnings were given the night they came */
    po.run.progress = NULL;   /* the line counts the inbox's sources, read
                                 once (it would start again from 0 here) */
    diag bd;
    diag_init(&bd);
    bd.sink = build_sink;
    bd.ctx = n->c->archive;
    bd.checkpoint = n->d->checkpoint;
    pipeline p;
    memset(&p, 0, sizeof p);
    int rc = 0;
    if (pipeline_run(&p, &po, args, k, &bd) != AC_OK)
        rc = -1;
    else if (p.n_loaded == 0)
        b->not_built = n->w ? "the warehouse holds no source: workbooks left as they were"
                            : "no archived source could be read: workbooks left as they were";
    else if (cmd_build_write(&p, &po.check, n->c->output, n->c->split, &bd) != EXIT_OK)
        rc = -1;
    else {
        b->built = 1;
        b->sources = p.n_loaded;
        b->facts = p.m->f.n;
        for (int v = 0; v < 4; v++)
            b->verdicts[v] = check_count(&p.findings, (check_verdict)v);
    }
    pipeline_free(&p);
    free(args);
    return rc;
}

static const char *const state_word[] = {
    [S_LOADED] = "loaded", [S_SKIPPED] = "skipped", [S_QUARANTINED] = "quarantined",
    [S_WAITING] = "waiting", [S_IGNORED] = "ignored", [S_FAILED] = "failed",
};

/* One line per inbox entry. */
static void report_sources(FILE *f, const nightly *n)
{
    for (size_t i = 0; i < n->n; i++)
        if (n->v[i].state != S_CANDIDATE)   /* not reached: the run failed before */
            report_line(f, &n->v[i]);
}

/* One inbox entry's line of the report. */
static void report_line(FILE *f, const nightly_src *s)
{
    fprintf(f, "%-12s", state_word[s->state]);
    diag_put_escaped(f, s->name);
    fputs(s->state == S_LOADED ? ": archived as " : s->state == S_SKIPPED
          ? ": already loaded, archived as " : ": ", f);
    diag_put_escaped(f, s->why ? s->why : "out of memory");
    if (s->state == S_SKIPPED)
        fputs(" (removed from the inbox)", f);
    if (s->rows_rejected)
        fprintf(f, " (rows rejected: %zu)", s->rows_rejected);
    if (s->state == S_LOADED && s->batch[0])
        fprintf(f, " (%s)", s->batch);
    fputc('\n', f);
}

static size_t count_state(const nightly *n, int state)
{
    size_t k = 0;
    for (size_t i = 0; i < n->n; i++)
        k += n->v[i].state == state;
    return k;
}

/* The whole report; its exit status in *status.  not_recorded: the
 * warehouse did not take the report (exit 2). */
static void report_write(FILE *f, const nightly *n, const nightly_build *b, int failed,
                         int not_recorded, long seconds, int *status)
{
    size_t q = count_state(n, S_QUARANTINED);
    /* what a run stopped before its report did: quarantined or rejected
     * this night for the reader as well */
    int earlier = n->earlier && (!strncmp(n->earlier, "quarantined ", 12) ||
                                 strstr(n->earlier, "\nquarantined ") ||
                                 strstr(n->earlier, " (rows rejected: "));
    *status = failed || not_recorded || count_state(n, S_FAILED) ? 2
            : q || n->rows_rejected || earlier ? 1 : 0;
    if (n->earlier)
        fprintf(f, "a run stopped before its report did:\n%s"
                "this run:\n", n->earlier);
    report_sources(f, n);
    fprintf(f, "sources: %zu seen, %zu loaded, %zu skipped, %zu quarantined, %zu waiting, "
            "%zu ignored\n", n->n, count_state(n, S_LOADED), count_state(n, S_SKIPPED), q,
            count_state(n, S_WAITING), count_state(n, S_IGNORED));
    fprintf(f, "rows rejected: %zu\n", n->rows_rejected);
    if (b->built)
        fprintf(f, "cube: %zu facts from %zu sources; findings: %zu ok, %zu mismatch, "
                "%zu unverifiable, %zu invalid\n", b->facts, b->sources, b->verdicts[VERDICT_OK],
                b->verdicts[VERDICT_MISMATCH], b->verdicts[VERDICT_UNVERIFIABLE],
                b->verdicts[VERDICT_INVALID]);
    else
        fprintf(f, "cube: not built: %s\n", failed ? "the run failed" : b->not_built);
    if (not_recorded)
        fputs("warehouse: this report could not be recorded (nightly_run)\n", f);
    fprintf(f, "seconds: %ld\nexit: %d\n", seconds, *status);
}

/* The report into the warehouse's nightly_run and nightly_source; 0 or
 * -1 (said). */
static int report_record(const nightly *n, const nightly_build *b, const char *text,
                         long seconds, int status, time_t t0)
{
    warehouse_run_source *src = calloc(n->n + 1, sizeof *src);
    if (!src)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < n->n; i++) {
        const nightly_src *s = &n->v[i];
        if (s->state == S_CANDIDATE)
            continue;
        src[k++] = (warehouse_run_source){.name = s->name, .outcome = state_word[s->state],
                                          .detail = s->why, .rows_rejected = s->rows_rejected,
                                          .batch = s->state == S_LOADED ? s->batch_key : 0};
    }
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    const char *user = getenv("USER");
    warehouse_run r = {
        .started = t0, .os_user = user, .host = host[0] ? host : NULL, .version = AC_VERSION,
        .seen = n->n, .loaded = count_state(n, S_LOADED), .skipped = count_state(n, S_SKIPPED),
        .quarantined = count_state(n, S_QUARANTINED), .waiting = count_state(n, S_WAITING),
        .ignored = count_state(n, S_IGNORED), .failed = count_state(n, S_FAILED),
        .rows_rejected = n->rows_rejected, .built = b->built, .facts = b->facts,
        .not_built = b->built ? NULL : b->not_built ? b->not_built : "the run failed",
        .seconds = seconds, .exit_status = status, .report = text, .src = src, .n_src = k};
    memcpy(r.verdicts, b->verdicts, sizeof r.verdicts);
    int rc = warehouse_record_run(n->w, &r, n->d) == AC_OK ? 0 : -1;
    free(src);
    return rc;
}

/* OUTPUT/nightly-report.txt, through a temporary file renamed into place. */
static int report_file(const nightly *n, const char *text, size_t len)
{
    char *path = join(n->c->output, "nightly-report.txt");
    char *tmp = path ? join(n->c->output, ".nightly-report.txt.tmp") : NULL;
    FILE *f = tmp ? fopen(tmp, "w") : NULL;
    int rc = f && fwrite(text, 1, len, f) == len ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc) {
        diag_error(n->d, path ? path : n->c->output, 0, "cannot write: %s", strerror(errno));
        if (tmp)
            unlink(tmp);
    }
    free(tmp);
    free(path);
    return rc;
}

/* Append to the log, after a line naming the run. */
static int report_log(const nightly *n, const char *text, size_t len)
{
    FILE *f = fopen(n->c->log, "a");
    time_t now = time(NULL);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    int rc = f && fprintf(f, "== aidcube nightly %s (process %ld)\n", when, (long)getpid()) > 0 &&
             fwrite(text, 1, len, f) == len ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    if (rc)
        diag_error(n->d, n->c->log, 0, "cannot write the log: %s", strerror(errno));
    return rc;
}

/* Say the report everywhere it goes; the exit status. */
static int report(const nightly *n, const nightly_build *b, int failed, time_t t0)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return 2;
    long seconds = getenv("AIDCUBE_TEST") ? 0 : (long)(time(NULL) - t0);
    int status;
    report_write(f, n, b, failed, 0, seconds, &status);
    if (fclose(f) != 0) {
        free(text);
        return 2;
    }
    if (n->w && report_record(n, b, text, seconds, status, t0) != 0) {
        free(text);
        f = open_memstream(&text, &len);
        if (!f)
            return 2;
        report_write(f, n, b, failed, 1, seconds, &status);
        if (fclose(f) != 0) {
            free(text);
            return 2;
        }
    }
    fwrite(text, 1, len, stdout);
    int written = fflush(stdout) == 0;
    if (n->c->log && report_log(n, text, len) != 0)
        status = 2, written = 0;
    if (report_file(n, text, len) != 0)
        status = 2, written = 0;
    if (written)
        journal_done(n);          /* its lines are in this report */
    free(text);
    return status;
}

/* ---- the command ------------------------------------------------------- */

/* The run options of the config (max_rejects). */
static void nightly_run_opts(const cmd_nightly_config *c, pipeline_run_opts *ro)
{
    cmd_run_opts_init(ro);
    if (c->max_rejects)
        run_opts_parse(ro, OPT_MAX_REJECTS, c->max_rejects);  /* checked by the config */
}

/* The warehouse route: connect, the schema at this aidcube's version.
 * 0 or -1 (said). */
static int nightly_connect(nightly *n)
{
    int version = 0;
    if (warehouse_connect(n->c->db, "aidcube", n->d, &n->w) != AC_OK ||
        warehouse_version(n->w, &version, n->d) != AC_OK)
        return -1;
    if (version >= WH_SCHEMA_VERSION)
        return 0;
    diag_error(n->d, NULL, 0, "database: schema \"aidcube\" is at version %d, this aidcube "
               "reads version %d: run 'aidcube db init' or 'aidcube db migrate'", version,
               WH_SCHEMA_VERSION);
    return -1;
}

/* Everything after the lock; 0 or -1 (the run failed, said). */
static int nightly_steps(nightly *n, nightly_build *b)
{
    pipeline_run_opts ro;
    nightly_run_opts(n->c, &ro);
    if (!n->c->db)
        ro.progress = n->pg;      /* the sources read; with db, those loaded */
    char **args = NULL;
    size_t n_args = 0;
    journal_read(n);
    if ((n->c->db && nightly_connect(n) != 0) || archive_index(n) != 0 || inbox_list(n) != 0)
        return -1;
    quarantine_sweep(n);
    diag_checkpoint(n->d, "listing");
    inbox_settle(n);
    int rc = intake_hash(n, &args, &n_args);
    if (rc == 0 && intake_read(n, &ro, args, n_args) != RUN_OK)
        rc = -1;
    free(args);
    if (rc == 0)
        rc = intake_move(n);
    return rc == 0 ? build(n, &ro, b) : -1;
}

static void nightly_free(nightly *n)
{
    for (size_t i = 0; i < n->n; i++) {
        free(n->v[i].name);
        free(n->v[i].path);
        free(n->v[i].why);
    }
    for (size_t i = 0; i < n->na; i++)
        free(n->a[i].path);
    free(n->v);
    free(n->a);
    free(n->earlier);
    warehouse_free(n->w);
}

static const char nightly_help[] =
"Usage: aidcube nightly --config FILE\n"
"One unattended run of the nightly batch: take the lock, read every new\n"
"source of the inbox on its own, quarantine the bad ones (with NAME.reason\n"
"beside them), archive the good ones in ARCHIVE/YYYY-MM-DD/ (with db, once\n"
"loaded into the warehouse), rebuild the cube, the checks and the workbooks\n"
"from the archive (or the warehouse), and report (stdout,\n"
"the log, OUTPUT/nightly-report.txt).  The config file and the rules are\n"
"in README.md (\"Nightly batch\").\n"
"\n"
"  -c, --config=FILE    the config file (required)\n"
"  -q, --quiet          no progress line on a terminal (sources read, or\n"
"                       with db loaded, of how many)\n"
"  -h, --help           show this help and exit\n"
"\n"
"Exit status: 0 all well; 1 a source was quarantined or rows were rejected;\n"
"2 the run failed (a bad config, another run holds the lock, a folder that\n"
"cannot be read or written, the warehouse or a load failed, the build).\n";

#define FOLDERS_APART "give each of inbox, archive, quarantine and output a folder of its own"

/* Is folder a the same as b, or inside it? (both resolved) */
static int inside(const char *a, const char *b)
{
    size_t n = strlen(b);
    return !strncmp(a, b, n) && (a[n] == '\0' || a[n] == '/' || (n == 1 && b[0] == '/'));
}

/* The four folders are four, none inside another (an output inside the
 * inbox would be read back as sources, a quarantine in the inbox
 * quarantined again every night), and the log can be appended to: before
 * the run touches anything.  0, or -1 (said, naming the config). */
static int folders_apart(const cmd_nightly_config *c, const char *config, diag *d)
{
    const char *key[4] = {"inbox", "archive", "quarantine", "output"};
    const char *dir[4] = {c->inbox, c->archive, c->quarantine, c->output};
    char *real[4] = {0};
    int rc = 0;
    for (int i = 0; i < 4 && rc == 0; i++)
        if (!(real[i] = realpath(dir[i], NULL)) && !(i == 0 && errno == ENOENT)) {
            diag_error(d, dir[i], 0, "%s: %s", key[i], strerror(errno));
            rc = -1;
        }                         /* (an inbox not there: the listing says so) */
    for (int i = 0; i < 4 && rc == 0; i++)
        for (int j = 0; j < 4 && rc == 0; j++)
            if (i != j && real[i] && real[j] && inside(real[i], real[j])) {
                if (strcmp(real[i], real[j]))
                    diag_error(d, config, 0, "%s (%s) is inside %s (%s): %s", key[i], real[i],
                               key[j], real[j], FOLDERS_APART);
                else
                    diag_error(d, config, 0, "%s and %s are the same folder (%s): %s", key[i],
                               key[j], real[i], FOLDERS_APART);
                rc = -1;
            }
    for (int i = 0; i < 4; i++)
        free(real[i]);
    FILE *f = rc == 0 && c->log ? fopen(c->log, "a") : NULL;
    if (rc == 0 && c->log && (!f || fclose(f) != 0)) {
        diag_error(d, c->log, 0, "cannot write the log: %s", strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Config, folders, lock, run, report. */
static int nightly_main(const char *config, int quiet)
{
    diag dg;
    diag_init(&dg);
    progress pg;
    cmd_progress_init(&pg, &dg, quiet, 0);
    cmd_checkpoint_init(&dg);
    cmd_nightly_config c;
    if (cmd_nightly_config_read(config, &c, &dg) != 0)
        return 2;
    time_t t0 = time(NULL);
    nightly n = {.c = &c, .d = &dg, .pg = &pg};
    strftime(n.day, sizeof n.day, "%Y-%m-%d", gmtime(&t0));
    int fd = -1, status = 2;
    if (mkdir_one(c.archive, &dg) == 0 && mkdir_one(c.quarantine, &dg) == 0 &&
        mkdir_one(c.output, &dg) == 0 && folders_apart(&c, config, &dg) == 0 &&
        (fd = lock_take(c.archive, &dg)) >= 0) {
        nightly_build b = {0};
        int failed = nightly_steps(&n, &b) != 0;
        progress_finish(&pg);
        status = report(&n, &b, failed, t0);
    }
    lock_release(fd);
    progress_finish(&pg);
    dg.progress = NULL;
    nightly_free(&n);
    cmd_nightly_config_free(&c);
    return status;
}

int cmd_nightly(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *config = NULL;
    int c, quiet = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":c:qh", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(nightly_help, stdout);
            return EXIT_OK;
        }
        if (c == 'q') {
            quiet = 1;
            continue;
        }
        if (c != 'c')
            return run_opts_error("nightly", c, argv);
        config = optarg;
    }
    if (optind < argc)
        return cmd_usage_error("nightly", "unexpected argument \"%s\"", argv[optind]);
    if (!config)
        return cmd_usage_error("nightly", "no config file (--config FILE)");
    return nightly_main(config, quiet);
}
