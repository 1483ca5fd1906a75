"""What is wrong with restoring an outage as asked: every field at once (the time, the cause,
how power came back, the note), for ``outage_restore`` and for a form whose own fields are
refused already (a time that is not one), which says the others in the same answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do
from powerdesk.outages.models import Outage, OutageCause

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["RestoreChecked", "restore_allowed", "restore_refusals", "restore_status_checked"]


@dataclass
class RestoreChecked:
    wrong: dict[str, str] = field(default_factory=dict)  # field → what is wrong
    cause_asked: bool = False  # the cause is recorded with power back
    how: str = ""  # how power came back, said of a fault no crew was sent to


def restore_allowed(*, outage: Outage, user: User | None) -> None:
    """Refused before any field is looked at: ``NotAllowed`` for a person who may not restore
    ``outage`` (the office any, a crew the one it was sent to), ``OutageError`` for one restored
    already or cancelled (review39, N3: a form's time that is not one was answered with the
    cause and how to say, to a person not allowed to restore, or of an outage restored)."""
    from powerdesk.outages.crew import require_on_outage

    require_on_outage(user, outage, Do.OUTAGE_RESTORE)
    restore_status_checked(outage)


def restore_status_checked(outage: Outage) -> None:
    """``OutageError`` unless ``outage`` is one power can be back on: not restored already, not
    a planned outage cancelled."""
    from powerdesk.outages.services import OutageError

    if outage.status == Outage.Status.RESTORED:
        raise OutageError(_("Power is already back."))
    if outage.status == Outage.Status.CANCELLED:
        raise OutageError(_("This planned outage was cancelled: power never went off."))


def restore_refusals(
    *,
    outage: Outage,
    user: User | None,
    at: dt.datetime | None = None,
    cause: str = "",
    how: str | None = None,
    note: str = "",
) -> RestoreChecked:
    """Every refusal of restoring ``outage`` at ``at`` (None: now, a time not checked) with
    ``cause``, ``how`` and ``note``, by field."""
    from powerdesk.outages.power_back_how import PowerBackHow, no_crew_ever_sent
    from powerdesk.outages.services import cause_asked_at_restore

    checked = RestoreChecked()
    wrong = checked.wrong
    if at is not None:
        if at < outage.starts_at:
            wrong["at"] = _("Power cannot be back before the outage began (%(time)s).") % {
                "time": f"{timezone.localtime(outage.starts_at):%Y-%m-%d %H:%M}"
            }
        elif at > timezone.now() + dt.timedelta(minutes=1):
            wrong["at"] = _("The time power came back cannot be in the future.")
    checked.cause_asked = user is not None and cause_asked_at_restore(outage)
    if checked.cause_asked and cause not in OutageCause.values:
        wrong["cause"] = _(
            "Say what caused the fault (or “unknown”): its work orders are resolved with it."
        )
    # Asked of any person (review 37, 4: a form that does not ask it, the outages list's
    # "restore", was a way round): a crew restoring from its phone was sent, so is not asked.
    if user is not None and no_crew_ever_sent(outage):
        checked.how = how or ""
        if checked.how not in PowerBackHow.values:
            wrong["how"] = _("No crew was sent to this outage: say how power came back.")
        elif checked.how == PowerBackHow.OTHER and not note.strip():
            wrong["note"] = _("Say in the note how power came back.")
    return checked
