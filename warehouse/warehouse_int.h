/*
 * warehouse_int.h — what warehouse.c and warehouse_load.c share: the connection object and the
 * error helpers.  Includes libpq-fe.h: only the warehouse files include it.
 */
#ifndef AC_WH_INT_H
#define AC_WH_INT_H

#include <libpq-fe.h>

#include "warehouse.h"

struct warehouse {
    PGconn *c;
    char *conninfo;      /* kept to reconnect after a lost connection; never printed */
    char *password;      /* masked in messages; NULL: none                         */
    char schema[64];
    char sqlstate[6];    /* of the last error, "" when none                        */
    char errmsg[512];    /* the last error, masked                                 */
};

/* Report a failed statement: "database: WHAT: MESSAGE (SQLSTATE XXXXX)" on d,
 * kept in w->errmsg / w->sqlstate.  Clears res.  Returns AC_ERR_DB. */
ac_error warehouse_fail(warehouse *w, PGresult *res, const char *what, diag *d);

/* Run sql with text parameters (NULL = SQL NULL); the result when its
 * status is want, else NULL after warehouse_fail.  Caller clears the result. */
PGresult *warehouse_exec(warehouse *w, ExecStatusType want, const char *what, diag *d, const char *sql,
                  int n, const char *const *params);

/* Set the session's search_path to the schema (a parameter). */
ac_error warehouse_set_path(warehouse *w, diag *d);

#endif
