"""Deadlines of a work order from the station's commitments (see docs/domain.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from powerdesk.lib.workdays import add_working_days
from powerdesk.servicedesk.models import Category, CommitmentPolicy


@dataclass(frozen=True)
class Deadlines:
    arrive: dt.datetime | None  # on site (faults, hazards) or first contact (complaints)
    resolve: dt.datetime


def deadlines_for(
    policy: CommitmentPolicy, category: str, received: dt.datetime, *, remote: bool
) -> Deadlines:
    """When the crew must arrive and the work be done, counted from ``received``."""
    station_time = timezone.get_default_timezone()
    minutes = dt.timedelta(minutes=1)
    hours = dt.timedelta(hours=1)
    if category == Category.HAZARD:
        arrive = received + policy.hazard_arrive_minutes * minutes
        return Deadlines(arrive, arrive + policy.hazard_make_safe_hours * hours)
    if category == Category.FAULT_REPAIR:
        if remote:
            arrive = received + policy.arrive_remote_minutes * minutes
            return Deadlines(arrive, arrive + policy.restore_remote_hours * hours)
        arrive = received + policy.arrive_rural_minutes * minutes
        return Deadlines(arrive, arrive + policy.restore_rural_hours * hours)
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
