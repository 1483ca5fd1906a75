"""The audit trail of a station: logins (and failed ones), exports of lists, people's work at
the station ended from its staff page, notices marked
read all at once (or put away by the system when their work order was finished), old meter
pings purged by the system, and changes made in the administration site, as one list, newest
first."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from axes.models import AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.accounts import admin_history
from powerdesk.accounts.models import ExportLog, MembershipEnded, Station, User

__all__ = ["AuditEntry", "audit_entries"]


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    # login, login_failed, locked_out, export, membership_ended, notices_read, owner,
    # crew_leader, step_dropped, api_token, purge, admin
    kind: str
    who: str
    what: str
    where: str = ""  # the address of a login


def _export_choice(export: ExportLog) -> str:
    """Which of its list's choices a file held, said from the filters logged with it; "" for a
    list without choices (``ListExport.choice``)."""
    from django.http import QueryDict

    from powerdesk.lib.exports import exports

    listed = exports().get(export.list_name)
    if listed is None or listed.choice is None:
        return ""
    return listed.choice(QueryDict(export.filters), timezone.localdate(export.at))


class _Names:
    """Each person of the trail named one way, whatever the entry (walk73b 6: logins and the
    administration's changes by username, exports by full name): the full name, with the
    username after it where two people share it ("王芳 (gl_counter)"); the username alone for
    one with no full name (as the login form names them)."""

    def __init__(self, station: Station) -> None:
        people = (
            User.objects.filter(memberships__station=station)
            .values_list("username", "full_name")
            .distinct()
        )
        self.full: dict[str, str] = dict(people)
        counted = Counter(full for full in self.full.values() if full)
        self.shared = {full for full, n in counted.items() if n > 1}
        self.named = set(counted)

    def said(self, username: str, full_name: str | None = None) -> str:
        known = username in self.full
        full = self.full[username] if known else (full_name or "")
        if not full:
            return username
        if full in self.shared or (not known and full in self.named):
            return f"{full} ({username})"
        return full

    def of(self, user: User | None, nobody: str) -> str:
        """``user`` named (``nobody``: the words for none, "the system")."""
        if user is None:
            return str(nobody)
        return self.said(user.get_username(), user.full_name)


def audit_entries(*, station: Station, limit: int = 300) -> list[AuditEntry]:
    """The station's latest ``limit`` entries of each kind, merged newest first. Logins are
    those of the station's own people (by username, as the login form names them)."""
    names = _Names(station)
    usernames = list(names.full)
    entries: list[AuditEntry] = []
    for login in AccessLog.objects.filter(username__in=usernames).order_by("-attempt_time")[:limit]:
        entries.append(
            AuditEntry(
                login.attempt_time,
                "login",
                names.said(login.username or ""),
                _("logged in"),
                login.ip_address or "",
            )
        )
    for failure in AccessFailureLog.objects.filter(username__in=usernames).order_by(
        "-attempt_time"
    )[:limit]:
        entries.append(
            AuditEntry(
                failure.attempt_time,
                "locked_out" if failure.locked_out else "login_failed",
                names.said(failure.username or ""),
                _("wrong password, locked out") if failure.locked_out else _("wrong password"),
                failure.ip_address or "",
            )
        )
    from powerdesk.accounts.exporting import export_titles

    # Each list by its human name, as the export log names it (walkthrough 34, finding 8).
    titles = export_titles()
    for export in ExportLog.objects.filter(station=station).select_related("by")[:limit]:
        said = {
            "list": titles.get(export.list_name, export.list_name),
            "rows": export.rows,
            "format": export.get_format_display(),
            "choice": _export_choice(export),
        }
        # The format said: a list's CSV and its Excel are two lines that differ (walk73b 6);
        # a list of choices (the callbacks' month, reached, given up), which (desk76).
        if said["choice"]:
            what = ngettext(
                "exported %(list)s — %(choice)s (%(rows)s row, %(format)s)",
                "exported %(list)s — %(choice)s (%(rows)s rows, %(format)s)",
                export.rows,
            )
        else:
            what = ngettext(
                "exported %(list)s (%(rows)s row, %(format)s)",
                "exported %(list)s (%(rows)s rows, %(format)s)",
                export.rows,
            )
        entries.append(AuditEntry(export.at, "export", names.of(export.by, "—"), what % said))
    from powerdesk.servicedesk.models import Notification, NotificationsRead

    R = Notification.ReadReason
    for marked in NotificationsRead.objects.filter(station=station).select_related(
        "user", "work_order"
    )[:limit]:
        if marked.reason == Notification.ReadReason.ORDER_FINISHED:
            what = ngettext(
                "put away %(n)s due or late notice: work order %(number)s finished",
                "put away %(n)s due or late notices: work order %(number)s finished",
                marked.count,
            )
        elif marked.reason == Notification.ReadReason.ORDER_OPENED:
            what = ngettext(
                "put away %(n)s notice of an urgent call waiting: work order %(number)s opened",
                "put away %(n)s notices of an urgent call waiting: work order %(number)s opened",
                marked.count,
            )
        elif marked.reason == Notification.ReadReason.WHY_RECORDED:
            what = ngettext(
                "put away %(n)s notice of a broken promise: why it was not kept recorded "
                "(work order %(number)s)",
                "put away %(n)s notices of a broken promise: why it was not kept recorded "
                "(work order %(number)s)",
                marked.count,
            )
        elif marked.reason == Notification.ReadReason.PROMISE_SETTLED:
            what = ngettext(
                "put away %(n)s notice of a promise due soon: the promise settled "
                "(work order %(number)s)",
                "put away %(n)s notices of a promise due soon: the promise settled "
                "(work order %(number)s)",
                marked.count,
            )
        elif marked.reason in (R.OPENED, R.OWNER_CHANGED, R.WORK_DONE):
            what = ngettext(
                "put away %(n)s notice of work given: %(why)s",
                "put away %(n)s notices of work given: %(why)s",
                marked.count,
            )
        else:
            what = ngettext("marked %(n)s notice read", "marked %(n)s notices read", marked.count)
        said = {
            "n": marked.count,
            "number": marked.work_order.number if marked.work_order else "—",
            "why": marked.get_reason_display(),
        }
        entries.append(
            AuditEntry(
                marked.at,
                "notices_read",
                names.of(marked.user, _("the system")),
                what % said,
            )
        )
    from powerdesk.accounts.staff import (
        ended_crews_words,
        handed_back_words,
        liaisons_retired_words,
    )

    for ended in MembershipEnded.objects.filter(station=station).select_related("by", "person")[
        :limit
    ]:
        what = _("ended the work of %(person)s at the station (%(roles)s): %(reason)s") % {
            # By name (the login kept should the person be deleted: walkthrough 34, finding 8).
            "person": str(ended.person) if ended.person is not None else ended.username,
            "roles": ended.roles,
            "reason": ended.reason,
        }
        crews = ended_crews_words(ended.crews, ended.crews_led)
        if crews:
            what += _("; %(crews)s") % {"crews": crews}
        if ended.handed_back:
            what += _("; handed back to the station: %(work)s") % {
                "work": handed_back_words(ended.handed_back)
            }
        if ended.liaisons_retired:
            what += "; " + liaisons_retired_words(ended.liaisons_retired)
        entries.append(AuditEntry(ended.at, "membership_ended", names.of(ended.by, "—"), what))
    entries += _owner_entries(station, limit, names)
    entries += _leader_entries(station, limit, names)
    entries += _dropped_step_entries(station, limit, names)
    entries += _token_entries(station, limit, names)
    from powerdesk.ops.models import Purge

    for purge in Purge.objects.for_station(station)[:limit]:
        entries.append(
            AuditEntry(
                purge.at,
                "purge",
                _("the system"),
                _(
                    "deleted %(pings)s meter pings and %(rounds)s ping rounds older than "
                    "%(before)s (kept %(days)s days)"
                )
                % {
                    "pings": purge.removed.get("meter_pings", 0),
                    "rounds": purge.removed.get("ping_rounds", 0),
                    "before": timezone.localtime(purge.before).strftime("%Y-%m-%d"),
                    "days": purge.keep_days,
                },
            )
        )
    for change in (
        LogEntry.objects.filter(user__username__in=usernames)
        .select_related("user", "content_type")
        .order_by("-action_time")[:limit]
    ):
        entries.append(
            AuditEntry(
                change.action_time,
                "admin",
                names.of(change.user, ""),
                admin_history.entry_words(change, _admin_action(change)),
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


def _owner_entries(station: Station, limit: int, names: _Names) -> list[AuditEntry]:
    """Work without an owner taken on, or given to someone (``servicedesk.ownership``)."""
    from powerdesk.servicedesk.models import OwnerChange

    entries = []
    for change in OwnerChange.objects.for_station(station).select_related("by", "owner")[:limit]:
        said = {
            "kind": change.get_kind_display(),
            "item": change.named,
            "person": names.of(change.owner, ""),
        }
        if change.taken:
            what = _("took on the %(kind)s without an owner “%(item)s”") % said
        else:
            what = _("gave the %(kind)s without an owner “%(item)s” to %(person)s") % said
        entries.append(AuditEntry(change.at, "owner", names.of(change.by, _("the system")), what))
    return entries


def _dropped_step_entries(station: Station, limit: int, names: _Names) -> list[AuditEntry]:
    """Steps of a hard problem's plan dropped as no longer needed, and why
    (``servicedesk.followup_drop.hard_problem_step_drop``)."""
    from powerdesk.servicedesk.models import HardProblemStep

    entries = []
    for step in (
        HardProblemStep.objects.for_station(station)
        .filter(dropped_at__isnull=False)
        .select_related("problem", "done_by")
        .order_by("-dropped_at")[:limit]
    ):
        said = {"step": step.title, "problem": step.problem.title, "reason": step.note}
        what = _("dropped the step “%(step)s” of the hard problem “%(problem)s”: %(reason)s") % said
        assert step.dropped_at is not None
        entries.append(
            AuditEntry(step.dropped_at, "step_dropped", names.of(step.done_by, "—"), what)
        )
    return entries


def _leader_entries(station: Station, limit: int, names: _Names) -> list[AuditEntry]:
    """A crew's leader chosen among its members (``accounts.crews.crew_leader_set``)."""
    from powerdesk.accounts.models import CrewLeaderChange

    entries = []
    for change in CrewLeaderChange.objects.for_station(station).select_related("by", "crew")[
        :limit
    ]:
        said = {"crew": change.crew.name, "person": change.leader_name}
        what = _("made %(person)s the leader of %(crew)s") % said
        if change.before_name:
            what += _(" (before: %(person)s)") % {"person": change.before_name}
        else:
            what += _(" (it had no leader)")
        entries.append(
            AuditEntry(change.at, "crew_leader", names.of(change.by, _("the system")), what)
        )
    return entries


def _token_entries(station: Station, limit: int, names: _Names) -> list[AuditEntry]:
    """API tokens made (on the administrator's page, or by a command on the server) and
    turned off (``accounts.tokens``): each token keeps who and when on its row."""
    from powerdesk.accounts.models import ApiToken

    tokens = ApiToken.objects.for_station(station).select_related("created_by", "off_by")
    entries = []
    for token in tokens.order_by("-created_at", "-pk")[:limit]:
        said = {"name": token.name, "prefix": token.prefix}
        if token.expires_at is not None:
            what = _("made the API token “%(name)s” (%(prefix)s…), expiring %(day)s") % {
                **said,
                "day": timezone.localtime(token.expires_at).strftime("%Y-%m-%d"),
            }
        else:
            what = _("made the API token “%(name)s” (%(prefix)s…), never expiring") % said
        by = names.of(token.created_by, _("a command on the server"))
        entries.append(AuditEntry(token.created_at, "api_token", by, what))
    for token in tokens.filter(off_at__isnull=False).order_by("-off_at", "-pk")[:limit]:
        assert token.off_at is not None
        what = _("turned off the API token “%(name)s” (%(prefix)s…)") % {
            "name": token.name,
            "prefix": token.prefix,
        }
        by = names.of(token.off_by, _("the system"))
        entries.append(AuditEntry(token.off_at, "api_token", by, what))
    return entries


def _admin_action(entry: LogEntry) -> str:
    if entry.is_addition():
        return _("added")
    if entry.is_deletion():
        return _("deleted")
    return _("changed")
