"""How long the urgency rules take on a long note (walk56, H2: quadratic before, 69 s for
4,000 characters), and the ratio of each time to the 500-character one, in the same run.

    python3 -m uv run python bench/long_notes.py

Linear work doubles with the length (ratios near 1, 2, 4, 8); quadratic work quadruples.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LENGTHS = (500, 1000, 2000, 4000)
NOTES = {
    "a danger, no punctuation": "电线掉了",
    "a danger, in clauses": "电线掉了，",
    "a medical need": "家里老人用制氧机停电了",
    "English": "wire down ",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    import django

    django.setup()
    from powerdesk.servicedesk.understanding.urgency import findings

    print("note".ljust(28) + "".join(f"{n:>9}" for n in LENGTHS) + "   ratios to 500")
    for name, unit in NOTES.items():
        times = []
        for length in LENGTHS:
            text = (unit * (length // len(unit) + 1))[:length]
            started = time.perf_counter()
            findings(text)
            times.append(time.perf_counter() - started)
        shown = "".join(f"{t:>8.2f}s" for t in times)
        ratios = " ".join(f"{t / times[0]:.1f}" for t in times)
        print(f"{name:<28}{shown}   {ratios}")


if __name__ == "__main__":
    main()
