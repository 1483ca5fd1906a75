"""Walk67 M1: online, one file that is not a picture among the photos of "power is back" (处理完毕)
refused the whole step, the good photo with it, while the same pair sent by the phone after a
step made without signal was judged one photo at a time. Now the step sent from the card judges
them the same way: the step is recorded with the good photos, each refused one named with why,
in the words the phone uses offline, with where photos can still be added (the order's page)."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils import translation

from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from tests.base import zh
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload

FAKE = "fake.jpg", b"not a picture, a text file renamed", "image/jpeg"


class CrewStepPhotosEachTests(PhotoCase):
    def setUp(self) -> None:
        super().setUp()
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.crew_member, fields={})
        self.login(self.crew_member)

    def restored(self, *photos: object, **fields: str) -> str:
        with translation.override("en"):
            answer = self.client.post(
                reverse("servicedesk:crew_step", args=[self.order.pk]),
                {
                    "step": "restored",
                    "cause": "户内空开损坏",
                    "in_house": "1",
                    "note": "更换户内空开",
                    "photos": list(photos),
                    **fields,
                },
                follow=True,
                HTTP_ACCEPT_LANGUAGE="en",
            )
        self.assertEqual(answer.status_code, 200)
        return unescape(answer.content.decode())

    def messages_of(self, page: str) -> str:
        start = page.index('<ul class="messages"')
        return page[start : page.index("</ul>", start)]

    def test_the_step_is_taken_with_the_good_photo_and_the_fake_one_named(self) -> None:
        page = self.restored(upload(*FAKE), upload("good.jpg", phone_jpeg(), "image/jpeg"))
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertEqual(WorkOrderPhoto.objects.filter(work_order=self.order).count(), 1)
        self.assertEqual(len(stored_files(self.media)), 1)
        said = self.messages_of(page)
        self.assertIn(f"{self.order.number}: ", said)
        # The refused one named with why, in the offline sync's words, and where to add more.
        self.assertIn(f"Job {self.order.number}: discarded: fake.jpg", said)
        self.assertNotIn("discarded: good.jpg", said)
        self.assertIn("Photos can still be added later on the order’s page", said)
        where = reverse("servicedesk:work_order", args=[self.order.pk])
        self.assertIn(f'href="{where}"', said)
        self.assertNotIn("Nothing was saved", said)
        lines = WorkOrderEvent.objects.filter(work_order=self.order, note_code="photo")
        self.assertEqual(list(lines.values_list("note_args__name", flat=True)), ["good.jpg"])

    def test_only_files_that_are_not_pictures_the_step_is_taken_without_photos(self) -> None:
        page = self.restored(upload(*FAKE), upload("记录.txt", "处理记录".encode(), "text/plain"))
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertFalse(self.order.photos.exists())
        said = self.messages_of(page)
        self.assertIn("fake.jpg", said)
        self.assertIn("记录.txt", said)

    def test_the_zh_page_says_it_in_the_phone_s_words(self) -> None:
        answer = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {
                "step": "restored",
                "cause": "户内空开损坏",
                "in_house": "1",
                "note": "更换户内空开",
                "photos": [upload(*FAKE), upload("good.jpg", phone_jpeg(), "image/jpeg")],
            },
            follow=True,
        )
        said = self.messages_of(unescape(answer.content.decode()))
        discarded = zh("Job %(number)s: discarded: %(reason)s")  # "任务 …：已丢弃：…"
        self.assertIn(discarded % {"number": self.order.number, "reason": "fake.jpg"}, said)
        self.assertIn("以后仍可在工单页面用“上传照片”补充照片", said)

    def test_a_step_refused_still_names_the_fake_photo_and_keeps_nothing(self) -> None:
        page = self.restored(
            upload(*FAKE), upload("good.jpg", phone_jpeg(), "image/jpeg"), note="换" * 2001
        )
        photos = page[page.index(f'id="photos-error-{self.order.pk}"') :]
        self.assertIn("fake.jpg", photos[: photos.index("</p>")])
        self.assertNotIn("good.jpg", photos[: photos.index("</p>")])
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")
        self.assertFalse(self.order.photos.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_photos_past_the_order_s_bound_are_refused_each_the_first_ones_kept(self) -> None:
        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.order, image=f"x/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD - 1)
        )
        page = self.restored(
            upload("a.jpg", phone_jpeg(size=(640, 480)), "image/jpeg"),
            upload("b.jpg", phone_jpeg(size=(641, 480)), "image/jpeg"),
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")
        self.assertEqual(self.order.photos.count(), PHOTOS_PER_RECORD)
        said = self.messages_of(page)
        self.assertIn("discarded: b.jpg", said)
        self.assertEqual(len(stored_files(self.media)), 1)
