"""The village page's forms (a liaison added or retired, a contact recorded), and the liaison's
report for a villager and "power is back in my group"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from powerdesk.community.liaison_records import VILLAGER_NAME_CHARS
from powerdesk.community.models import Liaison, LiaisonActivity, Village, VillageGroup
from powerdesk.lib.form_text import TypedText
from powerdesk.lib.forms import PhoneField, model_text, named_errors, village_groups_only
from powerdesk.lib.user_text import cleaned

if TYPE_CHECKING:
    from powerdesk.outages.models import Outage

# What a liaison types on a phone about one problem.
REPORT_CHARS = 2000


class VillagePostForm(forms.Form):
    """Every text the village page posts, as long as the column it goes into."""

    name = model_text(Liaison, "name")
    # Checked as a number by the service, with the station's area code.
    phone = named_errors(forms.CharField(label=_("Phone"), max_length=40, required=False))
    # The reason is written into the contact log's note with the liaison's name.
    reason = named_errors(TypedText(label=_("Reason"), max_length=200, required=False))
    note = model_text(LiaisonActivity, "note")


class LiaisonReportForm(forms.Form):
    """A problem a liaison reports for a villager: the village group it is in, chosen (no group
    is taken by default: the first one's name would be sent for a problem elsewhere), what it
    is, and the villager's name and number if the liaison gives them."""

    group = forms.TypedChoiceField(
        label=_("Village group"),
        coerce=int,
        empty_value=None,
        error_messages={"required": _("Choose the village group the problem is in.")},
    )
    text = forms.CharField(
        label=_("What the problem is"),
        strip=False,  # as typed, for the call's note
        widget=forms.Textarea(attrs={"rows": 3}),  # no maxlength: too long, refused (never cut)
        error_messages={"required": _("Say what the problem is.")},
    )
    villager_name = named_errors(
        TypedText(label=_("Villager's name"), max_length=VILLAGER_NAME_CHARS, required=False)
    )
    villager_phone = PhoneField(label=_("Villager's number"), required=False)

    def __init__(
        self,
        *args: object,
        village: Village,
        groups: list[VillageGroup],
        area_code: str = "",
        **kwargs: object,
    ) -> None:
        """``groups``: the village's; ``area_code``: the station's, for a landline's number."""
        kwargs.setdefault("auto_id", f"id_%s_{village.pk}")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.village = village
        group = self.fields["group"]
        group.choices = [("", _("— choose the group —")), *((g.pk, g.name) for g in groups)]  # type: ignore[attr-defined, union-attr]
        # A village without groups reports for the village.
        group.required = bool(groups)
        # A group not offered (another village's, a stale page): the village's own are named
        # (Django formats this message with the value sent: a "%" in a name is doubled).
        said = village_groups_only(village.name, [g.name for g in groups])
        group.error_messages["invalid_choice"] = said.replace("%", "%%")
        self.fields["villager_phone"].area_code = area_code  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text: str = cleaned(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Say what the problem is."))
        if len(text) > REPORT_CHARS:
            raise forms.ValidationError(
                _("%(field)s is too long: at most %(n)s characters.")
                % {"field": _("What the problem is"), "n": REPORT_CHARS}
            )
        return text


class PowerBackForm(forms.Form):
    """A liaison's "power is back in my group" for one outage: the group chosen (none is taken
    by default: the first one's name would be said for a group maybe still dark), one of the
    village's groups below the outage's device (``under``); a village with none says it for
    the village."""

    group = forms.TypedChoiceField(
        label=_("Village group"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Choose the village group where power is back."),
            "invalid_choice": _("That group is not supplied through the outage's device."),
        },
    )

    def __init__(
        self,
        *args: object,
        village: Village,
        outage: Outage,
        under: list[VillageGroup],
        **kwargs: object,
    ) -> None:
        kwargs.setdefault("auto_id", f"id_%s_{village.pk}_{outage.pk}")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.village, self.outage = village, outage
        group = self.fields["group"]
        group.choices = [("", _("— choose the group —")), *((g.pk, g.name) for g in under)]  # type: ignore[attr-defined, union-attr]
        group.required = bool(under)

    def chosen(self) -> VillageGroup | None:
        """The group chosen (after ``is_valid``)."""
        pk = self.cleaned_data.get("group")
        return self.village.groups.filter(pk=pk).first() if pk else None
