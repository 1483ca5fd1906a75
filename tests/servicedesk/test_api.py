"""The JSON API: token authentication, station scoping, the same rules as the pages."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import Client

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Feedback, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase


class ApiTests(BaseTestCase):
    def setUp(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.auth_b = {"HTTP_AUTHORIZATION": f"Token {key_b}"}

    def test_the_schema_is_published(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/work-orders/{order_id}/transition", schema["paths"])

    def test_without_a_token_nothing_is_served(self) -> None:
        self.assertEqual(self.client.get("/api/v1/work-orders").status_code, 401)
        self.assertEqual(
            self.client.get("/api/v1/work-orders", HTTP_AUTHORIZATION="Token nope").status_code, 401
        )

    def test_a_call_logged_only_gets_its_order_later(self) -> None:
        response = self.client.post(
            "/api/v1/calls",
            {"caller_number": "0878-1234567", "text": "家里停电了", "open_order": False},
            content_type="application/json",
            **self.auth,
        )
        call = response.json()
        self.assertIsNone(call["work_order_id"])
        response = self.client.post(
            "/api/v1/work-orders",
            {
                "category": "fault_repair",
                "summary": "停电",
                "customer_account": "53250000001",
                "call_id": call["id"],
            },
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.status_code, 201)
        again = self.client.post(
            "/api/v1/work-orders",
            {"category": "fault_repair", "summary": "停电", "call_id": call["id"]},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(again.status_code, 422)

    def test_a_question_is_answered_on_the_call_and_praise_goes_to_feedback(self) -> None:
        for text in ("问一下峰谷电价怎么算", "感谢你们师傅冒雨抢修，服务很好"):
            response = self.client.post(
                "/api/v1/calls",
                {"caller_number": "0878-1234567", "text": text, "answer": "已解答"},
                content_type="application/json",
                **self.auth,
            )
            self.assertIsNone(response.json()["work_order_id"], text)
        self.assertTrue(Feedback.objects.filter(kind="praise").exists())

    def test_a_call_and_an_order_through_the_api(self) -> None:
        response = self.client.post(
            "/api/v1/calls",
            {"caller_number": "0878-1234567", "text": "家里停电了"},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.status_code, 201)
        call = response.json()
        self.assertEqual(
            (call["customer_account"], call["category"]), ("53250000001", "fault_repair")
        )
        # A fault call opens its work order, as at intake.
        self.assertIsNotNone(call["work_order_id"])
        response = self.client.get(f"/api/v1/work-orders/{call['work_order_id']}", **self.auth)
        self.assertEqual(response.status_code, 200)
        order = response.json()
        self.assertIsNotNone(order["arrive_due_at"])
        response = self.client.post(
            f"/api/v1/work-orders/{order['id']}/dispatch",
            {"crew": "抢修一班"},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.json()["status"], "dispatched")
        for to in ("on_the_way", "on_site"):
            self.client.post(
                f"/api/v1/work-orders/{order['id']}/transition",
                {"to": to},
                content_type="application/json",
                **self.auth,
            )
        response = self.client.post(
            f"/api/v1/work-orders/{order['id']}/transition",
            {"to": "resolved", "device": "ZM-B01-F", "cause": "雷击"},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.json()["status"], "resolved")
        events = self.client.get(f"/api/v1/work-orders/{order['id']}/events", **self.auth).json()
        self.assertEqual(
            [e["to_status"] for e in events if e["kind"] == "status"],
            ["dispatched", "on_the_way", "on_site", "resolved"],
        )
        response = self.client.post(
            f"/api/v1/work-orders/{order['id']}/callbacks",
            {"outcome": "reached", "satisfaction": 5},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(WorkOrder.objects.get().status, "callback_done")

    def test_a_step_the_life_does_not_allow_is_a_conflict_with_the_reason(self) -> None:
        order = work_order_create(
            station=self.station_a, user=None, category="fault_repair", summary="x"
        )
        response = self.client.post(
            f"/api/v1/work-orders/{order.pk}/transition",
            {"to": "closed"},
            content_type="application/json",
            **self.auth,
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("不能变为", response.json()["detail"])

    def test_a_token_of_station_b_sees_nothing_of_station_a(self) -> None:
        order = work_order_create(
            station=self.station_a, user=None, category="fault_repair", summary="哔叭停电"
        )
        listing = self.client.get("/api/v1/work-orders?status=all", **self.auth_b).json()
        self.assertEqual(listing["items"], [])
        self.assertEqual(
            self.client.get(f"/api/v1/work-orders/{order.pk}", **self.auth_b).status_code, 404
        )
        response = self.client.post(
            f"/api/v1/work-orders/{order.pk}/transition",
            {"to": "on_the_way"},
            content_type="application/json",
            **self.auth_b,
        )
        self.assertEqual(response.status_code, 404)
        response = self.client.post(
            "/api/v1/work-orders",
            {"category": "fault_repair", "summary": "x", "customer_account": "53250000001"},
            content_type="application/json",
            **self.auth_b,
        )
        self.assertEqual(response.status_code, 422)

    def test_a_logged_in_clerk_reads_with_the_session_but_must_send_csrf_to_write(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.clerk)
        self.assertEqual(client.get("/api/v1/work-orders").status_code, 200)
        response = client.post("/api/v1/calls", {"text": "停电"}, content_type="application/json")
        self.assertEqual(response.status_code, 401)

    def test_the_token_command_prints_a_working_key(self) -> None:
        out = StringIO()
        call_command("create_api_token", "--station", "a", "--name", "交换机", stdout=out)
        # The header as the docs write it, to be sent as printed (README, the tokens' page).
        header = next(
            line for line in out.getvalue().splitlines() if line.startswith("Authorization: ")
        )
        value = header.removeprefix("Authorization: ")
        self.assertTrue(value.startswith("Bearer "), header)
        self.assertEqual(
            self.client.get("/api/v1/calls", HTTP_AUTHORIZATION=value).status_code, 200
        )


class PromiseApiTests(BaseTestCase):
    def test_a_promise_is_made_listed_and_settled(self) -> None:
        import datetime as dt

        from django.utils import timezone

        _, key = token_create(station_id=self.station_a.pk, name="x")
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        order = work_order_create(
            station=self.station_a, user=None, category="business", summary="过户"
        )
        due = (timezone.now() + dt.timedelta(hours=10)).isoformat()
        response = self.client.post(
            "/api/v1/promises",
            {"text": "明早10点前上门办理", "due_at": due, "work_order_id": order.pk},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(response.status_code, 201)
        promise = response.json()
        listing = self.client.get("/api/v1/promises", **auth).json()
        self.assertEqual([p["id"] for p in listing["items"]], [promise["id"]])
        response = self.client.post(
            f"/api/v1/promises/{promise['id']}/settle",
            {"kept": True},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(response.json()["state"], "kept")

    def test_a_promise_years_ahead_is_refused_and_nothing_stored(self) -> None:
        import datetime as dt

        from django.utils import timezone

        from powerdesk.servicedesk.models import Promise

        _, key = token_create(station_id=self.station_a.pk, name="x")
        response = self.client.post(
            "/api/v1/promises",
            {
                "text": "明早10点前来电",
                "due_at": (timezone.now() + dt.timedelta(days=400)).isoformat(),
            },
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("366", response.json()["detail"])
        self.assertFalse(Promise.objects.exists())

    def test_a_promise_to_another_station_s_customer_is_refused(self) -> None:
        import datetime as dt

        from django.utils import timezone

        from powerdesk.servicedesk.promises import promise_make
        from powerdesk.servicedesk.services import WorkOrderError

        with self.assertRaises(WorkOrderError):
            promise_make(
                station=self.station_b,
                user=self.outsider,
                text="明天来修",
                due_at=timezone.now() + dt.timedelta(days=1),
                customer=self.customer,  # station A's
            )


class TokenKeyTests(BaseTestCase):
    def test_a_new_key_never_begins_with_a_dash_that_a_command_line_would_take_for_an_option(
        self,
    ) -> None:
        from unittest import mock

        drawn = iter(["-dashfirst" + "x" * 33, "plainfirst" + "y" * 33])
        with mock.patch("secrets.token_urlsafe", lambda _n: next(drawn)):
            _token, key = token_create(station_id=self.station_a.pk, name="cli")
        self.assertEqual(key, "plainfirst" + "y" * 33)
