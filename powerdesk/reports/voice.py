"""The voice of the customer: what a station's callers talked about in a month, where from, and
what is rising against the six months before (the rules are in ``keywords``).

Bounded work: the month's notes are read once (one query, only their text, village and
category) and cut into keywords in Python; the counts of the month's keywords in the six months
before come from one grouped query (a conditional count per keyword per month), never from
reading those months' notes. The result is cached per station and month, keyed by a digest of
what it reads of the seven months' calls (``_read_state``), so a new call, one taken late for an
earlier month or a note corrected makes a fresh one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.lib.params import month_bounds
from powerdesk.reports.keywords import (
    PRIOR_MONTHS,
    Trend,
    counts_in,
    keywords,
    place_pattern,
    strip_places,
    surface_forms,
)
from powerdesk.servicedesk.models import Call, Category
from powerdesk.servicedesk.understanding.categories import OTHER
from powerdesk.servicedesk.understanding.system_text import caller_words

__all__ = ["GroupVoice", "Keyword", "MonthVoice", "mentions", "month_voice"]

TOP_KEYWORDS = 20  # of the month
TOP_IN_GROUP = 5  # of each village and category
CACHE_VERSION = 6  # 2: the station's words, phrases and synonyms; 3: nouns only, no broken words;
# 4: no "not a request" calls; 5: not the lines the system wrote (the public page's); 6: similes
# as their topic ("萤火虫" as 电压低), who the caller speaks for ("群众", "代表") no topic
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Keyword:
    word: str
    weight: float  # TF-IDF over the month's notes
    trend: Trend


@dataclass(frozen=True)
class GroupVoice:
    """One village's or one category's notes of the month and their own keywords."""

    key: str  # the village's id or the category's code ("" for none)
    notes: int
    keywords: tuple[tuple[str, int], ...]  # word, notes of the group containing it


@dataclass(frozen=True)
class MonthVoice:
    year: int
    month: int
    calls: int  # every call of the month, with a note or not
    notes: int  # calls with a note
    keywords: tuple[Keyword, ...]
    villages: tuple[GroupVoice, ...]  # the most notes first
    categories: tuple[GroupVoice, ...]
    places: tuple[tuple[str, int], ...]  # a village's or group's name, notes naming it
    # Calls per category in this month and the six before: (YYYY-MM, {category: n}), oldest first
    category_months: tuple[tuple[str, dict[str, int]], ...]

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def by_count(self) -> list[Keyword]:
        """The keywords as the page, the workbook and the PDF's chart list them: the most notes
        first (the bars and the column are counts), a tie by weight (walk74 finding 10)."""
        return sorted(self.keywords, key=lambda k: (-k.trend.count, -k.weight))

    @property
    def rising(self) -> list[Keyword]:
        return sorted(
            (k for k in self.keywords if k.trend.rising),
            key=lambda k: -(k.trend.lift or 0),
        )


# A test call, a wrong number or nothing said: classed "other" and given no category by staff.
# Its words ("测试") are no customer's voice, so the keywords leave it out.
NOT_A_REQUEST = Q(category="", suggested_category=OTHER)


def month_voice(station: Station, year: int, month: int) -> MonthVoice:
    """The month's voice of the customer, from the cache when its calls have not changed."""
    months = _months_back(year, month)
    window_start = month_bounds(*months[0])[0]
    window_end = month_bounds(year, month)[1]
    key = (
        f"voice:{CACHE_VERSION}:{station.pk}:{year:04d}-{month:02d}:"
        f"{_read_state(station, window_start, window_end)}"
    )
    found = cache.get(key)
    if isinstance(found, MonthVoice):
        return found
    voice = _analyse(station, year, month, months)
    cache.set(key, voice, CACHE_SECONDS)
    return voice


def _read_state(station: Station, start: dt.datetime, end: dt.datetime) -> str:
    """A digest of all the analysis reads of the seven months: each call's note, time, village
    and category, and the station's place names. A call added, a note or a category corrected,
    a village renamed each make a fresh analysis (the number and the last id of the calls
    missed a note corrected: the report said the words it no longer had)."""
    calls = (
        Call.objects.for_station(station)
        .filter(received_at__gte=start, received_at__lt=end)
        .order_by("pk")
        .values_list(
            "pk",
            "received_at",
            "text",
            "category",
            "suggested_category",
            "village_id",
            "customer__village_id",
        )
    )
    digest = hashlib.blake2b(digest_size=16)
    for row in calls.iterator(chunk_size=2000):
        digest.update(repr(row).encode())
    digest.update(repr(sorted(_place_names(station))).encode())
    return digest.hexdigest()


def _analyse(station: Station, year: int, month: int, months: list[tuple[int, int]]) -> MonthVoice:
    start, end = month_bounds(year, month)
    rows = list(
        Call.objects.for_station(station)
        .filter(received_at__gte=start, received_at__lt=end)
        .exclude(NOT_A_REQUEST)
        .order_by()
        # The village the call was about, else the caller's (as the call list filters them).
        .values_list("text", Coalesce("village_id", "customer__village_id"), "category")
    )
    pattern = place_pattern(_place_names(station))
    # The caller's words only: a line the system wrote into the note (the public page's) is
    # no topic of theirs.
    said = [(caller_words(text), village, category) for text, village, category in rows]
    noted = [(text, village, category) for text, village, category in said if text.strip()]
    stripped: list[str] = []
    places: Counter[str] = Counter()
    for text, _village, _category in noted:
        without, named = strip_places(text, pattern)
        stripped.append(without)
        places.update(set(named))
    texts = [text for text, _v, _c in noted]
    top = keywords(stripped, top=TOP_KEYWORDS)
    words = [w for w, _weight in top]
    month_counts = counts_in(texts, words)
    prior = _prior_counts(station, months[:-1], words)
    found = tuple(
        Keyword(
            word=w,
            weight=weight,
            trend=Trend(
                count=month_counts[w],
                notes=len(noted),
                prior_counts=tuple(prior[m][w] for m in months[:-1]),
                prior_notes=tuple(prior[m][""] for m in months[:-1]),
            ),
        )
        for w, weight in top
    )
    return MonthVoice(
        year=year,
        month=month,
        calls=len(rows),
        notes=len(noted),
        keywords=found,
        villages=_groups(noted, stripped, by=1),
        categories=_groups(noted, stripped, by=2),
        places=tuple(places.most_common()),
        category_months=_category_months(station, months),
    )


def _groups(
    noted: list[tuple[str, int | None, str]], stripped: list[str], *, by: int
) -> tuple[GroupVoice, ...]:
    """Each village's (``by=1``) or category's (``by=2``) notes and their own keywords."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(noted):
        members[str(row[by] or "")].append(i)
    groups = []
    for key, indexes in members.items():
        words = [w for w, _weight in keywords([stripped[i] for i in indexes], top=TOP_IN_GROUP)]
        counts = counts_in([noted[i][0] for i in indexes], words)
        groups.append(GroupVoice(key, len(indexes), tuple((w, counts[w]) for w in words)))
    return tuple(sorted(groups, key=lambda g: (-g.notes, g.key)))


def _prior_counts(
    station: Station, months: list[tuple[int, int]], words: list[str]
) -> dict[tuple[int, int], dict[str, int]]:
    """For each month before: its notes (under "") and the notes containing each word, in one
    grouped query."""
    result: dict[tuple[int, int], dict[str, int]] = {m: defaultdict(int) for m in months}
    if not months:
        return result
    start = month_bounds(*months[0])[0]
    end = month_bounds(*months[-1])[1]
    counts = {f"w{i}": Count("pk", filter=mentions(w)) for i, w in enumerate(words)}
    rows = (
        Call.objects.for_station(station)
        .filter(received_at__gte=start, received_at__lt=end)
        .exclude(text="")
        .exclude(NOT_A_REQUEST)
        .annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("month")
        .annotate(notes=Count("pk"), **counts)
    )
    for found in rows:
        row = cast(dict[str, Any], found)
        at = _month_of(row["month"])
        if at not in result:
            continue
        result[at][""] = row["notes"]
        for i, w in enumerate(words):
            result[at][w] = row[f"w{i}"]
    return result


def mentions(topic: str) -> Q:
    """Calls whose note contains the topic in any of its forms (as ``counts_in`` counts them)."""
    found = Q()
    for form in sorted(surface_forms(topic)):
        found |= Q(text__contains=form)
    return found


def _category_months(
    station: Station, months: list[tuple[int, int]]
) -> tuple[tuple[str, dict[str, int]], ...]:
    start = month_bounds(*months[0])[0]
    end = month_bounds(*months[-1])[1]
    rows = (
        Call.objects.for_station(station)
        .filter(received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values_list("month", "category")
        .annotate(n=Count("pk"))
    )
    table: dict[tuple[int, int], dict[str, int]] = {m: {} for m in months}
    for at, category, n in rows:
        table.setdefault(_month_of(at), {})[category or ""] = n
    return tuple((f"{y:04d}-{m:02d}", table[(y, m)]) for y, m in months)


def _place_names(station: Station) -> list[str]:
    names = list(Village.objects.for_station(station).values_list("name", flat=True))
    names += VillageGroup.objects.for_station(station).values_list("name", flat=True)
    return names


def _months_back(year: int, month: int) -> list[tuple[int, int]]:
    """The six months before and the month itself, oldest first."""
    index = year * 12 + month - 1
    return [(i // 12, i % 12 + 1) for i in range(index - PRIOR_MONTHS, index + 1)]


def _month_of(value: dt.date | dt.datetime) -> tuple[int, int]:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.year, value.month


def category_label(code: str) -> str:
    return str(Category(code).label) if code in Category.values else ""
