"""fix67b, 3: a household's callback the chief gave up can be put back on the list (恢复回访) by
the chief alone, saying why: recorded on it and in the outage's history (who, why), shown on
the callbacks page; the outage is then not closed until it is reached or given up again."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outages.life import outage_close
from powerdesk.outages.outage_callback_record import (
    GIVE_UP_AFTER,
    outage_callback_give_up,
    outage_callback_put_back,
    outage_callback_record,
)
from powerdesk.outages.services import OutageError
from tests.outages.callback_due import CallbackDueCase


class PutBackTests(CallbackDueCase):
    def setUp(self) -> None:
        super().setUp()
        for n in range(GIVE_UP_AFTER):  # three tries, not one sent three times
            outage_callback_record(
                callback=self.callback, user=self.clerk, outcome="not_reached", note=f"第{n}次"
            )
        outage_callback_give_up(callback=self.callback, user=self.chief, reason="号码停机")
        self.callback.refresh_from_db()

    def test_the_chief_puts_it_back_with_why_and_the_outage_waits_for_it(self) -> None:
        self.assertFalse(self.listed())
        with self.assertRaises(NotAllowed):  # the chief's decision, as giving up is
            outage_callback_put_back(callback=self.callback, user=self.clerk, reason="找到新号码")
        with self.assertRaises(OutageError):  # with why
            outage_callback_put_back(callback=self.callback, user=self.chief, reason="  ")
        outage_callback_put_back(callback=self.callback, user=self.chief, reason="找到新号码")
        self.callback.refresh_from_db()
        self.assertFalse(self.callback.given_up)
        self.assertIsNone(self.callback.done_at)
        self.assertEqual(self.callback.attempts, GIVE_UP_AFTER)  # its tries kept
        self.assertEqual(
            (self.callback.put_back_by, self.callback.put_back_why), (self.chief, "找到新号码")
        )
        self.assertTrue(self.listed())
        line = self.outage.events.get(what="callback_put_back")
        self.assertEqual((line.by, line.note), (self.chief, "普光荣: 找到新号码"))
        self.assertTrue(self.outage.events.filter(what="callback_given_up").exists())
        # Not closable until it is done again.
        with self.assertRaises(OutageError):
            outage_close(outage=self.outage, user=self.chief)
        outage_callback_record(
            callback=self.callback, user=self.clerk, outcome="reached", satisfaction=4
        )
        outage_close(outage=self.outage, user=self.chief)

    def test_only_a_given_up_callback_of_an_open_outage_is_put_back(self) -> None:
        outage_callback_put_back(callback=self.callback, user=self.chief, reason="家属回来了")
        with self.assertRaises(OutageError):  # due already
            outage_callback_put_back(callback=self.callback, user=self.chief, reason="再打")
        outage_callback_give_up(callback=self.callback, user=self.chief, reason="还是停机")
        outage_close(outage=self.outage, user=self.chief)
        with self.assertRaises(OutageError):  # the outage is closed: its callbacks are over
            outage_callback_put_back(callback=self.callback, user=self.chief, reason="再打")
        self.callback.refresh_from_db()
        self.assertTrue(self.callback.given_up)

    def test_a_given_up_household_cannot_be_recorded_and_says_so(self) -> None:
        with translation.override("en"), self.assertRaisesMessage(OutageError, "given up"):
            outage_callback_record(callback=self.callback, user=self.clerk, outcome="reached")

    # -- the page -----------------------------------------------------------------------------
    def test_the_page_lists_it_given_up_and_the_chief_puts_it_back(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertIn(f'data-testid="given-up-{self.callback.pk}"', page)
        self.assertIn("号码停机", page)
        self.assertNotIn(f"outage-callback-put-back-form-{self.callback.pk}", page)  # the chief's
        self.client.post(
            reverse("outages:callback_done", args=[self.callback.pk]),
            {"action": "put_back", "note": "找到新号码"},
        )
        self.callback.refresh_from_db()
        self.assertTrue(self.callback.given_up)
        self.login(self.chief)
        page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        self.assertIn(f"outage-callback-put-back-form-{self.callback.pk}", page)
        response = self.client.post(
            reverse("outages:callback_done", args=[self.callback.pk]),
            {"action": "put_back", "note": "找到新号码"},
            follow=True,
        )
        self.callback.refresh_from_db()
        self.assertFalse(self.callback.given_up)
        html = response.content.decode()
        self.assertIn(f'data-testid="outage-callback-form-{self.callback.pk}"', html)
        shown = html.split(f'data-testid="outage-callback-put-back-{self.callback.pk}">', 1)[1]
        self.assertIn("找到新号码", shown.split("</span>", 1)[0])
        self.assertNotIn(f'data-testid="given-up-{self.callback.pk}"', html)
