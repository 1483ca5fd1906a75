"""Work without an owner taken (我来负责) or given to someone, from its page or the list of
work without an owner (``ownership``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from powerdesk.accounts.models import User
from powerdesk.accounts.permissions import Do, may
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.came_from import same_site
from powerdesk.lib.forms import id_or_none
from powerdesk.servicedesk.models import HardProblem, HardProblemStep, WorkOrder
from powerdesk.servicedesk.models.status import UNFINISHED
from powerdesk.servicedesk.ownership import (
    hard_problem_owner_set,
    owners_for,
    step_owner_set,
    work_order_owner_set,
)
from powerdesk.servicedesk.workflow import WorkOrderError


def unfinished(order: WorkOrder) -> bool:
    """Whether the order is still to finish (its callback too): work that may be taken."""
    return order.status in UNFINISHED


def owner_offer(request: StationRequest, kind: str, owned: bool, finished: bool) -> dict | None:
    """What a page offers of work that may have no owner: None while it has one (or is done);
    else who the reader may give it to (the dispatcher and the chief: ``work.assign``), the
    template offering "Take it" to whoever may take it (``_owner_offer.html``)."""
    if owned or finished:
        return None
    people = (
        owners_for(request.station, kind)
        if may(request.user, request.station, Do.WORK_ASSIGN)
        else []
    )
    return {"people": list(people)}


def _owner(request: StationRequest) -> User | None:
    """The person the form gives the work to (its ``owner``), or None to take it oneself; one
    who may not own it here is refused by the service (``OwnerError``)."""
    pk = id_or_none(request.POST.get("owner"))
    if pk is None:
        if request.POST.get("take") and not request.POST.get("owner"):
            return None  # "Take it"
        raise WorkOrderError(_("Choose who is to own it from the list."))
    found = User.objects.filter(pk=pk, memberships__station=request.station).first()
    if found is None:
        raise WorkOrderError(_("Choose who is to own it from the list."))
    return found


def _told(request: StationRequest, owner: User | None, named: str) -> None:
    if owner is None or owner.pk == request.user.pk:
        messages.success(request, _("%(item)s is yours now.") % {"item": named})
    else:
        messages.success(
            request, _("%(item)s is %(person)s's now.") % {"item": named, "person": owner}
        )


@require_POST
@station_page("servicedesk:work_order_owner")
def work_order_owner(request: StationRequest, pk: int) -> HttpResponse:
    """Take the order (no ``owner``), or give it to ``owner``; back to the page it was sent
    from (``next``: the list of work without an owner), else the order's."""
    order = get_for_user(request, WorkOrder, pk=pk)
    try:
        owner = _owner(request)
        work_order_owner_set(work_order=order, user=request.user, owner=owner)
    except WorkOrderError as exc:
        separator = pgettext("label separator", ": ")
        messages.error(request, order.number + separator + str(exc))
    else:
        _told(request, owner, _("Work order %(number)s") % {"number": order.number})
    return redirect(same_site(request, request.POST.get("next", "")) or order.get_absolute_url())


@require_POST
@station_page("servicedesk:hard_problem_owner")
def hard_problem_owner(request: StationRequest, pk: int) -> HttpResponse:
    """Take the hard problem, or a step of its plan (``step``), or give it to ``owner``."""
    problem = get_for_user(request, HardProblem, pk=pk)
    step_pk = id_or_none(request.POST.get("step"))
    try:
        if step_pk is not None:
            step = get_for_user(
                request, HardProblemStep.objects.filter(problem=problem), pk=step_pk
            )
            owner = _owner(request)
            step_owner_set(step=step, user=request.user, owner=owner)
            named = _("The step “%(step)s”") % {"step": step.title}
        else:
            owner = _owner(request)
            hard_problem_owner_set(problem=problem, user=request.user, owner=owner)
            named = _("The hard problem “%(title)s”") % {"title": problem.title}
    except WorkOrderError as exc:
        messages.error(request, str(exc))
    else:
        _told(request, owner, named)
    return redirect(same_site(request, request.POST.get("next", "")) or problem.get_absolute_url())
