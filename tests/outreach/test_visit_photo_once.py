"""A photo of an outreach visit sent twice — a double click, a retry on a weak signal, the same
picture chosen again — is stored once, as an order's photos are: one photo, one file, one line
of the visit's history, and the page says it was already there. A refused upload never takes
away a photo kept before, nor its file."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outreach.models import OutreachVisitEvent, VisitPhoto
from powerdesk.outreach.services import OutreachError, visit_photo_once
from tests.base import zh
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload


class VisitPhotoOnceTests(PhotoCase):
    def send(self, name: str, data: bytes, caption: str = "村委会活动室") -> str:
        response = self.client.post(
            reverse("outreach:visit", args=[self.visit.pk]),
            {"action": "photo", "caption": caption, "image": upload(name, data, "image/jpeg")},
            follow=True,
        )
        return response.content.decode()

    def photo_lines(self) -> int:
        return OutreachVisitEvent.objects.filter(visit=self.visit, what="photo").count()

    def test_the_same_photo_sent_twice_is_stored_once_and_the_page_says_so(self) -> None:
        self.login(self.clerk)
        data = phone_jpeg()
        first = self.send("IMG_0001.jpg", data)
        self.assertNotIn(zh("This photo is already on the visit: it was not stored again."), first)
        again = self.send("IMG_0001.jpg", data, caption="又传了一次")
        self.assertIn(zh("This photo is already on the visit: it was not stored again."), again)
        photo = VisitPhoto.objects.get(visit=self.visit)
        self.assertEqual(photo.caption, "村委会活动室")
        self.assertEqual(len(stored_files(self.media)), 1)
        self.assertTrue(photo.image.storage.exists(photo.image.name))
        self.assertEqual(self.photo_lines(), 1)

    def test_another_picture_is_another_photo(self) -> None:
        data = phone_jpeg()
        first, new = visit_photo_once(
            visit=self.visit, user=self.clerk, image=upload("a.jpg", data)
        )
        other, new_other = visit_photo_once(
            visit=self.visit, user=self.clerk, image=upload("b.jpg", phone_jpeg((320, 240)))
        )
        self.assertEqual((new, new_other), (True, True))
        self.assertNotEqual(first.pk, other.pk)
        self.assertEqual(len(stored_files(self.media)), 2)

    def test_a_refused_upload_leaves_the_photo_kept_and_its_file(self) -> None:
        data = phone_jpeg()
        kept, _new = visit_photo_once(
            visit=self.visit, user=self.clerk, image=upload("a.jpg", data)
        )
        with self.assertRaises(OutreachError):
            visit_photo_once(visit=self.visit, user=self.clerk, image=upload("x.exe", b"MZ"))
        # The same photo again, from someone who may not record visits: refused, nothing moved.
        with self.assertRaises(NotAllowed):
            visit_photo_once(visit=self.visit, user=self.crew_member, image=upload("a.jpg", data))
        self.assertEqual(list(VisitPhoto.objects.all()), [kept])
        self.assertTrue(kept.image.storage.exists(kept.image.name))
        self.assertEqual(len(stored_files(self.media)), 1)
