"""Intake in a real browser while no call classifier is loaded (the first start): a danger the
rules hear puts "hazard" in the category field, which never offers "as suggested"; typed on
into a note the rules make nothing of, the field is cleared again (the clerk had not chosen);
a category the clerk chose stays (walkthrough 24, finding 6)."""

from __future__ import annotations

import types
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import clerk_on_intake
from tests.servicedesk.model_store import no_model_stored

pytestmark = pytest.mark.browser


@pytest.fixture
def no_model() -> Iterator[None]:
    """An empty store of models, as on a fresh start before the task worker has trained one."""
    with no_model_stored():
        yield


def test_a_danger_heard_by_the_rules_chooses_hazard(
    page: Page, live_server: object, cast: types.SimpleNamespace, no_model: None
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    category = page.locator("#id_category")
    expect(category.locator("option").first).not_to_have_text("按建议")
    note = page.locator("#id_text")
    note.fill("路边电线断了掉在地上，还在冒火花")
    expect(category).to_have_value("hazard")
    expect(page.get_by_test_id("no-suggestion")).to_contain_text("安全隐患")
    # Typed into something else: the rules' choice goes with the danger.
    note.fill("问一下营业厅几点下班")
    expect(category).to_have_value("")
    # A category the clerk chose is kept whatever the note says next.
    category.select_option("consultation")
    note.fill("路边电线断了掉在地上")
    page.locator('#suggestion [data-rules-category="hazard"]').wait_for(state="attached")
    expect(category).to_have_value("consultation")
