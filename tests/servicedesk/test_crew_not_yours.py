"""A step sent from a crew's phone for a job that was never its crew's (another crew's order, or
an id typed by hand) is refused saying only that: nothing of the other crew's job — its number,
its crew, its state, who did what on it — is in the answer, which is the same as for an id that
does not exist."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.utils import timezone, translation
from django.utils.html import escape

from powerdesk.servicedesk.crew_conflicts import not_yours
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.services import work_order_dispatch
from tests.servicedesk.crew_cast import CrewQueueTestCase, plain_job


def said_not_yours() -> str:
    """The refusal's words, in the station's language (zh-hans)."""
    with translation.override("zh-hans"):
        return not_yours()


def item(order_id: int, step: str) -> dict[str, object]:
    made = timezone.now() - dt.timedelta(minutes=1)
    return {
        "client_id": str(uuid.uuid4()),
        "order": order_id,
        "step": step,
        "fields": {},
        "made_at": made.isoformat(),
    }


class NotYourCrewsJobTests(CrewQueueTestCase):
    def others_job(self) -> WorkOrder:
        """An order sent to 抢修二班 only, on which its member 李二 has set out."""
        order = plain_job(self)  # sent to 抢修一班 ...
        order.events.filter(kind="dispatched").delete()  # ... never: only to 抢修二班
        order = work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        crew_step_take(work_order=order, step="on_the_way", user=self.other_member, fields={})
        return order

    def assert_says_nothing_of(self, answer: dict[str, object], order: WorkOrder) -> None:
        self.assertEqual(answer["status"], "conflict")
        self.assertEqual(answer["reason"], said_not_yours())
        text = json.dumps(answer, ensure_ascii=False)
        for secret in (order.number, "抢修二班", "李二", "在途", "meanwhile", "job_status"):
            self.assertNotIn(secret, text)

    def test_another_crew_s_job_is_refused_saying_only_it_is_not_yours(self) -> None:
        order = self.others_job()
        [answer] = self.send(item(order.pk, "on_site"))
        self.assert_says_nothing_of(answer, order)
        order.refresh_from_db()
        self.assertEqual(order.status, "on_the_way")

    def test_another_crew_s_finished_job_names_no_one(self) -> None:
        order = self.others_job()
        crew_step_take(work_order=order, step="on_site", user=self.other_member, fields={})
        crew_step_take(
            work_order=order,
            step="restored",
            user=self.other_member,
            fields={"cause": "表箱进水", "device": self.fuse.code, "note": "换了保险"},
        )
        [answer] = self.send(item(order.pk, "on_the_way"))
        self.assert_says_nothing_of(answer, order)

    def test_a_forged_id_and_another_crew_s_job_are_answered_alike(self) -> None:
        order = self.others_job()
        missing = WorkOrder.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
        theirs, forged = self.send(item(order.pk, "accept"), item(missing, "accept"))
        self.assert_says_nothing_of(theirs, order)
        del theirs["client_id"], forged["client_id"]
        self.assertEqual(theirs, forged)

    def test_a_job_moved_away_and_finished_by_the_other_crew_does_not_name_its_member(
        self,
    ) -> None:
        order = plain_job(self)  # once ours: what happened meanwhile is still said
        order = work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=order, step=step, user=self.other_member, fields={})
        crew_step_take(
            work_order=order,
            step="restored",
            user=self.other_member,
            fields={"cause": "表箱进水", "device": self.fuse.code, "note": "换了保险"},
        )
        [answer] = self.send(item(order.pk, "on_the_way"))
        self.assertEqual(answer["status"], "conflict")
        self.assertIn("登记任务已处理", answer["meanwhile"])
        self.assertNotIn("李二", json.dumps(answer, ensure_ascii=False))

    def test_the_card_s_form_for_another_crew_s_job_does_not_name_it(self) -> None:
        order = self.others_job()
        response = self.client.post(
            f"/desk/crew/{order.pk}/step/", {"step": "on_site"}, follow=True
        )
        page = response.content.decode()
        self.assertIn(said_not_yours().replace("'", "&#x27;"), page)
        # The member's own notice that the job, once their crew's, was sent to another crew
        # names it: the notices box holds that notice only, the dispatch's put away (review39,
        # N9: the box was cut out unread, so a leak through it went unseen).
        before, _box, after = page.partition('data-testid="crew-notices"')
        box, _end, rest = after.partition("</section>")
        self.assertNotIn(order.number, before + rest)
        taken_off = Notification.objects.filter(recipient=self.member, work_order=order).latest(
            "pk"
        )
        self.assertIn(order.number, taken_off.text)
        (line,) = box.split("<li")[1:]
        self.assertIn(escape(taken_off.text), line)
        order.refresh_from_db()
        self.assertEqual(order.status, "on_the_way")
