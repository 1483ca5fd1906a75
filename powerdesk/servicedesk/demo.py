"""Demo: two years of calls, work orders, their history and callbacks, shaped like a station's.

Faults and hazards peak in the rainy season (June to September) and in lightning zones; crews
take longer where no road reaches; most customers are satisfied when called back, a few are
not and their orders are reopened; a handful of calls were missed, and the latest ones still
wait in the call-back queue. What follows the orders (promises, hard problems, answers to
suggestions and praise): ``demo_followup``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from powerdesk.accounts.models import Crew
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import RAINY, TZ, poisson
from powerdesk.lib.phones import format_phone
from powerdesk.servicedesk.deadlines import deadlines_for, policy_for
from powerdesk.servicedesk.demo_followup import build_feedback, build_hard_problems, build_promises
from powerdesk.servicedesk.demo_liaisons import build_liaison_calls
from powerdesk.servicedesk.demo_notes import call_note
from powerdesk.servicedesk.demo_ratings import build_ratings
from powerdesk.servicedesk.models import (
    Call,
    Callback,
    Category,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from powerdesk.servicedesk.understanding.title import summary_from_note

S = WorkOrderStatus
K = WorkOrderEvent.Kind
# Share of calls by category in an ordinary month.
MIX = {
    Category.FAULT_REPAIR: 40,
    Category.CONSULTATION: 20,
    Category.BILLING: 13,
    Category.BUSINESS: 9,
    Category.NEW_CONNECTION: 5,
    Category.HAZARD: 4,
    Category.COMPLAINT: 4,
    Category.SUGGESTION: 3,
    Category.PRAISE: 2,
}
NEEDS_ORDER = {
    Category.FAULT_REPAIR,
    Category.HAZARD,
    Category.BUSINESS,
    Category.NEW_CONNECTION,
    Category.COMPLAINT,
}
CAUSES = [
    "雷击跌落式熔断器",
    "树障碰线",
    "绝缘子击穿",
    "进户线老化断线",
    "配变低压熔丝熔断",
    "电杆倾斜导线松弛",
    "用户内部线路故障",
    "表计烧坏",
    "大风导线混线",
]


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None
    rng = ctx.rng_for("servicedesk")
    station = ctx.station
    users = ctx.made["users"]
    counter = [users["gl_counter"], users["gl_duty"]]
    crews = list(station.crews.select_related("leader").order_by("name"))
    customers: list[Customer] = ctx.made["customers"]
    lightning = [c for c in customers if c.transformer and c.transformer.lightning_zone]
    # Notes from a generator of their own, so the calls' times and categories do not depend
    # on how the notes are worded.
    note_rng = ctx.rng_for("servicedesk:notes")
    policy = policy_for(station.pk)
    phones = dict(
        CustomerPhone.objects.filter(customer__station=station).values_list("customer_id", "number")
    )
    now = ctx.now  # the history's end: no call, step or callback after it
    start = dt.datetime.combine(ctx.history_start, dt.time(0, 0), tzinfo=TZ)

    calls: list[Call] = []
    orders: list[WorkOrder] = []
    plans: list[tuple[int, list[Step]]] = []
    callbacks: list[tuple[int, dt.datetime]] = []
    sequence: dict[int, int] = defaultdict(int)
    day = start
    while day < now:
        season = RAINY.get(day.month, 1.0)
        for _ in range(poisson(rng, 11.0)):
            category = _category(rng, season)
            received = day + dt.timedelta(seconds=_time_of_day(rng))
            if received >= now:
                continue
            pool = (
                lightning
                if category in (Category.FAULT_REPAIR, Category.HAZARD)
                and (season > 1.5 and rng.random() < 0.5)
                else customers
            )
            customer = rng.choice(pool)
            status = Call.Status.ANSWERED
            roll = rng.random()
            if roll < 0.025:
                status = Call.Status.MISSED
            elif roll < 0.035:
                status = Call.Status.ABANDONED
            e164 = phones.get(customer.pk, "")
            call = Call(
                station=station,
                received_at=received,
                customer=customer,
                caller_number=format_phone(e164) if e164 else "",
                caller_e164=e164,
                status=status,
                text=call_note(note_rng, category, customer) if status == "answered" else "",
                category=category if status == "answered" else "",
                urgent=category == Category.HAZARD,
                taken_by=rng.choice(counter) if status == "answered" else None,
            )
            if status != Call.Status.ANSWERED and now - received > dt.timedelta(hours=3):
                call.called_back_at = received + dt.timedelta(minutes=rng.randint(10, 120))
                call.called_back_by = rng.choice(counter)
            calls.append(call)
            if status != Call.Status.ANSWERED or category not in NEEDS_ORDER:
                continue
            year = received.year
            sequence[year] += 1
            remote = bool(customer.group and customer.group.is_remote)
            deadlines = deadlines_for(policy, category, received, remote=remote)
            order = WorkOrder(
                station=station,
                number=f"{year}-{sequence[year]:05d}",
                category=category,
                urgent=category == Category.HAZARD,
                summary=summary_from_note(call.text),
                description=call.text,
                customer=customer,
                village=customer.village,
                group=customer.group,
                owner=call.taken_by,
                created_at=received,
                arrive_due_at=deadlines.arrive,
                resolve_due_at=deadlines.resolve,
            )
            steps, called_back = _life(rng, order, crews, remote, now)
            orders.append(order)
            if called_back is not None:
                callbacks.append((len(orders) - 1, called_back))
            calls[-1]._order_index = len(orders) - 1  # type: ignore[attr-defined]
            plans.append((len(orders) - 1, steps))
        day += dt.timedelta(days=1)

    callbacks = _leave_callbacks_due(orders, plans, callbacks, now)
    WorkOrder.objects.bulk_create(orders, batch_size=1000)
    for call in calls:
        index = getattr(call, "_order_index", None)
        if index is not None:
            call.work_order = orders[index]
    Call.objects.bulk_create(calls, batch_size=1000)
    events: list[WorkOrderEvent] = []
    for index, steps in plans:
        order = orders[index]
        for at, kind, to_status, extra in steps:
            by = (
                order.owner
                if kind in (K.CREATED, K.STATUS)
                and to_status in ("received", "callback_done", "closed")
                else (order.crew.leader if order.crew else order.owner)
            )
            events.append(
                WorkOrderEvent(
                    work_order=order,
                    at=at,
                    by=by,
                    kind=kind,
                    to_status=to_status,
                    note=str(extra or ""),
                )
            )
    WorkOrderEvent.objects.bulk_create(events, batch_size=2000)
    Callback.objects.bulk_create(
        [
            Callback(
                work_order=orders[index],
                at=at,
                by=rng.choice(counter),
                outcome=Callback.Outcome.REACHED,
                satisfaction=_score(rng),
            )
            for index, at in callbacks
        ],
        batch_size=2000,
    )
    build_promises(ctx, rng, orders, counter, now)
    build_hard_problems(ctx, rng, orders, now)
    build_feedback(ctx, rng, calls)
    build_ratings(ctx)
    build_liaison_calls(ctx, counter)


Step = tuple[dt.datetime, str, str, object]


def _life(
    rng: random.Random, order: WorkOrder, crews: list[Crew], remote: bool, now: dt.datetime
) -> tuple[list[Step], dt.datetime | None]:
    """The order's steps until now (it stays open where now comes first), and its callback."""
    t = order.created_at
    steps: list[Step] = [(t, K.CREATED, S.RECEIVED, order.summary)]
    order.status = S.RECEIVED
    field_work = order.category in (Category.FAULT_REPAIR, Category.HAZARD)
    plan: list[tuple[float, str]] = []
    if field_work:
        order.crew = rng.choice(crews)
        if order.category == Category.HAZARD:
            # A danger to life: the nearest crew drops what it is doing and drives straight
            # there, and only makes the place safe (the repair can follow). Most get there
            # within the 45 minutes; where no road reaches, some do not.
            travel = rng.uniform(20, 70) if remote else rng.uniform(10, 42)
            repair = rng.uniform(0.3, 1.8)
            plan = [
                (rng.uniform(1, 5), S.DISPATCHED),
                (rng.uniform(1, 4), S.ON_THE_WAY),
                (travel, S.ON_SITE),
                (repair * 60, S.RESOLVED),
            ]
        else:
            travel = rng.uniform(40, 170) if remote else rng.uniform(15, 80)
            repair = rng.uniform(0.5, 5.0) * (1.6 if remote else 1.0)
            plan = [
                (rng.uniform(3, 15), S.DISPATCHED),
                (rng.uniform(2, 10), S.ON_THE_WAY),
                (travel, S.ON_SITE),
                (repair * 60, S.RESOLVED),
            ]
    else:
        plan = [(rng.uniform(60, 60 * 24 * 4), S.RESOLVED)]
    for minutes, status in plan:
        t = t + dt.timedelta(minutes=minutes)
        if t >= now:
            return steps, None
        order.status = status
        if status == S.ON_SITE:
            order.arrived_at = t
        if status == S.RESOLVED:
            order.resolved_at = t
            if field_work:
                order.cause = rng.choice(CAUSES)
            order.callback_due_at = t + dt.timedelta(hours=24)
        if status == S.DISPATCHED and order.crew:
            steps.append((t, K.DISPATCHED, "", order.crew.name))
        steps.append((t, K.STATUS, status, order.cause if status == S.RESOLVED else ""))
    t = t + dt.timedelta(hours=rng.uniform(2, 22))
    if t >= now:
        return steps, None
    called_back = t
    order.status = S.CALLBACK_DONE
    steps.append((t, K.STATUS, S.CALLBACK_DONE, ""))
    t = t + dt.timedelta(hours=rng.uniform(1, 48))
    if t < now:
        order.status = S.CLOSED
        order.closed_at = t
        steps.append((t, K.STATUS, S.CLOSED, ""))
    return steps, called_back


# The counter's morning: at least this many orders resolved in the last day still wait for their
# callback, whatever the hour the demo is built at (the draws alone left none on some mornings).
CALLBACKS_DUE = 3


def _leave_callbacks_due(
    orders: list[WorkOrder],
    plans: list[tuple[int, list[Step]]],
    callbacks: list[tuple[int, dt.datetime]],
    now: dt.datetime,
) -> list[tuple[int, dt.datetime]]:
    """The callbacks kept, after the latest orders resolved in the last day are left waiting
    for theirs (their callback and closing not yet made) until ``CALLBACKS_DUE`` wait."""
    waiting = sum(1 for o in orders if o.status == S.RESOLVED)
    called = {index for index, _at in callbacks}
    recent = sorted(
        (
            index
            for index, order in enumerate(orders)
            if index in called
            and order.resolved_at is not None
            and now - order.resolved_at < dt.timedelta(hours=24)
        ),
        key=lambda index: orders[index].resolved_at or now,
        reverse=True,
    )
    undone = set(recent[: max(0, CALLBACKS_DUE - waiting)])
    if not undone:
        return callbacks
    for index, steps in plans:
        if index in undone:
            order = orders[index]
            order.status, order.closed_at = S.RESOLVED, None
            steps[:] = [s for s in steps if s[2] not in (S.CALLBACK_DONE, S.CLOSED)]
    return [(index, at) for index, at in callbacks if index not in undone]


def _category(rng: random.Random, season: float) -> str:
    weights = {
        c: w * (season if c in (Category.FAULT_REPAIR, Category.HAZARD) else 1.0)
        for c, w in MIX.items()
    }
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _time_of_day(rng: random.Random) -> float:
    """Seconds after midnight: most calls in the day, some at night."""
    hour = rng.choices(
        range(24),
        weights=[1, 1, 1, 1, 1, 2, 3, 6, 9, 10, 10, 9, 7, 8, 9, 9, 8, 8, 9, 9, 7, 5, 3, 2],
    )[0]
    return hour * 3600 + rng.uniform(0, 3600)


def _score(rng: random.Random) -> int:
    return rng.choices([5, 4, 3, 2, 1], weights=[62, 25, 8, 3, 2])[0]
