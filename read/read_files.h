/*
 * read_files.h — expand the FILE|DIR arguments of a command into a sorted list
 * of regular files.  Output never depends on readdir order.
 *
 * A file named as an argument is read whatever its name.  A directory
 * contributes its regular, non-hidden files whose names say they are a
 * source aidcube reads (read_files_is_source: report text .txt, the
 * spreadsheets .csv .tsv .xlsx .xlsm .ods .xls, and .pdf .doc .docx .odt,
 * which the reader names and rejects as needing conversion), sorted by
 * name, not recursively.  Every other entry (a Markdown note such as
 * README.md or SOURCES.md, an image, a subdirectory) is skipped and named
 * in one warning per directory.  Markdown is not read from a directory: in
 * a folder of sources, .md files are the folder's notes (what the sources
 * are, where they come from), not reports; a report kept as Markdown is
 * read when it is named on the command line.  Anything in a directory that
 * is not a regular file or a directory (a FIFO, a device, a dangling link)
 * is reported ("DIR/NAME: not a regular file: skipped") and rejected.
 *
 * Memory: the list and its strings are owned by the caller's arena.
 */
#ifndef AC_FILES_H
#define AC_FILES_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"

/* An argument or a directory entry that could not be read: its path and
 * the reason, as reported. */
typedef struct {
    const char *path, *reason;
} read_file_reject;

typedef struct {
    char **path;
    size_t n;
    size_t n_missing;     /* arguments that could not be opened, entries of a
                             directory that are not regular files (reported) */
    read_file_reject *rejected;   /* those n_missing, in the order reported */
    size_t n_skipped;     /* entries of directories skipped by their name  */
} read_file_list;

/* Arguments that cannot be read are reported on dg (may be NULL). */
ac_error read_files_expand(char *const *args, size_t n_args, diag *dg, arena *a, read_file_list *out);

/* Does a directory entry of this name hold a source aidcube reads (its
 * extension, case aside)? */
int read_files_is_source(const char *name);

#endif
