#!/usr/bin/env bash
# Shadow service load benchmark (not a test): N mTLS devices on the embedded broker, shadow update -> accepted
# latency and throughput beside the raw broker round trip. Usage: scripts/bench-shadow.sh [devices] [seconds] [rates]
# Example: scripts/bench-shadow.sh 1000 10 1000,3000,5000,0   (rate 0 = closed loop, one request per device)
# Broker persistence: BENCH_JAVA_OPTS=-Dbench.brokerPersistence=file (default in-memory, as the service)
# Routes: -Dbench.routes=raw,shadow,jobs (jobs = $aws/things/<t>/jobs/get -> accepted, AWS IoT Jobs device side)
# Shadow frontend: -Dbench.shadowFrontend=client (the service client on shared subscriptions; default in-broker)
# JIT warm-up per path: -Dbench.warmupSeconds=60 (default 10; the shadow path speeds up for about a minute);
# commit lanes: -Dbench.commitLanes=N (default 4); -Dbench.unsafeFastCommits=true: PostgreSQL without fsync and
# synchronous commit (what durable commits cost). Repeat a rate (0,0,0) to see the spread within one run.
# What the shadow table's column type costs PostgreSQL (JSONB vs TEXT, batched updates): scripts/bench-shadow.sh column
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl shared-model,cloud-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-shadow.classpath" >&2
cp="$PWD/cloud-service/target/test-classes:$PWD/cloud-service/target/classes:$PWD/shared-model/target/classes:$(cat target/bench-shadow.classpath)"
cd cloud-service
if [ "${1:-}" = column ]; then
    exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.fleet.cloud.bench.DocumentColumnBench
fi
exec java ${BENCH_JAVA_OPTS:-} -Xmx4g -cp "$cp" io.fleet.cloud.bench.ShadowLoadBench "${1:-1000}" "${2:-10}" "${3:-1000,3000,0}"
