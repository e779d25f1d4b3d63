#!/usr/bin/env bash
# The run command (README quick start): installs everything, builds, and
# serves the kiosk at http://localhost:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
pnpm exec turbo run build storybook --output-logs=errors-only
export PORT=${PORT:-8080}
echo "Serving on http://localhost:$PORT"
# Until the kiosk app lands, the page is the component workshop (Storybook).
exec pnpm exec vite preview --outDir storybook-static --port "$PORT" --strictPort --host 0.0.0.0
