#!/usr/bin/env bash
# Question 1: runs TrainEpochBench (JMH, ThermoLearn) and compare_torch.py (PyTorch CPU float64) with the same
# thread count and prints ThermoLearn/PyTorch.
#
#   tests/torch/compare_torch.sh                   # threads 1 and 2, backends native and java
#   THREADS=1 BACKENDS=native tests/torch/compare_torch.sh -wi 1 -i 3   # extra args go to JMH
#
# Java: OPENBLAS_NUM_THREADS=$T (native BLAS); PyTorch: torch.set_num_threads($T). Needs Debian's
# python3-torch (apt-get install -y python3-torch), run with /usr/bin/python3. Set BENCH_NOBUILD=1 to
# reuse tests/target/benchmarks.jar; TORCH_ARGS adds flags to compare_torch.py (e.g. "--manual").
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
"$PY" -c "import torch" 2>/dev/null || { echo "PyTorch missing: apt-get install -y python3-torch" >&2; exit 2; }
[[ "${BENCH_NOBUILD:-0}" == "1" ]] || tests/bench.sh build
for T in ${THREADS:-1 2}; do
  echo "=== threads $T  (load $(cut -d' ' -f1-3 /proc/loadavg))"
  OPENBLAS_NUM_THREADS=$T BENCH_NOBUILD=1 BENCH_RESULT="tests/target/jmh-train-t$T.json" \
    tests/bench.sh train -p backend="${BACKENDS:-native,java}" "$@" | grep -E "^(#|Benchmark|TrainEpochBench)" || true
  OMP_NUM_THREADS=$T "$PY" tests/torch/compare_torch.py --threads "$T" --java-json "tests/target/jmh-train-t$T.json" ${TORCH_ARGS:-}
done
