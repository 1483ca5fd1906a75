"""The outage board is polled every second (the home page's panel every two): an unchanged board
answers 304 from its version stamp without being drawn, and whatever changes it is seen at the
next poll."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest import mock

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages import views_board
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import EngineState, Outage, PredictedOutage
from powerdesk.outages.prediction_steps import prediction_reject
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase

NOON = dt.datetime(2026, 7, 14, 12, 0, 5, tzinfo=dt.UTC)


class BoardVersionTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        clock = time_machine.travel(NOON, tick=False)
        clock.start()
        self.addCleanup(clock.stop)
        self.login(self.chief)

    def predicted(self) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=2,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=12),
            explain={"calls": 2},
        )

    @contextmanager
    def drawings(self) -> Iterator[mock.MagicMock]:
        with mock.patch.object(
            views_board, "board_context", wraps=views_board.board_context
        ) as drawn:
            yield drawn

    def poll(self, tag: str = "", url: str = "") -> tuple[int, str]:
        # as htmx polls it (opened without htmx, the address is a page: no version stamp)
        headers = {"HX-Request": "true", **({"if-none-match": tag} if tag else {})}
        response = self.client.get(url or reverse("outages:board"), headers=headers)
        return response.status_code, response["ETag"]

    def test_an_unchanged_board_answers_304_without_being_drawn(self) -> None:
        self.predicted()
        status, tag = self.poll()
        self.assertEqual(status, 200)
        with self.drawings() as drawn, CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.poll(tag), (304, tag))
        self.assertFalse(drawn.called)
        # The session, the user, the station and its roles, and the stamp: nothing of the board.
        self.assertLessEqual(len(queries), 6, [q["sql"] for q in queries])

    def test_every_change_to_the_board_is_seen_at_the_next_poll(self) -> None:
        prediction = self.predicted()
        _, tag = self.poll()
        changes: list[tuple[str, Callable[[], object]]] = [
            ("a new prediction", lambda: self.predicted()),
            (
                "the engine saved a picture",
                lambda: EngineState.objects.update_or_create(
                    station=self.station_a, defaults={"cursor": 7}
                ),
            ),
            (
                "a prediction rejected",
                lambda: prediction_reject(prediction=prediction, user=self.chief, reason="试验"),
            ),
            (
                "an outage recorded",
                lambda: outage_declare(
                    station=self.station_a,
                    user=self.chief,
                    device=self.breaker,
                    kind=Outage.Kind.UNPLANNED,
                ),
            ),
            (
                "a crew sent",
                lambda: outage_dispatch(
                    outage=Outage.objects.get(device=self.breaker), crew=self.crew, user=self.chief
                ),
            ),
        ]
        for what, change in changes:
            with self.subTest(what):
                change()
                with self.drawings() as drawn:
                    status, new = self.poll(tag)
                self.assertEqual((status, drawn.call_count), (200, 1))
                self.assertNotEqual(new, tag)
                self.assertEqual(self.poll(new), (304, new))
                tag = new

    def test_the_next_minute_draws_the_board_again(self) -> None:
        # The estimates and the hours out move with the clock, at the minute the board shows.
        _, tag = self.poll()
        with time_machine.travel(NOON + dt.timedelta(seconds=30), tick=False):
            self.assertEqual(self.poll(tag), (304, tag))
        with time_machine.travel(NOON + dt.timedelta(minutes=1), tick=False):
            self.assertEqual(self.poll(tag)[0], 200)

    def test_the_home_panel_and_other_users_have_boards_of_their_own(self) -> None:
        _, full = self.poll()
        home = reverse("outages:board") + "?top=8"
        status, top = self.poll(full, url=home)  # fewer rows: not the same board
        self.assertEqual(status, 200)
        self.assertEqual(self.poll(top, url=home), (304, top))
        self.login(self.clerk)  # another role: other actions on each row
        self.assertEqual(self.poll(full)[0], 200)
