#!/usr/bin/env bash
# Drive-log ingest end to end (S3 read, decode with the DBC, Parquet write, catalog) by 1, 2 and 4 worker processes
# (`cloud-service.jar ingest worker`, what `./fleet ingest worker` runs) against a cloud service on free ports with a
# temp data dir (its embedded PostgreSQL and S3Proxy; `ingest.workers: 0`, so only the worker processes ingest),
# beside `hil-rig convert` of the same files to candump (the decode-only ceiling: one JVM per file, and the same
# frames as one file in one JVM), then: a run where one worker is
# killed with kill -9 mid-run, 1 GB of logs through two workers with a stated heap (-Xmx) and their peak RSS, and
# upload -> INGESTED latency of small files (one worker process, the service's default 1 s listing interval), and
# POST /api/query's max(Speed) per vehicle over 10+ million signal rows.
# The MF4 files are real-shaped: the frames of testdata's CSS J1939 demo MF4 repeated with shifted times, written by
# shared-model's MDF4 writer (hil-rig convert); nothing generated is committed.
# Usage: scripts/bench-ingest.sh [files] [repeats per file] [MB for the memory run] [small files]
#        (default 4, 4 (about 15.7 MB and 600,000 frames a file), 1024, 20); WORKER_HEAP (default 256m): -Xmx;
#        SECTIONS (default "throughput memory query latency"): which parts run; QUERY_COPIES (default 1): copies of
#        the set ingested for the query (4 files of 4 repeats: about 7 million signal rows each copy);
#        WORKER_THREADS (default 1): ingest threads per worker process; MEMORY_WORKERS (default 2): worker
#        processes of the memory run; KEEP_DIR=1: keep the temp dir (worker logs, generated files);
#        WORKER_JFR_DIR: each worker process writes a Flight Recording (settings=profile) there, to profile ingest
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
files=${1:-4}
repeats=${2:-4}
big_mb=${3:-1024}
small=${4:-20}
heap=${WORKER_HEAP:-256m}
dir=$(mktemp -d /tmp/bench-ingest.XXXXXX)
service=
declare -a workers=()
cleanup() {
    for p in "${workers[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    if [ -n "$service" ]; then kill -TERM "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; fi
    if [ -n "${KEEP_DIR:-}" ]; then echo "bench-ingest: kept $dir" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT
[ -f cloud-service/target/cloud-service.jar ] && [ -f hil-rig/target/hil-rig.jar ] \
    || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 2; }
# copies of the jars, so a build during the run does not change the programs under it
mkdir -p "$dir/cloud" "$dir/rig"
cp -r cloud-service/target/cloud-service.jar cloud-service/target/lib "$dir/cloud/"
cp -r hil-rig/target/hil-rig.jar hil-rig/target/lib "$dir/rig/"
cloud_jar=$dir/cloud/cloud-service.jar
rig_jar=$dir/rig/hil-rig.jar
sections=" ${SECTIONS:-throughput memory query latency} "
wants() { [[ "$sections" == *" $1 "* ]]; }
command -v aws >/dev/null && command -v psql >/dev/null || { echo "needs the AWS CLI and psql" >&2; exit 2; }
log() { echo "bench-ingest: $*" >&2; }
rig() { java -XX:+UseSerialGC -jar "$rig_jar" "$@"; } # the flags ./fleet rig convert uses (without its CDS archive)
now() { date +%s.%N; }

# --- real-shaped MF4 files ---
mkdir -p "$dir/mf4" "$dir/gen"
rig convert testdata/can/css-electronics/j1939-demo-00000001.MF4 "$dir/gen/base.log" >/dev/null
make_mf4() { # repeats index out.mf4: the base frames `repeats` times, in the index-th stretch of time
    python3 - "$dir/gen/base.log" "$dir/gen/tmp.log" "$1" "$2" <<'PY'
import re, sys
src, dst, repeats, index = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = open(src).read().splitlines()
pat = re.compile(r"\((\d+\.\d+)\) (.*)")
frames = [(float(m.group(1)), m.group(2)) for m in map(pat.match, lines)]
span = frames[-1][0] - frames[0][0] + 1.0
start = (index - 1) * repeats * span  # each file its own stretch of time
with open(dst, "w") as out:
    for r in range(repeats):
        shift = start + r * span
        out.writelines("(%.6f) %s\n" % (t + shift, rest) for t, rest in frames)
PY
    rig convert "$dir/gen/tmp.log" "$3" >/dev/null
    rm "$dir/gen/tmp.log"
}
for i in $(seq 1 "$files"); do make_mf4 "$repeats" "$i" "$dir/mf4/drive-$i.mf4"; done
set_bytes=$(du -cb "$dir"/mf4/*.mf4 | tail -1 | cut -f1)
log "$files MF4 files, $((set_bytes / 1000000)) MB"

# --- the service ---
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port); mqtt_port=$(free_port); s3_port=$(free_port)
data="$dir/data"
certs/dev-ca.sh --dir "$dir/certs" >/dev/null 2>&1
printf 'ingest: {workers: 0, claimSeconds: 10}\n' > "$dir/cloud.yaml"
java -Xmx512m -jar "$cloud_jar" serve --config "$dir/cloud.yaml" --data-dir "$data" --certs-dir "$dir/certs" \
    --http-port "$http_port" --mqtt-port "$mqtt_port" --s3-port "$s3_port" > "$dir/service.log" 2>&1 &
service=$!
until curl -sf "http://127.0.0.1:$http_port/health" >/dev/null 2>&1; do
    kill -0 "$service" 2>/dev/null || { cat "$dir/service.log" >&2; exit 1; }
    sleep 0.5
done
export AWS_SHARED_CREDENTIALS_FILE="$data/s3/credentials" AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
s3() { aws --endpoint-url "http://127.0.0.1:$s3_port" s3 "$@" >/dev/null; }
s3 cp testdata/can/css-electronics/CSS-Electronics-SAE-J1939-DEMO.dbc s3://drive-logs/dbc/
export PGHOST=127.0.0.1 PGPORT=$(sed -n 4p "$data/postgres/postmaster.pid") PGUSER=fleet PGDATABASE=postgres
PGPASSWORD=$(python3 -c 'import sys,re
for l in open(sys.argv[1]):
    if l.startswith("service.password="): print(re.sub(r"\\(.)", r"\1", l.split("=",1)[1].strip()))' \
    "$data/postgres.credentials")
export PGPASSWORD
sql() { psql -qtAX -F ' ' -c "$1"; }

start_workers() { # count -> workers[]
    workers=()
    for i in $(seq 1 "$1"); do
        local jfr=()
        [ -n "${WORKER_JFR_DIR:-}" ] && \
            jfr=("-XX:StartFlightRecording=settings=profile,filename=$WORKER_JFR_DIR/worker-$run-$i.jfr")
        java -Xmx"$heap" "${jfr[@]}" -jar "$cloud_jar" ingest worker --data-dir "$data" \
            --s3-endpoint "http://127.0.0.1:$s3_port" --claim-seconds 10 --workers "${WORKER_THREADS:-1}" \
            > "$dir/worker-$run-$i.log" 2>&1 &
        workers+=($!)
    done
}
await_ready() { # until every worker printed its first line (connected to PostgreSQL and S3)
    for i in $(seq 1 "${#workers[@]}"); do
        until grep -q '^ingest worker ' "$dir/worker-$run-$i.log" 2>/dev/null; do sleep 0.2; done
    done
}
stop_workers() { # prints the largest peak RSS (MB) of the workers still alive
    local peak=0 kb
    for p in "${workers[@]}"; do
        kb=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        [ "${kb:-0}" -gt "$peak" ] && peak=$kb
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in "${workers[@]}"; do wait "$p" 2>/dev/null || true; done
    workers=()
    echo $((peak / 1024))
}
upload_set() { # vehicle copies: every file of the set under raw/<vehicle>/, `copies` times under other names
    local vehicle=$1 copies=$2
    for c in $(seq 1 "$copies"); do
        for f in "$dir"/mf4/*.mf4; do s3 cp "$f" "s3://drive-logs/raw/$vehicle/c$c-$(basename "$f")"; done
    done
}
await_catalog() { # vehicle count: until the poller made `count` entries
    until [ "$(sql "SELECT count(*) FROM drive_logs WHERE vehicle = '$1'")" -ge "$2" ]; do sleep 0.2; done
}
await_settled() { # vehicle: until none is PENDING
    until [ "$(sql "SELECT count(*) FROM drive_logs WHERE vehicle = '$1' AND status = 'PENDING'")" -eq 0 ]; do
        sleep 0.2
    done
}
duplicates() { # run: drive logs a worker reported INGESTED more than once, or a result dropped after a takeover
    local again
    again=$(cat "$dir"/worker-"$1"-*.log | grep -o 'drive log [0-9]* ([^)]*) INGESTED' | sort | uniq -d | wc -l)
    echo $((again + $(cat "$dir"/worker-"$1"-*.log | grep -c 'its result was dropped' || true)))
}
declare -a rows=()
measure() { # run workers kill_after_ingested copies
    run=$1
    local count=$2 kill_after=$3 copies=$4 vehicle="bench-$1"
    local expected=$((files * copies))
    upload_set "$vehicle" "$copies"
    await_catalog "$vehicle" "$expected"
    # held (claimed by nobody for a day) until the workers' JVMs are up, then released at once: JVM start not timed
    sql "UPDATE drive_logs SET claimed_by = 'bench-hold', claimed_until = now() + interval '1 day'
        WHERE vehicle = '$vehicle'" >/dev/null
    start_workers "$count"
    await_ready
    local t0 killed=none
    t0=$(now)
    sql "UPDATE drive_logs SET claimed_by = NULL, claimed_until = NULL WHERE vehicle = '$vehicle'" >/dev/null
    if [ "$kill_after" -gt 0 ]; then
        until [ "$(sql "SELECT count(*) FROM drive_logs WHERE vehicle = '$vehicle' AND status <> 'PENDING'")" \
            -ge "$kill_after" ]; do sleep 0.2; done
        kill -9 "${workers[0]}"; killed="pid ${workers[0]} after $kill_after logs"
        wait "${workers[0]}" 2>/dev/null || true
        workers=("${workers[@]:1}")
    fi
    await_settled "$vehicle"
    local t1 rss
    t1=$(now)
    rss=$(stop_workers)
    read -r ingested failed keys entries bytes frames < <(sql "SELECT count(*) FILTER (WHERE status = 'INGESTED'),
        count(*) FILTER (WHERE status = 'FAILED'), count(DISTINCT object_key), count(*), sum(size), sum(frames)
        FROM drive_logs WHERE vehicle = '$vehicle'")
    local secs mbps fps busy
    secs=$(echo "$t1 - $t0" | bc -l)
    mbps=$(echo "$bytes / 1000000 / $secs" | bc -l)
    fps=$(echo "$frames / $secs" | bc -l)
    # the workers' own span from the catalog: the first ingest's start (ingested_at - ingest_millis) to the last
    # INGESTED, without the idle poll before the first claim and this script's 0.2 s polling at the end
    busy=$(sql "SELECT extract(epoch FROM max(ingested_at) - min(ingested_at - ingest_millis * interval '1 ms'))
        FROM drive_logs WHERE vehicle = '$vehicle' AND status = 'INGESTED'")
    rows+=("$(printf '| %s | %d | %d (%d MB) | %.1f | %.2f | %.0f | %.1f | %.2f | %d/%d INGESTED, %d FAILED | %d | %d | %s |' \
        "$run" "$count" "$entries" "$((bytes / 1000000))" "$secs" "$mbps" "$fps" "$busy" \
        "$(echo "$bytes / 1000000 / $busy" | bc -l)" "$ingested" "$expected" "$failed" \
        "$(( entries - keys + $(duplicates "$run") ))" "$rss" "$killed")")
    log "${rows[-1]}"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if wants throughput || wants memory; then
    # the set's frames in one file, converted in one JVM: the ceiling without a JVM start per file (the memory run's
    # files are copies of the same set, so the same ceiling applies per MB)
    make_mf4 $((files * repeats)) 1 "$dir/gen/all.mf4"
    c0=$(now)
    rig convert "$dir/gen/all.mf4" "$dir/gen/out.log" >/dev/null
    c1=$(now)
    one_secs=$(echo "$c1 - $c0" | bc -l)
    one_bytes=$(stat -c %s "$dir/gen/all.mf4")
    one_frames=$(wc -l < "$dir/gen/out.log")
    rm "$dir/gen/all.mf4" "$dir/gen/out.log"
    log "convert in one JVM: $one_secs s"
fi
if wants throughput; then
    # --- the decode-only ceiling: hil-rig convert of the same files to candump, one after the other ---
    c0=$(now)
    for f in "$dir"/mf4/*.mf4; do rig convert "$f" "$dir/gen/out.log" >/dev/null; done
    c1=$(now)
    convert_secs=$(echo "$c1 - $c0" | bc -l)
    convert_frames=$((files * $(wc -l < "$dir/gen/out.log")))
    log "convert: $convert_secs s"
    # the embedded S3 (S3Proxy in the service's JVM) serves its first large GETs slowly while its JIT warms up;
    # Amazon S3 has no such start, so a few GETs outside raw/ (never ingested) come first
    s3 cp "$(ls "$dir"/mf4/*.mf4 | head -1)" s3://drive-logs/bench-warmup/warmup.mf4
    for _ in 1 2 3; do aws --endpoint-url "http://127.0.0.1:$s3_port" s3 cp s3://drive-logs/bench-warmup/warmup.mf4 - \
        > /dev/null; done
    measure w1 1 0 1
    measure w2 2 0 1
    measure w4 4 0 1
    measure kill 2 $((files / 2)) 1
fi
if wants memory; then
    big_copies=$(( (big_mb * 1000000 + set_bytes - 1) / set_bytes ))
    measure memory "${MEMORY_WORKERS:-2}" 0 "$big_copies"
fi

# --- POST /api/query: max(Speed) per vehicle over the signal rows of every ingested log ---
# The CSS demo DBC decodes 2 signals of its frames; for a signal table of 10+ million rows the frames of the 12 most
# frequent ids of the same MF4 files are decoded by a DBC made here (8 one-byte signals each, one of them `Speed`).
if wants query; then
    run=query
    python3 - "$dir/gen/base.log" "$dir/gen/many.dbc" <<'PY'
import collections, sys
ids = collections.Counter(l.split()[2].split("#")[0] for l in open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    out.write('VERSION ""\n\nNS_ :\n\nBS_:\n\nBU_: Bench\n\n')
    for n, (hexid, _) in enumerate(ids.most_common(12)):
        can_id = int(hexid, 16) | (0x80000000 if len(hexid) > 3 else 0)
        out.write("BO_ %d Bench%d: 8 Bench\n" % (can_id, n))
        for b in range(8):
            name = "Speed" if b == 0 else "S%d_%d" % (n, b)
            unit = "km/h" if b == 0 else ""
            out.write(' SG_ %s : %d|8@1+ (1,0) [0|255] "%s" Vector__XXX\n' % (name, 8 * b, unit))
        out.write("\n")
PY
    s3 cp "$dir/gen/many.dbc" s3://drive-logs/dbc/bench-query/many.dbc
    measure query 2 0 "${QUERY_COPIES:-1}"
    token=$(tr -d '\n' < "$data/users/admin.token")
    query() { # sql -> "seconds answer"
        curl -s -o "$dir/answer.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' "http://127.0.0.1:$http_port/api/query" \
            --data "$(python3 -c 'import json,sys; print(json.dumps({"sql": sys.argv[1]}))' "$1")"
        echo " $(tr -d '\n' < "$dir/answer.json" | cut -c1-300)"
    }
    max_speed="SELECT vehicle, max(value) AS top FROM signals WHERE signal = 'Speed' GROUP BY vehicle"
    # the workers (on the service's data dir) put each Parquet they wrote into the service's query cache
    cached=$(find "$data/ingest/query-cache" -name '*.parquet' 2>/dev/null | wc -l)
    query_first=$(query "$max_speed")
    query_warm=$(query "$max_speed")
    query_rows=$(query "SELECT count(*) FROM signals")
    rm -f "$data/ingest/query-cache/"*.parquet # as before the ingest filled the cache: downloads from S3 first
    query_fetching=$(query "$max_speed")
fi

# --- upload -> INGESTED of small files, one worker process ---
latencies=()
if wants latency; then
run=latency
start_workers 1
await_ready # the worker's JVM start is not part of an upload's latency
for i in $(seq 1 "$small"); do
    key="raw/bench-latency/small-$i.MF4"
    s3 cp testdata/can/css-electronics/2F6913DB-00000004-00000001.MF4 "s3://drive-logs/$key"
    uploaded=$(now)
    until [ "$(sql "SELECT count(*) FROM drive_logs WHERE object_key = '$key' AND status <> 'PENDING'")" -eq 1 ]; do
        sleep 0.05
    done
    latencies+=("$(sql "SELECT extract(epoch FROM ingested_at) - $uploaded FROM drive_logs WHERE object_key = '$key'")")
done
stop_workers >/dev/null
read -r p50 p95 worst < <(printf '%s\n' "${latencies[@]}" | python3 -c 'import sys
v = sorted(float(x) for x in sys.stdin)
q = lambda p: v[min(len(v) - 1, int(round(p * (len(v) - 1))))]
print("%.2f %.2f %.2f" % (q(0.5), q(0.95), v[-1]))')
fi

echo "$(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "set: $files MF4 files, $((set_bytes / 1000000)) MB, ${convert_frames:-?} frames; worker processes -Xmx$heap," \
    "claims of 10 s; seconds from releasing the cataloged logs to running workers (JVM start not timed;" \
    "workers look for work every 1 s when idle) to the last INGESTED; busy: from the first ingest's start to the" \
    "last INGESTED, as the catalog records them"
echo "| run | worker processes | drive logs | seconds | MB/s | frames/s | busy seconds | busy MB/s | result |" \
    "duplicates | peak RSS MB | kill -9 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
wants throughput && printf '| hil-rig convert to candump (decode only), one file after the other | - | %d | %.1f | %.2f | %.0f | | | | | | |\n' \
    "$files" "$convert_secs" "$(echo "$set_bytes / 1000000 / $convert_secs" | bc -l)" \
    "$(echo "$convert_frames / $convert_secs" | bc -l)"
{ wants throughput || wants memory; } && printf '| hil-rig convert to candump (decode only), the same frames as one file in one JVM | - | 1 (%d MB) | %.1f | %.2f | %.0f | | | | | | |\n' \
    "$((one_bytes / 1000000))" "$one_secs" "$(echo "$one_bytes / 1000000 / $one_secs" | bc -l)" \
    "$(echo "$one_frames / $one_secs" | bc -l)"
if wants latency; then
    echo "upload -> INGESTED, $small small MF4 (214 KB) one at a time: p50 $p50 s, p95 $p95 s, max $worst s"
fi
if wants query; then
    echo "POST /api/query, signal rows (SELECT count(*) FROM signals): $query_rows"
    echo "Parquet objects the ingest put into the query cache: $cached"
    echo "max(Speed) per vehicle: first after the ingest $query_first"
    echo "  again: $query_warm"
    echo "  with the query cache emptied (Parquet downloaded from S3 first): $query_fetching"
fi
