"""Why a work order is urgent, said with its "urgent" badge (walkthrough 38, 5: the heading's
badge did not say why; the reason was only on the call's line and in the history).

The reasons are those its urgent calls name (a danger, a medical need at home: ``Call.
urgent_reasons``, kept as each call was taken), each once; a hazard order with none named is
urgent for its category. An outage's order is urgent for the outage (made so as the outage gets
it: ``outages.joined``, ``outages.life``; a caller's order that became the outage's crew job
too: ``is_outage_job``), said with the households out ("停电（12 户）": walk39, 2, the badge
and the crew's text said only "紧急"). A clerk who ticked "urgent" naming none of them leaves
the badge as it was.

One order and one wording everywhere (walk41, 10: the order page, the crew's text and card each
had their own): a medical need first, then the dangers (as the calls named them), then the
outage (``reasons_in_order``), each in ``reason_words``; a crew's SMS says a medical need in its
short words ("医疗需要", as every short place says it: the crew card's customer badge)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext, ngettext, pgettext

from powerdesk.servicedesk.models import Call, Category, WorkOrder
from powerdesk.servicedesk.models.calls import MEDICAL_CODE
from powerdesk.servicedesk.models.core import SummaryKind

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

__all__ = [
    "MEDICAL_CODE",
    "OUTAGE_CODE",
    "URGENT_CALLS_READ",
    "is_outage_job",
    "order_urgent_why",
    "orders_calls_codes",
    "outage_households",
    "outage_why",
    "own_dangers",
    "reason_words",
    "reasons_in_order",
    "reasons_new",
    "reasons_said",
]

# The urgent calls read for their reasons, an order: an outage's order may gather hundreds of
# calls, and the first few name every reason there is.
URGENT_CALLS_READ = 20
# Among the reasons' codes (a call's ``urgent_codes``, a crew's text's ``why``): an outage's order.
OUTAGE_CODE = "outage"


def reasons_in_order(codes: Iterable[str]) -> list[str]:
    """``codes`` each once, in the order every place says them: a medical need first, then the
    dangers as they came, then the outage.

    >>> reasons_in_order(["outage", "arcing or sparks", "medical", "arcing or sparks"])
    ['medical', 'arcing or sparks', 'outage']
    """
    codes = list(dict.fromkeys(codes))
    return (
        [c for c in codes if c == MEDICAL_CODE]
        + [c for c in codes if c not in (MEDICAL_CODE, OUTAGE_CODE)]
        + [c for c in codes if c == OUTAGE_CODE]
    )


def reason_words(code: str, *, households: int | None = None, short: bool = False) -> str:
    """One reason in the reader's words: "家中有医疗用电需要" (``short``, in a crew's SMS:
    "医疗需要"), a danger's label, "停电（12 户）" for an outage of ``households``."""
    from powerdesk.servicedesk.safety import DANGER_LABELS

    if code == MEDICAL_CODE:
        return gettext("medical need") if short else gettext("a medical need at home")
    if code == OUTAGE_CODE:
        return outage_why(households)
    return str(DANGER_LABELS.get(code, code))


def reasons_said(codes: Iterable[str], *, households: int | None = None) -> str:
    """``codes`` in their order and words, as a list ("家中有医疗用电需要、放电打火")."""
    return pgettext("list separator", ", ").join(
        reason_words(code, households=households) for code in reasons_in_order(codes)
    )


def is_outage_job(order: WorkOrder, *, outage: Outage | None = None) -> bool:
    """Whether ``order`` is an outage's order: opened for it, or a caller's order that became
    the outage's crew job (``OutageLink.order``: an outage confirmed from a prediction or
    recorded after the calls; walk41, 1). ``outage``: the outage it is joined to, when the
    caller has it (its link read, cached on it). At most one query."""
    if order.summary_kind == SummaryKind.OUTAGE:
        return True
    if outage is not None:
        from powerdesk.outages.models import OutageLink

        try:
            return outage.link.order_id == order.pk
        except OutageLink.DoesNotExist:
            return False
    from powerdesk.outages.models import OutageLink

    return OutageLink.objects.filter(order=order).exists()


def order_urgent_why(order: WorkOrder, *, outage: Outage | None = None) -> str:
    """Why ``order`` is urgent, in the reader's words ("" when it is not, or nothing says
    why). ``outage``: the outage an outage's order is of, when the caller has it. Two queries
    for an urgent order, a few more for an outage's, none otherwise."""
    if not order.urgent:
        return ""
    codes = orders_calls_codes([order.pk]).get(order.pk, [])
    households = None
    if is_outage_job(order):
        codes.append(OUTAGE_CODE)
        households = outage_households(outage or _outage_of(order))
    if not codes and order.category == Category.HAZARD:
        # Opened without a call (staff writing down what they were told): its own words say
        # which danger, as a caller's would (fix44a's leftover).
        codes = list(own_dangers(order.summary, order.description))
        if not codes:
            return str(order.get_category_display())
    return reasons_said(codes, households=households)


def own_dangers(summary: str, description: str = "") -> tuple[str, ...]:
    """The dangers a hazard order's own words name (its summary and description, read by the
    rules a call's note is: ``urgency.findings``), for an order none of whose calls named one:
    opened by hand from what staff were told ("村口电线断了掉在地上" says a line down as a
    call saying it does). No query; the reading kept by the words (the board asks it each
    drawing).

    >>> own_dangers("村口电线断了掉在地上")
    ('line down or low',)
    >>> own_dangers("村口那边有危险，快来看看")
    ()
    """
    return _dangers_read("\n".join(part for part in (summary, description) if part.strip()))


@lru_cache(maxsize=1024)
def _dangers_read(text: str) -> tuple[str, ...]:
    from powerdesk.servicedesk.understanding.urgency import findings

    return tuple(findings(text).dangers) if text.strip() else ()


def orders_calls_codes(order_ids: Iterable[int]) -> dict[int, list[str]]:
    """The reasons' codes the urgent calls of each order name, each once, oldest call first:
    the first ``URGENT_CALLS_READ`` calls of each read, in one query for all the orders."""
    ids = list(order_ids)
    if not ids:
        return {}
    calls = (
        Call.objects.filter(work_order_id__in=ids, urgent=True)
        .exclude(text="")
        .annotate(
            nth=Window(
                RowNumber(),
                partition_by=[F("work_order_id")],
                order_by=[F("received_at").asc(), F("pk").asc()],
            )
        )
        .filter(nth__lte=URGENT_CALLS_READ)
        .only("pk", "work_order_id", "urgent", "urgent_codes", "text", "received_at")
        .order_by("received_at", "pk")
    )
    why: dict[int, list[str]] = {}
    for call in calls:
        assert call.work_order_id is not None  # the filter's
        said = why.setdefault(call.work_order_id, [])
        said += [code for code in call.urgent_code_list if code not in said]
    return why


def reasons_new(order: WorkOrder, call: Call) -> list[str]:
    """The reasons ``call`` names (its ``urgent_code_list``, in their order) that none of
    ``order``'s other urgent calls named: what a crew on an order urgent already is told is
    new (fix41a's leftover: the text said every reason, not which one the call brought). None
    when the call only names again what another call did (another house with an oxygen
    machine). One query."""
    codes = reasons_in_order(call.urgent_code_list)
    if not codes:
        return []
    named: set[str] = set()
    others = (
        order.calls.filter(urgent=True)
        .exclude(pk=call.pk)
        .only("pk", "urgent", "urgent_codes", "text")
    )
    for other in others:
        named.update(other.urgent_code_list)
    return [code for code in codes if code not in named]


def outage_why(households: int | None) -> str:
    """An outage's order's reason: "停电（12 户）", or "停电" when the outage is not known."""
    if households is None:
        return pgettext("urgent reason", "power off")
    return ngettext("power off (%(n)s household)", "power off (%(n)s households)", households) % {
        "n": households
    }


def outage_households(outage: Outage | None) -> int | None:
    """The households supplied below ``outage``'s device (None for no outage)."""
    if outage is None:
        return None
    from powerdesk.notifications.reach import households_below_count

    return households_below_count(outage.device)


def _outage_of(order: WorkOrder) -> Outage | None:
    """The outage an outage's order belongs to (the latest it was joined to)."""
    from powerdesk.outages.selectors import outage_now_on

    return outage_now_on(order)
