"""A household's callback due after an outage: what the tests of its outcomes and of putting it
back share. Station A's fuse had an unplanned outage, restored now; the customer (elderly and
alone) is due a call back now."""

from __future__ import annotations

from django.utils import timezone

from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.selectors import outage_callbacks_listed
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class CallbackDueCase(BaseTestCase):
    outage: Outage
    callback: OutageCallback

    def setUp(self) -> None:
        self.outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind="unplanned"
        )
        Outage.objects.filter(pk=self.outage.pk).update(
            status=Outage.Status.RESTORED, restored_at=timezone.now()
        )
        self.outage.refresh_from_db()
        self.callback = OutageCallback.objects.create(
            outage=self.outage,
            customer=self.customer,
            reason="elderly_alone",
            due_at=timezone.now(),
        )

    def listed(self) -> bool:
        """The callback is on the station's callbacks list."""
        return outage_callbacks_listed(self.station_a).filter(pk=self.callback.pk).exists()
