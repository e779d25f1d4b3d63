# Sourced by run.sh and test.sh: makes sure pnpm (pinned), the workspace's
# dependencies and, when asked with NEED_CHROMIUM=1, Debian's Chromium are here.
PNPM_VERSION=10.34.8
export TURBO_TELEMETRY_DISABLED=1 STORYBOOK_DISABLE_TELEMETRY=1 NEXT_TELEMETRY_DISABLED=1
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# better-sqlite3 compiles against the machine's Node headers (no prebuilt download here).
export npm_config_nodedir=${npm_config_nodedir:-/usr}

if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION..."
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || {
    # No rights to install globally: run the pinned pnpm through npx instead.
    pnpm() { npx -y "pnpm@$PNPM_VERSION" "$@"; }
  }
fi

# Chromium draws Chinese as missing-glyph boxes without a CJK font: the visual
# baseline and the text metrics of every test assume Noto Sans CJK.
if [ "${NEED_CHROMIUM:-0}" = 1 ]; then
  missing=()
  [ -x "$CHROME_PATH" ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing ${missing[*]} from Debian..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Missing ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (or set CHROME_PATH)." >&2
      exit 1
    fi
  fi
fi

echo "Installing dependencies (pnpm install)..."
install_log=$(mktemp)
if ! pnpm install --frozen-lockfile --reporter=append-only >"$install_log" 2>&1; then
  cat "$install_log" >&2
  echo "pnpm install failed (see above)." >&2
  exit 1
fi
grep -E '^Done in' "$install_log" || true
rm -f "$install_log"
