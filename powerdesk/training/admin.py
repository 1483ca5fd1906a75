from django.contrib import admin

from powerdesk.accounts.admin_records import RecordAdmin
from powerdesk.accounts.admin_scoping import StationScopedAdmin
from powerdesk.training.models import SelfStudy, TrainingPlan, TrainingSession


@admin.register(TrainingPlan)
class TrainingPlanAdmin(StationScopedAdmin):
    list_display = ["year", "station", "hours_per_person"]
    list_filter = ["station"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(RecordAdmin):
    list_display = ["date", "topic", "trainer", "hours", "station"]
    list_filter = ["station"]
    search_fields = ["topic", "trainer"]
    date_hierarchy = "date"


@admin.register(SelfStudy)
class SelfStudyAdmin(RecordAdmin):
    list_display = ["date", "person", "topic", "hours", "station"]
    list_filter = ["station"]
    search_fields = ["topic", "person__full_name"]
