"""The wordings of the history's messages that are more than a string (``history_messages``):
those that follow a count (``Counted``) and the lines put together from their data when shown
(``Composed``), with the parts they are made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, ngettext, pgettext


@dataclass(frozen=True)
class Counted:
    """A message whose words follow a count: ``forms(n)`` is its wording for ``n`` (ngettext's
    forms), the count being the argument named ``count``."""

    forms: Callable[[int], str]
    count: str


@dataclass(frozen=True)
class Composed:
    """A line put together from its data when shown (a list, a cause's kind, the engine's
    evidence), in the reader's words; never recognised from a stored wording."""

    compose: Callable[[dict[str, Any]], str]


def in_house_cause(values: dict[str, Any]) -> str:
    """A cause found inside the customer's house: the kind in the reader's words, then what the
    crew typed ("户内故障（非电网设备） · 表卡没充值"), never the kind in the crew's words
    (walk61, M3: "Inside the customer's house …" on a Chinese page)."""
    kind = gettext("Inside the customer's house (no grid device)")
    return " · ".join(p for p in (kind, str(values.get("words", "")).strip()) if p)


def photos_added(n: int) -> str:
    return ngettext("%(n)d photo added", "%(n)d photos added", n)


def partly_back(n: int) -> str:
    return ngettext(
        "%(back)d household back, %(out)d still out (open: %(codes)s)",
        "%(back)d households back, %(out)d still out (open: %(codes)s)",
        n,
    )


def households_reached(n: int) -> str:
    return ngettext("%(n)d household reached", "%(n)d households reached", n)


def hotline_cards(n: int) -> str:
    return ngettext("%(n)d hotline card", "%(n)d hotline cards", n)


def already_told(n: int) -> str:
    return ngettext(
        "%(n)d household already texted of the outage on %(devices)s below it was not texted again",
        "%(n)d households already texted of the outage on %(devices)s below it were not "
        "texted again",
        n,
    )


def already_told_above(n: int) -> str:
    return ngettext(
        "%(n)d household already texted of the outage on %(devices)s above it was not texted again",
        "%(n)d households already texted of the outage on %(devices)s above it were not "
        "texted again",
        n,
    )


def not_texted_earlier(values: dict[str, Any]) -> str:
    n = int(values["n"])
    return _not_texted(
        ngettext(
            "%(n)d household the outage on %(devices)s above it keeps dark until later was not "
            "texted %(at)s",
            "%(n)d households the outage on %(devices)s above it keeps dark until later were not "
            "texted %(at)s",
            n,
        ),
        values,
    )


def not_texted_earlier_within(values: dict[str, Any]) -> str:
    n = int(values["n"])
    return _not_texted(
        ngettext(
            "%(n)d household the outage on %(devices)s within it keeps dark until later was not "
            "texted %(at)s",
            "%(n)d households the outage on %(devices)s within it keeps dark until later were "
            "not texted %(at)s",
            n,
        ),
        values,
    )


def _not_texted(households: str, values: dict[str, Any]) -> str:
    """The households not texted an earlier time, and the village liaisons left out with them
    (``liaisons``: their ids; those of a village with other households told are texted)."""
    said = households % values
    k = len(values.get("liaisons") or ())
    if k:
        said += ngettext(", nor %(k)d village liaison", ", nor %(k)d village liaisons", k) % {
            "k": k
        }
    return said


def still_out(n: int) -> str:
    return ngettext(
        "%(n)d household still off under the outage on %(devices)s was not texted that power "
        "is back",
        "%(n)d households still off under the outage on %(devices)s were not texted that power "
        "is back",
        n,
    )


def inner_still_on(n: int) -> str:
    return ngettext(
        "The outage on %(devices)s within it stays on",
        "The %(n)d outages on %(devices)s within it stay on",
        n,
    )


def later_time_told(n: int) -> str:
    return ngettext(
        "%(n)d household texted an earlier time by the outage on %(devices)s below it was texted "
        "this one's later time",
        "%(n)d households texted an earlier time by the outage on %(devices)s below it were "
        "texted this one's later time",
        n,
    )


def later_time_told_above(values: dict[str, Any]) -> str:
    n = int(values["n"])
    return _and_liaisons(
        ngettext(
            "%(n)d household texted an earlier time by the outage on %(devices)s above it was "
            "texted this one's later time, %(at)s",
            "%(n)d households texted an earlier time by the outage on %(devices)s above it were "
            "texted this one's later time, %(at)s",
            n,
        ),
        values,
    )


def inner_time_told_above(values: dict[str, Any]) -> str:
    n = int(values["n"])
    return _and_liaisons(
        ngettext(
            "%(n)d household texted a later time by the outage on %(devices)s above it, now "
            "earlier, was texted this one's time, %(at)s",
            "%(n)d households texted a later time by the outage on %(devices)s above it, now "
            "earlier, were texted this one's time, %(at)s",
            n,
        ),
        values,
    )


def liaisons_time_told_above(k: int) -> str:
    return ngettext(
        "%(k)d village liaison told the time of the outage on %(devices)s above it was texted "
        "this one's time, %(at)s",
        "%(k)d village liaisons told the time of the outage on %(devices)s above it were texted "
        "this one's time, %(at)s",
        k,
    )


def _and_liaisons(households: str, values: dict[str, Any]) -> str:
    """The households texted, and the village liaisons texted with them (``liaisons``: their
    ids; a line written before they were has none)."""
    said = households % values
    k = len(values.get("liaisons") or ())
    if k:
        said += ngettext(", and %(k)d village liaison", ", and %(k)d village liaisons", k) % {
            "k": k
        }
    return said


def still_open_told(n: int) -> str:
    return ngettext(
        "%(n)d household told of the outage on %(devices)s, now over, was texted that this one "
        "is still open",
        "%(n)d households told of the outage on %(devices)s, now over, were texted that this one "
        "is still open",
        n,
    )


def held_planned(n: int) -> str:
    return ngettext(
        "%(n)d more still off under planned work in progress",
        "%(n)d more still off under planned work in progress",
        n,
    )


def held_other(n: int) -> str:
    return ngettext(
        "%(n)d more still off under another outage",
        "%(n)d more still off under another outage",
        n,
    )


def calls_kept(n: int) -> str:
    return ngettext(
        "%(n)d call kept for the outage joined work order %(number)s",
        "%(n)d calls kept for the outage joined work order %(number)s",
        n,
    )


# How the parts of a line are joined, in the reader's language.
_SEPARATORS: dict[str, Callable[[], str]] = {
    "list": lambda: pgettext("list separator", ", "),
    "clause": lambda: gettext("; "),
    "space": lambda: " ",
    "dot": lambda: " · ",
    "label": lambda: pgettext("label separator", ": "),
}


def parts_said(args: dict[str, Any]) -> str:
    return _SEPARATORS[args.get("sep", "list")]().join(str(p) for p in args["parts"] if p)


def items_said(args: dict[str, Any]) -> str:
    return pgettext("list separator", ", ").join(str(i) for i in args["items"])


def cause_said(args: dict[str, Any]) -> str:
    from powerdesk.outages.models import cause_words

    return cause_words(str(args.get("kind", "")), str(args.get("words", "")))


def power_back_how(args: dict[str, Any]) -> str:
    from powerdesk.outages.power_back_how import power_back_line

    return power_back_line(str(args.get("how", "")))


def evidence_said(args: dict[str, Any]) -> str:
    from powerdesk.outages.models import evidence_words

    return evidence_words(args)


def outage_named(args: dict[str, Any]) -> str:
    from powerdesk.outages.models import Outage

    kind = args.get("kind", "")
    label = str(Outage.Kind(kind).label) if kind in Outage.Kind.values else kind
    return " ".join(p for p in (str(args.get("device", "")), label) if p)


def liaison_named(args: dict[str, Any]) -> str:
    from powerdesk.community.models import Liaison

    role = args.get("role", "")
    label = str(Liaison.Role(role).label) if role in Liaison.Role.values else role
    return f"{args.get('name', '')} ({label})" if label else str(args.get("name", ""))


def found_place(args: dict[str, Any]) -> str:
    from powerdesk.outages.models import OutageCause

    # The place by its name only, as the board and the patrol list name it ("左门线 06–07号杆档距"):
    # its key ("ZM-B02-P07/span") stays in the line's data, never in its words.
    label = str(OutageCause(args["kind"]).label)
    return f"{args['place']} · {label}"
