#!/usr/bin/env bash
# test_slurm.sh OMPSCALE -- scripts/slurm/ompscale.sbatch without a cluster: it parses (bash -n),
# asks Slurm for nodes, tasks per node and CPUs per task, and its command line (printed with
# OMPSCALE_DRY_RUN=1) binds each task to cores and sets the threads from SLURM_CPUS_PER_TASK; then
# the script runs for real through a stand-in srun that starts the program once, and ompscale
# takes that command line (with --dry-run: nothing is measured or written).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
emulator=("${@:2}")  # a cross build's emulator, which the stand-in srun puts before the program
[ $# -gt 1 ] && export OMPSCALE_NO_REEXEC=1  # as in cli.sh: an emulated binary does not re-execute
script=$(cd "$(dirname "$0")/.." && pwd)/scripts/slurm/ompscale.sbatch
work=$(mktemp -d /tmp/ompscale-slurm-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

if bash -n "$script"; then ok; else bad "bash -n"; fi
for opt in --nodes= --ntasks-per-node= --cpus-per-task= --time=; do
    if grep -q "^#SBATCH $opt" "$script"; then ok; else bad "no #SBATCH $opt"; fi
done

export SLURM_CPUS_PER_TASK=4 SLURM_JOB_ID=4242 SLURM_NTASKS=4 OMPSCALE="$bin"
line=$(OMPSCALE_DRY_RUN=1 bash "$script" --class S --kernel mandelbrot)
eval "words=($line)"
want=(srun --mpi=pmix --cpu-bind=cores --cpus-per-task=4 "$bin" run --threads 1,2,4 --bind close
    --out results/slurm-4242 --class S --kernel mandelbrot)
if [ "${words[*]}" = "${want[*]}" ]; then ok; else bad "command line: ${words[*]}"; fi
line=$(SLURM_CPUS_PER_TASK=6 OMPSCALE_DRY_RUN=1 bash "$script")
eval "words=($line)"
if [ "${words[*]:3:6}" = "--cpus-per-task=6 $bin run --threads 1,2,4,6 --bind" ]; then ok; else bad "6 CPUs a task: ${words[*]}"; fi

# A stand-in srun: notes OMP_NUM_THREADS and its own options, then starts the program once.
mkdir bin
{
    echo '#!/usr/bin/env bash'
    echo 'echo "OMP_NUM_THREADS=$OMP_NUM_THREADS SRUN_CPUS_PER_TASK=$SRUN_CPUS_PER_TASK" > srun.log'
    echo 'while [ "${1#--}" != "$1" ]; do shift; done'
    printf 'exec'
    [ ${#emulator[@]} -gt 0 ] && printf ' %q' "${emulator[@]}"
    echo ' "$@"'
} > bin/srun
chmod +x bin/srun
PATH=$work/bin:$PATH bash "$script" --class S --kernel mandelbrot,sqrtmap --dry-run > dry.txt 2> dry.err
rc=$?
if [ $rc -eq 0 ] && grep -q '^ompscale .* dry run: class S' dry.txt && grep -q '1, 2, 4 threads' dry.txt; then ok
else bad "the command line through ompscale --dry-run: exit $rc: $(cat dry.err)"; fi
if grep -qx 'OMP_NUM_THREADS=4 SRUN_CPUS_PER_TASK=4' srun.log; then ok; else bad "srun's environment: $(cat srun.log)"; fi
if [ ! -e results ]; then ok; else bad "a dry run left results/"; fi

echo "test_slurm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
