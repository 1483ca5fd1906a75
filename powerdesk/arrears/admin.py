from django.contrib import admin

from powerdesk.accounts.admin_scoping import StationScopedAdmin
from powerdesk.arrears.models import ArrearsCase


@admin.register(ArrearsCase)
class ArrearsCaseAdmin(StationScopedAdmin):
    list_display = ["customer", "amount", "owed_since", "stage", "station"]
    list_filter = ["station", "stage"]
    readonly_fields = [
        "stage",
        "notice_delivered_at",
        "liaison_contacted_at",
        "check_result",
        "approved_by",
        "approved_at",
        "disconnected_at",
        "paid_at",
    ]
    raw_id_fields = ["customer", "reconnection"]
