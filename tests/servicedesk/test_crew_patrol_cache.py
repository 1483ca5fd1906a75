"""The crew's phone asks for its jobs every 20 seconds: an outage's patrol list is ranked once
and kept while nothing it shows changes (``outages.patrol_cache``); a place found shows at once."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import time_machine
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages import patrol_cache
from powerdesk.outages.models import EngineState
from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job


class CrewPatrolCacheTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage, self.order = outage_job(self)
        self.login(self.member)
        self.ranked = mock.patch.object(
            patrol_cache, "patrol_for", wraps=patrol_cache.patrol_for
        ).start()
        self.addCleanup(mock.patch.stopall)

    def refresh(self) -> str:
        response = self.client.get(reverse("servicedesk:crew_jobs_part"))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_second_refresh_that_changes_nothing_does_not_rank_again(self) -> None:
        first = self.refresh()
        second = self.refresh()
        self.assertEqual(self.ranked.call_count, 1)
        self.assertIn('data-testid="crew-patrol-ZM-B01-T1"', second)
        # The same list, in the same order.
        self.assertEqual(first.count('data-testid="crew-patrol-'), second.count("crew-patrol-"))

    def test_a_place_found_shows_at_once_on_the_next_refresh(self) -> None:
        self.refresh()
        crew_step_take(work_order=self.order, step="on_the_way", user=self.member, fields={})
        crew_step_take(
            work_order=self.order,
            step="found_here",
            user=self.member,
            fields={"place": "ZM-B01-T1", "cause": "animal"},
        )
        page = self.refresh()
        self.assertIn('data-testid="job-found"', page)
        self.assertIn('data-testid="found-here-mark"', page)
        mark = page.index('data-testid="found-here-mark"')
        self.assertLess(page.index('data-testid="crew-patrol-ZM-B01-T1"'), mark)
        self.assertEqual(self.ranked.call_count, 2)  # the found place made a new key

    def test_the_engine_s_new_picture_is_ranked_again_but_at_most_once_a_minute(self) -> None:
        with time_machine.travel(timezone.now(), tick=False) as clock:
            self.refresh()
            state = EngineState.objects.create(station=self.station_a, cursor=10)
            self.refresh()  # the picture moved seconds after: the list is kept
            self.assertEqual(self.ranked.call_count, 1)
            clock.shift(dt.timedelta(seconds=61))
            self.refresh()  # a minute on, the moved picture is ranked
            self.assertEqual(self.ranked.call_count, 2)
            clock.shift(dt.timedelta(minutes=5))
            self.refresh()  # the picture has not moved since: kept however long ago
            self.assertEqual(self.ranked.call_count, 2)
            state.cursor = 11
            state.save()
            clock.shift(dt.timedelta(seconds=61))
            self.refresh()
            self.assertEqual(self.ranked.call_count, 3)

    def test_each_language_has_its_own_list(self) -> None:
        self.refresh()
        self.client.post(reverse("set_language"), {"language": "en", "next": "/desk/crew/"})
        self.assertIn("Where to look first", self.refresh())
        self.assertEqual(self.ranked.call_count, 2)
