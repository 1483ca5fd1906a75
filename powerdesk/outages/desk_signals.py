"""Signals from what the service desk records: a call about no power (``signal_from_call``), a
job resolved (``signal_from_resolved_order``), a fault found inside the house
(``signal_from_in_house_cause``), households who say power is on (``power_back_reported``).
Each is stored once through ``intake.signal_record``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from powerdesk.customers.models import Customer
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import Signal, SignalSource, SignalType

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
# The power is off at the caller's ("灯都不亮", "还没来电", "电一直没来" too).
_NO_POWER = re.compile(
    r"停电|断电|没电|没有电|无电|掉电|跳闸|黑灯"
    r"|(没|没有|不)来电(?!话)|(没|未|没有)(恢复(供|送)?电|通电|送电)"
    r"|电[^，。,.!！?？]{0,3}没(来|有来)|灯[^，。,.!！?？]{0,6}(不亮|灭|熄)"
    # Off again after it came back ("电来了又停了", "送电了又跳了", "现在又没了": review37, 1).
    r"|又(停|断|跳)|又没(电|了|有电)|电[^，。,.!！?？]{0,2}停了"
)
_NEGATION = re.compile(r"(没有|没|不是|并非|未|不|非)$")
# The power is on at the caller's, said outright ("我家有电", "已经来电了", "灯都亮了")...
_POWER_ON = re.compile(
    r"有电(?![费话器线杆表工箱柜视脑动瓶流站网吗么没不火弧])"
    r"|(来|送|通)电了|电(已经?|又)?(来|通)了|(已经?|都)恢复(供|送)?电|恢复(供|送)?电了"
    r"|灯(是|都|又|已经?)?亮(了|的|着)"
)
# ... or shown by what only a live supply does: lights dim or flickering, the voltage low or
# unsteady, appliances it will not run (walkthrough 37, #21: "电压有点低，灯一闪一闪的").
_WEAK_POWER = re.compile(
    r"电压[^，。,.!！?？]{0,3}(低|高|不稳|不够|不足|不正常|忽高忽低|波动)|电不稳|带不动"
    r"|灯[^，。,.!！?？]{0,4}(闪|暗|不怎么亮|不太亮|发红)|忽明忽暗|时明时暗|忽亮忽暗|时亮时暗"
)
# Power back between an outage said and the state now ("停电修好以后", "来电以后", "现在").
_SINCE = re.compile(r"(修好|来电|复电|送电|恢复(供|送)?电)了?(以后|之后|后)|现在|目前")
# Not the caller's own power ("邻居家有电"), or a question about it ("现在有电吗").
# Nor the power of a wire, a pole or a box ("电线断了还有电": a live danger, not the home's).
_OTHERS = re.compile(
    r"邻居|隔壁|别人|别家|人家|他家|他们|其他|其它|周围|旁边|对面|村里|全村|线|杆|箱|变压器"
)
_QUESTION = re.compile(r"吗|么|？|\?|什么时候|几点|多久|何时|啥时候|有没有|是不是")
_CLAUSE_END = re.compile(r"[，。,.!！?？；;]")

# The same said in English (review38, 10): "the power is back", "power's on", "the lights came
# back on", "we have power now"; never "is the power back?", "the power is not back", "we don't
# have power", "when will the power come back", a neighbour's or a wire's.
_POWER_ON_EN = re.compile(
    r"\b(?:power|electricity|lights?|supply)"
    r"(?:'s|\s+(?:is|are|was|were|has|have|had)(?:\s+(?:been|now|just|already|finally|all))*)"
    r"\s+(?:back|on|restored)\b"
    r"|\b(?:power|electricity|lights?|supply)\s+(?:(?:just|finally|has|have)\s+)?"
    r"(?:came|come|got)\s+back\b"
    r"|\b(?:have|has|got)\s+(?:power|electricity)\b"
    r"(?!\s*(?:outage|cut|failure|problem|off|out|line|bill|meter)\b)",
    re.IGNORECASE,
)
_NEGATION_EN = re.compile(
    r"(?:n't|\bnot|\bno|\bnever|\bwithout|\bhardly)\s+(?:[a-z']+\s+){0,3}$", re.IGNORECASE
)
_QUESTION_EN = re.compile(
    r"\b(?:when|whether|if|how long|what time|until)\b"
    r"|^\s*(?:is|are|was|has|have|had|did|does|do|will|would|can|could)\b",
    re.IGNORECASE,
)
_OTHERS_EN = re.compile(
    r"\b(?:neighbou?rs?|next door|others?|other houses?|everyone else|the village|street|"
    r"line|wire|cable|pole|transformer|box)\b",
    re.IGNORECASE,
)
# Off again after it was said on ("power was back but went off again").
_OFF_EN = re.compile(
    r"\b(?:off|out|down)\s+again\b|\b(?:went|goes|gone|go|cut|tripped)\s+(?:off|out)\b"
    r"|\bno\s+(?:power|electricity|lights?)\b|\b(?:power|electricity)\s+(?:cut|outage|failure)\b"
    r"|\bblackout\b",
    re.IGNORECASE,
)


def _said_on_english(text: str) -> bool:
    """Whether an English note says outright that the power is on at the caller's, with the
    Chinese words' guards: not asked, not denied, not a neighbour's or a wire's, not off after."""
    found = []
    for m in _POWER_ON_EN.finditer(text):
        before, after = _clause(text, m.start(), m.end())
        if (
            _NEGATION_EN.search(before)
            or _OTHERS_EN.search(before)
            or _QUESTION_EN.search(before)
            or _QUESTION.search(before + m.group() + after)
        ):
            continue
        found.append(m)
    if not found:
        return False
    off = list(_OFF_EN.finditer(text))
    return not off or any(m.start() >= off[-1].end() for m in found)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the clause around ``text[start:end]``: before it, and after it."""
    before = _CLAUSE_END.split(text[:start])[-1]
    after = _CLAUSE_END.split(text[end:])[0]
    # A question mark ends the clause it asks.
    mark = text[end + len(after) : end + len(after) + 1]
    return before, after + (mark if mark in "?？" else "")


def _said_off(text: str) -> list[re.Match[str]]:
    return [
        m
        for m in _NO_POWER.finditer(text)
        if not _NEGATION.search(text[max(0, m.start() - 2) : m.start()])
    ]


def _said_on(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    found = []
    for m in pattern.finditer(text):
        before, after = _clause(text, m.start(), m.end())
        if _OTHERS.search(before) or _QUESTION.search(before + m.group() + after):
            continue
        found.append(m)
    return found


def no_power_in(text: str) -> bool | None:
    """Whether a call's note says the power is off: True, False when it only says that it is
    not ("没有停电", "不是停电", or power at the caller's: ``power_on_in``), None when it
    says nothing about it."""
    if power_on_in(text):
        return False
    if _said_off(text):
        return True
    return False if _NO_POWER.search(text) else None


def power_on_in(text: str) -> bool:
    """Whether a call's note says the power is on at the caller's: said outright ("我家有电",
    "已经来电了"), or by lights dim or flickering, the voltage low ("电压有点低，灯一闪一闪的":
    a live supply, however poor). Not a neighbour's ("邻居家有电"), nor a question ("现在有电
    吗"). A note that also says the power is off says it is off, unless it is on after (said
    outright, or after the power came back: "停电修好以后灯一闪一闪的"); "灯一闪一闪，然后就停电了"
    is off."""
    if _said_on_english(text):
        return True
    on = _said_on(text, _POWER_ON)
    weak = _said_on(text, _WEAK_POWER)
    if not on and not weak:
        return False
    off = _said_off(text)
    if not off:
        return True
    last_off = off[-1].end()
    if any(m.start() >= last_off for m in on):
        return True
    later = [m.start() for m in weak if m.start() >= last_off]
    return bool(later) and any(
        last_off <= m.start() <= later[0] for m in _SINCE.finditer(text, last_off)
    )


def power_said_on(text: str) -> bool:
    """Whether a call's note says outright that the power is on at the caller's ("我家有电",
    "已经来电了", in English "the power is back", "we have power now"), after any word of it off;
    lights dim or flickering alone are not said so."""
    if _said_on_english(text):
        return True
    on = _said_on(text, _POWER_ON)
    if not on:
        return False
    off = _said_off(text)
    return not off or any(m.start() >= off[-1].end() for m in on)


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
