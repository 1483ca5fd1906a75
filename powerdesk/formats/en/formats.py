"""English: as every page writes dates (see ``powerdesk.formats``)."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
# Large counts are said in millions: 80 megapixels (``photos.pixels_said``).
LARGE_COUNT_UNIT = 1_000_000
