"""An outage whose only crew is on a caller's order joined to it, none sent to the outage itself
(its own crew called back, another crew still on a neighbour's order), shows that crew on the
board with 撤回派工 (fix67c, 2): the recall withdraws that crew, named, its order back to
received with no crew, a line of the order's history and of the outage's; pressed again, done
already; by the API the same."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.crew import outage_crew
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.models import OutageLink
from powerdesk.outages.recall import RECALLED, outage_recall
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import A_PHONE, B_PHONE, add_crews, neighbour, outage_job


class RecallJoinedCrewTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        for crew, phone in ((self.crew, A_PHONE), (self.other_crew, B_PHONE)):
            crew.phone = phone
            crew.save(update_fields=["phone"])
        self.outage, self.job = outage_job(self)  # 抢修一班 sent to the outage
        # A neighbour's own order, sent to 抢修二班 before it joined the outage.
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="家里没电了",
            customer=neighbour(self),
        )
        work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        outage_join_open_orders(outage=self.outage, user=self.chief)
        outage_recall(outage=self.outage, user=self.chief, crew=self.crew)
        self.order = WorkOrder.objects.get(pk=order.pk)
        assert OutageLink.objects.get(outage=self.outage).crew is None
        assert self.order.crew == self.other_crew
        # The board shows the crew still at work on it: 抢修二班.
        assert outage_crew(self.outage) == self.other_crew

    def recall_lines(self) -> int:
        return self.outage.events.filter(what=RECALLED).count()

    def test_the_board_s_recall_withdraws_the_crew_the_row_shows(self) -> None:
        self.login(self.chief)
        board = self.client.get(reverse("outages:board")).content.decode()
        form = board[board.index('value="recall"') :]
        self.assertIn(f'name="crew" value="{self.other_crew.pk}"', form[: form.index("</form>")])
        with translation.override("en"):
            response = self.client.post(
                reverse("outages:list"),
                {"action": "recall", "outage": self.outage.pk, "crew": self.other_crew.pk},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        said = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertTrue(any("抢修二班" in s and "withdrawn" in s for s in said), said)
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.crew), (WorkOrderStatus.RECEIVED, None))
        self.assertTrue(
            self.order.events.filter(to_status=WorkOrderStatus.RECEIVED).exists(),
            "a line of the order's history",
        )
        line = self.outage.events.filter(what=RECALLED).order_by("-pk").first()
        assert line is not None
        self.assertEqual(line.note_args.get("crew_id"), self.other_crew.pk)
        self.assertIsNone(outage_crew(self.outage))
        # Pressed again (a double submit): done already, nothing stored.
        lines = self.recall_lines()
        self.client.post(
            reverse("outages:list"),
            {"action": "recall", "outage": self.outage.pk, "crew": self.other_crew.pk},
        )
        self.assertEqual(self.recall_lines(), lines)

    def test_by_the_api_the_same(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        answer = self.client.post(
            f"/api/v1/outages/{self.outage.pk}/recall",
            {"crew": "抢修二班"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["done"], "recalled")
        self.order.refresh_from_db()
        self.assertIsNone(self.order.crew)

    def test_on_site_it_is_refused_naming_the_crew(self) -> None:
        from powerdesk.outages.services import OutageError

        WorkOrder.objects.filter(pk=self.order.pk).update(status=WorkOrderStatus.ON_SITE)
        with self.assertRaisesMessage(OutageError, "抢修二班"):
            outage_recall(outage=self.outage, user=self.chief, crew=self.other_crew)
