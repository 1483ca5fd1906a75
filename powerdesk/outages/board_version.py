"""The outage board's version: a stamp that changes whenever the board would, read in one small
query, so that a board polled every second answers "not modified" without being drawn.

Drawing the board walks the grid, ranks the rows and suggests crews (a dozen queries and a long
template); the stamp is one query of scalar subqueries, each an index look-up:

- the engine's picture: when it was last saved, and its predictions (how many, the newest);
- the station's outages that are on (how many, the newest);
- everything appended that the board shows or weighs: an outage's steps, partial restores and
  the places a crew found the fault, rejected predictions, the chief's orders of restoration,
  work-order events and crew positions (a crew's load and where it is). These tables are
  append-only, so the newest id of each (the primary key's index, whichever station wrote
  it) changes exactly when a row is added; another station's row costs a drawing, not a
  wrong board;
- the crews (how many, the newest), for the dispatch forms.

Whatever else moves the board (the clock: hours out weigh in the order of restoration and the
estimates move; a crew renamed, a customer's needs edited) is picked up by the minute in the
ETag (``board_etag``), the resolution of the times the board shows.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from powerdesk.accounts.models import Crew, CrewPosition, Station
from powerdesk.outages.models import (
    EngineState,
    FoundPlace,
    Outage,
    OutageEvent,
    OutageRestoreStep,
    PredictedOutage,
    PredictionRejection,
    PriorityOrder,
)
from powerdesk.servicedesk.models import WorkOrderEvent

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.http import HttpRequest

__all__ = ["board_etag", "board_version"]

_APPENDED: tuple[type[Model], ...] = (
    OutageEvent,
    OutageRestoreStep,
    FoundPlace,
    PredictionRejection,
    PriorityOrder,
    WorkOrderEvent,
    CrewPosition,
)


def board_version(station: Station) -> tuple[Any, ...]:
    """What the station's board is drawn from, in one query (see the module's docstring)."""
    mine = {"station": OuterRef("pk")}
    on = Outage.objects.filter(**mine, status=Outage.Status.ACTIVE)
    columns: dict[str, Any] = {
        "picture_at": Subquery(EngineState.objects.filter(**mine).values("updated_at")[:1]),
        "predictions": _count(PredictedOutage.objects.filter(**mine)),
        "newest_prediction": _newest(PredictedOutage.objects.filter(**mine)),
        "outages_on": _count(on),
        "newest_outage_on": _newest(on),
        "crews": _count(Crew.objects.filter(**mine)),
        "newest_crew": _newest(Crew.objects.filter(**mine)),
    }
    for model in _APPENDED:
        columns[f"newest_{model._meta.model_name}"] = _newest(model._default_manager.all())
    # Prefixed: a station's own fields (its crews…) must not be shadowed.
    named = {f"stamp_{name}": column for name, column in columns.items()}
    found = Station.objects.filter(pk=station.pk).annotate(**named).values_list(*named)
    return tuple(found.get())


def board_etag(request: HttpRequest, station: Station) -> str:
    """The ETag of the board this request would be shown, without drawing it: the data's
    version, the minute, and what the drawing depends on besides (who asks and in which
    language, how many rows, the session's CSRF secret that its forms carry)."""
    roles = sorted(getattr(request, "roles", ()))
    parts = [
        *board_version(station),
        timezone.now().replace(second=0, microsecond=0).isoformat(),
        station.pk,
        request.user.pk,
        roles,
        translation.get_language(),
        request.GET.get("top", ""),
        _csrf_secret(request),
    ]
    return '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:32] + '"'


def _csrf_secret(request: HttpRequest) -> str:
    # Made now if the session has none yet, so that the board drawn with it has the same tag.
    get_token(request)
    return str(request.META.get("CSRF_COOKIE", ""))


def _count(rows: QuerySet[Any]) -> Subquery:
    return Subquery(
        rows.order_by().values("station").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def _newest(rows: QuerySet[Any]) -> Subquery:
    return Subquery(rows.order_by("-pk").values("pk")[:1], output_field=IntegerField())
