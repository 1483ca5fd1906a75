"""The monthly report of a month that is not one, or one it cannot be made for, says so: the
page with the reason above this month's figures (400), the download refused with the reason
(400), never this month's figures shown or filed silently in its place."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tests.base import BaseTestCase


class MonthAskedTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.chief)
        today = timezone.localdate()
        self.current = f"{today.year:04d}-{today.month:02d}"

    def test_a_month_not_one_or_out_of_range_is_said_on_the_page_and_refused_as_a_file(
        self,
    ) -> None:
        page_url = reverse("reports:monthly")
        file_url = reverse("reports:monthly_file", kwargs={"fmt": "xlsx"})
        for asked, words in (
            ("2030-01", "2030-01"),
            ("1999-01", "1999-01"),
            ("2026-13", "2026-13"),
            ("abc", "abc"),
        ):
            with self.subTest(asked):
                page = self.client.get(page_url, {"month": asked})
                self.assertEqual(page.status_code, 400)
                error = page.content.decode().split('data-testid="month-error">')[1][:300]
                self.assertIn(words, error)
                self.assertIn(self.current, page.content.decode())  # what is shown instead
                refused = self.client.get(file_url, {"month": asked})
                self.assertEqual(refused.status_code, 400)
                self.assertNotIn("Content-Disposition", refused)
                self.assertIn(words, refused.content.decode())

    def test_a_month_in_range_and_none_asked_are_shown_without_a_note(self) -> None:
        for params in ({}, {"month": self.current}, {"month": "2026-01"}):
            with self.subTest(params):
                page = self.client.get(reverse("reports:monthly"), params)
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, 'data-testid="month-error"')
