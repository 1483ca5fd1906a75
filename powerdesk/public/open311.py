"""Open311 GeoReport v2 for outside apps: ``/open311/v2/<station code>/services.json`` and
``requests.json`` (GET: the requests villagers made, POST: a new one).

The same rules as the public page: no login; a request is made for a household proved by its
``account_id`` and the last four digits of its ``phone``, with the same answer whether the
account is unknown or the digits wrong; the list shows no description (the villager's own
words may name someone), no household and no place finer than the village. Lists are bounded
(90 days, 200 requests); reads and requests are rate-limited per address and per account.
A POST with an ``Idempotency-Key`` header is taken once per key.

Errors are Open311's: ``[{"code": <status>, "description": "..."}]`` with that status.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from powerdesk.accounts.models import Station
from powerdesk.lib.throttle import allow, client_address
from powerdesk.public.area import PublicError, area_find, lookup_allowed, report_allowed
from powerdesk.public.services import Problem, public_report
from powerdesk.public.views import language
from powerdesk.servicedesk.models import OPEN_STATUSES, Call, FormSubmission

MAX_REQUESTS = 200
MAX_DAYS = 90
MAX_IDS = 50
READS_PER_ADDRESS = (60, 60)
LIST_SECONDS = 30


@require_safe
def services(request: HttpRequest, code: str) -> JsonResponse:
    station = get_object_or_404(Station, code=code)
    with translation.override(language(request)):
        body = [
            {
                "service_code": value,
                "service_name": str(label),
                "description": str(label),
                "metadata": False,
                "type": "realtime",
                "keywords": "",
                "group": station.name,
            }
            for value, label in Problem.choices
        ]
    response = JsonResponse(body, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def requests(request: HttpRequest, code: str) -> JsonResponse:
    station = get_object_or_404(Station, code=code)
    with translation.override(language(request)):
        if request.method == "POST":
            return _create(request, station)
        if not allow(
            "open311-read",
            client_address(request),
            limit=READS_PER_ADDRESS[0],
            seconds=READS_PER_ADDRESS[1],
        ):
            return _error(429, _("Too many requests: try again in a minute."))
        try:
            body = _listed(request, station)
        except PublicError as exc:
            return _error(400, str(exc))
    response = JsonResponse(body, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={LIST_SECONDS}"
    return response


def _listed(request: HttpRequest, station: Station) -> list[dict[str, Any]]:
    now = timezone.now()
    end = _date(request.GET.get("end_date"), "end_date") or now
    start = _date(request.GET.get("start_date"), "start_date") or end - dt.timedelta(days=MAX_DAYS)
    if end < start or end - start > dt.timedelta(days=MAX_DAYS):
        raise PublicError(
            _("start_date and end_date: at most %(days)d days, the start first.")
            % {"days": MAX_DAYS}
        )
    calls = Call.objects.for_station(station).filter(
        pk__in=FormSubmission.objects.filter(
            station=station, kind=FormSubmission.Kind.PUBLIC_PAGE, call__isnull=False
        ).values("call_id"),
        received_at__gte=start,
        received_at__lte=end,
    )
    ids = request.GET.get("service_request_id", "")
    if ids:
        wanted = [i.strip() for i in ids.split(",")]
        if len(wanted) > MAX_IDS or not all(i.isdigit() and len(i) <= 18 for i in wanted):
            raise PublicError(
                _("service_request_id: up to %(n)d ids separated by commas.") % {"n": MAX_IDS}
            )
        calls = calls.filter(pk__in=[int(i) for i in wanted])
    wanted_status = request.GET.get("status", "")
    if wanted_status not in ("", "open", "closed"):
        raise PublicError(_("status: open or closed."))
    rows = []
    for call in calls.select_related("work_order", "village").order_by("-received_at")[
        :MAX_REQUESTS
    ]:
        order = call.work_order
        is_open = order is not None and order.status in OPEN_STATUSES
        if wanted_status and wanted_status != ("open" if is_open else "closed"):
            continue
        service = _service_of(call)
        rows.append(
            {
                "service_request_id": str(call.pk),
                "status": "open" if is_open else "closed",
                "status_notes": order.get_status_display() if order is not None else "",
                "service_code": service,
                "service_name": str(Problem(service).label),
                "description": "",
                "agency_responsible": station.name,
                "service_notice": "",
                "requested_datetime": call.received_at.isoformat(),
                "updated_datetime": _updated(call).isoformat(),
                "expected_datetime": None,
                "address": call.village.name if call.village else "",
                "address_id": "",
                "zipcode": "",
                "lat": None,
                "long": None,
                "media_url": "",
            }
        )
    return rows


def _create(request: HttpRequest, station: Station) -> JsonResponse:
    data = request.POST
    service = data.get("service_code", "")
    if service not in Problem.values:
        return _error(
            400, _("service_code: one of %(codes)s.") % {"codes": ", ".join(Problem.values)}
        )
    account = data.get("account_id", "")
    digits = re.sub(r"\D", "", data.get("phone", ""))
    if not lookup_allowed(station=station, address=client_address(request), account_number=account):
        return _error(
            429, _("Too many requests for this account or from this address: try again in an hour.")
        )
    try:
        customer = area_find(station=station, account_number=account, phone_last4=digits[-4:])
    except PublicError as exc:
        return _error(400, str(exc))
    if customer is None:
        return _error(
            400,
            _("account_id and phone: no household matches this account with this phone."),
        )
    if not report_allowed(address=client_address(request), customer=customer):
        return _error(429, _("Too many requests for this household: try again in an hour."))
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > 255:
        return _error(400, _("Idempotency-Key: at most 255 characters."))
    # The key is the client's; the token is scoped to it and to the household.
    token = hashlib.sha256(f"open311\0{customer.pk}\0{key}".encode()).hexdigest()[:40]
    if not key:
        from powerdesk.servicedesk.idempotency import form_token_new

        token = form_token_new()
    try:
        reported = public_report(
            station=station,
            customer=customer,
            problem=service,
            text=data.get("description", ""),
            form_token=token,
        )
    except PublicError as exc:
        return _error(400, str(exc))
    assert reported.call is not None
    body = [
        {
            "service_request_id": str(reported.call.pk),
            "service_notice": _("Your report is received: the station has it."),
            "account_id": None,
        }
    ]
    return JsonResponse(
        body,
        safe=False,
        status=201 if reported.first else 200,
        json_dumps_params={"ensure_ascii": False},
    )


def _updated(call: Call) -> dt.datetime:
    """The last step of the request's order that a villager would care about."""
    order = call.work_order
    if order is None:
        return call.received_at
    steps = [order.created_at, order.arrived_at, order.resolved_at, order.closed_at]
    return max(at for at in steps if at is not None)


def _service_of(call: Call) -> str:
    from powerdesk.public.services import CATEGORY

    for problem, category in CATEGORY.items():
        if call.category == category:
            return str(problem)
    return str(Problem.OTHER)


YEARS = (2000, 2100)  # the dates a list of requests may be asked between


def _date(value: str | None, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value[:40])
    except ValueError:
        parsed = None
    if parsed is None:
        raise PublicError(
            _("%(name)s: a time in ISO 8601, e.g. 2026-11-28T08:00:00+08:00.") % {"name": name}
        )
    # A year at the edge of the calendar cannot be moved by a zone or a span of days.
    if not YEARS[0] <= parsed.year <= YEARS[1]:
        raise PublicError(
            _("%(name)s: a time from the year %(first)d to %(last)d.")
            % {"name": name, "first": YEARS[0], "last": YEARS[1]}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _error(status: int, description: str) -> JsonResponse:
    return JsonResponse(
        [{"code": status, "description": description}],
        safe=False,
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
