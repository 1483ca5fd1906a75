"""Model building blocks shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db import models


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
