#!/usr/bin/env bash
# Makes sure Debian's chromium is installed at /usr/bin/chromium, for `npm run test:docs`
# (which `npm test` runs): the docs site is checked in a real browser (broken links, console
# errors, layout at 1280 and 1440 px, screenshots). CI starts from a machine with only
# Node.js, and `npx playwright install` cannot download browsers here, so the
# distribution's package is used. Needs root (or sudo) the first time only.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
cat >&2 <<MSG
test:docs: $CHROMIUM is missing. The docs checks (npm run test:docs, part of npm test) run
test:docs: the built site in headless Chromium, so Debian's chromium package is installed
test:docs: now with apt-get (once per machine; a few hundred MB, a minute or two).
test:docs: To skip the browser, run the other suites directly: npm run test:unit.
MSG
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; }; then
  echo "test:docs: could not install chromium with apt-get (needs root or sudo, and Debian's package index). Install it yourself, so that $CHROMIUM exists." >&2
  exit 1
fi
test -x "$CHROMIUM"
echo "test:docs: chromium installed at $CHROMIUM." >&2
