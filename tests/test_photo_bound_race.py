"""The photos a record keeps are bounded (``PHOTOS_PER_RECORD``) even when two uploads come at
the same moment: each counts the record's photos and stores its own with the record's row held,
so the second counts the first's photo and is refused — not 51 kept (PostgreSQL's concurrent
writers; SQLite takes one writer at a time already)."""

from __future__ import annotations

import shutil
import tempfile
import time
from typing import Any
from unittest import mock, skipUnless

from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.utils import timezone

from powerdesk.lib import photos
from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.outreach.models import VisitPhoto
from powerdesk.outreach.services import visit_photo_once, visit_plan_once
from powerdesk.servicedesk.models import WorkOrderPhoto
from powerdesk.servicedesk.order_field import work_order_photo_once
from powerdesk.servicedesk.services import work_order_create
from tests.base import Cast, build_cast
from tests.images import phone_jpeg
from tests.racing import at_once
from tests.test_photos import stored_files, upload

real_prepare = photos.photo_prepare


def slow_prepare(upload: Any) -> Any:
    """Decoding a phone's photo takes a while: long enough for another upload to come."""
    time.sleep(0.5)
    return real_prepare(upload)


@skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
class PhotoBoundRaceTests(Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media)
        settings_override = override_settings(MEDIA_ROOT=self.media)
        settings_override.enable()
        self.addCleanup(settings_override.disable)

    def pictures(self, n: int) -> list[bytes]:
        return [phone_jpeg(size=(640 + i, 480)) for i in range(n)]

    def test_two_photos_at_once_for_an_order_with_one_place_left_keep_one(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="哔叭停电"
        )
        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=order, image=f"x/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD - 1)
        )
        data = self.pictures(2)
        with mock.patch("powerdesk.lib.photo_once.photo_prepare", slow_prepare):
            answers = at_once(
                lambda i: work_order_photo_once(
                    work_order=order, upload=upload(f"{i}.jpg", data[i]), user=self.clerk
                ),
                2,
            )
        self.assertEqual(order.photos.count(), PHOTOS_PER_RECORD, answers)
        refused = [a for a in answers if isinstance(a, Exception)]
        self.assertEqual(len(refused), 1, answers)
        self.assertIn(str(PHOTOS_PER_RECORD), str(refused[0]))
        self.assertEqual(len(stored_files(self.media)), 1)  # no file of the refused one

    def test_two_photos_at_once_for_a_visit_with_one_place_left_keep_one(self) -> None:
        visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="左门村安全用电进村入户",
            villages=[self.village],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        VisitPhoto.objects.bulk_create(
            VisitPhoto(visit=visit, image=f"y/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD - 1)
        )
        data = self.pictures(2)
        with mock.patch("powerdesk.lib.photo_once.photo_prepare", slow_prepare):
            answers = at_once(
                lambda i: visit_photo_once(
                    visit=visit, user=self.clerk, image=upload(f"{i}.jpg", data[i])
                ),
                2,
            )
        self.assertEqual(visit.photos.count(), PHOTOS_PER_RECORD, answers)
        self.assertEqual(len([a for a in answers if isinstance(a, Exception)]), 1, answers)
        self.assertEqual(len(stored_files(self.media)), 1)
