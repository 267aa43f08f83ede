#!/usr/bin/env bash
# A two-node Slurm on this machine, on 127.0.0.1 only, for CI and for trying the cluster flow of docs/cluster.md:
# a private munged, slurmctld and two slurmd ("nodes" n1 and n2), all as root.
#
#   bash scripts/slurm-local.sh start            # install what is missing, start the daemons, wait until both nodes are idle
#   export SLURM_CONF=$(bash scripts/slurm-local.sh conf)   # then sbatch, squeue, sinfo talk to it
#   bash scripts/slurm-local.sh stop             # cancel its jobs, stop every daemon it started
#   bash scripts/slurm-local.sh run CMD [ARG…]   # start, run CMD with SLURM_CONF set, stop (also when CMD or start fails)
#
# Everything lives in one state folder, $SLURM_LOCAL_DIR (default: sarcosim-slurm under $TMPDIR or /tmp): nothing goes
# into /etc/slurm or /etc/munge, and a munged already running here is neither used nor touched (ours has its own key
# and socket). Ports: $SLURM_LOCAL_PORT (default 16817) for slurmctld, the next two for the nodes' slurmd.
# Installs slurm-wlm and munge with apt-get (Debian's 22.05 and 0.5.15 were tested) when slurmctld is missing.
set -euo pipefail

state=${SLURM_LOCAL_DIR:-${TMPDIR:-/tmp}/sarcosim-slurm}
port=${SLURM_LOCAL_PORT:-16817}
conf=$state/slurm.conf
nodes=(n1 n2)

say() { echo "slurm-local: $*" >&2; }

install_missing() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null && return
  command -v apt-get >/dev/null || { say "slurm-wlm and munge are missing and there is no apt-get to install them"; return 1; }
  say "installing slurm-wlm and munge"
  apt-get update -qq
  # The packages start no daemon here (no systemd); every daemon below is started and stopped by this script.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

# Whether the process in pid file $1 is alive and is the program $2 (a reused pid is some other program).
alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(<"$1")
  # A zombie has ended already; it only waits for its parent (init, as the daemons detach) to collect it.
  { [ "$(<"/proc/$pid/comm")" = "$2" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status"; } 2>/dev/null
}

# Stops the process of pid file $1 if it is program $2: TERM, then KILL after 15 s.
stop_pid() {
  local file=$1 name=$2 pid i
  alive "$file" "$name" || { rm -f "$file"; return 0; }
  pid=$(<"$file")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    alive "$file" "$name" || { rm -f "$file"; return 0; }
    sleep 0.1
  done
  say "$name (pid $pid) did not stop in 15 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

start() {
  install_missing
  if alive "$state/slurmctld.pid" slurmctld; then
    say "already running (state in $state); stop it first"
    return 1
  fi

  local p
  for p in "$port" $((port + 1)) $((port + 2)); do
    # Something answering there would take our daemons' messages (another Slurm, another CI run).
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      say "port $p on 127.0.0.1 is in use; set SLURM_LOCAL_PORT to a free port (it and the next two are used)"
      return 1
    fi
  done

  # From here on the state folder is ours: a failed start stops what it started (and nothing before this point).
  owned=1
  rm -rf "$state"
  mkdir -p "$state/ctld" "$state/log" "$state/munge"
  chmod 700 "$state/munge"
  # Our own key, socket and daemon: the system's munge (if any) is left alone, and stop knows exactly what to end.
  mungekey --create --keyfile="$state/munge/munge.key" 2>/dev/null
  chmod 600 "$state/munge/munge.key"
  munged --force --socket="$state/munge/socket" --key-file="$state/munge/munge.key" --pid-file="$state/munge.pid" \
    --log-file="$state/log/munged.log" --seed-file="$state/munge/seed"
  munge --socket="$state/munge/socket" -n | unmunge --socket="$state/munge/socket" >/dev/null

  local host cpus memory
  host=$(hostname -s)
  cpus=$(nproc)
  # Each fake node offers the whole machine: a task asking for all its CPUs still fits, and two tasks run at once.
  memory=$(( $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 1024 / 2 ))
  cat > "$conf" <<CONF
ClusterName=sarcosimci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/slurmd-%n
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd-%n.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd-%n.log
# No cgroups or systemd here: track processes by parent and leave task placement alone.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SlurmctldTimeout=30
SlurmdTimeout=30
# Finished jobs stay visible to scontrol for an hour (there is no accounting database to ask),
# and a job whose dependency can never be met is cancelled rather than left pending.
MinJobAge=3600
DependencyParameters=kill_invalid_depend
NodeName=${nodes[0]} NodeHostname=$(hostname) NodeAddr=127.0.0.1 Port=$((port + 1)) CPUs=$cpus RealMemory=$memory State=UNKNOWN
NodeName=${nodes[1]} NodeHostname=$(hostname) NodeAddr=127.0.0.1 Port=$((port + 2)) CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=ci Nodes=${nodes[0]},${nodes[1]} Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF

  export SLURM_CONF=$conf
  slurmctld -i -f "$conf"
  local node
  for node in "${nodes[@]}"; do
    slurmd -f "$conf" -N "$node"
  done

  local i states=""
  for i in $(seq 1 120); do
    states=$(sinfo -h -N -o '%t' 2>/dev/null | sort | tr '\n' ' ')
    if [ "$states" = "idle idle " ]; then
      say "up: nodes ${nodes[*]} idle on 127.0.0.1 (SLURM_CONF=$conf)"
      return 0
    fi
    sleep 0.5
  done
  say "the nodes did not become idle in 60 s (sinfo: ${states:-no answer}); logs in $state/log"
  return 1
}

stop() {
  [ -d "$state" ] || return 0
  export SLURM_CONF=$conf
  if alive "$state/slurmctld.pid" slurmctld; then
    # Cancel our cluster's jobs first so that their steps end with them.
    scancel --partition=ci 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
      [ -z "$(squeue -h 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi

  # Job steps our slurmd started (their environment names our slurm.conf) that outlived the cancel.
  local pid
  for pid in $(pgrep -x slurmstepd || true); do
    if { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qxF "SLURM_CONF=$conf"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done

  local node
  for node in "${nodes[@]}"; do
    stop_pid "$state/slurmd-$node.pid" slurmd
  done
  stop_pid "$state/slurmctld.pid" slurmctld
  stop_pid "$state/munge.pid" munged
  say "stopped"
}

case "${1:-}" in
  start)
    # A failed start leaves nothing running; a refused one (a cluster already running there) leaves it alone.
    trap 'status=$?; [ "$status" -eq 0 ] || [ -z "${owned:-}" ] || stop; exit "$status"' EXIT
    start
    ;;
  stop)
    stop
    ;;
  conf)
    echo "$conf"
    ;;
  run)
    shift
    [ $# -gt 0 ] || { say "run needs a command"; exit 2; }
    trap 'status=$?; [ -z "${owned:-}" ] || stop; exit "$status"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start
    SLURM_CONF=$conf "$@"
    ;;
  *)
    echo "usage: bash scripts/slurm-local.sh start|stop|conf|run CMD [ARG...]" >&2
    exit 2
    ;;
esac
