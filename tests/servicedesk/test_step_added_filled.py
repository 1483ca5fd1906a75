"""Steps of a plan made before servicedesk 0051 kept no time they were added, and a past
month's report counted them in every month, before their problem was opened (problems76): the
data migration 0056 gives each the time of its earliest record in the administration's history,
else its problem's opening; backwards it takes those times off again."""

from __future__ import annotations

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from powerdesk.reports.monthly_problems import problems_open_at
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from tests.base import BaseTestCase

MIGRATION = importlib.import_module("powerdesk.servicedesk.migrations.0056_step_added_filled")
TZ = ZoneInfo("Asia/Shanghai")
OPENED = dt.datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
IN_ADMIN = dt.datetime(2026, 6, 2, 15, 0, tzinfo=TZ)


class StepAddedFilledTests(BaseTestCase):
    def setUp(self) -> None:
        self.problem = HardProblem.objects.create(
            station=self.station_a, title="石板组电压低", owner=self.chief, opened_at=OPENED
        )

        def step(title: str, **extra: object) -> HardProblemStep:
            return HardProblemStep.objects.create(problem=self.problem, title=title, **extra)

        self.planned = step("新增配变一台")  # made with the plan, before 0051
        self.later = step("改造低压线路")  # added in the administration's site
        kind = ContentType.objects.get_for_model(HardProblemStep)
        for at, flag in ((IN_ADMIN + dt.timedelta(days=3), CHANGE), (IN_ADMIN, ADDITION)):
            LogEntry.objects.create(
                user=self.chief,
                content_type=kind,
                object_id=str(self.later.pk),
                object_repr=self.later.title,
                action_flag=flag,
                action_time=at,
            )
        # Only changed in the administration's site (its making not recorded there): a change
        # is no time it was added (review77, M4).
        self.changed = step("清理通道")
        LogEntry.objects.create(
            user=self.chief,
            content_type=kind,
            object_id=str(self.changed.pk),
            object_repr=self.changed.title,
            action_flag=CHANGE,
            action_time=IN_ADMIN + dt.timedelta(days=5),
        )
        self.kept = step("迁杆", added_at=IN_ADMIN + dt.timedelta(days=9))  # since 0051
        self.revisit = step("回访", is_revisit=True, done_on=dt.date(2026, 4, 10))

    def added(self) -> dict[str, dt.datetime | None]:
        return dict(self.problem.steps.values_list("title", "added_at"))

    def test_each_step_is_given_its_earliest_record_or_its_problem_s_opening(self) -> None:
        MIGRATION.steps_added_fill(apps, None)
        added = self.added()
        self.assertEqual(added["新增配变一台"], OPENED)
        self.assertEqual(added["改造低压线路"], IN_ADMIN)
        self.assertEqual(added["清理通道"], OPENED)
        self.assertEqual(added["迁杆"], IN_ADMIN + dt.timedelta(days=9))  # kept as it was
        self.assertIsNone(added["回访"])  # a revisit is not counted by when it was added

    def test_a_month_before_a_step_was_added_no_longer_counts_it(self) -> None:
        may_end = timezone.make_aware(dt.datetime(2026, 6, 1), TZ)
        (before,) = problems_open_at(self.station_a, may_end)
        self.assertEqual(before.steps_total, 3)  # the three with no time (not the one of June)
        MIGRATION.steps_added_fill(apps, None)
        (after,) = problems_open_at(self.station_a, may_end)
        self.assertEqual(after.steps_total, 2)  # the plan's first step and the one only changed

    def test_backwards_the_times_it_gave_are_taken_off_again(self) -> None:
        MIGRATION.steps_added_fill(apps, None)
        MIGRATION.steps_added_clear(apps, None)
        added = self.added()
        self.assertIsNone(added["新增配变一台"])
        self.assertIsNone(added["改造低压线路"])
        self.assertEqual(added["迁杆"], IN_ADMIN + dt.timedelta(days=9))
