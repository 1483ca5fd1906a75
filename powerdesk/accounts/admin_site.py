"""The admin site: Django's, under the product's name, with a "view on site" shortcut that keeps
to one's stations."""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext, gettext_lazy

# Django's own message for a missing object, so that an object of another station gets the very
# same answer (translated by Django's catalog, hence not a literal msgid here).
MISSING = "Content type %(ct_id)s object %(obj_id)s doesn’t exist"


class PowerDeskAdminConfig(AdminConfig):
    default_site = "powerdesk.accounts.admin_site.PowerDeskAdminSite"


class PowerDeskAdminSite(AdminSite):
    # The product's name on every admin page (the browser's tab and the header), not Django's.
    site_header = gettext_lazy("PowerDesk administration")
    site_title = gettext_lazy("PowerDesk administration")

    def get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super().get_urls()
        for i, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                view = self.admin_view(self.view_on_site)
                urls[i] = path(
                    "r/<path:content_type_id>/<path:object_id>/", view, name="view_on_site"
                )
        return urls

    def view_on_site(
        self, request: HttpRequest, content_type_id: str, object_id: str
    ) -> HttpResponse:
        """Django's shortcut, for the objects the user may see in the admin only."""
        from django.contrib.contenttypes.views import shortcut

        from powerdesk.accounts.admin_scoping import admin_station_ids

        if admin_station_ids(request) is not None and not self._visible(
            request, content_type_id, object_id
        ):
            raise Http404(gettext(MISSING) % {"ct_id": content_type_id, "obj_id": object_id})
        return shortcut(request, content_type_id, object_id)

    def _visible(self, request: HttpRequest, content_type_id: str, object_id: str) -> bool:
        from django.contrib.contenttypes.models import ContentType

        from powerdesk.accounts.admin_scoping import admin_station_ids, scope

        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError):
            return True  # Django answers an unknown content type alike for everyone
        if model is None:
            return True
        model_admin: Any = self._registry.get(model)
        try:
            if model_admin is None:
                # Not in the admin (edited inline, or not at all): by its station alone.
                queryset = scope(model._default_manager.all(), admin_station_ids(request))
                return queryset.filter(pk=object_id).exists()
            obj = model_admin.get_queryset(request).filter(pk=object_id).first()
        except (ValueError, ValidationError):
            return False
        return obj is not None and model_admin.has_view_or_change_permission(request, obj)
