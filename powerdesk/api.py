"""PowerDesk's JSON API (OpenAPI schema at /api/v1/openapi.json)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from powerdesk.accounts.tokens import TokenRefused, TokensThrottled
from powerdesk.api_body import BodyParser, DuplicateKey, NotJson
from powerdesk.api_errors import body_not_json, body_not_object, body_not_read, said_errors
from powerdesk.api_query import query_as_declared
from powerdesk.api_times import UtcRenderer
from powerdesk.arrears.api import router as arrears_router
from powerdesk.notifications.api import router as notifications_router
from powerdesk.outages.api import router as outages_router
from powerdesk.servicedesk.api import router as servicedesk_router
from powerdesk.servicedesk.api_access import FieldRefused, Taken

api = NinjaAPI(
    title="PowerDesk API",
    version="1",
    urls_namespace="api",
    docs_url=None,  # the interactive page loads from a CDN; the schema is enough
    description=(
        "Every value is taken as written: a body's field or a query parameter (of a read or "
        "of a write) that the operation does not list here is refused with 422 naming it (loc "
        '["query", name], type "extra_forbidden"), never dropped; a write refused so changes '
        "nothing."
    ),
    parser=BodyParser(),  # a key written twice is refused, naming it (probe73 M2)
    renderer=UtcRenderer(),  # every time in UTC, as sent or as stored (probe78 L4)
)
# A read's parameter the operation does not declare: 422 naming it, never dropped (probe78 M2).
api.add_decorator(query_as_declared, mode="view")
api.add_router("/", servicedesk_router)
api.add_router("/", outages_router)
api.add_router("/", notifications_router)
api.add_router("/", arrears_router)


@api.exception_handler(RequestDataTooBig)
def _body_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body past the upload limit: said in the API's shape, the limit named (probe72 L4:
    Django's HTML "Bad Request (400)" page said nothing a client could read)."""
    limit = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / (1024 * 1024)
    said = _("The body is too large: at most %(limit)s MB is read.") % {"limit": f"{limit:g}"}
    return api.create_response(request, {"detail": said}, status=413)


@api.exception_handler(PermissionDenied)
def _not_allowed(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """A role that may not do this at the station: 403 with the reason."""
    return api.create_response(
        request, {"detail": str(exc) or _("Not allowed for your role.")}, status=403
    )


@api.exception_handler(ValidationError)
def _schema_refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A value the schema does not take: 422 listing each, where it is and why, in the station's
    language (``api_errors``). A body that is JSON but no object is not read, as a body that is
    not JSON is: 400 saying so."""
    not_object = body_not_object(exc.errors)
    if not_object is not None:
        return api.create_response(request, {"detail": not_object}, status=400)
    return api.create_response(request, {"detail": said_errors(exc.errors)}, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's refusals: a body it could not parse says what is wrong and where (a body not
    sent as JSON: 415); no token."""
    detail = str(exc)
    body: dict[str, str] = {}
    status = exc.status_code
    if status == 400 and isinstance(exc.__cause__, NotJson):
        detail, status = body_not_json(exc.__cause__), 415
    elif status == 400 and exc.__cause__ is not None:
        detail = body_not_read(exc.__cause__) or detail
        if isinstance(exc.__cause__, DuplicateKey):
            body["field"] = exc.__cause__.key
    elif isinstance(exc, AuthenticationError) and getattr(request, "api_csrf_missing", False):
        detail = _(
            "A browser session changes things only with its CSRF token: send it in the "
            "X-CSRFToken header (from the csrftoken cookie), or use an API key "
            "('Authorization: Bearer <key>')."
        )
    elif isinstance(exc, AuthenticationError):
        detail = _("A valid 'Authorization: Bearer <key>' header is needed.")
    response = api.create_response(request, {"detail": detail, **body}, status=status)
    if status == 415:  # the type a body is taken in (RFC 9110, 15.5.16)
        response["Accept-Post"] = "application/json"
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """An id that names nothing of the station."""
    return api.create_response(request, {"detail": _("Not found at this station.")}, status=404)


@api.exception_handler(TokensThrottled)
def _throttled(request: HttpRequest, exc: TokensThrottled) -> HttpResponse:
    """Too many wrong tokens from this address: 429, and when to try again."""
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(TokenRefused)
def _token_refused(request: HttpRequest, exc: TokenRefused) -> HttpResponse:
    """A key of the station's that expired or was turned off: 401 saying which and when."""
    response = api.create_response(request, {"detail": exc.detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(FieldRefused)
def _field_refused(request: HttpRequest, exc: FieldRefused) -> HttpResponse:
    """A value the service would not take: 400 naming its field (and the flag to insist)."""
    return api.create_response(request, exc.body(), status=exc.status)


@api.exception_handler(Taken)
def _taken(request: HttpRequest, exc: Taken) -> HttpResponse:
    """Work someone has already, or finished: 409 naming who and since when."""
    return api.create_response(request, exc.body(), status=exc.status)
