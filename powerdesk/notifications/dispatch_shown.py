"""A crew's text (sent to a job, or told the job it is on is now urgent) in the reader's words,
within its SMS.

Every fact a crew needs makes the text long: an urgent one would run to three SMS with many
villages, a routine one to two. An urgent text is kept within two parts of a concatenated SMS
(``TWO_SMS``), a routine one within one (``ONE_SMS``) where the trimming gets it there, else
within two. Trimmed in this order, each only as far as needed: an outage's villages down to the
first ("左门·哔叭等12处"), then the caller's words (to 20 characters, then 10, cut as
``dispatch_texts.words_cut`` cuts them: the words of the danger stay), then a long landmark,
and last the "等" that says the tag names not every reason (``reasons_shown``).
Whether it is urgent and why, the job's number, by when to be on site and the number to ring
are never cut. A text for a screen (a line of "Notices to you", the webhook) is not trimmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.lib.days import day_and_time
from powerdesk.notifications.dispatch_texts import CUT, words_cut
from powerdesk.notifications.texts import ONE_SMS, TWO_SMS

__all__ = ["CREW_TEXTS", "crew_text", "reasons_shown"]

CREW_TEXTS = ("crew_dispatched", "crew_made_urgent", "crew_made_urgent_app")
SHORTER_WORDS = (20, 10)  # the caller's words, cut further when the text is too long
LANDMARK = 12  # characters of a landmark kept when the text is still too long
WHY_SHOWN = 2  # a medical need and the dangers said in a crew's text, an outage's besides


def crew_text(template: str, context: dict[str, Any], *, sms: bool) -> str:
    """The crew's text from its facts in ``context`` (times already read); for an SMS,
    trimmed to its length (an urgent one to two parts, a routine one to one where it can be).
    A line of "Notices to you" that a job is now urgent says which and why, in the words of the
    crew's card (``made_urgent_words``)."""
    if template == "crew_made_urgent_app":
        return made_urgent_words(
            str(context.get("number", "")),
            context.get("why") or [],
            added=bool(context.get("added")),
            new=context.get("new") or [],
            repeated=bool(context.get("repeated")),
        )
    _dispatch_words(context)
    tries = _trimmed(template, context)
    if not sms:
        return next(tries)
    shown = list(tries)
    goals = (TWO_SMS,) if context.get("urgent") else (ONE_SMS, TWO_SMS)
    for goal in goals:
        for text in shown:
            if len(text) <= goal:
                return text
    return shown[-1]


def _trimmed(template: str, context: dict[str, Any]) -> Iterator[str]:
    """The text as it is, then trimmed a step further each time, in the order of the module's
    doc."""
    villages = [str(v) for v in context.get("villages") or []]
    count = max(int(context.get("village_count") or 0), len(villages))
    keep = len(villages)
    words = str(context.get("note") or context.get("summary") or "")
    landmark = str(context.get("landmark") or "")

    def text() -> str:
        context["where"] = _where(str(context.get("place") or ""), villages[:keep], count)
        context["words"] = words
        context["landmark"] = landmark
        path = f"notifications/texts/{template}.txt"
        return " ".join(render_to_string(path, context).split())

    yield text()
    while keep > 1:
        keep -= 1
        yield text()
    for most in SHORTER_WORDS:
        if len(words) > most:
            words = words_cut(words, most)
            yield text()
    if len(landmark) > LANDMARK:
        landmark = landmark[: LANDMARK - 1] + CUT
        yield text()
    if context.get("why_bare"):  # the tag's "等" the very last: two parts still, rather
        context["why"] = context["why_bare"]
        yield text()


def made_urgent_words(
    number: str,
    why: list[str],
    *,
    added: bool = False,
    new: list[str] | None = None,
    repeated: bool = False,
) -> str:
    """That job ``number`` is now urgent, and why (``why``: each danger's code, a medical need
    at home): "工单 2026-02464 已转为紧急：家中有医疗用电需要", as the order's call says it
    (``urgent_why.reasons_said``: the same order and words). ``added``: the job was urgent
    already and a call brings a new reason, ``new`` (its codes): "工单 2026-02473 新增紧急情况：
    家中有医疗用电需要" (walk40, 3, not "已转为紧急" of a job urgent from its start), that one
    alone, not every reason of the job; ``repeated``: the call names only reasons the job had
    (``new`` then holds them): "工单 2026-02473 又有紧急来电：家中有医疗用电需要"."""
    from powerdesk.servicedesk.urgent_why import reasons_said

    if added and new:
        return made_urgent_said(number, reasons_said(new), added=True, repeated=repeated)
    return made_urgent_said(number, reasons_said(why), added=added)


def made_urgent_said(number: str, why: str, *, added: bool = False, repeated: bool = False) -> str:
    """``made_urgent_words`` with why already in words ("" for none said)."""
    if added and repeated and why:
        return _("Another urgent call on job %(number)s: %(why)s") % {
            "number": number,
            "why": why,
        }
    if added and why:
        return _("New urgent reason on job %(number)s: %(why)s") % {"number": number, "why": why}
    if added:
        return _("New urgent reason on job %(number)s") % {"number": number}
    if why:
        return _("Job %(number)s is now urgent: %(why)s") % {"number": number, "why": why}
    return _("Job %(number)s is now urgent") % {"number": number}


def _where(place: str, villages: list[str], count: int) -> str:
    """The place, then the villages (or groups of a village: 左门·哔叭) shown, with how many
    in all when some are not, as the households' texts say it ("等5处")."""
    if not villages:
        return place
    shown = pgettext("list separator", ", ").join(villages)
    if count > len(villages):
        shown = _("%(places)s and more, %(count)d places in all") % {
            "places": shown,
            "count": count,
        }
    return " ".join(p for p in (place, shown) if p)


def _why_word(kind: str, context: dict[str, Any]) -> str:
    """One reason of a crew's text in words (``urgent_why.reason_words``, short: a medical
    need, a danger, an outage's households, ``households``)."""
    from powerdesk.servicedesk.urgent_why import reason_words

    households = context.get("households")
    return reason_words(
        kind, households=int(households) if households is not None else None, short=True
    )


def reasons_shown(codes: list[str]) -> list[str]:
    """The reasons a crew's text says, in the order every place says them
    (``urgent_why.reasons_in_order``): a medical need first, then the dangers, two of these at
    most; then an outage's households, outside those two (review39, M4: said first, it pushed a
    medical need out of the two). A text leaving one out says so ("…等": ``_dispatch_words``)."""
    from powerdesk.servicedesk.urgent_why import OUTAGE_CODE, reasons_in_order

    ordered = reasons_in_order(codes)
    own = [kind for kind in ordered if kind != OUTAGE_CODE]
    return own[:WHY_SHOWN] + [kind for kind in ordered if kind == OUTAGE_CODE]


def _dispatch_words(context: dict[str, Any]) -> None:
    """A crew's job in the reader's words: its category, why it is urgent (each danger, a
    medical need) and by when to be on site (with its day when that is not today)."""
    from powerdesk.servicedesk.models import Category
    from powerdesk.servicedesk.urgent_why import reasons_in_order

    code = str(context.get("category", ""))
    context["category"] = Category(code).label if code in Category.values else code
    codes = context.get("why") or []
    shown = reasons_shown(codes)
    why = _("、").join(_why_word(kind, context) for kind in shown)
    if len(reasons_in_order(codes)) > len(shown):
        # A reason the tag leaves out is said to be there (walk43, 4: the tag dropped 冒烟, which
        # the text then announced as new): "【紧急：医疗需要、放电打火、停电（11 户）等】".
        context["why_bare"] = why
        why = _("%(reasons)s and more") % {"reasons": why}
    context["why"] = why
    # A call's reasons on a job urgent already (``staff_notices.notify_crew_made_urgent``):
    # the new one(s), all of them, said after the job's number.
    new = context.get("new") or []
    context["new"] = _("、").join(_why_word(kind, context) for kind in reasons_in_order(new))
    deadline = context.get("deadline")
    if isinstance(deadline, dt.datetime):
        context["deadline_when"] = day_and_time(deadline)
