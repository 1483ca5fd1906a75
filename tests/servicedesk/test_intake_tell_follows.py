"""What the clerk tells a caller under an outage follows what the call is about (walk38, 1-2;
walk37, 3): a danger is told its own script (an urgent order of its own, a crew coming to make
it safe), never the outage's "we will call you back when the power is back"; a caller who says
they have power gets no outage script (their word counts for the power on there); a fault call
the outage's whole script. At the live panel as the note is typed, and after saving."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from powerdesk.outages.life import outage_dispatch
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.tell_caller import hazard_tell, power_on_tell, tell_for_the_call
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare
from tests.servicedesk.intake_page import predict_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse
LINE_DOWN = "村口电线断了掉在地上，还在打火"
POWER_ON = "我家有电，问电费"
CALL_BACK = "Your call is recorded and we will call you back when the power is back."
HELPS = "Your call is recorded and helps us find the fault."


class TellUnderOutageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = fault_declare(self, self.fuse, began=30)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.login(self.clerk)

    def panel(self, text: str, category: str) -> str:
        return self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": text, "category": category},
        ).content.decode()

    def test_a_fault_call_is_told_the_outage_and_the_call_back(self) -> None:
        html = self.panel("家里停电了", "fault_repair")
        self.assertIn(_(CALL_BACK), html)
        self.assertIn(self.crew.name, html)

    def test_a_danger_is_told_its_own_script_not_the_outage_s_call_back(self) -> None:
        html = self.panel(LINE_DOWN, "hazard")
        self.assertIn(hazard_tell(), html)
        self.assertNotIn(_(CALL_BACK), html)
        self.assertIn('data-testid="known-outage"', html)  # the outage still shown

    def test_a_caller_with_power_gets_no_outage_script(self) -> None:
        html = self.panel(POWER_ON, "billing")
        self.assertIn(power_on_tell(), html)
        self.assertNotIn(_(CALL_BACK), html)
        self.assertNotIn(self.crew.name + " ", html.split('data-testid="tell-caller"')[1][:400])

    def test_before_saving_the_caller_s_word_is_said_to_count_once_saved(self) -> None:
        """walk40, 8: the panel said "其说法已记为…" (has been recorded) before the call was
        saved; it will be, once saved (the message after saving says it was)."""
        html = self.panel(POWER_ON, "billing")
        self.assertNotIn("已记为", html)
        english = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": POWER_ON, "category": "billing"},
            HTTP_ACCEPT_LANGUAGE="en",
        ).content.decode()
        self.assertNotIn("Their word is taken as", english)
        self.assertIn("Once the call is saved, their word will be taken as a sign", english)

    def test_another_category_is_told_the_outage_without_the_call_back(self) -> None:
        said = tell_for_the_call(
            category="consultation", text="问一下怎么办过户", outage=self.outage
        )
        self.assertNotIn(_(CALL_BACK), said)
        self.assertIn(str(self.fuse), said)
        # Not known yet: the whole script (the note may still say no power).
        self.assertIn(_(CALL_BACK), tell_for_the_call(category="", text="", outage=self.outage))

    def test_after_saving_a_danger_the_message_and_its_page_say_its_own_script(self) -> None:
        page = self.client.get(reverse("servicedesk:intake"))
        response = self.client.post(
            reverse("servicedesk:intake"),
            {
                "form_token": page.context["form"]["form_token"].value(),
                "caller_number": NUMBER,
                "text": LINE_DOWN,
                "category": "hazard",
                "place": "村口",
                "action": "",
            },
            follow=True,
        )
        order = WorkOrder.objects.get(category="hazard")
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn(hazard_tell(), said)
        self.assertNotIn(_(CALL_BACK), said)
        html = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="hazard-tell"', html)
        self.assertNotIn(_(CALL_BACK), html)

    def test_after_saving_a_caller_with_power_is_said_to_count_for_the_power_on(self) -> None:
        page = self.client.get(reverse("servicedesk:intake"))
        response = self.client.post(
            reverse("servicedesk:intake"),
            {
                "form_token": page.context["form"]["form_token"].value(),
                "caller_number": NUMBER,
                "text": POWER_ON,
                "category": "billing",
                "answer": "已告知本月电费",
                "action": "",
            },
            follow=True,
        )
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn(str(self.fuse), said)
        self.assertNotIn(_(CALL_BACK), said)
        self.assertIn(
            _(
                "The caller said they have power: taken as a sign that the power is on at their "
                "place, below the outage on %(device)s."
            )
            % {"device": self.fuse},
            said,
        )


class TellUnderPredictionTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.prediction = predict_outage(self.station_a, self.fuse)

    def test_the_prediction_s_script_follows_the_call(self) -> None:
        p = self.prediction
        self.assertIn(
            _(HELPS), tell_for_the_call(category="fault_repair", text="停电", prediction=p)
        )
        self.assertEqual(
            tell_for_the_call(category="hazard", text=LINE_DOWN, prediction=p), hazard_tell()
        )
        self.assertEqual(
            tell_for_the_call(category="billing", text=POWER_ON, prediction=p), power_on_tell()
        )
        self.login(self.clerk)
        html = self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": POWER_ON, "category": "billing"},
        ).content.decode()
        self.assertIn(power_on_tell(), html)
        self.assertNotIn(_(HELPS), html)
