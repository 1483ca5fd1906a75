"""A radial distribution network stored as one tree of grid nodes per feeder.

Each element (outlet breaker, recloser, fuse, transformer, pole, ...) is a ``GridNode`` with a
``parent`` link towards the substation, which is exactly the shape the outage engine reads.
Proxy models give transformers, protective devices and poles their own admin and list pages.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village
from powerdesk.lib.models import StationQuerySet


class Feeder(models.Model):
    """A 10kV feeder (10kV线路) leaving a substation."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="feeders", verbose_name=_("station")
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    substation = models.CharField(_("substation"), max_length=60, blank=True)
    voltage_kv = models.DecimalField(_("voltage (kV)"), max_digits=5, decimal_places=1, default=10)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("feeder")
        verbose_name_plural = _("feeders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["station", "code"], name="feeder_unique_code")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:feeder", args=[self.pk])


class NodeKind(models.TextChoices):
    SOURCE = "source", _("outlet breaker")
    RECLOSER = "recloser", _("recloser")
    SECTIONALIZER = "sectionalizer", _("sectionaliser")
    FUSE = "fuse", _("drop-out fuse")
    SWITCH = "switch", _("switch")
    TRANSFORMER = "transformer", _("distribution transformer")
    POLE = "pole", _("pole")
    NODE = "node", _("junction")


PROTECTIVE_KINDS = (
    NodeKind.SOURCE,
    NodeKind.RECLOSER,
    NodeKind.SECTIONALIZER,
    NodeKind.FUSE,
    NodeKind.SWITCH,
)


class GridNode(models.Model):
    """One element of a feeder's radial tree."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="grid_nodes", verbose_name=_("station")
    )
    feeder = models.ForeignKey(
        Feeder, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("feeder")
    )
    code = models.CharField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=NodeKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    line_name = models.CharField(
        _("line"), max_length=60, blank=True, help_text=_("Backbone or branch line, e.g. 哔叭支线")
    )
    pole_number = models.CharField(_("pole number"), max_length=20, blank=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grid_nodes",
        verbose_name=_("village"),
    )
    x = models.FloatField(_("longitude"), null=True, blank=True)
    y = models.FloatField(_("latitude"), null=True, blank=True)
    lightning_zone = models.BooleanField(_("lightning zone"), default=False)
    install_year = models.PositiveSmallIntegerField(_("install year"), null=True, blank=True)
    capacity_kva = models.PositiveIntegerField(_("capacity (kVA)"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("grid element")
        verbose_name_plural = _("grid elements")
        ordering = ["feeder", "code"]
        constraints = [
            models.UniqueConstraint(fields=["station", "code"], name="grid_node_unique_code")
        ]
        indexes = [models.Index(fields=["station", "kind"])]

    def __str__(self) -> str:
        return self.name or self.code

    def get_absolute_url(self) -> str:
        return reverse("network:node", args=[self.pk])

    def clean(self) -> None:
        """A parent on the element's own feeder (and station): each feeder is one radial tree
        from its outlet breaker, with no tie to another feeder nor a feeder fed from another's
        bus, so what is below a device is found on its feeder alone (``selectors.subtree_ids``,
        an outage inside a restored one: ``outages.still_dark_said``). The network import keeps
        it so (each element filed under its root's feeder, and an element moved to another
        feeder with its stored subtree); this keeps a hand edit from breaking it: an element
        with elements below it does not change feeder here (review46, 3)."""
        super().clean()
        if self.pk is not None and self.feeder_id is not None:
            was = GridNode.objects.filter(pk=self.pk).values_list("feeder_id", flat=True).first()
            if was is not None and was != self.feeder_id and self.children.exists():
                raise ValidationError(
                    {
                        "feeder": _(
                            "This element has elements below it: they would be left on the "
                            "old feeder. Move it with a network file, which moves what is "
                            "below it too."
                        )
                    }
                )
        parent = self.parent if self.parent_id is not None else None
        if parent is None:
            return
        if parent.feeder_id != self.feeder_id or parent.station_id != self.station_id:
            raise ValidationError(
                {"parent": _("The parent must be an element of the same feeder.")}
            )

    @property
    def is_protective(self) -> bool:
        return self.kind in PROTECTIVE_KINDS

    def ancestors(self) -> list[GridNode]:
        """From the parent up to the outlet breaker (one query per level; trees are shallow)."""
        chain: list[GridNode] = []
        node = self.parent
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return chain


class _KindManager(models.Manager["GridNode"]):
    def __init__(self, kinds: tuple[str, ...]) -> None:
        super().__init__()
        self.kinds = kinds

    def get_queryset(self) -> StationQuerySet[GridNode]:
        return StationQuerySet(self.model, using=self._db).filter(kind__in=self.kinds)

    def for_station(self, station: Station | int | None) -> StationQuerySet[GridNode]:
        return self.get_queryset().for_station(station)


class Transformer(GridNode):
    """A distribution transformer and its transformer area (台区)."""

    objects: ClassVar[_KindManager] = _KindManager((NodeKind.TRANSFORMER,))  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("transformer area")
        verbose_name_plural = _("transformer areas")


class ProtectiveDevice(GridNode):
    """Outlet breakers, reclosers, sectionalisers, fuses and switches."""

    objects: ClassVar[_KindManager] = _KindManager(tuple(PROTECTIVE_KINDS))  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("protective device")
        verbose_name_plural = _("protective devices")


class Pole(GridNode):
    objects: ClassVar[_KindManager] = _KindManager((NodeKind.POLE,))  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("pole")
        verbose_name_plural = _("poles")


class DefectSeverity(models.TextChoices):
    MINOR = "minor", _("minor")
    SERIOUS = "serious", _("serious")
    CRITICAL = "critical", _("critical")


class Defect(models.Model):
    """A known defect on a grid element (old insulator, leaning pole, ...)."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="defects", verbose_name=_("station")
    )
    node = models.ForeignKey(
        GridNode, on_delete=models.CASCADE, related_name="defects", verbose_name=_("element")
    )
    description = models.CharField(_("description"), max_length=200)
    severity = models.CharField(
        _("severity"), max_length=10, choices=DefectSeverity.choices, default=DefectSeverity.MINOR
    )
    found_on = models.DateField(_("found on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("defect")
        verbose_name_plural = _("defects")
        ordering = ["resolved_on", "-found_on"]

    def __str__(self) -> str:
        return f"{self.node}: {self.description}"


class ImportRun(models.Model):
    """A record of each CSV import: who, when, which file, what it stored."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("network")
        CUSTOMERS = "customers", _("customers")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="imports", verbose_name=_("station")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("by"),
    )
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    # What the preview warned of (a customer file: ``customers.import_warnings``), as stored
    # codes and arguments, said in the reader's language when shown.
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # The rows the file gave as the station had them already (a re-import that changes nothing
    # is all of them); none for an import made before they were counted.
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), null=True, blank=True)
    # The elements a network file moved to another parent or feeder, each with the stored
    # elements and households that went with it (``import_store``).
    moves = models.JSONField(_("moves"), default=list, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def warnings_said(self) -> list[str]:
        """The warnings in the reader's language."""
        from powerdesk.customers.import_warnings import warning_text

        return [warning_text(w) for w in self.warnings if isinstance(w, dict)]
