from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.utils import timezone

from powerdesk.accounts.admin_scoping import StationScopedAdmin, StationScopedInline
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone


class CustomerPhoneForm(ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CustomerPhone
        fields = ["number", "label"]

    def clean_number(self) -> str:
        try:
            return normalize_phone(self.cleaned_data["number"])
        except InvalidPhoneNumber as exc:
            raise ValidationError(str(exc)) from None


class CustomerPhoneInline(StationScopedInline):
    model = CustomerPhone
    form = CustomerPhoneForm


@admin.register(Customer)
class CustomerAdmin(StationScopedAdmin):
    list_display = ["account_number", "name", "village", "group", "transformer", "station"]
    list_filter = [
        "station",
        "customer_type",
        "elderly_alone",
        "hardship",
        "medical_need",
        "important",
    ]
    search_fields = ["account_number", "name", "address", "phones__number"]
    raw_id_fields = ["transformer"]
    inlines = [CustomerPhoneInline]

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("village", "group", "transformer")

    def get_changeform_initial_data(self, request: Any) -> dict[str, Any]:
        # A customer added now is served from today (``Customer.connected_on``).
        initial = super().get_changeform_initial_data(request)
        return {"connected_on": timezone.localdate(), **initial}
