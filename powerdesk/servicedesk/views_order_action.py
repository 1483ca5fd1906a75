"""What is done on a work order's page (``views_orders``' form posts): a step, photos, a crew
sent or called back, a hard problem linked, paused, resumed, reopened, found open, a note, a
callback."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.models import Crew
from powerdesk.accounts.permissions import Do, require
from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.came_from import same_site
from powerdesk.lib.forms import InputError, id_or_none
from powerdesk.lib.kept import drop_kept, keep, kept_address, kept_redirect
from powerdesk.network.selectors import grid_element_named
from powerdesk.outages.hazards import HazardError, hazard_to_outage_crew
from powerdesk.outages.joined import outage_in_charge
from powerdesk.outages.models import Outage
from powerdesk.outages.recall import outage_recall, recall_said
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.forms import CallbackForm
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import HardProblem, WorkOrder
from powerdesk.servicedesk.order_again import work_order_reopen
from powerdesk.servicedesk.order_field import (
    PhotosRefused,
    work_order_found_open,
    work_order_pause,
    work_order_resume,
)
from powerdesk.servicedesk.sent_again import AGAIN, ALREADY, sent_how
from powerdesk.servicedesk.services import WorkOrderError, work_order_dispatch, work_order_note
from powerdesk.servicedesk.views_callbacks import (
    callback_from_the_list,
    callback_told,
    callback_typed,
    sent_from_the_list,
)
from powerdesk.servicedesk.views_order_forms import (
    TYPED_ACTION_KEY,
    TYPED_ACTIONS,
    TYPED_CALLBACK_KEY,
    TYPED_KEY,
    PhotosElsewhere,
    form_choice,
)
from powerdesk.servicedesk.views_order_step import add_photos, order_text, take_step
from powerdesk.servicedesk.views_promises import TYPED_KEPT

__all__ = ["work_order_action"]


@require_POST
@station_page("servicedesk:work_order_action")
def work_order_action(request: StationRequest, pk: int) -> HttpResponse:
    order = get_for_user(request, WorkOrder, pk=pk)
    action = request.POST.get("action", "")
    post = request.POST
    try:
        if request.FILES and action not in _WITH_PHOTOS:
            # A form made by hand (a note carrying photos): never taken as the note alone.
            raise PhotosElsewhere(action)
        if action == "status":
            take_step(request, order)
        elif action == "photos":
            add_photos(request, order)
        elif action == "link_problem":
            problem = get_for_user(
                request, HardProblem, pk=form_choice(post.get("problem"), _("hard problem"))
            )
            require(request.user, request.station, Do.PROBLEM_MANAGE)
            problem.work_orders.add(order)
            work_order_note(
                work_order=order,
                note="",
                user=request.user,
                said=note_said("hard_problem_linked", title=problem.title),
            )
        elif action == "dispatch":
            crew = get_for_user(request, Crew, pk=form_choice(post.get("crew"), _("crew")))
            dispatched = work_order_dispatch(work_order=order, crew=crew, user=request.user)
            # Said as the outage board says its own (walkthrough 34, finding 6: nothing was):
            # sent again, or on it already, so said (walk61 M2, L1).
            how, words = sent_how(dispatched), {"crew": crew.name, "number": order.number}
            if how == ALREADY:
                messages.info(
                    request,
                    _("%(crew)s is already working work order %(number)s.") % words,
                )
            else:
                messages.success(
                    request,
                    _(
                        "%(crew)s is sent again to work order %(number)s (the earlier "
                        "withdrawal no longer holds)."
                    )
                    % words
                    if how == AGAIN
                    else _("%(crew)s is sent to work order %(number)s.") % words,
                )
                _crew_not_texted(request, crew)
        elif action == "to_outage_crew":
            outage = get_for_user(request, Outage, pk=form_choice(post.get("outage"), _("outage")))
            try:
                sent = hazard_to_outage_crew(
                    order=order,
                    outage=outage,
                    user=request.user,
                    # the crew the clerk confirmed taking it from (another has it)
                    take_from=id_or_none(post.get("take_from")),
                )
            except HazardError as exc:
                raise WorkOrderError(str(exc)) from exc
            order.refresh_from_db(fields=["crew"])
            if sent and order.crew is not None:
                messages.success(
                    request,
                    _("%(crew)s is sent to work order %(number)s.")
                    % {"crew": order.crew.name, "number": order.number},
                )
                _crew_not_texted(request, order.crew)
        elif action == "outage_recall":  # the outage's crew called back from here (fix64b)
            outage_crew_recall(request, order)
        elif action == "pause":
            work_order_pause(work_order=order, reason=order_text(post, "reason"), user=request.user)
        elif action == "resume":
            work_order_resume(work_order=order, user=request.user)
        elif action == "reopen":
            work_order_reopen(
                work_order=order, reason=order_text(post, "reason"), user=request.user
            )
        elif action == "found_open":
            device = grid_element_named(request.station.pk, order_text(post, "device", 100))
            if device is None:
                raise WorkOrderError(
                    _("No element of this station has the code or name “%(code)s”.")
                    % {"code": post.get("device", "")[:100]}
                )
            work_order_found_open(work_order=order, device=device, user=request.user)
            messages.success(request, _("Recorded: %(device)s found open.") % {"device": device})
        elif action == "note":
            work_order_note(
                work_order=order, note=order_text(post, "note", 2000), user=request.user
            )
        elif action == "callback":
            if sent_from_the_list(post.get("next", "")):
                # A row of a list of several: refused, it is shown again on its row.
                return callback_from_the_list(request, order)
            form = CallbackForm(post)
            if form.is_valid():
                try:
                    callback = callback_record(
                        work_order=order, user=request.user, **form.cleaned_data
                    )
                except WorkOrderError as exc:
                    form.add_error(getattr(exc, "field", None) or None, str(exc))
                else:
                    drop_kept(request, TYPED_CALLBACK_KEY % order.pk)
                    messages.success(request, callback_told(order, callback))
                    return redirect(order)
            # At its fields on the order's page, with all that was chosen and typed (walkthrough
            # 32, finding 2: a comment too long was said at the top and lost with the score).
            return kept_redirect(
                request,
                TYPED_CALLBACK_KEY % order.pk,
                callback_typed(request, form),
                f"{order.get_absolute_url()}#callback",
            )
        else:
            raise WorkOrderError(_("Unknown action “%(action)s”.") % {"action": action[:40]})
    except (WorkOrderError, InputError) as exc:
        field = TYPED_ACTIONS.get(action)
        if field is not None and getattr(exc, "field", "") == field and not post.get("next"):
            # At its field on the order's page, with all that was typed to be shortened.
            return kept_redirect(
                request,
                TYPED_ACTION_KEY % order.pk,
                {"action": action, "value": post.get(field, "")[:TYPED_KEPT], "error": str(exc)},
                f"{order.get_absolute_url()}#{action}",
            )
        if action == "status" and isinstance(exc, PhotosRefused):
            # Every file is named at the photo field; the top of the page says where to look.
            messages.error(request, _("Nothing was saved: see the photos."))
        else:
            messages.error(request, str(exc))
            if getattr(exc, "photos_error", ""):
                # The photos refused too: said at their field in the same answer.
                messages.error(request, _("Nothing was saved: see the photos."))
        if action == "status":
            # Shown again on the next page, so a crew on a phone retypes nothing; what is wrong
            # with a field at it (a device off the order's line: with the box to tick).
            token = keep(
                request,
                TYPED_KEY % order.pk,
                {
                    **{
                        field: post.get(field, "")[:TYPED_KEPT]
                        for field in ("cause", "device", "note", "in_house")
                    },
                    "field": getattr(exc, "field", ""),
                    "error": str(exc),
                    # Every field's problem at once, each at its field (``StepRefused``).
                    "wrong": getattr(exc, "wrong", None) or {},
                    "confirm": getattr(exc, "confirm", ""),
                    "photos_error": getattr(exc, "photos_error", ""),
                },
            )
            return redirect(
                kept_address(
                    same_site(request, post.get("next", "")) or order.get_absolute_url(), token
                )
            )
    else:
        # Taken: what a refusal of the same form kept is said no more.
        if action == "status":
            drop_kept(request, TYPED_KEY % order.pk)
        if action in TYPED_ACTIONS:
            drop_kept(request, TYPED_ACTION_KEY % order.pk)
    next_url = same_site(request, post.get("next", ""))
    if next_url:
        return redirect(next_url)
    return redirect(order)


# The actions whose form carries photos: a step (the resolution's form) and "add photos".
_WITH_PHOTOS = ("status", "photos")


def _crew_not_texted(request: StationRequest, crew: Crew) -> None:
    """The dispatcher is told when the crew just sent gets no text, and why (its duty phone is
    the number of someone no longer at the station: walkthrough 34, 2)."""
    from powerdesk.notifications.crew_reach import dispatch_not_texted

    said = dispatch_not_texted(crew)
    if said:
        messages.warning(request, said)


def outage_crew_recall(request: StationRequest, order: WorkOrder) -> None:
    """The crew of the outage ``order`` follows called back from the order's page, as from the
    board (``outages.recall``: the same service, rights and checks, the same words): a
    dispatcher looking at the crew's job expects to undo its dispatch where they see it. The
    outage and the crew are the ones the page showed: an order joined to another outage since,
    or a crew sent since, is refused, never another called back."""
    outage = get_for_user(request, Outage, pk=form_choice(request.POST.get("outage"), _("outage")))
    in_charge = outage_in_charge(order) if order.is_open else None
    if in_charge is None or in_charge.pk != outage.pk:
        raise WorkOrderError(
            _("This order no longer follows that outage: see the outage board for its crew.")
        )
    seen = request.POST.get("crew")
    crew = get_for_user(request, Crew, pk=form_choice(seen, _("crew"))) if seen else None
    try:
        recall = outage_recall(outage=outage, user=request.user, crew=crew)
    except OutageError as exc:
        raise WorkOrderError(str(exc)) from exc
    level, said = recall_said(recall)
    messages.add_message(request, level, said)
