"""Photos the crew's phone kept with a step made without signal, sent after the station has the
step (``servicedesk:crew_photos``, walk61 M1): stored as the order's other photos are (checked
as pictures, once by their content: a retry or a second tap stores nothing twice), refused for
another crew's job, and a refusal names where they can still be sent (the order's page).

A job given to another crew meanwhile (review61 L2): refused 403 saying the job is no longer the
crew's (it said 422 "Your role does not allow this", and named the order's page, which refuses
them too), naming no page, storing nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.permissions import Do
from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from powerdesk.servicedesk.order_dispatch import work_order_dispatch
from powerdesk.servicedesk.order_steps import work_order_transition
from powerdesk.servicedesk.views_crew_photos import no_longer_theirs
from powerdesk.servicedesk.workflow import require_on_order
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

    def test_a_job_given_to_another_crew_meanwhile_is_refused_403_saying_so(self) -> None:
        other = Crew.objects.create(station=self.station_a, name="抢修二班")
        work_order_dispatch(work_order=self.order, crew=other, user=self.chief)
        self.order.refresh_from_db()
        self.login(self.crew_member)
        answer = self.send(upload("a.jpg", phone_jpeg(), "image/jpeg"))
        self.assertEqual((answer["code"], answer["status"]), (403, "refused"))
        # No page named: the order's page refuses them to this crew too.
        self.assertNotIn("order_url", answer)
        self.assertFalse(WorkOrderPhoto.objects.exists())
        with translation.override("zh-hans"):
            said = no_longer_theirs(self.order, self.crew_member)
            try:
                require_on_order(self.crew_member, self.order, Do.ORDER_NOTE)
            except PermissionDenied as exc:
                role_words = str(exc)
        self.assertEqual(answer["reason"], said)
        self.assertNotEqual(answer["reason"], role_words)
        self.assertIn("抢修二班", str(answer["reason"]))
        with translation.override("en"):
            words = no_longer_theirs(self.order, self.crew_member)
        self.assertIn("gave the job to 抢修二班", words)
        self.assertIn("no longer your crew's", words)

    def test_the_job_taken_back_from_the_crew_is_no_longer_theirs_either(self) -> None:
        work_order_transition(work_order=self.order, to_status="received", user=self.chief)
        self.order.refresh_from_db()
        self.login(self.crew_member)
        answer = self.send(upload("a.jpg", phone_jpeg(), "image/jpeg"))
        self.assertEqual((answer["code"], answer["status"]), (403, "refused"))
        self.assertNotIn("order_url", answer)
        with translation.override("en"):
            words = no_longer_theirs(self.order, self.crew_member)
        self.assertIn("took the job back", words)
        self.assertFalse(WorkOrderPhoto.objects.exists())

    def test_stored_counts_only_the_photos_new_to_the_order(self) -> None:
        self.login(self.crew_member)
        first, second = phone_jpeg(), phone_jpeg((320, 240))
        self.send(upload("IMG_0001.jpg", first, "image/jpeg"))
        answer = self.send(
            upload("IMG_0001.jpg", first, "image/jpeg"),
            upload("IMG_0002.jpg", second, "image/jpeg"),
        )
        self.assertEqual((answer["code"], answer["stored"]), (200, 1))
        self.assertEqual(WorkOrderPhoto.objects.filter(work_order=self.order).count(), 2)
