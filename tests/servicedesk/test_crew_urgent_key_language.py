"""The crew phone's urgent key (``Job.urgent_key``, the marks crew.js compares between two
refreshes) is made from the reasons' codes, never from their words: a crew member switching the
phone's language between two refreshes is not told of a "new urgent reason" that is only the
same reason in other words (fix41a's leftover), while a reason rung in since still changes it."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

MEDICAL = "停电了，家里老人用制氧机，快没电了"
SPARKS = "电线在打火，冒火花"


def card_attribute(page: str, name: str) -> str:
    return page.split(f'{name}="', 1)[1].split('"', 1)[0]


class UrgentKeyLanguageTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        # An outage's order born urgent, sent to the crew; a caller's medical need joins it.
        self.outage, (self.order,) = outage_sent(self)
        self.call(MEDICAL, neighbour(self))
        self.login(self.member)

    def call(self, text: str, customer: object) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,  # type: ignore[arg-type]
            caller_number="13812345678",
            text=text,
            category="fault_repair",
            urgent=True,
            join_outage=self.outage,
        )

    def card(self) -> tuple[str, str]:
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        return card_attribute(page, "data-urgent-key"), card_attribute(page, "data-urgent-why")

    def switch(self, language: str) -> None:
        self.client.post(reverse("set_language"), {"language": language, "next": "/desk/crew/"})

    def test_the_key_is_the_same_in_either_language(self) -> None:
        key_zh, why_zh = self.card()
        self.switch("en")
        key_en, why_en = self.card()
        self.assertNotEqual(why_zh, why_en)  # the badge is in the reader's words
        self.assertIn("medical", why_en)
        self.assertEqual(key_en, key_zh)  # the marks are not: no "new urgent reason"
        self.switch("zh-hans")
        self.assertEqual(self.card()[0], key_zh)

    def test_a_new_reason_still_changes_it_whatever_the_language(self) -> None:
        key_before, _why = self.card()
        self.switch("en")
        self.call(SPARKS, self.customer)
        key_after, _why = self.card()
        self.assertNotEqual(key_after, key_before)
        self.assertTrue(set(key_before.split(".")) < set(key_after.split(".")))
