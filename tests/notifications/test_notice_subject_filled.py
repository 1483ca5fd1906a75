"""The notices kept before ``Notification.subject`` (servicedesk 0055) are given theirs by its
data migration (problems76): the order, problem, call or promise each linked, else what its
event was about, else a cut household's case as its key named it; never another station's."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.notifications.models import Event, Notice
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.notices import notice_link
from powerdesk.servicedesk.notices_subject import subject_filled
from tests.base import BaseTestCase
from tests.outages.migration_cast import executor

MIGRATION = importlib.import_module("powerdesk.servicedesk.migrations.0055_notification_subject")
AT = [("servicedesk", "0055_notification_subject")]


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


class NoticeSubjectFillAsAtRuntimeTests(BaseTestCase):
    """The backfill (run with the models as they were at 0055, as migrate runs it) gives each
    kept notice what ``subject_filled`` gives a new one, in a few queries per batch."""

    def kept(self, count: int) -> list[tuple[Notification, tuple[int | None, int | None]]]:
        """``count`` notices of station A as kept before 0055, in turn linked to an order of
        A, linked to one of B (its event about a case of A), or with no link (its event about
        that case, about B's case, or no event): each with its event's subject."""
        now = timezone.now()
        from powerdesk.arrears.models import ArrearsCase

        other = Customer.objects.create(station=self.station_b, account_number="9", name="外所户")
        mine = WorkOrder.objects.create(
            station=self.station_a, number="GD-1", customer=self.customer, created_at=now
        )
        theirs = WorkOrder.objects.create(
            station=self.station_b, number="GD-2", customer=other, created_at=now
        )
        case = ArrearsCase.objects.create(
            station=self.station_a, customer=self.customer, amount=10, owed_since="2026-01-01"
        )
        far = ArrearsCase.objects.create(
            station=self.station_b, customer=other, amount=10, owed_since="2026-01-01"
        )
        case_type = ContentType.objects.get_for_model(ArrearsCase).pk
        shapes: list[tuple[dict[str, object], tuple[int | None, int | None]]] = [
            ({"work_order": mine}, (None, None)),
            ({"work_order": theirs}, (case_type, case.pk)),
            ({}, (case_type, case.pk)),
            ({}, (case_type, far.pk)),
            ({}, (None, None)),
        ]
        made = []
        for i in range(count):
            links, event = shapes[i % len(shapes)]
            if event[0] is not None:
                Notice.objects.create(
                    station=self.station_a,
                    event=Event.ESCALATION,
                    key=f"k{i}",
                    subject_type_id=event[0],
                    subject_id=event[1],
                )
            made.append(
                (
                    Notification(
                        station=self.station_a,
                        recipient=self.chief,
                        kind="overdue",
                        key=f"k{i}",
                        text="kept",
                        **links,
                    ),
                    event,
                )
            )
        # As kept before 0055 (bulk_create: no subject from save()).
        Notification.objects.bulk_create([notice for notice, _event in made])
        return made

    def fill(self) -> int:
        then = executor().loader.project_state(AT).apps
        with CaptureQueriesContext(connection) as queries:
            MIGRATION.subjects_fill(then, None)
        return len(queries)

    def test_each_kept_notice_gets_what_subject_filled_gives(self) -> None:
        made = self.kept(10)
        self.fill()
        for notice, event in made:
            links = {"work_order": notice.work_order_id} if notice.work_order_id else {}
            kind, pk = subject_filled(links, event, self.station_a.pk)
            notice.refresh_from_db()
            with self.subTest(key=notice.key):
                self.assertEqual(
                    (notice.subject_type_id, notice.subject_id), (kind and kind.pk, pk)
                )
        filled = Notification.objects.filter(subject_type__isnull=False)
        self.assertEqual(filled.count(), 4)  # 2 of each 5: the own order, the own case

    def test_the_queries_do_not_grow_with_the_notices(self) -> None:
        self.kept(10)
        few = self.fill()
        Notification.objects.all().delete()
        Notice.objects.all().delete()
        WorkOrder.objects.all().delete()
        from powerdesk.arrears.models import ArrearsCase

        ArrearsCase.objects.all().delete()
        Customer.objects.filter(account_number="9").delete()
        self.kept(200)
        self.assertEqual(self.fill(), few)
