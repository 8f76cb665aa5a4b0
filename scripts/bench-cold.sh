#!/usr/bin/env bash
# Cold-start replay timing as a validation engineer gets it: every run starts the real CLI in a fresh JVM
# (`./fleet rig replay t.log --out cannelloni://127.0.0.1:PORT ...`) and a receiver in another process (python3,
# scripts/bench_cold.py) stamps each datagram with the kernel's receive time (SO_TIMESTAMPNS). The log is generated:
# 5 s at 8,000 frames/s on 1 bus and on 4 buses, each frame's payload carrying its index. Prints one Markdown row
# per run: lateness at the receiver (schedule aligned on the first frame; p50/p99/p99.9/max of |lateness|) for the
# first second and the whole run, dropped frames, CPU steal over the run from /proc/stat, the load average, the
# replay's source stalls from its KPI report (the sender waiting for the reader: count, total and longest wait, first
# second and whole run), and the replay's own (sender-side) figures. See hil-rig/README.md ("Cold start") and
# BENCHMARKS.md.
#
# Usage: scripts/bench-cold.sh [--runs 3] [--buses 1,4] [--rate 8000] [--seconds 5] [--receiver-cpu 0]
#                              [--cli 'java -jar hil-rig/target/hil-rig.jar'] [--extra='--warm-up 0'] [--label X]
# The default --cli is './fleet rig' (it builds on first use); needs python3 >= 3.8 on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bench_cold.py "$@"
