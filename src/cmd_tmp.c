/*
 * cmd_tmp.c — the temporary files of a running command, removed when it is
 * stopped by SIGTERM, SIGINT or SIGHUP (see cmd.h).  The library tells us
 * which exist through export_hooks; the handler only unlinks them
 * (async-signal-safe), then the signal is raised again with its default
 * action, so the exit status still says which signal stopped the run.
 *
 * The list is changed only with those signals blocked, so the handler
 * never sees it half-changed; hold() blocks them through a step that must
 * not be cut (libzip's temporary file, publishing a set).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../base/diag.h"

static char **volatile tmp_v;            /* the registered paths          */
static volatile size_t tmp_n;
static size_t tmp_cap;

static void block(int on, sigset_t *old)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGHUP);
    sigprocmask(on ? SIG_BLOCK : SIG_SETMASK, on ? &s : old, on ? old : NULL);
}

static void on_signal(int sig)
{
    for (size_t i = 0; i < tmp_n; i++)
        unlink(tmp_v[i]);
    signal(sig, SIG_DFL);
    raise(sig);                          /* delivered once we return */
}

static int tmp_add(void *ctx, const char *path)
{
    (void)ctx;
    char *p = strdup(path);
    sigset_t old;
    int rc = -1;
    block(1, &old);
    if (p && tmp_n == tmp_cap) {
        size_t nc = tmp_cap ? tmp_cap * 2 : 16;
        char **nv = realloc(tmp_v, nc * sizeof *nv);
        if (nv) {
            tmp_v = nv;
            tmp_cap = nc;
        }
    }
    if (p && tmp_n < tmp_cap) {
        tmp_v[tmp_n] = p;
        tmp_n = tmp_n + 1;
        rc = 0;
    }
    block(0, &old);
    if (rc)
        free(p);
    return rc;
}

static void tmp_drop(void *ctx, const char *path)
{
    (void)ctx;
    sigset_t old;
    char *gone = NULL;
    block(1, &old);
    for (size_t i = 0; i < tmp_n; i++)
        if (!strcmp(tmp_v[i], path)) {
            gone = tmp_v[i];
            tmp_v[i] = tmp_v[tmp_n - 1];
            tmp_n = tmp_n - 1;
            break;
        }
    block(0, &old);
    free(gone);
}

static sigset_t held_mask;

static void hold(void *ctx, int on)
{
    (void)ctx;
    if (on)
        block(1, &held_mask);
    else
        block(0, &held_mask);
}

const export_hooks *cmd_tmp_hooks(void)
{
    static const export_hooks h = {NULL, tmp_add, tmp_drop, hold};
    static int installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGTERM);
        sigaddset(&sa.sa_mask, SIGINT);
        sigaddset(&sa.sa_mask, SIGHUP);
        sa.sa_flags = SA_RESETHAND;
        int sigs[] = {SIGTERM, SIGINT, SIGHUP};
        for (int i = 0; i < 3; i++) {
            struct sigaction cur;
            /* a signal ignored at start (nohup, a background job) stays so */
            if (sigaction(sigs[i], NULL, &cur) == 0 && cur.sa_handler != SIG_IGN)
                sigaction(sigs[i], &sa, NULL);
        }
        installed = 1;
    }
    return &h;
}

void cmd_tmp_done(void)
{
    sigset_t old;
    block(1, &old);
    for (size_t i = 0; i < tmp_n; i++)
        free(tmp_v[i]);
    free(tmp_v);
    tmp_v = NULL;
    tmp_n = tmp_cap = 0;
    block(0, &old);
}

/* ---- libxlsxwriter's messages ------------------------------------------ */

void cmd_capture_begin(cmd_capture *c)
{
    c->saved_fd = -1;
    c->f = NULL;
    fflush(stderr);
    FILE *f = tmpfile();
    int fd = dup(STDERR_FILENO);
    if (!f || fd < 0 || dup2(fileno(f), STDERR_FILENO) < 0) {
        if (f)
            fclose(f);
        if (fd >= 0)
            close(fd);
        return;                          /* not captured: said as it is */
    }
    c->saved_fd = fd;
    c->f = f;
}

/* "[ERROR][workbook.c:12]: what", "[ERROR] what" or "[WARNING]: what":
 * what; NULL for a line that is not libxlsxwriter's. */
static const char *lxw_message(const char *line)
{
    const char *p;
    if (!strncmp(line, "[ERROR]", 7))
        p = line + 7;
    else if (!strncmp(line, "[WARNING]", 9))
        p = line + 9;
    else
        return NULL;
    if (*p == '[' && strchr(p, ']'))
        p = strchr(p, ']') + 1;          /* [file.c:line] */
    while (*p == ':' || *p == ' ')
        p++;
    return p;
}

void cmd_capture_end(cmd_capture *c, const char *path)
{
    if (!c->f)
        return;
    fflush(stderr);
    dup2(c->saved_fd, STDERR_FILENO);
    close(c->saved_fd);
    FILE *f = c->f;
    char line[4096];
    rewind(f);
    while (fgets(line, sizeof line, f)) {
        const char *m = lxw_message(line);
        if (!m) {
            fputs(line, stderr);         /* ours, already in our format */
            continue;
        }
        line[strcspn(line, "\n")] = '\0';
        fputs("aidcube: ", stderr);
        diag_put_escaped(stderr, path);
        fputs(": libxlsxwriter: ", stderr);
        diag_put_escaped(stderr, m);
        fputc('\n', stderr);
    }
    fclose(f);
    c->f = NULL;
}
