"""A crew's duty phone is shared: a step kept on it in one member's login and still waiting when
another logs in is not sent as the other's (the history would name the wrong person). The
phone marks each step with who made it (``by``); the station takes it only in that login."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import BaseTestCase, make_user, zh
from tests.servicedesk.crew_cast import add_crews, plain_job

URL = "/desk/crew/sync/"


class SharedPhoneTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.mate = make_user("crew1b", self.station_a, Role.CREW, full_name="赵二")
        self.crew.members.add(self.mate)
        self.order = plain_job(self)

    def send(self, by: object, client_id: str = "") -> dict[str, object]:
        step = {
            "client_id": client_id or str(uuid.uuid4()),
            "order": self.order.pk,
            "step": "on_the_way",
            "fields": {},
            "made_at": (timezone.now() - dt.timedelta(minutes=2)).isoformat(),
            "by": by,
        }
        response = self.client.post(
            URL, json.dumps({"items": [step]}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 200)
        [answer] = response.json()["results"]
        return answer

    def test_a_step_made_in_another_login_is_not_taken_as_this_one_s(self) -> None:
        self.login(self.mate)
        answer = self.send(str(self.member.pk))
        self.assertEqual(answer["status"], "conflict")
        self.assertEqual(
            answer["reason"],
            zh("Kept on this phone in another person's login: it is sent when they log in again."),
        )
        self.assertTrue(answer["other_login"])
        self.assertFalse(self.order.events.filter(to_status="on_the_way").exists())

    def test_in_its_own_login_it_is_taken_and_named_by_its_maker(self) -> None:
        self.login(self.member)
        self.assertEqual(self.send(str(self.member.pk))["status"], "ok")
        step = WorkOrderEvent.objects.get(work_order=self.order, to_status="on_the_way")
        self.assertEqual(step.by, self.member)

    def test_a_step_kept_by_a_page_from_before_the_mark_is_taken_as_before(self) -> None:
        self.login(self.member)
        self.assertEqual(self.send(None)["status"], "ok")

    def test_a_step_kept_for_its_maker_is_taken_when_they_send_it_again(self) -> None:
        """Answered ``other_login``, the step is not spent: the phone keeps it, and sent again
        in its maker's login it is taken, as theirs (not answered as a replay of the refusal)."""
        step_id = str(uuid.uuid4())
        self.login(self.mate)
        self.assertTrue(self.send(str(self.member.pk), step_id)["other_login"])
        self.assertTrue(self.send(str(self.member.pk), step_id)["other_login"])
        self.client.logout()
        self.login(self.member)
        answer = self.send(str(self.member.pk), step_id)
        self.assertEqual(answer["status"], "ok")
        self.assertNotIn("replayed", answer)
        step = WorkOrderEvent.objects.get(work_order=self.order, to_status="on_the_way")
        self.assertEqual(step.by, self.member)
