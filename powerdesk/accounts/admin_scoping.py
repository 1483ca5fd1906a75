"""Admin pages that show a station's administrators only their own stations' rows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from powerdesk.accounts.models import Station


def admin_station_ids(request: HttpRequest) -> set[int] | None:
    """Stations the user administers; ``None`` means all (a superuser)."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    return user.administered_station_ids()  # type: ignore[union-attr]


def _scope(queryset: models.QuerySet[Any], ids: set[int] | None) -> models.QuerySet[Any]:
    if ids is None:
        return queryset
    model = queryset.model
    if model is Station:
        return queryset.filter(pk__in=ids)
    field_names = {f.name for f in model._meta.get_fields()}
    if "station" in field_names:
        return queryset.filter(station__in=ids)
    if model._meta.label == "accounts.User":
        return queryset.filter(memberships__station__in=ids).distinct()
    return queryset


class _StationPermissions:
    """Administrators of some station may use these pages; what they see is scoped."""

    def _may(self, request: HttpRequest) -> bool:
        ids = admin_station_ids(request)
        return ids is None or bool(ids)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._may(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may(request)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "queryset",
            _scope(db_field.remote_field.model._default_manager.all(), admin_station_ids(request)),
        )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class StationScopedAdmin(_StationPermissions, admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows, choices and permissions limited to the stations the user administers."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return _scope(super().get_queryset(request), admin_station_ids(request))

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "queryset",
            _scope(db_field.remote_field.model._default_manager.all(), admin_station_ids(request)),
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StationScopedInline(_StationPermissions, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
