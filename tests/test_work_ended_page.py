"""A person whose work at the station was ended is told so, where, when and whom to ask: on
their open session's next page and on logging in again (walkthrough 34, finding 4: "not found —
there is nothing here, or it belongs to another station", then "you do not belong to any
station yet")."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.staff import membership_end
from tests.base import PASSWORD, BaseTestCase, make_user


class WorkEndedPageTests(BaseTestCase):
    def test_the_open_session_and_a_new_login_say_the_work_ended(self) -> None:
        self.station_a.phone = "0878-5712345"
        self.station_a.save(update_fields=["phone"])
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        self.assertEqual(self.client.get(reverse("servicedesk:intake")).status_code, 200)
        admin = make_user("admin", self.station_a, Role.ADMIN, full_name="赵管理")
        membership_end(station=self.station_a, person=self.clerk, user=admin, reason="调走")
        today = f"{timezone.localdate():%Y-%m-%d}"
        # The date on one line (walkthrough 35, 19: "2026-" / "12-05" on a phone).
        on = f'<span class="nowrap" data-testid="ended-on">{today}</span>'
        said = f"Your work at {self.station_a.name} ended on {on}"
        for url in (reverse("servicedesk:intake"), reverse("web:home"), "/"):
            page = self.client.get(url)
            self.assertEqual(page.status_code, 403, url)
            self.assertContains(page, said, status_code=403)
            self.assertContains(page, str(self.chief), status_code=403)
            self.assertContains(page, "赵管理", status_code=403)
            self.assertContains(page, "0878-5712345", status_code=403)
            self.assertNotContains(page, "Not found", status_code=403)
        self.client.logout()
        self.client.cookies["django_language"] = "en"
        self.client.post(
            reverse("accounts:login"), {"username": "clerk", "password": PASSWORD}, follow=True
        )
        page = self.client.get("/")
        self.assertContains(page, said, status_code=403)

    def test_one_never_given_a_role_is_told_to_ask_for_one(self) -> None:
        from powerdesk.accounts.models import User

        User.objects.create_user("newcomer", password=PASSWORD)
        self.client.login(username="newcomer", password=PASSWORD)
        self.client.cookies["django_language"] = "en"
        page = self.client.get(reverse("web:home"))
        self.assertContains(page, "You do not belong to any station yet", status_code=403)
