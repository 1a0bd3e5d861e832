#!/usr/bin/env bash
# test_mpi.sh OMPSCALE MPIEXEC -- hybrid MPI + OpenMP runs of an MPI build (-DOMPSCALE_MPI=ON)
# through the real binary under Open MPI's mpirun on this host, oversubscribed as a 2-core CI
# machine must be: 2 and 3 ranks give verified rows at every rank count, with ranks, cores and
# gather columns and the job's hosts in results.json and meta.json; the record reads back into the
# same CSV files; errors (a bad --ranks, bad options, a rank that fails) are one line from rank 0,
# exit non-zero, and leave no result directory; without mpirun the build runs as the plain one.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mpiexec=$2
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI runs as root
work=$(mktemp -d /tmp/ompscale-mpi-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mkdir tmp
export TMPDIR=$work/tmp  # the ranks' scratch directories, which must be gone afterwards
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# mpi N ARGS...: ompscale ARGS on N ranks of this host.
mpi() { local n=$1; shift; "$mpiexec" --oversubscribe -np "$n" "$bin" "$@"; }

# check_run DIR RANKS KERNELS: a finished hybrid run of RANKS ranks (its --ranks 1..RANKS).
check_run() {
    python3 - "$1" "$2" "$3" "$(nproc)" << 'EOF'
import csv, json, sys
d, ranks, kernels, cpus = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(','), int(sys.argv[4])
fails = []
def need(cond, what):
    if not cond:
        fails.append(what)
raw = list(csv.DictReader(open(d + '/raw.csv')))
need(list(raw[0].keys())[-3:] == ['ranks', 'cores', 'gather_s'], 'raw.csv ends with ranks,cores,gather_s')
need(all(r['verified'] == '1' for r in raw), 'every timed run verified')
for r in raw:
    need(int(r['cores']) == int(r['ranks']) * int(r['threads']), 'cores = ranks x threads')
    g = float(r['gather_s'])
    need(g > 0 if int(r['ranks']) > 1 else g == 0, 'gather_s > 0 exactly when the loop was split')
    if int(r['ranks']) * int(r['threads']) > cpus:
        need(r['oversubscribed'] == '1', 'more cores than this host has: oversubscribed')
sp = list(csv.DictReader(open(d + '/speedup.csv')))
need(list(sp[0].keys())[-3:] == ['ranks', 'cores', 'gather_median_s'], 'speedup.csv ends with ranks,cores,gather')
for k in kernels:
    got = sorted({int(r['ranks']) for r in sp if r['kernel'] == k})
    need(got == list(range(1, ranks + 1)), '%s: rows at ranks 1..%d, got %s' % (k, ranks, got))
    need(all(r['verified'] == '1' for r in sp if r['kernel'] == k), k + ': verified')
    need(all(r['speedup'] != '' for r in sp if r['kernel'] == k), k + ': speed-ups')
ef = list(csv.DictReader(open(d + '/efficiency.csv')))
for r in ef:
    need(abs(float(r['efficiency']) * int(r['cores']) - float([s for s in sp if s['kernel'] == r['kernel'] and
         s['schedule'] == r['schedule'] and s['chunk_label'] == r['chunk_label'] and s['threads'] == r['threads'] and
         s['ranks'] == r['ranks']][0]['speedup'])) < 1e-4 * int(r['cores']), 'efficiency = speed-up / cores')
res, meta = json.load(open(d + '/results.json')), json.load(open(d + '/meta.json'))
for name, o in (('results.json', res), ('meta.json', meta)):
    m = o.get('mpi', {})
    need(m.get('ranks') == ranks, name + ': mpi.ranks')
    need(m.get('library', '').startswith('Open MPI'), name + ': mpi.library')
    need(sorted(q for h in m.get('hosts', []) for q in h['ranks']) == list(range(ranks)), name + ': ranks on hosts')
    need(all(len(h['cpus_available']) == len(h['ranks']) for h in m.get('hosts', [])), name + ': cpus per rank')
    need(isinstance(m.get('slurm'), dict), name + ': mpi.slurm')
need(res['run'].get('ranks') == list(range(1, ranks + 1)), 'run.ranks')
need(all('ranks' in x and all('gather_s' in s for s in x['samples']) for x in res['measurements']), 'per measurement')
# each thread of each rank records its share: a team of ranks x threads, rank-major, whose
# iterations add up to the loop's, every rank's block to its own share of them
for x in res['measurements']:
    if x['schedule'] == 'serial' or x.get('scan_size', 0) != 0:
        continue
    n, t, q = x['n_iterations'], x['threads'], x['ranks']
    for s in x['samples']:
        team = s.get('team')
        need(team is not None and len(team['iterations']) == q * t, '%s: a team of ranks x threads' % x['kernel'])
        if team is None or len(team['iterations']) != q * t:
            continue
        need(abs(sum(team['iterations']) - n) < 1e-6 * n, '%s: the team ran every iteration' % x['kernel'])
        for rank in range(q):
            block = n * (rank + 1) // q - n * rank // q
            got = sum(team['iterations'][rank * t:(rank + 1) * t])
            need(abs(got - block) < 1e-6 * n, '%s: rank %d ran its block' % (x['kernel'], rank))
        need(all(u >= 0 for u in team['useful_s']), '%s: useful times' % x['kernel'])
for r in ef:
    if r['schedule'] != 'serial':
        lb = r['load_balance']
        need(lb != '' and 0 < float(lb) <= 1 + 1e-9, '%s at %s ranks: a load balance' % (r['kernel'], r['ranks']))
need(list(ef[0].keys())[-7:-2] == ['load_balance', 'comm_efficiency', 'parallel_efficiency',
     'computation_scalability', 'global_efficiency'], 'efficiency.csv: the POP factors, then ranks, cores')
for f in fails:
    print('  ' + f)
sys.exit(1 if fails else 0)
EOF
}

# expect_error NEEDLE N ARGS...: under mpirun, a non-zero exit, exactly one "ompscale:" line on
# stderr (from rank 0 alone) naming NEEDLE, and no result directory.
expect_error() {
    local needle=$1 n=$2; shift 2
    mpi "$n" "$@" > out.txt 2> err.txt
    local rc=$? lines
    lines=$(grep -c '^ompscale: ' err.txt)
    if [ "$rc" -eq 0 ]; then bad "$* on $n ranks -> exit 0"; return; fi
    if [ "$lines" -ne 1 ]; then bad "$* on $n ranks -> $lines 'ompscale:' lines, want 1: $(cat err.txt)"; return; fi
    if ! grep '^ompscale: ' err.txt | grep -qF -- "$needle"; then bad "$* -> does not name '$needle': $(cat err.txt)"; return; fi
    if [ -e out ]; then bad "$* -> left a result directory"; rm -rf out; return; fi
    ok
}

# Two ranks: each loop split over 1 and 2 ranks, 1 and 2 threads a rank; scatter writes files on
# both ranks and sums its metrics over them.
if mpi 2 run --class S --kernel mandelbrot,scatter --threads 1,2 --schedule static,dynamic --chunk 1,default \
    --reps 2 --no-overhead --out r2 > r2.txt 2> r2.err; then ok; else bad "2 ranks: exit $?: $(cat r2.err)"; fi
if [ -d r2 ] && check_run r2 2 mandelbrot,scatter; then ok; else bad "2 ranks: the run's files"; fi
if head -1 r2/metrics.csv 2> /dev/null | grep -q ',ranks,cores$'; then ok; else bad "2 ranks: metrics.csv ranks"; fi
if grep -q 'by ranks x threads = cores' r2.txt && grep -q '^MPI: 2 ranks on 1 host' r2.txt; then ok
else bad "2 ranks: the summary's ranks table"; fi

# Three ranks, by default split over 1, 2 and 3; sqrtmap's size scan and copies stay on one rank.
if mpi 3 run --class S --kernel mandelbrot_simd,sweep,sqrtmap --threads 1 --schedule static,guided --reps 2 \
    --no-overhead --out r3 > r3.txt 2> r3.err; then ok; else bad "3 ranks: exit $?: $(cat r3.err)"; fi
if [ -d r3 ] && check_run r3 3 mandelbrot_simd,sweep,sqrtmap; then ok; else bad "3 ranks: the run's files"; fi
if [ -s r3/crossover.csv ] && ! head -1 r3/crossover.csv | grep -q ranks; then ok; else bad "3 ranks: crossover.csv"; fi
if [ -z "$(ls -A tmp)" ]; then ok; else bad "scratch directories left in TMPDIR: $(ls tmp)"; fi

# The record alone gives the same CSV files (ompscale plot writes them again), and the charts.
md5sum r3/*.csv > before.md5
"$bin" plot r3 > plot.txt 2>&1
rc=$?
if [ $rc -eq 0 ] || [ $rc -eq 4 ]; then ok; else bad "plot r3 -> exit $rc: $(cat plot.txt)"; fi
if md5sum -c --quiet before.md5; then ok; else bad "plot r3 changed the CSV files"; fi
if [ $rc -eq 4 ] || [ -s r3/speedup.png ]; then ok; else bad "plot r3: no speedup.png"; fi

# Errors: once, from rank 0; nothing left behind.
expect_error "--ranks 3" 2 run --class S --ranks 3 --out out
expect_error "--threads" 3 run --threads 0 --out out
expect_error "--kernel" 2 run --kernel nosuch --out out
# A rank that fails: rank 1 cannot make its scratch directory (MPMD: its own environment).
args=(run --class S --kernel scatter --threads 1 --reps 2 --no-overhead --out out)
"$mpiexec" --oversubscribe -np 1 "$bin" "${args[@]}" : -np 1 env TMPDIR=/nonexistent "$bin" "${args[@]}" \
    > out.txt 2> err.txt
rc=$?
if [ $rc -ne 0 ] && [ "$(grep -c '^ompscale: ' err.txt)" -eq 1 ] && grep -q '^ompscale: rank 1 (.*/nonexistent' err.txt
then ok; else bad "a failing rank -> exit $rc: $(cat err.txt)"; fi
if [ ! -e out ] && [ -z "$(ls -A | grep partial)" ]; then ok; else bad "a failing rank left a directory: $(ls -A)"; fi

# Ranks that share this host unbound (--bind-to none) are not all bound to its first cores, which
# would make them take turns on one core: without --bind the run leaves them to the OS (bind none).
"$mpiexec" --oversubscribe --bind-to none -np 2 "$bin" run --class S --kernel mandelbrot --threads 1 \
    --schedule static --reps 2 --no-overhead --out unbound > unbound.txt 2>&1
if grep -q '"bind":"none"' unbound/meta.json 2> /dev/null; then ok
else bad "unbound ranks on one host: bind is not none: $(tail -3 unbound.txt)"; fi

# Without mpirun an MPI build is the plain one: no ranks column, no mpi record.
if "$bin" run --class S --kernel mandelbrot --threads 1,2 --schedule static --reps 2 --no-overhead --out one \
    > one.txt 2>&1 && ! head -1 one/raw.csv | grep -q ranks && ! grep -q '"mpi"' one/results.json; then ok
else bad "one process: $(tail -3 one.txt)"; fi

echo "test_mpi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
