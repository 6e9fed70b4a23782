#!/bin/bash
# Starts a private single-node Slurm cluster (munged + slurmctld + slurmd) in DIR, loopback only,
# as described in /work/shared/platform.md. Needs root and the Debian packages
#   slurmctld slurmd slurm-client munge
# Prints nothing on success except the line "SLURM_CONF=DIR/slurm.conf"; DIR/env.sh exports it.
# Stop it with stop-cluster.sh DIR (kills the daemons by their pid files).
#
# Optional environment: SLURM_TEST_CPUS (default 2), SLURM_TEST_CTLD_PORT (6817), SLURM_TEST_D_PORT (6818).
set -euo pipefail

if [ $# -ne 1 ]; then echo "usage: $0 DIR" >&2; exit 2; fi
for b in munged slurmctld slurmd sinfo; do
  command -v "$b" >/dev/null 2>&1 || { echo "$0: $b not found; apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge" >&2; exit 3; }
done
if [ "$(id -u)" -ne 0 ]; then echo "$0: must run as root (SlurmUser=root)" >&2; exit 3; fi

mkdir -p "$1"
D="$(cd "$1" && pwd -P)"
case "$D" in *[[:space:]]*) echo "$0: DIR must not contain whitespace (slurm.conf paths): $D" >&2; exit 2 ;; esac
CPUS="${SLURM_TEST_CPUS:-2}"
CTLD_PORT="${SLURM_TEST_CTLD_PORT:-6817}"
D_PORT="${SLURM_TEST_D_PORT:-6818}"
MEM_MB=$(awk '/MemTotal/ {print int($2/1024*0.8)}' /proc/meminfo)
[ "$MEM_MB" -gt 16000 ] && MEM_MB=16000

mkdir -p "$D"/{state,spool,log,munge,out}
chmod 700 "$D/munge"
if [ ! -f /etc/munge/munge.key ]; then
  echo "$0: /etc/munge/munge.key is missing (the munge package creates it); create one with mungekey -c" >&2; exit 3
fi
rm -f "$D/munge/munge.key"
cp /etc/munge/munge.key "$D/munge/"
chmod 400 "$D/munge/munge.key"
munged --force --socket="$D/munge/munge.socket" --key-file="$D/munge/munge.key" \
  --log-file="$D/munge/munged.log" --pid-file="$D/munge/munged.pid" --seed-file="$D/munge/munged.seed"

cat > "$D/slurm.conf" <<CONF
ClusterName=local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldPort=$CTLD_PORT
SlurmdPort=$D_PORT
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
printf 'export SLURM_CONF=%q\n' "$D/slurm.conf" > "$D/env.sh"
export SLURM_CONF="$D/slurm.conf"

slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N localhost

for _ in $(seq 1 60); do
  state="$(sinfo -h -N -o %T 2>/dev/null | head -n1 || true)"
  case "$state" in idle*|mixed*|allocated*) echo "SLURM_CONF=$SLURM_CONF"; exit 0 ;; esac
  sleep 0.5
done
echo "$0: node did not become idle within 30 s (state '${state:-?}'); logs in $D/log" >&2
exit 1
