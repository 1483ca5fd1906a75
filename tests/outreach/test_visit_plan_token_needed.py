"""A visit's plan sent without its page's one-time token (probe72 L1: a crafted client planned a
visit at each sending, three at once three visits): refused with 400, the page saying so,
nothing planned. The browser's form always sends it."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.outreach.models import OutreachVisit
from tests.base import BaseTestCase
from tests.outreach.test_visit_sent_twice import plan


class PlanWithoutTokenTests(BaseTestCase):
    def test_a_plan_without_its_token_is_refused_and_plans_nothing(self) -> None:
        self.login(self.clerk)
        url = reverse("outreach:visit_new")
        data = plan(self, "")
        del data["form_token"]
        for _ in range(2):
            response = self.client.post(url, data)
            self.assertEqual(response.status_code, 400)
            self.assertTrue([str(m) for m in response.context["messages"]])
            # The page drawn again carries a token of its own: sent from it, it plans.
            self.assertTrue(response.context["form_token"])
        self.assertFalse(OutreachVisit.objects.exists())
        self.client.post(url, {**data, "form_token": response.context["form_token"]})
        self.assertEqual(OutreachVisit.objects.count(), 1)
