"""Open311's list of requests takes a start and an end date from anyone: a date at the edge of
the calendar is refused as out of range (400 naming the field), never a server error."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

from tests.base import BaseTestCase


class Open311DateTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.url = reverse("public:open311_requests", args=[self.station_a.code])

    def test_a_date_at_the_edge_of_the_calendar_is_a_400_naming_its_field(self) -> None:
        for params in (
            {"end_date": "0001-01-01T00:00:00+00:00"},
            {"end_date": "0001-01-01T00:00:00"},
            {"start_date": "0001-01-01T00:00:00+14:00", "end_date": "0001-01-02T00:00:00+14:00"},
            {"start_date": "9999-12-31T23:59:59", "end_date": "9999-12-31T23:59:59"},
        ):
            with self.subTest(**params):
                response = self.client.get(self.url, params)
                self.assertEqual(response.status_code, 400)
                [error] = response.json()
                self.assertTrue(
                    any(name in error["description"] for name in params), error["description"]
                )

    def test_a_date_of_these_years_is_taken(self) -> None:
        response = self.client.get(
            self.url,
            {"start_date": "2026-11-01T00:00:00+08:00", "end_date": "2026-11-28T00:00:00+08:00"},
        )
        self.assertEqual(response.status_code, 200)
