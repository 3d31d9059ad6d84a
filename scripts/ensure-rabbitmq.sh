#!/usr/bin/env bash
# Makes sure Debian's rabbitmq-server is installed, for the notification broker tests and
# `npm run bench:notifications`. CI starts from a machine with only Node.js; there is no
# service manager, so the tests start the broker themselves (test/notifications/helpers/broker.ts
# through scripts/rabbitmq-run.sh). Installs only when missing. Needs root (or sudo).
set -euo pipefail
SERVER=/usr/sbin/rabbitmq-server
if [ -x "$SERVER" ] && [ -x /usr/sbin/rabbitmqctl ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "notifications: installing Debian's rabbitmq-server package (once per machine)..." >&2
export DEBIAN_FRONTEND=noninteractive
# The package's postinst tries to start the service; with no service manager that fails
# harmlessly, but policy-rc.d makes it not try at all.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
test -x "$SERVER"
