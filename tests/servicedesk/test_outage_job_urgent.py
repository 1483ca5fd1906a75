"""An outage confirmed from a prediction, whose crew job is the first caller's own order, is
urgent for the outage as an order opened for it is: the crew's text, its card and the order's
page say "紧急：停电（N 户）" (walk41, 1). One caller is quoted in a crew's text, with that
caller's account and number (walk41, 2). One order's reasons are said in one order and in one
wording everywhere: a medical need, the dangers, the outage (walk41, 10)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext, override, pgettext

from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.reach import households_below_count
from powerdesk.notifications.texts import render
from powerdesk.outages.joined import outage_link
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.urgent_why import order_urgent_why, outage_why
from tests.base import BaseTestCase, zh
from tests.outage_cast import customer_calls
from tests.outage_cast_sent import dispatch_text_of
from tests.servicedesk.crew_cast import add_crews, neighbour
from tests.servicedesk.outage_job_cast import first_caller_job

CREW_PHONE = "+8613700001111"
STATION = "光禄供电所"


def head(number: str, why: str) -> str:
    """How an urgent dispatch text opens: "【光禄供电所】【紧急：…】派工 2026-…"."""
    return zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % {
        "station": STATION,
        "why": why,
        "number": number,
    }


class OutageFromPredictionTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])
        # The first caller rings before anyone recorded the outage: their own, plain order
        # (``outage_job_cast``), joined to the outage recorded from the prediction.
        job = first_caller_job(self)
        self.assertFalse(job.plain.urgent)
        self.order, self.outage = job.order, job.outage
        self.assertTrue(outage_link(self.outage).work_orders.filter(pk=self.order.pk).exists())
        self.households = households_below_count(self.fuse)

    def texts(self) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(channel=Channel.SMS, address=CREW_PHONE).order_by("pk")
        ]

    def test_the_crew_is_texted_an_urgent_job_for_the_outage_with_its_households(self) -> None:
        (text,) = self.texts()
        with override("zh-hans"):
            why = outage_why(self.households)
        self.assertTrue(text.startswith(head(self.order.number, why)), text)
        # The order is the outage's (later callers join it), urgent, and its history says why.
        self.assertTrue(self.order.urgent)
        self.assertEqual(outage_link(self.outage).order, self.order)
        (line,) = self.order.events.filter(note_code__startswith="made_urgent_outage")
        self.assertEqual(line.by, self.chief)
        self.assertIn(str(self.fuse), line.note)

    def test_its_page_and_the_crew_s_card_say_it(self) -> None:
        with override("zh-hans"):
            said = outage_why(self.households)
            self.assertEqual(order_urgent_why(self.order), said)
        self.login(self.chief)
        html = self.client.get(self.order.get_absolute_url()).content.decode()
        heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
        self.assertIn(said, heading)

    def test_the_crew_s_card_says_it(self) -> None:
        """The card's badge asks ``urgent_why.is_outage_job``, not the order's ``summary_kind``."""
        with override("zh-hans"):
            said = outage_why(self.households)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        badge = page.split('data-testid="job-urgent"', 1)[1].split("</span>", 1)[0]
        self.assertIn(said, badge)

    def test_dispatched_again_no_second_history_line(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertEqual(
            self.order.events.filter(note_code__startswith="made_urgent_outage").count(), 1
        )

    def test_a_medical_caller_joining_is_quoted_with_their_own_account_and_number(self) -> None:
        other = neighbour(self)
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=other,
            caller_number="13683678621",
            text="停电了，家里老人用制氧机，快没电了",
            category="fault_repair",
            urgent=True,
            join_outage=self.outage,
        )
        text = self.texts()[-1]
        self.assertIn("家里老人用制氧机", text)
        self.assertIn(zh("account %(account)s") % {"account": other.account_number}, text)
        self.assertNotIn(self.customer.account_number, text)
        self.assertTrue(text.endswith(zh("caller %(contact)s") % {"contact": "136 8367 8621"}))


class OneCallerQuotedTests(BaseTestCase):
    """A dispatch text of an order urgent for a medical need quotes that household's words,
    account and number, not the first caller's (walk41, 2, second case)."""

    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = CREW_PHONE
        self.crew.save(update_fields=["phone"])

    def test_the_medical_household_is_quoted_whole(self) -> None:
        from powerdesk.outages.services import outage_declare

        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        other = neighbour(self)
        for customer, number, text, urgent in (
            (self.customer, "13938743444", "we have power problems again", False),
            (other, "13867825501", "家里老人用制氧机，停电了", True),
        ):
            call_take(
                station=self.station_a,
                user=self.clerk,
                customer=customer,
                caller_number=number,
                text=text,
                category="fault_repair",
                urgent=urgent,
                join_outage=outage,
            )
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        (delivery,) = Delivery.objects.filter(channel=Channel.SMS, address=CREW_PHONE)
        text = render(delivery)
        self.assertIn("家里老人用制氧机", text)
        self.assertNotIn("power problems", text)
        self.assertNotIn("139 3874 3444", text)
        self.assertTrue(text.endswith(zh("caller %(contact)s") % {"contact": "138 6782 5501"}))


class OneOrderOfReasonsTests(BaseTestCase):
    """The order's page, its call's badge and the crew's text say a medical need first, then
    the dangers, then the outage (walk41, 10)."""

    def setUp(self) -> None:
        from powerdesk.outages.services import outage_declare

        add_crews(self)
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        order = outage_link(self.outage).order
        assert order is not None
        for text in ("停电了，门口电线冒火花", "停电了，家里老人用制氧机"):
            customer_calls(self, text, urgent=True, join_outage=self.outage)
        self.order = WorkOrder.objects.get(pk=order.pk)
        self.households = households_below_count(self.fuse)

    def test_medical_need_then_danger_then_outage_on_the_page(self) -> None:
        with override("zh-hans"):
            expected = pgettext("list separator", ", ").join(
                [
                    gettext("a medical need at home"),
                    gettext("arcing or sparks"),
                    outage_why(self.households),
                ]
            )
            self.assertEqual(order_urgent_why(self.order), expected)
        self.login(self.chief)
        html = self.client.get(self.order.get_absolute_url()).content.decode()
        self.assertIn(expected, html.split("<h1>", 1)[1].split("</h1>", 1)[0])

    def test_a_call_naming_both_says_the_medical_need_first(self) -> None:
        call = customer_calls(self, "门口电线冒火花，家里老人用制氧机", urgent=True).call
        with override("zh-hans"):
            self.assertEqual(
                call.urgent_why,
                pgettext("list separator", ", ").join(
                    [gettext("a medical need at home"), gettext("arcing or sparks")]
                ),
            )

    def test_the_crew_s_text_says_them_in_the_same_order(self) -> None:
        text = dispatch_text_of(self)
        with override("zh-hans"):
            why = zh("、").join(
                [zh("medical need"), zh("arcing or sparks"), outage_why(self.households)]
            )
        self.assertIn(why, text)
