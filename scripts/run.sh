#!/usr/bin/env bash
# The run command (README quick start): installs everything, builds, and
# serves the kiosk and its API at http://localhost:${PORT:-8080}, with the
# component workshop (Storybook) at http://localhost:${STORYBOOK_PORT:-6006}.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
echo "Building the packages, the kiosk app, the server and Storybook (about a minute the first time)..."
pnpm exec turbo run build storybook --output-logs=errors-only
export PORT=${PORT:-8080}
STORYBOOK_PORT=${STORYBOOK_PORT:-6006}

# Storybook runs inline scripts, which the kiosk's Content-Security-Policy
# forbids, so it gets its own port instead of a path on the kiosk server.
pnpm exec vite preview --outDir storybook-static --port "$STORYBOOK_PORT" --strictPort --host 0.0.0.0 >/dev/null &
workshop=$!
trap 'kill $workshop 2>/dev/null' EXIT

if [ -z "${STATIC_DIR:-}" ] && [ -f apps/kiosk/dist/index.html ]; then export STATIC_DIR=$PWD/apps/kiosk/dist; fi
echo "Kiosk server: http://localhost:$PORT   (API description: /api/openapi.json)"
echo "Component workshop (Storybook): http://localhost:$STORYBOOK_PORT"
# Enrollment links point at the kiosk app this command serves.
export PUBLIC_URL=${PUBLIC_URL:-http://localhost:$PORT}
if [ -z "${DATABASE_URL:-}" ] && [ ! -f "${SQLITE_PATH:-data/kiosk.sqlite}" ]; then
  echo "First start: creating ${SQLITE_PATH:-data/kiosk.sqlite} and seeding the demo data (about ten seconds)."
  echo "The server then enrolls the demo kiosks: it prints one single-use enrollment link per demo site (valid 24 h)."
else
  # A kiosk (a browser) enrolls once and keeps its credential; a new browser needs a new link.
  echo "Open this link in a browser that is not yet a kiosk (single use, valid 24 h; a browser enrolled before just opens http://localhost:$PORT):"
  node apps/server/dist/cli/devices.js add "${DEMO_SITE:-ningde-donghu}" | tail -n 1 | sed 's/^/  /'
fi
echo "Enroll another kiosk: pnpm --filter @civic-kiosk/server device:add <siteId>   (device:list, device:revoke <deviceId>)"
echo "Demo credential per demo site (development only): X-Device-Key: ckd_demo-<siteId>.demo-secret"

node apps/server/dist/main.js
