"""The API's lists of the office's business read by a person's session: only roles the list's
page is open to (docs/roles.md) read them there; a crew member, refused the calls, promises and
callbacks pages, is refused their lists from the API too. A system's token reads them all."""

from __future__ import annotations

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase, make_user

LISTS = ("/api/v1/calls", "/api/v1/promises", "/api/v1/callbacks/due")


class OfficeListsTests(BaseTestCase):
    def setUp(self) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="13812345678",
            text="家里停电了，我是张三",
            category="fault_repair",
        )

    def test_a_crew_member_s_session_reads_no_office_list(self) -> None:
        crew_member = make_user("api-crew", self.station_a, Role.CREW)
        self.login(crew_member)
        for url in LISTS:
            with self.subTest(url=url):
                answer = self.client.get(url)
                self.assertEqual(answer.status_code, 403, answer.content)
                self.assertNotIn("13812345678", answer.content.decode())
                self.assertIn("detail", answer.json())

    def test_the_office_and_a_system_read_them(self) -> None:
        _token, key = token_create(station_id=self.station_a.pk, name="county")
        self.login(self.clerk)
        for url in LISTS:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        self.client.logout()
        for url in LISTS:
            with self.subTest(url=url, by="token"):
                answer = self.client.get(url, HTTP_AUTHORIZATION=f"Token {key}")
                self.assertEqual(answer.status_code, 200)
