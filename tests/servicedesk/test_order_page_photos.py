"""The photos chosen on the order page (walkthrough 31, findings 1, 2 and 4): every one kept up
to the order's bound or none, with the bound and the count said at the photo field; every file
that is not a picture named there at once; a picture the order had already said so."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.servicedesk.models import WorkOrderPhoto
from powerdesk.servicedesk.order_field import (
    PhotosRefused,
    work_order_photos_once,
    work_order_photos_repeated,
)
from tests.images import phone_jpeg
from tests.test_photos import HTML, PhotoCase, stored_files, upload


class OrderPagePhotoTests(PhotoCase):
    def send(self, photos: list[object]):  # type: ignore[no-untyped-def]
        self.login(self.clerk)
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": "on_the_way", "photos": photos},
            follow=True,
        )

    def pictures(self, n: int, start: int = 0) -> list[object]:
        return [upload(f"img{k}.jpg", phone_jpeg(size=(320 + k, 240))) for k in range(start, n)]

    def test_fourteen_photos_chosen_on_the_page_are_all_kept(self) -> None:
        self.send(self.pictures(14))
        self.assertEqual(self.order.photos.count(), 14)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")

    def test_photos_past_the_bound_are_refused_whole_with_the_bound_and_the_count(self) -> None:
        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.order, image=f"x/{n}.jpg", content_hash="")
            for n in range(PHOTOS_PER_RECORD - 2)
        )
        with self.assertRaises(PhotosRefused) as refused:
            work_order_photos_once(work_order=self.order, uploads=self.pictures(3), user=self.clerk)
        said = str(refused.exception)
        # Chosen, the bound, those kept (counted by rows, the empty hashes too) and the room.
        for figure in ("3", str(PHOTOS_PER_RECORD), str(PHOTOS_PER_RECORD - 2), "2"):
            self.assertIn(figure, said)
        answer = self.send(self.pictures(3))
        self.assertContains(answer, f'id="photos-error-{self.order.pk}"')
        self.assertContains(answer, str(PHOTOS_PER_RECORD - 2))
        self.assertEqual(self.order.photos.count(), PHOTOS_PER_RECORD - 2)
        self.assertEqual(stored_files(self.media), [])
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "dispatched")

    def test_every_file_that_is_not_a_picture_is_named_at_the_photo_field(self) -> None:
        answer = self.send([*self.pictures(1), upload("fake.jpg", HTML), upload("page.png", HTML)])
        page = answer.content.decode()
        field = page[page.index(f'id="photos-error-{self.order.pk}"') :]
        field = field[: field.index("</p>")]
        self.assertIn("fake.jpg", field)
        self.assertIn("page.png", field)
        self.assertContains(answer, "未保存：请查看照片一栏。")
        self.assertFalse(self.order.photos.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_a_picture_the_order_has_already_is_said_not_stored_again(self) -> None:
        data = phone_jpeg()
        [kept] = work_order_photos_once(
            work_order=self.order, uploads=[upload("a.jpg", data)], user=self.clerk
        )
        self.assertEqual(work_order_photos_repeated([upload("a.jpg", data)], [kept]), "")
        answer = self.send([upload("again.jpg", data), *self.pictures(1)])
        self.assertEqual(self.order.photos.count(), 2)
        said = work_order_photos_repeated([upload("again.jpg", data)], [])
        self.assertIn("again.jpg", said)
        self.assertContains(answer, said)
