"""Photos are decoded before the transaction that stores them opens (probe 36, F3): SQLite's
transactions take the station's write lock as they open, and a big picture took seconds to
decode while every call and order at the station waited (a 68 KB PNG of 70 million pixels: 7 s,
440 MB). Such a picture, far more pixels than its bytes could hold as a camera's photo, is
refused from its header, at the photo field, before anything is decoded."""

from __future__ import annotations

import shutil
import tempfile
from typing import Any
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from PIL import ImageFile

from powerdesk.accounts.models import Role
from powerdesk.lib import photos
from powerdesk.lib.photos import PHOTO_PIXELS_PER_BYTE, PhotoError, photo_prepare, pixels_said
from powerdesk.outreach.models import VisitPhoto
from powerdesk.outreach.services import visit_photo_once, visit_plan_once
from powerdesk.servicedesk.models import WorkOrderPhoto
from powerdesk.servicedesk.order_field import work_order_photo_once
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, Cast, build_cast, make_user, zh
from tests.images import phone_jpeg, picture
from tests.test_photos import stored_files, upload

DENSE = (
    "%(name)s is refused: %(pixels)s in a file of only %(kb)s KB is not a photo as a camera "
    "saves it (one that large takes at least %(need)s KB). Send the photo as the camera or "
    "phone saved it."
)


def bomb() -> bytes:
    """8400 × 8400 pixels (70 million, under ``PHOTO_MAX_PIXELS``) in a few KB."""
    return picture("PNG", (8400, 8400), mode="1")


class PreparedBeforeTheTransactionTests(Cast, TransactionTestCase):
    """Every path a photo comes in by: no transaction is open while it is decoded, and it is
    stored all the same (outside Django's test transaction, so ``in_atomic_block`` is the
    request's own)."""

    def setUp(self) -> None:
        build_cast(self)
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media)
        settings_override = override_settings(MEDIA_ROOT=self.media)
        settings_override.enable()
        self.addCleanup(settings_override.disable)
        self.crew_member = make_user("gl_crew1", self.station_a, Role.CREW)
        self.crew.members.add(self.crew_member)
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="哔叭停电"
        )
        self.order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="左门村安全用电进村入户",
            villages=[self.village],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        self.in_transaction: list[bool] = []
        real = photos.photo_prepare

        def spy(upload: Any) -> Any:
            self.in_transaction.append(connection.in_atomic_block)
            return real(upload)

        for where in (
            "powerdesk.servicedesk.order_photos",
            "powerdesk.servicedesk.order_photos_each",  # a crew's step: each photo on its own
            "powerdesk.lib.photo_once",
        ):
            patcher = mock.patch(f"{where}.photo_prepare", side_effect=spy)
            patcher.start()
            self.addCleanup(patcher.stop)

    def pictures(self, n: int, start: int = 0) -> list[Any]:
        return [upload(f"p{k}.jpg", phone_jpeg(size=(320 + k, 240))) for k in range(start, n)]

    def assert_prepared_outside(self, decoded: int) -> None:
        self.assertEqual(self.in_transaction, [False] * decoded)

    def test_the_crew_s_step_with_photos(self) -> None:
        self.client.force_login(self.crew_member)
        answer = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "on_the_way", "photos": self.pictures(2)},
        )
        self.assertEqual(answer.status_code, 302)
        self.assertEqual(self.order.photos.count(), 2)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")
        self.assert_prepared_outside(2)

    def test_the_order_page_s_photos_and_its_step_with_photos(self) -> None:
        self.client.force_login(self.chief)
        url = reverse("servicedesk:work_order_action", args=[self.order.pk])
        self.client.post(url, {"action": "photos", "photos": self.pictures(2)})
        self.client.post(url, {"action": "status", "to": "on_the_way", "photos": self.pictures(3)})
        self.assertEqual(self.order.photos.count(), 3)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")
        self.assert_prepared_outside(5)

    def test_a_visit_s_photo_and_the_service_s_own(self) -> None:
        self.client.force_login(self.clerk)
        self.client.post(
            reverse("outreach:visit", args=[self.visit.pk]),
            {"action": "photo", "caption": "", "image": self.pictures(1)[0]},
        )
        self.assertEqual(VisitPhoto.objects.count(), 1)
        visit_photo_once(visit=self.visit, user=self.clerk, image=self.pictures(2, 1)[0])
        work_order_photo_once(work_order=self.order, upload=self.pictures(1)[0], user=self.clerk)
        self.assertEqual(VisitPhoto.objects.count(), 2)
        self.assertEqual(WorkOrderPhoto.objects.count(), 1)
        self.assert_prepared_outside(3)


class PixelsPerByteTests(BaseTestCase):
    def setUp(self) -> None:
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media)
        settings_override = override_settings(MEDIA_ROOT=self.media)
        settings_override.enable()
        self.addCleanup(settings_override.disable)

    def dense(self, name: str, data: bytes) -> str:
        pixels = 8400 * 8400
        with translation.override("zh-hans"):
            said = pixels_said(pixels)  # "7056 万像素" (walk64 L1: it was "70 百万像素")
        return zh(DENSE) % {
            "name": name,
            "pixels": said,
            "kb": max(len(data) // 1024, 1),
            "need": pixels // PHOTO_PIXELS_PER_BYTE // 1024,
        }

    def test_a_few_kb_of_70_million_pixels_are_refused_from_the_header(self) -> None:
        data = bomb()
        self.assertLess(len(data), 100_000)
        # Nothing of the picture is decompressed: judged from its header alone.
        with (
            mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError) as load,
            self.assertRaises(PhotoError) as refused,
        ):
            photo_prepare(upload("big70mp.png", data))
        load.assert_not_called()
        self.assertEqual(str(refused.exception), self.dense("big70mp.png", data))

    def test_a_camera_s_photo_and_a_small_plain_picture_are_taken(self) -> None:
        # Under PHOTO_FREE_PIXELS any size of file will do (a screenshot, a plain wall).
        plain = picture("PNG", (4000, 3000), mode="1")
        self.assertLess(len(plain), 10_000)
        photo_prepare(upload("wall.png", plain))
        photo_prepare(upload("IMG_0001.jpg", phone_jpeg((4000, 3000))))

    def test_the_order_page_says_it_at_the_photo_field_and_stores_nothing(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="complaint", summary="态度不好"
        )
        self.login(self.clerk)
        data = bomb()
        answer = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "photos", "photos": [upload("big70mp.png", data)]},
            follow=True,
        )
        page = answer.content.decode()
        start = page.index('data-testid="add-photos-error"')
        self.assertIn(
            escape(self.dense("big70mp.png", data)), page[start : page.index("</p>", start)]
        )
        self.assertFalse(order.photos.exists())
        self.assertEqual(stored_files(self.media), [])
