"""What the clerk reads to the caller follows the danger the note names; a danger to life keeps
the call urgent whatever the box said, and the page says so."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.servicedesk.calls import call_log
from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.safety import SAFETY_SCRIPTS, safety_advice
from powerdesk.servicedesk.understanding.classifier import Suggestion
from tests.base import BaseTestCase, post_intake


class SafetyAdviceTests(BaseTestCase):
    def suggest(self, text: str) -> str:
        self.login(self.clerk)
        return self.client.post(reverse("servicedesk:suggest"), {"text": text}).content.decode()

    def test_smoke_from_a_transformer_gets_the_smoke_advice_not_the_fallen_line_one(self) -> None:
        page = self.suggest("变压器冒烟了")
        self.assertIn('data-danger="smoke"', page)
        self.assertNotIn('data-danger="line down or low"', page)
        self.assertIn("119", page)  # what to do if it catches fire
        self.assertNotIn("10米", page)

    def test_each_kind_of_danger_has_its_own_advice_in_chinese(self) -> None:
        notes = {
            "电线断了掉在路上": ("line down or low", "10米"),
            "表箱里一直在打火": ("arcing or sparks", "火花"),
            "配电房着火了": ("fire", "119"),
            "电杆歪起了，快倒了": ("pole leaning or fallen", "电杆"),
            "娃娃爬到变压器台架上去了": ("person or animal near live equipment", "120"),
            "大水把配电房淹了": ("flooding at equipment", "水"),
            "停电了，家里老人用制氧机": ("medical need", "120"),
        }
        for note, (kind, words) in notes.items():
            with self.subTest(note):
                page = self.suggest(note)
                self.assertIn(f'data-danger="{kind}"', page)
                self.assertIn(words, page)
                self.assertEqual(page.count("data-danger="), 1)

    def test_only_a_danger_asks_where_it_is_a_medical_need_is_the_caller_s_own_home(
        self,
    ) -> None:
        self.assertIn("data-asks-place", self.suggest("电线断了掉在路上"))
        self.assertNotIn("data-asks-place", self.suggest("停电了，家里老人用制氧机"))
        both = self.suggest("停电了，家里老人用制氧机，门口电线还在打火")
        self.assertIn('data-danger="medical need"', both)
        self.assertIn("data-asks-place", both)

    def test_a_tree_on_a_line_gets_its_own_advice_not_the_fallen_line_one(self) -> None:
        page = self.suggest("树枝碰到电线了")
        self.assertIn('data-danger="tree or object on a line"', page)
        self.assertNotIn('data-danger="line down or low"', page)

    def test_an_animal_by_a_pole_is_told_to_keep_away_before_any_rescue(self) -> None:
        page = self.suggest("牛碰到电线杆了，杆子有点歪")
        self.assertIn('data-danger="pole leaning or fallen"', page)
        from django.utils import translation

        with translation.override("en"):
            script = str(SAFETY_SCRIPTS["person or animal near live equipment"])
        # Keeping away first; the rescue only for the case it is for.
        self.assertTrue(script.startswith("Call children away"))
        self.assertLess(script.index("Only if"), script.index("120"))

    def test_the_reasons_and_advice_are_punctuated_in_the_page_s_language(self) -> None:
        page = self.suggest("电线断了掉在地上，还在打火")
        self.assertIn("因为记录中提到：导线断落或过低、放电打火", page)
        self.assertIn("</em>：", page)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = self.client.post(
            reverse("servicedesk:suggest"), {"text": "电线断了掉在地上，还在打火"}
        ).content.decode()
        self.assertIn("a line down or low, arcing or sparks", page)
        self.assertIn("</em>: ", page)
        self.assertNotIn("、", page.split('data-testid="urgent-because"')[1].split("</p>")[0])

    def test_two_dangers_get_both_pieces_of_advice(self) -> None:
        page = self.suggest("电线断了掉在地上，还在打火")
        self.assertIn('data-danger="line down or low"', page)
        self.assertIn('data-danger="arcing or sparks"', page)

    def test_no_advice_for_a_calm_call_or_for_a_danger_remembered_in_thanks(self) -> None:
        for note in ("家里停电了，没有冒烟也没有打火", "上次电杆倒了，你们很快就来处理了，谢谢"):
            with self.subTest(note):
                self.assertNotIn("safety-script", self.suggest(note))

    def test_a_hazard_call_with_no_danger_the_rules_know_gets_the_general_advice(self) -> None:
        suggestion = Suggestion("hazard", True, 0.9)
        self.assertEqual([a.script for a in safety_advice(suggestion)], [SAFETY_SCRIPTS["hazard"]])
        self.assertEqual(safety_advice(Suggestion("fault_repair", False, 0.9)), [])

    def test_an_unsure_hazard_guess_gets_no_advice_a_danger_named_still_does(self) -> None:
        # walk41, 5: "无法确定类别，请选择一个 安全隐患 34.6%" for "we have power problems again"
        # read the hazard's life-safety script to the caller.
        unsure = Suggestion(
            "hazard", False, 0.346, alternative="consultation", alternative_confidence=0.212
        )
        self.assertTrue(unsure.ask)
        self.assertEqual(safety_advice(unsure), [])
        sparks = Suggestion(
            "hazard",
            True,
            0.346,
            alternative="fault_repair",
            alternative_confidence=0.3,
            dangers=("arcing or sparks",),
        )
        self.assertEqual(
            [a.script for a in safety_advice(sparks)], [SAFETY_SCRIPTS["arcing or sparks"]]
        )


class UrgentWithinTheRulesTests(BaseTestCase):
    def test_the_suggestion_says_a_danger_to_life_cannot_be_cleared(self) -> None:
        self.login(self.clerk)
        page = self.client.post(reverse("servicedesk:suggest"), {"text": "电线断了掉在路上"})
        self.assertContains(page, 'data-testid="urgent-by-rule"')
        self.assertContains(page, 'data-urgency="urgent" data-by-rule="1"')
        calm = self.client.post(reverse("servicedesk:suggest"), {"text": "问一下电价多少钱一度"})
        self.assertContains(calm, 'data-urgency="calm" data-by-rule=""')
        self.assertNotContains(calm, "urgent-by-rule")

    def test_a_danger_named_stays_urgent_when_the_box_says_not(self) -> None:
        call = call_log(
            station=self.station_a, user=self.clerk, text="电线断了掉在路上", urgent=False
        )
        self.assertTrue(call.urgent)
        calm = call_log(station=self.station_a, user=self.clerk, text="家里停电了", urgent=False)
        self.assertFalse(calm.urgent)

    def test_an_unticked_box_on_a_calm_note_saves_it_calm_and_a_tick_saves_it_urgent(
        self,
    ) -> None:
        self.login(self.clerk)
        post_intake(self.client, {"text": "问一下现在电价多少钱一度"})
        post_intake(self.client, {"text": "问一下峰谷电价几点开始", "urgent": "on"})
        self.assertEqual(
            list(Call.objects.order_by("pk").values_list("urgent", flat=True)), [False, True]
        )
