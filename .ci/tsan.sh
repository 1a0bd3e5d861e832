#!/usr/bin/env bash
# tsan.sh -- ThreadSanitizer with LLVM's Archer (cmake --preset tsan: clang, -fsanitize=thread) over
# every kernel at 2 and 3 threads (3 oversubscribes a 2-core machine: more interleavings) and the
# overhead table. Archer tells TSan what OpenMP's barriers and locks order; libomp itself is not
# instrumented, hence ignore_noninstrumented_modules. Any race report fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tsan > /dev/null
cmake --build --preset tsan -j "$(nproc 2> /dev/null || echo 2)" --target ompscale
archer=$(find /usr/lib/llvm-*/lib -name libarcher.so 2> /dev/null | sort -V | tail -n 1)
if [ -z "$archer" ]; then
    echo "tsan.sh: libarcher.so not found (apt-get install libomp-dev)" >&2
    exit 1
fi
export OMP_TOOL_LIBRARIES=$archer ARCHER_OPTIONS=verbose=1
export TSAN_OPTIONS="ignore_noninstrumented_modules=1 halt_on_error=1 exitcode=66"
out=$(mktemp -d /tmp/ompscale-tsan-XXXXXX)
trap 'rm -rf "$out"' EXIT
for cmd in "run --class S --threads 2,3 --reps 2 --warmup 0 --no-overhead" "overhead --threads 2,3 --reps 2"; do
    echo "== ompscale $cmd =="
    rc=0
    # shellcheck disable=SC2086
    build-tsan/ompscale $cmd --out "$out/$(echo "$cmd" | cut -d' ' -f1)" > "$out/log" 2>&1 || rc=$?
    if ! grep -q 'Archer detected OpenMP application' "$out/log"; then
        echo "tsan.sh: Archer did not attach ($archer): the run is not checked" >&2
        exit 1
    fi
    if [ "$rc" -ne 0 ] || grep -q 'WARNING: ThreadSanitizer' "$out/log"; then
        cat "$out/log" >&2
        echo "tsan.sh: ThreadSanitizer reported (exit $rc)" >&2
        exit 1
    fi
    echo "no race reported"
done
