from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.admin_password import (
    STATION_PASSWORD_TEMPLATE,
    listed_here,
    password_form_for,
    superuser_asks,
)
from powerdesk.accounts.admin_scoping import (
    StationScopedAdmin,
    StationScopedInline,
    admin_station_ids,
    manageable_users,
)
from powerdesk.accounts.models import CountyCompany, Crew, Membership, Role, Station, User
from powerdesk.accounts.role_grants import (
    login_reset_refusal,
    membership_remove,
    membership_save,
    role_change_refusal,
    roles_grantable,
    staff_changed_tell,
)


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


class MembershipFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """The roles of a person, each given or taken only as ``role_grants`` allows the one
    saving: refused at the row's role (a row taken off: above the rows), nothing saved."""

    actor: User | None = None

    def add_fields(self, form: Any, index: int | None) -> None:
        """Offer only what the one saving may do (``role_grants``): the roles they may give,
        and a row of a role they may not take (a chief's, for a station's administrator)
        shown, not offered to change nor to delete. The check on save stays: a role sent
        anyway is refused at the row's role, a row deleted anyway above the rows."""
        super().add_fields(form, index)
        if self.actor is None:
            return
        person = self.instance if self.instance.pk is not None else None
        role = form.fields.get("role")
        if role is None:
            return
        held = form.instance.role if form.instance.pk is not None else None
        refusal = held and role_change_refusal(self.actor, person, form.instance.station_id, held)
        if refusal:
            for name in ("station", "role", "village"):
                if name in form.fields:
                    field = form.fields[name]
                    field.disabled = True
                    for link in ("can_add_related", "can_change_related", "can_delete_related"):
                        if hasattr(field.widget, link):
                            setattr(field.widget, link, False)
            role.widget.choices = [(v, label) for v, label in role.choices if v == held]
            role.widget.attrs["title"] = refusal
            if DELETION_FIELD_NAME in form.fields:
                form.fields[DELETION_FIELD_NAME].widget = forms.HiddenInput()
            return
        # At the row's station when it has one (a row stored, or sent back with a station):
        # what may be given there, not at some other station of the admin's (review53 #11c).
        offered = set(roles_grantable(self.actor, person, form.instance.station_id))
        # The widget's choices only: the field still takes any role, for the refusal to say why.
        role.widget.choices = [(v, label) for v, label in role.choices if v in offered or not v]

    def clean(self) -> None:
        super().clean()
        person = self.instance
        taken_refused = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed():
                continue
            before = form.instance.pk and Membership.objects.filter(pk=form.instance.pk).first()
            role = form.cleaned_data.get("role")
            station = form.cleaned_data.get("station")
            if self._should_delete_form(form):  # type: ignore[attr-defined]
                if before:
                    refusal = role_change_refusal(
                        self.actor, person, before.station_id, before.role
                    )
                    if refusal:
                        taken_refused.append(refusal)
                continue
            if before and (before.role, before.station_id) != (role, getattr(station, "pk", None)):
                refusal = role_change_refusal(self.actor, person, before.station_id, before.role)
                if refusal:
                    form.add_error("role", refusal)
                    continue
            if (
                role
                and station
                and (not before or (before.role, before.station_id) != (role, station.pk))
            ):
                refusal = role_change_refusal(self.actor, person, station.pk, role)
                if refusal:
                    form.add_error("role", refusal)
        if taken_refused:
            raise ValidationError(sorted(set(taken_refused)))


def _not_own(request: HttpRequest, obj: Any) -> bool:
    return not (isinstance(obj, User) and obj.pk is not None and obj.pk == request.user.pk)


class MembershipInline(StationScopedInline):
    model = Membership
    formset = MembershipFormSet

    def get_min_num(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # A user with no station would drop out of every administrator's reach but the
        # superuser's; an administrator adds people to a station of theirs.
        return 0 if admin_station_ids(request) is None else 1

    # One's own roles are shown, not offered to change: nobody gives or takes their own
    # (``role_grants``, which refuses it whatever is sent).
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _not_own(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _not_own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _not_own(request, obj) and super().has_delete_permission(request, obj)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs.setdefault("validate_min", admin_station_ids(request) is not None)
        formset = super().get_formset(request, obj, **kwargs)
        formset.actor = request.user  # type: ignore[attr-defined]
        return formset


class PasswordShownWidget(ReadOnlyPasswordHashWidget):
    """A password's kind (never the password), without the button to reset it."""

    template_name = "accounts/widgets/password_shown.html"


@admin.register(User)
class UserAdmin(StationScopedAdmin, BaseUserAdmin):  # type: ignore[misc]
    list_display = ["username", "full_name", "phone", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "memberships__station"]
    search_fields = ["username", "full_name", "phone"]
    inlines = [MembershipInline]
    # One name (PowerDesk's), not Django's first and last names besides it (walk50, 4).
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "phone", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
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

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and not request.user.is_superuser:
            # A new login of the station's always has a password (walk56, L4): the choice is
            # taken out of the form itself, not only off the page, so a posted "false" is not
            # read (review56, M3). The form class is made for this request alone.
            form.base_fields.pop("usable_password", None)
        refusal = obj is not None and login_reset_refusal(request.user, obj)  # type: ignore[arg-type]
        if not refusal:
            return form

        class LoginNotYours(form):  # type: ignore[misc, valid-type]
            """A login the user may not reset: its password shown without the "Reset
            password" button, which would only lead to a refusal (403, kept), and why."""

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                password = self.fields.get("password")
                if password is not None:
                    password.widget = PasswordShownWidget()
                    password.help_text = refusal

        return LoginNotYours

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # ``is_staff`` follows the administrator's role (``role_grants.sync_is_staff``).
        if request.user.is_superuser:
            return ("is_staff",)
        kept: tuple[str, ...] = ("is_staff", "is_superuser", "user_permissions", "groups")
        kept += ("last_login",)
        if obj is not None and login_reset_refusal(request.user, obj):  # type: ignore[arg-type]
            # A chief's or an administrator's login is the county's to turn off.
            kept += ("is_active",)
        return (*kept, "date_joined")

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> Any:
        actions = super().get_actions(request, action_location=action_location)
        if not request.user.is_superuser:
            # A station's administrator may not delete every login on the list (a chief's, an
            # administrator's, their own: ``has_delete_permission``); Django's bulk delete of
            # one of those ended on its "no permission" page (fix54c, 2). Each login they may
            # delete is deleted from its own page.
            actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        mine = obj is not None and not request.user.is_superuser
        if mine and (obj.pk == request.user.pk or login_reset_refusal(request.user, obj)):  # type: ignore[arg-type]
            return False  # oneself, or a login that is the county's
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if obj.is_superuser:
            obj.is_staff = True  # the county administrator's door
        elif obj.pk is not None:
            obj.is_staff = obj.memberships.filter(role=Role.ADMIN).exists()
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        # Through the service, which checks each role given or taken and tells the chiefs.
        actor: User = request.user  # type: ignore[assignment]
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership_remove(actor=actor, membership=membership)
        for membership in instances:
            before = Membership.objects.filter(pk=membership.pk).first() if membership.pk else None
            membership_save(actor=actor, membership=membership, before=before)

    @property  # type: ignore[override]
    def change_password_form(self) -> Any:
        # Turning password-based authentication off is the county administrator's (walk56, L4).
        return password_form_for(superuser_asks.get())

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None or request.user.is_superuser:
            return fieldsets
        # A new login of the station's always has a password (walk56, L4).
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "usable_password"]})
            for name, options in fieldsets
        ]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        person = self.get_object(request, unquote(id))
        shared = listed_here(request, unquote(id)) if person is None else None
        if person is not None or shared is not None:
            # One listed on the staff page with a login shown read-only there is refused with
            # the staff page's reason, not as one of another station (walk56, L6).
            refusal = login_reset_refusal(request.user, person or shared)  # type: ignore[arg-type]
            if refusal:
                raise PermissionDenied(refusal)
        asks = superuser_asks.set(request.user.is_superuser)
        try:
            response = super().user_change_password(request, id, form_url)
        finally:
            superuser_asks.reset(asks)
        if not request.user.is_superuser and hasattr(response, "template_name"):
            response.template_name = STATION_PASSWORD_TEMPLATE
        if (
            request.method == "POST"
            and response.status_code == 302
            and person is not None
            and person.pk != request.user.pk
        ):
            for station_id in person.station_ids():
                staff_changed_tell(
                    actor=request.user,  # type: ignore[arg-type]
                    person=person,
                    station_id=station_id,
                    password=True,
                )
        return response  # type: ignore[no-any-return]


@admin.register(Crew)
class CrewAdmin(StationScopedAdmin):
    list_display = ["name", "station", "leader", "phone", "vehicle"]
    list_filter = ["station"]
    filter_horizontal = ["members"]
