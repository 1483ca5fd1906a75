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

from powerdesk.outages.models import Outage, OutageEvent, OutageLink
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
        from powerdesk.servicedesk.services import work_order_transition

        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="complaint",
            summary="抄表员态度差",
            customer=self.customer,
        )
        order = work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已上门道歉"
        )
        callback_record(work_order=order, user=self.clerk, outcome="reached", still_not_fixed=True)
        english = self.texts("en")
        self.assertIn(f"{order.number} · still not fixed", english)
        self.assertNotIn("仍未解决", english)
        self.assertIn(f"{order.number} · 仍未解决", self.texts("zh-hans"))
        # The same words as the chief's own notices page.
        self.login(self.chief)
        with translation.override("en"):
            notices = self.client.get(reverse("servicedesk:notices"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertIn(f"{order.number} · still not fixed", text_of(notices.content.decode()))

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


class CosmeticTests(BaseTestCase):
    def board_history(self, outage: Outage, language: str) -> str:
        self.login(self.chief)
        with translation.override(language):
            page = self.client.get(reverse("outages:board"), HTTP_ACCEPT_LANGUAGE=language)
        found = re.search(
            rf'data-testid="history-outage-{outage.pk}">.*?<ol>(.*?)</ol>',
            page.content.decode(),
            re.S,
        )
        assert found is not None
        return text_of(found.group(1))

    def partly_restored(self) -> Outage:
        from powerdesk.customers.models import Customer
        from powerdesk.outages.restoration import outage_restore_part
        from powerdesk.outages.services import outage_declare
        from tests.outage_cast import area_below_the_pole

        other = area_below_the_pole(self)
        Customer.objects.create(
            station=self.station_a,
            account_number="53250000009",
            name="张三",
            village=self.village,
            transformer=other,
        )
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.breaker,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(hours=2),
        )
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        return outage

    def test_the_device_still_open_after_a_partial_restore_is_named(self) -> None:
        outage = self.partly_restored()
        line = outage.events.get(what="partly_restored")
        self.assertEqual(line.note, "1 户复电，1 户仍停电（仍断开：哔叭支线02号杆跌落式熔断器）")
        english = self.board_history(outage, "en")
        self.assertIn("1 households back, 1 still out (open: 哔叭支线02号杆跌落式熔断器)", english)
        self.assertNotIn("ZM-B01-F", english)
        self.assertIn(
            "（仍断开：哔叭支线02号杆跌落式熔断器）", self.board_history(outage, "zh-hans")
        )

    def lines_by_code(self, outage: Outage, codes: list[str], after: str) -> list[OutageEvent]:
        """Three lines of a partial restore (12 households back, 3 still out behind ``codes``)
        stored before the devices were named: said by code, said by code with ``after`` behind
        it, and in the station's words."""
        from powerdesk.servicedesk.history_notes import note_part, note_said

        line = note_part(
            "outage_partly_back", back=12, out=3, codes=note_part("items", items=codes)
        )
        rows = [
            outage.events.create(at=timezone.now(), what="partly_restored", **said)
            for said in (
                note_said(line["code"], **line["args"]),
                note_said("parts", sep="dot", parts=[line, after]),
            )
        ]
        rows.append(
            outage.events.create(
                at=timezone.now(),
                what="partly_restored",
                note=f"12 户复电，3 户仍停电（仍断开：{'、'.join(codes)}） · {after}",
            )
        )
        return rows

    def named(self, rows: list[OutageEvent]) -> list[OutageEvent]:
        """``rows`` as the migration forward leaves them (the devices named)."""
        migration = importlib.import_module("powerdesk.outages.migrations.0012_still_open_by_name")
        migration.still_open_by_name(apps, None)
        return [OutageEvent.objects.get(pk=r.pk) for r in rows]

    def assert_put_back(self, rows: list[OutageEvent]) -> None:
        """The migration backward puts ``rows`` back as they were stored."""
        migration = importlib.import_module("powerdesk.outages.migrations.0012_still_open_by_name")
        migration.still_open_by_code(apps, None)
        back = [OutageEvent.objects.get(pk=r.pk) for r in rows]
        self.assertEqual([b.note for b in back], [r.note for r in rows])
        self.assertEqual([b.note_args for b in back], [r.note_args for r in rows])

    def test_lines_stored_with_codes_are_named_and_put_back(self) -> None:
        rows = self.lines_by_code(self.partly_restored(), ["ZM-B01-F", "ZM-XX"], "先送东边")
        named = "12 户复电，3 户仍停电（仍断开：哔叭支线02号杆跌落式熔断器、ZM-XX）"
        found = self.named(rows)
        self.assertEqual(
            [f.note for f in found], [named, f"{named} · 先送东边", f"{named} · 先送东边"]
        )
        with translation.override("en"):
            shown = [f.shown_note for f in found]
        said = "12 households back, 3 still out (open: 哔叭支线02号杆跌落式熔断器, ZM-XX)"
        self.assertEqual(shown, [said, f"{said} · 先送东边", f"{said} · 先送东边"])
        self.assert_put_back(rows)

    def test_a_name_holding_the_list_s_brackets_and_separator_goes_back_whole(self) -> None:
        # Forward, then backward, on lines listing a device whose name holds the line's closing
        # bracket and the list's separator: each name is read whole and its code put back.
        from powerdesk.network.models import GridNode, NodeKind

        outage = self.partly_restored()
        GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=self.pole,
            name="哔叭支线（东）03号杆熔断器、A相",
        )
        rows = self.lines_by_code(outage, ["ZM-B02-F", "ZM-B01-F"], "先送（东）边")
        named = (
            "12 户复电，3 户仍停电（仍断开：哔叭支线（东）03号杆熔断器、A相、"
            "哔叭支线02号杆跌落式熔断器）"
        )
        self.assertEqual(
            [f.note for f in self.named(rows)],
            [named, f"{named} · 先送（东）边", f"{named} · 先送（东）边"],
        )
        self.assert_put_back(rows)

    def test_where_to_look_first_counts_its_places_without_mixing_brackets(self) -> None:
        add_crews(self)
        outage_job(self)
        self.login(self.member)
        for language in ("en", "zh-hans"):
            with translation.override(language):
                page = self.client.get(
                    reverse("servicedesk:crew_jobs"), HTTP_ACCEPT_LANGUAGE=language
                ).content.decode()
            found = re.search(
                r'data-testid="job-patrol-ranked"[^>]*><summary>(.*?)</summary>', page, re.S
            )
            assert found is not None, page
            heading = found.group(1)
            self.assertNotRegex(heading, r"[（）] ?\(|\) ?[（）]|） \(")
            if language == "en":
                self.assertRegex(heading, r"^Where to look first \(\d+\)$")


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
        from tests.notifications import test_two_way as two_way

        two_way.TwoWaySmsTests._restored_outage_with_a_caller(self)  # type: ignore[arg-type]
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


class LiaisonLogLanguageTests(BaseTestCase):
    def village_log(self, language: str) -> str:
        self.login(self.chief)
        with translation.override(language):
            page = self.client.get(
                reverse("community:village", args=[self.village.pk]), HTTP_ACCEPT_LANGUAGE=language
            ).content.decode()
        found = re.search(r'data-testid="liaison-activity">(.*?)</ul>', page, re.S)
        assert found is not None, page
        return text_of(found.group(1))

    def test_the_system_s_lines_read_in_english_and_the_station_s_words_are_kept(self) -> None:
        from powerdesk.accounts.models import Membership, Role
        from powerdesk.community.liaison import liaison_add, liaison_power_back, liaison_retire
        from powerdesk.community.models import LiaisonActivity
        from powerdesk.outages.services import outage_declare
        from tests.base import make_user

        user = make_user("zm", self.station_a)
        Membership.objects.create(
            user=user, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        liaison_power_back(user=user, village=self.village, outage=outage, group=self.group)
        liaison = liaison_add(
            village=self.village,
            by=self.chief,
            name="王村长",
            phone="13812345670",
            role="director",
        )
        liaison_retire(liaison=liaison, by=self.chief, reason="换届")
        notes = list(LiaisonActivity.objects.order_by("pk").values_list("note", flat=True))
        self.assertEqual(notes[0], "哔叭支线02号杆跌落式熔断器 故障停电：哔叭已来电")
        self.assertTrue(notes[1].startswith("新增联络员：王村长 (村委会主任) "), notes[1])
        self.assertEqual(notes[2], "不再担任联络员：王村长 (村委会主任)（换届）")
        english = self.village_log("en")
        self.assertIn("哔叭支线02号杆跌落式熔断器 fault outage: Power back in 哔叭", english)
        self.assertIn("Liaison added: 王村长 (committee director) ", english)
        self.assertIn("No longer a liaison: 王村长 (committee director) (换届)", english)
        for chinese in ("故障停电", "已来电", "新增联络员", "村委会主任", "不再担任"):
            self.assertNotIn(chinese, english)
        self.assertIn("故障停电：哔叭已来电", self.village_log("zh-hans"))

    def test_lines_stored_before_read_in_english_and_what_was_typed_stays(self) -> None:
        from powerdesk.community.models import LiaisonActivity

        for kind, note in (
            ("power_back", "哔叭支线02号杆跌落式熔断器 故障停电: 哔叭已来电"),
            ("other", "新增联络员：王村长 (村委会主任) 138 1234 5670"),
            ("report", "新增联络员：这是村民自己说的话"),
        ):
            LiaisonActivity.objects.create(
                station=self.station_a,
                village=self.village,
                at=timezone.now(),
                kind=kind,
                note=note,
            )
        english = self.village_log("en")
        self.assertIn("哔叭支线02号杆跌落式熔断器 fault outage: Power back in 哔叭", english)
        self.assertIn("Liaison added: 王村长 (村委会主任) 138 1234 5670", english)
        self.assertIn("新增联络员：这是村民自己说的话", english)


class MoreStoredTextTests(BaseTestCase):
    def test_a_phone_learnt_from_a_call_names_the_call_in_the_reader_s_language(self) -> None:
        from powerdesk.customers.models import CustomerHistory
        from powerdesk.servicedesk.calls import call_link_customer
        from powerdesk.servicedesk.models import Call

        call = Call.objects.create(
            station=self.station_a,
            received_at=timezone.now(),
            caller_number="13900001111",
            caller_e164="+8613900001111",
            text="停电了",
        )
        call_link_customer(call=call, customer=self.customer, user=self.clerk, add_phone=True)
        CustomerHistory.objects.create(
            customer=self.customer,
            at=timezone.now(),
            source="2026-12-01 10:42 的来电",  # stored before, in the station's words
            field="phones",
            new_value="13900002222",
        )
        self.login(self.chief)
        url = reverse("customers:detail", args=[self.customer.pk])
        english = page_text(self, url, "en")
        when = f"{timezone.localtime(call.received_at):%Y-%m-%d %H:%M}"
        self.assertIn(f"call of {when}", english)
        self.assertIn("call of 2026-12-01 10:42", english)
        self.assertNotIn("的来电", english)
        self.assertIn(f"{when} 的来电", page_text(self, url, "zh-hans"))

    def test_an_outage_recorded_by_the_system_says_so_in_english(self) -> None:
        from powerdesk.servicedesk.call_prediction import recorded_at_intake
        from powerdesk.servicedesk.models import Call, WorkOrderEvent

        add_crews(self)
        outage, order = outage_job(self)
        call = Call.objects.filter(work_order=order).first()
        assert call is not None
        recorded_at_intake(order, outage, call, None)
        line = order.events.filter(note_code="recorded_at_intake").get()
        self.assertEqual(line.note_args["who"], {"code": "the_system", "args": {}})
        self.assertIn("系统", line.note)  # the station's words, kept for exports and search
        with translation.override("en"):
            self.assertIn("by the system", line.shown_note)
            # A line stored before, with the station's word for it.
            old = WorkOrderEvent.objects.create(
                work_order=order, at=timezone.now(), kind=WorkOrderEvent.Kind.NOTE, note=line.note
            )
            self.assertIn("by the system", old.shown_note)
            self.assertNotIn("系统", old.shown_note)

    def test_a_planned_work_s_order_is_titled_in_the_reader_s_language(self) -> None:
        from powerdesk.outages.planned_work import planned_work_order

        outage = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.PLANNED,
            status=Outage.Status.ANNOUNCED,
            starts_at=timezone.now() + dt.timedelta(days=1),
            expected_restore_at=timezone.now() + dt.timedelta(days=1, hours=3),
            cause="更换跌落式熔断器",
        )
        link = OutageLink.objects.create(outage=outage)
        order = planned_work_order(outage, link, self.chief)
        assert order is not None
        self.assertEqual(order.summary, "计划检修：哔叭支线02号杆跌落式熔断器")
        with translation.override("en"):
            self.assertEqual(order.title, "Planned work: 哔叭支线02号杆跌落式熔断器")
            created = order.events.get(kind="created")
            self.assertEqual(created.shown_note, "Planned work: 哔叭支线02号杆跌落式熔断器")
        with translation.override("zh-hans"):
            self.assertEqual(order.title, "计划检修：哔叭支线02号杆跌落式熔断器")
        # Orders stored before are marked, and unmarked going back.
        migration = importlib.import_module(
            "powerdesk.servicedesk.migrations.0025_planned_work_titled"
        )
        WorkOrder.objects.filter(pk=order.pk).update(summary_kind="")
        migration.mark_planned_orders(apps, None)
        self.assertEqual(WorkOrder.objects.get(pk=order.pk).summary_kind, "planned")
        migration.unmark_planned_orders(apps, None)
        self.assertEqual(WorkOrder.objects.get(pk=order.pk).summary_kind, "")


class StoredWordingEdgeTests(BaseTestCase):
    def test_a_call_source_stored_in_either_wording_gives_its_time_once(self) -> None:
        from powerdesk.customers.models import call_source_time

        self.assertEqual(call_source_time("call 2026-12-01 10:42"), "2026-12-01 10:42")
        # An older row written in English ("call of …") is read by its wording, not cut short.
        with translation.override("en"):
            self.assertNotEqual(call_source_time("call of 2026-12-01 10:42"), "of 2026-12-01 10:42")
        self.assertIsNone(call_source_time("call me later"))

    def test_a_typed_callback_comment_that_reads_like_a_system_line_is_shown_as_typed(self) -> None:
        from powerdesk.servicedesk.models import Callback

        typed = Callback(comment="班组已接单")
        with translation.override("en"):
            self.assertEqual(typed.comment_shown, "班组已接单")
