"""What the public page says: the station's outages by village, and nothing of anyone.

An outage is shown by the villages and groups it reaches, its kind and state, its cause and
when power is expected back. The engine's predictions are shown only when it is sure enough
(and staff have not rejected them, as on the board). No name, phone, account number or
household detail is read into what this module returns; the free text staff wrote (the cause,
what to tell callers) goes out as it leaves the station everywhere (``outages.outward``: plain
words, with whatever names someone masked by ``redaction.Redactor``). What
is said of an outage only the engine sees (its latest report, a crew sent) is ``signs``'.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode
from powerdesk.notifications.outage_part import outage_parts
from powerdesk.notifications.restoration import Restoration, restoration_of
from powerdesk.outages.board import board_rows
from powerdesk.outages.models import NoticeSource, Outage, OutageEvent, OutageLink
from powerdesk.outages.outward import outward_cause, outward_text
from powerdesk.public.held_above import hold_by_wider
from powerdesk.public.redaction import Redactor
from powerdesk.public.signs import crews_sent, latest_signs

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board import BoardRow
    from powerdesk.outages.etr import Etr

__all__ = [
    "PLANNED_DAYS_AHEAD",
    "PUBLIC_CONFIDENCE",
    "PublicOutage",
    "StationStatus",
    "area_outages",
    "by_village",
    "household_where",
    "station_status",
]

# A prediction the engine has not confirmed is shown from this confidence up: below it, a
# villager would too often read of an outage that is not there.
PUBLIC_CONFIDENCE = 0.8
# Planned work is shown from the day it is announced, as far ahead as this.
PLANNED_DAYS_AHEAD = 30


@dataclass
class PublicOutage:
    device_id: int
    state: str  # "off" (recorded), "suspected" (the engine's picture) or "planned" (announced)
    planned: bool
    starts_at: dt.datetime | None
    expected_restore_at: dt.datetime | None
    cause: str
    notice: str
    updated_at: dt.datetime | None
    # Staff wrote the notice before the outage was moved: it may name the old date.
    notice_before_move: bool = False
    # village name → its groups reached (sorted); villages sorted by name
    places: dict[str, list[str]] = field(default_factory=dict)
    # Staff set no time: the model's estimate, said as "about" (``notifications.restoration``).
    estimate: Restoration | None = None
    # A crew is sent: to the outage, or (not recorded yet) to a caller below it since it began.
    crew_sent: bool = False
    # The time power was expected back (staff's, else the model's), now past with the power
    # still off: said as past and being checked, never moved ahead (``shown_restoration``).
    overdue_at: dt.datetime | None = None
    # The time the households were texted, when the time shown is another (a change under 30
    # minutes is not texted): said beside it, as the board and the liaison's page do (walk 39, 4).
    texted_at: dt.datetime | None = None
    # Which part of its villages, while another open outage has households there too: the
    # words its texts say (左门·哔叭（1号台区）: ``outage_part``), so a texted household finds its
    # own outage among two (walk 40, 2); "" when it is alone there.
    part: str = ""
    # The recorded outages the card stands for: its own, or (one household's card of outages
    # one inside another: ``area_outages``) all of them.
    outage_ids: tuple[int, ...] = ()
    # A wider outage above it still off, ending later (not yet known is the latest): its card,
    # whose time this one says, as a line above's (``held_above``; its device never named).
    above: PublicOutage | None = None

    def where(self, groups: list[str]) -> str:
        """The card's place words in a village: its groups and its part (哔叭（1号台区）)."""
        said = pgettext("list separator", ", ").join(groups)
        if not self.part:
            return said
        if not said:
            return self.part
        return _("%(place)s (%(part)s)") % {"place": said, "part": self.part}

    @property
    def state_label(self) -> str:
        return {
            "off": _("power off"),
            "suspected": _("probably off: being checked"),
            "planned": _("announced"),
        }[self.state]

    @property
    def kind_label(self) -> str:
        return _("planned outage") if self.planned else _("fault outage")

    @property
    def updated_label(self) -> str:
        # A suspected outage has no record to change: its time is the latest report of it.
        return _("Latest report") if self.state == "suspected" else _("Last changed")


@dataclass
class StationStatus:
    outages: list[PublicOutage]
    updated_at: dt.datetime

    def current_by_village(self) -> list[tuple[str, list[tuple[PublicOutage, str]]]]:
        return by_village(o for o in self.outages if o.state != "planned")

    def planned_by_village(self) -> list[tuple[str, list[tuple[PublicOutage, str]]]]:
        return by_village(o for o in self.outages if o.state == "planned")


def by_village(
    outages: Iterable[PublicOutage],
) -> list[tuple[str, list[tuple[PublicOutage, str]]]]:
    """Each village reached, with its outages (in the order given) and where in it each is: the
    groups it reaches and its part (``PublicOutage.where``)."""
    villages: dict[str, list[tuple[PublicOutage, str]]] = defaultdict(list)
    for outage in outages:
        for village, groups in outage.places.items():
            villages[village].append((outage, outage.where(groups)))
    return sorted(villages.items())


def station_status(station: Station, *, now: dt.datetime | None = None) -> StationStatus:
    """The station's current outages (recorded, and the engine's sure predictions) and the
    planned ones announced for the coming weeks."""
    now = now or timezone.now()
    redact = Redactor(station)
    found: list[PublicOutage] = []
    outages: list[Outage] = []
    etrs: dict[int, Etr] = {}
    with_crew: set[int] = set()
    suspected: list[BoardRow] = []
    for row in board_rows(station):
        if row.outage is not None:
            outages.append(row.outage)
            if row.etr is not None:
                etrs[row.outage.pk] = row.etr
            if row.crew is not None:
                with_crew.add(row.outage.pk)
        elif row.device is not None and row.prediction is not None:
            if row.state != "confirmed" and row.prediction.confidence < PUBLIC_CONFIDENCE:
                continue
            suspected.append(row)
    latest = latest_signs(station, suspected, now=now)
    crews = crews_sent(station, suspected)
    for row in suspected:
        assert row.device is not None
        sent = row.key in crews
        found.append(
            PublicOutage(
                device_id=row.device.pk,
                state="suspected",
                planned=False,
                starts_at=row.first_sign_at,
                expected_restore_at=None,
                cause=suspected_cause(crew_sent=sent),
                notice="",
                updated_at=latest.get(row.key),
                crew_sent=sent,
            )
        )
    outages += list(
        Outage.objects.for_station(station)
        .filter(
            status=Outage.Status.ANNOUNCED,
            starts_at__lte=now + dt.timedelta(days=PLANNED_DAYS_AHEAD),
        )
        .order_by("starts_at")
    )
    causes = dict(
        OutageLink.objects.filter(outage__in=outages)
        .exclude(cause_kind="")
        .values_list("outage_id", "cause_kind")
    )
    changed = dict(
        OutageEvent.objects.filter(outage__in=outages)
        .values("outage_id")
        .annotate(last=Max("at"))
        .values_list("outage_id", "last")
    )
    from powerdesk.notifications.estimates_told import told_restorations

    texted = told_restorations(
        o for o in outages if o.kind == Outage.Kind.UNPLANNED and o.status == Outage.Status.ACTIVE
    )
    parts = outage_parts(station.pk, [(o.pk, o.device_id) for o in outages])
    recorded = []
    for o in outages:
        told = shown_restoration(o, etrs.get(o.pk), now=now)
        shown_at = o.expected_restore_at or (told.estimate.at if told.estimate else None)
        sms = texted.get(o.pk)
        texted_at = sms.at if sms and told.overdue_at is None and sms.differs(shown_at) else None
        recorded.append(
            PublicOutage(
                device_id=o.device_id,
                state="planned" if o.status == Outage.Status.ANNOUNCED else "off",
                planned=o.kind == Outage.Kind.PLANNED,
                starts_at=o.starts_at,
                expected_restore_at=o.expected_restore_at,
                cause=_cause(o, causes.get(o.pk, ""), redact, crew_sent=o.pk in with_crew),
                notice=outward_text(station, o.notice, redactor=redact),
                notice_before_move=o.notice_source == NoticeSource.BEFORE_MOVE,
                updated_at=max(t for t in (changed.get(o.pk, o.starts_at), told.changed_at) if t),
                estimate=told.estimate,
                crew_sent=o.pk in with_crew,
                overdue_at=told.overdue_at,
                texted_at=texted_at,
                part=parts.get(o.pk, ""),
                outage_ids=(o.pk,),
            )
        )
    hold_by_wider({c.outage_ids[0]: c for c in recorded}, outages)
    for card in recorded:
        if card.above is not None:
            # The time said is the line above's: this outage's texts are not what its
            # households hold (a later wider one keeps them from an earlier time:
            # ``nested_times``), so none is said beside it.
            card.texted_at = None
    shown = recorded + found
    _fill_places(shown)
    return StationStatus(outages=[o for o in shown if o.places], updated_at=now)


def area_outages(status: StationStatus, customer: Customer) -> list[PublicOutage]:
    """The outages of ``status`` above the customer's transformer area: those going on now
    first (recorded ones nested above the household as one: ``_one_for_the_household``), then
    the planned ones to come (each in the order given)."""
    from powerdesk.outages.predicted import devices_above

    transformer = customer.transformer
    if transformer is None:
        return []
    above = devices_above(transformer)
    mine = [o for o in status.outages if o.device_id in above]
    # Recorded outages one inside another are one for the household; one the engine suspects
    # (not recorded) is said apart, as probable.
    off = [o for o in mine if o.state == "off"]
    if len(off) > 1:
        off = [_told_the_household(_one_for_the_household(off), customer)]
    rest = [o for o in mine if o.state != "off"]
    return off + sorted(rest, key=lambda o: o.state == "planned")


def _one_for_the_household(nested: list[PublicOutage]) -> PublicOutage:
    """Outages going on now one inside another above one household (a fuse's inside a feeder's)
    are one for it: its power is back only when the last of them is (a time not yet known is
    the last), off since the first began. Said as the one that ends last, with that start."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def back(o: PublicOutage) -> dt.datetime:
        at = o.overdue_at or o.expected_restore_at or (o.estimate.at if o.estimate else None)
        return at or far

    last = max(nested, key=back)
    starts = [o.starts_at for o in nested if o.starts_at is not None]
    return dataclasses.replace(
        last,
        starts_at=min(starts) if starts else last.starts_at,
        outage_ids=tuple(pk for o in nested for pk in o.outage_ids),
    )


def household_where(outage: PublicOutage, customer: Customer) -> str:
    """Where in the household's village its card's outage is, named as the status page's card
    and the answer to a status text name it — its groups there and its part (哔叭（1号台区）:
    ``PublicOutage.where``, ``texts.place_with_part``) — while another open outage has
    households there too; "" when it is alone there (the page's heading names the place)."""
    if not outage.part:
        return ""
    village = customer.village.name if customer.village is not None else ""
    return outage.where(outage.places.get(village, []))


def _told_the_household(card: PublicOutage, customer: Customer) -> PublicOutage:
    """The household's one card of outages one inside another says beside its time the time
    this household was texted (``household_told``): the inner one's while the wider one's,
    within ``ETR_MOVE`` of it, was never texted to it; not the wider one's texts to others."""
    from powerdesk.notifications.estimates_told import household_told

    told = household_told(customer.pk, card.outage_ids)
    shown_at = card.expected_restore_at or (card.estimate.at if card.estimate else None)
    texted_at = told.at if told and card.overdue_at is None and told.differs(shown_at) else None
    return dataclasses.replace(card, texted_at=texted_at)


@dataclass(frozen=True)
class ShownRestoration:
    """When power is expected back, as the page says it, and since when it says so."""

    estimate: Restoration | None  # the model's "about", when staff set no time and not past
    overdue_at: dt.datetime | None  # the time told, past with the power still off
    changed_at: dt.datetime | None  # when what is said last changed (beyond the history's steps)


def shown_restoration(outage: Outage, etr: Etr | None, *, now: dt.datetime) -> ShownRestoration:
    """What the page says of ``outage``'s restoration (the board's estimate ``etr``, never
    computed again here). The staff's time is a step of the outage's history; the model's
    changes at the moment it was made at (``Etr.since``: the start, the crew on the line, the
    cause found); a time told that passes changes what is said at that time. So "last changed"
    moves when the time shown does, and only then."""
    active = outage.status == Outage.Status.ACTIVE and outage.kind == Outage.Kind.UNPLANNED
    told = outage.expected_restore_at or (etr.at if etr is not None else None)
    if active and told is not None and told <= now:
        return ShownRestoration(None, told, told)
    if outage.expected_restore_at is not None or etr is None:
        return ShownRestoration(None, None, None)
    return ShownRestoration(restoration_of(outage, etr=etr, now=now), None, etr.since)


def suspected_cause(*, crew_sent: bool) -> str:
    """What is said of an outage the engine sees and nobody has recorded: a crew is named only
    when one is sent (to a caller below it); otherwise the station knows and is checking."""
    if crew_sent:
        return _("Reports from customers and meters: the crew is checking.")
    return _("Reports from customers and meters: the station knows and is checking.")


def _cause(outage: Outage, found: str, redact: Redactor, *, crew_sent: bool) -> str:
    if found or outage.cause:
        # As every text of it says it (``outages.outward``): the kind found, else the words
        # typed, plain (never markup, even stored before the check) and masked.
        return outward_cause(outage, kind=found, redactor=redact)
    if outage.kind == Outage.Kind.PLANNED:
        return _("Planned work on the line.")
    if crew_sent:
        return _("Not yet known: the crew is finding it.")
    return _("Not yet known: the station knows and is checking.")


def _fill_places(outages: list[PublicOutage]) -> None:
    """Each outage's villages and groups: those of the households below its device."""
    devices = {o.device_id for o in outages}
    if not devices:
        return
    feeders = set(
        GridNode.objects.filter(pk__in=devices).values_list("feeder_id", flat=True).distinct()
    )
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in GridNode.objects.filter(feeder__in=feeders).values_list("pk", "parent_id"):
        if parent_id is not None:
            children[parent_id].append(pk)
    where: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for transformer, village, group in (
        Customer.objects.filter(transformer__feeder__in=feeders, village__isnull=False)
        .values_list("transformer_id", "village__name", "group__name")
        .distinct()
    ):
        where[transformer].add((village, group or ""))
    for outage in outages:
        places: dict[str, set[str]] = defaultdict(set)
        stack = [outage.device_id]
        while stack:
            pk = stack.pop()
            for village, group in where.get(pk, ()):
                places[village].add(group)
            stack.extend(children.get(pk, ()))
        outage.places = {
            village: sorted(g for g in groups if g) for village, groups in sorted(places.items())
        }
