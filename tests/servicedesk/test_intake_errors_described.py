"""Every field intake marks invalid points a screen reader at its message: each id named by an
aria-describedby on the page is there (walkthrough 73: "Where exactly" pointed at no element, so
the question asked of the clerk was never read with the field)."""

from __future__ import annotations

import re

from tests.base import BaseTestCase, post_intake

DANGER = "电线断了掉在路上，还在冒火花"


def described_ids(html: str) -> list[str]:
    return [i for ids in re.findall(r'aria-describedby="([^"]+)"', html) for i in ids.split()]


class IntakeErrorsDescribedTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.clerk)

    def assert_every_description_is_there(self, html: str) -> None:
        named = described_ids(html)
        self.assertTrue(named)
        for target in named:
            with self.subTest(target=target):
                self.assertIn(f'id="{target}"', html)

    def test_the_place_asked_for_points_at_its_question(self) -> None:
        html = post_intake(
            self.client, {"caller_number": "13900001111", "text": DANGER}
        ).content.decode()
        place = re.search(r'<input[^>]*id="id_place"[^>]*>', html)
        assert place is not None
        self.assertIn('aria-invalid="true"', place.group(0))
        self.assert_every_description_is_there(html)

    def test_names_too_long_point_at_their_messages(self) -> None:
        answer = post_intake(
            self.client,
            {
                "caller_number": "13900001111",
                "text": DANGER,
                "caller_name": "名" * 500,
                "village": "村" * 500,
            },
        )
        html = answer.content.decode()
        for field in ("caller_name", "village"):
            with self.subTest(field=field):
                tag = re.search(rf'<(?:input|select)[^>]*id="id_{field}"[^>]*>', html)
                assert tag is not None
                self.assertIn('aria-invalid="true"', tag.group(0))
        self.assert_every_description_is_there(html)
