#!/usr/bin/env bash
# Soak of `gapmap serve` (docs/reliability.md): wrk reads for DURATION seconds while WRITERS parallel
# writers post distinct one-point uploads over HTTP, all at the same moment every INTERVAL seconds.
# Samples heap after GC (GC log), the JVM's resident memory and the load average every 10 s, forces a
# full GC after the first minute and at the end to measure the live heap, and checks that every
# accepted upload is an input of the final run.
#   scripts/soak.sh [DURATION_SECONDS] [WRITERS] [INTERVAL_SECONDS]   (default 900, 4 and 20)
# Environment: SOAK_HEAP (default 512m), SOAK_OUT (keep the logs there; default a temporary
# directory that is removed). Builds functions/cli/target/gapmap.jar when it is missing; installs wrk
# and jq (Debian) when absent. Not part of the test suite. Prints a Markdown summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-900}"
writers="${2:-4}"
interval="${3:-20}"
heap="${SOAK_HEAP:-512m}"
jar="$root/functions/cli/target/gapmap.jar"
nyc="$root/geodata/src/main/resources/org/gapmap/geodata/nyc"
region=nyc
sample_every=10

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ "${#need[@]}" -gt 0 ]; then
  echo "soak: installing ${need[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
fi
if [ ! -f "$jar" ]; then
  echo "soak: building $jar" >&2
  (cd "$root" && ./mvnw -B -q -pl functions/cli -am package -DskipTests) >&2
fi

if [ -n "${SOAK_OUT:-}" ]; then
  work="$SOAK_OUT"
  mkdir -p "$work"
  keep=1
else
  work="$(mktemp -d)"
  keep=0
fi
server_pid=""
sampler_pid=""
writer_pids=()
cleanup() {
  for pid in "${writer_pids[@]}" $sampler_pid $server_pid; do
    kill "$pid" 2>/dev/null || true
  done
  [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"
base="http://127.0.0.1:$port"
token="soak-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
data="$work/data"
cli() { java -jar "$jar" "$@" --data-dir "$data"; }

echo "soak: registering the NYC NTA 2010 region with the adoption table and the small-cell poles" >&2
cli region add "$region" "$nyc/nyc_nta2010_nycplanning.geojson" --id-property NTACode \
  --name-property NTAName --unranked 'NTACode~.*(98|99)' >"$work/setup.log" 2>&1
cli ingest "$region" adoption "$nyc/nyc_internet_master_plan_by_nta2010.csv" --preset nyc-imp \
  >>"$work/setup.log" 2>&1
cli ingest "$region" points "$nyc/nyc_mobile_telecom_franchise_poletop_installations.csv" \
  --label small_cells >>"$work/setup.log" 2>&1

# serve NAME: starts the server on the data directory, logging to NAME.log and its GC to gc-NAME.log.
serve() {
  gc_log="$work/gc-$1.log"
  GAPMAP_WRITE_TOKEN="$token" java "-Xmx$heap" "-Xlog:gc:file=$gc_log:uptime" \
    -jar "$jar" serve --port "$port" --no-demo --data-dir "$data" >"$work/$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 240); do
    curl -sf "$base/collections" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/$1.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "$base/collections" >/dev/null
}
serve soak
start=$(date +%s)
echo "soak: serving on $base (pid $server_pid, -Xmx$heap); ${duration}s of reads, $writers writers" \
  "every ${interval}s" >&2

# Every 10 s: seconds since start, resident memory (KiB), 1-minute load average.
(
  while kill -0 "$server_pid" 2>/dev/null; do
    echo "$(($(date +%s) - start)) $(ps -o rss= -p "$server_pid" | tr -d ' ')" \
      "$(cut -d' ' -f1 /proc/loadavg)"
    sleep "$sample_every"
  done
) >"$work/samples.txt" &
sampler_pid=$!

# Writers: at every multiple of INTERVAL, each posts one upload with a point of its own and a label
# of its own; answers go to writes-<w>.txt as "status uploadId".
writer() {
  local w=$1 i=0 now next lat lon answer
  while :; do
    now=$(date +%s)
    next=$(((now / interval + 1) * interval))
    [ "$next" -ge "$((start + duration - 5))" ] && break
    sleep "$((next - now))"
    i=$((i + 1))
    lat=$(printf '40.%04d' $((6500 + (w * 97 + i * 13) % 1200)))
    lon=$(printf -- '-73.%04d' $((8000 + (w * 61 + i * 29) % 1500)))
    answer="$(printf 'lat,lon\n%s,%s\n' "$lat" "$lon" |
      curl -s -o "$work/answer-$w" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -H 'Content-Type: text/csv' --data-binary @- \
        "$base/regions/$region/uploads?kind=points&label=soak_w${w}_$i" || echo 000)"
    echo "$answer $(jq -r '.uploadId // "-"' "$work/answer-$w" 2>/dev/null || echo -)" \
      >>"$work/writes-$w.txt"
  done
}
for w in $(seq 1 "$writers"); do
  writer "$w" &
  writer_pids+=($!)
done

# Reads: a rotation of public read paths, with a count of every status code.
cat >"$work/reads.lua" <<'LUA'
local paths = {
  "/collections/nyc/items?limit=10",
  "/collections/nyc/items?limit=50&offset=100",
  "/collections/nyc/items?bbox=-73.99,40.70,-73.95,40.73",
  "/collections/nyc/items?sortby=-gap_score&limit=20",
  "/collections/nyc/items/BK72",
  "/collections/nyc",
  "/regions/nyc/priorities?top=10",
  "/collections",
}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; n = 0 end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, count in pairs(t:get("statuses")) do total[code] = (total[code] or 0) + count end
  end
  for code, count in pairs(total) do io.write(string.format("status %d %d\n", code, count)) end
  for _, p in ipairs({50, 75, 90, 99, 99.9}) do
    io.write(string.format("latency_p%s_ms %.1f\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency_max_ms %.1f\n", latency.max / 1000))
  io.write(string.format("requests %d\nseconds %.1f\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("socket_errors %d %d %d %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
LUA

# The live heap after a full GC, in MiB (from the GC log line of the collection jcmd asks for).
live_heap() {
  jcmd "$server_pid" GC.run >/dev/null
  sleep 1
  grep 'Pause Full' "$gc_log" | tail -n 1 | sed -E 's/.*->([0-9]+)M.*/\1/'
}

(
  sleep 60
  live_heap >"$work/live-first.txt"
  curl -s -o /dev/null -w '%{size_download}' "$base/collections/$region/items?limit=10000" \
    >"$work/collection-first.txt"
) &
wrk -t2 -c16 -d"${duration}s" --timeout 10s -s "$work/reads.lua" "$base/" >"$work/wrk.txt" 2>&1
for pid in "${writer_pids[@]}"; do wait "$pid" || true; done
writer_pids=()
sleep "$sample_every"
live_last="$(live_heap)"
live_first="$(cat "$work/live-first.txt" 2>/dev/null || echo '?')"
collection_first="$(cat "$work/collection-first.txt" 2>/dev/null || echo '?')"
end_load="$(cut -d' ' -f1-3 /proc/loadavg)"

# No lost upload: every 201 answer's upload is an input of the final run.
run_id="$(curl -sf "$base/regions" | jq -r --arg r "$region" '.regions[] | select(.id == $r) | .current_run_id')"
curl -sf "$base/regions/$region/runs/$run_id" | jq -r '.inputs[].upload_id' | sort >"$work/final-inputs.txt"
cat "$work"/writes-*.txt >"$work/writes.txt" 2>/dev/null || : >"$work/writes.txt"
accepted="$(awk '$1 == 201 {print $2}' "$work/writes.txt" | sort -u)"
accepted_count="$(printf '%s' "$accepted" | grep -c . || true)"
present_count="$(printf '%s\n' "$accepted" | grep . | comm -12 - "$work/final-inputs.txt" | wc -l)"
write_statuses="$(awk '{print $1}' "$work/writes.txt" | sort | uniq -c | awk '{printf "%s × %s, ", $1, $2}' | sed 's/, $//')"
collection="$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$base/collections/$region/items?limit=10000")"
collection_status="${collection% *}"
collection_bytes="${collection#* }"
server_errors="$(grep -c ' ERROR ' "$work/soak.log" || true)"

# Heap after GC per minute: the lowest and the highest "after" of the collections in that minute.
awk '/Pause/ && /->/ {
  t = $1; gsub(/[\[\]s]/, "", t); m = int(t / 60);
  a = $0; sub(/.*->/, "", a); sub(/M.*/, "", a); a += 0;
  if (!(m in lo) || a < lo[m]) lo[m] = a; if (!(m in hi) || a > hi[m]) hi[m] = a; n[m]++
} END { for (m in lo) printf "%d %d %d %d\n", m, lo[m], hi[m], n[m] }' "$work/gc-soak.log" |
  sort -n >"$work/heap-per-minute.txt"
awk -v every="$sample_every" '{ m = int($1 / 60); r[m] = $2; l[m] = $3 } END {
  for (m in r) printf "%d %d %s\n", m, r[m] / 1024, l[m] }' "$work/samples.txt" |
  sort -n >"$work/rss-per-minute.txt"

# Control: a fresh server on the final data, one minute of the same reads, then its live heap. A
# soak heap well above it would be memory the soak left behind rather than data it added.
kill "$sampler_pid" "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
sampler_pid=""
serve control
wrk -t2 -c16 -d60s --timeout 10s -s "$work/reads.lua" "$base/" >"$work/wrk-control.txt" 2>&1
live_control="$(live_heap)"

status_of() { awk -v c="$1" '$1 == "status" && $2 == c {print $3}' "$work/wrk.txt"; }
value_of() { awk -v k="$1" '$1 == k {print $2}' "$work/wrk.txt"; }
requests="$(value_of requests)"
seconds="$(value_of seconds)"
non2xx="$(awk '$1 == "status" && ($2 < 200 || $2 > 399) {s += $3} END {print s + 0}' "$work/wrk.txt")"
server5xx="$(awk '$1 == "status" && $2 >= 500 {s += $3} END {print s + 0}' "$work/wrk.txt")"

echo
echo "## Soak, $(date -u +%Y-%m-%d), ${duration}s, $(nproc) cores, -Xmx$heap"
echo
echo "- Reads: ${requests:-?} requests in ${seconds:-?} s = $(awk -v r="${requests:-0}" -v s="${seconds:-1}" 'BEGIN {printf "%.0f", r / s}') requests/s;" \
  "latency p50 $(value_of latency_p50_ms) ms, p75 $(value_of latency_p75_ms) ms, p90 $(value_of latency_p90_ms) ms," \
  "p99 $(value_of latency_p99_ms) ms, p99.9 $(value_of latency_p99.9_ms) ms, max $(value_of latency_max_ms) ms;" \
  "statuses: $(awk '$1 == "status" {printf "%s × %s, ", $3, $2}' "$work/wrk.txt" | sed 's/, $//');" \
  "non-2xx/3xx $non2xx, 5xx $server5xx; socket errors (connect read write timeout) $(awk '$1 == "socket_errors" {print $2, $3, $4, $5}' "$work/wrk.txt")"
echo "- Writes: $write_statuses; $accepted_count accepted, $present_count of them inputs of the final run $run_id"
echo "- Live heap after a full GC: ${live_first} MiB after the first minute, ${live_last} MiB at the end;" \
  "the full collection (the data served) $collection_first bytes after the first minute, $collection_bytes at the end" \
  "($collection_status); ERROR lines in the server log: $server_errors"
echo "- Control: a fresh server on the final data, after one minute of the same reads: live heap $live_control MiB"
echo "- Load average at the end: $end_load"
echo
echo "| minute | heap after GC, lowest–highest (MiB) | GCs | resident memory (MiB) | load average (1 min) |"
echo "|---|---|---|---|---|"
awk 'NR == FNR {rss[$1] = $2; load[$1] = $3; next}
  {printf "| %d | %s–%s | %s | %s | %s |\n", $1, $2, $3, $4,
    ($1 in rss) ? rss[$1] : "-", ($1 in load) ? load[$1] : "-"}' \
  "$work/rss-per-minute.txt" "$work/heap-per-minute.txt"
if [ "$server5xx" != 0 ] || [ "$accepted_count" != "$present_count" ] || [ "$collection_status" != 200 ] ||
  [ "$server_errors" != 0 ]; then
  echo "soak: FAILED: $server5xx server errors under wrk, $((accepted_count - present_count)) accepted" \
    "uploads missing from the final run, full collection $collection_status, $server_errors ERROR log lines" >&2
  exit 1
fi
