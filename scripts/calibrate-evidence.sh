#!/usr/bin/env bash
# Re-derives the Evidence preset's fitted parameters from the shipped calibration set, in three blocks, each fitted to
# its own evidence on common random numbers (docs/calibration.md):
#   1. mass:     mass-loss medians, old-age acceleration        <- ASM, ASMI, ALM/BMI, mass change
#   2. strength: quality-decline knots, personal spread          <- grip norms, grip change, strength-to-mass ratios
#   3. body:     body-weight curves, East Asian BMI ratio        <- BMI norms
# East Asian mass-loss and quality ratios stay at Chan 2022's direct estimates (docs/calibration.md says why).
# starting from docs/research/targets/evidence-calibration-start.json (the literature's values). Each block starts from
# the previous block's fitted scenario; the last one's scenario.json holds every fitted value, which src/Sarcopenia.Sim/
# Scenarios/Presets.cs copies (with this script named as their source).
# Usage, from anywhere in the repository: scripts/calibrate-evidence.sh [OUT_DIR]   (default: calibration-evidence)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-calibration-evidence}
targets=docs/research/targets/calibration-norms.csv
people=20000
sarcosim() { dotnet run --project src/Sarcopenia.Sim.Cli -c Release --no-launch-profile -- "$@"; }

mkdir -p "$out"
sarcosim calibrate docs/research/targets/evidence-calibration-start.json --targets "$targets" --people "$people" --max-iterations 800 \
  --quantities Asm Asmi AsmAnnualChangePercent AsmiChange AlmBmi \
  --fit model.massLoss.medianRate.female model.massLoss.medianRate.male model.massLoss.oldAgeExtra \
  --out "$out/1-mass" --force

strength=()
for sex in female male; do
  for knot in 1 2 3; do strength+=("model.strength.qualityDeclinePerYear.$sex.values[$knot]"); done
done
sarcosim calibrate "$out/1-mass/scenario.json" --targets "$targets" --people "$people" --max-iterations 1500 \
  --quantities Grip GripAnnualChangePercent StrengthToMassDeclineRatio \
  --fit "${strength[@]}" model.strength.personalSigma \
  --out "$out/2-strength" --force

body=()
for sex in female male; do
  for knot in 1 2 3 4 5; do body+=("model.bodyWeight.relativeToPeak.$sex.values[$knot]"); done
done
sarcosim calibrate "$out/2-strength/scenario.json" --targets "$targets" --people "$people" --max-iterations 3000 \
  --quantities Bmi \
  --fit "${body[@]}" "model.ancestries[0].bmi.female" "model.ancestries[0].bmi.male" \
  --out "$out/3-body" --force

echo "fitted parameters:"
tail -n +2 -q "$out"/1-mass/parameters.csv "$out"/2-strength/parameters.csv "$out"/3-body/parameters.csv | cut -d, -f1,3
