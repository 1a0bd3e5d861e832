#!/usr/bin/env bash
# test_bad_input.sh OMPSCALE -- input refused before anything is created: every --set checked
# against its kernel whether selected or not, a parameter set twice, options a command does not
# take, --max-reps against --reps, sizes beyond the memory the process may use, and control bytes
# in a value escaped so that the error stays one line. Each case: exit 2, one stderr line
# "ompscale: ..." naming the value, nothing on stdout, nothing left in the directory.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-badinput-XXXXXX)
trap 'rm -rf "$work" "$work-records"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# refused NEEDLE ARGS...
refused() {
    local needle=$1; shift
    "${bin[@]}" "$@" > out.txt 2> err.txt
    local rc=$?
    local shown
    shown=$(printf '%q ' "$@")
    if [ "$rc" -ne 2 ]; then bad "$shown-> exit $rc, want 2: $(cat err.txt)"; return; fi
    if [ "$(wc -l < err.txt)" -ne 1 ]; then bad "$shown-> stderr is not one line: $(cat err.txt)"; return; fi
    if ! grep -q '^ompscale: ' err.txt; then bad "$shown-> stderr not 'ompscale: ...'"; return; fi
    if ! grep -qF -- "$needle" err.txt; then bad "$shown-> stderr does not name '$needle': $(cat err.txt)"; return; fi
    if [ -s out.txt ]; then bad "$shown-> wrote to stdout"; return; fi
    if [ -n "$(ls -A | grep -v -x -e out.txt -e err.txt)" ]; then bad "$shown-> left files: $(ls -A)"; return; fi
    ok
}

# --set on a kernel that is not selected is still checked.
refused "bogus" run --kernel mandelbrot --set sweep.bogus=1
refused "99999" run --kernel mandelbrot --set sweep.angles=99999
refused "abc" run --kernel mandelbrot --set sqrtmap.n=abc
refused "1.5" run --kernel mandelbrot --set sweep.angles=1.5
# The same parameter twice, in one list or in two options.
refused "set twice" run --set mandelbrot.maxiter=5,mandelbrot.maxiter=6
refused "set twice" run --set mandelbrot.maxiter=5 --set mandelbrot.maxiter=6
# Options a command does not use.
refused "--reps" list --reps 3
refused "--threads" list --threads 2
refused "--class" overhead --class S
refused "--serial-fraction" overhead --serial-fraction 0.1
refused "--kernel" overhead --kernel mandelbrot
refused "--set" overhead --set mandelbrot.maxiter=5
refused "--reps" info --reps 2
# --max-reps with a fixed --reps, or below the adaptive start.
refused "--max-reps 10" run --reps 3 --max-reps 10
refused "--max-reps 2" run --max-reps 2
# More memory than the process may use: refused from the parameters, before any allocation.
refused "sqrtmap" run --kernel sqrtmap --set sqrtmap.n=2e9
# (Not under an emulator, whose own address space the limit would count, nor under
# AddressSanitizer, whose shadow memory needs terabytes of address space.)
if [ "$(ulimit -v)" = unlimited ] && [ ${#bin[@]} -eq 1 ] && [ -z "${ASAN_OPTIONS:-}" ] &&
    ! ldd "${bin[0]}" 2> /dev/null | grep -q libasan; then
    if (ulimit -v 400000; f0=$failed; refused "RLIMIT_AS" run --kernel sqrtmap --set sqrtmap.n=5e7; [ "$failed" -eq "$f0" ])
    then ok; else bad "the RLIMIT_AS case failed"; fi
fi
# Weak scaling beyond a parameter's maximum: found in the plan.
refused "maximum" run --kernel mandelbrot --scaling weak --threads 1,4 --set mandelbrot.height=65536
# Control bytes are escaped: the message stays one line and shows them.
refused 'a\nb' run --kernel "$(printf 'a\nb')"
refused '1\n2' run --threads "$(printf '1\n2')"
refused '\x01' run --set "$(printf 'mandelbrot.maxiter=5\001')"
refused '\t' run --schedule "$(printf 'static\tx')"


# --- A broad sweep by category (each: exit 2, one line naming the value, nothing created) ---
# thread lists
for v in 0 -1 4097 abc 1- -4 4-2 1,,2 , "1 2" 1.5 2x 99999999999999999999 "" 1-5000; do
    refused "--threads" run --threads "$v" --kernel sqrtmap
done
# kernels and schedules
for v in nosuch MANDELBROT "mandelbrot," ",sqrtmap" "mandelbrot,,sweep" "$(printf 'x%.0s' {1..80})"; do
    refused "--kernel" run --kernel "$v"
done
for v in fastest static,bogus "" "static,,dynamic" STATIC runtime; do
    refused "--schedule" run --schedule "$v"
done
# chunks
for v in 0 -1 0row row0 4xyz "1,,2" "" abc 1e3 99999999999999999999 2.5; do
    refused "--chunk" run --chunk "$v"
done
# repetitions, warm-up, targets
for v in 0 -3 abc 1e9 100001 "" 5x; do refused "--reps" run --reps "$v"; done
for v in -1 abc 1001 ""; do refused "--warmup" run --warmup "$v"; done
for v in 0 abc -5 100001; do refused "--max-reps" run --max-reps "$v"; done
for v in 0 1 -0.1 1.5 abc nan inf ""; do refused "--ci-target" run --ci-target "$v"; done
# classes, scaling, serial fraction, order, seed, bind
for v in X w1 "" SS 0; do refused "--class" run --class "$v"; done
for v in medium "" WEAK; do refused "--scaling" run --scaling "$v"; done
for v in 1 -0.1 1.5 abc nan ""; do refused "--serial-fraction" run --serial-fraction "$v"; done
for v in random "" INTERLEAVED; do refused "--order" run --order "$v"; done
for v in -1 abc 1e3 9007199254740993 ""; do refused "--seed" run --seed "$v"; done
for v in tight "" CLOSE; do refused "--bind" run --bind "$v"; done
# --set: syntax, unknown names, types, ranges, relations
for v in "mandelbrot" "mandelbrot.maxiter" "mandelbrot.maxiter=" ".maxiter=5" "mandelbrot.=5" "=5" \
    "mandelbrot.maxiter=abc" "mandelbrot.maxiter=1.5" "mandelbrot.maxiter=0" "mandelbrot.maxiter=1e99" \
    "mandelbrot.width=0" "mandelbrot.png=2" "sqrtmap.n=0" "sqrtmap.n=-5" "sweep.angles=2000" \
    "sweep.theta_min=0" "scatter.format=7" "scatter.plots=0" "nokernel.x=1" "mandelbrot.nosuch=1"; do
    refused "--set" run --set "$v"
done
refused "xmin" run --set mandelbrot.xmin=5
# options, commands and arguments that do not fit
refused "frobnicate" frobnicate
refused "stray" run stray
refused "--bogus" run --bogus
refused "--threads" run --threads
refused "--out" run --out ""
refused "plot" plot --kernel mandelbrot
refused "png" plot somerun --chart png
refused "--chart" run --chart ascii
refused "--threads" compare a b --threads 2
refused "--allow-mismatch" run --allow-mismatch
refused "--resume" run --resume ""
refused "nosuchdir" run --resume nosuchdir
refused "takes no other option" run --resume nosuchdir --threads 2
refused "compare" compare onlyone
# damaged records, read by plot, compare and --resume
"${bin[@]}" run --class S --kernel sqrtmap --threads 1 --schedule static --chunk default --reps 2 --no-overhead \
    --out good > /dev/null 2>&1
rm -f out.txt err.txt
rec=$work-records
mkdir -p "$rec"
mv good "$rec/good"
make_record() {  # make_record NAME PYTHON-EXPRESSION-ON-d
    mkdir -p "$rec/$1"
    python3 -c "import json,sys; d=json.load(open('$rec/good/results.json')); $2; json.dump(d, open('$rec/$1/results.json','w'))"
}
mkdir -p "$rec/empty" "$rec/notjson" "$rec/truncated" "$rec/none"
: > "$rec/empty/results.json"
echo 'not json {' > "$rec/notjson/results.json"
head -c 500 "$rec/good/results.json" > "$rec/truncated/results.json"
make_record array "d = [1, 2]"
make_record future "d['format_version'] = 999"
make_record foreign "d['format'] = 'something-else'"
make_record nomeasure "del d['measurements']"
make_record wrongtype "d['measurements'] = 5"
make_record badkernel "d['kernels'][0]['name'] = 'nosuch'"
make_record negative "d['measurements'][0]['samples'][0]['elapsed_s'] = -1"
make_record badthreads "d['run']['threads'] = ['two']"
make_record badmachine "d['machine'] = 5"
make_record badcpus "d['machine']['cpus_available'] = -3"
make_record badtable "d['tables'] = [{'name': '../../evil', 'columns': ['a'], 'rows': [[1]]}]"
for r in empty notjson truncated none array future foreign nomeasure wrongtype badkernel negative badthreads \
    badmachine badcpus badtable; do
    refused "$r" plot "$rec/$r"
    refused "$r" compare "$rec/good" "$rec/$r"
done
refused "nothing to resume" run --resume "$rec/good"

echo "test_bad_input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
