"""A fault outage has begun, and the households are never promised a time already past
(walkthrough 23, findings 1 and 8): a fault outage typed to start tomorrow was saved at once as
"announced", texting nobody and shown to the liaisons, a way round the planned outage's 7-day
notice; an expected restore of 11:00 typed at 12:43 was accepted up to the "text 96
households" ask. Both are refused by the service (every way of recording) and by the form, at
the field, with what was typed kept."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.notifications.models import Delivery
from powerdesk.outages.forms import OutageDeclareForm
from powerdesk.outages.models import Outage
from powerdesk.outages.services import (
    OutageError,
    fault_start_problem,
    outage_declare,
)
from powerdesk.outages.time_bounds import LONGEST_ESTIMATE
from tests.base import BaseTestCase
from tests.board_confirm import DECLARE


def range_end(now: dt.datetime) -> str:
    """The last day of the range a fault's expected restore is refused with (the times in it
    are to the minute: a test's "now" may be a minute off the server's)."""
    return f"{timezone.localtime(now + LONGEST_ESTIMATE):%Y-%m-%d}"


def typed(at: dt.datetime) -> str:
    """A time as the page's datetime-local field sends it."""
    return f"{timezone.localtime(at):%Y-%m-%dT%H:%M}"


class FaultStartTests(BaseTestCase):
    def declare(self, **extra: object) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            **extra,  # type: ignore[arg-type]
        )

    def test_a_fault_outage_starting_tomorrow_is_refused_by_the_service(self) -> None:
        tomorrow = timezone.now() + dt.timedelta(days=1)
        with self.assertRaisesMessage(OutageError, fault_start_problem(tomorrow, timezone.now())):
            self.declare(starts_at=tomorrow)
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Delivery.objects.exists())

    def test_a_few_minutes_ahead_is_a_clock_and_the_outage_is_on_now(self) -> None:
        outage = self.declare(starts_at=timezone.now() + dt.timedelta(minutes=3))
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
        self.assertLessEqual(outage.starts_at, timezone.now())

    def test_a_planned_outage_still_starts_later(self) -> None:
        later = timezone.now() + dt.timedelta(days=8)
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.PLANNED,
            starts_at=later,
            expected_restore_at=later + dt.timedelta(hours=4),
            cause="更换跌落式熔断器",
        )
        self.assertEqual(outage.status, Outage.Status.ANNOUNCED)

    def test_the_page_says_it_at_the_start_keeps_what_was_typed_and_records_nothing(self) -> None:
        self.login(self.chief)
        tomorrow = timezone.now() + dt.timedelta(days=1)
        tomorrow = tomorrow.replace(hour=8, minute=0, second=0, microsecond=0)
        response = self.client.post(
            reverse("outages:list"),
            {
                "action": "declare",
                "device": self.fuse.code,
                "kind": "unplanned",
                "starts_at": typed(tomorrow),
                "cause": "检修",
            },
        )
        form = response.context["form"]
        with translation.override("zh-hans"):
            said = fault_start_problem(tomorrow, timezone.now())
        self.assertEqual(form.errors["starts_at"], [said])
        self.assertContains(response, said, status_code=response.status_code)
        self.assertContains(
            response, f'value="{typed(tomorrow)}"', status_code=response.status_code
        )
        self.assertFalse(Outage.objects.exists())

    def test_a_start_a_few_minutes_ahead_asks_before_texting_like_one_now(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:list"),
            {
                "action": "declare",
                "device": self.fuse.code,
                "kind": "unplanned",
                "starts_at": typed(timezone.now() + dt.timedelta(minutes=2)),
            },
            follow=True,
        )
        self.assertContains(response, f'data-testid="{DECLARE}"')
        self.assertFalse(Outage.objects.exists())


class FaultRestoreTests(BaseTestCase):
    def test_an_expected_restore_already_past_is_refused_by_the_service(self) -> None:
        now = timezone.now()
        back = now - dt.timedelta(hours=1, minutes=43)
        for start in (now - dt.timedelta(hours=3), None):
            with (
                self.subTest(start=start),
                self.assertRaisesMessage(OutageError, range_end(now)),
            ):
                outage_declare(
                    station=self.station_a,
                    user=self.chief,
                    device=self.fuse,
                    kind=Outage.Kind.UNPLANNED,
                    starts_at=start,
                    expected_restore_at=back,
                )
        self.assertFalse(Outage.objects.exists())

    def test_the_form_says_it_at_the_field_with_what_was_typed_kept(self) -> None:
        now = timezone.now()
        back = (now - dt.timedelta(hours=1, minutes=43)).replace(second=0, microsecond=0)
        data = {
            "action": "declare",
            "device": self.fuse.code,
            "kind": "unplanned",
            "starts_at": typed(now - dt.timedelta(hours=3)),
            "expected_restore_at": typed(back),
        }
        with translation.override("zh-hans"):
            form = OutageDeclareForm(data)
            self.assertFalse(form.is_valid())
        self.assertEqual(list(form.errors), ["expected_restore_at"])
        (said,) = form.errors["expected_restore_at"]
        self.assertIn(range_end(now), said)
        self.assertTrue(said.startswith("预计复电"), said)
        self.login(self.chief)
        response = self.client.post(reverse("outages:list"), data)
        (shown,) = response.context["form"].errors["expected_restore_at"]
        self.assertIn(range_end(now), shown)
        self.assertContains(response, f'value="{typed(back)}"', status_code=response.status_code)
        self.assertNotContains(
            response, f'data-testid="{DECLARE}"', status_code=response.status_code
        )
        self.assertFalse(Outage.objects.exists())

    def test_a_time_to_come_is_kept(self) -> None:
        now = timezone.now()
        form = OutageDeclareForm(
            {
                "device": self.fuse.code,
                "kind": "unplanned",
                "starts_at": typed(now - dt.timedelta(hours=3)),
                "expected_restore_at": typed(now + dt.timedelta(hours=2)),
            }
        )
        self.assertTrue(form.is_valid(), form.errors)

    def test_a_time_inside_the_range_said_is_taken_and_one_outside_refused_with_it(self) -> None:
        """Walk26: "须在 2026-11-03 22:21 至 2027-12-04 22:21 之间" was said of 2020, then a
        time inside that range was refused as past. The range said is the one allowed: from
        now (after the start) to 7 days ahead, and the page's input has it as min and max."""
        now = timezone.now()
        start = typed(now - dt.timedelta(hours=3))
        base = {"device": self.fuse.code, "kind": "unplanned", "starts_at": start}
        for back in (
            now + dt.timedelta(minutes=30),
            now + LONGEST_ESTIMATE - dt.timedelta(hours=1),
        ):
            with self.subTest(back=back):
                form = OutageDeclareForm({**base, "expected_restore_at": typed(back)})
                self.assertTrue(form.is_valid(), form.errors)
        for back in (
            now - dt.timedelta(hours=1),
            now + LONGEST_ESTIMATE + dt.timedelta(hours=1),
            now - dt.timedelta(days=400),
        ):
            with self.subTest(back=back):
                form = OutageDeclareForm({**base, "expected_restore_at": typed(back)})
                self.assertFalse(form.is_valid())
                (said,) = form.errors["expected_restore_at"]
                self.assertIn(typed(now).split("T")[0], said)
                self.assertIn(range_end(now), said)
        # Planned work ends within the coming year.
        planned = {
            "device": self.fuse.code,
            "kind": "planned",
            "starts_at": typed(now + dt.timedelta(days=30)),
            "expected_restore_at": typed(now + dt.timedelta(days=30, hours=4)),
        }
        self.assertTrue(OutageDeclareForm(planned).is_valid())
        self.login(self.chief)
        page = self.client.get(reverse("outages:list")).content.decode()
        field = page[page.index('name="expected_restore_at"') :]
        field = field[: field.index(">")]
        self.assertIn(f'min="{typed(now)[:10]}', field)
        self.assertIn(f'max="{range_end(now)}T', field)
        self.assertIn('data-bounds-by="kind"', field)
