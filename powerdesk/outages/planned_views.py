"""The planned outages page: announce one, see whom it reaches, send a crew to the work
(its job on the crew's phone), cancel or move it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page, station_queryset
from powerdesk.lib.forms import InputError, form_error_text, model_text, object_id, require_between
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import NoticeSource, Outage, OutageEvent
from powerdesk.outages.planned import (
    event_label,
    planned_outage_cancel,
    planned_outage_notice,
    planned_outage_reach,
    planned_outage_reschedule,
)
from powerdesk.outages.services import OutageError, outage_declare, planned_notice_days

LATEST = dt.timedelta(days=366)  # a planned outage is announced within the coming year


class _Window(forms.Form):
    starts_at = forms.DateTimeField(label=gettext_lazy("From"))
    ends_at = forms.DateTimeField(label=gettext_lazy("Power expected back"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        now = timezone.now()
        for name in ("starts_at", "ends_at"):
            if data.get(name) is not None:
                try:
                    require_between(data[name], now, now + LATEST)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data


class PlannedOutageForm(_Window):
    device = forms.CharField(label=gettext_lazy("Device (code or name)"), max_length=100)
    cause = model_text(Outage, "cause")
    notice = model_text(Outage, "notice")
    # The chief's reason for announcing with less than the station's notice (the service
    # refuses it to anyone else).
    short_notice_reason = forms.CharField(
        label=gettext_lazy("Why at shorter notice (the chief)"), max_length=200, required=False
    )


class RescheduleForm(_Window):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)
    short_notice = forms.BooleanField(
        label=gettext_lazy("Accept a shorter notice (the chief)"), required=False
    )
    # Sent with the text in force; absent (None) from a form of before it was offered.
    notice = forms.CharField(
        label=gettext_lazy("What to tell callers"), max_length=300, required=False
    )


@station_page("outages:planned")
def planned_outages(request: StationRequest) -> HttpResponse:
    form = PlannedOutageForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("cancel", "reschedule", "dispatch", "notice"):
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                if action == "dispatch":
                    crew = get_for_user(
                        request, Crew, pk=object_id(request.POST.get("crew"), _("crew"))
                    )
                    outage_dispatch(outage=outage, crew=crew, user=request.user)
                    messages.success(
                        request,
                        _("%(crew)s is sent to the planned work on %(device)s.")
                        % {"crew": crew.name, "device": outage.device},
                    )
                elif action == "cancel":
                    planned_outage_cancel(
                        outage=outage,
                        user=request.user,
                        reason=request.POST.get("reason", "")[:200],
                    )
                    messages.success(
                        request,
                        _("The planned outage is cancelled; those told of it are texted so."),
                    )
                elif action == "notice":
                    planned_outage_notice(
                        outage=outage, user=request.user, notice=request.POST.get("notice", "")
                    )
                    messages.success(request, _("What to tell callers is changed."))
                else:
                    _reschedule(request, outage)
                return redirect(f"{reverse('outages:planned')}#planned-{outage.pk}")
            form = PlannedOutageForm(request.POST)
            _announce(request, form)
            messages.success(request, _("The planned outage is announced."))
            return redirect("outages:planned")
        except (OutageError, InputError) as exc:
            messages.error(request, str(exc))
            if action in ("cancel", "reschedule", "dispatch", "notice"):
                return redirect("outages:planned")
    planned = station_queryset(request, Outage).filter(kind=Outage.Kind.PLANNED)
    history = Prefetch("events", queryset=OutageEvent.objects.select_related("by"))
    coming = list(
        planned.filter(status__in=[Outage.Status.ANNOUNCED, Outage.Status.ACTIVE])
        .select_related("device__feeder", "link__crew")
        .prefetch_related(history)
        .order_by("starts_at")
    )
    for outage in coming:
        outage.reach = planned_outage_reach(outage)  # type: ignore[attr-defined]
        outage.history = [  # type: ignore[attr-defined]
            (event, event_label(event.what)) for event in outage.events.all()
        ]
    return render(
        request,
        "outages/planned.html",
        {
            "section": "outages",
            "coming": coming,
            "past": planned.filter(status__in=[Outage.Status.RESTORED, Outage.Status.CANCELLED])
            .select_related("device")
            .prefetch_related(history)
            .order_by("-starts_at")[:20],
            "form": form,
            "notice_days": planned_notice_days(request.station.pk),
            "crews": station_queryset(request, Crew).order_by("name"),
        },
    )


def _announce(request: StationRequest, form: PlannedOutageForm) -> None:
    if not form.is_valid():
        raise OutageError(form_error_text(form))
    data = form.cleaned_data
    device = grid_element_named(request.station.pk, data["device"])
    if device is None:
        raise OutageError(
            _("No element of this station has the code or the name “%(text)s”.")
            % {"text": data["device"]}
        )
    outage_declare(
        station=request.station,
        user=request.user,
        device=device,
        kind=Outage.Kind.PLANNED,
        starts_at=data["starts_at"],
        expected_restore_at=data["ends_at"],
        cause=data["cause"],
        notice=data["notice"],
        short_notice_reason=data["short_notice_reason"],
    )


def _reschedule(request: StationRequest, outage: Outage) -> None:
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        raise OutageError(form_error_text(form))
    data = form.cleaned_data
    outage = planned_outage_reschedule(
        outage=outage,
        user=request.user,
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        reason=data["reason"],
        short_notice=data["short_notice"],
        notice=data["notice"] if "notice" in request.POST else None,
    )
    messages.success(request, _("The planned outage is moved."))
    if outage.notice_source == NoticeSource.BEFORE_MOVE:
        messages.warning(
            request,
            _(
                "What to tell callers is kept as staff wrote it and may name the old date: "
                "“%(text)s”. Change it under “What to tell callers”."
            )
            % {"text": outage.notice},
        )
