#!/usr/bin/env bash
# test_interrupt.sh OMPSCALE -- a run stopped by SIGINT or SIGTERM keeps what it measured: exit
# 130 or 143, the directory committed with results.json marked interrupted (and report.html saying
# so), no staging left; run --resume finishes it on the same machine and build and refuses a complete
# or foreign one; staging directories of dead processes are recovered (a checkpointed record:
# SIGKILL) or removed by the next run; a full disk (a small tmpfs, when this runs as root and may
# mount) stops the run at once with the path and the reason, and so does a read-only one.
set -u
bin=("${@:2}" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")   # a cross build passes its emulator
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
work=$(mktemp -d /tmp/ompscale-interrupt-XXXXXX)
trap 'umount "$work/full" "$work/ro" 2> /dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# stop_when SIGNAL PATTERN DIR ARGS...: starts a run into DIR and sends SIGNAL once its progress
# output matches PATTERN (grep -E); prints the exit status.
stop_when() {
    local sig=$1 pattern=$2 dir=$3
    shift 3
    "${bin[@]}" run "$@" --out "$dir" > "$dir.out" 2> "$dir.err" &
    local pid=$! waited=0
    until grep -qE "$pattern" "$dir.out" 2> /dev/null || [ $waited -ge 600 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    kill "-$sig" "$pid" 2> /dev/null
    wait "$pid"
    echo $?
}

args=(--class S --kernel mandelbrot,sqrtmap,sweep --threads 1,2 --reps 3 --no-overhead)
planned=$("${bin[@]}" run "${args[@]}" --dry-run | sed -n 's/.*, \([0-9]*\) measurements,.*/\1/p' | head -n 1)

# SIGINT once sqrtmap is under way: mandelbrot is whole, the rest is left.
rc=$(stop_when INT '^sqrtmap' int "${args[@]}")
if [ "$rc" = 130 ]; then ok; else bad "SIGINT: exit $rc, want 130: $(cat int.err)"; fi
if [ -f int/results.json ]; then ok; else bad "SIGINT: no int/results.json"; fi
if [ "$(field int/results.json "d['run']['interrupted']")" = True ]; then ok; else bad "results.json not marked interrupted"; fi
done_before=$(field int/results.json "len(d['measurements'])")
if [ "$done_before" -gt 0 ] && [ "$done_before" -lt "$planned" ]; then ok; else bad "interrupted run kept $done_before of $planned"; fi
if grep -q '^mandelbrot,' int/raw.csv; then ok; else bad "mandelbrot's rows are not in raw.csv"; fi
if grep -q 'resume' int.err; then ok; else bad "the message does not say how to resume: $(cat int.err)"; fi
if grep -q 'id="incomplete"' int/report.html; then ok; else bad "the interrupted run's report.html does not say so"; fi
if ls -a | grep -q partial; then bad "a staging directory was left behind"; else ok; fi

# --resume measures the rest into the same directory; a second one has nothing to do.
"${bin[@]}" run --resume int > resume.out 2> resume.err
rc=$?
if [ "$rc" = 0 ]; then ok; else bad "--resume: exit $rc: $(cat resume.err)"; fi
if [ "$(field int/results.json "d['run']['interrupted']")" = False ]; then ok; else bad "resumed run still interrupted"; fi
if [ "$(field int/results.json "len(d['measurements'])")" = "$planned" ]; then ok; else bad "resumed run has $(field int/results.json "len(d['measurements'])") of $planned"; fi
if grep -q '^sweep,' int/speedup.csv; then ok; else bad "sweep missing after --resume"; fi
if grep -q 'id="incomplete"' int/report.html; then bad "the resumed run's report.html still says incomplete"; else ok; fi
"${bin[@]}" run --resume int > /dev/null 2> again.err
rc=$?
if [ "$rc" = 2 ] && grep -q 'nothing to resume' again.err; then ok; else bad "second --resume: exit $rc: $(cat again.err)"; fi

# SIGTERM: exit 143; a record made by another build is refused, naming the difference.
rc=$(stop_when TERM '^sqrtmap' term "${args[@]}")
if [ "$rc" = 143 ]; then ok; else bad "SIGTERM: exit $rc, want 143"; fi
python3 -c "
import json; d = json.load(open('term/results.json')); d['build']['c_flags'] += ' -O0'
json.dump(d, open('term/results.json', 'w'))"
"${bin[@]}" run --resume term > /dev/null 2> foreign.err
rc=$?
if [ "$rc" = 2 ] && grep -q 'compiler flags' foreign.err; then ok; else bad "foreign --resume: exit $rc: $(cat foreign.err)"; fi
"${bin[@]}" run --resume term --threads 2 > /dev/null 2> mixed.err
if [ $? = 2 ] && grep -q 'takes no other option' mixed.err; then ok; else bad "--resume with options: $(cat mixed.err)"; fi

# A staging directory whose process is gone is removed by the next run into the same parent.
mkdir -p parent/.old.partial-999999 && touch parent/.old.partial-999999/raw.csv
if ! kill -0 999999 2> /dev/null; then
    "${bin[@]}" run --class S --kernel sqrtmap --threads 1 --reps 2 --no-overhead --out parent/new > /dev/null 2> stale.err
    if [ ! -e parent/.old.partial-999999 ] && grep -q 'partial-999999 removed' stale.err; then ok
    else bad "stale staging: $(cat stale.err)"; fi
fi

# SIGKILL: nothing can run, but the record checkpointed after each kernel stays in the staging
# directory; the next run into the same parent moves it into place, and --resume finishes it.
mkdir killed
rc=$(stop_when KILL '^sqrtmap' killed/run "${args[@]}")
if [ "$rc" = 137 ]; then ok; else bad "SIGKILL: exit $rc, want 137"; fi
if ls -A killed | grep -q '^\.run\.partial-'; then ok; else bad "no staging directory after SIGKILL: $(ls -A killed)"; fi
"${bin[@]}" run --class S --kernel sqrtmap --threads 1 --reps 2 --no-overhead --out killed/other > /dev/null 2> kill.err
if [ -f killed/run/results.json ] && grep -q 'recovered as' kill.err; then ok; else bad "killed run not recovered: $(cat kill.err)"; fi
"${bin[@]}" run --resume killed/run > /dev/null 2> killresume.err
rc=$?
if [ "$rc" = 0 ] && [ "$(field killed/run/results.json "len(d['measurements'])")" = "$planned" ]; then ok
else bad "--resume after SIGKILL: exit $rc: $(cat killresume.err)"; fi

# A full disk: scatter writes its plots into the run directory; the run stops at once.
mkdir full
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=96k tmpfs full 2> /dev/null; then
    "${bin[@]}" run --class S --kernel scatter --set scatter.plots=256 --threads 1,2 --reps 3 --no-overhead \
        --out full/run > full.out 2> full.err
    rc=$?
    if [ "$rc" = 1 ] && [ "$(wc -l < full.err)" = 1 ] && grep -q 'No space left on device' full.err; then ok
    else bad "full disk: exit $rc, stderr: $(cat full.err)"; fi
    if grep -q 'verification failed' full.err; then bad "full disk reported as a verification failure"; else ok; fi
    if [ -z "$(ls -A full)" ]; then ok; else bad "full disk left $(ls -A full)"; fi
else
    echo "test_interrupt: full-disk case skipped (needs root and mount -t tmpfs)"
fi

# A read-only file system under --out: refused before measuring, one line with the path and reason.
mkdir ro
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o ro,size=64k tmpfs ro 2> /dev/null; then
    "${bin[@]}" run --class S --kernel sqrtmap --threads 1 --reps 2 --no-overhead --out ro/run > ro.out 2> ro.err
    rc=$?
    if [ "$rc" = 1 ] && [ "$(wc -l < ro.err)" = 1 ] && grep -q 'Read-only file system' ro.err; then ok
    else bad "read-only --out: exit $rc, stderr: $(cat ro.err)"; fi
    umount ro
else
    echo "test_interrupt: read-only case skipped (needs root and mount -t tmpfs)"
fi

echo "test_interrupt: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
