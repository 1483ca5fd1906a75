"""A household called back after an outage (``OutageCallback``), with the outcomes and score a
work order's callback has (``servicedesk.callbacks.outcome_refused``: the same rules, kept there
once): reached, with a score from 1 to 5, ends it; reached but the power still off or the danger
still there ends it too and opens the household's own fault order, as "still not fixed" reopens
a work order (a crew to send; the order called back in its turn); not reached, or to call again
later, keeps it due, each try counted. After ``GIVE_UP_AFTER`` tries without reaching anyone the
station chief may give it up, with the reason: a recorded decision, and then the outage may be
closed (``life.outage_close``, which refuses while any is still due: walk64 M2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import says_too_little, text_typed
from powerdesk.outages.callback_tries import same_try, try_add, try_line
from powerdesk.outages.history import outage_history_add
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callbacks import CALLBACK_NOTE_CHARS
from powerdesk.outages.services import OutageError
from powerdesk.servicedesk.callbacks import UNHAPPY_SCORE, outcome_refused
from powerdesk.servicedesk.models import Callback

if TYPE_CHECKING:
    from powerdesk.accounts.models import ApiToken, User
    from powerdesk.servicedesk.models import WorkOrder

__all__ = [
    "GIVE_UP_AFTER",
    "Recorded",
    "callback_waiting",
    "outage_callback_give_up",
    "outage_callback_put_back",
    "outage_callback_record",
]

# Tries without reaching anyone after which the chief may give a household's callback up.
GIVE_UP_AFTER = 3

Outcome = Callback.Outcome


class Recorded(NamedTuple):
    """A try recorded, and the fault order it opened (the power still off, a danger there)."""

    callback: OutageCallback
    order: WorkOrder | None


def _locked_due(callback: OutageCallback) -> OutageCallback:
    """The callback read again under a lock (a double click, two clerks at once record one
    try), refused when it was settled meanwhile."""
    callback = (
        OutageCallback.objects.select_for_update()
        .select_related("outage", "customer")
        .get(pk=callback.pk)
    )
    if callback.done_at is not None:
        if callback.given_up:
            raise OutageError(_("This household's callback was given up by the station chief."))
        raise OutageError(_("This household was called back already."))
    return callback


def callback_waiting(callback: OutageCallback) -> bool:
    """Its power not back yet: the outage not restored, and the household's part not back at
    a step of it (``outage_callbacks.callbacks_back_at_step``). Not called back yet."""
    return callback.outage.status != Outage.Status.RESTORED and callback.back_at is None


def _says_why(label: str, reason: str) -> None:
    """A chief's reason is a record of a decision about a household: "x" is none (walk69, M3).
    ``label``: its field's, as the page names it (walk70, L2)."""
    said = says_too_little(label, reason)
    if said:
        raise OutageError(said, field="note")


def _note(note: str) -> str:
    note, said = text_typed(_("Note"), note, CALLBACK_NOTE_CHARS)
    if said:
        # Refused at the note, never cut (what was typed is shown again to be shortened).
        raise OutageError(said, field="note")
    return note.strip()


@transaction.atomic
def outage_callback_record(
    *,
    callback: OutageCallback,
    user: User | None,
    outcome: str,
    satisfaction: int | None = None,
    still_off: bool = False,
    note: str = "",
    key: ApiToken | None = None,
) -> Recorded:
    """One try at calling the household back, with what came of it (see the module).
    ``key``: the API key a system recorded it with (``user`` None), kept as who made it."""
    require(user, callback.outage.station_id, Do.CALLBACK_RECORD)
    from powerdesk.outages.callbacks_household import household_orders_locked

    household_orders_locked(callback.outage_id, callback.customer_id)
    callback = _locked_due(callback)
    if callback_waiting(callback):
        # The page offers no try on it; the API and a page sent before the list changed are
        # refused here, as one (review68 L6).
        raise OutageError(
            _(
                "The power is not back to this household yet: it is called back once the "
                "outage is restored or its part of the line is back on."
            )
        )
    refused = outcome_refused(outcome, satisfaction, still_off)
    if refused is not None:
        raise OutageError(refused, field="outcome")
    note = _note(note)
    if same_try(callback, user, outcome, note, key):
        # The same person's try sent again (a double click, a retry, two tabs at once: the row
        # is held), whoever tried in between: one try, counted once, as a work order's
        # (``callbacks.SAME_TRY_WITHIN``). Another clerk's try is a call of their own, counted.
        return Recorded(callback, None)
    now = timezone.now()
    fields = try_add(
        callback,
        user=user,
        outcome=outcome,
        at=now,
        satisfaction=satisfaction,
        still_off=still_off,
        note=note,
        key=key,
    )
    if outcome == Outcome.REACHED:
        callback.done_at, callback.done_by = now, user
        fields += ["done_at", "done_by"]
    callback.save(update_fields=fields)
    outage_history_add(callback.outage, user, "callback_tried", try_line(callback), at=now)
    own_order = None
    if outcome == Outcome.REACHED:
        # The household's own order joined to the outage is called back by the same call.
        from powerdesk.outages.callbacks_household import list_callback_settles_order

        own_order = list_callback_settles_order(callback, user)
    if satisfaction is not None and satisfaction <= UNHAPPY_SCORE and own_order is None:
        # Power back, but unhappy (the wait, how they were kept told): the chief reviews it,
        # as a work order's callback of 1 or 2 is. Once: with the household's own order
        # called back by the same call, the order's callback tells it (review68 M3).
        from powerdesk.servicedesk.escalation import escalate_unhappy_outage_callback

        escalate_unhappy_outage_callback(callback)
    return Recorded(callback, still_off_order(callback, user) if still_off else None)


def still_off_order(callback: OutageCallback, user: User | None) -> WorkOrder | None:
    """The household reached says the power is still off or the danger still there: logged as
    its fault call (its words, else what the callback found), which opens its own fault order
    with the station's deadlines (urgent for a danger or a medical need), for a crew to be sent
    and the household called back on it in its turn."""
    from powerdesk.servicedesk.call_take import call_take
    from powerdesk.servicedesk.models import Category

    said = _("After the outage's callback: the power is still off or the danger still there.")
    text = f"{said} {callback.note}".strip() if callback.note else said
    phone = callback.customer.phones.order_by("pk").first()
    taken = call_take(
        station=callback.outage.station,
        user=user,
        text=text,
        caller_number=phone.number if phone is not None else "",
        customer=callback.customer,
        category=Category.FAULT_REPAIR,
        urgent=True if callback.dangers or callback.reason == callback.Reason.MEDICAL else None,
        open_order=True,
    )
    return taken.work_order


@transaction.atomic
def outage_callback_give_up(
    *, callback: OutageCallback, user: User | None, reason: str
) -> OutageCallback:
    """The chief's decision to stop calling a household nobody reached after ``GIVE_UP_AFTER``
    tries, with why ("家属已接走老人", "号码停机，村委会已上门"): the callback is settled, kept
    as given up (who, when, why), and no longer holds the outage open."""
    require(user, callback.outage.station_id, Do.CALLBACK_GIVE_UP)
    callback = _locked_due(callback)
    if callback.attempts < GIVE_UP_AFTER:
        raise OutageError(
            _(
                "A callback is given up only after %(most)d tries without reaching anyone; "
                "this one has had %(n)d."
            )
            % {"most": GIVE_UP_AFTER, "n": callback.attempts}
        )
    reason = _note(reason)
    if not reason:
        raise OutageError(_("Say why the callback is given up."), field="note")
    _says_why(_("Why give it up"), reason)
    callback.given_up = True
    callback.done_at, callback.done_by = timezone.now(), user
    callback.given_up_why = reason
    callback.save(update_fields=["given_up", "done_at", "done_by", "given_up_why"])
    outage_history_add(
        callback.outage, user, "callback_given_up", f"{callback.customer.name}: {reason}"
    )
    return callback


@transaction.atomic
def outage_callback_put_back(
    *, callback: OutageCallback, user: User | None, reason: str
) -> OutageCallback:
    """The chief's decision to call a household given up again (恢复回访: the family is back,
    a new number found), with why: it is due again from now, its tries kept, recorded on it
    (who, when, why) and as a line of the outage's history; the outage is then not closed
    until it is reached or given up again (``life.outage_close``). Not once the outage is
    closed: its callbacks are over."""
    require(user, callback.outage.station_id, Do.CALLBACK_GIVE_UP)
    # The outage's row first, as closing it holds it (``life.outage_close``): a close and a put
    # back at once see each other, in the same order (review68, 2).
    Outage.objects.select_for_update().filter(pk=callback.outage_id).get()
    callback = (
        OutageCallback.objects.select_for_update(of=("self",))
        .select_related("outage", "customer")
        .get(pk=callback.pk)
    )
    if not callback.given_up:
        raise OutageError(_("Only a callback given up can be put back on the list."))
    if callback.outage.events.filter(what="closed").exists():
        raise OutageError(
            _("The outage is closed: its callbacks are over and none can be put back.")
        )
    reason = _note(reason)
    if not reason:
        raise OutageError(_("Say why the callback is put back."), field="note")
    _says_why(_("Why call again"), reason)
    now = timezone.now()
    callback.given_up = False
    callback.done_at, callback.done_by = None, None
    callback.due_at = now
    callback.put_back_at, callback.put_back_by, callback.put_back_why = now, user, reason
    callback.save(
        update_fields=[
            "given_up",
            "done_at",
            "done_by",
            "due_at",
            "put_back_at",
            "put_back_by",
            "put_back_why",
        ]
    )
    outage_history_add(
        callback.outage, user, "callback_put_back", f"{callback.customer.name}: {reason}"
    )
    return callback
