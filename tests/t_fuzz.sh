#!/usr/bin/env bash
# A short libFuzzer run of every harness (tests/fuzz/): the text ETL and the
# normaliser on mutated fixtures, seeds and peer phrases.  `make fuzz` runs
# them longer (FUZZ_SECONDS, default 60).
set -u
make -s fuzz-build > "$TMP/fuzz-build.log" 2>&1 || { tail -20 "$TMP/fuzz-build.log"; exit 1; }
bash tests/fuzz/run.sh "${FUZZ_SECONDS:-15}" build/fuzz/fuzz_extract build/fuzz/fuzz_parse
