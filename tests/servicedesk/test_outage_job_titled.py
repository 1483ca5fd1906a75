"""walk43, 5: a caller's order that became the outage's job (its crew already on it when the
outage was recorded: ``life.outage_crew_already_on``) kept the call's words as its title
("2026-02479 家里没电了，邻居家也没电") on its page and in the crew's banner, where every other
outage job is titled "停电：<device>" as the crew's card said. It is titled as the outage's job;
the caller's words stay in its description, and its history says who changed the title, when,
and what it was."""

from __future__ import annotations

from django.utils import translation

from powerdesk.outages.joined import outage_join_open_orders, outage_join_separate_orders
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_dispatch
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews

WORDS = "家里没电了，邻居家也没电"


class OutageJobTitledTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            caller_number="15886453725",
            text=WORDS,
            category="fault_repair",
        )
        assert taken.work_order is not None
        self.order = work_order_dispatch(
            work_order=taken.work_order, crew=self.crew, user=self.chief
        )
        self.before = self.order.summary
        self.assertIn("没电", self.before)  # the call's words, before
        # The dispatcher records the outage on the fuse above the house, as /outages/ does.
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_join_open_orders(outage=self.outage, user=self.chief)
        self.order.refresh_from_db()

    def page(self, language: str) -> str:
        self.login(self.chief)
        with translation.override(language):
            response = self.client.get(self.order.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def heading(self, html: str) -> str:
        start = html.index('data-testid="order-title"')
        return html[start : html.index("</span>", start)]

    def test_its_page_is_titled_as_the_outage_s_job(self) -> None:
        title = zh("Outage: %(device)s") % {"device": self.fuse}
        self.assertIn(title, self.heading(self.page("zh-hans")))
        self.assertNotIn(WORDS, self.heading(self.page("zh-hans")))
        with translation.override("en"):
            self.assertEqual(self.order.title, f"Outage: {self.fuse}")

    def test_the_caller_s_words_stay_and_the_history_says_what_the_title_was(self) -> None:
        self.assertIn(WORDS, self.order.description)
        (line,) = self.order.events.filter(note_code="retitled_outage_job")
        self.assertEqual(line.by, self.chief)
        self.assertIsNotNone(line.at)
        said = zh(
            "The crew's job of the outage on %(device)s: titled as the outage's job (its title "
            "before: %(before)s)"
        ) % {"device": self.fuse, "before": self.before}
        self.assertEqual(line.note, said)
        html = self.page("zh-hans")
        self.assertIn(WORDS, html)  # its description, on its page

    def test_asked_again_it_is_retitled_once(self) -> None:
        outage_join_separate_orders(outage=self.outage, user=self.chief)  # a double click
        outage_join_open_orders(outage=self.outage, user=self.chief)
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertEqual(order.events.filter(note_code="retitled_outage_job").count(), 1)
