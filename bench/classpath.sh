#!/usr/bin/env bash
# Builds the bench module (and what it needs) and prints its runtime classpath.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -q -B -Pbench -pl bench -am package dependency:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dmdep.outputFile=target/classpath.txt >&2
echo "$(pwd)/bench/target/classes:$(cat bench/target/classpath.txt)"
