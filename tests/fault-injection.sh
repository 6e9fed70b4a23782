#!/usr/bin/env bash
# The full fault-injection suite of issue 15 (the fast subset is FaultInjectionTest in `mvn verify`).
# Real processes and real files: kill -9 of runs and sweeps at random moments, damaged records, bad
# data directories, bad configurations, divergence, a full disk (tmpfs, when root may mount one) and
# an independent reader (npm apache-arrow) polling a live run. Every trial is judged by its outcome
# (exit code, status, records bit-identical to an uninterrupted reference), never by elapsed time;
# the random sleeps only choose *when* to kill.
#
# Usage: tests/fault-injection.sh [WORKDIR]   (env: FI_KILLS=45 FI_SWEEP_KILLS=10 FI_SEED=1)
# Needs: the runnable jar (./thermolearn builds it), java; node + npm for the live-reader trial.
# Prints a table of trials, passes and failures per category; exits 1 if any trial failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="${1:-/tmp/thermolearn-fault-injection}"
KILLS="${FI_KILLS:-45}"
SWEEP_KILLS="${FI_SWEEP_KILLS:-10}"
RANDOM="${FI_SEED:-1}"
JAR="${FI_JAR:-$here/experiments/target/thermolearn.jar}"
[ -f "$JAR" ] || "$here/thermolearn" --version >/dev/null || { echo "cannot build $JAR" >&2; exit 1; }
export OPENBLAS_NUM_THREADS=1
rm -rf "$W"; mkdir -p "$W"; cd "$W" || exit 1
JAVA=(java --add-opens=java.base/java.nio=ALL-UNNAMED -jar "$JAR")
J() { "${JAVA[@]}" "$@"; }   # background starts use "${JAVA[@]}" directly so that $! is the JVM itself
declare -A TRIALS PASSES
FAILS=()
verdict() { # category ok(0/1) detail
  TRIALS[$1]=$(( ${TRIALS[$1]:-0} + 1 ))
  if [ "$2" = 0 ]; then PASSES[$1]=$(( ${PASSES[$1]:-0} + 1 )); echo "pass $1" >&2; else FAILS+=("$1: $3"); echo "FAIL $1: $3" >&2; fi
}
same_ckpts() { # ref dir -> 0 when every checkpoint of ref is byte-identical in dir and no extra ones exist
  local r="$1" d="$2" f
  [ "$(ls "$r/checkpoints" | grep -c '\.arrow$')" = "$(ls "$d/checkpoints" 2>/dev/null | grep -c '\.arrow$')" ] || return 1
  for f in "$r"/checkpoints/*.arrow; do cmp -s "$f" "$d/checkpoints/$(basename "$f")" || return 1; done
}
no_tmp() { [ -z "$(find "$1" -name '*.tmp' 2>/dev/null)" ]; }
snap() { (cd "$1" && find . -exec sh -c 'if [ -L "$1" ]; then echo "$1 -> $(readlink "$1")"; elif [ -f "$1" ]; then sha256sum "$1"; else echo "$1/"; fi' _ {} \; | sort); }
rand_ms() { echo $(( (RANDOM % $1) + ${2:-0} )); }
msleep() { sleep "$(printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )))"; }

# ---------- data and configs
cat > Gen.java <<'EOF'
public class Gen { public static void main(String[] a) throws Exception {
  new org.thermolearn.core.data.SyntheticIdx(7, 8, 8, 4).writeDirectory(java.nio.file.Path.of(a[0]), 600, 200, false); } }
EOF
java -cp "$JAR" Gen.java data || exit 1
base() { printf 'architecture: "%s"\nepochs: %s\ncheckpoints: "every:1"\ntrainCount: 500\nvalidationCount: 100\nbulkSamples: 200\nbatchSize: 16\nlearningRate: 0.1\nmomentum: 0.9\ndataDir: "%s"\n' "$1" "$2" "$W/data"; }
base 64-16-12-4 6 > run.yaml
J run -c run.yaml -o ref >ref.log 2>&1 || { echo "reference run failed" >&2; cat ref.log >&2; exit 1; }

# ---------- 1. kill -9 of a run at a random moment (also during its resume), then resume
# The moment is chosen by events, not by the clock of a loaded machine: one trial in five is killed at a
# random time after the JVM starts (often before run.json exists), the others at a random time after
# the run has started (its status file exists), so that the kills land in training, checkpoint writes
# and stream rewrites even when a JVM takes seconds to start. A third of the runs are killed again at a
# random time after their resume has taken the run (its heartbeat names the resuming process).
declare -A MOMENTS
for i in $(seq 1 "$KILLS"); do
  d="kill-$i"
  "${JAVA[@]}" run -c run.yaml -o "$d" >"$d.log" 2>&1 & pid=$!
  if [ $(( i % 5 )) != 0 ]; then while [ ! -f "$d/status" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.02; done; fi
  msleep "$(rand_ms 3500 50)"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null
    if [ ! -f "$d/run.json" ]; then m="before run.json"; else m="after checkpoint $(ls "$d/checkpoints" 2>/dev/null | grep -c '\.arrow$')"; fi
  else m="after the run ended"; fi
  wait "$pid" 2>/dev/null
  MOMENTS[$m]=$(( ${MOMENTS[$m]:-0} + 1 ))
  if [ $(( i % 3 )) = 0 ] && [ -f "$d/run.json" ] && [ "$(cat "$d/status" 2>/dev/null)" != done ]; then # a second kill, during the resume
    "${JAVA[@]}" resume "$d" >>"$d.log" 2>&1 & pid=$!
    while ! grep -q "\"pid\":$pid," "$d/.heartbeat" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 0.02; done
    msleep "$(rand_ms 2500 10)"
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; m="during resume"; else m="resume ended first"; fi
    wait "$pid" 2>/dev/null
    MOMENTS[$m]=$(( ${MOMENTS[$m]:-0} + 1 ))
  fi
  if [ ! -f "$d/run.json" ]; then # killed before the run existed: nothing was recorded; run it again
    rm -rf "$d"; J run -c run.yaml -o "$d" >>"$d.log" 2>&1; rc=$?
  else
    st=$(cat "$d/status" 2>/dev/null)
    state=$(J inspect "$d" 2>&1 | grep -v '^thermolearn: warning' | head -1)
    J resume "$d" >>"$d.log" 2>&1; rc=$?
    # a killed run whose status file still says running must be reported stale, with the dead pid
    if [ "${st#running}" != "$st" ] && { [ "${state#*stale (last heartbeat}" = "$state" ] || [ "${state#*pid }" = "$state" ]; }; then
      verdict kill-run 1 "$d: killed run not reported stale: $state"
    fi
  fi
  ok=1
  [ "$rc" = 0 ] && [ "$(cat "$d/status")" = done ] && J inspect "$d" >/dev/null 2>&1 && same_ckpts ref "$d" && no_tmp "$d" && ok=0
  verdict kill-run "$ok" "$d: rc=$rc status=$(cat "$d/status" 2>/dev/null) $(tail -1 "$d.log")"
done
for m in "${!MOMENTS[@]}"; do echo "kill moment: $m: ${MOMENTS[$m]}"; done | sort >&2

# ---------- 2. kill -9 of `sweep run`: workers die with it, a re-run finishes every task bit for bit
cat > sweep.yaml <<EOF
name: fi
output: $W/sweeps/SUB
base: {epochs: 4, checkpoints: "every:1", trainCount: 500, validationCount: 100, bulkSamples: 100, batchSize: 16, dataDir: "$W/data", seed: 3}
axes:
  - grid: {architecture: ["64-16-4", "64-16-12-4"], learningRate: [0.05, 0.2]}
local: {parallel: 2, threadsPerTask: 1}
EOF
sed 's/SUB/ref/' sweep.yaml > sweep-ref.yaml
J sweep run sweep-ref.yaml >sweep-ref.log 2>&1 || { echo "reference sweep failed" >&2; tail sweep-ref.log >&2; }
for i in $(seq 1 "$SWEEP_KILLS"); do
  sed "s/SUB/k$i/" sweep.yaml > "sweep-$i.yaml"; sd="$W/sweeps/k$i/fi"
  "${JAVA[@]}" sweep run "sweep-$i.yaml" >"sweep-$i.log" 2>&1 & pid=$!
  # event: the first task has started writing (its heartbeat exists), then a random moment
  while [ -z "$(find "$sd/tasks" -name .heartbeat 2>/dev/null | head -1)" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  msleep "$(rand_ms 9000 100)"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  # event: every worker of this sweep has exited (they watch their executor's pipe); bounded wait
  n=0; while pgrep -f -- "$sd/" >/dev/null && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
  orphans=$(pgrep -f -- "$sd/" | wc -l)
  # with every worker gone, no task may look alive (a task killed mid-run says stale, with its pid and host)
  ghost=""; [ -d "$sd" ] && J sweep status "sweep-$i.yaml" >"status-$i.log" 2>&1 && ghost=$(grep -m1 " running (" "status-$i.log")
  J sweep run "sweep-$i.yaml" >>"sweep-$i.log" 2>&1; rc=$?
  J sweep collect "sweep-$i.yaml" >"collect-$i.log" 2>&1; crc=$?
  ok=1
  if [ "$orphans" = 0 ] && [ -z "$ghost" ] && [ "$rc" = 0 ] && [ "$crc" = 0 ] && grep -q "collected 4 of 4" "collect-$i.log" && no_tmp "$sd"; then
    ok=0
    for t in "$W"/sweeps/ref/fi/tasks/*/; do id=$(basename "$t"); same_ckpts "$t" "$sd/tasks/$id" || ok=1; done
  fi
  verdict kill-sweep "$ok" "k$i: orphans=$orphans ghost='$ghost' rc=$rc collect=$crc $(head -1 "collect-$i.log")"
done

# ---------- 3. damaged records: named by inspect/report/collect, recovered by resume bit for bit
damage() { # name file python-expression-on-bytearray-b
  local d="dmg-$1"; cp -r ref "$d"
  if [ "$3" = delete ]; then rm -f "$d/$2"; else /usr/bin/python3 -c "import sys
p='$d/$2'; b=bytearray(open(p,'rb').read()); $3; open(p,'wb').write(b)"; fi
  J inspect "$d" >"$d.insp" 2>&1; irc=$?; J report "$d" >/dev/null 2>&1; rrc=$?
  J resume "$d" >"$d.log" 2>&1; rc=$?
  ok=1
  [ "$irc" = 2 ] && [ "$rrc" = 2 ] && grep -q "is damaged" "$d.insp" && [ "$rc" = 0 ] && J inspect "$d" >/dev/null 2>&1 && same_ckpts ref "$d" && ok=0
  verdict damaged "$ok" "$1: inspect=$irc report=$rrc resume=$rc $(tail -1 "$d.insp")"
}
damage flip-ckpt2 checkpoints/ckpt-2.arrow 'b[len(b)//2]^=1'
damage flip-ckpt6-meta checkpoints/ckpt-6.arrow 'b[120]^=4'
damage zero4k-ckpt3 checkpoints/ckpt-3.arrow 'b[len(b)//4:len(b)//4+4096]=bytes(len(b[len(b)//4:len(b)//4+4096]))'
damage delete-ckpt1 checkpoints/ckpt-1.arrow delete
damage delete-ckpt3 checkpoints/ckpt-3.arrow delete
damage cut-metrics metrics.arrow 'del b[len(b)-300:]'
damage cut-spectra spectra.arrow 'del b[len(b)-500:]'
damage zero64-metrics metrics.arrow 'b[len(b)-400:len(b)-336]=bytes(64)'
damage flip-spectra spectra.arrow 'b[len(b)-100]^=16'
damage flip-metrics-first metrics.arrow 'b[len(b)//3]^=1'
damage lost-sums metrics.arrow.crc32c 'del b[len(b)-20:]'
damage truncate-ckpt0 checkpoints/ckpt-0.arrow 'del b[len(b)//2:]'
# run.json damaged: a clear error (the configuration is lost), never a parser exception
for body in 'garbage{' '' '[1,2,3]'; do
  d="json-$(echo "$body" | md5sum | cut -c1-6)"; cp -r ref "$d"; printf '%s' "$body" > "$d/run.json"
  J resume "$d" >"$d.log" 2>&1; rc=$?
  ok=1; [ "$rc" = 2 ] && [ "$(grep -c thermolearn: "$d.log")" = 1 ] && ! grep -q Exception "$d.log" && ok=0
  verdict damaged "$ok" "$d: rc=$rc $(tail -1 "$d.log")"
done
# sweep collect refuses a done task whose records were cut
if [ -d sweeps/ref/fi ]; then
  cp -r sweeps/ref sweeps/dmg; sed -i "s#$W/sweeps/ref#$W/sweeps/dmg#" sweeps/dmg/fi/*.json 2>/dev/null
  t=$(ls -d sweeps/dmg/fi/tasks/*/ | head -1); /usr/bin/python3 -c "p='${t}metrics.arrow'; b=open(p,'rb').read(); open(p,'wb').write(b[:-300])"
  J sweep collect sweeps/dmg/fi >collect-dmg.log 2>&1; rc=$?
  ok=1; [ "$rc" = 2 ] && grep -q damaged collect-dmg.log && ok=0
  verdict damaged "$ok" "sweep collect of a cut task: rc=$rc"
fi

# ---------- 4. bad data: exit 2, one line, the directory untouched, no run directory
mkdir -p bad/empty bad/partial bad/dangling bad/label255
cp data/* bad/partial/ && rm bad/partial/t10k-labels-idx1-ubyte
cp data/* bad/dangling/ && rm bad/dangling/train-images-idx3-ubyte && ln -s "$W/nowhere" bad/dangling/train-images-idx3-ubyte
cp data/* bad/label255/ && /usr/bin/python3 -c "p='bad/label255/train-labels-idx1-ubyte'; b=bytearray(open(p,'rb').read()); b[25]=255; open(p,'wb').write(b)"
echo x > bad/afile
before=$(snap bad)
for dd in /nonexistent/dir bad/empty bad/partial bad/dangling bad/afile bad/label255; do
  o="out-data-$(basename "$dd")"
  J run -c run.yaml --data "$dd" -o "$o" >"$o.log" 2>&1; rc=$?
  ok=1; [ "$rc" = 2 ] && [ ! -e "$o" ] && [ "$(grep -c '^thermolearn:' "$o.log")" = 1 ] && ok=0
  verdict bad-data "$ok" "--data $dd: rc=$rc $(grep '^thermolearn:' "$o.log")"
done
for ev in bad/partial bad/empty; do
  o="out-env-$(basename "$ev")"; grep -v dataDir run.yaml > run-nodata.yaml
  THERMOLEARN_DATA="$W/$ev" J run -c run-nodata.yaml -o "$o" >"$o.log" 2>&1; rc=$?
  ok=1; [ "$rc" = 2 ] && [ ! -e "$o" ] && ok=0
  verdict bad-data "$ok" "THERMOLEARN_DATA=$ev: rc=$rc $(grep '^thermolearn:' "$o.log")"
done
[ "$before" = "$(snap bad)" ]; verdict bad-data $? "a named data directory was modified"
# resume on changed data is refused
cp -r data data2; base 64-16-12-4 6 | sed "s#$W/data#$W/data2#" > run2.yaml
"${JAVA[@]}" run -c run2.yaml -o chg >/dev/null 2>&1 & pid=$!; while [ ! -f chg/checkpoints/ckpt-1.arrow ] && kill -0 $pid 2>/dev/null; do sleep 0.05; done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
/usr/bin/python3 -c "p='$W/data2/t10k-labels-idx1-ubyte'; b=bytearray(open(p,'rb').read()); b[9]=(b[9]+1)%4; open(p,'wb').write(b)"
J resume chg >chg.log 2>&1; rc=$?
ok=1; [ "$rc" = 2 ] && grep -q "changed since" chg.log && ok=0; verdict bad-data "$ok" "resume on a changed data file: rc=$rc"

# ---------- 5. bad configurations: exit 2, one line naming the problem, nothing created
cfgcase() { # description, then args to `run`
  local name="$1"; shift; local o="$W/cfgout"
  rm -rf "$o"; J run "$@" >cfg.log 2>&1; local rc=$?
  local ok=1; [ "$rc" = 2 ] && [ ! -e "$o" ] && [ "$(grep -c '^thermolearn:' cfg.log)" = 1 ] && ! grep -qE 'Exception|^\s+at ' cfg.log \
    && [ "$(grep -vc -E '^(INFO|WARN|loading data)' cfg.log)" = 1 ] && ok=0
  verdict bad-config "$ok" "$name: rc=$rc $(grep -v -E '^(INFO|WARN)' cfg.log | head -2 | tr '\n' ' ')"
}
for a in '--arch 64-16-12-4+0>2,0>2' '--arch 64-2000000000-4' '--arch 64-0-4' '--arch 64--4' '--arch abc' '--arch 64' \
  '--arch 64-16-4+0>1' '--arch 64-16-4+2>0' '--arch 64-16-4+0>9' '--arch 65-16-4' '--arch 64-16-5' '--arch 64-70000-70000-4' \
  '--init-scale Infinity' '--init-scale -1' '--init-scale NaN' '--l2 Infinity' '--l2 -1' '--mass Infinity' '--mass -1' \
  '--beta Infinity' '--beta 0' '--beta -1' '--lr 0' '--lr -1' '--lr Infinity' '--lr NaN' '--lr abc' '--momentum 1' \
  '--momentum -0.1' '--batch 0' '--batch -5' '--batch 1000000' '--batch 1.5' '--bulk-samples 99999999' '--bulk-samples -1' \
  '--train-count 70000' '--train-count 0' '--epochs -1' '--epochs abc' '--epochs 1.5' '--steps-per-epoch -1' \
  '--checkpoints every:0' '--checkpoints every:x' '--checkpoints 0,99' '--checkpoints foo' '--spaces foo' '--fprime foo' \
  '--activation foo' '--output-activation foo' '--loss foo' '--loss binary_cross_entropy' '--targets 0,2' '--schedule foo' \
  '--init foo' '--linalg foo' '--seed abc' '--seed 1.5' '--set foo' '--set foo=1' '--set learningrate=0.1' \
  '--set lambdaC=Infinity' '--set lambdaC=0' '--set scheduleGamma=Infinity' '--set scheduleGamma=0' '--set scheduleEvery=0' \
  '--set validationCount=-1' '--set testCount=-1' '--set architecture=' '--set hiddenActivation=' '--set mass=abc' \
  '--set dataDir=' '--preset foo' '--config /nonexistent.yaml' '--foo'; do
  # shellcheck disable=SC2086
  cfgcase "$a" -c run.yaml -o "$W/cfgout" $a
done
cfgcase "--set output=" -c run.yaml --set output=
cfgcase "-o /proc/x" -c run.yaml -o /proc/x/run
cfgcase "-o existing dir" -c run.yaml -o "$W/ref"
cfgcase "--config a directory" -c "$W/bad" -o "$W/cfgout"
cfgcase "--spaces ''" -c run.yaml -o "$W/cfgout" --spaces ''
i=0
while IFS= read -r body; do
  i=$((i + 1)); f="badcfg-$i.yaml"
  keys=$(printf '%b' "$body" | sed -n 's/^\([A-Za-z]*\):.*/\1/p' | paste -sd'|')
  if [ "${body:0:1}" = "{" ] || [ "${body:0:1}" = "[" ] || [ "${body:0:3}" = "foo" ]; then printf '%b' "$body" > "$f"
  else { base 64-16-12-4 3 | grep -v -E "^(${keys:-none}):"; printf '%b\n' "$body"; } > "$f"; fi
  cfgcase "file: $body" -c "$f" -o "$W/cfgout"
done <<'EOF'
learningRate: 0.1\nlearningRate: 1000
{"learningRate": 0.1, "learningRate": 1000}
epochs: null
seed: ~
batchSize: null
learningRate: null
architecture: null
momentum: ~
[1, 2, 3]
foo: [
epochs: 1.5
epochs: five
learningRate: true
unknownKey: 1
trainCount: 1e5
dataDir: ""
momentum: .nan
learningRate: .inf
batchSize: 1000000
bulkSamples: 99999999
scheduleGamma: .inf
learningRate: {a: 1}
preset: nope
architecture: "64-16-4+0>2,0>2"
checkpoints: ""
EOF
for cmd in resume inspect report; do
  for target in /nonexistent/run "$W/bad/empty" "$W/bad/afile"; do
    J "$cmd" "$target" >cfg.log 2>&1; rc=$?
    ok=1; [ "$rc" = 2 ] && [ "$(grep -c '^thermolearn:' cfg.log)" = 1 ] && [ ! -e "$W/bad/empty/figures" ] && ok=0
    verdict bad-config "$ok" "$cmd $target: rc=$rc $(head -1 cfg.log)"
  done
done
J frobnicate >cfg.log 2>&1; rc=$?; ok=1; [ "$rc" = 2 ] && [ "$(wc -l < cfg.log)" = 1 ] && ok=0; verdict bad-config "$ok" "unknown command: rc=$rc"

# ---------- 6. divergence: exit 3, status failed: diverged, records up to it kept and sound
divcase() {
  local name="$1"; shift; local o="div-$(echo "$name" | md5sum | cut -c1-6)"
  J run "$@" -o "$o" >"$o.log" 2>&1; local rc=$?
  local ok=1; [ "$rc" = 3 ] && grep -q '^failed: diverged' "$o/status" && [ -f "$o/checkpoints/ckpt-0.arrow" ] && J inspect "$o" >/dev/null 2>&1 && ok=0
  verdict divergence "$ok" "$name: rc=$rc $(cat "$o/status" 2>/dev/null)"
}
for a in '--lr 1000' '--lr 1e6' '--lr 1e300' '--momentum 0.99 --lr 50'; do divcase "$a" -c run.yaml $a; done
if [ -f "${XDG_CACHE_HOME:-$HOME/.cache}/thermolearn/mnist/train-images-idx3-ubyte" ]; then
  printf 'architecture: "784-30-10"\nepochs: 3\ncheckpoints: "every:1"\ntrainCount: 2000\nvalidationCount: 500\ntestCount: 500\nbulkSamples: 100\n' > mnist.yaml
  divcase "mnist exponential gamma 1000" -c mnist.yaml --set schedule=exponential --set scheduleGamma=1000
  divcase "mnist relu lr 10" -c mnist.yaml --activation relu --lr 10
  divcase "mnist lr 1e6" -c mnist.yaml --lr 1e6
fi

# ---------- 7. disk full (tmpfs): exit 1 naming the path, status says why, resume elsewhere bit for bit
if [ "$(id -u)" = 0 ] && mkdir -p full && mount -t tmpfs -o size=900k tmpfs full 2>/dev/null; then
  base 64-200-200-4 4 > big.yaml
  J run -c big.yaml -o bigref >/dev/null 2>&1
  J run -c big.yaml -o full/run >full.log 2>&1; rc=$?
  st=$(cat full/run/status 2>/dev/null)
  cp -r full/run fullcopy 2>/dev/null; umount full
  J resume fullcopy >>full.log 2>&1; rrc=$?
  ok=1; [ "$rc" = 1 ] && grep -q "No space left" full.log && grep -q "full/run" full.log && [ "${st#running}" = "$st" ] \
    && [ "$rrc" = 0 ] && same_ckpts bigref fullcopy && ok=0
  verdict disk-full "$ok" "rc=$rc status='$st' resume=$rrc $(grep '^thermolearn:' full.log | head -1)"
else
  echo "disk-full: skipped (not root or tmpfs cannot be mounted)" >&2
fi

# ---------- 8. an independent reader polling a live run never meets a torn file
NODE_MODULES="${FI_NODE_MODULES:-$here/thermo/target/npm-apache-arrow-21.2.0}"
if command -v node >/dev/null && { [ -d "$NODE_MODULES/node_modules/apache-arrow" ] || npm install --prefix "$NODE_MODULES" apache-arrow@21.2.0 --no-audit --no-fund >/dev/null 2>&1; }; then
  cat > poll.js <<'EOF'
const fs = require('fs');
const arrow = require(require.resolve('apache-arrow', { paths: [process.argv[3]] }));
const dir = process.argv[2]; let reads = 0, errors = 0, last = '';
function once() {
  for (const f of ['metrics.arrow', 'spectra.arrow']) {
    const p = dir + '/' + f; if (!fs.existsSync(p)) continue;
    try { arrow.tableFromIPC(fs.readFileSync(p)); reads++; } catch (e) { errors++; last = f + ': ' + e.message; }
  }
}
(function loop() { once(); if (fs.existsSync(dir + '/status') && fs.readFileSync(dir + '/status', 'utf8').trim() !== 'running') { once();
  console.log(reads + ' ' + errors + ' ' + last); } else setImmediate(loop); })();
EOF
  base 64-16-12-4 30 > live.yaml
  "${JAVA[@]}" run -c live.yaml -o live >live.log 2>&1 & pid=$!
  while [ ! -f live/status ]; do sleep 0.05; done
  res=$(node poll.js "$W/live" "$NODE_MODULES"); wait $pid
  reads=${res%% *}; rest=${res#* }; errors=${rest%% *}
  ok=1; [ "$errors" = 0 ] && [ "$reads" -ge 20 ] && ok=0
  verdict live-reader "$ok" "node apache-arrow: $res"
else
  echo "live-reader: skipped (node/npm apache-arrow unavailable)" >&2
fi

# ---------- table
echo
printf '| %-12s | %6s | %6s | %8s |\n' category trials passes failures
printf '|%s|%s|%s|%s|\n' '--------------' '--------' '--------' '----------'
tt=0; tp=0
for c in kill-run kill-sweep damaged bad-data bad-config divergence disk-full live-reader; do
  t=${TRIALS[$c]:-0}; p=${PASSES[$c]:-0}; tt=$((tt + t)); tp=$((tp + p))
  printf '| %-12s | %6d | %6d | %8d |\n' "$c" "$t" "$p" $((t - p))
done
printf '| %-12s | %6d | %6d | %8d |\n' total "$tt" "$tp" $((tt - tp))
for f in "${FAILS[@]}"; do echo "  failed: $f"; done
[ "$tt" = "$tp" ]
