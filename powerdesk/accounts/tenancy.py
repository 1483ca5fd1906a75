"""Station scoping: every query a view runs goes through here.

Users see the data of their *current* station, chosen with the station switcher among the
stations they belong to. Every station model's queryset has ``for_station(station)``
(``lib.models.StationQuerySet``); ``station_queryset`` applies it to the request's station and
``get_for_user`` is the one helper that fetches an object and checks the user's right to it; an
object of another station answers 404, so that its existence is not revealed either.
``station_page`` guards a view with its line of the role matrix (``accounts.pages``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from powerdesk.accounts.models import STATION_STAFF_ROLES, Station
from powerdesk.accounts.pages import PAGES, Page
from powerdesk.accounts.permissions import NotAllowed

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from powerdesk.accounts.models import User

# HttpResponseBase: a page may also answer with a streamed file (a list's CSV export).
View = Callable[..., HttpResponseBase]

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
    if queryset.model is Station:
        return queryset.filter(pk=station.pk) if station is not None else queryset.none()
    for_station = getattr(queryset, "for_station", None)
    if for_station is None:
        raise TypeError(f"{queryset.model.__name__} has no for_station(): is it station data?")
    scoped: models.QuerySet[M] = for_station(station)
    return scoped


class AtOtherStation(Http404):
    """Not found at the user's current station, but at ``station``, another station the user
    works at: the 404 page offers to switch to it and open the link (walkthrough 34, finding
    5). Never raised for a station the user does not work at (its objects stay unrevealed)."""

    def __init__(self, station: Station) -> None:
        super().__init__("At another of the user's stations")
        self.station = station


def get_for_user[M: models.Model](
    request: HttpRequest, model_or_queryset: type[M] | models.QuerySet[M], **lookup: Any
) -> M:
    """Fetch one object of the user's current station, or raise 404 (``AtOtherStation`` when a
    page opened is of another station the user works at)."""
    try:
        return get_object_or_404(station_queryset(request, model_or_queryset), **lookup)
    except Http404:
        station = _other_station_of(request, model_or_queryset, lookup)
        if station is not None:
            raise AtOtherStation(station) from None
        raise


def _other_station_of(
    request: HttpRequest, model_or_queryset: type[models.Model] | models.QuerySet[Any], lookup: Any
) -> Station | None:
    """The first other station of the user's (by name) holding the object, for a page opened
    (GET); None otherwise."""
    others = [
        s for s in getattr(request, "member_stations", []) if s != getattr(request, "station", None)
    ]
    if request.method != "GET" or not others:
        return None
    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    for_station = getattr(queryset, "for_station", None)
    if queryset.model is Station or for_station is None:
        return None
    for station in others:
        try:
            if for_station(station).filter(**lookup).exists():
                return station
        except (ValueError, TypeError):  # a lookup that is not one (a malformed id)
            return None
    return None


def station_view(
    roles: Iterable[str] = STATION_STAFF_ROLES, *, page: Page | None = None
) -> Callable[[View], View]:
    """Guard a view: logged in, a current station, and one of ``roles`` there; with a ``page``
    of the role matrix, its roles, and a POST only for those the page's actions allow."""
    allowed = page.view if page is not None else frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request, "station", None) is None:
                # Said why (their work at a station ended, or none given yet), never "not
                # found" (walkthrough 34, finding 4).
                from powerdesk.web.views import no_station_page

                return no_station_page(request)
            roles: frozenset[str] = getattr(request, "roles", frozenset())
            if not (allowed & roles):
                raise PermissionDenied
            if page is not None and request.method == "POST":
                if page.post == ():
                    return HttpResponseNotAllowed(["GET", "HEAD"])
                if not page.may_post(roles):
                    raise NotAllowed(_("Your role at this station does not allow this."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def station_page(name: str) -> Callable[[View], View]:
    """Guard the view of URL ``name`` with its line of the role matrix (``accounts.pages``)."""
    return station_view(page=PAGES[name])
