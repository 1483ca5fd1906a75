"""A caller's note at intake: however long, it is sent by POST for a suggestion; an order's title
is the note's first sentence, a long one cut (at a word in Latin text), a liaison's report
likewise."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.understanding.title import summary_from_note
from tests.base import BaseTestCase, make_user


class SuggestionTests(BaseTestCase):
    def test_the_longest_note_intake_takes_is_suggested_by_post(self) -> None:
        # 2,000 characters: longer than an address may be once encoded (a GET was refused).
        self.client.force_login(self.clerk)
        note = ("家里停电了，" + "邻居家也没电。" * 1500)[:INTAKE_TEXT_MAX]
        response = self.client.post(reverse("servicedesk:suggest"), {"text": note})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "data-category")

    def test_the_intake_page_posts_the_note_for_a_suggestion(self) -> None:
        self.client.force_login(self.clerk)
        page = self.client.get(reverse("servicedesk:intake")).content.decode()
        self.assertIn(f'hx-post="{reverse("servicedesk:suggest")}"', page)


class SummaryFromNoteTests(BaseTestCase):
    def test_a_title_is_the_note_s_first_sentence(self) -> None:
        self.assertEqual(summary_from_note("哔叭组停电了。邻居家也没电，快来"), "哔叭组停电了")

    def test_a_long_first_line_is_cut_with_an_ellipsis(self) -> None:
        title = summary_from_note("停" * 10_000)
        self.assertEqual(len(title), 60)
        self.assertTrue(title.endswith("…"))

    def test_latin_text_is_cut_at_a_word(self) -> None:
        title = summary_from_note(
            "the transformer at the village entrance hums loudly and smokes a bit"
        )
        self.assertEqual(title, "the transformer at the village entrance hums loudly and…")

    def test_a_liaison_s_long_report_gets_a_short_title(self) -> None:
        liaison = make_user("zm", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.client.force_login(liaison)
        page = self.client.get(reverse("web:liaison"))
        text = "哔叭组电杆被水冲歪了，快倒了\n" + "详细情况" * 100
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "report",
                "group": self.group.pk,
                "text": text,
                "form_token": page.context["form_token"],
            },
        )
        order = WorkOrder.objects.get()
        self.assertEqual(order.summary, "哔叭组电杆被水冲歪了，快倒了")
        self.assertEqual(order.description, text)
