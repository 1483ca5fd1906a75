"""An outage's work order that hundreds of callers joined: its page shows the order, the calls
counted and grouped by village and transformer area, a page of calls at a time (the newest
first), and the history with the runs of calls joined folded; every call and every history
line can still be reached, and the page asks no more queries for 300 calls than for 30."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerdesk.servicedesk.models import Call, WorkOrderEvent
from powerdesk.servicedesk.order_calls import CALLS_PAGE, CALLS_WHOLE
from tests.base import BaseTestCase
from tests.servicedesk.storm_order import storm_order

HTMX = {"HX-Request": "true"}


def call_ids(html: str) -> list[int]:
    """The calls listed (or their history lines), by the number each caller rang from
    (1380000NNNN → NNNN)."""
    return [int(n) for n in re.findall(r"1380000(\d{4})", html)]


class ManyCallsTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.order = storm_order(cls, calls=300, note_after=100)
        cls.url = reverse("servicedesk:work_order", args=[cls.order.pk])

    def setUp(self) -> None:
        self.login(self.clerk)

    def test_the_page_lists_a_page_of_calls_and_folds_the_history(self) -> None:
        page = self.client.get(self.url)
        html = page.content.decode()
        self.assertEqual(page.status_code, 200)
        # The calls counted: 301 (the first caller's and 300 joined), and grouped.
        self.assertIn('data-testid="calls-total">301<', html)
        self.assertEqual(html.count('data-testid="order-call"'), CALLS_PAGE)
        self.assertEqual(call_ids(html)[:CALLS_PAGE], list(range(299, 299 - CALLS_PAGE, -1)))
        groups = page.context["call_groups"]
        self.assertEqual(sum(v.calls for v in groups), 301)
        self.assertEqual([v.calls for v in groups if v.name == "大村"], [100])
        self.assertEqual(
            sorted(a.calls for v in groups for a in v.areas if v.name == "大村"), [50, 50]
        )
        # The history: created, joined to the outage, dispatched, one run of calls, the note,
        # another run; not 300 lines of "call joined".
        rows = (
            html.split('<table id="history" class="stack-sm">')[1].split("</table>")[0].count("<tr")
        )
        self.assertLess(rows, 15)
        runs = page.context["events"]
        folded = [r for r in runs if getattr(r, "folded", False)]
        self.assertEqual([r.calls for r in folded], [100, 200])
        self.assertIn("县调说线路已查到", html)

    def test_every_call_can_be_reached_a_page_at_a_time(self) -> None:
        seen: list[int] = []
        number = 1
        while True:
            part = self.client.get(self.url, {"part": "calls", "calls_page": number}, headers=HTMX)
            html = part.content.decode()
            seen += call_ids(html)
            if 'data-testid="calls-more"' not in html:
                break
            number += 1
        self.assertEqual(seen, list(range(299, -1, -1)))  # (the first caller's number is other)
        # Without JavaScript, "show more" is a page of its own with the older calls.
        plain = self.client.get(self.url, {"calls_page": 2}).content.decode()
        self.assertEqual(call_ids(plain), list(range(279, 259, -1)))

    def test_a_village_or_an_area_narrows_the_list(self) -> None:
        village, area, _people = self.areas[2]  # 大村's first area
        html = self.client.get(self.url, {"calls_area": area.pk}).content.decode()
        listed = call_ids(html)
        self.assertEqual(len(listed), CALLS_PAGE)
        expected = Call.objects.filter(work_order=self.order, customer__transformer=area).order_by(
            "-received_at"
        )[:CALLS_PAGE]
        self.assertEqual(listed, [int(c.caller_number[-4:]) for c in expected])
        self.assertIn("大村 · 大村1号台区", html)
        html = self.client.get(self.url, {"calls_village": village.pk}).content.decode()
        self.assertTrue(all(n % 6 in (2, 3) for n in call_ids(html)))

    def test_a_folded_run_opens_to_each_line(self) -> None:
        page = self.client.get(self.url)
        run = [r for r in page.context["events"] if getattr(r, "folded", False)][1]
        lines = self.client.get(
            self.url, {"part": "history_run", "history_run": run.key}, headers=HTMX
        ).content.decode()
        self.assertEqual(lines.count("<tr"), 200)
        self.assertEqual(call_ids(lines), list(range(100, 300)))
        # Without JavaScript the page shows that run open, the other still folded.
        plain = self.client.get(self.url, {"history_run": run.key})
        kinds = [getattr(r, "folded", False) for r in plain.context["events"]]
        self.assertEqual(kinds.count(True), 1)
        joined = WorkOrderEvent.objects.filter(
            work_order=self.order, kind__in=["call_joined", "repeat_call"]
        ).count()
        self.assertEqual(joined, 300)
        # A made-up run shows nothing of another order's or other kinds of lines.
        made_up = self.client.get(
            self.url, {"part": "history_run", "history_run": "1-999999"}, headers=HTMX
        )
        self.assertEqual(made_up.content.decode().count("<tr"), 0)

    def test_the_queries_do_not_grow_with_the_calls(self) -> None:
        self.client.get(self.url)
        with CaptureQueriesContext(connection) as many:
            self.client.get(self.url)
        Call.objects.filter(work_order=self.order, caller_number__gte="13800000030").update(
            work_order=None
        )
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url)
        self.assertLessEqual(len(many), len(few))


class FewCallsTests(BaseTestCase):
    def test_a_few_calls_are_listed_whole_oldest_first(self) -> None:
        order = storm_order(self, calls=CALLS_WHOLE - 1, note_after=0)
        self.login(self.clerk)
        html = self.client.get(reverse("servicedesk:work_order", args=[order.pk])).content.decode()
        self.assertEqual(call_ids(html), list(range(CALLS_WHOLE - 1)))
        self.assertNotIn('data-testid="call-groups"', html)
