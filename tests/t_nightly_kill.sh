#!/usr/bin/env bash
# aidcube nightly killed (kill -9) and run again: restart safety, proven
# (README.md, "Nightly batch", "A run killed").  Night 0 loads one source and
# writes the workbooks; three more sources arrive; night 1 is killed, night 2
# runs to the end.  Compared with the same two nights never killed, night 2
# leaves exactly the same warehouse (the fact count and an md5 of every fact,
# keys aside), the same archive, an empty inbox and quarantine, no temporary
# file anywhere, and the same workbooks; while night 1 lies dead, the
# workbooks are night 0's, byte for byte, and every source is in the inbox
# or the archive.
#  - night 1 stops at each named checkpoint (AIDCUBE_TEST_PAUSE_AT, src/cmd.h:
#    listing, extract, copy, commit, archive, export; copy and commit in the
#    child `load` of the warehouse route), and is killed there, with its
#    process group (the child too);
#  - the warehouse route (a throwaway PostgreSQL, tests/pg.sh) and the
#    in-process route (no db: the archive is the store);
#  - killed after its moves (at export), night 1's work is in night 2's
#    report (from ARCHIVE/.aidcube-nightly.journal);
#  - random moments: night 1 killed again and again at random times
#    (KILL_LOOPS, default 6) before night 2, in both routes.
set -u
export AIDCUBE_TEST=1 AIDCUBE_NIGHTLY_SETTLE_MS=0 AIDCUBE_SQL="$PWD/sql"
K="$TMP/kill"; rm -rf "$K"; mkdir -p "$K"
fail=0
bad() { echo "nightly kill: $*"; fail=1; }
sanitizer() { grep -qE 'Sanitizer|runtime error' "$1" && { bad "sanitizer report in $1"; cat "$1"; }; }
. tests/pg.sh
pg_start "$TMP/pg" || exit 1
chmod 755 "$K"
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_DIR/sock" -U aidcube -d "$1" -c "$2"; }
sql postgres "CREATE DATABASE kt" || exit 1
"$BIN" db init --db "host=$PG_DIR/sock user=aidcube dbname=kt" > /dev/null || { bad "db init"; exit 1; }
ndb=0
FIRST=fixtures/sources/mli_qip_table.txt
LATER="fixtures/sources/pbf_press_release_en.txt fixtures/sources/hti_qip_closing_en.txt fixtures/sheets/pbf_projects_en.csv"

# base ROUTE: night 0, once per route, in $K/ROUTE-base (with db: in the
# database b_ROUTE, the template of each case's)
base() {
    local d="$K/$1-base" db=
    mkdir -p "$d/inbox"
    if [ "$1" = db ]; then
        sql postgres "CREATE DATABASE b_db TEMPLATE kt" || return 1
        db="host=$PG_DIR/sock user=aidcube dbname=b_db"
    fi
    printf 'inbox = inbox\narchive = archive\nquarantine = quarantine\noutput = out\nsplit = fund\ndb = %s\n' "$db" > "$d/n.conf"
    cp "$FIRST" "$d/inbox/"
    "$BIN" nightly --config "$d/n.conf" > "$d/night0.out" 2> "$d/night0.err" ||
        { bad "$1: night 0 failed"; cat "$d/night0.err"; }
    sanitizer "$d/night0.err"
    (cd "$d/out" && md5sum ./*.xlsx) > "$d/night0.md5"
}

# setup DIR ROUTE: night 0's state copied (with db: a database of its own,
# from night 0's), then the later sources in the inbox
setup() {
    local d=$1
    cp -a "$K/$2-base" "$d"
    if [ "$2" = db ]; then
        ndb=$((ndb + 1)); sql postgres "CREATE DATABASE k$ndb TEMPLATE b_db" || return 1
        sed -i "s/dbname=b_db\$/dbname=k$ndb/" "$d/n.conf"
        echo "k$ndb" > "$d/dbname"
    fi
    cp $LATER "$d/inbox/"
}

# state DIR: what night 2 must leave, the case's folder written as DIR
state() {
    local d=$1
    {
        echo "## files"
        (cd "$d" && find inbox archive quarantine out -type f ! -name nightly-report.txt | LC_ALL=C sort)
        echo "## temporary files"
        (cd "$d" && find . -name '*.tmp*' -o -name '.*.tmp' | LC_ALL=C sort)
        if [ -f "$d/dbname" ]; then
            echo "## warehouse"
            sql "$(cat "$d/dbname")" "SELECT count(*), md5(string_agg(x, E'\n' ORDER BY x)) FROM (
                SELECT concat_ws('|', doc, line, measure, value, unit, qualifier, fund, country,
                       region, sector, period, usd_cents, rate, flags, span_start, span_end,
                       snippet, fact_no, kind) AS x FROM aidcube.v_fact) t"
            sql "$(cat "$d/dbname")" "SELECT count(*) FROM aidcube.dim_source"
        fi
        echo "## workbooks"
        for w in "$d"/out/*.xlsx; do
            echo "# $(basename "$w")"
            "$BIN" cells "$w" 2>&1
        done
    } > "$d/state"
    sed -i -e "s|$d|DIR|g" -e "s|$K/[a-z]*-base|DIR|g" "$d/state"
}

# night2 DIR WHAT: run to the end, then compare with the clean run
night2() {
    local d=$1
    "$BIN" nightly --config "$d/n.conf" > "$d/night2.out" 2> "$d/night2.err"; local rc=$?
    sanitizer "$d/night2.err"
    [ "$rc" -eq 0 ] || { bad "$2: night 2 exit $rc, expected 0"; cat "$d/night2.out" "$d/night2.err"; }
    state "$d"
    diff -u "$K/$3-clean/state" "$d/state" > "$d/diff" || { bad "$2: night 2 differs from a clean run"; head -40 "$d/diff"; }
}

# while night 1 lies dead: night 0's workbooks, every source somewhere
dead() {
    local d=$1 f
    (cd "$d/out" && md5sum ./*.xlsx) > "$d/night1.md5"
    diff -u "$d/night0.md5" "$d/night1.md5" > /dev/null || bad "$2: the killed night changed the workbooks"
    for f in $FIRST $LATER; do
        f=$(basename "$f")
        [ -f "$d/inbox/$f" ] || ls "$d"/archive/*/"$f" > /dev/null 2>&1 || bad "$2: $f is neither in the inbox nor in the archive"
    done
}

# start DIR [POINT]: night 1 in its own process group, in the background
start() {
    local d=$1
    : > "$d/paused"
    AIDCUBE_TEST_PAUSE_AT=${2:-} AIDCUBE_TEST_PAUSE_FILE="$d/paused" \
        setsid "$BIN" nightly --config "$d/n.conf" > "$d/night1.out" 2> "$d/night1.err" &
    night1=$!
}

kill_group() {   # kill -9 the process group of night 1, wait for it
    kill -9 -- "-$1" 2>/dev/null
    wait "$1" 2>/dev/null
}

for route in db files; do
    base "$route" || exit 1
    setup "$K/$route-clean" "$route" || exit 1
    "$BIN" nightly --config "$K/$route-clean/n.conf" > "$K/$route-clean/night1.out" 2>&1 ||
        { bad "$route: the clean night 1 failed"; cat "$K/$route-clean/night1.out"; }
    state "$K/$route-clean"
    grep -q '^## workbooks' "$K/$route-clean/state" || bad "$route: no state"
done
[ "$(sql "$(cat "$K/db-clean/dbname")" "SELECT count(*) FROM aidcube.dim_source")" = 4 ] || bad "the clean run does not hold 4 sources"

# ---- each named point ----------------------------------------------------
for route in db files; do
    points="listing extract archive export"
    [ "$route" = db ] && points="listing extract copy commit archive export"
    for p in $points; do
        d="$K/$route-$p"; what="$route, killed at $p"
        setup "$d" "$route" || exit 1
        start "$d" "$p"
        for _ in $(seq 600); do
            grep -q "^$p " "$d/paused" && break
            kill -0 "$night1" 2>/dev/null || break
            sleep 0.1
        done
        grep -q "^$p " "$d/paused" || { bad "$what: never reached $p"; cat "$d/night1.err"; }
        kill_group "$night1"
        dead "$d" "$what"
        night2 "$d" "$what" "$route"
        # killed after its moves, before its report: night 2 reports them
        if [ "$p" = export ]; then
            sed -n '1,/^this run:$/p' "$d/night2.out" | sed 's/ (batch [0-9]*: committed)$//' > "$d/got"
            { echo "a run stopped before its report did:"
              for f in hti_qip_closing_en.txt pbf_press_release_en.txt pbf_projects_en.csv; do
                  printf 'loaded      %s: archived as %s/%s\n' "$f" "$(date -u +%F)" "$f"; done
              echo "this run:"; } > "$d/exp"
            diff -u "$d/exp" "$d/got" || bad "$what: night 2 does not report what night 1 did"
            [ -e "$d/archive/.aidcube-nightly.journal" ] && bad "$what: the journal is still there after night 2"
        fi
    done
done

# ---- random moments --------------------------------------------------------
# a night 1 takes about T seconds here (the clean one's time); each kill
# lands at a random moment within it
for route in db files; do
    d="$K/$route-random"; what="$route, killed at random"
    setup "$d" "$route" || exit 1
    for i in $(seq "${KILL_LOOPS:-4}"); do
        start "$d"
        sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", r / 32767 * 3 }')"
        kill_group "$night1"
        sanitizer "$d/night1.err"
    done
    night2 "$d" "$what" "$route"
done

[ "$fail" -eq 0 ] && echo "nightly kill: killed at every named point and at random moments, both routes: the next night completes the work exactly once"
exit $fail
