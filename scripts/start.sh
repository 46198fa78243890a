#!/usr/bin/env bash
# The README's main command: set up everything, then run the main job on the bundled dataset.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
pnpm --silent reco info datasets/ml-latest-small --quiet
pnpm --silent reco train --data datasets/ml-latest-small --out artifacts
