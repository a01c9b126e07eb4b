#!/usr/bin/env bash
# Makes sure a headless Chromium is there for the browser tests: Debian's package, never a browser
# download. A no-op when /usr/bin/chromium exists (or CHROMIUM_PATH points at one); installs it
# with apt-get when we are root; else stops with one line saying what to do.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$browser" ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "browser: installing Debian's chromium for the browser tests" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [[ -x "$browser" ]] && exit 0
fi
echo "browser: no Chromium at $browser and it cannot be installed here (needs root and apt-get): install Debian's chromium package or set CHROMIUM_PATH" >&2
exit 1
