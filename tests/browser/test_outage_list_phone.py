"""The outages page on a phone (390 × 844): the board's rows are cards, each cell on its own line
after its column's name, the villages read in one line and the evidence is not cut off
(walkthrough: the 村委会 column wrapped a character a line and 依据 was cut)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.base import PASSWORD
from tests.browser.conftest import log_in
from tests.servicedesk.crew_cast import add_crews, outage_job

pytestmark = pytest.mark.browser


def test_the_board_is_cards_on_a_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, _order = outage_job(cast)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    log_in(page, url, "chief", PASSWORD)
    page.goto(f"{url}/outages/")
    row = page.locator(f"#board-outage-{outage.pk}")
    expect(row).to_contain_text("左门 · 哔叭")
    screenshot(page, "outage-list-phone", full_page=True)  # type: ignore[operator]
    cells = row.locator("td").evaluate_all(
        "(tds) => tds.map((td) => { const r = td.getBoundingClientRect();"
        " return [td.dataset.label, r.left, r.right, r.height,"
        " parseFloat(getComputedStyle(td).lineHeight) || 20]; })"
    )
    assert len(cells) == 8, cells
    for label, left, right, _height, _line in cells:
        # Each cell spans the card, on the screen: none squeezed into a narrow column.
        assert left >= 0 and right <= 390 and right - left > 300, (label, left, right)
    villages = next(c for c in cells if c[0].startswith("村委会"))
    # The label and "左门 · 哔叭" on one line, not a character a line.
    assert villages[3] < 2.5 * villages[4], villages
    evidence = row.locator("td").nth(4)
    expect(evidence).to_be_in_viewport()
    assert evidence.evaluate("(td) => getComputedStyle(td, '::before').content").startswith('"依据')
    # The table's heading row is not shown: each cell says its column.
    expect(page.get_by_test_id("board").locator("thead")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
