"""The API settles a promise kept with the time it was done, as the promises page does
(``promises_kept_at``, servicedesk 0052): kept by its time is kept on time, after it kept late;
a time later than now or before the promise was made is refused naming ``kept_at``. "Kept"
said too late without the time points to ``kept_at``, and the page's refusal links to its form
(desk76)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import cache
from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.escalation import escalations_scan
from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase
from tests.servicedesk.promise_cast import promised

START = dt.datetime(2026, 6, 20, 12, 0, tzinfo=dt.UTC)  # 20:00 in the station's time
DUE = START + dt.timedelta(minutes=50)
JSON = "application/json"


def written(at: dt.datetime) -> str:
    return (at + dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%S+08:00")


class ApiKeptAtTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()
        _token, key = token_create(station_id=self.station_a.pk, name="县公司看板")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        with time_machine.travel(START, tick=False):
            self.promise = promised(
                self, due_at=DUE, text="今晚开好发票并电话告知", category="business"
            )

    def settle(self, body: dict[str, object], **extra: str) -> object:
        return self.client.post(
            f"/api/v1/promises/{self.promise.pk}/settle",
            body,
            content_type=JSON,
            **self.auth,
            **extra,
        )

    def state(self) -> str:
        self.promise.refresh_from_db()
        return self.promise.state

    def test_kept_by_its_time_said_after_it_is_kept_on_time_once_per_key(self) -> None:
        at = DUE - dt.timedelta(minutes=1)
        with time_machine.travel(DUE + dt.timedelta(minutes=3), tick=False):
            first = self.settle({"kept": True, "kept_at": written(at)}, HTTP_IDEMPOTENCY_KEY="k1")
            again = self.settle({"kept": True, "kept_at": written(at)}, HTTP_IDEMPOTENCY_KEY="k1")
        self.assertEqual(first.status_code, 200, first.content)  # type: ignore[attr-defined]
        self.assertEqual(again.status_code, 200, again.content)  # type: ignore[attr-defined]
        self.assertEqual(first.json()["state"], "kept")  # type: ignore[attr-defined]
        self.assertEqual(again.json(), first.json())  # type: ignore[attr-defined]
        self.assertEqual(
            dt.datetime.fromisoformat(first.json()["kept_at"]),  # type: ignore[attr-defined]
            at,
        )
        self.assertEqual(self.state(), Promise.State.KEPT)
        self.assertEqual(self.promise.kept_at, at)
        order = self.promise.work_order
        assert order is not None
        self.assertEqual(order.events.filter(note_code="promise_kept_at").count(), 1)

    def test_kept_after_its_time_is_kept_late_also_once_the_scan_broke_it(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(minutes=3), tick=False):
            escalations_scan(station=self.station_a)
        self.assertEqual(self.state(), Promise.State.BROKEN)
        with time_machine.travel(DUE + dt.timedelta(minutes=40), tick=False):
            answer = self.settle({"kept": True, "kept_at": written(DUE + dt.timedelta(minutes=30))})
        self.assertEqual(answer.status_code, 200, answer.content)  # type: ignore[attr-defined]
        self.assertEqual(answer.json()["state"], "kept_late")  # type: ignore[attr-defined]
        self.assertEqual(self.state(), Promise.State.KEPT_LATE)

    def test_a_time_in_the_future_or_before_the_promise_is_422_naming_kept_at(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(minutes=3), tick=False):
            for at in (DUE + dt.timedelta(hours=1), START - dt.timedelta(minutes=5)):
                with self.subTest(at=at):
                    answer = self.settle({"kept": True, "kept_at": written(at)})
                    self.assertEqual(answer.status_code, 422, answer.content)  # type: ignore[attr-defined]
                    self.assertEqual(answer.json()["field"], "kept_at")  # type: ignore[attr-defined]
            answer = self.settle({"kept": False, "kept_at": written(DUE)})
            self.assertEqual(answer.status_code, 422, answer.content)  # type: ignore[attr-defined]
            self.assertEqual(answer.json()["field"], "kept_at")  # type: ignore[attr-defined]
        self.assertEqual(self.state(), Promise.State.OPEN)

    def test_kept_too_late_without_the_time_says_to_send_kept_at(self) -> None:
        with time_machine.travel(DUE + dt.timedelta(minutes=3), tick=False):
            answer = self.settle({"kept": True})
        self.assertEqual(answer.status_code, 422, answer.content)  # type: ignore[attr-defined]
        said = answer.json()  # type: ignore[attr-defined]
        self.assertEqual(said["field"], "kept")
        self.assertIn("kept_at", said["detail"])
        self.assertEqual(self.state(), Promise.State.OPEN)

    def test_the_schema_documents_kept_at(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        settle_in = schema["components"]["schemas"]["SettleIn"]["properties"]
        self.assertIn("kept_at", settle_in)
        self.assertIn("kept_late", settle_in["kept_at"]["description"])
        self.assertIn("kept_at", schema["components"]["schemas"]["PromiseOut"]["properties"])
        operation = schema["paths"]["/api/v1/promises/{promise_id}/settle"]["post"]
        self.assertIn("kept_at", operation["description"])


class PageTooLateLinksTheFormTests(BaseTestCase):
    def test_kept_pressed_too_late_links_to_the_form_saying_when(self) -> None:
        with time_machine.travel(START, tick=False):
            promise = promised(self, due_at=DUE, text="今晚开好发票并电话告知", category="business")
        self.login(self.clerk)
        with time_machine.travel(DUE + dt.timedelta(minutes=3), tick=False):
            page = self.client.post(
                reverse("servicedesk:promise_action"),
                {"promise": promise.pk, "kept": "1"},
                follow=True,
            )
        self.assertContains(page, f'data-testid="promise-late-kept-at-{promise.pk}"')
        self.assertContains(page, f'href="#kept-at-{promise.pk}"')
        self.assertContains(
            page, f'id="kept-at-{promise.pk}" data-testid="promise-kept-at-{promise.pk}" open'
        )
        promise.refresh_from_db()
        self.assertEqual(promise.state, Promise.State.OPEN)
