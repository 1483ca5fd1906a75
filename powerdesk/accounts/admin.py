from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.admin_scoping import StationScopedAdmin, StationScopedInline
from powerdesk.accounts.models import CountyCompany, Crew, Membership, Station, User


@admin.register(CountyCompany)
class CountyCompanyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name"]


@admin.register(Station)
class StationAdmin(StationScopedAdmin):
    list_display = ["name", "code", "company", "phone", "area_code"]
    search_fields = ["name", "code"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser


class MembershipInline(StationScopedInline):
    model = Membership

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        from powerdesk.accounts.admin_scoping import admin_station_ids

        queryset = super().get_queryset(request)
        ids = admin_station_ids(request)
        return queryset if ids is None else queryset.filter(station__in=ids)


@admin.register(User)
class UserAdmin(StationScopedAdmin, BaseUserAdmin):  # type: ignore[misc]
    list_display = ["username", "full_name", "phone", "is_active", "last_login"]
    search_fields = ["username", "full_name", "phone"]
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("PowerDesk"), {"fields": ("full_name", "phone")}),
    )

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        if request.user.is_superuser:
            return ()
        return ("is_superuser", "user_permissions", "groups", "last_login", "date_joined")


@admin.register(Crew)
class CrewAdmin(StationScopedAdmin):
    list_display = ["name", "station", "leader", "phone", "vehicle"]
    list_filter = ["station"]
    filter_horizontal = ["members"]
