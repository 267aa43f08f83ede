#!/usr/bin/env bash
# The Slurm flow of docs/cluster.md on a real two-node Slurm (scripts/slurm-local.sh, on 127.0.0.1): a four-shard array
# plus its merge job, submitted by 'sarcosim slurm --submit', must give the single-process run's outputs bit for bit; a
# task rerun alone must reproduce its partial; '--resume' must run only a lost shard; a projection split into replicate
# units over an array plus its merge job must give the single 'sarcosim project' tables byte for byte. Every daemon started is stopped
# on exit, failures included. .ci/run runs it after 'dotnet test' and adds its counts to the summary.
#
#   bash scripts/slurm-ci.sh      # as root; uses the tool 'dotnet build' (or 'dotnet test') built last
#
# SARCOSIM="dotnet …/sarcosim.dll" (or the apphost) chooses the tool; SLURM_CI_TIMEOUT (seconds, default 300) bounds
# each wait for jobs. Prints one "slurm-ci: PASS|FAIL <check>" line per check, job and daemon logs after a failure, and
# last "slurm-ci: N passed, N failed"; exits 1 if a check failed.
set -uo pipefail
cd "$(dirname "$0")/.."

checks=(cluster submit jobs two-nodes identical rerun resume projection)
timeout=${SLURM_CI_TIMEOUT:-300}
people=40000
seed=11
shards=4
passed=0
failed=0

work=$(mktemp -d "${TMPDIR:-/tmp}/sarcosim-slurm-ci.XXXXXX")
export SLURM_LOCAL_DIR=$work/slurm
# Ports of its own (three from a base chosen by process id, below the ephemeral range), so that two CI runs on one
# machine do not meet.
export SLURM_LOCAL_PORT=${SLURM_LOCAL_PORT:-$(( 10000 + ($$ % 7000) * 3 ))}
export SLURM_CONF=$SLURM_LOCAL_DIR/slurm.conf
run=$work/run

finish() {
  local status=$?
  # Checks not reached count as failed, so the total is the same whatever went wrong.
  local remaining=$(( ${#checks[@]} - passed - failed ))
  if [ "$remaining" -gt 0 ]; then
    echo "slurm-ci: FAIL $remaining check(s) not reached"
    failed=$(( failed + remaining ))
  fi
  bash scripts/slurm-local.sh stop
  rm -rf "$work"
  echo "slurm-ci: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$status" -eq 0 ] || exit 1
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() { echo "slurm-ci: PASS $*"; passed=$(( passed + 1 )); }

# Records a failed check, shows what the jobs and daemons said, and ends the run (later checks depend on this one).
fail() {
  echo "slurm-ci: FAIL $*"
  failed=$(( failed + 1 ))
  echo "---- jobs ----"; scontrol -o show job 2>&1 | head -50
  local log
  for log in "$run"/logs/*.log "$SLURM_LOCAL_DIR"/log/*.log; do
    [ -f "$log" ] && { echo "---- $log (last 40 lines) ----"; tail -n 40 "$log"; }
  done
  exit 1
}

if [ -n "${SARCOSIM:-}" ]; then
  read -r -a sarcosim <<< "$SARCOSIM"
else
  tool=$(ls -t src/Sarcopenia.Sim.Cli/bin/*/net*/sarcosim.dll 2>/dev/null | head -n 1)
  [ -n "$tool" ] || fail "setup: no built tool under src/Sarcopenia.Sim.Cli/bin; run 'dotnet build' first or set SARCOSIM"
  sarcosim=(dotnet "$PWD/$tool")
fi
scenario=$PWD/src/Sarcopenia.Sim.Cli/Scenarios/default.json
options=(--people "$people" --seed "$seed")

# Waits until none of the jobs (comma-separated ids) is pending or running, at most $timeout seconds.
wait_for() {
  local deadline=$(( SECONDS + timeout ))
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# "STATE NODE" per job (one line per array task) of the given job ids; scontrol keeps finished jobs for MinJobAge.
states() {
  local id
  for id in "$@"; do
    scontrol -o show job "$id" | sed -E 's/.*JobState=([A-Z_]+).* NodeList=([^ ]*).*/\1 \2/'
  done
}

all_completed() { ! states "$@" | grep -qv '^COMPLETED '; }

tables_sha() { grep -o '"tablesSha256":"[0-9a-f]*"' "$1"; }

# Whether the merged outputs are the single run's: CSV tables and scenario byte for byte, the results' tables checksum.
same_as_single() {
  local name
  for name in prevalence.csv traits.csv deaths.csv scenario.json; do
    cmp "$work/single/$name" "$run/merged/$name" || return 1
  done
  [ "$(tables_sha "$work/single/results.sarcosim.json")" = "$(tables_sha "$run/merged/results.sarcosim.json")" ]
}

# MPI: 'sarcosim run --mpi' under Open MPI's and MPICH's mpirun (scripts/mpi-ci.sh), before the cluster starts; its
# checks count in this summary (a script that died before its own summary counts as one failed check).
SARCOSIM="${sarcosim[*]}" bash scripts/mpi-ci.sh | tee "$work/mpi-ci.log"
read -r mpi_passed mpi_failed < <(sed -nE 's/^mpi-ci: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$work/mpi-ci.log")
mpi_passed=${mpi_passed:-0}
mpi_failed=${mpi_failed:-1}
for (( i = 0; i < mpi_passed + mpi_failed; i++ )); do checks+=("mpi-$i"); done
passed=$(( passed + mpi_passed ))
failed=$(( failed + mpi_failed ))

# 1. The cluster: munged, slurmctld and two slurmd nodes, both idle.
bash scripts/slurm-local.sh start || fail "cluster: the two-node Slurm did not start"
pass "cluster: nodes $(sinfo -h -N -o '%N=%t' | tr '\n' ' ')"

# The reference: the same scenario in one process.
"${sarcosim[@]}" run "$scenario" "${options[@]}" --out "$work/single" >/dev/null || fail "setup: the single-process run failed"

# 2. Submission of the array and the merge job that depends on it.
submitted=$("${sarcosim[@]}" slurm "$scenario" "${options[@]}" --shards "$shards" --out "$run" --submit) \
  || fail "submit: sarcosim slurm --submit failed: $submitted"
read -r array merge < <(sed -nE 's/^submitted array job ([0-9]+) and merge job ([0-9]+).*/\1 \2/p' <<< "$submitted")
[ -n "${merge:-}" ] || fail "submit: no job ids in: $submitted"
pass "submit: array job $array, merge job $merge"

# 3. Every task and the merge succeed within the time limit.
wait_for "$array,$merge" || fail "jobs: not finished within $timeout s"
all_completed "$array" "$merge" || fail "jobs: not all completed: $(states "$array" "$merge" | tr '\n' ';')"
pass "jobs: $shards array tasks and the merge completed"

# 4. The array really used both nodes.
used=$(states "$array" | awk '{ print $2 }' | sort -u | tr '\n' ' ')
[ "$used" = "n1 n2 " ] || fail "two-nodes: the array tasks ran on: $used"
pass "two-nodes: array tasks ran on $used"

# 5. The merged outputs are the single run's, bit for bit.
same_as_single || fail "identical: the merged outputs differ from the single run"
pass "identical: merged CSV tables, scenario and tables checksum equal the single run's"

# 6. A task rerun alone (as after a node failure) rewrites its shard with the same partial results.
partial=$run/shards/2/results.sarcosim.json
before=$(tables_sha "$partial")
inode=$(stat -c %i "$partial")
rerun=$(cd "$run" && sbatch --parsable --array=2 array.sbatch) || fail "rerun: sbatch --array=2 refused"
rerun=${rerun%%;*}
wait_for "$rerun" || fail "rerun: task 2 not finished within $timeout s"
all_completed "$rerun" || fail "rerun: task 2 did not complete: $(states "$rerun")"
[ "$(stat -c %i "$partial")" != "$inode" ] || fail "rerun: shard 2's results file was not rewritten"
[ "$(tables_sha "$partial")" = "$before" ] || fail "rerun: shard 2's tables differ after the rerun"
pass "rerun: task 2 alone rewrote shard 2 with the same tables checksum"

# 7. A lost shard: --resume runs only it, and the merge gives the single run again.
rm -rf "$run/shards/1" "$run/merged"
resumed=$("${sarcosim[@]}" slurm "$scenario" "${options[@]}" --shards "$shards" --out "$run" --resume --submit) \
  || fail "resume: sarcosim slurm --resume --submit failed: $resumed"
grep -q "1 of $shards shards" <<< "$resumed" || fail "resume: expected only shard 1 to run: $resumed"
read -r array merge < <(sed -nE 's/^submitted array job ([0-9]+) and merge job ([0-9]+).*/\1 \2/p' <<< "$resumed")
[ -n "${merge:-}" ] || fail "resume: no job ids in: $resumed"
wait_for "$array,$merge" || fail "resume: not finished within $timeout s"
all_completed "$array" "$merge" || fail "resume: not all completed: $(states "$array" "$merge" | tr '\n' ';')"
same_as_single || fail "resume: the merged outputs differ from the single run"
pass "resume: only shard 1 ran again, and the merge equals the single run"

# 8. A projection in replicate units (two per task) over an array and its merge job equals the single 'project' run.
projection=$work/japan.json
cat > "$projection" <<'JSON'
{ "basedOn": "Evidence", "cohort": { "startAge": 60 }, "replicates": 4,
  "population": { "country": "Japan", "baseYear": 2020, "horizon": 2025, "scale": 5000 } }
JSON
"${sarcosim[@]}" project "$projection" --out "$work/single-projection" >/dev/null || fail "projection: the single 'project' run failed"
run=$work/projection
submitted=$("${sarcosim[@]}" slurm "$projection" --shards 4 --max-array-size 2 --out "$run" --submit) \
  || fail "projection: sarcosim slurm --submit failed: $submitted"
read -r array merge < <(sed -nE 's/^submitted array job ([0-9]+) and merge job ([0-9]+).*/\1 \2/p' <<< "$submitted")
[ -n "${merge:-}" ] || fail "projection: no job ids in: $submitted"
wait_for "$array,$merge" || fail "projection: not finished within $timeout s"
all_completed "$array" "$merge" || fail "projection: not all completed: $(states "$array" "$merge" | tr '\n' ';')"
for name in summary.csv stages.csv transitions.csv; do
  cmp "$work/single-projection/$name" "$run/merged/$name" || fail "projection: merged $name differs from the single run's"
done
pass "projection: 4 replicate units in 2 array tasks and the merge equal the single 'project' run byte for byte"
