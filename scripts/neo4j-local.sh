#!/usr/bin/env bash
# A local Neo4j 5 server without Docker: the Community DBMS of the version pinned in
# scripts/neo4j/pom.xml, fetched from Maven Central by Maven, run with the server's own entry
# point (what `neo4j console` runs), Bolt on 127.0.0.1, authentication on.
#
#   scripts/neo4j-local.sh start    fetch the artifacts (first time), start, wait until Bolt answers
#   scripts/neo4j-local.sh stop     stop it cleanly (SIGTERM, then SIGKILL after 60 s)
#   scripts/neo4j-local.sh status   running or not, and where
#   scripts/neo4j-local.sh env      the ACTORGRAPH_* lines that point actorgraph at it (for eval)
#
# Settings (environment): NEO4J_PASSWORD (else the one kept in var/neo4j/password, else a new
# random one), ACTORGRAPH_NEO4J_HEAP (JVM heap, default 4g), ACTORGRAPH_NEO4J_PAGECACHE (default
# 512m), ACTORGRAPH_NEO4J_BOLT_PORT (default 7687), ACTORGRAPH_NEO4J_HOME (default var/neo4j: its
# conf, data, logs and password; `make test` runs its own server in var/neo4j-test on 7688).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
home=${ACTORGRAPH_NEO4J_HOME:-$repo/var/neo4j}
mkdir -p "$home"
home=$(cd "$home" && pwd)
port=${ACTORGRAPH_NEO4J_BOLT_PORT:-7687}
heap=${ACTORGRAPH_NEO4J_HEAP:-4g}
pagecache=${ACTORGRAPH_NEO4J_PAGECACHE:-512m}
pom=$repo/scripts/neo4j/pom.xml
lib=$repo/var/neo4j-lib  # shared by every home: the jars of the pinned version
plugin=$repo/var/neo4j-build/actorgraph-neo4j-plugin.jar  # built from scripts/neo4j/src
pidfile=$home/run/server.pid  # not neo4j.pid: the server writes that one itself
watchdog=$home/run/watchdog.pid  # the loop that restarts a server that died (supervise)
stopping=$home/run/stopping  # present while stop stops the server on purpose
passfile=$home/password
console=$home/logs/console.log

say() { echo "neo4j-local: $*"; }
die() { echo "neo4j-local: $*" >&2; exit 1; }

version() { sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$pom"; }

running_pid() {
  # the pid of the server this folder started, if it is still that server
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "CommunityEntryPoint.*$home"; then
    echo "$pid"
    return 0
  fi
  return 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

fetch() {
  # Maven resolves the pinned artifacts and builds our plugin once; the stamp says from what.
  local stamp
  stamp=$(cat "$pom" "$repo"/scripts/neo4j/src/main/java/org/actorgraph/neo4j/*.java | sha256sum)
  if [ -f "$lib/.stamp" ] && [ "$(cat "$lib/.stamp")" = "$stamp" ] && [ -f "$plugin" ]; then
    return
  fi
  command -v java >/dev/null || die "java is not installed (Neo4j $(version) needs Java 17 or 21)"
  command -v mvn >/dev/null || die "mvn is not installed (Maven fetches Neo4j from Maven Central)"
  say "fetching Neo4j $(version) from Maven Central into $lib, building our plugin"
  rm -rf "$lib"
  mvn -q -B -f "$pom" package dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$lib" || die "Maven could not fetch Neo4j or build the plugin (see above)"
  echo "$stamp" >"$lib/.stamp"
}

password() {
  if [ -n "${NEO4J_PASSWORD:-}" ]; then
    echo "$NEO4J_PASSWORD"
  elif [ -f "$passfile" ]; then
    cat "$passfile"
  else
    # 24 random letters and digits; kept so later starts and `env` reuse it
    local random
    random=$(head -c 600 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
    echo "${random:0:24}"
  fi
}

# half the heap: what one transaction may use (a user's query, or one batch or the flip of a load)
half_of() {
  local n=${1%[gGmMkK]} unit=${1: -1}
  case $unit in
    g | G) echo "$((n * 512))m" ;;
    m | M) echo "$((n / 2))m" ;;
    *) echo "$((n / 2))" ;;
  esac
}

configure() {
  mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/run" "$home/plugins" "$home/import"
  {
    cat "$repo/scripts/neo4j/neo4j.conf"
    echo "server.bolt.listen_address=127.0.0.1:$port"
    echo "server.memory.pagecache.size=$pagecache"
    echo "db.memory.transaction.max=$(half_of "$heap")"
    echo "server.directories.import=$home/import"
  } >"$home/conf/neo4j.conf"
  cp "$plugin" "$home/plugins/"
}

java_run() {
  # the JVM options the official `neo4j` launcher passes (see its conf/neo4j.conf); exec, so
  # that a background start's $! is the server's own pid
  NEO4J_HOME=$home NEO4J_CONF=$home/conf exec java \
    -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
    -XX:+ExitOnOutOfMemoryError -Djdk.nio.maxCachedBufferSize=1024 \
    -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    --enable-native-access=ALL-UNNAMED \
    -cp "$lib/*" "$@"
}

# Runs the server, and starts it again if it exits by itself after it had started: a query
# whose memory Neo4j does not track can exhaust the heap, and the JVM then exits
# (-XX:+ExitOnOutOfMemoryError) rather than serve on in a broken state. `stop` marks its own
# stop first, so the watchdog lets that exit be. (Under Docker, the compose file's restart
# policy does the same.)
supervise() {
  local code
  while :; do
    (java_run org.neo4j.server.CommunityEntryPoint --home-dir="$home" --config-dir="$home/conf") \
      >>"$console" 2>&1 </dev/null &
    echo "$!" >"$pidfile"
    code=0
    wait "$!" || code=$?
    [ -f "$stopping" ] && break
    grep -q "Started\." "$home/logs/neo4j.log" 2>/dev/null || break  # it never started
    echo "neo4j-local: $(date -u +%FT%TZ) Neo4j exited with code $code; restarting it" >>"$console"
    sleep 1
  done
}

start() {
  local pid
  if pid=$(running_pid); then
    say "already running (pid $pid) on bolt://127.0.0.1:$port; 'scripts/neo4j-local.sh stop' stops it"
    return 0
  fi
  if port_open; then
    die "port $port on 127.0.0.1 is taken by another program; stop it or set ACTORGRAPH_NEO4J_BOLT_PORT"
  fi
  fetch
  configure
  local pass
  pass=$(password)
  [ ${#pass} -ge 8 ] || die "NEO4J_PASSWORD must have at least 8 characters (Neo4j's rule)"
  if [ ! -f "$home/data/dbms/auth.ini" ]; then
    # before the first start only: Neo4j keeps the users in its system database from then on
    (java_run org.neo4j.cli.AdminTool dbms set-initial-password "$pass") >"$home/logs/admin.log" 2>&1 \
      || { cat "$home/logs/admin.log" >&2; die "could not set the initial password"; }
    printf '%s' "$pass" >"$passfile"
    chmod 600 "$passfile"
  elif [ -n "${NEO4J_PASSWORD:-}" ] && [ -f "$passfile" ] && [ "$NEO4J_PASSWORD" != "$(cat "$passfile")" ]; then
    say "warning: NEO4J_PASSWORD differs from the password this database was created with ($passfile)"
  fi
  say "starting Neo4j $(version) (heap $heap, page cache $pagecache), data in $home/data"
  rm -f "$stopping" "$home/logs/neo4j.log"
  : >"$console"
  supervise </dev/null >/dev/null 2>&1 &
  echo $! >"$watchdog"
  local waited=0
  until [ -s "$pidfile" ]; do sleep 0.1; done
  pid=$(cat "$pidfile")
  until port_open && grep -q "Started\." "$home/logs/neo4j.log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      touch "$stopping"
      rm -f "$pidfile"
      tail -n 30 "$console" "$home/logs/neo4j.log" >&2 2>/dev/null || true
      die "Neo4j exited while starting (logs in $home/logs)"
    fi
    if [ "$waited" -ge 180 ]; then
      die "Bolt did not answer on 127.0.0.1:$port within 180 s (logs in $home/logs; pid $pid)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "running (pid $pid) on bolt://127.0.0.1:$port, user neo4j, password in $passfile"
  if [ "$port" = 7687 ] && [ "$home" = "$repo/var/neo4j" ]; then
    say "use it: ACTORGRAPH_BACKEND=neo4j make serve"  # the settings' defaults point here
  else
    say "use it: eval \"\$(scripts/neo4j-local.sh env)\" (with the same ACTORGRAPH_NEO4J_* settings)"
  fi
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  touch "$stopping"  # the watchdog lets this exit be
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 60 ]; then
      say "still running after 60 s; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  if [ -f "$watchdog" ]; then
    kill "$(cat "$watchdog")" 2>/dev/null || true
    rm -f "$watchdog"
  fi
  rm -f "$pidfile"
  say "stopped"
}

status() {
  local pid
  if pid=$(running_pid); then
    say "running (pid $pid) on bolt://127.0.0.1:$port, data in $home/data"
  else
    say "not running"
    return 3
  fi
}

env_lines() {
  [ -f "$passfile" ] || die "no local Neo4j has been started yet ($passfile is missing)"
  echo "export ACTORGRAPH_NEO4J_URI=bolt://127.0.0.1:$port"
  echo "export ACTORGRAPH_NEO4J_USER=neo4j"
  echo "export ACTORGRAPH_NEO4J_PASSWORD=$(cat "$passfile")"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_lines ;;
  *) die "usage: scripts/neo4j-local.sh start|stop|status|env" ;;
esac
