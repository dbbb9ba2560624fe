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
#   pg_start_more DIR          one more cluster (after pg_start, same user and
#                              settings): its conninfo in $PG_MORE_CONN; all
#                              stopped by the same trap
#
# No PostgreSQL server binaries is a failure (pg_start returns 1), in CI and
# elsewhere: the warehouse tests are never skipped.
#
# As root, the cluster runs as the postgres user (initdb refuses root); DIR
# and its parent are made readable for it.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_DIR=""
PG_MORE=()
as_pg=()

pg_stop() {
    local m
    for m in "${PG_MORE[@]}"; do
        "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$m/data" -m immediate stop > /dev/null 2>&1
    done
    PG_MORE=()
    [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] || return 0
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null 2>&1
    PG_DIR=""
}

pg_crash() {
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop > /dev/null
}

pg_restart() { pg_up "$PG_DIR"; }

# pg_up DIR: start the cluster of DIR
pg_up() {
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$1/data" -w -l "$1/pg.log" \
        -o "-c listen_addresses='' -k $1/sock -c fsync=off -c full_page_writes=off" \
        start > /dev/null || { cat "$1/pg.log"; return 1; }
}

# pg_initdb DATADIR LOG: a new cluster's files
pg_initdb() {
    "${as_pg[@]}" "$PGBIN/initdb" -D "$1" -A trust -U aidcube --no-sync -E UTF8 \
        --locale=C > "$2" 2>&1 || { cat "$2"; return 1; }
}

# pg_init DIR: a new cluster in DIR/data.  With PG_TEMPLATE set (tests/run.sh
# sets it for all its scripts), a copy of one cluster made once by initdb
# (under a lock: the first script to need it makes it), 0.2 s instead of
# 2.5 s a cluster; each copy is a cluster of its own.
pg_init() {
    [ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (postgresql package)"; return 1; }
    mkdir -p "$1/sock"
    if [ "$(id -u)" -eq 0 ]; then
        as_pg=(runuser -u postgres --)
        chmod 755 "$(dirname "$1")"; chown -R postgres "$1"
    fi
    if [ -z "${PG_TEMPLATE:-}" ]; then pg_initdb "$1/data" "$1/initdb.log"; return; fi
    (
        flock 9
        if [ ! -f "$PG_TEMPLATE/made" ]; then
            rm -rf "$PG_TEMPLATE"; mkdir -p "$PG_TEMPLATE"
            [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TEMPLATE"
            pg_initdb "$PG_TEMPLATE/data" "$1/initdb.log" && touch "$PG_TEMPLATE/made"
        fi
    ) 9> "$PG_TEMPLATE.lock"
    [ -f "$PG_TEMPLATE/made" ] || return 1
    cp -a "$PG_TEMPLATE/data" "$1/data"
}

pg_start_more() {
    pg_init "$1" || return 1
    PG_MORE+=("$1")
    pg_up "$1" || return 1
    PG_MORE_CONN="host=$1/sock user=aidcube dbname=postgres"
}

pg_start() {
    PG_DIR=$1
    pg_init "$PG_DIR" || return 1
    trap pg_stop EXIT
    pg_restart || return 1
    PG_CONN="host=$PG_DIR/sock user=aidcube dbname=postgres"
    psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR/sock" -U aidcube -d postgres)
}
