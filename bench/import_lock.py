"""How long a write at the station waits while a large customer import is confirmed (probe 36:
a 100,000-row file held the write lock ~14 s), and how long the import holds that lock.

    .venv/bin/python bench/import_lock.py [rows]      # default 20,000

On a fresh SQLite file (IMMEDIATE transactions, as the site runs; such a lock stops every write
of every station): the file of ``rows`` new customers (a phone, an address, a village and a
group each) is imported, then imported again with every name changed. ``inside``: the whole
import in one transaction, as before (the plan made under the lock); ``now``: as the code is.
0.3 s after an import starts, another thread takes the write lock for a one-row update and its
wait is timed; ``applying`` is the time under the lock. ``MODES=now`` runs one mode. Figures to
stdout. (The site's SQLite connection waits 20 s for the lock, then the write fails: a clerk's
call not saved.)

2026-12-05, the shared 2-core machine under a load of 12-15 (stop 47), 10,000 rows:
    inside     new: import 16.80 s, planning 4.76 s, applying 11.87 s; a write waited 16.465 s
    inside changed: import 18.27 s, planning 5.09 s, applying 12.94 s; a write waited 17.873 s
       now     new: import 13.93 s, planning 3.13 s, applying 10.58 s; a write waited 0.001 s
       now changed: import 20.25 s, planning 4.83 s, applying 15.21 s; a write waited 0.001 s
A write arriving while the plan is applied still waits for it (seconds for 10,000 rows).
Before the phones were looked up by number, the ``now new`` plan took 51 s: 10,000 new phones
against the 10,000 customers the ``inside`` runs had stored (SQLite walked every customer of the
station for each number).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _file(rows: int, prefix: str, tag: str) -> bytes:
    # Phones of their own for each mode: a phone another customer has is a warning to work out.
    phone = 13_900_000_000 if prefix == "inside" else 13_800_000_000
    lines = ["account_number,name,phones,address,village,group"]
    lines += [
        f"{prefix}{i:07d},用户{i}{tag},{phone + i},地址{i},村{i % 50},{i % 7 + 1}组"
        for i in range(rows)
    ]
    return "\n".join(lines).encode()


MODES = os.environ.get("MODES", "inside,now").split(",")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    folder = tempfile.mkdtemp(prefix="import-lock-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["POWERDESK_SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from powerdesk.accounts.models import User
    from powerdesk.customers import import_apply, importing
    from tests.base import Cast, build_cast

    cast = Cast()
    build_cast(cast)
    apply = import_apply.import_apply
    held: list[float] = []

    def timed_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return apply(*args, **kwargs)
        finally:
            held.append(time.perf_counter() - start)

    importing.import_apply = timed_apply  # type: ignore[assignment]
    plan = importing._plan
    planned: list[float] = []

    def timed_plan(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return plan(*args, **kwargs)
        finally:
            planned.append(time.perf_counter() - start)

    importing._plan = timed_plan  # type: ignore[assignment]
    for mode in MODES:
        for tag, what in (("", "new"), ("x", "changed")):
            data = _file(rows, mode, tag)
            took: dict[str, float] = {}
            planned.clear()

            def run(data=data, mode=mode, took=took) -> None:  # type: ignore[no-untyped-def]
                start = time.perf_counter()
                if mode == "inside":
                    with transaction.atomic():
                        importing.customer_import(
                            station=cast.station_a,
                            stream=io.BytesIO(data),
                            file_name="bench.csv",
                            user=cast.chief,
                        )
                else:
                    importing.customer_import(
                        station=cast.station_a,
                        stream=io.BytesIO(data),
                        file_name="bench.csv",
                        user=cast.chief,
                    )
                took["import"] = time.perf_counter() - start
                connection.close()

            thread = threading.Thread(target=run)
            thread.start()
            time.sleep(0.3)
            start = time.perf_counter()
            with transaction.atomic():
                User.objects.filter(pk=cast.chief.pk).update(full_name="bench")
            waited = time.perf_counter() - start
            thread.join()
            print(
                f"{mode:>6} {what:>7}: import of {rows:,} rows {took['import']:.2f} s, "
                f"planning {' + '.join(f'{p:.2f}' for p in planned)} s, applying {held[-1]:.2f} s; "
                f"a write meanwhile waited {waited:.3f} s"
            )


if __name__ == "__main__":
    main()
