#!/usr/bin/env bash
# The outputs of extract, check, cube and build on every fixture and on the
# seeds are byte-identical to the ones recorded before the layout change
# (tests/layout/before, written by tests/layout/snapshot.sh from the release
# build of the commit before it).  A deliberate change of output rewrites
# them with ACCEPT=1, reviewed like every golden.
set -u
out="$TMP/layout-now"
rm -rf "$out"
bash tests/layout/snapshot.sh "$BIN" "$out" || exit 1
if [ "${ACCEPT:-0}" = 1 ]; then rm -rf tests/layout/before; cp -r "$out" tests/layout/before; exit 0; fi
if diff -r tests/layout/before "$out" > "$TMP/layout.diff"; then
    echo "layout: $(ls "$out" | wc -l) outputs identical to before"
else
    echo "outputs differ from tests/layout/before:"; head -60 "$TMP/layout.diff"; exit 1
fi
