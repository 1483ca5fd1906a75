"""Outreach forms: dates within a year either way, texts as long as their columns."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import Bounds, model_text, named_errors, require_between
from powerdesk.outreach.models import HotlineCard, OutreachVisit, VisitPhoto

# Visits are planned for the coming months and recorded soon after; a year either way is
# generous and keeps a mistyped year (2062 for 2026) out.
WINDOW = dt.timedelta(days=366)
# More households than a station serves is a typing error.
MAX_HOUSEHOLDS = 100_000


def _within_a_year(day: dt.date | None) -> dt.date | None:
    if day is not None:
        today = timezone.localdate()
        require_between(day, today - WINDOW, today + WINDOW)
    return day


def done_bounds(label: object) -> Bounds:
    """The days a visit is recorded as done, or cards as given: not in the future (the service
    refuses those), at most a year back; said with the range, and the inputs' min and max."""
    today = timezone.localdate()
    return Bounds(
        label=label,
        earliest=today - WINDOW,
        latest=today,
        rule=_("not in the future, at most %(days)d days back") % {"days": WINDOW.days},
    )


class VisitPlanForm(forms.Form):
    date = forms.DateField(label=OutreachVisit._meta.get_field("date").verbose_name)
    title = model_text(OutreachVisit, "title", required=True)
    notes = named_errors(TypedText(label=_("Notes"), max_length=4000, required=False))

    def clean_date(self) -> dt.date | None:
        return _within_a_year(self.cleaned_data.get("date"))


class VisitRecordForm(forms.Form):
    date = forms.DateField(label=OutreachVisit._meta.get_field("date").verbose_name, required=False)
    households_reached = named_errors(
        forms.IntegerField(label=_("Households reached"), min_value=0, max_value=MAX_HOUSEHOLDS)
    )
    materials = model_text(OutreachVisit, "materials")
    notes = named_errors(TypedText(label=_("Notes"), max_length=4000, required=False))

    def clean_date(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("date")
        if day is not None:
            done_bounds(self.fields["date"].label).check(day)
        return day


class VisitNoteForm(forms.Form):
    """Why a visit is cancelled; a photo's caption."""

    # Too long: "原因有 3000 个字，最多 300 个字" at the field (walkthrough 32, finding 4).
    reason = named_errors(TypedText(label=_("Reason"), max_length=300, required=False))
    caption = model_text(VisitPhoto, "caption")


class CardsGivenForm(forms.Form):
    given_on = forms.DateField(label=HotlineCard._meta.get_field("given_on").verbose_name)
    channel = forms.CharField(max_length=12, required=False)  # the service checks the choice

    def clean_given_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("given_on")
        if day is not None:
            done_bounds(self.fields["given_on"].label).check(day)
        return day
