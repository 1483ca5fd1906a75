"""Dates and times written one way on every page, in each language (``FORMAT_MODULE_PATH``).

Pages mostly write their dates with an explicit ``|date:"Y-m-d"``; a date printed without a
format used Django's locale default instead ("2026年9月17日", "Sept. 17, 2026") beside them.
Here the default is the pages' own. Month and day alone ("12月10日") stay the locale's: a
planned outage's notice to customers is worded with them (``outages.planned_notice``).

``LARGE_COUNT_UNIT``, ours: the unit a language says large counts in (Chinese ten thousands, 万;
English millions), for ``lib.photos.pixels_said``.
"""
