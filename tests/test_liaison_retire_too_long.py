"""Why a liaison no longer serves: no ``maxlength``; too long (200), refused with its limit
and the length typed, the reason kept in its form (opened) to be shortened, the liaison still
serving; the service refuses it too (it cut it to 200)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.community.liaison_records import LiaisonError, liaison_add, liaison_retire
from tests.base import BaseTestCase


class LiaisonRetireTooLongTests(BaseTestCase):
    def test_a_reason_too_long_is_refused_and_kept(self) -> None:
        liaison = liaison_add(
            village=self.village, by=self.chief, name="王村长", phone="13800138000", role="director"
        )
        self.login(self.chief)
        url = reverse("community:village", args=[self.village.pk])
        self.assertNotIn('maxlength="', self.client.get(url).content.decode())
        typed = "因" * 201
        response = self.client.post(
            url, {"action": "retire", "liaison": liaison.pk, "reason": typed}
        )
        html = response.content.decode()
        said = " ".join(str(m) for m in response.context["messages"])
        self.assertIn("200", said)
        self.assertIn("201", said)
        self.assertIn(f'name="reason" value="{typed}"', html)
        liaison.refresh_from_db()
        self.assertTrue(liaison.active)
        with self.assertRaises(LiaisonError):
            liaison_retire(liaison=liaison, by=self.chief, reason="x" * 201)
