"""A danger under two outages, one inside the other (walk45, 2): the clerk is told of each
outage and its crew, and what to tell the caller once, at intake and on the danger's page — not
the same script once per outage, word for word."""

from __future__ import annotations

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.tell_caller import hazard_tell
from tests.base import post_intake
from tests.hazard_cast import LINE_DOWN, HazardCase
from tests.outage_cast import fault_declare
from tests.servicedesk.crew_cast import outage_job


class HazardToldOnceTests(HazardCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, _ = outage_job(self)  # on the fuse, its crew sent
        self.wider = fault_declare(self, self.pole)  # the pole's, above it

    def test_intake_says_each_outage_and_the_script_once(self) -> None:
        self.login(self.clerk)
        response = post_intake(
            self.client,
            {"caller_number": "0878-1234567", "text": LINE_DOWN, "category": "hazard"},
        )
        self.assertEqual(response.status_code, 302)
        said = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
        script = hazard_tell()
        self.assertEqual(sum(script in m for m in said), 1, said)
        # One line an outage: the fuse's (its crew named), the pole's (whose name the fuse's
        # begins with).
        fuse = [m for m in said if str(self.fuse) in m]
        pole = [m for m in said if str(self.pole) in m and str(self.fuse) not in m]
        self.assertEqual((len(fuse), len(pole)), (1, 1), said)
        self.assertIn(self.crew.name, fuse[0])

    def test_the_danger_s_page_says_the_script_once_under_both_outages(self) -> None:
        order = self.hazard(village=self.village, group=self.group)
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertEqual(page.count('data-testid="hazard-tell"'), 1)
        for outage in (self.outage, self.wider):
            self.assertIn(f'data-testid="hazard-outage-outage-{outage.pk}"', page)
        self.assertTrue(WorkOrder.objects.filter(pk=order.pk, category="hazard").exists())
