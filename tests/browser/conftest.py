"""Browser tests: Debian's Chromium against a live PowerDesk, screenshots for the docs."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.base import PASSWORD, build_cast

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db: None) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace()
    build_cast(namespace)
    return namespace


@pytest.fixture
def screenshot() -> Iterator[object]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    yield take


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
