/*
 * read_files.h — expand the FILE|DIR arguments of a command into a sorted list
 * of regular files (a directory contributes its regular, non-hidden files,
 * sorted by name, not recursively).  Output never depends on readdir order.
 * Anything else in a directory but a subdirectory (a FIFO, a device, a
 * dangling link) is reported ("DIR/NAME: not a regular file: skipped") and
 * counted in n_missing: the run's exit status says some input was rejected.
 *
 * Memory: the list and its strings are owned by the caller's arena.
 */
#ifndef AC_FILES_H
#define AC_FILES_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"

typedef struct {
    char **path;
    size_t n;
    size_t n_missing;     /* arguments that could not be opened, entries of a
                             directory that are not regular files (reported) */
} read_file_list;

/* Arguments that cannot be read are reported on dg (may be NULL). */
ac_error read_files_expand(char *const *args, size_t n_args, diag *dg, arena *a, read_file_list *out);

#endif
