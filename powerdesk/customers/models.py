"""Customers: one metered household or business, with the phones it calls from."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.lib.models import AppendOnlyModel, StationQuerySet
from powerdesk.lib.phones import format_phone
from powerdesk.network.models import GridNode

if TYPE_CHECKING:
    from powerdesk.accounts.models import User


class CustomerType(models.TextChoices):
    """What a customer is, for who gets power back first (``outages.priority``)."""

    HOUSEHOLD = "household", _("household")
    CLINIC = "clinic", _("clinic or hospital")
    WATER_PUMP = "water_pump", _("drinking-water pump")
    SCHOOL = "school", _("school")
    IMPORTANT = "important", _("other important customer")


class Customer(models.Model):
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="customers", verbose_name=_("station")
    )
    account_number = models.CharField(_("account number"), max_length=30)
    name = models.CharField(_("name"), max_length=60)
    address = models.CharField(_("address"), max_length=200, blank=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="customers",
        verbose_name=_("village"),
    )
    group = models.ForeignKey(
        VillageGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="customers",
        verbose_name=_("village group"),
    )
    transformer = models.ForeignKey(
        GridNode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="customers",
        limit_choices_to={"kind": "transformer"},
        verbose_name=_("transformer area"),
    )
    elderly_alone = models.BooleanField(_("elderly living alone"), default=False)
    important = models.BooleanField(_("important customer"), default=False)
    hardship = models.BooleanField(_("hardship"), default=False)
    medical_need = models.BooleanField(_("medical need"), default=False)
    has_smart_meter = models.BooleanField(_("smart meter reports"), default=False)
    customer_type = models.CharField(
        _("customer type"),
        max_length=12,
        choices=CustomerType.choices,
        default=CustomerType.HOUSEHOLD,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The first day the customer is served: a reliability figure of a period counts only those
    # connected by its last day, so a month already reported keeps its customers when more are
    # imported later. Empty: connected before the station kept this date (every customer
    # recorded before it was added), counted in every period.
    connected_on = models.DateField(
        _("connected on"),
        null=True,
        blank=True,
        help_text=_(
            "Reliability figures count the customer from this day. Empty: connected before "
            "the station kept this date."
        ),
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        # Named apart from the staff's accounts (``accounts.User``) in the admin.
        verbose_name = _("electricity customer")
        verbose_name_plural = _("electricity customers")
        ordering = ["account_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "account_number"], name="customer_unique_account"
            )
        ]
        indexes = [models.Index(fields=["station", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.account_number})"

    def get_absolute_url(self) -> str:
        return reverse("customers:detail", args=[self.pk])

    @property
    def flags(self) -> list[str]:
        """Labels of the care flags that are set, for badges."""
        labels = {
            "elderly_alone": _("elderly living alone"),
            "hardship": _("hardship"),
            "medical_need": _("medical need"),
            "important": _("important customer"),
        }
        return [str(label) for name, label in labels.items() if getattr(self, name)]


class CustomerPhone(models.Model):
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="phones", verbose_name=_("customer")
    )
    number = models.CharField(_("number (E.164)"), max_length=20, db_index=True)
    label = models.CharField(_("label"), max_length=30, blank=True)

    station_field = "customer__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.UniqueConstraint(fields=["customer", "number"], name="customer_phone_unique")
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return format_phone(self.number)


# The fields a customer's history names, with their labels; the care flags first.
CARE_FLAGS = ("medical_need", "elderly_alone", "hardship", "important")
_BOOLEAN_FIELDS = {*CARE_FLAGS, "has_smart_meter"}


def history_field_label(field: str) -> str:
    """The label of a field named in a customer's history."""
    if field == "phones":
        return str(_("phone"))
    if not field:
        return str(_("created"))
    return str(getattr(Customer._meta.get_field(field), "verbose_name", field))


class CustomerHistory(AppendOnlyModel):
    """The append-only history of a customer's record: which field changed from what to what,
    when, by whom and from where (``import customers.csv``)."""

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="history", verbose_name=_("customer")
    )
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    source = models.CharField(_("source"), max_length=250)
    # A Customer field name, "phones" for a phone added, or empty when the record was created.
    field = models.CharField(_("field"), max_length=30, blank=True)
    old_value = models.CharField(_("old value"), max_length=300, blank=True)
    new_value = models.CharField(_("new value"), max_length=300, blank=True)

    station_field = "customer__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("customer history")
        verbose_name_plural = _("customer history")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["customer", "at"])]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.field}"

    @property
    def field_label(self) -> str:
        return history_field_label(self.field)

    @property
    def source_display(self) -> str:
        """Where the change came from, in the reader's language: an import's file, a call's
        time (stored as ``import <file>``, ``call <time>``; a call's stored before in the
        station's words, "2026-12-01 10:42 的来电", is read back by that wording)."""
        if self.source == ADMIN_SOURCE:
            return str(_("the administration site"))
        if self.source.startswith("import "):
            return str(_("import of %(file)s") % {"file": self.source.removeprefix("import ")})
        time = call_source_time(self.source)
        if time is not None:
            return str(_("call of %(time)s") % {"time": time})
        return self.source

    @property
    def old_display(self) -> str:
        return history_value_display(self.field, self.old_value)

    @property
    def new_display(self) -> str:
        return history_value_display(self.field, self.new_value)

    @property
    def is_care_flag(self) -> bool:
        return self.field in CARE_FLAGS


def customer_history_rows(
    customer: Customer,
    entries: list[tuple[str, str, str]],
    *,
    at: dt.datetime,
    by: User | None,
    source: str,
) -> list[CustomerHistory]:
    """The history lines, not yet stored, of one change of ``customer`` (``entries``: the
    field, its old and its new value; a record created is one line of no field, its name)."""
    return [
        CustomerHistory(
            customer=customer,
            at=at,
            by=by,
            source=source,
            field=field_name,
            old_value=old,
            new_value=new,
        )
        for field_name, old, new in entries
    ]


# The source of a history line written by the Django admin site (review 37, 6).
ADMIN_SOURCE = "admin"


def history_value(customer: Customer, field: str) -> str:
    """``customer``'s ``field`` as its history stores it: a village's or group's name, a
    transformer's code, a flag ``1``/``0``, a date in ISO form, else the text."""
    value = getattr(customer, field)
    if field in ("village", "group"):
        return value.name if value is not None else ""
    if field == "transformer":
        return value.code if value is not None else ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return "" if value is None else str(value)[:300]


def history_value_display(field: str, value: str) -> str:
    """A value as a customer's history stores it (``1``/``0``, names, codes), for people."""
    if field in _BOOLEAN_FIELDS:
        return str(_("yes") if value == "1" else _("no"))
    if field == "phones" and value:
        return format_phone(value)
    if field == "customer_type" and value in CustomerType.values:
        # The type's name, not its code (walkthrough 31, finding 12: "用户类型：clinic").
        return str(CustomerType(value).label)
    return value or "—"


# A phone number learnt from a call: the call's time (``YYYY-MM-DD HH:MM``).
CALL_SOURCE = "call "


def call_source_time(source: str) -> str | None:
    """The time of the call a history row's ``source`` names, None when it names none."""
    from powerdesk.lib.language import station_language

    stored = re.fullmatch(re.escape(CALL_SOURCE) + r"(\d{4}-\d\d-\d\d \d\d:\d\d)", source)
    if stored is not None:
        return stored.group(1)
    with station_language():
        wording = str(_("call of %(time)s"))
    pattern = re.escape(wording).replace(re.escape("%(time)s"), r"(\d{4}-\d\d-\d\d \d\d:\d\d)")
    found = re.fullmatch(pattern, source)
    return found.group(1) if found is not None else None
