"""A work order's statuses, and which of them are still open (the clock runs unless paused)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkOrderStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    DISPATCHED = "dispatched", _("dispatched")
    ON_THE_WAY = "on_the_way", _("on the way")
    ON_SITE = "on_site", _("on site")
    RESOLVED = "resolved", _("resolved")
    CALLBACK_DONE = "callback_done", _("callback done")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = (
    WorkOrderStatus.RECEIVED,
    WorkOrderStatus.DISPATCHED,
    WorkOrderStatus.ON_THE_WAY,
    WorkOrderStatus.ON_SITE,
)

# Work still to finish: open, or resolved with its callback (its owner's) still to make. An order
# with no owner among these is the desk's to take (``selectors.work_orders_listed``, "with no
# owner"); a person whose work at the station ends hands these back (``handback``).
UNFINISHED = (*OPEN_STATUSES, WorkOrderStatus.RESOLVED)
