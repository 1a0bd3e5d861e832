#!/usr/bin/env bash
# test_deps.sh -- scripts/deps.sh with stand-ins for dpkg-query, apt-get, sudo and id on PATH
# (nothing is installed): silent when nothing is missing; every missing package in one apt-get call,
# as root or through sudo, saying what and why; the exact apt-get line and exit 1 when it can do
# neither or apt-get fails; any one of gnuplot's packages will do; extra packages from the command
# line; no dpkg-query, no failure.
set -u
deps=$(cd "$(dirname "$0")/.." && pwd)/scripts/deps.sh
bash=$(command -v bash)
work=$(mktemp -d /tmp/ompscale-deps-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

all="build-essential cmake pkg-config libcairo2-dev libjson-c-dev libhwloc-dev gnuplot-nox python3 groff-base"

# fakes DIR UID WITH_SUDO APT_STATUS: stand-ins in DIR. dpkg-query answers from $work/installed;
# apt-get and sudo log their arguments to $work/calls.
fakes() {
    local dir=$1 uid=$2 with_sudo=$3 apt_status=$4
    mkdir -p "$dir"
    cat > "$dir/dpkg-query" <<EOF
#!$bash
for a in "\$@"; do
    case "\$a" in -*) continue ;; esac
    for p in \$(< "$work/installed"); do [ "\$p" = "\$a" ] && echo "\$a installed"; done
done
exit 0
EOF
    printf '#!%s\necho "apt-get $*" >> "%s/calls"\n[ "$1" = update ] && exit 0\nexit %s\n' "$bash" "$work" \
        "$apt_status" > "$dir/apt-get"
    printf '#!%s\necho %s\n' "$bash" "$uid" > "$dir/id"
    if [ "$with_sudo" = 1 ]; then
        # like sudo: VAR=value arguments before the command set its environment
        printf '#!%s\necho "sudo $*" >> "%s/calls"\nwhile [[ $1 == *=* ]]; do export "$1"; shift; done\nexec "$@"\n' \
            "$bash" "$work" > "$dir/sudo"
    fi
    chmod +x "$dir"/*
}

# run_deps DIR ARGS...: deps.sh with only DIR on PATH; output in out.txt, exit status in $rc.
run_deps() {
    local dir=$1
    shift
    : > calls
    PATH=$dir "$bash" "$deps" "$@" > out.txt 2>&1
    rc=$?
}

fakes root 0 0 0
fakes user 1000 1 0
fakes nosudo 1000 0 0
fakes broken 0 0 100

# Nothing missing: silent, no apt-get.
echo "$all" > installed
run_deps root
if [ "$rc" -eq 0 ] && [ ! -s out.txt ] && [ ! -s calls ]; then ok; else bad "nothing missing: exit $rc: $(cat out.txt calls)"; fi

# Root: the missing ones in one install call, each with why.
echo "build-essential cmake pkg-config libjson-c-dev gnuplot-nox python3" > installed
run_deps root
if [ "$rc" -eq 0 ] && grep -qx 'apt-get install -y -q libcairo2-dev libhwloc-dev groff-base' calls &&
    [ "$(grep -c 'apt-get install' calls)" -eq 1 ]; then ok; else bad "root: exit $rc: $(cat calls)"; fi
if grep -q 'libcairo2-dev: .*cairo' out.txt && grep -q '3 package(s) missing' out.txt; then ok
else bad "root: does not say what is missing and why: $(cat out.txt)"; fi

# A user with sudo: through sudo, saying so.
run_deps user
if [ "$rc" -eq 0 ] && grep -q '^sudo .*apt-get install -y -q libcairo2-dev libhwloc-dev groff-base' calls &&
    grep -q 'with sudo' out.txt; then ok; else bad "sudo: exit $rc: $(cat out.txt calls)"; fi

# Neither root nor sudo: the exact line, exit 1, nothing run.
run_deps nosudo
if [ "$rc" -eq 1 ] && grep -qx '  apt-get install -y libcairo2-dev libhwloc-dev groff-base' out.txt && [ ! -s calls ]
then ok; else bad "no sudo: exit $rc: $(cat out.txt calls)"; fi

# apt-get fails: exit 1 and the line to run.
run_deps broken
if [ "$rc" -eq 1 ] && grep -q 'sudo apt-get install -y libcairo2-dev' out.txt; then ok
else bad "apt-get failing: exit $rc: $(cat out.txt)"; fi

# Any of gnuplot's packages will do; extra packages are added; multiarch names are understood.
echo "${all/gnuplot-nox/gnuplot-qt}" > installed
run_deps root valgrind cppcheck
if [ "$rc" -eq 0 ] && grep -qx 'apt-get install -y -q valgrind cppcheck' calls; then ok
else bad "gnuplot-qt and extras: exit $rc: $(cat calls)"; fi
echo "$all" > installed
run_deps root
if [ ! -s calls ]; then ok; else bad "all installed, yet: $(cat calls)"; fi

# No dpkg-query: a note, exit 0, nothing run.
mkdir -p bare
run_deps bare
if [ "$rc" -eq 0 ] && grep -q 'no dpkg-query' out.txt && [ ! -s calls ]; then ok; else bad "no dpkg-query: exit $rc: $(cat out.txt)"; fi

echo "test_deps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
