"""The outage callbacks' page and file asked for a month that is not one, one before 2000 or to
come, or a choice they do not have: said (400 with the sentence), never this month's list
(probe76, L11), as the monthly report does."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import ExportLog
from tests.base import BaseTestCase
from tests.outages.callback_due import CallbackDueCase

BAD = (
    {"show": "month", "month": "0000-00"},
    {"show": "month", "month": "9999-12"},
    {"show": "month", "month": "2026-13"},
    {"show": "month", "month": "abc"},
    {"show": "month", "month": "1999-12"},
    {"show": "month", "month": "-001-01"},
    {"show": "zzz"},
)


class CallbacksMonthAskedTests(BaseTestCase):
    def test_the_file_refuses_what_is_not_a_month_or_a_choice(self) -> None:
        self.login(self.chief)
        url = reverse("accounts:export", kwargs={"name": "outage_callbacks", "fmt": "csv"})
        for asked in BAD:
            answer = self.client.get(url, asked)
            self.assertEqual(answer.status_code, 400, asked)
            self.assertTrue(answer.content.decode().strip(), asked)
        self.assertFalse(ExportLog.objects.exists())
        good = self.client.get(url, {"show": "month", "month": "2025-11"})
        self.assertEqual(good.status_code, 200)
        self.assertIn(b"2025-11", b"".join(good.streaming_content))

    def test_the_page_says_it_and_keeps_a_good_choice(self) -> None:
        self.login(self.chief)
        url = reverse("servicedesk:callbacks")
        for asked in BAD:
            page = self.client.get(url, asked)
            self.assertEqual(page.status_code, 400, asked)
            self.assertContains(page, 'data-testid="callbacks-asked-wrong"', status_code=400)
        page = self.client.get(url, {"show": "reached", "month": "2025-11"})
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'data-testid="callbacks-asked-wrong"')
        self.assertContains(page, 'value="2025-11"')
        self.assertContains(page, 'value="reached" selected')


class CallbacksOnAPhoneTests(CallbackDueCase):
    """On a phone each household to call back after an outage is a card, each cell after its
    column's name (walk76, L9: five columns squeezed a character a line)."""

    def test_the_outage_callbacks_table_stacks_on_a_phone(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks")).content.decode()
        table = page[page.index('data-testid="outage-callbacks"') - 40 :]
        table = table[: table.index("</table>")]
        self.assertIn('class="stack-sm"', table)
        row = table[table.index(f'id="outage-callback-{self.callback.pk}"') :]
        self.assertEqual(row[: row.index("</tr>")].count("data-label="), 5)
