"""A crew renamed after a job was sent to it was still the crew sent: a job given to another
crew since is "moved to another crew" for its members, not "not your crew's" (the dispatch line
was matched by the crew's current name, so a rename made the job look never theirs)."""

from __future__ import annotations

from typing import Any

from powerdesk.servicedesk.crew_conflicts import never_the_crews
from powerdesk.servicedesk.services import work_order_dispatch
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, plain_job, synced


class RenamedCrewTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)  # sent to self.crew
        work_order_dispatch(work_order=self.order, crew=self.other_crew, user=self.chief)
        self.crew.name = "抢修一班（新）"
        self.crew.save(update_fields=["name"])

    def sync(self) -> dict[str, Any]:
        return synced(self, self.order, "on_the_way")

    def test_a_renamed_crew_s_job_moved_away_is_said_as_moved(self) -> None:
        self.assertFalse(never_the_crews(self.order, self.member))
        answer = self.sync()
        self.assertEqual(answer["status"], "conflict")
        self.assertNotEqual(answer["reason"], zh("This job is not your crew's."))
        self.assertIn(self.other_crew.name, answer["reason"])

    def test_a_crew_never_sent_is_still_refused_as_not_theirs(self) -> None:
        self.assertTrue(never_the_crews(plain_job_for_other(self), self.member))


def plain_job_for_other(case: Any) -> Any:
    order = plain_job(case)
    order.events.all().delete()  # (as if only ever sent to the other crew)
    return work_order_dispatch(work_order=order, crew=case.other_crew, user=case.chief)
