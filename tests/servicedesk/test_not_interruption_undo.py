"""An outage whose crew found the power on at arrival (fix67c, 1): "Confirm: no interruption"
offered on its row of the outage record too, and by the API; and undone the same day by the
same roles, a line of its history with who and when, the reliability figures counting it
again; an earlier day's confirmation is no longer undone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.tokens import token_create
from powerdesk.outages.models import Outage
from powerdesk.outages.power_found_on import (
    outage_not_interruption,
    outage_not_interruption_undo,
)
from powerdesk.outages.services import OutageError
from powerdesk.reliability.selectors import interruptions, reliability_by_area
from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job

UNDONE = "interruption_again"


# At noon, station time: a confirmation and its undo on the same day, whenever the suite runs
# (just before midnight the undo would fall on the next day and be refused; review68, 11).
NOON = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@time_machine.travel(NOON, tick=True)
class FoundOnCase(BaseTestCase):
    """An outage whose crew (抢修一班) found the power on at arrival."""

    def setUp(self) -> None:
        add_crews(self)
        self.outage, order = outage_job(self)
        for step in ("on_the_way", "on_site", "nothing_found"):
            crew_step_take(work_order=order, step=step, user=self.member, fields={})
        self.outage.refresh_from_db()
        assert self.outage.power_on_found_at is not None

    def customer_interruptions(self) -> int:
        now = timezone.now() + dt.timedelta(minutes=1)
        figures = reliability_by_area(self.station_a, now.year, now=now)
        return sum(f.year().customer_interruptions for f in figures.values())

    def post(self, action: str, **extra: str) -> Any:
        return self.client.post(
            reverse("outages:list"), {"action": action, "outage": self.outage.pk, **extra}
        )


class NotInterruptionUndoTests(FoundOnCase):
    def test_undone_the_same_day_counts_it_again_with_who_and_when(self) -> None:
        counted = self.customer_interruptions()
        self.assertGreater(counted, 0)
        self.login(self.chief)
        self.post("not_interruption")
        self.assertEqual(self.customer_interruptions(), 0)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="undo-not-interruption-{self.outage.pk}"', page)
        response = self.post("not_interruption_undo")
        self.assertEqual(response.status_code, 302)
        self.outage.refresh_from_db()
        self.assertIsNone(self.outage.not_interruption_at)
        self.assertIsNone(self.outage.not_interruption_by)
        self.assertIn(self.outage, interruptions(self.station_a))
        self.assertEqual(self.customer_interruptions(), counted)
        line = self.outage.events.get(what=UNDONE)
        self.assertEqual(line.by, self.chief)
        self.assertLess(timezone.now() - line.at, dt.timedelta(minutes=1))
        with translation.override("en"):
            from powerdesk.outages.history import outage_note_shown

            self.assertIn("undone", outage_note_shown(line))
        # Sent again (a double click): nothing stored; offered to confirm again.
        self.post("not_interruption_undo")
        self.assertEqual(self.outage.events.filter(what=UNDONE).count(), 1)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="confirm-not-interruption-{self.outage.pk}"', page)

    def test_only_the_roles_that_confirm_undo(self) -> None:
        self.assertTrue(outage_not_interruption(outage=self.outage, user=self.chief))
        with self.assertRaises(PermissionDenied):
            outage_not_interruption_undo(outage=self.outage, user=self.clerk)
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertNotIn(f"undo-not-interruption-{self.outage.pk}", page)
        self.outage.refresh_from_db()
        self.assertIsNotNone(self.outage.not_interruption_at)

    def test_an_earlier_day_s_confirmation_is_not_undone(self) -> None:
        outage_not_interruption(outage=self.outage, user=self.chief)
        Outage.objects.filter(pk=self.outage.pk).update(
            not_interruption_at=timezone.now() - dt.timedelta(days=1)
        )
        with self.assertRaises(OutageError):
            outage_not_interruption_undo(outage=self.outage, user=self.chief)
        self.login(self.chief)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f"not-interruption-{self.outage.pk}", page)
        self.assertNotIn(f"undo-not-interruption-{self.outage.pk}", page)
        self.assertNotIn(self.outage, interruptions(self.station_a))

    def test_offered_on_its_row_of_the_outage_record(self) -> None:
        record = reverse("dashboards:outages")
        self.login(self.clerk)
        page = self.client.get(record).content.decode()
        self.assertIn(f'data-testid="power-found-on-{self.outage.pk}"', page)
        self.assertNotIn(f"confirm-not-interruption-{self.outage.pk}", page)
        self.login(self.chief)
        page = self.client.get(record).content.decode()
        self.assertIn(f'data-testid="confirm-not-interruption-{self.outage.pk}"', page)
        response = self.post("not_interruption", next=record)
        self.assertRedirects(response, record, fetch_redirect_response=False)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.not_interruption_by, self.chief)
        # No figure counts it now, the record's rows neither.
        self.assertNotIn(
            f"power-found-on-{self.outage.pk}", self.client.get(record).content.decode()
        )


class NotInterruptionApiTests(FoundOnCase):
    def setUp(self) -> None:
        super().setUp()
        _, key = token_create(station_id=self.station_a.pk, name="county")
        self.auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        _, key_b = token_create(station_id=self.station_b.pk, name="B")
        self.auth_b = {"HTTP_AUTHORIZATION": f"Token {key_b}"}

    def api(self, path: str, outage: Outage | None = None, **headers: Any) -> Any:
        with translation.override("en"):
            return self.client.post(
                f"/api/v1/outages/{(outage or self.outage).pk}/{path}",
                content_type="application/json",
                HTTP_ACCEPT_LANGUAGE="en",
                **(headers or self.auth),
            )

    def test_confirmed_and_undone_by_the_api_each_once(self) -> None:
        answer = self.api("not-interruption")
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual(
            (body["done"], body["not_interruption"], body["undo_open"]), ("confirmed", True, True)
        )
        self.assertEqual(self.customer_interruptions(), 0)
        again = self.api("not-interruption")
        self.assertEqual((again.status_code, again.json()["done"]), (200, "already"))
        self.assertEqual(self.outage.events.filter(what="not_interruption").count(), 1)
        undone = self.api("not-interruption/undo")
        self.assertEqual(undone.status_code, 200, undone.content)
        self.assertEqual(
            (undone.json()["done"], undone.json()["not_interruption"]), ("undone", False)
        )
        self.assertGreater(self.customer_interruptions(), 0)
        again = self.api("not-interruption/undo")
        self.assertEqual((again.status_code, again.json()["done"]), (200, "already_undone"))
        self.assertEqual(self.outage.events.filter(what=UNDONE).count(), 1)

    def test_a_retry_with_the_same_key_replays_the_first_answer(self) -> None:
        key = {"HTTP_IDEMPOTENCY_KEY": "confirm-1", **self.auth}
        first = self.api("not-interruption", **key)
        again = self.api("not-interruption", **key)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(again["Idempotent-Replayed"], "true")

    def test_refusals_403_404_409(self) -> None:
        self.login(self.clerk)  # a counter clerk's session
        self.assertEqual(self.api("not-interruption", HTTP_X=1).status_code, 403)
        self.client.logout()
        self.assertEqual(self.api("not-interruption", **self.auth_b).status_code, 404)
        other, _order = outage_job(self)  # its crew found nothing yet
        self.assertEqual(self.api("not-interruption", other).status_code, 409)
        outage_not_interruption(outage=self.outage, user=self.chief)
        Outage.objects.filter(pk=self.outage.pk).update(
            not_interruption_at=timezone.now() - dt.timedelta(days=1)
        )
        self.assertEqual(self.api("not-interruption/undo").status_code, 409)

    def test_in_the_openapi_schema(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        for path in (
            "/api/v1/outages/{outage_id}/not-interruption",
            "/api/v1/outages/{outage_id}/not-interruption/undo",
        ):
            self.assertLessEqual(
                {"200", "403", "404", "409"}, set(paths[path]["post"]["responses"])
            )
