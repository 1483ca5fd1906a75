"""The network import's preview in the browser, its confirm sent with the plan's fingerprint (a
hidden field) edited in the page: the station makes the plan again under its lock, finds it is
not the one confirmed, stores nothing and shows a new preview of what the import would do, said
changed since; that preview's own confirm then stores the file."""

from __future__ import annotations

import types
from pathlib import Path

from playwright.sync_api import Browser, expect

from powerdesk.network.models import GridNode, ImportRun
from tests.browser.conftest import log_in

# A new 台区 under the fuse the station has, renamed in the same file.
FILE = (
    "id,parent,kind,name\nZM-B01-T9,ZM-B01-F,transformer,新台区\nZM-B01-F,ZM-B01-P02,fuse,新名字\n"
)


def test_a_tampered_fingerprint_stores_nothing_and_previews_again(
    browser: Browser,
    live_server: object,
    cast: types.SimpleNamespace,
    settings: object,
    tmp_path: Path,
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]  # (the previews kept there)
    url = live_server.url  # type: ignore[attr-defined]
    fuse_name = GridNode.objects.get(code="ZM-B01-F").name
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    log_in(page, url, "chief")
    page.goto(f"{url}/grid/import/")
    page.locator('select[name="kind"]').select_option("network")
    page.locator('input[name="file"]').set_input_files(
        {"name": "net.csv", "mimeType": "text/csv", "buffer": FILE.encode("utf-8")}
    )
    page.locator('form:has(input[name="file"]) button[type="submit"]').click()
    confirm = page.get_by_test_id("confirm-import")
    expect(confirm).to_be_visible()
    expect(page.locator("#count-added")).to_have_text("1")
    first_token = page.locator('form:has([data-testid="confirm-import"]) input[name="token"]')
    token = first_token.get_attribute("value")
    fingerprint = page.locator('input[name="fingerprint"]')
    real = fingerprint.get_attribute("value")
    assert real and len(real) == 64

    # The hidden field edited in the page (the browser's tools), then Confirm.
    fingerprint.evaluate("(input) => { input.value = '0'.repeat(64); }")
    confirm.click()

    expect(page.get_by_test_id("changed-since")).to_be_visible()
    assert not GridNode.objects.filter(code="ZM-B01-T9").exists()
    assert GridNode.objects.get(code="ZM-B01-F").name == fuse_name
    assert not ImportRun.objects.exists()
    # A new preview of the same file: its own token and the plan's true fingerprint.
    expect(page.locator("#count-added")).to_have_text("1")
    again = page.locator('form:has([data-testid="confirm-import"]) input[name="token"]')
    assert again.get_attribute("value") not in ("", None, token)
    assert page.locator('input[name="fingerprint"]').get_attribute("value") == real

    # Confirmed from the new preview as it is: stored, once.
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("changed-since")).to_have_count(0)
    assert GridNode.objects.get(code="ZM-B01-T9").name == "新台区"
    assert GridNode.objects.get(code="ZM-B01-F").name == "新名字"
    assert ImportRun.objects.count() == 1
    context.close()
