"""A repeat call that makes an order urgent while its crew is on the way, the crew's duty phone
the own number of someone whose work at the station ended (walkthrough 35, 4): no text goes to
that number, and the clerk who took the call is told so at intake, with why, as the dispatcher
is told when sending a crew; the order's history says the crew was not texted."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.staff import membership_end
from powerdesk.notifications.crew_reach import crew_not_texted
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, make_user

NUMBER = "0878-1234567"  # the customer's
HIS = "+8613988887777"


class RepeatUrgentCrewNotTextedTests(BaseTestCase):
    def setUp(self) -> None:
        admin = make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True)
        self.leader = make_user(
            "crew2_lead", self.station_a, Role.CREW, full_name="张班长", phone="139 8888 7777"
        )
        self.crew2 = Crew.objects.create(
            station=self.station_a, name="抢修二班", leader=self.leader, phone="13988887777"
        )
        self.crew2.members.add(self.leader)
        self.order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="一户没电",
            customer=self.customer,
        )
        membership_end(station=self.station_a, person=self.leader, user=admin, reason="调走")
        self.crew2.refresh_from_db()
        work_order_dispatch(work_order=self.order, crew=self.crew2, user=self.chief)

    def urgent_repeat(self) -> list[str]:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake"))
        token = page.context["form"]["form_token"].value()
        response = self.client.post(
            reverse("servicedesk:intake"),
            {
                "form_token": token,
                "caller_number": NUMBER,
                "text": "老人用制氧机，撑不住了",
                "category": "fault_repair",
                "urgent": "on",
                "action": f"repeat:{self.order.pk}",
            },
        )
        self.assertEqual(response.status_code, 302)
        return [str(m) for m in get_messages(response.wsgi_request)]

    def test_the_clerk_is_told_the_crew_was_not_texted_and_why(self) -> None:
        said = self.urgent_repeat()
        order = WorkOrder.objects.get(pk=self.order.pk)
        self.assertTrue(order.urgent)
        self.assertEqual(list(Delivery.objects.filter(channel=Channel.SMS, address=HIS)), [])
        self.assertTrue(crew_not_texted(self.crew2))
        # Said at intake, naming the crew and whose number its duty phone is.
        self.assertTrue([m for m in said if "抢修二班" in m and "张班长" in m], said)
        self.assertTrue(order.events.filter(note_code="crew_not_told_urgent").exists())
