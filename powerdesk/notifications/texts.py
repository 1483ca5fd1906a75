"""Texts of notices, rendered from templates (``templates/notifications/texts/``) when a delivery
is first sent, in its recipient's language.

A notice keeps its facts as data (times in ISO 8601, names as they are); the words come from the
template in the recipient's language. An SMS is one message of 70 Chinese characters where it
can be: a long list of places is shortened (to three at most, "等 N 处" in all) until the text
fits. A crew's text is kept within two (``dispatch_shown``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from powerdesk.lib.days import beside, day_and_time
from powerdesk.notifications.models import Channel, Delivery

ONE_SMS = 70  # characters of one Chinese SMS (UCS-2)
PLACES_SAID = 3  # places named in a text message at most; more are counted ("等5处")
TWO_SMS = 2 * 67  # of a Chinese SMS in two parts (each part gives 3 to the header joining them)
_TIMES = (
    "etr",
    "etr_low",
    "etr_high",
    "restored",
    "starts",
    "ends",
    "was_starts",
    "was_ends",
    "deadline",
    "received",
)


# The station's name in brackets opening a text ("【光禄供电所】", "[Guanglu station] "): a text
# message needs it; a line of "Notices to you" inside the station's own PowerDesk does not.
_STATION_PREFIX = re.compile(r"^\s*(【[^】]*】|\[[^\]]*\])\s*")


def render(delivery: Delivery) -> str:
    notice = delivery.notice
    with translation.override(delivery.language or "zh-hans"):
        return render_text(
            delivery.template,
            notice.facts,
            sms=delivery.channel == Channel.SMS,
            in_app=delivery.channel == Channel.IN_APP,
        )


def render_text(
    template: str, facts: dict[str, Any], *, sms: bool = True, in_app: bool = False
) -> str:
    """The notice's text in the active language. ``sms``: shortened to one message where it can
    be (a crew's text: ``dispatch_shown``). ``in_app``: a line of "Notices to you", without the
    station's name (it is the reader's own station) and, for a reminder, without its kind (the
    line's badge names it)."""
    if template == "staff_change":  # told in PowerDesk only, worded from its facts
        from powerdesk.accounts.role_grants import staff_change_words

        return staff_change_words(facts)
    if template == "cut_need":  # worded from its facts, whichever the channel
        from powerdesk.arrears.cut_need import cut_need_words

        return cut_need_words(facts, in_app=in_app)
    if in_app:
        if template == "escalation":
            return " ".join(_escalation_about(facts).split())
        text = _STATION_PREFIX.sub("", render_text(template, facts, sms=False))
        return _without_kind(text, facts)
    context: dict[str, Any] = dict(facts)
    for name in _TIMES:
        value = context.get(name)
        if isinstance(value, str) and value:
            context[name] = dt.datetime.fromisoformat(value)
    from powerdesk.notifications.dispatch_shown import CREW_TEXTS, crew_text

    if template in CREW_TEXTS:
        return crew_text(template, context, sms=sms)
    etr = context.get("etr")
    if isinstance(etr, dt.datetime):
        # When power should be back, with its day when that is not today (the crew's card says
        # it so): "about 02:30" sent at 23:00 would read as the night to come, not the next.
        context["etr_when"] = day_and_time(etr)
        for bound in ("etr_low", "etr_high"):
            value = context.get(bound)
            if isinstance(value, dt.datetime):
                context[f"{bound}_when"] = beside(value, etr)
    from powerdesk.lib.plain import plain

    for said in ("cause", "notice"):  # staff's free text: never markup in a text message
        if isinstance(context.get(said), str):
            context[said] = plain(context[said])
    if context.get("cause_kind"):
        from powerdesk.outages.models import cause_words

        context["cause"] = cause_words(str(context["cause_kind"]), str(context.get("cause", "")))
    if template == "urgent_call":
        from powerdesk.servicedesk.models import Category

        code = str(context.get("category", ""))
        context["category"] = Category(code).label if code in Category.values else code
    if template == "escalation":
        context["about"] = _escalation_about(facts)
        context["what"] = _kind_label(str(context.get("what", "")))
    context["repair"] = repair_words(str(context.get("crew_state", "")))
    # Where, as data: the villages, or groups of a village (左门·哔叭), named in the text.
    villages: list[str] = list(context.get("villages") or [])
    keep = min(len(villages), PLACES_SAID) if sms else len(villages)
    # Where, when the facts say it as words (a crew's job: "左门·干海"), is kept as it is.
    worded_place = "place" in facts and not villages
    while True:
        if not worded_place:
            context["place"] = place_words(context.get("device", ""), villages, keep)
            if villages:
                context["place"] = place_with_part(context["place"], context.get("part", ""))
        text = " ".join(render_to_string(f"notifications/texts/{template}.txt", context).split())
        if not sms or len(text) <= ONE_SMS or keep <= 1:
            return text
        keep -= 1


def place_with_part(place: str, part: str) -> str:
    """The place with the part of it an outage is about, while another outage is open in these
    places ("左门·哔叭（2号台区）": ``outage_part``; walk 39, 10); as it is with no part."""
    if not part:
        return place
    return _("%(place)s (%(part)s)") % {"place": place, "part": part}


def place_words(device: str, places: list[str], keep: int) -> str:
    """Where: the first ``keep`` places (villages, or groups: 左门·哔叭) and how many in all
    ("等5处"), or the device's name when no place is known."""
    if not places:
        return device
    shown = _("、").join(places[:keep])
    if keep < len(places):
        return _("%(places)s and more, %(count)d places in all") % {
            "places": shown,
            "count": len(places),
        }
    return shown


def _escalation_about(facts: dict[str, Any]) -> str:
    """What an escalation is about: an order's number and summary, a promise's words, as data;
    or, for a scan's summary, how many ("1,671 work orders due within the hour")."""
    count = int((facts.get("inapp") or {}).get("count") or 1)
    if count > 1:
        from powerdesk.servicedesk.notices import summary_words

        return summary_words(str(facts.get("what", "")), count)
    from powerdesk.servicedesk.history_notes import note_shown

    about = str(facts.get("about", ""))
    said = facts.get("about_said")
    if isinstance(said, dict):
        return note_shown(str(said.get("code", "")), dict(said.get("args") or {}), about)
    if facts.get("what") == "unhappy" and " · " in about:
        # Told before the reason was kept as data: "2026-00012 · 仍未解决" in the station's words.
        number, _dot, reason = about.partition(" · ")
        shown = note_shown("", {}, reason, also=("callback_still_not_fixed", "callback_score"))
        return f"{number} · {shown}"
    return about


def _without_kind(text: str, facts: dict[str, Any]) -> str:
    """A line of "Notices to you" without the kind its badge names, when the text opens with it
    ("紧急来电待开工单：14:05 …" under the badge "紧急来电待开工单": walk77 L5)."""
    kind = str((facts.get("inapp") or {}).get("kind") or "")
    label = _kind_label(kind) if kind else ""
    if label and text[: len(label)].lower() == label.lower():
        rest = text[len(label) :]
        if rest[:1] in (":", "："):
            return rest[1:].strip()
    return text


def _kind_label(kind: str) -> str:
    from powerdesk.servicedesk.models import Notification

    labels = dict(Notification.Kind.choices)
    return str(labels.get(kind, kind))


def repair_words(state: str) -> str:
    """Where the repair of an outage is (``outages.crew.CrewState``), as it is: a repair under
    way only once a crew is there; "a crew is being arranged" until one is sent."""
    return {
        "on_site": _("the crew is on site repairing it"),
        "on_the_way": _("the crew is on its way"),
        "sent": _("a crew has been sent"),
    }.get(state, _("a crew is being arranged"))
