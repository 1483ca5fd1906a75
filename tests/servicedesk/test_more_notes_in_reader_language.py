"""More lines the system writes, read in the reader's language (walkthrough, English pages): an
outage's order said "created → received 停电：10kV左门线出线开关", a joined or repeat call
"188 7049 5863：还是没电" with the Chinese colon, and a hard problem's revisit "回访/复查". They
are stored with a code and data (the words in the station's language kept for exports and the
API); rows stored before are recognised by their wording; what a person typed stays as typed."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from powerdesk.customers.models import Customer
from powerdesk.outages.joined import outage_order_for_call
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.followup import (
    hard_problem_add_step,
    hard_problem_open,
    hard_problem_revisit,
)
from powerdesk.servicedesk.models import Call, HardProblemStep, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.order_again import work_order_join_call
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import neighbour

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CJK_COLON = "："


class OrderLinesInEnglishTests(BaseTestCase):
    def history(self, order: WorkOrder, **headers: str) -> str:
        self.login(self.chief)
        page = self.client.get(
            reverse("servicedesk:work_order", args=[order.pk]), **headers
        ).content.decode()
        body = page[page.rindex("<tbody>") : page.rindex("</tbody>")]
        return " | ".join(re.sub(r"<[^>]+>", "", row) for row in body.split("</tr>"))

    def call(self, number: str, text: str, customer: Customer | None = None) -> Call:
        return Call.objects.create(
            station=self.station_a,
            received_at=timezone.now(),
            customer=customer or self.customer,
            caller_number=number,
            text=text,
        )

    def test_an_outage_order_s_first_line_names_the_outage_in_english(self) -> None:
        # No crew's job on it yet: the call opens the outage's own order, titled after it (a
        # caller joining a crew's job joins it instead: walk37, 15).
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind="unplanned",
            starts_at=timezone.now() - dt.timedelta(minutes=30),
        )
        outage_job_order = outage_order_for_call(
            outage=outage,
            call=self.call("13900001111", "我家也没电", neighbour(self)),
            user=self.clerk,
        )
        device = outage.device.name or outage.device.code
        created = outage_job_order.events.get(kind=WorkOrderEvent.Kind.CREATED)
        self.assertEqual(created.note_code, "outage_title")
        self.assertEqual(created.note, outage_job_order.summary)  # the station's words, kept
        english = self.history(outage_job_order, **ENGLISH)
        self.assertIn(f"Outage: {device}", english)
        self.assertNotIn("停电：", english)
        self.assertIn(created.note, self.history(outage_job_order))

    def test_an_outage_order_s_line_stored_before_reads_in_english(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费多收"
        )
        WorkOrderEvent.objects.create(
            work_order=order,
            at=order.created_at,
            kind=WorkOrderEvent.Kind.CREATED,
            to_status="received",
            note=zh("Outage: %(device)s") % {"device": "10kV左门线出线开关"},
        )
        english = self.history(order, **ENGLISH)
        self.assertIn("Outage: 10kV左门线出线开关", english)
        self.assertIn("电费多收", english)  # a summary a person typed: as typed

    def test_a_joined_and_a_repeat_call_take_the_reader_s_colon(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="哔叭停电",
            customer=self.customer,
            call=self.call("13812345678", "没电了"),
        )
        again, other = self.call("13812345678", "还是没电"), self.call("13900001111", "我家也没电")
        for call in (again, other):
            work_order_join_call(work_order=order, call=call, user=self.clerk)
        lines = order.events.filter(
            kind__in=(WorkOrderEvent.Kind.CALL_JOINED, WorkOrderEvent.Kind.REPEAT_CALL)
        ).order_by("pk")
        self.assertEqual(len(lines), 2)
        said = [f"{again.number_shown}: 还是没电", f"{other.number_shown}: 我家也没电"]
        with translation.override("en"):
            self.assertEqual([e.shown_note for e in lines], said)
        # Stored in the station's words, its colon too (exports, search, the API read ``note``).
        with translation.override("zh-hans"):
            colon = pgettext("label separator", ": ")
        self.assertEqual(
            [e.note for e in lines],
            [f"{again.number_shown}{colon}还是没电", f"{other.number_shown}{colon}我家也没电"],
        )
        english = self.history(order, **ENGLISH)
        for line in said:
            self.assertIn(line, english)
        self.assertNotIn(CJK_COLON, english)

    def test_joined_call_lines_stored_before_read_in_english_a_typed_note_does_not(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费多收"
        )
        for kind, note in (
            (WorkOrderEvent.Kind.REPEAT_CALL, "188 7049 5863：还是没电"),
            (WorkOrderEvent.Kind.CALL_JOINED, "张三：隔壁也停了"),
            (WorkOrderEvent.Kind.NOTE, "更换：表箱的锁"),
        ):
            WorkOrderEvent.objects.create(
                work_order=order, at=order.created_at, kind=kind, note=note
            )
        english = self.history(order, **ENGLISH)
        self.assertIn("188 7049 5863: 还是没电", english)
        self.assertIn("张三: 隔壁也停了", english)
        self.assertIn("更换：表箱的锁", english)  # typed by a person: as typed


class HardProblemRevisitInEnglishTests(BaseTestCase):
    def test_a_revisit_step_reads_in_english_and_a_typed_step_as_typed(self) -> None:
        problem = hard_problem_open(
            station=self.station_a,
            user=self.chief,
            title="左门村低电压",
            description="傍晚电压低",
            village=self.village,
        )
        hard_problem_add_step(
            problem=problem,
            user=self.chief,
            title="增容改造台区",
            owner=self.chief,
            due_on=timezone.localdate() + dt.timedelta(days=30),
        )
        hard_problem_revisit(problem=problem, user=self.chief, note="电压正常")
        revisit = problem.steps.get(is_revisit=True)
        self.assertEqual(revisit.title, zh("Revisit / check again"))  # stored: the station's
        # A revisit stored before, in the station's words.
        HardProblemStep.objects.create(
            problem=problem,
            title="回访/复查",
            owner=self.chief,
            due_on=timezone.localdate(),
            done_on=timezone.localdate(),
            is_revisit=True,
        )
        self.login(self.chief)
        page = self.client.get(problem.get_absolute_url(), **ENGLISH).content.decode()
        table = page[page.index("<tbody>") : page.index("</tbody>")]
        # Revisits are under the plan, in its history (walkthrough 36, #6).
        history = page[page.index('data-testid="problem-history"') :]
        history = history[: history.index("</ul>")]
        self.assertEqual(history.count("Revisit / check again"), 2, history)
        self.assertNotIn("回访/复查", history)
        self.assertNotIn("Revisit", table)
        self.assertIn("增容改造台区", table)  # a step of the plan: as typed
