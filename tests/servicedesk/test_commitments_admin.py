"""The service commitments and their history on the admin site (walk #26 item 1): the station's
administrator reads them there, for their own station only, and changes nothing: only the chief
changes them, on their page, where each value is checked and each change kept."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.commitments import COMMITMENTS, commitments_update
from powerdesk.servicedesk.deadlines import policy_for
from powerdesk.servicedesk.models import CommitmentChange, CommitmentPolicy
from tests.base import BaseTestCase, make_user


class CommitmentsOnTheAdminSiteTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        policy_for(self.station_a.pk)
        policy_for(self.station_b.pk)
        values = {c.name: c.default for c in COMMITMENTS} | {"arrive_rural_minutes": 60}
        commitments_update(station=self.station_a, user=self.chief, values=values, token="t")
        self.policy = CommitmentPolicy.objects.get(station=self.station_a)
        self.change = CommitmentChange.objects.get(station=self.station_a)

    def test_the_administrator_reads_the_commitments_and_their_history(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("admin:servicedesk_commitmentpolicy_changelist"))
        self.assertContains(page, "光禄供电所")
        self.assertNotContains(page, "栋川供电所")
        self.assertContains(page, reverse("servicedesk:commitments"))
        history = self.client.get(reverse("admin:servicedesk_commitmentchange_changelist"))
        self.assertContains(history, "90 → 60")
        shown = self.client.get(
            reverse("admin:servicedesk_commitmentchange_change", args=[self.change.pk])
        )
        self.assertContains(shown, "90 → 60")

    def test_nothing_is_added_changed_or_deleted_on_the_admin_site(self) -> None:
        self.login(self.admin)
        for model in ("commitmentpolicy", "commitmentchange"):
            with self.subTest(model=model):
                added = self.client.get(reverse(f"admin:servicedesk_{model}_add"))
                self.assertEqual(added.status_code, 403)
        obj = {"commitmentpolicy": self.policy.pk, "commitmentchange": self.change.pk}
        for model, pk in obj.items():
            with self.subTest(model=model):
                self.client.post(
                    reverse(f"admin:servicedesk_{model}_change", args=[pk]),
                    {"arrive_rural_minutes": "5", "station": self.station_a.pk},
                )
                self.client.post(
                    reverse(f"admin:servicedesk_{model}_delete", args=[pk]), {"post": "yes"}
                )
        self.policy.refresh_from_db()
        self.assertEqual(self.policy.arrive_rural_minutes, 60)
        self.assertEqual(CommitmentChange.objects.filter(station=self.station_a).count(), 1)
        # Another station's commitments are not there at all.
        other = CommitmentPolicy.objects.get(station=self.station_b)
        page = self.client.get(
            reverse("admin:servicedesk_commitmentpolicy_change", args=[other.pk])
        )
        self.assertEqual(page.status_code, 404)
