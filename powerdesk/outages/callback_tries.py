"""A household's tries on an outage's callback list, each kept (``OutageCallbackTry``: who,
when, what came of it, the note), and the callback's summary of them (its last try's outcome,
score, note, who and when, and the count) written with each in one place: ``try_add``, called
by every path that records a try (the callbacks page and API, an order's callback settling the
list's row, the household's "1" by text), under the callback's row lock."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.models.made_by import who_made
from powerdesk.lib.language import station_language
from powerdesk.outages.models import OutageCallback, OutageCallbackTry
from powerdesk.servicedesk.models import Callback
from powerdesk.servicedesk.same_try import sent_again

if TYPE_CHECKING:
    from powerdesk.accounts.models import ApiToken, User

__all__ = ["same_try", "tries_said", "try_add", "try_line"]

# The callback's fields that say its last try (``try_add`` writes them with each try).
SUMMARY = [
    "outcome", "satisfaction", "still_off", "tried_at", "tried_by", "tried_by_key", "note"
]  # fmt: skip


def try_add(
    callback: OutageCallback,
    *,
    user: User | None,
    outcome: str,
    at: dt.datetime,
    key: ApiToken | None = None,
    satisfaction: int | None = None,
    still_off: bool = False,
    note: str = "",
    counted: bool = True,
) -> list[str]:
    """One try kept, and ``callback`` made to say it as its last (not saved: the fields
    changed are returned, for the caller's one save with its own). ``key``: the API key it was
    made with (a system's, ``user`` None), named as who made it. ``counted``: a try of the
    list's, counted in ``attempts``; an order's call that settled the row is counted on the
    order (review68 M3) and kept here uncounted."""
    OutageCallbackTry.objects.create(
        callback=callback,
        outcome=outcome,
        satisfaction=satisfaction,
        still_off=still_off,
        note=note,
        tried_by=user,
        tried_by_key=key,
        tried_at=at,
    )
    callback.outcome, callback.satisfaction, callback.still_off = outcome, satisfaction, still_off
    callback.tried_at, callback.tried_by, callback.note = at, user, note
    callback.tried_by_key = key
    if not counted:
        return list(SUMMARY)
    callback.attempts += 1
    return [*SUMMARY, "attempts"]


def same_try(
    callback: OutageCallback,
    user: User | None,
    outcome: str,
    note: str,
    key: ApiToken | None = None,
) -> bool:
    """The same person's (or API key's) try with the same outcome and words kept in the last
    ``SAME_TRY_WITHIN``: this one sent again (``servicedesk.same_try``, the one guard a work
    order's callback has too). Read with the callback's row held (``outage_callback_record``).
    Reaching the household ends the callback: never one sent again."""
    if outcome == Callback.Outcome.REACHED:
        return False
    earlier = sent_again(
        callback.tries.all(),
        at="tried_at", tried_by=user, tried_by_key=key, outcome=outcome, note=note,
    )  # fmt: skip
    return earlier is not None


def tries_said(callback: OutageCallback) -> str:
    """Every try in one line, oldest first, for a file's cell: "12-07 15:30 王五 未联系上：
    没人接；12-07 15:32 李秀英 未联系上". The tries made before each was kept are counted first.
    Reads ``callback.tries.all()`` (prefetched by the list)."""
    tries: list[Any] = list(callback.tries.all())
    said = []
    earlier = callback.tries_not_kept
    if earlier:
        said.append(
            ngettext("%(n)s earlier try, not kept", "%(n)s earlier tries, not kept", earlier)
            % {"n": earlier}
        )
    for one in tries:
        at = timezone.localtime(one.tried_at).strftime("%m-%d %H:%M")
        who = one.tried_by_said
        what = str(one.get_outcome_display())
        if one.note:
            what = _("%(outcome)s: %(note)s") % {"outcome": what, "note": one.note}
        said.append(" ".join(part for part in (at, who, what) if part))
    return _("; ").join(said)


def try_line(callback: OutageCallback) -> str:
    """The outage's history line of the callback's last try: the household, what came of it
    (in the station's words: stored), its note ("王五 · 未联系上 · 没人接"); a try made with an
    API key (no person: the line's ``by`` is empty) names the key, as the callbacks page does
    ("… · 接口令牌：县公司看板": desk76)."""
    with station_language():
        outcome = str(callback.get_outcome_display())
        key = who_made(None, callback.tried_by_key) if callback.tried_by is None else ""
    parts = (callback.customer.name, outcome, callback.note, key)
    return " · ".join(part for part in parts if part)
