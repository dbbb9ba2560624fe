#!/usr/bin/env bash
# aidcube nightly (README.md, "Nightly batch"), night after night on a
# changing inbox, asserting after each the report (stdout, the log,
# nightly-report.txt), the inbox, archive and quarantine, and the workbooks.
# The in-process route: night 1 holds good sources, a bad one (NUL bytes),
# a .part file, a file still growing and a format aidcube does not read
# (exit 1, files moved, the quarantine's reason, the workbooks, the log);
# night 2 an empty inbox (exit 0, nothing loaded twice, the same workbooks
# byte for byte); night 3 a source already archived and a changed one
# (skipped and removed; archived beside the old one as NAME~2, which
# replaces it in the cube); a run while another holds the lock (refused at
# once), a lock left by a killed run (taken over); night 6 a changed source
# that leaves a fund with no source (its workbook removed once the new set
# is in place, the manifest without it); night 7 a correction sent back
# (the bytes of an older version of its name: the current version again)
# and a name ending in ~2 (a source of its own); night 8 the journal of a
# run killed before its report (its lines reported, exit 1).  As root, runs as a
# service user: a file of another user (copied, as the kernel refuses the
# link), an unreadable one (failed, said), an inbox it cannot write (an
# archived file not removed: failed, every night, exit 2).  Then
# max_rejects, an inbox on
# another file system, config errors (exact messages, exit 2), folders
# that are one or one inside another, a log that cannot be written.  The
# warehouse route against a throwaway PostgreSQL (tests/pg.sh), four nights:
# one batch per new source, archived once committed, the run and its
# sources in nightly_run and nightly_source (sql/013_nightly.sql, the
# report word for word); a source loaded by a run killed before its move
# loaded again as a skipped batch (the fact count unchanged); a changed
# source (its facts replaced, archived as NAME~2); nothing new but a file
# still being written (the same workbooks, one more run recorded); a
# warehouse that refuses the report (exit 2, said in the report); an
# unreachable warehouse (exit 2, inbox untouched).  Then the README's
# sample config (read and run), its systemd units (systemd-analyze verify)
# and cron line.  Killing a run at every point: t_nightly_kill.sh.
set -u
D="$TMP/nightly"; rm -rf "$D"; mkdir -p "$D/inbox"
# test mode: no timings in the report, and the settle time below is honoured
export AIDCUBE_TEST=1 AIDCUBE_NIGHTLY_SETTLE_MS=400
fail=0
bad() { echo "nightly: $*"; fail=1; }
# same EXPECTED_FILE GOT_FILE WHAT: exact, with the diff
same() { diff -u "$1" "$2" > "$D/diff" || { bad "$3"; cat "$D/diff"; }; }
sanitizer() { grep -qE 'Sanitizer|runtime error' "$1" && bad "sanitizer report in $1"; }
DAY=$(date -u +%F)
night() {   # night N: run, stdout in $D/out.N, stderr in $D/err.N, status in $rc
    "$BIN" nightly --config "$D/n.conf" > "$D/out.$1" 2> "$D/err.$1"; rc=$?
    sanitizer "$D/err.$1"
}
printf '%s\n' '# the test'"'"'s config: relative paths, from this file'"'"'s folder' \
    'inbox = inbox' 'archive = archive' '   quarantine	=  quarantine' 'output = out' 'db =' \
    'split = fund' 'log = nightly.log' > "$D/n.conf"

# ---- night 1 ----------------------------------------------------------
cp fixtures/sources/mli_qip_table.txt fixtures/sources/pbf_press_release_en.txt "$D/inbox/"
printf 'abc\0def 12 QIPs\n' > "$D/inbox/bad.txt"
echo partial > "$D/inbox/upload.xlsx.part"
echo notes > "$D/inbox/notes.md"
echo hidden > "$D/inbox/.sync-tmp"
: > "$D/inbox/growing.txt"
( for i in $(seq 400); do echo "ligne $i" >> "$D/inbox/growing.txt"; sleep 0.05; done ) &
writer=$!
# (a longer settle time here: the writer, sleeping 50 ms between lines, is
# seen growing even on a loaded machine)
AIDCUBE_NIGHTLY_SETTLE_MS=1500 night 1
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
[ "$rc" -eq 1 ] || bad "night 1: exit $rc, expected 1"
cat > "$D/exp" <<END
quarantined bad.txt: binary file (NUL bytes): not a text document
waiting     growing.txt: still being written (size or time changed)
loaded      mli_qip_table.txt: archived as $DAY/mli_qip_table.txt
ignored     notes.md: not a format aidcube reads
loaded      pbf_press_release_en.txt: archived as $DAY/pbf_press_release_en.txt
waiting     upload.xlsx.part: still being written (.part or .tmp name)
sources: 6 seen, 2 loaded, 0 skipped, 1 quarantined, 2 waiting, 1 ignored
rows rejected: 0
cube: 33 facts from 2 sources; findings: 9 ok, 0 mismatch, 6 unverifiable, 0 invalid
seconds: 0
exit: 1
END
same "$D/exp" "$D/out.1" "night 1: report"
same "$D/out.1" "$D/out/nightly-report.txt" "night 1: nightly-report.txt differs from stdout"
printf '%s\n' "aidcube: $D/inbox/bad.txt: binary file (NUL bytes): not a text document" > "$D/exp"
same "$D/exp" "$D/err.1" "night 1: stderr"
printf 'binary file (NUL bytes): not a text document\n' > "$D/exp"
same "$D/exp" "$D/quarantine/bad.txt.reason" "night 1: the quarantine's reason"
files() { (cd "$D" && find inbox archive quarantine out -type f | LC_ALL=C sort); }
cat > "$D/exp" <<END
archive/.aidcube-nightly.lock
archive/$DAY/mli_qip_table.txt
archive/$DAY/pbf_press_release_en.txt
inbox/.sync-tmp
inbox/growing.txt
inbox/notes.md
inbox/upload.xlsx.part
out/.aidcube.lock
out/aidcube-PBF.xlsx
out/aidcube-QIP.xlsx
out/aidcube-manifest.tsv
out/aidcube.xlsx
out/nightly-report.txt
out/rejects.tsv
quarantine/bad.txt
quarantine/bad.txt.reason
END
files > "$D/got"; same "$D/exp" "$D/got" "night 1: files"
cmp -s fixtures/sources/mli_qip_table.txt "$D/archive/$DAY/mli_qip_table.txt" || bad "night 1: archived bytes differ"
[ -s "$D/archive/.aidcube-nightly.lock" ] && bad "night 1: the lock file still holds a pid"
{ head -1 "$D/nightly.log" | grep -qE '^== aidcube nightly [0-9-]+T[0-9:]+Z \(process [0-9]+\)$'; } ||
    bad "night 1: log header: $(head -1 "$D/nightly.log")"
tail -n +2 "$D/nightly.log" > "$D/got"; same "$D/out.1" "$D/got" "night 1: the log's report"
md5() { (cd "$D/out" && md5sum ./*.xlsx rejects.tsv); }
md5 > "$D/md5.1"

# ---- night 2: an empty inbox --------------------------------------------
rm -f "$D/inbox/"* "$D/inbox/.sync-tmp"
night 2
[ "$rc" -eq 0 ] || bad "night 2: exit $rc, expected 0"
cat > "$D/exp" <<END
sources: 0 seen, 0 loaded, 0 skipped, 0 quarantined, 0 waiting, 0 ignored
rows rejected: 0
cube: 33 facts from 2 sources; findings: 9 ok, 0 mismatch, 6 unverifiable, 0 invalid
seconds: 0
exit: 0
END
same "$D/exp" "$D/out.2" "night 2: report"
[ -s "$D/err.2" ] && { bad "night 2: stderr"; cat "$D/err.2"; }
md5 > "$D/md5.2"; same "$D/md5.1" "$D/md5.2" "night 2: workbooks differ from night 1"
[ "$(grep -c '^== aidcube nightly' "$D/nightly.log")" = 2 ] || bad "night 2: log not appended"

# ---- night 3: a source already archived, a changed one ---------------------
cp fixtures/sources/pbf_press_release_en.txt "$D/inbox/"
{ cat fixtures/sources/mli_qip_table.txt; echo 'Ansongo;2;45 000,00;2,0'; } > "$D/inbox/mli_qip_table.txt"
# a project list with one row that cannot be loaded (no currency)
printf 'projet;montant;devise\nPuits de Gao;450 000;USD\nRoute de Kidal;12 000;\n' > "$D/inbox/projets.csv"
night 3
[ "$rc" -eq 1 ] || bad "night 3: exit $rc, expected 1"
cat > "$D/exp" <<END
loaded      mli_qip_table.txt: archived as $DAY/mli_qip_table~2.txt
skipped     pbf_press_release_en.txt: already loaded, archived as $DAY/pbf_press_release_en.txt (removed from the inbox)
loaded      projets.csv: archived as $DAY/projets.csv (rows rejected: 1)
sources: 3 seen, 2 loaded, 1 skipped, 0 quarantined, 0 waiting, 0 ignored
rows rejected: 1
cube: 38 facts from 3 sources; findings: 5 ok, 5 mismatch, 7 unverifiable, 0 invalid
seconds: 0
exit: 1
END
same "$D/exp" "$D/out.3" "night 3: report"
# the rejected row said once, as it came (not again by the build from the archive)
printf '%s\n' "aidcube: $D/inbox/projets.csv:3: sheet \"projets\", column B \"12 000\": no currency (none in the cell, the header, a currency column or the fund's reference data): row not loaded" > "$D/exp"
same "$D/exp" "$D/err.3" "night 3: stderr"
grep -qF "archive/$DAY/projets.csv"$'\tprojets\t3\tB\t12 000\t' "$D/out/rejects.tsv" || bad "night 3: rejects.tsv lacks the rejected row"
[ -z "$(ls -A "$D/inbox")" ] || bad "night 3: inbox not empty: $(ls -A "$D/inbox")"
cmp -s fixtures/sources/mli_qip_table.txt "$D/archive/$DAY/mli_qip_table.txt" || bad "night 3: the old version was changed"
# the workbook reads the new version only, not both
"$BIN" cells "$D/out/aidcube.xlsx" > "$D/cells" 2>/dev/null
grep -qF 'mli_qip_table~2.txt' "$D/cells" || bad "night 3: the workbook does not name mli_qip_table~2.txt"
grep -qF "$DAY/mli_qip_table.txt" "$D/cells" && bad "night 3: the old version is still in the workbook"

# ---- the lock -------------------------------------------------------------
echo 12345 > "$D/archive/.aidcube-nightly.lock"
cp fixtures/sources/hti_qip_closing_en.txt "$D/inbox/"
# a holder of the lock: a shell that takes it and becomes the sleep (its pid)
( exec 9>> "$D/archive/.aidcube-nightly.lock"; flock 9; exec sleep 30 ) &
holder=$!
for _ in $(seq 50); do flock -n "$D/archive/.aidcube-nightly.lock" true || break; sleep 0.1; done
# at once: before the inbox is looked at twice (a settle time of 5 s here)
t0=$(date +%s%N)
AIDCUBE_NIGHTLY_SETTLE_MS=5000 night 4
t1=$(date +%s%N)
[ "$rc" -eq 2 ] || bad "locked: exit $rc, expected 2"
[ -s "$D/out.4" ] && bad "locked: stdout: $(cat "$D/out.4")"
printf '%s\n' "aidcube: $D/archive/.aidcube-nightly.lock: another nightly run holds the lock (process 12345): this run stops" > "$D/exp"
same "$D/exp" "$D/err.4" "locked: message"
[ $(( (t1 - t0) / 1000000 )) -lt 5000 ] || bad "locked: did not stop at once"
[ -f "$D/inbox/hti_qip_closing_en.txt" ] || bad "locked: the inbox was touched"
kill "$holder"; wait "$holder" 2>/dev/null
# the holder is gone, its pid still in the file: a killed run's lock
night 5
[ "$rc" -eq 0 ] || bad "stale lock: exit $rc, expected 0"
printf '%s\n' "aidcube: $D/archive/.aidcube-nightly.lock: lock left by process 12345, which is no longer running: taken over" > "$D/exp"
same "$D/exp" "$D/err.5" "stale lock: message"
head -1 "$D/out.5" | grep -qxF "loaded      hti_qip_closing_en.txt: archived as $DAY/hti_qip_closing_en.txt" ||
    bad "stale lock: not loaded: $(head -1 "$D/out.5")"

# ---- night 6: a fund no source states any more ------------------------------
# the press release comes back changed: it now speaks of QIPs only; its new
# version replaces the old one, PBF has no source left, and its workbook is
# removed once the new set is in place (a file still being written waits)
printf 'Bulletin de la MINUSMA, décembre 2019\n\nEn 2019, la MINUSMA a financé 3 projets à impact rapide à Gao pour un montant total de 150 000 USD.\n' > "$D/inbox/pbf_press_release_en.txt"
echo partial > "$D/inbox/liste.csv.part"
night 6
[ "$rc" -eq 0 ] || bad "night 6: exit $rc, expected 0"
cat > "$D/exp" <<END
waiting     liste.csv.part: still being written (.part or .tmp name)
loaded      pbf_press_release_en.txt: archived as $DAY/pbf_press_release_en~2.txt
sources: 2 seen, 1 loaded, 0 skipped, 0 quarantined, 1 waiting, 0 ignored
rows rejected: 0
cube: 39 facts from 4 sources; findings: 8 ok, 5 mismatch, 8 unverifiable, 0 invalid
seconds: 0
exit: 0
END
same "$D/exp" "$D/out.6" "night 6: report"
(cd "$D/out" && ls) > "$D/got"
printf '%s\n' aidcube-QIP.xlsx aidcube-manifest.tsv aidcube.xlsx nightly-report.txt rejects.tsv > "$D/exp"
same "$D/exp" "$D/got" "night 6: the workbooks (PBF's removed)"
cut -f1,2 "$D/out/aidcube-manifest.tsv" > "$D/got"
printf 'file\tfund\naidcube.xlsx\t\naidcube-QIP.xlsx\tQIP\nrejects.tsv\t\n' > "$D/exp"
same "$D/exp" "$D/got" "night 6: the manifest"
[ "$(ls "$D/inbox")" = liste.csv.part ] || bad "night 6: inbox: $(ls "$D/inbox")"

# ---- night 7: a correction sent back, a name with a version suffix -----------
# the original press release again (its bytes are those of an older version
# of its own name): the current version again, as ~3; a report whose own
# name ends in ~2 is a source of its own (archived as NAME~2~1), not a new
# version of another
cp fixtures/sources/pbf_press_release_en.txt "$D/inbox/"
printf 'Note de la MINUSMA, 2019\n\nEn 2019, la MINUSMA a financé 4 projets à impact rapide à Mopti pour 80 000 USD.\n' > "$D/inbox/mli_qip_table~2.txt"
rm -f "$D/inbox/liste.csv.part"
night 7
[ "$rc" -eq 0 ] || bad "night 7: exit $rc, expected 0"
cat > "$D/exp" <<END
loaded      mli_qip_table~2.txt: archived as $DAY/mli_qip_table~2~1.txt
loaded      pbf_press_release_en.txt: archived as $DAY/pbf_press_release_en~3.txt
sources: 2 seen, 2 loaded, 0 skipped, 0 quarantined, 0 waiting, 0 ignored
rows rejected: 0
cube: 51 facts from 5 sources; findings: 8 ok, 5 mismatch, 9 unverifiable, 0 invalid
seconds: 0
exit: 0
END
same "$D/exp" "$D/out.7" "night 7: report"
"$BIN" cells "$D/out/aidcube.xlsx" > "$D/cells" 2>/dev/null
for f in pbf_press_release_en~3.txt: mli_qip_table~2~1.txt: mli_qip_table~2.txt:; do
    grep -qF " $f" "$D/cells" || bad "night 7: the workbook does not name $f"
done
grep -qF "pbf_press_release_en~2.txt:" "$D/cells" && bad "night 7: the replaced version is still in the workbook"

# ---- night 8: what a run killed before its report quarantined ----------------
# (its journal, as such a run leaves it): in this night's report, exit 1
printf 'quarantined bad~2.txt: binary file (NUL bytes): not a text document\n' > "$D/archive/.aidcube-nightly.journal"
night 8
[ "$rc" -eq 1 ] || bad "night 8: exit $rc, expected 1"
head -3 "$D/out.8" > "$D/got"
printf 'a run stopped before its report did:\nquarantined bad~2.txt: binary file (NUL bytes): not a text document\nthis run:\n' > "$D/exp"
same "$D/exp" "$D/got" "night 8: the stopped run's report"
[ -e "$D/archive/.aidcube-nightly.journal" ] && bad "night 8: the journal was not removed"

# ---- as a service user: files of another user, a folder it cannot write -----
# (as root only: the kernel's protected_hardlinks refuses a link to a file
# of another user, so the move copies it; an inbox the service user cannot
# write keeps an archived file, which is then a failure, not "removed")
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null; then
    P="$D/perm"; mkdir -p "$P/inbox"
    printf 'inbox = inbox\narchive = archive\nquarantine = quarantine\noutput = out\n' > "$P/n.conf"
    # the binary and its reference data where the service user can reach
    # them (the checkout may be in a folder only its owner can enter)
    cp "$BIN" "$P/aidcube"; cp -r fixtures/ref "$P/ref"
    cp fixtures/sources/mli_qip_table.txt "$P/inbox/root.txt"
    cp fixtures/sources/hti_qip_closing_en.txt "$P/inbox/secret.txt"
    chown -R 65534:65534 "$P"; chown root:root "$P/inbox/root.txt" "$P/inbox/secret.txt"
    chmod 644 "$P/inbox/root.txt"; chmod 000 "$P/inbox/secret.txt"; chmod 777 "$P/inbox"
    as_nobody() { (cd "$P" && AIDCUBE_REFDIR="$P/ref" setpriv --reuid=65534 --regid=65534 --clear-groups \
                   "$P/aidcube" nightly --config "$P/n.conf"); }
    as_nobody > "$P/out.1" 2> "$P/err.1"; rc=$?
    sanitizer "$P/err.1"
    [ "$rc" -eq 2 ] || bad "another user's files: exit $rc, expected 2"
    head -2 "$P/out.1" > "$P/got"
    printf 'loaded      root.txt: archived as %s/root.txt\nfailed      secret.txt: cannot be read: Permission denied\n' "$DAY" > "$P/exp"
    same "$P/exp" "$P/got" "another user's files: report"
    cmp -s fixtures/sources/mli_qip_table.txt "$P/archive/$DAY/root.txt" && [ ! -e "$P/inbox/root.txt" ] ||
        bad "another user's file: not copied into the archive and removed"
    grep -qx 'cube: 21 facts from 1 sources; findings: 9 ok, 0 mismatch, 6 unverifiable, 0 invalid' "$P/out.1" ||
        bad "another user's files: the cube not built: $(grep cube: "$P/out.1")"
    # an inbox the service user cannot write: archived, not removed: failed, every night
    rm -f "$P/inbox/secret.txt"; cp fixtures/sources/pbf_press_release_en.txt "$P/inbox/kept.txt"
    chown 65534:65534 "$P/inbox/kept.txt"; chown root:root "$P/inbox"; chmod 755 "$P/inbox"
    for i in 2 3; do
        as_nobody > "$P/out.$i" 2> "$P/err.$i"; rc=$?
        sanitizer "$P/err.$i"
        [ "$rc" -eq 2 ] || bad "an inbox not writable, night $i: exit $rc, expected 2"
    done
    head -1 "$P/out.2" > "$P/got"
    printf 'failed      kept.txt: archived as %s/kept.txt, but not removed from the inbox: Permission denied\n' "$DAY" > "$P/exp"
    same "$P/exp" "$P/got" "an inbox not writable: night 2"
    head -1 "$P/out.3" > "$P/got"
    printf 'failed      kept.txt: already archived as %s/kept.txt, but not removed from the inbox: Permission denied\n' "$DAY" > "$P/exp"
    same "$P/exp" "$P/got" "an inbox not writable: night 3"
elif [ "${CI:-}" = true ]; then
    bad "not root or no setpriv: another user's files not tested"
else
    echo "nightly: not root: the files of another user not tested"
fi

# ---- max_rejects; two new files of the same bytes the same night -----------
M="$D/mr"; mkdir -p "$M/inbox"
printf 'inbox = inbox\narchive = archive\nquarantine = quarantine\noutput = out\nmax_rejects = 0\n' > "$M/n.conf"
printf 'projet;montant;devise\nPuits de Gao;450 000;USD\nRoute de Kidal;12 000;\n' > "$M/inbox/projets.csv"
cp fixtures/sources/hti_qip_closing_en.txt "$M/inbox/a.txt"
cp fixtures/sources/hti_qip_closing_en.txt "$M/inbox/b.txt"
"$BIN" nightly --config "$M/n.conf" > "$M/stdout" 2> "$M/err"; rc=$?
sanitizer "$M/err"
[ "$rc" -eq 1 ] || bad "max_rejects: exit $rc, expected 1"
reason='1 of 2 rows rejected, more than --max-rejects 0 allows: the file is not loaded'
head -3 "$M/stdout" > "$M/got"
cat > "$M/exp" <<END
loaded      a.txt: archived as $DAY/a.txt
skipped     b.txt: already loaded, archived as $DAY/a.txt (removed from the inbox)
quarantined projets.csv: $reason
END
same "$M/exp" "$M/got" "max_rejects: report"
printf '%s\n' "$reason" > "$M/exp"; same "$M/exp" "$M/quarantine/projets.csv.reason" "max_rejects: reason"
[ -z "$(ls -A "$M/inbox")" ] || bad "max_rejects: inbox not empty: $(ls -A "$M/inbox")"

# ---- an inbox on another file system (tmpfs): copied, synced, linked ----------
X="$D/xfs"; mkdir -p "$X"
if [ -d /dev/shm ] && [ "$(stat -f -c %i /dev/shm)" != "$(stat -f -c %i "$X")" ] &&
   XI=$(mktemp -d /dev/shm/aidcube-nightly.XXXXXX); then
    cp fixtures/sources/hti_qip_closing_en.txt "$XI/"
    printf 'inbox = %s\narchive = archive\nquarantine = quarantine\noutput = out\n' "$XI" > "$X/n.conf"
    "$BIN" nightly --config "$X/n.conf" > "$X/stdout" 2> "$X/err"; rc=$?
    sanitizer "$X/err"
    [ "$rc" -eq 0 ] || { bad "other file system: exit $rc"; cat "$X/err"; }
    cmp -s fixtures/sources/hti_qip_closing_en.txt "$X/archive/$DAY/hti_qip_closing_en.txt" ||
        bad "other file system: archived bytes differ"
    [ -z "$(ls -A "$XI")" ] || bad "other file system: inbox not empty: $(ls -A "$XI")"
    [ "$(ls -A "$X/archive/$DAY")" = hti_qip_closing_en.txt ] || bad "other file system: archive: $(ls -A "$X/archive/$DAY")"
    rm -rf "$XI"
else
    echo "nightly: no tmpfs /dev/shm on another file system: the copy across file systems not tested"
fi

# ---- config errors ----------------------------------------------------------
C="$D/conf"; mkdir -p "$C"
base=$'inbox = in\narchive = ar\nquarantine = qu\noutput = ou'
conf_err() {   # conf_err NAME EXPECTED_MESSAGE (config text on stdin)
    cat > "$C/$1.conf"
    "$BIN" nightly --config "$C/$1.conf" > "$C/$1.out" 2> "$C/$1.err"; local r=$?
    sanitizer "$C/$1.err"
    [ "$r" -eq 2 ] || bad "config $1: exit $r, expected 2"
    [ -s "$C/$1.out" ] && bad "config $1: stdout"
    printf '%s\n' "$2" > "$C/exp"; same "$C/exp" "$C/$1.err" "config $1: message"
}
printf '%s\n# a comment\n\noutbox = x\n' "$base" | conf_err unknown "aidcube: $C/unknown.conf:7: unknown key \"outbox\""
printf '%s\nsplit = region\n' "$base" | conf_err split "aidcube: $C/split.conf:5: split: invalid value \"region\" (none, fund or donor)"
printf '%s\ntolerance = -1\n' "$base" | conf_err tolerance "aidcube: $C/tolerance.conf:5: tolerance: invalid value \"-1\" (percentage points, 0 to 100)"
printf '%s\nmax_rejects = many\n' "$base" | conf_err rejects "aidcube: $C/rejects.conf:5: max_rejects: invalid value \"many\" (N rows or N%)"
printf '%s\ninbox = other\n' "$base" | conf_err twice "aidcube: $C/twice.conf:5: key \"inbox\" given twice (first on line 1)"
printf '%s\njust words\n' "$base" | conf_err syntax "aidcube: $C/syntax.conf:5: not \"key = value\": \"just words\""
printf '%s\nlog =\n' "$base" | conf_err empty "aidcube: $C/empty.conf:5: log: no value"
printf 'inbox = in\narchive = ar\noutput = ou\n' | conf_err missing "aidcube: $C/missing.conf: missing key \"quarantine\""
[ -z "$(ls "$C" | grep -vE '\.(conf|out|err)$|^exp$')" ] || bad "config errors: a folder was created: $(ls "$C")"
# folders that are one, or one inside another: said before anything is read
mkdir -p "$C/ov/in"; cp fixtures/sources/hti_qip_closing_en.txt "$C/ov/in/"
overlap() {   # overlap NAME EXPECTED_MESSAGE (config on stdin)
    cat > "$C/ov/$1.conf"
    "$BIN" nightly --config "$C/ov/$1.conf" > "$C/ov/$1.out" 2> "$C/ov/$1.err"; local r=$?
    [ "$r" -eq 2 ] || bad "folders $1: exit $r, expected 2"
    printf '%s\n' "$2" > "$C/exp"; same "$C/exp" "$C/ov/$1.err" "folders $1: message"
    [ -f "$C/ov/in/hti_qip_closing_en.txt" ] || bad "folders $1: the inbox was touched"
}
printf 'inbox = in\narchive = ar\nquarantine = qu\noutput = in\n' | overlap same \
    "aidcube: $C/ov/same.conf: inbox and output are the same folder ($C/ov/in): give each of inbox, archive, quarantine and output a folder of its own"
printf 'inbox = in\narchive = ar\nquarantine = in/q\noutput = ou\n' | overlap inside \
    "aidcube: $C/ov/inside.conf: quarantine ($C/ov/in/q) is inside inbox ($C/ov/in): give each of inbox, archive, quarantine and output a folder of its own"
printf 'inbox = in\narchive = ar\nquarantine = qu\noutput = ou\nlog = nolog/n.log\n' | overlap log \
    "aidcube: $C/ov/nolog/n.log: cannot write the log: No such file or directory"
"$BIN" nightly --config "$C/none.conf" > /dev/null 2> "$C/none.err"; r=$?
[ "$r" -eq 2 ] || bad "config none: exit $r"
printf '%s\n' "aidcube: $C/none.conf: cannot read: No such file or directory" > "$C/exp"
same "$C/exp" "$C/none.err" "config none: message"
"$BIN" nightly > /dev/null 2> "$C/usage.err"; r=$?
[ "$r" -eq 2 ] || bad "no --config: exit $r"
grep -qxF "aidcube: nightly: no config file (--config FILE)" "$C/usage.err" || bad "no --config: $(cat "$C/usage.err")"
# an inbox that does not exist: the run fails, says so, reports
printf 'inbox = nowhere\narchive = ar\nquarantine = qu\noutput = ou\n' > "$C/noinbox.conf"
"$BIN" nightly --config "$C/noinbox.conf" > "$C/noinbox.out" 2> "$C/noinbox.err"; r=$?
[ "$r" -eq 2 ] || bad "no inbox: exit $r, expected 2"
grep -qxF "aidcube: $C/nowhere: cannot list: No such file or directory" "$C/noinbox.err" || bad "no inbox: $(cat "$C/noinbox.err")"
grep -qxF "exit: 2" "$C/noinbox.out" || bad "no inbox: report: $(cat "$C/noinbox.out")"

# ---- the warehouse route (db set) ---------------------------------------------
# each new source loaded as its own batch, archived once committed; one the
# warehouse has already (a run killed between the commit and the move) is
# loaded again as a skipped batch, then archived; the workbooks from the
# warehouse; a warehouse that cannot be reached: exit 2, the inbox untouched
. tests/pg.sh
pg_start "$TMP/nightpg" || exit 1
export AIDCUBE_SQL="$PWD/sql"
q() { "${psql[@]}" -A -t -c "$1"; }
"$BIN" db init --db "$PG_CONN" > /dev/null || bad "warehouse: db init failed"
W="$D/wh"; mkdir -p "$W/inbox"
printf 'inbox = inbox\narchive = archive\nquarantine = quarantine\noutput = out\ndb = %s\n' "$PG_CONN" > "$W/n.conf"
cp fixtures/sources/mli_qip_table.txt fixtures/sources/pbf_press_release_en.txt "$W/inbox/"
printf 'abc\0def 12 QIPs\n' > "$W/inbox/bad.txt"
wnight() {   # wnight N
    "$BIN" nightly --config "$W/n.conf" > "$W/out.$1" 2> "$W/err.$1"; rc=$?
    sanitizer "$W/err.$1"
}
wnight 1
[ "$rc" -eq 1 ] || bad "warehouse night 1: exit $rc, expected 1"
cat > "$W/exp" <<END
quarantined bad.txt: binary file (NUL bytes): not a text document
loaded      mli_qip_table.txt: archived as $DAY/mli_qip_table.txt (batch 1: committed)
loaded      pbf_press_release_en.txt: archived as $DAY/pbf_press_release_en.txt (batch 2: committed)
sources: 3 seen, 2 loaded, 0 skipped, 1 quarantined, 0 waiting, 0 ignored
rows rejected: 0
cube: 33 facts from 2 sources; findings: 9 ok, 0 mismatch, 6 unverifiable, 0 invalid
seconds: 0
exit: 1
END
same "$W/exp" "$W/out.1" "warehouse night 1: report"
[ "$(q "SELECT count(*) FROM aidcube.batch WHERE status = 'committed'")" = 2 ] || bad "warehouse night 1: batches"
[ "$(q "SELECT count(*) FROM aidcube.dim_source")" = 2 ] || bad "warehouse night 1: sources"
facts1=$(q "SELECT count(*) FROM aidcube.fact")
# the run's report in the warehouse (sql/013_nightly.sql): the run, its sources
run_row() { q "SELECT sources_seen, sources_loaded, sources_skipped, sources_quarantined,
    sources_waiting, sources_ignored, sources_failed, rows_rejected, facts, findings_ok,
    findings_mismatch, findings_unverifiable, findings_invalid, not_built, seconds, exit_status
    FROM aidcube.nightly_run ORDER BY run_key DESC LIMIT 1"; }
run_sources() { q "SELECT name, outcome, detail, rows_rejected, batch_key FROM aidcube.nightly_source
    WHERE run_key = (SELECT max(run_key) FROM aidcube.nightly_run) ORDER BY name"; }
[ "$(run_row)" = "3|2|0|1|0|0|0|0|33|9|0|6|0||0|1" ] || bad "warehouse night 1: nightly_run: $(run_row)"
cat > "$W/exp" <<END
bad.txt|quarantined|binary file (NUL bytes): not a text document|0|
mli_qip_table.txt|loaded|$DAY/mli_qip_table.txt|0|1
pbf_press_release_en.txt|loaded|$DAY/pbf_press_release_en.txt|0|2
END
run_sources > "$W/got"; same "$W/exp" "$W/got" "warehouse night 1: nightly_source"
printf '%s\n' "$(q "SELECT report FROM aidcube.nightly_run ORDER BY run_key DESC LIMIT 1")" > "$W/got"
same "$W/out.1" "$W/got" "warehouse night 1: nightly_run.report differs from the report"
[ -f "$W/out/aidcube.xlsx" ] && [ -f "$W/quarantine/bad.txt.reason" ] || bad "warehouse night 1: files"
# a source loaded by a run killed before its move: still in the inbox
cp fixtures/sources/hti_qip_closing_en.txt "$W/inbox/"
"$BIN" load --quiet --db "$PG_CONN" "$W/inbox/hti_qip_closing_en.txt" > /dev/null || bad "warehouse: load failed"
facts2=$(q "SELECT count(*) FROM aidcube.fact")
cp fixtures/sources/mli_qip_table.txt "$W/inbox/"
wnight 2
[ "$rc" -eq 0 ] || bad "warehouse night 2: exit $rc, expected 0"
head -2 "$W/out.2" > "$W/got"
cat > "$W/exp" <<END
loaded      hti_qip_closing_en.txt: archived as $DAY/hti_qip_closing_en.txt (batch 4: skipped)
skipped     mli_qip_table.txt: already loaded, archived as $DAY/mli_qip_table.txt (removed from the inbox)
END
same "$W/exp" "$W/got" "warehouse night 2: report"
[ "$(q "SELECT count(*) FROM aidcube.fact")" = "$facts2" ] || bad "warehouse night 2: facts changed"
[ "$facts2" -gt "$facts1" ] || bad "warehouse: the manual load added no facts"
[ -z "$(ls -A "$W/inbox")" ] || bad "warehouse night 2: inbox not empty: $(ls -A "$W/inbox")"
# a changed source of the same name: its facts replaced (the same source row)
{ cat fixtures/sources/mli_qip_table.txt; echo 'Ansongo;2;45 000,00;2,0'; } > "$W/inbox/mli_qip_table.txt"
wnight 3
[ "$rc" -eq 0 ] || bad "warehouse night 3: exit $rc, expected 0"
printf '%s\n' "loaded      mli_qip_table.txt: archived as $DAY/mli_qip_table~2.txt (batch 5: committed)" > "$W/exp"
head -1 "$W/out.3" > "$W/got"; same "$W/exp" "$W/got" "warehouse night 3: report"
[ "$(q "SELECT count(*) FROM aidcube.dim_source")" = 3 ] || bad "warehouse night 3: sources: $(q "SELECT count(*) FROM aidcube.dim_source")"
[ "$(q "SELECT count(*) FROM aidcube.fact")" = $((facts2 + 3)) ] || bad "warehouse night 3: facts $(q "SELECT count(*) FROM aidcube.fact"), expected $((facts2 + 3))"
[ "$(run_row)" = "1|1|0|0|0|0|0|0|$((facts2 + 3))|8|5|8|0||0|0" ] || bad "warehouse night 3: nightly_run: $(run_row)"
wmd5() { (cd "$W/out" && md5sum ./*.xlsx rejects.tsv); }
wmd5 > "$W/md5.3"
# night 4: nothing new but a file still being written: waits; the same
# workbooks; one more run in the warehouse
echo partial > "$W/inbox/liste.xlsx.part"
wnight 4
[ "$rc" -eq 0 ] || bad "warehouse night 4: exit $rc, expected 0"
cat > "$W/exp" <<END
waiting     liste.xlsx.part: still being written (.part or .tmp name)
sources: 1 seen, 0 loaded, 0 skipped, 0 quarantined, 1 waiting, 0 ignored
rows rejected: 0
cube: $((facts2 + 3)) facts from 3 sources; findings: 8 ok, 5 mismatch, 8 unverifiable, 0 invalid
seconds: 0
exit: 0
END
same "$W/exp" "$W/out.4" "warehouse night 4: report"
wmd5 > "$W/md5.4"; same "$W/md5.3" "$W/md5.4" "warehouse night 4: the workbooks changed"
[ "$(q "SELECT count(*) FROM aidcube.nightly_run")" = 4 ] || bad "warehouse night 4: runs"
printf 'liste.xlsx.part|waiting|still being written (.part or .tmp name)|0|\n' > "$W/exp"
run_sources > "$W/got"; same "$W/exp" "$W/got" "warehouse night 4: nightly_source"
[ "$(q "SELECT count(*) FROM aidcube.fact")" = $((facts2 + 3)) ] || bad "warehouse night 4: facts changed"
rm "$W/inbox/liste.xlsx.part"
# a warehouse that refuses the report: said, in the report too, exit 2
q "CREATE FUNCTION aidcube.refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RAISE EXCEPTION 'no reports today'; END \$\$;
   CREATE TRIGGER refuse BEFORE INSERT ON aidcube.nightly_run FOR EACH ROW EXECUTE FUNCTION aidcube.refuse()" > /dev/null
wnight 5
[ "$rc" -eq 2 ] || bad "report refused: exit $rc, expected 2"
tail -3 "$W/out.5" > "$W/got"
printf 'warehouse: this report could not be recorded (nightly_run)\nseconds: 0\nexit: 2\n' > "$W/exp"
same "$W/exp" "$W/got" "report refused: report"
grep -q '^aidcube: database: recording the nightly run: .*no reports today' "$W/err.5" || bad "report refused: $(cat "$W/err.5")"
[ "$(q "SELECT count(*) FROM aidcube.nightly_run")" = 4 ] || bad "report refused: a run was recorded"
q "DROP TRIGGER refuse ON aidcube.nightly_run" > /dev/null
printf 'inbox = inbox\narchive = archive\nquarantine = quarantine\noutput = out\ndb = host=%s/nowhere dbname=x\n' "$W" > "$W/gone.conf"
cp fixtures/sources/pbf_press_release_en.txt "$W/inbox/again.txt"
"$BIN" nightly --config "$W/gone.conf" > "$W/out.6" 2> "$W/err.6"; rc=$?
[ "$rc" -eq 2 ] || bad "warehouse unreachable: exit $rc, expected 2"
grep -qxF "exit: 2" "$W/out.6" || bad "warehouse unreachable: report: $(cat "$W/out.6")"
[ -f "$W/inbox/again.txt" ] || bad "warehouse unreachable: the inbox was touched"
pg_stop

# ---- the README's systemd units and cron line --------------------------------
U="$D/units"; mkdir -p "$U"
# each ```ini block whose first line is "# /etc/systemd/system/NAME" goes to $U/NAME
awk -v dir="$U" '
    /^```ini$/ { inblk = 1; f = ""; next }
    /^```$/    { inblk = 0; f = ""; next }
    inblk && f == "" && /^# \/etc\/systemd\/system\// { n = split($2, p, "/"); f = dir "/" p[n]; next }
    inblk && f != "" { print > f }' README.md
[ -f "$U/aidcube-nightly.service" ] && [ -f "$U/aidcube-nightly.timer" ] || bad "README: the systemd units not found"
if command -v systemd-analyze > /dev/null; then
    # the binary the unit names need not be installed here: ours stands in
    sed -i "s|^ExecStart=/usr/local/bin/aidcube|ExecStart=$BIN|" "$U/aidcube-nightly.service"
    (cd "$U" && systemd-analyze verify ./aidcube-nightly.service ./aidcube-nightly.timer) > "$D/verify" 2>&1 ||
        { bad "systemd-analyze verify"; cat "$D/verify"; }
elif [ "${CI:-}" = true ]; then
    bad "systemd-analyze not installed (tests/deps.sh installs systemd)"
else
    echo "nightly: systemd-analyze not installed: the README's units not verified"
fi
# the README's sample config, its folders moved here: read and run (nothing yet)
R="$D/readme"; mkdir -p "$R/inbox"
awk '/^```/ { if (seen) exit; inblk = !inblk; next }
     inblk && seen { print }
     inblk && /^# \/etc\/aidcube\/nightly.conf$/ { seen = 1 }' README.md |
    sed -e "s|/srv/aidcube/|$R/|" -e "s|/var/log/aidcube/|$R/|" > "$R/n.conf"
grep -q '^inbox ' "$R/n.conf" || bad "README: the sample config not found"
"$BIN" nightly --config "$R/n.conf" > "$R/stdout" 2> "$R/err"; rc=$?
[ "$rc" -eq 0 ] || { bad "README sample config: exit $rc"; cat "$R/err"; }
grep -qxF "cube: not built: nothing archived yet" "$R/stdout" || bad "README sample config: $(cat "$R/stdout")"
[ -f "$R/nightly.log" ] && [ -f "$R/workbooks/nightly-report.txt" ] || bad "README sample config: no log or report"
cron=$(grep -E '^[0-9*].*/aidcube nightly --config ' README.md)
[ "$(printf '%s\n' "$cron" | wc -l)" = 1 ] || bad "README: not one cron line"
# five time fields in their ranges, then an absolute command
printf '%s\n' "$cron" | awk '{
    split("59 23 31 12 7", max, " ")
    for (i = 1; i <= 5; i++) if ($i != "*" && ($i !~ /^[0-9]+$/ || $i + 0 > max[i] + 0)) exit 1
    if ($6 !~ /^\//) exit 1 }' || bad "README: cron line: $cron"

[ "$fail" -eq 0 ] && echo "nightly: eight nights in process, four with the warehouse (its run tables), the lock, files of another user, max_rejects, config errors, overlapping folders and the README units pass"
exit $fail
