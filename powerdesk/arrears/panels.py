"""The home page's arrears panel: cases by stage, and households that must not be cut off."""

from __future__ import annotations

from django.db.models import Count, F
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
    # One query, the households cut first (they need a visit now), ten at most.
    blocked = list(
        cases.exclude(blocked_by="")
        .select_related("customer")
        .order_by(F("disconnected_at").desc(nulls_last=True), "owed_since", "pk")[:10]
    )
    return Panel(
        title=_("Arrears"),
        template="arrears/panel.html",
        context={
            "stages": [(labels[s], by_stage[s]) for s in ArrearsCase.Stage.values if s in by_stage],
            # What blocks a case is stored at each step (``blocks``): not yet cut, and cut.
            "blocked": [c for c in blocked if c.disconnected_at is None][:5],
            "cut_blocked": [c for c in blocked if c.disconnected_at is not None][:5],
            "disconnected": by_stage.get(ArrearsCase.Stage.DISCONNECTED, 0),
        },
        link=reverse("arrears:cases"),
    )
