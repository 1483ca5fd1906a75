"""The crew's card of an outage says what the board says: the villages out (not only the first
caller's), how many households called (those of the calls it lists), and when power
should be back with its day when that is not today."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from powerdesk.community.models import Village
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.lib.days import day_and_time
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.restoration import Restoration
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.crew_called import calls_counted
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, outage_job


def zh_n(singular: str, plural: str, n: int) -> str:
    with translation.override("zh-hans"):
        return ngettext(singular, plural, n) % {"n": n}


class CrewCardFiguresTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def card(self) -> str:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        return page[page.index('data-testid="job-title"') :]

    def part(self, page: str, testid: str) -> str:
        found = page[page.index(f'data-testid="{testid}"') :]
        return found[found.index(">") + 1 : found.index("</")]

    def add_villages(self, names: list[str]) -> None:
        """A transformer with one household in each of ``names``, off the feeder's breaker."""
        for i, name in enumerate(names, start=1):
            village = Village.objects.create(station=self.station_a, name=name)
            transformer = GridNode.objects.create(
                station=self.station_a,
                feeder=self.feeder,
                code=f"ZM-T{i}",
                kind=NodeKind.TRANSFORMER,
                parent=self.breaker,
                name=f"{name}1号台区",
                village=village,
            )
            Customer.objects.create(
                station=self.station_a,
                account_number=f"5325000010{i}",
                name=f"用户{i}",
                village=village,
                transformer=transformer,
            )

    def breaker_job(self) -> None:
        started = timezone.now() - dt.timedelta(minutes=30)
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.breaker,
            kind="unplanned",
            starts_at=started,
        )
        Call.objects.create(
            station=self.station_a,
            received_at=started + dt.timedelta(minutes=5),
            customer=self.customer,
            caller_number="13812345678",
            category="fault_repair",
            text="整个村都没电了",
        )
        outage_join_open_orders(outage=outage)
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)

    def test_a_breaker_s_job_names_the_villages_out_not_only_the_first_caller_s(self) -> None:
        self.add_villages(["地索", "三角"])
        self.breaker_job()
        villages = self.part(self.card(), "job-villages-out")
        for name in ("左门", "地索", "三角"):
            self.assertIn(name, villages)
        self.assertNotIn("等", villages)

    def test_many_villages_are_the_first_few_and_how_many_in_all(self) -> None:
        names = ["地索", "三角", "黄泥塘", "大村", "小村"]
        self.add_villages(names)
        self.breaker_job()
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(len(job.villages_out), 6)
        villages = self.part(self.card(), "job-villages-out")
        said = zh("%(villages)s, %(n)d villages in all") % {
            "villages": "、".join(job.villages_out[:4]),
            "n": 6,
        }
        self.assertTrue(villages.startswith(said), villages)
        self.assertNotIn(job.villages_out[5], villages)

    def test_the_card_counts_the_households_whose_calls_are_joined_to_the_outage(self) -> None:
        outage, order = outage_job(self)
        # Two callers under the outage called before it was recorded (its first sign is later:
        # the board does not count them as its callers), their calls joined to the outage.
        neighbours = [
            Customer.objects.create(
                station=self.station_a,
                account_number=f"5325000000{i}",
                name=name,
                village=self.village,
                group=self.group,
                transformer=self.transformer,
            )
            for i, name in ((2, "杨忠翠"), (3, "王珍英"))
        ]
        for minutes, neighbour in zip((40, 35), neighbours, strict=True):
            Call.objects.create(
                station=self.station_a,
                received_at=outage.starts_at - dt.timedelta(minutes=minutes),
                customer=neighbour,
                category="fault_repair",
                text="家里停电了",
                work_order=order,
            )
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.households_out, job.households_called, job.calls_total), (3, 3, 3))
        called = self.part(self.card(), "job-called")
        self.assertEqual(called, zh_n("%(n)d household called", "%(n)d households called", 3))
        self.assertNotIn("0", called)

    def test_a_household_on_file_that_calls_again_unrecognised_is_one_household(self) -> None:
        """Review of round 24, finding 5: one call linked to the customer and another of the
        same number not linked (the clerk did not pick the household) counted two households."""
        outage, order = outage_job(self)
        Call.objects.filter(work_order=order).update(caller_e164="+8613812345678")
        CustomerPhone.objects.create(customer=self.customer, number="+8613987654321")

        def called(number: str, e164: str) -> None:
            Call.objects.create(
                station=self.station_a,
                received_at=outage.starts_at + dt.timedelta(minutes=10),
                caller_number=number,
                caller_e164=e164,
                text="还没来电吗",
                work_order=order,
            )

        called("138 1234 5678", "+8613812345678")  # the same number, written otherwise
        called("13987654321", "+8613987654321")  # the household's other phone
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.households_called, job.calls_total), (1, 3))
        called("13700001111", "+8613700001111")  # a neighbour not on file
        called("137-0000-1111", "+8613700001111")  # who calls again
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.households_called, job.calls_total), (2, 5))
        calls = Call.objects.filter(work_order=order)
        with self.assertNumQueries(1):  # however many calls: one aggregate, not every row
            self.assertEqual(calls_counted(calls), (2, 5))

    def test_power_back_tomorrow_says_its_day_today_only_its_time(self) -> None:
        outage_job(self)
        now = timezone.localtime()
        tomorrow = (now + dt.timedelta(days=1)).replace(hour=2, minute=25)
        with mock.patch(
            "powerdesk.notifications.restoration.restoration_of",
            return_value=Restoration(tomorrow, about=True),
        ):
            back = self.part(self.card(), "job-expected-back")
        self.assertEqual(back, f"约 {tomorrow:%m-%d} 02:25")
        with mock.patch(
            "powerdesk.notifications.restoration.restoration_of",
            return_value=Restoration(now, about=True),
        ):
            back = self.part(self.card(), "job-expected-back")
        self.assertEqual(back, f"约 {now:%H:%M}")

    def test_day_and_time(self) -> None:
        now = timezone.make_aware(dt.datetime(2026, 6, 20, 23, 10))
        self.assertEqual(day_and_time(now + dt.timedelta(minutes=30), now=now), "23:40")
        self.assertEqual(day_and_time(now + dt.timedelta(hours=3), now=now), "06-21 02:10")
        self.assertEqual(day_and_time(now - dt.timedelta(days=1), now=now), "06-19 23:10")
