#!/usr/bin/env bash
# Starts and stops a throw-away RabbitMQ broker for the notification tests and bench.
# There is no service manager here, so the broker runs in the background on 127.0.0.1, with
# free ports, its data and logs in DIR, and its own epmd on a free port (so it never meets
# another Erlang node of this machine). It is stopped by the process ids this script started.
#
#   rabbitmq-test-broker.sh start DIR    start epmd and the broker; print the AMQP URL when it listens
#   rabbitmq-test-broker.sh kill DIR     SIGKILL the broker only (a crash; epmd and data stay)
#   rabbitmq-test-broker.sh restart DIR  start the broker again, same ports and data
#   rabbitmq-test-broker.sh ctl DIR ...  run rabbitmqctl against it
#   rabbitmq-test-broker.sh stop DIR     stop the broker and epmd, by their recorded ids
#
# The package is installed by scripts/ensure-rabbitmq.sh.
set -euo pipefail
ACTION=${1:?usage: rabbitmq-test-broker.sh start|kill|restart|ctl|stop DIR}
DIR=${2:?a directory for the broker data, logs and process ids}
SBIN=$(echo /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin)
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

broker_env() {
  # shellcheck disable=SC1091
  . "$DIR/ports"
  export HOME="$DIR" RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$NODE_PORT" RABBITMQ_DIST_PORT="$DIST_PORT" \
    RABBITMQ_MNESIA_BASE="$DIR/mnesia" RABBITMQ_LOG_BASE="$DIR/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins" RABBITMQ_CONFIG_FILE="$DIR/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$DIR/advanced.config" \
    ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT="$EPMD_PORT" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_broker() {
  broker_env
  # setsid: the broker gets its own process group (the wrapper shell, beam.smp and its
  # helpers), so `kill` reaches all of it through the one id recorded here.
  setsid "$SBIN/rabbitmq-server" </dev/null >>"$DIR/broker.out" 2>&1 &
  echo $! >"$DIR/broker.pid"
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$NODE_PORT") 2>/dev/null; then
      echo "amqp://guest:guest@127.0.0.1:$NODE_PORT"
      return 0
    fi
    if ! alive "$DIR/broker.pid"; then
      echo "rabbitmq-test-broker: the broker exited while starting; see $DIR/broker.out and $DIR/log" >&2
      tail -n 20 "$DIR/broker.out" >&2 || true
      return 1
    fi
    sleep 0.1
  done
  echo "rabbitmq-test-broker: the broker did not listen on 127.0.0.1:$NODE_PORT within 60 s" >&2
  return 1
}

kill_group() { # PIDFILE SIGNAL
  if alive "$1"; then kill "-$2" -- "-$(cat "$1")" 2>/dev/null || kill "-$2" "$(cat "$1")" 2>/dev/null || true; fi
}

wait_gone() { # PIDFILE SECONDS
  for _ in $(seq 1 $(($2 * 10))); do alive "$1" || return 0; sleep 0.1; done
  return 1
}

case "$ACTION" in
start)
  if [ ! -x "$SBIN/rabbitmq-server" ]; then
    echo "rabbitmq-test-broker: rabbitmq-server is not installed; run scripts/ensure-rabbitmq.sh" >&2
    exit 1
  fi
  printf 'NODE_PORT=%s\nDIST_PORT=%s\nEPMD_PORT=%s\n' "$(free_port)" "$(free_port)" "$(free_port)" >"$DIR/ports"
  echo '[].' >"$DIR/enabled_plugins"
  # Small disk-free limit: a test machine's /tmp may be small, and a disk alarm would block
  # publishers for a reason no test asked for.
  printf 'disk_free_limit.absolute = 1MB\nloopback_users = none\n' >"$DIR/rabbitmq.conf"
  echo '[].' >"$DIR/advanced.config"
  broker_env
  setsid epmd -address 127.0.0.1 -port "$EPMD_PORT" </dev/null >>"$DIR/epmd.out" 2>&1 &
  echo $! >"$DIR/epmd.pid"
  start_broker
  ;;
restart)
  start_broker
  ;;
kill)
  kill_group "$DIR/broker.pid" KILL
  wait_gone "$DIR/broker.pid" 10
  ;;
ctl)
  shift 2
  broker_env
  "$SBIN/rabbitmqctl" -q -n rabbit@localhost "$@"
  ;;
stop)
  kill_group "$DIR/broker.pid" TERM
  wait_gone "$DIR/broker.pid" 15 || { kill_group "$DIR/broker.pid" KILL; wait_gone "$DIR/broker.pid" 5 || true; }
  kill_group "$DIR/epmd.pid" TERM
  wait_gone "$DIR/epmd.pid" 5 || kill_group "$DIR/epmd.pid" KILL
  ;;
*)
  echo "rabbitmq-test-broker: unknown action $ACTION" >&2
  exit 2
  ;;
esac
