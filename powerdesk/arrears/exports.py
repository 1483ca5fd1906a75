"""The arrears cases as a file (``lib/exports.py``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from powerdesk.arrears.blocks import BY_CHECK, BY_FLAG, BY_WORDS
from powerdesk.arrears.check_apart import CheckApart, apart_lines, check_apart
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.selectors import cases_listed
from powerdesk.arrears.vulnerable import blocking_words
from powerdesk.arrears.words_later import SAID_CODES
from powerdesk.customers.exports import phones_of
from powerdesk.lib.exports import Column, ExportQuery, ListExport, field, fields, register


def _cases(query: ExportQuery) -> QuerySet[ArrearsCase]:
    # What the household said since its check, one query for the file (``words_later``).
    said = ArrearsEvent.objects.filter(note_code__in=SAID_CODES).order_by("at", "pk")
    return cases_listed(query.station).prefetch_related(
        Prefetch("events", queryset=said.select_related("by"), to_attr="said_later"),
        # The check's own line and the words read as its (``check_apart``: walk77 L3).
        Prefetch("events", queryset=apart_lines(ArrearsEvent.objects.all()), to_attr="apart"),
    )


# Why the household must not be disconnected now, as the case's page and list say it (probe76,
# M8: the file said nothing of it).
_BLOCKS = {
    BY_FLAG: _("Must not be disconnected: the customer's record flags a medical need"),
    BY_WORDS: _("Must not be disconnected: the household's words name a medical need"),
    BY_CHECK: _("Must not be disconnected: the household check"),
}


def _block(case: ArrearsCase) -> str:
    said = _BLOCKS.get(case.blocked_by)
    if said is None:
        return ""
    if case.blocked_by != BY_WORDS:
        return str(said)
    # The words that block, as the page reads them (but those a chief's visit lifted).
    lifted = set(case.lift_words or ()) if case.lifted_at is not None else set()
    since = [
        (line.note_args or {}).get("words") or ""
        for line in getattr(case, "said_later", None) or []
        if case.lifted_at is None or line.at > case.lifted_at
    ]
    read = [w for w in blocking_words(case.situation, case.liaison_outcome) if w not in lifted]
    words = dict.fromkeys(read + list(blocking_words(*since)))
    if not words:
        return str(said)
    separator, joined = pgettext("label separator", ": "), gettext("、").join(words)
    return f"{said}{separator}{joined}"


def _apart(case: ArrearsCase) -> CheckApart:
    """The case's check apart from the words since (``check_apart``), worked out once for its
    three columns (review79 L4: three times a case before), kept on the case."""
    kept: CheckApart | None = getattr(case, "apart_checked", None)
    if kept is None:
        kept = check_apart(case, getattr(case, "apart", None))
        case.apart_checked = kept  # type: ignore[attr-defined]
    return kept


def _since(case: ArrearsCase) -> str:
    """What the words recorded since the check call for, with the words read ("" for none)."""
    apart = _apart(case)
    if not apart.since:
        return ""
    separator = pgettext("label separator", ": ")
    return f"{apart.since_label}{separator}{apart.since_read}"


def _said_last(case: ArrearsCase) -> str:
    """The latest words the household said since its check, with when and who recorded them
    (the case's page lists each)."""
    lines = getattr(case, "said_later", None) or []
    if not lines:
        return ""
    last = lines[-1]
    words = (last.note_args or {}).get("words") or ""
    when = f"{timezone.localtime(last.at):%Y-%m-%d %H:%M}"
    by = str(last.by) if last.by else ""
    return gettext("%(words)s (%(when)s %(by)s)") % {"words": words, "when": when, "by": by}


def _check_header(name: str) -> Any:
    """The field's own header, as ``fields`` heads it (lazy: in the reader's language)."""
    found: Any = ArrearsCase._meta.get_field(name)
    return capfirst(found.verbose_name)


def _no_life_support(case: ArrearsCase) -> bool | None:
    return case.lift_no_life_support if case.lifted_at is not None else None


register(
    ListExport(
        name="arrears",
        page="arrears:cases",
        title=_("Arrears"),
        rows=_cases,
        columns=[
            field("customer__account_number", _("Account number")),
            field("customer__name", _("Customer")),
            Column(_("Phone"), lambda case: phones_of(case.customer), 24),
            field("customer__village", _("Village")),
            *fields(ArrearsCase, "amount", "owed_since", "stage", "opened_at"),
            *fields(ArrearsCase, "notice_delivered_at", "notice_method", "liaison_contacted_at"),
            # What the check found, as recorded then; what the words since call for, apart.
            Column(_check_header("check_result"), lambda case: str(_apart(case).own_label)),
            Column(_check_header("check_read"), lambda case: _apart(case).own_read),
            Column(_("The words recorded since the check"), _since, 24),
            Column(_("Must not be disconnected"), _block, 30),
            Column(_("What the household says now"), _said_last, 40),
            *fields(ArrearsCase, "approved_by", "approved_at"),
            *fields(ArrearsCase, "approval_reason"),
            *fields(ArrearsCase, "lift_visited_by", "lift_visited_at", "lift_found"),
            # Said by the chief's visit only: no visit, nothing said (walk77 L3: "no" read as
            # "someone depends on power").
            Column(_check_header("lift_no_life_support"), _no_life_support),
            *fields(ArrearsCase, "lifted_by", "lifted_at"),
            *fields(ArrearsCase, "disconnected_at", "paid_at"),
            field("reconnection__number", _("Work order")),
        ],
    )
)
