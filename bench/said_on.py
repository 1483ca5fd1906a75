"""How long reading a note for "power is on" takes as the note grows (review39, N2): each word of
power on was read with its whole clause, so the time grew with the note's length squared
(42,000 characters took 18 s). The reading now stops at ``said_on.READ_CHARS`` (2,000
characters, the intake's longest note): past that, the time stays flat.

    python3 -m uv run python bench/said_on.py
    python3 -m uv run python bench/said_on.py --sizes 2000 8000 42000 --rounds 3

Prints the best of ``--rounds`` wall-clock times of ``power_said_on`` and ``power_on_in`` on a
note of repeated "power is back " (English) and "我家有电，" (Chinese) for each size.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best(fn: Callable[[str], object], text: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 42000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from powerdesk.outages.said_on import READ_CHARS, power_on_in, power_said_on

    print(f"READ_CHARS = {READ_CHARS}")
    print(f"{'note':<10}{'chars':>8}{'power_said_on ms':>18}{'power_on_in ms':>16}")
    for words, unit in (("English", "power is back "), ("Chinese", "我家有电，")):
        for size in args.sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            said = best(power_said_on, text, args.rounds) * 1000
            on = best(power_on_in, text, args.rounds) * 1000
            print(f"{words:<10}{size:>8}{said:>18.1f}{on:>16.1f}")


if __name__ == "__main__":
    main()
