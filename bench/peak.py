"""Run a command and report its peak memory as its own, not its caller's.

On Linux a child keeps its parent's address space until it calls exec (Python's
subprocess starts children with vfork), and exec records that address space's high-water
mark in the child's ru_maxrss. So a 55 MB extraction started by the bench, whose own peak
is 150 MB after generating a 100 k corpus, reads as 150 MB. Started from this small
process instead, the figure wait4 gives is the command's own (and its workers').

    python -m bench.peak OUT.json CMD [ARG...]

Writes {"exit", "maxrss_kb", "cpu_seconds"} to OUT.json; the command's stdin, stdout and
stderr are this process's. Imports nothing heavy: its own size is the floor of the figure.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, cmd = argv[0], argv[1:]
    p = subprocess.Popen(cmd)
    _, status, usage = os.wait4(p.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"exit": code, "maxrss_kb": usage.ru_maxrss,
                   "cpu_seconds": usage.ru_utime + usage.ru_stime}, f)
    return code if 0 <= code < 256 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
