"""The village page's forms: a liaison added or retired, a contact recorded."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from powerdesk.community.models import Liaison, LiaisonActivity
from powerdesk.lib.forms import model_text


class VillagePostForm(forms.Form):
    """Every text the village page posts, as long as the column it goes into."""

    name = model_text(Liaison, "name")
    # Checked as a number by the service, with the station's area code.
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    # The reason is written into the contact log's note with the liaison's name.
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    note = model_text(LiaisonActivity, "note")
