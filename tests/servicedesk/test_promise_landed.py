"""Recording why a broken promise was not kept says so at its row, naming whom it was made to,
the row marked and focused where it was (walkthrough 34, finding 1: a bare "The reason is
recorded." at the top of the page, 2,800 px above the row, which moved to the bottom)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase

START = dt.datetime(2026, 6, 20, 14, 0, tzinfo=dt.UTC)


class PromiseLandedTests(BaseTestCase):
    def test_recording_why_says_whose_at_its_row(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="过户",
            customer=self.customer,
        )
        with time_machine.travel(START, tick=False):
            late = promise_make(
                station=self.station_a,
                user=self.clerk,
                work_order=order,
                text="明天上门办理过户",
                due_at=START + dt.timedelta(minutes=30),
            )
        Promise.objects.filter(pk=late.pk).update(state=Promise.State.BROKEN)
        # Another broken promise, due later, without why: listed before it, as it was.
        later = Promise.objects.create(
            station=self.station_a,
            customer=self.customer,
            text="稍后的承诺",
            due_at=START + dt.timedelta(minutes=50),
            made_at=START,
            made_by=self.clerk,
            state=Promise.State.BROKEN,
        )
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        page_url = reverse("servicedesk:promises")
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            response = self.client.post(
                reverse("servicedesk:promise_action"),
                {"promise": late.pk, "action": "explain", "reason": "材料未备齐"},
            )
            # The page's own address, drawn for what it says (``lib.kept``).
            address = response["Location"]
            self.assertTrue(address.startswith(page_url + "?kept="))
            self.assertTrue(address.endswith(f"#broken-{late.pk}"))
            page = self.client.get(address)
        self.assertEqual([str(m) for m in page.context["messages"]], [])
        html = page.content.decode()
        self.assertIn(f'<li id="broken-{late.pk}" class="landed">', html)
        said = html.split(f'data-testid="promise-landed-{late.pk}">')[1].split("</p>")[0]
        self.assertIn("Why it was not kept is recorded", said)
        self.assertIn(self.customer.name, said)
        self.assertIn(order.number, said)
        self.assertIn("autofocus", html.split(f'data-testid="promise-landed-{late.pk}"')[0][-80:])
        self.assertLess(html.index(f'id="broken-{later.pk}"'), html.index(f'id="broken-{late.pk}"'))
        # The page drawn plainly is plain.
        with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
            again = self.client.get(page_url).content.decode()
        self.assertNotIn("promise-landed-", again)
        self.assertIn(f'<li id="broken-{late.pk}">', again)
