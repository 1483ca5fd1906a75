from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.utils import timezone

from powerdesk.accounts.admin_scoping import StationScopedAdmin, StationScopedInline
from powerdesk.customers.models import (
    ADMIN_SOURCE,
    Customer,
    CustomerHistory,
    CustomerPhone,
    customer_history_rows,
    history_value,
)
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

    # A change made here writes the customer's history lines as the site's own changes do
    # (review 37, 6): a customer import's plan checks the newest of them (``import_stamp``), so
    # a phone fixed in place or a customer moved meanwhile is planned again, not applied stale.

    def save_model(self, request: Any, obj: Customer, form: Any, change: bool) -> None:
        before = Customer.objects.filter(pk=obj.pk).first() if change and obj.pk else None
        super().save_model(request, obj, form, change)
        if before is None:
            entries = [("", "", obj.name)]
        else:
            names = [n for n in form.changed_data if n in _HISTORY_FIELDS]
            entries = [(n, history_value(before, n), history_value(obj, n)) for n in names]
            entries = [e for e in entries if e[1] != e[2]]
            if before.medical_need != obj.medical_need:
                # Its arrears cases' stored block follows the flag (the list, the approvals).
                from powerdesk.arrears.blocks import blocks_followed

                blocks_followed([obj.pk])
        _write(request, obj, entries)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not CustomerPhone:
            super().save_formset(request, form, formset, change)
            return
        # The numbers as they were, read before the forms write over their instances.
        was = {f.instance.pk: f.initial.get("number", "") for f in formset.initial_forms}
        gone = [f.initial.get("number", "") for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)
        entries = [("phones", "", p.number) for p in formset.new_objects]
        entries += [
            ("phones", was.get(p.pk, ""), p.number)
            for p, changed in formset.changed_objects
            if "number" in changed and was.get(p.pk, "") != p.number
        ]
        entries += [("phones", number, "") for number in gone if number]
        _write(request, form.instance, entries)

    def get_changeform_initial_data(self, request: Any) -> dict[str, Any]:
        # A customer added now is served from today (``Customer.connected_on``).
        initial = super().get_changeform_initial_data(request)
        return {"connected_on": timezone.localdate(), **initial}


# The customer's fields its history names (the record's own, not the station it belongs to).
_HISTORY_FIELDS = {
    f.name for f in Customer._meta.concrete_fields if f.name not in ("id", "station", "created_at")
}


def _write(request: Any, customer: Customer, entries: list[tuple[str, str, str]]) -> None:
    if entries:
        CustomerHistory.objects.bulk_create(
            customer_history_rows(
                customer, entries, at=timezone.now(), by=request.user, source=ADMIN_SOURCE
            )
        )
