"""Chinese: as every page writes dates (see ``powerdesk.formats``)."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
# Large counts are said in ten thousands (万): 8000 万像素, not 80 百万 (``photos.pixels_said``).
LARGE_COUNT_UNIT = 10_000
