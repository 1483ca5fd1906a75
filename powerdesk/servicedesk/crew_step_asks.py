"""What a crew's step asks and says (``crew_steps``): the fields it types, read and bounded;
the cause found, on an outage's job or an order's own; the time power is expected back; a
device named by code or name; the times said back to the phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.lib.form_text import text_typed
from powerdesk.lib.forms import InputError, datetime_or_none, too_long
from powerdesk.network.selectors import grid_element_named
from powerdesk.servicedesk.history_notes import note_part, note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

# What a crew types in one field of a step.
FIELD_CHARS = {
    "cause": 200,
    "device": 100,
    "note": 2000,
    "expected_back": 40,
    "place": 80,
    "other_device": 10,  # ticked: the device is off the order's line, and the crew is sure
    "in_house": 10,  # ticked: the fault is inside the customer's house, no grid device
}
# (the notes kept shorter, an outage's cause found and a place found, are bounded by their
# columns where they are stored: ``outages.estimates.CAUSE_WORDS_CHARS``,
# ``outages.patrol.FOUND_NOTE_CHARS``)


class FieldRefused(InputError):
    """What one field of the step says cannot be taken: the phone says it at that field
    (``field``, a name of ``FIELD_CHARS``) and keeps what was typed."""

    confirm = ""

    def __init__(
        self,
        message: str = "",
        *,
        field: str = "",
        wrong: Mapping[str, str] | None = None,
        confirm: str = "",
    ) -> None:
        # ``wrong``: every field refused at once (review 33), each said at its field.
        self.wrong = {name: said for name, said in (wrong or {}).items() if said}
        if self.wrong and not message:
            field = next(iter(self.wrong))
            message = " ".join(self.wrong.values())
        super().__init__(message)
        self.field = field
        self.wrong = self.wrong or {field: message}
        if confirm:
            self.confirm = confirm


FIELD_LABELS = {
    "cause": gettext_lazy("Cause found"),
    "device": gettext_lazy("Device (code or name)"),
    "note": gettext_lazy("Note"),
    "expected_back": gettext_lazy("Power expected back"),
    "place": gettext_lazy("Place on the patrol list"),
    "other_device": gettext_lazy("It is this device"),
    "in_house": gettext_lazy("Inside the customer's house (no grid device)"),
}


def outage_cause(
    outage: Outage,
    user: User | None,
    values: dict[str, str],
    at: dt.datetime,
    *,
    power_back: bool = False,
) -> list[str]:
    """The cause the crew found on an outage's job. ``power_back``: said with power back (the
    restore step of an outage with no cause yet): no estimate is left to revise, and none is
    texted to the households a moment before "power is back" (``outage_cause_found``)."""
    from powerdesk.outages.estimates import CAUSE_WORDS_CHARS, outage_cause_found
    from powerdesk.outages.models import OutageCause

    if values["cause"] not in OutageCause.values:
        # Said at the cause's list on the card, as the other fields' refusals are.
        raise FieldRefused(_("Cause found: choose what caused it from the list."), field="cause")
    note_within(values, CAUSE_WORDS_CHARS)
    outage = outage_cause_found(
        outage=outage,
        user=user,
        cause=values["cause"],
        note=values["note"],
        at=at,
        power_back=power_back,
        # The crew's time given with it is what households are told (``expected_back`` next).
        time_follows=bool(values["expected_back"]),
    )
    return [_("Cause found: %(cause)s.") % {"cause": outage.cause_shown}]


def order_cause(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    if not values["cause"]:
        raise FieldRefused(_("Cause found: say what caused it."), field="cause")
    if in_house(values):
        _danger_only_checked(order, "in_house")
        # The customer's own wiring or breaker: no grid device (the card's device, filled in,
        # is set aside), no grid outage (walkthrough 34, 3).
        from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE

        order.cause, order.cause_kind, order.device_found = values["cause"], CAUSE_IN_HOUSE, None
        order.save(update_fields=["cause", "cause_kind", "device_found"])
        WorkOrderEvent.objects.create(
            work_order=order,
            at=at,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            # The kind as a code, drawn in the reader's words (walk61, M3), the crew's own as typed.
            **note_said("cause_found", cause=note_part("in_house_cause", words=order.cause)),
        )
        # No grid device out: the callers' no power is no outage, said to the outage service
        # now (the board drops what their calls predicted), not when the job is closed.
        from powerdesk.outages.desk_signals import signal_from_in_house_cause

        signal_from_in_house_cause(order=order, at=at)
        return [_("Cause found: %(cause)s.") % {"cause": order.cause_shown}]
    device = device_named(order, values, user=user, at=at)
    order.cause, order.cause_kind = values["cause"], ""
    order.device_found = device or order.device_found
    order.save(update_fields=["cause", "cause_kind", "device_found"])
    where = f" @ {device.name or device.code}" if device is not None else ""
    WorkOrderEvent.objects.create(
        work_order=order,
        at=at,
        by=user,
        kind=WorkOrderEvent.Kind.NOTE,
        **note_said("cause_found", cause=values["cause"] + where),
    )
    return [_("Cause found: %(cause)s.") % {"cause": values["cause"] + where}]


def expected_back(
    order: WorkOrder, user: User | None, values: dict[str, str], at: dt.datetime
) -> list[str]:
    """The time power should be back, when the crew gave one: the outage's, or a line of the
    order's history for one household's fault."""
    text = values["expected_back"]
    if not text:
        return []
    _danger_only_checked(order, "expected_back")
    expected = datetime_or_none(text)
    if expected is None:
        raise FieldRefused(
            _("Power expected back: give a date and time (2025-07-01 15:30)."),
            field="expected_back",
        )
    if timezone.is_naive(expected):
        expected = timezone.make_aware(expected)
    from powerdesk.outages.joined import active_outage_of

    outage = active_outage_of(order)
    if outage is not None:
        from powerdesk.outages.estimates import outage_estimate
        from powerdesk.outages.services import OutageError

        try:
            outage_estimate(outage=outage, user=user, expected_restore_at=expected, at=at)
        except OutageError as exc:
            if exc.field != "expected_restore_at":
                raise
            # The outage's own field is this one of the phone's form.
            raise FieldRefused(str(exc), field="expected_back") from exc
    else:
        from powerdesk.outages.time_bounds import restore_bounds

        # One household's fault: the same range as an outage's (not past, a week at most: a
        # year typed wrong is a slip, not an estimate the household could be told).
        if expected < at - dt.timedelta(minutes=1):
            raise FieldRefused(_("Power is expected back later than now."), field="expected_back")
        refused = restore_bounds(starts_at=None, now=at).problem(expected)
        if refused:
            raise FieldRefused(refused, field="expected_back")
        from powerdesk.servicedesk.expected_back import order_expected_back

        if order_expected_back(order) == expected:
            # The time given on arriving, filled in again at the cause's step and sent as it
            # was: already in the history, not written a second time (walk71, L8).
            return [_("Power expected back: %(time)s.") % {"time": day_hm(expected)}]
        WorkOrderEvent.objects.create(
            work_order=order,
            at=at,
            by=user,
            kind=WorkOrderEvent.Kind.NOTE,
            # ``at``: the time itself, for the card's later "Power expected back" (filled in).
            **note_said("expected_back", time=day_hm(expected), at=expected.isoformat()),
        )
    return [_("Power expected back: %(time)s.") % {"time": day_hm(expected)}]


def device_named(
    order: WorkOrder,
    values: dict[str, str],
    *,
    user: User | None = None,
    at: dt.datetime | None = None,
    on_line: bool = True,
) -> GridNode | None:
    """The device the crew typed, by code or name. Where the job's fault was (``on_line``): on
    the line of the order's households (``crew_device_path``), or off it with "It is this
    device" ticked, which the order's history records. Raises ``FieldRefused`` (unknown) or
    ``DeviceOffPathError`` (off the line), both said at the device field."""
    from powerdesk.servicedesk.crew_device_path import device_checked, device_elsewhere_recorded

    if not values["device"]:
        return None
    device = grid_element_named(order.station_id, values["device"])
    if device is None:
        raise FieldRefused(
            _("No element of this station has the code or name “%(code)s”.")
            % {"code": values["device"]},
            field="device",
        )
    if not on_line:
        return device
    if device_checked(order, device, confirmed=device_confirmed(values)) and (
        device != order.device_found
    ):
        device_elsewhere_recorded(order, device, user, at or timezone.now())
    return device


@dataclass(frozen=True)
class Saved:
    """What a step saved, in words for the phone (``lines``), and what it was sent with but did
    not take (``warnings``: said apart, as a warning; the step itself is taken)."""

    lines: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    def and_said(self, line: str) -> Saved:
        """The same, with ``line`` said after the others."""
        return replace(self, lines=(*self.lines, line))


def time_dropped_on_arrival(order: WorkOrder, values: dict[str, str]) -> str:
    """The arrival at a hazard with nobody off (``workflow.danger_only``) sent with a time power
    is expected back: a card drawn before the order became one (its outage unjoined, restored)
    still showed the field. The arrival is what the crew did and is kept (refused whole, it was
    lost until pressed again: review50, 10); the time, which no household is waiting on, is
    dropped from ``values``. Returns the warning saying so, "" when nothing was dropped."""
    from powerdesk.servicedesk.workflow import danger_only_refused

    if not values["expected_back"] or danger_only_refused(order, "expected_back") is None:
        return ""
    values["expected_back"] = ""
    return _(
        "The arrival is recorded, not the time power is expected back: this hazard has nobody "
        "off (no outage is joined to it), so no time is given for power to come back."
    )


class DangerOnlyRefused(FieldRefused):
    """A field the card of a hazard with nobody off does not show (``workflow.danger_only``),
    sent by an old page or the offline queue: said at the top of the page, naming the field,
    as no field of the card is there to say it at."""

    said_at_top = True


def _danger_only_checked(order: WorkOrder, field: str) -> None:
    """Refuse ``field`` ("in_house", "expected_back") on a hazard with nobody off."""
    from powerdesk.servicedesk.workflow import danger_only_refused

    refused = danger_only_refused(order, field)
    if refused is not None:
        raise DangerOnlyRefused(str(refused), field=field)


def in_house(values: Mapping[str, str]) -> bool:
    """Whether "Inside the customer's house (no grid device)" was ticked."""
    return values.get("in_house", "") not in ("", "0", "false")


def device_confirmed(values: Mapping[str, str]) -> bool:
    """Whether "It is this device" was ticked (a device off the order's line, the crew sure)."""
    return values.get("other_device", "") not in ("", "0", "false")


def note_within(values: Mapping[str, str], limit: int) -> None:
    """The note, where it is kept shorter than ``FIELD_CHARS`` allows (an outage's cause, a
    place found): refused at the note with its limit and the length typed, never cut."""
    said = too_long(FIELD_LABELS["note"], values["note"], limit)
    if said:
        raise FieldRefused(said, field="note")


def fields_read(fields: Mapping[str, str]) -> dict[str, str]:
    values = {}
    wrong: dict[str, str] = {}
    for name, limit in FIELD_CHARS.items():
        value = fields.get(name, "")
        label = FIELD_LABELS[name]
        if not isinstance(value, str):
            raise InputError(_("%(field)s must be text.") % {"field": label})
        value, said = text_typed(label, value, limit)
        if said:
            # At its field on the card, what was typed kept there (no maxlength cuts it);
            # every text too long said at once.
            wrong[name] = said
        values[name] = value
    if wrong:
        raise FieldRefused(wrong=wrong)
    return values


def hm(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%H:%M}"


def day_hm(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%m-%d %H:%M}"
