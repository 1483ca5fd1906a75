"""An outage's history reads in the reader's language (walkthrough, English): the engine's
evidence is kept as counts, not as Chinese words; a cause found keeps its kind apart from the
crew's words; order numbers are a list, joined as the reader's language joins one; and the
crew's "on the way" is a step of the board's history, as "on site" is. Lines stored before
read the same way, and the station's words are still stored for exports and search."""

from __future__ import annotations

import datetime as dt
import html
import importlib
import re

from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.customers.models import Customer
from powerdesk.outages.joined import outage_join_separate_orders
from powerdesk.outages.models import Outage, OutageEvent, OutageLink
from powerdesk.outages.planned import planned_outage_notice, planned_outages_advance
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare, predicted_below_the_fuse
from tests.servicedesk.crew_cast import add_crews, outage_job

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


class OutageHistoryLanguageTests(BaseTestCase):
    def board(self, language: str = "en") -> str:
        self.login(self.chief)
        with translation.override(language):
            page = self.client.get(reverse("outages:board"), HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(page.status_code, 200)
        return page.content.decode()

    def history(self, outage: Outage, language: str = "en") -> list[str]:
        """The outage's history on the board, line by line, without its tags."""
        page = self.board(language)
        found = re.search(
            rf'data-testid="history-outage-{outage.pk}">.*?<ol>(.*?)</ol>', page, re.S
        )
        assert found is not None, page
        lines = found.group(1).split("</li>")
        return [html.unescape(re.sub(r"<[^>]+>", "", li)).strip() for li in lines if li]

    def line(self, lines: list[str], label: str, note: str) -> str:
        """The line of step ``label`` saying ``note`` (after who took it, if anyone did)."""
        found = [s for s in lines if label in s and s.endswith(f" · {note}")]
        self.assertTrue(found, f"{label} … {note} not in {lines}")
        return found[0]

    # -- the engine's evidence ------------------------------------------------------------------
    def test_a_recording_from_the_prediction_says_the_engine_s_evidence_in_english(self) -> None:
        prediction = predicted_below_the_fuse(self)
        prediction.explain = {"calls": 2, "meter_off": 6, "reporting_meters": 14}
        prediction.save(update_fields=["explain"])
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        line = outage.events.get(what="confirmed")
        # Stored as what it says (counts), and in the station's words.
        self.assertEqual(line.note_code, "engine_evidence")
        self.assertEqual(line.note_args, {"calls": 2, "meter_off": 6, "reporting_meters": 14})
        self.assertEqual(line.note, "下游有用户报修；14 块上报电表中 6 块报停电")
        said = "customers below called; 6 of 14 reporting meters sent power-off"
        english = self.history(outage)
        self.line(english, "recorded from the engine's prediction", said)
        self.assertNotIn("下游", " | ".join(english))
        self.assertIn(
            "下游有用户报修；14 块上报电表中 6 块报停电",
            " | ".join(self.history(outage, "zh-hans")),
        )

    def test_at_intake_the_call_it_was_recorded_from_is_named_in_english(self) -> None:
        prediction = predicted_below_the_fuse(self)
        call = Call.objects.create(
            station=self.station_a,
            received_at=timezone.now() - dt.timedelta(minutes=5),
            caller_number="18870495863",
            text="停电了",
        )
        outage = prediction_confirm(prediction=prediction, user=self.chief, from_call=call)
        english = " | ".join(self.history(outage))
        self.assertRegex(
            english, r"recorded at intake from the call of \d\d:\d\d \S.*, customers below called"
        )
        self.assertNotIn("来电受理", english)

    def test_lines_stored_before_the_codes_read_in_english_too(self) -> None:
        outage = fault_declare(self, self.fuse, began=30)
        old = [
            ("confirmed", "下游有用户报修；14 块上报电表中 6 块报停电"),
            (
                "confirmed",
                "来电受理时根据10:42 188 7049 5863的来电登记、下游有用户报修；"
                "调度自动化、抢修班或所里报告断开",
            ),
            (
                "confirmed",
                "由 ZM-F9 改到此设备 （改到另一条线路：10kV左门线 → 10kV哔叭线，工作人员已确认）",
            ),
            ("cause_found", "树障 02号杆旁树枝压线"),
            ("orders_joined", "2026-00001、2026-00002"),
            ("partly_restored", "12 户复电，3 户仍停电（仍断开：ZM-F1、ZM-F2） · 先送东边"),
            ("found_here", "ZM-P02/span 哔叭支线 01–02号杆档距 · 树障"),
        ]
        for what, note in old:
            OutageEvent.objects.create(outage=outage, at=timezone.now(), what=what, note=note)
        lines = self.history(outage)
        for label, said in (
            ("recorded from", "customers below called; 6 of 14 reporting meters sent power-off"),
            (
                "recorded from",
                "recorded at intake from the call of 10:42 188 7049 5863, customers below "
                "called; SCADA, a crew or the office reported it open",
            ),
            (
                "recorded from",
                "moved from ZM-F9 (another feeder: 10kV左门线 → 10kV哔叭线, confirmed by staff)",
            ),
            ("cause found", "tree · 02号杆旁树枝压线"),
            ("callers' work orders joined", "2026-00001, 2026-00002"),
            ("partly restored", "12 households back, 3 still out (open: ZM-F1, ZM-F2) · 先送东边"),
            ("fault found here", "哔叭支线 span 01–02 · tree"),
        ):
            self.line(lines, label, said)
        english = " | ".join(lines)
        for chinese in ("下游", "来电受理", "改到", "树障", "、", "户复电", "档距"):
            self.assertNotIn(chinese, english)

    # -- the cause found ------------------------------------------------------------------------
    def test_the_cause_keeps_its_kind_apart_and_reads_in_english_on_the_board_and_phone(
        self,
    ) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        for step, fields in (
            ("on_the_way", {}),
            ("on_site", {}),
            ("cause_found", {"cause": "tree", "note": "02号杆旁树枝压线"}),
        ):
            crew_step_take(work_order=order, step=step, user=self.member, fields=fields)
        outage.refresh_from_db()
        self.assertEqual((outage.cause_kind, outage.cause), ("tree", "02号杆旁树枝压线"))
        line = outage.events.get(what="cause_found")
        self.assertEqual(line.note, "树障 · 02号杆旁树枝压线")  # the station's words, kept
        self.line(self.history(outage), "cause found", "tree · 02号杆旁树枝压线")
        self.line(self.history(outage, "zh-hans"), "查明原因", "树障 · 02号杆旁树枝压线")
        # The crew's phone in English.
        self.login(self.member)
        with translation.override("en"):
            phone = self.client.get(reverse("servicedesk:crew_jobs"), **ENGLISH).content.decode()
        said = re.search(r'data-testid="job-cause">(.*?)</span>', phone, re.S)
        assert said is not None, phone
        self.assertEqual(said.group(1), "Cause found: tree · 02号杆旁树枝压线")

    def test_causes_stored_with_the_kind_s_label_are_taken_apart_and_put_back(self) -> None:
        migration = importlib.import_module(
            "powerdesk.outages.migrations.0011_history_lines_as_data"
        )
        outages = []
        for kind, cause in (
            ("tree", "树障 02号杆旁树枝压线"),
            ("lightning", "雷击"),
            ("", "树障倒了"),
        ):
            outage = Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                starts_at=timezone.now() - dt.timedelta(hours=3),
                restored_at=timezone.now() - dt.timedelta(hours=1),
                cause=cause,
            )
            OutageLink.objects.create(outage=outage, cause_kind=kind)
            outages.append(outage)
        migration.words_apart(apps, None)
        causes = [Outage.objects.get(pk=o.pk).cause for o in outages]
        self.assertEqual(causes, ["02号杆旁树枝压线", "", "树障倒了"])  # no kind: as typed
        with translation.override("en"):
            self.assertEqual(
                Outage.objects.get(pk=outages[0].pk).cause_shown, "tree · 02号杆旁树枝压线"
            )
        migration.words_with_label(apps, None)
        causes = [Outage.objects.get(pk=o.pk).cause for o in outages]
        self.assertEqual(causes, ["树障 02号杆旁树枝压线", "雷击", "树障倒了"])

    # -- order numbers --------------------------------------------------------------------------
    def test_the_joined_orders_numbers_are_listed_as_english_lists(self) -> None:
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="李四",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        orders = [
            work_order_create(
                station=self.station_a,
                user=self.clerk,
                category="fault_repair",
                summary="家里停电",
                customer=customer,
            )
            for customer in (self.customer, neighbour)
        ]
        outage = fault_declare(self, self.fuse, began=30)
        self.assertEqual(outage_join_separate_orders(outage=outage, user=self.chief), 2)
        line = outage.events.get(what="orders_joined")
        self.assertEqual(line.note_args, {"items": [o.number for o in orders]})
        self.assertEqual(line.note, "、".join(o.number for o in orders))
        said = ", ".join(o.number for o in orders)
        self.line(self.history(outage), "callers' work orders joined", said)

    # -- the crew on the way --------------------------------------------------------------------
    def test_the_crew_on_the_way_is_a_step_of_the_board_s_history(self) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        set_out = timezone.now() - dt.timedelta(minutes=12)
        crew_step_take(work_order=order, step="on_the_way", user=self.member, fields={}, at=set_out)
        crew_step_take(work_order=order, step="on_site", user=self.member, fields={})
        steps = list(outage.events.values_list("what", "at", "note"))
        self.assertIn(("on_the_way", set_out, self.crew.name), steps)
        english = self.history(outage)
        on_the_way = next(i for i, line in enumerate(english) if "crew on the way" in line)
        on_site = next(i for i, line in enumerate(english) if "crew on site" in line)
        self.assertLess(on_the_way, on_site)
        self.assertIn(self.crew.name, english[on_the_way])

    # -- a planned outage's lines ---------------------------------------------------------------
    def test_a_planned_outage_s_history_reads_in_english(self) -> None:
        now = timezone.now()
        outage = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.PLANNED,
            status=Outage.Status.ANNOUNCED,
            starts_at=now - dt.timedelta(minutes=1),
            expected_restore_at=now + dt.timedelta(hours=3),
            cause="更换跌落式熔断器",
            notice="明天检修停电",
        )
        self.assertEqual(planned_outages_advance(now=now), 1)
        planned_outage_notice(outage=outage, user=self.chief, notice="检修提前结束可能提前来电")
        lines = {e.what: e for e in outage.events.all()}
        self.assertEqual(lines["active"].note, "已开始")  # the station's words, kept
        self.assertEqual(lines["notice"].note, "原内容：明天检修停电")
        self.login(self.chief)
        with translation.override("en"):
            page = self.client.get(reverse("outages:planned"), **ENGLISH).content.decode()
        self.assertIn("power off · started", page)
        self.assertIn("before: 明天检修停电", page)
        self.assertNotIn("已开始", page)
        self.assertNotIn("原内容", page)
