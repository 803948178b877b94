#!/usr/bin/env bash
# Installs what a fresh machine lacks: npm packages (when the lockfile changed or node_modules is
# missing) and, with --browser, Debian's chromium for Playwright (npx playwright install cannot
# download here).
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.kubesim-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "› installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

if [ "${1:-}" = "--browser" ]; then
  chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    echo "› installing Debian chromium for the browser tests"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium
  fi
fi
