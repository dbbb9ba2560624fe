/* pipeline_data.c — the installed data's folders (see pipeline_data.h). */
#include "pipeline_data.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef AC_SRCDIR
#define AC_SRCDIR ""   /* no source tree: only the install prefix is looked in */
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Cut path (a '/'-separated absolute path) at its last '/': its parent;
 * "/x" becomes "" (the root).  Returns 0 when there was no '/'. */
static int cut_last(char *path)
{
    char *slash = strrchr(path, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return 1;
}

/* Is the binary (exe, an absolute path) inside the folder root?  Compared by
 * device and inode, each parent of exe in turn, so that a root reached
 * through a symbolic link (the Makefile's $(CURDIR)) is still found. */
static int inside(const char *exe, const char *root)
{
    struct stat r, p;
    if (!*root || stat(root, &r) != 0)
        return 0;
    char path[PIPELINE_DATA_PATH];
    snprintf(path, sizeof path, "%s", exe);
    while (cut_last(path)) {
        if (stat(*path ? path : "/", &p) == 0 && p.st_dev == r.st_dev && p.st_ino == r.st_ino)
            return 1;
    }
    return 0;
}

int pipeline_data_find(const char *sub, const char *tree_dir, char *out, size_t cap)
{
    char exe[PIPELINE_DATA_PATH];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1 || exe[0] != '/') {
        snprintf(out, cap, "nowhere: the binary's own path (/proc/self/exe) cannot be read");
        return -1;
    }
    exe[n] = '\0';
    /* 1. the install prefix: the parent of the binary's folder */
    char prefix[PIPELINE_DATA_PATH], looked[PIPELINE_DATA_LOOKED];
    snprintf(prefix, sizeof prefix, "%s", exe);
    cut_last(prefix);
    cut_last(prefix);
    snprintf(looked, sizeof looked, "%s/share/aidcube/%s", prefix, sub);
    if (is_dir(looked)) {
        snprintf(out, cap, "%s", looked);
        return 0;
    }
    /* 2. the source tree, for a binary of the tree */
    if (inside(exe, AC_SRCDIR)) {
        if (is_dir(tree_dir)) {
            snprintf(out, cap, "%s", tree_dir);
            return 0;
        }
        size_t l = strlen(looked);
        snprintf(looked + l, sizeof looked - l, ", %s", tree_dir);
    }
    snprintf(out, cap, "%s", looked);
    return -1;
}
