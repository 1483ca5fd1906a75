"""The station's service commitments: the office sees them, only the chief changes them, within
bounds, for what is opened from then on, and every change is kept (walk25 #6)."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.servicedesk.commitments import (
    BY_NAME,
    COMMITMENTS,
    CommitmentsError,
    commitments_update,
)
from powerdesk.servicedesk.models import CommitmentChange, CommitmentPolicy
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user

URL = reverse("servicedesk:commitments")


def defaults(**changed: int | str) -> dict[str, int | str]:
    """Every field at its default, with ``changed`` put in."""
    return {c.name: c.default for c in COMMITMENTS} | changed


class CommitmentServiceTests(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="周调度")

    def test_the_chief_s_change_applies_to_orders_opened_from_then_on(self) -> None:
        before = work_order_create(
            station=self.station_a, user=None, category="fault_repair", summary="停电"
        )
        self.assertEqual(before.arrive_due_at - before.created_at, dt.timedelta(minutes=90))
        policy, change = commitments_update(
            station=self.station_a,
            user=self.chief,
            values=defaults(arrive_rural_minutes="60", callback_hours=48),
            token="t1",
        )
        self.assertEqual(policy.arrive_rural_minutes, 60)
        self.assertEqual(policy.callback_hours, 48)
        assert change is not None
        self.assertEqual(change.by, self.chief)
        self.assertEqual(
            change.changes, [["arrive_rural_minutes", 90, 60], ["callback_hours", 24, 48]]
        )
        after = work_order_create(
            station=self.station_a, user=None, category="fault_repair", summary="又停电"
        )
        self.assertEqual(after.arrive_due_at - after.created_at, dt.timedelta(minutes=60))
        # The order opened before keeps the deadline it was given.
        before.refresh_from_db()
        self.assertEqual(before.arrive_due_at - before.created_at, dt.timedelta(minutes=90))
        # The history row is never changed afterwards.
        with self.assertRaises(ValueError):
            change.save()

    def test_only_the_station_s_chief_changes_them(self) -> None:
        for user in (self.dispatcher, self.clerk, self.outsider):  # B's chief and admin
            with self.subTest(user=user.username), self.assertRaises(NotAllowed):
                commitments_update(
                    station=self.station_a,
                    user=user,
                    values=defaults(arrive_rural_minutes=60),
                    token=f"t-{user.pk}",
                )
        self.assertFalse(CommitmentChange.objects.exists())
        self.assertFalse(
            CommitmentPolicy.objects.filter(
                station=self.station_a, arrive_rural_minutes=60
            ).exists()
        )
        # B's chief changes B's own; A's stay as they were.
        commitments_update(
            station=self.station_b,
            user=self.outsider,
            values=defaults(arrive_rural_minutes=60),
            token="b1",
        )
        self.assertEqual(
            CommitmentPolicy.objects.get(station=self.station_b).arrive_rural_minutes, 60
        )
        self.assertFalse(CommitmentChange.objects.for_station(self.station_a).exists())
        self.assertFalse(
            CommitmentPolicy.objects.filter(
                station=self.station_a, arrive_rural_minutes=60
            ).exists()
        )

    def test_every_field_has_bounds_and_the_refusal_names_its_field(self) -> None:
        bad: dict[str, int | str] = {
            "arrive_rural_minutes": 0,
            "restore_rural_hours": 1000,
            "planned_notice_days": "七",
            "callback_hours": "",
            "new_connection_days": "-1",
        }
        with self.assertRaises(CommitmentsError) as refused:
            commitments_update(
                station=self.station_a, user=self.chief, values=defaults(**bad), token="t2"
            )
        self.assertEqual(set(refused.exception.errors), set(bad))
        with translation.override("zh-hans"):
            for name, text in refused.exception.errors.items():
                self.assertIn(str(BY_NAME[name].label), text, name)
        for c in COMMITMENTS:
            for value in (c.least - 1, c.most + 1):
                with (
                    self.subTest(field=c.name, value=value),
                    self.assertRaises(CommitmentsError) as one,
                ):
                    commitments_update(
                        station=self.station_a,
                        user=self.chief,
                        values=defaults(**{c.name: value}),
                        token="t3",
                    )
                self.assertEqual(set(one.exception.errors), {c.name})
            self.assertGreater(c.least, 0, c.name)  # no 0 where 0 makes no sense
            self.assertTrue(c.least <= c.default <= c.most, c.name)
        self.assertFalse(CommitmentChange.objects.exists())

    def test_a_hazard_is_not_slower_than_a_fault_nor_a_road_faster_than_no_road(self) -> None:
        cases = {
            "arrive_rural_minutes": defaults(hazard_arrive_minutes=100),  # 100 > 90
            "arrive_remote_minutes": defaults(arrive_remote_minutes=60),  # 60 < 90
            "restore_remote_hours": defaults(restore_remote_hours=2),  # 2 < 4
        }
        for field, values in cases.items():
            with self.subTest(field=field), self.assertRaises(CommitmentsError) as refused:
                commitments_update(
                    station=self.station_a, user=self.chief, values=values, token="x"
                )
            self.assertEqual(set(refused.exception.errors), {field})

    def test_a_form_sent_twice_stores_one_change(self) -> None:
        values = defaults(hazard_arrive_minutes=30)
        for _ in range(2):
            commitments_update(station=self.station_a, user=self.chief, values=values, token="same")
        self.assertEqual(CommitmentChange.objects.count(), 1)
        # The same values from a new form change nothing, and say so by recording nothing.
        _policy, change = commitments_update(
            station=self.station_a, user=self.chief, values=values, token="other"
        )
        self.assertIsNone(change)
        self.assertEqual(CommitmentChange.objects.count(), 1)


class CommitmentPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="周调度")

    def token(self) -> str:
        page = self.client.get(URL).content.decode()
        found = re.search(r'name="form_token" value="([^"]+)"', page)
        assert found is not None
        return found.group(1)

    def test_the_office_reads_them_with_units_defaults_and_from_when_they_apply(self) -> None:
        self.login(self.dispatcher)
        page = self.client.get(URL)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'data-testid="commitments-read-only"')
        with translation.override("zh-hans"):
            self.assertContains(page, pgettext("commitment unit", "minutes"))
            self.assertContains(page, pgettext("commitment unit", "working days"))
        self.assertContains(page, 'name="arrive_rural_minutes" value="90" min="15" max="480"')
        self.assertContains(page, 'data-testid="commitments-from-now"')
        self.assertNotContains(page, 'data-testid="commitments-save"')
        # Reading stores nothing, not even the defaults.
        self.assertFalse(CommitmentPolicy.objects.filter(station=self.station_a).exists())

    def test_a_dispatcher_s_post_is_refused_and_changes_nothing(self) -> None:
        self.login(self.dispatcher)
        response = self.client.post(URL, {**defaults(arrive_rural_minutes=60), "form_token": "d1"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(CommitmentChange.objects.exists())

    def test_another_station_s_chief_changes_only_their_own(self) -> None:
        self.login(self.outsider)  # B's chief, working at B
        response = self.client.post(URL, {**defaults(arrive_rural_minutes=60), "form_token": "b"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            CommitmentPolicy.objects.get(station=self.station_b).arrive_rural_minutes, 60
        )
        self.assertFalse(CommitmentPolicy.objects.filter(station=self.station_a).exists())
        self.login(self.chief)
        page = self.client.get(URL)
        self.assertContains(page, 'name="arrive_rural_minutes" value="90"')
        self.assertNotContains(page, "外人")

    def test_a_refusal_keeps_every_value_and_names_the_field(self) -> None:
        self.login(self.chief)
        token = self.token()
        typed = defaults(arrive_rural_minutes="0", restore_rural_hours="6", callback_hours="abc")
        response = self.client.post(URL, {**typed, "form_token": token})
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('name="arrive_rural_minutes" value="0"', page)
        self.assertIn('name="restore_rural_hours" value="6"', page)
        self.assertIn('name="callback_hours" value="abc"', page)
        self.assertIn('data-testid="error-arrive_rural_minutes"', page)
        self.assertIn('data-testid="error-callback_hours"', page)
        self.assertNotIn('data-testid="error-restore_rural_hours"', page)
        with translation.override("zh-hans"):
            self.assertIn(str(BY_NAME["arrive_rural_minutes"].label), page)
        self.assertFalse(CommitmentChange.objects.exists())
        # Corrected and sent with the same form: saved once, and listed with who and what.
        fixed = {**typed, "arrive_rural_minutes": "60", "callback_hours": "24"}
        for _ in range(2):
            self.assertEqual(self.client.post(URL, {**fixed, "form_token": token}).status_code, 302)
        self.assertEqual(CommitmentChange.objects.count(), 1)
        page = self.client.get(URL).content.decode()
        self.assertIn('name="arrive_rural_minutes" value="60"', page)
        history = page.split('data-testid="commitments-history"')[1]
        self.assertIn("杨所长", history)
        self.assertIn("90 → 60", history)
        self.assertIn("4 → 6", history)

    def test_the_crew_and_the_liaison_do_not_open_it(self) -> None:
        for role in (Role.CREW, Role.LIAISON):
            self.login(make_user(f"u_{role}", self.station_a, role))
            self.assertEqual(self.client.get(URL).status_code, 403, role)
