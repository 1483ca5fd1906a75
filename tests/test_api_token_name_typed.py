"""The API-token form's name read as every name typed in PowerDesk is (probe73 L3): bidirectional
controls taken out ("evil\\u202egnp.exe" shown as "evilexe.png"), invisible characters alone
refused at the field, no token made."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.cache import cache
from django.urls import reverse

from powerdesk.accounts.models import ApiToken, Role
from tests.base import BaseTestCase, make_user

NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)


class TokenNameTypedTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.enterContext(time_machine.travel(NOW, tick=False))
        self.login(make_user("a_admin", self.station_a, Role.ADMIN))

    def make(self, name: str, form_token: str) -> object:
        return self.client.post(
            reverse("accounts:api_tokens"),
            {"name": name, "expires": "1y", "form_token": form_token},
        )

    def test_a_name_of_invisible_characters_alone_is_refused_at_its_field(self) -> None:
        for n, name in enumerate(("\u202e\u200b", "\u200b\u3000\u2060")):
            with self.subTest(repr(name)):
                answer = self.make(name, f"f{n}")
                self.assertEqual(answer.status_code, 400)  # the form again, with its error
        self.assertFalse(ApiToken.objects.exists())

    def test_bidirectional_controls_are_taken_out_of_the_name(self) -> None:
        self.make("evil\u202egnp.exe\u200b", "f9")
        self.assertEqual(ApiToken.objects.get().name, "evilgnp.exe")
