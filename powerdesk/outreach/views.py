"""Outreach pages: calendar, planning and recording visits, coverage, hotline cards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.accounts.selectors import station_staff
from powerdesk.accounts.tenancy import (
    StationRequest,
    get_for_user,
    station_page,
    station_queryset,
)
from powerdesk.community.models import Village, VillageGroup
from powerdesk.lib.forms import form_wrong, id_list, id_or_none
from powerdesk.lib.params import year_param
from powerdesk.outreach.cards import CardsGiven, cards_give, cards_give_check
from powerdesk.outreach.forms import (
    CardsGivenForm,
    VisitNoteForm,
    VisitPlanForm,
    VisitRecordForm,
    done_bounds,
)
from powerdesk.outreach.models import HotlineCard, OutreachVisit, Topic
from powerdesk.outreach.selectors import (
    card_coverage,
    customers_with_card,
    month_calendar,
    month_value,
    visit_coverage,
)
from powerdesk.outreach.services import (
    OutreachError,
    visit_cancel,
    visit_photo_once,
    visit_plan_check,
    visit_plan_once,
    visit_record,
)
from powerdesk.servicedesk.idempotency import form_token_new


@station_page("outreach:calendar")
def visit_calendar(request: StationRequest) -> HttpResponse:
    year, month = month_value(request.GET)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    upcoming = (
        station_queryset(request, OutreachVisit)
        .filter(status=OutreachVisit.Status.PLANNED)
        .order_by("date")
        .prefetch_related("villages", "staff")
    )
    return render(
        request,
        "outreach/calendar.html",
        {
            "weeks": month_calendar(request.station, year, month),
            "month": first,
            "previous": previous,
            "following": following,
            "upcoming": upcoming,
            "today": timezone.localdate(),
        },
    )


# The plan's fields in the order the page shows them.
PLAN_FIELDS = ("date", "title", "villages", "groups", "topics", "staff", "notes")


def _groups_stray(sent: list[str], found: Any) -> dict[str, str]:
    """The plan's village groups sent that are none of the station's (another station's, an id
    that names none): said at the field, never dropped without a word (probe78 L8), as the
    liaison's form refuses a group of another village."""
    known = {group.pk for group in found}
    if all(id_or_none(value) in known for value in sent[:1000]):
        return {}
    return {"groups": _("A village group chosen is not in this station's area.")}


@station_page("outreach:visit_new")
def visit_new(request: StationRequest) -> HttpResponse:
    villages = station_queryset(request, Village).prefetch_related("groups")
    staff = station_staff(request.station)
    form = request.POST if request.method == "POST" else None
    wrong: dict[str, str] = {}  # each refused field's words, said at it, all at once
    # The page's one-time token: sent again, it answers the visit planned the first time. A
    # refused page keeps it, so the corrected page still plans one visit.
    token = form.get("form_token", "")[:64] if form is not None else ""
    refused = False
    if form is not None:
        typed = VisitPlanForm(form)
        chosen: dict[str, Any] = {
            "villages": villages.filter(pk__in=id_list(form.getlist("villages"))),
            "groups": station_queryset(request, VillageGroup)
            .filter(pk__in=id_list(form.getlist("groups")))
            .select_related("village"),
            "staff": staff.filter(pk__in=id_list(form.getlist("staff"))),
            "topics": form.getlist("topics")[:50],
        }
        stray = _groups_stray(form.getlist("groups"), chosen["groups"])
        try:
            if not typed.is_valid() or stray:
                # The form's own problems and the choices' together: one answer.
                try:
                    visit_plan_check(station=request.station, title=form.get("title", ""), **chosen)
                except OutreachError as exc:
                    wrong.update(exc.wrong)
                raise OutreachError(wrong={**wrong, **form_wrong(typed), **stray})
            if not token:
                # Every page of ours sends its token: a plan without one (a crafted client)
                # would plan a visit at each sending; refused, nothing planned (probe72 L1).
                raise OutreachError(_("The form was not sent whole; nothing was changed."))
            visit, new = visit_plan_once(
                station=request.station,
                user=request.user,
                date=typed.cleaned_data["date"],
                title=typed.cleaned_data["title"],
                notes=typed.cleaned_data["notes"],
                form_token=token,
                **chosen,
            )
        except OutreachError as exc:
            wrong = dict(exc.wrong)
            refused = True
            if "" in wrong:
                messages.error(request, wrong.pop(""))
        else:
            if new:
                messages.success(request, _("Visit planned."))
            else:
                messages.info(
                    request, _("This plan was sent already: it is this visit, planned once.")
                )
            return redirect(visit)
    return render(
        request,
        "outreach/visit_new.html",
        {
            "wrong": wrong,
            # The first field refused takes the focus (walkthrough 34, finding 8).
            "first_wrong": next((f for f in PLAN_FIELDS if wrong.get(f)), ""),
            "villages": villages,
            "staff": staff,
            "topics": Topic.choices,
            "form": form,
            "form_token": token or form_token_new(),
            "chosen": {
                "villages": form.getlist("villages") if form else [],
                "groups": form.getlist("groups") if form else [],
                "staff": form.getlist("staff") if form else [str(request.user.pk)],
                "topics": form.getlist("topics") if form else [],
            },
        },
        status=400 if refused else 200,
    )


@station_page("outreach:visit")
def visit_detail(request: StationRequest, pk: int) -> HttpResponse:
    visit = get_for_user(request, OutreachVisit, pk=pk)
    typed: dict[str, str] = {}  # what was typed in a refused form, drawn again in its fields
    wrong: dict[str, str] = {}  # each refused field's words, said at it
    if request.method == "POST":
        post = request.POST
        action = post.get("action", "")
        try:
            # Each of a form's errors at its field (an error without words said nothing).
            form: forms.Form = VisitNoteForm(post)
            if not form.is_valid():
                raise OutreachError(wrong=form_wrong(form))
            if action == "record":
                form = VisitRecordForm(post)
                if not form.is_valid():
                    raise OutreachError(wrong=form_wrong(form))
                visit_record(
                    visit=visit,
                    user=request.user,
                    households_reached=form.cleaned_data["households_reached"],
                    materials=form.cleaned_data["materials"],
                    notes=form.cleaned_data["notes"],
                    date=form.cleaned_data["date"] or visit.date,
                )
                messages.success(request, _("Visit recorded."))
            elif action == "cancel":
                visit_cancel(visit=visit, user=request.user, reason=form.cleaned_data["reason"])
            elif action == "photo":
                image = request.FILES.get("image")
                if image is None:
                    raise OutreachError(_("Choose a photo to upload."), field="image")
                _photo, new = visit_photo_once(
                    visit=visit,
                    user=request.user,
                    image=image,
                    caption=form.cleaned_data["caption"],
                )
                if not new:
                    messages.info(
                        request,
                        _("This photo is already on the visit: it was not stored again."),
                    )
        except OutreachError as exc:
            for name, said in exc.wrong.items():
                if name in _TYPED_FIELDS or name == "image":
                    wrong[name] = said
                else:
                    messages.error(request, said)
            # The page again, what was typed in its fields (a redirect lost it all).
            typed = {name: post.get(name, "") for name in _TYPED_FIELDS} | {"action": action}
        else:
            return redirect(visit)
    return render(
        request,
        "outreach/visit_detail.html",
        {
            "visit": visit,
            "villages": visit.villages.all(),
            "groups": visit.groups.select_related("village"),
            "staff": visit.staff.all(),
            "photos": visit.photos.all(),
            "events": visit.events.select_related("by"),
            "cards": visit.cards.count(),
            "today": timezone.localdate(),
            "done_days": done_bounds(_("Date")),
            "typed": typed,
            "wrong": wrong,
        },
        status=400 if typed else 200,
    )


# The fields of a visit's page whose refusal is said at them, what was typed drawn again.
_TYPED_FIELDS = ("date", "households_reached", "materials", "notes", "reason", "caption")


@station_page("outreach:coverage")
def coverage(request: StationRequest) -> HttpResponse:
    year = year_param(request)
    return render(
        request,
        "outreach/coverage.html",
        {
            "year": year,
            "rows": visit_coverage(request.station, year),
            "cards": card_coverage(request.station),
            "topic_count": len(Topic.choices),
        },
    )


@station_page("outreach:group_cards")
def group_cards(request: StationRequest, pk: int) -> HttpResponse:
    """One village group's households: who has the hotline card, who is still missing one."""
    group = get_for_user(request, VillageGroup.objects.select_related("village"), pk=pk)
    households = customers_with_card(request.station).filter(group=group).order_by("name")
    visits = station_queryset(request, OutreachVisit).filter(
        villages=group.village, status=OutreachVisit.Status.DONE
    )[:10]
    wrong: dict[str, str] = {}  # each refused field's words, said at it, all at once
    post = request.POST if request.method == "POST" else None
    if post is not None:
        try:
            n, skipped = _cards_given(request, post, households)
        except OutreachError as exc:
            wrong = dict(exc.wrong)
            if "" in wrong:
                messages.error(request, wrong.pop(""))
        else:
            if n:
                said = ngettext("%(n)d hotline card recorded.", "%(n)d hotline cards recorded.", n)
                messages.success(request, said % {"n": n})
            if skipped:
                # Named, so a mixed batch says which households were not recorded (review72 L4).
                said = _(
                    "These households hold a card of that day already, not recorded again: "
                    "%(names)s."
                )
                names = pgettext("list separator", ", ").join(c.name for c in skipped)
                messages.info(request, said % {"names": names})
            return redirect("outreach:group_cards", pk=group.pk)
    return render(
        request,
        "outreach/group_cards.html",
        {
            "group": group,
            "missing": [c for c in households if not c.has_card],
            "covered": [c for c in households if c.has_card],
            "visits": visits,
            "channels": HotlineCard.Channel.choices,
            "today": timezone.localdate(),
            "done_days": done_bounds(_("Given on")),
            "wrong": wrong,
            # What was sent, drawn again after a refusal (a redirect lost it all).
            "typed": {
                "customers": post.getlist("customers") if post else [],
                "given_on": post.get("given_on", "")[:10] if post else "",
                "channel": post.get("channel", "")[:12] if post else "",
                "visit": post.get("visit", "")[:20] if post else "",
            },
        },
        status=400 if wrong else 200,
    )


def _cards_given(request: StationRequest, post: Any, households: Any) -> CardsGiven:
    """The cards of the group page's form recorded, or ``OutreachError`` with every problem of
    the form and of the service's check at once, each at its field."""
    form = CardsGivenForm(post)
    visit_id = id_or_none(post.get("visit"))
    visit = (
        OutreachVisit.objects.for_station(request.station).filter(pk=visit_id).first()
        if visit_id
        else None
    )
    chosen = {
        "customers": households.filter(pk__in=id_list(post.getlist("customers"))),
        "channel": form.data.get("channel", "")[:12],
        "visit": visit,
    }
    if not form.is_valid():
        # The form's own problems and the choices' together: one answer.
        wrong: dict[str, str] = {}
        try:
            cards_give_check(station=request.station, given_on=None, **chosen)
        except OutreachError as exc:
            wrong.update(exc.wrong)
        raise OutreachError(wrong={**wrong, **form_wrong(form)})
    return cards_give(
        station=request.station,
        user=request.user,
        given_on=form.cleaned_data["given_on"],
        **chosen,
    )
