"""The chief's lift in the history at a stage of its own (walk72b, L3: it showed the clerk's
"household checked" a second time); the API's carry_out_from in UTC as every other time
(walk72b, L4); a second lift whose visit was before the words it would lift refused at
visited_at (review72, L1); a household cut whose record shows a medical need said as such on
the list, not "must not be disconnected" as if it were still to decide."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.arrears.lift import block_lift
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    ArrearsError,
    disconnection_carry_out,
    household_record,
)
from tests.arrears.api_cast import AFTER_NOTICE, URL
from tests.arrears.cast import START
from tests.arrears.lift_cast import FINDING, LATER, MOTHER_OXYGEN, VISITED, LiftCast
from tests.arrears.test_stored_block import admin_change


class LiftStageAndTimesTests(LiftCast):
    def test_the_lift_has_a_stage_of_its_own_in_the_history_and_the_api(self) -> None:
        case = self.lift(self.blocked())
        self.login(self.chief)
        with time_machine.travel(LATER, tick=False):
            body = self.client.get(f"{URL}/{case.pk}").json()
            page = self.client.get(case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        stages = [e["stage"] for e in body["events"]]
        self.assertEqual(stages, ["open", "notice_given", "liaison_contacted", "checked", "lifted"])
        history = page.content.decode().rsplit("<h2", 1)[-1]
        self.assertEqual(history.count("household checked"), 1)
        self.assertEqual(history.count("block lifted after the chief"), 1)
        schema = self.client.get("/api/v1/openapi.json").json()["components"]["schemas"]
        self.assertIn("lifted", schema["CaseEventOut"]["properties"]["stage"]["description"])

    def test_carry_out_from_is_said_in_utc_as_every_other_time(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
            body = self.client.get(f"{URL}/{case.pk}", **self.token).json()
        self.assertTrue(body["carry_out_from"].endswith("Z"), body["carry_out_from"])
        self.assertTrue(body["notice_period_ends"].endswith("Z"))
        self.assertEqual(
            dt.datetime.fromisoformat(body["carry_out_from"]), START + dt.timedelta(days=7)
        )

    def test_a_second_lift_is_later_than_the_words_it_lifts(self) -> None:
        # The first visit after the words of START; new words naming a machine at LATER.
        case = self.lift(self.blocked())
        with time_machine.travel(LATER, tick=False):
            case = household_record(case=case, user=self.clerk, situation=MOTHER_OXYGEN, later=True)
        self.assertEqual(case.words_at, LATER)
        before_words = LATER - dt.timedelta(minutes=30)  # after the first visit
        self.assertGreater(before_words, VISITED)
        with time_machine.travel(LATER + dt.timedelta(hours=1), tick=False):
            with self.assertRaises(ArrearsError) as refused:
                block_lift(case=case, user=self.chief, **{**FINDING, "visited_at": before_words})
            self.assertEqual(list(refused.exception.wrong), ["visited_at"])
            self.login(self.chief)
            answer = self.post(
                f"{URL}/{case.pk}/lift", {**FINDING, "visited_at": before_words.isoformat()}
            )
            self.assertEqual((answer.status_code, answer.json()["field"]), (422, "visited_at"))
            case = block_lift(
                case=case,
                user=self.chief,
                **{**FINDING, "visited_at": LATER + dt.timedelta(minutes=5)},
            )
        self.assertEqual(case.lift_words, ["透析", "制氧机"])

    def test_a_household_cut_that_shows_a_medical_need_is_said_cut(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            case = disconnection_carry_out(case=case, user=self.dispatcher)
        self.assertEqual(case.stage, ArrearsCase.Stage.DISCONNECTED)
        admin_change(self, self.household, medical_need="on")
        self.login(self.chief)
        page = self.client.get(reverse("arrears:cases"), HTTP_ACCEPT_LANGUAGE="en")
        row = page.content.decode().split("<tbody>", 1)[1].split("</tr>", 1)[0]
        self.assertIn('data-cut="1"', row)
        self.assertIn("Disconnected, and the household shows a medical need", row)
        self.assertNotIn("Must not be disconnected", row)
        home = self.client.get(reverse("web:home")).content.decode()
        self.assertIn(case.get_absolute_url(), home.split('data-testid="cut-blocked"', 1)[1])
