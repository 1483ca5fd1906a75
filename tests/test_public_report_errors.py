"""The public page's report (no login): what is wrong with it is said at its field, not at the
top of the page; too long, with the limit and the length written; what was written kept whole
in the form with the problem chosen, nothing logged."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.urls import reverse

from powerdesk.public.services import REPORT_CHARS
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.public_form import form_tokens
from tests.test_outage_form_errors import field_errors


class PublicReportErrorTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()  # the rate limits live there
        lookup = reverse("public:lookup", args=[self.station_a.code])
        page = self.client.post(
            lookup, {"account": "53250000001", "last4": "5678"}, follow=True
        ).content.decode()
        self.tokens = form_tokens(page)
        self.report_url = reverse("public:report", args=[self.station_a.code])

    def report(self, **form: str) -> Any:
        return self.client.post(self.report_url, {**self.tokens, **form})

    def assert_at_the_field(self, response: Any, field: str) -> tuple[str, str]:
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, field)
        self.assertTrue(said)
        # not at the top of the page: the only error shown is the field's
        self.assertEqual(html.count('class="err"'), 1)
        self.assertEqual(Call.objects.count(), 0)
        return html, said

    def test_too_long_is_said_at_the_text_with_the_limit_and_the_length_and_kept(self) -> None:
        typed = "灯" * (REPORT_CHARS + 7)
        html, said = self.assert_at_the_field(self.report(problem="no_power", text=typed), "text")
        self.assertIn(str(REPORT_CHARS), said)
        self.assertIn(str(REPORT_CHARS + 7), said)
        self.assertIn(f">{typed}</textarea>", html)
        self.assertIn('<option value="no_power" selected>', html)
        self.assertNotIn("maxlength", html)

    def test_nothing_written_for_another_problem_is_asked_at_the_text(self) -> None:
        html, _said = self.assert_at_the_field(self.report(problem="other", text="  "), "text")
        self.assertIn('<option value="other" selected>', html)

    def test_a_problem_not_offered_is_said_at_the_problem(self) -> None:
        self.assert_at_the_field(self.report(problem="nonsense", text="家里没电"), "problem")
