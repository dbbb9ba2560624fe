#!/usr/bin/env bash
# A smoke run of every libFuzzer harness (tests/fuzz/), reproducible: first
# the inputs that once failed (tests/fuzz/regress/, through every harness),
# then each harness from its seeds (tests/fuzz/run.sh), 300 runs each from a
# fixed seed (FUZZ_LIMIT overrides it).  Fuzzing for real is `make fuzz`
# (FUZZ_SECONDS each, default 60).
set -u
make -s fuzz-build > "$TMP/fuzz-build.log" 2>&1 || { tail -20 "$TMP/fuzz-build.log"; exit 1; }
# one per reader (CSV, .xlsx, .ods, .xls), the text ETL, the normaliser and
# the whole pipeline
harnesses=()
for c in tests/fuzz/fuzz_*.c; do harnesses+=("build/fuzz/$(basename "$c" .c)"); done
[ "${#harnesses[@]}" -eq 7 ] || { echo "fuzz: ${#harnesses[@]} harnesses, expected 7: ${harnesses[*]}"; exit 1; }
# (with the files FreeXL itself mishandles, tests/fuzz/regress-freexl/: every
# harness here reads .xls as aidcube does, in a child; fuzz_common.h says why)
for f in "${harnesses[@]}"; do
    [ -x "$f" ] || { echo "fuzz: $f not built"; exit 1; }
    inputs=(tests/fuzz/regress/* tests/fuzz/regress-freexl/*)
    "$f" "${inputs[@]}" > "$TMP/regress.log" 2>&1 || { echo "fuzz: $f on tests/fuzz/regress"; tail -20 "$TMP/regress.log"; exit 1; }
done
bash tests/fuzz/run.sh "${FUZZ_LIMIT:-runs:300}" "${harnesses[@]}"
