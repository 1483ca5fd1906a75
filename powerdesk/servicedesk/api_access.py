"""Access to the service desk's JSON API: who may call it (``StationAuth``), the station and
the person a request acts for, and the answers and headers every operation declares.

Systems authenticate with ``Authorization: Bearer <key>`` (or ``Token <key>``; a key the
station's administrator made on ``accounts:api_tokens``, or ``powerdesk create_api_token``; an
expired or turned-off one is refused with 401 saying so); people's browser sessions work too,
for their current station, and may only change things with their CSRF token. Every POST takes an
``Idempotency-Key`` header (``IDEMPOTENT``; see ``idempotency.api_once``).
"""

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.params.functions import Path
from ninja.security import APIKeyHeader

from powerdesk.accounts.models import STATION_STAFF_ROLES
from powerdesk.accounts.tokens import token_from_request
from powerdesk.servicedesk.api_schemas import MAX_ID, ErrorOut, FieldErrorOut

__all__ = [
    "FOUND_ERRORS",
    "IDEMPOTENT",
    "READ_ERRORS",
    "WRITE_ERRORS",
    "FieldRefused",
    "OrderId",
    "ProblemId",
    "PromiseId",
    "StationAuth",
    "StepId",
    "Taken",
    "refused_at",
    "request_reader",
    "request_station",
    "request_user",
    "station_person",
]


class StationAuth(APIKeyHeader):
    """A system's token, or a logged-in member of the station's staff."""

    param_name = "Authorization"

    def __call__(self, request: HttpRequest) -> Any:
        token = token_from_request(request)
        if token is not None:
            request.station = token.station  # type: ignore[attr-defined]
            request.api_user = None  # type: ignore[attr-defined]
            return token
        station = getattr(request, "station", None)
        roles: frozenset[str] = getattr(request, "roles", frozenset())
        if not request.user.is_authenticated:
            return None  # 401: no token, no session
        if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_fails(request):
            # A session may only change things with its CSRF token: the 401 says so, not
            # "a Bearer key is needed" (probe73 L6).
            request.api_csrf_missing = True  # type: ignore[attr-defined]
            return None
        if station is None or not roles & STATION_STAFF_ROLES:
            # Signed in, but with no staff role here (a village liaison, whose one page is
            # their phone's): 403 as the pages answer them, not 401 "not signed in".
            raise HttpError(403, _("Your role at this station does not use the API."))
        request.api_user = request.user  # type: ignore[attr-defined]
        return request.user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None


def _csrf_fails(request: HttpRequest) -> bool:
    # The body read first and kept: Django's check reads ``request.POST``, which for a
    # multipart body reads the stream, and the operation could no longer read its body (a
    # 500; probe78 M1). Kept, it is refused 415 as a token's is (ninja's parser, the signals).
    request.body  # noqa: B018
    check = CsrfViewMiddleware(lambda r: HttpResponse())
    return check.process_view(request, lambda r: HttpResponse(), (), {}) is not None


OrderId = Annotated[int, Path(ge=1, le=MAX_ID, description="the work order's id")]
PromiseId = Annotated[int, Path(ge=1, le=MAX_ID, description="the promise's id")]
ProblemId = Annotated[int, Path(ge=1, le=MAX_ID, description="the hard problem's id")]
StepId = Annotated[int, Path(ge=1, le=MAX_ID, description="the step's id")]

# The answers every operation may give besides its own (documented in the schema and README).
READ_ERRORS: dict[int, Any] = {
    401: ErrorOut,  # no valid token or session
    # a person's session: a role with no use of the API (a liaison), or not reading this list
    403: ErrorOut,
    422: ErrorOut,  # a parameter is out of its range or not one of its choices
}
FOUND_ERRORS: dict[int, Any] = {**READ_ERRORS, 404: ErrorOut}  # not at this station
WRITE_ERRORS: dict[int, Any] = {
    **READ_ERRORS,
    # the body is not JSON, or the Idempotency-Key header is unusable
    400: ErrorOut,
    # 403 also: a person's role at the station does not allow it (docs/roles.md)
    # 422 also: the Idempotency-Key was sent with a different request; a value the service
    # would not take, naming its field ({"detail", "field"}: ``refused_at``)
    422: FieldErrorOut,
}


class FieldRefused(Exception):
    """A value of the request the service would not take, said with its field (``field``) and,
    when the caller may insist, the flag to send true with the same request (``confirm``):
    ``{"detail", "field", "confirm"}`` (``FieldErrorOut``; the handler is ``powerdesk.api``'s),
    400 unless ``status`` says otherwise (422 where the operation documents a refusal as 422;
    404 for an id of the request that names nothing of the station).
    """

    def __init__(self, detail: str, *, field: str, confirm: str = "", status: int = 400) -> None:
        super().__init__(detail)
        self.detail, self.field, self.confirm = detail, field, confirm
        self.status = status

    def body(self) -> dict[str, str]:
        return {"detail": self.detail, "field": self.field, "confirm": self.confirm}


def refused_at(exc: Exception, field: str) -> FieldRefused:
    """A service's refusal (``WorkOrderError`` and the like) as the API's 422, naming the field
    of the request it is about: the service's own when it says one (a ``FieldError``'s), else
    ``field`` (probe 36, finding 9: a 422 said only a message)."""
    return FieldRefused(str(exc), field=getattr(exc, "field", "") or field, status=422)


class Taken(Exception):
    """Work someone has already (taken or given meanwhile), or finished: 409 ``{"detail",
    "owner", "owner_name", "since"}`` (``TakenOut``; the handler is ``powerdesk.api``'s)."""

    status = 409

    def __init__(self, detail: str, *, owner: Any = None, since: Any = None) -> None:
        super().__init__(detail)
        self.detail, self.owner, self.since = detail, owner, since

    def body(self) -> dict[str, Any]:
        return {
            "detail": self.detail,
            "owner": self.owner.get_username() if self.owner is not None else None,
            "owner_name": str(self.owner) if self.owner is not None else None,
            "since": self.since.isoformat() if self.since is not None else None,
        }


# Every POST takes the header; documented here since api_once reads it, not ninja.
IDEMPOTENT: dict[str, Any] = {
    "parameters": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            "description": "sent again with the same request within 24 hours, the first "
            "answer is given again and nothing more is done; with another request, 422",
        }
    ]
}


def request_station(request: HttpRequest) -> Any:
    return request.station  # type: ignore[attr-defined]


def request_user(request: HttpRequest) -> Any:
    return getattr(request, "api_user", None)


def request_key(request: HttpRequest) -> Any:
    """The API key (``ApiToken``) the request was made with (a system's), named as who did
    what it records; None for a person's session."""
    from powerdesk.accounts.models import ApiToken

    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


def request_reader(request: HttpRequest, page: str) -> Any:
    """The station, for a list its page ``page`` shows (a url name of ``accounts.pages``): a
    system's token reads it; a person's session only with a role that page is open to, else
    403 as the page answers them (a crew member reads no calls, promises nor callbacks)."""
    from powerdesk.accounts.pages import PAGES

    if request_user(request) is not None:
        roles: frozenset[str] = getattr(request, "roles", frozenset())
        if not PAGES[page].view & roles:
            raise HttpError(403, _("Your role at this station does not read this list."))
    return request_station(request)


def station_person(request: HttpRequest, username: str, *, field: str) -> Any:
    """The person of the request's station named by ``username`` (None when it is empty), or
    400 at ``field`` naming the username nobody here has."""
    from powerdesk.accounts.models import User

    if not username:
        return None
    found = User.objects.filter(
        username=username, memberships__station=request_station(request)
    ).first()
    if found is None:
        raise FieldRefused(
            _("Nobody at this station has the username %(name)s.") % {"name": username},
            field=field,
        )
    return found
