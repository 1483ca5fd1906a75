from django.contrib import admin

from powerdesk.accounts.admin_scoping import StationScopedAdmin
from powerdesk.outreach.models import HotlineCard, OutreachVisit


@admin.register(OutreachVisit)
class OutreachVisitAdmin(StationScopedAdmin):
    list_display = ["date", "title", "status", "households_reached", "station"]
    list_filter = ["station", "status"]
    search_fields = ["title", "notes"]
    date_hierarchy = "date"


@admin.register(HotlineCard)
class HotlineCardAdmin(StationScopedAdmin):
    list_display = ["customer", "given_on", "channel", "station"]
    list_filter = ["station", "channel"]
    search_fields = ["customer__name", "customer__account_number"]
    raw_id_fields = ["customer", "visit"]
