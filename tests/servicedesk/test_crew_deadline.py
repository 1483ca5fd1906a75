"""A job's time to arrive by says when it is already past, apart from one still to come: "已超期
2小时20分" marked overdue, "还剩 25分钟" soon, and later the time alone; right as time passes."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.servicedesk.crew_deadline import arrive_by
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, plain_job

NOON = timezone.make_aware(dt.datetime(2026, 12, 3, 12, 32))


def zh_overdue(h: int, m: int) -> str:
    """ "已超期 2小时20分" (the msgids while the catalogue has no translation yet)."""
    return zh("overdue by %(span)s") % {"span": zh("%(h)d h %(m)d min") % {"h": h, "m": m}}


class ArriveByWordsTests(BaseTestCase):
    def test_overdue_soon_and_later_in_both_languages(self) -> None:
        late = NOON - dt.timedelta(hours=2, minutes=16)  # 10:16
        with translation.override("zh-hans"):
            said = arrive_by(late, now=NOON)
            self.assertEqual((said.state, said.words), ("overdue", zh_overdue(2, 16)))
            soon = arrive_by(NOON + dt.timedelta(minutes=25), now=NOON)
            left = zh("%(span)s left") % {"span": zh("%(m)d min") % {"m": 25}}
            self.assertEqual((soon.state, soon.words), ("soon", left))
        with translation.override("en"):
            self.assertEqual(arrive_by(late, now=NOON).words, "overdue by 2 h 16 min")
            self.assertEqual(
                arrive_by(NOON + dt.timedelta(minutes=25), now=NOON).words, "25 min left"
            )
        later = arrive_by(NOON + dt.timedelta(hours=2), now=NOON)
        self.assertEqual((later.state, later.words), ("later", ""))
        self.assertIsNone(arrive_by(None, now=NOON))

    def test_due_soon_becomes_overdue_as_time_passes(self) -> None:
        due = NOON + dt.timedelta(minutes=10)
        self.assertEqual(arrive_by(due, now=NOON).state, "soon")
        self.assertEqual(arrive_by(due, now=NOON + dt.timedelta(minutes=11)).state, "overdue")


class CrewCardDeadlineTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)

    def arrive_by_part(self) -> str:
        page = self.client.get(reverse("servicedesk:crew_jobs_part")).content.decode()
        found = page[page.index('data-testid="job-arrive-by"') :]
        return found[: found.index("</p>")]

    def test_the_card_marks_a_late_job_apart_from_an_upcoming_one(self) -> None:
        order = plain_job(self)
        now = timezone.now()
        WorkOrder.objects.filter(pk=order.pk).update(
            arrive_due_at=now - dt.timedelta(hours=2, minutes=20, seconds=5)
        )
        late = self.arrive_by_part()
        self.assertIn('data-state="overdue"', late)
        self.assertIn(zh_overdue(2, 20), late)
        WorkOrder.objects.filter(pk=order.pk).update(arrive_due_at=now + dt.timedelta(hours=2))
        later = self.arrive_by_part()
        self.assertIn('data-state="later"', later)
        self.assertNotIn(zh("overdue by %(span)s").split("%")[0], later)
        # The list the phone polls is drawn again as time passes: 2 hours on, it is late.
        with mock.patch(
            "powerdesk.servicedesk.crew_deadline.timezone.now",
            return_value=now + dt.timedelta(hours=2, minutes=1),
        ):
            self.assertIn('data-state="overdue"', self.arrive_by_part())
