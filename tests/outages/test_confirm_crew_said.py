"""Recording an outage over a caller's order a crew is already on (fix69c, 1; fix67c's leftover):
the board's "confirm" of a prediction and recording one by hand texted the households below
"正在安排抢修人员" (a crew is being arranged) although the crew was on its way or at work there:
the text went before the callers' orders (and their crew) joined the outage. The ask's message
("短信内容") and the text sent say where that crew is, as "found here" already did; with no
crew on any order below, the station is still arranging one."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.notifications.models import Notice
from powerdesk.notifications.texts import repair_words
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.board_confirm import ARRANGING, BOARD, DECLARE, ask_url, asked_form, asked_message
from tests.outage_cast import predicted_below_the_fuse
from tests.servicedesk.crew_cast import add_crews, caller_order_sent


class ConfirmCrewSaidTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.prediction = predicted_below_the_fuse(self)
        self.confirm = {"action": "confirm", "prediction": str(self.prediction.pk)}
        self.by_hand = {"action": "declare", "device": "ZM-B01-F", "kind": "unplanned"}

    def said(self, state: str) -> str:
        with translation.override("zh-hans"):
            return str(repair_words(state))

    def caller_order(self, *steps: str) -> WorkOrder:
        """A caller below the fuse whose fault order was sent to the crew before the outage was
        recorded, taken as far as ``steps``."""
        return caller_order_sent(self, *steps)

    def recorded(self, data: dict[str, str], testid: str) -> tuple[str, str]:
        """Press the button (the ask: its message), then the ask's: the crew state the text
        sent carried."""
        self.login(self.chief)
        html = self.client.post(reverse("outages:list"), data).content.decode()
        said = asked_message(html)
        form = asked_form(html, testid)
        self.client.post(ask_url(html, testid), form)
        outage = Outage.objects.get()
        notice = Notice.objects.get(key=f"outage_known:{outage.pk}")
        return said, notice.facts["crew_state"]

    def test_confirmed_over_a_crew_on_its_way_says_it_is_on_its_way(self) -> None:
        self.caller_order("on_the_way")
        text, sent = self.recorded(self.confirm, BOARD)
        self.assertNotIn(ARRANGING, text)
        self.assertIn(self.said("on_the_way"), text)
        self.assertEqual(sent, "on_the_way")  # as the ask said

    def test_confirmed_over_a_crew_at_work_says_it_is_at_work(self) -> None:
        self.caller_order("on_the_way", "on_site")
        text, sent = self.recorded(self.confirm, BOARD)
        self.assertNotIn(ARRANGING, text)
        self.assertIn(self.said("on_site"), text)
        self.assertEqual(sent, "on_site")

    def test_confirmed_over_a_crew_only_sent_says_it_is_sent(self) -> None:
        self.caller_order()
        text, sent = self.recorded(self.confirm, BOARD)
        self.assertNotIn(ARRANGING, text)
        self.assertIn(self.said("sent"), text)
        self.assertEqual(sent, "sent")

    def test_recorded_by_hand_over_a_crew_on_its_way_says_so(self) -> None:
        self.caller_order("on_the_way")
        text, sent = self.recorded(self.by_hand, DECLARE)
        self.assertNotIn(ARRANGING, text)
        self.assertIn(self.said("on_the_way"), text)
        self.assertEqual(sent, "on_the_way")

    def test_with_no_crew_below_a_crew_is_being_arranged(self) -> None:
        text, sent = self.recorded(self.confirm, BOARD)
        self.assertIn(ARRANGING, text)
        self.assertEqual(sent, "none")

    def test_the_outage_takes_the_crew_and_texts_the_households_once(self) -> None:
        self.caller_order("on_the_way")
        self.recorded(self.confirm, BOARD)
        outage = Outage.objects.get()
        whats = list(outage.events.values_list("what", flat=True))
        self.assertIn("orders_joined", whats)
        self.assertIn("dispatched", whats)  # the crew on the caller's order works it
        self.assertEqual(Notice.objects.filter(key=f"outage_known:{outage.pk}").count(), 1)
