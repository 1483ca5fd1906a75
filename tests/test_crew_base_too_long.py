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


class CrewBaseCoordinatesTests(BaseTestCase):
    """Review 33: a base's coordinates refused by the service were a banner above the form;
    they are said at the latitude and the longitude, kept as typed, with the name's problem
    in the same answer."""

    def post(self, **fields: str):  # type: ignore[no-untyped-def]
        self.login(self.chief)
        return self.client.post(
            reverse("accounts:crew_position", args=[self.crew.pk]),
            {"what": "base", "base": "东门", **fields},
            follow=True,
        )

    def assert_no_banner(self, response) -> None:  # type: ignore[no-untyped-def]
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "error"])

    def test_zero_zero_is_said_at_the_latitude_and_longitude_kept_as_typed(self) -> None:
        response = self.post(x="0", y="0.0")
        html = response.content.decode()
        self.assert_no_banner(response)
        self.assertIn("0", field_errors(html, "y"))
        self.assertTrue(field_errors(html, "x"))
        self.assertIn('value="0.0"', html)  # as typed
        self.assertIn('value="东门"', html)
        self.crew.refresh_from_db()
        self.assertIsNone(self.crew.base_x)

    def test_coordinates_and_a_name_too_long_are_said_at_once(self) -> None:
        response = self.post(x="0", y="0", base="站" * 101)
        html = response.content.decode()
        self.assert_no_banner(response)
        self.assertTrue(field_errors(html, "y"))
        self.assertTrue(field_errors(html, "x"))
        self.assertIn("101", field_errors(html, "base"))

    def test_out_of_bounds_is_said_at_the_field_naming_it(self) -> None:
        response = self.post(x="181", y="25.1")
        html = response.content.decode()
        self.assert_no_banner(response)
        self.assertIn("180", field_errors(html, "x"))
        self.assertIn("经度", field_errors(html, "x"))
        self.assertIn('value="181"', html)

    def test_the_service_says_each_coordinate_at_its_field(self) -> None:
        from powerdesk.accounts.crews import CrewFieldError

        with self.assertRaises(CrewFieldError) as refused:
            crew_base_set(crew=self.crew, user=self.chief, name="东门", x=200.0, y=-95.0)
        self.assertEqual(set(refused.exception.wrong), {"x", "y"})
