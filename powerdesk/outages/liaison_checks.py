"""A village liaison's "power is back" on the board's rows (``community.liaison``).

Said of an outage inside a wider one still recorded as off (``liaison_power_back``; walk44, 2),
it contradicts the record: either the wider outage is in fact back or the report is wrong. The
dispatcher is told on both outages' rows of the board (on the outage page, once, on the board's
rows above the list), as a report to check (``Check``), while it stands: until the wider outage
is restored, a step gives power back to the inner one's device, or the dispatcher marks the
report wrong (``liaison_checked.liaison_report_wrong``). The inner outage is never taken as
restored on the report's word. Once it no longer stands, and for a liaison's report with nothing
to check, the row keeps a line of it (``Said``: who, when, where, and how it ended; walk45, 4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from powerdesk.outages.models import Outage, OutageEvent

__all__ = [
    "UNDER",
    "WRONG",
    "Check",
    "LiaisonLines",
    "Said",
    "liaison_checks",
    "liaison_lines",
    "moment",
    "note_id",
    "reports_marked_wrong",
]

# The inner outage's history line of such a report (``servicedesk.history_messages``).
UNDER = "outage_back_in_under"
# The step that marks a report checked and wrong, on both outages (``liaison_checked``).
WRONG = "liaison_wrong"
REPORTS = ("liaison_on", WRONG)


@dataclass(frozen=True)
class Check:
    """A report still to check: what to say, the report (the inner outage's ``liaison_on``
    line, by pk) and the wider outage it contradicts (by pk)."""

    text: str
    report: int
    above: int
    # The outage whose restore (or partial restore) would settle it (the board's link), and
    # whether that is the row's own outage: the link is worded for the row (walk47, 4).
    settle: int = 0
    here: bool = False
    # Held by the inner outage itself (the wider one's record is back there): its restore.
    inner_holds: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def settled_by(self) -> int:
        return self.settle or self.above


@dataclass(frozen=True)
class Said:
    """A liaison's report no longer to check, or never one: who, when, where and how it ended
    (``ended``: "" a report with nothing to check, "back" the record now has power there too,
    "wrong" marked wrong by the station)."""

    text: str
    ended: str = ""

    def __str__(self) -> str:
        return self.text


@dataclass
class LiaisonLines:
    """For each outage (by pk): the reports to check, and the other reports' lines."""

    checks: dict[int, list[Check]] = field(default_factory=dict)
    said: dict[int, list[Said]] = field(default_factory=dict)


def liaison_checks(
    outages: Iterable[Outage], events: Iterable[OutageEvent] | None = None
) -> dict[int, list[Check]]:
    """For each of ``outages`` with the power off (by pk), what to check (``liaison_lines``)."""
    return liaison_lines(outages, events).checks


def liaison_lines(
    outages: Iterable[Outage], events: Iterable[OutageEvent] | None = None
) -> LiaisonLines:
    """For each of ``outages`` with the power off (by pk), what to check — a liaison said power
    is back inside it, or inside an outage within it, while the wider one still keeps that place
    dark — and what liaisons said of power back otherwise. Oldest first.

    ``events``: the outages' history lines when the caller has them already (the board
    prefetches them), with ``by``; else they are read (one query). One more query for a wider
    outage not among ``outages``, and one for the wider outages' restore steps."""
    from powerdesk.outages.restoration import dark_device_ids_of

    lines = LiaisonLines()
    active = {o.pk: o for o in outages if o.status == Outage.Status.ACTIVE}
    if not active:
        return lines
    if events is None:
        events = OutageEvent.objects.filter(
            outage_id__in=list(active), what__in=REPORTS
        ).select_related("by")
    found = sorted(
        (e for e in events if e.what in REPORTS and e.outage_id in active),
        key=lambda e: (e.at, e.pk),
    )
    reports = [e for e in found if e.what == "liaison_on"]
    if not reports:
        return lines
    wrong = reports_marked_wrong(active, found)
    above_ids = {note_id(e, "above") for e in reports if e.note_code == UNDER} - {0}
    wider = {o.pk: o for o in active.values() if o.pk in above_ids}
    missing = above_ids - set(wider)
    if missing:
        # The wider outage is on the board too when it is off; asked for on its own when not.
        wider.update(
            (o.pk, o) for o in Outage.objects.filter(pk__in=missing).select_related("device")
        )
    # The wider outages' dark places, and the inner ones' (a settling must be true: the
    # place has power in the record only when no outage still on holds it, the inner one
    # included; walk47, 3). One read of the feeders for both.
    inners = {e.outage_id for e in reports}
    dark = dark_device_ids_of(
        [o for o in wider.values() if o.status == Outage.Status.ACTIVE]
        + [o for pk, o in active.items() if pk in inners and pk not in wider]
    )
    for event in reports:
        inner = active[event.outage_id]
        args = {
            "who": str(event.by or _("a village liaison")),
            "at": moment(event.at),
            "where": str(_args(event).get("where", "")),
            "inner": inner.device.name or inner.device.code,
        }
        above = wider.get(note_id(event, "above")) if event.note_code == UNDER else None
        if above is None:
            lines.said.setdefault(inner.pk, []).append(
                Said(
                    _("%(who)s (village liaison) said at %(at)s that power is back in %(where)s")
                    % args
                )
            )
            continue
        args["device"] = above.device.name or above.device.code
        marked = wrong.get(event.pk)
        if marked is not None:
            args |= {"by": str(marked.by or ""), "when": moment(marked.at)}
            _said(lines, inner, above, active, args, "wrong")
        elif above.status == Outage.Status.ACTIVE and inner.device_id in dark.get(above.pk, set()):
            _check(lines, inner, above, active, args, event)
        elif above.status == Outage.Status.ACTIVE and inner.device_id in dark.get(inner.pk, set()):
            # The wider outage's partial restore gave power back above it, but the inner
            # outage itself still keeps the place dark: still to check, on its own row.
            lines.checks.setdefault(inner.pk, []).append(
                Check(
                    _(
                        "A village liaison reported power back in %(where)s; a partial restore "
                        "of the wider outage on %(device)s gave power back above it, but this "
                        "outage is still recorded as off: check"
                    )
                    % args,
                    event.pk,
                    above.pk,
                    settle=inner.pk,
                    here=True,
                    inner_holds=True,
                )
            )
            if above.pk in active:
                lines.said.setdefault(above.pk, []).append(
                    Said(
                        _(
                            "%(who)s (village liaison) said at %(at)s that power is back in "
                            "%(where)s, within the outage on %(inner)s; a partial restore of "
                            "this outage gave power back above it, and that outage is still "
                            "recorded as off: checked on its row"
                        )
                        % args
                    )
                )
        else:
            # The wider outage is back there: nothing contradicts the report now.
            args["back"] = moment(above.restored_at) if above.restored_at else ""
            _said(lines, inner, above, active, args, "back")
    return lines


def _check(
    lines: LiaisonLines,
    inner: Outage,
    above: Outage,
    active: dict[int, Outage],
    args: dict[str, str],
    event: OutageEvent,
) -> None:
    lines.checks.setdefault(inner.pk, []).append(
        Check(
            _(
                "A village liaison reported power back in %(where)s, but the wider outage on "
                "%(device)s above is still recorded as off: check"
            )
            % args,
            event.pk,
            above.pk,
        )
    )
    if above.pk in active:
        lines.checks.setdefault(above.pk, []).append(
            Check(
                _(
                    "A village liaison reported power back in %(where)s, within the outage on "
                    "%(inner)s, but this outage is still recorded as off: check"
                )
                % args,
                event.pk,
                above.pk,
                here=True,
            )
        )


def _said(
    lines: LiaisonLines,
    inner: Outage,
    above: Outage,
    active: dict[int, Outage],
    args: dict[str, str],
    ended: str,
) -> None:
    if ended == "wrong":
        own = _(
            "%(who)s (village liaison) said at %(at)s that power was back in %(where)s, inside "
            "the wider outage on %(device)s (then off); %(by)s checked at %(when)s: the report "
            "was wrong"
        )
        wide = _(
            "%(who)s (village liaison) said at %(at)s that power was back in %(where)s, inside "
            "the outage on %(inner)s; %(by)s checked at %(when)s: the report was wrong"
        )
    elif args.get("back"):
        own = _(
            "%(who)s (village liaison) said at %(at)s that power was back in %(where)s, inside "
            "the wider outage on %(device)s (then off); that outage was later recorded restored "
            "(%(back)s)"
        )
        wide = ""  # restored: not on the board any more
    else:
        own = _(
            "%(who)s (village liaison) said at %(at)s that power was back in %(where)s, inside "
            "the wider outage on %(device)s (then off); a partial restore of that outage later "
            "gave power back there"
        )
        wide = _(
            "%(who)s (village liaison) said at %(at)s that power was back in %(where)s, inside "
            "the outage on %(inner)s; a partial restore of this outage later gave power back "
            "there"
        )
    lines.said.setdefault(inner.pk, []).append(Said(own % args, ended))
    if wide and above.pk in active:
        lines.said.setdefault(above.pk, []).append(Said(wide % args, ended))


def moment(at: object) -> str:
    """When a report was said or checked, as its lines say it ("12-06 08:49")."""
    return dateformat.format(timezone.localtime(at), "m-d H:i")  # type: ignore[arg-type]


def _args(event: OutageEvent) -> dict[str, object]:
    return event.note_args if isinstance(event.note_args, dict) else {}


def note_id(event: OutageEvent, name: str) -> int:
    """An id kept in a report's (or a mark's) line: the report's, the wider outage's; 0 when
    none."""
    value = _args(event).get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def reports_marked_wrong(
    outages: Iterable[Outage | int], events: Iterable[OutageEvent] | None = None
) -> dict[int, OutageEvent]:
    """The reports of ``outages`` checked by the station and marked wrong (the mark's line on
    either outage, the first), by the report's pk: a report marked wrong is done with (said
    again, it is a new one). ``events``: the outages' lines when the caller has them (the
    board's poll prefetches them); else one query."""
    ids = {o if isinstance(o, int) else o.pk for o in outages}
    if events is None:
        events = OutageEvent.objects.filter(outage_id__in=ids, what=WRONG).order_by("at", "pk")
    marked: dict[int, OutageEvent] = {}
    for e in sorted(
        (e for e in events if e.what == WRONG and e.outage_id in ids), key=lambda e: (e.at, e.pk)
    ):
        marked.setdefault(note_id(e, "report"), e)
    marked.pop(0, None)
    return marked
