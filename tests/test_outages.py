"""Known and planned outages: recorded, told to callers, restored."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.selectors import outages_affecting
from powerdesk.outages.services import (
    OutageError,
    outage_declare,
    outage_restore,
)
from tests.base import BaseTestCase
from tests.board_confirm import record_by_hand


class OutageTests(BaseTestCase):
    def test_an_outage_above_a_caller_is_shown_at_intake_with_what_to_tell_them(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            cause="雷击",
            notice="哔叭支线故障，抢修人员已出发",
        )
        self.assertEqual(outage.customers, 1)
        self.assertEqual(outages_affecting(self.customer), [outage])
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": "0878-1234567"})
        self.assertContains(response, "哔叭支线故障，抢修人员已出发")
        outage_restore(outage=outage, user=self.chief, how="remote")
        self.assertEqual(outages_affecting(self.customer), [])

    def test_a_planned_outage_needs_seven_days_notice(self) -> None:
        soon = timezone.now() + dt.timedelta(days=2)
        with self.assertRaisesMessage(OutageError, "至少提前7天"):
            outage_declare(
                station=self.station_a,
                user=self.chief,
                device=self.fuse,
                kind=Outage.Kind.PLANNED,
                starts_at=soon,
            )
        later = timezone.now() + dt.timedelta(days=8)
        planned = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.breaker,
            kind=Outage.Kind.PLANNED,
            cause="更换绝缘子",
            starts_at=later,
            expected_restore_at=later + dt.timedelta(hours=6),
        )
        self.assertEqual(planned.status, Outage.Status.ANNOUNCED)
        self.assertEqual(outages_affecting(self.customer), [planned])

    def test_a_planned_outage_announced_weeks_ahead_is_told_to_a_caller_asking(self) -> None:
        # The households were texted its date: a caller asking three weeks before is answered.
        later = timezone.now() + dt.timedelta(days=21)
        planned = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.breaker,
            kind=Outage.Kind.PLANNED,
            cause="更换绝缘子",
            notice="12月25日 8:30-16:30 更换绝缘子停电",
            starts_at=later,
            expected_restore_at=later + dt.timedelta(hours=6),
        )
        self.assertEqual(outages_affecting(self.customer), [planned])
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:caller"), {"caller_number": "0878-1234567"})
        self.assertContains(response, "12月25日 8:30-16:30 更换绝缘子停电")

    def test_the_home_page_and_the_list_show_current_outages_to_their_station_only(self) -> None:
        outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("web:home")), "哔叭支线02号杆跌落式熔断器")
        self.login(self.outsider)
        self.assertNotContains(self.client.get(reverse("web:home")), "哔叭支线")
        self.assertNotContains(self.client.get(reverse("outages:list")), "哔叭支线")

    def test_a_device_of_another_station_is_refused(self) -> None:
        with self.assertRaisesMessage(OutageError, "其他供电所"):
            outage_declare(
                station=self.station_b,
                user=self.outsider,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
            )

    def test_recording_from_the_page_by_device_code(self) -> None:
        self.login(self.chief)
        record_by_hand(self.client, {"device": "ZM-B01-F", "kind": "unplanned", "cause": "雷击"})
        outage = Outage.objects.get()
        self.assertEqual(outage.device, self.fuse)
        # No crew was ever sent: refused until it says how power came back.
        self.client.post(reverse("outages:list"), {"action": "restore", "outage": outage.pk})
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
        self.client.post(
            reverse("outages:list"), {"action": "restore", "outage": outage.pk, "how": "remote"}
        )
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)
        self.assertEqual(
            list(outage.events.values_list("what", flat=True)),
            ["active", "restored", "power_back_how"],
        )
