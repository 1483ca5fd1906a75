"""Intake in a real browser, the classifier unsure with a hazard as its first guess ("无法确定
类别，请选择一个 安全隐患 34.6%"): the urgent box is neither ticked nor locked and no hazard
advice is read, as the suggestion itself is calm; the clerk choosing the hazard ticks and locks
it, choosing another category drops that tick; a danger the rules found stays ticked and locked
whatever is chosen (walk41, 5)."""

from __future__ import annotations

import dataclasses
import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.understanding.classifier import Suggestion
from powerdesk.servicedesk.understanding.urgency import findings
from tests.browser.conftest import clerk_on_intake

HAZARD_GUESS = Suggestion(
    "hazard", False, 0.346, alternative="consultation", alternative_confidence=0.212
)


class UnsureHazardClassifier:
    """Stands in for a classifier that guesses a hazard, unsure, for any note, with the rules'
    dangers and medical need as the real one keeps them."""

    def suggest(self, texts: list[str]) -> list[Suggestion]:
        return [self.suggest_one(text) for text in texts]

    def suggest_one(self, text: str) -> Suggestion:
        found = findings(text)
        return dataclasses.replace(
            HAZARD_GUESS,
            urgent=bool(found.dangers or found.medical),
            dangers=tuple(found.dangers),
            medical=found.medical,
        )


pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("unsure_classifier", [UnsureHazardClassifier], indirect=True),
]


def test_an_unsure_hazard_guess_neither_ticks_nor_locks_urgent(
    page: Page, live_server: object, cast: types.SimpleNamespace, unsure_classifier: None
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    box = page.locator("#id_urgent")
    category = page.locator("#id_category")
    page.locator("#id_text").fill("we have power problems again")
    ask = page.get_by_test_id("ask-category")
    expect(ask).to_be_visible()
    expect(page.locator("#suggestion [data-urgency]")).to_have_attribute("data-urgency", "calm")
    expect(box).not_to_be_checked()
    expect(box).to_have_attribute("aria-disabled", "false")
    expect(page.get_by_test_id("safety-script")).to_have_count(0)
    # The clerk may tick it and clear it again.
    box.click()
    expect(box).to_be_checked()
    box.click()
    expect(box).not_to_be_checked()
    # The hazard chosen: ticked and locked (the station saves a hazard urgent).
    ask.locator(".choose-category[data-category=hazard]").click()
    expect(box).to_be_checked()
    expect(box).to_have_attribute("aria-disabled", "true")
    # Another category chosen: the hazard's tick goes with it.
    category.select_option("fault_repair")
    expect(box).not_to_be_checked()
    expect(box).to_have_attribute("aria-disabled", "false")


def test_a_danger_the_rules_found_stays_ticked_and_locked(
    page: Page, live_server: object, cast: types.SimpleNamespace, unsure_classifier: None
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    box = page.locator("#id_urgent")
    page.locator("#id_text").fill("停电了，门口电线冒火花")
    expect(page.locator("#suggestion [data-urgency]")).to_have_attribute("data-urgency", "urgent")
    expect(box).to_be_checked()
    expect(box).to_have_attribute("aria-disabled", "true")
    page.locator("#id_category").select_option("fault_repair")
    expect(box).to_be_checked()
    expect(box).to_have_attribute("aria-disabled", "true")
    expect(page.get_by_test_id("safety-script")).to_be_visible()
