"""The customer's page listed a household's callbacks on its work orders only (fix69a, left):
one call that settled both the household's place on an outage's callback list and its own
order's callback showed as the order's callback alone ("Called back on the outage's list"), and
the list's tries not at all. Each call is now one entry: on the order, on the list, or one call
that settled both, saying both things it settled."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.servicedesk.callbacks import callback_record
from tests.base import zh
from tests.outages.own_and_listed import OwnOrderAndListedCase

BOTH = (
    "One call settled both: the callback of work order %(number)s and the household's place "
    "on the callback list of the outage on %(device)s (%(date)s)."
)
ON_LIST = "On the callback list of the outage on %(device)s (%(date)s)"


class OneCallOneEntryTests(OwnOrderAndListedCase):
    def entries(self) -> list[str]:
        self.login(self.clerk)
        with translation.override("zh-hans"):
            page = self.client.get(reverse("customers:detail", args=[self.neighbour.pk]))
        html = page.content.decode()
        section = re.search(r'data-testid="customer-callbacks">(.*?)</section>', html, re.S)
        assert section is not None
        count = re.search(r"<h2>[^<]*<span class=\"muted\">(\d+)</span>", section.group(1))
        assert count is not None
        found = re.findall(
            r'<li data-testid="customer-callback">(.*?)</li>', section.group(1), re.S
        )
        self.assertEqual(int(count.group(1)), len(found))  # the count counts entries
        return [re.sub(r"\s+", " ", entry) for entry in found]

    def said(self, msgid: str) -> str:
        start = timezone.localtime(self.outage.starts_at)
        return zh(msgid) % {
            "number": self.own.number, "device": self.outage.device, "date": f"{start:%m-%d}"
        }  # fmt: skip

    def test_a_call_on_the_list_is_one_entry_saying_both(self) -> None:
        outage_callback_record(
            callback=self.listed, user=self.clerk, outcome="reached", satisfaction=5,
            note="来电了，谢谢",
        )  # fmt: skip
        [entry] = self.entries()
        self.assertIn(self.said(BOTH), entry)
        self.assertIn(f">{self.own.number}</a>", entry)
        self.assertIn("来电了，谢谢", entry)  # the household's words typed on the list

    def test_a_call_on_the_order_is_one_entry_saying_both(self) -> None:
        callback_record(
            work_order=self.own, user=self.clerk, outcome="reached", satisfaction=4,
            comment="修好了",
        )  # fmt: skip
        [entry] = self.entries()
        self.assertIn(self.said(BOTH), entry)
        self.assertIn("修好了", entry)

    def test_a_try_on_the_list_is_an_entry_of_its_own(self) -> None:
        outage_callback_record(
            callback=self.listed, user=self.clerk, outcome="not_reached", note="无人接听"
        )
        [tried] = self.entries()
        self.assertIn(self.said(ON_LIST), tried)
        self.assertIn("无人接听", tried)
        callback_record(work_order=self.own, user=self.clerk, outcome="reached", satisfaction=4)
        # The list's row keeps its last try only: now the call that settled both.
        [reached] = self.entries()
        self.assertIn(self.said(BOTH), reached)
