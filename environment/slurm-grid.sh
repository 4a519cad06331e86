#!/usr/bin/env bash
# Runs a small experiment grid through a Slurm job array on this machine, as a one-node cluster, and prints the
# collected table next to the table of one plain `experiment` run. It shows the README's Slurm recipe working end to end;
# it is not part of the test suite (it installs Debian's slurm-wlm and munge and starts their daemons as root).
#
#   bash environment/slurm-grid.sh [SHARDS]      # default 2 shards
#
# Everything it starts it stops again on exit; its state lives in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
shards=${1:-2}

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm-grid: installing Debian's slurm-wlm and munge"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

dotnet build src/PidReg.Cli -c Release --nologo -v quiet >/dev/null
cli="$repo/src/PidReg.Cli/bin/Release/net10.0/PidReg.Cli.dll"
grid=(--dataset diabetes --models pidreg,early --seeds 2 --epochs 40 --hidden-dim 64 --latent-dim 8 --batch-size 64)

state=$(mktemp -d /tmp/pidreg-slurm.XXXXXX)
node=$(hostname -s)
mkdir -p "$state/ctld" "$state/d" "$state/log" "$state/runs"
export SLURM_CONF="$state/slurm.conf"
cat > "$SLURM_CONF" <<EOF
ClusterName=pidreg
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
NodeName=$node CPUs=$(nproc) State=UNKNOWN
PartitionName=pidreg Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

stop() {
  scancel --quiet --user=root 2>/dev/null || true
  for pid in "$state/slurmd.pid" "$state/slurmctld.pid" "$state/munged.pid"; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$state"
}
trap stop EXIT

mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge: /var/log/munge /var/lib/munge 2>/dev/null || true
if ! pgrep -x munged >/dev/null; then
  munged --force
  pgrep -x munged > "$state/munged.pid"
fi
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 30); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo

# The README's recipe: one array task per shard, each writes its finished runs to the shared folder.
job=$(sbatch --parsable --array=1-"$shards" --output="$state/log/shard-%a.out" --error="$state/log/shard-%a.err" \
  --wrap="PIDREG_DATA='$repo/data' dotnet '$cli' experiment ${grid[*]} --shard \${SLURM_ARRAY_TASK_ID}/$shards --runs '$state/runs'")
echo "slurm-grid: submitted array job $job with $shards tasks"
while squeue -h -j "$job" 2>/dev/null | grep -q .; do sleep 2; done
sacct -j "$job" -n -o JobID,State,Elapsed 2>/dev/null || true
for f in "$state"/log/shard-*.err; do echo "== $(basename "$f")"; tail -n 3 "$f"; done

echo "== collected from the shards (experiment collect)"
dotnet "$cli" experiment collect "$state/runs" | tee "$state/collected.md"
echo "== one plain run of the same grid"
PIDREG_DATA="$repo/data" dotnet "$cli" experiment "${grid[@]}" --jobs 1 2>/dev/null | tee "$state/plain.md"
if diff <(grep '^|' "$state/collected.md" | cut -d'|' -f1-6) <(grep '^|' "$state/plain.md" | cut -d'|' -f1-6) >/dev/null; then
  echo "slurm-grid: the Slurm array's table equals the plain run's (model, RMSE, MAE, R², Pearson r)"
else
  echo "slurm-grid: the tables differ" >&2
  exit 1
fi
