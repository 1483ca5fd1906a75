"""Recording an outage: the device, its kind and times within a sensible window; announcing
and moving planned work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import model_text, named_errors, require_between
from powerdesk.lib.plain import PlainText
from powerdesk.outages.models import Outage
from powerdesk.outages.time_bounds import PLANNED_LATEST, fault_start_problem, restore_bounds

# An outage is recorded while it is on, or announced ahead; one found a while after it began
# may be entered late, but not one from years ago or decades ahead.
EARLIEST = dt.timedelta(days=30)
LATEST = dt.timedelta(days=366)
# A cause goes into the households' text message and onto the public page: a few words
# ("lightning struck the fuse at pole 02"), in plain words (walkthrough 36, #8).
CAUSE_LONGEST = 60


def cause_field() -> forms.CharField:
    """An outage's free-text cause: short, plain words."""
    field = model_text(Outage, "cause")
    field.max_length = CAUSE_LONGEST
    field.widget.attrs["maxlength"] = str(CAUSE_LONGEST)
    field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
    field.validators.append(MaxLengthValidator(CAUSE_LONGEST))
    field.validators.append(PlainText(field.label))
    return field


def notice_field() -> forms.CharField:
    """What to tell callers: plain words (read to callers, shown to liaisons, texted)."""
    field = model_text(Outage, "notice")
    field.validators.append(PlainText(field.label))
    return field


class OutageDeclareForm(forms.Form):
    device = named_errors(forms.CharField(label=_("Device (name, pole or code)"), max_length=60))
    kind = forms.ChoiceField(label=_("Kind"), choices=Outage.Kind.choices)
    starts_at = forms.DateTimeField(label=_("From"), required=False)
    expected_restore_at = forms.DateTimeField(label=_("Power expected back"), required=False)
    cause = cause_field()
    notice = notice_field()

    def clean_starts_at(self) -> dt.datetime | None:
        start = self.cleaned_data.get("starts_at")
        if start is not None and self.cleaned_data.get("kind") == Outage.Kind.UNPLANNED:
            # A fault has already begun: the range said ends now (one typed ahead of now is
            # told why in ``clean``: ``fault_start_problem``).
            now = timezone.now()
            if start < now - EARLIEST:
                require_between(start, now - EARLIEST, now)
            return start
        return self._within(start)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["device"] = data.get("device", "").strip()
        # Said before the ask that counts the texts (the service says it again as it records),
        # each at its field, what was typed kept.
        now = timezone.now()
        fault = data.get("kind") == Outage.Kind.UNPLANNED
        start = data.get("starts_at")
        if fault and start is not None:
            problem = fault_start_problem(start, now)
            if problem:
                self.add_error("starts_at", problem)
            else:
                # A few minutes ahead is the typing machine's clock: on now, so asked first.
                data["starts_at"] = min(start, now)
        back = data.get("expected_restore_at")
        if back is not None and "kind" in data:
            said = restore_bounds(
                starts_at=data.get("starts_at"),  # (none when refused above: now)
                now=now,
                planned=not fault,
            ).problem(back)
            if said:
                self.add_error("expected_restore_at", said)
        return data

    @staticmethod
    def _within(value: dt.datetime | None) -> dt.datetime | None:
        if value is not None:
            now = timezone.now()
            require_between(value, now - EARLIEST, now + LATEST)
        return value


class OutageRestoreForm(forms.Form):
    """When power came back: now unless told otherwise (the service checks the start)."""

    at = forms.DateTimeField(label=_("Power back at"), required=False)
    note = named_errors(TypedText(label=_("Note"), max_length=300, required=False))


# -- the planned outages page (``planned_views``) --------------------------------------------


class _Window(forms.Form):
    starts_at = forms.DateTimeField(label=_("From"))
    ends_at = forms.DateTimeField(label=_("Power expected back"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        now = timezone.now()
        for name in ("starts_at", "ends_at"):
            if data.get(name) is not None:
                try:
                    require_between(data[name], now, now + PLANNED_LATEST)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data


class PlannedOutageForm(_Window):
    device = named_errors(forms.CharField(label=_("Device (code or name)"), max_length=100))
    cause = cause_field()
    notice = notice_field()
    # The chief's reason for announcing with less than the station's notice (the service
    # refuses it to anyone else).
    short_notice_reason = named_errors(
        TypedText(label=_("Why at shorter notice (the chief)"), max_length=200, required=False)
    )


class RescheduleForm(_Window):
    reason = named_errors(TypedText(label=_("Reason"), max_length=200))
    short_notice = forms.BooleanField(
        label=_("Accept a shorter notice (the chief)"), required=False
    )
    # Sent with the text in force; absent (None) from a form of before it was offered.
    notice = named_errors(
        TypedText(
            label=_("What to tell callers"),
            max_length=300,
            required=False,
            validators=[PlainText(_("What to tell callers"))],
        )
    )
