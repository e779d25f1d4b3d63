#!/bin/sh
# Turns a fresh Debian 12 (bookworm) machine with a touchscreen into a civic-kiosk
# kiosk that boots straight into the app. Run as root from a checkout that has
# been built (`pnpm install && pnpm build`), e.g. /opt/civic-kiosk:
#   sudo sh deploy/install.sh                 # this machine serves itself (village hall)
#   sudo KIOSK_URL=https://kiosk.example.gov.cn/ sh deploy/install.sh --browser-only
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BROWSER_ONLY=0
[ "${1:-}" = "--browser-only" ] && BROWSER_ONLY=1

if [ "$ROOT" != /opt/civic-kiosk ]; then
  echo "install.sh: copy or clone the built checkout to /opt/civic-kiosk first (found $ROOT)." >&2
  exit 1
fi

apt-get update
# cage: one full-screen application, no desktop. fonts-noto-cjk: Chinese text, never boxes.
apt-get install -y --no-install-recommends chromium cage fonts-noto-cjk fonts-noto-color-emoji
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "install.sh: Node.js 20 or newer is needed (Debian 12 ships 18): see deploy/README.md." >&2
  exit 1
fi

id kiosk >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin kiosk
usermod -aG video,input,render kiosk
install -d -o kiosk -g kiosk /var/lib/civic-kiosk/chromium
install -d -m 0755 /etc/civic-kiosk
[ -f /etc/civic-kiosk/kiosk.env ] || printf 'KIOSK_URL=%s\nKIOSK_LANG=zh-CN\n' "${KIOSK_URL:-http://127.0.0.1:8080/}" > /etc/civic-kiosk/kiosk.env

if [ "$BROWSER_ONLY" = 0 ]; then
  id civic-kiosk >/dev/null 2>&1 || useradd --system --home /var/lib/civic-kiosk --shell /usr/sbin/nologin civic-kiosk
  install -d -o civic-kiosk -g civic-kiosk /var/lib/civic-kiosk/data
  if [ ! -f /etc/civic-kiosk/server.env ]; then
    cat > /etc/civic-kiosk/server.env <<ENV
NODE_ENV=production
HOST=127.0.0.1
PORT=8080
SQLITE_PATH=/var/lib/civic-kiosk/data/civic-kiosk.sqlite
STATIC_DIR=/opt/civic-kiosk/apps/kiosk/dist
TOKEN_SECRET_FILE=/var/lib/civic-kiosk/data/token-keys.json
ENV
    chmod 0640 /etc/civic-kiosk/server.env
  fi
  install -m 0644 "$ROOT/deploy/systemd/civic-kiosk-server.service" /etc/systemd/system/
fi
install -m 0644 "$ROOT/deploy/systemd/civic-kiosk-browser.service" "$ROOT/deploy/systemd/civic-kiosk-watchdog.service" /etc/systemd/system/

# The screen never blanks: no console blanking (cage itself runs no screen saver).
if [ -f /etc/default/grub ] && ! grep -q consoleblank=0 /etc/default/grub; then
  sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT="/GRUB_CMDLINE_LINUX_DEFAULT="consoleblank=0 /' /etc/default/grub
  update-grub
fi

systemctl daemon-reload
systemctl set-default graphical.target
[ "$BROWSER_ONLY" = 0 ] && systemctl enable --now civic-kiosk-server.service
systemctl disable getty@tty1.service || true
systemctl enable civic-kiosk-browser.service civic-kiosk-watchdog.service
echo "Installed. Enroll this kiosk (see deploy/README.md), then reboot."
