/*
 * read_xls_child.c — read_xls(): FreeXL run in a child process.
 *
 * FreeXL 1.0 (Debian 12's) has memory errors on crafted files: a few bytes
 * changed in a real workbook make it write outside its buffers (found by
 * tests/fuzz/fuzz_xls.c).  One such file in a nightly inbox must not stop
 * the run, nor every run after it.  So the child reads the workbook
 * (read_xls_freexl, read_xls.c) and sends the book and its messages down a
 * pipe; the parent rebuilds the book in the caller's arena and says the
 * messages on the caller's diag.  A child that dies, loops (past
 * XLS_CHILD_SECONDS) or says too much is a file not read: AC_ERR_PARSE,
 * `FILE: not a readable .xls file: FreeXL stopped on it (...)`.
 *
 * A process with threads (sources read in parallel, pipeline_run.h) must
 * not fork: a lock another thread held at the fork (the allocator's, the
 * sanitizers') stays held in the child, which then hangs until its alarm.
 * So the command gives its own binary as l->xls_program, and the child is
 * that program started afresh (posix_spawn), READ_XLS_CHILD_ARG, the path
 * and the limits as its arguments, the pipe as its descriptor 3
 * (read_xls_child_main); without a program the child is a fork, for a
 * process of one thread (the fuzz harnesses, the unit tests).
 *
 * The wire (one binary on both ends: native byte order), records of
 * a tag byte then their fields; a string is its length (size_t) and bytes:
 *   'M' level (int), file (string), line (long), message (string)
 *   'B' date1904 (int), sheets (size_t)
 *   'S' name (string), rows (size_t)   then its rows
 *   'R' row (long), cells (size_t)     then its cells
 *   'C' col (int), kind (int), text (string)
 *   'E' the reader's result (int, an ac_error): the last record
 * The child's stderr is /dev/null: what it has to say goes down the pipe,
 * warnings too (the caller's diag counts them and decides whether to say
 * them).
 *
 * Memory: the wire is read into a malloc'd buffer (at most what the book
 * may build, plus the messages' room), freed before returning; the book is
 * in the caller's arena.
 */
#include "read_sheet.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* FreeXL reads the largest workbook BIFF allows (65,536 rows of 256
 * columns) in a few seconds; a child busy for this long is looping on a
 * crafted file. */
#define XLS_CHILD_SECONDS 120
/* The wire of a book is smaller than what the book builds (each cell is
 * charged more than its record); messages come on top: this much room. */
#define XLS_WIRE_SLACK (1u << 20)

/* ---- the child: the book and the messages, written --------------------- */

static void put(FILE *f, const void *p, size_t n)
{
    fwrite(p, 1, n, f);
}

static void put_str(FILE *f, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put(f, &n, sizeof n);
    put(f, s ? s : "", n);
}

static void send_msg(diag_level level, const char *file, long line, const char *message,
                     void *ctx)
{
    FILE *f = ctx;
    int lv = (int)level;
    fputc('M', f);
    put(f, &lv, sizeof lv);
    put_str(f, file);
    put(f, &line, sizeof line);
    put_str(f, message);
}

static void send_book(FILE *f, const book *b)
{
    fputc('B', f);
    put(f, &b->date1904, sizeof b->date1904);
    put(f, &b->n, sizeof b->n);
    for (size_t i = 0; i < b->n; i++) {
        const sheet *s = &b->sheet[i];
        fputc('S', f);
        put_str(f, s->name);
        put(f, &s->n, sizeof s->n);
        for (size_t r = 0; r < s->n; r++) {
            const read_sheet_row *row = &s->row[r];
            fputc('R', f);
            put(f, &row->row, sizeof row->row);
            put(f, &row->n, sizeof row->n);
            for (size_t c = 0; c < row->n; c++) {
                int kind = (int)row->cell[c].kind;
                fputc('C', f);
                put(f, &row->cell[c].col, sizeof row->cell[c].col);
                put(f, &kind, sizeof kind);
                put_str(f, row->cell[c].text);
            }
        }
    }
}

/* Under the sanitizers (tests, fuzzing) a death callback of the parent's
 * (libFuzzer's: write the input as a crash) must not run when FreeXL dies
 * in the child: that death is the file's, reported by the parent. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* Sources are read on several threads (pipeline_run.h): the child of one
 * would hold the write end of another reader's pipe, whose parent then
 * waits for this child's end to see its own.  The child keeps stdin,
 * stdout, stderr and its own pipe. */
static void close_inherited(int fd)
{
    if (fd > 3)
        close_range(3, (unsigned)fd - 1, 0);
    close_range((unsigned)fd + 1, ~0u, 0);
}

static void child(const char *path, const read_sheet_limits *l, arena *a, int fd)
{
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(NULL);
    close_inherited(fd);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0)
        dup2(null, STDERR_FILENO);
    alarm(XLS_CHILD_SECONDS);
    FILE *f = fdopen(fd, "w");
    if (!f)
        _exit(3);
    diag cd;
    diag_init(&cd);
    cd.sink = send_msg;
    cd.ctx = f;
    book b;
    ac_error err = read_xls_freexl(path, l, &cd, a, &b);
    if (err == AC_OK)
        send_book(f, &b);
    int e = (int)err;
    fputc('E', f);
    put(f, &e, sizeof e);
    _exit(fclose(f) == 0 ? 0 : 3);
}

/* ---- the parent: the wire read back ------------------------------------ */

typedef struct {
    const unsigned char *p, *end;
    int bad;                  /* 1: the wire ended early or is malformed */
} wire;

static void get(wire *w, void *out, size_t n)
{
    if (w->bad || (size_t)(w->end - w->p) < n) {
        w->bad = 1;
        memset(out, 0, n);
        return;
    }
    memcpy(out, w->p, n);
    w->p += n;
}

static int get_tag(wire *w, int tag)
{
    unsigned char t = 0;
    get(w, &t, 1);
    if (t != tag)
        w->bad = 1;
    return !w->bad;
}

/* A string of the wire, copied into a (NULL when the wire is bad). */
static const char *get_str(wire *w, arena *a)
{
    size_t n = 0;
    get(w, &n, sizeof n);
    if (w->bad || (size_t)(w->end - w->p) < n) {
        w->bad = 1;
        return NULL;
    }
    char *s = arena_alloc(a, n + 1);
    if (s) {
        memcpy(s, w->p, n);
        s[n] = '\0';
    }
    w->p += n;
    return s;
}

/* n items of size bytes in a, when the wire can hold that many records of
 * at least min bytes each (a malformed count is not an allocation). */
static void *get_array(wire *w, arena *a, size_t n, size_t size, size_t min)
{
    if (w->bad || n > (size_t)(w->end - w->p) / min) {
        w->bad = 1;
        return NULL;
    }
    void *v = arena_alloc(a, (n ? n : 1) * size);
    if (!v)
        w->bad = 1;
    return v;
}

static void get_row(wire *w, arena *a, read_sheet_row *row)
{
    get_tag(w, 'R');
    get(w, &row->row, sizeof row->row);
    get(w, &row->n, sizeof row->n);
    row->cell = get_array(w, a, row->n, sizeof *row->cell, 1 + 2 * sizeof(int) + sizeof(size_t));
    for (size_t c = 0; !w->bad && c < row->n; c++) {
        read_sheet_cell *cell = &row->cell[c];
        int kind = 0;
        get_tag(w, 'C');
        get(w, &cell->col, sizeof cell->col);
        get(w, &kind, sizeof kind);
        cell->kind = (cell_kind)kind;
        cell->text = get_str(w, a);
        cell->formula = NULL;
        if (kind < CELL_EMPTY || kind > CELL_NO_VALUE || !cell->text)
            w->bad = 1;
    }
}

static void get_book(wire *w, arena *a, book *b)
{
    get(w, &b->date1904, sizeof b->date1904);
    get(w, &b->n, sizeof b->n);
    b->sheet = get_array(w, a, b->n, sizeof *b->sheet, 1 + 2 * sizeof(size_t));
    for (size_t i = 0; !w->bad && i < b->n; i++) {
        sheet *s = &b->sheet[i];
        memset(s, 0, sizeof *s);
        get_tag(w, 'S');
        s->name = get_str(w, a);
        get(w, &s->n, sizeof s->n);
        s->row = get_array(w, a, s->n, sizeof *s->row, 1 + sizeof(long) + sizeof(size_t));
        for (size_t r = 0; !w->bad && r < s->n; r++)
            get_row(w, a, &s->row[r]);
    }
}

/* The messages and the book of the wire; the reader's result, or -1 when
 * the wire is incomplete (the child died) or malformed. */
static int replay(wire *w, diag *d, arena *a, book *b)
{
    while (!w->bad && w->p < w->end) {
        int tag = *w->p++;
        if (tag == 'M') {
            int level = 0;
            long line = 0;
            get(w, &level, sizeof level);
            const char *file = get_str(w, a);
            get(w, &line, sizeof line);
            const char *msg = get_str(w, a);
            if (!w->bad && level == DIAG_WARNING)
                diag_warn(d, file && *file ? file : NULL, line, "%s", msg);
            else if (!w->bad)
                diag_error(d, file && *file ? file : NULL, line, "%s", msg);
        } else if (tag == 'B') {
            get_book(w, a, b);
        } else if (tag == 'E') {
            int e = 0;
            get(w, &e, sizeof e);
            return w->bad || w->p != w->end ? -1 : e;
        } else
            w->bad = 1;
    }
    return -1;
}

/* Everything the child writes, up to cap bytes; the length, or -1 (more
 * than cap, or an error: errno). */
static ssize_t drain(int fd, unsigned char **buf, size_t cap)
{
    size_t n = 0, room = 0;
    *buf = NULL;
    for (;;) {
        if (n == room) {
            size_t nr = room ? room * 2 : 65536;
            unsigned char *g = nr <= cap + 1 ? realloc(*buf, nr) : NULL;
            if (!g)
                return -1;
            *buf = g;
            room = nr;
        }
        ssize_t k = read(fd, *buf + n, room - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            return (ssize_t)n;
        n += (size_t)k;
        if (n > cap) {
            errno = EFBIG;
            return -1;
        }
    }
}

/* Why the child did not finish, for the message. */
static const char *child_end(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        snprintf(buf, size, "no answer within %d seconds", XLS_CHILD_SECONDS);
    else if (WIFSIGNALED(status))
        snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
    else if (WIFEXITED(status))
        snprintf(buf, size, "exit status %d", WEXITSTATUS(status));
    else
        snprintf(buf, size, "status %d", status);
    return buf;
}

/* ---- the child as a program (read_xls_child_main) ---------------------- */

/* A child that cannot be started for the limit of processes is tried
 * again this many times, this long apart (2 s in all: the time a reader's
 * child of another thread takes to end). */
#define XLS_SPAWN_TRIES 20
#define XLS_SPAWN_WAIT_NS 100000000L

/* The wire's descriptor in a child started as a program. */
#define XLS_CHILD_FD 3

enum { XA_PATH = 2, XA_PART, XA_TOTAL, XA_ROWS, XA_COLS, XA_CELL, XA_SHEET, XA_BOOK, XA_ONLY,
       XA__N };

int read_xls_child_main(int argc, char **argv)
{
    if (argc != XA__N)
        return 3;
    read_sheet_limits l;
    read_sheet_limits_init(&l);
    l.max_part_bytes = strtoull(argv[XA_PART], NULL, 10);
    l.max_total_bytes = strtoull(argv[XA_TOTAL], NULL, 10);
    l.max_rows = strtol(argv[XA_ROWS], NULL, 10);
    l.max_cols = (int)strtol(argv[XA_COLS], NULL, 10);
    l.max_cell_bytes = strtoull(argv[XA_CELL], NULL, 10);
    l.max_sheet_bytes = strtoull(argv[XA_SHEET], NULL, 10);
    l.max_book_bytes = strtoull(argv[XA_BOOK], NULL, 10);
    l.only_sheet = *argv[XA_ONLY] ? argv[XA_ONLY] : NULL;
    arena *a = arena_new(0);
    if (!a)
        return 3;
    child(argv[XA_PATH], &l, a, XLS_CHILD_FD);
    return 3;                 /* child() does not return */
}

/* Start l->xls_program as the child, the pipe's write end as its
 * descriptor 3; its pid, or -1 (errno set). */
static pid_t spawn_child(const char *path, const read_sheet_limits *l, int wfd)
{
    char num[XA_BOOK + 1][24];
    const unsigned long long v[] = {
        [XA_PART] = l->max_part_bytes, [XA_TOTAL] = l->max_total_bytes,
        [XA_ROWS] = (unsigned long long)l->max_rows, [XA_COLS] = (unsigned long long)l->max_cols,
        [XA_CELL] = l->max_cell_bytes, [XA_SHEET] = l->max_sheet_bytes,
        [XA_BOOK] = l->max_book_bytes};
    char *argv[XA__N + 1] = {(char *)l->xls_program, READ_XLS_CHILD_ARG, (char *)path};
    for (int k = XA_PART; k <= XA_BOOK; k++) {
        snprintf(num[k], sizeof num[k], "%llu", v[k]);
        argv[k] = num[k];
    }
    argv[XA_ONLY] = (char *)(l->only_sheet ? l->only_sheet : "");
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    /* dup2 onto itself would leave close-on-exec set */
    int e = wfd == XLS_CHILD_FD ? EINVAL : posix_spawn_file_actions_adddup2(&fa, wfd, XLS_CHILD_FD);
    pid_t pid = -1;
    if (e == 0)
        e = posix_spawn(&pid, l->xls_program, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0) {
        errno = e;
        return -1;
    }
    return pid;
}

/* The child started, fds[1] its end of the pipe (closed here): forked,
 * or l->xls_program run. */
static pid_t start_child(const char *path, const read_sheet_limits *l, arena *a, int fds[2])
{
    pid_t pid;
    if (l->xls_program) {
        /* at the limit of processes, another reader's child may end soon */
        for (int k = 0; (pid = spawn_child(path, l, fds[1])) < 0 && errno == EAGAIN &&
                        k < XLS_SPAWN_TRIES; k++)
            nanosleep(&(struct timespec){.tv_nsec = XLS_SPAWN_WAIT_NS}, NULL);
    } else {
        fflush(NULL);             /* nothing buffered is written twice */
        pid = fork();
        if (pid == 0) {
            close(fds[0]);
            child(path, l, a, fds[1]);
        }
    }
    close(fds[1]);
    return pid;
}

ac_error read_xls(const char *path, const read_sheet_limits *l, diag *d, arena *a, book *out)
{
    memset(out, 0, sizeof *out);
    out->format = BOOK_XLS;
    int fds[2];
    /* close-on-exec: no other reader's child holds this pipe (a program
     * child gets its end as descriptor 3); XLS_CHILD_FD stays free for it */
    if (pipe2(fds, O_CLOEXEC) != 0)
        return diag_fail(d, AC_ERR_IO, path, 0, "cannot start the .xls reader: %s", strerror(errno));
    if (fds[1] == XLS_CHILD_FD) {
        int w = fcntl(fds[1], F_DUPFD_CLOEXEC, XLS_CHILD_FD + 1);
        close(fds[1]);
        fds[1] = w;
        if (w < 0) {
            close(fds[0]);
            return diag_fail(d, AC_ERR_IO, path, 0, "cannot start the .xls reader: %s",
                             strerror(errno));
        }
    }
    pid_t pid = start_child(path, l, a, fds);
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        if (e == EAGAIN)
            return diag_fail(d, AC_ERR_IO, path, 0, "cannot start the .xls reader: no process "
                             "left under the limit of processes and threads (ulimit -u): "
                             "read fewer sources at once (--jobs)");
        return diag_fail(d, AC_ERR_IO, path, 0, "cannot start the .xls reader: %s", strerror(e));
    }
    unsigned char *buf;
    size_t cap = l->max_book_bytes + XLS_WIRE_SLACK;
    ssize_t n = drain(fds[0], &buf, cap);
    int drain_errno = errno;
    if (n < 0)
        kill(pid, SIGKILL);
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (n < 0 && drain_errno == ENOMEM) {
        free(buf);
        return diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory");
    }
    wire w = {buf, buf + (n > 0 ? n : 0), n < 0};
    int e = replay(&w, d, a, out);
    free(buf);
    char why[64];
    if (n < 0 && drain_errno == EFBIG)
        return diag_fail(d, AC_ERR_TOO_BIG, path, 0, "the workbook builds more than %zu bytes "
                         "of cells", l->max_book_bytes);
    if (e < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        memset(out, 0, sizeof *out);
        out->format = BOOK_XLS;
        return diag_fail(d, AC_ERR_PARSE, path, 0, "not a readable .xls file: FreeXL stopped "
                         "on it (%s)", child_end(status, why, sizeof why));
    }
    if (e != AC_OK && d && d->code == AC_OK)
        d->code = (ac_error)e;
    return (ac_error)e;
}
