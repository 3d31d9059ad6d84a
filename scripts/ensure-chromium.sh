#!/usr/bin/env bash
# Makes sure Debian's chromium is installed at /usr/bin/chromium, for `npm run test:docs`.
# CI starts from a machine with only Node.js; `npx playwright install` cannot download
# browsers here, so the distribution's package is used. Needs root (or sudo).
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "test:docs: installing Debian's chromium package (once per machine)..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
test -x "$CHROMIUM"
