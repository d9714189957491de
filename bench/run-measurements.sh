#!/usr/bin/env bash
# Benchmark (1): N point speed tests (default 1,000,000) -> per-NTA-2010 counts and exact medians,
# gapmap vs PostGIS 15/3 on the same generated file; exits non-zero if any value differs.
#   bench/run-measurements.sh [points]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/classpath.sh")"
cd "$here/.."
uptime
exec java -Xmx2g -cp "$cp" org.gapmap.bench.MeasurementsVsPostgis "${1:-1000000}"
