#!/usr/bin/env bash
# Benchmark (2): a generated FCC BDC fixed availability CSV (default 2 GB, rows of a location
# scattered) -> per-NTA-2020 BEAD shares through the tract crosswalk, gapmap in a 512 MB heap vs
# the same classification in PostgreSQL 15/PostGIS 3.3; exits non-zero if any value differs.
#   bench/run-bdc.sh [bytes] [--no-postgis]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/classpath.sh")"
cd "$here/.."
uptime
exec java -Xmx512m -cp "$cp" org.gapmap.bench.BdcVsPostgis "${1:-2147483648}" "${@:2}"
