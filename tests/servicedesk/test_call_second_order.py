"""A note that says two things at the desk (fix61c): a billing call whose note also tells the
power off ("电费卡里钱扣多了，灯也不亮") keeps both matters in one click — its billing order and a
fault-repair order, each with its owner and the commitments' deadlines, both linked to the one
call — at intake, from the call's page and by the API; keyed on the call (a double click or a
retry never makes a second fault order), refused to a role that opens no orders and to another
station, recorded in the orders' histories, joined to the outage above the caller."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.second_order import call_open_fault_order
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.understanding import store
from tests.base import BaseTestCase, make_user, post_intake
from tests.outage_cast import declared
from tests.servicedesk.test_intake_second_matter import MIXED, NUMBER, BillingClassifier


class SecondOrderCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.addCleanup(store.use_store, store.current_store())
        store.use_store(None).publish(BillingClassifier(), reason="billing")  # type: ignore[arg-type]

    def billing_call(self, text: str = MIXED, caller_number: str = NUMBER, **extra: Any) -> Call:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=caller_number,
            text=text,
            category="billing",
            open_order=True,
            **extra,
        )
        return taken.call

    def declare(self) -> Outage:
        """The fuse above the caller off since half an hour ago (``outage_cast``)."""
        return declared(self, self.fuse, began=30)

    def api_auth(self) -> str:
        """The Authorization header of the station's telephone system."""
        if not hasattr(self, "_key"):
            self._key = token_create(station_id=self.station_a.pk, name="交换机")[1]
        return f"Bearer {self._key}"

    def api(self, url: str, body: dict[str, Any] | None = None, **headers: Any) -> Any:
        """POST ``url`` of the API as the station's telephone system, in English."""
        headers = {"HTTP_AUTHORIZATION": self.api_auth(), **headers}
        with translation.override("en"):
            return self.client.post(
                url,
                body or {},
                content_type="application/json",
                HTTP_ACCEPT_LANGUAGE="en",
                **headers,
            )


class ServiceTests(SecondOrderCase):
    def test_both_matters_kept_each_with_owner_and_deadlines_once(self) -> None:
        call = self.billing_call()
        billing = call.work_order
        assert billing is not None
        order, opened = call_open_fault_order(call=call, user=self.clerk)
        self.assertTrue(opened)
        self.assertEqual(order.category, "fault_repair")
        self.assertEqual(order.owner, self.clerk)
        self.assertEqual(order.customer, self.customer)
        self.assertIsNotNone(order.arrive_due_at)  # the commitments' deadlines
        self.assertIsNotNone(order.resolve_due_at)
        self.assertEqual(order.created_at, call.received_at)
        call.refresh_from_db()
        self.assertEqual((call.work_order, call.fault_order), (billing, order))
        self.assertEqual(billing.category, "billing")
        self.assertEqual(billing.owner, self.clerk)
        # Who and when, on both orders' histories.
        line = order.events.get(kind=WorkOrderEvent.Kind.NOTE, note_code="second_matter_of")
        self.assertEqual(line.by, self.clerk)
        self.assertIn(billing.number, line.note)
        self.assertTrue(
            billing.events.filter(note_code="second_matter_too", by=self.clerk).exists()
        )
        # Asked again (a double click, a retry, another clerk): the same order, none added.
        again, opened_again = call_open_fault_order(call=call, user=self.chief)
        self.assertEqual((again, opened_again), (order, False))
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)

    def test_joined_to_the_outage_above_the_caller(self) -> None:
        outage = self.declare()
        call = self.billing_call()
        order, _opened = call_open_fault_order(call=call, user=self.clerk)
        self.assertIn(order, outage.link.work_orders.all())
        self.assertTrue(order.events.filter(note_code="joined_outage").exists())
        self.assertTrue(OutageEvent.objects.filter(outage=outage, what="orders_joined").exists())
        # The billing order is not the outage's business.
        self.assertNotIn(call.work_order, outage.link.work_orders.all())

    def test_a_role_that_opens_no_orders_is_refused(self) -> None:
        call = self.billing_call()
        for role in (Role.ADMIN, Role.CREW):
            with self.subTest(role):
                person = make_user(f"u_{role}", self.station_a, role)
                with self.assertRaises(NotAllowed):
                    call_open_fault_order(call=call, user=person)
        with self.assertRaises(NotAllowed):
            call_open_fault_order(call=call, user=self.outsider)  # another station's chief
        self.assertIsNone(Call.objects.get(pk=call.pk).fault_order_id)

    def test_a_caller_with_an_open_fault_order_gets_no_second(self) -> None:
        first = self.billing_call()
        order, _opened = call_open_fault_order(call=first, user=self.clerk)
        later = self.billing_call()  # the same caller rings again, the same two things
        with self.assertRaisesMessage(WorkOrderError, order.number):
            call_open_fault_order(call=later, user=self.clerk)
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)

    def test_a_fault_call_has_its_fault_order_already(self) -> None:
        call = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="家里没电了",
            category="fault_repair",
        ).call
        with self.assertRaises(WorkOrderError):
            call_open_fault_order(call=call, user=self.clerk)


class IntakeOneClickTests(SecondOrderCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = self.declare()
        self.login(self.clerk)

    def test_the_page_offers_the_one_click(self) -> None:
        response = self.client.post(
            reverse("servicedesk:suggest"), {"text": MIXED, "caller_number": NUMBER}
        )
        self.assertContains(response, 'class="fault-too" data-testid="keep-and-fault"')
        self.assertContains(self.client.get(reverse("servicedesk:intake")), 'id="id_fault_too"')

    def test_one_click_keeps_both_and_a_double_submit_makes_no_second(self) -> None:
        sent = {"caller_number": NUMBER, "text": MIXED, "fault_too": "1"}
        response = post_intake(self.client, sent)
        self.assertEqual(response.status_code, 302)
        call = Call.objects.get()
        self.assertEqual(call.category, "billing")
        assert call.work_order is not None and call.fault_order is not None
        self.assertEqual(call.work_order.category, "billing")
        self.assertEqual(call.fault_order.category, "fault_repair")
        self.assertIn(call.fault_order, self.outage.link.work_orders.all())
        said = " ".join(str(m) for m in get_messages(response.wsgi_request))
        self.assertIn(call.work_order.number, said)  # the caller is told both
        self.assertIn(call.fault_order.number, said)
        # The same page sent again (a double click): one call, two orders in all.
        token = response.wsgi_request.POST["form_token"]
        self.client.post(reverse("servicedesk:intake"), {**sent, "form_token": token})
        self.assertEqual(Call.objects.count(), 1)
        self.assertEqual(WorkOrder.objects.count(), 2)

    def test_a_role_that_opens_no_orders_is_told_and_nothing_is_saved(self) -> None:
        self.login(make_user("admin", self.station_a, Role.ADMIN))
        sent = {"caller_number": NUMBER, "text": MIXED, "fault_too": "1"}
        response = post_intake(self.client, sent)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Call.objects.exists())
        self.assertFalse(WorkOrder.objects.exists())


class CallPageTests(SecondOrderCase):
    def test_opened_from_the_call_shown_there_and_in_the_list(self) -> None:
        call = self.billing_call()
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(page, 'data-testid="open-fault-order"')
        url = reverse("servicedesk:call_fault_order", args=[call.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.client.post(url)  # a double click
        fault = WorkOrder.objects.get(category="fault_repair")
        page = self.client.get(reverse("servicedesk:call", args=[call.pk]))
        self.assertContains(page, 'data-testid="fault-order"')
        self.assertContains(page, fault.number)
        self.assertNotContains(page, 'data-testid="open-fault-order"')
        # The fault order's page names the call and its own order.
        shown = self.client.get(fault.get_absolute_url()).content.decode()
        said = shown.split('data-testid="second-matter-call"')[1][:600]
        self.assertIn(reverse("servicedesk:call", args=[call.pk]), said)
        assert call.work_order is not None
        self.assertIn(call.work_order.number, said)
        listed = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        assert call.work_order is not None
        same = listed.split(f'data-testid="row-same-call-{fault.pk}"')[1][:200]
        self.assertIn(call.work_order.number, same)
        self.assertIn(f'data-testid="row-same-call-{call.work_order.pk}"', listed)

    def test_another_station_or_a_crew_gets_nothing(self) -> None:
        call = self.billing_call()
        url = reverse("servicedesk:call_fault_order", args=[call.pk])
        self.login(self.outsider)
        self.assertIn(self.client.post(url).status_code, (403, 404))
        self.login(make_user("crewman", self.station_a, Role.CREW))
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertFalse(WorkOrder.objects.filter(category="fault_repair").exists())


class ApiTests(SecondOrderCase):
    def test_a_new_call_with_also_fault_repair_and_its_retry(self) -> None:
        body = {
            "caller_number": NUMBER,
            "text": MIXED,
            "category": "billing",
            "also_fault_repair": True,
        }
        first = self.api("/api/v1/calls", body, HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(first.status_code, 201, first.content)
        answer = first.json()
        fault = WorkOrder.objects.get(pk=answer["fault_order_id"])
        self.assertEqual(fault.category, "fault_repair")
        self.assertEqual(WorkOrder.objects.get(pk=answer["work_order_id"]).category, "billing")
        again = self.api("/api/v1/calls", body, HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(again.json()["fault_order_id"], fault.pk)
        # The second endpoint, on the same call: the order opened before, nothing more.
        url = f"/api/v1/calls/{answer['id']}/fault-order"
        response = self.api(url)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["id"], fault.pk)
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)
        self.assertEqual(Call.objects.count(), 1)

    def test_the_second_endpoint_opens_it_once(self) -> None:
        call = self.billing_call()
        url = f"/api/v1/calls/{call.pk}/fault-order"
        opened = self.api(url)
        self.assertEqual(opened.status_code, 201, opened.content)
        self.assertEqual(opened.json()["category"], "fault_repair")
        self.assertEqual(self.api(url).status_code, 200)
        self.assertEqual(WorkOrder.objects.filter(category="fault_repair").count(), 1)

    def test_refused_to_a_fault_call_a_crew_and_another_station(self) -> None:
        refused = self.api(
            "/api/v1/calls",
            {"text": "家里没电了", "category": "fault_repair", "also_fault_repair": True},
        )
        self.assertEqual(refused.status_code, 422, refused.content)
        self.assertEqual(refused.json()["field"], "also_fault_repair")
        self.assertFalse(Call.objects.exists())
        call = self.billing_call()
        url = f"/api/v1/calls/{call.pk}/fault-order"
        _, other = token_create(station_id=self.station_b.pk, name="栋川")
        self.assertEqual(self.api(url, HTTP_AUTHORIZATION=f"Bearer {other}").status_code, 404)
        self.client.force_login(make_user("crewman", self.station_a, Role.CREW))
        crew = self.client.post(url, {}, content_type="application/json")
        self.assertEqual(crew.status_code, 403, crew.content)
        self.assertFalse(WorkOrder.objects.filter(category="fault_repair").exists())
