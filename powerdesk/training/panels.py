"""The home page's training panel: the year's plan, courses late, people behind."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from powerdesk.training.models import TrainingPlan
from powerdesk.training.selectors import plan_progress
from powerdesk.web.home import Panel, register


def register_panels() -> None:
    register("training", training_panel)


def training_panel(request: HttpRequest) -> Panel | None:
    station = request.station  # type: ignore[attr-defined]
    today = timezone.localdate()
    plan = (
        TrainingPlan.objects.for_station(station)
        .filter(year=today.year)
        .select_related("station")
        .first()
    )
    if plan is None:
        return None
    progress = plan_progress(plan, today=today)
    return Panel(
        title=_("Training this year"),
        template="training/panel.html",
        context={
            "progress": progress,
            "late": [
                (month_name(plan.year, r.item.month), r.item.topic)
                for r in progress.items
                if r.overdue
            ],
        },
        link=reverse("training:plan"),
    )


def month_name(year: int, month: int) -> str:
    """A plan item's month as the page's language names it: "June" in English, "6月" in Chinese
    (the year is the plan's, the panel's own; a bare "6" read as a count)."""
    # Translators: a Django date format (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date)
    # for the month of a course in the year's training plan: "F" is "January"…"December";
    # Chinese "n月" is "1月"…"12月".
    name = pgettext("month of a training plan's course", "F")
    return date_format(dt.date(year, month, 1), name)
