"""The user list offered a station's administrator Django's bulk "Delete selected"; choosing a
chief there ended on Django's "no permission" page (fix54c, 2). A station's administrator may
not delete every login (a chief's, an administrator's, their own): the list offers no bulk
delete; the county administrator keeps it; a chief's login is still refused one by one."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role, User
from tests.base import PASSWORD, BaseTestCase, make_user


class UserBulkDeleteTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = make_user("admin", cls.station_a, Role.ADMIN, full_name="周明")
        cls.root = User.objects.create_superuser("root", password=PASSWORD)

    def list_page(self) -> str:
        url = reverse("admin:accounts_user_changelist")
        page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.status_code, 200)
        return page.content.decode()

    def test_a_station_admin_is_not_offered_the_bulk_delete(self) -> None:
        self.login(self.admin)
        self.assertIn(self.chief.username, self.list_page())
        self.assertNotIn('value="delete_selected"', self.list_page())
        # Sent anyway (an old page): nothing deleted.
        self.client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "delete_selected", "_selected_action": [self.chief.pk], "post": "yes"},
        )
        self.assertTrue(User.objects.filter(pk=self.chief.pk).exists())

    def test_the_per_user_refusal_is_kept(self) -> None:
        self.login(self.admin)
        self.client.post(
            reverse("admin:accounts_user_delete", args=[self.chief.pk]), {"post": "yes"}
        )
        self.assertTrue(User.objects.filter(pk=self.chief.pk).exists())

    def test_the_county_administrator_keeps_it(self) -> None:
        self.login(self.root)
        self.assertIn('value="delete_selected"', self.list_page())
