#!/usr/bin/env bash
# Device-agent benchmarks (not tests), against a cloud service process.
# Fleet: desired -> reported round trip of N simulated vehicles in one JVM (`device-agent simulate --instant`, zero
# actuation time), beside echo devices as the ceiling:
#   scripts/bench-fleet.sh [vehicles] [rate/s] [seconds] [echo devices] [warm-up s]   e.g. scripts/bench-fleet.sh 1000 100 30 50 60
# One agent: cold start (process start -> first report accepted, median of runs) and VmRSS, per JVM flag set:
#   scripts/bench-fleet.sh agent [runs] [idle seconds] ["<jvm flags>" ...]     e.g. scripts/bench-fleet.sh agent 7 60 "" "-Xmx64m"
# Three processes: the cloud service (started here on free ports with its default in-memory broker persistence, fresh data
# in target/bench-fleet/), the simulator (fresh journals: a journal remembers the shadow versions of another cloud),
# and the driver (bench.FleetRoundTripBench: HTTP desired writes at a fixed rate, service-certificate observer of
# $aws/things/+/shadow/update/documents, echo devices). Prints the simulator's threads and RSS at the end.
#   BENCH_SIM_JAVA_OPTS  JVM flags of the simulator (default: none beyond the JDK's)
#   BENCH_CLOUD_JAVA_OPTS  JVM flags of the cloud service (e.g. -Dlogback.configurationFile=... for broker event logs)
#   BENCH_BROKER_PERSISTENCE  in-memory (default, as ./fleet demo) or file, for the cloud started here
#   BENCH_SHADOW_FRONTEND     in-broker (default, as ./fleet demo) or client (the service's MQTT client)
#   BENCH_JOURNALS       where the agents keep their journals (default target/bench-fleet/journals; /dev/shm/... shows
#                        what the journal fsyncs cost)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mode=fleet
[ "${1:-}" = agent ] && { mode=agent; shift; }
work=$root/target/bench-fleet
mkdir -p "$work"

./mvnw -B -q -o -pl shared-model,cloud-service,device-agent package -DskipTests dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/target/bench-fleet.classpath" >&2
[ -f certs/generated/ca.pem ] && [ -f certs/generated/service/certificate.pem ] || certs/dev-ca.sh >&2

cloud= sim=
cleanup() {
    [ -n "$sim" ] && kill -TERM "$sim" 2>/dev/null && wait "$sim" 2>/dev/null
    [ -n "$cloud" ] && kill -TERM "$cloud" 2>/dev/null && wait "$cloud" 2>/dev/null
    true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mqtt_port=$(free_port) http_port=$(free_port)
rm -rf "$work/cloud-data" "$work/journals"
echo "mqtt: {brokerPersistence: ${BENCH_BROKER_PERSISTENCE:-in-memory}, sharedGroup: \"${BENCH_SHARED_GROUP-fleet-shadow}\", shadowFrontend: ${BENCH_SHADOW_FRONTEND:-in-broker}}" > "$work/cloud.yaml"
java ${BENCH_CLOUD_JAVA_OPTS:-} -jar cloud-service/target/cloud-service.jar serve --config "$work/cloud.yaml" --data-dir "$work/cloud-data" \
    --certs-dir certs/generated --mqtt-port $mqtt_port --http-port $http_port > "$work/cloud.log" 2>&1 &
cloud=$!
until grep -q "cloud service is running" "$work/cloud.log"; do
    kill -0 "$cloud" 2>/dev/null || { cat "$work/cloud.log" >&2; exit 1; }
    sleep 0.5
done

cp="$root/device-agent/target/test-classes:$root/device-agent/target/classes:$root/cloud-service/target/test-classes"
cp="$cp:$root/cloud-service/target/classes:$root/shared-model/target/classes:$(cat "$root/target/bench-fleet.classpath")"
bench_props=(-Dbench.http=http://127.0.0.1:$http_port -Dbench.mqtt=localhost:$mqtt_port -Dbench.certsDir="$root/certs/generated" ${BENCH_DRIVER_PROPS:-})

if [ $mode = agent ]; then
    runs=${1:-7} idle=${2:-60}
    shift 2 || shift $#
    [ $# -gt 0 ] || set -- ""
    java -cp "$cp" "${bench_props[@]}" -Dbench.jar="$root/device-agent/target/device-agent.jar" \
        io.fleet.agent.bench.AgentStartBench "$runs" "$idle" "$@"
    exit 0
fi

vehicles=${1:-1000} rate=${2:-100} seconds=${3:-30} echoes=${4:-50} warmup=${5:-10}
java ${BENCH_SIM_JAVA_OPTS:-} -jar device-agent/target/device-agent.jar simulate --vehicles "$vehicles" --instant \
    --endpoint localhost --port $mqtt_port --certs-dir certs/generated --journal-dir "${BENCH_JOURNALS:-$work/journals}" \
    --status-interval-s 10 > "$work/simulator.log" 2>&1 &
sim=$!
until grep -q "agents started" "$work/simulator.log"; do
    kill -0 "$sim" 2>/dev/null || { cat "$work/simulator.log" >&2; exit 1; }
    sleep 1
done
grep -E "certificates|agents started" "$work/simulator.log"
echo "simulator (pid $sim) flags: ${BENCH_SIM_JAVA_OPTS:-none}; after start: $(grep -E 'Threads|VmRSS' /proc/$sim/status | tr -s ' \t' ' ' | tr '\n' ' ')"

java -cp "$cp" "${bench_props[@]}" io.fleet.agent.bench.FleetRoundTripBench "$vehicles" "$rate" "$seconds" "$echoes" "$warmup"

echo "cloud: $(curl -s http://127.0.0.1:$http_port/metrics | grep -E '^fleet_broker_messages_dropped|^fleet_shadow_publish_failed|^fleet_shadow_requests_seconds_count' | tr '\n' ' ')"
echo "simulator after the run: $(grep -E 'Threads|VmRSS|VmHWM' /proc/$sim/status | tr -s ' \t' ' ' | tr '\n' ' ')"
tail -2 "$work/simulator.log"
t0=$(date +%s.%N)
kill -TERM "$sim"; wait "$sim" || true; sim=
echo "simulator stopped in $(echo "$(date +%s.%N) - $t0" | bc) s (SIGTERM, all agents closed)"
