"""The order page's callback refused for a score given to a customer not reached (walkthrough
35, 18): said as an error at the score, the field marked and pointing at it, what was chosen
kept; nothing recorded."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from powerdesk.servicedesk.models import Callback
from tests.servicedesk.test_callback_row_error import CallbacksListed

SAID = "Satisfaction is only asked of a customer who was reached."


class CallbackRefusedAtItsFieldTests(CallbacksListed):
    def test_a_score_for_a_customer_not_reached_is_an_error_at_the_score(self) -> None:
        sent = self.client.post(
            f"/desk/orders/{self.first.pk}/action/",
            {"action": "callback", "outcome": "not_reached", "satisfaction": "5"},
        )
        # The refusal is drawn at the address the answer sends the page to (?kept=…).
        self.assertIn("kept=", sent["Location"])
        html = self.client.get(sent["Location"]).content.decode()
        form = html.split('id="callback"', 1)[1].split("</form>", 1)[0]
        score = re.search(r"<p><label for=\"id_satisfaction\">.*?</p>", form, re.S)
        assert score is not None
        error = re.search(
            r'<span class="errors" role="alert" id="id_satisfaction_error"[^>]*>([^<]*)</span>',
            score.group(0),
        )
        assert error is not None
        self.assertEqual(error.group(1), gettext(SAID))
        self.assertIn('aria-describedby="id_satisfaction_error"', score.group(0))
        self.assertIn('<option value="5" selected>', score.group(0))
        self.assertIn('<option value="not_reached" selected>', form)
        self.assertEqual(form.count(gettext(SAID)), 1)  # said once, at the score
        self.assertFalse(Callback.objects.exists())
