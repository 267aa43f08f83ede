#!/usr/bin/env bash
# 'sarcosim run --mpi' under real MPIs on this machine (docs/cluster.md, "MPI"): two ranks started by Open MPI's mpirun
# (TCP over the loopback interface only) and by MPICH's, each of which must write the single-process run's outputs
# bit for bit. Installs openmpi-bin and mpich with apt-get when their mpirun is missing. scripts/slurm-ci.sh runs it and
# counts its checks in its own summary.
#
#   bash scripts/mpi-ci.sh      # as root (apt-get); uses the tool 'dotnet build' (or 'dotnet test') built last
#
# SARCOSIM="dotnet …/sarcosim.dll" (or the apphost) chooses the tool; MPI_CI_TIMEOUT (seconds, default 300) bounds each
# MPI run. Prints one "mpi-ci: PASS|FAIL <check>" line per check and last "mpi-ci: N passed, N failed"; exits 1 if a
# check failed (a script that dies before its summary, e.g. when interrupted, counts as one failed check there).
set -uo pipefail
cd "$(dirname "$0")/.."

timeout=${MPI_CI_TIMEOUT:-300}
# A small run: the checks are about the ranks' arithmetic and the launchers, not speed; the runtimes' start dominates.
people=20000 seed=11 ranks=2
passed=0 failed=0

# mpirun gives the ranks a terminal; without this the runtime writes escape codes into their output.
export TERM=dumb
work=$(mktemp -d "${TMPDIR:-/tmp}/sarcosim-mpi-ci.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass() { echo "mpi-ci: PASS $*"; passed=$(( passed + 1 )); }
# A failed check, with the log of the run it checked; every check runs whatever the others gave.
fail() {
  echo "mpi-ci: FAIL $1"
  failed=$(( failed + 1 ))
  [ -f "${2:-}" ] && { echo "---- $2 (last 40 lines) ----"; tail -n 40 "$2"; }
  return 0
}

read -r -a sarcosim <<< "${SARCOSIM:-dotnet $(ls -t "$PWD"/src/Sarcopenia.Sim.Cli/bin/*/net*/sarcosim.dll 2>/dev/null | head -n 1)}"
options=("$PWD/src/Sarcopenia.Sim.Cli/Scenarios/default.json" --people "$people" --seed "$seed")

# Whether DIR holds the single run's outputs: CSV tables and scenario byte for byte, the results' tables checksum, and a
# manifest that records the ranks.
same_as_single() {
  local name
  for name in prevalence.csv traits.csv deaths.csv scenario.json; do
    cmp "$work/single/$name" "$1/$name" || return 1
  done
  [ "$(grep -o '"tablesSha256":"[0-9a-f]*"' "$work/single/results.sarcosim.json")" = "$(grep -o '"tablesSha256":"[0-9a-f]*"' "$1/results.sarcosim.json")" ] \
    && grep -q "\"mpiRanks\": $ranks" "$1/manifest.json"
}

# Runs 'sarcosim run --mpi' under the launcher given (its command and options) into $work/NAME, and checks the outputs.
check_mpi() {
  local name=$1 flavour=$2
  shift 2
  local log=$work/$name.log started=$SECONDS
  if [ ! -f "$work/single/prevalence.csv" ]; then
    fail "$name: the single-process run (the reference) failed" "$work/single.log"
  elif ! timeout "$timeout" "$@" "${sarcosim[@]}" run "${options[@]}" --mpi --out "$work/$name" >"$log" 2>&1; then
    fail "$name: 'sarcosim run --mpi' failed or took over $timeout s" "$log"
  elif ! grep -q "^mpi: $ranks ranks, $flavour" "$log"; then
    fail "$name: rank 0 did not report $ranks ranks of $flavour" "$log"
  elif ! same_as_single "$work/$name"; then
    fail "$name: the outputs differ from the single run" "$log"
  elif [ "$(ls "$work/$name" | wc -l)" -ne "$(ls "$work/single" | wc -l)" ]; then
    fail "$name: other files than the single run's: $(ls "$work/$name" | tr '\n' ' ')" "$log"
  else
    pass "$name: $(grep -o "^mpi: .*" "$log" | cut -c6-) wrote the single run's CSV tables, scenario and tables checksum ($(( SECONDS - started )) s)"
  fi
}

# 1. Open MPI's and MPICH's launchers and libraries (Debian: openmpi-bin brings libmpi.so.40, mpich libmpich.so.12).
need=()
command -v mpirun.openmpi >/dev/null || need+=(openmpi-bin)
command -v mpirun.mpich >/dev/null || need+=(mpich)
if [ ${#need[@]} -eq 0 ]; then
  pass "install: openmpi-bin and mpich already installed"
elif ! command -v apt-get >/dev/null; then
  fail "install: ${need[*]} missing and no apt-get to install them"
else
  started=$SECONDS
  if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$work/apt.log" 2>&1; then
    pass "install: ${need[*]} in $(( SECONDS - started )) s"
  else
    fail "install: apt-get could not install ${need[*]}" "$work/apt.log"
  fi
fi

# The reference: the same scenario in one process (without it, the MPI checks fail with its log).
"${sarcosim[@]}" run "${options[@]}" --out "$work/single" >"$work/single.log" 2>&1

# 2. Open MPI, TCP over the loopback interface only (as root, more ranks than cores allowed).
check_mpi openmpi "Open MPI" env -u MPI_LIBRARY mpirun.openmpi -np "$ranks" --allow-run-as-root --oversubscribe \
  --mca btl tcp,self --mca btl_tcp_if_include lo --mca oob_tcp_if_include lo

# 3. MPICH's Hydra launcher, with the library named as on a machine where Open MPI's would be found first.
check_mpi mpich "MPICH ABI" env MPI_LIBRARY=libmpich.so.12 mpirun.mpich -np "$ranks"

echo "mpi-ci: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
