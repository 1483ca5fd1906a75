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
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from powerdesk.accounts.models import STATION_STAFF_ROLES
from powerdesk.accounts.permissions import NotAllowed, roles_of
from powerdesk.servicedesk.models import (
    Notification,
    NotificationsRead,
)

if TYPE_CHECKING:
    import datetime as dt

    from django.utils.functional import _StrPromise

    from powerdesk.accounts.models import Station, User

from powerdesk.servicedesk.notices_put_away import (
    CREW_KINDS,
    SETTLED_BY_FINISHING,
    given_key,
    notices_call_ordered,
    notices_crew_job_taken_off,
    notices_given_handed_back,
    notices_given_opened,
    notices_given_settled,
    notices_order_finished,
    notices_promise_explained,
    notices_promise_settled,
)
from powerdesk.servicedesk.notices_subject import with_subject_here

# The putting away lives in ``notices_put_away``; named here too, where callers look for it.
__all__ = [
    "CREW_KINDS",
    "SETTLED_BY_FINISHING",
    "NoticeError",
    "NoticeGroup",
    "given_key",
    "notice_groups",
    "notice_link",
    "notice_mark_read",
    "notices_call_ordered",
    "notices_crew_job_taken_off",
    "notices_given_handed_back",
    "notices_given_opened",
    "notices_given_settled",
    "notices_listed",
    "notices_mark_all_read",
    "notices_of",
    "notices_order_finished",
    "notices_promise_explained",
    "notices_promise_settled",
    "require_own_notices",
    "summary_words",
]

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
    K.STEP_OVERDUE,
    K.CUT_NEED,
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
    return (
        with_subject_here(notices)
        .select_related("work_order", "promise")
        .order_by("-created_at", "-pk")
    )


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
            # A badge starts with a capital in English, as every other word on the page
            # ("your crew's jobs" began lower-case beside "Job 2026-…": walk61, L8).
            label=capfirst(str(labels.get(row["kind"], row["kind"]))),
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

        ones = list(
            with_subject_here(unread.filter(kind__in=alone)).select_related("work_order", "promise")
        )
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
    # Said in the plural the count needs (walk51, F14): ``count`` chooses it, ``n`` is shown.
    phrases: dict[str, _StrPromise] = {
        K.DUE_SOON: ngettext_lazy(
            "%(n)s work order due within the hour", "%(n)s work orders due within the hour", "count"
        ),
        K.OVERDUE: ngettext_lazy("%(n)s work order overdue", "%(n)s work orders overdue", "count"),
        K.CALLBACK_OVERDUE: ngettext_lazy(
            "%(n)s callback overdue", "%(n)s callbacks overdue", "count"
        ),
        K.PROMISE_DUE: ngettext_lazy(
            "%(n)s promise due within the hour", "%(n)s promises due within the hour", "count"
        ),
        K.PROMISE_BROKEN: ngettext_lazy("%(n)s promise broken", "%(n)s promises broken", "count"),
        K.UNHAPPY: ngettext_lazy("%(n)s unhappy customer", "%(n)s unhappy customers", "count"),
        K.REVISIT_MISSED: ngettext_lazy(
            "%(n)s hard problem revisit missed", "%(n)s hard problem revisits missed", "count"
        ),
        K.STEP_OVERDUE: ngettext_lazy(
            "%(n)s hard problem step overdue", "%(n)s hard problem steps overdue", "count"
        ),
        K.CALL_NOT_RETURNED: ngettext_lazy(
            "%(n)s missed call not returned", "%(n)s missed calls not returned", "count"
        ),
        K.URGENT_CALL: ngettext_lazy(
            "%(n)s urgent call waiting for a work order",
            "%(n)s urgent calls waiting for a work order",
            "count",
        ),
        K.OUTAGE: ngettext_lazy("%(n)s notice of outages", "%(n)s notices of outages", "count"),
        K.CALLBACKS_DUE: ngettext_lazy(
            "%(n)s notice of callbacks due after outages",
            "%(n)s notices of callbacks due after outages",
            "count",
        ),
        K.WORK_GIVEN: ngettext_lazy(
            "%(n)s piece of work given to you", "%(n)s pieces of work given to you", "count"
        ),
        K.CREW_JOB: ngettext_lazy(
            "%(n)s notice of your crew's jobs", "%(n)s notices of your crew's jobs", "count"
        ),
        K.CREW_TAKEN_OFF: ngettext_lazy(
            "%(n)s job taken off your crew", "%(n)s jobs taken off your crew", "count"
        ),
        K.CREW_URGENT: ngettext_lazy(
            "%(n)s notice of your crew's urgent jobs",
            "%(n)s notices of your crew's urgent jobs",
            "count",
        ),
    }
    words = phrases.get(kind, ngettext_lazy("%(n)s notice", "%(n)s notices", "count"))
    return words % {"count": n, "n": number_format(n, force_grouping=True)}


def notice_link(kind: str, one: Notification | None) -> str:
    """Where a line leads: a notice's own thing (its ``subject``, of the notice's station only:
    ``notices_subject``), else the list of what it (or a group of notices) speaks of."""
    from powerdesk.servicedesk.notices_subject import subject_target

    target = subject_target(one) if one is not None and one.count == 1 else None
    if one is not None and target is not None:
        thing, pk = target
        if thing == "servicedesk.workorder":
            return reverse("servicedesk:work_order", args=[pk])
        if thing == "servicedesk.hardproblem":
            return reverse("servicedesk:hard_problem", args=[pk])
        if thing == "arrears.arrearscase":  # a cut household's case (review74, L5)
            return reverse("arrears:case", args=[pk])
        if thing == "servicedesk.call" and one.kind == K.URGENT_CALL:
            return reverse("servicedesk:call", args=[pk])
        # A promise's notice: its row of the promises page (walkthrough 33, finding 4).
        if thing == "servicedesk.promise" and one.kind == K.PROMISE_BROKEN:
            return reverse("servicedesk:promises") + f"#broken-{pk}"
        if thing == "servicedesk.promise" and one.kind == K.PROMISE_DUE:
            return reverse("servicedesk:promises") + f"#promise-{pk}"
    lists: dict[str, str] = {
        K.DUE_SOON: reverse("servicedesk:work_orders") + "?show=due_soon",
        K.OVERDUE: reverse("servicedesk:work_orders") + "?show=overdue",
        K.CALLBACK_OVERDUE: reverse("servicedesk:callbacks"),
        K.CALLBACKS_DUE: reverse("servicedesk:callbacks"),
        K.PROMISE_DUE: reverse("servicedesk:promises"),
        K.PROMISE_BROKEN: reverse("servicedesk:promises"),
        K.REVISIT_MISSED: reverse("servicedesk:hard_problems"),
        K.STEP_OVERDUE: reverse("servicedesk:hard_problems") + "?show=steps_overdue",
        K.CALL_NOT_RETURNED: reverse("servicedesk:missed_calls"),
        K.URGENT_CALL: reverse("servicedesk:calls") + "?show=waiting",
        K.OUTAGE: reverse("outages:list"),
        # A role given or taken, a password reset: the audit trail has it with the rest.
        K.STAFF_CHANGE: reverse("ops:audit"),
        K.CUT_NEED: reverse("arrears:cases"),
    }
    return lists.get(kind, reverse("servicedesk:notices") + f"?kind={kind}")
