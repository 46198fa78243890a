#!/usr/bin/env bash
# Checks every published package the way it will be consumed: publint and
# @arethetypeswrong/cli (ESM-only profile) on the packed tarball. Run after the build;
# scripts/test.sh calls it. Prints one line per package and fails if any check fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
status=0
for dir in packages/* apps/*; do
  [ -f "$dir/package.json" ] || continue
  # Private packages (the API server, the web page) are never published.
  if node -e "process.exit(require('./$dir/package.json').private ? 0 : 1)"; then continue; fi
  name=$(node -p "require('./$dir/package.json').name")
  log=$(mktemp)
  if (cd "$dir" && "$root/node_modules/.bin/publint" --strict && "$root/node_modules/.bin/attw" --pack . --profile esm-only --format ascii) >"$log" 2>&1; then
    echo "[packages] $name: publint and attw pass"
  else
    echo "[packages] $name: FAILED"; cat "$log"; status=1
  fi
  rm -f "$log"
done
exit $status
