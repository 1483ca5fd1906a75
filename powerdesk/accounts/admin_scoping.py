"""Admin pages that show a station's administrators only their own stations' rows.

A superuser sees everything. Anyone else on the admin site sees and changes only rows of the
stations where they hold the administrator role: lists, change/delete/history pages, the choices
of every select and list filter, inlines, and what a deletion would take along. A row outside
answers 404, exactly as a row that does not exist, so that its existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

from powerdesk.accounts.models import Membership, Station, User
from powerdesk.lib.forms import PhoneFieldsAdmin


def admin_station_ids(request: HttpRequest) -> set[int] | None:
    """Stations the user administers; ``None`` means all (a superuser)."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    return user.administered_station_ids()  # type: ignore[union-attr]


def station_lookup(model: type[models.Model]) -> str | None:
    """The lookup from ``model`` to its station, directly or through one foreign key."""
    if model is Station:
        return "pk"
    if _has_station(model):
        return "station"
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and _has_station(field.related_model):
            return f"{field.name}__station"
    return None


def _has_station(model: Any) -> bool:
    return any(f.name == "station" and f.concrete for f in model._meta.get_fields())


def scope(queryset: models.QuerySet[Any], ids: set[int] | None) -> models.QuerySet[Any]:
    """Rows of the administered stations; a model with no way to its station gives none."""
    if ids is None:
        return queryset
    if queryset.model is User:
        # Anyone working at one of these stations (as a choice: a crew leader, a liaison).
        members = Membership.objects.filter(station__in=ids).values("user_id")
        return queryset.filter(pk__in=members)
    lookup = station_lookup(queryset.model)
    if lookup is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__in": ids})


def manageable_users(queryset: models.QuerySet[Any], ids: set[int] | None) -> models.QuerySet[Any]:
    """Users an administrator may change: every membership at their stations, no superuser.

    A user who also works elsewhere is another station's business too: whoever sets their
    password gets into that station as well.
    """
    if ids is None:
        return queryset
    elsewhere = Membership.objects.filter(user=models.OuterRef("pk")).exclude(station__in=ids)
    return scope(queryset, ids).filter(is_superuser=False).exclude(models.Exists(elsewhere))


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A filter by a related row that offers only the rows of one's own stations."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        ids = admin_station_ids(request)
        if ids is None:
            return super().field_choices(field, request, model_admin)
        allowed = scope(field.related_model._default_manager.all(), ids).values("pk")
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to=models.Q(pk__in=allowed)
        )


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
            scope(db_field.remote_field.model._default_manager.all(), admin_station_ids(request)),
        )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "queryset",
            scope(db_field.remote_field.model._default_manager.all(), admin_station_ids(request)),
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class StationScopedAdmin(PhoneFieldsAdmin, _StationPermissions, admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows, choices, filters and permissions limited to the stations the user administers."""

    # Django's delete pages, naming the rows holding on besides the records kept (walk70 L1).
    delete_confirmation_template = "accounts/admin/delete_confirmation.html"
    delete_selected_confirmation_template = "accounts/admin/delete_selected_confirmation.html"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return scope(super().get_queryset(request), admin_station_ids(request))

    def _in_scope(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None or admin_station_ids(request) is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    # The pages already fetch objects through ``get_queryset``; the object checks are a second
    # line for every other path to an object (actions, related-object checks of a deletion).
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    def _get_obj_does_not_exist_redirect(
        self, request: HttpRequest, opts: Any, object_id: str
    ) -> HttpResponse:
        # Django answers a missing object with a redirect and a message; an administrator gets a
        # plain 404, the same for a row of another station as for one that does not exist.
        if admin_station_ids(request) is None:
            # Django's private hook for this answer (stable since Django 2.0, not in the stubs).
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)  # type: ignore[misc, no-any-return]
        raise Http404(f"{opts.verbose_name} {object_id}")

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> Any:
        """Django's change message, each changed field with its value before and after."""
        from powerdesk.accounts.admin_values import with_values

        message = super().construct_change_message(request, form, formsets, add)
        return message if add else with_values(message, form, formsets)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        """Django's history page, its lines in the reader's language (``admin_history``)."""
        from powerdesk.accounts import admin_history

        response = super().history_view(request, object_id, extra_context)
        page = getattr(response, "context_data", {}).get("action_list")
        if page is not None:
            page.object_list = list(page.object_list)
            for entry in page.object_list:
                said = admin_history.change_message(entry)
                entry.get_change_message = lambda said=said: said
        return response

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = super().get_list_filter(request)
        if admin_station_ids(request) is None:
            return filters
        return [self._scoped_filter(entry) for entry in filters]

    def _scoped_filter(self, entry: Any) -> Any:
        if not isinstance(entry, str):
            return entry
        try:
            fields = get_fields_from_path(self.model, entry)
        except FieldDoesNotExist:
            return entry
        if fields[-1].is_relation:
            return (entry, ScopedRelatedFieldListFilter)
        return entry

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        from powerdesk.accounts.admin_records import deletion_reach

        objs = list(objs)
        ids = admin_station_ids(request)
        reach = deletion_reach(objs, ids)
        if reach.kept:
            # Refused before Django's collector loads every row below (walk67, M3): the page
            # names what is being deleted, each kind of record kept that stands in the way with
            # how many, and the rows holding on to it with theirs (walk70 L1); records of another
            # station only as such (``accounts/admin/delete_confirmation.html``).
            shown, counts, _, _ = self._refused(objs, set())
            held = [] if reach.outside else reach.protected
            return shown, counts, reach.kept_counted, held
        held = reach.protected
        if held:
            # Rows holding on to what would be deleted, by kind and number (walk69, M2).
            shown, counts, _, _ = self._refused(objs, set())
            return shown, counts, set(), held
        if ids is None:
            return self._records_kept(objs, super().get_deleted_objects(objs, request))
        outside = records_outside(objs, ids)
        if not outside:
            return self._records_kept(objs, super().get_deleted_objects(objs, request))
        # Name only what is being deleted; the records elsewhere stay unnamed and the deletion
        # is refused, as for a kind of record one may not delete.
        return self._refused(objs, {gettext("records of other stations")})

    def _refused(self, objs: list[Any], why: Collection[str]) -> Any:
        """Django's answer naming only the rows being deleted, refused for ``why`` (kinds)."""
        shown = [f"{capfirst(self.opts.verbose_name)}: {obj}" for obj in objs]
        counts = {self.opts.verbose_name_plural: len(shown)}
        return shown, counts, why, []

    @staticmethod
    def _records_kept(objs: Any, found: Any) -> Any:
        """Django's answer, refused (as for a kind one may not delete) when the deletion would
        take along records of what was done or decided, or blank who did it (walk64, H2)."""
        from powerdesk.accounts.admin_records import records_taken

        deleted, counts, perms_needed, protected = found
        return deleted, counts, set(perms_needed) | records_taken(objs), protected


def records_outside(objs: Any, ids: set[int]) -> bool:
    """Whether deleting ``objs`` would take along a record of a station outside ``ids``."""
    objs = list(objs)
    if not objs:
        return False
    collector = NestedObjects(using=router.db_for_write(type(objs[0])), origin=objs)
    collector.collect(objs)
    for model, instances in collector.data.items():
        pks = [obj.pk for obj in instances]
        if model is User:
            kept = manageable_users(User.objects.filter(pk__in=pks), ids)
            if kept.count() != len(set(pks)):
                return True
            continue
        lookup = station_lookup(model)
        if lookup is None:
            # Rows with no station of their own (events, the admin log) belong to a row above
            # them, which is checked itself.
            continue
        if model._default_manager.filter(pk__in=pks).exclude(**{f"{lookup}__in": ids}).exists():
            return True
    return False


class StationScopedInline(_StationPermissions, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return scope(super().get_queryset(request), admin_station_ids(request))

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        """A row deleted here is refused, as on a delete page, when its deletion would take
        records kept along (``admin_records``): a village's group with its liaisons' work."""
        from powerdesk.accounts.admin_records import records_taken

        formset = super().get_formset(request, obj, **kwargs)

        class KeepsRecords(formset):  # type: ignore[misc, valid-type]
            def clean(self) -> None:
                super().clean()
                refused = []
                for form in self.deleted_forms:
                    taken = form.instance.pk is not None and records_taken([form.instance])
                    if taken:
                        refused.append(
                            gettext(
                                "“%(row)s” is not deleted here: it would take along records "
                                "kept (%(kinds)s)."
                            )
                            % {
                                "row": form.instance,
                                "kinds": pgettext("list separator", ", ").join(sorted(taken)),
                            }
                        )
                if refused:
                    raise ValidationError(refused)

        return KeepsRecords
