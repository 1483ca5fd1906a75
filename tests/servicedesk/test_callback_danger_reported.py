"""walk41, 7: a caller who reported a danger ("门口电线冒火花") and joined the outage's order was
listed after the restore only as "called about it": power back does not mean the sparks at the
door have stopped. The list says the danger, so the callback asks about it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext, override

from powerdesk.customers.models import Customer
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.safety import DANGER_LABELS
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class DangerOnOutageCallbackTests(BaseTestCase):
    def test_the_danger_a_caller_reported_is_on_the_callback_list(self) -> None:
        add_crews(self)
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        job = OutageLink.objects.get(outage=outage).order
        sparks = Customer.objects.create(
            station=self.station_a,
            account_number="53250000079",
            name="苏福明",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=sparks,
            caller_number="13667687765",
            text="停电了，门口电线冒火花",
            category="fault_repair",
            join_outage=outage,
        )
        self.assertEqual(taken.work_order, job)
        outage_restore(outage=outage, user=self.chief, cause="tree", how="remote")

        callback = OutageCallback.objects.get(outage=outage, customer=sparks)
        self.assertEqual(callback.reason, OutageCallback.Reason.CALLER)
        self.assertEqual(callback.dangers, ["arcing or sparks"])

        self.client.force_login(self.clerk)
        with override("en"):
            page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
            said = gettext("Danger: %(dangers)s") % {
                "dangers": str(DANGER_LABELS["arcing or sparks"])
            }
        self.assertIn(said, page)
        self.assertIn(f'data-testid="callback-danger-{callback.pk}"', page)
