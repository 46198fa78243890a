#!/usr/bin/env bash
# The README's test command: set up everything, then build, type-check, lint and run every test.
# Prints the total as its last line, "N passed, N failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh || exit 1

status=0
echo "== typecheck"; pnpm --silent typecheck --output-logs=errors-only || status=1
echo "== lint";      pnpm --silent lint --output-logs=errors-only || status=1
echo "== test"
find packages apps -name .vitest-report.json -not -path '*/node_modules/*' -delete
pnpm --silent test --output-logs=full --continue || status=1
echo "== packages (publint and attw on every published package)"
bash scripts/check-packages.sh || status=1
echo "== e2e (apps/web in headless Chromium)"
pnpm --silent --filter @reco/web test:e2e || status=1
echo "== faults (the real API server under SIGTERM, reload, corrupt bundles, fuzzing)"
pnpm --silent test:faults || status=1
node scripts/count-tests.mjs || status=1
exit $status
