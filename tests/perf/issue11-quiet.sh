#!/usr/bin/env bash
# Issue 11 on a quiet machine, in one go (about 10-12 minutes at the default sizes on 2 cores): every number of the
# issue's speed section, written to the directory given as $1.
#
#   tests/perf/issue11-quiet.sh OUTDIR            # the default sizes (run it with nothing else on the machine)
#   WIDTHS="50 100" EXACT_WIDTHS="50 100" SIDE=100 BIG=200 JMH_ARCH=784-50-50-10 tests/perf/issue11-quiet.sh /tmp/x   # smoke test
#
# Steps (each a fresh JVM, one at a time; the load average is recorded with every row):
#   1. width table, OPENBLAS_NUM_THREADS=1 (the launcher's default): the stochastic route at every width in WIDTHS and
#      the exact route at EXACT_WIDTHS (it refuses above 4000: its dense n_c x n_c Gram matrices), both spaces, all
#      scalars and the histogram, with the accuracy of the stochastic route against the exact one where both ran;
#   2. the side by side at SIDE with OPENBLAS_NUM_THREADS=2 (the exact route's best setting; the stochastic route is
#      measured again there), so the ratio can be taken against each route's best;
#   3. the BIG-wide point alone in its own JVM under /usr/bin/time -v (wall time, peak Java heap, peak RSS);
#   4. the JMH benchmark ThermoStochasticBench at JMH_ARCH (stochastic and exact, one single-shot measurement each), if
#      the elapsed time is still under JMH_UNTIL seconds (default 540);
#   5. OUTDIR/scale.csv (one row per route and width, 1 BLAS thread; the figure's data), OUTDIR/side-2threads.csv,
#      OUTDIR/table.md (the markdown table of both CSVs and the ratio at SIDE of each route's best), the log-log figure
#      OUTDIR/stochastic-scale.png/.svg from scale.csv, and the logs of every step.
# Set BENCH_NOBUILD=1 to reuse tests/target/benchmarks.jar.
set -euo pipefail
OUT="${1:?usage: tests/perf/issue11-quiet.sh OUTDIR}"
cd "$(dirname "$0")/../.."
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WIDTHS="${WIDTHS:-1000 2000 4000 8000 10000}"
EXACT_WIDTHS="${EXACT_WIDTHS:-1000 2000 4000}"
SIDE="${SIDE:-4000}"
BIG="${BIG:-10000}"
JMH_ARCH="${JMH_ARCH:-784-$SIDE-$SIDE-10}"
JMH_UNTIL="${JMH_UNTIL:-540}"
XMX="${BENCH_XMX:-12g}"
JAR=tests/target/benchmarks.jar
[[ "${BENCH_NOBUILD:-0}" == "1" ]] || tests/bench.sh build >&2
B=org.thermolearn.tests.bench
arch() { echo "784-$1-$1-10"; }
CSV="$OUT/scale.csv"
rm -f "$CSV"
say() { echo "# $(date -Is) load $(cut -d' ' -f1-3 /proc/loadavg): $*" | tee -a "$OUT/steps.log"; }
SECONDS=0

archs=(); for w in $WIDTHS; do [[ "$w" == "$BIG" ]] || archs+=("$(arch "$w")"); done
ex=(); for w in $EXACT_WIDTHS; do ex+=("$(arch "$w")"); done
exact_list="$(IFS=,; echo "${ex[*]}")"

say "1. width table, OPENBLAS_NUM_THREADS=1: stochastic ${archs[*]}, exact $exact_list"
OPENBLAS_NUM_THREADS=1 java -Xmx"$XMX" -cp "$JAR" $B.StochasticScale --exact "$exact_list" --csv "$CSV" "${archs[@]}" \
  2>&1 | grep -v "^\[main\] INFO" | tee "$OUT/1-width-table.log"

say "2. side by side at $(arch "$SIDE"), OPENBLAS_NUM_THREADS=2"
OPENBLAS_NUM_THREADS=2 java -Xmx"$XMX" -cp "$JAR" $B.StochasticScale --exact "$(arch "$SIDE")" --csv "$OUT/side-2threads.csv" "$(arch "$SIDE")" \
  2>&1 | grep -v "^\[main\] INFO" | tee "$OUT/2-side-by-side-2threads.log"

if [[ " $WIDTHS " == *" $BIG "* ]]; then
  say "3. $(arch "$BIG") alone, OPENBLAS_NUM_THREADS=1, /usr/bin/time -v"
  OPENBLAS_NUM_THREADS=1 /usr/bin/time -v -o "$OUT/3-big-time.txt" java -Xmx"$XMX" -cp "$JAR" $B.StochasticScale --csv "$CSV" "$(arch "$BIG")" \
    2>&1 | grep -v "^\[main\] INFO" | tee "$OUT/3-big.log"
  grep -E "Elapsed|Maximum resident" "$OUT/3-big-time.txt" | tee -a "$OUT/3-big.log"
fi

if (( SECONDS < JMH_UNTIL )); then
  say "4. JMH ThermoStochasticBench at $JMH_ARCH (elapsed ${SECONDS} s)"
  OPENBLAS_NUM_THREADS=1 java -jar "$JAR" "$B.ThermoStochasticBench" -p arch="$JMH_ARCH" -i 1 -rf json -rff "$OUT/4-jmh.json" \
    2>&1 | grep -v "INFO" | tee "$OUT/4-jmh.log" || echo "JMH failed; see $OUT/4-jmh.log"
else
  say "4. JMH skipped: ${SECONDS} s elapsed >= JMH_UNTIL=$JMH_UNTIL"
fi

say "5. table and figure"
/usr/bin/python3 - "$CSV" "$OUT" "$SIDE" <<'PY' | tee "$OUT/table.md"
import csv, sys, re, os
rows = list(csv.DictReader(open(sys.argv[1])))
two = os.path.join(sys.argv[2], "side-2threads.csv")
if os.path.exists(two): rows += list(csv.DictReader(open(two)))
out, side = sys.argv[2], sys.argv[3]
print("| width | route | BLAS threads | wall s | CPU s | peak heap MiB | n_c all / clamped | probes | load |")
print("|---|---|---|---|---|---|---|---|---|")
for r in sorted(rows, key=lambda r: (int(r["width"]), r["route"], r["openblas_threads"])):
    pr = "—" if r["route"] == "exact" else f'{r["probes_all"]} / {r["probes_clamped"]} x {r["steps"]} steps'
    print(f'| {r["width"]} | {r["route"]} | {r["openblas_threads"]} | {float(r["wall_s"]):.1f} | {float(r["cpu_s"]):.1f} | '
          f'{float(r["peak_heap_mib"]):.0f} | {r["nc_all"]} / {r["nc_clamped"]} | {pr} | {r["load1"]} |')
at = [r for r in rows if r["width"] == side]
st = [float(r["wall_s"]) for r in at if r["route"] == "stochastic"]
ex = [float(r["wall_s"]) for r in at if r["route"] == "exact"]
if st and ex:
    print(f"\nAt width {side}: stochastic best {min(st):.1f} s, exact best {min(ex):.1f} s: **{min(ex) / min(st):.1f}x** "
          f"(issue: <= 10 s and >= 10x)")
big = os.path.join(out, "3-big-time.txt")
if os.path.exists(big):
    t = open(big).read()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
    if rss: print(f"\nBiggest point: peak RSS of its JVM {int(rss.group(1)) / 1048576:.2f} GiB (heap: the table's peak heap column)")
PY
java -cp "$JAR" $B.ScaleFigure "$CSV" "$OUT" stochastic-scale 2>&1 | grep -v INFO | tee -a "$OUT/steps.log"
say "done in ${SECONDS} s; outputs in $OUT"
