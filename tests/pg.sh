# tests/pg.sh — a throwaway PostgreSQL cluster for a test script (sourced).
#
#   . tests/pg.sh
#   pg_start DIR || exit 1     initdb into DIR/data, start with a unix socket
#                              in DIR/sock only (no TCP), fsync off; stopped
#                              by an EXIT trap, also when the test fails
#   "${psql[@]}" ...           psql on it (user aidcube, database postgres)
#   $PG_CONN                   the libpq conninfo of the cluster
#   pg_stop                    stop it now (the trap does it otherwise)
#   pg_crash                   stop it at once (pg_ctl stop -m immediate: no
#                              shutdown checkpoint, clients cut off), keeping
#                              it for pg_restart
#   pg_restart                 start it again on the same data (crash recovery)
#
# No PostgreSQL server binaries is a failure (pg_start returns 1), in CI and
# elsewhere: the warehouse tests are never skipped.
#
# As root, the cluster runs as the postgres user (initdb refuses root); DIR
# and its parent are made readable for it.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_DIR=""
as_pg=()

pg_stop() {
    [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] || return 0
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null 2>&1
    PG_DIR=""
}

pg_crash() {
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null
}

pg_restart() {
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/pg.log" \
        -o "-c listen_addresses='' -k $PG_DIR/sock -c fsync=off -c full_page_writes=off" \
        start > /dev/null || { cat "$PG_DIR/pg.log"; return 1; }
}

pg_start() {
    [ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (postgresql package)"; return 1; }
    PG_DIR=$1
    mkdir -p "$PG_DIR/sock"
    if [ "$(id -u)" -eq 0 ]; then
        as_pg=(runuser -u postgres --)
        chmod 755 "$(dirname "$PG_DIR")"; chown -R postgres "$PG_DIR"
    fi
    "${as_pg[@]}" "$PGBIN/initdb" -D "$PG_DIR/data" -A trust -U aidcube --no-sync -E UTF8 \
        --locale=C > "$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
    trap pg_stop EXIT
    pg_restart || return 1
    PG_CONN="host=$PG_DIR/sock user=aidcube dbname=postgres"
    psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR/sock" -U aidcube -d postgres)
}
