"""An outage's life once it is recorded: a crew dispatched (the joined orders with it, a work
order for the crew when none was opened), the crew patrolling, and closed at the end.

The steps before it are ``prediction_steps``' (the engine's prediction confirmed, moved to
another device or rejected, recorded from a caller's call). The other steps have modules of
their own: what the crew finds and when power should be back (``estimates``), the calls and
orders joined to an outage (``joined``), what follows the restore (``aftercare``). Every step is
a line of ``OutageEvent`` history (who, when: ``history``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import text_typed
from powerdesk.lib.language import station_language
from powerdesk.lib.plain import not_plain
from powerdesk.outages.estimate_moved import estimate_watched, on_site_why
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.joined import OPEN, outage_link
from powerdesk.outages.models import Outage, OutageLink, cause_words
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import Category, WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S
from powerdesk.servicedesk.models.core import SummaryKind
from powerdesk.servicedesk.sent_again import (
    AGAIN,
    ALREADY,
    SENT_AGAIN,
    mark_sent,
    sent_before,
    sent_how,
)
from powerdesk.servicedesk.titles import outage_title_stored

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, User

# The key of a "dispatched" line's ``note_args`` holding the id of the crew sent (the crew's
# name is the line's words): whether a crew sent is sent again (``_sent_before_to``).
SENT_CREW = "crew_id"
# Said on the outage a dispatch of its own crew returns: how many of its waiting orders that
# dispatch gave the crew (the board's message says so).
ORDERS_GIVEN = "_orders_given"


@transaction.atomic
def outage_dispatch(*, outage: Outage, crew: Crew, user: User | None) -> Outage:
    """Send a crew; the joined orders still waiting go to the same crew. Planned work gets its
    crew before it starts too (``planned_work``)."""
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    if crew.station_id != outage.station_id:
        raise OutageError(_("That crew belongs to another station."), field="crew")
    planned_ahead = outage.kind == Outage.Kind.PLANNED and outage.status == Outage.Status.ANNOUNCED
    if outage.status != Outage.Status.ACTIVE and not planned_ahead:
        raise OutageError(
            _("Only an outage with the power off, or planned work not yet done, gets a crew.")
        )
    # Locked as ``outage_order_for_call`` does: a call and a dispatch at once make one order.
    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    crew_before = link.crew
    if crew_before is not None and crew_before.pk == crew.pk:
        # On the outage already (a double click, the same crew chosen again): no line, no text
        # (walk61 L1: a second "crew dispatched" line); its joined orders still waiting (one
        # paused when the crew was sent, resumed since) go to it, as a first sending's do.
        setattr(outage, ORDERS_GIVEN, _waiting_orders_given(outage, link, crew, user))
        mark_sent(outage, ALREADY)
        return outage
    stamp = f"{crew.pk}:{timezone.now().timestamp()}"
    # A new sending after another crew had it (A → B → A), or after its crew was called back
    # (``outage_recall``: A → recalled → A, walk61 M5), told again under its own key.
    changed = f"{crew_before.pk}:{stamp}" if crew_before is not None else ""
    recalled = crew_before is None and outage.events.filter(what="dispatched").exists()
    sending = f":after:{changed}" if changed else f":sent:{stamp}" if recalled else ""
    # Sent again after it was taken off (another crew sent instead, or called back): its text
    # says so, and that the withdrawal it was told of no longer holds, as an order's does
    # (fix59a: A → B → A was word for word the first text). Not the first sending.
    again = bool(sending) and _sent_before_to(outage, crew)
    # The model's estimate the crew's distance moves is said why (``estimate_moved``).
    with estimate_watched(outage, user, "moved_dispatched", {"crew": crew.name}):
        link.crew = crew
        link.save(update_fields=["crew"])
        made = _crew_order(outage, link, user)
        said: dict[str, Any] = (
            note_said("outage_dispatched", crew=crew.name, number=made.number)
            if made is not None
            else note_said(SENT_AGAIN, name=crew.name)  # its line says so (walk61 M2)
            if again
            else {"note": crew.name, "note_code": "", "note_args": {}}
        )
        if again:
            mark_sent(outage, AGAIN)
        said["note_args"][SENT_CREW] = crew.pk  # which crew, renamed since or not
        outage_history_add(outage, user, "dispatched", said=said)
    _waiting_orders_given(outage, link, crew, user)
    if made is None:
        caller_order_the_job(outage, link, crew, user)
    from powerdesk.notifications.staff_notices import (
        notify_crew_dispatched,
        notify_crew_taken_off,
    )

    # A new sending to a crew it was taken off: ``notify_crew_dispatched`` puts its unread
    # "taken off" notices away first (walk61 L3).
    # A crew sent again after another had it (A → B → A) is a new sending, told again.
    notify_crew_dispatched(crew=crew, outage=outage, sending=sending, again=again)
    # Another crew sent instead: the one before has it no more, told in PowerDesk (and by text
    # when its dispatch was texted).
    if (
        crew_before is not None
        and changed
        and notify_crew_taken_off(
            crew=crew_before, by_crew=crew, outage=outage, key=f"outage:{outage.pk}:{changed}"
        )
    ):
        # Texted as its dispatch was (walk40, 6): said in the outage's history.
        outage_history_add(
            outage,
            user,
            "crew_told_off",
            said=note_said("crew_told_taken_off", crew=crew_before.name),
        )
    return outage


def _waiting_orders_given(outage: Outage, link: OutageLink, crew: Crew, user: User | None) -> int:
    """The outage's joined orders still waiting for a crew (not paused) sent to ``crew``: how
    many were not with it already (an order's own dispatch stores nothing for its own crew)."""
    from powerdesk.servicedesk.services import work_order_dispatch

    given = 0
    for order in link.work_orders.filter(status__in=(S.RECEIVED, S.DISPATCHED), paused_at=None):
        sent = work_order_dispatch(work_order=order, crew=crew, user=user, for_outage=outage)
        given += sent_how(sent) != ALREADY
    return given


def _sent_before_to(outage: Outage, crew: Crew) -> bool:
    """Whether ``crew`` was sent to ``outage`` before: a "dispatched" line of its history names
    it (``SENT_CREW``: lines written before it was kept name no crew by id, and count not), by
    the rule of an order's (``sent_again``)."""
    lines = (
        outage.events.filter(what="dispatched").order_by("pk").values_list("note_args", flat=True)
    )
    return sent_before(
        crew.pk,
        ((False, args.get(SENT_CREW) if isinstance(args, dict) else None) for args in lines),
    )


# Steps of an outage's life that are reports only (the others have their own services;
# power back to part of it is ``restoration.outage_restore_part``).
PROGRESS_STEPS = ("patrolling",)


@transaction.atomic
def outage_progress(*, outage: Outage, user: User | None, what: str, note: str = "") -> Outage:
    """The crew is patrolling the line."""
    require(user, outage.station_id, Do.OUTAGE_DECLARE)
    if what not in PROGRESS_STEPS:
        raise OutageError(_("Choose the step from the list."))
    if outage.status != Outage.Status.ACTIVE:
        raise OutageError(_("Only an outage with the power off is in progress."))
    note, said = text_typed(_("Note"), note, 300)
    said = said or not_plain(_("Note"), note)
    if said:  # refused at its field, never cut (the history keeps 300); read to callers
        raise OutageError(said, field="note")
    link = OutageLink.objects.filter(outage=outage).select_related("crew").first()
    crew = link.crew.name if link is not None and link.crew is not None else ""
    # The model's estimate the crew on the line moves is said why (``estimate_moved``).
    with estimate_watched(outage, user, *on_site_why(crew)):
        outage_history_add(outage, user, what, note)
    return outage


def _crew_order(outage: Outage, link: OutageLink, user: User | None) -> WorkOrder | None:
    """The outage's own order, opened when a crew is sent before anyone called: the crew's
    phone lists orders, so without it the crew would see nothing of the outage (for planned
    work: ``planned_work``). None when an open order is joined already (that one is the
    crew's job)."""
    from powerdesk.servicedesk.services import work_order_create

    if outage.kind == Outage.Kind.PLANNED:
        from powerdesk.outages.planned_work import planned_work_order

        return planned_work_order(outage, link, user)
    if link.work_orders.filter(status__in=OPEN).exists():
        return None
    device = outage.device
    with station_language():  # the order's words are the station's (the kind's label too)
        description = cause_words(link.cause_kind, outage.cause)
    order = work_order_create(
        station=outage.station,
        user=user,
        category=Category.FAULT_REPAIR,
        urgent=True,
        summary=outage_title_stored(device.name or device.code),
        summary_kind=SummaryKind.OUTAGE,
        description=description,
        village=device.village,
    )
    link.work_orders.add(order)
    link.order = order
    link.save(update_fields=["order"])
    return order


def caller_order_the_job(outage: Outage, link: OutageLink, crew: Crew, user: User | None) -> None:
    """The crew's job is a caller's order joined before (an outage confirmed from a prediction
    or recorded after the calls: ``_crew_order`` opened none): it is the outage's order from now
    (``OutageLink.order``: later callers join it, ``joined.outage_order_for_call``) and urgent
    for the outage as an order opened for it is (walk41, 1: the crew was texted a plain job with
    no "紧急：停电（44 户）"), a line of its history. Its time to arrive by stays the fault's, as
    an outage's order's is (``services._due_as_urgent``)."""
    from powerdesk.servicedesk.crew_job_orders import outage_crew_job
    from powerdesk.servicedesk.models import WorkOrderEvent
    from powerdesk.servicedesk.services import order_event

    job = outage_crew_job(outage, crew.pk)
    own = link.order
    if job is None or (own is not None and own.pk != job.pk and own.status in OPEN):
        return  # no job, or the outage's own order is open beside it
    if link.order_id != job.pk:
        link.order = job
        link.save(update_fields=["order"])
    job = WorkOrder.objects.select_for_update().get(pk=job.pk)
    _titled_as_the_outage_s(job, outage, user)
    if job.urgent:
        return
    job.urgent = True
    job.save(update_fields=["urgent"])
    if job.arrive_due_at is not None and job.arrived_at is None:
        # Its time to arrive by stays, said with why (walk72, 3: ``arrive_said``).
        from powerdesk.servicedesk.arrive_said import arrive_time

        said = note_said("made_urgent_outage_due", device=str(outage.device), time=arrive_time(job))
    else:
        said = note_said("made_urgent_outage", device=str(outage.device))
    order_event(job, user, WorkOrderEvent.Kind.NOTE, said=said)


@transaction.atomic
def outage_crew_already_on(outage: Outage, crew: Crew, user: User | None) -> None:
    """``crew``, already sent to a caller's order when ``outage`` was recorded over that caller
    (or confirmed from a prediction), and taken by the outage (``crew.outage_take_joined_crew``),
    works it as a crew sent to it does (``outage_dispatch``): its job is the outage's order from
    now (``OutageLink.order``: later callers join it), urgent for the outage with a line of its
    history (``caller_order_the_job``), and the crew is texted the outage's job as its
    dispatch texts it ("【紧急：停电（44 户）】…"; fix42a's leftover: that happened only at the
    next call, and nobody was texted). Told once: the dispatch's own notice, so that the same
    crew sent from the board afterwards, or this asked again, texts nothing more."""
    from powerdesk.notifications.staff_notices import notify_crew_dispatched

    link = OutageLink.objects.select_for_update().filter(pk=outage_link(outage).pk).get()
    caller_order_the_job(outage, link, crew, user)
    notify_crew_dispatched(crew=crew, outage=outage)


def _titled_as_the_outage_s(job: WorkOrder, outage: Outage, user: User | None) -> None:
    """A caller's order become the outage's job is titled as the outage's own job is
    ("停电：松林支线01号杆跌落式熔断器"; walk43, 5: its page and the crew's banner kept the call's
    words, the crew's card the device). The caller's words stay in its description (the old
    title put there when it had none), and a line of its history says the title replaced."""
    from powerdesk.servicedesk.models import WorkOrderEvent
    from powerdesk.servicedesk.services import order_event

    if job.summary_kind == SummaryKind.OUTAGE:
        return  # titled so already (an order opened for the outage, or by a call joining it)
    before = job.summary
    device = outage.device
    job.summary = outage_title_stored(device.name or device.code)
    job.summary_kind = SummaryKind.OUTAGE
    fields = ["summary", "summary_kind"]
    if before and not job.description.strip():  # else the call's words are there already
        job.description = before
        fields.append("description")
    job.save(update_fields=fields)
    said = note_said("retitled_outage_job", device=str(device), before=before)
    order_event(job, user, WorkOrderEvent.Kind.NOTE, said=said)


@transaction.atomic
def outage_close(*, outage: Outage, user: User | None) -> Outage:
    """The last step: power is back and every household was called back, once: those of the
    outage's callback list, and the callers on their own orders joined to it."""
    require(user, outage.station_id, Do.OUTAGE_RESTORE)
    outage = Outage.objects.select_for_update().get(pk=outage.pk)
    if outage.status != Outage.Status.RESTORED:
        raise OutageError(_("Record that power is back before closing the outage."))
    if outage.events.filter(what="closed").exists():
        raise OutageError(_("This outage is closed already."))
    # Every household once (``close_pending``): refused, naming who is still to call back.
    from powerdesk.outages.close_pending import still_to_call_back

    said = still_to_call_back(outage)
    if said:
        raise OutageError(said)
    outage_history_add(outage, user, "closed")
    return outage
