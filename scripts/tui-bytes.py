#!/usr/bin/env python3
"""Runs the real `rehab` full-screen app on a pseudo-terminal (80x24, xterm-256color) and
measures what a user's terminal receives: the time from start to the first complete frame and
the bytes written for each keypress. Used by scripts/bench.sh; prints one JSON object.

usage: tui-bytes.py REHAB_BINARY DB_PATH [RUNS]
"""
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

WIDTH, HEIGHT = 80, 24


def spawn(binary, db):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                   SWIFT_BACKTRACE="interactive=no")
        os.execve(binary, [binary, "--db", db], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    return pid, fd


def read_until_quiet(fd, quiet, deadline=5.0):
    """Reads until nothing arrived for `quiet` seconds; returns (bytes, time of last byte)."""
    data = b""
    last = time.monotonic()
    end = last + deadline
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.monotonic()
    return data, last


def first_frame(binary, db):
    start = time.monotonic()
    pid, fd = spawn(binary, db)
    data, last = read_until_quiet(fd, 0.25)
    return pid, fd, last - start, len(data)


def press(fd, key, quiet=0.15):
    os.write(fd, key)
    data, _ = read_until_quiet(fd, quiet)
    return len(data)


def stop(pid, fd):
    os.write(fd, b"q")
    read_until_quiet(fd, 0.2)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def main():
    binary, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    starts = []
    for _ in range(runs):
        pid, fd, seconds, _ = first_frame(binary, db)
        starts.append(seconds * 1000)
        stop(pid, fd)
    pid, fd, _, first_bytes = first_frame(binary, db)
    today_scroll = [press(fd, b"j") for _ in range(5)]
    switches = []
    # Today -> Plan -> History.
    switches.append(press(fd, b"\t"))
    switches.append(press(fd, b"\t"))
    history_rows = [press(fd, b"j") for _ in range(40)]
    page = [press(fd, b"\x1b[6~") for _ in range(5)]
    switches += [press(fd, b"\t") for _ in range(6)]
    stop(pid, fd)
    print(json.dumps({
        # The end of the first burst of output; includes the 0.25 s of quiet only as a bound.
        "first_frame_ms_median": statistics.median(starts),
        "first_frame_bytes": first_bytes,
        "scroll_today_bytes_median": statistics.median(today_scroll),
        "scroll_history_row_bytes_median": statistics.median(history_rows),
        "scroll_history_row_bytes_max": max(history_rows),
        "page_down_history_bytes_median": statistics.median(page),
        "switch_screen_bytes_median": statistics.median(switches),
        "full_screen_cells": WIDTH * HEIGHT,
    }))


if __name__ == "__main__":
    main()
