"""The admin site: Django's, under the product's name, with a "view on site" shortcut that keeps
to one's stations."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.i18n import JavaScriptCatalog

# Django's own message for a missing object, so that an object of another station gets the very
# same answer (translated by Django's catalog, hence not a literal msgid here).
MISSING = "Content type %(ct_id)s object %(obj_id)s doesn’t exist"


NOT_FOR_YOU = gettext_lazy(
    "The administration pages are for the station's administrator. Your work is on your own pages."
)


def _not_for(site: AdminSite, request: HttpRequest) -> bool:
    """Signed in, and not one the admin site is for (logging out stays open to them)."""
    user = request.user
    return (
        user.is_authenticated
        and user.is_active
        and not site.has_permission(request)
        and request.path != reverse("admin:logout", current_app=site.name)
    )


class _AdminJavaScriptCatalog(JavaScriptCatalog):
    def get_catalog(self) -> dict[str, Any]:
        from powerdesk.accounts.admin_words import DJANGO_JS_PLURALS, django_js_words

        catalog: dict[str, Any] = super().get_catalog()
        forms = max(1, int(self._num_plurals))  # type: ignore[attr-defined]
        # One form for each plural of the language, each the project's word for a count that
        # takes that form (Chinese: one form).
        said = [django_js_words(n) for n in (1, 2, 5)][:forms]
        for i, (singular, _plural) in enumerate(DJANGO_JS_PLURALS):
            ours = [words[i] for words in said]
            if singular not in catalog and ours[0] != singular:
                catalog[singular] = ours
        return catalog


class PowerDeskAdminConfig(AdminConfig):
    default_site = "powerdesk.accounts.admin_site.PowerDeskAdminSite"


class PowerDeskAdminSite(AdminSite):
    # The product's name on every admin page (the browser's tab and the header), not Django's.
    site_header = gettext_lazy("PowerDesk administration")
    site_title = gettext_lazy("PowerDesk administration")

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Django's guard, with a signed-in member of staff the site is not for (a crew member,
        a clerk, a liaison: no ``is_staff``) answered by the product's own 403 page, as every
        other page they may not open, not by the admin's login form."""
        guarded = super().admin_view(view, cacheable)

        @functools.wraps(guarded)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if _not_for(self, request):
                raise PermissionDenied(NOT_FOR_YOU)
            return guarded(request, *args, **kwargs)

        return inner

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if _not_for(self, request):
            raise PermissionDenied(NOT_FOR_YOU)
        return super().login(request, extra_context)

    def i18n_javascript(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """Django's catalogue for the admin's JavaScript, with the words Django has no
        Chinese for taken from the project's catalogue (``admin_words``, walk64 L4)."""
        return _AdminJavaScriptCatalog.as_view(packages=["django.contrib.admin"])(request)

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
