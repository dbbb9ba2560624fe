#!/usr/bin/env bash
# t_install.sh — `make install` and `make uninstall` (issue 18, point 4):
#   - `make install DESTDIR=D PREFIX=/usr` puts exactly the binary, the
#     reference data (fixtures/ref/*.tsv), the SQL migrations
#     (sql/NNN_*.sql and sql/shards/*.sql) and the man page, nothing else;
#   - the installed binary, run from another folder, reads its own
#     share/aidcube (not the source tree): the extract golden of a fixture
#     and the cube of a project list as the tree's binary prints them, the
#     seeds' reviewed findings and cube (when ../shared/seeds is there); a
#     copy of the whole prefix elsewhere reads the copy's data;
#   - --ref, then AIDCUBE_REFDIR, then AIDCUBE_REF (the older name) choose
#     the reference data; AIDCUBE_SQLDIR (AIDCUBE_SQL) the migrations;
#   - a binary moved without its data fails (exit 4) naming the folder it
#     looked in, for the reference data and for the migrations;
#   - the man page renders (man -l) and lints (groff -ww, mandoc -Tlint);
#   - `make uninstall` removes every file it put and no other.
# The binary installed is BIN, the one under test (INSTALL_BIN): nothing is
# built here.
set -u
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
BIN=$(realpath "${BIN:-./aidcube}")
TMP=${TMP:-$(mktemp -d)}
TMP=$(realpath "$TMP")
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# same EXPECTED_FILE ACTUAL_FILE WHAT: exact, with the diff
same() { diff -u "$1" "$2" > "$TMP/diff" || { fail "$3"; head -30 "$TMP/diff"; }; }
# the nested make must not inherit the jobserver of a `make test` around us
unset MAKEFLAGS MFLAGS MAKELEVEL

D=$TMP/d
rm -rf "$D"
make -s -C "$ROOT" install DESTDIR="$D" PREFIX=/usr INSTALL_BIN="$BIN" > "$TMP/install.out" 2>&1 \
    || { fail "make install"; cat "$TMP/install.out"; exit 1; }

# exactly these files, these modes
{
    echo "755 usr/bin/aidcube"
    echo "644 usr/share/man/man1/aidcube.1"
    for f in fixtures/ref/*.tsv; do echo "644 usr/share/aidcube/ref/${f##*/}"; done
    for f in sql/[0-9][0-9][0-9]_*.sql; do echo "644 usr/share/aidcube/sql/${f##*/}"; done
    for f in sql/shards/*.sql; do echo "644 usr/share/aidcube/sql/shards/${f##*/}"; done
} | LC_ALL=C sort -k2 > "$TMP/files.expected"
(cd "$D" && find . -type f -printf '%m %P\n' | LC_ALL=C sort -k2) > "$TMP/files.actual"
same "$TMP/files.expected" "$TMP/files.actual" "the installed files"
grep -q 'cube_oracle\|/src/\|/tools/\|README' "$TMP/files.actual" && fail "a file that is no migration or reference table was installed"
cmp -s "$BIN" "$D/usr/bin/aidcube" || fail "the installed binary is not the one built"

# run from elsewhere: the extract golden, and the cube as the tree's binary prints it
W=$TMP/work
mkdir -p "$W"
cp fixtures/sources/car_qip_factsheet.txt fixtures/sheets/caf_qip_2017_2018.csv "$W/"
exp=fixtures/expected/car_qip_factsheet.txt
(cd "$W" && "$D/usr/bin/aidcube" extract car_qip_factsheet.txt > "$TMP/ex.tsv" 2> "$TMP/ex.err"; echo $? > "$TMP/ex.code")
same "$exp.tsv" "$TMP/ex.tsv" "installed extract (stdout)"
same "$exp.err" "$TMP/ex.err" "installed extract (stderr)"
same "$exp.code" "$TMP/ex.code" "installed extract (exit code)"
[ "$(wc -l < "$TMP/ex.tsv")" -gt 5 ] || fail "installed extract printed almost nothing"
(cd "$W" && "$BIN" cube caf_qip_2017_2018.csv > "$TMP/cube.tree" 2>&1; echo "exit $?" >> "$TMP/cube.tree")
(cd "$W" && "$D/usr/bin/aidcube" cube caf_qip_2017_2018.csv > "$TMP/cube.inst" 2>&1; echo "exit $?" >> "$TMP/cube.inst")
same "$TMP/cube.tree" "$TMP/cube.inst" "installed cube = the tree's cube"
grep -q '^exit 0$' "$TMP/cube.inst" || fail "installed cube did not exit 0"

# the seeds (real documents, ../shared/seeds, when present): the reviewed
# findings of tests/cases/check_seeds.tsv, and the tree binary's cube
SEEDS=../shared/seeds
if [ -d "$SEEDS" ]; then
    cp -r "$SEEDS" "$W/seeds"
    (cd "$W" && "$D/usr/bin/aidcube" check -q --format tsv seeds > "$TMP/seeds-check.tsv") \
        || fail "installed check on the seeds: exit $?"
    same tests/cases/check_seeds.tsv "$TMP/seeds-check.tsv" "installed check on the seeds"
    (cd "$W" && "$BIN" cube -q seeds > "$TMP/seeds.tree" 2>&1; echo "exit $?" >> "$TMP/seeds.tree")
    (cd "$W" && "$D/usr/bin/aidcube" cube -q seeds > "$TMP/seeds.inst" 2>&1; echo "exit $?" >> "$TMP/seeds.inst")
    same "$TMP/seeds.tree" "$TMP/seeds.inst" "installed cube of the seeds = the tree's"
elif [ "${CI:-}" = true ]; then fail "no $SEEDS (CI=true: the seeds are required)"
else echo "no $SEEDS: the installed binary not run on the seeds"; fi

# the prefix copied elsewhere reads the copy's data, not the first install's
M=$TMP/moved
mkdir -p "$M" && cp -a "$D/usr/." "$M/"
rm "$M/share/aidcube/ref/currencies.tsv"
(cd "$W" && "$M/bin/aidcube" extract car_qip_factsheet.txt > "$TMP/mv.out" 2> "$TMP/mv.err"); st=$?
[ "$st" -eq 4 ] || fail "a copied prefix without currencies.tsv: exit $st, expected 4"
grep -q "$M/share/aidcube/ref" "$TMP/mv.err" || { fail "the copied prefix's binary does not read its own data"; cat "$TMP/mv.err"; }
grep -q "$D/" "$TMP/mv.err" && fail "the copied prefix's binary read the first install's data"

# run_ref ENV...: extract with the environment given, from $W; prints status
run_ref() {
    (cd "$W" && env -u AIDCUBE_REFDIR -u AIDCUBE_REF "$@" car_qip_factsheet.txt \
        > "$TMP/r.out" 2> "$TMP/r.err"); echo $?
}
REF=$D/usr/share/aidcube/ref
cp -a "$REF" "$TMP/myref"
X="$M/bin/aidcube extract"   # the copied prefix, whose own data is broken
st=$(run_ref AIDCUBE_REFDIR="$TMP/myref" $X)
[ "$st" -eq 0 ] || { fail "AIDCUBE_REFDIR: exit $st"; cat "$TMP/r.err"; }
same "$exp.tsv" "$TMP/r.out" "extract with AIDCUBE_REFDIR"
st=$(run_ref AIDCUBE_REF="$TMP/myref" $X)
[ "$st" -eq 0 ] || fail "AIDCUBE_REF (the older name): exit $st"
st=$(run_ref AIDCUBE_REFDIR="$TMP/myref" AIDCUBE_REF="$TMP/none" $X)
[ "$st" -eq 0 ] || fail "AIDCUBE_REFDIR must win over AIDCUBE_REF: exit $st"
st=$(run_ref AIDCUBE_REFDIR="$TMP/none" "$D/usr/bin/aidcube" extract)
[ "$st" -eq 4 ] || fail "AIDCUBE_REFDIR of no folder: exit $st, expected 4"
grep -q "$TMP/none: cannot open the reference data directory" "$TMP/r.err" \
    || { fail "AIDCUBE_REFDIR of no folder: not named"; cat "$TMP/r.err"; }
st=$(run_ref AIDCUBE_REFDIR="$TMP/none" $X --ref "$TMP/myref")
[ "$st" -eq 0 ] || fail "--ref must win over AIDCUBE_REFDIR: exit $st"

# a binary moved without its data
L=$TMP/lone
mkdir -p "$L/bin" && cp "$D/usr/bin/aidcube" "$L/bin/"
st=$(run_ref "$L/bin/aidcube" extract)
[ "$st" -eq 4 ] || fail "moved binary: exit $st, expected 4"
echo "aidcube: reference data not found (looked in $L/share/aidcube/ref): name its folder with --ref DIR or AIDCUBE_REFDIR" > "$TMP/lone.expected"
same "$TMP/lone.expected" "$TMP/r.err" "moved binary: the message"
[ -s "$TMP/r.out" ] && fail "moved binary: printed something on stdout"
st=$(run_ref AIDCUBE_REFDIR="$REF" "$L/bin/aidcube" extract)
[ "$st" -eq 0 ] || fail "moved binary with AIDCUBE_REFDIR: exit $st"
# the migrations: found (the connection then fails: 5) or not (4), before connecting
nodb="host=$TMP/no-server connect_timeout=2"
"$L/bin/aidcube" db status --db "$nodb" > /dev/null 2> "$TMP/sql.err"; st=$?
[ "$st" -eq 4 ] || fail "moved binary, db: exit $st, expected 4"
echo "aidcube: SQL migrations not found (looked in $L/share/aidcube/sql): name their folder with --sql-dir DIR or AIDCUBE_SQLDIR" > "$TMP/sql.expected"
same "$TMP/sql.expected" "$TMP/sql.err" "moved binary, db: the message"
for v in AIDCUBE_SQLDIR AIDCUBE_SQL; do
    env -u AIDCUBE_SQLDIR -u AIDCUBE_SQL "$v=$D/usr/share/aidcube/sql" "$L/bin/aidcube" db status --db "$nodb" \
        > /dev/null 2> "$TMP/sql.err"; st=$?
    [ "$st" -eq 5 ] || fail "moved binary, db with $v: exit $st, expected 5 (no server)"
    grep -q "not found" "$TMP/sql.err" && fail "moved binary, db with $v: migrations not found"
done
for b in "$D/usr/bin/aidcube" "$BIN"; do   # the installed one, the tree's (its sql/)
    env -u AIDCUBE_SQLDIR -u AIDCUBE_SQL "$b" db status --db "$nodb" > /dev/null 2> "$TMP/sql.err"; st=$?
    [ "$st" -eq 5 ] || { fail "$b db: exit $st, expected 5 (no server)"; cat "$TMP/sql.err"; }
done

# the man page
MAN=$D/usr/share/man/man1/aidcube.1
groff -man -Tutf8 -ww -z "$MAN" 2> "$TMP/groff.err" || fail "groff failed on aidcube.1"
[ -s "$TMP/groff.err" ] && { fail "groff warns on aidcube.1"; cat "$TMP/groff.err"; }
if command -v mandoc > /dev/null; then
    mandoc -Tlint -W all "$MAN" > "$TMP/lint.out" 2>&1 || { fail "mandoc -Tlint aidcube.1"; cat "$TMP/lint.out"; }
elif [ "${CI:-}" = true ]; then fail "mandoc missing (tests/deps.sh installs it)"
else echo "mandoc missing: aidcube.1 not linted by it"; fi
if command -v man > /dev/null; then
    MANWIDTH=80 man -l "$MAN" > "$TMP/man.txt" 2> "$TMP/man.err" || fail "man -l aidcube.1"
    for w in extract parse check build cube load "db init" cells AIDCUBE_REFDIR AIDCUBE_SQLDIR \
             "share/aidcube/ref" "reference data not found" "EXIT STATUS"; do
        grep -q -- "$w" "$TMP/man.txt" || fail "man page: no \"$w\""
    done
elif [ "${CI:-}" = true ]; then fail "man missing (tests/deps.sh installs man-db)"
else echo "man missing: aidcube.1 not rendered by it"; fi

# uninstall: every file it put, no other
mkdir -p "$D/usr/bin" && echo keep > "$D/usr/bin/other-tool"
make -s -C "$ROOT" uninstall DESTDIR="$D" PREFIX=/usr > "$TMP/uninstall.out" 2>&1 \
    || { fail "make uninstall"; cat "$TMP/uninstall.out"; }
(cd "$D" && find . -type f -printf '%P\n') > "$TMP/left"
echo "usr/bin/other-tool" > "$TMP/left.expected"
same "$TMP/left.expected" "$TMP/left" "files left after make uninstall"
[ -e "$D/usr/share/aidcube" ] && fail "make uninstall left share/aidcube"

[ "$fails" -eq 0 ] && echo "install: the installed binary reads its prefix's data; AIDCUBE_REFDIR, a moved binary, the man page, uninstall"
[ "$fails" -eq 0 ]
