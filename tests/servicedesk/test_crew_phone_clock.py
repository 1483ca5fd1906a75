"""A crew phone whose clock is wrong (set by hand, reset when the battery ran flat): the steps it
kept are recorded at the station's time, and the crew is told the phone's clock is off."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.utils import timezone

from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, plain_job

URL = "/desk/crew/sync/"


class PhoneClockTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        # Set up once for the class: each test's changes are rolled back.
        super().setUpTestData()
        add_crews(cls)
        cls.order = plain_job(cls)
        # Dispatched an hour ago (a phone three hours slow would put its steps before that).
        WorkOrder.objects.filter(pk=cls.order.pk).update(
            created_at=timezone.now() - dt.timedelta(hours=1)
        )
        cls.order.events.filter(kind="dispatched").update(at=timezone.now() - dt.timedelta(hours=1))

    def setUp(self) -> None:
        self.login(self.member)

    def send(self, phone_off: dt.timedelta, minutes_ago: float, *, sent_at: object = "phone"):  # type: ignore[no-untyped-def]
        """A step made ``minutes_ago`` (true time) on a phone whose clock reads ``phone_off``
        from the true time; the batch says when it was sent on that clock."""
        phone_now = timezone.now() + phone_off
        body = {
            "items": [
                {
                    "client_id": str(uuid.uuid4()),
                    "order": self.order.pk,
                    "step": "on_the_way",
                    "fields": {},
                    "made_at": (phone_now - dt.timedelta(minutes=minutes_ago)).isoformat(),
                }
            ],
            "sent_at": phone_now.isoformat() if sent_at == "phone" else sent_at,
        }
        return self.client.post(URL, json.dumps(body), content_type="application/json")

    def on_the_way_at(self) -> dt.datetime:
        return self.order.events.get(to_status="on_the_way").at

    def test_a_phone_three_hours_slow_is_recorded_at_the_station_s_time_and_told(self) -> None:
        response = self.send(-dt.timedelta(hours=3), minutes_ago=10)
        self.assertEqual(response.status_code, 200)
        [answer] = response.json()["results"]
        self.assertEqual(answer["status"], "ok", answer)
        true_time = timezone.now() - dt.timedelta(minutes=10)
        self.assertLess(abs(self.on_the_way_at() - true_time), dt.timedelta(seconds=30))
        said = " ".join(answer["saved"])
        self.assertIn("手机时钟慢了 180 分钟", said)
        self.assertIn(f"{timezone.localtime(self.on_the_way_at()):%H:%M}", said)
        self.assertEqual(answer["made_at_local"], f"{timezone.localtime(true_time):%H:%M}")

    def test_a_phone_an_hour_fast_is_not_refused_as_the_future(self) -> None:
        [answer] = self.send(dt.timedelta(hours=1), minutes_ago=5).json()["results"]
        self.assertEqual(answer["status"], "ok", answer)
        true_time = timezone.now() - dt.timedelta(minutes=5)
        self.assertLess(abs(self.on_the_way_at() - true_time), dt.timedelta(seconds=30))
        self.assertIn("手机时钟快了 60 分钟", " ".join(answer["saved"]))

    def test_a_clock_off_by_less_than_the_slack_is_taken_as_right(self) -> None:
        # A batch a minute on its way over a weak signal: the phone's times stand.
        [answer] = self.send(-dt.timedelta(seconds=60), minutes_ago=10).json()["results"]
        self.assertEqual(answer["status"], "ok", answer)
        self.assertNotIn("手机时钟", " ".join(answer["saved"]))
        phone_time = timezone.now() - dt.timedelta(seconds=60) - dt.timedelta(minutes=10)
        self.assertLess(abs(self.on_the_way_at() - phone_time), dt.timedelta(seconds=30))

    def test_without_sent_at_a_wrong_clock_is_refused_as_before(self) -> None:
        [answer] = self.send(dt.timedelta(hours=1), minutes_ago=5, sent_at=None).json()["results"]
        self.assertEqual(answer["status"], "conflict")
        self.assertIn("时钟", answer["reason"])
        self.assertFalse(self.order.events.filter(to_status="on_the_way").exists())

    def test_a_sent_at_that_is_not_a_time_is_a_400_and_takes_nothing(self) -> None:
        for bad in ("yesterday", "2026-12-03T10:00:00", 12, "9" * 80):
            with self.subTest(sent_at=bad):
                response = self.send(dt.timedelta(0), minutes_ago=1, sent_at=bad)
                self.assertEqual(response.status_code, 400)
                self.assertIn("sent_at", response.json()["error"])
        self.assertFalse(self.order.events.filter(to_status="on_the_way").exists())

    def test_the_answer_says_the_station_s_clock(self) -> None:
        response = self.send(dt.timedelta(0), minutes_ago=1)
        now = dt.datetime.fromisoformat(response.json()["now"])
        self.assertLess(abs(now - timezone.now()), dt.timedelta(seconds=30))

    def test_a_phone_clock_at_the_year_one_is_refused_not_a_crash(self) -> None:
        body = {
            "items": [
                {
                    "client_id": str(uuid.uuid4()),
                    "order": self.order.pk,
                    "step": "on_the_way",
                    "fields": {},
                    "made_at": "0001-01-01T00:00:00+00:00",
                }
            ],
            "sent_at": "9999-12-31T00:00:00+00:00",
        }
        response = self.client.post(URL, json.dumps(body), content_type="application/json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["results"][0]["status"], "conflict")

    def test_a_time_that_reads_as_one_but_is_no_date_is_refused_not_a_crash(self) -> None:
        # The 30th of February, an offset of 99 hours: shaped like ISO 8601, yet no time at all.
        for bad in ("2026-02-30T10:00:00+00:00", "2026-12-03T10:00:00+99:00"):
            with self.subTest(sent_at=bad):
                response = self.send(dt.timedelta(0), minutes_ago=1, sent_at=bad)
                self.assertEqual(response.status_code, 400)
                self.assertIn("sent_at", response.json()["error"])
            with self.subTest(made_at=bad):
                body = {
                    "items": [
                        {
                            "client_id": str(uuid.uuid4()),
                            "order": self.order.pk,
                            "step": "on_the_way",
                            "fields": {},
                            "made_at": bad,
                        }
                    ]
                }
                response = self.client.post(URL, json.dumps(body), content_type="application/json")
                [answer] = response.json()["results"]
                self.assertEqual(answer["status"], "conflict")
                self.assertIn("时间", answer["reason"])  # said in the crew's words, not Python's
        self.assertFalse(self.order.events.filter(to_status="on_the_way").exists())
