"""Photos the crew's phone kept with a step made without signal, sent after the station has the
step (``servicedesk:crew_photos``, walk61 M1): stored as the order's other photos are (checked
as pictures, once by their content: a retry or a second tap stores nothing twice), refused for
another crew's job, and a refusal names where they can still be sent (the order's page)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Crew, Role
from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from tests.base import make_user
from tests.images import phone_jpeg
from tests.test_photos import PhotoCase, stored_files, upload


class CrewPhotosAfterStepTests(PhotoCase):
    def send(self, *files: object) -> dict[str, object]:
        response = self.client.post(
            reverse("servicedesk:crew_photos", args=[self.order.pk]), {"photos": list(files)}
        )
        answer: dict[str, object] = response.json()
        answer["code"] = response.status_code
        return answer

    def test_sent_twice_the_photo_is_stored_once_with_one_line(self) -> None:
        self.login(self.crew_member)
        data = phone_jpeg()
        first = self.send(upload("IMG_0001.jpg", data, "image/jpeg"))
        again = self.send(upload("IMG_0001.jpg", data, "image/jpeg"))
        self.assertEqual((first["code"], first["status"], first["stored"]), (200, "ok", 1))
        self.assertEqual((again["code"], again["status"], again["stored"]), (200, "ok", 0))
        self.assertIn("IMG_0001.jpg", str(again["repeated"]))
        self.assertEqual(WorkOrderPhoto.objects.filter(work_order=self.order).count(), 1)
        self.assertEqual(len(stored_files(self.media)), 1)
        lines = WorkOrderEvent.objects.filter(work_order=self.order, note_code="photos_added")
        self.assertEqual(lines.count(), 1)

    def test_not_a_picture_is_refused_with_where_to_send_them(self) -> None:
        self.login(self.crew_member)
        answer = self.send(upload("记录.txt", "处理记录".encode(), "text/plain"))
        self.assertEqual((answer["code"], answer["status"]), (422, "refused"))
        self.assertIn("记录.txt", str(answer["reason"]))
        self.assertEqual(
            answer["order_url"], reverse("servicedesk:work_order", args=[self.order.pk])
        )
        self.assertFalse(WorkOrderPhoto.objects.exists())

    def test_another_crew_s_member_stores_nothing(self) -> None:
        other = Crew.objects.create(station=self.station_a, name="抢修二班")
        stranger = make_user("crew2", self.station_a, Role.CREW, full_name="李二")
        other.members.add(stranger)
        self.login(stranger)
        answer = self.send(upload("a.jpg", phone_jpeg(), "image/jpeg"))
        self.assertEqual((answer["code"], answer["status"]), (403, "refused"))
        self.assertNotIn(self.order.number, str(answer))
        self.assertFalse(WorkOrderPhoto.objects.exists())
