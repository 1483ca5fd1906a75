"""Forms of the accounts app: a crew's position and base."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Crew, CrewPosition
from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import named_errors


class CrewPositionForm(forms.Form):
    """Where a crew is (from the phone's location, or typed when the crew phoned in), or the
    crew's base when ``what`` is ``base``."""

    what = forms.ChoiceField(
        choices=[("position", _("position")), ("base", _("base"))], initial="position"
    )
    # Out of bounds: said naming the field ("Longitude must be at most 180."), at it.
    x = named_errors(forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180))
    y = named_errors(forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90))
    accuracy = forms.FloatField(label=_("Accuracy (m)"), required=False, min_value=0)
    source = forms.ChoiceField(choices=CrewPosition.Source.choices, required=False)
    base = named_errors(
        TypedText(
            label=_("Base"), max_length=Crew._meta.get_field("base").max_length, required=False
        )
    )
