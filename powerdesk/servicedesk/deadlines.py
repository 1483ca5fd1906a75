"""Deadlines of a work order from the station's commitments (see docs/domain.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.workdays import add_working_days
from powerdesk.servicedesk.models import Category, CommitmentPolicy


@dataclass(frozen=True)
class Deadlines:
    arrive: dt.datetime | None  # on site (faults, hazards) or first contact (complaints)
    resolve: dt.datetime


@dataclass(frozen=True)
class DeadlineNames:
    """What each deadline of a category is for, as the order's page names it."""

    arrive: LazyText
    resolve: LazyText


_CREW = DeadlineNames(_("Arrive by"), _("Restore power by"))
DEADLINE_NAMES: dict[str, DeadlineNames] = {
    Category.FAULT_REPAIR: _CREW,
    Category.HAZARD: DeadlineNames(_("Arrive by"), _("Make safe by")),
    # A complaint's first deadline is the call to the customer, its second the answer.
    Category.COMPLAINT: DeadlineNames(_("Contact the customer by"), _("Answer by")),
}
_OTHER = DeadlineNames(_("Arrive by"), _("Resolve by"))


def deadline_names(category: str) -> DeadlineNames:
    """The names of a category's two deadlines (``Deadlines.arrive`` and ``.resolve``)."""
    return DEADLINE_NAMES.get(category, _OTHER)


def deadlines_for(
    policy: CommitmentPolicy,
    category: str,
    received: dt.datetime,
    *,
    remote: bool,
    urgent: bool = False,
) -> Deadlines:
    """When the crew must arrive and the work be done, counted from ``received``.

    An urgent fault (a danger to life at the fault, a medical need at home) gets the crew on
    site as fast as a hazard ("三最", the station's shortest time) when that is sooner than the
    fault's own arrival; the power is due back when the fault's own commitment says. So does an
    urgent order of any other category (a danger told in a business call, a complaint): the
    danger is the station's shortest time whatever the call was filed as (an urgent order due
    on site in a week read wrong: walkthrough 33, finding 13); the rest is due when the
    category's own commitment says.
    """
    deadlines = _category_deadlines(policy, category, received, remote=remote, urgent=urgent)
    if urgent and category not in (Category.HAZARD, Category.FAULT_REPAIR):
        soonest = received + dt.timedelta(minutes=policy.hazard_arrive_minutes)
        arrive = soonest if deadlines.arrive is None else min(deadlines.arrive, soonest)
        return Deadlines(arrive, max(deadlines.resolve, arrive))
    return deadlines


def _category_deadlines(
    policy: CommitmentPolicy,
    category: str,
    received: dt.datetime,
    *,
    remote: bool,
    urgent: bool,
) -> Deadlines:
    station_time = timezone.get_default_timezone()
    minutes = dt.timedelta(minutes=1)
    hours = dt.timedelta(hours=1)
    if category == Category.HAZARD:
        arrive = received + policy.hazard_arrive_minutes * minutes
        return Deadlines(arrive, arrive + policy.hazard_make_safe_hours * hours)
    if category == Category.FAULT_REPAIR:
        if remote:
            arrive = received + policy.arrive_remote_minutes * minutes
            restore = arrive + policy.restore_remote_hours * hours
        else:
            arrive = received + policy.arrive_rural_minutes * minutes
            restore = arrive + policy.restore_rural_hours * hours
        if urgent:
            arrive = min(arrive, received + policy.hazard_arrive_minutes * minutes)
        return Deadlines(arrive, restore)
    if category == Category.COMPLAINT:
        return Deadlines(
            received + policy.complaint_contact_hours * hours,
            add_working_days(received, policy.complaint_answer_days, station_time),
        )
    if category == Category.NEW_CONNECTION:
        return Deadlines(None, add_working_days(received, policy.new_connection_days, station_time))
    return Deadlines(None, add_working_days(received, policy.other_request_days, station_time))


def policy_for(station_id: int) -> CommitmentPolicy:
    """The station's commitments, created with the defaults the first time they are needed."""
    policy, _ = CommitmentPolicy.objects.get_or_create(station_id=station_id)
    return policy
