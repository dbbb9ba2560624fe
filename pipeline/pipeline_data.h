/*
 * pipeline_data.h — where the data aidcube reads at run time lies when no
 * folder is named: the reference data (ref/, the fixtures/ref TSV files in the
 * source tree) and the SQL migrations (sql/, sql/NNN_name.sql).
 *
 * A command first takes the folder it is told (--ref, --sql-dir, then the
 * environment: the command's business, src/cmd_common.c); with none it asks
 * here, and the first of these that is a directory is the one:
 *   1. PREFIX/share/aidcube/SUB, PREFIX the parent of the folder holding the
 *      running binary (/proc/self/exe, links resolved): `make install`'s
 *      layout (/usr/local/bin/aidcube reads /usr/local/share/aidcube/ref),
 *      wherever the prefix was copied or moved to (DESTDIR, a package);
 *   2. the source tree's folder, compiled in (AC_REFDIR, AC_SQLDIR), only
 *      when the running binary lies inside the source tree it was built in
 *      (AC_SRCDIR: ./aidcube, build/san/aidcube): a binary installed or
 *      copied elsewhere never reads a checkout that may have changed since.
 * No state and no allocation: each call looks again, into the caller's
 * buffer.
 */
#ifndef AC_PIPELINE_DATA_H
#define AC_PIPELINE_DATA_H

#include <stddef.h>

/* The longest folder path handled (Linux's PATH_MAX), and the room for
 * the list of the folders looked in (two of them and their separator). */
#define PIPELINE_DATA_PATH 4096
#define PIPELINE_DATA_LOOKED (2 * PIPELINE_DATA_PATH + 16)

/* Find the folder SUB ("ref", "sql"); TREE_DIR is the source tree's folder
 * of it.  Returns 0 with the folder in out (cap bytes), or -1 when none of
 * the places above is a directory: out then holds the folders looked in,
 * separated by ", " (or what kept the binary's own path from being read). */
int pipeline_data_find(const char *sub, const char *tree_dir, char *out, size_t cap);

#endif
