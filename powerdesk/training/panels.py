"""The home page's training panel: the year's plan, courses late, people behind."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
        context={"progress": progress, "late": [r.item for r in progress.items if r.overdue]},
        link=reverse("training:plan"),
    )
