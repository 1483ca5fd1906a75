"""Text the system writes is kept as data and read in the reader's language (continued from
``test_stored_text_language``): the board's history and headings, the liaison's log, a
customer's phone learnt from a call, the planned work's order, the outage recorded "by the
system"; and rows stored before as the station's words read back by that wording."""

from __future__ import annotations

import datetime as dt
import importlib
import re

from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.models import Outage, OutageEvent, OutageLink
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job
from tests.test_stored_text_language import page_text, text_of


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
        self.assertIn("1 household back, 1 still out (open: 哔叭支线02号杆跌落式熔断器)", english)
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


class LiaisonLogLanguageTests(BaseTestCase):
    def village_log(
        self, language: str, part: str = r'data-testid="liaison-activity">(.*?)</ul>'
    ) -> str:
        self.login(self.chief)
        with translation.override(language):
            page = self.client.get(
                reverse("community:village", args=[self.village.pk]), HTTP_ACCEPT_LANGUAGE=language
            ).content.decode()
        found = re.search(part, page, re.S)
        assert found is not None, page
        return text_of(found.group(1))

    def liaisons_history(self, language: str) -> str:
        """The liaisons' table: a liaison added or retired is a line of its history there."""
        return self.village_log(language, r'data-testid="liaisons">(.*?)</table>')

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
        history = self.liaisons_history("en")
        self.assertIn("Liaison added: 王村长 (committee director) ", history)
        self.assertIn("No longer a liaison: 王村长 (committee director) (换届)", history)
        for chinese in ("故障停电", "已来电", "新增联络员", "村委会主任", "不再担任"):
            self.assertNotIn(chinese, english)
            self.assertNotIn(chinese, history)
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
