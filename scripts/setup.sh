#!/usr/bin/env bash
# Idempotent setup for a fresh clone: pnpm, libxgboost, dependencies, build.
# Sourced by scripts/start.sh and scripts/test.sh, so the README's two commands need nothing else.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

if ! command -v pnpm >/dev/null 2>&1; then
  log "installing pnpm 10 (npm i -g pnpm@10)"
  npm i -g pnpm@10 >/dev/null
fi

have_libxgboost() {
  [ -n "${XGBOOST_LIBRARY_PATH:-}" ] && [ -f "$XGBOOST_LIBRARY_PATH" ] && return 0
  if command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libxgboost\.so'; then return 0; fi
  ls /usr/lib/*/libxgboost.so* /usr/local/lib/libxgboost.* /opt/homebrew/lib/libxgboost.* >/dev/null 2>&1
}

if ! have_libxgboost; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing libxgboost0 (apt-get install -y libxgboost0)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxgboost0 >/dev/null
  elif command -v apt-get >/dev/null 2>&1; then
    log "installing libxgboost0 (sudo apt-get install -y libxgboost0)"
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxgboost0 >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    log "installing xgboost (brew install xgboost)"
    brew install xgboost
  else
    log "libxgboost not found. Install it: Debian/Ubuntu 'apt-get install -y libxgboost0'," \
      "macOS 'brew install xgboost', conda 'conda install -c conda-forge libxgboost', then set XGBOOST_LIBRARY_PATH if it is in a non-standard place."
    exit 1
  fi
fi

# Chromium drives the web page's browser suite (apps/web, playwright-core); browser downloads are
# not used. A failed install is not fatal here: the suite itself then fails naming the command.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && command -v apt-get >/dev/null 2>&1; then
  log "installing chromium for the browser tests (apt-get install -y chromium)"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || log "could not install chromium; run 'apt-get install -y chromium' (the browser tests need it)"
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || log "could not install chromium; run 'sudo apt-get install -y chromium' (the browser tests need it)"
  fi
fi

log "installing dependencies (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile --reporter=silent
log "building (pnpm build)"
pnpm --silent build --output-logs=errors-only
