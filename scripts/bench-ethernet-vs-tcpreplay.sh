#!/usr/bin/env bash
# Automotive Ethernet replay timing side by side with Debian's tcpreplay (a C peer): the same pcap (lidar 2,000
# datagrams/s of 1,206 bytes + radar 20 Hz of 800 bytes, 127.0.0.1:47000) replayed by `hil-rig replay` and by
# `tcpreplay`, judged by the same receiver JVM (LatenessReceiver: lateness against the capture's own spacing).
#
# Why a network namespace: tcpreplay injects Ethernet frames on `lo`; frames to or from 127.0.0.0/8 that arrive
# without a route attached are martians unless route_localnet=1, so the host's `lo` silently drops them. A private
# namespace gets its own `lo` and its own sysctls, so the host's settings stay untouched and other engineers'
# traffic cannot reach the receiver's port. Why tcprewrite: `lo` has MAC 00:00:00:00:00:00 and treats any other
# destination MAC as another host's frame; PcapWriter derives MACs from IPs, so the MACs are zeroed once and both
# replayers read that same rewritten file.
#
# Needs root, tcpreplay (tcpreplay, tcprewrite) and a built hil-rig (this script compiles offline if needed).
# Usage: scripts/bench-ethernet-vs-tcpreplay.sh [seconds] [runs]   (default 10, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
runs=${2:-3}
port=47000
ns=fleet-bench-$$
dir=$(mktemp -d /tmp/bench-eth.XXXXXX)
command -v tcpreplay >/dev/null || { echo "needs tcpreplay (apt-get install tcpreplay)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespace, packet injection)" >&2; exit 2; }
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

if [ ! -f hil-rig/target/hil-rig.jar ] || [ ! -f hil-rig/target/test-classes/io/fleet/rig/bench/LatenessReceiver.class ]
then
    ./mvnw -B -q -o -pl hil-rig -am -DskipTests package test-compile >&2
fi
./mvnw -B -q -o -pl hil-rig -am dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt" \
    -Dmdep.includeScope=test >&2
cp="hil-rig/target/test-classes:hil-rig/target/classes:shared-model/target/classes:$(cat "$dir/cp.txt")"

java -cp "$cp" io.fleet.rig.bench.SensorCaptureGenerator "$dir/gen.pcap" "$seconds" "$port" >&2
tcprewrite --enet-dmac=00:00:00:00:00:00 --enet-smac=00:00:00:00:00:00 -i "$dir/gen.pcap" -o "$dir/sensors.pcap"
pcap="$dir/sensors.pcap"

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" sysctl -q -w net.ipv4.conf.all.route_localnet=1 net.ipv4.conf.lo.route_localnet=1

# One measured run: start the receiver in the namespace, wait for READY, replay, collect its RESULT line.
run() {
    local label=$1; shift
    local load result
    coproc RECEIVER { ip netns exec "$ns" java -cp "$cp" io.fleet.rig.bench.LatenessReceiver "$pcap" "$port" 2; }
    local out=${RECEIVER[0]}
    read -r ready <&"$out"
    [ "$ready" = READY ] || { echo "receiver failed: $ready" >&2; exit 1; }
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    ip netns exec "$ns" "$@" </dev/null >"$dir/replayer.log" 2>&1 || echo "replayer exit $?: $label" >&2
    result=$(grep RESULT <&"$out")
    wait "$RECEIVER_PID" || true
    echo "$label|$load|$result" >>"$dir/results.txt"
    echo "$(date -u +%T) $label | load $load | $result" >&2
}

rig=(java -jar hil-rig/target/hil-rig.jar replay "$pcap" --out "udp://127.0.0.1:$port" --no-progress)
rig_big=(java -Xms2g -Xmx2g -Xmn1500m -jar hil-rig/target/hil-rig.jar replay "$pcap" --out "udp://127.0.0.1:$port"
         --no-progress)
started=$(date -u)
# Round-robin over the scenarios, so a neighbour's build burst hits every tool rather than one
for i in $(seq "$runs"); do
    run "hil-rig replay (default JVM)" "${rig[@]}"
    run "hil-rig replay (-Xms2g -Xmx2g -Xmn1500m)" "${rig_big[@]}"
    run "tcpreplay (default timer, x1)" tcpreplay -i lo -q "$pcap"
    run "tcpreplay --timer=nano" tcpreplay -i lo -q --timer=nano "$pcap"
    run "tcpreplay --timer=nano --preload-pcap" tcpreplay -i lo -q --timer=nano --preload-pcap "$pcap"
done

echo "Started $started, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(java -version 2>&1 | head -1), tcpreplay $(tcpreplay --version 2>&1 | head -1 | awk '{print $3}'); \
$(grep -c . "$dir/results.txt") runs of ${seconds} s, $(awk -F'|' 'NR==1{print $3}' "$dir/results.txt" |
  sed 's/.*expected=\([0-9]*\).*/\1/') datagrams each"
echo
echo "All runs. Lateness in us (p50 / p99 / p99.9 / max) against the most punctual datagram; 'first late' is how"
echo "late the first datagram was on that scale (aligned on the first arrival instead, subtract it)."
echo
echo "| replayer | received / missing / dup | span s (capture $(awk -F'|' 'NR==1{print $3}' "$dir/results.txt" |
  sed 's/.*capture_span_s=\([0-9.]*\).*/\1/')) | first late us | lateness p50 / p99 / p99.9 / max us | spacing error p50 / p99 / max us | load avg |"
echo "|---|---|---|---|---|---|---|"
awk -F'|' '{
    split($3, kv, " "); for (k in kv) { split(kv[k], p, "="); v[p[1]] = p[2] }
    printf "| %s | %s / %s / %s | %s | %s | %s / %s / %s / %s | %s / %s / %s | %s |\n", $1, v["received"],
        v["missing"], v["duplicates"], v["span_s"], v["first_late_us"], v["p50_us"], v["p99_us"], v["p999_us"],
        v["max_us"], v["spacing_p50_us"], v["spacing_p99_us"], v["spacing_max_us"], $2
}' "$dir/results.txt"
echo
echo "Per replayer: best run (lowest p99) and the spread over the runs (lowest-highest):"
echo
echo "| replayer | best p50 / p99 / p99.9 / max us | p50 spread | p99 spread | max spread | span s spread | spacing error p99 spread |"
echo "|---|---|---|---|---|---|---|"
awk -F'|' '
function track(key, x) { if (!((n, key) in lo) || x < lo[n, key]) lo[n, key] = x
                         if (!((n, key) in hi) || x > hi[n, key]) hi[n, key] = x }
function range(key) { return sprintf("%.1f-%.1f", lo[n, key], hi[n, key]) }
{
    split($3, kv, " "); for (k in kv) { split(kv[k], p, "="); v[p[1]] = p[2] }
    n = $1; if (!(n in best)) order[++count] = n
    if (!(n in best) || v["p99_us"] + 0 < b99[n]) {
        best[n] = v["p50_us"] " / " v["p99_us"] " / " v["p999_us"] " / " v["max_us"]; b99[n] = v["p99_us"] + 0 }
    track("p50", v["p50_us"] + 0); track("p99", v["p99_us"] + 0); track("max", v["max_us"] + 0)
    track("span", v["span_s"] + 0); track("spacing", v["spacing_p99_us"] + 0)
} END {
    for (i = 1; i <= count; i++) { n = order[i]
        printf "| %s | %s | %s | %s | %s | %.3f-%.3f | %s |\n", n, best[n], range("p50"), range("p99"),
            range("max"), lo[n, "span"], hi[n, "span"], range("spacing") }
}' "$dir/results.txt"
