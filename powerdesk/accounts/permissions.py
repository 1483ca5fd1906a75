"""The role matrix: which role may do what at its own station.

``docs/roles.md`` is the same table in words. Services call ``require`` before they change
anything, so a view, the API, a command or a task cannot do more than the person's roles allow;
views and templates ask ``allowed`` to decide what to offer. A ``user`` of ``None`` is the system
itself (the demo builder, the telephone system's webhook, a background task).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role

if TYPE_CHECKING:
    from collections.abc import Iterable

    from powerdesk.accounts.models import Station, User

R = Role


class Do(StrEnum):
    """Everything a person may be allowed to do at a station."""

    CALL_TAKE = "call.take"
    CALL_RETURN = "call.return"
    ORDER_CREATE = "order.create"
    ORDER_DISPATCH = "order.dispatch"
    ORDER_FIELD_STEP = "order.field_step"  # on the way, on site, resolved on site
    ORDER_RESOLVE_OFFICE = "order.resolve_office"  # answered in the office, no crew
    ORDER_PAUSE = "order.pause"
    # an urgent order's clock (a danger, a medical need) before a crew is on site
    ORDER_PAUSE_URGENT = "order.pause_urgent"
    ORDER_REOPEN = "order.reopen"
    ORDER_CLOSE = "order.close"
    ORDER_NOTE = "order.note"
    CALLBACK_RECORD = "callback.record"
    # stop calling back a household after an outage that nobody reached after the tries
    CALLBACK_GIVE_UP = "callback.give_up"
    PROMISE_MAKE = "promise.make"
    PROMISE_SETTLE = "promise.settle"
    # record kept a promise that fell due in a month already past (its figures reported)
    PROMISE_CORRECT_PAST = "promise.correct_past"
    PROBLEM_MANAGE = "problem.manage"
    PROBLEM_SOLVE = "problem.solve"
    # say done a step of a hard problem's plan given to oneself (the office: any step)
    PROBLEM_STEP_OWN = "problem.step_own"
    FEEDBACK_ANSWER = "feedback.answer"
    OUTAGE_DECLARE = "outage.declare"
    OUTAGE_RESTORE = "outage.restore"
    # cause found, power expected back, restored: a crew only on an outage sent to its crew
    OUTAGE_FIELD_STEP = "outage.field_step"
    # "found here": where the fault was and its cause (the engine takes a confirm_open) — a
    # crew only on its own jobs: an outage dispatched to its crew, an order of its crew
    FAULT_FOUND = "fault.found_here"
    OUTAGE_SHORT_NOTICE = "outage.short_notice"  # a planned outage on under the notice period
    # a fault outage whose crew found the power on at arrival confirmed as no interruption
    OUTAGE_NOT_INTERRUPTION = "outage.not_interruption"
    OUTAGE_REORDER = "outage.reorder"  # which outage is restored first, with the reason
    ARREARS_OPEN = "arrears.open"
    ARREARS_PROGRESS = "arrears.progress"  # written notice, liaison contact, household visit
    ARREARS_APPROVE = "arrears.approve"
    ARREARS_LIFT = "arrears.lift"  # the chief's visit finding lifts a block of the words alone
    ARREARS_DISCONNECT = "arrears.disconnect"
    ARREARS_PAID = "arrears.paid"
    OUTREACH_RECORD = "outreach.record"
    TRAINING_RECORD = "training.record"
    VILLAGE_RECORD = "village.record"
    COUNTER_KIOSK = "counter.kiosk"
    IMPORT_CSV = "import.csv"
    LIAISON_REPORT = "liaison.report"  # and "power is back in my group", for their villages
    SELF_STUDY_RECORD = "training.self_study"  # one's own; chief and admin for anyone
    CREW_POSITION = "crew.position"  # a crew its own; the office any crew's (and its base)
    LIST_EXPORT = "list.export"  # a list page to CSV or Excel, of the lists one may open
    NOTIFY_RETRY = "notify.retry"  # send a failed text message or email again
    NOTIFY_SETTINGS = "notify.settings"  # who is told of what
    COMMITMENTS_SET = "commitments.set"  # the station's service commitments (its deadlines)
    # end a person's work at the station (every role of theirs here), with the reason
    STAFF_END = "staff.end"
    # take work without an owner as one's own (我来负责): a work order, a hard problem, a step
    WORK_TAKE = "work.take"
    # give work without an owner to someone who may own it
    WORK_ASSIGN = "work.assign"
    # choose a crew's leader among its members
    CREW_LEAD = "crew.lead"
    # make and turn off the station's API tokens (the keys its other systems call the API with)
    API_TOKENS = "api.tokens"


_OFFICE = frozenset({R.COUNTER, R.DISPATCHER, R.CHIEF})

MATRIX: dict[Do, frozenset[str]] = {
    Do.CALL_TAKE: _OFFICE | {R.ADMIN},
    Do.CALL_RETURN: _OFFICE | {R.ADMIN},
    Do.ORDER_CREATE: _OFFICE,
    Do.ORDER_DISPATCH: _OFFICE,
    Do.ORDER_FIELD_STEP: _OFFICE | {R.CREW},  # a crew only on its own orders
    Do.ORDER_RESOLVE_OFFICE: _OFFICE,
    Do.ORDER_PAUSE: _OFFICE,
    Do.ORDER_PAUSE_URGENT: frozenset({R.CHIEF}),
    Do.ORDER_REOPEN: _OFFICE,
    Do.ORDER_CLOSE: _OFFICE,
    Do.ORDER_NOTE: _OFFICE | {R.CREW},  # a crew only on its own orders
    Do.CALLBACK_RECORD: _OFFICE,
    Do.CALLBACK_GIVE_UP: frozenset({R.CHIEF}),
    Do.PROMISE_MAKE: _OFFICE,
    Do.PROMISE_SETTLE: _OFFICE,
    Do.PROMISE_CORRECT_PAST: frozenset({R.CHIEF}),
    Do.PROBLEM_MANAGE: _OFFICE,
    Do.PROBLEM_SOLVE: frozenset({R.CHIEF}),
    # Whoever a step was given to (``followup.step_owners``: a crew member too) finishes it.
    Do.PROBLEM_STEP_OWN: _OFFICE | {R.CREW, R.ADMIN},
    Do.FEEDBACK_ANSWER: frozenset({R.COUNTER, R.CHIEF}),
    Do.OUTAGE_DECLARE: _OFFICE,
    Do.OUTAGE_RESTORE: _OFFICE,
    Do.OUTAGE_FIELD_STEP: _OFFICE | {R.CREW},  # a crew only on its own crew's outages
    Do.FAULT_FOUND: _OFFICE | {R.CREW},  # a crew only on its own crew's outages and orders
    Do.OUTAGE_SHORT_NOTICE: frozenset({R.CHIEF}),
    Do.OUTAGE_REORDER: frozenset({R.CHIEF}),
    Do.OUTAGE_NOT_INTERRUPTION: frozenset({R.DISPATCHER, R.CHIEF}),
    Do.ARREARS_OPEN: frozenset({R.COUNTER, R.CHIEF}),
    Do.ARREARS_PROGRESS: frozenset({R.COUNTER, R.CHIEF}),
    Do.ARREARS_APPROVE: frozenset({R.CHIEF}),
    Do.ARREARS_LIFT: frozenset({R.CHIEF}),
    Do.ARREARS_DISCONNECT: frozenset({R.DISPATCHER, R.CHIEF}),
    Do.ARREARS_PAID: frozenset({R.COUNTER, R.CHIEF}),
    Do.OUTREACH_RECORD: _OFFICE | {R.ADMIN},
    Do.TRAINING_RECORD: frozenset({R.CHIEF, R.ADMIN}),
    Do.VILLAGE_RECORD: _OFFICE | {R.ADMIN},
    Do.COUNTER_KIOSK: frozenset({R.COUNTER, R.CHIEF, R.ADMIN}),
    Do.IMPORT_CSV: frozenset({R.CHIEF, R.ADMIN}),
    Do.LIAISON_REPORT: frozenset({R.LIAISON}),
    Do.SELF_STUDY_RECORD: _OFFICE | {R.CREW, R.ADMIN},
    Do.CREW_POSITION: _OFFICE | {R.CREW},
    # Files leave the system with customers' names, phones and accounts: the office keeps
    # the station's records and answers for them; crews and liaisons read on a phone only.
    Do.LIST_EXPORT: _OFFICE | {R.ADMIN},
    Do.NOTIFY_RETRY: _OFFICE,
    Do.NOTIFY_SETTINGS: frozenset({R.CHIEF}),
    # The times the station promises its customers: the chief answers for them to the county.
    Do.COMMITMENTS_SET: frozenset({R.CHIEF}),
    # Who works at the station is its administrator's to keep (as on the admin site).
    Do.STAFF_END: frozenset({R.ADMIN}),
    # Work without an owner (handed back, a liaison's report): whoever of the office may own it
    # takes it; the dispatcher and the chief, who share out the station's work, give it.
    Do.WORK_TAKE: _OFFICE,
    Do.WORK_ASSIGN: frozenset({R.DISPATCHER, R.CHIEF}),
    # Who leads a crew is the dispatcher's and the chief's to say (they send the crews).
    Do.CREW_LEAD: frozenset({R.DISPATCHER, R.CHIEF}),
    # The keys other systems reach the station's data with are the administrator's, who keeps
    # its logins and its administration site.
    Do.API_TOKENS: frozenset({R.ADMIN}),
}


class NotAllowed(PermissionDenied):
    """The person's roles at the station do not allow the action (answered with 403)."""


def allowed(roles: Iterable[str], action: Do) -> bool:
    return bool(MATRIX[action] & set(roles))


def roles_of(user: User | None, station: Station | int) -> frozenset[str]:
    if user is None:
        return frozenset()
    cache: dict[int, frozenset[str]] = user.__dict__.setdefault("_roles_at", {})
    station_id = station if isinstance(station, int) else station.pk
    if station_id not in cache:
        cache[station_id] = frozenset(user.roles_at(station_id))
    return cache[station_id]


def may(user: User | None, station: Station | int, action: Do) -> bool:
    """Whether ``user`` may do ``action`` at ``station``; the system (None) may do anything."""
    return user is None or allowed(roles_of(user, station), action)


def require(user: User | None, station: Station | int, action: Do) -> None:
    """Raise ``NotAllowed`` unless ``user`` may do ``action`` at ``station``."""
    if not may(user, station, action):
        raise NotAllowed(_("Your role at this station does not allow this."))
