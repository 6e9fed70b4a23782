#!/usr/bin/env bash
# Training speed side by side, in one run: ThermoLearn (tests/perf EpochTiming, the default setting a user gets from
# the launcher: trainer threads = min(2, cores), OPENBLAS_NUM_THREADS=1), a plain numpy backprop program
# (tests/perf/numpy_backprop.py, best of OpenBLAS 1 and 2 threads) and PyTorch autograd + optim.SGD
# (tests/perf/torch_train.py, best of torch 1/OpenBLAS 1, torch 1/OpenBLAS 2, torch 2/OpenBLAS 2), all float64, the
# same network, batch, loss, data and epoch. Prints per program the first epoch (JIT / warm-up included) and the
# median of the later ones, then the ratios ThermoLearn / numpy and ThermoLearn / PyTorch-best.
#
#   tests/perf/side-by-side.sh                     # the three cases of issue 16, 4 epochs each
#   CASES="784-100-10:64:mse" EPOCHS=3 REPEAT=2 tests/perf/side-by-side.sh
#   EXTRA=1 tests/perf/side-by-side.sh             # also ThermoLearn on 1 thread and the pure-Java (EJML) backend
#   TORCH_SETTINGS="1:1 2:2" ...                   # torch-threads:OpenBLAS-threads settings tried (default 1:1 1:2 2:2)
#
# A case is ARCH:BATCH:LOSS[:L2:LR]; mse = tanh + squared error (lr 0.1), bce = sigmoid + cross-entropy (Nielsen's
# setting, lr 0.5, L2 5/50000 per sample = 1e-4). DATA=mnist (the ThermoLearn cache; default when present) or
# synthetic (MNIST-shaped random images). Needs Debian's python3-numpy and python3-torch (/usr/bin/python3). The
# ThermoLearn side runs from tests/target/benchmarks.jar (built by tests/bench.sh build unless BENCH_NOBUILD=1) or
# from the classpath in TL_CP. Wall times on a shared machine are noisy: the load is printed with each case.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
"$PY" -c "import numpy, torch" 2>/dev/null || { echo "side-by-side: needs python3-numpy and python3-torch (apt-get install -y python3-numpy python3-torch)" >&2; exit 2; }
if [[ -z "${TL_CP:-}" ]]; then
  [[ "${BENCH_NOBUILD:-0}" == "1" ]] || tests/bench.sh build >&2
  TL_CP=tests/target/benchmarks.jar
fi
CACHE="${THERMOLEARN_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/thermolearn/mnist}"
if [[ -z "${DATA:-}" ]]; then
  if ls "$CACHE"/train-images* >/dev/null 2>&1; then DATA=mnist; else DATA=synthetic; fi
fi
EPOCHS="${EPOCHS:-4}"
CASES="${CASES:-784-100-10:64:mse 784-100-100-10:64:mse 784-100-10:10:bce}"
LOG="$(mktemp -d)"
echo "# side-by-side $(date -Is) host $(hostname) cores $(nproc) data $DATA epochs $EPOCHS; logs in $LOG"
tl() { java -Xmx2g -cp "$TL_CP" org.thermolearn.tests.perf.EpochTiming "$@" 2>/dev/null | grep -E "^(#|epoch)"; }
for rep in $(seq 1 "${REPEAT:-1}"); do
for c in $CASES; do
  IFS=: read -r arch batch loss l2 lr <<<"$c"
  if [[ "$loss" == bce ]]; then l2="${l2:-1e-4}"; lr="${lr:-0.5}"; else l2="${l2:-0}"; lr="${lr:-0.1}"; fi
  common=(--arch "$arch" --batch "$batch" --loss "$loss" --l2 "$l2" --lr "$lr" --epochs "$EPOCHS" --data "$DATA")
  tag="$rep-${arch}-b$batch-$loss"
  echo "## case $arch batch $batch $loss l2 $l2 lr $lr  (load $(cut -d' ' -f1-3 /proc/loadavg))"
  OPENBLAS_NUM_THREADS=1 tl "${common[@]}" > "$LOG/$tag.thermolearn"
  if [[ "${EXTRA:-0}" == "1" ]]; then
    OPENBLAS_NUM_THREADS=1 tl "${common[@]}" --threads 1 > "$LOG/$tag.thermolearn-1thread"
    tl "${common[@]}" --backend java > "$LOG/$tag.thermolearn-purejava"
  fi
  for t in 1 2; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$PY" tests/perf/numpy_backprop.py "${common[@]}" > "$LOG/$tag.numpy-ob$t"
  done
  for s in ${TORCH_SETTINGS:-1:1 1:2 2:2}; do
    IFS=: read -r tt ob <<<"$s"
    OPENBLAS_NUM_THREADS=$ob OMP_NUM_THREADS=$tt "$PY" tests/perf/torch_train.py "${common[@]}" --threads "$tt" > "$LOG/$tag.torch-t$tt-ob$ob"
  done
  "$PY" tests/perf/summarize.py "$LOG" "$tag"
done
done
echo "# done $(date -Is) load $(cut -d' ' -f1-3 /proc/loadavg)"
