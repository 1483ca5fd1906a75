"""Browser tests: Debian's Chromium against a live PowerDesk, screenshots for the docs.

The screenshots go to each test's temporary folder, so that a test run leaves the tracked
pictures alone; ``make screenshots`` (``POWERDESK_SCREENSHOTS=1``) writes them to docs/screenshots.
"""

from __future__ import annotations

import os
import re
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Locator, Page, expect

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import PASSWORD, build_cast
from tests.images import phone_jpeg
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job
from tests.servicedesk.model_store import store_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is a browser test (``-m browser``; ``make screenshots``): a
    ``pytestmark`` in a conftest marks nothing."""
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


# What an assertion waits for a page to show: Playwright's 5 s by default, which the two suites
# run side by side on a 2-core machine (a page drawn by a live server loading the demo station)
# sometimes passed. A passing assertion returns as soon as it holds: only a failure waits longer.
EXPECT_TIMEOUT_MS = 10_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture
def cast(transactional_db: None) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace()
    build_cast(namespace)
    return namespace


@pytest.fixture
def screenshot(tmp_path: Path) -> Iterator[object]:
    folder = SCREENSHOTS if os.environ.get("POWERDESK_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str, *, full_page: bool = False) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    yield take


@pytest.fixture(scope="session", autouse=True)
def trained_classifier(django_db_setup: None, django_db_blocker: Any) -> None:
    """Train the call classifier before the first page asks it for a suggestion: importing
    scikit-learn and training take longer than a browser assertion waits."""
    from powerdesk.servicedesk.understanding.store import default_classifier

    with django_db_blocker.unblock():  # staff corrections: none in the test database
        default_classifier()


@pytest.fixture
def unsure_classifier(request: pytest.FixtureRequest, trained_classifier: None) -> Iterator[None]:
    """A stand-in for the call classifier, unsure, for every page of the test: the class the
    test names by parametrising this fixture, e.g.
    ``pytest.mark.parametrize("unsure_classifier", [UnsureClassifier], indirect=True)``."""
    with store_in(None) as unsure_store:
        unsure_store.publish(request.param(), reason="unsure")
        yield


# How long a test waits for what a loaded machine does late: the crew page's deferred scripts,
# a step's answer, the station's rows (the two suites side by side on 2 cores took 10 s).
SLOW_S = 15


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Logged in, the page it leads to loaded (its deferred scripts run: the menu's button,
    htmx; a test acting on it at once acted on a page without them on a loaded machine)."""
    page.goto(f"{base_url}/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="登录").click()


def clerk_on_intake(page: Page, base_url: str) -> None:
    """The clerk logged in, on the page where calls are taken."""
    log_in(page, base_url, "clerk")
    page.goto(f"{base_url}/desk/intake/")


CREW_PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "locale": "zh-CN",
    "is_mobile": True,
    "has_touch": True,
}


def crew_phone(
    browser: Browser, url: str | None = None, **context: Any
) -> tuple[BrowserContext, Page]:
    """A crew member's phone (a small touch screen, in Chinese; ``context``: other settings of
    it) and its page, logged in as crew1 at ``url`` with the crew page's scripts running
    (``crew_scripts_ready``; unless scripts are off); none given: not yet, the test first
    prepares the page."""
    phone = browser.new_context(**{**CREW_PHONE, **context})
    page = phone.new_page()
    if url is not None:
        log_in(page, url, "crew1")
        if context.get("java_script_enabled", True):  # (a phone without scripts: none to wait for)
            crew_scripts_ready(page)
    return phone, page


# A script for ``page.add_init_script`` before the crew page loads: the phone's vibrations kept
# in ``window.__buzz`` (``buzzes``) instead of felt.
BUZZ = (
    "window.__buzz = []; navigator.vibrate = function (p) { window.__buzz.push(p); return true; };"
)


def buzzes(page: Page) -> list[Any]:
    """The vibrations the page asked of the phone so far (``BUZZ`` added before it loaded)."""
    return list(page.evaluate("window.__buzz"))


def touched(page: Page) -> None:
    """The crew member touches the phone (the title: nothing to follow there): a page touched
    since it loaded may vibrate."""
    page.get_by_role("heading", level=1).click()


def crew_scripts_ready(page: Page) -> None:
    """The crew page's scripts (crew_jobs.html, deferred; crew.js is the last) are running: a
    step tapped before them is a plain form's post, taken by the station at once, never kept on
    the phone nor sent by crew_sync.js, and a fold opened is not remembered (a loaded machine
    drew the buttons well before). Asked by ``page.evaluate``, which the site's content policy
    allows (``wait_for_function`` evaluates a string: it needed ``bypass_csp``)."""
    deadline = time.monotonic() + SLOW_S
    while True:
        try:
            if page.evaluate("typeof window.crewMayRefresh === 'function'"):
                return
        except Error:  # the page being replaced (the login's redirect): asked again
            pass
        assert time.monotonic() < deadline, "the crew page's scripts never ran"
        page.wait_for_timeout(50)


def step_answered(card: Locator, words: str) -> None:
    """The station answered the step whose words (``saved`` in crew_sync.py: "已到达", "已出发")
    are given: "所里已收到" said with them. "所里已收到" alone may be an earlier step's answer,
    still said while the next one is being kept and sent."""
    expect(card.locator("[data-saved]").last).to_contain_text(
        re.compile(f"所里已收到.*{re.escape(words)}"), timeout=SLOW_S * 1000
    )


# Answers to the crew list's requests the page has handled (drawn, or held back: crew.js),
# counted from the first call on; the count so far.
LIST_ANSWERS = """() => {
  if (window.__listAnswers === undefined) {
    window.__listAnswers = 0;
    document.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.elt && event.detail.elt.id === "crew-jobs") window.__listAnswers += 1;
    });
  }
  return window.__listAnswers;
}"""


def crew_list_refreshed(page: Page, *, drawn: bool = True) -> None:
    """The crew's list asked for again (``crew:refresh``, as after a step's answer) and its
    answer handled by the page (htmx's ``afterRequest`` comes after the swap and crew.js's work
    after it: the folds and the refused fields put back). ``drawn``: and swapped in, not held
    back for a form being filled in (``crewMayRefresh``). Not only answered: the swap follows
    the answer, and a fixed wait for it was a guess."""
    before = page.evaluate(LIST_ANSWERS)
    page.evaluate(
        "document.querySelectorAll('#crew-jobs > *')"
        ".forEach((e) => e.setAttribute('data-before-redraw', ''))"
    )
    page.evaluate("htmx.trigger('#crew-jobs', 'crew:refresh')")
    deadline = time.monotonic() + SLOW_S
    while page.evaluate(LIST_ANSWERS) <= before:
        assert time.monotonic() < deadline, "the crew's list was never answered"
        page.wait_for_timeout(50)
    if drawn:
        expect(page.locator("#crew-jobs [data-before-redraw]")).to_have_count(
            0, timeout=SLOW_S * 1000
        )


def db_eventually[T](check: Callable[[], T], what: str, timeout_s: float = SLOW_S) -> T:
    """``check()`` once it holds (a true value), asked again until ``timeout_s``: what a tap
    sent reaches the database when the station has answered, which a click does not wait for
    (a form's post, an htmx request, a step sent by the crew page's scripts)."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"never held: {what}"
        time.sleep(0.1)


def off_line_device_refused(card: Locator, cause: str = "熔丝熔断") -> Locator:
    """The crew names the fuse of another branch (``crew_cast.other_branch_fuse``) as they find
    the cause; the station refuses it at the device field, naming it, what was typed kept.
    The cause form, for what the test does next."""
    form = card.locator('form[data-crew-step="cause_found"]')
    form.locator('input[name="cause"]').fill(cause)
    form.locator('input[name="device"]').fill("ZM-B09-F")
    form.locator("button").click()
    error = form.locator('[data-field-error="device"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("干海支线01号杆跌落式熔断器")
    expect(form.locator('input[name="device"]')).to_have_value("ZM-B09-F")
    return form


def restored_on_the_phone(page: Page, number: str) -> None:
    """The crew, on site, records the cause (in the customer's house) and then 已复电 on the
    card of work order ``number``: the station takes both, the job is said done above the list
    and its card leaves the list."""
    card = page.locator(".job", has_text=number)
    cause = card.locator('form[data-crew-step="cause_found"]')
    cause.locator('input[name="cause"]').fill("户内空开损坏")
    cause.locator('input[name="in_house"]').check()
    cause.locator("button").click()
    done = card.locator('form[data-crew-step="restored"]')
    expect(done).to_be_visible(timeout=15000)
    done.locator('textarea[name="note"]').fill("更换户内空开，已恢复供电")
    done.locator("button").click()
    expect(page.locator("#crew-done")).to_contain_text(number, timeout=15000)
    expect(page.locator(".job", has_text=number)).to_have_count(0, timeout=15000)


@dataclass
class PhotoJob:
    """A job of crew1's crew whose cause is recorded, open on crew1's phone (``photo_job``): its
    next step is 处理完毕 ("restored"), with its photo field."""

    order: WorkOrder
    phone: BrowserContext
    page: Page

    @property
    def card(self) -> Locator:
        return self.page.locator(".job", has_text=self.order.number)

    @property
    def done_form(self) -> Locator:
        """The card's 处理完毕 form: what was done and the photos."""
        return self.card.locator('form[data-crew-step="restored"]')

    @property
    def photos_line(self) -> Locator:
        """The lines above the list of the jobs whose photos wait on the phone (crew_photos.js)."""
        return self.page.get_by_test_id("crew-photos-line")

    def worker_ready(self) -> None:
        """The page kept on the phone by its service worker: it opens again without signal."""
        expect(self.page.locator("#crew-offline-ready")).to_be_visible(timeout=SLOW_S * 1000)
        db_eventually(
            lambda: self.page.evaluate("navigator.serviceWorker.controller !== null"),
            "the page kept",
        )

    def choose(self, files: list[Any] | None = None, note: str = "更换接头，已恢复供电") -> Locator:
        """What was done typed and ``files`` chosen (a phone's photo by default) in the 处理完毕
        form, not yet sent; the form."""
        form = self.done_form
        expect(form).to_be_visible()
        form.locator("textarea[name=note]").fill(note)
        form.locator("input[name=photos]").set_input_files(files or [PHOTO])
        return form

    def resolve_kept(self, files: list[Any] | None = None) -> None:
        """处理完毕 with ``files`` tapped without signal: the step and its photos kept on the
        phone (the phone offline already)."""
        self.choose(files).locator("button").click()
        expect(self.card.locator("[data-saved]")).to_contain_text("保存在手机上")

    def everything_that_sends(self) -> None:
        """Every way the page sends the photos, at once: two taps, the tick's flush, "online";
        what they send given time to go."""
        self.page.evaluate(
            "Promise.all([powerdeskCrew.sendPhotos(), powerdeskCrew.sendPhotos(),"
            " powerdeskCrew.flush(true), window.dispatchEvent(new Event('online'))])"
        )
        self.page.wait_for_timeout(1500)

    def later(self, seconds: float) -> None:
        """The phone's clock ``seconds`` on (the photos' next try is by it)."""
        self.page.clock.set_system_time(self.page.evaluate("Date.now()") / 1000 + seconds)

    def sent_at_last(self, sent: list[Any], n: int) -> None:
        """``sent`` (the sendings of the photos a ``page.route`` of ``PHOTOS_URL`` answered)
        reaches ``n``, and no more. Waited in the page: the route's answers are given while
        Playwright is called."""
        for _ in range(100):
            if len(sent) >= n:
                break
            self.page.wait_for_timeout(200)
        assert len(sent) == n

    def online(self) -> None:
        """The signal back: the step, then its photos, sent; the step taken by the station."""
        self.phone.set_offline(False)
        self.page.evaluate("window.dispatchEvent(new Event('online'))")
        db_eventually(
            lambda: WorkOrder.objects.get(pk=self.order.pk).status == "resolved", "resolved"
        )


# Where the phone sends the photos kept with a step (``page.route`` them to answer as a test needs).
PHOTOS_URL = "**/desk/crew/*/photos/"
# A phone's photo of the job, as ``set_input_files`` takes it.
PHOTO = {"name": "接头.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg()}


@pytest.fixture
def photo_job(
    browser: Browser, live_server: Any, cast: types.SimpleNamespace
) -> Iterator[Callable[..., PhotoJob]]:
    """The crew photos' set-up: ``photo_job(init_script=…, **context)`` makes an order of the
    cast on site with its cause recorded ("低压线路接头烧断" at the fuse) and opens crew1's phone
    on it (``context``: the phone's settings, a 375 px screen; ``init_script``: run before the
    crew page loads, a full phone's storage), logged in, the crew page's scripts running. The
    phones are closed after the test."""
    phones: list[BrowserContext] = []

    def make(*, init_script: str | None = None, **context: Any) -> PhotoJob:
        add_crews(cast)
        order = plain_job(cast)
        on_site(cast, order)
        crew_step_take(
            work_order=order,
            step="cause_found",
            user=cast.member,
            fields={"cause": "低压线路接头烧断", "device": cast.fuse.code},
        )
        phone, page = crew_phone(browser, None, **context)
        phones.append(phone)
        if init_script:
            page.add_init_script(init_script)
        log_in(page, live_server.url, "crew1")
        crew_scripts_ready(page)
        return PhotoJob(order, phone, page)

    yield make
    for phone in phones:
        phone.close()
