"""The monthly report's counts besides its categories and reliability, each a few grouped
queries over the month (or the year to its end): the callbacks and counter ratings that
followed up the month's work, its promises, its outreach and training, its arrears cases
(``reports.monthly``: the definitions, as the report states them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from powerdesk.accounts.models import Station
from powerdesk.arrears.models import ArrearsCase
from powerdesk.outreach.models import HotlineCard, OutreachVisit
from powerdesk.servicedesk.models import Callback, Promise
from powerdesk.servicedesk.satisfaction import Figures, MonthFigures, satisfaction_between
from powerdesk.training.models import TrainingSession

__all__ = [
    "ArrearsCounts",
    "FollowUp",
    "PromiseCounts",
    "arrears_between",
    "follow_up_between",
    "outreach_year",
    "person_hours",
    "promises_between",
]


@dataclass(frozen=True)
class FollowUp:
    callbacks: int
    reached: int
    callback_scores: Figures
    counter_scores: Figures

    @property
    def satisfaction(self) -> float | None:
        """The station's satisfaction, as every page defines it (``satisfaction_between``)."""
        return MonthFigures(dt.date.min, self.callback_scores, self.counter_scores).rate


@dataclass(frozen=True)
class PromiseCounts:
    """Promises counted in the month they were due, all on that one basis: the ones due add up
    to those kept, kept late, broken, still open past their time and (while the month runs) not
    yet due. Kept late (done after its time, said with when: walk74 finding 7) is counted apart,
    neither kept nor broken."""

    due: int
    kept: int
    broken: int
    open_overdue: int
    open_not_yet_due: int
    kept_late: int = 0


@dataclass(frozen=True)
class ArrearsCounts:
    opened: int
    opened_amount: Decimal
    paid: int
    paid_amount: Decimal
    disconnected: int
    outstanding: int  # at the month's end
    outstanding_amount: Decimal


def follow_up_between(station: Station, start: dt.datetime, end: dt.datetime) -> FollowUp:
    # One call that settled a household on an outage's list and on its own order is counted
    # once (review68 M3): the side it settled without being made there is left out.
    callbacks = (
        Callback.objects.filter(
            work_order__station=station, at__gte=start, at__lt=end, settled_on_list__isnull=True
        )
        .order_by()
        .aggregate(n=Count("pk"), reached=Count("pk", filter=Q(outcome=Callback.Outcome.REACHED)))
    )
    # Households called back after an outage (``OutageCallback``): the tries of those last
    # tried in the span (each try is counted on the row, not kept as one), those reached in it.
    from powerdesk.outages.models import OutageCallback

    after_outages = (
        OutageCallback.objects.filter(outage__station=station)
        .order_by()
        .aggregate(
            n=Sum("attempts", filter=Q(tried_at__gte=start, tried_at__lt=end)),
            reached=Count(
                "pk",
                filter=Q(
                    done_at__gte=start,
                    done_at__lt=end,
                    outcome=Callback.Outcome.REACHED,
                    settled_by_order__isnull=True,
                ),
            ),
        )
    )
    scores = satisfaction_between(station, start, end)
    return FollowUp(
        callbacks=callbacks["n"] + (after_outages["n"] or 0),
        reached=callbacks["reached"] + after_outages["reached"],
        callback_scores=scores.callbacks,
        counter_scores=scores.counter,
    )


def promises_between(
    station: Station, start: dt.datetime, end: dt.datetime, *, now: dt.datetime
) -> PromiseCounts:
    found = (
        Promise.objects.for_station(station)
        .order_by()
        .aggregate(
            due=Count("pk", filter=Q(due_at__gte=start, due_at__lt=end)),
            kept=Count("pk", filter=Q(due_at__gte=start, due_at__lt=end, state="kept")),
            broken=Count("pk", filter=Q(due_at__gte=start, due_at__lt=end, state="broken")),
            kept_late=Count(
                "pk", filter=Q(due_at__gte=start, due_at__lt=end, state=Promise.State.KEPT_LATE)
            ),
            open_overdue=Count(
                "pk", filter=Q(due_at__gte=start, due_at__lt=min(end, now), state="open")
            ),
            open_not_yet_due=Count(
                "pk", filter=Q(due_at__gte=max(start, now), due_at__lt=end, state="open")
            ),
        )
    )
    return PromiseCounts(**found)


def outreach_year(station: Station, year: int, end: dt.datetime) -> tuple[int, int, int]:
    """Visits done and households reached this year to the month's end; hotline cards given."""
    done = OutreachVisit.objects.for_station(station).filter(
        date__year=year, date__lt=end.date(), status=OutreachVisit.Status.DONE
    )
    found = done.aggregate(n=Count("pk"), households=Sum("households_reached"))
    cards = (
        HotlineCard.objects.for_station(station)
        .filter(given_on__year=year, given_on__lt=end.date())
        .count()
    )
    return found["n"], found["households"] or 0, cards


def person_hours(station: Station, start: dt.date, end: dt.date) -> Decimal:
    """Hours of training sessions times their attendees (each attendee's hours, added up)."""
    found = (
        TrainingSession.objects.for_station(station)
        .filter(date__gte=start, date__lt=end)
        .filter(attendees__isnull=False)
        .aggregate(h=Sum("hours"))
    )
    return found["h"] or Decimal(0)


def arrears_between(station: Station, start: dt.datetime, end: dt.datetime) -> ArrearsCounts:
    cases = ArrearsCase.objects.for_station(station).order_by()
    found = cases.aggregate(
        opened=Count("pk", filter=Q(opened_at__gte=start, opened_at__lt=end)),
        opened_amount=Sum("amount", filter=Q(opened_at__gte=start, opened_at__lt=end)),
        paid=Count("pk", filter=Q(paid_at__gte=start, paid_at__lt=end)),
        paid_amount=Sum("amount", filter=Q(paid_at__gte=start, paid_at__lt=end)),
        disconnected=Count("pk", filter=Q(disconnected_at__gte=start, disconnected_at__lt=end)),
        outstanding=Count(
            "pk", filter=Q(opened_at__lt=end) & (Q(paid_at__isnull=True) | Q(paid_at__gte=end))
        ),
        outstanding_amount=Sum(
            "amount", filter=Q(opened_at__lt=end) & (Q(paid_at__isnull=True) | Q(paid_at__gte=end))
        ),
    )
    return ArrearsCounts(
        opened=found["opened"],
        opened_amount=found["opened_amount"] or Decimal(0),
        paid=found["paid"],
        paid_amount=found["paid_amount"] or Decimal(0),
        disconnected=found["disconnected"],
        outstanding=found["outstanding"],
        outstanding_amount=found["outstanding_amount"] or Decimal(0),
    )
