#!/usr/bin/env bash
# Builds tests/target/benchmarks.jar (JMH uber jar, reactor build of core/thermo/experiments/tests) and runs JMH.
#
#   tests/bench.sh build                 # only build the jar
#   tests/bench.sh train   [jmh args]    # Q1: one SGD epoch 784-100-10, 60 000 MNIST images, native + java
#   tests/bench.sh bulk    [jmh args]    # Q2: bulk loss (S4), 10 000 samples, 784-100-10
#   tests/bench.sh thermo  [jmh args]    # Q3a: analyse 784-100-100-10 vs dense baseline, native + java
#   tests/bench.sh large   [jmh args]    # Q3b: analyse 784-1000-1000-10 (single shot), native; add -p backend=native,java
#   tests/bench.sh large-dense [jmh args]  # Q3b dense baseline (G formed 2794x2794 + dsyevd), single shot
#   tests/bench.sh tail    [args]        # Q4: left-tail accuracy (plain main program, not JMH)
#   tests/bench.sh slq     [jmh args]    # issue 11: stochastic vs exact route, 784-1000-1000-10 and 784-4000-4000-10
#   tests/bench.sh slq-accuracy [arch [epochs [samples [steps]]]]  # issue 11: exact vs stochastic on a trained net
#   tests/bench.sh slq-scale [--exact A,B] [--csv F] ARCH...  # issue 11: both routes side by side, wall/CPU/heap, width table
#   tests/bench.sh slq-figure CSV DIR NAME   # issue 11: the log-log width figure (PNG+SVG) from slq-scale's CSV
#   tests/bench.sh jmh     [jmh args]    # anything else: raw org.openjdk.jmh.Main
#   tests/bench.sh all                   # train, bulk, thermo, large with their defaults
#
# Quick smoke settings: append "-wi 1 -i 2 -f 1" (JMH flags override the annotations).
# Threads: OPENBLAS_NUM_THREADS defaults to 1 here (set it before calling to change). Set BENCH_NOBUILD=1
# to reuse an existing jar. Results also go to tests/target/jmh-<target>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
JAR=tests/target/benchmarks.jar
build() {
  mvn -q -B -Pbench -pl tests -am package -DskipTests -Dsurefire.skip=true
}
target="${1:-all}"; shift || true
if [[ "${BENCH_NOBUILD:-0}" != "1" || "$target" == "build" ]]; then build; fi
[[ "$target" == "build" ]] && { echo "built $JAR"; exit 0; }
echo "# $(date -Is)  load: $(cut -d' ' -f1-3 /proc/loadavg)  OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS  cores: $(nproc)"
jmh() { java -jar "$JAR" "$@"; }
B=org.thermolearn.tests.bench
case "$target" in
  train)  jmh "$B.TrainEpochBench" -rf json -rff "${BENCH_RESULT:-tests/target/jmh-train.json}" "$@" ;;
  bulk)   jmh "$B.BulkLossBench" -rf json -rff "${BENCH_RESULT:-tests/target/jmh-bulk.json}" "$@" ;;
  thermo) jmh "$B.ThermoSnapshotBench" -rf json -rff "${BENCH_RESULT:-tests/target/jmh-thermo.json}" "$@" ;;
  large)  jmh "$B.ThermoLargeBench.analyse" -rf json -rff "${BENCH_RESULT:-tests/target/jmh-large.json}" "$@" ;;
  large-dense) jmh "$B.ThermoLargeBench.denseBothSpaces" -rf json -rff "${BENCH_RESULT:-tests/target/jmh-large-dense.json}" "$@" ;;
  tail)   java -Xmx4g -cp "$JAR" "$B.LeftTailAccuracy" "$@" ;;
  slq)    jmh -rf json -rff tests/target/jmh-slq.json "$B.ThermoStochasticBench" "$@" ;;
  slq-accuracy) java -Xmx6g -cp "$JAR" "$B.StochasticAccuracy" "$@" ;;
  slq-scale) java -Xmx${BENCH_XMX:-10g} -cp "$JAR" "$B.StochasticScale" "$@" ;;
  slq-figure) java -cp "$JAR" "$B.ScaleFigure" "$@" ;;
  jmh)    jmh -rf json -rff "${BENCH_RESULT:-tests/target/jmh-jmh.json}" "$@" ;;
  all)    for t in train bulk thermo large; do BENCH_NOBUILD=1 "$0" "$t" "$@"; done ;;
  *) echo "unknown target '$target'; see the header of $0" >&2; exit 2 ;;
esac
echo "# done $(date -Is)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
