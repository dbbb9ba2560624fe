#!/usr/bin/env bash
# A short, reproducible libFuzzer run of every harness (tests/fuzz/): the
# text ETL and the normaliser on mutated fixtures, seeds and peer phrases,
# 8000 runs each from a fixed seed.  `make fuzz` runs them longer
# (FUZZ_SECONDS, default 60).
set -u
make -s fuzz-build > "$TMP/fuzz-build.log" 2>&1 || { tail -20 "$TMP/fuzz-build.log"; exit 1; }
# inputs that once failed, first (each harness runs them all)
for f in build/fuzz/fuzz_extract build/fuzz/fuzz_parse build/fuzz/fuzz_sheet; do
    "$f" tests/fuzz/regress/* > "$TMP/regress.log" 2>&1 || { tail -20 "$TMP/regress.log"; exit 1; }
done
bash tests/fuzz/run.sh "${FUZZ_LIMIT:-runs:8000}" build/fuzz/fuzz_extract build/fuzz/fuzz_parse \
    build/fuzz/fuzz_sheet
