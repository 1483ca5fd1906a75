"""The resolution form says every field's problem in one answer, each at its field, what was
typed kept (review 33, finding 3: it said one a submit: the cause, then the device, then the
note too long)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tests.images import phone_jpeg
from tests.test_photos import HTML, PhotoCase, stored_files, upload


class ResolveEveryProblemTests(PhotoCase):
    def resolve(self, photos: list[object] | None = None, **fields: str):  # type: ignore[no-untyped-def]
        self.login(self.clerk)
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[self.order.pk]),
            {"action": "status", "to": "resolved", "photos": photos or [], **fields},
            follow=True,
        )

    def errors(self, answer) -> dict[str, str]:  # type: ignore[no-untyped-def]
        form = answer.context["resolve_form"]
        return {name: " ".join(str(e) for e in found) for name, found in form.errors.items()}

    def assert_nothing_stored(self) -> None:
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "dispatched")
        self.assertFalse(self.order.photos.exists())
        self.assertEqual(stored_files(self.media), [])

    def test_the_cause_and_the_device_missing_are_said_at_once_at_their_fields(self) -> None:
        answer = self.resolve(note="更换熔丝")
        errors = self.errors(answer)
        with translation.override("zh-hans"):
            self.assertEqual(errors["cause"], _("Say what caused it."))
            self.assertEqual(
                errors["device"], _("Name the device where it was found (its code or name).")
            )
        self.assertContains(answer, "更换熔丝")  # kept
        self.assert_nothing_stored()

    def test_a_device_unknown_and_a_note_too_long_are_said_at_once(self) -> None:
        note = "换" * 2001
        answer = self.resolve(cause="熔丝熔断", device="NO-SUCH", note=note)
        errors = self.errors(answer)
        self.assertIn("NO-SUCH", errors["device"])
        self.assertIn("2001", errors["note"])
        self.assertContains(answer, note)  # kept whole, to be shortened
        self.assertContains(answer, "熔丝熔断")
        self.assert_nothing_stored()

    def test_the_fields_and_the_photos_are_said_in_one_answer(self) -> None:
        photos = [upload("p.jpg", phone_jpeg(size=(320, 240))), upload("page.jpg", HTML)]
        answer = self.resolve(photos, note="更换熔丝")
        errors = self.errors(answer)
        self.assertIn("cause", errors)
        self.assertIn("device", errors)
        self.assertIn("page.jpg", answer.context["resolve_form"].photos_error)
        self.assert_nothing_stored()
