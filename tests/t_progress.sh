#!/usr/bin/env bash
# t_progress.sh — the progress line (base/progress.h, README "Progress on a
# terminal"): build, check and extract over fixtures/sources with standard
# error a pseudo-terminal (`script` from bsdutils) show
#     aidcube: D/N sources[, R sources/s[, about M s|min left]]
# rewritten with \r, the counts rising to N = the sources of the directory,
# blanked at the end; the stderr of the terminal, those bytes taken out, is
# exactly the stderr written to a file, and stdout is the same.  With -q or
# --quiet, or stderr a file or a pipe, not a byte of it: the stderr is the
# file's exactly.  extract shows it only when its rows do not go to the
# terminal too.  nightly shows the sources it reads (with db: those it
# loads), and not with --quiet.  (load calls the same cmd_progress_init after the same
# pipeline_run; it needs PostgreSQL and is left to t_warehouse.sh's runs,
# where stderr is a file: no progress there.)
set -u
cd "$(dirname "$0")/.." || exit 1
: "${BIN:=$PWD/build/san/aidcube}" "${TMP:=$(mktemp -d)}"
export LC_ALL=C TZ=UTC AIDCUBE_TEST=1
W="$TMP/progress"
rm -rf "$W" && mkdir -p "$W"
fail=0
SRC=fixtures/sources
# the sources the directory gives (report text and spreadsheets, read_files.h)
N=$(find "$SRC" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.csv' -o -name '*.tsv' \
      -o -name '*.xlsx' -o -name '*.xlsm' -o -name '*.ods' -o -name '*.xls' \) ! -name '.*' | wc -l)

# tty NAME CMD...: run CMD with stdout to $W/NAME.out and stderr a
# pseudo-terminal, whose bytes go to $W/NAME.tty; the exit status in $W/NAME.code
tty() {
    local n=$1; shift
    script -qec "$(printf '%q ' "$@") > $W/$n.out; echo \$? > $W/$n.code" /dev/null \
        < /dev/null > "$W/$n.tty"
}
# plain NAME CMD...: stdout to $W/NAME.out, stderr to the file $W/NAME.err
plain() {
    local n=$1; shift
    "$@" > "$W/$n.out" 2> "$W/$n.err"
    echo $? > "$W/$n.code"
}
# same WHAT A B: byte for byte, else the diff
same() {
    if cmp -s "$2" "$3"; then echo "ok: $1"
    else echo "FAIL: $1"; diff <(od -c "$2") <(od -c "$3") | head -20; fail=1; fi
}
# check WHAT TTY FILE WANT [TOTAL]: the terminal's bytes against the file's
# stderr (WANT 1: a progress line to TOTAL, default N, expected; 0: none at all)
check() {
    python3 - "$2" "$3" "$4" "${5:-$N}" <<'PY' || { echo "FAIL: $1"; fail=1; return; }
import re, sys
tty, err, want, n = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), sys.argv[3] == "1", int(sys.argv[4])
bad = []
data = tty.replace(b"\r\n", b"\n")            # the terminal's output processing (onlcr)
if b"\r" in err or re.search(rb"sources/s|/\d+ sources", err):
    bad.append("progress bytes in the file's stderr")
tok = re.compile(rb"\r(aidcube: \d+/\d+ sources[^\r\n]*)|\r( *)\r")
line = re.compile(rb"aidcube: (\d+)/(\d+) sources(, \d+(\.\d)? sources/s(, about \d+ (s|min) left)?)? *")
toks = list(tok.finditer(data))
done, last = [], None
for t in toks:
    if t.group(1) is not None:
        m = line.fullmatch(t.group(1))
        if not m:
            bad.append("malformed line %r" % t.group(1))
            continue
        if int(m.group(2)) != n:
            bad.append("total %s, not %d" % (m.group(2).decode(), n))
        if m.group(5) and int(m.group(1)) == n:
            bad.append("time left when all is done: %r" % t.group(1))
        done.append(int(m.group(1)))
    last = t
if want:
    if not done:
        bad.append("no progress line")
    elif done != sorted(done) or done[-1] != n:
        bad.append("counts %s: not rising to %d" % (done, n))
    if last is None or last.group(2) is None:
        bad.append("the line is not blanked at the end")
elif toks or b"\r" in data:
    bad.append("progress bytes: %r" % [t.group(0) for t in toks][:3])
rest = tok.sub(b"", data)
if rest != err:
    bad.append("the terminal's stderr, progress taken out, differs from the file's:\n%r\n%r" % (rest[:300], err[:300]))
for b in bad:
    print("  " + b)
sys.exit(1 if bad else 0)
PY
    echo "ok: $1"
}

plain build.file "$BIN" build -o "$W/o1" "$SRC"
tty build.tty "$BIN" build -o "$W/o2" "$SRC"
check "build: a progress line on the terminal, to $N/$N, then blanked" \
    "$W/build.tty.tty" "$W/build.file.err" 1
same "build: stdout unchanged by the terminal" "$W/build.file.out" "$W/build.tty.out"
same "build: exit status unchanged" "$W/build.file.code" "$W/build.tty.code"
plain build-q.file "$BIN" build -q -o "$W/o3" "$SRC"
for q in -q --quiet; do
    tty "build$q.tty" "$BIN" build "$q" -o "$W/o4" "$SRC"
    check "build $q: no progress on the terminal" "$W/build$q.tty.tty" "$W/build-q.file.err" 0
    same "build $q: stdout unchanged" "$W/build.file.out" "$W/build$q.tty.out"
done

# check and extract, over four sources named
FOUR=("$SRC"/car_qip_factsheet.txt "$SRC"/mli_bulletin_juin2017.txt "$SRC"/mli_qip_table.txt \
      "$SRC"/ssd_stabilisation_report.txt)
plain check.file "$BIN" check "${FOUR[@]}"
tty check.tty "$BIN" check "${FOUR[@]}"
check "check: a progress line on the terminal, to 4/4" "$W/check.tty.tty" "$W/check.file.err" 1 4
same "check: stdout unchanged by the terminal" "$W/check.file.out" "$W/check.tty.out"

# stderr a pipe: the same bytes as a file
"$BIN" build -o "$W/o_pipe" "$SRC" 2>&1 > "$W/pipe.out" | cat > "$W/pipe.err"
same "build: stderr to a pipe is stderr to a file" "$W/build.file.err" "$W/pipe.err"
check "build: no progress to a file" "$W/build.file.err" "$W/build.file.err" 0

# extract: with its rows to a file, the line; with them to the terminal, none
plain extract.file "$BIN" extract "${FOUR[@]}"
tty extract.tty "$BIN" extract "${FOUR[@]}"
check "extract > file: a progress line" "$W/extract.tty.tty" "$W/extract.file.err" 1 4
same "extract: stdout unchanged" "$W/extract.file.out" "$W/extract.tty.out"
# (three sources with no warning: stdout and stderr share the terminal)
QUIET3=("$SRC"/car_qip_factsheet.txt "$SRC"/mli_qip_table.txt "$SRC"/ssd_stabilisation_report.txt)
plain extract3.file "$BIN" extract "${QUIET3[@]}"
same "extract: the three sources give no warning" /dev/null "$W/extract3.file.err"
script -qec "$(printf '%q ' "$BIN" extract "${QUIET3[@]}") 2>&1" /dev/null < /dev/null > "$W/both.tty"
cp "$W/extract3.file.out" "$W/both.want"
python3 - "$W/both.tty" "$W/both.want" <<'PY' && echo "ok: extract to the terminal: its rows, no progress line" || { echo "FAIL: extract to the terminal"; fail=1; }
import sys
tty, out = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
sys.exit(0 if tty.replace(b"\r\n", b"\n") == out else 1)
PY

# nightly: three sources in its inbox, read in process (a run each, in a
# folder of its own: a run archives what it read)
for r in n_file n_tty n_q; do
    mkdir -p "$W/$r/inbox"; cp "${QUIET3[@]}" "$W/$r/inbox/"
    printf 'inbox = inbox\narchive = archive\nquarantine = quarantine\noutput = out\n' > "$W/$r/n.conf"
done
export AIDCUBE_NIGHTLY_SETTLE_MS=0
plain nightly.file "$BIN" nightly --config "$W/n_file/n.conf"
tty nightly.tty "$BIN" nightly --config "$W/n_tty/n.conf"
check "nightly: a progress line on the terminal, to 3/3" "$W/nightly.tty.tty" "$W/nightly.file.err" 1 3
same "nightly: the report unchanged by the terminal" "$W/nightly.file.out" "$W/nightly.tty.out"
tty nightly-q.tty "$BIN" nightly --quiet --config "$W/n_q/n.conf"
check "nightly --quiet: no progress on the terminal" "$W/nightly-q.tty.tty" "$W/nightly.file.err" 0
same "nightly --quiet: the report unchanged" "$W/nightly.file.out" "$W/nightly-q.tty.out"

[ "$fail" -eq 0 ] && echo "t_progress: all passed"
exit "$fail"
