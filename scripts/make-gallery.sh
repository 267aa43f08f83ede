#!/usr/bin/env bash
# Regenerates the chart gallery (docs/images/*.png and docs/gallery.md) from a fixed scenario and seed.
# Usage, from anywhere in the repository: scripts/make-gallery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project tools/Sarcopenia.Sim.Gallery -c Release -- docs
