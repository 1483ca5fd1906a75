"""A household already cut off whose words, recorded since, name a medical need: the station's
chiefs are told at once (review74, L5).

The words go on the case all the same (``words_later.said_later_record``: the page's "What the
household says now", the API, a call's note); a disconnected case is not reopened by them, and
its badge and the chief's home say it. That waits for someone to look: the chiefs are now told
in PowerDesk ("Notices to you", with a text message or an email when the station sends its
staff those), the case linked (``Notification.subject``), once per line recorded (the
notice's key names the line: a double submit, recorded once, tells once). The need is read
as it is on an open case (``vulnerable_read``: what blocks a disconnection); an elderly person
alone is not told so.
The station has no notion of a dispatcher on duty: its chiefs only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.vulnerable import blocking_words, vulnerable_read

if TYPE_CHECKING:
    from powerdesk.arrears.models import ArrearsEvent

__all__ = ["CUT_NEED", "cut_need_last_told", "cut_need_tell", "cut_need_told", "cut_need_words"]

# The in-app notices' template (``notifications.texts.render_text``) and ``Notification.Kind``.
CUT_NEED = "cut_need"
_KEY = "cutneed"


def cut_need_tell(case: ArrearsCase, line: ArrearsEvent, words: str) -> int:
    """Tell the station's chiefs that the household of ``case``, disconnected, says ``words``
    (recorded as ``line``) naming a medical need; nothing when the case is not disconnected or
    the words name no need that blocks. Returns how many were told."""
    reading = vulnerable_read(words)
    if case.stage != ArrearsCase.Stage.DISCONNECTED or not reading.blocks:
        return 0
    from powerdesk.notifications import audience
    from powerdesk.notifications.models import Event
    from powerdesk.notifications.services import notice_raise

    station = case.station
    recipients = audience.staff(station, audience.chiefs(station), CUT_NEED)
    if not recipients:
        return 0
    customer = case.customer
    notice_raise(
        station=station,
        event=Event.ESCALATION,
        key=f"{_KEY}:{case.pk}:{line.pk}",
        recipients=recipients,
        facts={
            "name": customer.name,
            "account": customer.account_number,
            "words": words[:120],
            # Said by the village liaison, from a number the household shares (review77 L12).
            "liaison": (line.note_args or {}).get("liaison", ""),
            # The need as read ("制氧机", "透析"): the chief learns which from the notice
            # itself (walk76, L4).
            "need": _("、").join(blocking_words(words)) or reading.said(60),
            "inapp": {"kind": CUT_NEED},
        },
        subject=case,
    )
    return len({r.who.get("user_id") for r in recipients})


def cut_need_words(facts: dict[str, Any], *, in_app: bool = False) -> str:
    """The notice's words (``_cut_need_words``), and who said them when it was the village
    liaison, from a number the household shares (review77 L12)."""
    said = _cut_need_words(facts, in_app=in_app)
    if facts.get("liaison"):
        said += " " + _(
            "Said by the village liaison %(liaison)s, on a number the household shares."
        ) % {"liaison": facts["liaison"]}
    return said


def _cut_need_words(facts: dict[str, Any], *, in_app: bool = False) -> str:
    """The notice in the active language: who is cut off, the medical need named (as read),
    what to do. ``in_app``: a line of "Notices to you", whose badge says what it is (a
    household cut off names a medical need): not said again (walk77 L5)."""
    if in_app:
        who = {"name": facts.get("name", ""), "account": facts.get("account", "")}
        if facts.get("need"):
            return _(
                "%(name)s (%(account)s): %(need)s. Visit now to check; if it is so, restore "
                "power at once."
            ) % {**who, "need": facts["need"]}
        return (
            _("%(name)s (%(account)s). Visit now to check; if it is so, restore power at once.")
            % who
        )
    if facts.get("need"):
        return _(
            "Disconnected household names a medical need (%(need)s): %(name)s (%(account)s). "
            "Visit now to check; if it is so, restore power at once."
        ) % {
            "need": facts["need"],
            "name": facts.get("name", ""),
            "account": facts.get("account", ""),
        }
    return _(
        "Disconnected household names a medical need: %(name)s (%(account)s). Visit now to "
        "check; if it is so, restore power at once."
    ) % {"name": facts.get("name", ""), "account": facts.get("account", "")}


def cut_need_told(case_id: int, line_id: int) -> bool:
    """Whether the chiefs were told of the words recorded as the line ``line_id`` of the case
    ``case_id`` (``cut_need_tell``): what intake says after the household's call (walk76, L3)."""
    from powerdesk.notifications.models import Notice

    return Notice.objects.filter(key=f"{_KEY}:{case_id}:{line_id}").exists()


def cut_need_last_told(case: ArrearsCase) -> dict[str, Any] | None:
    """When the chiefs were last told of the disconnected household's words (``cut_need_tell``):
    ``at``, the ``need`` read, and who was ``told`` (their names); None when never. The case's
    page says it instead of what will happen (walk77 L4)."""
    from powerdesk.notifications.models import Delivery, Notice

    notice = (
        Notice.objects.filter(station_id=case.station_id, key__startswith=f"{_KEY}:{case.pk}:")
        .order_by("-created_at", "-pk")
        .first()
    )
    if notice is None:
        return None
    users = (
        Delivery.objects.filter(notice=notice, user__isnull=False)
        .select_related("user")
        .order_by("user_id")
    )
    told = list(dict.fromkeys(str(d.user) for d in users if d.user is not None))
    return {"at": notice.created_at, "need": notice.facts.get("need", ""), "told": told}
