"""Text the system writes is kept as data and read in the reader's language (walkthrough, in
English and Chinese): a joined order's cause found, the in-app rows of the messages sent, the
households' answers by text, the liaison's log, a customer's phone learnt from a call, the
planned work's order, the outage recorded "by the system"; and rows stored before as the
station's words read back by that wording."""

from __future__ import annotations

import datetime as dt
import html
import importlib
import re

from django.apps import apps
from django.utils import timezone, translation

from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


class JoinedOrderCauseTests(BaseTestCase):
    def order_cause(self, order: WorkOrder, language: str) -> str:
        self.login(self.chief)
        with translation.override(language):
            page = self.client.get(order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(page.status_code, 200)
        found = re.search(r'data-testid="order-cause">(.*?)</dd>', page.content.decode(), re.S)
        assert found is not None, page.content.decode()
        return text_of(found.group(1)).strip()

    def test_the_kind_found_reads_in_the_reader_s_language_on_the_order(self) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        for step, fields in (
            ("on_the_way", {}),
            ("on_site", {}),
            ("cause_found", {"cause": "tree", "note": "02号杆旁树枝压线"}),
        ):
            crew_step_take(work_order=order, step=step, user=self.member, fields=fields)
        outage_restore(outage=outage, user=self.chief)
        order.refresh_from_db()
        self.assertEqual((order.cause_kind, order.cause), ("tree", "02号杆旁树枝压线"))
        self.assertTrue(
            self.order_cause(order, "en").startswith("tree · 02号杆旁树枝压线"),
            self.order_cause(order, "en"),
        )
        self.assertNotIn("树障", self.order_cause(order, "en"))
        self.assertTrue(self.order_cause(order, "zh-hans").startswith("树障 · 02号杆旁树枝压线"))
        # The API keeps the station's words, as it did.
        from powerdesk.servicedesk.api_schemas import WorkOrderOut

        self.assertEqual(WorkOrderOut.resolve_cause(order), "树障 · 02号杆旁树枝压线")

    def test_no_cause_recorded_says_power_restored_at_the_device_in_english(self) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        outage_restore(outage=outage, user=self.chief)
        order.refresh_from_db()
        self.assertEqual((order.cause_kind, order.cause), ("restored", ""))
        self.assertEqual(
            self.order_cause(order, "en"), "Power restored at 哔叭支线02号杆跌落式熔断器"
        )
        self.assertEqual(self.order_cause(order, "zh-hans"), "哔叭支线02号杆跌落式熔断器 已复电")

    def test_a_reopened_order_forgets_the_outage_s_cause(self) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        outage_restore(outage=outage, user=self.chief)
        order.refresh_from_db()
        self.assertEqual(order.cause_kind, "restored")
        from powerdesk.servicedesk.services import work_order_reopen

        order = work_order_reopen(work_order=order, reason="还是没电", user=self.chief)
        order.refresh_from_db()
        self.assertEqual((order.cause_kind, order.cause), ("", ""))

    def test_orders_stored_with_the_station_s_words_are_read_back_and_put_back(self) -> None:
        migration = importlib.import_module(
            "powerdesk.servicedesk.migrations.0024_cause_kind_apart"
        )
        outage = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=timezone.now() - dt.timedelta(hours=3),
            restored_at=timezone.now() - dt.timedelta(hours=1),
            cause="02号杆旁树枝压线",
        )
        link = OutageLink.objects.create(outage=outage, cause_kind="tree")
        bare = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            starts_at=timezone.now() - dt.timedelta(hours=3),
            restored_at=timezone.now() - dt.timedelta(hours=1),
        )
        bare_link = OutageLink.objects.create(outage=bare)

        def order(cause: str, link: OutageLink | None) -> WorkOrder:
            made = work_order_create(
                station=self.station_a, user=self.clerk, category="fault_repair", summary="没电"
            )
            WorkOrder.objects.filter(pk=made.pk).update(cause=cause, device_found=self.fuse)
            if link is not None:
                link.work_orders.add(made)
            return made

        stored = [
            order("树障 · 02号杆旁树枝压线", link),
            order("树障 02号杆旁树枝压线", link),  # before the kind was apart on the outage
            order("哔叭支线02号杆跌落式熔断器 已复电", bare_link),
            order("树障倒了，压着线", None),  # the crew's own words on an order of its own
        ]
        migration.kinds_apart(apps, None)
        found = [WorkOrder.objects.get(pk=o.pk) for o in stored]
        self.assertEqual(
            [(o.cause_kind, o.cause) for o in found],
            [
                ("tree", "02号杆旁树枝压线"),
                ("tree", "02号杆旁树枝压线"),
                ("restored", ""),
                ("", "树障倒了，压着线"),
            ],
        )
        with translation.override("en"):
            self.assertEqual(found[0].cause_shown, "tree · 02号杆旁树枝压线")
            self.assertEqual(found[2].cause_shown, "Power restored at 哔叭支线02号杆跌落式熔断器")
        migration.kinds_as_words(apps, None)
        self.assertEqual(
            [WorkOrder.objects.get(pk=o.pk).cause for o in stored],
            [
                "树障 · 02号杆旁树枝压线",
                "树障 · 02号杆旁树枝压线",
                "哔叭支线02号杆跌落式熔断器 已复电",
                "树障倒了，压着线",
            ],
        )
