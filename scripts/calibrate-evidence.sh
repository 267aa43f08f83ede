#!/usr/bin/env bash
# Re-derives the Evidence preset's fitted parameters from the shipped calibration set, in three blocks, each fitted to
# its own evidence on common random numbers (docs/calibration.md):
#   1. mass:     mass-loss medians, old-age acceleration,
#                personal spread of the rate                     <- ASM, ASMI (means and SDs), ALM/BMI, mass change
#   2. rates:    East Asian mass-loss ratios                     <- longitudinal mass-loss rates only
#   3. strength: quality-decline knots, personal spread          <- grip norms, grip change, strength-to-mass ratios
#   4. body:     body-weight curves, East Asian BMI ratio        <- BMI norms
#   5. gait:     East Asian gait ratios                          <- gait norms (the only East Asian gait sample)
# East Asian ratios are fitted to rates only: the East Asian levels mix BIA and DXA samples and cross-sectional ages,
# which cannot identify a rate (docs/calibration.md); the quality ratio stays at Chan 2022's direct estimate.
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
  --fit model.massLoss.medianRate.female model.massLoss.medianRate.male model.massLoss.oldAgeExtra model.massLoss.personalSigma \
  --out "$out/1-mass" --force

sarcosim calibrate "$out/1-mass/scenario.json" --targets "$targets" --people "$people" --max-iterations 400 \
  --quantities AsmAnnualChangePercent \
  --fit "model.ancestries[0].massLoss.female" "model.ancestries[0].massLoss.male" \
  --out "$out/2-rates" --force

strength=()
for sex in female male; do
  for knot in 1 2 3; do strength+=("model.strength.qualityDeclinePerYear.$sex.values[$knot]"); done
done
sarcosim calibrate "$out/2-rates/scenario.json" --targets "$targets" --people "$people" --max-iterations 1500 \
  --quantities Grip GripAnnualChangePercent StrengthToMassDeclineRatio \
  --fit "${strength[@]}" model.strength.personalSigma \
  --out "$out/3-strength" --force

body=()
for sex in female male; do
  for knot in 1 2 3 4 5; do body+=("model.bodyWeight.relativeToPeak.$sex.values[$knot]"); done
done
sarcosim calibrate "$out/3-strength/scenario.json" --targets "$targets" --people "$people" --max-iterations 3000 \
  --quantities Bmi \
  --fit "${body[@]}" "model.ancestries[0].bmi.female" "model.ancestries[0].bmi.male" \
  --out "$out/4-body" --force

sarcosim calibrate "$out/4-body/scenario.json" --targets "$targets" --people "$people" --max-iterations 400 \
  --quantities Gait \
  --fit "model.ancestries[0].gait.female" "model.ancestries[0].gait.male" \
  --out "$out/5-gait" --force

echo "fitted parameters:"
tail -n +2 -q "$out"/1-mass/parameters.csv "$out"/2-rates/parameters.csv "$out"/3-strength/parameters.csv "$out"/4-body/parameters.csv "$out"/5-gait/parameters.csv | cut -d, -f1,3
