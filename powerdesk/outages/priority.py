"""Who gets power first: the open outages ranked by who needs power most.

Each outage on the board (recorded or predicted) gets a score that is a plain sum of points,
every point with its reason, so a dispatcher can see why one comes before another: clinics and
hospitals first, then drinking-water pumps, schools, other important customers, households with
a medical need (oxygen, dialysis), elderly people living alone, and then how many households are
out and for how long. The chief may put an outage at another place, with the reason
(``PriorityOrder``, append-only); the board shows it.

>>> need = Need(clinics=1, medical=2, households=312)
>>> p = priority_of(need, hours_out=2.0)
>>> p.score
1824.0
>>> [r.what for r in p.reasons]
['clinic', 'medical', 'households', 'hours']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.permissions import Do, require
from powerdesk.outages.models import Outage, PredictedOutage, PriorityOrder
from powerdesk.outages.services import OutageError

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from powerdesk.accounts.models import Station, User
    from powerdesk.outages.board import BoardRow

__all__ = [
    "WEIGHTS",
    "Need",
    "Priority",
    "Reason",
    "outage_priority_set",
    "priority_of",
    "rank_rows",
    "ranked",
]

# Points for each customer of a kind out of power: one clinic outweighs a thousand households,
# so that the kinds come in the order the station restores them.
WEIGHTS: dict[str, float] = {
    "clinic": 1000.0,
    "water_pump": 600.0,
    "school": 300.0,
    "important": 150.0,
    "medical": 100.0,
    "elderly": 40.0,
    "households": 1.0,
}
# And for time: half a point a household an hour, for at most a day (after a day, the length
# of an outage no longer says who needs power more).
HOUSEHOLD_HOUR = 0.5
MAX_HOURS = 24.0
# The places the chief may give (the board rarely holds more).
MAX_POSITION = 99


def position_words() -> str:
    """What is said of a place on the board that is none (the form's and the service's)."""
    return _("The place on the board is a number from 1 to %(max)d.") % {"max": MAX_POSITION}


def reason_missing() -> str:
    """What is said of an order of restoration given without its reason."""
    return _("Say why this outage goes at another place.")


@dataclass(frozen=True)
class Need:
    """Who is out of power under one outage."""

    clinics: int = 0
    water_pumps: int = 0
    schools: int = 0
    important: int = 0
    medical: int = 0
    elderly: int = 0
    households: int = 0


@dataclass(frozen=True)
class Reason:
    what: str  # a key of WEIGHTS, or "hours"
    count: float
    points: float

    @property
    def text(self) -> str:
        n = int(self.count)
        if self.what == "hours":
            if self.count < 1:
                return _("out %(n)d min") % {"n": round(self.count * 60)}
            return _("out %(n)d h") % {"n": round(self.count)}
        labels = {
            "clinic": _("clinic or hospital %(n)d"),
            "water_pump": _("drinking-water pump %(n)d"),
            "school": _("school %(n)d"),
            "important": _("important customer %(n)d"),
            "medical": ngettext("medical need %(n)d household", "medical need %(n)d households", n),
            "elderly": ngettext(
                "elderly alone %(n)d household", "elderly alone %(n)d households", n
            ),
            "households": ngettext("%(n)d household", "%(n)d households", n),
        }
        return labels[self.what] % {"n": n}


@dataclass
class Priority:
    score: float
    reasons: tuple[Reason, ...]
    place: int = 0  # on the board, from 1
    # The chief's order in force for this outage, and all of them (newest first).
    chief: PriorityOrder | None = None
    orders: list[PriorityOrder] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """``诊所/医院 1 · 饮水泵站 1 · 医疗需要 2 户 · 312 户 · 已停 2 小时``"""
        return " · ".join(r.text for r in self.reasons)

    @property
    def points(self) -> str:
        """How the score adds up, for the row's tooltip."""
        return " + ".join(f"{r.text} {r.points:g}" for r in self.reasons) + f" = {self.score:g}"


def priority_of(need: Need, *, hours_out: float) -> Priority:
    """The score of an outage from who is out and for how long (pure)."""
    counts = {
        "clinic": need.clinics,
        "water_pump": need.water_pumps,
        "school": need.schools,
        "important": need.important,
        "medical": need.medical,
        "elderly": need.elderly,
        "households": need.households,
    }
    reasons = [Reason(what, n, WEIGHTS[what] * n) for what, n in counts.items() if n > 0]
    hours = max(0.0, hours_out)
    if hours > 0 and need.households > 0:
        reasons.append(
            Reason(
                "hours", hours, round(need.households * min(hours, MAX_HOURS) * HOUSEHOLD_HOUR, 1)
            )
        )
    return Priority(score=round(sum(r.points for r in reasons), 1), reasons=tuple(reasons))


def ranked[K: Hashable](
    entries: Sequence[tuple[K, float, dt.datetime | None]], places: dict[K, int]
) -> list[K]:
    """Keys in the order of restoration (pure): by score, the longest out first among equals,
    then each key the chief placed put at its place (``places``: key → place from 1).

    >>> ranked([("a", 10.0, None), ("b", 50.0, None), ("c", 30.0, None)], {"a": 1})
    ['a', 'b', 'c']
    """
    never = dt.datetime.max.replace(tzinfo=dt.UTC)
    by_score = sorted(
        (e for e in entries if e[0] not in places),
        key=lambda e: (-e[1], e[2] or never),
    )
    order = [e[0] for e in by_score]
    placed = sorted((e for e in entries if e[0] in places), key=lambda e: places[e[0]])
    for key, _score, _since in placed:
        order.insert(min(places[key] - 1, len(order)), key)
    return order


# -- the board ------------------------------------------------------------------------------
def rank_rows(
    station: Station, rows: list[BoardRow], *, now: dt.datetime | None = None
) -> list[BoardRow]:
    """The board's rows in the order of restoration, each with its ``priority``.

    One query whatever the number of rows: the chief's orders (who is below each row is the
    board's, ``board._fill_places_and_households``).
    """
    if not rows:
        return rows
    now = now or timezone.now()
    needs = _needs(rows)
    orders = _chief_orders(station, rows)
    places: dict[int, int] = {}
    for index, row in enumerate(rows):
        since = row.first_sign_at or (row.outage.starts_at if row.outage else None)
        # To the minute: the board is drawn every second, its figures change once a minute.
        hours = round((now - since).total_seconds() / 60) / 60 if since is not None else 0.0
        row.priority = priority_of(needs[index], hours_out=hours)
        row.priority.orders = orders[index]
        in_force = orders[index][0] if orders[index] else None
        if in_force is not None and in_force.position is not None:
            row.priority.chief = in_force
            places[index] = in_force.position
    order = ranked(
        [(i, r.priority.score if r.priority else 0.0, r.first_sign_at) for i, r in enumerate(rows)],
        places,
    )
    result = [rows[i] for i in order]
    for place, row in enumerate(result, start=1):
        assert row.priority is not None
        row.priority.place = place
    return result


def _needs(rows: list[BoardRow]) -> list[Need]:
    """Who is out under each row: the households the board counted, and by kind the customers
    who are not ordinary households (the board found both below the row's devices)."""
    return [
        Need(
            clinics=row.kinds.get("clinic", 0),
            water_pumps=row.kinds.get("water_pump", 0),
            schools=row.kinds.get("school", 0),
            important=row.kinds.get("important", 0),
            medical=row.medical,
            elderly=row.elderly,
            households=row.households,
        )
        for row in rows
    ]


def _row_keys(row: BoardRow) -> set[tuple[object, ...]]:
    """What names the outage of a row in a ``PriorityOrder``."""
    keys: set[tuple[object, ...]] = set()
    if row.outage is not None:
        keys.add(("outage", row.outage.pk))
        keys.add(("sign", row.outage.device.code, row.outage.starts_at))
    if row.prediction is not None:
        keys.add(("sign", row.prediction.code, row.prediction.first_sign_at))
    return keys


def _chief_orders(station: Station, rows: list[BoardRow]) -> list[list[PriorityOrder]]:
    outages = [r.outage.pk for r in rows if r.outage is not None]
    codes = {k[1] for r in rows for k in _row_keys(r) if k[0] == "sign"}
    found = list(
        PriorityOrder.objects.filter(station=station)
        .filter(Q(outage__in=outages) | Q(code__in=codes))
        .select_related("by")
        .order_by("-at", "-pk")
    )
    result = []
    for row in rows:
        keys = _row_keys(row)
        result.append(
            [
                o
                for o in found
                if ("outage", o.outage_id) in keys or ("sign", o.code, o.first_sign_at) in keys
            ]
        )
    return result


# -- the chief's order -----------------------------------------------------------------------
@transaction.atomic
def outage_priority_set(
    *,
    station: Station,
    user: User | None,
    outage: Outage | None = None,
    prediction: PredictedOutage | None = None,
    position: int | None,
    reason: str,
) -> PriorityOrder:
    """The chief puts an open outage (recorded, or the engine's prediction) at ``position`` on
    the board, or back in the score's order (``None``), saying why."""
    require(user, station, Do.OUTAGE_REORDER)
    if (outage is None) == (prediction is None):
        raise OutageError(_("Name one outage or one prediction to reorder."))
    reason = reason.strip()
    if not reason:
        raise OutageError(reason_missing(), field="reason")
    if position is not None and not 1 <= position <= MAX_POSITION:
        raise OutageError(position_words(), field="position")
    first_sign_at: dt.datetime | None
    if outage is not None:
        if outage.station_id != station.pk:
            raise OutageError(_("That outage belongs to another station."))
        if outage.status != Outage.Status.ACTIVE:
            raise OutageError(_("Only an outage with the power off is put in order."))
        code, first_sign_at = outage.device.code, outage.starts_at
    else:
        assert prediction is not None
        if prediction.station_id != station.pk:
            raise OutageError(_("That prediction belongs to another station."))
        code, first_sign_at = prediction.code, prediction.first_sign_at
    return PriorityOrder.objects.create(
        station=station,
        outage=outage,
        code=code,
        first_sign_at=first_sign_at,
        position=position,
        reason=reason[:300],
        at=timezone.now(),
        by=user,
    )
