"""Station scoping: every query a view runs goes through here.

Users see the data of their *current* station, chosen with the station switcher among the
stations they belong to. ``get_for_user`` is the one helper that fetches an object and checks the
user's right to it; an object of another station answers 404, so that its existence is not
revealed either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from powerdesk.accounts.models import STATION_STAFF_ROLES, Station

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from powerdesk.accounts.models import User

View = Callable[..., HttpResponse]

SESSION_KEY = "powerdesk_station_id"


class StationRequest(HttpRequest):
    """What the middleware adds to a request (for type checkers)."""

    user: User
    station: Station
    roles: frozenset[str]
    htmx: HtmxDetails


def station_queryset[M: models.Model](
    request: HttpRequest, model_or_queryset: type[M] | models.QuerySet[M]
) -> models.QuerySet[M]:
    """The rows of the request's current station, or none at all without one."""
    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    station = getattr(request, "station", None)
    if station is None:
        return queryset.none()
    field = "pk" if queryset.model is Station else "station"
    return queryset.filter(**{field: station.pk})


def get_for_user[M: models.Model](
    request: HttpRequest, model_or_queryset: type[M] | models.QuerySet[M], **lookup: Any
) -> M:
    """Fetch one object of the user's current station, or raise 404."""
    return get_object_or_404(station_queryset(request, model_or_queryset), **lookup)


def station_view(roles: Iterable[str] = STATION_STAFF_ROLES) -> Callable[[View], View]:
    """Guard a view: logged in, a current station, and one of ``roles`` there."""
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request, "station", None) is None:
                raise Http404("No station")
            if not (allowed & getattr(request, "roles", frozenset())):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
