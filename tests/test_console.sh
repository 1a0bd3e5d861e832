#!/usr/bin/env bash
# test_console.sh OMPSCALE -- what people and programs read on the terminal: lines within 100
# columns, durations with their unit, summary.txt holding the console's summary, a progress line
# rewritten in place on a terminal and plain lines elsewhere, --quiet, --format json for run, list
# and info, and a help for every command that lists exactly the options the command accepts.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-console-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
command -v python3 > /dev/null || { echo "test_console: python3 is needed" >&2; exit 1; }

# narrow FILE...: every line within 100 columns (UTF-8 characters, so "µs" is two).
narrow() {
    python3 - "$@" <<'PY'
import sys
bad = [(f, n, len(l)) for f in sys.argv[1:] for n, l in enumerate(open(f, encoding="utf-8").read().split("\n"), 1)
       if len(l) > 100]
for f, n, w in bad[:5]:
    print(f"{f}:{n}: {w} columns", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

small=(--class S --kernel mandelbrot,sqrtmap --threads 1,2 --reps 2 --warmup 0 --no-overhead)

# A run on a pipe: plain lines, one per configuration, each with a duration in its unit.
"${bin[@]}" run "${small[@]}" --out run1 > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "run exited $rc: $(cat err.txt)"; fi
if narrow out.txt; then ok; else bad "run: lines wider than 100 columns"; fi
if grep -q $'\r' out.txt || grep -q $'\033' out.txt; then bad "run on a pipe: terminal control characters"; else ok; fi
planned=$(grep -c '^\[ *[0-9]*/[0-9]*\]' out.txt)
rows=$(python3 -c "import json; print(len(json.load(open('run1/results.json'))['measurements']))")
if [ "$planned" -eq "$rows" ]; then ok; else bad "run on a pipe: $planned progress lines for $rows configurations"; fi
if grep '^\[' out.txt | grep -vqE '[0-9] (ns|µs|ms|s)  n '; then
    bad "a progress line without a duration in ns, µs, ms or s: $(grep '^\[' out.txt | grep -vE '[0-9] (ns|µs|ms|s)  n ' | head -1)"
else ok; fi
if grep -qE '0\.0000+ s' out.txt; then bad "a duration printed as zero seconds: $(grep -E '0\.0000+ s' out.txt | head -1)"; else ok; fi

# summary.txt: the console's summary, then the run's warnings.
if [ -s run1/summary.txt ] && narrow run1/summary.txt; then ok; else bad "run1/summary.txt missing or too wide"; fi
python3 - out.txt run1/summary.txt run1/results.json <<'PY' && ok || bad "summary.txt is not the console's summary"
import json, sys
out, summary, record = (open(p, encoding="utf-8").read() for p in sys.argv[1:4])
console = out[out.index("Summary ("):out.index("\nResults: ")]
text, _, warnings = summary.partition("\nWarnings:\n")
assert console == text, (console[:200], text[:200])
want = json.loads(record)["warnings"]
flat = " ".join(warnings.split())   # the warnings as summary.txt breaks them into lines
assert all(" ".join(w.split()) in flat for w in want), (want, warnings)
assert "Where the time went" in text and "mandelbrot: serial " in text
PY
# A fit from one thread count above 1 gives neither R^2 nor a ceiling.
python3 - run1/summary.txt <<'PY' && ok || bad "a two-point Amdahl fit is shown with R^2 or a ceiling: $(grep -A1 'Amdahl fit' out.txt)"
import re, sys
text = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
assert text.count("one thread count above 1 fixes f exactly") == 2, text
assert not re.search(r"R\^2 -?[0-9]|ceiling [0-9]", text)
PY

# --quiet: nothing on stdout; the files, summary.txt included, as always.
"${bin[@]}" run "${small[@]}" --kernel sweep --quiet --out quiet > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s out.txt ] && [ -s quiet/summary.txt ] && [ -s quiet/results.json ]; then ok
else bad "--quiet: exit $rc, stdout $(wc -c < out.txt) bytes, files $(ls quiet 2> /dev/null | tr '\n' ' ')"; fi

# --format json: the summary as JSON on stdout, the progress on stderr.
"${bin[@]}" run "${small[@]}" --format json --out json1 > out.json 2> err.txt
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "run --format json exited $rc: $(cat err.txt)"; fi
if grep -q '^mandelbrot: ' err.txt; then ok; else bad "run --format json: no progress on stderr"; fi
python3 - out.json json1 <<'PY' && ok || bad "run --format json: $(head -c 300 out.json)"
import json, os, re, sys
text = open(sys.argv[1]).read()
d = json.loads(text)
assert d["format"] == "ompscale-summary" and d["format_version"] == 1
assert os.path.normpath(d["run_dir"]) == sys.argv[2] and "summary.txt" in d["files"] and "results.json" in d["files"]
assert d["class"] == "S" and d["interrupted"] is False and d["verify_failed"] == 0
names = [k["name"] for k in d["kernels"]]
assert names == ["mandelbrot", "sqrtmap"], names
for k in d["kernels"]:
    assert k["measured"] and k["serial_median_s"] > 0 and k["throughput"] > 0
    if k["best"] is not None:
        assert isinstance(k["best"]["threads"], int) and k["best"]["threads"] in (1, 2)
        assert k["best"]["speedup_ci_low"] <= k["best"]["speedup"] <= k["best"]["speedup_ci_high"]
    a = k["amdahl"]
    if a is not None:
        assert isinstance(a["thread_counts_above_1"], int)
        if a["thread_counts_above_1"] < 2:
            assert a["r2"] is None and a["ceiling"] is None, a
sq = d["kernels"][1]
assert sq["scan_param"] == "n" and [b["threads"] for b in sq["break_even"]] == [1, 2]
assert d["overhead"] is None   # --no-overhead
# numbers as jsonio writes them: no float noise such as 0.050000000000000003
assert not re.search(r"\d\.\d*0000000\d|\d\.\d*9999999\d", text), re.search(r"\d\.\d*(0000000|9999999)\d", text)
PY

# --dry-run prints text: it takes neither --format json nor --quiet (refused, not ignored).
for extra in "--format json" "--quiet"; do
    # shellcheck disable=SC2086
    "${bin[@]}" run --dry-run $extra > out.txt 2> err.txt
    rc=$?
    if [ "$rc" -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q '^ompscale: --dry-run' err.txt && [ ! -s out.txt ]
    then ok; else bad "run --dry-run $extra: exit $rc: $(cat err.txt)"; fi
done

# list and info as JSON: integers as integers, no float noise; as text, within 100 columns.
"${bin[@]}" list --format json > list.json 2> err.txt || bad "list --format json: $(cat err.txt)"
python3 - list.json <<'PY' && ok || bad "list --format json: $(head -c 300 list.json)"
import json, re, sys
text = open(sys.argv[1]).read()
d = json.loads(text)
assert d["format"] == "ompscale-list" and d["class"] == "W"
ks = {k["name"]: k for k in d["kernels"]}
assert "mandelbrot" in ks and "sqrtmap" in ks
p = {q["name"]: q for q in ks["mandelbrot"]["params"]}
assert p["width"]["type"] == "int" and p["width"]["by_class"] == {"S": 256, "W": 768, "A": 1536, "B": 3072}
assert all(isinstance(v, int) for v in p["width"]["by_class"].values())
assert p["ymin"]["type"] == "real" and p["ymin"]["by_class"]["W"] == -1.5
assert p["png"]["type"] == "bool" and p["png"]["by_class"]["W"] is True
assert ks["sqrtmap"]["scan_param"] == "n" and ks["mandelbrot"]["scan_param"] is None
assert not re.search(r"\d\.\d{15,}", text)
PY
"${bin[@]}" list --kernel sweep,mandelbrot --format json > list2.json || bad "list --kernel --format json"
if python3 -c "import json; assert [k['name'] for k in json.load(open('list2.json'))['kernels']] == ['sweep', 'mandelbrot']"
then ok; else bad "list --kernel sweep,mandelbrot: not those kernels in that order"; fi
"${bin[@]}" info --format json > info.json 2> err.txt || bad "info --format json: $(cat err.txt)"
python3 - info.json <<'PY' && ok || bad "info --format json: $(head -c 300 info.json)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "ompscale-info" and d["suite"]["name"] == "ompscale"
m = d["machine"]
assert isinstance(m["cpus_available"], int) and m["cpus_available"] >= 1
assert isinstance(d["build"]["openmp_version"], int) and "compiler_id" in d["build"]
assert isinstance(d["omp_env"], dict) and isinstance(d["state"], dict)
PY
for c in "list" "list --class A" "info" "run --dry-run --class S --threads 1,2" "overhead --dry-run" "--help"; do
    # shellcheck disable=SC2086
    "${bin[@]}" $c > text.txt 2> err.txt || bad "$c: $(cat err.txt)"
    if narrow text.txt; then ok; else bad "$c: lines wider than 100 columns"; fi
done

# ompscale overhead: the table with its units, within 100 columns, and summary.txt.
"${bin[@]}" overhead --threads 1,2 --reps 2 --out over > out.txt 2> err.txt || bad "overhead: $(cat err.txt)"
if narrow out.txt && grep -qE '^parallel .* (ns|µs|ms)  ' out.txt; then ok; else bad "overhead table: $(head -3 out.txt)"; fi
if [ -s over/summary.txt ] && grep -q '^construct' over/summary.txt; then ok; else bad "overhead: no summary.txt"; fi

# A terminal (a pseudo-terminal made by script(1)): the progress line is rewritten in place, and
# what is left once the run is done is the same summary.
if command -v script > /dev/null && script -qec true /dev/null > /dev/null 2>&1; then
    cmd=$(printf '%q ' "${bin[@]}" run --class S --kernel sweep --threads 1,2 --reps 2 --warmup 0 --no-overhead --out tty1)
    script -qec "$cmd" /dev/null > tty.txt 2>&1 < /dev/null
    if grep -q $'\r' tty.txt && grep -q $'\033\[K' tty.txt; then ok; else bad "terminal: no line rewritten in place"; fi
    if grep -q '^\[ *[0-9]*/[0-9]*\] sweep' tty.txt; then bad "terminal: progress printed as plain lines"; else ok; fi
    if grep -q 'Summary (' tty.txt && [ -s tty1/summary.txt ]; then ok; else bad "terminal: no summary"; fi
else
    echo "test_console: script(1) cannot make a terminal here: the in-place line is not checked"
fi

# Help: every command has one, from the table options are accepted by, so an option is listed in
# `ompscale CMD --help` exactly when CMD takes it (ompscale CMD --OPTION VALUE --help exits 0).
declare -A value=([kernel]=mandelbrot [threads]=2 [schedule]=static [chunk]=1 [reps]=2 [ci-target]=0.1
    [max-reps]=15 [warmup]=1 [class]=S [set]=mandelbrot.maxiter=5 [out]=x [no-overhead]= [serial-fraction]=0.1
    [scaling]=weak [order]=sequential [seed]=1 [bind]=close [resume]=x [dry-run]= [allow-mismatch]=
    [format]=json [quiet]= [chart]=ascii)
for cmd in run overhead list info plot report compare; do
    "${bin[@]}" "$cmd" --help > help.txt 2> err.txt
    rc=$?
    if [ "$rc" -eq 0 ] && head -n 1 help.txt | grep -q "^usage: ompscale $cmd" && narrow help.txt; then ok
    else bad "$cmd --help: exit $rc: $(head -n 1 help.txt) $(cat err.txt)"; fi
    "${bin[@]}" help "$cmd" | cmp -s - help.txt && ok || bad "ompscale help $cmd differs from $cmd --help"
    for opt in "${!value[@]}"; do
        listed=0 accepted=0
        grep -qE "^  --$opt( |$)" help.txt && listed=1
        if [ -n "${value[$opt]}" ]; then
            "${bin[@]}" "$cmd" "--$opt" "${value[$opt]}" --help > /dev/null 2>&1 && accepted=1
        else
            "${bin[@]}" "$cmd" "--$opt" --help > /dev/null 2>&1 && accepted=1
        fi
        if [ "$listed" -eq "$accepted" ]; then ok; else bad "$cmd --$opt: listed in help $listed, accepted $accepted"; fi
    done
done
if "${bin[@]}" --help | grep -q 'ompscale COMMAND --help'; then ok; else bad "--help does not point to COMMAND --help"; fi
if "${bin[@]}" --version | grep -qE '^ompscale [0-9][^ ]* \(commit ([0-9a-f]{7,}(-dirty)?|unknown);'; then ok
else bad "--version does not show the commit: $("${bin[@]}" --version)"; fi

echo "test_console: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
