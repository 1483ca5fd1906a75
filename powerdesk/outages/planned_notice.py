"""What staff tell callers about a planned outage: the window in words.

When staff leave "what to tell callers" empty, PowerDesk writes it from the window, in the
station's language (it is read out to villagers), and writes it again when the outage is moved.
Staff's own words are kept when it is moved, but they may name the old date: the outage is
marked so (``NoticeSource.BEFORE_MOVE``) until staff write it again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from powerdesk.outages.models import NoticeSource, Outage

__all__ = ["notice_after_move", "notice_kept_on_move", "window_notice"]


def window_notice(*, starts_at: dt.datetime, ends_at: dt.datetime, cause: str = "") -> str:
    """The planned window in words, e.g.
    "计划停电：05月12日 08:30–16:30（更换绝缘子），请提前做好准备。"

    A window over midnight names both days.
    """
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    with translation.override(settings.LANGUAGE_CODE):
        day = date_format(start, "MONTH_DAY_FORMAT")
        if start.date() == end.date():
            window = f"{day} {start:%H:%M}–{end:%H:%M}"
        else:
            window = f"{day} {start:%H:%M}–{date_format(end, 'MONTH_DAY_FORMAT')} {end:%H:%M}"
        if cause:
            text = _("Planned outage: %(window)s (%(cause)s); please be prepared.") % {
                "window": window,
                "cause": cause,
            }
        else:
            text = _("Planned outage: %(window)s; please be prepared.") % {"window": window}
    return text[:300]


def notice_after_move(outage: Outage, *, typed: str | None) -> tuple[str, str]:
    """The notice and whose it is after ``outage`` is moved to its new window.

    ``typed`` is the text staff gave with the move (None: they gave none). A new text of
    theirs is theirs; an empty one, or PowerDesk's own from before, is written from the new
    window; staff's old text is kept but may name the old date.
    """
    assert outage.expected_restore_at is not None  # a planned outage has its end
    typed = typed.strip()[:300] if typed is not None else None
    if typed is not None and typed != outage.notice:
        if typed:
            return typed, NoticeSource.STAFF
        return _window(outage), NoticeSource.WINDOW
    if not outage.notice or outage.notice_source == NoticeSource.WINDOW:
        return _window(outage), NoticeSource.WINDOW
    return outage.notice, NoticeSource.BEFORE_MOVE


def notice_kept_on_move(outage: Outage, *, typed: str | None) -> bool:
    """Whether moving ``outage`` with ``typed`` (``notice_after_move``) keeps staff's old text,
    which may name the old date: said in the ask before the move, at the text, for staff to
    write it again there (walkthrough 35, 12)."""
    kept = typed is None or typed.strip()[:300] == outage.notice
    return kept and bool(outage.notice) and outage.notice_source != NoticeSource.WINDOW


def _window(outage: Outage) -> str:
    assert outage.expected_restore_at is not None
    return window_notice(
        starts_at=outage.starts_at, ends_at=outage.expected_restore_at, cause=outage.cause
    )
