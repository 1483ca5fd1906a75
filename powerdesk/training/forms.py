"""Training forms: dates within a year, texts as long as their columns (hours: the services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import Bounds, model_text, named_errors
from powerdesk.training.models import PlanItem, SelfStudy, TrainingSession
from powerdesk.training.services import PLAN_NOTES_CHARS

# Training is recorded after it is held, within the plan's year or the one before.
DAYS_BACK = 400


def date_bounds() -> Bounds:
    """The days a session or self-study is recorded for: held already (today at the latest),
    within the plan's year or the one before. The form checks it; the page's date input has it
    as its min and max."""
    today = timezone.localdate()
    return Bounds(
        label=_("Date"),
        earliest=today - dt.timedelta(days=DAYS_BACK),
        latest=today,
        rule=_("not in the future, at most %(days)d days back") % {"days": DAYS_BACK},
    )


class _Dated(forms.Form):
    date = forms.DateField(label=_("Date"))

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        date_bounds().check(day)
        return day


class SessionForm(_Dated):
    topic = model_text(TrainingSession, "topic")
    trainer = model_text(TrainingSession, "trainer")
    place = model_text(TrainingSession, "place")
    material = model_text(TrainingSession, "material")


class SelfStudyForm(_Dated):
    topic = model_text(SelfStudy, "topic")
    material = model_text(SelfStudy, "material")


# Hours as typed ("1.5"): a longer text is refused, never cut to a number it did not say.
HOURS_CHARS = 20


def _hours(label: Any) -> forms.CharField:
    return named_errors(forms.CharField(label=label, max_length=HOURS_CHARS, required=False))


class PlanForm(forms.Form):
    """A new plan's hours and notes, or a course added to it (the hours read by the services)."""

    hours_per_person = _hours(_("Hours per person in the year"))
    notes = named_errors(TypedText(label=_("Notes"), max_length=PLAN_NOTES_CHARS, required=False))
    topic = model_text(PlanItem, "topic")
    audience = model_text(PlanItem, "audience")
    hours = _hours(_("Hours"))
