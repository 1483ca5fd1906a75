"""walk43, 4: a crew's text names two of a job's own reasons in its tag (a medical need, then
the dangers; the outage's households besides: ``dispatch_shown.WHY_SHOWN``), and said nothing of
a third it left out, though the text went on to announce that one as new
("【紧急：医疗需要、放电打火、停电（11 户）】工单 2026-02474 新增紧急情况：放电打火、冒烟"). A tag
that leaves a reason out says so ("…停电（11 户）等】"), within the two parts of an urgent text."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.utils import timezone, translation

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode
from powerdesk.notifications.reach import households_below_count
from powerdesk.notifications.texts import TWO_SMS, render_text
from powerdesk.servicedesk.urgent_why import outage_why, reason_words
from tests.base import zh
from tests.demo_station import REFERENCE_APPS, TODAY, load_demo
from tests.servicedesk.test_crew_new_reason_named import STATION, _OutageJob

MEDICAL = "停电了，家里老人用制氧机，快没电了"
SPARKS_AND_SMOKE = "停电了，门口电线打火了，还在冒烟"
SPARKS_ONLY = "还是没电，门口电线在打火，冒火花"
ADDED = "[%(station)s][URGENT: %(why)s] New urgent reason on job %(number)s: %(new)s"


def short(*codes: str, households: int | None = None) -> str:
    with translation.override("zh-hans"):
        return zh("、").join(reason_words(c, households=households, short=True) for c in codes)


def more(reasons: str) -> str:
    return zh("%(reasons)s and more") % {"reasons": reasons}


class TagSaysMoreTests(_OutageJob):
    def outage_words(self) -> str:
        with translation.override("zh-hans"):
            return str(outage_why(households_below_count(self.fuse)))

    def test_a_third_reason_left_out_of_the_tag_is_said_to_be_there(self) -> None:
        # As walked: a medical need first, then a call with sparks and smoke.
        self.call(self.first, MEDICAL)
        self.call(self.customer, SPARKS_AND_SMOKE)
        text = self.texts()[-1]
        tag = zh("、").join([short("medical", "arcing or sparks"), self.outage_words()])
        head = zh(ADDED) % {
            "station": STATION,
            "why": more(tag),
            "number": self.order.number,
            "new": short("arcing or sparks", "smoke"),
        }
        self.assertTrue(text.startswith(head), text)
        self.assertLessEqual(len(text), TWO_SMS, text)
        self.assertIn("138 1234 5678", text)  # the number to ring kept

    def test_a_tag_naming_every_reason_says_no_more(self) -> None:
        self.call(self.first, MEDICAL)
        self.call(self.customer, SPARKS_ONLY)
        text = self.texts()[-1]
        tag = zh("、").join([short("medical", "arcing or sparks"), self.outage_words()])
        head = zh(ADDED) % {
            "station": STATION,
            "why": tag,
            "number": self.order.number,
            "new": short("arcing or sparks"),
        }
        self.assertTrue(text.startswith(head), text)


class LongestDemoCaseTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY, only=REFERENCE_APPS)

    def test_the_longest_case_of_the_demo_keeps_within_two_parts(self) -> None:
        # The demo station's longest: its biggest outage (the households below a device), its
        # longest village and group, a job with a medical need and a danger told a new danger
        # and smoke (the walk's text, 129 characters with 11 households), on site tomorrow.
        station = Station.objects.get(name=STATION)
        # The whole of a line (a device with nothing above it) is the biggest an outage is.
        devices = GridNode.objects.filter(station=station, parent__isnull=True)
        households = max(households_below_count(d) for d in devices)
        customer = max(
            Customer.objects.filter(station=station, group__isnull=False).select_related(
                "village", "group"
            ),
            key=lambda c: len(f"{c.village}·{c.group.name}"),
        )
        assert customer.group is not None
        tomorrow = timezone.localtime() + dt.timedelta(days=1)
        facts = {
            "station": STATION,
            "number": "2026-02474",
            "category": "fault_repair",
            "urgent": True,
            "why": ["medical", "arcing or sparks", "outage", "smoke"],
            "households": households,
            "added": True,
            "new": ["arcing or sparks", "smoke"],
            "place": f"{customer.village}·{customer.group.name}",
            "landmark": "",
            "account": customer.account_number,
            "note": SPARKS_AND_SMOKE,
            "summary": "",
            "deadline": tomorrow.replace(hour=23, minute=40).isoformat(),
            "contact": "187 5091 9975",
            "contact_kind": "customer",
        }
        with translation.override("zh-hans"):
            text = render_text("crew_made_urgent", facts)
            why = short("medical", "arcing or sparks", "outage", households=households)
        self.assertLessEqual(len(text), TWO_SMS, text)
        self.assertIn(more(why), text)
        self.assertIn(short("arcing or sparks", "smoke"), text)
        self.assertTrue(text.endswith("187 5091 9975"), text)
        self.assertIn(customer.account_number, text)
