"""Intake in a real browser, the classifier unsure between two categories: "choose one" is asked
until the clerk has chosen a category (with the prompt's buttons or the category field), and
goes once one is chosen — also on a page sent back to choose one, and while the note is typed
on."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import clerk_on_intake
from tests.servicedesk.test_classifier_learning import UnsureClassifier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("unsure_classifier", [UnsureClassifier], indirect=True),
]


def test_the_choose_a_category_prompt_goes_once_one_is_chosen(
    page: Page, live_server: object, cast: types.SimpleNamespace, unsure_classifier: None
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    ask = page.get_by_test_id("ask-category")
    note = page.locator("#id_text")
    category = page.locator("#id_category")
    note.fill("停了三天了")
    expect(ask).to_be_visible()
    # Chosen with the prompt's own button: the prompt goes, the category is set.
    ask.locator(".choose-category[data-category=complaint]").click()
    expect(ask).to_be_hidden()
    expect(category).to_have_value("complaint")
    # Typed on: the suggestion drawn again is unsure again, but a category is chosen.
    note.fill("停了三天了，还没人来")
    page.locator("#suggestion [data-then-category]").wait_for(state="attached")
    expect(page.get_by_test_id("ask-category")).to_be_hidden()
    # The category cleared: asked again; chosen in the category field: gone again.
    category.select_option("")
    expect(page.get_by_test_id("ask-category")).to_be_visible()
    category.select_option("fault_repair")
    expect(page.get_by_test_id("ask-category")).to_be_hidden()

    # Saved without a category, the page comes back asking for one; choosing it clears both
    # the prompt and the error under the field.
    page.goto(f"{url}/desk/intake/")
    page.locator("#id_text").fill("停了三天了")
    expect(page.get_by_test_id("ask-category")).to_be_visible()
    page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("category-errors")).to_be_visible()
    expect(page.get_by_test_id("ask-category")).to_be_visible()
    page.locator("#id_category").select_option("complaint")
    expect(page.get_by_test_id("category-errors")).to_be_hidden()
    expect(page.get_by_test_id("ask-category")).to_be_hidden()


def test_the_focus_is_on_the_category_when_it_is_asked_for(
    page: Page, live_server: object, cast: types.SimpleNamespace, unsure_classifier: None
) -> None:
    """Walkthrough 34, finding 3: the page sent back with "choose the category" left the focus
    in the note box; it is on the category, the first refused field, its error named."""
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    page.locator("#id_caller_number").fill("13812345678")
    page.locator("#id_text").fill("停了三天了")
    expect(page.get_by_test_id("ask-category")).to_be_visible()
    page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("category-errors")).to_be_visible()
    category = page.locator("#id_category")
    expect(category).to_be_focused()
    expect(category).to_have_attribute("aria-invalid", "true")
    expect(category).to_have_attribute("aria-describedby", "category-errors")
