"""Steps kept on a phone without signal that the station would not take: the refusal says what
the office did meanwhile, in plain words, and the refusals that only follow from the first
are marked as such (the phone folds them into one line)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.services import work_order_dispatch
from tests.servicedesk.crew_cast import CrewQueueTestCase, outage_job, plain_job


def item(order, step, minutes_ago, **fields):  # type: ignore[no-untyped-def]
    made = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return {
        "client_id": str(uuid.uuid4()),
        "order": order.pk,
        "step": step,
        "fields": fields,
        "made_at": made.isoformat(),
    }


def hm(at: dt.datetime) -> str:
    """A time as the phone is told it: its hour, with its day when not today (minutes after the
    station's midnight, a restore 8 minutes before was yesterday's)."""
    local = timezone.localtime(at)
    return f"{local:%H:%M}" if local.date() == timezone.localdate() else f"{local:%m-%d %H:%M}"


class CrewConflictTests(CrewQueueTestCase):
    def test_steps_after_the_office_restored_say_so_in_plain_words(self) -> None:
        outage, order = outage_job(self)
        restored_at = timezone.now() - dt.timedelta(minutes=8)
        # The office, while the crew had no signal.
        outage_restore(
            outage=outage, user=self.clerk, at=restored_at, cause="unknown", how="remote"
        )
        results = self.send(
            item(order, "on_the_way", 20),
            item(order, "on_site", 12),
            item(order, "cause_found", 9, cause="tree"),
            item(order, "restored", 5),
        )
        self.assertEqual([r["status"] for r in results], ["conflict"] * 4)
        first = results[0]
        self.assertEqual(first["meanwhile"], f"所里已于 {hm(restored_at)} 登记复电")
        self.assertEqual(first["reason"], f"所里已于 {hm(restored_at)} 登记复电，这一步不再需要。")
        self.assertNotIn("不能变为", first["reason"])  # not the state machine's words
        self.assertNotIn("knock_on", first)
        # The rest follow from the first: the same plain reason, marked to be folded.
        for later in results[1:]:
            self.assertTrue(later["knock_on"])
            self.assertEqual(later["meanwhile"], first["meanwhile"])
            self.assertNotIn("请先登记到达", later["reason"])

    def test_a_job_given_to_another_crew_meanwhile_says_to_whom(self) -> None:
        order = plain_job(self)
        work_order_dispatch(work_order=order, crew=self.other_crew, user=self.chief)
        [answer] = self.send(item(order, "on_the_way", 1))
        self.assertEqual(answer["status"], "conflict")
        self.assertIn("所里已于", answer["meanwhile"])
        self.assertIn("改派给抢修二班", answer["meanwhile"])
        self.assertTrue(answer["reason"].endswith("这一步不再由你们登记。"), answer["reason"])

    def test_a_job_done_by_a_crewmate_s_phone_names_them(self) -> None:
        order = plain_job(self)
        self.crew.members.add(self.other_member)
        self.login(self.other_member)
        self.send(item(order, "on_the_way", 8), item(order, "on_site", 7))
        [done] = self.send(
            item(order, "restored", 6, cause="表箱进水", device=self.fuse.code, note="换了保险")
        )
        self.assertEqual(done["status"], "ok", done)
        self.login(self.member)
        [answer] = self.send(item(order, "on_the_way", 5))
        self.assertEqual(answer["status"], "conflict")
        self.assertTrue(answer["meanwhile"].startswith("李二已于"), answer["meanwhile"])
        self.assertIn("登记任务已处理", answer["meanwhile"])

    def test_a_refusal_of_the_step_itself_keeps_its_own_reason(self) -> None:
        order = plain_job(self)
        [answer] = self.send(item(order, "restored", 1))  # not arrived yet: the job is open
        self.assertEqual(answer["status"], "conflict")
        self.assertNotIn("meanwhile", answer)
        self.assertIn("请先登记到达", answer["reason"])
