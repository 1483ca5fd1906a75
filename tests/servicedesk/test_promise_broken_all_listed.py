"""Every broken promise still without why is listed with its box, whom it was made to and who
made it (walkthrough 33, finding 5: only the latest 20 broken ones were, and the demo's 40
older ones could not be explained from the page); those with why a page at a time, every one
reachable by the pages' links."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Promise
from tests.base import BaseTestCase


class BrokenPromisesListedTests(BaseTestCase):
    def broken(self, n: int, note: str) -> list[Promise]:
        now = timezone.now()
        return [
            Promise.objects.create(
                station=self.station_a,
                customer=self.customer,
                text=f"承诺{note}{i}",
                due_at=now - dt.timedelta(days=i + 1),
                made_at=now - dt.timedelta(days=i + 2),
                made_by=self.clerk,
                state=Promise.State.BROKEN,
                settled_at=now - dt.timedelta(days=i + 1),
                settled_note=note,
            )
            for i in range(n)
        ]

    def test_every_one_without_why_has_its_box(self) -> None:
        older_explained = self.broken(25, "已说明")
        unexplained = self.broken(30, "")
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:promises")).content.decode()
        for p in unexplained:
            self.assertIn(f'data-testid="promise-explain-{p.pk}"', page)
            self.assertIn(f'data-testid="broken-whom-{p.pk}"', page)
        self.assertEqual(page.count('data-testid="promise-explain-'), 30)
        # Those with why: the latest 20, the older ones on the next page (a link, no script).
        shown = [p for p in older_explained if f'id="broken-{p.pk}"' in page]
        self.assertEqual(shown, older_explained[:20])
        self.assertIn('data-testid="broken-shown"', page)
        self.assertIn("?page=2", page)
        self.assertIn(self.customer.name, page)
        self.assertIn(str(self.clerk), page)
        older = self.client.get(reverse("servicedesk:promises"), {"page": "2"})
        self.assertEqual(older.status_code, 200)
        page = older.content.decode()
        shown = [p for p in older_explained if f'id="broken-{p.pk}"' in page]
        self.assertEqual(shown, older_explained[20:])
        self.assertEqual(page.count('data-testid="promise-explain-'), 30)  # on every page
        self.assertIn("?page=1", page)
        # The rest of the page is as it was: the counts of all.
        self.assertEqual(older.context["counts"]["broken"], 55)
        # A page that is none is the nearest one, never an error.
        for wrong in ("abc", "99", "-1", "9" * 40):
            response = self.client.get(reverse("servicedesk:promises"), {"page": wrong})
            self.assertEqual(response.status_code, 200, wrong)
