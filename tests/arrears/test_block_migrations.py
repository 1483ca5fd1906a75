"""The arrears data migrations of the stored block and the lift (review73, L4 and L5), run by
Django's migration executor on rows stored in the schema before them:

- ``0008_stored_block_filled``: each case's ``words_at`` (the later of the liaison's contact and
  the household check's first line; a line the system wrote is not the check) and its stored
  block, as ``blocks.block_of`` reads it.
- ``0009_lift_lines_restaged``: the chief's lift lines written before the lift had a stage of its
  own get it; the way back gives each the stage it had."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TransactionTestCase

from powerdesk.accounts.models import CountyCompany, Role, Station
from powerdesk.arrears.models import ArrearsEvent
from powerdesk.customers.models import Customer
from tests.base import make_user
from tests.outages import migration_cast
from tests.outages.migration_cast import executor

BEFORE_FILL = [("arrears", "0007_stored_block")]
FILLED = [("arrears", "0008_stored_block_filled")]
RESTAGED = [("arrears", "0009_lift_lines_restaged")]
T = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)


def model_at(migration: list[tuple[str, str]], name: str) -> Any:
    return migration_cast.model_at(migration, name, app="arrears")


class BlockMigrationsTests(TransactionTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # Going back before arrears 0009 also takes back the migrations of other apps that
        # depend on it (servicedesk 0055, the notices' subject, and 0056): a test's clean-up
        # brings the arrears app forward, and these come back once the class is done, before any
        # other test (they were left out until another test migrated every app).
        cls.addClassCleanup(lambda: executor().migrate(executor().loader.graph.leaf_nodes()))

    def setUp(self) -> None:
        self.station = Station.objects.create(
            company=CountyCompany.objects.create(name="姚安"), code="m", name="迁移所"
        )
        self.chief = make_user("chief", self.station, Role.CHIEF)
        latest = executor().loader.graph.leaf_nodes("arrears")
        self.addCleanup(lambda: executor().migrate(latest))

    def stored(self, at: list[tuple[str, str]], name: str, **fields: Any) -> Any:
        customer = Customer.objects.create(
            station=self.station,
            account_number=f"53{abs(hash(name)) % 10**9}",
            name=name,
            medical_need=fields.pop("medical_need", False),
        )
        return model_at(at, "ArrearsCase").objects.create(
            station_id=self.station.pk,
            customer_id=customer.pk,
            amount="120.00",
            owed_since=dt.date(2026, 1, 1),
            stage=fields.pop("stage", "checked"),
            check_result=fields.pop("check_result", "block"),
            situation=fields.pop("situation", "尿毒症，每周去县医院透析"),
            liaison_outcome=fields.pop("liaison_outcome", "村小组长已转告"),
            liaison_contacted_at=fields.pop("liaison_contacted_at", T),
            **fields,
        )

    def line(
        self, at: list[tuple[str, str]], case: Any, when: dt.datetime, stage: str, **kw: Any
    ) -> int:
        row = model_at(at, "ArrearsEvent").objects.create(
            case_id=case.pk, at=when, by_id=self.chief.pk, stage=stage, **kw
        )
        return int(row.pk)

    def test_0008_fills_when_the_words_were_recorded_and_what_blocks(self) -> None:
        executor().migrate(BEFORE_FILL)
        hour = dt.timedelta(hours=1)
        checked = self.stored(BEFORE_FILL, "甲")
        self.line(BEFORE_FILL, checked, T + 2 * hour, "checked", note="block:尿毒症")
        self.line(BEFORE_FILL, checked, T + 5 * hour, "checked", note="又看了一次")
        # Checked before the liaison's word was recorded (a step recorded late): the later.
        late_liaison = self.stored(BEFORE_FILL, "乙", liaison_contacted_at=T + 3 * hour)
        self.line(BEFORE_FILL, late_liaison, T + hour, "checked", note="block:尿毒症")
        # A line the system wrote at the check's stage (the chief's lift) is not the check.
        coded = self.stored(
            BEFORE_FILL,
            "丙",
            lifted_at=T + 4 * hour,
            lift_words=["透析"],
            check_result="escalate",
        )
        self.line(BEFORE_FILL, coded, T + 4 * hour, "checked", note_code="arrears_block_lifted")
        flagged = self.stored(BEFORE_FILL, "丁", medical_need=True, situation="户主在家务农")
        by_check = self.stored(BEFORE_FILL, "戊", situation="户主在家务农")
        unseen = self.stored(
            BEFORE_FILL, "己", stage="notice_given", check_result="", situation="",
            liaison_contacted_at=None,
        )  # fmt: skip

        executor().migrate(FILLED)
        rows = {
            r.pk: (r.words_at, r.blocked_by) for r in model_at(FILLED, "ArrearsCase").objects.all()
        }
        self.assertEqual(rows[checked.pk], (T + 2 * hour, "words"))
        self.assertEqual(rows[late_liaison.pk], (T + 3 * hour, "words"))
        self.assertEqual(rows[coded.pk], (T, ""))  # the lifted words: nothing blocks
        self.assertEqual(rows[flagged.pk], (T, "care_flag"))
        self.assertEqual(rows[by_check.pk], (T, "check"))
        self.assertEqual(rows[unseen.pk], (None, ""))

    def test_0009_gives_old_lift_lines_their_stage_and_back(self) -> None:
        executor().migrate(FILLED)
        case = self.stored(FILLED, "甲", lifted_at=T, lift_words=["透析"])
        said = {"by": "杨所长", "at": "2026-11-02 10:00", "found": "老人已住院"}
        lifted = {"note_code": "arrears_block_lifted", "note_args": said}
        check = self.line(FILLED, case, T, "checked", note="block:尿毒症")
        old = self.line(FILLED, case, T, "checked", **lifted)
        at_approval = self.line(FILLED, case, T, "approved", **lifted)
        new = self.line(FILLED, case, T, "lifted", **lifted)
        said_later = self.line(
            FILLED, case, T, "checked", note_code="arrears_household_said", note_args={"words": "x"}
        )

        executor().migrate(RESTAGED)
        stages = dict(ArrearsEvent.objects.values_list("pk", "stage"))
        self.assertEqual(
            [stages[p] for p in (check, old, at_approval, new, said_later)],
            ["checked", "lifted", "lifted", "lifted", "checked"],
        )
        # The line says what it said (the kept stage is not part of its message).
        shown = ArrearsEvent.objects.get(pk=old)
        self.assertIn("杨所长", shown.note_shown)
        self.assertIn("老人已住院", shown.note_shown)
        self.assertEqual(shown.stage_label, ArrearsEvent.objects.get(pk=new).stage_label)

        executor().migrate(FILLED)
        back = {
            r.pk: (r.stage, r.note_args)
            for r in model_at(FILLED, "ArrearsEvent").objects.filter(case_id=case.pk)
        }
        self.assertEqual(back[old], ("checked", said))
        self.assertEqual(back[at_approval], ("approved", said))
        self.assertEqual(back[new], ("lifted", said))
        self.assertEqual(back[check][0], "checked")


class EveryAppMigratedAfterTests(TransactionTestCase):
    """Run after the tests above (this file's order): the database they leave has every app's
    migrations applied, as the tests after them expect (the notices' subject columns)."""

    def test_nothing_is_left_to_migrate(self) -> None:
        found = executor()
        self.assertEqual(found.migration_plan(found.loader.graph.leaf_nodes()), [])
