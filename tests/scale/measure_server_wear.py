"""How a warm Dafny server wears: RSS and seconds per request over a long run.

Not a test (pytest does not collect it): run it to choose ``RECYCLE_REQUESTS`` and
``RECYCLE_GROWTH_BYTES`` in ``vericode/dafny/run/pool.py``.

    .venv/bin/python tests/scale/measure_server_wear.py --requests 400 --every 25

One server (``jobs=1``, never recycled), no verdict cache, the same reference program
verified again and again (a fresh file name each time, as every request has); prints
one line per ``--every`` requests: RSS, its growth since the first request, and the
mean seconds of the last ``--every`` requests against the first ``--every``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from vericode.dafny.run.pool import ServerPool
from vericode.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--program", type=Path, default=ROOT / "problems" / "binary_search.ref.dfy")
    args = parser.parse_args()
    text = args.program.read_text(encoding="utf-8")
    settings = Settings(timeout=30, cache=False, cache_dir=Path(tempfile.mkdtemp()))
    with ServerPool.from_settings(settings, jobs=1) as pool:
        pool.recycle_requests, pool.recycle_growth_bytes = 0, 0  # never recycle here
        first_rss, window, base = 0, [], 0.0
        for n in range(1, args.requests + 1):
            start = time.monotonic()
            verdict = pool.verify(text, "wear.dfy").verdict.value
            window.append(time.monotonic() - start)
            (server,) = pool._all
            rss = server.rss_bytes() or 0
            first_rss = first_rss or rss
            if n % args.every == 0:
                mean = statistics.fmean(window)
                base = base or mean
                print(f"{n:5d} requests  rss {rss / 2**20:7.1f} MiB  growth "
                      f"{(rss - first_rss) / 2**20:6.1f} MiB  mean {mean:.3f} s "
                      f"({100 * (mean / base - 1):+.0f}% vs first {args.every})  {verdict}",
                      flush=True)
                window = []


if __name__ == "__main__":
    main()
