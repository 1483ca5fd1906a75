"""Pages that mark where one is: the password page marks no menu entry as the current page, and
a work order's page draws no "Next step" card when there is nothing to do (walkthrough 33,
finding 7: "Staff and crews" was marked on the password page; a crew saw an empty card)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.accounts.models import User
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, plain_job

NEXT_STEP = 'id="actions"'


class NothingToDoTests(BaseTestCase):
    member: User  # (add_crews)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        add_crews(cls)

    def test_the_password_page_marks_no_menu_entry(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("accounts:password_change")).content.decode()
        nav = page[page.index('<nav class="main"') : page.index("</nav>")]
        self.assertEqual(re.findall(r'class="active"', nav), [])
        self.assertIn('aria-current="page"', page)
        staff = self.client.get(reverse("accounts:staff")).content.decode()
        self.assertRegex(staff, r'href="[^"]*/accounts/staff/" class="active"')

    def test_a_crew_member_sees_no_empty_next_step_card(self) -> None:
        # Another's business order, as the walk found it: nothing here for the crew.
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="business",
            summary="门口路灯那根线垂得很低",
            customer=self.customer,
            urgent=True,
        )
        self.login(self.member)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertNotIn(NEXT_STEP, page)
        self.assertNotIn("下一步", page)
        self.assertNotIn("{#", page)  # no template comment drawn as text
        # The chief, who may act on it, has the card.
        self.login(self.chief)
        self.assertContains(self.client.get(order.get_absolute_url()), NEXT_STEP)

    def test_the_crew_s_own_order_has_its_steps(self) -> None:
        order = plain_job(self)
        work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.login(self.member)
        self.assertContains(self.client.get(order.get_absolute_url()), NEXT_STEP)
