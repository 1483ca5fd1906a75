"""walk43, 3: the full restore of a wider outage counted only its own callers still dark ("已复电。
1 位来电人仍在左门上村3号台区停电中，复电后回访。"), not the callers of the outages still on inside
it (four callers of 左门上村2号台区, two with oxygen machines): a dispatcher reading "1 位" took
the area for nearly done. The callers of each outage inside it still dark are said after its own,
each caller once."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext, ngettext, override

from powerdesk.customers.models import Customer
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.outage_cast import households_beside_the_fuse
from tests.servicedesk.crew_cast import neighbour


class RestoreInnerCallersTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # The wider outage (the pole) and one inside it (the fuse below it), both on.
        self.wider = outage_declare(
            station=self.station_a, user=self.chief, device=self.pole, kind=Outage.Kind.UNPLANNED
        )
        self.inner = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.other = neighbour(self)  # below the fuse too

    def call(self, customer: Customer, number: str, outage: Outage) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,
            caller_number=number,
            text="我家没电了",
            category="fault_repair",
            join_outage=outage,
        )

    def restore(self, outage: Outage) -> str:
        self.client.force_login(self.chief)
        with override("zh-hans"):
            response = self.client.post(
                reverse("outages:list"),
                {"action": "restore_at", "outage": outage.pk, "cause": "tree", "how": "remote"},
                follow=True,
            )
            said = " ".join(str(m) for m in response.context["messages"])
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED, said)
        return said

    def more(self, count: int) -> str:
        with override("zh-hans"):
            return ngettext(
                "%(count)d more caller, of the outage on %(device)s within it, is still dark: "
                "called back after its restore.",
                "%(count)d more callers, of the outage on %(device)s within it, are still dark: "
                "called back after its restore.",
                count,
            ) % {"count": count, "device": self.fuse}

    def plain(self, count: int) -> str:
        """The fuse's callers said with no count before them: no "more"."""
        with override("zh-hans"):
            return ngettext(
                "%(count)d caller, of the outage on %(device)s within it, is still dark: "
                "called back after its restore.",
                "%(count)d callers, of the outage on %(device)s within it, are still dark: "
                "called back after its restore.",
                count,
            ) % {"count": count, "device": self.fuse}

    def own(self, count: int) -> str:
        with override("zh-hans"):
            return ngettext(
                "%(count)d caller is still dark under the outage on %(device)s: called "
                "back after its restore.",
                "%(count)d callers are still dark under the outage on %(device)s: called "
                "back after its restore.",
                count,
            ) % {"count": count, "device": self.fuse}

    def test_the_callers_of_an_outage_inside_it_are_said_still_dark(self) -> None:
        # Both call about the fuse's outage, the nearest (as intake joins them).
        self.call(self.customer, "13812345678", self.inner)
        self.call(self.other, "18208450784", self.inner)
        said = self.restore(self.wider)
        # The wider outage had no caller of its own: no "more" (walk47, 3).
        self.assertIn(self.plain(2), said)
        self.assertNotIn(self.more(2), said)
        # Once the fuse's power is back too, nobody is said dark.
        said = self.restore(self.inner)
        self.assertNotIn(self.plain(2), said)
        self.assertNotIn(self.more(1), said)
        self.assertNotIn(self.more(2), said)

    def test_each_caller_is_counted_once(self) -> None:
        # One caller's order on the wider outage, the other's on the fuse's.
        self.call(self.customer, "13812345678", self.wider)
        self.call(self.other, "18208450784", self.inner)
        said = self.restore(self.wider)
        self.assertIn(self.own(1), said)  # the wider outage's own caller, as before
        self.assertIn(self.more(1), said)  # and the fuse's, not counted twice
        self.assertLess(said.index(self.own(1)), said.index(self.more(1)))

    def test_an_outage_inside_it_with_no_caller_is_not_said(self) -> None:
        # Nobody below it with a medical need or an elderly person alone either (those are
        # named: ``test_restore_inner_cared``).
        Customer.objects.filter(pk=self.customer.pk).update(elderly_alone=False)
        said = self.restore(self.wider)
        self.assertNotIn(str(self.fuse), said)

    def test_no_more_after_joined_orders_resolved_with_nobody_dark(self) -> None:
        """review46, 11: the wider outage's own caller (钱七, beside the fuse) has power back:
        "the joined work orders are resolved", then the fuse's callers with no "more"."""
        qian = households_beside_the_fuse(self).qian
        self.call(qian, "13900007777", self.wider)
        self.call(self.other, "18208450784", self.inner)
        said = self.restore(self.wider)
        with override("zh-hans"):
            resolved = gettext("Power is back; the joined work orders are resolved.")
        self.assertIn(resolved, said)
        self.assertIn(self.plain(1), said)
        self.assertNotIn(self.more(1), said)

    def test_the_line_of_outages_still_on_inside_says_who_restored_it(self) -> None:
        """review46, 12: the wider outage's history line of the fuse's outage still on names
        the chief who restored it."""
        self.restore(self.wider)
        line = OutageEvent.objects.get(outage=self.wider, what="inner_still_on")
        self.assertEqual(line.by, self.chief)
        self.assertEqual(line.note_args["outages"], [self.inner.pk])
