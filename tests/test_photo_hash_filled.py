"""Photos kept before their hash was (walk #26 item 7): the data migrations fill it from the
stored file, so that the same picture sent again is known as the photo kept, for an order's
photos and an outreach visit's alike; a file gone from the disk is passed over."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.apps import apps

from powerdesk.lib.photos import photo_prepare
from powerdesk.outreach.models import VisitPhoto
from powerdesk.outreach.services import visit_photo_once
from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from powerdesk.servicedesk.order_field import work_order_photo_once
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload


def _fill(module: str) -> Callable[[Any, Any], None]:
    fill: Callable[[Any, Any], None] = importlib.import_module(module).fill
    return fill


FILL_ORDERS = _fill("powerdesk.servicedesk.migrations.0032_photo_hash_filled")
FILL_VISITS = _fill("powerdesk.outreach.migrations.0005_visit_photo_hash_filled")


class PhotoHashFilledTests(PhotoCase):
    def old_order_photo(self, data: bytes) -> WorkOrderPhoto:
        """A photo as it was kept before the hash: re-encoded, with none."""
        return WorkOrderPhoto.objects.create(
            work_order=self.order, image=photo_prepare(upload("old.jpg", data)), content_hash=""
        )

    def test_an_old_order_photo_sent_again_is_the_one_kept(self) -> None:
        data = phone_jpeg()
        old = self.old_order_photo(data)
        FILL_ORDERS(apps, None)
        old.refresh_from_db()
        self.assertEqual(len(old.content_hash), 64)
        photo, new = work_order_photo_once(
            work_order=self.order, upload=upload("again.jpg", data), user=self.crew_member
        )
        self.assertEqual((photo, new), (old, False))
        self.assertEqual(len(stored_files(self.media)), 1)
        self.assertFalse(WorkOrderEvent.objects.filter(work_order=self.order, note_code="photo"))
        # Another picture is another photo.
        _other, new = work_order_photo_once(
            work_order=self.order,
            upload=upload("b.jpg", phone_jpeg(size=(480, 640))),
            user=self.crew_member,
        )
        self.assertTrue(new)

    def test_a_missing_file_and_repeats_kept_before_are_passed_over(self) -> None:
        data = phone_jpeg()
        first = self.old_order_photo(data)
        second = self.old_order_photo(data)  # a repeat kept before the hash: both stay
        gone = self.old_order_photo(phone_jpeg(size=(320, 240)))
        gone.image.storage.delete(gone.image.name)
        FILL_ORDERS(apps, None)  # no error for the file gone
        for photo in (first, second, gone):
            photo.refresh_from_db()
        self.assertEqual(len(first.content_hash), 64)
        self.assertEqual((second.content_hash, gone.content_hash), ("", ""))
        FILL_ORDERS(apps, None)  # run again (a retried migration): nothing changes
        self.assertEqual(WorkOrderPhoto.objects.exclude(content_hash="").count(), 1)

    def test_an_old_visit_photo_sent_again_is_the_one_kept(self) -> None:
        data = phone_jpeg()
        old = VisitPhoto.objects.create(
            visit=self.visit, image=photo_prepare(upload("old.jpg", data)), content_hash=""
        )
        FILL_VISITS(apps, None)
        photo, new = visit_photo_once(
            visit=self.visit, user=self.clerk, image=upload("again.jpg", data)
        )
        self.assertEqual((photo, new), (old, False))
        self.assertEqual(len(stored_files(self.media)), 1)
