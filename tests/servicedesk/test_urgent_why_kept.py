"""Why an order is urgent: an outage's own order says the outage and its households, on its
page's badge, the crew's card and the crew's text (walk39, 2: a bare "紧急", "【紧急】");
a call's reasons are kept as it was taken, not read anew by later rules (review38, 15)."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override, pgettext

from powerdesk.notifications.reach import households_below_count
from powerdesk.notifications.texts import TWO_SMS
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.understanding import urgency
from powerdesk.servicedesk.understanding.urgency import Findings
from powerdesk.servicedesk.urgent_why import order_urgent_why, outage_why
from tests.base import BaseTestCase
from tests.outage_cast import customer_calls
from tests.outage_cast_sent import dispatch_text_of, outage_sent
from tests.servicedesk.crew_cast import add_crews


class OutageOrderSaysWhyTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage, (self.order,) = outage_sent(self)
        assert self.order.urgent
        self.households = households_below_count(self.fuse)
        self.assertGreater(self.households, 0)

    def why(self) -> str:
        with override("zh-hans"):
            return outage_why(self.households)

    def test_the_order_s_badge_says_the_outage_and_its_households(self) -> None:
        with override("zh-hans"):
            self.assertEqual(order_urgent_why(self.order), self.why())
            said = gettext("urgent") + pgettext("label separator", ": ") + self.why()
        self.login(self.chief)
        html = self.client.get(self.order.get_absolute_url()).content.decode()
        heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
        self.assertIn(f">{said}</span>", heading)

    def test_the_crew_s_card_says_it(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        badge = page.split('data-testid="job-urgent"', 1)[1].split("</span>", 1)[0]
        self.assertIn(self.why(), badge)

    def test_the_crew_s_text_says_it(self) -> None:
        self.assertIn(self.why(), dispatch_text_of(self))

    def test_a_medical_need_rung_in_is_said_beside_it(self) -> None:
        customer_calls(self, "还是没电，家里老人用制氧机", urgent=True)
        self.order.refresh_from_db()
        with override("zh-hans"):
            why = order_urgent_why(self.order)
            # A medical need first, the outage last (walk41, 10: one order everywhere).
            self.assertTrue(why.startswith(gettext("a medical need at home")), why)
            self.assertTrue(why.endswith(self.why()), why)

    def test_the_crew_s_text_keeps_a_medical_need_beside_dangers_and_the_outage(self) -> None:
        # review39, M4: the outage said first and two reasons shown cut the medical need.
        for text in ("我家没电了 电线掉在院子里还在冒火花", "还是没电，家里老人用制氧机"):
            call = customer_calls(self, text, urgent=True)
            self.assertEqual(call.work_order, self.order)
        text = dispatch_text_of(self)
        with override("zh-hans"):
            self.assertIn(gettext("medical need"), text)
            self.assertIn(gettext("a line down or low"), text)
        self.assertIn(self.why(), text)
        self.assertLessEqual(len(text), TWO_SMS, text)


class ReasonsKeptTests(BaseTestCase):
    def take(self, text: str) -> Call:
        order = customer_calls(self, text, urgent=True).work_order
        assert order is not None
        return order.calls.get()

    def test_the_reasons_are_kept_as_the_call_was_taken(self) -> None:
        call = self.take("家里停电了，老人在用制氧机")
        self.assertEqual(call.urgent_codes, ["medical"])
        # The rules change (a later round reads the note as calm): why stays as it was.
        with (
            mock.patch.object(urgency, "findings_read", return_value=Findings()),
            override("zh-hans"),
        ):
            call = Call.objects.get(pk=call.pk)
            self.assertEqual(call.urgent_reasons, [gettext("a medical need at home")])
            self.assertEqual(order_urgent_why(call.work_order), gettext("a medical need at home"))

    def test_a_call_stored_before_they_were_kept_is_read_anew(self) -> None:
        call = Call.objects.create(
            station=self.station_a,
            received_at=timezone.now(),
            text="家里停电了，老人在用制氧机",
            urgent=True,
        )
        self.assertIsNone(call.urgent_codes)
        with override("zh-hans"):
            self.assertEqual(call.urgent_reasons, [gettext("a medical need at home")])

    def test_urgent_by_the_clerk_with_no_reason_named_says_none(self) -> None:
        call = self.take("请尽快来看看")
        self.assertEqual((call.urgent, call.urgent_codes), (True, []))
        self.assertEqual(call.urgent_reasons, [])
