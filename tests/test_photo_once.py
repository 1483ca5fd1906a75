"""A photo sent twice for an order — a double tap on the crew's phone, a retry on a weak signal,
the same picture chosen twice — is stored once by the station, whatever the page did to stop
it: one photo, one file, one line of the order's history (walkthrough 24)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from powerdesk.servicedesk.order_field import work_order_photo_once
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload


class PhotoOnceTests(PhotoCase):
    def photo_lines(self) -> int:
        return WorkOrderEvent.objects.filter(work_order=self.order, note_code="photo").count()

    def test_a_crew_step_sent_twice_with_its_photo_stores_the_photo_once(self) -> None:
        self.login(self.crew_member)
        data = phone_jpeg()
        for _press in range(2):
            response = self.client.post(
                reverse("servicedesk:crew_step", args=[self.order.pk]),
                {"step": "on_the_way", "photos": upload("IMG_0001.jpg", data, "image/jpeg")},
            )
            self.assertEqual(response.status_code, 302)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")
        photo = self.order.photos.get()
        self.assertEqual(len(stored_files(self.media)), 1)
        self.assertTrue(photo.image.storage.exists(photo.image.name))
        self.assertEqual(self.photo_lines(), 1)

    def test_a_refused_second_send_leaves_the_first_photo_and_its_file(self) -> None:
        self.login(self.clerk)
        url = reverse("servicedesk:work_order_action", args=[self.order.pk])
        data = phone_jpeg()
        fields = {"action": "status", "to": "on_the_way"}
        self.client.post(url, {**fields, "photos": upload("a.jpg", data)})
        # The page sent again once the order moved on: the step is refused, the photo kept.
        self.client.post(url, {**fields, "photos": upload("a.jpg", data)})
        photo = WorkOrderPhoto.objects.get()
        self.assertTrue(photo.image.storage.exists(photo.image.name))
        self.assertEqual(len(stored_files(self.media)), 1)

    def test_the_same_picture_chosen_twice_in_one_form_is_one_photo(self) -> None:
        self.login(self.crew_member)
        data = phone_jpeg()
        self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "on_the_way", "photos": [upload("a.jpg", data), upload("b.jpg", data)]},
        )
        self.assertEqual(WorkOrderPhoto.objects.count(), 1)
        self.assertEqual(len(stored_files(self.media)), 1)

    def test_the_service_answers_the_photo_kept_and_a_new_one_is_another(self) -> None:
        data = phone_jpeg()
        first, new = work_order_photo_once(
            work_order=self.order, upload=upload("a.jpg", data), user=self.crew_member
        )
        again, new_again = work_order_photo_once(
            work_order=self.order, upload=upload("a.jpg", data), user=self.crew_member
        )
        self.assertEqual((again.pk, new, new_again), (first.pk, True, False))
        other, new_other = work_order_photo_once(
            work_order=self.order,
            upload=upload("b.jpg", data + b"\0"),
            user=self.crew_member,
        )
        self.assertTrue(new_other)
        self.assertNotEqual(other.pk, first.pk)
        self.assertEqual(self.photo_lines(), 2)

    def test_the_service_refuses_a_photo_from_one_who_may_not_note_the_order(self) -> None:
        """Only those who may add to the order's history may add its photos, whichever page or
        caller asks: another station's chief, the station's administrator (who reads the
        office pages but does no work on orders). Nothing is decoded or stored for them."""
        from powerdesk.accounts.models import Role
        from powerdesk.accounts.permissions import NotAllowed
        from tests.base import make_user

        admin = make_user("photo-admin", self.station_a, Role.ADMIN)
        for user in (self.outsider, admin):
            with self.subTest(user=user.username), self.assertRaises(NotAllowed):
                work_order_photo_once(
                    work_order=self.order, upload=upload("a.jpg", phone_jpeg()), user=user
                )
        self.assertFalse(WorkOrderPhoto.objects.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_an_order_and_a_visit_keep_a_bounded_number_of_photos(self) -> None:
        """Each photo is a new file on the station's disk: a record takes PHOTOS_PER_RECORD,
        then the next is refused with why (a loop sending new pictures cannot fill the disk)."""
        from powerdesk.lib.photos import PHOTOS_PER_RECORD
        from powerdesk.outreach.models import VisitPhoto
        from powerdesk.outreach.services import OutreachError, visit_photo_once
        from powerdesk.servicedesk.services import WorkOrderError

        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.order, image=f"x/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD)
        )
        VisitPhoto.objects.bulk_create(
            VisitPhoto(visit=self.visit, image=f"y/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD)
        )
        with self.assertRaisesMessage(WorkOrderError, str(PHOTOS_PER_RECORD)):
            work_order_photo_once(
                work_order=self.order, upload=upload("a.jpg", phone_jpeg()), user=self.clerk
            )
        with self.assertRaisesMessage(OutreachError, str(PHOTOS_PER_RECORD)):
            visit_photo_once(visit=self.visit, user=self.clerk, image=upload("a.jpg", phone_jpeg()))
        self.assertEqual(stored_files(self.media), [])
        self.assertEqual(self.order.photos.count(), PHOTOS_PER_RECORD)

    def test_a_crew_step_s_photos_past_the_bound_are_refused_each_before_it_is_decoded(
        self,
    ) -> None:
        """Two places left and four new pictures in one crew step: the first two stored, the
        two past the bound refused each with why, never decoded (walk67 M1: a crew's photos are
        judged one by one, online as offline), and the step taken."""
        from unittest import mock

        from powerdesk.lib.photos import PHOTOS_PER_RECORD, photo_prepare

        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.order, image=f"x/{n}.jpg", content_hash=f"h{n}")
            for n in range(PHOTOS_PER_RECORD - 2)
        )
        self.login(self.crew_member)
        pictures = [upload(f"{n}.jpg", phone_jpeg(size=(640 + n, 480))) for n in range(4)]
        with mock.patch(
            "powerdesk.servicedesk.order_photos_each.photo_prepare", side_effect=photo_prepare
        ) as prepare:
            answer = self.client.post(
                reverse("servicedesk:crew_step", args=[self.order.pk]),
                {"step": "on_the_way", "photos": pictures},
                follow=True,
            )
        self.assertEqual(prepare.call_count, 2)
        self.assertContains(answer, str(PHOTOS_PER_RECORD))
        self.assertContains(answer, "2.jpg")
        self.assertContains(answer, "3.jpg")
        self.assertEqual(self.order.photos.count(), PHOTOS_PER_RECORD)
        self.assertEqual(len(stored_files(self.media)), 2)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")

    def test_a_photo_refused_part_way_leaves_no_file_of_the_form(self) -> None:
        """The second of two new pictures fails as it is stored (a race, the disk): the first
        one's file goes with the rolled-back row."""
        from unittest import mock

        from powerdesk.servicedesk import order_photos
        from powerdesk.servicedesk.order_field import work_order_photos_once

        real = order_photos.work_order_photo_once
        calls = []

        def second_fails(**kwargs):  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) == 2:
                raise order_photos.WorkOrderError("refused")
            return real(**kwargs)

        pictures = [upload(f"{n}.jpg", phone_jpeg(size=(640 + n, 480))) for n in range(2)]
        with (
            mock.patch.object(order_photos, "work_order_photo_once", side_effect=second_fails),
            self.assertRaises(order_photos.WorkOrderError),
        ):
            work_order_photos_once(work_order=self.order, uploads=pictures, user=self.clerk)
        self.assertFalse(WorkOrderPhoto.objects.filter(work_order=self.order).exists())
        self.assertEqual(stored_files(self.media), [])
