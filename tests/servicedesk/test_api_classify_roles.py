"""The API's classification is open to whom the intake's suggestion page is (docs/roles.md):
a crew member's session is refused 403 as the page refuses them (probe78 L5); the office and a
system's token read it."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from tests.base import BaseTestCase, make_user

CLASSIFY = "/api/v1/classify?text=家里停电了"


class ClassifyRolesTests(BaseTestCase):
    def test_a_crew_member_is_refused_as_the_page_refuses_them(self) -> None:
        self.login(make_user("api-crew", self.station_a, Role.CREW))
        answer = self.client.get(CLASSIFY)
        self.assertEqual(answer.status_code, 403, answer.content)
        self.assertEqual(set(answer.json()), {"detail"})
        self.assertEqual(
            self.client.post(reverse("servicedesk:suggest"), {"text": "停电"}).status_code, 403
        )

    def test_the_office_and_a_system_read_it(self) -> None:
        self.login(self.clerk)
        self.assertEqual(self.client.get(CLASSIFY).status_code, 200)
        self.client.logout()
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        answer = self.client.get(CLASSIFY, HTTP_AUTHORIZATION=f"Bearer {key}")
        self.assertEqual(answer.status_code, 200, answer.content)
