"""A person who also works at another station, on the station's own staff page (walkthrough 31,
finding 14): listed and marked, their login (password, active) shown read-only with who may
change it, and their work at this station ended by its administrator, recorded; the service
refuses anyone else, whoever calls it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Membership, MembershipEnded, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.accounts.staff import (
    StaffError,
    login_changers,
    may_change_login,
    membership_end,
    staff_rows,
)
from powerdesk.ops.audit import audit_entries
from tests.base import PASSWORD, BaseTestCase, make_user, zh


class SharedStaffTests(BaseTestCase):
    def setUp(self) -> None:
        self.shared = make_user(
            "county_dispatch", self.station_a, Role.DISPATCHER, full_name="段调度"
        )
        Membership.objects.create(user=self.shared, station=self.station_b, role=Role.DISPATCHER)
        self.crew.members.add(self.shared)
        self.admin = make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True)
        self.url = reverse("accounts:staff_end", args=[self.shared.pk])

    def end(self, reason: str = "调回栋川"):  # type: ignore[no-untyped-def]
        return self.client.post(self.url, {"reason": reason}, follow=True)

    def test_the_staff_page_lists_them_marked_with_who_changes_their_login(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("accounts:staff"))
        self.assertContains(page, "段调度")
        [row] = [r for r in page.context["people"] if r.user == self.shared]
        self.assertEqual(row.elsewhere, ["栋川供电所"])
        self.assertFalse(row.login_yours)
        self.assertTrue(row.may_end)
        self.assertContains(page, 'data-testid="also-elsewhere"', count=1)
        self.assertContains(page, 'data-testid="login-shared"', count=1)
        with translation.override("zh-hans"):
            self.assertContains(page, login_changers(["栋川供电所"]))
        self.assertContains(page, f'href="{self.url}"')  # the page that says what they hold
        # The clerk is only of this station: theirs is the administrator's to change.
        [clerk] = [r for r in page.context["people"] if r.user == self.clerk]
        self.assertTrue(clerk.login_yours and not clerk.shared)
        # Nobody ends their own work here.
        [me] = [r for r in page.context["people"] if r.user == self.admin]
        self.assertFalse(me.may_end)

    def test_who_may_change_a_shared_login(self) -> None:
        self.assertFalse(may_change_login(self.admin, self.shared))
        self.assertTrue(may_change_login(self.admin, self.clerk))
        Membership.objects.create(user=self.admin, station=self.station_b, role=Role.ADMIN)
        self.admin = type(self.admin).objects.get(pk=self.admin.pk)  # station ids read again
        self.assertTrue(may_change_login(self.admin, self.shared))
        county = make_user("county", self.station_a, is_superuser=True, is_staff=True)
        self.assertTrue(may_change_login(county, self.shared))
        # And the admin site agrees: the station's administrator cannot open them there.
        self.login(make_user("gl_admin2", self.station_a, Role.ADMIN, is_staff=True))
        change = reverse("admin:accounts_user_change", args=[self.shared.pk])
        self.assertEqual(self.client.get(change).status_code, 404)

    def test_others_only_read_the_page(self) -> None:
        for user in (self.clerk, self.chief):
            self.login(user)
            page = self.client.get(reverse("accounts:staff"))
            self.assertContains(page, 'data-testid="also-elsewhere"')
            self.assertNotContains(page, 'data-testid="staff-end"')

    def test_the_administrator_ends_their_work_here_and_it_is_recorded(self) -> None:
        self.login(self.admin)
        answer = self.end()
        self.assertEqual(answer.status_code, 200)
        self.assertFalse(Membership.objects.filter(user=self.shared, station=self.station_a))
        # Their login and their work at the other station stay.
        self.shared.refresh_from_db()
        self.assertTrue(self.shared.is_active)
        self.assertTrue(self.shared.check_password(PASSWORD))
        self.assertTrue(Membership.objects.filter(user=self.shared, station=self.station_b))
        self.assertFalse(self.crew.members.filter(pk=self.shared.pk).exists())
        ended = MembershipEnded.objects.get()
        self.assertEqual(
            (ended.station, ended.person, ended.by, ended.reason, ended.username),
            (self.station_a, self.shared, self.admin, "调回栋川", "county_dispatch"),
        )
        self.assertIn(zh("dispatcher"), ended.roles)
        self.assertNotContains(answer, 'data-testid="also-elsewhere"')
        trail = [e for e in audit_entries(station=self.station_a) if e.kind == "membership_ended"]
        self.assertEqual(len(trail), 1)
        # By their name, not their login (walkthrough 34, finding 8).
        self.assertIn("段调度", trail[0].what)
        self.assertFalse(
            [e for e in audit_entries(station=self.station_b) if e.kind == "membership_ended"]
        )

    def test_no_reason_is_said_at_the_row_and_nothing_ends(self) -> None:
        self.login(self.admin)
        answer = self.end("  ")
        self.assertContains(answer, 'data-testid="staff-end-error"')
        self.assertContains(answer, zh("Say why their work at the station ends."))
        answer = self.end("很长" * 150)
        self.assertContains(answer, 'data-testid="staff-end-error"')
        self.assertContains(answer, "很长" * 150)  # kept to be shortened
        self.assertTrue(Membership.objects.filter(user=self.shared, station=self.station_a))
        self.assertFalse(MembershipEnded.objects.exists())

    def test_the_service_refuses_whoever_must_not(self) -> None:
        county = make_user("county", self.station_a, Role.ADMIN, is_superuser=True)
        for who, person in (
            (self.chief, self.shared),  # the chief: no staff.end
            (self.shared, self.clerk),  # a dispatcher of both stations
            (self.outsider, self.shared),  # B's administrator, at A
            (self.admin, self.admin),  # one's own
            (self.admin, county),  # the county administrator's
        ):
            with (
                self.subTest(who=who.username, person=person.username),
                self.assertRaises(NotAllowed),
            ):
                membership_end(station=self.station_a, person=person, user=who, reason="试一下")
        with self.assertRaises(StaffError):
            membership_end(
                station=self.station_b, person=self.clerk, user=self.outsider, reason="x"
            )
        self.assertEqual(Membership.objects.filter(station=self.station_a).count(), 5)
        self.assertFalse(MembershipEnded.objects.exists())

    def test_pages_refuse_whoever_must_not(self) -> None:
        for user in (self.chief, self.clerk, self.shared):
            self.login(user)
            self.assertEqual(self.client.post(self.url, {"reason": "x"}).status_code, 403)
        # B's administrator at B: A's own clerk is not theirs (404, as if not there) ...
        self.login(self.outsider)
        clerk_url = reverse("accounts:staff_end", args=[self.clerk.pk])
        self.assertEqual(self.client.post(clerk_url, {"reason": "x"}).status_code, 404)
        self.assertTrue(Membership.objects.filter(user=self.clerk, station=self.station_a))
        # ... and the shared dispatcher's work is ended at B alone.
        self.assertEqual(self.client.post(self.url, {"reason": "x"}).status_code, 302)
        self.assertTrue(Membership.objects.filter(user=self.shared, station=self.station_a))
        self.assertFalse(Membership.objects.filter(user=self.shared, station=self.station_b))

    def test_staff_rows_cost_a_few_queries(self) -> None:
        for n in range(5):
            other = make_user(f"both{n}", self.station_a, Role.CREW)
            Membership.objects.create(user=other, station=self.station_b, role=Role.CREW)
        with self.assertNumQueries(4):
            rows = staff_rows(self.station_a, self.admin)
        self.assertEqual(sum(1 for r in rows if r.shared), 6)
