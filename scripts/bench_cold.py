#!/usr/bin/env python3
"""Cold-start replay bench: what a validation engineer gets from `./fleet rig replay` in a fresh JVM.

For each scenario (1 bus, 4 buses) and each run it
  1. generates a candump log (SECONDS at RATE frames/s, spread round-robin over the buses; every frame's payload
     carries its index, so the receiver knows its scheduled time),
  2. starts a receiver in ANOTHER process that binds a UDP socket on 127.0.0.1 and stamps every datagram with the
     kernel's receive time (SO_TIMESTAMPNS, read from recvmsg's ancillary data),
  3. starts the real CLI in a fresh JVM: `<cli> replay t.log --out cannelloni://127.0.0.1:PORT ...`,
  4. reads /proc/stat before and after the replay for the CPU steal,
  5. reports lateness at the receiver: a frame's receive time minus its scheduled time, with the schedule aligned on
     the first frame (its scheduled time is taken to be its receive time, so a late first frame makes every later
     frame early). Percentiles are of |lateness| (early counts as much as late); `earliest` is the most negative.
     The first second of the timeline and the whole run are reported separately.
  6. reads the replay's KPI report for its source stalls: how often and how long the sender waited because the reader
     had not queued the next record yet (first second and whole run).

Used by scripts/bench-cold.sh; standard library only (python3 >= 3.8 on Linux).
"""
import argparse
import json
import os
import select
import shlex
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux value; python does not export it
SCM_TIMESTAMPNS = SO_TIMESTAMPNS
SECOND = 1_000_000_000


def generate_log(path, rate, seconds, buses):
    """candump log, frame i at i/rate s on can(i % buses), payload = i (u32 BE) + 4 bytes."""
    count = rate * seconds
    base_us = 1_700_000_000_000_000
    with open(path, "w") as out:
        for i in range(count):
            t = base_us + (i * 1_000_000) // rate
            out.write("(%d.%06d) can%d %03X#%08X00112233\n" % (t // 1_000_000, t % 1_000_000, i % buses,
                                                            0x100 + (i % 0x400), i))
    return count


def scheduled_ns(index, rate):
    return (index * 1_000_000) // rate * 1000  # the log's microsecond resolution


def receive(port_file, stamps_file, idle_seconds):
    """Receiver process: writes (kernel ns, frame index) pairs until idle after SIGTERM or after idle_seconds."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.bind(("127.0.0.1", 0))
    stamps = []
    malformed = 0
    stopping = [False]
    signal.signal(signal.SIGTERM, lambda *_: stopping.__setitem__(0, True))
    with open(port_file + ".tmp", "w") as f:
        f.write(str(sock.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    anc_size = socket.CMSG_SPACE(16)
    last = time.monotonic()
    while True:
        ready, _, _ = select.select([sock], [], [], 0.2)
        if not ready:
            # after the sender said it is done (SIGTERM), wait only until the socket is drained
            if stopping[0] or time.monotonic() - last > idle_seconds:
                break
            continue
        data, anc, _, _ = sock.recvmsg(1500, anc_size)
        last = time.monotonic()
        kernel_ns = None
        for level, kind, payload in anc:
            if level == socket.SOL_SOCKET and kind == SCM_TIMESTAMPNS:
                sec, nsec = struct.unpack("qq", payload[:16])
                kernel_ns = sec * SECOND + nsec
        if kernel_ns is None or len(data) < 5 or data[0] != 2:
            malformed += 1
            continue
        stamps.append((kernel_ns, data))
    with open(stamps_file, "w") as out:
        out.write("malformed %d\n" % malformed)
        for kernel_ns, data in stamps:
            count = (data[3] << 8) | data[4]
            pos = 5
            for _ in range(count):
                length = data[pos + 4] & 0x7F
                fd = data[pos + 4] & 0x80
                pos += 5 + (1 if fd else 0)
                index = struct.unpack(">I", data[pos:pos + 4])[0]
                pos += length
                out.write("%d %d\n" % (kernel_ns, index))


def read_stat():
    with open("/proc/stat") as f:
        fields = f.readline().split()
    values = [int(v) for v in fields[1:9]]
    return values[7], sum(values)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[rank]


def summarize(values_ns):
    magnitudes = sorted(abs(v) for v in values_ns)
    return {
        "n": len(values_ns),
        "p50": percentile(magnitudes, 50) / 1000,
        "p99": percentile(magnitudes, 99) / 1000,
        "p999": percentile(magnitudes, 99.9) / 1000,
        "max": (magnitudes[-1] / 1000) if magnitudes else float("nan"),
        "earliest": (min(values_ns) / 1000) if values_ns else float("nan"),
    }


def one_run(args, log, count, buses, work):
    port_file = os.path.join(work, "port")
    stamps_file = os.path.join(work, "stamps")
    for f in (port_file, stamps_file):
        if os.path.exists(f):
            os.remove(f)
    pin = ["taskset", "-c", str(args.receiver_cpu)] if args.receiver_cpu is not None else []
    receiver = subprocess.Popen(pin + [sys.executable, os.path.abspath(__file__), "receive", port_file, stamps_file,
                                       str(args.idle)])
    while not os.path.exists(port_file):
        if receiver.poll() is not None:
            raise SystemExit("receiver failed to start")
        time.sleep(0.01)
    port = int(open(port_file).read())
    outs = []
    for b in range(buses):
        outs += ["--out", "B%d=cannelloni://127.0.0.1:%d" % (b + 1, port)]
    maps = ",".join("%d=B%d" % (b + 1, b + 1) for b in range(buses))
    kpi = os.path.join(work, "kpi.json")
    if os.path.exists(kpi):
        os.remove(kpi)
    cmd = shlex.split(args.cli) + ["replay", log] + outs + ["--map", maps, "--report", kpi] + shlex.split(args.extra)
    load = open("/proc/loadavg").read().split()[0]
    steal0, total0 = read_stat()
    started = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - started
    steal1, total1 = read_stat()
    receiver.send_signal(signal.SIGTERM)
    receiver.wait()
    steal_pct = 100.0 * (steal1 - steal0) / max(1, total1 - total0)
    received = {}
    malformed = 0
    with open(stamps_file) as f:
        malformed = int(f.readline().split()[1])
        for line in f:
            kernel_ns, index = line.split()
            received.setdefault(int(index), int(kernel_ns))
    if not received:  # a miss like any other: every frame dropped
        nan = float("nan")
        return {"exit": proc.returncode, "wall": wall, "steal": steal_pct, "load": load, "first": summarize([]),
                "all": summarize([]), "median": {"p99": nan, "p999": nan, "max": nan, "min": nan, "first": nan},
                "dropped": count, "malformed": malformed, "own": [], "tail": "nothing received",
                "stalls": source_stalls(kpi),
                "stderr": proc.stderr.strip().splitlines()[-2:]}
    first = min(received)
    offset = received[first] - scheduled_ns(first, args.rate)
    lateness_all = []
    lateness_first_second = []
    for index, kernel_ns in received.items():
        late = kernel_ns - scheduled_ns(index, args.rate) - offset
        lateness_all.append(late)
        if scheduled_ns(index, args.rate) - scheduled_ns(first, args.rate) < SECOND:
            lateness_first_second.append(late)
    # The same arrivals aligned on the median offset instead: the schedule as most frames saw it. A late first frame
    # then shows as late (aligned on it, it makes the others early and hides frames late by less than it).
    offsets = sorted(kernel_ns - scheduled_ns(index, args.rate) for index, kernel_ns in received.items())
    median = offsets[len(offsets) // 2]
    late_vs_median = [o - median for o in offsets]
    own = [line.strip() for line in proc.stdout.splitlines() if "lateness" in line]
    # Where the tail is: stretches of frames more than 0.5 ms late against the median (frames within 10 ms of each
    # other form one), as "seconds into the run: worst us (frames)", so a slow start, a periodic stall or one hiccup
    # can be told apart.
    stretches = []
    for index in sorted(received):
        late = received[index] - scheduled_ns(index, args.rate) - median
        if late <= 500_000:
            continue
        at = scheduled_ns(index, args.rate) - scheduled_ns(first, args.rate)
        if stretches and at - stretches[-1][1] < 10_000_000:
            stretches[-1][1] = at
            stretches[-1][2] = max(stretches[-1][2], late)
            stretches[-1][3] += 1
        else:
            stretches.append([at, at, late, 1])
    tail = ", ".join("%.3f s: %.0f us (%d)" % (a / 1e9, worst / 1000, n) for a, _, worst, n in stretches[:6])
    if len(stretches) > 6:
        tail += ", ... %d more" % (len(stretches) - 6)
    return {
        "tail": tail or "none",
        "exit": proc.returncode, "wall": wall, "steal": steal_pct, "load": load,
        "first": summarize(lateness_first_second), "all": summarize(lateness_all),
        "median": {"p99": percentile(late_vs_median, 99) / 1000, "p999": percentile(late_vs_median, 99.9) / 1000,
                   "max": late_vs_median[-1] / 1000, "min": late_vs_median[0] / 1000,
                   "first": (received[first] - scheduled_ns(first, args.rate) - median) / 1000},
        "dropped": count - len(received), "malformed": malformed, "own": own, "stalls": source_stalls(kpi),
        "stderr": proc.stderr.strip().splitlines()[-1:] if proc.returncode else [],
    }


def source_stalls(kpi_file):
    """The replay's own count of the sender waiting for the reader, all outputs: (first second, whole run), each
    (count, total us, longest us); None when the replay wrote no KPI report (or one without stalls)."""
    try:
        with open(kpi_file) as f:
            outputs = json.load(f)["outputs"]
        result = []
        for key in ("sourceStallsFirstSecond", "sourceStalls"):
            stalls = [o[key] for o in outputs]
            result.append((sum(s["count"] for s in stalls), sum(s["totalMicros"] for s in stalls),
                           max(s["maxMicros"] for s in stalls)))
        return result
    except (OSError, ValueError, KeyError, TypeError):
        return None


def fmt_stalls(stalls):
    if stalls is None:
        return "n/a"
    return "; ".join("%d (%.0f / %.0f)" % s for s in stalls)


def fmt(s):
    return "%.1f / %.1f / %.1f / %.1f" % (s["p50"], s["p99"], s["p999"], s["max"])


def bench(args):
    work = tempfile.mkdtemp(prefix="bench-cold-")
    print("# %s; cli: %s %s; %d runs; %s" % (time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), args.cli,
                                           args.extra, args.runs, args.label), flush=True)
    print("| scenario | run | first second p50 / p99 / p99.9 / max us | whole run p50 / p99 / p99.9 / max us "
          "| earliest us | median-aligned: first frame / p99 / p99.9 / max / min us | dropped | steal | load | exit "
          "| source stalls first second; whole run: count (total / longest us) "
          "| replay's own report (sender lateness) | frames > 0.5 ms late (s into the run: worst (frames)) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    met = 0
    total = 0
    for buses in args.buses:
        log = os.path.join(work, "t%d.log" % buses)
        count = generate_log(log, args.rate, args.seconds, buses)
        for run in range(1, args.runs + 1):
            time.sleep(args.pause)
            r = one_run(args, log, count, buses, work)
            ok = r["all"]["p99"] <= 100 and r["all"]["max"] <= 2000 and r["dropped"] == 0
            met += ok
            total += 1
            m = r["median"]
            print("| %d/s, %d bus%s%s | %d | %s | %s | %.1f | %.1f / %.1f / %.1f / %.1f / %.1f | %d | %.1f %% | %s "
                  "| %d | %s | %s | %s |" % (
                args.rate, buses, "es" if buses > 1 else "", ", " + args.label if args.label else "", run,
                fmt(r["first"]), fmt(r["all"]), r["all"]["earliest"], m["first"], m["p99"], m["p999"], m["max"],
                m["min"], r["dropped"], r["steal"], r["load"],
                r["exit"], fmt_stalls(r["stalls"]), "; ".join(r["own"] + r["stderr"]), r["tail"]), flush=True)
    print("target (whole run p99 <= 100 us, max <= 2 ms, 0 dropped) met in %d of %d runs" % (met, total))
    if not args.keep:
        for name in os.listdir(work):
            os.remove(os.path.join(work, name))
        os.rmdir(work)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "receive":
        receive(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--rate", type=int, default=8000)
    p.add_argument("--seconds", type=int, default=5)
    p.add_argument("--buses", type=lambda s: [int(b) for b in s.split(",")], default=[1, 4])
    p.add_argument("--cli", default="./fleet rig", help="command that runs the rig CLI, default './fleet rig'")
    p.add_argument("--extra", default="", help="more replay options, e.g. '--no-progress'")
    p.add_argument("--label", default="", help="named in the scenario column")
    p.add_argument("--pause", type=float, default=2.0, help="seconds between runs")
    p.add_argument("--idle", type=float, default=120.0, help="receiver gives up after this long without data")
    p.add_argument("--keep", action="store_true", help="keep the generated logs and stamps")
    p.add_argument("--receiver-cpu", type=int, default=None,
                   help="run the receiver on this CPU only (taskset), e.g. 0 with --extra '--sender-cpu 1'")
    bench(p.parse_args())


if __name__ == "__main__":
    main()
