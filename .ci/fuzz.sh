#!/usr/bin/env bash
# fuzz.sh [SECONDS] -- builds the libFuzzer targets (cmake --preset fuzz: clang, ASan + UBSan) and
# runs each for SECONDS (default 60) from its seed corpus in fuzz/corpus/<name>. A finding (crash,
# sanitizer report, failed assertion) fails the script and leaves the input in build-fuzz/findings.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz -j "$(nproc 2> /dev/null || echo 2)"
mkdir -p build-fuzz/findings build-fuzz/logs
for target in build-fuzz/fuzz_*; do
    [ -f "$target" ] && [ -x "$target" ] || continue
    name=$(basename "$target")
    corpus=build-fuzz/corpus/${name#fuzz_}
    mkdir -p "$corpus"
    echo "== $name: $seconds s from fuzz/corpus/${name#fuzz_} =="
    # The run's own corpus grows in build-fuzz; the seeds in the repository stay as they are.
    rc=0
    "$target" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
        -artifact_prefix=build-fuzz/findings/"$name"- "$corpus" "fuzz/corpus/${name#fuzz_}" \
        > "build-fuzz/logs/$name.log" 2>&1 || rc=$?
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==ERROR|SUMMARY)' \
        "build-fuzz/logs/$name.log" || true
    if [ "$rc" -ne 0 ]; then
        tail -n 40 "build-fuzz/logs/$name.log" >&2
        echo "fuzz.sh: $name found a failing input: build-fuzz/findings/" >&2
        exit 1
    fi
done
