from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.admin_scoping import (
    StationScopedAdmin,
    StationScopedInline,
    admin_station_ids,
    manageable_users,
)
from powerdesk.accounts.models import CountyCompany, Crew, Membership, Station, User


@admin.register(CountyCompany)
class CountyCompanyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name"]


@admin.register(Station)
class StationAdmin(StationScopedAdmin):
    list_display = ["name", "code", "company", "phone", "area_code"]
    search_fields = ["name", "code"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Which company a station belongs to is the county's decision, not the station's.
        if request.user.is_superuser:
            return ()
        return ("company",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


class MembershipInline(StationScopedInline):
    model = Membership

    def get_min_num(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # A user with no station would drop out of every administrator's reach but the
        # superuser's; an administrator adds people to a station of theirs.
        return 0 if admin_station_ids(request) is None else 1

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs.setdefault("validate_min", admin_station_ids(request) is not None)
        return super().get_formset(request, obj, **kwargs)


@admin.register(User)
class UserAdmin(StationScopedAdmin, BaseUserAdmin):  # type: ignore[misc]
    list_display = ["username", "full_name", "phone", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "memberships__station"]
    search_fields = ["username", "full_name", "phone"]
    inlines = [MembershipInline]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("PowerDesk"), {"fields": ("full_name", "phone")}),
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        # Only users wholly of one's own stations: setting the password of someone who also
        # works elsewhere would open that other station too.
        return manageable_users(super().get_queryset(request), admin_station_ids(request))

    def get_list_filter(self, request: HttpRequest) -> Any:
        if request.user.is_superuser:
            return self.list_filter
        # Groups and superusers are the county's business; the station filter offers only
        # one's own stations.
        kept = [f for f in self.list_filter if f not in ("is_superuser", "groups")]
        return [self._scoped_filter(f) for f in kept]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser:
            return ()
        return ("is_superuser", "user_permissions", "groups", "last_login", "date_joined")


@admin.register(Crew)
class CrewAdmin(StationScopedAdmin):
    list_display = ["name", "station", "leader", "phone", "vehicle"]
    list_filter = ["station"]
    filter_horizontal = ["members"]
