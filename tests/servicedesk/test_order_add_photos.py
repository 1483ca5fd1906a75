"""Photos added on the order's page at any status and of any order (walkthrough 31, finding 3),
and the duplicate and the bound said (finding 4): whoever may note the order adds them, through
the photo service every photo of an order goes through; one line of the history says who added
how many; a note carrying photos is refused, never taken as the note alone."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.lib.photos import PHOTOS_PER_RECORD
from powerdesk.servicedesk.history_notes import note_shown
from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from powerdesk.servicedesk.order_field import (
    PhotosRefused,
    work_order_photos_add,
    work_order_photos_repeated,
)
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from tests.base import make_user, zh
from tests.images import phone_jpeg
from tests.test_photos import HTML, PhotoCase, stored_files, upload


def pictures(n: int, start: int = 0) -> list[object]:
    return [upload(f"img{k}.jpg", phone_jpeg(size=(320 + k, 240))) for k in range(start, n)]


class AddPhotosTests(PhotoCase):
    def setUp(self) -> None:
        super().setUp()
        self.complaint = work_order_create(
            station=self.station_a, user=self.clerk, category="complaint", summary="态度不好"
        )
        self.url = reverse("servicedesk:work_order_action", args=[self.complaint.pk])

    def add(self, photos: list[object], *, order=None):  # type: ignore[no-untyped-def]
        order = order or self.complaint
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "photos", "photos": photos},
            follow=True,
        )

    def lines(self, order=None) -> list[WorkOrderEvent]:  # type: ignore[no-untyped-def]
        order = order or self.complaint
        return list(WorkOrderEvent.objects.filter(work_order=order, note_code="photos_added"))

    def test_the_page_of_an_office_order_offers_photos_with_the_bound(self) -> None:
        self.login(self.clerk)
        page = self.client.get(self.complaint.get_absolute_url())
        self.assertContains(page, 'data-testid="add-photos"')
        self.assertContains(page, 'name="action" value="photos"')
        with translation.override("zh-hans"):
            bound = ngettext(
                "at most %(n)s photo per order (%(kept)s kept)",
                "at most %(n)s photos per order (%(kept)s kept)",
                PHOTOS_PER_RECORD,
            ) % {"n": PHOTOS_PER_RECORD, "kept": 0}
        self.assertContains(page, bound)

    def test_a_clerk_adds_photos_to_a_complaint_one_line_says_who_and_how_many(self) -> None:
        self.login(self.clerk)
        answer = self.add(pictures(3))
        self.assertEqual(self.complaint.photos.count(), 3)
        [line] = self.lines()
        self.assertEqual((line.by, line.note_args), (self.clerk, {"n": 3}))
        self.assertIsNotNone(line.at)
        # No line for each photo besides.
        self.assertFalse(
            WorkOrderEvent.objects.filter(work_order=self.complaint, note_code="photo").exists()
        )
        with translation.override("zh-hans"):
            shown = note_shown("photos_added", {"n": 3}, line.note)
            added = ngettext("%(n)s photo added.", "%(n)s photos added.", 3) % {"n": 3}
        self.assertContains(answer, shown)
        self.assertContains(answer, added)
        with translation.override("en"):
            self.assertEqual(note_shown("photos_added", {"n": 3}, line.note), "3 photos added")

    def test_photos_are_added_after_the_order_is_resolved_and_before_a_crew_is_sent(
        self,
    ) -> None:
        self.login(self.clerk)
        fault = work_order_create(
            station=self.station_a, user=self.clerk, category="hazard", summary="电杆倾斜"
        )
        self.add(pictures(1), order=fault)
        self.assertEqual(fault.photos.count(), 1)
        work_order_transition(
            work_order=self.complaint, to_status="resolved", user=self.clerk, note="已道歉"
        )
        self.add(pictures(2), order=self.complaint)
        self.assertEqual(self.complaint.photos.count(), 2)

    def test_every_bad_file_is_named_at_the_field_and_nothing_is_stored(self) -> None:
        self.login(self.clerk)
        answer = self.add([*pictures(1), upload("fake.jpg", HTML), upload("page.png", HTML)])
        page = answer.content.decode()
        start = page.index('data-testid="add-photos-error"')
        field = page[start : page.index("</p>", start)]
        self.assertIn("fake.jpg", field)
        self.assertIn("page.png", field)
        self.assertFalse(self.complaint.photos.exists())
        self.assertEqual(stored_files(self.media), [])
        self.assertEqual(self.lines(), [])

    def test_past_the_bound_nothing_is_stored(self) -> None:
        WorkOrderPhoto.objects.bulk_create(
            WorkOrderPhoto(work_order=self.complaint, image=f"x/{n}.jpg", content_hash="")
            for n in range(PHOTOS_PER_RECORD - 1)
        )
        with self.assertRaises(PhotosRefused):
            work_order_photos_add(work_order=self.complaint, uploads=pictures(2), user=self.clerk)
        self.assertEqual(self.complaint.photos.count(), PHOTOS_PER_RECORD - 1)
        self.assertEqual(stored_files(self.media), [])

    def test_no_file_chosen_is_said_at_the_field(self) -> None:
        self.login(self.clerk)
        answer = self.client.post(self.url, {"action": "photos"}, follow=True)
        self.assertContains(answer, 'data-testid="add-photos-error"')
        self.assertContains(answer, zh("Choose at least one photo."))

    def test_a_picture_the_order_has_already_is_said_skipped(self) -> None:
        self.login(self.clerk)
        data = phone_jpeg()
        self.add([upload("a.jpg", data)])
        answer = self.add([upload("again.jpg", data), *pictures(1)])
        self.assertEqual(self.complaint.photos.count(), 2)
        with translation.override("zh-hans"):
            said = work_order_photos_repeated([upload("again.jpg", data)], [])
        self.assertIn("again.jpg", said)
        self.assertContains(answer, said)
        self.assertEqual([line.note_args for line in self.lines()], [{"n": 1}, {"n": 1}])
        # All of them there already: no line at all.
        self.add([upload("a.jpg", data)])
        self.assertEqual(len(self.lines()), 2)

    def test_the_administrator_and_another_crew_are_refused_by_the_service(self) -> None:
        admin = make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True)
        other_crew = Crew.objects.create(station=self.station_a, name="抢修二班")
        stranger = make_user("gl_crew2", self.station_a, Role.CREW)
        other_crew.members.add(stranger)
        for user, order in ((admin, self.complaint), (stranger, self.order)):
            with self.subTest(user.username), self.assertRaises(NotAllowed):
                work_order_photos_add(work_order=order, uploads=pictures(1), user=user)
        self.login(admin)
        self.assertNotContains(
            self.client.get(self.complaint.get_absolute_url()), 'data-testid="add-photos"'
        )
        self.assertEqual(self.add(pictures(1)).status_code, 403)
        self.assertFalse(WorkOrderPhoto.objects.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_the_crew_adds_photos_to_its_own_order(self) -> None:
        self.login(self.crew_member)
        self.add(pictures(1), order=self.order)
        self.assertEqual(self.order.photos.count(), 1)
        self.assertEqual(self.lines(self.order)[0].by, self.crew_member)

    def test_a_note_carrying_photos_is_refused_whole_at_the_note(self) -> None:
        self.login(self.clerk)
        answer = self.client.post(
            self.url, {"action": "note", "note": "客户发来照片", "photos": pictures(1)}, follow=True
        )
        self.assertFalse(self.complaint.photos.exists())
        self.assertFalse(
            WorkOrderEvent.objects.filter(work_order=self.complaint, note="客户发来照片")
        )
        self.assertEqual(stored_files(self.media), [])
        self.assertContains(answer, 'data-testid="note-note-error"')
        self.assertContains(answer, "客户发来照片")  # kept to send again

    def test_a_pause_carrying_photos_is_refused_too(self) -> None:
        self.login(self.clerk)
        self.client.post(self.url, {"action": "pause", "reason": "等客户", "photos": pictures(1)})
        self.complaint.refresh_from_db()
        self.assertIsNone(self.complaint.paused_at)
        self.assertFalse(self.complaint.photos.exists())


class CrewCardPhotoTests(PhotoCase):
    def test_the_card_says_the_bound_and_a_skipped_duplicate(self) -> None:
        self.login(self.crew_member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, f'id="crew-photos-limit-{self.order.pk}"')
        with translation.override("zh-hans"):
            bound = ngettext(
                "at most %(n)s photo per order", "at most %(n)s photos per order", PHOTOS_PER_RECORD
            ) % {"n": PHOTOS_PER_RECORD}
        self.assertContains(page, bound)
        data = phone_jpeg()
        url = reverse("servicedesk:crew_step", args=[self.order.pk])
        self.client.post(url, {"step": "accept", "photos": upload("a.jpg", data, "image/jpeg")})
        answer = self.client.post(
            url,
            {"step": "on_the_way", "photos": [upload("a.jpg", data, "image/jpeg")]},
            follow=True,
        )
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_the_way")
        self.assertEqual(self.order.photos.count(), 1)
        with translation.override("zh-hans"):
            said = work_order_photos_repeated([upload("a.jpg", data, "image/jpeg")], [])
        self.assertIn("a.jpg", said)
        self.assertContains(answer, said)
