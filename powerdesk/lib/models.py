"""Model building blocks shared by the apps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station


class AppendOnlyModel(models.Model):
    """A history row: written once, never changed or deleted one by one.

    (Deleting the thing it belongs to still removes its history, by cascade.)
    """

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"{self._meta.verbose_name} history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"{self._meta.verbose_name} history is append-only.")


class HistoryRow(AppendOnlyModel):
    """One line of something's history: when, by whom, a note. The concrete model adds the
    thing it belongs to and what happened (a status, a stage)."""

    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class StationQuerySet[M: models.Model](models.QuerySet[M]):
    """Rows of one station: the one way every page, panel and API call scopes a query.

    A model whose rows belong to a station through another row names the path in
    ``station_field`` (``"work_order__station"``); the default is its own ``station``.
    """

    def for_station(self, station: Station | int | None) -> Self:
        """The rows of ``station`` (a ``Station`` or its id); none at all for ``None``."""
        if station is None:
            return self.none()
        field: str = getattr(self.model, "station_field", "station")
        return self.filter(**{field: station})
