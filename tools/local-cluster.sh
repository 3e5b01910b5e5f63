#!/usr/bin/env bash
# A local durable cluster: Azurite and three silo processes on loopback, each with its own ports,
# as the Kubernetes deployment runs them (one silo per pod, storage shared).
#
#   tools/local-cluster.sh start [--keep-data]   start Azurite (fresh data unless --keep-data) and three silos
#   tools/local-cluster.sh stop                  stop what start started (silos first, then Azurite)
#   tools/local-cluster.sh status                what is running, and each silo's /health/ready
#
# Silos answer HTTP on 8080, 8081, 8082 (silo ports 11111-11113, gateways 30000-30002); Azurite on
# 10000-10002. Override with SILO_COUNT, HTTP_BASE, SILO_PORT_BASE, GATEWAY_PORT_BASE, AZURITE_BASE;
# CONFIGURATION picks the build
# (default Release). Data, logs and pids live under .azurite/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

SILO_COUNT=${SILO_COUNT:-3}
HTTP_BASE=${HTTP_BASE:-8080}
SILO_PORT_BASE=${SILO_PORT_BASE:-11111}
GATEWAY_PORT_BASE=${GATEWAY_PORT_BASE:-30000}
AZURITE_BASE=${AZURITE_BASE:-10000}
CONFIGURATION=${CONFIGURATION:-Release}
STATE=.azurite
DATA=$STATE/data
RUN=$STATE/run
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_BASE/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((AZURITE_BASE + 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$((AZURITE_BASE + 2))/devstoreaccount1;"
SILO_DLL=src/SupplyChain.Silo/bin/$CONFIGURATION/net10.0/SupplyChain.Silo.dll

wait_for() { # url seconds
  for _ in $(seq 1 $(( $2 * 4 ))); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}

stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$1"
}

start() {
  local keep=false
  [ "${1:-}" = "--keep-data" ] && keep=true
  [ -x tools/azurite/node_modules/.bin/azurite ] || (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error)
  [ -f "$SILO_DLL" ] || dotnet build src/SupplyChain.Silo -c "$CONFIGURATION" -v q --nologo
  mkdir -p "$RUN"
  if [ "$keep" = false ]; then rm -rf "$DATA"; fi
  mkdir -p "$DATA"

  tools/azurite/node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location "$DATA" \
    --blobPort "$AZURITE_BASE" --queuePort $((AZURITE_BASE + 1)) --tablePort $((AZURITE_BASE + 2)) \
    >"$RUN/azurite.log" 2>&1 &
  echo $! >"$RUN/azurite.pid"
  for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/$((AZURITE_BASE + 2))) 2>/dev/null && break; sleep 0.25; done
  echo "Azurite on 127.0.0.1:$AZURITE_BASE-$((AZURITE_BASE + 2)), data in $DATA"

  for i in $(seq 0 $((SILO_COUNT - 1))); do
    dotnet "$SILO_DLL" --environment=Development --urls="http://127.0.0.1:$((HTTP_BASE + i))" \
      --SupplyChain:Cluster:Mode=Durable --SupplyChain:Cluster:AdvertisedAddress=127.0.0.1 \
      --SupplyChain:Cluster:SiloPort=$((SILO_PORT_BASE + i)) --SupplyChain:Cluster:GatewayPort=$((GATEWAY_PORT_BASE + i)) \
      "--ConnectionStrings:AzureStorage=$CONNECTION" >"$RUN/silo-$i.log" 2>&1 &
    echo $! >"$RUN/silo-$i.pid"
  done
  for i in $(seq 0 $((SILO_COUNT - 1))); do
    if wait_for "http://127.0.0.1:$((HTTP_BASE + i))/health/ready" 90; then
      echo "silo-$i ready on http://127.0.0.1:$((HTTP_BASE + i)) (log $RUN/silo-$i.log)"
    else
      echo "silo-$i did not become ready; see $RUN/silo-$i.log" >&2
      tail -5 "$RUN/silo-$i.log" >&2
      exit 1
    fi
  done
}

stop() {
  for f in "$RUN"/silo-*.pid; do [ -e "$f" ] && stop_pid "$f"; done
  stop_pid "$RUN/azurite.pid"
  echo "stopped"
}

status() {
  [ -f "$RUN/azurite.pid" ] && kill -0 "$(cat "$RUN/azurite.pid")" 2>/dev/null && echo "azurite: running" || echo "azurite: stopped"
  for f in "$RUN"/silo-*.pid; do
    [ -e "$f" ] || continue
    local name; name=$(basename "$f" .pid)
    local i=${name#silo-}
    if kill -0 "$(cat "$f")" 2>/dev/null; then
      echo "$name: running, ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((HTTP_BASE + i))/health/ready")"
    else
      echo "$name: stopped"
    fi
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [--keep-data] | stop | status" >&2; exit 2 ;;
esac
