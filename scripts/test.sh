#!/usr/bin/env bash
# Every test of the project, as README.md's second command and .ci/run run it.
# Gets what the tests need on a fresh machine (smem, dtc, a browser for Playwright) or
# stops with a one-line instruction: no test is skipped for want of a tool.
set -euo pipefail
cd "$(dirname "$0")/.."

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

# --- the oracles: smem for the per-process numbers, dtc for the device-tree reader
need() { # command, Debian package, what it is for
  command -v "$1" >/dev/null 2>&1 && return 0
  if can_apt && apt_install "$2" && command -v "$1" >/dev/null 2>&1; then echo "test: installed $2"
  else echo "test: $1 is needed for $3: install it (Debian/Ubuntu: sudo apt-get install $2)"; exit 1; fi
}
need smem smem 'the PSS agreement test'
need dtc device-tree-compiler 'the device-tree oracle test'
# --- the shells and tools the capture script's test runs it with (tests/capture-script.test.ts)
need dash dash 'the capture script test (POSIX sh)'
need busybox busybox 'the capture script test (busybox ash and applets)'
need strace strace 'the capture script test (no cmdline or environ opened)'
need unshare util-linux 'the capture script test (debugfs mounted in a namespace of its own)'
need setpriv util-linux 'the capture script test (a run as a user who is not root)'

# --- a browser for Playwright: its own download where that works, else the system's Chromium
bundled=$(node -e "try{const p=require('playwright-core').chromium.executablePath();process.stdout.write(require('fs').existsSync(p)?p:'')}catch{}" 2>/dev/null || true)
if [ -z "$bundled" ] && [ -z "${PW_CHROMIUM_PATH:-}" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -x "$c" ]; then export PW_CHROMIUM_PATH=$c; break; fi
  done
  if [ -z "${PW_CHROMIUM_PATH:-}" ]; then
    if timeout 300 npx --no-install playwright install chromium >/dev/null 2>&1; then echo "test: downloaded Playwright's Chromium"
    elif can_apt && apt_install chromium && [ -x /usr/bin/chromium ]; then export PW_CHROMIUM_PATH=/usr/bin/chromium; echo "test: installed Debian's chromium"
    else echo "test: no browser for Playwright: run 'npx playwright install chromium' (or install chromium and set PW_CHROMIUM_PATH)"; exit 1; fi
  fi
fi

node scripts/build-cli.mjs
echo "== typecheck";  npm run -s typecheck
echo "== lint";       npx biome check .
echo "== unit tests"; npx vitest run
echo "== build";      npx vite build --logLevel warn && npx vite build -c vite.single.config.ts --logLevel warn && node scripts/check-bundle.mjs
echo "== e2e tests";  npx playwright test
