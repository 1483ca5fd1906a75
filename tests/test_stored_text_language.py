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
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.servicedesk.callback_cast import resolved_complaint
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
        outage_restore(outage=outage, user=self.chief, how="remote")
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
        outage_restore(outage=outage, user=None)  # the system: no cause asked
        order.refresh_from_db()
        self.assertEqual((order.cause_kind, order.cause), ("restored", ""))
        self.assertEqual(
            self.order_cause(order, "en"), "Power restored at 哔叭支线02号杆跌落式熔断器"
        )
        self.assertEqual(self.order_cause(order, "zh-hans"), "哔叭支线02号杆跌落式熔断器 已复电")

    def test_power_restored_names_the_outage_s_device_not_one_the_order_named(self) -> None:
        # The order named a device before (the transformer area its caller is on) but no
        # cause: its "power restored at …" is the outage's fuse, through which power came back.
        add_crews(self)
        outage, order = outage_job(self)
        WorkOrder.objects.filter(pk=order.pk).update(device_found=self.transformer)
        outage_restore(outage=outage, user=None)  # the system: no cause asked
        order.refresh_from_db()
        self.assertEqual((order.cause_kind, order.device_found), ("restored", self.fuse))
        self.assertEqual(
            self.order_cause(order, "en"), "Power restored at 哔叭支线02号杆跌落式熔断器"
        )
        self.assertEqual(self.order_cause(order, "zh-hans"), "哔叭支线02号杆跌落式熔断器 已复电")
        from powerdesk.servicedesk.api_schemas import WorkOrderOut

        self.assertEqual(WorkOrderOut.resolve_cause(order), "哔叭支线02号杆跌落式熔断器 已复电")

    def test_a_reopened_order_forgets_the_outage_s_cause(self) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        outage_restore(outage=outage, user=None)  # the system: no cause asked
        order.refresh_from_db()
        self.assertEqual(order.cause_kind, "restored")
        from powerdesk.servicedesk.order_again import work_order_reopen

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
            order("哔叭支线02号杆跌落式熔断器 已复电", bare_link),
        ]
        # An order that named another device (its transformer area) before the restore: the
        # words name the outage's fuse, and so do the kind read back and the words put back.
        WorkOrder.objects.filter(pk=stored[4].pk).update(device_found=self.transformer)
        migration.kinds_apart(apps, None)
        found = [WorkOrder.objects.get(pk=o.pk) for o in stored]
        self.assertEqual(
            [(o.cause_kind, o.cause) for o in found],
            [
                ("tree", "02号杆旁树枝压线"),
                ("tree", "02号杆旁树枝压线"),
                ("restored", ""),
                ("", "树障倒了，压着线"),
                ("restored", ""),
            ],
        )
        with translation.override("en"):
            self.assertEqual(found[0].cause_shown, "tree · 02号杆旁树枝压线")
            self.assertEqual(found[2].cause_shown, "Power restored at 哔叭支线02号杆跌落式熔断器")
            self.assertEqual(found[4].cause_shown, "Power restored at 哔叭支线02号杆跌落式熔断器")
        migration.kinds_as_words(apps, None)
        self.assertEqual(
            [WorkOrder.objects.get(pk=o.pk).cause for o in stored],
            [
                "树障 · 02号杆旁树枝压线",
                "树障 · 02号杆旁树枝压线",
                "哔叭支线02号杆跌落式熔断器 已复电",
                "树障倒了，压着线",
                "哔叭支线02号杆跌落式熔断器 已复电",
            ],
        )

    def test_words_put_back_name_the_outage_s_device_after_the_device_found_moved(self) -> None:
        # Going back writes what the words said before: power restored at the outage's device,
        # even when the order's device found was changed since (by hand in the admin site).
        migration = importlib.import_module(
            "powerdesk.servicedesk.migrations.0024_cause_kind_apart"
        )
        add_crews(self)
        outage, order = outage_job(self)
        outage_restore(outage=outage, user=None)  # the system: no cause asked
        WorkOrder.objects.filter(pk=order.pk).update(device_found=self.transformer)
        migration.kinds_as_words(apps, None)
        order.refresh_from_db()
        self.assertEqual((order.cause_kind, order.cause), ("", "哔叭支线02号杆跌落式熔断器 已复电"))


class MessagesSentLanguageTests(BaseTestCase):
    def texts(self, language: str) -> str:
        """The Text column of the messages sent, row by row."""
        self.login(self.chief)
        with translation.override(language):
            page = self.client.get(
                reverse("notifications:deliveries"), HTTP_ACCEPT_LANGUAGE=language
            )
        self.assertEqual(page.status_code, 200)
        body = page.content.decode()
        table = body[body.index("<tbody>") : body.index("</tbody>")]
        rows = [text_of(r) for r in table.split("</tr>")]
        return " | ".join(rows)

    def test_in_app_rows_read_as_the_notices_page_reads_them(self) -> None:
        from powerdesk.servicedesk.callbacks import callback_record

        order = resolved_complaint(self)
        callback_record(work_order=order, user=self.clerk, outcome="reached", satisfaction=2)
        english = self.texts("en")
        said = f"{order.number} · solved but unhappy, for review · score 2"
        self.assertIn(said, english)
        self.assertNotIn("评分", english)
        self.assertIn(" · 评分 2", self.texts("zh-hans"))
        # The same words as the chief's own notices page.
        self.login(self.chief)
        with translation.override("en"):
            notices = self.client.get(reverse("servicedesk:notices"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertIn(said, text_of(notices.content.decode()))

    def test_a_notice_told_before_the_codes_and_a_power_back_notice_read_in_english(self) -> None:
        from powerdesk.notifications.models import Channel, Delivery, DeliveryState, Notice

        for key, template, facts in (
            (
                "old-unhappy",
                "escalation",
                {"what": "unhappy", "about": "2026-00012 · 评分 2", "inapp": {"kind": "unhappy"}},
            ),
            (
                "power-back",
                "callback_due",
                {"station": "光禄供电所", "villages": ["左门"], "households": 1},
            ),
        ):
            notice = Notice.objects.create(
                station=self.station_a, event="escalation", key=key, facts=facts
            )
            Delivery.objects.create(
                station=self.station_a,
                notice=notice,
                user=self.chief,
                channel=Channel.IN_APP,
                template=template,
                language="zh-hans",
                state=DeliveryState.DELIVERED,
                text="stored",
            )
        with translation.override("zh-hans"):
            from powerdesk.notifications.texts import render_text

            for d in Delivery.objects.filter(station=self.station_a):
                d.text = render_text(d.template, d.notice.facts, sms=False, in_app=True)
                d.save(update_fields=["text"])
        stored = " | ".join(Delivery.objects.values_list("text", flat=True))
        self.assertIn("评分 2", stored)
        self.assertIn("左门已复电：1户待回访。", stored)
        english = self.texts("en")
        self.assertIn("2026-00012 · score 2", english)
        self.assertNotIn("评分", english)
        self.assertNotIn("待回访", english)


def page_text(test: BaseTestCase, url: str, language: str) -> str:
    with translation.override(language):
        page = test.client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    test.assertEqual(page.status_code, 200)
    return text_of(page.content.decode())


class TextAnswersLanguageTests(BaseTestCase):
    """A household's "1" or "2" by text after a restore, on its order."""

    def setUp(self) -> None:
        import json

        from powerdesk.accounts.tokens import token_create

        _token, key = token_create(station_id=self.station_a.pk, name="gateway")

        def text(body: str, message_id: str) -> None:
            self.client.post(
                "/api/v1/sms/inbound",
                data=json.dumps({"id": message_id, "from": "+8613812345678", "text": body}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}",
            )

        self.text = text
        from tests.notifications.two_way_cast import restored_outage_with_a_caller

        restored_outage_with_a_caller(self)
        self.order = WorkOrder.objects.get(customer=self.customer)

    def test_power_back_by_text_reads_in_english_on_the_order(self) -> None:
        self.text("1", "gw-42")
        self.login(self.chief)
        english = page_text(self, self.order.get_absolute_url(), "en")
        self.assertIn("By text message from +8613812345678 (sms:gw-42) at ", english)
        self.assertIn(": power is back (replied 1).", english)
        self.assertNotIn("短信回访", english)
        chinese = page_text(self, self.order.get_absolute_url(), "zh-hans")
        self.assertIn("短信回访（+8613812345678，sms:gw-42，", chinese)
        # Lines and callbacks stored before as the station's words read the same way.
        from powerdesk.servicedesk.models import Callback, WorkOrderEvent

        old = "短信回访（+8613812345678，sms:gw-41，12-01 10:42）：已来电（回复1）。"
        WorkOrderEvent.objects.create(
            work_order=self.order, at=timezone.now(), kind=WorkOrderEvent.Kind.NOTE, note=old
        )
        Callback.objects.filter(work_order=self.order).update(comment=old)
        english = page_text(self, self.order.get_absolute_url(), "en")
        self.assertIn("(sms:gw-41) at 12-01 10:42: power is back (replied 1).", english)
        self.assertNotIn("短信回访", english)

    def test_still_off_by_text_reopens_the_order_in_the_reader_s_language(self) -> None:
        self.text("2", "gw-43")
        self.login(self.chief)
        english = page_text(self, self.order.get_absolute_url(), "en")
        self.assertIn("By text message: still no power after the restore.", english)
        # The reopened line; the call's own text (what came in) stays the station's record.
        self.assertNotIn("短信回复：", english)
        self.assertIn(
            "短信回复：复电后仍停电。", page_text(self, self.order.get_absolute_url(), "zh-hans")
        )
