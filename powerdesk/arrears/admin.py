"""Arrears cases on the admin site: seen, never changed nor deleted there (walk64, H2).

A case is opened, and moved on step by step, on its own page, each step in its history; the
chief's approval of a disconnection is a decision on record. The admin site's form would change
the record past its history, and its deletion would take the history along.
"""

from django.contrib import admin

from powerdesk.accounts.admin_records import RecordAdmin
from powerdesk.arrears.models import ArrearsCase


@admin.register(ArrearsCase)
class ArrearsCaseAdmin(RecordAdmin):
    list_display = ["customer", "amount", "owed_since", "stage", "station"]
    list_filter = ["station", "stage"]
    raw_id_fields = ["customer", "reconnection"]
