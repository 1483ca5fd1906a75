"""Each role's own panels on the home page (the slots are in ``web/panels.py``): the chief's
figures and decisions, the counter's queues, the dispatcher's board and crews, and a county's
stations side by side."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import STATION_STAFF_ROLES, Crew, Membership, Role, Station
from powerdesk.web.home import Panel, register


def register_panels() -> None:
    register("chief_figures", chief_figures_panel)
    register("decisions", decisions_panel)
    register("intake", intake_panel)
    register("missed_calls", missed_calls_panel)
    register("calls_waiting", calls_waiting_panel)
    register("callbacks_due", callbacks_due_panel)
    register("board", board_panel)
    register("crews", crews_panel)
    register("stations", stations_panel)


def chief_figures_panel(request: HttpRequest) -> Panel | None:
    from powerdesk.dashboards.reliability import Area, area_reliability, month_charts
    from powerdesk.dashboards.summary import chief_rows, periods
    from powerdesk.outages.panels import home_live_rows
    from powerdesk.reliability.unrecorded import unrecorded_outages

    station: Station = request.station  # type: ignore[attr-defined]
    when = periods()
    figures = area_reliability(
        station, Area(("station", station.pk), station.name), when.now.year, now=when.now
    )
    return Panel(
        title=_("This month and the year so far"),
        template="dashboards/panels/chief_figures.html",
        context={
            "rows": chief_rows(station, when, figures),
            "year": when.now.year,
            "saidi": month_charts(figures)[0],
            # The engine's predictions nobody has recorded: not in the SAIDI and RS-1 above.
            "unrecorded": unrecorded_outages(station, until=when.now, rows=home_live_rows(request)),
        },
        link=reverse("dashboards:reliability"),
    )


def decisions_panel(request: HttpRequest) -> Panel | None:
    """What waits for the chief: late orders, notices to them (the unhappy customers named),
    disconnections to approve, planned outages inside the notice period, hard problems past
    their revisit, and those with a step of their plan overdue."""
    from powerdesk.arrears.models import ArrearsCase
    from powerdesk.outages.models import Outage, OutageEvent
    from powerdesk.outages.services import planned_notice_days
    from powerdesk.servicedesk.models import HardProblem, Notification
    from powerdesk.servicedesk.models.hard_problems import steps_overdue_filter
    from powerdesk.servicedesk.selectors import overdue_shown

    station: Station = request.station  # type: ignore[attr-defined]
    now = timezone.now()
    # As the deadlines box and the notices count them: one selector, one rule.
    late = overdue_shown(station, now)
    notice_days = planned_notice_days(station.pk)
    planned = (
        Outage.objects.for_station(station)
        .filter(
            kind=Outage.Kind.PLANNED,
            status=Outage.Status.ANNOUNCED,
            starts_at__lt=now + dt.timedelta(days=notice_days),
        )
        .select_related("device")
        .order_by("starts_at")
    )
    short = set(
        OutageEvent.objects.filter(outage__in=planned, what="short_notice").values_list(
            "outage_id", flat=True
        )
    )
    from powerdesk.notifications.inapp import inapp_texts

    # Unhappy customers told to the chief, each with what came of it (reopened, or done and to
    # review: review46, 6), as their notice says it.
    unhappy = list(
        Notification.objects.for_station(station)
        .filter(recipient_id=request.user.pk, read_at=None, kind=Notification.Kind.UNHAPPY)
        .select_related("work_order")
        .order_by("-created_at", "-pk")[:5]
    )
    context = {
        "unhappy": list(zip(unhappy, inapp_texts(unhappy), strict=True)),
        "late": late.orders,
        "late_count": late.count,
        "notices": Notification.objects.for_station(station)
        .filter(recipient_id=request.user.pk, read_at=None)
        .count(),
        # Not a case that must not be cut: what blocks it is stored at each step (``blocks``).
        "approvals": ArrearsCase.objects.for_station(station)
        .filter(stage=ArrearsCase.Stage.CHECKED, blocked_by="")
        .select_related("customer")
        .order_by("owed_since", "pk")[:5],
        "planned": [(o, o.pk in short) for o in planned[:5]],
        "notice_days": notice_days,
        "revisits": HardProblem.objects.for_station(station)
        .filter(state=HardProblem.State.OPEN, next_revisit_on__lt=timezone.localdate())
        .count(),
        # Hard problems with a step of their plan past its due date (walk74, 3).
        "steps_overdue": list(
            HardProblem.objects.for_station(station)
            .annotate(late=Count("steps", filter=steps_overdue_filter()))
            .filter(late__gt=0)
            .order_by("pk")[:5]
        ),
    }
    shown = (
        "late_count",
        "notices",
        "unhappy",
        "approvals",
        "planned",
        "revisits",
        "steps_overdue",
    )
    if not any(context[k] for k in shown):
        return None
    return Panel(
        title=_("Needs a decision"),
        template="dashboards/panels/decisions.html",
        context=context,
    )


def intake_panel(request: HttpRequest) -> Panel | None:
    """Today's calls at the counter: how many, urgent ones, callers still to link."""
    from powerdesk.servicedesk.models import Call

    station: Station = request.station  # type: ignore[attr-defined]
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = Call.objects.for_station(station).filter(received_at__gte=start)
    counts = today.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(status=Call.Status.ANSWERED)),
        urgent=Count("pk", filter=Q(urgent=True)),
        unlinked=Count("pk", filter=Q(customer=None) & ~Q(caller_number="")),
        orders=Count("pk", filter=Q(work_order__isnull=False)),
    )
    latest = list(
        today.select_related("customer", "work_order", "taken_by", "village", "group").order_by(
            "-received_at"
        )[:6]
    )
    _mark_liaison_reports(station, latest)  # a liaison's report names its liaison
    return Panel(
        title=_("Calls today"),
        template="dashboards/panels/intake.html",
        context={**counts, "latest": latest},
        link=reverse("servicedesk:intake"),
    )


def missed_calls_panel(request: HttpRequest) -> Panel | None:
    from powerdesk.servicedesk.selectors import missed_calls

    calls = missed_calls(request.station)  # type: ignore[attr-defined]
    count = calls.count()
    if not count:
        return None
    return Panel(
        title=_("Missed calls"),
        template="dashboards/panels/missed_calls.html",
        context={"calls": list(calls[:6]), "count": count},
        count=count,
        link=reverse("servicedesk:missed_calls"),
    )


def calls_waiting_panel(request: HttpRequest) -> Panel | None:
    """Calls kept without the work order they want, the urgent first: for those who may open
    it (the slot's page), never for one who may only read calls."""
    from powerdesk.accounts.permissions import Do, may
    from powerdesk.servicedesk.call_order import calls_waiting_for_order

    station: Station = request.station  # type: ignore[attr-defined]
    if not may(request.user, station, Do.ORDER_CREATE):  # type: ignore[arg-type]
        return None
    calls = calls_waiting_for_order(station).select_related(
        "customer", "taken_by", "village", "group"
    )
    count = calls.count()
    if not count:
        return None
    shown = list(calls[:6])
    _mark_liaison_reports(station, shown)
    return Panel(
        title=_("Calls waiting for a work order"),
        template="dashboards/panels/calls_waiting.html",
        context={"calls": shown, "count": count},
        count=count,
        link=reverse("servicedesk:calls") + "?show=waiting",
    )


def _mark_liaison_reports(station: Station, calls: list[Any]) -> None:
    """Mark the calls a village liaison reported (``by_liaison``): the box names the liaison
    when the report names no villager; and give each the start of its words (``words_start``,
    a cut shown by "…")."""
    taken = {c.taken_by_id for c in calls if c.taken_by_id}
    liaisons = set(
        Membership.objects.filter(
            station=station, role=Role.LIAISON, user_id__in=taken
        ).values_list("user_id", flat=True)
    )
    for call in calls:
        call.by_liaison = call.taken_by_id in liaisons
        words = " ".join(call.text.split())
        call.words_start = words if len(words) <= 20 else words[:19] + "…"


def callbacks_due_panel(request: HttpRequest) -> Panel | None:
    from powerdesk.outages.selectors import outage_callbacks_listed
    from powerdesk.servicedesk.selectors import callbacks_due

    station: Station = request.station  # type: ignore[attr-defined]
    orders = callbacks_due(station)
    after_outages = outage_callbacks_listed(station)
    count, outage_count = orders.count(), after_outages.count()
    if not count and not outage_count:
        return None
    return Panel(
        title=_("Callbacks due"),
        template="dashboards/panels/callbacks_due.html",
        context={
            "orders": list(orders[:6]),
            "count": count,
            "outage_count": outage_count,
            "now": timezone.now(),
        },
        count=count + outage_count,
        link=reverse("servicedesk:callbacks"),
    )


def board_panel(request: HttpRequest) -> Panel | None:
    """The live outage board, polled as on the outages page."""
    from powerdesk.outages.views_board import HOME_ROWS, board_context

    return Panel(
        title=_("Live board: what calls and meters show off"),
        template="dashboards/panels/board.html",
        context=board_context(request, top=HOME_ROWS),  # type: ignore[arg-type]
        link=reverse("outages:list"),
    )


def crews_panel(request: HttpRequest) -> Panel | None:
    """Each crew with its open orders, the outages it is on, and when it last said where."""
    from powerdesk.accounts.models.crews import CrewPosition
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import OPEN_STATUSES

    station: Station = request.station  # type: ignore[attr-defined]
    crews = list(
        Crew.objects.for_station(station)
        .annotate(
            open_orders=Count(
                "work_orders", filter=Q(work_orders__status__in=OPEN_STATUSES), distinct=True
            ),
            # Its latest position by the crew's index, not ``Max("positions__at")``: joined
            # beside its work orders, that walked every order times every position (speed73).
            last_seen=Subquery(
                CrewPosition.objects.filter(crew=OuterRef("pk")).order_by("-at").values("at")[:1]
            ),
        )
        .select_related("leader", "station")
        .order_by("name")
    )
    if not crews:
        return None
    from powerdesk.accounts.crews import crew_leader_wanted
    from powerdesk.outages.models import OutageLink

    on_outages = dict(
        OutageLink.objects.for_station(station)
        .filter(outage__status=Outage.Status.ACTIVE, crew__isnull=False)
        .values("crew_id")
        .annotate(n=Count("pk"))
        .values_list("crew_id", "n")
    )
    return Panel(
        title=_("Crews"),
        template="dashboards/panels/crews.html",
        # Each marked when it wants a leader (its leader's work at the station ended).
        context={"crews": [(c, on_outages.get(c.pk, 0)) for c in crew_leader_wanted(crews)]},
        link=reverse("accounts:staff"),
    )


def stations_panel(request: HttpRequest) -> Panel | None:
    """For someone who belongs to several stations (the county company's people): each of
    them side by side. Only stations they belong to as staff: never another's figures."""
    from powerdesk.dashboards.summary import periods, station_figures
    from powerdesk.reliability.selectors import stations_on_record

    user = request.user
    stations = list(
        Station.objects.filter(
            memberships__user_id=user.pk or 0, memberships__role__in=STATION_STAFF_ROLES
        )
        .distinct()
        .order_by("name")
    )
    if len(stations) < 2:
        return None
    when = periods()
    on_record = stations_on_record(stations)  # one query for all of them
    return Panel(
        title=_("Your stations side by side"),
        template="dashboards/panels/stations.html",
        context={
            "stations": [station_figures(s, when, on_record) for s in stations],
            "year": when.now.year,
        },
    )
