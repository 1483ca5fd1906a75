"""Power back step by step: the crew isolates the fault and closes the device, or closes the
devices it opened one after another, so some households have power long before the others.

An outage's dark area is the set of devices still open (at first its own device). Each step
names the devices still open after it; the households no longer below any of them have power
from the step's time. The engine hears each step as ``restore`` of the devices closed and
``confirm_open`` of those newly opened, and the reliability figures count each household's own
time without power.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.accounts.permissions import Do, require
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.intake import signal_record
from powerdesk.outages.models import (
    Outage,
    OutageRestoreStep,
    SignalSource,
    SignalType,
)
from powerdesk.outages.services import OutageError, restore_heard_at
from powerdesk.servicedesk.history_notes import note_part, note_said

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

# More than this many devices still open at once is not a step a crew takes on one outage.
MAX_STILL_OPEN = 20


def open_device_ids(outage: Outage) -> list[int]:
    """The devices of ``outage`` still open: its own device until a step says otherwise."""
    last = outage.restore_steps.order_by("-at", "-pk").first()
    return list(last.still_open) if last is not None else [outage.device_id]


def dark_device_ids(outage: Outage) -> set[int]:
    """Every grid element still without power from ``outage``."""
    return _below(open_device_ids(outage), _children([outage.device.feeder_id]))


def dark_device_ids_of(outages: Iterable[Outage]) -> dict[int, set[int]]:
    """Every grid element still without power from each of ``outages`` (by id), their
    feeders read once."""
    found = list(outages)
    if not found:
        return {}
    children = _children({o.device.feeder_id for o in found})
    still_open = {o.pk: [o.device_id] for o in found}
    for outage_id, ids in (
        OutageRestoreStep.objects.filter(outage__in=list(still_open))
        .order_by("at", "pk")
        .values_list("outage_id", "still_open")
    ):
        still_open[outage_id] = list(ids)  # the last step's, as ``open_device_ids``
    return {pk: _below(roots, children) for pk, roots in still_open.items()}


def back_at_step(outage: Outage, step: OutageRestoreStep) -> set[int]:
    """The households ``step`` gave power back to: below the devices open before it (the
    previous step's, else the outage's own device) and below none of those it left open."""
    before = [outage.device_id]
    for still_open in (
        outage.restore_steps.filter(Q(at__lt=step.at) | Q(at=step.at, pk__lt=step.pk))
        .order_by("at", "pk")
        .values_list("still_open", flat=True)
    ):
        before = list(still_open)
    children = _children([outage.device.feeder_id])
    areas = _below(before, children) - _below(step.still_open, children)
    return set(Customer.objects.filter(transformer_id__in=list(areas)).values_list("pk", flat=True))


def _children(feeder_ids: Iterable[int | None]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in GridNode.objects.filter(feeder_id__in=set(feeder_ids)).values_list(
        "pk", "parent_id"
    ):
        if parent is not None:
            children[parent].append(pk)
    return children


def _below(roots: Iterable[int], children: dict[int, list[int]]) -> set[int]:
    found: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return found


def _households(nodes: set[int]) -> int:
    transformers = GridNode.objects.filter(pk__in=nodes, kind=NodeKind.TRANSFORMER)
    return Customer.objects.filter(transformer__in=transformers).count()


@transaction.atomic
def outage_restore_part(
    *,
    outage: Outage,
    user: User | None,
    still_open: Sequence[GridNode],
    at: dt.datetime | None = None,
    note: str = "",
) -> OutageRestoreStep:
    """Record that part of the outage has power back at ``at`` (now by default): the devices
    in ``still_open`` stay open, everything else below the outage's devices is back."""
    require(user, outage.station_id, Do.OUTAGE_RESTORE)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off can be partly restored."))
    if not still_open:
        raise OutageError(
            _("Name the devices still open; if none is, record that power is back."),
            field="still_open",
        )
    if len(still_open) > MAX_STILL_OPEN:
        raise OutageError(
            _("At most %(n)d devices can stay open in one step.") % {"n": MAX_STILL_OPEN},
            field="still_open",
        )
    now = timezone.now()
    last = outage.restore_steps.order_by("-at", "-pk").first()
    earliest = last.at if last is not None else outage.starts_at
    at = at or now
    if at < earliest:
        raise OutageError(
            _("Power cannot be back before %(time)s (the outage's start or its last step).")
            % {"time": f"{timezone.localtime(earliest):%Y-%m-%d %H:%M}"},
            field="at",
        )
    if at > now + dt.timedelta(minutes=1):
        raise OutageError(_("The time power came back cannot be in the future."), field="at")
    at = min(at, now)

    before = list(last.still_open) if last is not None else [outage.device_id]
    chosen: dict[int, GridNode] = {}
    for device in still_open:
        if device.station_id != outage.station_id:
            raise OutageError(_("That device belongs to another station."), field="still_open")
        chosen[device.pk] = device
    children = _children([outage.device.feeder_id, *(d.feeder_id for d in chosen.values())])
    dark_before = _below(before, children)
    for device in chosen.values():
        if device.pk not in dark_before:
            raise OutageError(
                _("%(device)s is not below the devices of this outage still open.")
                % {"device": device.name or device.code},
                field="still_open",
            )
        inside = _below([device.pk], children) - {device.pk}
        for other in chosen.values():
            if other.pk in inside:
                raise OutageError(
                    _("%(inner)s is below %(outer)s: name only the upper one.")
                    % {
                        "inner": other.name or other.code,
                        "outer": device.name or device.code,
                    },
                    field="still_open",
                )
    dark_after = _below(chosen, children)
    out_before = last.out if last is not None else _households(dark_before)
    out_after = _households(dark_after)
    if out_before - out_after <= 0:
        raise OutageError(
            _(
                "No household gets power back with this step: the devices named still open "
                "cover everyone still out."
            ),
            field="still_open",
        )
    # Those this outage no longer keeps dark, but another outage in progress still does (planned
    # work under way at their transformer, a fuse blown below): not back, and said apart.
    from powerdesk.notifications.told import still_out

    released = _customers(dark_before - dark_after)
    held = still_out(outage, among=released)
    held_planned = sum(
        1 for found in held.covering.values() if any(o.kind != o.Kind.UNPLANNED for o in found)
    )
    held_other = len(held.customers) - held_planned
    step = OutageRestoreStep.objects.create(
        outage=outage,
        at=at,
        by=user,
        note=note.strip()[:300],
        still_open=sorted(chosen),
        back=max(out_before - out_after - len(held.customers), 0),
        out=out_after,
        held_planned=held_planned,
        held_other=held_other,
        recorded_at=now,
    )
    from powerdesk.outages.aftercare import callbacks_back_at_step

    # Callers listed on it, their own part back now: called back from this step.
    callbacks_back_at_step(outage, released - held.customers, at=at)
    line = step_line(step, [d.name or d.code for d in chosen.values()])
    typed = note.strip()
    said = (
        note_said("parts", sep="dot", parts=[line, typed])
        if typed
        else note_said(line["code"], **line["args"])
    )
    outage_history_add(outage, user, "partly_restored", at=now, said=said)
    # The engine hears what the crew did: the devices closed, and those opened to isolate.
    devices = {d.pk: d for d in GridNode.objects.filter(pk__in=[*before, *chosen])}
    closed = [pk for pk in before if pk not in chosen]
    heard_at = restore_heard_at(outage.station, closed, at)
    for pk in before:
        if pk not in chosen:
            signal_record(
                station=outage.station,
                type=SignalType.RESTORE,
                at=heard_at[pk],
                source=SignalSource.STAFF,
                device=devices[pk],
                source_id=f"part:{step.pk}:restore:{pk}",
            )
    for pk in chosen:
        if pk not in before:
            signal_record(
                station=outage.station,
                type=SignalType.CONFIRM_OPEN,
                at=at,
                source=SignalSource.STAFF,
                device=devices[pk],
                source_id=f"part:{step.pk}:open:{pk}",
            )
    from powerdesk.notifications.power_back import notify_part_back

    notify_part_back(outage, step, out=held)  # those whose power is back hear it, once
    return step


def _customers(nodes: set[int]) -> set[int]:
    return set(Customer.objects.filter(transformer_id__in=list(nodes)).values_list("pk", flat=True))


def step_line(step: OutageRestoreStep, names: list[str]) -> dict[str, Any]:
    """A step's line of the outage's history, as data: the households back, those still off
    under another outage in progress (planned work, another fault), those still out from this
    one and the devices still open (``names``: by name, as the other lines name a device)."""
    line = note_part(
        "outage_partly_back",
        back=step.back,
        out=step.out,
        codes=note_part("items", items=names),
    )
    held = [
        note_part(code, n=n)
        for code, n in (("held_planned", step.held_planned), ("held_other", step.held_other))
        if n
    ]
    return note_part("parts", sep="clause", parts=[line, *held]) if held else line


def step_words(step: OutageRestoreStep) -> str:
    """What staff are told when they record ``step``, in their language, with the counts of
    its history line: "265 户已复电，11 户仍在计划停电中，40 户仍停电。"."""
    # Each clause follows its own count ("1 household has power back", "1 is still out").
    clauses = [
        ngettext("%(n)d household has power back", "%(n)d households have power back", step.back)
        % {"n": step.back}
    ]
    planned, other = step.held_planned, step.held_other
    if planned and other:
        clauses.append(
            ngettext(
                "%(n)d is still off under planned work in progress and %(other)d under another "
                "outage",
                "%(n)d are still off under planned work in progress and %(other)d under another "
                "outage",
                planned,
            )
            % {"n": planned, "other": other}
        )
    elif planned or other:
        clauses.append(
            (
                ngettext(
                    "%(n)d is still off under planned work in progress",
                    "%(n)d are still off under planned work in progress",
                    planned,
                )
                if planned
                else ngettext(
                    "%(n)d is still off under another outage",
                    "%(n)d are still off under another outage",
                    other,
                )
            )
            % {"n": planned or other}
        )
    clauses.append(
        ngettext("%(n)d is still out", "%(n)d are still out", step.out) % {"n": step.out}
    )
    joined = pgettext("clauses of a sentence", "; ").join(clauses)
    return pgettext("end of a sentence", "%(sentence)s.") % {"sentence": joined}
