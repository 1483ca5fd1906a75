"""The promises page: promises listed, made, kept or not kept, broken ones explained."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT, InputError, id_or_none, object_id
from powerdesk.lib.kept import drop_kept, kept_dict, kept_redirect
from powerdesk.lib.params import month_or_none
from powerdesk.servicedesk.forms import (
    PromiseForm,
)
from powerdesk.servicedesk.models import (
    Promise,
    WorkOrder,
)
from powerdesk.servicedesk.promises import (
    PromiseEarlyError,
    PromiseLateError,
    PromiseReasonError,
    promise_explain,
    promise_make,
    promise_settle,
    promises_power_off,
)
from powerdesk.servicedesk.promises_kept_at import PromiseKeptAtError, month_start, promise_kept_at
from powerdesk.servicedesk.selectors import (
    promises_listed,
)
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.web.drill import drill_summary


@station_page("servicedesk:promises")
def promise_list(request: StationRequest) -> HttpResponse:
    return _promise_page(request)


# Broken promises with why: a page of them, the latest first (``?page=``: links, no script);
# those still without why all listed on every page, each with its box (walkthrough 33, 5).
BROKEN_SHOWN = 20


# A promise not settled as asked, kept for the page drawn for it (``_promise_refused``).
PROMISE_REFUSED_KEY = "promise-refused"

# What was recorded of a broken promise, said at its row where the user is (highlighted, the
# focus on it), not at the top of a long page (walkthrough 34, finding 1): ``_promise_landed``.
PROMISE_LANDED_KEY = "promise-landed"


def _promise_landed(request: StationRequest, promise: Promise, said: str) -> HttpResponse:
    """Back to the promises page at the broken promise's row, which says ``said``."""
    drop_kept(request, PROMISE_REFUSED_KEY)
    return kept_redirect(
        request,
        PROMISE_LANDED_KEY,
        {"promise": promise.pk, "said": said},
        reverse("servicedesk:promises") + f"#broken-{promise.pk}",
    )


def _promise_refused(request: StationRequest, refused: dict[str, object], at: str) -> HttpResponse:
    """Back to the promises page at the refused row (``at``), which says why with the reason
    typed: the page's own address, so a reload sends nothing again (walkthrough 32, 15)."""
    return kept_redirect(
        request, PROMISE_REFUSED_KEY, refused, reverse("servicedesk:promises") + f"#{at}"
    )


def _promise_page(request: StationRequest) -> HttpResponse:
    """The promises page; a promise not settled as asked (not kept before its time or without
    why; kept while its order's power is still off without what was done; kept after its
    time), shown again at its row with why and the reason typed (``promise``, ``kept``,
    ``error``, ``reason``), on the page drawn for it (``lib.kept``)."""
    refused = kept_dict(request, PROMISE_REFUSED_KEY)
    landed = kept_dict(request, PROMISE_LANDED_KEY)
    landed_pk: int = landed["promise"] if isinstance(landed.get("promise"), int) else 0
    promises = station_queryset(request, Promise)
    listed = promises_listed(request.station)
    broken = listed.filter(state=Promise.State.BROKEN)
    drilled = drill_summary(request.GET, request.station)
    explained = Paginator(
        broken.exclude(settled_note="").exclude(pk=landed_pk).order_by("-due_at", "-pk"),
        BROKEN_SHOWN,
    ).get_page(request.GET.get("page"))
    counts = promises.aggregate(
        open=Count("pk", filter=Q(state=Promise.State.OPEN)),
        kept=Count("pk", filter=Q(state=Promise.State.KEPT)),
        broken=Count("pk", filter=Q(state=Promise.State.BROKEN)),
        kept_late=Count("pk", filter=Q(state=Promise.State.KEPT_LATE)),
    )
    # A month that is not one is said, as the report pages say it, not silently ignored.
    raw = request.GET.get("month", "").strip()
    month_error = ""
    if raw and month_or_none(request.GET) is None:
        today = timezone.localdate()
        month_error = _(
            "“%(month)s” is not a month: write the year and the month, e.g. %(example)s."
        ) % {"month": raw[:20], "example": f"{today.year:04d}-{today.month:02d}"}
    return render(
        request,
        "servicedesk/promises.html",
        {
            "month_error": month_error,
            # Each with ``power_off``: kept is then said with what was done (``promise_settle``).
            "open": promises_power_off(listed.filter(state=Promise.State.OPEN)).order_by("due_at"),
            # The one whose why was just recorded stays where it was, among those without why,
            # once: the user lands where they were (walkthrough 34, finding 1).
            "broken": [
                *broken.filter(Q(settled_note="") | Q(pk=landed_pk)).order_by("-due_at", "-pk"),
                *(p for p in explained if p.pk != landed_pk),
            ],
            "explained": explained,
            "counts": counts,
            "now": timezone.now(),
            # Due before it: only the chief records it kept now, said beforehand (review77 L11).
            "month_start": month_start(timezone.now()),
            # A figure's drill-down: the promises it counted, whatever their state.
            "drilled": drilled,
            "drilled_rows": promises_listed(request.station, request.GET) if drilled else None,
            "refused": refused or {},
            "landed": landed,
        },
        status=400 if month_error else 200,
    )


TYPED_PROMISE_KEY = "typed-promise-%s"
PROMISE_FIELDS = ("text", "due_at")


@require_POST
@station_page("servicedesk:promise_action")
def promise_action(request: StationRequest) -> HttpResponse:
    try:
        if request.POST.get("action") == "make":
            order = get_for_user(
                request, WorkOrder, pk=object_id(request.POST.get("order"), _("work order"))
            )
            form = PromiseForm(request.POST)
            if not form.is_valid():
                # Shown again on the order's page at its fields (what is wrong, and the limit of
                # a text too long), with all that was typed: the clerk shortens it or fixes the
                # time, retyping nothing. No ``maxlength`` cuts the text silently on the page.
                typed = {
                    **{field: request.POST.get(field, "")[:TYPED_KEPT] for field in PROMISE_FIELDS},
                    "errors": {
                        field: " ".join(str(e) for e in errors)
                        for field, errors in form.errors.items()
                        if field in PROMISE_FIELDS
                    },
                }
                return kept_redirect(
                    request,
                    TYPED_PROMISE_KEY % order.pk,
                    typed,
                    f"{order.get_absolute_url()}#promise",
                )
            drop_kept(request, TYPED_PROMISE_KEY % order.pk)
            made = promise_make(
                station=request.station,
                user=request.user,
                work_order=order,
                text=form.cleaned_data["text"],
                due_at=form.cleaned_data["due_at"],
            )
            messages.success(
                request,
                _("Promise recorded: %(whom)s, by %(due)s.")
                % {
                    "whom": _promise_whom(made),
                    "due": timezone.localtime(made.due_at).strftime("%m-%d %H:%M"),
                },
            )
            return redirect(order)
        promise = get_for_user(
            request, Promise, pk=object_id(request.POST.get("promise"), _("promise"))
        )
        if request.POST.get("action") == "explain":
            return _promise_explained(request, promise)
        if request.POST.get("action") == "kept_at":
            return _promise_kept_at(request, promise)
        broken_meanwhile = promise.state == Promise.State.BROKEN and not promise.settled_note
        try:
            settled = promise_settle(
                promise=promise,
                kept=request.POST.get("kept") == "1",
                user=request.user,
                reason=request.POST.get("reason", ""),
            )
            said = (
                _("Recorded as kept: %(whom)s.")
                if settled.state == Promise.State.KEPT
                else _("Recorded as not kept: %(whom)s.")
            )
            if not broken_meanwhile:
                drop_kept(request, PROMISE_REFUSED_KEY)
                messages.success(request, said % {"whom": _promise_whom(settled)})
        except (PromiseEarlyError, PromiseLateError, PromiseReasonError) as exc:
            # At the promise's row, with the reason typed (walkthrough 31, finding 7); a late
            # "kept" is said beside the not-kept form, the only one left (walkthrough 32, 1);
            # one the escalation job broke meanwhile at its row of the broken promises, where
            # its why is asked (walkthrough 33, finding 2).
            promise.refresh_from_db(fields=["state"])
            row = "promise" if promise.state == Promise.State.OPEN else "broken"
            reason = request.POST.get("reason", "")[:TYPED_KEPT]
            refused = {
                "promise": promise.pk,
                "kept": request.POST.get("kept") == "1" and not isinstance(exc, PromiseLateError),
                "error": str(exc),
                # Too late to press kept: the form saying when it was kept, linked (desk76).
                "late": isinstance(exc, PromiseLateError) and exc.kept_at,
                "reason": reason,
            }
            return _promise_refused(request, refused, f"{row}-{promise.pk}")
        if broken_meanwhile:
            said = _(
                "As its time passed this promise was recorded not kept: the reason you "
                "typed is recorded as why."
            )
            return _promise_landed(request, promise, f"{said} {_promise_whom(promise)}")
    except (WorkOrderError, InputError) as exc:
        messages.error(request, str(exc))
        order_id = id_or_none(request.POST.get("order"))
        if order_id is not None:
            return redirect(get_for_user(request, WorkOrder, pk=order_id))
    return redirect("servicedesk:promises")


def _promise_whom(promise: Promise) -> str:
    """Whom a promise was made to, for the message saying it was recorded or settled: the
    customer and the work order, as far as known (walkthrough 33, finding 3)."""
    named = [str(promise.customer)] if promise.customer_id else []
    if promise.work_order is not None:
        named.append(promise.work_order.number)
    return " · ".join(named) or promise.text


def _promise_explained(request: StationRequest, promise: Promise) -> HttpResponse:
    """Why a promise the escalation job broke was not kept, said afterwards at its line of the
    broken promises (refused: there, with what was typed)."""
    try:
        promise_explain(promise=promise, user=request.user, reason=request.POST.get("reason", ""))
    except PromiseReasonError as exc:
        refused = {
            "promise": promise.pk,
            "kept": False,
            "error": str(exc),
            "reason": request.POST.get("reason", "")[:TYPED_KEPT],
        }
        return _promise_refused(request, refused, f"broken-{promise.pk}")
    said = _("Why it was not kept is recorded: %(whom)s.") % {"whom": _promise_whom(promise)}
    return _promise_landed(request, promise, said)


def _promise_kept_at(request: StationRequest, promise: Promise) -> HttpResponse:
    """Kept, said with the time it was done (walk74 finding 7): kept on time by its time, kept
    late after it, also for one recorded broken (refused: at its row, with what was typed)."""
    # A datetime-local field sends minutes; a time written with its offset or seconds and
    # fractions fits too (probe76, 10), nothing longer.
    typed = request.POST.get("kept_at", "").strip()[:40]
    try:
        at = parse_datetime(typed)
    except ValueError:  # well formed, but no such day or time
        at = None
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at)
    row = f"{'promise' if promise.state == Promise.State.OPEN else 'broken'}-{promise.pk}"
    try:
        if at is None:
            raise PromiseKeptAtError(_("Say when it was kept: a date and a time."))
        settled = promise_kept_at(promise=promise, user=request.user, at=at)
    except (PromiseKeptAtError, PromiseReasonError) as exc:
        refused = {"promise": promise.pk, "kept": False, "error": str(exc), "reason": ""}
        refused["kept_at"] = typed or " "
        return _promise_refused(request, refused, row)
    said = (
        _("Recorded as kept on time: %(whom)s.")
        if settled.state == Promise.State.KEPT
        else _("Recorded as kept late: %(whom)s.")
    )
    drop_kept(request, PROMISE_REFUSED_KEY)
    messages.success(request, said % {"whom": _promise_whom(settled)})
    return redirect("servicedesk:promises")


def default_promise_time() -> dt.datetime:
    """Tomorrow 10:00, what duty staff promise most often at night."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10, 0)))
