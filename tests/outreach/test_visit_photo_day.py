"""A photo is of a visit held: none is taken before the visit's day, as no result is
(walkthrough 29, finding 8: the result form said 活动当天或之后才能登记结果, yet a photo of the
visit planned for a week later was kept without a word). On its day the photo is taken."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outreach.models import VisitPhoto
from powerdesk.outreach.services import OutreachError, visit_photo_once
from tests.base import zh
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload

NOT_YET = "A photo of the visit can be added only on or after its day."


class VisitPhotoDayTests(PhotoCase):
    def setUp(self) -> None:
        super().setUp()
        self.visit.date = timezone.localdate() + dt.timedelta(days=7)
        self.visit.save(update_fields=["date"])

    def test_the_service_refuses_a_photo_before_the_day_and_takes_it_on_the_day(self) -> None:
        with self.assertRaisesMessage(OutreachError, zh(NOT_YET)):
            visit_photo_once(
                visit=self.visit, user=self.clerk, image=upload("a.jpg", phone_jpeg(), "image/jpeg")
            )
        self.assertFalse(VisitPhoto.objects.exists())
        self.assertEqual(stored_files(self.media), [])
        self.visit.date = timezone.localdate()
        self.visit.save(update_fields=["date"])
        _photo, new = visit_photo_once(
            visit=self.visit, user=self.clerk, image=upload("a.jpg", phone_jpeg(), "image/jpeg")
        )
        self.assertTrue(new)

    def test_the_page_says_why_and_offers_no_upload_before_the_day(self) -> None:
        self.login(self.clerk)
        url = reverse("outreach:visit", args=[self.visit.pk])
        page = self.client.get(url).content.decode()
        self.assertIn('data-testid="photo-not-yet"', page)
        self.assertNotIn('name="image"', page)
        response = self.client.post(
            url,
            {"action": "photo", "image": upload("a.jpg", phone_jpeg(), "image/jpeg")},
            follow=True,
        )
        said = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
        self.assertEqual(said, [zh(NOT_YET)])
        self.assertFalse(VisitPhoto.objects.exists())
