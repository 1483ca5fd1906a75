"""What every notice of an outage is made of: its facts, as data (``outage_facts``), and who is
told of it, as the station chose (``device_recipients``); ``outage_notice`` raises one.

The events themselves are told where their domain is: an outage on record in ``outage_known``,
power back in ``power_back``, the expected restoration in ``estimate_texts``, planned outages in
``planned_changes`` and ``planned_reminder``; ``events`` names them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from powerdesk.notifications import audience
from powerdesk.notifications.models import Audience
from powerdesk.notifications.outage_part import outage_part
from powerdesk.notifications.restoration import restoration_facts
from powerdesk.notifications.services import Recipient, audiences, notice_raise

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.network.models import GridNode
    from powerdesk.outages.etr import Etr
    from powerdesk.outages.models import Outage

__all__ = ["device_recipients", "iso", "outage_facts", "outage_notice", "outage_recipients"]

A = Audience


def iso(at: dt.datetime | None) -> str:
    return at.isoformat() if at else ""


def outage_facts(outage: Outage, *, etr: Etr | None = None) -> dict[str, Any]:
    """What every notice of ``outage`` tells, as data. Its staff's free text is kept as it may
    leave the station (``outages.outward``): the facts go to households, liaisons and the
    station's webhook alike. ``etr``: the model's estimate, when the caller has it (one not yet
    recorded: ``record_ask.first_text``)."""
    from powerdesk.outages.crew import outage_crew_state
    from powerdesk.outages.outward import outward_cause_words

    kind = outage.cause_kind

    return {
        "device": outage.device.name or outage.device.code,
        # Where, named as its texts name it (左门, or 左门·哔叭: ``audience.place_names``).
        "villages": audience.place_names(outage.device),
        # Which part of them, while another open outage is there too ("2号台区": ``outage_part``).
        "part": outage_part(outage),
        # The kind the crew found (said in each reader's language: ``texts``), else the words
        # typed as they may leave the station, masked (``outward``: never a name or a phone).
        "cause": outward_cause_words(outage.station, kind, outage.cause),
        "cause_kind": kind,
        # The staff's time, else the model's estimate ("about"): ``restoration``.
        **restoration_facts(outage, etr=etr),
        "starts": iso(outage.starts_at),
        "ends": iso(outage.expected_restore_at),
        "restored": iso(outage.restored_at),
        # Where the crew is when the notice is raised: the text says no more than that.
        "crew_state": str(outage_crew_state(outage)),
    }


def outage_recipients(
    outage: Outage,
    event: str,
    template: str,
    *,
    ask: set[int] | None = None,
    skip: frozenset[int] = frozenset(),
    about: frozenset[int] | None = None,
    spare: frozenset[int] = frozenset(),
) -> list[Recipient]:
    return device_recipients(
        outage.station,
        outage.device,
        event,
        template,
        ask=ask,
        skip=skip,
        about=about,
        spare=spare,
    )


def device_recipients(
    station: Station,
    device: GridNode,
    event: str,
    template: str,
    *,
    ask: set[int] | None = None,
    skip: frozenset[int] = frozenset(),
    about: frozenset[int] | None = None,
    spare: frozenset[int] = frozenset(),
) -> list[Recipient]:
    """Everyone told of ``event`` of an outage on ``device``, as the station chose; the
    households ``skip`` (customer ids: already told) left out. ``about``: the households the
    event is about, when not all below ``device`` (power back after steps): only their villages'
    liaisons are told. ``spare``: households it is not true of (a time earlier than a wider
    outage's still keeping them dark: ``nested_times.under_later_wider``), left out and their
    villages' liaisons with them, unless another household of the village (or group) it is
    true of is below."""
    who = audiences(station.pk, event)
    found: list[Recipient] = []
    skip = skip | spare
    if A.LIAISONS in who:
        if about is not None:
            villages, groups = audience.villages_of(about - spare)
        else:
            villages, groups = audience.villages_below(device, leaving=spare)
        found += audience.with_template(audience.liaisons_of(station, villages, groups), template)
    if A.HOUSEHOLDS in who:
        found += [
            r
            for r in audience.households_below(
                device, template, ask=ask, ask_template=f"{template}_ask"
            )
            if r.who.get("customer_id") not in skip
        ]
    staff_ids = []
    if A.CHIEF in who:
        staff_ids += audience.chiefs(station.pk)
    if A.OFFICE in who:
        staff_ids += audience.office(station.pk)
    found += audience.staff(station, staff_ids, template)
    if A.WEBHOOK in who:
        found += audience.webhook(station, template)
    return found


def outage_notice(
    outage: Outage,
    event: str,
    key: str,
    template: str,
    *,
    keep: Callable[[Recipient], bool] | None = None,
    **kw: Any,
) -> Any:
    """Raise ``event``'s notice of ``outage`` to those the station chose (``keep``: only those
    it keeps; none kept of some raises nothing)."""
    facts = outage_facts(outage)
    facts["inapp"] = {"kind": "outage"}
    if kw.get("about") is not None:
        facts["villages"] = audience.place_names_of(kw["about"])
    recipients = outage_recipients(outage, event, template, **kw)
    if keep is not None:
        kept = [r for r in recipients if keep(r)]
        if recipients and not kept:
            return None
        recipients = kept
    return notice_raise(
        station=outage.station,
        event=event,
        key=key,
        recipients=recipients,
        facts=facts,
        subject=outage,
    )
