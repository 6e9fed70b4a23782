#!/usr/bin/env bash
# Issue 16 on a quiet machine, in one go (about 9 minutes on 2 quiet cores; a full `thermolearn reproduce` is not
# part of it). Run it when nothing else runs; every figure it prints is wall time unless it says CPU.
#
#   tests/perf/issue16-quiet.sh OUTDIR
#
# 1. Exact bulk loss U (S4) of 10 000 MNIST test images for a 784-100-100-10 trained one SGD epoch (JMH
#    BulkLossBench, weights=trained), on 1 and on 2 threads: wall s/op, CPU s/op of the process, and the solver's
#    evaluation counts, largest final ‖∇‖∞ and non-converged count (goal: ≤ 2 s wall on 2 threads, ‖∇‖∞ ≤ 1e-9).
# 2. Recording overhead of `thermolearn run --preset deep2` (100 epochs, checkpoints "log" = 0,1,3,10,30,100,
#    bulkSamples 10 000): Σ(measure + analysis + record seconds) / Σ train_seconds from metrics.arrow (goal ≤ 25 %),
#    and the whole command's wall time against its training time (this adds loading MNIST, the JVM start and the
#    figures drawn at the end). With DEEP2_EPOCHS < 100 the checkpoints are those of the log schedule up to that
#    epoch; the script then extrapolates to the preset: 6 checkpoints at the measured mean recording time against
#    100 epochs at the measured mean epoch time (early checkpoints are the cheap ones for U, so this is optimistic).
# 3. The training side by side (tests/perf/side-by-side.sh: ThermoLearn, numpy, PyTorch), EPOCHS=3 (first + 2 later).
#
# Knobs (for a smoke test at tiny sizes): BULK_SAMPLES (10000), BULK_ITER (3), DEEP2_EPOCHS (100),
# DEEP2_SET ("" ; e.g. "trainCount=2000 validationCount=500 bulkSamples=500"), SBS_EPOCHS (3), SBS_CASES (the
# script's default cases), SKIP ("" or any of bulk,deep2,sbs), BENCH_NOBUILD=1 (reuse tests/target/benchmarks.jar).
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: tests/perf/issue16-quiet.sh OUTDIR   (OUTDIR must not exist or be empty)" >&2; exit 2; }
OUT="$1"
if [[ -e "$OUT" && -n "$(ls -A "$OUT" 2>/dev/null)" ]]; then
  echo "issue16-quiet: $OUT exists and is not empty; give a new directory" >&2; exit 2
fi
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
SKIP="${SKIP:-}"
skip() { [[ ",$SKIP," == *",$1,"* ]]; }
SUMMARY="$OUT/summary.txt"
say() { echo "$*" | tee -a "$SUMMARY"; }

# build everything first (not timed)
if [[ "${BENCH_NOBUILD:-0}" != "1" ]]; then tests/bench.sh build >"$OUT/build.log" 2>&1; fi
./thermolearn --version >/dev/null

say "# issue 16 quiet-machine check $(date -Is) host $(hostname) cores $(nproc) OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS"
say "# git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
say "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"

if ! skip bulk; then
  say ""
  say "## 1. bulk U (S4), ${BULK_SAMPLES:-10000} samples, 784-100-100-10 trained one epoch (JMH single shot)"
  java -jar tests/target/benchmarks.jar org.thermolearn.tests.bench.BulkLossBench \
      -p arch=784-100-100-10 -p weights=trained -p samples="${BULK_SAMPLES:-10000}" -p threads=1,2 \
      -wi 1 -i "${BULK_ITER:-3}" -f 1 -rf json -rff "$OUT/bulk.json" >"$OUT/bulk.log" 2>&1
  "$PY" - "$OUT/bulk.json" "$OUT/bulk.log" <<'EOF' | tee -a "$SUMMARY"
import json, re, sys
rows = json.load(open(sys.argv[1]))
for r in rows:
    p = r["params"]; m = r["primaryMetric"]; sec = r.get("secondaryMetrics", {})
    n = len(m["rawData"][0]) if m.get("rawData") else 1
    cpu = sec.get("processCpuS", {}).get("score", float("nan")) / max(n, 1)  # EVENTS counters are summed
    print(f"threads {p['threads']}: wall {m['score']:.3f} s/op (min {min(m['rawData'][0]):.3f}), process CPU {cpu:.3f} s/op")
for line in open(sys.argv[2]):
    if line.startswith("# bulk-solver"):
        print(line.strip())
EOF
fi

if ! skip deep2; then
  E="${DEEP2_EPOCHS:-100}"
  say ""
  say "## 2. recording overhead of thermolearn run --preset deep2 --epochs $E ${DEEP2_SET:+(--set $DEEP2_SET)}"
  sets=()
  for kv in ${DEEP2_SET:-}; do sets+=(--set "$kv"); done
  t0=$(date +%s.%N)
  ./thermolearn run --preset deep2 --epochs "$E" ${sets[@]+"${sets[@]}"} --output "$OUT/deep2" >"$OUT/deep2.log" 2>&1
  t1=$(date +%s.%N)
  ./thermolearn inspect --format csv --columns 'epoch,*_seconds,bulk_*' "$OUT/deep2" >"$OUT/deep2-timing.csv"
  "$PY" - "$OUT/deep2-timing.csv" "$E" "$t0" "$t1" <<'EOF' | tee -a "$SUMMARY"
import csv, sys, math
rows = list(csv.DictReader(open(sys.argv[1]))); E = int(sys.argv[2]); wall = float(sys.argv[4]) - float(sys.argv[3])
f = lambda r, c: float(r[c]) if r.get(c) not in (None, "", "NaN") else 0.0
train = sum(f(r, "train_seconds") for r in rows)
rec = [f(r, "measure_seconds") + f(r, "analysis_seconds") + f(r, "record_seconds") for r in rows]
for r, x in zip(rows, rec):
    nc = r.get("bulk_not_converged", "?"); g = r.get("bulk_grad_inf", "?")
    print(f"  epoch {float(r['epoch']):5.0f}: measure {f(r,'measure_seconds'):6.2f} s  analysis {f(r,'analysis_seconds'):5.2f} s  record {f(r,'record_seconds'):5.2f} s  (U not converged {nc}, max |grad| {g})")
print(f"checkpoints {len(rows)}, training {train:.1f} s ({train/E:.3f} s/epoch), recording {sum(rec):.1f} s ({sum(rec)/len(rows):.2f} s/checkpoint)")
print(f"recording overhead (metrics columns): {100*sum(rec)/train:.1f} % of training   [goal <= 25 %]")
print(f"whole command: {wall:.1f} s wall = training + {100*(wall-train)/train:.1f} % (JVM start, MNIST load, figures at the end included)")
if E != 100:
    per_ckpt = sum(rec) / len(rows); per_epoch = train / E
    print(f"extrapolated to the preset (100 epochs, 6 checkpoints): {100*6*per_ckpt/(100*per_epoch):.1f} %")
EOF
fi

if ! skip sbs; then
  say ""
  say "## 3. training side by side (tests/perf/side-by-side.sh, EPOCHS=${SBS_EPOCHS:-3})"
  if [[ -n "${SBS_CASES:-}" ]]; then export CASES="$SBS_CASES"; fi
  BENCH_NOBUILD=1 EPOCHS="${SBS_EPOCHS:-3}" tests/perf/side-by-side.sh 2>"$OUT/side-by-side.err" | tee "$OUT/side-by-side.txt" >>"$SUMMARY"
  tail -n 20 "$OUT/side-by-side.txt"
fi
say ""
say "# load after: $(cut -d' ' -f1-3 /proc/loadavg); done $(date -Is); files in $OUT"
