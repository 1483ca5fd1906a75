"""The chief's first lift of a block is held to the words it lifts, as a second one is (walk73b,
1; review73, M3): a visit dated before the words were recorded did not see them. Refused at the
visit's time on the page, through the API and by the service, saying when the words were
recorded; nothing stored, the case still blocked. A visit made after them lifts the block."""

from __future__ import annotations

import datetime as dt

from powerdesk.arrears.blocks import BY_WORDS, block_of
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import ArrearsError
from tests.arrears.cast import START
from tests.arrears.lift_cast import OXYGEN, OXYGEN_LIAISON, VISITED, LiftCast

# 36 minutes before the clerk recorded the words (walk73b: 18:00, words at 18:36).
EARLY = START - dt.timedelta(minutes=36)
# When the words were recorded, in the station's time, as the refusal says it.
WORDS_AT = "2026-03-02 17:00"


class FirstLiftAfterWordsTests(LiftCast):
    def assert_still_blocked(self, case: ArrearsCase) -> None:
        case.refresh_from_db()
        self.assertEqual(
            (case.lifted_at, case.lift_visited_at, case.lift_words, case.lifted_by),
            (None, None, [], None),
        )
        self.assertEqual((case.check_result, case.blocked_by), ("block", BY_WORDS))
        self.assertEqual(block_of(case), BY_WORDS)
        self.assertFalse(
            ArrearsEvent.objects.filter(case=case, note_code="arrears_block_lifted").exists()
        )

    def test_a_first_lift_with_a_visit_before_the_words_is_refused(self) -> None:
        case = self.blocked(OXYGEN, liaison=OXYGEN_LIAISON)
        self.assertEqual(case.words_at, START)
        with self.assertRaises(ArrearsError) as refused:
            self.lift(case, visited_at=EARLY)
        self.assertEqual(list(refused.exception.wrong), ["visited_at"])
        self.assert_still_blocked(case)

        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        page = self.lift_posted(case, visited_at=EARLY)
        self.assertEqual(page.status_code, 400)
        said = page.content.decode().split('data-testid="visited_at-errors"', 1)[1][:600]
        self.assertIn(f"before the words recorded on {WORDS_AT}", said)
        self.assert_still_blocked(case)

        answer = self.api_lift(case, visited_at=EARLY)
        self.assertEqual(answer.status_code, 422, answer.content)
        self.assertEqual(answer.json()["field"], "visited_at")
        self.assertIn(WORDS_AT, str(answer.json()))
        self.assert_still_blocked(case)

        # A visit made after the words lifts the block.
        answer = self.api_lift(case, visited_at=VISITED)
        self.assertEqual(answer.status_code, 200, answer.content)
        case.refresh_from_db()
        self.assertEqual((case.lift_visited_at, block_of(case)), (VISITED, ""))

    def test_a_visit_after_the_words_is_accepted_on_the_page(self) -> None:
        case = self.blocked()
        self.login(self.chief)
        self.assertEqual(self.lift_posted(case).status_code, 302)
        case.refresh_from_db()
        self.assertEqual((case.lift_visited_at, case.lifted_by), (VISITED, self.chief))
        self.assertGreater(case.lift_visited_at, case.words_at)
        self.assertEqual((case.blocked_by, block_of(case)), ("", ""))
