"""Power is back, in full or at a step: the households whose power came back are told, once, and
those still dark (from this outage, or from another: ``told.still_out``) are not; the office is
told of the callbacks due."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from powerdesk.notifications import audience
from powerdesk.notifications.models import Audience, Event, Notice, SmsQuestion
from powerdesk.notifications.outage_notices import outage_facts, outage_notice
from powerdesk.notifications.power_back_part import notify_part_back
from powerdesk.notifications.services import audiences, notice_raise
from powerdesk.notifications.told import StillOut, dark_customers, still_out

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage, OutageRestoreStep

__all__ = [
    "STILL_OPEN_TOLD",
    "STILL_OUT",
    "notify_callbacks_due",
    "notify_part_back",
    "notify_power_back",
]

A = Audience


def notify_power_back(outage: Outage, *, out: StillOut | None = None) -> None:
    """Power is back: households are told; those who called are asked whether theirs is. Told
    once: those whose power came back at a step were told then (``notify_part_back``). The
    households still dark from another outage on the feeder are not (``told.still_out``; ``out``:
    as the restore reckoned it): those never texted of one that keeps them dark are texted that
    it is still open."""
    from powerdesk.outages.joined import customers_below

    out = still_out(outage) if out is None else out
    dark = dark_customers(outage)
    # The households below, read once (for those back before and those back now).
    below = frozenset(customers_below(outage.device).values_list("pk", flat=True))
    back_before = below - dark
    out = out.only(dark)
    callers = (
        _callers(outage) - out.customers - back_before
        if outage.kind == outage.Kind.UNPLANNED
        else set()
    )
    # The liaisons are told of the villages whose power comes back now: not of those told at a
    # step (``notify_part_back``), nor of households still dark from another outage.
    now_back = None
    if back_before or out.customers:
        now_back = below - back_before - out.customers
    notice = outage_notice(
        outage,
        Event.POWER_BACK,
        f"power_back:{outage.pk}",
        "power_back",
        ask=callers,
        skip=out.customers | back_before,
        about=now_back,
    )
    if notice is None:
        return
    _still_out_told(outage, out)
    if not callers:
        return
    questions_asked(outage, notice)


def questions_asked(outage: Outage, notice: Notice) -> None:
    """The callers the notice asked "is your power back?" (its ``power_back_ask`` texts), each
    question kept so that their answer finds it (asked once: a repeat is ignored)."""
    now = timezone.now()
    SmsQuestion.objects.bulk_create(
        [
            SmsQuestion(
                station_id=outage.station_id,
                number=d.address,
                outage=outage,
                customer_id=d.customer_id,
                asked_at=now,
            )
            for d in notice.deliveries.filter(template="power_back_ask")
            if d.customer_id is not None
        ],
        ignore_conflicts=True,
    )


STILL_OUT = "still_out"  # the restored outage's line of the households still dark, not told
STILL_OPEN_TOLD = "still_open_told"  # the open outage's line of those texted it is still open


def _still_out_told(
    restored: Outage, out: StillOut, *, step: OutageRestoreStep | None = None
) -> None:
    """The households below ``restored`` (or given power back by its ``step``) still dark from
    another open outage: its history names them; those never texted of an outage keeping them
    dark are texted that the nearest is still open (its facts as they are now), and its history
    says so."""
    if not out.customers:
        return
    from powerdesk.outages.history import outage_history_add
    from powerdesk.servicedesk.history_notes import note_part, note_said

    def named(outages: list[Outage]) -> dict[str, Any]:
        return note_part("items", items=[o.device.name or o.device.code for o in outages])

    said = note_said(
        STILL_OUT,
        n=len(out.customers),
        devices=named(list(out.outages)),
        outages=[o.pk for o in out.outages],
        customers=sorted(out.customers),
    )
    outage_history_add(restored, None, STILL_OUT, said=said)
    households = A.HOUSEHOLDS in audiences(restored.station_id, Event.OUTAGE_KNOWN)
    for still, customers in out.to_tell.items():
        recipients = [
            r
            for r in audience.households_below(still.device, "still_open")
            if r.who.get("customer_id") in customers
        ]
        if not households or not recipients:
            continue
        facts = outage_facts(still)
        facts["inapp"] = {"kind": "outage"}
        notice_raise(
            station=still.station,
            event=Event.OUTAGE_KNOWN,
            key=f"still_open:{still.pk}:{restored.pk}" + (f":{step.pk}" if step else ""),
            recipients=recipients,
            facts=facts,
            subject=still,
        )
        texted = sorted({r.who["customer_id"] for r in recipients})
        said = note_said(
            STILL_OPEN_TOLD,
            n=len(texted),
            devices=named([restored]),
            outages=[restored.pk],
            customers=texted,
        )
        outage_history_add(still, None, STILL_OPEN_TOLD, said=said)


def _callers(outage: Outage) -> set[int]:
    """Households that reported this outage: those its callback list has as having called
    (for a medical need too, and those moved onto it, still dark from it when another outage
    was restored), and the customers of its joined orders."""
    from django.db.models import Q

    from powerdesk.outages.models import OutageCallback

    callers = set(
        outage.callbacks.filter(
            Q(called=True) | Q(reason=OutageCallback.Reason.CALLER)
        ).values_list("customer_id", flat=True)
    )
    link = getattr(outage, "link", None)
    if link is not None:
        callers |= {
            c for c in link.work_orders.values_list("customer_id", flat=True) if c is not None
        }
        # Those whose calls joined the outage's order (before the restore makes their callbacks).
        from powerdesk.servicedesk.models import Call

        callers |= set(
            Call.objects.filter(work_order__in=link.work_orders.all(), customer__isnull=False)
            .values_list("customer_id", flat=True)
            .distinct()
        )
    return callers


def notify_callbacks_due(outage: Outage, households: int) -> None:
    """Power is back and households are to be called back: the office is told."""
    if not households:
        return
    who = audiences(outage.station_id, Event.CALLBACK_DUE)
    ids: list[int] = []
    if A.OFFICE in who:
        ids += audience.office(outage.station_id)
    if A.CHIEF in who:
        ids += audience.chiefs(outage.station_id)
    facts = outage_facts(outage)
    facts.update(households=households, inapp={"kind": "callbacks_due"})
    notice_raise(
        station=outage.station,
        event=Event.CALLBACK_DUE,
        key=f"callbacks_due:{outage.pk}",
        recipients=audience.staff(outage.station, ids, "callback_due"),
        facts=facts,
        subject=outage,
    )
