#!/usr/bin/env bash
# Executes every ThermoLearn notebook headless and checks the outputs; exits non-zero on any failure.
#   notebooks/run-notebooks.sh [OUTDIR]        (default OUTDIR: notebooks/target/executed)
# Steps: install-kernel.sh (Jupyter, the Java kernel, notebooks/lib; quick when already done), then
# `jupyter nbconvert --execute` of 01…04 into OUTDIR (a cell error fails), then check-outputs.py
# (an inline image in each, the accuracy line, identity residuals below tolerance, …).
# Environment: THERMOLEARN_NB_TIMEOUT (seconds per cell, default 600), THERMOLEARN_NB_STARTUP (seconds
# for the kernel to answer, default 120: a healthy start takes 5-40 s on a busy machine), plus install-kernel.sh's
# variables. Each notebook gets one kernel, started once: no retry (kernel/ThermoLearnKernel.java removes the
# start-up races of rapaio 3.0.1 that a retry used to paper over).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/target/executed}"
timeout="${THERMOLEARN_NB_TIMEOUT:-600}"
export PYDEVD_DISABLE_FILE_VALIDATION=1

"$here/install-kernel.sh" || { echo "run-notebooks: install-kernel.sh failed" >&2; exit 1; }
secs() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); printf '%d.%d' $((ms / 1000)) $(( (ms % 1000) / 100 )); }
mkdir -p "$out"
rm -f "$out"/0[1-4]-*.ipynb
failed=0
execute() {  # $1 notebook; writes $out/<name> and $out/<name>.log
  /usr/bin/jupyter nbconvert --to notebook --execute "$1" --output-dir "$out" --output "$(basename "$1")" \
    --ExecutePreprocessor.timeout="$timeout" --ExecutePreprocessor.startup_timeout="${THERMOLEARN_NB_STARTUP:-120}" \
    --ExecutePreprocessor.kernel_name="${THERMOLEARN_KERNEL_NAME:-thermolearn-java}" >"$out/$(basename "$1" .ipynb).log" 2>&1
}
for nb in "$here"/0[1-4]-*.ipynb; do
  name="$(basename "$nb")"
  log="$out/${name%.ipynb}.log"
  t0=$(date +%s%N)
  # the notebook runs with its own directory as working directory (so "%jar lib" finds notebooks/lib)
  execute "$nb"
  rc=$?
  if [ $rc = 0 ]; then
    printf 'run-notebooks: %-26s executed in %6s s\n' "$name" "$(secs "$t0")"
  else
    failed=1
    printf 'run-notebooks: %-26s FAILED after %6s s; the end of %s:\n' "$name" "$(secs "$t0")" "$log" >&2
    grep -v -e '^\[20' -e 'Debugger warning' "$log" | tail -n 25 >&2
  fi
done
/usr/bin/python3 "$here/check-outputs.py" "$out" || failed=1
if [ "$failed" = 0 ]; then echo "run-notebooks: all notebooks executed and checked ($out)"; else echo "run-notebooks: FAILED" >&2; fi
exit "$failed"
