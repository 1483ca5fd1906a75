"""The data step of ``arrears 0005_reread_household_words`` (arrears72): cases checked before the
words were read (arrears 0004 added ``check_read``) kept their old stored result, so a household
whose words name a medical machine showed "nothing against disconnection" on the list and the
chief's home until someone tried to approve it. Its open cases are read again: blocked, the words
read stored; a care flag's result is never made less serious; paid and disconnected cases stay
as they were. Run by Django's migration executor: the arrears app back to 0004, cases stored in
that schema, then forward to 0005 (and back to the latest)."""

from __future__ import annotations

import datetime as dt

from django.test import TransactionTestCase
from django.urls import reverse

from powerdesk.accounts.models import CountyCompany, Role, Station
from powerdesk.arrears.models import ArrearsCase
from powerdesk.customers.models import Customer
from tests.base import make_user
from tests.outages.migration_cast import executor

BEFORE = [("arrears", "0004_check_read")]
AFTER = [("arrears", "0005_reread_household_words")]


class RereadWordsMigrationTests(TransactionTestCase):
    def setUp(self) -> None:
        self.station = Station.objects.create(
            company=CountyCompany.objects.create(name="姚安"), code="m", name="迁移所"
        )
        latest = executor().loader.graph.leaf_nodes("arrears")
        self.addCleanup(lambda: executor().migrate(latest))
        executor().migrate(BEFORE)
        self.old = executor().loader.project_state(BEFORE).apps.get_model("arrears", "ArrearsCase")

    def stored(self, name: str, situation: str, **fields: object) -> int:
        customer = Customer.objects.create(
            station=self.station, account_number=f"53{abs(hash(name)) % 10**9}", name=name
        )
        row = self.old.objects.create(
            station_id=self.station.pk,
            customer_id=customer.pk,
            amount="120.00",
            owed_since=dt.date(2026, 1, 1),
            stage=fields.pop("stage", "checked"),
            check_result=fields.pop("check_result", "clear"),
            situation=situation,
            liaison_outcome=fields.pop("liaison_outcome", "村小组长已转告"),
            **fields,
        )
        return int(row.pk)

    def test_open_cases_are_read_again_and_shown_blocked(self) -> None:
        dialysis = self.stored("甲", "尿毒症，每周去县医院透析")
        oxygen = self.stored("乙", "户主在家", liaison_outcome="家里有人用制氧机")
        elderly = self.stored("丙", "家中老人独居")
        flagged = self.stored("丁", "户主在家务农", check_result="block")
        calm = self.stored("戊", "户主在家务农，家中无老人独居、无用电医疗设备")
        approved = self.stored("己", "家里有台呼吸机", stage="approved")
        paid = self.stored("庚", "家里有台呼吸机", stage="paid")
        cut = self.stored(
            "辛",
            "家里有台呼吸机",
            stage="disconnected",
            disconnected_at=dt.datetime(2026, 2, 1, 3, 0, tzinfo=dt.UTC),
        )
        unseen = self.stored("壬", "", check_result="", stage="notice_given")

        executor().migrate(AFTER)
        new = executor().loader.project_state(AFTER).apps.get_model("arrears", "ArrearsCase")
        rows = {r.pk: (r.check_result, r.check_read) for r in new.objects.all()}
        self.assertEqual(rows[dialysis], ("block", "透析"))
        self.assertEqual(rows[oxygen], ("block", "制氧机"))
        self.assertEqual(rows[elderly], ("escalate", "老人、独居"))
        self.assertEqual(rows[flagged], ("block", ""))
        self.assertEqual(rows[calm], ("clear", ""))
        self.assertEqual(rows[approved], ("block", "呼吸机"))
        self.assertEqual(rows[paid], ("clear", ""))
        self.assertEqual(rows[cut], ("clear", ""))
        self.assertEqual(rows[unseen], ("", ""))

        # Forward to the latest: the list and the chief's home say them blocked.
        executor().migrate(executor().loader.graph.leaf_nodes())
        chief = make_user("chief", self.station, Role.CHIEF)
        self.client.force_login(chief)
        self.client.cookies["django_language"] = "zh-hans"
        listed = self.client.get(reverse("arrears:cases")).content.decode()
        # The four, and the household cut whose words name a ventilator: the list reads the
        # words now, not only the stored check (review72, L2).
        self.assertEqual(listed.count('data-testid="case-blocked"'), 5)
        home = self.client.get(reverse("web:home")).content.decode()
        start = home.index('data-slot="arrears"')
        for name in ("甲", "乙", "丁", "己"):
            self.assertIn(name, home[start : start + 3000])
        self.assertNotIn("丙", home[start : start + 3000])
        self.assertEqual(ArrearsCase.objects.filter(check_result="block").count(), 4)
