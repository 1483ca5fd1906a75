from django.contrib import admin

from powerdesk.accounts.admin_records import RecordAdmin
from powerdesk.outreach.models import HotlineCard, OutreachVisit


@admin.register(OutreachVisit)
class OutreachVisitAdmin(RecordAdmin):
    list_display = ["date", "title", "status", "households_reached", "station"]
    list_filter = ["station", "status"]
    search_fields = ["title", "notes"]
    date_hierarchy = "date"


@admin.register(HotlineCard)
class HotlineCardAdmin(RecordAdmin):
    list_display = ["customer", "given_on", "channel", "station"]
    list_filter = ["station", "channel"]
    search_fields = ["customer__name", "customer__account_number"]
    raw_id_fields = ["customer", "visit"]
