#!/usr/bin/env bash
# deps.sh [PACKAGE...] -- installs the Debian packages ompscale needs that this machine lacks
# (Debian, Ubuntu, Raspberry Pi OS), all in one apt-get call, with any PACKAGE given added to the
# list (CI adds its own tools). `make deps` runs it alone; `make bench` and `make test` run it first.
#
# What is installed is checked with one dpkg-query call, so nothing missing costs a fraction of a
# second and prints nothing. What is missing is installed as root directly, or else through sudo,
# saying what and why first; when neither works, the one apt-get line to run is printed and the exit
# status is 1. Without dpkg-query (another distribution) it says what to install and exits 0, so
# that the build goes on and CMake names anything still missing.
#
# Only builtins besides dpkg-query, apt-get, sudo and id are used, so a test can stand in for
# those four with its own through PATH.
set -uo pipefail

# package (or alternatives, a|b: any one will do; the first is installed) and why
required=(
    "build-essential" "the C compiler (gcc with OpenMP) and make"
    "cmake" "the build"
    "pkg-config" "finding cairo, json-c and hwloc"
    "libcairo2-dev" "cairo: the scatter kernel's plots and the Mandelbrot pictures"
    "libjson-c-dev" "results.json, meta.json and --format json"
    "libhwloc-dev" "the machine's topology (cores, caches, NUMA) from hwloc"
    "gnuplot-nox|gnuplot-qt|gnuplot-x11|gnuplot" "the charts (ompscale plot, make bench)"
    "python3" "the command-line tests"
    "groff-base" "the man page test"
)
for extra in "$@"; do
    required+=("$extra" "asked for on the command line")
done

if ! command -v dpkg-query > /dev/null 2>&1; then
    echo "deps.sh: no dpkg-query, so not a Debian-like system: install a C compiler with OpenMP, make, cmake," \
         "pkg-config, cairo, json-c, hwloc, gnuplot, python3 and groff with your package manager" >&2
    exit 0
fi

# Every name in the list, alternatives included, in one query: "name status" per known package.
names=()
for ((i = 0; i < ${#required[@]}; i += 2)); do
    IFS='|' read -r -a alternatives <<< "${required[i]}"
    names+=("${alternatives[@]}")
done
declare -A status=()
while read -r name state; do
    status[${name%%:*}]=$state  # a multiarch name comes as name:arch
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${names[@]}" 2> /dev/null)

missing=() reasons=()
for ((i = 0; i < ${#required[@]}; i += 2)); do
    IFS='|' read -r -a alternatives <<< "${required[i]}"
    have=0
    for p in "${alternatives[@]}"; do
        [ "${status[$p]:-}" = installed ] && have=1
    done
    if [ "$have" -eq 0 ]; then
        missing+=("${alternatives[0]}")
        reasons+=("  ${alternatives[0]}: ${required[i + 1]}")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y ${missing[*]}"
echo "deps.sh: ${#missing[@]} package(s) missing:"
printf '%s\n' "${reasons[@]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
    echo "deps.sh: installing them: $line"
    apt-get update -qq && apt-get install -y -q "${missing[@]}" && exit 0
elif command -v sudo > /dev/null 2>&1; then
    echo "deps.sh: installing them with sudo (it may ask for your password): sudo $line"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" && exit 0
else
    echo "deps.sh: not root and no sudo, so they cannot be installed from here; as root, run:" >&2
    echo "  $line" >&2
    exit 1
fi
echo "deps.sh: the installation failed (above); install them and try again:" >&2
echo "  sudo $line" >&2
exit 1
