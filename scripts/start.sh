#!/usr/bin/env bash
# `npm start`: install what is missing, build, and serve the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx vite build
echo
echo "  kubesim is ready at  http://127.0.0.1:4173/"
echo
exec npx vite preview --host 127.0.0.1 --port 4173 --strictPort
