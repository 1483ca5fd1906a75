"""A person's own notices ("Notices to you"): grouped for the home page, listed in full on
their page, marked read one by one or all at once.

Only the person's own notices at the current station: a notice of another person, or of another
station the person also belongs to, is not found. Only station staff have notices to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Max, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from powerdesk.accounts.models import STATION_STAFF_ROLES
from powerdesk.accounts.permissions import NotAllowed, roles_of
from powerdesk.servicedesk.models import (
    HardProblem,
    HardProblemStep,
    Notification,
    NotificationsRead,
    Promise,
    WorkOrder,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from powerdesk.accounts.models import Station, User

K = Notification.Kind
# What needs doing now, shown first and never pushed out by routine notices.
URGENT_KINDS = (
    K.URGENT_CALL,
    K.OVERDUE,
    K.PROMISE_BROKEN,
    K.UNHAPPY,
    K.CALLBACK_OVERDUE,
    K.CALL_NOT_RETURNED,
    K.REVISIT_MISSED,
)
STATES = ("unread", "read", "all")


class NoticeError(ValueError):
    pass


def require_own_notices(user: User | None, station: Station) -> User:
    """The person reads and marks only their own notices, as station staff of ``station``."""
    if user is None or not (roles_of(user, station) & STATION_STAFF_ROLES):
        raise NotAllowed(_("Your role at this station does not allow this."))
    return user


def notices_of(*, user: User | None, station: Station) -> QuerySet[Notification]:
    person = require_own_notices(user, station)
    return Notification.objects.filter(station=station, recipient=person)


def notices_listed(
    *, user: User | None, station: Station, state: str = "unread", kind: str = ""
) -> QuerySet[Notification]:
    """The person's notices at the station, newest first: unread, read or all, of one kind."""
    notices = notices_of(user=user, station=station)
    if state == "unread":
        notices = notices.filter(read_at=None)
    elif state == "read":
        notices = notices.filter(read_at__isnull=False)
    if kind in K.values:
        notices = notices.filter(kind=kind)
    return notices.select_related("work_order", "promise").order_by("-created_at", "-pk")


def notice_mark_read(*, user: User | None, station: Station, pk: int) -> Notification:
    """Mark one of the person's notices read (once: a second time keeps the first time)."""
    notice = notices_of(user=user, station=station).get(pk=pk)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


@transaction.atomic
def notices_mark_all_read(*, user: User | None, station: Station, upto: int, kind: str = "") -> int:
    """Mark read the person's unread notices up to notice ``upto`` (the newest the page showed:
    one that came after stays unread, to be seen), of one kind or all. Returns how many; doing
    it again marks nothing more. Each time something is marked it is recorded."""
    person = require_own_notices(user, station)
    if kind and kind not in K.values:
        raise NoticeError(_("Unknown kind of notice."))
    notices = Notification.objects.filter(
        station=station, recipient=person, read_at=None, pk__lte=upto
    )
    if kind:
        notices = notices.filter(kind=kind)
    now = timezone.now()
    count = notices.update(read_at=now)
    if count:
        NotificationsRead.objects.create(
            station=station, user=person, at=now, kind=kind, upto=upto, count=count
        )
    return count


# Notices that an order is due or late: its finishing settles them.
SETTLED_BY_FINISHING = (K.DUE_SOON, K.OVERDUE)


@transaction.atomic
def _put_away(
    notices: QuerySet[Notification],
    reason: str,
    *,
    at: dt.datetime | None = None,
    kind: str = "",
    work_order_id: int | None = None,
) -> int:
    """Put away the unread ones of ``notices``, nothing being left to do about them: each keeps
    when and why (``read_at``, ``read_reason``: the list says why, not "read"), and the putting
    away is recorded as a person's "mark all read" is: by the system, when, why, which order
    (``NotificationsRead``, on the station's audit trail), one record a station and order
    (``work_order_id``: the order they are put away for, else each notice's own). Returns how
    many were put away."""
    now = at or timezone.now()
    settled = list(
        notices.filter(read_at=None)
        .select_for_update()
        .values_list("pk", "station_id", "work_order_id")
    )
    if not settled:
        return 0
    Notification.objects.filter(pk__in=[pk for pk, _s, _o in settled]).update(
        read_at=now, read_reason=reason
    )
    by_order: dict[tuple[int, int | None], list[int]] = {}
    for pk, station_id, order_id in settled:
        by_order.setdefault((station_id, work_order_id or order_id), []).append(pk)
    NotificationsRead.objects.bulk_create(
        NotificationsRead(
            station_id=station_id,
            user=None,
            at=now,
            upto=max(pks),
            count=len(pks),
            kind=kind,
            reason=reason,
            work_order_id=order_id,
        )
        for (station_id, order_id), pks in sorted(
            by_order.items(), key=lambda g: (g[0][0], g[0][1] or 0)
        )
    )
    return len(settled)


def notices_order_finished(order_ids: Iterable[int], *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that these work orders are due or late, now that they are
    finished (resolved or closed): nothing is left to do about them. The list says "order
    finished" for them, not "read". Notices of other kinds (an unhappy customer, a callback
    overdue) stay for the person. Recorded a station and order (``_put_away``)."""
    ids = list(order_ids)
    if not ids:
        return 0
    notices = Notification.objects.filter(work_order_id__in=ids, kind__in=SETTLED_BY_FINISHING)
    return _put_away(notices, Notification.ReadReason.ORDER_FINISHED, at=at)


def notices_call_ordered(call_id: int, order: WorkOrder, *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that an urgent call waits for a work order
    (``call_urgent``: at once, and again once late), now that it has one — opened from the
    call's page by anyone, or the call joined to one: nobody is to open a second order or
    chase a call dealt with. The list says "work order opened"; recorded with that order
    (``_put_away``)."""
    notices = Notification.objects.filter(call_id=call_id, kind=K.URGENT_CALL)
    return _put_away(notices, Notification.ReadReason.ORDER_OPENED, at=at, work_order_id=order.pk)


def notices_promise_explained(promise: Promise, *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that this promise was broken, for everyone told, now that
    why it was not kept is recorded (``promise_explain``): nothing is left to do about them.
    The list says "why recorded"; recorded with the promise's order (``_put_away``)."""
    notices = Notification.objects.filter(promise_id=promise.pk, kind=K.PROMISE_BROKEN)
    return _put_away(
        notices,
        Notification.ReadReason.WHY_RECORDED,
        at=at,
        kind=K.PROMISE_BROKEN,
        work_order_id=promise.work_order_id,
    )


@transaction.atomic
def notices_promise_settled(promise: Promise, *, at: dt.datetime | None = None) -> int:
    """Put away the unread notices that this promise is due soon, for everyone told, now that
    it is settled (kept, or broken: nothing is left to keep by its time; walkthrough 34,
    finding 2). Each keeps when and why (the list says "promise settled"), and the putting away
    is recorded as the others are: by the system, when, which order (``NotificationsRead``)."""
    now = at or timezone.now()
    settled_reason = Notification.ReadReason.PROMISE_SETTLED
    settled = list(
        Notification.objects.select_for_update()
        .filter(promise_id=promise.pk, kind=K.PROMISE_DUE, read_at=None)
        .values_list("pk", flat=True)
    )
    if not settled:
        return 0
    Notification.objects.filter(pk__in=settled).update(read_at=now, read_reason=settled_reason)
    NotificationsRead.objects.create(
        station_id=promise.station_id,
        user=None,
        at=now,
        upto=max(settled),
        count=len(settled),
        kind=K.PROMISE_DUE,
        reason=settled_reason,
        work_order_id=promise.work_order_id,
    )
    return len(settled)


# -- work given to someone (``ownership``) ----------------------------------------------------
R = Notification.ReadReason


def given_key(kind: str, item_pk: int, change_pk: int) -> str:
    """The key of a notice that work was given: its kind ("order", "problem", "step"), the
    item and the giving (``OwnerChange``): told once per giving."""
    return f"given:{kind}:{item_pk}:{change_pk}"


def notices_given_opened(
    *,
    user: User | None,
    station: Station,
    work_order: WorkOrder | None = None,
    hard_problem: HardProblem | None = None,
) -> int:
    """The person opened the work order (or hard problem: its steps' notices link to it) they
    were given, or their crew was sent to (``CREW_JOB``): their unread notices of it are put
    away ("opened"), recorded as theirs (``NotificationsRead``: who, when, how many, why, one
    record a kind). One query when there are none."""
    if user is None or not user.is_authenticated:
        return 0
    about: dict[str, object] = (
        {"work_order": work_order} if work_order is not None else {"hard_problem": hard_problem}
    )
    kinds = (K.WORK_GIVEN, K.CREW_JOB) if work_order is not None else (K.WORK_GIVEN,)
    found = list(
        Notification.objects.filter(
            station=station, recipient=user, read_at=None, kind__in=kinds, **about
        ).values_list("pk", "kind")
    )
    if not found:
        return 0
    now = timezone.now()
    total = 0
    with transaction.atomic():
        for kind in kinds:
            pks = [pk for pk, k in found if k == kind]
            if not pks:
                continue
            count = Notification.objects.filter(pk__in=pks, read_at=None).update(
                read_at=now, read_reason=R.OPENED
            )
            if count:
                NotificationsRead.objects.create(
                    station=station,
                    user=user,
                    at=now,
                    kind=kind,
                    upto=max(pks),
                    count=count,
                    reason=R.OPENED,
                    work_order=work_order,
                )
            total += count
    return total


def notices_given_settled(
    *,
    reason: str,
    work_order: WorkOrder | None = None,
    hard_problem: HardProblem | None = None,
    step: HardProblemStep | None = None,
    keep_owner_id: int | None = None,
    steps_too: bool = False,
    at: dt.datetime | None = None,
) -> int:
    """Put away the unread notices that this work was given, nothing being left to tell: it
    went to someone else (``keep_owner_id``: the new owner's are kept), or it is done (the
    order finished with its callback, the problem solved: its steps' too, ``steps_too``; the
    step done).
    Recorded by the system, when and why (``_put_away``)."""
    notices = Notification.objects.filter(kind=K.WORK_GIVEN)
    if work_order is not None:
        notices = notices.filter(work_order=work_order)
    elif step is not None:
        notices = notices.filter(
            hard_problem_id=step.problem_id, key__startswith=f"given:step:{step.pk}:"
        )
    elif hard_problem is not None:
        notices = notices.filter(hard_problem=hard_problem)
        if not steps_too:  # the problem's own notices, not its steps' (their own owners')
            notices = notices.filter(key__startswith=f"given:problem:{hard_problem.pk}:")
    else:
        return 0
    if keep_owner_id is not None:
        notices = notices.exclude(recipient_id=keep_owner_id)
    order_id = work_order.pk if work_order is not None else None
    return _put_away(notices, reason, at=at, kind=K.WORK_GIVEN, work_order_id=order_id)


def notices_crew_job_taken_off(
    *, work_order_ids: Iterable[int], recipient_ids: Iterable[int]
) -> int:
    """A job taken off a crew (called back, or sent to another crew): its members' unread
    notices of it (the dispatch's "sent to job …") are put away ("no longer theirs"), as opening
    the job would: the crew's count no longer holds a job that is not theirs (walk39, 6). Done
    before the notice that it was taken off is raised: that one stays to be read."""
    ids, orders = list(recipient_ids), list(work_order_ids)
    if not ids or not orders:
        return 0
    notices = Notification.objects.filter(
        work_order_id__in=orders, recipient_id__in=ids, kind=K.CREW_JOB
    )
    return _put_away(notices, R.OWNER_CHANGED, kind=K.CREW_JOB)


def notices_given_handed_back(*, station: Station, person: User) -> int:
    """The person's work at the station ended (``handback``): what they were given went back to
    the station, and their unread notices of it are put away ("no longer theirs")."""
    notices = Notification.objects.filter(station=station, recipient=person, kind=K.WORK_GIVEN)
    return _put_away(notices, R.OWNER_CHANGED, kind=K.WORK_GIVEN)


@dataclass
class NoticeGroup:
    """One line of the home page: a notice alone, or every unread notice of one kind."""

    kind: str
    label: str
    urgent: bool
    count: int  # the things it speaks for (a summary notice counts its orders)
    notices: int  # the notices in it
    latest: dt.datetime
    upto: int  # the newest notice in it: "mark read" marks up to it, not one come since
    one: Notification | None = None  # the notice, when it is alone
    text: str = ""
    link: str = ""

    @property
    def list_link(self) -> str:
        return reverse("servicedesk:notices") + f"?kind={self.kind}"


def notice_groups(*, user: User | None, station: Station) -> list[NoticeGroup]:
    """The person's unread notices, one line per kind: what is late first (never pushed out by
    routine ones), then the newest. Three queries whatever the number of notices."""
    unread = notices_of(user=user, station=station).filter(read_at=None)
    labels = dict(K.choices)
    groups = [
        NoticeGroup(
            kind=row["kind"],
            label=str(labels.get(row["kind"], row["kind"])),
            urgent=row["kind"] in URGENT_KINDS,
            count=row["things"] or 0,
            notices=row["n"],
            latest=row["latest"],
            upto=row["upto"],
        )
        for row in unread.values("kind").annotate(
            n=Count("pk"), things=Sum("count"), latest=Max("created_at"), upto=Max("pk")
        )
    ]
    alone = {g.kind for g in groups if g.notices == 1}
    if alone:
        from powerdesk.notifications.inapp import inapp_texts

        ones = list(unread.filter(kind__in=alone).select_related("work_order", "promise"))
        texts = dict(zip((n.pk for n in ones), inapp_texts(ones), strict=True))
        by_kind = {n.kind: n for n in ones}
    for group in groups:
        if group.notices == 1:
            group.one = by_kind[group.kind]
            group.text = texts[group.one.pk]
        if group.count > 1:
            group.text = summary_words(group.kind, group.count)
        group.link = notice_link(group.kind, group.one)
    groups.sort(key=lambda g: g.latest, reverse=True)
    groups.sort(key=lambda g: not g.urgent)
    return groups


def summary_words(kind: str, n: int) -> str:
    """How many of a kind, as one line: a group of notices, or a scan's summary (for instance
    "1,671 work orders due within the hour")."""
    phrases: dict[str, str] = {
        K.DUE_SOON: _("%(n)s work orders due within the hour"),
        K.OVERDUE: _("%(n)s work orders overdue"),
        K.CALLBACK_OVERDUE: _("%(n)s callbacks overdue"),
        K.PROMISE_DUE: _("%(n)s promises due within the hour"),
        K.PROMISE_BROKEN: _("%(n)s promises broken"),
        K.UNHAPPY: _("%(n)s unhappy customers"),
        K.REVISIT_MISSED: _("%(n)s hard problem revisits missed"),
        K.CALL_NOT_RETURNED: _("%(n)s missed calls not returned"),
        K.URGENT_CALL: _("%(n)s urgent calls waiting for a work order"),
        K.OUTAGE: _("%(n)s notices of outages"),
        K.CALLBACKS_DUE: _("%(n)s notices of callbacks due after outages"),
        K.WORK_GIVEN: _("%(n)s pieces of work given to you"),
        K.CREW_JOB: _("%(n)s notices of your crew's jobs"),
    }
    words = phrases.get(kind, _("%(n)s notices"))
    return words % {"n": number_format(n, force_grouping=True)}


def notice_link(kind: str, one: Notification | None) -> str:
    """Where a line leads: a notice's own order or hard problem, else the list of what it (or
    a group of notices) speaks of."""
    if one is not None and one.count == 1:
        if one.work_order_id:
            return reverse("servicedesk:work_order", args=[one.work_order_id])
        if one.hard_problem_id:
            return reverse("servicedesk:hard_problem", args=[one.hard_problem_id])
        if one.kind == K.URGENT_CALL and one.call_id:
            return reverse("servicedesk:call", args=[one.call_id])
        # A promise's notice: its row of the promises page (walkthrough 33, finding 4).
        if one.promise_id and one.kind == K.PROMISE_BROKEN:
            return reverse("servicedesk:promises") + f"#broken-{one.promise_id}"
        if one.promise_id and one.kind == K.PROMISE_DUE:
            return reverse("servicedesk:promises") + f"#promise-{one.promise_id}"
    lists: dict[str, str] = {
        K.DUE_SOON: reverse("servicedesk:work_orders") + "?show=due_soon",
        K.OVERDUE: reverse("servicedesk:work_orders") + "?show=overdue",
        K.CALLBACK_OVERDUE: reverse("servicedesk:callbacks"),
        K.CALLBACKS_DUE: reverse("servicedesk:callbacks"),
        K.PROMISE_DUE: reverse("servicedesk:promises"),
        K.PROMISE_BROKEN: reverse("servicedesk:promises"),
        K.REVISIT_MISSED: reverse("servicedesk:hard_problems"),
        K.CALL_NOT_RETURNED: reverse("servicedesk:missed_calls"),
        K.URGENT_CALL: reverse("servicedesk:calls") + "?show=waiting",
        K.OUTAGE: reverse("outages:list"),
    }
    return lists.get(kind, reverse("servicedesk:notices") + f"?kind={kind}")
