"""The outages a station knows of: list, record, restore."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.permissions import Do, allowed, require
from powerdesk.accounts.tenancy import (
    StationRequest,
    get_for_user,
    station_page,
    station_queryset,
)
from powerdesk.community.liaison import LiaisonError, liaison_told_of_outage, liaisons_for_outages
from powerdesk.community.liaison_outages import liaisons_texted
from powerdesk.community.models import Liaison
from powerdesk.lib.came_from import came_from
from powerdesk.lib.forms import InputError, object_id
from powerdesk.network.models import Feeder, GridNode
from powerdesk.outages.close_pending import still_to_call_back_each
from powerdesk.outages.forms import OutageDeclareForm
from powerdesk.outages.joined import (
    outage_join_open_orders,
    outage_join_separate_orders,
    separate_orders,
)
from powerdesk.outages.models import Outage, OutageCallback, OutageEvent
from powerdesk.outages.outage_steps import EVENTS, reads_callbacks, steps_of
from powerdesk.outages.record_ask import Asking, record_after_asking
from powerdesk.outages.selectors import TRIES
from powerdesk.outages.services import (
    OutageError,
    outage_declare,
    outage_restore,
)
from powerdesk.outages.time_bounds import restore_bounds
from powerdesk.outages.views_ask import AskForm, ask_form, ask_page
from powerdesk.outages.views_board import BOARD_PAGE, board_context
from powerdesk.outages.views_board_actions import BOARD_ACTIONS, board_action, device_typed
from powerdesk.outages.views_mend import FormErrors, mend_for, mend_page
from powerdesk.outages.views_report_wrong import WrongAsk
from powerdesk.servicedesk.models import FormSubmission

if TYPE_CHECKING:
    from powerdesk.outages.board import BoardRow


@station_page("outages:list")
def outage_list(request: StationRequest) -> HttpResponse:
    form = OutageDeclareForm()
    if request.method == "POST":
        action = request.POST.get("action")
        # The board's forms go back to the page they came from: the board, here or on its own.
        back = came_from(request, BOARD_PAGE) if action in BOARD_ACTIONS else None
        try:
            # Recording texts the households below, a report marked wrong is for good: asked first.
            asked: AskForm | WrongAsk | None = None
            if action == "restore":
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                # (A fault outage no crew was sent to says how power came back: refused
                # without it, as on the board.)
                outage_restore(outage=outage, user=request.user, how=request.POST.get("how"))
            elif action in BOARD_ACTIONS:
                asked = board_action(request, action)
            elif action == "join_orders":
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                joined = outage_join_separate_orders(outage=outage, user=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(n)d work order joined to the outage.",
                        "%(n)d work orders joined to the outage.",
                        joined,
                    )
                    % {"n": joined},
                )
            elif action == "told":
                outage = get_for_user(
                    request, Outage, pk=object_id(request.POST.get("outage"), _("outage"))
                )
                liaison = get_for_user(
                    request, Liaison, pk=object_id(request.POST.get("liaison"), _("liaison"))
                )
                liaison_told_of_outage(outage=outage, liaison=liaison, by=request.user)
            else:
                form = OutageDeclareForm(request.POST)
                asked = _declare(request, form)
                if form.errors:
                    # Shown again as typed, what is wrong next to its field.
                    return outage_list_page(request, form=form, status=400)
            if asked is not None:
                return ask_page(request, asked)
            return redirect(back or "outages:list")
        except (OutageError, LiaisonError, InputError, FormErrors) as exc:
            # A form with something typed comes back to be mended; a button's error is said.
            mend = mend_for(request, action or "", exc) if action in BOARD_ACTIONS else None
            if mend is not None:
                return mend_page(request, mend)
            messages.error(request, str(exc))
            return redirect(back or "outages:list")
    return outage_list_page(request, form=form)


def outage_list_page(
    request: StationRequest,
    *,
    form: OutageDeclareForm | None = None,
    asking: AskForm | WrongAsk | None = None,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The outages page; ``asking``: the ask before recording an outage, shown on top
    (``views_ask``), and the declaration as it was typed when it was that one's; ``extra``:
    more for the page (a board form to mend: ``views_mend``)."""
    if form is None:
        declared = asking is not None and asking.testid == DECLARE_TESTID
        form = OutageDeclareForm(request.POST if declared else None)
    outages = station_queryset(request, Outage).select_related("device__feeder", "link")
    current = list(
        outages.exclude(status__in=[Outage.Status.RESTORED, Outage.Status.CANCELLED]).order_by(
            "starts_at"
        )
    )
    # A fault outage's expected restoration as the board above shows it: the staff's time,
    # else the board's own estimate of the model (``etr``), labelled as such, never "—".
    board = board_context(request)
    rows = {
        row.outage.pk: row
        for row in cast("list[BoardRow]", board["rows"])
        if row.outage is not None
    }
    for outage in current:
        row = rows.get(outage.pk)
        outage.etr = row.etr if row else None  # type: ignore[attr-defined]
        # The dangers reported in each one's area (a line down), as the board's rows found
        # them (a liaison's reports are said on the board's rows alone: walk47, 5).
        outage.hazards = row.hazards if row else []  # type: ignore[attr-defined]
    separate = separate_orders(current)
    texted = liaisons_texted(current)
    for outage, people in zip(current, liaisons_for_outages(current).values(), strict=True):
        # Each with whether staff told them and when PowerDesk texted them, if it did.
        texted_of = texted[outage.pk]
        outage.liaisons_to_tell = [(lv, told, texted_of.get(lv.pk)) for lv, told in people]  # type: ignore[attr-defined]
        # How many of them were told: "1/7 told", never a tick each before the total (walk58 L3);
        # a text is telling too, said apart (walk64 L3: "0/8 told" after all 8 were texted).
        outage.liaisons_told = sum(1 for lv, told in people if told or lv.pk in texted_of)  # type: ignore[attr-defined]
        outage.liaisons_texted = sum(1 for lv, _told in people if lv.pk in texted_of)  # type: ignore[attr-defined]
        # Callers' orders below it that stayed separate: joined in one step.
        outage.separate_orders = separate.get(outage.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "outages/outage_list.html",
        {
            "current": current,
            "recent": _recent(
                outages,
                callbacks=_reads_callbacks(request),
                closing=allowed(request.roles, Do.OUTAGE_RESTORE),
            ),
            "kinds": Outage.Kind.choices,
            "form": form,
            **restore_inputs(form.data.get("kind") if form.is_bound else None),
            "feeders": station_queryset(request, Feeder),
            "asking": asking,
            **board,
            **(extra or {}),
        },
        status=status,
    )


def _reads_callbacks(request: StationRequest) -> bool:
    """Whether the callbacks page is open to the person (a crew member reads none)."""
    return reads_callbacks(request)


def _recent(
    outages: QuerySet[Outage], *, callbacks: bool = False, closing: bool = False
) -> list[Outage]:
    """The outages restored lately, each with whether it is closed and, for one no crew was
    sent to, how power came back (``power_back_how``, in words: ``back_how``). One query.
    With ``closing`` (the person may close an outage), who is still to be called back on each
    fault row not closed (``close_blocked``).
    With them, however long ago restored, those confirmed no interruption today: such a row
    leaves the outage record (/figures/outages/), so its undo, open today only, is here
    (review68 L10)."""
    from powerdesk.outages.power_back_how import HOW_STEP, how_words

    restored = outages.filter(status=Outage.Status.RESTORED)
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    latest = restored.order_by("-restored_at").values("pk")[:20]
    recent: list[Any] = list(
        restored.filter(Q(pk__in=Subquery(latest)) | Q(not_interruption_at__gte=today))
        .select_related("not_interruption_by")
        .prefetch_related(EVENTS)
        .annotate(
            closed=Exists(OutageEvent.objects.filter(outage=OuterRef("pk"), what="closed")),
            how=Subquery(
                OutageEvent.objects.filter(outage=OuterRef("pk"), what=HOW_STEP)
                .order_by("-at", "-pk")
                .values("note_args__how")[:1]
            ),
        )
        .order_by("-restored_at")
    )
    if callbacks:
        # Its households called back, each try (who, when, what): two queries for all the rows.
        tried = OutageCallback.objects.exclude(outcome="").select_related("customer")
        prefetch_related_objects(
            recent, Prefetch("callbacks", tried.prefetch_related(TRIES), to_attr="tried")
        )
    # Who is still to be called back, said before "Close" is pressed (walk78 L4): two queries
    # for all the fault rows not closed yet (review79 L7: two a row before). Only to those who
    # may close: a crew member cannot open the callbacks page it names (review79 L8).
    open_faults = [o for o in recent if not o.closed and o.kind == Outage.Kind.UNPLANNED]
    blocked = still_to_call_back_each(open_faults) if closing else {}
    for outage in recent:
        outage.back_how = how_words(str(outage.how or ""))
        # Its history as the board showed it while open (walk78 M1): still readable here.
        outage.history = steps_of(outage, callbacks=callbacks)
        outage.close_blocked = blocked.get(outage.pk, "")
    return recent


def restore_inputs(kind: str | None) -> dict[str, Any]:
    """The declaration's "power expected back" input's min and max (``restore_bounds``, with
    the start not yet known: from now) for the kind chosen, and for each kind, for the page to
    follow the kind when it is changed (``data-bounds``, web/powerdesk.js)."""
    now = timezone.now()
    each = {
        code: restore_bounds(starts_at=None, now=now, planned=code == Outage.Kind.PLANNED)
        for code in Outage.Kind.values
    }
    shown = each.get(kind or "", each[Outage.Kind.UNPLANNED])
    return {
        "restore_min": shown.min,
        "restore_max": shown.max,
        "restore_by_kind": json.dumps({code: [b.min, b.max] for code, b in each.items()}),
    }


DECLARE_TESTID = "declare-record"
# What the declaration's ask carries to its button: the fields as they were typed.
DECLARE_FIELDS = ("action", "device", "kind", "starts_at", "expected_restore_at", "cause", "notice")


def _declare(request: StationRequest, form: OutageDeclareForm) -> AskForm | None:
    """Record the outage typed. A fault outage with the power off now texts every household
    below at once (``notify_outage_known``), so it is asked first, as the board's confirm asks
    (``record_after_asking``): the first press records nothing and says how many it texts; the
    ask's button records it, once however often it is sent. Planned work, announced ahead, texts
    nobody now and is recorded at once. (A fault outage has begun: one typed to start later is
    refused, ``fault_start_problem``.)

    What is wrong is put in ``form``, next to its field when it is about one (None is
    returned)."""
    if not form.is_valid():
        return None
    try:
        return _declare_valid(request, form)
    except OutageError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc))
        return None


def _declare_valid(request: StationRequest, form: OutageDeclareForm) -> AskForm | None:
    data = form.cleaned_data
    texts_now = data["kind"] == Outage.Kind.UNPLANNED

    def record() -> Outage:
        outage = outage_declare(
            station=request.station,
            user=request.user,
            device=device_typed(request, data["device"]),
            kind=data["kind"],
            starts_at=data["starts_at"],
            expected_restore_at=data["expected_restore_at"],
            cause=data["cause"],
            notice=data["notice"],
            notify=not texts_now,  # a fault outage: told once its callers' orders joined it
        )
        if outage.status == Outage.Status.ACTIVE and outage.kind == Outage.Kind.UNPLANNED:
            outage_join_open_orders(outage=outage, user=request.user)
        if texts_now:
            from powerdesk.notifications.outage_known import notify_outage_known

            # Where the crew already on a caller's order below is, never "a crew is being
            # arranged" (fix69c, 1), as the ask said (``record_ask.crew_state_below``).
            notify_outage_known(outage)
        return outage

    if not texts_now:
        record()
        return None
    answer = record_after_asking(
        station=request.station,
        user=request.user,
        data=request.POST,
        kind=FormSubmission.Kind.OUTAGE_DECLARE,
        device=lambda: _declarable(request, data["device"]),
        record=record,
        when=lambda: {
            "starts_at": data["starts_at"],
            "expected_restore_at": data["expected_restore_at"],
        },
        cause=data["cause"],  # the message the ask shows says it, as it leaves the station
    )
    if isinstance(answer, Asking):
        return ask_form(
            request,
            answer,
            url=reverse("outages:list"),
            fields=DECLARE_FIELDS,
            note=_("Nothing is recorded yet. Record it if the power is off there."),
            testid=DECLARE_TESTID,
            default="outages:list",
        )
    if answer.outage is not None:
        messages.success(
            request, _("Outage recorded on %(device)s.") % {"device": answer.outage.device}
        )
    return None


def _declarable(request: StationRequest, typed: str) -> GridNode:
    """The device typed, and why an outage with the power off is not recorded on it now."""
    device = device_typed(request, typed)
    require(request.user, request.station, Do.OUTAGE_DECLARE)
    if Outage.objects.filter(device=device, status=Outage.Status.ACTIVE).exists():
        raise OutageError(
            _("An outage is already recorded on %(device)s.") % {"device": device}, field="device"
        )
    return device
