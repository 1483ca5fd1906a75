"""The rules read a long note in time linear in its length, and never read a note the intake
page will refuse (walk56, H2)."""

from __future__ import annotations

from unittest import mock

from django.test import SimpleTestCase
from django.urls import reverse

from powerdesk.servicedesk import views_caller, views_intake
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from powerdesk.servicedesk.understanding import medical, medical_reading, readings
from powerdesk.servicedesk.understanding.bounded import around, clauses_bounded
from powerdesk.servicedesk.understanding.urgency import findings
from tests.base import BaseTestCase, post_intake


def _characters_read(text: str) -> int:
    """How many characters of note the readings of its mentions were given (each mention's
    reading looks through what it is given: the work the rules do)."""
    read = 0
    state = readings._state

    def counted(note: str, match: object) -> str:
        nonlocal read
        read += len(note)
        return state(note, match)  # type: ignore[arg-type]

    with (
        mock.patch.object(readings, "_state", counted),
        mock.patch.object(medical, "_state", counted),
        mock.patch.object(medical_reading, "_state", counted),
    ):
        findings(text)
    return read


class LinearTests(SimpleTestCase):
    def test_the_work_grows_with_the_length_not_its_square(self) -> None:
        unit = "电线掉了，今天早上看到的，"
        short, long = unit * 80, unit * 240  # 1,040 and 3,120 characters
        ratio = _characters_read(long) / _characters_read(short)
        # three times the note: three times the work (nine times, read quadratically)
        self.assertLess(ratio, 3.6)

    def test_a_short_note_is_read_whole(self) -> None:
        text = "上次电杆倒了，你们来得快。" + "现在又歪了" * 5
        match = readings._DANGER_RES["pole leaning or fallen"].search(text)
        assert match is not None
        self.assertEqual(around(text, match), (text, match))
        self.assertEqual(clauses_bounded(text), text)

    def test_what_is_decided_of_a_long_note_stays(self) -> None:
        filler = "我们这边一直在等，"
        self.assertEqual(findings(filler * 100 + "电线断了掉在地上").dangers, ("line down or low",))
        self.assertEqual(findings("没有看到冒烟，" + filler * 100).dangers, ())
        self.assertTrue(findings(filler * 100 + "家里老人用制氧机，停电了").medical)


class TooLongTests(BaseTestCase):
    def test_a_note_too_long_is_refused_before_the_rules_read_it(self) -> None:
        self.login(self.clerk)
        text = "电线掉了" * (INTAKE_TEXT_MAX // 4 + 1)
        with mock.patch.object(
            views_caller, "suggestion_for_caller", side_effect=AssertionError("read")
        ):
            shown = self.client.post(reverse("servicedesk:suggest"), {"text": text})
        self.assertContains(shown, 'data-testid="too-long-to-suggest"')
        read = []
        real = views_intake.suggestion_for_caller

        def suggested(station: object, note: str, number: str) -> object:
            read.append(note)
            return real(station, note, number)  # type: ignore[arg-type]

        with mock.patch.object(views_intake, "suggestion_for_caller", suggested):
            response = post_intake(self.client, {"text": text, "action": "new"})
        self.assertContains(response, str(INTAKE_TEXT_MAX))
        self.assertEqual(read, [""])  # the rules were given nothing of it

    def test_the_api_refuses_a_pasted_page_to_classify(self) -> None:
        self.login(self.clerk)
        response = self.client.get("/api/v1/classify", {"text": "电线掉了" * 600})
        self.assertIn(response.status_code, (400, 422))
