"""The crew phone's sync (``POST /desk/crew/sync/``) stays within a number of database queries
for a batch of steps: a fixed number for the batch (the login, the station, the session) and a
fixed number for each step (claiming its id, the job read and locked, the step recorded and its
history, the answer kept), as ``tests/test_query_counts.py`` holds the busiest pages. A batch of
ten steps kept on a phone without signal is the case: a step that asked more for each thing the
job already has would show here."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, plain_job

# The queries of a batch whatever its length (the session, the login, its memberships: 3, and a
# margin of 2), and of each step in it, none of margin: measured 30 for one step and 273 for ten,
# 27 a step (28 before the job's crew was read with the job). Of them: 6 savepoints (the claim's,
# the job's and the step's transactions); the job read 4 times (the claim's check, locked for the
# step, by the move, and its answer); its crew's members 3 times (``never_the_crews``, the step's
# and the move's roles); the outage the job is joined to 4 times. A query more for each step
# fails the batch of ten.
BATCH = 5
PER_STEP = 27


class CrewSyncQueryTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        add_crews(self)
        self.client.force_login(self.member)

    @contextmanager
    def at_most(self, ceiling: int, what: str) -> Iterator[list[int]]:
        counted: list[int] = []
        with CaptureQueriesContext(connection) as queries:
            yield counted
        counted.append(len(queries))
        self.assertLessEqual(
            len(queries),
            ceiling,
            f"{what}: {len(queries)} queries\n"
            + "\n".join(q["sql"][:200] for q in queries.captured_queries),
        )

    def sync(self, steps: int) -> int:
        orders = [plain_job(self) for _ in range(steps)]
        items = [
            {
                "client_id": uuid.uuid4().hex,
                "order": order.pk,
                "step": "on_the_way",
                "fields": {},
                "made_at": timezone.now().isoformat(),
                "by": self.member.pk,
            }
            for order in orders
        ]
        body = json.dumps({"items": items, "sent_at": timezone.now().isoformat()})
        with self.at_most(BATCH + PER_STEP * steps, f"{steps} steps") as counted:
            response = self.client.post(
                reverse("servicedesk:crew_sync"), body, content_type="application/json"
            )
        self.assertEqual(response.status_code, 200)
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["ok"] * steps, results)
        self.assertEqual(
            WorkOrder.objects.filter(pk__in=[o.pk for o in orders], status="on_the_way").count(),
            steps,
        )
        return counted[0]

    def test_one_step_and_ten_steps_each_within_the_ceiling(self) -> None:
        one = self.sync(1)
        ten = self.sync(10)
        # Each step asks the same: nothing grows with the steps before it in the batch.
        self.assertLessEqual(ten - one, 9 * PER_STEP)
