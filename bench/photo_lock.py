"""How long a write at the station waits while a crew's photos are stored (probe 36, F3), and what
a tiny PNG of 70 million pixels costs.

    .venv/bin/python bench/photo_lock.py /work/notes/out/probe36/files

On a fresh SQLite file (IMMEDIATE transactions, as the site runs): one thread stores five copies
(each made distinct) of ``phone12mp.jpg`` on an order through ``work_order_photos_once``; 0.3 s
later another takes the write lock for a one-row update, and its wait is timed. ``inside``: the
pictures decoded inside the transaction, as before the fix (the whole call wrapped in one);
``now``: as the code is. Then ``photo_prepare`` of ``big70mp.png`` (68 KB, 8400 × 8400) as the
code is, and with the pixels-per-byte bound lifted (as before). Figures go to stdout.

2026-12-05, the shared 2-core machine (fix36c):
    inside: upload of 5 × 12 MP 3.12 s; a write meanwhile waited 2.887 s
       now: upload of 5 × 12 MP 2.21 s; a write meanwhile waited 0.001 s
    big70mp.png (68,659 bytes), bound: refused in 0.000 s
    big70mp.png (68,659 bytes), no bound: taken in 1.495 s
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lock_wait import fresh_site, write_waits_while


def main() -> None:
    files = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/notes/out/probe36/files")
    folder, cast = fresh_site("photo-lock-")
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    settings.MEDIA_ROOT = str(folder / "media")
    from powerdesk.lib import photos
    from powerdesk.servicedesk.order_field import work_order_photos_once
    from powerdesk.servicedesk.services import work_order_create

    jpeg = (files / "phone12mp.jpg").read_bytes()

    def uploads(tag: str) -> list[SimpleUploadedFile]:
        # The same picture with different trailing bytes: five photos, each decoded.
        return [
            SimpleUploadedFile(f"{tag}{n}.jpg", jpeg + tag.encode() + bytes([n]), "image/jpeg")
            for n in range(5)
        ]

    for mode in ("inside", "now"):
        order = work_order_create(
            station=cast.station_a, user=cast.clerk, category="fault_repair", summary="bench"
        )
        chosen = uploads(mode)

        def store(order=order, chosen=chosen, mode=mode) -> None:  # type: ignore[no-untyped-def]
            if mode == "inside":
                with transaction.atomic():
                    work_order_photos_once(work_order=order, uploads=chosen, user=cast.clerk)
            else:
                work_order_photos_once(work_order=order, uploads=chosen, user=cast.clerk)

        took, waited = write_waits_while(store, cast)
        print(
            f"{mode:>6}: upload of 5 × 12 MP {took:.2f} s; a write meanwhile waited {waited:.3f} s"
        )
    bomb = (files / "big70mp.png").read_bytes()
    for label, per_byte in (("bound", photos.PHOTO_PIXELS_PER_BYTE), ("no bound", 10**9)):
        photos.PHOTO_PIXELS_PER_BYTE = per_byte
        start = time.perf_counter()
        try:
            photos.photo_prepare(SimpleUploadedFile("big70mp.png", bomb, "image/png"))
            said = "taken"
        except photos.PhotoError:
            said = "refused"
        print(
            f"big70mp.png ({len(bomb):,} bytes), {label}: "
            f"{said} in {time.perf_counter() - start:.3f} s"
        )


if __name__ == "__main__":
    main()
