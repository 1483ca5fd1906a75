"""What a step of an arrears case finds before it records anything: the household's case already
open, a text message of the notice already on its way, and whether a person is recording it.

A step sent again as it was recorded (a retry, a double submit, the API's client sending once
more) records nothing twice (``services``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.arrears.models import ArrearsCase

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.customers.models import Customer

__all__ = ["open_case_of", "person_needed", "sms_notice_on_its_way"]


def open_case_of(customer: Customer, *, lock: bool = False) -> ArrearsCase | None:
    """The household's arrears case not yet paid, if any: one at a time. ``lock``: its row
    locked until the transaction ends (inside one only)."""
    cases = ArrearsCase.objects.select_for_update() if lock else ArrearsCase.objects.all()
    return (
        cases.filter(customer=customer).exclude(stage=ArrearsCase.Stage.PAID).order_by("pk").first()
    )


def person_needed(user: User | None) -> None:
    """A step someone answers for (a contact made, a household seen, a disconnection carried
    out) is recorded by that person: a system's token may not (nobody would be recorded)."""
    if user is None:
        raise NotAllowed(
            _("A person records this step, signed in: a system's token may not record it.")
        )


def sms_notice_on_its_way(case: ArrearsCase) -> bool:
    """Whether a text message of the written notice to the household is queued or sent and
    has not failed (the gateway's receipt records its delivery)."""
    from powerdesk.notifications.models import Delivery, DeliveryState, Event

    return (
        Delivery.objects.filter(
            notice__event=Event.ARREARS_NOTICE,
            notice__subject_id=case.pk,
            notice__station_id=case.station_id,
        )
        .exclude(state__in=[DeliveryState.FAILED_PERMANENT, DeliveryState.WITHDRAWN])
        .exists()
    )
