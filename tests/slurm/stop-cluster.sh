#!/bin/bash
# Stops the cluster started by start-cluster.sh DIR: slurmd, slurmctld, munged, each by the pid in
# its pid file (never by name), waiting up to 10 s before SIGKILL.
set -uo pipefail
if [ $# -ne 1 ]; then echo "usage: $0 DIR" >&2; exit 2; fi
D="$1"
rc=0
for f in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
  [ -f "$f" ] || continue
  pid="$(head -n1 "$f" | tr -dc '0-9')"
  [ -n "$pid" ] || continue
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; echo "$0: killed $pid ($f) with SIGKILL" >&2; fi
  fi
  rm -f "$f"
done
exit $rc
