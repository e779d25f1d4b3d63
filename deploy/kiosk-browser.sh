#!/bin/sh
# Starts Chromium full-screen on the kiosk app, for civic-kiosk-browser.service.
# Runs inside `cage` (a Wayland compositor that shows one application full-screen
# and nothing else: no desktop, no task bar, no screen saver).
set -eu
KIOSK_URL="${KIOSK_URL:-http://127.0.0.1:8080/}"
PROFILE="${KIOSK_PROFILE:-/var/lib/civic-kiosk/chromium}"
# A profile left "crashed" by a power cut would show a "restore pages?" bubble: mark it clean.
if [ -f "$PROFILE/Default/Preferences" ]; then
  sed -i 's/"exit_type":"Crashed"/"exit_type":"Normal"/; s/"exited_cleanly":false/"exited_cleanly":true/' "$PROFILE/Default/Preferences"
fi
exec /usr/bin/chromium \
  --kiosk "$KIOSK_URL" \
  --user-data-dir="$PROFILE" \
  --ozone-platform=wayland \
  --noerrdialogs \
  --disable-infobars \
  --disable-session-crashed-bubble \
  --no-first-run \
  --no-default-browser-check \
  --disable-translate \
  --disable-features=Translate,TouchpadOverscrollHistoryNavigation,MediaRouter \
  --overscroll-history-navigation=0 \
  --disable-pinch \
  --pull-to-refresh=0 \
  --check-for-update-interval=31536000 \
  --autoplay-policy=no-user-gesture-required \
  --password-store=basic \
  --lang="${KIOSK_LANG:-zh-CN}" \
  --remote-debugging-address=127.0.0.1 \
  --remote-debugging-port=9222
