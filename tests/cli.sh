#!/usr/bin/env bash
# cli.sh OMPSCALE -- the command line through the real binary: exit codes, one-line errors that
# name the bad value, files written (and never overwritten) and agreeing with each other,
# results/latest.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
columns=$(cd "$(dirname "$0")/.." && pwd)/docs/columns.md
manpage=$(cd "$(dirname "$0")/.." && pwd)/docs/ompscale.1
# An emulated binary does not re-execute itself for --bind: without binfmt_misc the exec fails
# anyway, and with it the kernel's qemu would lack the emulator's -L (sysroot) and -cpu.
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1
work=$(mktemp -d /tmp/ompscale-cli-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# expect_usage NEEDLE ARGS...: exit 2, exactly one stderr line "ompscale: ..." containing NEEDLE,
# nothing on stdout, and no result directory left behind.
expect_usage() {
    local needle=$1; shift
    "${bin[@]}" "$@" > out.txt 2> err.txt
    local rc=$? lines
    lines=$(wc -l < err.txt)
    if [ "$rc" -ne 2 ]; then bad "$* -> exit $rc, want 2"; return; fi
    if [ "$lines" -ne 1 ]; then bad "$* -> $lines stderr lines, want 1: $(cat err.txt)"; return; fi
    if ! grep -q '^ompscale: ' err.txt; then bad "$* -> stderr not 'ompscale: ...': $(cat err.txt)"; return; fi
    if ! grep -qF -- "$needle" err.txt; then bad "$* -> stderr does not name '$needle': $(cat err.txt)"; return; fi
    if [ -s out.txt ]; then bad "$* -> wrote to stdout"; return; fi
    if [ -e results ] || [ -e outdir ]; then bad "$* -> left a result directory"; rm -rf results outdir; return; fi
    ok
}

# Bad input: each is a usage error naming the bad value.
expect_usage "0" run --threads 0 --out outdir
expect_usage "4-2" run --threads 4-2 --out outdir
expect_usage "abc" run --threads abc
expect_usage "1,,2" run --threads 1,,2
expect_usage "99999" run --threads 99999
expect_usage "--threads" run --threads
expect_usage "nosuch" run --kernel nosuch
expect_usage "mandelbrot" run --kernel nosuch              # lists the valid kernels
expect_usage "fastest" run --schedule fastest
expect_usage "bogus" run --schedule static,bogus
expect_usage "random" run --order random
expect_usage "-1" run --seed -1
expect_usage "9007199254740993" run --seed 9007199254740993
expect_usage "12x" run --seed 12x
expect_usage "abc" run --reps abc
expect_usage "0" run --reps 0
expect_usage "-1" run --warmup -1
expect_usage "X" run --class X
expect_usage "0row" run --chunk 0row
expect_usage "xyz" run --chunk 4xyz
expect_usage "abc" run --set mandelbrot.maxiter=abc
expect_usage "1.5" run --set mandelbrot.maxiter=1.5
expect_usage "nosuch" run --set mandelbrot.nosuch=1
expect_usage "nokernel" run --set nokernel.width=1
expect_usage "0" run --set mandelbrot.width=0
expect_usage "width" run --set width=3
expect_usage "xmin" run --set mandelbrot.xmin=5
expect_usage "--bogus" run --bogus
expect_usage "stray" run stray
expect_usage "frobnicate" frobnicate
expect_usage "tight" run --bind tight
expect_usage "nosuch" run --dry-run --kernel nosuch
mkdir keep && echo precious > keep/raw.csv
expect_usage "keep" run --class S --out keep
if [ "$(cat keep/raw.csv)" = precious ]; then ok; else bad "--out onto an existing directory changed it"; fi
rm -rf keep

# Help, version, list.
if "${bin[@]}" --help | grep -q 'usage: ompscale run'; then ok; else bad "--help"; fi
if "${bin[@]}" --version | grep -q '^ompscale [0-9]'; then ok; else bad "--version"; fi
if "${bin[@]}" list | grep -q '^mandelbrot:'; then ok; else bad "list"; fi
if "${bin[@]}" run --help | grep -q -- '--threads'; then ok; else bad "run --help"; fi
if "${bin[@]}" info | grep -q '^available .* CPU'; then ok; else bad "info"; fi
expect_usage "info" info --threads 2

# A real run, oversubscribed on purpose, with the OMP environment overridden by the CLI.
ncpu=$(nproc)
over=$((ncpu + 1))
OMP_NUM_THREADS=7 OMP_SCHEDULE=guided "${bin[@]}" run --class S --threads "1-$over" --reps 2 --warmup 0 \
    --kernel mandelbrot --set mandelbrot.pgm=1 --out run1 > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "class S run exited $rc: $(cat err.txt)"; fi
for f in raw.csv speedup.csv efficiency.csv meta.json mandelbrot.png mandelbrot.pgm; do
    if [ -s "run1/$f" ]; then ok; else bad "run1/$f missing"; fi
done
if ls -a . | grep -q partial; then bad "staging directory left behind"; else ok; fi
if grep -q 'oversubscribed' err.txt; then ok; else bad "no oversubscription warning"; fi
if grep -q 'OMP_NUM_THREADS=7 is ignored' err.txt; then ok; else bad "no note that OMP_NUM_THREADS is overridden"; fi
# measurements: serial + (static x 4 default chunks + dynamic and guided x 3, their "default" being
# chunk 1 + auto) x thread counts
want=$((2 * (1 + 11 * over)))
rows=$(($(wc -l < run1/raw.csv) - 1))
if [ "$rows" -eq "$want" ]; then ok; else bad "raw.csv has $rows rows, want $want"; fi
# Column checks by name: every configuration verified; oversubscribed exactly when threads > CPUs.
awk -F, -v ncpu="$ncpu" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { if ($col["verified"] != 1) { print "unverified row " NR; bad = 1 }
      if (($col["threads"] > ncpu) != $col["oversubscribed"]) { print "oversubscribed wrong in row " NR; bad = 1 }
      if ($col["threads"] > max) max = $col["threads"] }
    END { if (max != ncpu + 1) { print "max threads " max; bad = 1 }; exit bad }' run1/speedup.csv \
    && ok || bad "speedup.csv column checks"
if head -c 17 run1/mandelbrot.pgm | tr '\n' ' ' | grep -q '^P5 256 256 65535 $'; then ok; else bad "PGM header"; fi
if command -v python3 > /dev/null; then
    python3 - run1/meta.json <<'PY' && ok || bad "meta.json content"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["suite"]["name"] == "ompscale"
assert m["class"] == "S"
assert m["omp_env"]["OMP_NUM_THREADS"] == "7" and m["omp_env"]["OMP_SCHEDULE"] == "guided"
assert m["machine"]["cpus_available"] >= 1 and m["timer"]["granularity_s"] > 0
assert m["build"]["openmp_version"] >= 200805
assert "--threads" in m["command_line"]
assert any("oversubscribed" in w for w in m["warnings"])
assert m["kernels"][0]["params"]["pgm"] == 1
PY
else
    bad "python3 is needed to check meta.json"
fi

# --dry-run: the plan and an estimate on stdout, exit 0, nothing written (no results/, no scratch
# directory left). Default thread counts: 1, 2, 4, ... up to the CPUs available, plus that count.
mkdir dry && mkdir dry/tmp
(cd dry && TMPDIR=$PWD/tmp "${bin[@]}" run --dry-run --class S > ../out.txt 2> ../err.txt)
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "run --dry-run exited $rc: $(cat err.txt)"; fi
for needle in "dry run: class S" "mandelbrot:" "sqrtmap:" "scatter:" "sweep:" "size scan n:" "overhead table:" \
    "static    chunk" "Estimated time: about" "No results were written"; do
    if grep -qF "$needle" out.txt; then ok; else bad "--dry-run output lacks '$needle'"; fi
done
want_threads=1
for ((t = 2; t <= ncpu; t *= 2)); do want_threads="$want_threads, $t"; done
[ "$((t / 2))" -eq "$ncpu" ] || want_threads="$want_threads, $ncpu"
if grep -qF " $want_threads thread" out.txt; then ok; else bad "--dry-run threads are not '$want_threads': $(head -n 1 out.txt)"; fi
if [ "$(ls -A dry)" = tmp ] && [ -z "$(ls -A dry/tmp)" ]; then ok; else
    bad "--dry-run left files: $(find dry -mindepth 1)"
fi
rm -rf dry
if "${bin[@]}" overhead --dry-run --threads 1 | grep -q 'overhead table: 35 rows'; then ok; else bad "overhead --dry-run"; fi

# --bind: OMP_PROC_BIND and OMP_PLACES set by re-executing ompscale; --bind wins over the
# environment and says what it replaced; meta.json records the binding and one team's CPUs. Under
# an emulator the re-execution may fail (the binary is not native): then ompscale says so.
OMP_PROC_BIND=spread OMP_PLACES=threads "${bin[@]}" run --class S --kernel sqrtmap --threads "1-$over" --reps 1 \
    --schedule static --chunk default --no-overhead --bind none --out bind1 > out.txt 2> err.txt \
    || bad "--bind none run: $(cat err.txt)"
if grep -qF "OMP_PROC_BIND=spread OMP_PLACES=threads from the environment was replaced" err.txt \
    || grep -q "bind none was not applied" err.txt; then ok; else bad "--bind none: no note of the replaced variables"; fi
"${bin[@]}" run --class S --kernel sqrtmap --threads "1-$over" --reps 1 --schedule static --chunk default \
    --no-overhead --out bind2 > out.txt 2> err.txt || bad "default binding run: $(cat err.txt)"
if command -v python3 > /dev/null; then
    python3 - bind1/meta.json bind2/meta.json "$over" "$#" <<'PY' && ok || bad "meta.json binding"
import json, sys
none, close = (json.load(open(p)) for p in sys.argv[1:3])
team, emulated = int(sys.argv[3]), int(sys.argv[4]) > 1
assert none["run"]["bind"] == "none" and close["run"]["bind"] == "close"
for m in (none, close):
    assert len(m["run"]["thread_cpus"]) == team and all(isinstance(c, int) for c in m["run"]["thread_cpus"])
if not emulated:
    assert none["run"]["proc_bind"] == "false" and none["omp_env"]["OMP_PROC_BIND"] == "false"
    assert "OMP_PLACES" not in none["omp_env"]
    assert close["run"]["proc_bind"] == "close" and close["run"]["places"] == "cores"
    assert close["omp_env"]["OMP_PROC_BIND"] == "close" and close["omp_env"]["OMP_PLACES"] == "cores"
PY
fi

# Every file a run writes and every column of every CSV file is documented in docs/columns.md and
# in the man page.
"${bin[@]}" run --class S --threads 1-2 --reps 2 --warmup 1 --out run2 > out.txt 2> err.txt || bad "run2: $(cat err.txt)"
for f in run2/*; do
    name=$(basename "$f")
    if grep -qF "\`$name" "$columns"; then ok; else bad "file $name is not in docs/columns.md"; fi
    if grep -qF "\\fB$name" "$manpage"; then ok; else bad "file $name is not in the man page"; fi
done
for f in run2/*.csv; do
    for col in $(head -n 1 "$f" | tr ',' ' '); do
        if grep -q "\`$col\`" "$columns"; then ok; else bad "$(basename "$f") column $col is not in docs/columns.md"; fi
        if grep -qF "\\fB$col\\fR" "$manpage"; then ok; else bad "$(basename "$f") column $col is not in the man page"; fi
    done
done
# copy_gbs: sqrtmap's copy over the same arrays, positive in every sqrtmap row (speedup.csv and
# crossover.csv), empty for kernels without one; the summary holds sqrtmap up against it.
awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
    { k = $c[FILENAME, "kernel"]; v = $c[FILENAME, "copy_gbs"]; r = $c[FILENAME, "bandwidth_of_copy"]
      if (k == "sqrtmap" && !(v > 0 && r > 0)) { print FILENAME " row " FNR ": copy_gbs " v; bad = 1 }
      if (k != "sqrtmap" && (v != "" || r != "")) { print FILENAME " row " FNR ": " k " has copy_gbs " v; bad = 1 }
      seen[k] = 1 }
    END { if (!seen["sqrtmap"] || !seen["mandelbrot"]) { print "kernels missing"; bad = 1 }; exit bad }' \
    run2/speedup.csv run2/crossover.csv && ok || bad "copy_gbs columns"
if grep -q 'of a copy over the same arrays' out.txt; then ok; else bad "summary: no line on sqrtmap's copy"; fi
for f in amdahl.csv metrics.csv crossover.csv sweep.csv; do
    if [ -s "run2/$f" ]; then ok; else bad "run2/$f missing"; fi
done
# The files agree with each other (timings differ from run to run; these relations do not).
# amdahl.csv: one row per series of speedup.csv, n_points its thread counts that are not
# oversubscribed, one best series per kernel.
awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
    function v(name) { return $c[FILENAME, name] }
    FILENAME ~ /speedup/ { s = v("kernel") "/" v("schedule") "/" v("chunk_label"); series[s] = 1
                           if (v("oversubscribed") == 0) points[s]++; kernels[v("kernel")] = 1; next }
    { s = v("kernel") "/" v("schedule") "/" v("chunk_label"); rows++
      if (!(s in series)) { print "amdahl.csv series " s " is not in speedup.csv"; bad = 1 }
      if (v("n_points") != points[s]) { print s ": n_points " v("n_points") ", want " points[s]; bad = 1 }
      if (v("f") != "" && (v("f") < 0 || v("f") > 1)) { print s ": f " v("f"); bad = 1 }
      best[v("kernel")] += v("best") }
    END { for (s in series) n++; if (rows != n) { print rows " amdahl.csv rows, " n " series"; bad = 1 }
          for (k in kernels) if (best[k] != 1) { print k ": " best[k] + 0 " best series"; bad = 1 }
          exit bad }' run2/speedup.csv run2/amdahl.csv && ok || bad "amdahl.csv against speedup.csv"
# metrics.csv: scatter's three metrics for every timed run in raw.csv, none negative.
awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) c[FILENAME, $i] = i; next }
    FILENAME ~ /raw/ { if ($c[FILENAME, "kernel"] == "scatter") runs++; next }
    { rows++; if ($c[FILENAME, "kernel"] != "scatter" || $c[FILENAME, "value"] < 0) { print "metrics.csv row " FNR; bad = 1 } }
    END { if (rows != 3 * runs) { print rows " metrics rows for " runs " scatter runs"; bad = 1 }; exit bad }' \
    run2/raw.csv run2/metrics.csv && ok || bad "metrics.csv against raw.csv"
# crossover.csv: each row has its size's serial median, and break_even_size follows its own
# rows: the smallest size from which the thread count beats serial at every larger size
# (sizes come in ascending order; a tie in the printed digits decides nothing, so is skipped).
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["schedule"] == "serial" { serial[$c["size"]] = $c["median_s"]; next }
    { t = $c["threads"]; n = ++count[t]; size[t, n] = $c["size"]; med[t, n] = $c["median_s"]
      ser[t, n] = $c["serial_median_s"]; be[t, n] = $c["break_even_size"]
      if ($c["serial_median_s"] != serial[$c["size"]]) { print "row " NR ": serial_median_s"; bad = 1 } }
    END { for (t in count) {
              want = ""; tie = 0
              for (n = count[t]; n >= 1; n--) {
                  if (med[t, n] + 0 == ser[t, n] + 0) { tie = 1; break }
                  if (med[t, n] + 0 > ser[t, n] + 0) break
                  want = size[t, n] }
              for (n = 1; n <= count[t] && !tie; n++)
                  if (be[t, n] != want) { print t " threads: break_even_size " be[t, n] ", want " want; bad = 1 } }
          exit bad }' run2/crossover.csv && ok || bad "crossover.csv break-even sizes"

# Adaptive repetitions: between 5 and --max-reps samples per configuration.
"${bin[@]}" run --class S --kernel sweep --threads 1 --schedule static --chunk 1 --max-reps 7 --out run3 > out.txt 2> err.txt \
    || bad "run3: $(cat err.txt)"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { n[$c["schedule"]]++ }
    END { for (s in n) if (n[s] < 5 || n[s] > 7) { print s " has " n[s] " samples"; bad = 1 }; exit bad }' run3/raw.csv \
    && ok || bad "adaptive sample counts"

# Default location: results/<host>-<stamp>, never overwritten, latest points at the newest.
"${bin[@]}" run --class S --threads 1 --schedule static --chunk row --reps 1 --warmup 0 > out.txt 2> err.txt || bad "run A"
"${bin[@]}" run --class S --threads 1 --schedule static --chunk row --reps 1 --warmup 0 > out.txt 2> err.txt || bad "run B"
n_dirs=$(find results -mindepth 1 -maxdepth 1 -type d | wc -l)
if [ "$n_dirs" -eq 2 ]; then ok; else bad "two runs made $n_dirs directories"; fi
newest=$(ls -t results | grep -v latest | head -n 1)
if [ -L results/latest ] && [ "$(readlink results/latest)" = "$newest" ]; then ok; else bad "results/latest"; fi
if grep -qF "results/$newest/" out.txt; then ok; else bad "run does not print where its results are"; fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
