#!/usr/bin/env bash
# The engine's side of the comparisons in docs/performance.md (issue #15): RW1 and the default scenario, whole process,
# alternating in one session with the hand-tuned RW1 kernel for the instruction set under test, so that the machine's
# slow and fast minutes fall on both.
#
# Usage (from the repository root, after `dotnet build -c Release`):
#   benchmarks/compare-reference.sh [--isa avx512|avx2|128] [--people N] [--default-people N] [--repeat R]
#                                   [--threads T] [--kernel PATH]
#
#   --isa             the path under test: avx512 (the machine's default on AVX-512 processors), avx2 (AVX-512 switched
#                     off: DOTNET_EnableAVX512=0, and DOTNET_EnableAVX512F=0 for older runtimes) or 128 (AVX2 switched
#                     off: DOTNET_EnableAVX2=0). Default: avx512 if the processor has it, else avx2.
#   --people          RW1's people (default 2e7)
#   --default-people  the default scenario's people (default 2e6; about 15x slower per person-year than RW1)
#   --repeat          alternating rounds (default 3)
#   --threads         worker threads (default: every core)
#   --kernel          the built reference kernel for that instruction set (e.g. .../avx512/out/fast-rw1 or
#                     .../avx2/out/fast-rw1-256, built as its README says); without it only the engine runs
#
# Prints one line per run and, at the end, the best run of each (person-years per second) and each one's share of the
# kernel's best.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/benchmarks/Sarcopenia.Sim.Benchmarks/bin/Release/net10.0/Sarcopenia.Sim.Benchmarks.dll"
cli="$root/src/Sarcopenia.Sim.Cli/bin/Release/net10.0/sarcosim.dll"

isa=""
people=20000000
default_people=2000000
repeat=3
threads="$(nproc)"
kernel=""
while [ $# -gt 0 ]; do
    case "$1" in
        --isa) isa="$2"; shift 2 ;;
        --people) people="$(printf '%.0f' "$2")"; shift 2 ;;
        --default-people) default_people="$(printf '%.0f' "$2")"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --kernel) kernel="$2"; shift 2 ;;
        *) echo "unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done

if [ -z "$isa" ]; then
    if grep -q -m1 avx512f /proc/cpuinfo; then isa=avx512; else isa=avx2; fi
fi

case "$isa" in
    avx512) switches=() ;;
    avx2) switches=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0) ;;
    128) switches=(DOTNET_EnableAVX2=0) ;;
    *) echo "--isa $isa is not allowed; expected avx512, avx2 or 128" >&2; exit 2 ;;
esac

for f in "$bench" "$cli"; do
    [ -f "$f" ] || { echo "$f is missing: run 'dotnet build -c Release' first" >&2; exit 2; }
done

# A virtual machine's model name can be generic ("Intel(R) Xeon(R) Processor", "AMD EPYC"); the vendor, family and model
# numbers say which core it is (e.g. AuthenticAMD family 25 model 17 is Zen 4, GenuineIntel family 6 model 207 Emerald Rapids).
cpu_field() { grep -m1 "^$1[[:space:]]*:" /proc/cpuinfo | sed 's/.*: //'; }
echo "# $(cpu_field 'model name') ($(cpu_field vendor_id) family $(cpu_field 'cpu family') model $(cpu_field model)), $(nproc) cores, path $isa ${switches[*]:-}, $(date -u +%FT%TZ)"

best_kernel=0 best_rw1=0 best_tool=0 best_default=0
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; }

for round in $(seq 1 "$repeat"); do
    if [ -n "$kernel" ]; then
        # The kernel runs under the same switches, so that the AVX2 yardstick cannot use AVX-512's encodings either.
        k=$(env "${switches[@]}" "$kernel" --n "$people" --threads "$threads" | awk -F'person_years_per_s=' '/person_years_per_s/ { print $2 + 0 }')
        echo "round $round  kernel        $k person-years/s"
        best_kernel=$(max "$best_kernel" "$k")
    fi

    # RW1 through the public API (the benchmark program: counts and mean ASM, as RW1 reports).
    r=$(env "${switches[@]}" dotnet "$bench" --whole-process --people "$people" --threads "$threads" \
        | awk '/^engine/ { for (i = 1; i <= NF; i++) if ($i == "M") print $(i - 1) * 1e6 }' | tr -d ,)
    echo "round $round  engine RW1    $r person-years/s"
    best_rw1=$(max "$best_rw1" "$r")

    # RW1 through the tool (--preset ReferenceWorkload runs RW1 with RW1's outputs).
    t=$(env "${switches[@]}" dotnet "$cli" run --preset ReferenceWorkload --people "$people" --threads "$threads" \
        | awk '/^Throughput/ { print $2 + 0 }')
    echo "round $round  sarcosim RW1  $t person-years/s"
    best_tool=$(max "$best_tool" "$t")

    # The default scenario (mortality, measurement, four ancestries, five statistics with SDs, four histograms).
    d=$(env "${switches[@]}" dotnet "$cli" run --people "$default_people" --threads "$threads" \
        | awk '/^Throughput/ { print $2 + 0 }')
    echo "round $round  default       $d person-years/s"
    best_default=$(max "$best_default" "$d")
done

share() { awk -v a="$1" -v k="$best_kernel" 'BEGIN { if (k > 0) printf "%.2f", a / k; else print "-" }'; }
echo "# best of $repeat: kernel $best_kernel; engine RW1 $best_rw1 (share $(share "$best_rw1")); sarcosim RW1 $best_tool (share $(share "$best_tool")); default scenario $best_default (share $(share "$best_default"))"
