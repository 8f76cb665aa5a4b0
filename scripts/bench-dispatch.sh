#!/usr/bin/env bash
# Campaign dispatch latency (not a test): R simulated rigs (the device SDK's IotJobsV2Client, passing each job at once)
# and N runs queued in campaigns of 100, against the cloud service on free ports and a temp data dir. For each run,
# from the moment it could have gone to a rig (queued, or its rig became free) to its lease (the AWS IoT job created)
# and to the job's IN_PROGRESS on the rig. Stops by itself when the runs end or after the time limit.
# The rigs use the device SDK's IotJobsV2Client, or with "plain" standing subscriptions, plain publishes and
# notify-next (the SDK client waits ~200 ms per request by itself: BENCHMARKS.md, "Device SDK request-response").
# Each run takes [run ms=0] on its rig between IN_PROGRESS and the verdict (0: the pool saturates the service).
# Usage: scripts/bench-dispatch.sh [rigs=100] [runs=10000] [limit seconds=900] [sdk|plain] [run ms=0]. BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl shared-model,cloud-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-dispatch.classpath" >&2
cp="$PWD/cloud-service/target/test-classes:$PWD/cloud-service/target/classes:$PWD/shared-model/target/classes"
cp="$cp:$(cat target/bench-dispatch.classpath)"
cd cloud-service
exec java ${BENCH_JAVA_OPTS:-} -Xmx2g -cp "$cp" io.fleet.cloud.campaigns.DispatchBench "${1:-100}" "${2:-10000}" "${3:-900}" "${4:-sdk}" "${5:-0}"
