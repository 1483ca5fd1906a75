"""What a review of the twenty-third walkthrough's mends found: a rate written half up from its
decimal form (23/80 is 28.8 %, as the workbook shows it, not 28.7 %); a callback recorded twice
at once is recorded once; another villager's report in the same words is another report."""

from __future__ import annotations

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.liaison import liaison_report
from powerdesk.community.models import VillageGroup
from powerdesk.lib.shares import percent_of, percent_text
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.models import Call, Callback
from powerdesk.servicedesk.workflow import WorkOrderError
from tests.base import BaseTestCase, make_user
from tests.servicedesk.callback_cast import resolved_complaint


class RatesTests(BaseTestCase):
    def test_a_rate_is_rounded_half_up_from_its_decimal_form(self) -> None:
        self.assertEqual(percent_of(23, 80), "28.8%")
        self.assertEqual(percent_of(41, 80), "51.3%")
        self.assertEqual(percent_of(9, 11), "81.8%")
        self.assertEqual(percent_text(1.0), "100.0%")
        self.assertEqual(percent_of(0, 0), "—")


class CallbackOnceTests(BaseTestCase):
    def test_a_callback_recorded_twice_from_one_page_is_recorded_once(self) -> None:
        order = resolved_complaint(self)
        # Both presses hold the order as the page read it: resolved.
        callback_record(
            work_order=order, user=self.clerk, outcome="reached", satisfaction=1, comment="不满意"
        )
        with self.assertRaises(WorkOrderError):
            callback_record(
                work_order=order,
                user=self.clerk,
                outcome="reached",
                satisfaction=1,
                comment="不满意",
            )
        self.assertEqual(Callback.objects.filter(work_order=order).count(), 1)


class TwoVillagersTests(BaseTestCase):
    def test_another_villager_s_report_in_the_same_words_is_another_report(self) -> None:
        liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        group = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="上村"
        )
        for name in ("王珍英", "杨忠翠"):
            liaison_report(
                user=liaison,
                village=self.village,
                group=group,
                text="家里没电了",
                villager_name=name,
            )
        liaison_report(
            user=liaison,
            village=self.village,
            group=group,
            text="家里没电了",
            villager_name="杨忠翠",
        )
        self.assertEqual(
            sorted(Call.objects.filter(taken_by=liaison).values_list("caller_name", flat=True)),
            ["杨忠翠", "王珍英"],
        )
