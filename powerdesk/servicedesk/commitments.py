"""The station's service commitments as the chief sees and changes them (``servicedesk:
commitments``): each with its unit and bounds, and every change kept (``CommitmentChange``).

A change applies to what is opened from then on (orders, reopened orders, callbacks due,
planned outages announced); deadlines already set are not counted again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from powerdesk.accounts.permissions import Do, require
from powerdesk.servicedesk.idempotency import form_once
from powerdesk.servicedesk.models import CommitmentChange, CommitmentPolicy, FormSubmission

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

MINUTES = pgettext_lazy("commitment unit", "minutes")
HOURS = pgettext_lazy("commitment unit", "hours")
DAYS = pgettext_lazy("commitment unit", "days")
WORKING_DAYS = pgettext_lazy("commitment unit", "working days")


@dataclass(frozen=True)
class Commitment:
    """One field of ``CommitmentPolicy`` as the page shows it."""

    name: str
    label: LazyText
    unit: LazyText
    least: int
    most: int

    @property
    def default(self) -> int:
        field = CommitmentPolicy._meta.get_field(self.name)
        assert isinstance(field, models.Field)
        return int(field.get_default())


COMMITMENTS: tuple[Commitment, ...] = (
    Commitment(
        "hazard_arrive_minutes",
        gettext_lazy("On site at a hazard, or an urgent fault (a danger, a medical need at home)"),
        MINUTES,
        10,
        240,
    ),
    Commitment(
        "hazard_make_safe_hours",
        gettext_lazy("A hazard made safe, after the time to be on site"),
        HOURS,
        1,
        24,
    ),
    Commitment(
        "arrive_rural_minutes",
        gettext_lazy("On site at a fault, villages with road access"),
        MINUTES,
        15,
        480,
    ),
    Commitment(
        "arrive_remote_minutes",
        gettext_lazy("On site at a fault, villages without road access"),
        MINUTES,
        15,
        720,
    ),
    Commitment(
        "restore_rural_hours",
        gettext_lazy("Power back after the time to be on site, villages with road access"),
        HOURS,
        1,
        72,
    ),
    Commitment(
        "restore_remote_hours",
        gettext_lazy("Power back after the time to be on site, villages without road access"),
        HOURS,
        1,
        72,
    ),
    Commitment(
        "new_connection_days", gettext_lazy("New residential connection"), WORKING_DAYS, 1, 30
    ),
    Commitment(
        "reconnection_hours",
        gettext_lazy("Reconnection after arrears are paid"),
        HOURS,
        1,
        72,
    ),
    Commitment(
        "complaint_contact_hours",
        gettext_lazy("Complaint: call the customer"),
        HOURS,
        1,
        72,
    ),
    Commitment("complaint_answer_days", gettext_lazy("Complaint: answer"), WORKING_DAYS, 1, 30),
    Commitment(
        "other_request_days",
        gettext_lazy("Other requests (business, consultation, billing)"),
        WORKING_DAYS,
        1,
        30,
    ),
    Commitment(
        "callback_hours",
        gettext_lazy("Call the customer back after the work is done"),
        HOURS,
        1,
        168,
    ),
    Commitment(
        "planned_notice_days",
        gettext_lazy("Planned outage announced ahead"),
        DAYS,
        1,
        30,
    ),
)
BY_NAME = {c.name: c for c in COMMITMENTS}


class CommitmentsError(Exception):
    """A refused change: each field's reason, by the field's name."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def commitments_shown(station: Station) -> CommitmentPolicy:
    """The station's commitments; the defaults, unsaved, while it has never needed them (a
    page that is only read stores nothing)."""
    policy = CommitmentPolicy.objects.filter(station=station).first()
    return policy if policy is not None else CommitmentPolicy(station=station)


def _checked(values: Mapping[str, object]) -> dict[str, int]:
    errors: dict[str, str] = {}
    checked: dict[str, int] = {}
    for c in COMMITMENTS:
        raw = str(values.get(c.name, "")).strip()[:20]
        if not raw:
            errors[c.name] = _("%(field)s: give a number.") % {"field": c.label}
            continue
        try:
            value = int(raw)
        except ValueError:
            errors[c.name] = _("%(field)s: “%(value)s” is not a whole number.") % {
                "field": c.label,
                "value": raw,
            }
            continue
        if not c.least <= value <= c.most:
            errors[c.name] = _("%(field)s must be from %(least)s to %(most)s %(unit)s.") % {
                "field": c.label,
                "least": c.least,
                "most": c.most,
                "unit": c.unit,
            }
            continue
        checked[c.name] = value

    def both(shorter: str, longer: str, message: str) -> None:
        if shorter in checked and longer in checked and checked[shorter] > checked[longer]:
            errors.setdefault(longer, message)

    both(
        "hazard_arrive_minutes",
        "arrive_rural_minutes",
        _("%(field)s cannot be shorter than the time to be on site at a hazard.")
        % {"field": BY_NAME["arrive_rural_minutes"].label},
    )
    both(
        "arrive_rural_minutes",
        "arrive_remote_minutes",
        _("%(field)s cannot be shorter than with road access.")
        % {"field": BY_NAME["arrive_remote_minutes"].label},
    )
    both(
        "restore_rural_hours",
        "restore_remote_hours",
        _("%(field)s cannot be shorter than with road access.")
        % {"field": BY_NAME["restore_remote_hours"].label},
    )
    if errors:
        raise CommitmentsError(errors)
    return checked


def commitments_update(
    *, station: Station, user: User | None, values: Mapping[str, object], token: str
) -> tuple[CommitmentPolicy, CommitmentChange | None]:
    """Set the station's commitments to ``values`` (every field, by its name), for what is
    opened from now on. Returns the commitments and the change recorded (``None`` when nothing
    changed, or when ``token``'s form was already sent: a double submit stores one change).
    """
    require(user, station, Do.COMMITMENTS_SET)
    checked = _checked(values)
    if not token:
        raise CommitmentsError({"": _("The form was not sent whole; nothing was changed.")})
    made: list[CommitmentChange] = []

    def work() -> dict[str, object]:
        CommitmentPolicy.objects.get_or_create(station=station)
        policy = CommitmentPolicy.objects.select_for_update().get(station=station)
        changes = [
            [name, getattr(policy, name), value]
            for name, value in checked.items()
            if getattr(policy, name) != value
        ]
        if changes:
            for name, _before, value in changes:
                setattr(policy, name, value)
            policy.save()
            made.append(
                CommitmentChange.objects.create(
                    station=station,
                    at=timezone.now(),
                    by=user,
                    note="; ".join(f"{n}: {b} → {a}" for n, b, a in changes)[:300],
                    changes=changes,
                )
            )
        return {}

    with transaction.atomic():
        form_once(
            station=station,
            user=user,
            token=token,
            kind=FormSubmission.Kind.COMMITMENTS,
            work=work,
        )
    return CommitmentPolicy.objects.get(station=station), (made[0] if made else None)


def change_lines(change: CommitmentChange) -> list[str]:
    """Each field changed, in the reader's language: "On site at a fault…: 90 → 60 minutes"."""
    lines = []
    for name, before, after in change.changes:
        c = BY_NAME.get(name)
        if c is None:
            lines.append(f"{name}: {before} → {after}")
            continue
        lines.append(
            _("%(field)s: %(before)s → %(after)s %(unit)s")
            % {"field": c.label, "before": before, "after": after, "unit": c.unit}
        )
    return lines
