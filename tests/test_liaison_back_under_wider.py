"""walk44, 2: the inner outage's card (a fuse's below a pole's still off) offered "我组已来电"
under its own line "两处都复电后才来电"; pressed, it was taken as any report. Such a report
contradicts the record (the wider outage is back, or the report is wrong): the card says so
before the press and asks for a tick, and the report, once made, is recorded on both outages
and shown to the dispatcher as a report to check while the wider one stays off."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.services import outage_restore
from tests.base import BaseTestCase
from tests.outage_cast import nested_on_pole_and_fuse
from tests.outage_cast_liaisons import group_leader


class LiaisonBackUnderWiderTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = group_leader(self)
        self.wider, self.inner = nested_on_pole_and_fuse(self)

    def press(self, **extra: str) -> str:
        self.login(self.leader)
        data = {"action": "power_back", "outage": str(self.inner.pk), "group": str(self.group.pk)}
        with translation.override("en"):  # the words asserted are the English ones
            response = self.client.post(
                reverse("web:liaison"), {**data, **extra}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
            )
        return response.content.decode()

    def board(self) -> str:
        self.login(self.chief)
        return self.client.get(reverse("outages:list")).content.decode()

    def test_the_inner_card_says_the_wider_outage_is_off_before_the_press(self) -> None:
        self.login(self.leader)
        page = self.client.get(reverse("web:liaison")).content.decode()
        forms = page.split('data-testid="liaison-power-back"')[1:]
        self.assertEqual(len(forms), 2)  # the wider outage's, and the inner one's
        inner = next(f for f in forms if f'value="{self.inner.pk}"' in f).split("</form>")[0]
        self.assertIn('data-testid="liaison-back-under"', inner)
        self.assertIn(str(self.pole), inner)
        self.assertIn('name="above" value="1" required', inner)
        wider = next(f for f in forms if f'value="{self.wider.pk}"' in f).split("</form>")[0]
        self.assertNotIn("liaison-back-under", wider)  # said of the wider one as before

    def test_without_the_tick_nothing_is_recorded_and_the_liaison_is_told_why(self) -> None:
        page = self.press()
        self.assertIn("still recorded as off", page)
        self.assertFalse(OutageEvent.objects.filter(what__startswith="liaison_on").exists())
        self.assertNotIn("liaison-check", self.board())

    def test_ticked_it_is_recorded_on_both_and_the_dispatcher_is_asked_to_check(self) -> None:
        page = self.press(above="1")
        self.assertIn("The station will check it", page)
        self.assertIn('data-testid="liaison-reported-under"', page)
        inner = OutageEvent.objects.get(outage=self.inner, what="liaison_on")
        self.assertEqual(inner.by, self.leader)
        self.assertEqual(inner.note_code, "outage_back_in_under")
        self.assertIn(str(self.pole), inner.note)
        wider = OutageEvent.objects.get(outage=self.wider, what="liaison_on_inside")
        self.assertIn(str(self.fuse), wider.note)
        # Never taken as restored on the report's word.
        for outage in (self.inner, self.wider):
            outage.refresh_from_db()
            self.assertEqual(outage.status, Outage.Status.ACTIVE)
        board = self.board()
        check = board.split(f'data-testid="liaison-check-outage-{self.inner.pk}"')[1][:600]
        self.assertIn("哔叭", check)
        self.assertIn(self.pole.name, check)
        self.assertIn(f'data-testid="liaison-check-outage-{self.wider.pk}"', board)
        self.assertEqual(board.count('data-testid="liaison-check-'), 2)  # the board's two rows
        # A second press (a double tap) records nothing more.
        self.press(above="1")
        self.assertEqual(OutageEvent.objects.filter(what__startswith="liaison_on").count(), 2)

    def test_once_the_wider_outage_is_restored_there_is_nothing_to_check(self) -> None:
        self.press(above="1")
        outage_restore(outage=self.wider, user=self.chief, how="remote", cause="unknown")
        self.assertNotIn("liaison-check", self.board())
