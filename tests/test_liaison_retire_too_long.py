"""Why a liaison no longer serves: no ``maxlength``; too long (200), refused at its field (not
in the page's message banner) with its limit and the length typed, the reason kept in its form
(opened) to be shortened, the liaison still serving; the service refuses it too (it cut it to
200). A reason left empty is asked for at the same field."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from powerdesk.community.liaison_records import LiaisonError, liaison_add, liaison_retire
from tests.base import BaseTestCase
from tests.test_outage_form_errors import field_errors


class LiaisonRetireTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.liaison = liaison_add(
            village=self.village, by=self.chief, name="王村长", phone="13800138000", role="director"
        )
        # A second liaison, listed too: the refusal is said at the form sent, not at theirs.
        self.other = liaison_add(
            village=self.village, by=self.chief, name="李组长", phone="13800138001", role="director"
        )
        self.login(self.chief)
        self.url = reverse("community:village", args=[self.village.pk])

    def retire(self, reason: str) -> Any:
        return self.client.post(
            self.url, {"action": "retire", "liaison": self.liaison.pk, "reason": reason}
        )

    def assert_said_at_the_field_only(self, response: Any) -> str:
        self.assertEqual(response.status_code, 400)
        self.assertEqual([str(m) for m in response.context["messages"]], [])
        html = response.content.decode()
        self.assertEqual(html.count('data-testid="reason-errors"'), 1)
        # at the form of the liaison sent (its details opened), not at the other's
        form = html[html.index(f'name="liaison" value="{self.liaison.pk}"') :]
        self.assertIn('data-testid="reason-errors"', form[: form.index("</form>")])
        self.assertIn("<details open>", html)
        self.liaison.refresh_from_db()
        self.assertTrue(self.liaison.active)
        return html

    def test_a_reason_too_long_is_refused_at_its_field_and_kept(self) -> None:
        self.assertNotIn('maxlength="', self.client.get(self.url).content.decode())
        typed = "因" * 201
        html = self.assert_said_at_the_field_only(self.retire(typed))
        said = field_errors(html, "reason")
        self.assertIn("200", said)
        self.assertIn("201", said)
        self.assertIn(f'name="reason" value="{typed}"', html)
        with self.assertRaises(LiaisonError) as caught:
            liaison_retire(liaison=self.liaison, by=self.chief, reason="x" * 201)
        self.assertEqual(caught.exception.field, "reason")

    def test_a_reason_left_empty_is_asked_for_at_its_field(self) -> None:
        html = self.assert_said_at_the_field_only(self.retire("   "))
        self.assertTrue(field_errors(html, "reason"))

    def test_a_liaison_not_chosen_is_still_said_above_the_page(self) -> None:
        response = self.client.post(self.url, {"action": "retire", "liaison": "", "reason": "换届"})
        self.assertEqual(len(list(response.context["messages"])), 1)
        self.assertNotIn('data-testid="reason-errors"', response.content.decode())
