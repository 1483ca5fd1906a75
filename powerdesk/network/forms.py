from django import forms
from django.utils.translation import gettext_lazy as _

from powerdesk.lib.csvfile import MAX_FILE_BYTES


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("network", _("network (id, parent, kind)")), ("customers", _("customers"))],
    )
    file = forms.FileField(label=_("CSV file (UTF-8 or GBK)"))

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 1024 // 1024}
            )
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(max_length=64)
    # The plan the page showed (its fingerprint), when drawn again after the data changed.
    fingerprint = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
