"""Village pages: the list, and one village with everything the station knows of it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import (
    StationRequest,
    get_for_user,
    station_page,
)
from powerdesk.community.forms import VillagePostForm
from powerdesk.community.liaison import (
    LiaisonError,
    contact_record,
    liaison_add,
    liaison_retire,
    village_work_orders,
)
from powerdesk.community.liaison_page import (
    LIAISON_CHANGES,
    liaison_changes,
    told_on_village_page,
)
from powerdesk.community.liaison_records import LiaisonRetiredAlready
from powerdesk.community.models import Liaison, LiaisonActivity, Village
from powerdesk.community.selectors import (
    customers_by_device,
    village_current_outages,
    village_interruptions,
    village_liaisons,
    village_reliability,
    villages_listed,
)
from powerdesk.lib.forms import form_error_text, id_or_none
from powerdesk.network.models import NodeKind
from powerdesk.outages.models import Outage


@station_page("community:villages")
def village_list(request: StationRequest) -> HttpResponse:
    villages = villages_listed(request.station)
    return render(request, "community/village_list.html", {"villages": villages})


def _village_post(request: StationRequest, village: Village) -> None:
    form = VillagePostForm(request.POST)
    action = request.POST.get("action")
    if not form.is_valid():
        if action == "retire" and list(form.errors) == ["reason"]:
            raise LiaisonError(" ".join(str(e) for e in form.errors["reason"]), field="reason")
        raise LiaisonError(form_error_text(form))
    post, typed = form.cleaned_data, request.POST
    group_id = id_or_none(typed.get("group"))
    group = village.groups.filter(pk=group_id).first() if group_id else None
    if action == "add_liaison":
        if typed.get("group", "").strip() and group is None:
            # Another village's group, or no group at all ("abc"): refused, never put on the
            # whole committee (probe76, M3).
            raise LiaisonError(_("That group is not in this village."), field="group")
        liaison_add(
            village=village,
            by=request.user,
            name=post["name"],
            phone=post["phone"],
            role=typed.get("role", ""),
            group=group,
        )
        messages.success(request, _("Liaison added."))
    elif action in ("retire", "contact"):
        liaison_id = id_or_none(typed.get("liaison"))
        liaison = village.liaisons.filter(pk=liaison_id).first() if liaison_id else None
        if action == "retire":
            if liaison is None:
                raise LiaisonError(_("Choose the liaison."))
            liaison_retire(liaison=liaison, by=request.user, reason=post["reason"])
            messages.success(
                request, _("%(name)s no longer serves as a liaison.") % {"name": liaison.name}
            )
        elif typed.get("kind") == LiaisonActivity.Kind.TOLD_OUTAGE:
            told_on_village_page(
                village=village,
                by=request.user,
                liaison=liaison,
                outage_id=id_or_none(typed.get("outage")),
                note=post["note"],
            )
            messages.success(request, _("Contact recorded."))
        else:
            contact_record(
                village=village,
                by=request.user,
                kind=typed.get("kind", ""),
                note=post["note"],
                liaison=liaison,
            )
            messages.success(request, _("Contact recorded."))


@station_page("community:village")
def village_detail(request: StationRequest, pk: int) -> HttpResponse:
    village = get_for_user(request, Village, pk=pk)
    # What is wrong at a field of the form sent (a liaison's retirement: its reason), by name.
    wrong: dict[str, str] = {}
    if request.method == "POST":
        try:
            _village_post(request, village)
            return redirect(village)
        except LiaisonRetiredAlready as exc:
            # Sent again (a double submit, a stale page): said, nothing written (probe76, M5).
            messages.info(request, str(exc))
            return redirect(village)
        except LiaisonError as exc:
            # Shown again with what was typed, to be corrected: at its field when it is about
            # one (a retirement's reason), else above the page.
            if exc.field and request.POST.get("action") in ("retire", "add_liaison"):
                wrong[exc.field] = str(exc)
            else:
                messages.error(request, str(exc))
    groups = village.groups.annotate(customer_count=Count("customers")).order_by("name")
    transformers = (
        village.grid_nodes.filter(kind=NodeKind.TRANSFORMER)
        .select_related("feeder")
        .annotate(customer_count=Count("customers"))
        .order_by("code")
    )
    care = village.customers.aggregate(
        total=Count("pk"),
        elderly_alone=Count("pk", filter=Q(elderly_alone=True)),
        hardship=Count("pk", filter=Q(hardship=True)),
        medical_need=Count("pk", filter=Q(medical_need=True)),
        important=Count("pk", filter=Q(important=True)),
    )
    now = timezone.localtime()
    year_start = dt.datetime(now.year, 1, 1, tzinfo=now.tzinfo)
    from powerdesk.outreach.selectors import customers_with_card
    from powerdesk.servicedesk.models import Call, HardProblem

    below = customers_by_device(village)
    outages = village_current_outages(village, below=below)
    reliability = village_reliability(village)
    with_card = customers_with_card(request.station).filter(village=village, has_card=True).count()
    return render(
        request,
        "community/village_detail.html",
        {
            "village": village,
            "groups": groups,
            "transformers": transformers,
            "care": care,
            "with_card": with_card,
            "reliability": reliability,
            "reliability_rows": [
                (_("Faults"), reliability.unplanned),
                (_("Planned work"), reliability.planned),
                (_("Without major event days"), reliability.excluding_med),
            ],
            "year": now.year,
            # Off now, and planned ones to come under their own heading (walk74, L12).
            "current_outages": [o for o in outages if o.status != Outage.Status.ANNOUNCED],
            "planned_outages": [o for o in outages if o.status == Outage.Status.ANNOUNCED],
            "interruptions": village_interruptions(village, year_start, now, below=below)[:20],
            "orders": village_work_orders(village),
            "calls": Call.objects.for_station(request.station)
            .filter(customer__village=village)
            .select_related("customer")
            .order_by("-received_at")[:10],
            "problems": HardProblem.objects.for_station(request.station).filter(village=village),
            "visits": village.visits.exclude(status="cancelled").order_by("-date")[:10],
            "liaisons": liaison_changes(village, village_liaisons(village)),
            # A liaison added or retired is a line of the liaison's, not a contact (walk74, L6).
            "activities": village.activities.exclude(note_code__in=LIAISON_CHANGES).select_related(
                "liaison", "by"
            )[:15],
            "liaison_roles": Liaison.Role.choices,
            "typed": request.POST,
            "wrong": wrong,
            "activity_kinds": [
                k for k in LiaisonActivity.Kind.choices if k[0] in ("told_outage", "other", "visit")
            ],
        },
        status=400 if wrong else 200,
    )
