"""A work order's page fits its category: a complaint's deadlines are the contact and the answer,
and it offers no crew, device or photos; a fault offers them (walkthrough F8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase, make_user


class OrderKindTests(BaseTestCase):
    def page(self, category: str) -> tuple[WorkOrder, str, Any]:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary="你们那个抄表员态度很差",
            customer=self.customer,
        )
        self.login(self.chief)
        response = self.client.get(order.get_absolute_url())
        return order, response.content.decode(), response.context

    def test_a_complaint_names_its_contact_and_answer_deadlines_and_sends_no_crew(self) -> None:
        order, page, context = self.page("complaint")
        self.assertIsNotNone(order.arrive_due_at)
        with translation.override("en"):
            self.assertEqual(str(context["deadline_names"].arrive), "Contact the customer by")
            self.assertEqual(str(context["deadline_names"].resolve), "Answer by")
        self.assertNotIn("到达时限", page)
        self.assertNotIn('value="dispatch"', page)
        # Its photos only through "add photos" (walkthrough 31, finding 3), not the resolution.
        self.assertEqual(page.count('name="photos"'), 1)
        self.assertIn('data-testid="add-photos"', page)
        self.assertNotIn('name="device"', page)
        self.assertIn('name="note"', page)  # resolved with what was done

    def test_a_fault_names_arrival_and_offers_crew_device_and_photos(self) -> None:
        _order, page, context = self.page("fault_repair")
        self.assertIn("到达时限", page)
        self.assertIn('value="dispatch"', page)
        with translation.override("en"):
            self.assertEqual(str(context["deadline_names"].resolve), "Restore power by")

    def test_a_complaint_resolved_from_the_office_asks_only_what_was_done(self) -> None:
        _order, page, _ = self.page("complaint")
        self.assertIn('value="resolved"', page)
        self.assertNotIn('name="cause"', page)


class DispatchRefusedTests(BaseTestCase):
    """Orders name crews only for work at the grid or the meter: sending one to a complaint
    is refused by the service itself, from the page and the API alike (walkthrough F8)."""

    def setUp(self) -> None:
        self.complaint = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="complaint",
            summary="你们那个抄表员态度很差",
            customer=self.customer,
        )

    def test_the_service_refuses_a_crew_for_a_complaint_and_says_why(self) -> None:
        with (
            translation.override("en"),
            self.assertRaisesMessage(
                WorkOrderError,
                "No crew is sent for a “complaint” work order: it is answered from the office. "
                "Crews go only to work at the grid or the meter.",
            ),
        ):
            work_order_dispatch(work_order=self.complaint, crew=self.crew, user=self.chief)
        with (
            translation.override("zh-hans"),
            self.assertRaisesMessage(WorkOrderError, "“投诉”"),  # the category as it is called
        ):
            work_order_dispatch(work_order=self.complaint, crew=self.crew, user=self.chief)
        self.complaint.refresh_from_db()
        self.assertIsNone(self.complaint.crew_id)
        self.assertEqual(self.complaint.status, "received")
        self.assertFalse(self.complaint.events.filter(kind="dispatched").exists())

    def error(self, page: str) -> str:
        return page.split('<ul class="messages"')[1].split(">", 1)[1].split("</ul>")[0]

    def test_a_dispatch_posted_from_the_page_is_refused_in_the_pages_language(self) -> None:
        self.login(self.chief)
        url = reverse("servicedesk:work_order_action", args=[self.complaint.pk])
        post = {"action": "dispatch", "crew": self.crew.pk}
        with translation.override("zh-hans"):  # (the page's language is left active after it)
            page = self.client.post(url, post, follow=True, HTTP_ACCEPT_LANGUAGE="en")
        self.assertIn("No crew is sent for a “complaint” work order", self.error(page.text))
        page = self.client.post(url, post, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")
        self.assertIn("“投诉”", self.error(page.text))
        self.complaint.refresh_from_db()
        self.assertIsNone(self.complaint.crew_id)

    def test_the_api_refuses_it_with_the_reason(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        with translation.override("zh-hans"):  # (the API's language is left active after it)
            response = self.client.post(
                f"/api/v1/work-orders/{self.complaint.pk}/dispatch",
                {"crew": self.crew.name},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(response.status_code, 409)
        # In the station's language, whatever the client asks (Accept-Language: en above).
        self.assertIn("“投诉”工单由所里答复，不派班组", response.json()["detail"])
        self.complaint.refresh_from_db()
        self.assertIsNone(self.complaint.crew_id)

    def test_grid_and_meter_work_still_gets_its_crew(self) -> None:
        for category in ("fault_repair", "hazard", "business", "new_connection"):
            order = work_order_create(
                station=self.station_a,
                user=self.clerk,
                category=category,
                summary="试验",
                customer=self.customer,
            )
            order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
            self.assertEqual((order.crew_id, order.status), (self.crew.pk, "dispatched"))


class DeadlineNamesTests(BaseTestCase):
    """The deadline panels and the crew's card name each category's deadlines as the order's
    page does: a complaint's are the contact and the answer, not an arrival."""

    def order(self, category: str, **due: dt.datetime) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary=f"试验{category}",
            customer=self.customer,
        )
        if due:
            WorkOrder.objects.filter(pk=order.pk).update(**due)
        return order

    def deadlines_panel(self) -> str:
        self.login(self.chief)
        page = self.client.get(reverse("web:home")).content.decode()
        sections = page.split('data-slot="deadlines"')[1:]
        return "".join(s.split("</section>")[0] for s in sections)

    def test_the_deadlines_panel_names_a_complaint_s_contact_and_answer(self) -> None:
        now = timezone.now()
        self.order("complaint")  # contact due within a day
        self.order(
            "complaint",
            created_at=now - dt.timedelta(days=2),
            arrive_due_at=now - dt.timedelta(hours=3),
        )
        self.order("complaint", arrived_at=now, resolve_due_at=now + dt.timedelta(hours=5))
        panel = self.deadlines_panel()
        self.assertNotIn("到达时限", panel)
        self.assertEqual(panel.count("联系时限"), 2)
        self.assertEqual(panel.count("答复时限"), 1)

    def test_the_deadlines_panel_still_says_arrival_and_restore_for_a_fault(self) -> None:
        self.order("fault_repair")
        self.order(
            "hazard",
            arrived_at=timezone.now(),
            resolve_due_at=timezone.now() + dt.timedelta(hours=1),
        )
        panel = self.deadlines_panel()
        self.assertIn("到达时限", panel)
        self.assertIn("排险时限", panel)

    def test_the_crew_s_card_names_the_deadline_of_the_order_s_category(self) -> None:
        member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(member)
        # A complaint given a crew before the service refused that: the card asks for the call.
        complaint = self.order("complaint")
        WorkOrder.objects.filter(pk=complaint.pk).update(crew=self.crew, status="dispatched")
        fault = self.order("fault_repair")
        work_order_dispatch(work_order=fault, crew=self.crew, user=self.chief)
        self.login(member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        cards = {
            card.split('data-number="')[1].split('"')[0]: card
            for card in page.split('<section class="card job"')[1:]
        }
        self.assertIn("联系时限", cards[complaint.number])
        self.assertNotIn("到达时限", cards[complaint.number])
        self.assertIn("到达时限", cards[fault.number])
