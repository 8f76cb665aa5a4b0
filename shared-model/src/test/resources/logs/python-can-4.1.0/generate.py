"""Writes the same 3000 CAN / CAN FD messages with python-can's own writers (BLF, ASC, candump) and lists them in
expected.txt, so that our readers are judged against files a foreign implementation wrote.

Run with Debian's python3-can 4.1.0 (apt-get install python3-can) in UTC:  TZ=UTC python3 generate.py
expected.txt columns: epoch microseconds, 0-based python-can channel, hex id, then flags E(xtended) R(emote)
F(D) B(RS) I (ESI) T(x), '-' for none, then hex data.
"""
import can

T0 = 1700000000.0  # on a whole millisecond: python-can's BLF header keeps the start to the millisecond only
FD_LENGTHS = [12, 16, 20, 24, 32, 48, 64]


def messages():
    for i in range(3000):
        micros = 1_700_000_000_000_000 + i * 1000 + (i % 7) * 13
        kind = i % 10
        common = dict(timestamp=micros / 1e6, channel=i % 2, is_rx=(i % 3 != 0))
        if kind == 0:
            length = FD_LENGTHS[i % 7]
            yield micros, can.Message(arbitration_id=(i * 37) % 0x800, is_extended_id=False, is_fd=True,
                                      bitrate_switch=bool(i & 16), error_state_indicator=bool(i & 32),
                                      data=bytes((i + k) & 0xFF for k in range(length)), **common)
        elif kind == 1:
            yield micros, can.Message(arbitration_id=(i * 7919) % 0x20000000, is_extended_id=True,
                                      data=bytes((i * k) & 0xFF for k in range(i % 9)), **common)
        elif kind == 2:
            yield micros, can.Message(arbitration_id=i % 0x800, is_extended_id=False, is_remote_frame=True,
                                      **common)
        else:
            yield micros, can.Message(arbitration_id=(i * 13) % 0x800, is_extended_id=False,
                                      data=bytes((i ^ k) & 0xFF for k in range(8)), **common)


def flags(m):
    f = "".join(c for c, on in [("E", m.is_extended_id), ("R", m.is_remote_frame), ("F", m.is_fd),
                                ("B", m.bitrate_switch), ("I", m.error_state_indicator), ("T", not m.is_rx)] if on)
    return f or "-"


msgs = list(messages())
with can.BLFWriter("frames.blf") as blf, can.ASCWriter("frames.asc") as asc, \
        can.CanutilsLogWriter("frames.log") as log, open("expected.txt", "w") as expected:
    for micros, m in msgs:
        blf.on_message_received(m)
        asc.on_message_received(m)
        log.on_message_received(m)
        expected.write(f"{micros} {m.channel} {m.arbitration_id:X} {flags(m)} {bytes(m.data).hex().upper()}\n")
