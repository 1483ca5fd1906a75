"""Recording an outage: the device, its kind and times within a sensible window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.forms import model_text, require_between
from powerdesk.outages.models import Outage

# An outage is recorded while it is on, or announced ahead; one found a while after it began
# may be entered late, but not one from years ago or decades ahead.
EARLIEST = dt.timedelta(days=30)
LATEST = dt.timedelta(days=366)


class OutageDeclareForm(forms.Form):
    device = forms.CharField(label=_("Device (name, pole or code)"), max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=Outage.Kind.choices)
    starts_at = forms.DateTimeField(label=_("From"), required=False)
    expected_restore_at = forms.DateTimeField(label=_("Power expected back"), required=False)
    cause = model_text(Outage, "cause")
    notice = model_text(Outage, "notice")

    def clean_starts_at(self) -> dt.datetime | None:
        return self._within(self.cleaned_data.get("starts_at"))

    def clean_expected_restore_at(self) -> dt.datetime | None:
        return self._within(self.cleaned_data.get("expected_restore_at"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["device"] = data.get("device", "").strip()
        # Said before the ask that counts the texts (the service says it again as it records).
        back = data.get("expected_restore_at")
        start = data.get("starts_at") or timezone.now()
        if back is not None and back <= start:
            self.add_error(
                "expected_restore_at", _("Power is expected back after the outage starts.")
            )
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
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
