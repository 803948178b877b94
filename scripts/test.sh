#!/usr/bin/env bash
# `npm test`: set up what is missing, then every gate: typecheck, lint, unit tests, build, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --browser
export CI=1
step() { echo; echo "━━ $1"; shift; "$@"; }
step "typecheck" npx tsc -p tsconfig.json
step "lint" npx eslint --max-warnings=0 .
step "unit tests" npx vitest run
step "build" npx vite build
step "e2e (Playwright, Debian chromium)" npx playwright test
