"""The counter's rating kiosk, its set-up by staff, and the satisfaction figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.models import User
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.kept import drop_kept, kept_dict, kept_redirect
from powerdesk.lib.params import year_param
from powerdesk.servicedesk.counter_kiosk import (
    KIOSK_COOKIE,
    KIOSK_FLOOR,
    RatingError,
    RatingThrottled,
    counter_rate,
    kiosk_clerks,
    kiosk_from_key,
    kiosk_last_seen,
    kiosk_problems,
    kiosk_retire,
    kiosk_set,
    kiosk_start,
)
from powerdesk.servicedesk.models import CounterKiosk, CounterRating
from powerdesk.servicedesk.satisfaction import monthly_satisfaction, total

# Score, mouth curve (how far the mouth's middle dips below its corners), colour. Drawn as
# SVG rather than emoji: tablets and the build machine's fonts do not all have every face.
FACES = [
    (5, 14, "#1a7f37"),
    (4, 7, "#4d9a2a"),
    (3, 0, "#b08800"),
    (2, -7, "#d4651c"),
    (1, -14, "#c62828"),
]
# The kiosk's cookie lives as long as the tablet stays at the counter; retiring the kiosk
# is what ends it.
KIOSK_COOKIE_SECONDS = 400 * 24 * 3600


@station_page("servicedesk:counter_rating")
def counter_rating(request: StationRequest) -> HttpResponse:
    """Staff start a rating kiosk on a tablet, and set what each kiosk is rating."""
    counter_staff = _counter_staff(request)
    wrong: dict[str, str] = {}  # each refusal at its field ("": the form as a whole)
    if request.method == "POST":
        name, service = request.POST.get("name", ""), request.POST.get("service", "")
        try:
            try:
                served_by = _pick(counter_staff, request.POST.get("served_by", ""))
            except RatingError as exc:
                # The clerk refused, and the name and the service said in the same answer.
                found = kiosk_problems(request.station, name.strip(), service, None)
                raise RatingError(wrong={**found, **exc.wrong}) from None
            _kiosk, key = kiosk_start(
                station=request.station,
                user=request.user,
                name=name,
                service=service,
                served_by=served_by,
            )
        except RatingError as exc:
            wrong = exc.wrong
        else:
            # The tablet keeps only the kiosk's key: no staff session for a customer to use.
            logout(request)
            response = redirect("servicedesk:kiosk")
            response.set_cookie(
                KIOSK_COOKIE,
                key,
                max_age=KIOSK_COOKIE_SECONDS,
                path=reverse("servicedesk:kiosk"),
                secure=request.is_secure(),
                httponly=True,
                samesite="Strict",
            )
            return response
    kiosks = list(
        CounterKiosk.objects.for_station(request.station)
        .filter(retired_at__isnull=True)
        .select_related("served_by")
    )
    for k in kiosks:
        # A change refused: said at the row's fields, with what was chosen (on the page drawn
        # for it: ``lib.kept``).
        k.typed = kept_dict(request, _TYPED_KIOSK % k.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "servicedesk/counter_rating.html",
        {
            "kiosks": kiosks,
            "services": CounterRating.Service.choices,
            "counter_staff": counter_staff,
            "wrong": wrong,
            "typed": request.POST,
        },
        status=400 if wrong else 200,
    )


_TYPED_KIOSK = "typed-kiosk-%s"  # a kiosk's change refused, drawn again at its row


@require_POST
@station_page("servicedesk:kiosk_change")
def kiosk_change(request: StationRequest, pk: int) -> HttpResponse:
    """From any staff device: the service and clerk a kiosk rates next, or retire it."""
    kiosk = get_for_user(request, CounterKiosk.objects.filter(retired_at__isnull=True), pk=pk)
    if request.POST.get("action") == "retire":
        kiosk_retire(kiosk=kiosk, user=request.user)
        messages.success(request, _("Kiosk %(name)s retired.") % {"name": kiosk.name})
        return redirect("servicedesk:counter_rating")
    try:
        served_by = _pick(_counter_staff(request), request.POST.get("served_by", ""))
        kiosk_set(
            kiosk=kiosk,
            user=request.user,
            service=request.POST.get("service", ""),
            served_by=served_by,
        )
    except RatingError as exc:
        # At the row's fields, what was chosen kept (it was a banner at the top of the page).
        typed = {
            "service": request.POST.get("service", "")[:40],
            "served_by": request.POST.get("served_by", "")[:20],
            "wrong": exc.wrong,
        }
        return kept_redirect(
            request,
            _TYPED_KIOSK % kiosk.pk,
            typed,
            f"{reverse('servicedesk:counter_rating')}#kiosk-{kiosk.pk}",
        )
    drop_kept(request, _TYPED_KIOSK % kiosk.pk)
    messages.success(request, _("Kiosk %(name)s updated.") % {"name": kiosk.name})
    return redirect("servicedesk:counter_rating")


def kiosk(request: HttpRequest) -> HttpResponse:
    """What the customer sees on the tablet: five faces, nothing to navigate to.

    Open without a login: the device is known by the kiosk's key in its cookie.
    """
    key = request.COOKIES.get(KIOSK_COOKIE, "")
    current = kiosk_from_key(key)
    if current is None:
        if key:
            # A tablet whose kiosk was retired: the customer at it is told, in their words,
            # and sees no staff instructions (walkthrough 31, finding 20).
            return _no_store(render(request, "servicedesk/kiosk_retired.html", status=403))
        return render(request, "servicedesk/kiosk_unset.html", status=403)
    context: dict[str, object] = {"kiosk": current, "station": current.station, "faces": FACES}
    status = 200
    if request.method == "POST":
        try:
            score = int(request.POST.get("score", ""))
        except ValueError:
            score = 0
        try:
            counter_rate(kiosk=current, score=score, seen=request.POST.get("seen", ""))
        except RatingThrottled as exc:
            context["thanks"], context["error"], status = True, str(exc), 429
        except RatingError as exc:
            # (the score is the page's one field: said above its faces)
            context["error"], status = str(exc), 400
        else:
            context["thanks"] = True
    if context.get("thanks"):
        # The faces come back when a tap from them can count (``KIOSK_FLOOR``).
        context["thanks_seconds"] = int(KIOSK_FLOOR.total_seconds())
    else:
        context["seen"] = kiosk_last_seen(current)
    return _no_store(render(request, "servicedesk/kiosk.html", context, status=status))


def _no_store(response: HttpResponse) -> HttpResponse:
    # A customer must not page back to another's tap or see the page in a frame.
    response["Cache-Control"] = "no-store"
    return response


@station_page("servicedesk:satisfaction")
def satisfaction(request: StationRequest) -> HttpResponse:
    year = year_param(request)
    months = monthly_satisfaction(request.station, year)
    return render(
        request,
        "servicedesk/satisfaction.html",
        {
            "year": year,
            "months": months,
            "total": total(months),
            # No link to a year still to come: it has no scores.
            "next_year": year + 1 if year < timezone.localdate().year else None,
        },
    )


def _counter_staff(request: StationRequest) -> list[User]:
    return list(kiosk_clerks(request.station))


def _pick(staff: list[User], pk: str) -> User | None:
    """The clerk chosen, or none when none is chosen; one not (or no longer) counter staff
    here is refused, never silently cleared (walkthrough 31, finding 16)."""
    pk = pk.strip()
    if not pk:
        return None
    found = next((u for u in staff if str(u.pk) == pk), None)
    if found is None:
        raise RatingError(
            _("The clerk chosen is not counter staff at this station (any more): choose again."),
            field="served_by",
        )
    return found
