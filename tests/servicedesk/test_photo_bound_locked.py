"""An order's photos stay within ``PHOTOS_PER_RECORD`` (review 33, finding 2): the count that
decides is taken with the order's row locked (``select_for_update``), so two uploads are counted
one after the other. Called twice where the second would pass the bound, the first is kept and
the second refused with why, no file of it left; on PostgreSQL the order's row is locked before
the count that decides (the threads' race: ``tests/test_photo_bound_race.py``)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.servicedesk.models import WorkOrderPhoto
from powerdesk.servicedesk.order_field import work_order_photo_once
from powerdesk.servicedesk.services import WorkOrderError
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload


class PhotoBoundLockedTests(PhotoCase):
    def test_the_second_photo_past_the_bound_is_refused_and_the_first_kept(self) -> None:
        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.order, image=f"x/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD - 1)
        )
        with CaptureQueriesContext(connection) as queries:
            photo, stored = work_order_photo_once(
                work_order=self.order,
                upload=upload("a.jpg", phone_jpeg(size=(640, 480))),
                user=self.clerk,
            )
        self.assertTrue(stored)
        with self.assertRaisesMessage(WorkOrderError, str(PHOTOS_PER_RECORD)):
            work_order_photo_once(
                work_order=self.order,
                upload=upload("b.jpg", phone_jpeg(size=(641, 480))),
                user=self.clerk,
            )
        self.assertEqual(self.order.photos.count(), PHOTOS_PER_RECORD)
        self.assertEqual(stored_files(self.media), [self.media_path(photo)])
        if connection.vendor == "postgresql":
            sql = [q["sql"] for q in queries.captured_queries]
            locked = [
                n for n, s in enumerate(sql) if "FOR UPDATE" in s and '"servicedesk_workorder"' in s
            ]
            counted = [n for n, s in enumerate(sql) if "COUNT(" in s and "workorderphoto" in s]
            self.assertTrue(locked, sql)
            # The count that decides comes after the lock, with the row still held.
            self.assertTrue([n for n in counted if n > locked[0]], sql)

    def media_path(self, photo: WorkOrderPhoto):  # type: ignore[no-untyped-def]
        from pathlib import Path

        return Path(self.media) / photo.image.name
