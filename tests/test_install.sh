#!/usr/bin/env bash
# test_install.sh CMAKE BUILD_DIR [EMULATOR...] -- `cmake --install` into a fresh prefix: the binary,
# the gnuplot scripts and the man page land under it, and the installed ompscale, run from another
# directory with nothing else copied, measures a run and draws its charts from the scripts beside
# itself (share/ompscale/plots), also after the whole prefix is moved elsewhere.
set -u
cmake=$1
build=$(cd "$2" && pwd) || exit 1
shift 2
emu=("$@")   # a cross build passes its emulator
[ ${#emu[@]} -gt 0 ] && export OMPSCALE_NO_REEXEC=1   # an emulated binary does not re-execute itself (cli.sh)
unset OMPSCALE_PLOTS_DIR   # the scripts must be found from the binary alone
work=$(mktemp -d /tmp/ompscale-install-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

"$cmake" --install "$build" --prefix "$work/prefix" > install.log 2>&1 || bad "cmake --install: $(cat install.log)"
for f in bin/ompscale share/ompscale/plots/scaling.gp share/ompscale/plots/chunks.gp share/man/man1/ompscale.1; do
    if [ -s "prefix/$f" ]; then ok; else bad "prefix/$f was not installed"; fi
done
if [ -x prefix/bin/ompscale ]; then ok; else bad "prefix/bin/ompscale is not executable"; fi
want=$(find "$build/share/ompscale/plots" -name '*.gp' | wc -l)
got=$(find prefix/share/ompscale/plots -name '*.gp' | wc -l)
if [ "$want" -gt 0 ] && [ "$got" -eq "$want" ]; then ok; else bad "$got gnuplot scripts installed, $want built"; fi

# From a directory that is neither the build nor the source tree.
mkdir elsewhere && cd elsewhere || exit 1
if "${emu[@]}" ../prefix/bin/ompscale --version | grep -q '^ompscale [0-9].*(commit '; then ok
else bad "installed --version: $("${emu[@]}" ../prefix/bin/ompscale --version 2>&1)"; fi
"${emu[@]}" ../prefix/bin/ompscale run --class S --kernel mandelbrot --threads 1,2 --reps 2 --warmup 0 --no-overhead \
    --quiet --out run1 > out.txt 2> err.txt
rc=$?
if [ "$rc" -eq 0 ] && [ -s run1/results.json ] && [ -s run1/summary.txt ]; then ok
else bad "installed run: exit $rc: $(cat err.txt)"; fi

# plot <run> with the installed scripts; then the prefix moved, so no path can be compiled in.
plot_check() {
    local prefix=$1
    "${emu[@]}" "$prefix/bin/ompscale" plot run1 > plot.txt 2> plot.err
    local rc=$?
    if command -v gnuplot > /dev/null; then
        if [ "$rc" -eq 0 ] && [ -s run1/speedup.png ] && [ -s run1/chunks.svg ]; then ok
        else bad "plot with $prefix: exit $rc: $(cat plot.err)"; fi
    else  # no gnuplot: found the scripts, then says what to install (exit 4)
        if [ "$rc" -eq 4 ] && grep -q 'gnuplot' plot.err; then ok; else bad "plot without gnuplot: exit $rc: $(cat plot.err)"; fi
    fi
    if grep -q 'scripts not found' plot.err; then bad "plot with $prefix: the scripts were not found"; else ok; fi
}
plot_check ../prefix
rm -f run1/*.png run1/*.svg
mv ../prefix ../moved
plot_check ../moved

# The man page renders without a warning.
if command -v groff > /dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z ../moved/share/man/man1/ompscale.1 2>&1)
    if [ -z "$warnings" ]; then ok; else bad "installed man page: $warnings"; fi
fi

echo "test_install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
