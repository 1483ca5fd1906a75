"""A step of a hard problem's plan dropped as no longer needed, with a reason (walk74, 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.lib.form_text import says_too_little
from powerdesk.servicedesk.followup import (
    NOTE_CHARS,
    ProblemNoteError,
    _bounded,
    require_step_done,
)
from powerdesk.servicedesk.models import HardProblemStep, Notification
from powerdesk.servicedesk.notices import notices_given_settled
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["DropReasonError", "hard_problem_step_drop"]


class DropReasonError(ProblemNoteError):
    """A step dropped without saying why (said at the reason's field)."""


@transaction.atomic
def hard_problem_step_drop(
    *, step: HardProblemStep, user: User | None, reason: str
) -> HardProblemStep:
    """A step of the plan no longer needed, dropped with a reason (walk74, 5): closed like a
    done step (the problem may then be solved), shown as dropped, never counted as done. Who
    may say it done may drop it (``may_say_step_done``); once, as a step said done."""
    require_step_done(user, step)
    label = _("Why it is dropped")
    reason = _bounded(label, reason, NOTE_CHARS, "note")
    if not reason:
        raise DropReasonError(_("Say why the step is no longer needed."))
    # The one rule of a record that says something, as the household's words (probe76, L12):
    # "。。" is no reason.
    said = says_too_little(label, reason)
    if said:
        raise DropReasonError(said)
    step = HardProblemStep.objects.select_for_update().get(pk=step.pk)
    if step.dropped_at is not None:
        raise WorkOrderError(_("This step was already dropped on %(day)s.") % {"day": step.done_on})
    if step.done_on is not None:
        raise WorkOrderError(
            _("This step was already said done on %(day)s.") % {"day": step.done_on}
        )
    now = timezone.now()
    step.done_on = timezone.localdate(now)
    step.done_by = user
    step.dropped_at = now
    step.note = reason
    step.save(update_fields=["done_on", "done_by", "dropped_at", "note"])
    notices_given_settled(step=step, reason=Notification.ReadReason.WORK_DONE)
    return step
