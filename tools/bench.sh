#!/usr/bin/env bash
# The end-to-end benchmark: builds Release, runs the same load against the ceiling (a bare Kestrel
# endpoint decoding the same CloudEvents) and against the platform, and prints both and their ratio,
# each one's CPU and allocations per request or ping over the measured load, and the exceptions the
# silo threw.
#
#   tools/bench.sh [embedded|durable] [extra simulator options...]
#   SILO_ARGS="--SupplyChain:Telemetry:Tracing=false" tools/bench.sh   # the same without tracing
#   VEHICLES, EVENTS, BATCH, CONNECTIONS, WARM_UP (rounds; default enough for 3,000,000 pings, at least 2) shape the load;
#   STRUCTURED=1 posts one ping per request in structured mode, the shape devices send (BATCH is then 1)
#   GCDUMP=/tmp/silo.gcdump writes a heap dump of the silo after the load (dotnet-gcdump; it collects first)
#   TRACE=/tmp/silo.nettrace takes a dotnet-trace CPU sample of the silo for TRACE_SECONDS (10) once measuring begins;
#   TRACE_PROFILE=gc-verbose samples allocations (type and stack every ~100 KB) instead
#   SILO_ENV="DOTNET_gcServer=0" sets environment variables for the silo alone
#   SILO_DLL=/tmp/r2r/SupplyChain.Silo.dll runs another build of the silo (a published one, say)
#   CEILING=0 skips the ceiling run (no ratio), for A/B runs of the platform alone
#   CEILING_PORT (8090), HTTP_PORT (8080), SILO_PORT (11111), GATEWAY_PORT (30000) and SILO_LOG
#   (/tmp/supplychain-bench-silo.log) let two benchmarks or a test run share the machine
#
# durable starts a fresh Azurite (empty data directory) and one Durable silo with Azure Queue streams;
# its storage operations are counted from the end of the warm-up on.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-embedded}
shift || true
vehicles=${VEHICLES:-10000}
events=${EVENTS:-1000000}
# WARM_UP rounds (one ping per vehicle each) go first and count in no figure: the figures describe an
# active fleet in a warm process. Tiered compilation and dynamic PGO keep compiling for the first
# 20-25 s of load (up to 0.9 s of CPU a second): after 600,000 pings the rate was still climbing,
# after 3,000,000 it had settled (benchmarks.md).
# Single-ping requests go at a fifth of that rate, so for them the default is 300,000 pings (about 20 s
# at 15,000 a second); fewer left the tiered compiler a fifth of the silo's CPU in the measured load.
warm_up_pings=3000000
[ "${STRUCTURED:-0}" = 1 ] && warm_up_pings=300000
warm_up=${WARM_UP:-$(( (warm_up_pings + vehicles - 1) / vehicles > 2 ? (warm_up_pings + vehicles - 1) / vehicles : 2 ))}
ceiling_port=${CEILING_PORT:-8090}
http_port=${HTTP_PORT:-8080}
silo_log=${SILO_LOG:-/tmp/supplychain-bench-silo.log}
load_args=(--vehicles "$vehicles" --events "$events" --batch "${BATCH:-500}" --connections "${CONNECTIONS:-16}" --warm-up "$warm_up")
# STRUCTURED=1 posts each ping in a structured request of its own (application/cloudevents+json), as devices do.
[ "${STRUCTURED:-0}" = 1 ] && load_args+=(--structured)
load_args+=("$@")

dotnet build -c Release tools/SupplyChain.Simulator -v q -nologo >/dev/null
dotnet build -c Release tools/SupplyChain.Ceiling -v q -nologo >/dev/null
dotnet build -c Release src/SupplyChain.Silo -v q -nologo >/dev/null
simulator() { dotnet tools/SupplyChain.Simulator/bin/Release/net10.0/SupplyChain.Simulator.dll load "$@"; }
wait_for() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "no answer from $1"; exit 1; }

pids=()
# Stops one process within 15 s (then kills it), so the next run never shares the machine with it.
stop() { kill "$1" 2>/dev/null || return 0; for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done; kill -9 "$1" 2>/dev/null || true; }
# Newest first: the silo before the Azurite it writes to (a silo whose storage went first kept
# retrying for minutes at half a core, under the next benchmark).
cleanup() { for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop "${pids[$i]}"; done; rm -rf "${archive:-}"; }
trap cleanup EXIT

# A process's own CPU time over the measured load depends far less on what else runs on the machine
# than the rates do: it is the figure to compare on a shared machine.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

ceiling=null
if [ "${CEILING:-1}" != 0 ]; then
  echo "== ceiling: decode with the same reader and drop"
  dotnet tools/SupplyChain.Ceiling/bin/Release/net10.0/SupplyChain.Ceiling.dll --urls http://127.0.0.1:$ceiling_port >/dev/null 2>&1 &
  pids+=($!)
  wait_for http://127.0.0.1:$ceiling_port/health
  ceiling_marks=$(mktemp -d)
  ceiling=$(simulator --url http://127.0.0.1:$ceiling_port/ --accept-only --label ceiling "${load_args[@]}" | while IFS= read -r line; do
    echo "$line" >&2
    if [[ $line == Measuring* ]]; then
      cpu_seconds "${pids[-1]}" > "$ceiling_marks/cpu"
      curl -s "http://127.0.0.1:$ceiling_port/allocated" > "$ceiling_marks/allocated"
    fi
    if [[ $line == RESULT\ * ]]; then echo "${line#RESULT }"; fi
  done)
  # The ceiling's own cost per request over the measured load, beside the silo's per ping below.
  ceiling=$(python3 - "$ceiling" "$(cat "$ceiling_marks/cpu")" "$(cpu_seconds "${pids[-1]}")" "$(cat "$ceiling_marks/allocated")" "$(curl -s "http://127.0.0.1:$ceiling_port/allocated")" <<'PY'
import json, sys
c = json.loads(sys.argv[1])
c["cpuMicrosecondsPerPing"] = round((float(sys.argv[3]) - float(sys.argv[2])) * 1e6 / max(1, c["accepted"]), 1)
c["allocatedBytesPerPing"] = round((int(sys.argv[5]) - int(sys.argv[4])) / max(1, c["accepted"]))
print(f"ceiling: {c['cpuMicrosecondsPerPing']} µs of CPU and {c['allocatedBytesPerPing']:,} bytes allocated per request (measured load only)", file=sys.stderr)
print(json.dumps(c))
PY
)
  rm -rf "$ceiling_marks"
  stop "${pids[-1]}"; unset 'pids[-1]'
fi

silo_args=(--urls http://127.0.0.1:$http_port --Logging:LogLevel:Default=Warning
  --SupplyChain:Cluster:SiloPort=${SILO_PORT:-11111} --SupplyChain:Cluster:GatewayPort=${GATEWAY_PORT:-30000} ${SILO_ARGS:-})
# The silo runs as deployed (Production: no developer exception page in the pipeline), so the
# development keys are refused: a carrier and an admin key of this run's own, the carrier's limits
# raised as the development carrier's are, since the load comes from one key.
carrier_key=bench-carrier-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
admin_key=bench-admin-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
silo_args+=("--SupplyChain:Auth:ApiKeys:0:Name=Bench carrier" --SupplyChain:Auth:ApiKeys:0:Account=bench-carrier
  "--SupplyChain:Auth:ApiKeys:0:Key=$carrier_key" --SupplyChain:Auth:ApiKeys:0:Role=carrier "--SupplyChain:Auth:ApiKeys:0:Sources:0=*"
  "--SupplyChain:Auth:ApiKeys:1:Name=Bench admin" --SupplyChain:Auth:ApiKeys:1:Account=ops
  "--SupplyChain:Auth:ApiKeys:1:Key=$admin_key" --SupplyChain:Auth:ApiKeys:1:Role=admin
  "--SupplyChain:RateLimits:Keys:0:Name=Bench carrier" --SupplyChain:RateLimits:Keys:0:RequestsPerSecond=100000
  --SupplyChain:RateLimits:Keys:0:RequestBurst=100000 --SupplyChain:RateLimits:Keys:0:EventsPerSecond=10000000
  --SupplyChain:RateLimits:Keys:0:EventBurst=10000000
  "--SupplyChain:RateLimits:Keys:1:Name=Bench admin" --SupplyChain:RateLimits:Keys:1:RequestsPerSecond=10000
  --SupplyChain:RateLimits:Keys:1:RequestBurst=10000)
# A fresh archive per run: the default directory outlives the run, and the next silo would index
# (and a track query read) the earlier runs' pings of the same hour.
archive=$(mktemp -d)
silo_args+=(--SupplyChain:Archive:Directory=$archive)
if [ "$profile" = durable ]; then
  data=$(mktemp -d)
  ports=(10000 10001 10002)
  (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  # Storage operations are counted by the silo itself (its HTTP client's requests per port and method,
  # on /metrics), not from Azurite's debug log: under a burst of writes that log fell a minute behind,
  # and the warm-up's operations were counted in the measured load.
  tools/azurite/node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location "$data" \
    --blobPort ${ports[0]} --queuePort ${ports[1]} --tablePort ${ports[2]} >/dev/null 2>&1 &
  pids+=($!)
  key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
  conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:${ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${ports[1]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${ports[2]}/devstoreaccount1;"
  silo_args+=(--SupplyChain:Cluster:Mode=Durable --SupplyChain:Cluster:AdvertisedAddress=127.0.0.1 --SupplyChain:Streams:Provider=AzureQueue "--ConnectionStrings:AzureStorage=$conn")
fi

echo "== platform ($profile)"
env ASPNETCORE_ENVIRONMENT=Production ${SILO_ENV:-} dotnet "${SILO_DLL:-src/SupplyChain.Silo/bin/Release/net10.0/SupplyChain.Silo.dll}" "${silo_args[@]}" >"$silo_log" 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:$http_port/health/ready
silo_pid=${pids[-1]}
metrics() { curl -s -H "X-Api-Key: $admin_key" "http://127.0.0.1:$http_port/metrics"; }
# CPU time, garbage collection and storage operations count from the simulator's "Measuring" line on: the warm-up's are not the load's.
marks=$(mktemp -d)
cpu_seconds "$silo_pid" > "$marks/cpu"
platform=$(simulator --url http://127.0.0.1:$http_port/ --key "$carrier_key" --admin-key "$admin_key" --label "$profile" "${load_args[@]}" | while IFS= read -r line; do
  echo "$line" >&2
  if [[ $line == Measuring* ]]; then
    cpu_seconds "$silo_pid" > "$marks/cpu"
    metrics > "$marks/metrics-before"
    if [ -n "${TRACE:-}" ]; then
      ~/.dotnet/tools/dotnet-trace collect -p "$silo_pid" --profile "${TRACE_PROFILE:-dotnet-sampled-thread-time}" --duration "00:00:00:$(printf %02d "${TRACE_SECONDS:-10}")" -o "$TRACE" >"$TRACE.log" 2>&1 &
    fi
  fi
  if [[ $line == RESULT\ * ]]; then echo "${line#RESULT }"; fi
done)
silo_cpu=$(awk -v a="$(cat "$marks/cpu")" -v b="$(cpu_seconds "$silo_pid")" 'BEGIN { print b - a }')
metrics > "$marks/metrics-after"
awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$silo_pid/status" > "$marks/rss"
if [ -n "${GCDUMP:-}" ]; then ~/.dotnet/tools/dotnet-gcdump collect -p "$silo_pid" -o "$GCDUMP" >/dev/null; fi

storage_ports=${data:+blob=${ports[0]},queue=${ports[1]},table=${ports[2]}}
python3 - "$ceiling" "$platform" "$silo_cpu" "${storage_ports:-}" "$marks" <<'PY'
import collections, json, re, sys
c, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
p["siloCpuSeconds"] = round(float(sys.argv[3]), 1)
p["siloCpuMicrosecondsPerPing"] = round(p["siloCpuSeconds"] * 1e6 / max(1, p["accepted"]), 1)
print(f"silo CPU over the load: {p['siloCpuSeconds']} s = {p['siloCpuMicrosecondsPerPing']} µs per accepted ping (measured load only)")

def silo_figures(path):
    # Sums each series of the Prometheus text over its labels: total allocated bytes, pause seconds,
    # collections, exceptions thrown, the count and sum of the events per stream message, and the
    # archive's files and records.
    sums = collections.Counter()
    with open(path) as f:
        for line in f:
            m = re.match(r"(dotnet_gc_heap_total_allocated_bytes_total|dotnet_gc_pause_time_seconds_total|dotnet_gc_collections_total|dotnet_exceptions_total|supplychain_stream_message_events_count|supplychain_stream_message_events_sum|supplychain_archive_files_total|supplychain_archive_records_total)(\{[^}]*\})? ([0-9.eE+-]+)", line)
            if m:
                sums[m.group(1)] += float(m.group(3))
    return sums
marks = sys.argv[5]
try:
    before, after = silo_figures(marks + "/metrics-before"), silo_figures(marks + "/metrics-after")
    allocated = after["dotnet_gc_heap_total_allocated_bytes_total"] - before["dotnet_gc_heap_total_allocated_bytes_total"]
    p["allocatedBytesPerPing"] = round(allocated / max(1, p["accepted"]))
    p["gcPauseSeconds"] = round(after["dotnet_gc_pause_time_seconds_total"] - before["dotnet_gc_pause_time_seconds_total"], 2)
    p["gcCollections"] = int(after["dotnet_gc_collections_total"] - before["dotnet_gc_collections_total"])
    print(f"garbage: {p['allocatedBytesPerPing']:,} bytes allocated per accepted ping; {p['gcCollections']} collections, {p['gcPauseSeconds']} s paused")
    # Each exception thrown costs tens of microseconds; on the hot path there should be none.
    p["exceptions"] = int(after["dotnet_exceptions_total"] - before["dotnet_exceptions_total"])
    print(f"exceptions thrown: {p['exceptions']:,}")
    messages = after["supplychain_stream_message_events_count"] - before["supplychain_stream_message_events_count"]
    p["streamMessages"] = int(messages)
    p["eventsPerStreamMessage"] = round((after["supplychain_stream_message_events_sum"] - before["supplychain_stream_message_events_sum"]) / max(1, messages), 1)
    print(f"stream messages: {p['streamMessages']:,}, {p['eventsPerStreamMessage']} events each on average")
    # Each archive file has a fixed cost (a Parquet writer, its buffers, a storage write): how full they are matters.
    p["archiveFiles"] = int(after["supplychain_archive_files_total"] - before["supplychain_archive_files_total"])
    p["recordsPerArchiveFile"] = round((after["supplychain_archive_records_total"] - before["supplychain_archive_records_total"]) / max(1, p["archiveFiles"]))
    print(f"archive files: {p['archiveFiles']:,}, {p['recordsPerArchiveFile']:,} records each on average")
    heap = 0
    with open(marks + "/metrics-after") as f:
        for line in f:
            m = re.match(r"dotnet_gc_last_collection_heap_size_bytes(\{[^}]*\})? ([0-9.eE+-]+)", line)
            if m:
                heap += float(m.group(2))
    with open(marks + "/rss") as f:
        p["residentBytes"] = int(f.read().strip() or 0)
    p["gcHeapBytes"] = int(heap)
    print(f"memory after the load: {p['residentBytes'] / 2**20:,.0f} MiB resident, {heap / 2**20:,.0f} MiB of GC heap after the last collection ({p['vehicles']:,} vehicles)")
except (OSError, KeyError, ValueError):
    print("garbage: the silo's /metrics could not be read")
def storage_requests(path, services):
    # The silo's HTTP client requests (System.Net.Http's http.client.request.duration) to each storage
    # service's port, by method: every attempt the Azure SDK makes, retries included.
    counts = collections.Counter()
    with open(path) as f:
        for line in f:
            m = re.match(r"http_client_request_duration_seconds_count\{([^}]*)\} ([0-9.eE+-]+)", line)
            if m:
                labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                if labels.get("server_port") in services:
                    counts[f"{services[labels['server_port']]} {labels.get('http_request_method')}"] += float(m.group(2))
    return counts
if sys.argv[4]:
    services = {port: name for name, port in (pair.split("=") for pair in sys.argv[4].split(","))}
    after_ops, before_ops = storage_requests(marks + "/metrics-after", services), storage_requests(marks + "/metrics-before", services)
    ops = collections.Counter({k: int(after_ops[k] - before_ops[k]) for k in after_ops if after_ops[k] > before_ops[k]})
    total = sum(ops.values())
    p["storageOperations"] = total
    p["storageOperationsPer1000"] = round(total * 1000 / max(1, p["accepted"]), 1)
    print(f"storage operations: {total:,} = {p['storageOperationsPer1000']} per 1,000 pings; " + ", ".join(f"{k}: {v:,}" for k, v in ops.most_common()))
applied = p.get("appliedPerSecond") or 0
if c is None:
    print(f"platform {p['acceptedPerSecond']:,.0f} pings/s accepted, {applied:,.0f} applied end to end (no ceiling run)")
else:
    print(f"ceiling {c['acceptedPerSecond']:,.0f} pings/s accepted; platform {p['acceptedPerSecond']:,.0f} accepted, {applied:,.0f} applied end to end")
    print(f"ratio to the ceiling: {applied / c['acceptedPerSecond']:.2f} (applied) / {p['acceptedPerSecond'] / c['acceptedPerSecond']:.2f} (accepted)")
print("BENCH " + json.dumps({"ceiling": c, "platform": p}))
PY
