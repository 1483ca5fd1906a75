"""The crew's card: its texts carry no ``maxlength`` (a phone's browser cut what was pasted past
it without a word); too long, a step's text is refused at its field with its limit and the
length typed, from the queue (``field`` in the answer, for crew_sync.js to say it there) and
from the form without the script (the card drawn again with what was typed), nothing recorded.
An outage's cause note is refused past 200 (the service cut it to 200)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.outages.estimates import outage_cause_found
from powerdesk.outages.services import OutageError
from tests.servicedesk.crew_cast import CrewSyncTestCase, on_site, outage_job, plain_job


class CrewTextTooLongTests(CrewSyncTestCase):
    def card_form(self, step: str, address: str = "") -> str:
        """The step's form on the card, on the page drawn at ``address`` (a refused step's
        redirect: ``lib.kept``) or plainly."""
        page = self.client.get(address or reverse("servicedesk:crew_jobs")).content.decode()
        form = page[page.index(f'data-crew-step="{step}"') :]
        return form[: form.index("</form>")]

    def test_the_card_carries_no_maxlength(self) -> None:
        _outage, order = outage_job(self)
        on_site(self, order)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('name="note"', page)
        self.assertNotIn('maxlength="', page)

    def test_a_note_too_long_is_refused_at_it_from_the_queue(self) -> None:
        order = plain_job(self)
        on_site(self, order)
        answer = self.sync(order, "restored", note="修" * 2001)
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "note"))
        self.assertIn("2000", answer["reason"])
        self.assertIn("2001", answer["reason"])
        order.refresh_from_db()
        self.assertNotEqual(order.status, "resolved")

    def test_an_outage_s_cause_note_past_200_is_refused_and_kept_on_the_card(self) -> None:
        outage, order = outage_job(self)
        on_site(self, order)
        typed = "杆" * 201
        answer = self.sync(order, "cause_found", cause="lightning", note=typed)
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "note"))
        self.assertIn("200", answer["reason"])
        # Without the script: said at the note on the card, what was typed kept whole.
        refused = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]),
            {"step": "cause_found", "cause": "lightning", "note": typed},
        )
        form = self.card_form("cause_found", refused["Location"])
        self.assertIn(f'value="{typed}"', form)
        error = form[form.index('data-field-error="note"') :]
        self.assertNotIn("hidden", error[: error.index(">")])
        self.assertIn("201", error[: error.index("</p>")])
        outage.refresh_from_db()
        self.assertEqual((outage.cause, outage.cause_kind), ("", ""))

    def test_a_long_what_was_done_is_kept_whole_on_the_card(self) -> None:
        order = plain_job(self)
        on_site(self, order)
        self.login(self.member)
        typed = "换" * 2001
        refused = self.client.post(
            reverse("servicedesk:crew_step", args=[order.pk]), {"step": "restored", "note": typed}
        )
        form = self.card_form("restored", refused["Location"])
        self.assertNotIn(
            'maxlength="', self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        )
        self.assertIn(f">{typed}</textarea>", form)
        self.assertIn("2001", form[form.index('data-field-error="note"') :])

    def test_the_service_refuses_a_cause_note_too_long(self) -> None:
        outage, _order = outage_job(self)
        with self.assertRaises(OutageError) as caught:
            outage_cause_found(outage=outage, user=self.chief, cause="lightning", note="x" * 201)
        self.assertEqual(caught.exception.field, "note")
        outage.refresh_from_db()
        self.assertEqual(outage.cause, "")
