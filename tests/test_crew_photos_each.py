"""The photos the crew's phone kept with a step made without signal, judged each on its own
(``servicedesk:crew_photos``, ``order_photos_each``; walk64 M5): a file that is not a picture
was refused with the good photo beside it, so the good one was lost too, and the phone was
told to choose again from a job it no longer had. Now the good ones are stored, each refused
one is named with why, and the answer names the order's page, where photos can still be added.

And the count of pixels said as each language says it (walk64 L1): "超过 8000 万像素", "more
than 80 megapixels", never "80 百万像素"."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.lib.photos import PHOTO_MAX_PIXELS, PHOTOS_PER_RECORD, PhotoError, photo_prepare
from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from powerdesk.servicedesk.order_steps import work_order_transition
from tests.base import zh
from tests.images import phone_jpeg, picture
from tests.test_photos import PhotoCase, stored_files, upload

FAKE = "fake.jpg", b"not a picture, a text file renamed", "image/jpeg"
NOT_A_PHOTO = "%(name)s is not a photo (JPEG, PNG, WebP or HEIC)."


class EachPhotoOnItsOwnTests(PhotoCase):
    def send(self, *files: object) -> dict[str, object]:
        response = self.client.post(
            reverse("servicedesk:crew_photos", args=[self.order.pk]), {"photos": list(files)}
        )
        answer: dict[str, object] = response.json()
        answer["code"] = response.status_code
        return answer

    def resolved(self) -> None:
        """The job finished on the phone (处理完毕) before its photos reach the station."""
        for status in ("on_the_way", "on_site"):
            work_order_transition(work_order=self.order, to_status=status, user=self.chief)
        work_order_transition(
            work_order=self.order,
            to_status="resolved",
            user=self.chief,
            note="更换户内空开",
            cause="户内空开损坏",
            in_house=True,
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "resolved")

    def test_the_good_photo_is_stored_and_the_fake_one_named_with_why(self) -> None:
        self.resolved()
        self.login(self.crew_member)
        answer = self.send(upload(*FAKE), upload("good.jpg", phone_jpeg(), "image/jpeg"))
        self.assertEqual((answer["code"], answer["status"], answer["stored"]), (200, "ok", 1))
        fake = zh(NOT_A_PHOTO) % {"name": "fake.jpg"}
        self.assertEqual(answer["refused"], [{"name": "fake.jpg", "reason": fake}])
        # Where photos can still be added later: the order's page, which the crew still reaches.
        where = reverse("servicedesk:work_order", args=[self.order.pk])
        self.assertEqual(answer["order_url"], where)
        self.assertEqual(answer["repeated"], "")
        self.assertEqual(WorkOrderPhoto.objects.filter(work_order=self.order).count(), 1)
        self.assertEqual(len(stored_files(self.media)), 1)
        lines = WorkOrderEvent.objects.filter(work_order=self.order, note_code="photos_added")
        self.assertEqual(lines.count(), 1)
        self.assertEqual(self.client.get(where).status_code, 200)

    def test_sent_again_the_good_one_is_not_stored_twice_and_the_fake_still_named(self) -> None:
        self.login(self.crew_member)
        good = phone_jpeg()
        self.send(upload(*FAKE), upload("good.jpg", good, "image/jpeg"))
        again = self.send(upload(*FAKE), upload("good.jpg", good, "image/jpeg"))
        self.assertEqual((again["code"], again["status"], again["stored"]), (200, "ok", 0))
        self.assertIn("good.jpg", str(again["repeated"]))
        self.assertEqual([r["name"] for r in again["refused"]], ["fake.jpg"])  # type: ignore[attr-defined]
        self.assertEqual(WorkOrderPhoto.objects.filter(work_order=self.order).count(), 1)
        lines = WorkOrderEvent.objects.filter(work_order=self.order, note_code="photos_added")
        self.assertEqual(lines.count(), 1)

    def test_none_a_picture_is_refused_422_each_named_without_choose_again(self) -> None:
        self.login(self.crew_member)
        answer = self.send(upload(*FAKE), upload("工作票.pdf", b"%PDF-1.4 ...", "application/pdf"))
        self.assertEqual((answer["code"], answer["status"]), (422, "refused"))
        names = [r["name"] for r in answer["refused"]]  # type: ignore[attr-defined]
        self.assertEqual(names, ["fake.jpg", "工作票.pdf"])
        # Each named with why, and nothing the phone cannot do: the job has left it (walk64 M5:
        # "请去掉这些文件后重新选择照片").
        self.assertEqual(
            answer["reason"],
            " ".join(zh(NOT_A_PHOTO) % {"name": name} for name in ("fake.jpg", "工作票.pdf")),
        )
        self.assertEqual(
            answer["order_url"], reverse("servicedesk:work_order", args=[self.order.pk])
        )
        self.assertFalse(WorkOrderPhoto.objects.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_past_the_order_s_bound_the_photos_that_fit_are_stored_the_rest_named(self) -> None:
        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.order, image=f"old/{i}.jpg", content_hash=f"h{i}")
            for i in range(PHOTOS_PER_RECORD - 1)
        )
        self.login(self.crew_member)
        answer = self.send(
            upload("a.jpg", phone_jpeg(), "image/jpeg"),
            upload(*FAKE),
            upload("b.jpg", phone_jpeg((320, 240)), "image/jpeg"),
        )
        self.assertEqual((answer["code"], answer["stored"]), (200, 1))
        refused = {r["name"]: r["reason"] for r in answer["refused"]}  # type: ignore[attr-defined]
        self.assertEqual(list(refused), ["fake.jpg", "b.jpg"])
        self.assertEqual(
            refused["b.jpg"],
            zh("%(name)s was not stored: an order keeps at most %(n)s photos.")
            % {"name": "b.jpg", "n": PHOTOS_PER_RECORD},
        )
        self.assertEqual(
            WorkOrderPhoto.objects.filter(work_order=self.order).count(), PHOTOS_PER_RECORD
        )


class PixelsSaidTests(PhotoCase):
    """100 million pixels in a few KB: refused, the bound said in the reader's own numbers."""

    def refusal(self) -> str:
        bomb = picture("PNG", (10_000, 10_000), mode="1")
        with self.assertRaises(PhotoError) as refused:
            photo_prepare(upload("bomb.png", bomb))
        return str(refused.exception)

    def test_in_english_80_megapixels(self) -> None:
        with translation.override("en"):
            said = self.refusal()
        self.assertEqual(said, "bomb.png has too many pixels (more than 80 megapixels).")

    def test_in_chinese_8000_ten_thousands_never_80_millions(self) -> None:
        self.assertEqual(PHOTO_MAX_PIXELS, 80_000_000)
        with translation.override("zh-hans"):
            said = self.refusal()
            pixels = translation.pgettext(
                "a count of pixels in ten thousands (万)", "%(n)s × 10,000 pixels"
            ) % {"n": 8000}
        self.assertEqual(
            said,
            zh("%(name)s has too many pixels (more than %(pixels)s).")
            % {"name": "bomb.png", "pixels": pixels},
        )
        self.assertIn("8000", said)
        self.assertNotIn("百万", said)
        self.assertNotIn(" 80 ", said)
