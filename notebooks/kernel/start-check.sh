#!/usr/bin/env bash
# Starts the registered Java kernel N times (default 20), one plain `jupyter nbconvert --execute` of a one-cell
# notebook each (Jupyter's default 60 s start timeout, no retry), and prints per start the exit status, whether the
# cell's output came back and the wall time; last line: "N/M starts answered". Exit 1 if any start failed.
#   notebooks/kernel/start-check.sh [N]      (kernel: $THERMOLEARN_KERNEL_NAME, default thermolearn-java)
# For timings, run it under the benchmark lock: flock /tmp/bench.lock notebooks/kernel/start-check.sh 20
set -uo pipefail
n="${1:-20}"
kernel="${THERMOLEARN_KERNEL_NAME:-thermolearn-java}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PYDEVD_DISABLE_FILE_VALIDATION=1
cat > "$work/one-cell.ipynb" <<JSON
{"cells": [{"cell_type": "code", "execution_count": null, "id": "one-cell", "metadata": {}, "outputs": [],
            "source": ["System.out.println(\"kernel-ok \" + (1 + 1));"]}],
 "metadata": {"kernelspec": {"display_name": "Java (ThermoLearn)", "language": "java", "name": "$kernel"}},
 "nbformat": 4, "nbformat_minor": 5}
JSON
ok=0
for i in $(seq 1 "$n"); do
  t0=$(date +%s%N)
  /usr/bin/jupyter nbconvert --to notebook --execute "$work/one-cell.ipynb" --output-dir "$work" --output "run-$i.ipynb" \
    > "$work/run-$i.log" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  answered=no
  if [ $rc = 0 ] && grep -q 'kernel-ok 2' "$work/run-$i.ipynb"; then answered=yes; ok=$((ok + 1)); fi
  printf 'start %2d: exit %d, answered %-3s %4d.%d s\n' "$i" "$rc" "$answered" $((ms / 1000)) $(( (ms % 1000) / 100 ))
  [ "$answered" = yes ] || grep -v -e 'Debugger' -e 'frozen' -e '^0.00s' "$work/run-$i.log" | tail -n 5 | sed 's/^/    /'
done
echo "$ok/$n starts answered"
[ "$ok" = "$n" ]
