"""Suggestions and praise answered: once, by one person, a correction keeping the earlier answer
(moved out of ``followup``, review72 L6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.form_text import too_long_refused
from powerdesk.servicedesk.followup import NOTE_CHARS, TextTooLong
from powerdesk.servicedesk.models import Feedback
from powerdesk.servicedesk.services import WorkOrderError

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


@transaction.atomic
def feedback_answer(*, feedback: Feedback, user: User | None, answer: str) -> Feedback:
    """Answer a suggestion or praise. Answered already, it is refused unless by the person who
    answered it: their correction, the earlier answer kept in ``answer_history`` (who, when,
    what); the same answer sent again changes nothing. Another clerk's answer, a second tab's,
    a stale page's never replaces it without a word (probe72 M4). The row is held, so two
    answers at once find each other."""
    require(user, feedback.station_id, Do.FEEDBACK_ANSWER)
    answer = too_long_refused(TextTooLong, _("Answer"), answer, NOTE_CHARS, "answer")
    if not answer:
        raise WorkOrderError(_("Write the answer."))
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.state == Feedback.State.ANSWERED:
        same_person = user is not None and feedback.answered_by_id == user.pk
        if not same_person:
            raise FeedbackAnsweredAlready(
                _("%(name)s answered this already (%(when)s): their answer is kept.")
                % {
                    "name": feedback.answered_by or _("someone"),
                    "when": timezone.localtime(feedback.answered_at).strftime("%Y-%m-%d %H:%M")
                    if feedback.answered_at
                    else "—",
                }
            )
        if feedback.answer == answer:
            return feedback  # the same answer sent again
        feedback.answer_history = [
            *feedback.answer_history,
            {
                "by": str(feedback.answered_by),
                "by_id": feedback.answered_by_id,
                "at": feedback.answered_at.isoformat() if feedback.answered_at else "",
                "answer": feedback.answer,
            },
        ]
    feedback.answer = answer
    feedback.answered_by = user
    feedback.answered_at = timezone.now()
    feedback.state = Feedback.State.ANSWERED
    feedback.save()
    return feedback


class FeedbackAnsweredAlready(WorkOrderError):
    """A suggestion or praise answered by someone else: their answer is kept."""
