#!/usr/bin/env bash
# A smoke run of every libFuzzer harness (tests/fuzz/), reproducible: first
# the inputs that once failed (tests/fuzz/regress/), then the text ETL, the
# normaliser and the sheet readers on mutated fixtures, seeds and peer
# phrases, 1500 runs each from a fixed seed (FUZZ_LIMIT overrides it).
# Fuzzing for real is `make fuzz` (FUZZ_SECONDS each, default 60).
set -u
make -s fuzz-build > "$TMP/fuzz-build.log" 2>&1 || { tail -20 "$TMP/fuzz-build.log"; exit 1; }
# inputs that once failed, first (each harness runs them all)
for f in build/fuzz/fuzz_extract build/fuzz/fuzz_parse build/fuzz/fuzz_sheet; do
    "$f" tests/fuzz/regress/* > "$TMP/regress.log" 2>&1 || { tail -20 "$TMP/regress.log"; exit 1; }
done
bash tests/fuzz/run.sh "${FUZZ_LIMIT:-runs:1500}" build/fuzz/fuzz_extract build/fuzz/fuzz_parse \
    build/fuzz/fuzz_sheet
