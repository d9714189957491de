#!/usr/bin/env bash
# Fuzzes the input readers with Jazzer (docs/security.md, "Fuzzing"): each fuzz test in turn, for
# DURATION each, one JVM per test (Jazzer fuzzes one test per run). Stops at the first finding,
# which Jazzer writes into that test's seed directory (functions/core/src/test/resources/...).
#   scripts/fuzz.sh [DURATION] [Class#method ...]   (default 5m, every fuzz test)
# Not part of the test suite; the suite replays the seeds only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-5m}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(
    'CsvReadersFuzzTest#scanner'
    'CsvReadersFuzzTest#table'
    'UploadReadersFuzzTest#measurements'
    'UploadReadersFuzzTest#bdcFixed'
    'UploadReadersFuzzTest#tiles'
    'UploadReadersFuzzTest#points'
    'FeatureReadersFuzzTest#geoJson'
    'FeatureReadersFuzzTest#flatGeobuf'
    'RegionImportFuzzTest#geoJson'
    'QuadkeyTileFuzzTest#parse'
  )
fi
cd "$root"
for target in "${targets[@]}"; do
  log="$(mktemp -t gapmap-fuzz.XXXXXX.log)"
  echo "fuzz: $target for $duration (load $(cut -d' ' -f1-3 /proc/loadavg)); log $log" >&2
  if ! ./mvnw -B -pl functions/core test -Pfuzz -Dtest="$target" -Djazzer.max_duration="$duration" \
      >"$log" 2>&1; then
    grep -E 'FuzzTestFinding|^Done ' "$log" >&2 || true
    echo "fuzz: $target found a problem; the input is under functions/core/src/test/resources" >&2
    exit 1
  fi
  grep -E '^Done ' "$log" >&2 || true
done
