"""A kiosk's name longer than the page allows, sent as it is (the browser's limit removed, or a
raw POST; walk #26 item 8): refused whole at the name field, which it names, never stored cut to
40 characters; what was typed is kept for correcting."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.models import CounterKiosk
from tests.base import BaseTestCase, zh

LONG = "营业厅一号柜台" * 29 + "柜"  # 204 characters


class KioskNameTests(BaseTestCase):
    def test_a_204_character_name_is_refused_at_its_field_and_nothing_is_stored(self) -> None:
        self.assertEqual(len(LONG), 204)
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:counter_rating"),
            {"name": LONG, "service": "pay_bill", "served_by": self.clerk.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(CounterKiosk.objects.exists())  # not stored, cut or whole
        self.assertIn("_auth_user_id", self.client.session)  # still signed in: not started
        page = response.content.decode()
        said = zh("Kiosk name: at most %(most)d characters; %(n)d were typed.") % {
            "most": 40,
            "n": 204,
        }
        # At the field, after it, and not at the top of the form.
        field = page[page.index('name="name"') :]
        self.assertIn('aria-invalid="true"', field[: field.index(">")])
        self.assertIn(said, field[: field.index("</p>")])
        self.assertNotIn('data-testid="kiosk-error"', page)
        self.assertIn(f'value="{LONG}"', page)  # what was typed is kept

    def test_a_name_of_40_characters_is_stored_whole(self) -> None:
        self.login(self.clerk)
        name = LONG[:40]
        response = self.client.post(
            reverse("servicedesk:counter_rating"),
            {"name": name, "service": "pay_bill", "served_by": self.clerk.pk},
        )
        self.assertRedirects(response, reverse("servicedesk:kiosk"))
        self.assertEqual(CounterKiosk.objects.get().name, name)
