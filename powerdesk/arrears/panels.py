"""The home page's arrears panel: cases by stage, and households that must not be cut off."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.arrears.models import ArrearsCase
from powerdesk.web.home import Panel, register


def register_panels() -> None:
    register("arrears", arrears_panel)


def arrears_panel(request: HttpRequest) -> Panel | None:
    station = request.station  # type: ignore[attr-defined]
    cases = ArrearsCase.objects.for_station(station).exclude(stage=ArrearsCase.Stage.PAID)
    by_stage = dict(cases.values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    if not by_stage:
        return None
    labels = dict(ArrearsCase.Stage.choices)
    blocked = cases.exclude(blocked_by="").select_related("customer").order_by("owed_since", "pk")
    return Panel(
        title=_("Arrears"),
        template="arrears/panel.html",
        context={
            "stages": [(labels[s], by_stage[s]) for s in ArrearsCase.Stage.values if s in by_stage],
            # What blocks a case is stored at each step (``blocks``): not yet cut, and cut.
            "blocked": blocked.filter(disconnected_at=None)[:5],
            "cut_blocked": blocked.exclude(disconnected_at=None)[:5],
            "disconnected": by_stage.get(ArrearsCase.Stage.DISCONNECTED, 0),
        },
        link=reverse("arrears:cases"),
    )
