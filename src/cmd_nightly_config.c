/*
 * cmd_nightly_config.c — the config file of `aidcube nightly` (syntax and
 * keys in cmd_nightly.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_nightly.h"

/* The keys, in the order a missing one is reported. */
enum { K_INBOX, K_ARCHIVE, K_QUARANTINE, K_OUTPUT, K_DB, K_SPLIT, K_TOLERANCE,
       K_MAX_REJECTS, K_LOG, K__N };
static const char *const key_names[K__N] = {
    "inbox", "archive", "quarantine", "output", "db", "split", "tolerance", "max_rejects", "log",
};
/* the folders a run cannot go without */
#define REQUIRED_KEYS 4

/* A path of the config: relative ones are taken from the config's folder
 * (dir_len bytes of file, 0: the current folder).  NULL: out of memory. */
static char *config_path(const char *file, size_t dir_len, const char *v)
{
    if (v[0] == '/' || dir_len == 0)
        return strdup(v);
    size_t n = dir_len + 1 + strlen(v) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%.*s/%s", (int)dir_len, file, v);
    return p;
}

/* Blanks off both ends of s (in place). */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Check and keep the value of a key other than a folder; 0 or -1 (said). */
static int set_option(cmd_nightly_config *c, int k, const char *v, const char *file, long line,
                      diag *d)
{
    if (k == K_DB) {
        if (!*v || !strcmp(v, "none"))
            return 0;
        c->db = strdup(v);
        return c->db ? 0 : -1;
    }
    if (k == K_SPLIT) {
        c->split = !strcmp(v, "fund") || !strcmp(v, "donor");
        if (c->split || !strcmp(v, "none"))
            return 0;
        diag_error(d, file, line, "split: invalid value \"%s\" (none, fund or donor)", v);
        return -1;
    }
    if (k == K_TOLERANCE) {
        if (cmd_parse_tolerance(v, &c->tolerance) == 0)
            return 0;
        diag_error(d, file, line, "tolerance: invalid value \"%s\" (percentage points, 0 to 100)", v);
        return -1;
    }
    pipeline_run_opts scratch;      /* K_MAX_REJECTS: build's own check */
    pipeline_run_opts_init(&scratch);
    if (run_opts_parse(&scratch, OPT_MAX_REJECTS, v) != 0) {
        diag_error(d, file, line, "max_rejects: invalid value \"%s\" (N rows or N%%)", v);
        return -1;
    }
    c->max_rejects = strdup(v);
    return c->max_rejects ? 0 : -1;
}

/* One "key = value" line; seen[] marks the keys given.  0 or -1 (said). */
static int config_line(cmd_nightly_config *c, char *s, const char *file, size_t dir_len,
                       long line, long *seen, diag *d)
{
    char *eq = strchr(s, '=');
    if (!eq) {
        diag_error(d, file, line, "not \"key = value\": \"%s\"", s);
        return -1;
    }
    *eq = '\0';
    const char *key = trim(s), *v = trim(eq + 1);
    int k = 0;
    while (k < K__N && strcmp(key, key_names[k]))
        k++;
    if (k == K__N) {
        diag_error(d, file, line, "unknown key \"%s\"", key);
        return -1;
    }
    if (seen[k]) {
        diag_error(d, file, line, "key \"%s\" given twice (first on line %ld)", key, seen[k]);
        return -1;
    }
    seen[k] = line;
    char **folder[K__N] = {[K_INBOX] = &c->inbox, [K_ARCHIVE] = &c->archive,
                           [K_QUARANTINE] = &c->quarantine, [K_OUTPUT] = &c->output,
                           [K_LOG] = &c->log};
    if (!folder[k])
        return set_option(c, k, v, file, line, d);
    if (!*v) {
        diag_error(d, file, line, "%s: no value", key);
        return -1;
    }
    *folder[k] = config_path(file, dir_len, v);
    return *folder[k] ? 0 : -1;
}

/* Every line of f; 0 or -1 (said). */
static int config_lines(cmd_nightly_config *c, FILE *f, const char *file, long *seen, diag *d)
{
    const char *slash = strrchr(file, '/');
    size_t dir_len = slash ? (size_t)(slash - file) + (slash == file) : 0;
    char *buf = NULL;
    size_t cap = 0;
    long line = 0;
    int rc = 0;
    while (rc == 0 && getline(&buf, &cap, f) != -1) {
        char *s = trim(buf);
        line++;
        if (*s && *s != '#')
            rc = config_line(c, s, file, dir_len, line, seen, d);
    }
    free(buf);
    return rc;
}

int cmd_nightly_config_read(const char *file, cmd_nightly_config *c, diag *d)
{
    memset(c, 0, sizeof *c);
    c->tolerance = -1;
    FILE *f = fopen(file, "r");
    if (!f) {
        diag_error(d, file, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    long seen[K__N] = {0};
    int rc = config_lines(c, f, file, seen, d);
    fclose(f);
    for (int k = 0; rc == 0 && k < REQUIRED_KEYS; k++)
        if (!seen[k]) {
            diag_error(d, file, 0, "missing key \"%s\"", key_names[k]);
            rc = -1;
        }
    if (rc)
        cmd_nightly_config_free(c);
    return rc;
}

void cmd_nightly_config_free(cmd_nightly_config *c)
{
    free(c->inbox);
    free(c->archive);
    free(c->quarantine);
    free(c->output);
    free(c->log);
    free(c->max_rejects);
    free(c->db);
    memset(c, 0, sizeof *c);
    c->tolerance = -1;
}
