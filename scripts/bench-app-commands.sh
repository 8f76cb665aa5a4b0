#!/usr/bin/env bash
# App command benchmark (not a test): N mTLS cars that confirm at once, app POST command -> SUCCEEDED on the
# vehicle's SSE stream, beside the bare shadow round trip. Usage: scripts/bench-app-commands.sh [cars] [seconds] [rates]
# Example: scripts/bench-app-commands.sh 1000 20 50,200
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl shared-model,cloud-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-app.classpath" >&2
cp="$PWD/cloud-service/target/test-classes:$PWD/cloud-service/target/classes:$PWD/shared-model/target/classes:$(cat target/bench-app.classpath)"
cd cloud-service
exec java ${BENCH_JAVA_OPTS:-} -Xmx4g -cp "$cp" io.fleet.cloud.bench.AppCommandBench "${1:-1000}" "${2:-20}" "${3:-50,200}"
