"""walk41, 8: after a wider outage is restored while a caller joined to its crew's order is still
dark under a smaller outage below, the board said "the joined work orders are resolved" and the
order's page said nothing of the caller. The board says the caller is still dark under that
outage and called back after its restore; the order's page says its caller's callback waits."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext, ngettext, override

from powerdesk.outages.models import Outage
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.outage_cast import caller_joins
from tests.outage_cast_sent import nested_sent
from tests.servicedesk.crew_cast import add_crews


class RestoreCallersStillDarkTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.wider, self.job, self.smaller = nested_sent(self)

    def restore(self, outage: Outage) -> str:
        self.client.force_login(self.chief)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": outage.pk, "cause": "tree", "how": "remote"},
            follow=True,
        )
        outage.refresh_from_db()
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertEqual(outage.status, Outage.Status.RESTORED, said)
        return " ".join(str(m) for m in response.context["messages"])

    def test_the_board_and_the_order_say_the_caller_is_still_dark(self) -> None:
        self.assertEqual(caller_joins(self, self.wider), self.job)
        with override("zh-hans"):
            said = self.restore(self.wider)
            still = ngettext(
                "%(count)d caller is still dark under the outage on %(device)s: called "
                "back after its restore.",
                "%(count)d callers are still dark under the outage on %(device)s: called "
                "back after its restore.",
                1,
            ) % {"count": 1, "device": self.fuse}
            done = gettext("Power is back; the joined work orders are resolved.")
            waits = ngettext(
                "%(count)d caller of this order is still dark under the outage on %(device)s: "
                "their callback waits for its restore.",
                "%(count)d callers of this order are still dark under the outage on %(device)s: "
                "their callback waits for its restore.",
                1,
            ) % {"count": 1, "device": self.fuse}
            self.assertIn(still, said)
            self.assertNotIn(done, said)
            page = self.client.get(self.job.get_absolute_url()).content.decode()
            self.assertIn(waits, page)

            # The smaller restored: nothing joined to it, nobody dark; the order no longer waits.
            said = self.restore(self.smaller)
            self.assertEqual(said, gettext("Power is back."))
            page = self.client.get(self.job.get_absolute_url()).content.decode()
            self.assertNotIn('data-testid="callback-waits"', page)

    def test_with_nobody_still_dark_the_joined_orders_are_resolved(self) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="13812345678",
            text="我家没电了",
            category="fault_repair",
            join_outage=self.wider,
        )
        with override("zh-hans"):
            said = self.restore(self.smaller)  # not joined to it: nothing of its own
            self.assertEqual(said, gettext("Power is back."))
            said = self.restore(self.wider)
            self.assertEqual(said, gettext("Power is back; the joined work orders are resolved."))
