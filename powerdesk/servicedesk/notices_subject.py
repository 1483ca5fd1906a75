"""What a person's notice is about (``Notification.subject``), and where its line leads.

A notice names its thing by a generic link (content type and id, as the notifications app's
``Notice.subject`` does): a work order, a promise, a hard problem, a call, a household's
arrears case, an outage. It is written only for a thing of the notice's own station
(``subject_of_station``), and read back only for one (``with_subject_here``: checked in the
query that lists the notices, whatever was stored), so a line never leads to another station's
thing. The cut_need notice's case was read back from its key before (problems76).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, Exists, OuterRef, QuerySet, Value, When

if TYPE_CHECKING:
    from django.db.models import Model

    from powerdesk.servicedesk.models import Notification

__all__ = [
    "LINKED",
    "subject_filled",
    "subject_here",
    "subject_of_station",
    "subject_target",
    "with_subject_here",
]

# The things a notice's line can lead to (app label, model), each with a station of its own.
LINKED = (
    ("servicedesk", "workorder"),
    ("servicedesk", "hardproblem"),
    ("servicedesk", "call"),
    ("servicedesk", "promise"),
    ("arrears", "arrearscase"),
)
# The in-app links a notice's facts may name (``notifications.inapp``), the thing each names:
# the first one named is what the notice is about.
LINK_FIELDS = (
    ("work_order", "servicedesk", "workorder"),
    ("hard_problem", "servicedesk", "hardproblem"),
    ("call", "servicedesk", "call"),
    ("promise", "servicedesk", "promise"),
)


def _has_station(model: type[Model]) -> bool:
    return any(f.name == "station" for f in model._meta.concrete_fields)


def subject_of_station(model: type[Model], pk: Any, station_id: int) -> bool:
    """Whether thing ``pk`` of ``model`` is the station's (a thing with no station is not)."""
    if pk is None or not _has_station(model):
        return False
    return model._default_manager.filter(pk=pk, station_id=station_id).exists()


def subject_filled(
    links: dict[str, Any], subject: tuple[int | None, int | None], station_id: int
) -> tuple[ContentType | None, int | None]:
    """What a notice at the station is about: the first of its in-app ``links`` (the order,
    problem, call or promise its line names), else its event's ``subject`` (content type id,
    id): an arrears case, an outage. None for a thing of another station, or with none (a
    person: a staff change)."""
    for field, app, name in LINK_FIELDS:
        pk = links.get(field)
        if pk:
            model = apps.get_model(app, name)
            if subject_of_station(model, pk, station_id):
                return ContentType.objects.get_for_model(model), int(pk)
            return None, None
    type_id, pk = subject
    if type_id is None or pk is None:
        return None, None
    kind = ContentType.objects.get_for_id(type_id)
    subject_model = kind.model_class()
    if subject_model is None or not subject_of_station(subject_model, pk, station_id):
        return None, None
    return kind, int(pk)


def with_subject_here(notices: QuerySet[Notification]) -> QuerySet[Notification]:
    """``notices`` each with ``subject_here``: whether its subject is a thing its line leads to,
    of the notice's own station (in the same query, however many notices)."""
    whens = []
    for app, name in LINKED:
        model = apps.get_model(app, name)
        mine = model._default_manager.filter(
            pk=OuterRef("subject_id"), station_id=OuterRef("station_id")
        )
        whens.append(When(subject_type__app_label=app, subject_type__model=name, then=Exists(mine)))
    return notices.select_related("subject_type").annotate(
        subject_here=Case(*whens, default=Value(False), output_field=BooleanField())
    )


def subject_here(one: Notification) -> bool:
    """Whether the notice's subject is a thing of its station its line leads to: as the query
    that read it said (``with_subject_here``), else asked now (one notice)."""
    if one.subject_type_id is None or one.subject_id is None:
        return False
    said = getattr(one, "subject_here", None)
    if said is not None:
        return bool(said)
    kind = one.subject_type
    if kind is None or (kind.app_label, kind.model) not in LINKED:
        return False
    model = kind.model_class()
    return model is not None and subject_of_station(model, one.subject_id, one.station_id)


def subject_target(one: Notification) -> tuple[str, int] | None:
    """The notice's thing as ("app.model", id), when its line may lead to it."""
    if not subject_here(one):
        return None
    kind = one.subject_type
    assert kind is not None and one.subject_id is not None  # ``subject_here``'s
    return f"{kind.app_label}.{kind.model}", one.subject_id
