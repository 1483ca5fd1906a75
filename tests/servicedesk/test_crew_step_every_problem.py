"""The crew phone's step says every problem of one submit in one answer (review 33, finding
3): its photos are checked with its fields, a bad photo no longer hiding a field's problem, and
every field's problem is said at once, each at its field."""

from __future__ import annotations

from html import unescape

from django.urls import reverse

from powerdesk.servicedesk.crew_step_asks import FieldRefused
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from tests.images import phone_jpeg
from tests.test_photos import HTML, PhotoCase, stored_files, upload


class CrewStepEveryProblemTests(PhotoCase):
    def setUp(self) -> None:
        super().setUp()
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.crew_member, fields={})

    def test_a_bad_photo_and_a_note_too_long_are_said_in_one_answer(self) -> None:
        self.login(self.crew_member)
        note = "换" * 2001
        answer = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {
                "step": "restored",
                "note": note,
                "photos": [upload("p.jpg", phone_jpeg(size=(320, 240))), upload("x.jpg", HTML)],
            },
            follow=True,
        )
        page = unescape(answer.content.decode())
        photos = page[page.index(f'id="photos-error-{self.order.pk}"') :]
        self.assertIn("x.jpg", photos[: photos.index("</p>")])
        said = page[page.index(f'id="restored-note-error-{self.order.pk}"') :]
        self.assertIn("2001", said[: said.index("</p>")])
        self.assertIn(note, page)  # kept, to be shortened
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")
        self.assertFalse(self.order.photos.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_every_field_s_problem_is_refused_at_once(self) -> None:
        with self.assertRaises(FieldRefused) as refused:
            crew_step_take(
                work_order=self.order,
                step="restored",
                user=self.crew_member,
                fields={"note": "换" * 2001, "cause": "因" * 201},
            )
        self.assertEqual(set(refused.exception.wrong), {"note", "cause"})
        # The cause recorded (the card's cause form asks it first: walkthrough 35, 1), the
        # device is said at its field.
        WorkOrder.objects.filter(pk=self.order.pk).update(cause="熔丝熔断")
        with self.assertRaises(FieldRefused) as refused:
            crew_step_take(
                work_order=self.order,
                step="restored",
                user=self.crew_member,
                fields={"device": "NO-SUCH", "note": "换了熔丝"},
            )
        self.assertEqual(set(refused.exception.wrong), {"device"})
        self.assertIn("NO-SUCH", refused.exception.wrong["device"])
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")

    def test_the_phone_s_queue_is_told_every_field_refused(self) -> None:
        import datetime as dt
        import json
        import uuid

        from django.utils import timezone

        self.login(self.crew_member)
        WorkOrder.objects.filter(pk=self.order.pk).update(cause="熔丝熔断")
        item = {
            "client_id": str(uuid.uuid4()),
            "order": self.order.pk,
            "step": "restored",
            "fields": {"device": "NO-SUCH", "note": "换了熔丝"},
            "made_at": (timezone.now() - dt.timedelta(seconds=30)).isoformat(),
        }
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps({"items": [item]}),
            content_type="application/json",
        )
        [answer] = response.json()["results"]
        self.assertEqual(answer["status"], "conflict")
        self.assertEqual(set(answer["wrong"]), {"device"})
        self.assertIn("NO-SUCH", answer["wrong"]["device"])
