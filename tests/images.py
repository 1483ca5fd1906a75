"""Pictures made on the spot for tests of photo uploads (no files kept in the repository)."""

from __future__ import annotations

import io

from PIL import Image

GPS_LATITUDE = (25.0, 30.0, 17.0)  # the house in 哔叭, to the second


def phone_jpeg(size: tuple[int, int] = (640, 480), orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: the maker, the GPS position and the orientation in EXIF."""
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 20, 200), (0, 0, size[0] // 4, size[1] // 4))  # a blue top-left corner
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "E", (101.0, 14.0, 9.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def picture(fmt: str, size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, fmt)
    return out.getvalue()
