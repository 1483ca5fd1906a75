"""The audit trail names an exported list by its human name and a person whose work ended by
their name, not the list's internal name nor the login (walkthrough 34, finding 8: "导出了
work_orders（7行）", "结束了gl_duty…")."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import override

from powerdesk.accounts.models import ExportLog, MembershipEnded
from powerdesk.lib.exports import exports
from powerdesk.ops.audit import audit_entries
from tests.base import BaseTestCase


class AuditWordsTests(BaseTestCase):
    def test_lists_and_people_by_their_names(self) -> None:
        ExportLog.objects.create(
            station=self.station_a,
            at=timezone.now(),
            by=self.chief,
            list_name="work_orders",
            format="csv",
            rows=7,
        )
        MembershipEnded.objects.create(
            station=self.station_a,
            person=self.clerk,
            username=self.clerk.username,
            roles="counter",
            at=timezone.now(),
            by=self.chief,
            reason="调走",
        )
        with override("en"):
            said = " | ".join(e.what for e in audit_entries(station=self.station_a))
            title = str(exports()["work_orders"].title)
        self.assertIn(f"exported {title} (7 rows, CSV)", said)
        self.assertNotIn("work_orders", said)
        self.assertIn(f"ended the work of {self.clerk} at the station", said)
        self.assertNotIn(f"of {self.clerk.username} ", said)


class StaffEndPageWordsTests(BaseTestCase):
    def test_someone_holding_only_a_promise_is_not_told_of_work_handed_back(self) -> None:
        import datetime as dt

        from django.urls import reverse

        from powerdesk.accounts.models import Role
        from powerdesk.servicedesk.promises import promise_make
        from tests.base import make_user

        promise_make(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            text="明天回电",
            due_at=timezone.now() + dt.timedelta(hours=5),
        )
        admin = make_user("admin", self.station_a, Role.ADMIN, full_name="赵管理")
        self.login(admin)
        page = self.client.get(reverse("accounts:staff_end", args=[self.clerk.pk]))
        self.assertContains(page, 'data-testid="held-promises"')
        self.assertNotContains(page, 'data-testid="handed-back-said"')
