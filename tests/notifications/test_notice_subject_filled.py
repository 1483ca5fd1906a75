"""The notices kept before ``Notification.subject`` (servicedesk 0055) are given theirs by its
data migration (problems76): the order, problem, call or promise each linked, else what its
event was about, else a cut household's case as its key named it; never another station's."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.notifications.models import Event, Notice
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.notices import notice_link
from tests.base import BaseTestCase

MIGRATION = importlib.import_module("powerdesk.servicedesk.migrations.0055_notification_subject")


class NoticeSubjectFilledTests(BaseTestCase):
    def notice(self, key: str, kind: str = "overdue", **links: object) -> Notification:
        made = Notification.objects.create(
            station=self.station_a, recipient=self.chief, kind=kind, key=key, text=key, **links
        )
        # As kept before 0055: no subject.
        Notification.objects.filter(pk=made.pk).update(subject_type=None, subject_id=None)
        return made

    def test_each_kept_notice_is_given_what_it_is_about_of_its_own_station(self) -> None:
        now = timezone.now()
        order = WorkOrder.objects.create(
            station=self.station_a,
            number="GD-1",
            customer=self.customer,
            category="fault_repair",
            created_at=now,
        )
        other = Customer.objects.create(station=self.station_b, account_number="9", name="外所户")
        elsewhere = WorkOrder.objects.create(
            station=self.station_b,
            number="GD-2",
            customer=other,
            category="fault_repair",
            created_at=now,
        )
        from powerdesk.arrears.models import ArrearsCase

        case = ArrearsCase.objects.create(
            station=self.station_a, customer=self.customer, amount=10, owed_since="2026-01-01"
        )
        far = ArrearsCase.objects.create(
            station=self.station_b, customer=other, amount=10, owed_since="2026-01-01"
        )
        linked = self.notice("o", work_order=order)
        stray = self.notice("s", work_order=elsewhere)
        by_key = self.notice(f"cutneed:{case.pk}:3", kind="cut_need")
        far_key = self.notice(f"cutneed:{far.pk}:4", kind="cut_need")
        Notice.objects.create(
            station=self.station_a,
            event=Event.ESCALATION,
            key="event",
            subject_type=ContentType.objects.get_for_model(ArrearsCase),
            subject_id=case.pk,
        )
        by_event = self.notice("event", kind="cut_need")
        MIGRATION.subjects_fill(apps, None)
        for notice, subject in (
            (linked, order),
            (stray, None),
            (by_key, case),
            (far_key, None),
            (by_event, case),
        ):
            notice.refresh_from_db()
            with self.subTest(key=notice.key):
                self.assertEqual(notice.subject, subject)
        self.assertEqual(notice_link(by_key.kind, by_key), case.get_absolute_url())
        self.assertEqual(notice_link(far_key.kind, far_key), "/arrears/")
