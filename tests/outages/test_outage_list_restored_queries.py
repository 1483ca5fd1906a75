"""Review79 L7: /outages/ said, for each restored row not yet closed, who is still to be called
back (``close_pending.still_to_call_back``) with two queries a row: the callbacks of its list
and the callers' own orders. The page asks as often with 20 such rows as with 5."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.close_pending import still_to_call_back
from powerdesk.outages.models import Outage, OutageCallback, OutageLink
from powerdesk.servicedesk.models import WorkOrder
from tests.outage_life_cast import OutageLifeCase


class RestoredRowsQueryTests(OutageLifeCase):
    made = 0

    def restored(self, count: int) -> None:
        """``count`` more fault outages restored, each with a caller's order joined (its
        callback due) and a household of its list still to call back."""
        now = timezone.now()
        for _ in range(count):
            self.made += 1
            outage = Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                starts_at=now - dt.timedelta(hours=2),
                restored_at=now - dt.timedelta(minutes=self.made),
            )
            order = WorkOrder.objects.create(
                station=self.station_a,
                number=f"QT-{self.made}",
                customer=self.neighbour,
                category="fault_repair",
                summary="家里停电了",
                status="resolved",
                created_at=now - dt.timedelta(hours=1),
                callback_due_at=now,
            )
            OutageLink.objects.create(outage=outage).work_orders.add(order)
            OutageCallback.objects.create(
                outage=outage, customer=self.sick, reason="medical_need", due_at=now
            )

    def queries(self) -> int:
        self.login(self.chief)
        self.assertEqual(self.client.get(reverse("outages:list")).status_code, 200)  # (warm)
        with CaptureQueriesContext(connection) as captured:
            page = self.client.get(reverse("outages:list")).content.decode()
        self.blocked = dict(re.findall(r'data-testid="close-blocked-(\d+)">([^<]+)<', page))
        return len(captured.captured_queries)

    def test_twenty_restored_rows_ask_as_often_as_five(self) -> None:
        self.restored(5)
        few = self.queries()
        self.assertEqual(len(self.blocked), 5)  # each says who is left
        self.restored(15)
        self.assertEqual(Outage.objects.filter(status=Outage.Status.RESTORED).count(), 20)
        many = self.queries()
        self.assertEqual(many, few)
        # In the words the close's refusal uses, each row its own order named.
        self.assertEqual(len(self.blocked), 20)
        for outage in Outage.objects.filter(status=Outage.Status.RESTORED):
            said = html.unescape(self.blocked[str(outage.pk)])
            self.assertEqual(said, still_to_call_back(outage))
            self.assertIn(outage.link.work_orders.get().number, said)

    def test_a_crew_member_is_not_told_who_is_left_nor_is_it_asked(self) -> None:
        # Review79 L8: the badge names the callbacks page, which a crew member cannot open (nor
        # close the outage): neither said to them nor looked up for them.
        self.restored(3)
        crew = self.make_crew_member()
        self.client.force_login(crew)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(reverse("outages:list"))
        page = response.content.decode()
        self.assertEqual(response.status_code, 200)
        for outage in Outage.objects.filter(status=Outage.Status.RESTORED):
            self.assertIn(f'id="restored-{outage.pk}"', page)  # the row is there
        self.assertEqual(page.count("close-blocked"), 0)
        self.assertEqual(page.count('value="close"'), 0)
        asked = [q["sql"] for q in captured.captured_queries if "outagecallback" in q["sql"]]
        self.assertEqual(asked, [])
        # The office still is told (the chief: the first test).
        self.client.force_login(self.clerk)
        self.assertEqual(
            self.client.get(reverse("outages:list")).content.decode().count("close-blocked-"), 3
        )
