#!/usr/bin/env bash
# The read API's benchmark (docs/benchmarks.md): wrk with 64 connections on loopback against
# `./gapmap serve` on the NYC demo region, side by side in the same run with nginx serving the same
# GeoJSON as a static file, precompressed (gzip_static) and compressed on the fly.
#   scripts/benchmark.sh [SECONDS_PER_RUN] [ROUNDS]   (default 10 and 3; prints a Markdown table)
# Installs wrk and nginx (Debian) where absent. Not part of the test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-10}"
rounds="${2:-3}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
connections=64
threads=2
bbox='-73.99,40.70,-73.95,40.73'

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ "${#need[@]}" -gt 0 ]; then
  echo "benchmark: installing ${need[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d)"
gapmap_pid=""
cleanup() {
  [ -n "$gapmap_pid" ] && kill "$gapmap_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
gapmap_port="$(free_port)"
nginx_port="$(free_port)"

"$root/gapmap" --version >/dev/null   # builds the jar when needed, before timing anything
"$root/gapmap" serve --port "$gapmap_port" --data-dir "$work/data" >"$work/serve.log" 2>&1 &
gapmap_pid=$!
for _ in $(seq 240); do
  curl -sf "http://127.0.0.1:$gapmap_port/collections" >/dev/null 2>&1 && break
  sleep 0.5
done
full="http://127.0.0.1:$gapmap_port/collections/nyc-nta2010/items?limit=10000"
query="http://127.0.0.1:$gapmap_port/collections/nyc-nta2010/items?bbox=$bbox"

# nginx serves the very bytes gapmap sends for the full collection.
mkdir -p "$work/static/pre" "$work/static/fly" "$work/tmp"
curl -sf "$full" >"$work/static/pre/nyc.geojson"
cp "$work/static/pre/nyc.geojson" "$work/static/fly/nyc.geojson"
gzip -9 -k "$work/static/pre/nyc.geojson"
chmod 755 "$work"   # nginx's workers run as an unprivileged user
chmod -R a+rX "$work/static"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/geo+json geojson; }
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    location /pre/ { root $work/static; gzip_static on; }
    location /fly/ { root $work/static; gzip on; gzip_types application/geo+json; gzip_comp_level 6; }
  }
}
CONF
"$nginx_bin" -c "$work/nginx.conf"
sleep 0.5

# One wrk run of a target: "requests/s p50_ms p99_ms".
measure() {
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H 'Accept-Encoding: gzip' "$1" |
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         /^Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
         END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

names=("gapmap: full NYC collection (\`items?limit=10000\`)"
  "gapmap: \`bbox\` query (\`items?bbox=$bbox\`)"
  "nginx: same GeoJSON, precompressed (\`gzip_static\`)"
  "nginx: same GeoJSON, compressed on the fly (\`gzip on\`)")
urls=("$full" "$query" "http://127.0.0.1:$nginx_port/pre/nyc.geojson" "http://127.0.0.1:$nginx_port/fly/nyc.geojson")

# Warm-up: let the JIT compile and the response cache fill, untimed.
wrk -t"$threads" -c"$connections" -d10s -H 'Accept-Encoding: gzip' "$full" >/dev/null
wrk -t"$threads" -c"$connections" -d5s -H 'Accept-Encoding: gzip' "$query" >/dev/null

# Rounds interleave the targets, so a neighbour's load on the machine falls on all of them alike;
# each figure is the median over the rounds.
for round in $(seq "$rounds"); do
  for i in "${!urls[@]}"; do
    measure "${urls[$i]}" >>"$work/result-$i"
  done
  echo "benchmark: round $round of $rounds done" >&2
done

echo "wrk -t$threads -c$connections -d${duration}s --latency -H 'Accept-Encoding: gzip'; median of $rounds interleaved rounds;" \
  "$(nproc) cores, load average before: $load_before; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| target | requests/s | p50 (ms) | p99 (ms) | bytes per response (gzip) | requests/s per round |"
echo "|---|---:|---:|---:|---:|---|"
for i in "${!urls[@]}"; do
  rps="$(cut -d' ' -f1 "$work/result-$i" | median)"
  p50="$(cut -d' ' -f2 "$work/result-$i" | median)"
  p99="$(cut -d' ' -f3 "$work/result-$i" | median)"
  all="$(cut -d' ' -f1 "$work/result-$i" | paste -sd' ')"
  bytes="$(curl -sf -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "${urls[$i]}")"
  printf '| %s | %s | %s | %s | %s | %s |\n' "${names[$i]}" "$rps" "$p50" "$p99" "$bytes" "$all"
done
