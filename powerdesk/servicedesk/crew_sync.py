"""Steps a crew recorded on its phone without signal, sent when the phone is back in reach.

The phone keeps each step with the time it was made and an id of its own (``client_id``), and
sends them in a batch. Each is taken at most once per person however often it is sent (the id
is claimed as an ``IdempotencyKey`` in the transaction that takes the step, and a replay gets
the first answer back), at the time it was made — never in the future, never before the job was
dispatched. A step the job no longer allows (closed meanwhile by the office, or moved to
another crew) is answered ``conflict`` with the reason, for the phone to show the crew: what
happened meanwhile in plain words (``meanwhile``, ``crew_conflicts``), and ``knock_on`` when an
earlier step of the same job in the batch was refused already (the phone folds those into the
first refusal's line). A step for a job that was never the crew's is answered as one for an id
that does not exist, with nothing of the job (``crew_conflicts.never_the_crews``).

A phone's clock may be wrong (set by hand, reset after the battery ran flat): the batch says when
the phone sent it (``sent_at``, on the phone's clock), and when that is off from the station's
clock by more than ``CLOCK_SLACK`` every step's time is moved by the difference, and the crew is
told (``clock_off``). Without ``sent_at`` the phone's times are taken as they are.

A crew's duty phone is shared: each step says whose login made it (``by``, the person's id, put
on by the page), and is taken only in that login. A step still waiting when another member logs
in is not recorded as theirs: answered ``other_login`` (nothing claimed), the phone keeps it for
its maker — a page left open in the maker's login, sending it with the other's, keeps it in its
queue (crew_sync.js) — and it is taken when they log in again. A step from a page before the
mark has no ``by`` and is taken as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts.models import OFFICE_ROLES
from powerdesk.accounts.permissions import roles_of
from powerdesk.lib.forms import InputError, datetime_or_none, id_or_none
from powerdesk.servicedesk.crew_conflicts import never_the_crews, not_yours, refusal_meanwhile
from powerdesk.servicedesk.crew_job_orders import dispatch_of, outage_job_order
from powerdesk.servicedesk.crew_steps import NotTheJobError, crew_step_take
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import IdempotencyKey, WorkOrder, WorkOrderEvent

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

# A phone's clock a little ahead is still "now"; further ahead, the clock is wrong.
CLOCK_AHEAD = dt.timedelta(minutes=5)
# A batch's way over a weak signal takes a while: a phone whose clock is off by less than this
# is taken as right (its steps' times are not moved by the time the batch was on its way).
CLOCK_SLACK = dt.timedelta(minutes=2)
MAX_ITEMS = 100
KEY_PREFIX = "crew-sync:"


class SyncError(ValueError):
    """The batch itself cannot be read (answered 400; nothing is taken)."""


def crew_sync(
    *, station: Station, user: User, items: object, sent_at: object = None
) -> list[dict[str, Any]]:
    """Take each item of the batch in its own transaction; one answer per item, in order.
    ``sent_at``: when the phone sent the batch, on its own clock (see the module's text)."""
    # Each part of the batch that is wrong named, "sent_at" as well as "items" (probe 36, F13:
    # a wrong "sent_at" beside an empty list was said as wrong "items" alone).
    wrong: list[str] = []
    if not isinstance(items, list) or not items:
        wrong.append(_("“items” must be a list of the steps to send."))
    elif len(items) > MAX_ITEMS:
        wrong.append(_("At most %(n)d steps in one batch.") % {"n": MAX_ITEMS})
    try:
        skew = phone_clock_off(sent_at)
    except SyncError as exc:
        wrong.append(str(exc))
    if wrong:
        raise SyncError(" ".join(wrong))
    assert isinstance(items, list)
    refused: set[int] = set()  # the jobs with a step refused in this batch
    answers = []
    for item in items:
        answer = _sync_one(station, user, item, skew)
        order = answer.get("order")
        if answer["status"] == "conflict" and isinstance(order, int):
            if order in refused:
                answer = {**answer, "knock_on": True}
            refused.add(order)
        answers.append(answer)
    return answers


def phone_clock_off(sent_at: object) -> dt.timedelta:
    """How far the phone's clock is behind the station's (negative: ahead), from when the phone
    says it sent the batch; nothing within ``CLOCK_SLACK`` or when the phone does not say."""
    if sent_at is None:
        return dt.timedelta(0)
    sent = datetime_or_none(sent_at)
    if sent is None or timezone.is_naive(sent):
        raise SyncError(_("“sent_at” must be a date and time with its zone."))
    off = timezone.now() - sent
    return off if abs(off) > CLOCK_SLACK else dt.timedelta(0)


def _sync_one(station: Station, user: User, item: object, skew: dt.timedelta) -> dict[str, Any]:
    if not isinstance(item, dict):
        return {"client_id": None, "status": "conflict", "reason": _("Not a step.")}
    client_id = item.get("client_id")
    if not isinstance(client_id, str) or not 1 <= len(client_id) <= 64:
        return {"client_id": None, "status": "conflict", "reason": _("The step has no id.")}
    digest = hashlib.sha256(
        json.dumps(item, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()
    by = item.get("by")
    if by is not None and str(by) != str(user.pk):
        return {
            "client_id": client_id,
            "status": "conflict",
            "reason": _(
                "Kept on this phone in another person's login: it is sent when they log in again."
            ),
            "other_login": True,
        }
    scope = {"station": station, "user": user, "key": KEY_PREFIX + client_id}
    earlier = IdempotencyKey.objects.filter(**scope).first()
    if earlier is not None:
        return _replayed(earlier, digest)
    try:
        with transaction.atomic():
            claim = IdempotencyKey.objects.create(
                **scope, request_hash=digest, at=timezone.now(), api_token=None
            )
            answer = _take(station, user, item, skew)
            answer["client_id"] = client_id
            claim.status_code = 200
            claim.response = answer
            claim.save(update_fields=["status_code", "response"])
    except IntegrityError:
        # The same step sent twice at once: the first took it, this one answers as it did.
        return _replayed(IdempotencyKey.objects.get(**scope), digest)
    return answer


def _replayed(earlier: IdempotencyKey, digest: str) -> dict[str, Any]:
    if earlier.request_hash != digest or not isinstance(earlier.response, dict):
        client_id = earlier.key.removeprefix(KEY_PREFIX)
        return {
            "client_id": client_id,
            "status": "conflict",
            "reason": _("This id was already used for another step."),
        }
    return {**earlier.response, "replayed": True}


def _take(station: Station, user: User, item: dict[str, Any], skew: dt.timedelta) -> dict[str, Any]:
    """One step, in a savepoint: a refusal undoes what it began and is the answer."""
    order_id = id_or_none(item.get("order"))
    order = (
        # (its crew with it: whether the step is the user's to take reads it)
        WorkOrder.objects.for_station(station).select_related("crew").filter(pk=order_id).first()
        if order_id is not None
        else None
    )
    if order is None or never_the_crews(order, user):
        if order is None and roles_of(user, station.pk) & OFFICE_ROLES:
            return _conflict(_("No such job at this station."), order=None)
        # Nothing of another crew's job; a made-up id reads the same.
        return _conflict(not_yours(), order=None)
    if _earlier_sending(order, item.get("dispatch")):
        return _conflict(
            _(
                "This step was made for an earlier sending of the job: it was sent to the"
                " crew again since. The step was not taken."
            ),
            order=order,
        )
    fields = item.get("fields") or {}
    try:
        if not isinstance(fields, dict):
            raise InputError(_("The step's fields must be an object."))
        at = _made_at(order, item.get("made_at"), skew)
        step = str(item.get("step", ""))[:40]
        with transaction.atomic():
            try:
                saved = crew_step_take(work_order=order, step=step, user=user, fields=fields, at=at)
            except NotTheJobError:
                job = _job_now(order)
                if job is None:
                    raise
                # At the time it was made (checked against the card's dispatch): the crew's
                # step for the outage, even if the job's order came later.
                saved = crew_step_take(work_order=job, step=step, user=user, fields=fields, at=at)
                saved = saved.and_said(_card_moved(card=order, job=job, user=user, at=at))
                order = job
    except (ValueError, PermissionDenied) as exc:
        # WorkOrderError, OutageError and InputError are ValueErrors; NotAllowed is a refusal.
        order.refresh_from_db()
        said = refusal_meanwhile(order, user, denied=isinstance(exc, PermissionDenied))
        if said is None:
            # A field the station would not take (an unknown device, one off the order's
            # line): the phone says it at that field and keeps what was typed.
            field = getattr(exc, "field", "")
            # ``wrong``: every field refused at once, each with its words (review 33).
            wrong = getattr(exc, "wrong", None) or {field: str(exc)}
            at_field = (
                {"field": field, "confirm": getattr(exc, "confirm", ""), "wrong": wrong}
                if field
                else {}
            )
            return _conflict(str(exc), order=order) | at_field
        return _conflict(said[1], order=order) | {"meanwhile": said[0]}
    order.refresh_from_db()
    if skew:
        saved = saved.and_said(_clock_off_words(skew, at))
    return {
        "status": "ok",
        "order": order.pk,
        "number": order.number,
        "saved": list(saved.lines),
        # What the step was sent with but did not take, the step itself taken (an old card's
        # time power is expected back on a hazard with nobody off): the phone says it apart.
        "warnings": list(saved.warnings),
        # When the step was made, as the station's clock says it (the phone's own zone may
        # be UTC): the phone shows "the station has the step made at ...".
        "made_at_local": f"{timezone.localtime(at):%H:%M}",
        "job_status": order.get_status_display(),
        # Taken on the outage's job, another order than the card's: which sending of it (the
        # phone keeps its steps by order and sending, crew_sync.js; the card's own it knows).
        **({"dispatch": dispatch_of(order)} if order.pk != order_id else {}),
    }


def _earlier_sending(order: WorkOrder, sent: object) -> bool:
    """Whether the step was queued on the phone for another sending of the order than its
    crew's card now is (``dispatch`` of the item, crew_card.js): the order taken off the crew and
    given back, or reopened and sent again, is a new job. A step without it (queued before the
    phone sent it) is checked by its time alone, as before."""
    if sent is None or sent == "":
        return False
    try:
        sending = int(str(sent))
    except ValueError:
        return False
    return sending != dispatch_of(order)


def _job_now(card: WorkOrder) -> WorkOrder | None:
    """The order that stands for the outage's job now, when ``card`` (one of the outage's
    orders, on the crew's phone when the step was kept) no longer does: the outage got its own
    order, or another of its orders carries the crew's work. None when there is none."""
    found = outage_job_order(card)
    if found is None or found[1] is None or found[1].pk == card.pk:
        return None
    return found[1]


def _card_moved(*, card: WorkOrder, job: WorkOrder, user: User, at: dt.datetime) -> str:
    """A step kept on the phone for the card of ``card`` is the outage's step: taken on its
    job now (``job``), with a line of the job's history saying so (who: the step's own line;
    when it was made, and on which card), and words for the phone."""
    said = note_said("step_from_card", number=card.number, time=_hm(at))
    WorkOrderEvent.objects.create(
        work_order=job, at=timezone.now(), by=user, kind=WorkOrderEvent.Kind.NOTE, **said
    )
    return _(
        "Kept for the card of work order %(card)s, which no longer stands for the outage's "
        "job: recorded on the job, work order %(job)s, as made at %(time)s."
    ) % {"card": card.number, "job": job.number, "time": _hm(at)}


def _hm(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%H:%M}"


def _conflict(reason: str, *, order: WorkOrder | None) -> dict[str, Any]:
    answer: dict[str, Any] = {"status": "conflict", "reason": reason}
    if order is not None:
        answer |= {
            "order": order.pk,
            "number": order.number,
            "job_status": order.get_status_display(),
            "crew": order.crew.name if order.crew else "",
        }
    return answer


def _clock_off_words(skew: dt.timedelta, at: dt.datetime) -> str:
    minutes = max(round(abs(skew).total_seconds() / 60), 1)
    if skew > dt.timedelta(0):
        said = ngettext(
            "The phone's clock is %(n)d minute slow: recorded at %(time)s, station time.",
            "The phone's clock is %(n)d minutes slow: recorded at %(time)s, station time.",
            minutes,
        )
    else:
        said = ngettext(
            "The phone's clock is %(n)d minute fast: recorded at %(time)s, station time.",
            "The phone's clock is %(n)d minutes fast: recorded at %(time)s, station time.",
            minutes,
        )
    return said % {"n": minutes, "time": _hm(at)}


def _made_at(order: WorkOrder, value: object, skew: dt.timedelta) -> dt.datetime:
    """When the step was made on the phone, on the station's clock (the phone's time moved by
    ``skew``): not in the future, not before the dispatch."""
    made = datetime_or_none(value)
    if made is None or timezone.is_naive(made):
        raise InputError(_("The step's time must be a date and time with its zone."))
    try:
        made += skew
    except OverflowError:
        raise InputError(_("The step's time must be a date and time with its zone.")) from None
    now = timezone.now()
    if made > now + CLOCK_AHEAD:
        raise InputError(
            _("The step's time %(time)s is in the future: check the phone's clock.")
            % {"time": f"{timezone.localtime(made):%m-%d %H:%M}"}
        )
    dispatched = (
        WorkOrderEvent.objects.filter(work_order=order, kind=WorkOrderEvent.Kind.DISPATCHED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    ) or order.created_at
    if made < dispatched - dt.timedelta(minutes=1):
        raise InputError(
            _("The step's time %(time)s is before the job was dispatched: check the phone's clock.")
            % {"time": f"{timezone.localtime(made):%m-%d %H:%M}"}
        )
    return min(max(made, dispatched), now)
