from django.contrib import admin

from powerdesk.accounts.admin_scoping import StationScopedAdmin, StationScopedInline
from powerdesk.community.models import Liaison, Village, VillageGroup


class VillageGroupInline(StationScopedInline):
    model = VillageGroup
    fields = ["name", "no_road_access", "station"]


@admin.register(Village)
class VillageAdmin(StationScopedAdmin):
    list_display = ["name", "station", "no_road_access", "walk_minutes"]
    list_filter = ["station", "no_road_access"]
    search_fields = ["name"]
    inlines = [VillageGroupInline]


@admin.register(VillageGroup)
class VillageGroupAdmin(StationScopedAdmin):
    list_display = ["name", "village", "station", "no_road_access"]
    list_filter = ["station", "no_road_access"]
    search_fields = ["name", "village__name"]


@admin.register(Liaison)
class LiaisonAdmin(StationScopedAdmin):
    list_display = ["name", "role", "village", "group", "phone", "active", "station"]
    list_filter = ["station", "role", "active"]
    search_fields = ["name", "phone", "village__name"]
