"""Demo: a few arrears cases at different steps, one household that must not be cut off."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import TZ

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None
    users = ctx.made["users"]
    clerk, chief = users["gl_counter"], users["gl_chief"]
    customers = ctx.made["customers"]
    plain = [
        c for c in customers if not (c.medical_need or c.elderly_alone or c.hardship or c.important)
    ]
    medical = next(c for c in customers if c.medical_need and not c.important)
    rng = ctx.rng_for("arrears")
    # The history ends at ``ctx.now``: each case was opened ten days before, one step a day at
    # a working hour, and its fields hold the times its history records.
    # From 09:00 station time (walk72, 9: counted back from the clock, a demo built at 11:05
    # approved a case at 03:05).
    start = (
        (ctx.now - dt.timedelta(days=10))
        .astimezone(TZ)
        .replace(hour=9, minute=0, second=0, microsecond=0)
    )
    plans = [
        (plain[10], Decimal("186.40"), ArrearsCase.Stage.OPEN),
        (plain[50], Decimal("320.00"), ArrearsCase.Stage.NOTICE_GIVEN),
        (plain[90], Decimal("97.50"), ArrearsCase.Stage.APPROVED),
        (medical, Decimal("410.20"), ArrearsCase.Stage.CHECKED),
        (plain[130], Decimal("255.00"), ArrearsCase.Stage.PAID),
    ]
    for customer, amount, stage in plans:
        times = [
            start + dt.timedelta(days=day, hours=rng.randint(0, 6), minutes=rng.randint(0, 59))
            for day in range(6)
        ]
        case = ArrearsCase.objects.create(
            station=ctx.station,
            customer=customer,
            amount=amount,
            owed_since=ctx.today - dt.timedelta(days=75),
        )
        case.opened_at = times[0]  # auto_now_add sets it on creation only
        steps = [("open", clerk, f"¥{amount}")]
        if stage != ArrearsCase.Stage.OPEN:
            case.notice_delivered_at, case.notice_method = times[1], "in_person"
            steps.append(("notice_given", clerk, "in_person"))
        if stage in (ArrearsCase.Stage.CHECKED, ArrearsCase.Stage.APPROVED, ArrearsCase.Stage.PAID):
            case.liaison_contacted_at = times[2]
            case.liaison_outcome = "村小组长已上门转告，户主答应月底缴清"
            case.situation = (
                # The approved case's household has nobody who needs care (its check and its
                # approval agree); the medical one shows the block.
                "家中有人长期吸氧，靠电维持"
                if customer.medical_need
                else "户主在家，在镇上做生意，答应月底缴清"
            )
            case.check_result = "block" if customer.medical_need else "clear"
            case.words_at = times[3]
            steps += [
                ("liaison_contacted", clerk, case.liaison_outcome),
                ("checked", clerk, f"{case.check_result}:{case.situation}"),
            ]
        if stage in (ArrearsCase.Stage.APPROVED, ArrearsCase.Stage.PAID):
            case.approved_by, case.approved_at = chief, times[4]
            steps.append(("approved", chief, ""))
        if stage == ArrearsCase.Stage.PAID:
            case.paid_at = times[5]
            steps.append(("paid", clerk, "微信缴清"))
        case.stage = stage
        case.save()
        ArrearsEvent.objects.bulk_create(
            [
                ArrearsEvent(case=case, at=at, by=by, stage=what, note=note)
                for at, (what, by, note) in zip(times, steps, strict=False)
            ]
        )
        if stage == ArrearsCase.Stage.NOTICE_GIVEN:
            _said_before_check(case, clerk, times[2])


def _said_before_check(case: ArrearsCase, clerk: User, at: dt.datetime) -> None:
    """The household came to the counter after the notice, before its check, and named a
    machine in use: the case is held at once, and its page says so (arrears74)."""
    from powerdesk.arrears.words_later import HOUSEHOLD_SAID
    from powerdesk.servicedesk.history_notes import note_said

    said = note_said(HOUSEHOLD_SAID, words="老伴晚上睡觉要用呼吸机，这个月先别停我家的电")
    ArrearsEvent.objects.create(case=case, at=at, by=clerk, stage=case.stage, **said)
    case.words_at = at
    case.save()  # its block read again with the words (``ArrearsCase.save``)
