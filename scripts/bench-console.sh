#!/usr/bin/env bash
# Ops console vehicle list benchmark (not a test): `./fleet demo` on spare ports and a temp data dir, N live
# vehicles from `./fleet simulate`, then headless Chromium (bench.ConsoleListBench) times page load to the first
# rows, Next page and a server-side filter for: an owner of 10 vehicles (the peer), the admin seeing the live fleet,
# then the admin again once 10,000 more vehicles are registered to owners (synthetic: they never connect).
# Usage: scripts/bench-console.sh [live vehicles] [rounds]   (ports: BENCH_HTTP_PORT/MQTT/S3, default 18481/18884/19001)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
live=${1:-1000}
rounds=${2:-5}
http=${BENCH_HTTP_PORT:-18481} mqtt=${BENCH_MQTT_PORT:-18884} s3=${BENCH_S3_PORT:-19001}
for port in "$http" "$mqtt" "$s3"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done
data=$(mktemp -d /tmp/bench-console.XXXXXX)
cloud= sim=
cleanup() {
    [ -n "$sim" ] && kill -TERM -- -"$sim" 2>/dev/null || true
    [ -n "$cloud" ] && kill -TERM -- -"$cloud" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT

./mvnw -B -q -o -pl shared-model,cloud-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/target/bench-console.classpath" >&2
cp="$root/cloud-service/target/test-classes:$root/cloud-service/target/classes:$root/shared-model/target/classes"
cp="$cp:$(cat target/bench-console.classpath)"

# setsid: the demo's own trap stops its service and agent when we TERM its process group.
setsid ./fleet demo --data-dir "$data" --http-port "$http" --mqtt-port "$mqtt" --s3-port "$s3" \
    > "$data/demo.log" 2>&1 &
cloud=$!
api="http://127.0.0.1:$http"
until [ -s "$data/users/admin.token" ] && curl -sf -o /dev/null "$api/api/vehicles?limit=1" \
    -H "Authorization: Bearer $(cat "$data/users/admin.token")"; do
    kill -0 "$cloud" 2>/dev/null || { cat "$data/demo.log" >&2; exit 1; }
    sleep 1
done
admin=$(cat "$data/users/admin.token")
online() {
    curl -sf "$api/api/vehicles?online=true&limit=1" -H "Authorization: Bearer $admin" \
        | sed -n 's/.*"total":\([0-9]*\).*/\1/p'
}
setsid ./fleet simulate --vehicles "$live" --port "$mqtt" --journal-dir "$data/sim" > "$data/sim.log" 2>&1 &
sim=$!
started=$(date +%s)
until [ "$(online)" -ge "$live" ]; do
    kill -0 "$sim" 2>/dev/null || { tail -20 "$data/sim.log" >&2; exit 1; }
    [ $(($(date +%s) - started)) -lt 900 ] || { echo "only $(online) of $live online after 900 s" >&2; exit 1; }
    sleep 2
done
echo "$(online) vehicles online after $(($(date +%s) - started)) s" >&2

add_user() { # name, JSON array of vehicles -> token
    # In a file: the names stay off the command line (one argument may hold at most 128 KiB).
    printf '{"name":"%s","role":"OWNER","vehicles":%s}' "$1" "$2" > "$data/user.json"
    curl -sf -X POST "$api/api/users" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        --data-binary "@$data/user.json" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
peer=$(add_user peer "[$(seq -f '"sim-car-%g"' -s, 1 10)]")
[ -n "$peer" ] || { echo "could not create the bench user" >&2; exit 1; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench() { (cd cloud-service && java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.fleet.cloud.bench.ConsoleListBench "$api" "$@"); }
bench "10 (owner, the peer)=$peer:sim-car-1" "$live live (admin)=$admin:sim-car-99" "$rounds"

# 10,000 registered vehicles that never connected: the app API takes at most 16 KiB a body, so 800 a user.
for ((first = 0; first < 10000; first += 800)); do
    last=$((first + 799 < 9999 ? first + 799 : 9999))
    [ -n "$(add_user "fleet-owner-$first" "[$(seq -f '"fleet-%05g"' -s, "$first" "$last")]")" ] \
        || { echo "could not register fleet-$first.." >&2; exit 1; }
done
bench "10,000 registered + $live live (admin)=$admin:fleet-0999" "$rounds" | tail -1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
