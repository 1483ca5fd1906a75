"""What a person types is read the one way everywhere (fix58a), as a call's note and a public
report were (walk56, M3 and L5): through a page or the API, an order's description, a step's
note, a callback's comment, a hard problem's title and notes, a suggestion's answer, a text
message received. Invisible characters alone (a zero-width space) are refused saying so at the
field, nothing stored; a right-to-left override is taken out; Chinese as typed is kept as typed.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.tokens import token_create
from powerdesk.lib.form_text import TypedText, invisible_only, text_typed
from powerdesk.notifications.models import InboundSms
from powerdesk.servicedesk.followup import hard_problem_open
from powerdesk.servicedesk.forms import CallbackForm, HardProblemForm, ResolveForm
from powerdesk.servicedesk.models import (
    Call,
    Callback,
    HardProblem,
    HardProblemStep,
    WorkOrder,
    WorkOrderEvent,
)
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from tests.base import BaseTestCase

ZERO_WIDTH = "\u200b\u2060\u200b"
OVERRIDE, SHOWN = "灯坏了 \u202egnp.exe", "灯坏了 gnp.exe"
CHINESE = "电压低，晚上灯暗，三组的表箱门也坏了。"


def said(label: str) -> str:
    """The refusal of invisible characters alone at ``label``'s field, as a zh page says it."""
    with translation.override("zh-hans"):
        return invisible_only(translation.gettext(label))


class TheFieldTests(SimpleTestCase):
    def test_the_form_field_and_the_service_s_helper(self) -> None:
        field = TypedText(label="Note", max_length=20, required=False)
        with translation.override("en"):
            with self.assertRaisesMessage(Exception, "Note holds only invisible characters"):
                field.clean(ZERO_WIDTH)
            self.assertEqual(text_typed("Note", ZERO_WIDTH, 20)[1], field.error_messages.get(
                "invisible", invisible_only("Note")))  # fmt: skip
        self.assertEqual(field.clean(OVERRIDE), SHOWN)
        self.assertEqual(field.clean(CHINESE[:20]), CHINESE[:20])
        self.assertEqual(field.clean(" \u3000 "), "")  # spaces alone: nothing typed
        self.assertEqual(text_typed("Note", f" {OVERRIDE}\u200b ", 20), (SHOWN, ""))
        # Too long is said before anything else reads it.
        with translation.override("en"):
            self.assertIn("at most 5", text_typed("Note", ZERO_WIDTH * 3, 5)[1])

    def test_every_kind_of_form_reads_it_so(self) -> None:
        forms = {
            "callback comment": (CallbackForm, {"outcome": "not_reached"}, "comment"),
            "what was done": (ResolveForm, {}, "note"),
            "cause found": (ResolveForm, {}, "cause"),
            "hard problem's title": (HardProblemForm, {}, "title"),
            "hard problem's description": (HardProblemForm, {"title": "末端低压"}, "description"),
        }
        for kind, (form_class, base, name) in forms.items():
            with self.subTest(kind):
                form = form_class({**base, name: ZERO_WIDTH})
                self.assertFalse(form.is_valid())
                self.assertIn("invisible", form.errors[name].as_data()[0].code)
                form = form_class({"title": "末端低压", **base, name: OVERRIDE})
                self.assertTrue(form.is_valid(), form.errors)
                self.assertEqual(form.cleaned_data[name], SHOWN)
                form = form_class({"title": "末端低压", **base, name: CHINESE})
                self.assertTrue(form.is_valid(), form.errors)
                self.assertEqual(form.cleaned_data[name], CHINESE)


class PagesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = work_order_create(
            station=self.station_a, user=self.clerk, category="complaint",
            summary="抄表员态度差", customer=self.customer,
        )  # fmt: skip
        self.login(self.chief)

    def act(self, order: WorkOrder, **fields: str) -> str:
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]), fields, follow=True
        ).content.decode()

    def notes(self) -> list[str]:
        return list(
            WorkOrderEvent.objects.filter(
                work_order=self.order, kind=WorkOrderEvent.Kind.NOTE
            ).values_list("note", flat=True)
        )

    def test_an_order_s_note(self) -> None:
        html = self.act(self.order, action="note", note=ZERO_WIDTH)
        self.assertIn(said("Note"), html)
        self.assertEqual(self.notes(), [])
        self.act(self.order, action="note", note=OVERRIDE)
        self.act(self.order, action="note", note=CHINESE)
        self.assertEqual(self.notes(), [SHOWN, CHINESE])

    def test_a_callback_s_comment(self) -> None:
        work_order_transition(
            work_order=self.order, to_status="resolved", user=self.clerk, note="已处理"
        )
        for comment in (ZERO_WIDTH, OVERRIDE):
            self.act(self.order, action="callback", outcome="not_reached", comment=comment)
        self.assertEqual(list(Callback.objects.values_list("comment", flat=True)), [SHOWN])

    def test_a_hard_problem_s_notes(self) -> None:
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="末端低压")
        url = reverse("servicedesk:hard_problem", args=[problem.pk])
        html = self.client.post(url, {"action": "revisit", "note": ZERO_WIDTH}).content.decode()
        self.assertIn(said("Revisit note"), html)
        self.client.post(url, {"action": "revisit", "note": OVERRIDE})
        self.client.post(url, {"action": "step", "title": ZERO_WIDTH})
        self.client.post(url, {"action": "step", "title": CHINESE})
        steps = HardProblemStep.objects.filter(problem=problem)
        self.assertEqual(
            list(steps.filter(is_revisit=True).values_list("note", flat=True)), [SHOWN]
        )
        self.assertEqual(
            list(steps.filter(is_revisit=False, is_record=False).values_list("title", flat=True)),
            [CHINESE],
        )


class ApiTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.post(
            f"/api/v1{url}", json.dumps(body), content_type="application/json", **self.auth
        )

    def refused_at(self, answer: Any, field: str) -> None:
        self.assertEqual(answer.status_code, 422, answer.content)
        detail = answer.json()["detail"]
        self.assertIn(field, [e["loc"][-1] for e in detail], detail)

    def test_an_order_s_description_and_its_step_s_note(self) -> None:
        base = {"category": "complaint", "summary": "抄表员态度差"}
        self.refused_at(
            self.post("/work-orders", {**base, "description": ZERO_WIDTH}), "description"
        )
        self.refused_at(self.post("/work-orders", {**base, "summary": ZERO_WIDTH}), "summary")
        self.assertFalse(WorkOrder.objects.exists())
        made = self.post("/work-orders", {**base, "description": OVERRIDE})
        self.assertEqual(made.status_code, 201, made.content)
        order = WorkOrder.objects.get()
        self.assertEqual(order.description, SHOWN)
        url = f"/work-orders/{order.pk}/transition"
        self.refused_at(self.post(url, {"to": "resolved", "note": ZERO_WIDTH}), "note")
        done = self.post(url, {"to": "resolved", "note": CHINESE})
        self.assertEqual(done.status_code, 200, done.content)
        self.assertIn(CHINESE, WorkOrderEvent.objects.values_list("note", flat=True))
        url = f"/work-orders/{order.pk}/callbacks"
        self.refused_at(
            self.post(url, {"outcome": "not_reached", "comment": ZERO_WIDTH}), "comment"
        )
        self.assertFalse(Callback.objects.exists())
        answer = self.post(url, {"outcome": "not_reached", "comment": OVERRIDE})
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(Callback.objects.get().comment, SHOWN)

    def test_a_hard_problem(self) -> None:
        self.refused_at(self.post("/hard-problems", {"title": ZERO_WIDTH}), "title")
        self.assertFalse(HardProblem.objects.exists())
        made = self.post("/hard-problems", {"title": OVERRIDE, "description": CHINESE})
        self.assertEqual(made.status_code, 201, made.content)
        problem = HardProblem.objects.get()
        self.assertEqual((problem.title, problem.description), (SHOWN, CHINESE))
        url = f"/hard-problems/{problem.pk}/revisits"
        self.refused_at(self.post(url, {"note": ZERO_WIDTH}), "note")
        self.assertEqual(self.post(url, {"note": OVERRIDE}).status_code, 201)
        self.assertEqual(
            list(HardProblemStep.objects.filter(is_revisit=True).values_list("note", flat=True)),
            [SHOWN],
        )

    def test_a_call_s_caller_name(self) -> None:
        """The caller's name the intake page reads as typed (review58 M1): the API's too."""
        base = {"caller_number": "13900007777", "text": "停电了", "open_order": False}
        self.refused_at(self.post("/calls", {**base, "caller_name": ZERO_WIDTH}), "caller_name")
        self.assertFalse(Call.objects.exists())
        made = self.post("/calls", {**base, "caller_name": "\u202e王\u202c五 "})
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(made.json()["caller_name"], "王五")
        self.assertEqual(Call.objects.get().caller_name, "王五")

    def test_a_text_message_received(self) -> None:
        def sent(text: str, message_id: str) -> Any:
            return self.post(
                "/sms/inbound", {"id": message_id, "from": "13900007777", "text": text}
            )

        self.assertEqual(sent(ZERO_WIDTH, "m1").status_code, 422)
        self.assertFalse(InboundSms.objects.exists())
        self.assertEqual(sent(OVERRIDE, "m2").status_code, 200)
        self.assertEqual(sent(CHINESE, "m3").status_code, 200)
        self.assertEqual(
            list(InboundSms.objects.order_by("pk").values_list("text", flat=True)),
            [SHOWN, CHINESE],
        )


class OtherKindsTests(BaseTestCase):
    """The crew's step fields, staff's words on an outage, an answer to a suggestion: read by
    their services (a page without a form, the crew's phone, the API alike)."""

    def test_a_crew_step_s_fields(self) -> None:
        from powerdesk.servicedesk.crew_step_asks import FieldRefused, fields_read

        with self.assertRaises(FieldRefused) as refused:
            fields_read({"note": ZERO_WIDTH})
        self.assertIn("note", refused.exception.wrong)
        self.assertEqual(fields_read({"note": OVERRIDE})["note"], SHOWN)
        self.assertEqual(fields_read({"note": CHINESE})["note"], CHINESE)

    def test_staff_s_words_on_an_outage(self) -> None:
        from powerdesk.outages.life import outage_progress
        from powerdesk.outages.models import OutageEvent
        from powerdesk.outages.services import OutageError
        from tests.outage_cast import fault_declare

        outage = fault_declare(self, self.pole)
        with self.assertRaises(OutageError) as refused:
            outage_progress(outage=outage, user=self.chief, what="patrolling", note=ZERO_WIDTH)
        self.assertEqual(refused.exception.field, "note")
        outage_progress(outage=outage, user=self.chief, what="patrolling", note=OVERRIDE)
        self.assertIn(
            SHOWN, OutageEvent.objects.filter(outage=outage).values_list("note", flat=True)
        )

    def test_an_answer_to_a_suggestion(self) -> None:
        from powerdesk.servicedesk.feedback import feedback_answer
        from powerdesk.servicedesk.followup import TextTooLong
        from powerdesk.servicedesk.models import Feedback

        item = Feedback.objects.create(
            station=self.station_a,
            kind=Feedback.Kind.SUGGESTION,
            text="建议多设缴费点",
            received_at=timezone.now(),
        )
        with self.assertRaises(TextTooLong) as refused:
            feedback_answer(feedback=item, user=self.chief, answer=ZERO_WIDTH)
        self.assertEqual(refused.exception.field, "answer")
        feedback_answer(feedback=item, user=self.chief, answer=OVERRIDE)
        item.refresh_from_db()
        self.assertEqual(item.answer, SHOWN)
