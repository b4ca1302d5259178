#!/usr/bin/env bash
# Makes PostgreSQL and RabbitMQ reachable for the apps and the tests.
#
#   infra/services.sh up      reuse running services, else start local packages,
#                             else Docker Compose, else (root + apt-get) install them
#   infra/services.sh status  print whether each service is reachable (exit 1 if not)
#   infra/services.sh down    stop what Docker Compose started; local services keep running
#   infra/services.sh tune-broker
#                             install infra/rabbitmq/advanced.config for the local RabbitMQ
#                             package and restart it if it runs without it (see that file)
#   infra/services.sh broker-users
#                             create the broker users order-api, order-timeout-consumer and
#                             inventory, with development passwords and least permissions
#
# A local RabbitMQ package that 'up' starts gets infra/rabbitmq/advanced.config first (unless
# /etc/rabbitmq/advanced.config exists); one that already runs is reused as it is, with a hint
# when it lacks the setting. Compose mounts the file into its broker.
#
# 'up' also creates the broker users (as 'broker-users' does) whenever rabbitmqctl reaches the
# broker: the local package's node (as root, or as a user holding its Erlang cookie) or the
# Compose container. Each app logs in as its own user with SPRING_RABBITMQ_USERNAME /
# SPRING_RABBITMQ_PASSWORD; guest keeps working for the tests. Passwords are for development
# only: order-api-dev, order-timeout-consumer-dev, inventory-dev. The permissions follow the
# apps' order.messaging.topology-prefix, read from ORDER_MESSAGING_TOPOLOGYPREFIX (or
# ORDER_MESSAGING_TOPOLOGY_PREFIX; default empty); docs/topology.md explains each and how to
# set them in production.
#
# Targets come from the same variables the apps read:
#   SPRING_DATASOURCE_URL (default jdbc:postgresql://127.0.0.1:5432/orders),
#   SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD (default postgres/postgres),
#   SPRING_RABBITMQ_HOST / SPRING_RABBITMQ_PORT (default 127.0.0.1:5672).
# SERVICES_WAIT_SECONDS bounds the wait for both services (default 90).
set -euo pipefail

cd "$(dirname "$0")/.."
COMPOSE_FILE=infra/compose.yaml
WAIT_SECONDS=${SERVICES_WAIT_SECONDS:-90}

# jdbc:postgresql://host[:port]/database[?params] -> PG_HOST, PG_PORT, PG_DB
PG_URL=${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/orders}
if [[ $PG_URL =~ ^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([^?]+) ]]; then
  PG_HOST=${BASH_REMATCH[1]}
  PG_PORT=${BASH_REMATCH[3]:-5432}
  PG_DB=${BASH_REMATCH[4]}
else
  echo "services: cannot parse SPRING_DATASOURCE_URL=$PG_URL (expected jdbc:postgresql://host:port/db)" >&2
  exit 2
fi
PG_USER=${SPRING_DATASOURCE_USERNAME:-postgres}
PG_PASSWORD=${SPRING_DATASOURCE_PASSWORD:-postgres}
RABBIT_HOST=${SPRING_RABBITMQ_HOST:-127.0.0.1}
RABBIT_PORT=${SPRING_RABBITMQ_PORT:-5672}

log() { echo "services: $*"; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

tcp_open() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

pg_reachable() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -t 3 -h "$PG_HOST" -p "$PG_PORT"
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

rabbit_reachable() { tcp_open "$RABBIT_HOST" "$RABBIT_PORT"; }

is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }

docker_answers() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

compose() { docker compose -f "$COMPOSE_FILE" "$@"; }

start_local_postgres() {
  local version
  # shellcheck disable=SC2012 # version directories are plain numbers
  version=$(ls /etc/postgresql | sort -V | tail -1)
  log "starting local PostgreSQL $version (pg_ctlcluster $version main start)"
  # Not fatal: the cluster may already be running on another port; the wait below reports it.
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || log "pg_ctlcluster start failed, waiting anyway"
}

RABBIT_CONFIG=infra/rabbitmq/advanced.config
RABBIT_LOCAL_CONFIG=/etc/rabbitmq/advanced.config

# Gives the local package our advanced.config, unless it has one of its own (left alone: it
# is Erlang terms, not for a script to merge).
install_rabbit_config() {
  if [[ -f $RABBIT_LOCAL_CONFIG ]]; then
    local setting
    for setting in dead_letter_worker_consumer_prefetch dead_letter_worker_publisher_confirm_timeout; do
      grep -q "$setting" "$RABBIT_LOCAL_CONFIG" ||
        log "WARNING: $RABBIT_LOCAL_CONFIG exists without $setting; see $RABBIT_CONFIG"
    done
  elif [[ -w $(dirname "$RABBIT_LOCAL_CONFIG") ]]; then
    log "installing $RABBIT_CONFIG as $RABBIT_LOCAL_CONFIG"
    install -m 0644 "$RABBIT_CONFIG" "$RABBIT_LOCAL_CONFIG"
  else
    log "WARNING: cannot write $RABBIT_LOCAL_CONFIG (not root?); RabbitMQ runs with its default dead-letter prefetch"
  fi
}

# The dead-letter prefetch the local node runs with, or nothing when it cannot be asked (not
# running, or no rights to it: not root), which is no error.
running_dead_letter_prefetch() {
  command -v rabbitmqctl >/dev/null || return 0
  { timeout 15 rabbitmqctl -q eval 'application:get_env(rabbit, dead_letter_worker_consumer_prefetch).' 2>/dev/null || true; } |
    sed -n 's/^{ok,\([0-9]*\)}$/\1/p'
}

check_rabbit_config() {
  is_local "$RABBIT_HOST" || return 0
  local prefetch
  prefetch=$(running_dead_letter_prefetch)
  if [[ -n $prefetch && $prefetch -lt 512 ]]; then
    log "NOTE: RabbitMQ runs with dead_letter_worker_consumer_prefetch $prefetch; expiry storms are faster with 512:"
    log "      infra/services.sh tune-broker (restarts the local broker)"
  fi
}

start_local_rabbit() {
  install_rabbit_config
  log "starting local RabbitMQ (rabbitmq-server -detached)"
  rabbitmq-server -detached || log "rabbitmq-server -detached failed, waiting anyway"
}

tune_broker() {
  have_local_rabbit || die "no local RabbitMQ package to tune; with Docker Compose, infra/compose.yaml mounts $RABBIT_CONFIG"
  install_rabbit_config
  if rabbit_reachable && [[ $(running_dead_letter_prefetch) == 512 ]]; then
    log "RabbitMQ already runs with dead_letter_worker_consumer_prefetch 512"
    return
  fi
  if rabbit_reachable; then
    log "restarting the local RabbitMQ to apply $RABBIT_LOCAL_CONFIG (rabbitmqctl stop, rabbitmq-server -detached)"
    rabbitmqctl stop >/dev/null
  fi
  rabbitmq-server -detached || log "rabbitmq-server -detached failed, waiting anyway"
  RABBIT_SOURCE=local PG_SOURCE=reused
  wait_until_ready
  log "RabbitMQ runs with dead_letter_worker_consumer_prefetch $(running_dead_letter_prefetch)"
}

# Development passwords of the broker users (production sets its own, see docs/topology.md).
declare -A BROKER_PASSWORDS=(
  [order-api]=order-api-dev
  [order-timeout-consumer]=order-timeout-consumer-dev
  [inventory]=inventory-dev
)
RABBITMQCTL=()

# Finds a rabbitmqctl that reaches the broker the apps use: the local node's, else the one in
# the Compose container. False when there is none (a remote broker, or no rights to the node).
find_rabbitmqctl() {
  is_local "$RABBIT_HOST" || return 1
  if command -v rabbitmqctl >/dev/null && timeout 15 rabbitmqctl -q list_users >/dev/null 2>&1; then
    RABBITMQCTL=(rabbitmqctl)
  elif docker_answers && docker compose version >/dev/null 2>&1 && [[ -n $(compose ps -q rabbitmq 2>/dev/null) ]]; then
    RABBITMQCTL=(docker compose -f "$COMPOSE_FILE" exec -T rabbitmq rabbitmqctl)
  else
    return 1
  fi
}

# Creates the user, or gives it back its development password; changes nothing when both are right.
ensure_broker_user() {
  local user=$1 password=$2 existing
  existing=$("${RABBITMQCTL[@]}" -q list_users -s | cut -f1)
  if ! grep -qxF "$user" <<<"$existing"; then
    log "creating broker user $user"
    "${RABBITMQCTL[@]}" -q add_user "$user" "$password" >/dev/null
  elif ! "${RABBITMQCTL[@]}" -q authenticate_user "$user" "$password" >/dev/null 2>&1; then
    log "setting broker user $user back to its development password"
    "${RABBITMQCTL[@]}" -q change_password "$user" "$password" >/dev/null
  fi
}

# The users and the least permissions each needs on vhost /, idempotently. The names are those
# of io.orderflow.messaging.Topology; docs/topology.md ("Broker users and permissions") says
# why each app needs each permission. In short: both apps declare the whole topology at start
# and both may run the outbox relay, so they need the same: configure on every name; write on
# the exchanges they publish to, the dead-letter exchanges and the queues they bind; read on
# the exchanges they bind from and the queues they declare with a dead-letter exchange (which
# includes the consumed ones). Neither may publish to inventory.events or order.timers.due.
# inventory may only publish its two answers to inventory.events.
broker_users() {
  local prefix=${ORDER_MESSAGING_TOPOLOGYPREFIX:-${ORDER_MESSAGING_TOPOLOGY_PREFIX:-}}
  [[ $prefix =~ ^[A-Za-z0-9._-]*$ ]] || die "the topology prefix may hold letters, digits, '.', '_' and '-' only, was '$prefix'"
  local p=${prefix//./\\.}
  local configure='^'"$p"'(order\.(events|parking-lot|timers(\.due|\.L[0-9]{2}(\.expired)?)?|(payment-timeout|auto-completion|payment-reminder|inventory-events)(\.parking-lot)?)|inventory\.events)$'
  local write='^'"$p"'order\.(events|parking-lot|timers(\.L[0-9]{2}(\.expired)?)?|(payment-timeout|auto-completion|payment-reminder|inventory-events)(\.parking-lot)?)$'
  local read='^'"$p"'(order\.(parking-lot|timers(\.due|\.L[0-9]{2}(\.expired)?)?|payment-timeout|auto-completion|payment-reminder|inventory-events)|inventory\.events)$'
  "${RABBITMQCTL[@]}" -q await_startup --timeout "$WAIT_SECONDS" >/dev/null
  local user
  for user in order-api order-timeout-consumer inventory; do
    ensure_broker_user "$user" "${BROKER_PASSWORDS[$user]}"
  done
  for user in order-api order-timeout-consumer; do
    "${RABBITMQCTL[@]}" -q set_permissions -p / "$user" "$configure" "$write" "$read" >/dev/null
  done
  "${RABBITMQCTL[@]}" -q set_permissions -p / inventory '^$' '^'"$p"'inventory\.events$' '^$' >/dev/null
  # and there only the routing keys of its answers (topic permissions name the exchange exactly)
  "${RABBITMQCTL[@]}" -q clear_topic_permissions -p / inventory >/dev/null
  "${RABBITMQCTL[@]}" -q set_topic_permissions -p / inventory "${prefix}inventory.events" \
    '^inventory\.reservation-(confirmed|rejected)$' '^$' >/dev/null
  log "broker users order-api, order-timeout-consumer and inventory ready on vhost / (topology prefix '${prefix}')"
}

have_local_postgres() { command -v pg_ctlcluster >/dev/null && [[ -n $(ls -A /etc/postgresql 2>/dev/null) ]]; }
have_local_rabbit() { command -v rabbitmq-server >/dev/null; }

# Sets PG_SOURCE / RABBIT_SOURCE to reused|local|compose|apt so the wait knows what to check.
PG_SOURCE=reused
RABBIT_SOURCE=reused

up() {
  local need_pg=false need_rabbit=false
  if pg_reachable; then
    log "PostgreSQL already reachable at $PG_HOST:$PG_PORT, reusing it"
  else
    is_local "$PG_HOST" || die "PostgreSQL at $PG_HOST:$PG_PORT is not reachable and not local; start it yourself"
    need_pg=true
  fi
  if rabbit_reachable; then
    log "RabbitMQ already reachable at $RABBIT_HOST:$RABBIT_PORT, reusing it"
  else
    is_local "$RABBIT_HOST" || die "RabbitMQ at $RABBIT_HOST:$RABBIT_PORT is not reachable and not local; start it yourself"
    need_rabbit=true
  fi

  # (a) locally installed packages
  if $need_pg && have_local_postgres; then start_local_postgres; PG_SOURCE=local; need_pg=false; fi
  if $need_rabbit && have_local_rabbit; then start_local_rabbit; RABBIT_SOURCE=local; need_rabbit=false; fi

  # (b) Docker Compose, only for the services still missing (a local one may hold the other port)
  local compose_services=()
  $need_pg && compose_services+=(postgres)
  $need_rabbit && compose_services+=(rabbitmq)
  if ((${#compose_services[@]})) && docker_answers; then
    log "starting with Docker Compose: ${compose_services[*]}"
    docker compose version >/dev/null 2>&1 || die "Docker answers but the 'docker compose' plugin is missing"
    compose up -d "${compose_services[@]}"
    $need_pg && PG_SOURCE=compose
    $need_rabbit && RABBIT_SOURCE=compose
    need_pg=false need_rabbit=false
  fi

  # (c) install the missing packages with apt-get (root only)
  if $need_pg || $need_rabbit; then
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
      die "PostgreSQL/RabbitMQ not running, not installed, no Docker engine, and cannot apt-get install (needs root)"
    fi
    local packages=()
    $need_rabbit && packages+=(rabbitmq-server)
    $need_pg && packages+=(postgresql)
    log "installing ${packages[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${packages[@]}"
    # The package scripts may already have started them; starting twice would fail.
    if $need_rabbit; then
      RABBIT_SOURCE=apt
      # the package starts its broker at once, before our settings are in place
      if rabbit_reachable; then
        install_rabbit_config
        log "restarting the freshly installed RabbitMQ with $RABBIT_LOCAL_CONFIG"
        rabbitmqctl stop >/dev/null 2>&1 || true
        rabbitmq-server -detached || log "rabbitmq-server -detached failed, waiting anyway"
      else
        start_local_rabbit
      fi
    fi
    if $need_pg; then
      PG_SOURCE=apt
      pg_reachable || start_local_postgres
    fi
  fi

  wait_until_ready

  # A fresh Debian install only trusts local peer logins; the apps log in as postgres/postgres over TCP.
  if [[ $PG_SOURCE == apt ]]; then
    log "setting the password of the postgres role (fresh install)"
    (cd / && runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -c "ALTER ROLE postgres PASSWORD 'postgres'")
  fi

  create_database
  [[ $RABBIT_SOURCE == reused ]] && check_rabbit_config
  if find_rabbitmqctl; then
    broker_users
  else
    log "NOTE: rabbitmqctl cannot reach the broker at $RABBIT_HOST:$RABBIT_PORT; the broker users of the apps"
    log "      are not created here (infra/services.sh broker-users as root, or see docs/topology.md)"
  fi
  log "up: PostgreSQL $PG_HOST:$PG_PORT ($PG_SOURCE), RabbitMQ $RABBIT_HOST:$RABBIT_PORT ($RABBIT_SOURCE)"
}

wait_until_ready() {
  [[ $PG_SOURCE == reused && $RABBIT_SOURCE == reused ]] && return
  log "waiting up to ${WAIT_SECONDS}s for PostgreSQL and RabbitMQ to accept connections"
  local deadline=$((SECONDS + WAIT_SECONDS))
  until pg_reachable; do
    ((SECONDS < deadline)) || die "PostgreSQL at $PG_HOST:$PG_PORT not ready after ${WAIT_SECONDS}s"
    sleep 1
  done
  until rabbit_reachable; do
    ((SECONDS < deadline)) || die "RabbitMQ at $RABBIT_HOST:$RABBIT_PORT not ready after ${WAIT_SECONDS}s"
    sleep 1
  done
  # The AMQP port opens before the broker has finished booting; ask the local node itself.
  # Skipped for reused/compose brokers: a local CLI cannot talk to a node in a container.
  if [[ $RABBIT_SOURCE == local || $RABBIT_SOURCE == apt ]] && command -v rabbitmq-diagnostics >/dev/null; then
    until timeout 15 rabbitmq-diagnostics -q check_running >/dev/null 2>&1; do
      ((SECONDS < deadline)) || die "RabbitMQ node not fully booted after ${WAIT_SECONDS}s (rabbitmq-diagnostics check_running)"
      sleep 1
    done
  fi
}

create_database() {
  if ! command -v psql >/dev/null; then
    log "psql not installed, not checking that database $PG_DB exists"
    return
  fi
  local psql=(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qtA)
  local exists
  exists=$(PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") ||
    die "cannot log in to PostgreSQL at $PG_HOST:$PG_PORT as $PG_USER (password from SPRING_DATASOURCE_PASSWORD, default postgres)"
  if [[ $exists == 1 ]]; then
    log "database $PG_DB exists"
  else
    log "creating database $PG_DB"
    PGPASSWORD=$PG_PASSWORD "${psql[@]}" -c "CREATE DATABASE \"$PG_DB\""
  fi
}

status() {
  local rc=0
  if pg_reachable; then log "PostgreSQL $PG_HOST:$PG_PORT reachable"; else log "PostgreSQL $PG_HOST:$PG_PORT NOT reachable"; rc=1; fi
  if rabbit_reachable; then log "RabbitMQ $RABBIT_HOST:$RABBIT_PORT reachable"; else log "RabbitMQ $RABBIT_HOST:$RABBIT_PORT NOT reachable"; rc=1; fi
  return $rc
}

down() {
  if docker_answers && docker compose version >/dev/null 2>&1 && [[ -n $(compose ps -q 2>/dev/null) ]]; then
    log "stopping the Docker Compose services (volumes are kept)"
    compose down
  else
    log "nothing started by Docker Compose; local PostgreSQL and RabbitMQ are left running"
  fi
}

case ${1:-} in
  up) up ;;
  status) status ;;
  down) down ;;
  tune-broker) tune_broker ;;
  broker-users)
    find_rabbitmqctl ||
      die "rabbitmqctl cannot reach the broker at $RABBIT_HOST:$RABBIT_PORT (not local, not running, or not root?)"
    broker_users
    ;;
  *) echo "usage: $0 up|status|down|tune-broker|broker-users" >&2; exit 2 ;;
esac
