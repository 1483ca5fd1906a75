"""A crew's base: no ``maxlength``; too long, it is refused at its field with its limit and the
length typed, the crew's page drawn with all that was typed; the service refuses it too (it
cut it to 100)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.crews import crew_base_set
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
