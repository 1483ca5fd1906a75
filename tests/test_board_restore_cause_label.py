"""Walk78 L5: the board's "Power is back" form labelled the cause "(if not recorded yet)", so it
read as optional, and a restore sent without it came back 400. Asked of a fault outage with no
cause yet, it is labelled and marked required; of one whose cause is recorded, not asked."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.outages import board_html
from powerdesk.outages.estimates import outage_cause_found
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class RestoreCauseLabelTests(BaseTestCase):
    def setUp(self) -> None:
        board_html.forget()
        self.outage = fault_declare(self, self.fuse, began=30)
        self.login(self.clerk)

    def restore_form(self) -> str:
        page = self.client.get(reverse("outages:list"), **EN).content.decode()
        start = page.index(f'data-testid="restore-outage-{self.outage.pk}"')
        return page[start : page.index("</details>", start)]

    def test_with_no_cause_yet_it_is_asked_as_required(self) -> None:
        form = self.restore_form()
        self.assertRegex(form, r'<select name="cause" required')
        self.assertIn("Cause found (required", form)
        self.assertNotIn("if not recorded yet", form)

    def test_with_its_cause_recorded_it_is_not_asked_again(self) -> None:
        outage_cause_found(outage=self.outage, user=self.clerk, cause="tree")
        form = self.restore_form()
        self.assertNotIn('name="cause"', form)
        self.assertIn('name="at"', form)
