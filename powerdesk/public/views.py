"""The public outage page of a station (``/status/<code>/``): no login, nothing personal.

The list of outages is the same for everyone, so it is rendered once per language every
``PAGE_SECONDS`` and answered with an ETag and a short ``max-age``: a phone on a slow line
asks again and gets a 304. The lookup and the report answer one household: never cached, and
each answered by a redirect to a page of its own (a GET, addressed by a signed token), so back
and refresh send nothing. The report's page answers at once and, until the live engine has
taken the report (``taking.report_taking``), refreshes itself every few seconds (for half a
minute at most, with a ``<meta http-equiv="refresh">``), so that it shows the outage the report
made the engine suspect without holding the request.
The page carries no script and no cookie of its own; its forms need no CSRF token because
they carry no one's session authority (a report is proved by the lookup's signed token).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.lib.throttle import client_address
from powerdesk.public.area import (
    PublicError,
    area_find,
    area_from_page_token,
    area_from_token,
    area_page_token,
    area_token,
    lookup_allowed,
    lookup_failed,
    report_allowed,
)
from powerdesk.public.selectors import area_outages, household_where, station_status
from powerdesk.public.services import (
    Problem,
    public_report,
    report_advice,
    report_from_receipt,
    report_receipt,
)
from powerdesk.public.taking import REFRESH_EVERY, Taking, report_taking, status_cache_key
from powerdesk.servicedesk.idempotency import form_token_new

PAGE_SECONDS = 30


def language(request: HttpRequest) -> str:
    """The page's language: ``lang`` (the page's own link) if it names one of the site's, else
    the language chosen on the rest of the site (its cookie), else the station's default
    (Chinese) — not the browser's, which on a villager's phone is often English."""
    known = dict(settings.LANGUAGES)
    lang = request.GET.get("lang") or request.POST.get("lang") or ""
    if lang in known:
        return lang
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in known else settings.LANGUAGE_CODE


@require_safe
def status(request: HttpRequest, code: str) -> HttpResponse:
    station = get_object_or_404(Station, code=code)
    lang = language(request)
    key = status_cache_key(station.pk, lang)
    cached: tuple[str, str] | None = cache.get(key)
    if cached is None:
        with translation.override(lang):
            page = str(render_to_string("public/status.html", _page(station, lang)))
        cached = (page, f'"{hashlib.sha256(page.encode()).hexdigest()[:32]}"')
        cache.set(key, cached, PAGE_SECONDS)
    body, etag = cached
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PAGE_SECONDS}"
    response["Content-Language"] = lang
    # Its language may come from the cookie: a shared cache keeps one page per cookie.
    patch_vary_headers(response, ("Cookie",))
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest, code: str) -> HttpResponse:
    """The outages above one household, found by account number and the phone's last four
    digits; the same answer whether the account is unknown or the digits are wrong. A match
    redirects to its answer (``?area=``), shown by ``_lookup_answer``."""
    station = get_object_or_404(Station, code=code)
    lang = language(request)
    if request.method != "POST":
        return _lookup_answer(request, station, lang)
    account = request.POST.get("account", "")
    with translation.override(lang):
        if not lookup_allowed(
            station=station, address=client_address(request), account_number=account
        ):
            return _answer(
                "public/status.html",
                {
                    **_page(station, lang),
                    "error": _("Too many lookups: try again in an hour, or call the station."),
                },
                status=429,
            )
        try:
            customer = area_find(
                station=station,
                account_number=account,
                phone_last4=request.POST.get("last4", ""),
            )
        except PublicError as exc:
            return _answer(
                "public/status.html", {**_page(station, lang), "error": str(exc)}, status=400
            )
        if customer is None:
            lookup_failed(station=station, account_number=account)
            return _answer(
                "public/status.html",
                {
                    **_page(station, lang),
                    "error": _(
                        "No household matches this account number with these four digits. "
                        "Check your electricity bill, or call the station."
                    ),
                },
            )
    return redirect(_with_lang(_lookup_url(station), {"area": area_page_token(customer)}, lang))


def _lookup_answer(request: HttpRequest, station: Station, lang: str) -> HttpResponse:
    """The household's area, from the token the lookup redirected with: not a lookup again
    (the token was earned by one), so not counted against the limits."""
    token = request.GET.get("area", "")
    if not token:
        return redirect(_status_url(station, lang))
    with translation.override(lang):
        try:
            customer = area_from_page_token(station=station, token=token)
        except PublicError as exc:
            return _answer(
                "public/status.html", {**_page(station, lang), "error": str(exc)}, status=400
            )
        return _answer("public/area.html", _area(station, lang, customer))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, code: str) -> HttpResponse:
    """A problem reported for the household found by the lookup: logged as a call, then the
    answer shown by a GET (``?receipt=``), so that back and refresh send nothing again."""
    station = get_object_or_404(Station, code=code)
    lang = language(request)
    if request.method != "POST":
        return _report_answer(request, station, lang)
    with translation.override(lang):
        try:
            customer = area_from_token(station=station, token=request.POST.get("area", ""))
        except PublicError as exc:
            return _answer(
                "public/status.html", {**_page(station, lang), "error": str(exc)}, status=400
            )
        context = _area(station, lang, customer)
        if not report_allowed(address=client_address(request), customer=customer):
            context["error"] = _(
                "Your report was not taken: too many reports in an hour. "
                "If it is urgent, call the station."
            )
            return _answer("public/area.html", context, status=429)
        try:
            reported = public_report(
                station=station,
                customer=customer,
                problem=request.POST.get("problem", ""),
                text=request.POST.get("text", ""),
                form_token=request.POST.get("form_token", ""),
            )
        except PublicError as exc:
            # What was written is shown again whole, to be shortened (a page of it at most),
            # the problem chosen with it; what is wrong is said at its field (else on top).
            context.update(
                text=request.POST.get("text", "")[:4000],
                chosen=request.POST.get("problem", "")[:40],
            )
            if exc.field:
                context["wrong"] = {exc.field: str(exc)}
            else:
                context["error"] = str(exc)
            return _answer("public/area.html", context, status=400)
    receipt = report_receipt(customer=customer, reported=reported)
    report_url = reverse("public:report", kwargs={"code": station.code})
    return redirect(_with_lang(report_url, {"receipt": receipt}, lang))


def _report_answer(request: HttpRequest, station: Station, lang: str) -> HttpResponse:
    receipt = request.GET.get("receipt", "")
    if not receipt:
        return redirect(_status_url(station, lang))
    with translation.override(lang):
        try:
            customer, reported = report_from_receipt(station=station, receipt=receipt)
        except PublicError as exc:
            return _answer(
                "public/status.html", {**_page(station, lang), "error": str(exc)}, status=400
            )
        # What the engine makes of the report (the outage it now suspects above the household)
        # is on this page once the engine has taken it: until then the page refreshes itself.
        taking = report_taking(station=station, reported=reported, looked="looked" in request.GET)
        context = {
            **_area(station, lang, customer),
            "reported": reported,
            "advice": report_advice(reported),
            "taking": str(taking),
        }
        if taking == Taking.PENDING:
            url = reverse("public:report", kwargs={"code": station.code})
            context["refresh"] = {
                "seconds": REFRESH_EVERY,
                "url": _with_lang(url, {"receipt": receipt, "looked": "1"}, lang),
            }
        return _answer("public/area.html", context)


def _page(station: Station, lang: str) -> dict[str, object]:
    return {
        "station": station,
        "status": station_status(station),
        "lang": lang,
        "languages": settings.LANGUAGES,
    }


def _area(station: Station, lang: str, customer: Customer) -> dict[str, object]:
    status = station_status(station)
    return {
        "station": station,
        "lang": lang,
        "languages": settings.LANGUAGES,
        # The village and group only: what the villager knows of their own area anyway.
        "place": " · ".join(p.name for p in (customer.village, customer.group) if p is not None)
        or _("no village"),
        # Each with where in the village it is, as the status page's card says it (its part).
        "outages": [(o, household_where(o, customer)) for o in area_outages(status, customer)],
        "updated_at": status.updated_at,
        "area": area_token(customer),
        "form_token": form_token_new(),
        "problems": Problem.choices,
    }


def _answer(template: str, context: dict[str, object], *, status: int = 200) -> HttpResponse:
    response = HttpResponse(render_to_string(template, context), status=status)
    # One household's answer: not kept by the phone, a proxy or the back button.
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = str(context["lang"])
    return response


def _lookup_url(station: Station) -> str:
    return reverse("public:lookup", kwargs={"code": station.code})


def _with_lang(url: str, query: dict[str, str], lang: str) -> str:
    # Always named: Chinese chosen on the page outranks an English cookie on the next page.
    return f"{url}?{urlencode({**query, 'lang': lang})}"


def _status_url(station: Station, lang: str) -> str:
    url = reverse("public:status", kwargs={"code": station.code})
    return f"{url}?lang={lang}"
