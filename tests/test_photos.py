"""Photos from crews and outreach visits: only real pictures are kept, and only staff see them.

Issue 11 A and 12: an ``.html`` sent as ``image/png`` was stored under its own name and served
from ``/media/`` as ``text/html`` to anyone, so a chief who opened the "photo" ran its script.
"""

from __future__ import annotations

import importlib
import io
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve, reverse
from django.utils import timezone
from PIL import Image

from powerdesk.accounts.models import Membership, Role
from powerdesk.lib.photos import (
    PHOTO_MAX_SIDE,
    PhotoError,
    photo_prepare,
    photo_reencode_stored,
)
from powerdesk.outreach.models import VisitPhoto
from powerdesk.outreach.services import OutreachError, photo_add, visit_plan_once
from powerdesk.servicedesk.models import WorkOrderPhoto
from powerdesk.servicedesk.order_field import work_order_add_photo
from powerdesk.servicedesk.services import WorkOrderError, work_order_create, work_order_dispatch
from tests.base import BaseTestCase, make_user
from tests.images import phone_jpeg, picture

HTML = b"<!doctype html><html><script>fetch('/admin/')</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/admin/\')"/>'
PNG_HEADER_THEN_HTML = b"\x89PNG\r\n\x1a\n" + HTML


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(root: str) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


class PhotoPrepareTests(BaseTestCase):
    """The content decides, never the name or the Content-Type the browser sends."""

    def test_html_svg_and_a_png_header_followed_by_html_are_refused_naming_the_file(
        self,
    ) -> None:
        for name, data in [
            ("evil.html", HTML),
            ("evil.svg", SVG),
            ("evil.png", PNG_HEADER_THEN_HTML),
        ]:
            with self.subTest(name), self.assertRaisesMessage(PhotoError, name):
                photo_prepare(upload(name, data))

    def test_a_truncated_photo_a_gif_and_a_decompression_bomb_are_refused(self) -> None:
        from PIL import ImageFile

        # As WeasyPrint leaves Pillow once the monthly report's PDF was made in the process.
        ImageFile.LOAD_TRUNCATED_IMAGES = True
        whole = phone_jpeg()
        bomb = picture("PNG", (10_000, 10_000), mode="1")  # 12 KB, 100 million pixels
        self.assertLess(len(bomb), 100_000)
        for name, data in [
            ("half.jpg", whole[: len(whole) // 2]),
            ("anim.gif", picture("GIF")),
            ("bomb.png", bomb),
        ]:
            with self.subTest(name), self.assertRaisesMessage(PhotoError, name):
                photo_prepare(upload(name, data, "image/jpeg"))

    def test_a_phone_photo_is_re_encoded_upright_without_exif_under_a_random_name(self) -> None:
        # Orientation 6: the camera held upright, the pixels stored lying on their side.
        prepared = photo_prepare(upload("IMG_0001.jpg", phone_jpeg((3200, 2400), 6)))
        data = prepared.read()
        self.assertRegex(prepared.name or "", r"^[0-9a-f]{32}\.jpg$")
        self.assertNotIn(b"PhoneMaker", data)
        self.assertNotIn(b"Exif", data)
        with Image.open(io.BytesIO(data)) as image:
            self.assertEqual(image.format, "JPEG")
            self.assertEqual(image.size, (PHOTO_MAX_SIDE * 3 // 4, PHOTO_MAX_SIDE))
            self.assertEqual(dict(image.getexif()), {})
            # The blue corner was top-left as stored; turned upright it is top-right.
            red, _green, blue = image.convert("RGB").getpixel((image.width - 5, 5))  # type: ignore[misc]
            self.assertGreater(blue, red)

    def test_png_webp_and_heic_are_taken_and_stored_as_jpeg(self) -> None:
        for fmt in ("PNG", "WEBP", "HEIF"):
            with self.subTest(fmt):
                prepared = photo_prepare(upload(f"x.{fmt.lower()}", picture(fmt)))
                with Image.open(prepared) as image:
                    self.assertEqual((image.format, image.size), ("JPEG", (64, 48)))

    def test_a_whole_png_followed_by_html_keeps_only_its_pixels(self) -> None:
        prepared = photo_prepare(upload("x.png", picture("PNG") + HTML))
        self.assertNotIn(b"<script", prepared.read())


class PhotoCase(BaseTestCase):
    """A crew member, a liaison, an order dispatched to the crew and a visit, at station A."""

    def setUp(self) -> None:
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media)
        settings_override = override_settings(MEDIA_ROOT=self.media)
        settings_override.enable()
        self.addCleanup(settings_override.disable)
        self.crew_member = make_user("gl_crew1", self.station_a, Role.CREW, full_name="王师傅")
        self.crew.members.add(self.crew_member)
        self.liaison = make_user("zm_liaison", self.station_a, full_name="左门村委会")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
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

    def order_photo(self) -> WorkOrderPhoto:
        return work_order_add_photo(
            work_order=self.order, upload=upload("fuse.jpg", phone_jpeg()), user=self.crew_member
        )

    def visit_photo(self) -> VisitPhoto:
        return photo_add(visit=self.visit, user=self.clerk, image=upload("hall.jpg", phone_jpeg()))

    def photo_urls(self) -> list[str]:
        order_photo, visit_photo = self.order_photo(), self.visit_photo()
        return [
            reverse("servicedesk:work_order_photo", args=[self.order.pk, order_photo.pk]),
            reverse("outreach:visit_photo", args=[self.visit.pk, visit_photo.pk]),
        ]


class UploadTests(PhotoCase):
    def test_the_issue_s_steps_a_crew_s_html_sent_as_png_is_refused_and_nothing_stored(
        self,
    ) -> None:
        self.login(self.crew_member)
        for name, data in [
            ("evil.html", HTML),
            ("evil.svg", SVG),
            ("evil.png", PNG_HEADER_THEN_HTML),
        ]:
            with self.subTest(name):
                response = self.client.post(
                    reverse("servicedesk:work_order_action", args=[self.order.pk]),
                    {"action": "status", "to": "on_the_way", "photos": upload(name, data)},
                    follow=True,
                )
                self.assertContains(response, name)
                self.order.refresh_from_db()
                self.assertEqual(self.order.status, "dispatched")
                self.assertFalse(WorkOrderPhoto.objects.exists())
                self.assertEqual(stored_files(self.media), [])

    def test_a_crew_s_phone_photo_is_stored_re_encoded_without_gps_under_a_random_name(
        self,
    ) -> None:
        self.login(self.crew_member)
        self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {
                "action": "status",
                "to": "on_the_way",
                "photos": upload("IMG_0001.jpg", phone_jpeg(), "image/jpeg"),
            },
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")
        photo = self.order.photos.get()
        self.assertRegex(photo.image.name, r"^work-orders/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")
        (path,) = stored_files(self.media)
        data = path.read_bytes()
        self.assertNotIn(b"IMG_0001", path.name.encode())
        self.assertNotIn(b"PhoneMaker", data)
        with Image.open(path) as image:
            self.assertEqual(image.format, "JPEG")
            self.assertNotIn(0x8825, image.getexif())  # no GPS block

    def test_photos_of_a_refused_status_change_leave_no_file_behind(self) -> None:
        self.login(self.crew_member)
        self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": "closed", "photos": upload("a.jpg", phone_jpeg())},
        )
        self.assertFalse(WorkOrderPhoto.objects.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_an_outreach_photo_that_is_html_is_refused_and_nothing_stored(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("outreach:visit", args=[self.visit.pk]),
            {"action": "photo", "image": upload("evil.html", HTML), "caption": "活动室"},
        )
        # Refused at the photo's field on the visit's page, the caption typed kept there.
        self.assertContains(response, "evil.html", status_code=400)
        self.assertContains(response, "活动室", status_code=400)
        self.assertFalse(VisitPhoto.objects.exists())
        self.assertEqual(stored_files(self.media), [])
        with self.assertRaisesMessage(OutreachError, "evil.svg"):
            photo_add(visit=self.visit, user=self.clerk, image=upload("evil.svg", SVG))

    def test_an_outreach_photo_is_stored_re_encoded_without_gps(self) -> None:
        self.login(self.clerk)
        self.client.post(
            reverse("outreach:visit", args=[self.visit.pk]),
            {"action": "photo", "image": upload("IMG_0002.jpg", phone_jpeg()), "caption": "活动室"},
        )
        photo = self.visit.photos.get()
        self.assertRegex(photo.image.name, r"^outreach/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")
        self.assertEqual(photo.caption, "活动室")
        with Image.open(photo.image.path) as image:
            self.assertEqual(image.format, "JPEG")
            self.assertEqual(dict(image.getexif()), {})

    def test_work_order_errors_name_the_file(self) -> None:
        with self.assertRaisesMessage(WorkOrderError, "evil.html"):
            work_order_add_photo(
                work_order=self.order, upload=upload("evil.html", HTML), user=self.crew_member
            )


class ServingTests(PhotoCase):
    def test_staff_of_the_station_get_the_jpeg_shown_never_run(self) -> None:
        for user in (self.chief, self.clerk, self.crew_member):
            self.login(user)
            for url in self.photo_urls():
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response["Content-Type"], "image/jpeg")
                    self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                    self.assertEqual(response["Content-Security-Policy"], "default-src 'none'")
                    self.assertRegex(
                        response["Content-Disposition"], r'^inline; filename="[\w-]+\.jpg"$'
                    )
                    self.assertEqual(Image.open(io.BytesIO(response.content)).format, "JPEG")

    def test_an_anonymous_visitor_is_sent_to_log_in(self) -> None:
        for url in self.photo_urls():
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("accounts:login"), response["Location"])

    def test_a_user_of_another_station_gets_404(self) -> None:
        urls = self.photo_urls()
        self.login(self.outsider)
        for url in urls:
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_liaison_does_not_see_staff_photos(self) -> None:
        urls = self.photo_urls()
        self.login(self.liaison)
        for url in urls:
            with self.subTest(url):
                self.assertIn(self.client.get(url).status_code, (403, 404))

    def test_a_photo_is_reached_only_through_its_own_record(self) -> None:
        other = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="另一单"
        )
        photo = self.order_photo()
        self.login(self.chief)
        url = reverse("servicedesk:work_order_photo", args=[other.pk, photo.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_pages_link_photos_through_the_checked_views(self) -> None:
        order_url, visit_url = self.photo_urls()
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:work_order", args=[self.order.pk]))
        self.assertContains(page, f'src="{order_url}"')
        self.assertNotContains(page, "/media/")
        page = self.client.get(reverse("outreach:visit", args=[self.visit.pk]))
        self.assertContains(page, f'src="{visit_url}"')
        self.assertNotContains(page, "/media/")

    def test_nothing_is_served_from_media_even_with_debug_on(self) -> None:
        photo = self.order_photo()
        self.login(self.chief)
        import powerdesk.urls

        try:
            with override_settings(DEBUG=True):
                importlib.reload(powerdesk.urls)
                clear_url_caches()
                for path in ("/media/" + photo.image.name, "/media/outreach/x.jpg"):
                    with self.subTest(path), self.assertRaises(Resolver404):
                        resolve(path)
                self.assertEqual(self.client.get("/media/" + photo.image.name).status_code, 404)
        finally:
            importlib.reload(powerdesk.urls)
            clear_url_caches()


class OlderUploadTests(PhotoCase):
    """Photos stored before this check, under their uploaded names (what 0006/0002 convert)."""

    def test_an_older_photo_is_converted_and_the_uploaded_file_removed(self) -> None:
        photo = WorkOrderPhoto.objects.create(
            work_order=self.order, image=upload("IMG_0003.jpg", phone_jpeg()), taken_by=None
        )
        old = Path(photo.image.path)
        self.assertTrue(photo_reencode_stored(photo.image))
        photo.refresh_from_db()
        self.assertRegex(photo.image.name, r"/[0-9a-f]{32}\.jpg$")
        self.assertFalse(old.exists())
        self.assertNotIn(b"PhoneMaker", Path(photo.image.path).read_bytes())

    def test_an_older_upload_that_is_no_photo_is_kept_but_never_served(self) -> None:
        photo = VisitPhoto.objects.create(
            visit=self.visit, image=upload("evil.html", HTML), uploaded_by=None
        )
        self.assertFalse(photo_reencode_stored(photo.image))
        photo.refresh_from_db()
        self.assertTrue(photo.image.name.endswith("evil.html"))
        self.login(self.chief)
        url = reverse("outreach:visit_photo", args=[self.visit.pk, photo.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
