#!/usr/bin/env bash
# Drive-log conversion side by side with can-utils (a C peer), on the same files, whole commands timed:
#   candump -> ASC: can-utils log2asc  vs  hil-rig convert
#   ASC -> candump: can-utils asc2log  vs  hil-rig convert (reading log2asc's ASC output)
# hil-rig runs twice per direction: as `java -jar hil-rig/target/hil-rig.jar` (JVM defaults) and through the
# launcher, `./fleet rig convert` (serial GC and a CDS archive for batch commands; one untimed run first makes the
# archive, as the first use after a build does).
# Needs Debian's can-utils. Usage: scripts/bench-logs-vs-can-utils.sh [frames] [runs]   (default 1500000, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
frames=${1:-1500000}
runs=${2:-3}
dir=$(mktemp -d /tmp/bench-logs.XXXXXX)
trap 'rm -rf "$dir"' EXIT
command -v log2asc >/dev/null || { echo "needs can-utils (apt-get install can-utils)" >&2; exit 2; }
[ -f hil-rig/target/hil-rig.jar ] || ./mvnw -B -q -DskipTests package >&2

python3 - "$dir/drive.log" "$frames" <<'PY'
import random, sys
path, n = sys.argv[1], int(sys.argv[2])
r = random.Random(42)
t = 1700000000.0
with open(path, "w") as f:
    for i in range(n):
        t += 0.000125
        iface = "can%d" % (i & 1)
        if r.random() < 0.1:
            cid = "%08X" % r.randrange(0x20000000)
        else:
            cid = "%03X" % r.randrange(0x800)
        data = "".join("%02X" % r.randrange(256) for _ in range(8))
        f.write("(%.6f) %s %s#%s\n" % (t, iface, cid, data))
PY
size=$(stat -c %s "$dir/drive.log")
best() { # best wall time of N runs of a command
    local best=999999 s e d
    for _ in $(seq "$runs"); do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        d=$(echo "$e - $s" | bc -l); if (( $(echo "$d < $best" | bc -l) )); then best=$d; fi
    done
    echo "$best"
}
java_rig=(java -jar hil-rig/target/hil-rig.jar)
fleet_rig=(./fleet rig)
"${fleet_rig[@]}" convert "$dir/drive.log" "$dir/warm.asc" >/dev/null 2>&1 # makes the launcher's CDS archive
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t1=$(best log2asc -I "$dir/drive.log" -O "$dir/c.asc" can0 can1)
t2=$(best "${java_rig[@]}" convert "$dir/drive.log" "$dir/j.asc")
t2f=$(best "${fleet_rig[@]}" convert "$dir/drive.log" "$dir/f.asc")
asc_size=$(stat -c %s "$dir/c.asc")
t3=$(best asc2log -I "$dir/c.asc" -O "$dir/c.log")
t4=$(best "${java_rig[@]}" convert "$dir/c.asc" "$dir/j.log")
t4f=$(best "${fleet_rig[@]}" convert "$dir/c.asc" "$dir/f.log")
frames_back=$(wc -l < "$dir/j.log")
cmp -s "$dir/j.asc" "$dir/f.asc" && cmp -s "$dir/j.log" "$dir/f.log" || echo "java -jar and ./fleet rig outputs differ" >&2
echo "$(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1), can-utils $(dpkg-query -W -f='${Version}' can-utils)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "candump file: $frames frames, $((size / 1000000)) MB; ASC (from log2asc): $((asc_size / 1000000)) MB"
echo "| conversion | tool | seconds (best of $runs) | MB/s of input |"
echo "|---|---|---|---|"
printf "| candump -> ASC | can-utils log2asc | %.2f | %.1f |\n" "$t1" "$(echo "$size / 1000000 / $t1" | bc -l)"
printf "| candump -> ASC | hil-rig convert, java -jar (JVM start included) | %.2f | %.1f |\n" "$t2" "$(echo "$size / 1000000 / $t2" | bc -l)"
printf "| candump -> ASC | hil-rig convert, ./fleet rig (JVM start included) | %.2f | %.1f |\n" "$t2f" "$(echo "$size / 1000000 / $t2f" | bc -l)"
printf "| ASC -> candump | can-utils asc2log | %.2f | %.1f |\n" "$t3" "$(echo "$asc_size / 1000000 / $t3" | bc -l)"
printf "| ASC -> candump | hil-rig convert, java -jar (JVM start included) | %.2f | %.1f |\n" "$t4" "$(echo "$asc_size / 1000000 / $t4" | bc -l)"
printf "| ASC -> candump | hil-rig convert, ./fleet rig (JVM start included) | %.2f | %.1f |\n" "$t4f" "$(echo "$asc_size / 1000000 / $t4f" | bc -l)"
echo "hil-rig read log2asc's ASC back into $frames_back candump frames (expected $frames)"
