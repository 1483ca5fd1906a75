"""Signals from what the service desk records: a call about no power (``signal_from_call``), a
job resolved (``signal_from_resolved_order``), a fault found inside the house
(``signal_from_in_house_cause``), households who say power is on (``power_back_reported``).
Each is stored once through ``intake.signal_record``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from powerdesk.customers.models import Customer
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import Signal, SignalSource, SignalType
from powerdesk.outages.said_on import no_power_in, power_on_in, power_said_on

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.servicedesk.models import Call, WorkOrder

__all__ = [
    "no_power_in",
    "power_back_reported",
    "power_on_in",
    "power_said_on",
    "signal_from_call",
    "signal_from_in_house_cause",
    "signal_from_resolved_order",
]


# -- calls and crews --------------------------------------------------------------------------
def signal_from_call(*, call: Call, by_liaison: bool = False, source: str = "") -> Signal | None:
    """A taken call about the caller's power is a signal for the caller's customer: ``call``
    when it is off, ``call_on`` when the caller says it is on at their place.

    ``source`` names the way in when the call does not say it (the public page, a text message).

    A fault-repair call is about no power, unless its note says the power is on (``no_power_in``:
    "没有停电", or lights dim or flickering, the voltage low: walkthrough 37, #21); a hazard only
    when its note says the power is off. A call of any category whose note says the power is on
    at the caller's outright ("我家有电，就是想问一下电费") is the engine's ``call_on``: a neighbour
    below a prediction who has power weighs against it; lights dim or flickering alone
    ("电压有点低，灯一闪一闪的") are no sign either way. The caller must be a known customer on the
    grid.
    """
    from powerdesk.servicedesk.models import Call as CallModel
    from powerdesk.servicedesk.models import Category

    customer = call.customer
    if call.status != CallModel.Status.ANSWERED or customer is None:
        return None
    if customer.transformer_id is None:
        return None
    kind = SignalType.CALL
    if power_on_in(call.text):
        if call.category == Category.HAZARD or not power_said_on(call.text):
            # A danger's "还有电" is of the wire or the pole, not the home.
            # Lights dim or flickering, the voltage low, and no more: a live supply however
            # poor, or one phase of the line above lost (a fault the engine, which knows on and
            # off, cannot tell from on). Neither sign: never "no power" (walk37, 21), nor a
            # "power on" weighing against a fault that may be there.
            return None
        kind = SignalType.CALL_ON
    else:
        said = no_power_in(call.text)
        if call.category == Category.FAULT_REPAIR:
            if said is False:
                return None
        elif call.category != Category.HAZARD or said is not True:
            return None
    if source:
        pass
    elif by_liaison:
        source = SignalSource.LIAISON
    elif call.cti_call_id:
        source = SignalSource.TELEPHONE
    elif call.taken_by_id is None:
        source = SignalSource.API
    else:
        source = SignalSource.INTAKE
    return signal_record(
        station=call.station,
        type=kind,
        customer=customer,
        at=call.received_at,
        source=source,
        source_id=f"call-{call.pk}",
    )


def signal_from_resolved_order(*, order: WorkOrder, at: dt.datetime) -> Signal | None:
    """A job resolved on its own (the phone, the order's page, the API): power is back where
    its calls said it was off. A fault repaired by a crew at a device: the device is closed
    again (``restore``); and each household whose call on the job told the engine it had no
    power, and that restore does not reach (the fault was at a device off its line, "It is this
    device": the account on the order was wrong; or inside the house, no grid device), has power
    as far as the crew knows: a ``call_on`` from the crew, which ends the prediction its call
    made (its own service, "… 的接户线"), learnt as a call that was not the customer's own fault
    (walkthrough 34, 1: it stayed on the board, and the crew was offered again). A hazard made
    safe is no outage repaired: only its callers below the device where it was have power back
    (``_callers_not_restored``). Returns the restore, if any."""
    from powerdesk.servicedesk.models import Category

    restore = None
    if order.category == Category.FAULT_REPAIR and order.device_found_id is not None:
        assert order.device_found is not None
        restore = signal_record(
            station=order.station,
            type=SignalType.RESTORE,
            device=order.device_found,
            at=at,
            source=SignalSource.CREW,
            source_id=f"order-{order.pk}-{at.timestamp():.6f}",
        )
    from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE

    in_house = order.cause_kind == CAUSE_IN_HOUSE
    for customer in _callers_not_restored(order):
        signal_record(
            station=order.station,
            type=SignalType.CALL_ON,
            customer=customer,
            at=at,
            source=SignalSource.CREW,
            # Found inside the house: said once, whether the cause came first or with the end
            # (``signal_from_in_house_cause``).
            source_id=_in_house_key(order, customer)
            if in_house
            else f"order-{order.pk}-on-{customer.pk}-{at.timestamp():.6f}",
        )
    return restore


def _in_house_key(order: WorkOrder, customer: Customer) -> str:
    return f"order-{order.pk}-in-house-{customer.pk}"


def signal_from_in_house_cause(*, order: WorkOrder, at: dt.datetime) -> int:
    """The crew found ``order``'s fault inside the customer's house (their own wiring, their own
    breaker): no grid device is out, so each household whose call on the job told the engine it
    had no power has its supply as far as the crew knows, a ``call_on`` from the crew at once,
    as the job resolved would say later (``signal_from_resolved_order``): the prediction its
    call made (a branch, its own service) leaves the board now, not when the job is closed
    (walkthrough 36, #10). The engine takes it at its next step; nothing runs it here. Stored
    once however often the step is sent; returns how many were stored."""
    stored = 0
    for customer in _callers_not_restored(order):
        if signal_record(
            station=order.station,
            type=SignalType.CALL_ON,
            customer=customer,
            at=at,
            source=SignalSource.CREW,
            source_id=_in_house_key(order, customer),
        ):
            stored += 1
    return stored


def _callers_not_restored(order: WorkOrder) -> list[Customer]:
    """The households whose call on ``order`` was a ``call`` signal (``signal_from_call``) and
    whose power the job was about: a fault repair's callers not below the device found on it
    (its restore reaches those); a hazard's only below the device where it was (the danger cut
    their power; one with no device found has power back for no one)."""
    from powerdesk.outages.predicted import devices_above
    from powerdesk.servicedesk.models import Call as CallModel
    from powerdesk.servicedesk.models import Category

    calls = list(CallModel.objects.filter(work_order=order).values_list("pk", flat=True))
    if not calls:
        return []
    called = set(
        Signal.objects.filter(
            station_id=order.station_id,
            type=SignalType.CALL,
            source_id__in=[f"call-{pk}" for pk in calls],
        ).values_list("customer_id", flat=True)
    )
    customers = Customer.objects.filter(pk__in=called, transformer__isnull=False).select_related(
        "transformer"
    )
    found = order.device_found
    left = []
    for customer in customers.order_by("pk"):
        assert customer.transformer is not None
        below = found is not None and found.pk in devices_above(customer.transformer)
        if order.category == Category.HAZARD:
            # A danger made safe (a line down, a pole leaning) is no outage repaired: only the
            # callers it left without power — below where it was — have power back with it;
            # another caller's no power is not what the job was about, and stays with the
            # engine (walkthrough 35, 3).
            if below:
                left.append(customer)
            continue
        if order.category == Category.FAULT_REPAIR and below:
            continue  # the device's restore reaches them
        left.append(customer)
    return left


def power_back_reported(
    *, station: Station, customers: Iterable[Customer], at: dt.datetime, source: str, key: str
) -> int:
    """Customers (or someone for them) say power is on: a ``call_on`` signal for each, once.

    ``key`` names the report (a callback, a liaison's message), so that it is stored once
    however often it is sent. Returns how many signals were stored.
    """
    stored = 0
    for customer in customers:
        if customer.transformer_id is None:
            continue  # not on the grid: the engine does not know them
        if signal_record(
            station=station,
            type=SignalType.CALL_ON,
            at=at,
            source=source,
            source_id=f"{key}-{customer.pk}",
            customer=customer,
        ):
            stored += 1
    return stored
