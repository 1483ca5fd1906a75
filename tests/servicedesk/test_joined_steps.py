"""A work order joined to an outage being worked on follows its outage: once the outage's crew is
sent, the order's own page offers none of the crew's steps (calling the crew back, on the way,
on site, resolved) and points to the outage instead; the service refuses them from the page and
the API alike (409), so the order never leaves its outage behind. The crew's phone takes them on
the outage's job, and the restore resolves every joined order, which is then called back and
closed as any other."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import WorkOrderError, work_order_transition
from tests.base import BaseTestCase, zh
from tests.outage_cast import joined_outage
from tests.servicedesk.crew_cast import add_crews

NUMBER = "0878-1234567"  # 普光荣's, below the fuse
# The crew's steps of an order, as its page would post them (the resolution with its fields).
CREW_STEPS = {
    "received": {},
    "on_the_way": {},
    "on_site": {},
    "resolved": {"cause": "雷击", "device": "ZM-B01-P02"},
}


class JoinedStepsTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        # Set up once for the class (each test's changes are rolled back), checked in setUp.
        super().setUpTestData()
        add_crews(cls)
        cls.separate, cls.outage, cls.order = joined_outage(cls)
        cls.link_order = OutageLink.objects.get(outage=cls.outage).order
        outage_dispatch(outage=cls.outage, crew=cls.crew, user=cls.chief)
        for order in (cls.separate, cls.order):
            order.refresh_from_db()

    def setUp(self) -> None:
        super().setUp()
        self.assertEqual(self.link_order, self.order)
        self.joined = [self.separate, self.order]
        for order in self.joined:
            self.assertEqual((order.crew, order.status), (self.crew, "dispatched"))
        self.login(self.clerk)

    def refused(self, order: WorkOrder) -> str:
        return zh(
            "Work order %(number)s follows the outage on %(device)s: its crew's steps (calling "
            "the crew back, on the way, on site, resolved) are the outage's, taken on the outage "
            "board and on the crew's phone, and the order is resolved when power is back, not "
            "from this order."
        ) % {"number": order.number, "device": self.fuse}

    def assert_unmoved(self) -> None:
        for order in self.joined:
            order.refresh_from_db()
            self.assertEqual((order.crew, order.status), (self.crew, "dispatched"))
        self.assertEqual(OutageLink.objects.get(outage=self.outage).crew, self.crew)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)

    def test_the_order_s_page_offers_no_crew_step_and_points_to_the_outage(self) -> None:
        for order in self.joined:
            with self.subTest(order=order.number):
                html = self.client.get(order.get_absolute_url()).content.decode()
                self.assertNotIn('name="action" value="status"', html)
                for step in CREW_STEPS:
                    self.assertNotIn(f'name="to" value="{step}"', html)
                self.assertIn('data-testid="follows-outage"', html)
                self.assertIn(f'#board-outage-{self.outage.pk}" data-testid="go-to-outage"', html)
                self.assertIn(f'data-testid="outage-crew">{self.crew.name}<', html)
                # What the office still does on it stays: a note, a promise, the clock.
                self.assertIn('name="action" value="note"', html)

    def test_each_crew_step_from_the_order_s_page_is_refused_and_nothing_moves(self) -> None:
        for order in self.joined:
            for step, fields in CREW_STEPS.items():
                with self.subTest(order=order.number, step=step):
                    response = self.client.post(
                        reverse("servicedesk:work_order_action", args=[order.pk]),
                        {"action": "status", "to": step, **fields},
                    )
                    # (The messages are not shown between posts: the last one is this step's.)
                    said = [str(m) for m in get_messages(response.wsgi_request)]
                    self.assertEqual(said[-1], self.refused(order))
                    self.assert_unmoved()
        self.assertFalse(
            self.separate.events.filter(from_status="dispatched", to_status="received").exists()
        )

    def test_the_service_and_the_api_refuse_them_too(self) -> None:
        for step in CREW_STEPS:
            with (
                self.subTest(step=step),
                self.assertRaisesMessage(WorkOrderError, self.refused(self.separate)),
            ):
                work_order_transition(
                    work_order=self.separate,
                    to_status=step,
                    user=self.chief,
                    cause="雷击",
                    device=self.pole,
                )
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        for step in CREW_STEPS:
            with self.subTest(api=step):
                response = self.client.post(
                    f"/api/v1/work-orders/{self.order.pk}/transition",
                    {"to": step, "cause": "雷击", "device": "ZM-B01-P02"},
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Token {key}",
                )
                self.assertEqual(response.status_code, 409, response.content)
                self.assertEqual(response.json()["detail"], self.refused(self.order))
        self.assert_unmoved()

    def test_the_crew_s_phone_takes_them_on_the_outage_s_job_and_the_restore_resolves_all(
        self,
    ) -> None:
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, self.order)
        for step in ("accept", "on_the_way", "on_site"):
            crew_step_take(work_order=job.order, step=step, user=self.member, fields={})
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")
        crew_step_take(
            work_order=job.order, step="restored", user=self.member, fields={"cause": "lightning"}
        )
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        for order in self.joined:
            order.refresh_from_db()
            self.assertEqual(order.status, "resolved")

    def test_after_the_restore_a_joined_order_is_called_back_and_closed_from_its_page(
        self,
    ) -> None:
        outage_restore(outage=self.outage, user=self.chief, cause="unknown", how="remote")
        self.separate.refresh_from_db()
        self.assertEqual(self.separate.status, "resolved")
        url = self.separate.get_absolute_url()
        html = self.client.get(url).content.decode()
        self.assertNotIn('data-testid="joined-outage"', html)
        self.assertIn('name="action" value="callback"', html)
        action = reverse("servicedesk:work_order_action", args=[self.separate.pk])
        self.client.post(action, {"action": "callback", "outcome": "reached", "satisfaction": "5"})
        self.separate.refresh_from_db()
        self.assertEqual(self.separate.status, "callback_done")
        self.assertIn('name="to" value="closed"', self.client.get(url).content.decode())
        self.client.post(action, {"action": "status", "to": "closed"})
        self.separate.refresh_from_db()
        self.assertEqual(self.separate.status, "closed")

    def test_an_order_on_its_own_still_takes_the_crew_s_steps_from_its_page(self) -> None:
        own = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-7654321",
            text="电表箱冒烟",
            category="hazard",
        ).work_order
        assert own is not None
        self.client.post(
            reverse("servicedesk:work_order_action", args=[own.pk]),
            {"action": "dispatch", "crew": str(self.other_crew.pk)},
        )
        html = self.client.get(own.get_absolute_url()).content.decode()
        self.assertIn('name="to" value="received"', html)
        self.assertIn('name="to" value="on_the_way"', html)
        self.client.post(
            reverse("servicedesk:work_order_action", args=[own.pk]),
            {"action": "status", "to": "received"},
        )
        own.refresh_from_db()
        self.assertEqual((own.status, own.crew), ("received", None))
