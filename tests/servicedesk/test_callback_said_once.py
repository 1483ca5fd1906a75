"""A callback refused on the list says why once, a plain sentence per field, on its card
(walk58 L5): "工单 2026-02466 的回访尚未记录：满意度：已联系到用户：请记录其评分（1-5分）。" chained
three colons, and the same sentence stood again at the score."""

from __future__ import annotations

import re

from powerdesk.servicedesk.models import Callback
from tests.base import zh
from tests.servicedesk.test_callback_row_error import NO_SCORE, CallbacksListed, row


class CallbackSaidOnceTests(CallbacksListed):
    def test_no_score_is_said_once_in_one_sentence_and_the_score_is_marked(self) -> None:
        address = self.refused_at(
            self.press(self.second, outcome="reached", satisfaction=""), self.second
        )
        mine = row(self.client.get(address).content.decode(), self.second)
        alert = re.search(r'data-testid="callback-error-\d+">([^<]*)<', mine)
        assert alert is not None
        said = alert.group(1)
        self.assertIn(self.second.number, said)
        self.assertIn(zh(NO_SCORE), said)
        self.assertEqual(mine.count(zh(NO_SCORE)), 1, mine)  # not again at the field
        # No label and colon before the sentence, no colon chained after the order's number.
        self.assertNotIn(zh("Satisfaction") + "：", said)
        self.assertEqual(said.count("：") + said.count(":"), 0, said)
        # The score is marked where it is chosen.
        self.assertRegex(mine, r'<select name="satisfaction"[^>]*aria-invalid="true"')
        self.assertFalse(Callback.objects.exists())
