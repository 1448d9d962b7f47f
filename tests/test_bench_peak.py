"""The bench's peak memory is the measured command's own, not the bench process's."""
import os
import subprocess
import sys

from bench.run import timed

BIG = 300 << 20  # bytes the caller touches before starting a small command


def _raise_own_high_water_mark() -> None:
    block = b"x" * BIG  # written, so resident
    del block


def test_a_small_command_started_by_a_big_process_reports_its_own_peak():
    _raise_own_high_water_mark()
    # the premise: started directly, a child's ru_maxrss carries this process's peak
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    _, _, usage = os.wait4(p.pid, 0)
    assert usage.ru_maxrss * 1024 >= BIG
    run = timed([sys.executable, "-c", "pass"])
    assert run["exit"] == 0
    assert run["peak_rss_mb"] < 100


def test_a_command_that_holds_memory_reports_it():
    run = timed([sys.executable, "-c", f"b = b'x' * {200 << 20}"])
    assert 200 <= run["peak_rss_mb"] < 300
    assert run["cpu_seconds"] > 0


def test_exit_code_and_stderr_of_the_command():
    run = timed([sys.executable, "-c", "import sys; print('said', file=sys.stderr); sys.exit(3)"])
    assert run["exit"] == 3
    assert run["stderr"] == "said"
