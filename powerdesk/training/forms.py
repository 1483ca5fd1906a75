"""Training forms: dates within a year, texts as long as their columns (hours: the services)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.forms import Bounds, model_text
from powerdesk.training.models import PlanItem, SelfStudy, TrainingSession

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


class PlanForm(forms.Form):
    """A new plan's notes, or a course added to it."""

    notes = forms.CharField(label=_("Notes"), max_length=4000, required=False)
    topic = model_text(PlanItem, "topic")
    audience = model_text(PlanItem, "audience")
