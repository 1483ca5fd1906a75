"""fix45a's leftover: a restore's message counted the callers of each outage still on inside
the restored one, not the households with a medical need or an elderly person living alone it
keeps dark that never called, whom the station calls back after its restore too
(``aftercare._callbacks_due``); and the restored outage's history did not say the outage inside
it stays on."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext, override

from powerdesk.customers.models import Customer
from powerdesk.outages.models import Outage, OutageCallback, OutageEvent
from powerdesk.outages.services import outage_declare
from powerdesk.outages.still_dark_said import INNER_STILL_ON
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import neighbour


class RestoreInnerCaredTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # The wider outage (the pole) and one inside it (the fuse below it), both on; the
        # cast's household below the fuse has an elderly person living alone.
        self.wider = outage_declare(
            station=self.station_a, user=self.chief, device=self.pole, kind=Outage.Kind.UNPLANNED
        )
        self.inner = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.other = neighbour(self)

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

    def cared(self, count: int, names: str, *, too: bool = False) -> str:
        """The line naming them: "too" only after a count of callers said before it."""
        if not too:
            with override("zh-hans"):
                return ngettext(
                    "%(count)d household with a medical need or an elderly person living alone "
                    "(%(names)s), under the outage on %(device)s within it, did not call and is "
                    "still dark: called back after its restore.",
                    "%(count)d households with a medical need or an elderly person living alone "
                    "(%(names)s), under the outage on %(device)s within it, did not call and are "
                    "still dark: called back after its restore.",
                    count,
                ) % {"count": count, "names": names, "device": self.fuse}
        with override("zh-hans"):
            return ngettext(
                "%(count)d household with a medical need or an elderly person living alone "
                "(%(names)s), under the outage on %(device)s within it, did not call and is "
                "still dark: called back after its restore too.",
                "%(count)d households with a medical need or an elderly person living alone "
                "(%(names)s), under the outage on %(device)s within it, did not call and are "
                "still dark: called back after its restore too.",
                count,
            ) % {"count": count, "names": names, "device": self.fuse}

    def test_the_households_in_care_below_the_inner_outage_are_named(self) -> None:
        said = self.restore(self.wider)
        self.assertIn(self.cared(1, "普光荣"), said)
        self.assertNotIn(self.cared(1, "普光荣", too=True), said)  # no count before it (walk47)
        # Called back at the fuse's restore, as the line says.
        self.restore(self.inner)
        callback = OutageCallback.objects.get(outage=self.inner, customer=self.customer)
        self.assertEqual(callback.reason, OutageCallback.Reason.ELDERLY)

    def test_one_who_called_is_counted_as_a_caller_not_named_again(self) -> None:
        Customer.objects.filter(pk=self.other.pk).update(medical_need=True)
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.other,
            caller_number="18208450784",
            text="我家没电了",
            category="fault_repair",
            join_outage=self.inner,
        )
        said = self.restore(self.wider)
        # After the count of the fuse's callers: "too".
        self.assertIn(self.cared(1, "普光荣", too=True), said)  # not 自文珍, who called
        self.assertNotIn("自文珍", said)

    def test_in_english_with_no_caller_before_the_line_says_no_too(self) -> None:
        self.client.force_login(self.chief)
        with override("en"):
            response = self.client.post(
                reverse("outages:list"),
                {"action": "restore_at", "outage": self.wider.pk, "cause": "tree", "how": "remote"},
                follow=True,
                headers={"accept-language": "en"},
            )
            said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn("(普光荣)", said)
        self.assertIn("called back after its restore.", said)
        self.assertNotIn("restore too", said)

    def test_the_households_in_care_are_not_named_once_power_is_back_to_them(self) -> None:
        self.restore(self.inner)
        said = self.restore(self.wider)
        self.assertNotIn("普光荣", said)

    def test_the_restored_outage_s_history_says_the_inner_outage_stays_on(self) -> None:
        self.restore(self.wider)
        line = OutageEvent.objects.get(outage=self.wider, what=INNER_STILL_ON)
        self.assertEqual(line.note_args["outages"], [self.inner.pk])
        with override("en"):
            self.assertEqual(
                line.shown_note, "The outage on 哔叭支线02号杆跌落式熔断器 within it stays on"
            )
        # Restored last, nothing stays on inside the fuse: no such line.
        self.restore(self.inner)
        self.assertFalse(OutageEvent.objects.filter(outage=self.inner, what=INNER_STILL_ON))
