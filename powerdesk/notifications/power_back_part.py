"""Power back at a step of an outage (``outages.restoration.outage_restore_part``): who is told,
once a step, as the station chose for power back.

- the households whose power came back (not those another outage in progress still keeps dark:
  ``told.still_out``) are texted so; those of them who called about the outage are asked "is
  your power back?" instead (``power_back_answers``, ``step_answers``), once;
- each village liaison or group leader whose village (or group) got power back is texted how
  many of its households did (one text a phone a step, not again at the final restore for the
  same households: ``power_back.notify_power_back`` tells only the villages whose power comes
  back then);
- the station's webhook gets a ``power_back_part`` event with the step's counts.

Each notice's key names the step, so a retry (or a double send) raises nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from powerdesk.notifications import audience
from powerdesk.notifications.models import Audience, Event
from powerdesk.notifications.outage_notices import outage_facts
from powerdesk.notifications.services import Recipient, audiences, notice_raise
from powerdesk.notifications.told import StillOut, dark_customers, still_out

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage, OutageRestoreStep

__all__ = ["notify_part_back", "part_back_facts"]

A = Audience


def notify_part_back(
    outage: Outage, step: OutageRestoreStep, *, out: StillOut | None = None
) -> None:
    """A step of ``outage`` gave part of its households power back: they are texted that it is
    back (the callers among them asked whether theirs is), their villages' liaisons how many,
    and the webhook the step, each once. Those of them still dark from another outage on the
    feeder are not told power is back (``out``: as the step reckoned it), as at a restore; those
    never texted of a fault outage keeping them dark are texted it is still open."""
    from powerdesk.notifications.power_back import _callers, _still_out_told, questions_asked
    from powerdesk.outages.restoration import back_at_step

    back = back_at_step(outage, step)
    out = still_out(outage, among=back) if out is None else out.only(back)
    told = back - out.customers
    who = audiences(outage.station_id, Event.POWER_BACK)
    callers = _callers(outage) & told if outage.kind == outage.Kind.UNPLANNED else set()
    recipients: list[Recipient] = []
    if told and A.HOUSEHOLDS in who:
        recipients = [
            r
            for r in audience.households_below(
                outage.device, "power_back", ask=callers, ask_template="power_back_ask"
            )
            if r.who.get("customer_id") in told
        ]
    facts = outage_facts(outage)
    facts.update(
        villages=audience.place_names_of(told),
        restored=step.at.isoformat(),
        inapp={"kind": "outage"},
    )
    notice = notice_raise(
        station=outage.station,
        event=Event.POWER_BACK,
        key=f"power_back:{outage.pk}:{step.pk}",
        recipients=recipients,
        facts=facts,
        subject=outage,
    )
    if notice is None:
        return  # told already: a retry
    _still_out_told(outage, out, step=step)
    questions_asked(outage, notice)
    if A.LIAISONS in who:
        _liaisons_told(outage, step, told)
    if A.WEBHOOK in who:
        notice_raise(
            station=outage.station,
            event=Event.POWER_BACK_PART,
            key=f"power_back_part:{outage.pk}:{step.pk}",
            recipients=audience.webhook(outage.station, "power_back"),
            facts={**facts, **part_back_facts(outage, step, told)},
            subject=outage,
        )


def part_back_facts(outage: Outage, step: OutageRestoreStep, told: set[int]) -> dict[str, Any]:
    """The step in the webhook's facts: which outage and step, when, and the counts the flash
    and the history say (``back``: households with power; ``held_planned``, ``held_other``:
    given back by this outage but still off under planned work or another outage; ``out``:
    still off from this outage), the devices still open by code and the villages back."""
    from powerdesk.network.models import GridNode

    codes = dict(GridNode.objects.filter(pk__in=step.still_open).values_list("pk", "code"))
    return {
        "outage": outage.pk,
        "step": step.pk,
        "restored": step.at.isoformat(),
        "back": step.back,
        "held_planned": step.held_planned,
        "held_other": step.held_other,
        "out": step.out,
        "still_open": [codes[pk] for pk in step.still_open if pk in codes],
        "villages": audience.place_names_of(told),
    }


@dataclass
class _Phone:
    """A liaison phone told of a step: its first recipient row, the households back it is told
    of, the villages it speaks for whole and its groups (the text names the places of those
    households and of those still off there: ``audience.place_names_of``)."""

    first: Recipient
    customers: set[int] = field(default_factory=set)
    whole: set[int] = field(default_factory=set)
    groups: set[int] = field(default_factory=set)


def _liaisons_told(outage: Outage, step: OutageRestoreStep, told: set[int]) -> None:
    """Each liaison phone of the villages (a group leader: of the groups) with households back
    at ``step`` is texted how many of them are back, and how many of those villages' (a group
    leader: of the group's) are still off from the outage: one text a phone a step, about its
    own villages (or groups) only."""
    from powerdesk.community.models import Liaison
    from powerdesk.customers.models import Customer
    from powerdesk.outages.joined import customers_below

    if not told:
        return
    by_village: dict[int, set[int]] = defaultdict(set)
    by_group: dict[int, set[int]] = defaultdict(set)
    for pk, village, group in Customer.objects.filter(pk__in=told).values_list(
        "pk", "village_id", "group_id"
    ):
        if village:
            by_village[village].add(pk)
        if group:
            by_group[group].add(pk)
    found = audience.with_template(
        audience.liaisons_of(outage.station, by_village, by_group), "power_back_village"
    )
    if not found:
        return
    rows = {li.pk: li for li in Liaison.objects.filter(pk__in=[r.who["liaison_id"] for r in found])}
    # One text a phone (a person may be the liaison of two villages): their households summed,
    # and those still off counted over the same places (a group leader's group, not its village).
    phones: dict[str, _Phone] = {}
    for r in found:
        li = rows[r.who["liaison_id"]]
        phone = phones.setdefault(r.address, _Phone(r))
        if li.group_id:
            phone.customers |= by_group[li.group_id]
            phone.groups.add(li.group_id)
        else:
            phone.customers |= by_village[li.village_id]
            phone.whole.add(li.village_id)
    dark = dark_customers(outage)
    below = customers_below(outage.device)
    # The outage's facts once, not a phone (review39, N1: its part's name reads every element
    # of the feeders out when another outage is open, each time).
    shared = outage_facts(outage)
    for address in sorted(phones):
        phone = phones[address]
        where = Q(village_id__in=phone.whole) | Q(group_id__in=phone.groups)
        still = set(below.filter(where, pk__in=list(dark)).values_list("pk", flat=True))
        facts = dict(shared)
        facts.update(
            # Where, as the households' own texts name it (``audience.places_of``): the groups
            # the outage reached of the phone's villages (those back now and those still off,
            # whom "there" counts), or a village where it reached every group; not the whole
            # village for one group's power back.
            villages=audience.place_names_of(phone.customers | still),
            households=len(phone.customers),
            still_off=len(still),
            restored=step.at.isoformat(),
        )
        notice_raise(
            station=outage.station,
            event=Event.POWER_BACK,
            key=f"power_back:{outage.pk}:{step.pk}:to:{address}",
            recipients=[phone.first],
            facts=facts,
            subject=outage,
        )
