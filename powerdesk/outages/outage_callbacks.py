"""The callbacks an outage's restore makes due (``aftercare.outage_aftercare``): each caller, with
why (a medical need said) and the dangers named, and the households with a medical need or an
elderly person alone below the device; callers still dark under another outage listed on it
(moved); those given power back at a step called back from then; and the callbacks recorded as
they are made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import column_chars
from powerdesk.outages.joined import customers_below
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.models import Call, Callback, WorkOrder
from powerdesk.servicedesk.models.calls import MEDICAL_CODE, urgent_codes_of

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.notifications.told import StillOut


def _callers_why(codes: list[tuple[int, list[str]]]) -> dict[int, str]:
    """The households whose calls joined ``orders``, each with why it is called back: a call
    that said a medical need at home ("家里老人用制氧机") is called back for it, not only as one
    who called (walk 39, 11). The need as kept with the call when it was taken (``Call.
    urgent_codes``: a later round of the rules does not change it, review39 N4), read anew
    only for a call stored before it was kept. ``_callers_dangers``: the dangers they named."""
    reasons: dict[int, str] = {}
    for customer_id, urgent in codes:
        if MEDICAL_CODE in urgent:
            reasons[customer_id] = OutageCallback.Reason.MEDICAL
        else:
            reasons.setdefault(customer_id, OutageCallback.Reason.CALLER)
    return reasons


def _callers_dangers(codes: list[tuple[int, list[str]]]) -> dict[int, list[str]]:
    """The dangers the calls of each household (``_callers_codes``) named ("门口电线冒火花":
    arcing or sparks), each once, in the order said: its callback asks whether they are gone
    (walk41, 7: listed only as one who called)."""
    dangers: dict[int, list[str]] = {}
    for customer_id, urgent in codes:
        said = dangers.setdefault(customer_id, [])
        said.extend(c for c in urgent if c != MEDICAL_CODE and c not in said)
    return {pk: said for pk, said in dangers.items() if said}


def _callers_codes(orders: list[WorkOrder]) -> list[tuple[int, list[str]]]:
    """Each call of a known household on ``orders`` with why it was urgent (its codes)."""
    calls = (
        Call.objects.filter(work_order__in=orders, customer__isnull=False)
        .only("pk", "customer_id", "text", "urgent_codes")
        .order_by("received_at", "pk")
    )
    found = []
    for call in calls:
        assert call.customer_id is not None  # the filter's
        codes = call.urgent_codes if call.urgent_codes is not None else urgent_codes_of(call.text)
        found.append((call.customer_id, list(codes)))
    return found


def _callbacks_after_dark(
    orders: list[WorkOrder],
    callers: dict[int, str],
    dark: StillOut,
    *,
    dangers: dict[int, list[str]],
    due_at: dt.datetime,
) -> None:
    """The callers still dark from another outage whose calls are on an order resolved now
    (the crew's order made at dispatch, another household's order): listed to be called back
    on the nearest outage keeping them dark, once it is restored too (review39, S1: neither
    outage's list had them). A caller whose own order was kept open is called back on it."""
    own = {o.customer_id for o in orders if o.customer_id is not None}
    rows = []
    for pk, reason in sorted(callers.items()):
        nearest = dark.nearest(pk) if pk in dark.customers and pk not in own else None
        if nearest is not None:
            rows.append(
                OutageCallback(
                    outage=nearest,
                    customer_id=pk,
                    reason=reason,
                    dangers=dangers.get(pk, []),
                    due_at=due_at,
                    called=True,
                )
            )
    OutageCallback.objects.bulk_create(rows, ignore_conflicts=True)


def callbacks_made_due(outage: Outage, *, due_at: dt.datetime) -> None:
    """The callbacks listed on ``outage`` while it was still open (``_callbacks_after_dark``)
    made due from its restore; not those made due at a step already (``callbacks_back_at_step``)."""
    OutageCallback.objects.filter(
        outage=outage, done_at=None, back_at=None, due_at__lt=due_at
    ).update(due_at=due_at)


def callbacks_back_at_step(outage: Outage, customers: Iterable[int], *, at: dt.datetime) -> int:
    """The callers listed on ``outage`` while it is still open (kept dark by it when another
    outage was restored: ``_callbacks_after_dark``) whose power came back at a step of it
    (``customers``: those back, not held by yet another outage) are called back from then, the
    outage still open: their own part is back, and its full restore may be hours away. How many."""
    from powerdesk.servicedesk.deadlines import policy_for

    hours = policy_for(outage.station_id).callback_hours
    return OutageCallback.objects.filter(
        outage=outage, customer_id__in=list(customers), done_at=None, back_at=None
    ).update(back_at=at, due_at=timezone.now() + dt.timedelta(hours=hours))


def _callbacks_due(
    outage: Outage,
    orders: list[WorkOrder],
    callers: dict[int, str],
    *,
    dangers: dict[int, list[str]],
    due_at: dt.datetime,
    still_dark: frozenset[int] = frozenset(),
    vulnerable: bool = True,
) -> None:
    """A callback for every caller (``callers``, with why and the ``dangers`` they named) and
    (``vulnerable``) every household with a medical need or an elderly person alone below the
    device; those with an order of their own are called back on it."""
    own = {o.customer_id for o in orders if o.customer_id is not None}
    reasons = dict(callers)
    below = customers_below(outage.device)
    cared = (
        below.filter(Q(medical_need=True) | Q(elderly_alone=True)) if vulnerable else below.none()
    )
    for pk, medical in cared.values_list("pk", "medical_need"):
        if medical or reasons.get(pk) != OutageCallback.Reason.MEDICAL:
            reasons[pk] = (
                OutageCallback.Reason.MEDICAL if medical else OutageCallback.Reason.ELDERLY
            )
    OutageCallback.objects.bulk_create(
        [
            OutageCallback(
                outage=outage,
                customer_id=pk,
                reason=reason,
                dangers=dangers.get(pk, []),
                due_at=due_at,
                called=pk in callers,
            )
            for pk, reason in sorted(reasons.items())
            if pk not in own and pk not in still_dark
        ],
        ignore_conflicts=True,
    )


CALLBACK_NOTE_CHARS = column_chars(OutageCallback, "note")


@transaction.atomic
def outage_callback_done(
    *, callback: OutageCallback, user: User | None, note: str = ""
) -> OutageCallback:
    require(user, callback.outage.station_id, Do.CALLBACK_RECORD)
    callback = OutageCallback.objects.select_for_update().get(pk=callback.pk)
    if callback.done_at is not None:
        raise OutageError(_("This household was called back already."))
    note, said = text_typed(_("Note"), note, CALLBACK_NOTE_CHARS)
    if said:
        # Refused at the note, never cut (what was typed is shown again to be shortened).
        raise OutageError(said, field="note")
    # Reached (by text: "1", power back), with no score: one is asked by voice, never guessed
    # from a digit. The callbacks page records each try with its outcome:
    # ``outage_callback_record``.
    from powerdesk.outages.callback_tries import try_add

    now = timezone.now()
    fields = try_add(
        callback, user=user, outcome=Callback.Outcome.REACHED, at=now, note=note.strip()
    )
    callback.done_at, callback.done_by = now, user
    callback.save(update_fields=[*fields, "done_at", "done_by"])
    return callback
