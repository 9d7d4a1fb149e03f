#!/usr/bin/env python3
"""Measures privx-roles from outside through a pseudo-terminal (the way a person's terminal sees it).

  pty_probe.py first-frame BIN N RUNS   seconds from process start of `BIN --demo --demo-size N`
                                        to the first screen that shows role rows (median of RUNS)
  pty_probe.py bytes BIN N              bytes written to a 120x40 terminal for one selection move,
                                        one page down and one filter keystroke; for a move and a page
                                        down, split into the move itself (the first 80 ms) and the
                                        detail pane following the selection once it rests (after
                                        120 ms), plus the average per key while j is held (10 keys)

Prints one JSON object on stdout.
"""
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

import pyte

COLS, ROWS = 120, 40
# The roles table's title reads "Roles (shown of total)"; a total above 0 means the rows are drawn in the same frame.
ROWS_LOADED = re.compile(r"Roles \((\d+) of ([1-9]\d*)\)")


def spawn(binary, size):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        os.execve(binary, [binary, "--demo", "--demo-size", str(size)], env)
    return pid, fd, start


def read_some(fd, timeout):
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        read_some(fd, 0.05)
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


def shows_rows(screen):
    return any(ROWS_LOADED.search(line) for line in screen.display[:4])


def wait_for_rows(fd, timeout=60):
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chunk = read_some(fd, 0.01)
        if chunk:
            stream.feed(chunk)
            if shows_rows(screen):
                return time.monotonic()
    return None


def first_frame(binary, size, runs):
    samples = []
    for _ in range(runs):
        pid, fd, start = spawn(binary, size)
        seen = wait_for_rows(fd)
        stop(pid, fd)
        if seen is None:
            raise SystemExit(f"no role rows on screen within 60 s for --demo-size {size}")
        samples.append(seen - start)
    samples.sort()
    return {"roles": size, "runs": runs, "median_s": samples[len(samples) // 2], "min_s": samples[0], "max_s": samples[-1]}


def drain(fd, quiet):
    """Reads until nothing arrives for `quiet` seconds."""
    while read_some(fd, quiet):
        pass


# The detail pane follows a resting selection after 120 ms; what arrives within 80 ms is the move itself.
IMMEDIATE = 0.08


def bytes_split(fd, key, window=0.4):
    """Bytes written within IMMEDIATE seconds after the key, and after that until the window ends."""
    os.write(fd, key)
    start = time.monotonic()
    immediate = later = 0
    deadline = start + window
    while time.monotonic() < deadline:
        chunk = read_some(fd, max(0.0, deadline - time.monotonic()))
        if time.monotonic() - start <= IMMEDIATE:
            immediate += len(chunk)
        else:
            later += len(chunk)
    return immediate, later


def bytes_after(fd, key, window=0.4):
    immediate, later = bytes_split(fd, key, window)
    return immediate + later


def summary(samples):
    samples = sorted(samples)
    return {"min": samples[0], "median": samples[len(samples) // 2], "max": samples[-1], "samples": samples}


def held_key(fd, key, presses=10, interval=0.03, window=0.6):
    """Bytes per key while a key auto-repeats (every 30 ms), including the one detail update at the end."""
    total = 0
    for _ in range(presses):
        os.write(fd, key)
        deadline = time.monotonic() + interval
        while time.monotonic() < deadline:
            total += len(read_some(fd, max(0.0, deadline - time.monotonic())))
    deadline = time.monotonic() + window
    while time.monotonic() < deadline:
        total += len(read_some(fd, max(0.0, deadline - time.monotonic())))
    return total // presses


def terminal_bytes(binary, size, repetitions=7):
    pid, fd, _ = spawn(binary, size)
    try:
        if wait_for_rows(fd) is None:
            raise SystemExit("no role rows on screen within 60 s")
        drain(fd, 1.0)
        result = {"roles": size, "cols": COLS, "rows": ROWS}
        for name, key in (("selection_move", b"j"), ("page_down", b"\x1b[6~")):
            moves, follows = [], []
            for _ in range(repetitions):
                drain(fd, 0.3)
                immediate, later = bytes_split(fd, key)
                moves.append(immediate)
                follows.append(later)
            result[name] = summary(moves)
            result[name + "_detail_follow"] = summary(follows)
        samples = []
        for _ in range(3):
            os.write(fd, b"g")          # from the top, so the held moves stay inside the visible rows
            drain(fd, 0.3)
            samples.append(held_key(fd, b"j"))
        result["selection_move_held"] = summary(samples)
        os.write(fd, b"g")
        drain(fd, 0.3)
        os.write(fd, b"/")
        samples = []
        for character in b"linux\x7f\x7f\x7f\x7f\x7f":
            drain(fd, 0.3)
            samples.append(bytes_after(fd, bytes([character])))
        samples.sort()
        result["filter_keystroke"] = {"min": samples[0], "median": samples[len(samples) // 2], "max": samples[-1], "samples": samples}
        return result
    finally:
        stop(pid, fd)


def main():
    mode, binary, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "first-frame":
        print(json.dumps(first_frame(binary, size, int(sys.argv[4]) if len(sys.argv) > 4 else 3)))
    elif mode == "bytes":
        print(json.dumps(terminal_bytes(binary, size)))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
