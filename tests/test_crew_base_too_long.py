"""A crew's base: no ``maxlength``; too long, it is refused at its field with its limit and the
length typed, the crew's page drawn with all that was typed; the service refuses it too (it
cut it to 100)."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from powerdesk.accounts.crews import crew_base_set
from powerdesk.accounts.forms import CrewPositionForm
from powerdesk.accounts.models import Crew
from powerdesk.lib.forms import InputError
from tests.base import BaseTestCase
from tests.test_outage_form_errors import field_errors


class CrewBaseTooLongTests(BaseTestCase):
    def test_a_base_too_long_is_refused_at_it_and_kept(self) -> None:
        self.login(self.chief)
        page = reverse("accounts:crew", args=[self.crew.pk])
        self.assertNotIn('maxlength="', self.client.get(page).content.decode())
        typed = "站" * 101
        response = self.client.post(
            reverse("accounts:crew_position", args=[self.crew.pk]),
            {"what": "base", "base": typed, "x": "101.5", "y": "25.1"},
            follow=True,
        )
        html = response.content.decode()
        said = field_errors(html, "base")
        self.assertIn("100", said)
        self.assertIn("101", said)
        self.assertIn(f'value="{typed}"', html)
        self.assertIn('value="101.5"', html)
        self.crew.refresh_from_db()
        self.assertEqual(self.crew.base, "")
        with self.assertRaises(InputError):
            crew_base_set(crew=self.crew, user=self.chief, name="x" * 101, x=101.5, y=25.1)
        self.crew.refresh_from_db()
        self.assertIsNone(self.crew.base_x)

    def test_the_service_s_refusal_is_at_the_field_with_what_was_typed(self) -> None:
        """Review 32, finding 14: a base the form let through but the service refused was a
        banner, and what was typed was lost."""
        self.assertEqual(
            CrewPositionForm().fields["base"].max_length, Crew._meta.get_field("base").max_length
        )
        self.login(self.chief)
        typed = "县供电所东门外二十米"
        with mock.patch("powerdesk.accounts.crews.BASE_CHARS", 5):
            response = self.client.post(
                reverse("accounts:crew_position", args=[self.crew.pk]),
                {"what": "base", "base": typed, "x": "101.5", "y": "25.1"},
                follow=True,
            )
        html = response.content.decode()
        said = field_errors(html, "base")
        self.assertIn("5", said)
        self.assertIn(str(len(typed)), said)
        self.assertIn(f'value="{typed}"', html)
        self.assertIn('value="101.5"', html)
        self.crew.refresh_from_db()
        self.assertEqual((self.crew.base, self.crew.base_x), ("", None))
