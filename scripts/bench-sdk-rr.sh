#!/usr/bin/env bash
# Where an AWS IoT Device SDK request-response call's time goes (not a test): one device updates its shadow N times
# in a row through IotShadowV2Client (which subscribes, publishes and unsubscribes per request) and as a plain MQTT
# publish with a standing subscription (the ceiling), on the embedded broker and on Mosquitto when installed; on the
# embedded broker also over the MQTT 3.1.1 client, with accepted/rejected already subscribed, and IotJobsV2Client.
# Usage: scripts/bench-sdk-rr.sh [requests]      CRT_VERSION=0.48.5 scripts/bench-sdk-rr.sh   (another aws-crt)
# See BENCHMARKS.md, "Device SDK request-response clients".
set -euo pipefail
cd "$(dirname "$0")/.."
crt=()
[ -n "${CRT_VERSION:-}" ] && crt=(-Daws-crt.version="$CRT_VERSION")
./mvnw -B -q -pl shared-model,cloud-service "${crt[@]}" test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-sdk-rr.classpath" >&2
cp="$PWD/cloud-service/target/test-classes:$PWD/cloud-service/target/classes:$PWD/shared-model/target/classes"
cp="$cp:$(cat target/bench-sdk-rr.classpath)"
cd cloud-service
exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.fleet.cloud.bench.SdkRequestResponseBench "${1:-50}"
