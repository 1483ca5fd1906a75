"""The order page's resolution form says every problem of one submit in one answer: a file
that is not a picture, and the field left empty or wrong, together (walkthrough 32, finding 11:
the bad file was refused first, then the empty device, so twelve photos were chosen three
times); and a photo not stored again is named."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from powerdesk.servicedesk.order_field import work_order_photos_once, work_order_photos_repeated
from tests.images import phone_jpeg
from tests.test_photos import HTML, PhotoCase, stored_files, upload


def pictures(n: int) -> list[object]:
    return [upload(f"p{k}.jpg", phone_jpeg(size=(320 + k, 240))) for k in range(n)]


class ResolveFormTests(PhotoCase):
    def resolve(self, photos: list[object], **fields: str):  # type: ignore[no-untyped-def]
        self.login(self.clerk)
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": "resolved", "photos": photos, **fields},
            follow=True,
        )

    def photo_field(self, answer) -> str:  # type: ignore[no-untyped-def]
        page = unescape(answer.content.decode())
        marker = f'id="photos-error-{self.order.pk}"'
        self.assertIn(marker, page)
        field = page[page.index(marker) :]
        return field[: field.index("</p>")]

    def assert_nothing_stored(self) -> None:
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "dispatched")
        self.assertFalse(self.order.photos.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_a_bad_file_and_an_empty_device_are_said_in_one_answer(self) -> None:
        answer = self.resolve(
            [*pictures(2), upload("page.jpg", HTML)], cause="熔丝熔断", note="更换熔丝"
        )
        self.assertIn("page.jpg", self.photo_field(answer))
        with translation.override("zh-hans"):
            self.assertContains(answer, _("Name the device where it was found (its code or name)."))
            self.assertContains(answer, _("Nothing was saved: see the photos."))
        # What was typed is kept for the one resubmission.
        self.assertContains(answer, "熔丝熔断")
        self.assert_nothing_stored()

    def test_a_device_unknown_and_a_bad_file_are_said_in_one_answer(self) -> None:
        answer = self.resolve(
            [*pictures(1), upload("page.jpg", HTML)], cause="熔丝熔断", device="NO-SUCH"
        )
        self.assertIn("page.jpg", self.photo_field(answer))
        self.assertContains(answer, "NO-SUCH")
        self.assert_nothing_stored()

    def test_good_photos_with_an_empty_device_store_nothing(self) -> None:
        answer = self.resolve(pictures(2), cause="熔丝熔断")
        with translation.override("zh-hans"):
            self.assertContains(answer, _("Name the device where it was found (its code or name)."))
        self.assertNotIn(f'id="photos-error-{self.order.pk}"', answer.content.decode())
        self.assert_nothing_stored()

    def test_once_corrected_the_same_photos_resolve_it(self) -> None:
        self.resolve([*pictures(3), upload("page.jpg", HTML)], cause="熔丝熔断")
        self.resolve(pictures(3), cause="熔丝熔断", device=self.transformer.code)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertEqual(self.order.photos.count(), 3)

    def test_a_photo_not_stored_again_is_named(self) -> None:
        data = phone_jpeg(size=(333, 222))
        work_order_photos_once(
            work_order=self.order, uploads=[upload("p3.jpg", data)], user=self.clerk
        )
        answer = self.resolve(
            [*pictures(2), upload("p3_copy.jpg", data)],
            cause="熔丝熔断",
            device=self.transformer.code,
        )
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.photos.count()), ("resolved", 3))
        with translation.override("zh-hans"):
            said = work_order_photos_repeated([upload("p3_copy.jpg", data)], [])
        self.assertIn("p3_copy.jpg", said)
        self.assertContains(answer, said)

    def test_the_same_picture_twice_in_one_form_names_the_second(self) -> None:
        data = phone_jpeg(size=(333, 222))
        stored = work_order_photos_once(
            work_order=self.order,
            uploads=[upload("a.jpg", data), upload("b.jpg", data)],
            user=self.clerk,
        )
        said = work_order_photos_repeated([upload("a.jpg", data), upload("b.jpg", data)], stored)
        self.assertIn("b.jpg", said)
        self.assertNotIn("a.jpg", said)
