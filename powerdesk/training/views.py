"""Training pages: the year's plan and its progress, recording sessions and self-study."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.accounts.models import User
from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.selectors import station_staff
from powerdesk.accounts.tenancy import StationRequest, station_page, station_queryset
from powerdesk.lib.forms import TYPED_KEPT, form_wrong, id_or_none
from powerdesk.lib.params import year_param
from powerdesk.servicedesk.idempotency import form_once_done, form_token_new, form_token_sent
from powerdesk.servicedesk.models import FormSubmission
from powerdesk.training.forms import PlanForm, SelfStudyForm, SessionForm, date_bounds
from powerdesk.training.models import PlanItem, TrainingPlan
from powerdesk.training.selectors import (
    people_shown,
    person_record_open,
    plan_progress,
    sessions_listed,
)
from powerdesk.training.services import (
    TrainingError,
    may_record_for,
    plan_create,
    plan_item_add,
    self_study_record,
    session_check,
    session_record,
)


def _sent_once(request: StationRequest, kind: str, work: Callable[[], object]) -> bool:
    """``work`` done for the first sending of the page's one-time token, whether this was it:
    the page sent again (a double click, a retry, Back and send, sent twice at once) records
    nothing twice (probe72 M1-M3, the outreach plan's and the intake's way). A sending without
    the token is no page of ours (a browser always sends it): refused, nothing recorded."""
    token = form_token_sent(request.POST)
    if not token:
        raise TrainingError(_("The form was not sent whole; nothing was changed."))
    return form_once_done(
        station=request.station, user=request.user, token=token, kind=kind, work=work
    )


def _said_done(request: StationRequest, first: bool, done: str) -> None:
    if first:
        messages.success(request, done)
    else:
        messages.info(request, _("This form was sent already: what it records is recorded once."))


def _month_problem(typed: str) -> str:
    """What is wrong with a course's month as typed ("" when nothing is)."""
    text = typed.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 12:
        return ""
    return _("The month must be 1 to 12.")


@station_page("training:plan")
def plan(request: StationRequest) -> HttpResponse:
    year = year_param(request)
    current = station_queryset(request, TrainingPlan).filter(year=year).first()
    typed: dict[str, str] = {}  # what was typed in a refused form, drawn again in its fields
    wrong: dict[str, str] = {}  # each refused field's words, said at it
    if request.method == "POST":
        post = request.POST
        try:
            form = PlanForm(post)
            if not form.is_valid():
                # Each of the form's errors at its field, the month's with them (an error
                # without words said nothing; the month was said only once the rest was right).
                found = form_wrong(form)
                if post.get("action") != "create":
                    found.setdefault("month", _month_problem(post.get("month", "")))
                raise TrainingError(wrong=found)
            if post.get("action") == "create":
                current = plan_create(
                    station=request.station,
                    user=request.user,
                    year=year,
                    hours_per_person=form.cleaned_data["hours_per_person"],
                    notes=form.cleaned_data["notes"],
                )
                messages.success(request, _("Plan created."))
            elif current is None:
                # A course for a year with no plan (a stale page, the year typed in the
                # address): said, not dropped without a word (probe72 L3). The plan is not made
                # for it: its target hours per person are the chief's to set.
                raise TrainingError(
                    _(
                        "There is no training plan for %(year)s: create the plan first, then "
                        "add its courses."
                    )
                    % {"year": year}
                )
            else:
                try:
                    month = int(post.get("month", "")[:2])
                except ValueError:
                    raise TrainingError(_("The month must be 1 to 12."), field="month") from None
                plan_item = current
                first = _sent_once(
                    request,
                    FormSubmission.Kind.PLAN_COURSE,
                    lambda: plan_item_add(
                        plan=plan_item,
                        user=request.user,
                        topic=form.cleaned_data["topic"],
                        month=month,
                        hours=form.cleaned_data["hours"],
                        audience=form.cleaned_data["audience"],
                    ),
                )
                _said_done(request, first, _("Course added to the plan."))
        except TrainingError as exc:
            wrong = {name: said for name, said in exc.wrong.items() if name}
            if exc.wrong.get(""):
                messages.error(request, exc.wrong[""])
            # The page again, what was typed in its fields (a redirect lost it all).
            typed = {name: post.get(name, "") for name in (*PlanForm.base_fields, "month")}
            typed["action"] = post.get("action", "")
        else:
            return redirect(reverse("training:plan") + f"?year={year}")
    today = timezone.localdate()
    progress = plan_progress(current, today=today) if current else None
    return render(
        request,
        "training/plan.html",
        {
            "year": year,
            "plan": current,
            "progress": progress,
            # Each person's hours: the rows the person may read (their own; the chief's and
            # the administrators' everyone's), the counts above them the station's.
            "people": people_shown(progress, request.user, request.station) if progress else [],
            "recent": sessions_listed(station=request.station, params=request.GET)[:15],
            "months": [str(m) for m in range(1, 13)],
            "may_manage": may(request.user, request.station, Do.TRAINING_RECORD),
            "typed": typed,
            "wrong": wrong,
            "form_token": form_token_sent(request.POST) or form_token_new(),
        },
        status=400 if typed else 200,
    )


UNKNOWN_PLAN_ITEM = gettext_lazy(
    "That plan item is not in this station's plan (it may have been removed): choose one from "
    "the list, or none."
)

# The texts of a session or a self-study said at their fields when refused (walkthrough 32,
# finding 5: a material too long was said only in the banner).
_TEXT_FIELDS = ("topic", "trainer", "place", "material", "hours", "attendees", "plan_item")


def _at_fields(request: StationRequest, exc: TrainingError) -> tuple[str, dict[str, str]]:
    """A refusal's words at their fields, every one of the form's at once: the date's (said at
    the date field only, never again in the banner above: walkthrough 29, finding 10) and the
    texts'; only what is about no field of the page is said at the top."""
    wrong = dict(exc.wrong)
    date_error = wrong.pop("date", "")
    at = {name: wrong.pop(name) for name in list(wrong) if name in _TEXT_FIELDS}
    for said in wrong.values():
        if said:
            messages.error(request, said)
    return date_error, at


@station_page("training:session_new")
def session_new(request: StationRequest) -> HttpResponse:
    staff = station_staff(request.station)
    items = PlanItem.objects.for_station(request.station).select_related("plan")
    form = request.POST if request.method == "POST" else None
    date_error = ""
    field_errors: dict[str, str] = {}
    if form is not None:
        try:
            typed = SessionForm(form)
            chosen = set(form.getlist("attendees"))
            plan_item = id_or_none(form.get("plan_item"))
            asked: dict[str, Any] = {
                "hours": form.get("hours", "")[:20],
                "attendees": [p for p in staff if str(p.pk) in chosen],
                "plan_item": items.filter(pk=plan_item).first() if plan_item else None,
            }
            # A plan item chosen that is none of the station's (a stale page, an id made up):
            # refused at its field, never a session recorded as of no plan item without a word.
            unknown_item = bool(form.get("plan_item", "").strip()) and asked["plan_item"] is None
            valid = typed.is_valid()
            if not valid or unknown_item:
                # The form's own problems and the session's together: one answer.
                wrong: dict[str, str] = {}
                try:
                    session_check(
                        station=request.station,
                        date=typed.cleaned_data.get("date") if valid else None,
                        topic=form.get("topic", ""),
                        trainer=form.get("trainer", ""),
                        **asked,
                    )
                except TrainingError as exc:
                    wrong.update(exc.wrong)
                if unknown_item:
                    wrong["plan_item"] = str(UNKNOWN_PLAN_ITEM)
                raise TrainingError(wrong={**wrong, **form_wrong(typed)})
            data = typed.cleaned_data
            date = data["date"]
            first = _sent_once(
                request,
                FormSubmission.Kind.TRAINING_SESSION,
                lambda: session_record(
                    station=request.station,
                    user=request.user,
                    date=date,
                    topic=data["topic"],
                    trainer=data["trainer"],
                    place=data["place"],
                    material=data["material"],
                    **asked,
                ),
            )
        except TrainingError as exc:
            date_error, field_errors = _at_fields(request, exc)
        else:
            _said_done(request, first, _("Session recorded."))
            return redirect(reverse("training:plan") + f"?year={date.year}")
    date_shown = form.get("date", "")[:10] if form else timezone.localdate().isoformat()
    return render(
        request,
        "training/session_new.html",
        {
            "staff": staff,
            "item_years": _items_by_year(
                items.filter(plan__year__gte=timezone.localdate().year - 1)
            ),
            "form": form,
            "chosen": form.getlist("attendees") if form else [],
            # As typed after a refusal (a posted date is a string: the ``date`` filter would
            # draw it empty), else today's.
            "date_shown": date_shown,
            "year_shown": date_shown[:4],
            "date_bounds": date_bounds(),
            "date_error": date_error,  # said at the date field only
            "field_errors": field_errors,  # each text's, said at it only
            # A refused page keeps its token: corrected and sent, it still records once.
            "form_token": (form_token_sent(form) if form else "") or form_token_new(),
        },
        status=400 if form is not None else 200,
    )


def _items_by_year(items: QuerySet[PlanItem]) -> list[tuple[str, list[PlanItem]]]:
    """The plan items offered to a session, by their plan's year, the newest year first, each
    year's by month: a session is of its own year's plan (the service refuses another's), and
    the page offers only the items of the year of the date chosen (walk71, L4: the years were
    interleaved month by month, "2025-1, 2026-1, 2025-2")."""
    ordered = items.order_by("-plan__year", "month", "pk")
    return [(str(year), list(group)) for year, group in groupby(ordered, lambda i: i.plan.year)]


@station_page("training:person")
def person(request: StationRequest, pk: int) -> HttpResponse:
    record = person_record_open(request.user, request.station, pk)
    if record is None:  # no such person at the station, or not the reader's to read
        raise Http404
    who = record.person
    may_record = may_record_for(request.user, who, request.station)
    typed = None  # what was typed in a refused self-study, drawn again in its fields
    date_error = ""
    field_errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        try:
            form = SelfStudyForm(post)
            if not form.is_valid():
                raise TrainingError(wrong=form_wrong(form))
            first = _sent_once(
                request,
                FormSubmission.Kind.SELF_STUDY,
                lambda: self_study_record(
                    station=request.station,
                    user=request.user,
                    person=who,
                    date=form.cleaned_data["date"],
                    topic=form.cleaned_data["topic"],
                    hours=post.get("hours", "")[:20],
                    material=form.cleaned_data["material"],
                ),
            )
        except TrainingError as exc:
            date_error, field_errors = _at_fields(request, exc)
            # Kept whole to be shortened (cut to its limit, a text too long lost its end).
            typed = {
                name: post.get(name, "")[: 10 if name == "date" else TYPED_KEPT]
                for name in ("date", "topic", "hours", "material")
            }
        else:
            _said_done(request, first, _("Self-study recorded."))
            return redirect("training:person", pk=who.pk)
    return render(
        request,
        "training/person.html",
        {
            "record": record,
            "may_record": may_record,
            "typed": typed or {"date": timezone.localdate().isoformat(), "hours": "1"},
            "date_bounds": date_bounds(),
            "date_error": date_error,  # said at the date field only
            "field_errors": field_errors,  # each text's, said at it only
            "form_token": form_token_sent(request.POST) or form_token_new(),
        },
        # Refused, the page answers 400 as the other forms do (probe72 L2).
        status=400 if typed is not None else 200,
    )


@station_page("training:me")
def my_record(request: StationRequest) -> HttpResponse:
    user: User = request.user
    return redirect("training:person", pk=user.pk)
