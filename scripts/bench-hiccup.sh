#!/usr/bin/env bash
# Platform hiccup probe: is a replay's timing tail the machine's or ours? A thread that does nothing but read the clock
# (scripts/hiccup/hiccup.c, and the same loop in a JVM, scripts/hiccup/HiccupProbe.java) records every gap between two
# reads: time it was kept off the CPU with no code of ours in the way. The sleeper variant waits --sleep-us at a time
# (clock_nanosleep / LockSupport.parkNanos, as a parked sender waits) and records how late it wakes. Counts gaps over
# 0.1, 0.5 and 2 ms, the largest (whole run and first second), the time lost in gaps > 0.1 ms and the worst gaps as
# "s into the run:us". With --cold, every round is followed by one `scripts/bench-cold.sh` run (1 bus) with the same
# pinning, so probe and replay share conditions. One Markdown row per probe run, with load average and CPU steal.
#
# Usage: scripts/bench-hiccup.sh [--rounds 3] [--seconds 5] [--modes spin,sleep] [--langs c,java] [--sleep-us 100]
#                                [--cpu N] [--cold] [--cold-extra '--spin-us 0'] [--sender-cpu N --receiver-cpu M]
#                                [--cli 'java -Xms1g -Xmn768m -jar hil-rig/target/hil-rig.jar']
#   --cpu N          run the probes on CPU N only (taskset), as --sender-cpu N puts the replay's sender
#   --cold           after each round, one fresh-JVM replay (scripts/bench-cold.sh --runs 1 --buses 1)
#   --sender-cpu N --receiver-cpu M   passed to that replay ('--extra --sender-cpu N', '--receiver-cpu M')
#   --cold-extra '...'                more replay options for it (bench-cold.sh --extra), e.g. '--spin-us 0'
#   --cli '...'                       the CLI it runs (bench-cold.sh --cli), default './fleet rig'
# The C probe needs cc/gcc (skipped with a note otherwise); the Java one runs as a single-file program (java 11+).
# See BENCHMARKS.md ("The platform's own ceiling").
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 seconds=5 modes=spin,sleep langs=c,java sleep_us=100 cpu="" cold=0 cold_extra="" cli="" sender_cpu="" receiver_cpu=""
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --modes) modes=$2; shift 2 ;;
        --langs) langs=$2; shift 2 ;;
        --sleep-us) sleep_us=$2; shift 2 ;;
        --cpu) cpu=$2; shift 2 ;;
        --cold) cold=1; shift ;;
        --cold-extra) cold_extra=$2; shift 2 ;;
        --cli) cli=$2; shift 2 ;;
        --sender-cpu) sender_cpu=$2; shift 2 ;;
        --receiver-cpu) receiver_cpu=$2; shift 2 ;;
        *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done

work=$(mktemp -d -t bench-hiccup.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [[ ",$langs," == *",c,"* ]]; then
    if compiler=$(command -v cc || command -v gcc); then
        "$compiler" -O2 -Wall -o "$work/hiccup" scripts/hiccup/hiccup.c
    else
        echo "note: no C compiler (cc/gcc), the C probe is skipped" >&2
        langs=${langs//c/}
    fi
fi
pin=()
[ -n "$cpu" ] && pin=(taskset -c "$cpu")

# steal and total jiffies from /proc/stat's cpu line
stat() { awk '/^cpu /{t=0; for(i=2;i<=9;i++) t+=$i; print $9, t}' /proc/stat; }

probe() { # lang mode
    local args=("$2" "$seconds")
    [ "$2" = sleep ] && args+=("$sleep_us")
    if [ "$1" = c ]; then
        "${pin[@]}" "$work/hiccup" "${args[@]}"
    else
        "${pin[@]}" java -XX:+UseSerialGC -Xshare:auto scripts/hiccup/HiccupProbe.java "${args[@]}"
    fi
}

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(nproc) CPUs; probes ${seconds} s${cpu:+ on CPU $cpu}; sleeper ${sleep_us} us"
echo "| round | probe | mode | load | steal | gaps > 0.1 / 0.5 / 2 ms | max us (first second) | lost ms | worst (s:us) |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
    for lang in ${langs//,/ }; do
        for mode in ${modes//,/ }; do
            load=$(cut -d' ' -f1 /proc/loadavg)
            read -r s0 t0 < <(stat)
            line=$(probe "$lang" "$mode")
            read -r s1 t1 < <(stat)
            steal=$(awk -v a="$s0" -v b="$s1" -v c="$t0" -v d="$t1" 'BEGIN{printf "%.1f %%", 100*(b-a)/((d-c)>0?(d-c):1)}')
            # key=value pairs from the probe into variables named after the keys
            declare -A kv=()
            for pair in $line; do kv[${pair%%=*}]=${pair#*=}; done
            label=$mode
            [ "$mode" = sleep ] && label="sleep ${sleep_us} us"
            echo "| $round | $lang${cpu:+ (CPU $cpu)} | $label | $load | $steal" \
                "| ${kv[gaps_over_0.1ms]} / ${kv[over_0.5ms]} / ${kv[over_2ms]} | ${kv[max_us]} (${kv[first_second_max_us]})" \
                "| ${kv[lost_ms]} | ${kv[worst]:-none} |"
            unset kv
        done
    done
    if [ "$cold" = 1 ]; then
        extra="${sender_cpu:+--sender-cpu $sender_cpu }$cold_extra"
        cold_cmd=(scripts/bench-cold.sh --runs 1 --buses 1 --pause 1 --extra "$extra" --label "${extra:-default}")
        [ -n "$receiver_cpu" ] && cold_cmd+=(--receiver-cpu "$receiver_cpu")
        [ -n "$cli" ] && cold_cmd+=(--cli "$cli")
        "${cold_cmd[@]}" | grep '^| [0-9]*/s' | sed "s/^/cold round $round: /"
    fi
done
