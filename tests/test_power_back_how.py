"""A fault outage restored with no crew ever sent is not taken without asking how power came
back (walkthrough 36, #12): the board's form asks it, refused at its field when none is chosen;
it is a line of the outage's history and said with the outage among those recently restored.
Restoring one a crew was sent to asks nothing more (a crew restoring from its phone was sent);
the system is not asked. Any person is, whatever form it came from (review 37, 4); "another way"
is said in the note; the cause and how are refused at once (walkthrough 38, 6)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.power_back_how import PowerBackHow, no_crew_ever_sent
from powerdesk.outages.services import OutageError, outage_restore
from tests.base import BaseTestCase, make_user
from tests.outage_cast import fault_declare


class PowerBackHowTests(BaseTestCase):
    def setUp(self) -> None:
        self.outage = fault_declare(self, self.fuse, began=40)

    def post(self, **fields: str) -> object:
        self.login(self.clerk)
        return self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": self.outage.pk, "cause": "unknown", **fields},
        )

    def test_the_form_asks_it_and_refuses_at_its_field_recording_nothing(self) -> None:
        self.login(self.clerk)
        self.assertIn('data-testid="restore-how"', self.client.get("/outages/").content.decode())
        response = self.post(note="调度说已合闸")
        self.assertEqual(response.status_code, 400)  # type: ignore[attr-defined]
        html = response.content.decode()  # type: ignore[attr-defined]
        self.assertIn('data-testid="how-errors"', html)
        self.assertIn('value="调度说已合闸"', html)  # what was typed, kept
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        self.assertEqual(self.outage.cause_kind, "")  # the cause neither: one step, or none

    def test_with_how_it_is_restored_and_kept_in_its_history_and_on_the_page(self) -> None:
        response = self.post(how=PowerBackHow.REMOTE, note="调度远方合闸")
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        line = OutageEvent.objects.get(outage=self.outage, what="power_back_how")
        self.assertEqual(line.note_args, {"how": "remote"})
        with translation.override("en"):
            self.assertEqual(
                line.shown_note,
                "Power came back with no crew sent: a switch re-closed remotely, or by phone "
                "to the dispatch centre",
            )
        restored = OutageEvent.objects.get(outage=self.outage, what="restored")
        self.assertEqual(restored.note, "调度远方合闸")
        page = self.client.get("/outages/").content.decode()
        self.assertIn(f'data-testid="back-how-{self.outage.pk}"', page)

    def test_with_a_crew_sent_nothing_more_is_asked(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertFalse(no_crew_ever_sent(self.outage))
        self.assertEqual(self.post().status_code, 302)  # type: ignore[attr-defined]
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertFalse(OutageEvent.objects.filter(what="power_back_how").exists())

    def test_the_service_asks_it_of_anyone_whatever_the_form(self) -> None:
        # review 37, 4: asked only when a form passed ``how``; the list's plain "restore" (or
        # any caller of the service) went round it.
        self.assertTrue(no_crew_ever_sent(self.outage))
        for how in (None, "", "magic"):
            with self.subTest(how=how), self.assertRaises(OutageError) as refused:
                outage_restore(outage=self.outage, user=self.clerk, cause="unknown", how=how)
            self.assertEqual(refused.exception.field, "how")  # type: ignore[attr-defined]
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        outage_restore(outage=self.outage, user=self.clerk, cause="unknown", how="remote")
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertTrue(OutageEvent.objects.filter(what="power_back_how").exists())

    def test_the_system_is_not_asked(self) -> None:
        outage_restore(outage=self.outage, user=None)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)
        self.assertFalse(OutageEvent.objects.filter(what="power_back_how").exists())

    def test_a_crafted_plain_restore_of_a_fault_outage_is_refused(self) -> None:
        # The outages list's "Power is back" button is drawn for planned outages only.
        from powerdesk.outages.estimates import outage_cause_found

        outage_cause_found(outage=self.outage, user=self.clerk, cause="lightning")
        self.login(self.clerk)
        response = self.client.post(
            reverse("outages:list"), {"action": "restore", "outage": self.outage.pk}, follow=True
        )
        with translation.override("zh-hans"):
            said = translation.gettext("No crew was sent to this outage: say how power came back.")
        self.assertContains(response, said)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)

    def test_the_cause_and_how_are_refused_at_once_each_at_its_field(self) -> None:
        # walkthrough 38, 6: the cause was flagged, then "how" on the second try.
        self.login(self.clerk)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": self.outage.pk, "note": "用户说来电了"},
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn('data-testid="cause-errors"', html)
        self.assertIn('data-testid="how-errors"', html)
        self.assertIn('value="用户说来电了"', html)
        with self.assertRaises(OutageError) as refused:
            outage_restore(outage=self.outage, user=self.clerk)
        self.assertEqual(
            sorted(refused.exception.wrong),  # type: ignore[attr-defined]
            ["cause", "how"],
        )

    def test_a_time_that_is_not_one_is_refused_with_the_cause_and_how(self) -> None:
        # It was said alone, the cause and how only on the next try.
        self.login(self.clerk)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "restore_at", "outage": self.outage.pk, "at": "昨天下午", "note": "来电"},
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        for name in ("at", "cause", "how"):
            self.assertIn(f'data-testid="{name}-errors"', html)
        self.assertIn('value="来电"', html)
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)

    def test_another_way_is_said_in_the_note(self) -> None:
        with self.assertRaises(OutageError) as refused:
            outage_restore(
                outage=self.outage, user=self.clerk, cause="unknown", how="other", note="  "
            )
        self.assertEqual(refused.exception.field, "note")  # type: ignore[attr-defined]
        response = self.post(how=PowerBackHow.OTHER)
        self.assertEqual(response.status_code, 400)  # type: ignore[attr-defined]
        html = response.content.decode()  # type: ignore[attr-defined]
        self.assertIn('data-testid="note-errors"', html)
        self.assertIn('value="other" selected', html)  # what was chosen, kept
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        response = self.post(how=PowerBackHow.OTHER, note="村电工自己合上了刀闸")
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.RESTORED)

    def test_who_may_not_restore_is_told_so_before_what_is_wrong_with_the_fields(self) -> None:
        # review39, N3: a time that is not one was answered with the cause and how to say.
        sent = {"action": "restore_at", "outage": self.outage.pk, "at": "昨天下午", "note": "来电"}
        # An administrator posts to the outages page (its villages) but restores nothing.
        self.login(make_user("n3_admin", self.station_a, Role.ADMIN))
        response = self.client.post(reverse("outages:list"), sent)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn('data-testid="at-errors"', response.content.decode())
        self.outage.refresh_from_db()
        self.assertEqual(self.outage.status, Outage.Status.ACTIVE)
        # Restored already: said so, not what is wrong with the time, the cause and how.
        outage_restore(outage=self.outage, user=self.clerk, cause="unknown", how="remote")
        self.login(self.clerk)
        response = self.client.post(reverse("outages:list"), sent, follow=True)
        html = response.content.decode()
        with translation.override("zh-hans"):
            self.assertIn(translation.gettext("Power is already back."), html)
        for name in ("at", "cause", "how"):
            self.assertNotIn(f'data-testid="{name}-errors"', html)
