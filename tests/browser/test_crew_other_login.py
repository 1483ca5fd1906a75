"""A crew's duty phone is shared: a page left open in one member's login (another tab, the app
in the background) while another member logs in sends its steps with the other's login. The
station does not take them as the other's (``other_login``); the phone keeps them for their
maker, says so naming them, and sends them when that member logs in again."""

from __future__ import annotations

import re
import types

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import make_user
from tests.browser.conftest import crew_phone, crew_scripts_ready, log_in
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser

SYNC = "**/desk/crew/sync/"

QUEUE = """() => new Promise((ok) => { const r = indexedDB.open("powerdesk-crew", 1);
r.onsuccess = () => { const t = r.result.transaction(["queue", "conflicts"]);
const q = t.objectStore("queue").getAll(); const c = t.objectStore("conflicts").getAll();
t.oncomplete = () => ok({ queue: q.result.map((i) => [i.step, i.by]),
conflicts: c.result.length }); }; })"""


def _no_signal(route: Route) -> None:
    route.abort("internetdisconnected")


def _kept(page: Page) -> dict[str, object]:
    return page.evaluate(QUEUE)  # type: ignore[no-any-return]


def test_a_step_sent_from_a_page_of_another_login_stays_for_its_maker(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    mate = make_user("crew1b", cast.station_a, Role.CREW, full_name="赵二")
    cast.crew.members.add(mate)
    order = plain_job(cast)
    phone, page = crew_phone(browser, url, bypass_csp=True)  # the test's own scripts
    card = page.locator(".job", has_text=order.number)
    crew_scripts_ready(page)
    # 王德忠 sets out without signal: the step is kept on the phone, in his login.
    page.route(SYNC, _no_signal)
    card.locator('form[data-crew-step="on_the_way"] button').click()
    expect(page.locator("#crew-sync-status")).to_contain_text("1", timeout=15000)
    assert _kept(page) == {"queue": [["on_the_way", str(cast.member.pk)]], "conflicts": 0}
    # The service worker has kept the crew's pages (it fetches them one after the other as the
    # page opens): none of its fetches is still on its way in 王德忠's login.
    expect(page.locator("#crew-offline-ready")).to_contain_text("没有信号也能打开", timeout=15000)

    # His page stays open; his session ends (the phone keeps its other cookies, as after a
    # logout) and 赵二 logs in on the same phone, in another tab (his session now). With no
    # CSRF cookie at all, an answer to a request of the open page or of the service worker
    # (the login page they are sent to) would set a new one under 赵二's login form: refused.
    phone.clear_cookies(name="sessionid")
    other = phone.new_page()
    log_in(other, url, "crew1b")
    expect(other.get_by_role("heading", name="我的任务")).to_be_visible()

    # Signal back: 王德忠's page draws its list again (in 赵二's session now, with its CSRF
    # token) and sends his step, with 赵二's login.
    answered = []
    page.on(
        "response", lambda r: answered.append(r) if r.url.endswith("/desk/crew/sync/") else None
    )
    page.unroute(SYNC)
    with page.expect_response(lambda r: r.url.endswith("/desk/crew/jobs/") and r.ok) as drawn:
        page.evaluate("htmx.trigger('#crew-jobs', 'crew:refresh')")
    # The list drawn in 赵二's session is on the page (its CSRF token, that the sending reads),
    # not only answered: sent before, the step would be refused for its token, not its login.
    token = re.search(r'data-csrf="([^"]+)"', drawn.value.text())
    assert token
    page.wait_for_function(
        "(token) => document.querySelector('#crew-jobs [data-csrf]').dataset.csrf === token",
        arg=token.group(1),
        timeout=15000,
    )
    page.evaluate("window.dispatchEvent(new Event('online'))")
    status = page.locator("#crew-sync-status")
    expect(status).to_contain_text("王德忠", timeout=15000)
    assert answered and answered[-1].json()["results"][0]["other_login"] is True
    page.wait_for_timeout(300)  # a settling that dropped the step would have done it by now
    # Kept for him, not said as "not taken by the station".
    assert _kept(page) == {"queue": [["on_the_way", str(cast.member.pk)]], "conflicts": 0}
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    assert not WorkOrderEvent.objects.filter(work_order=order, to_status="on_the_way").exists()

    # 赵二 logs out, 王德忠 logs in again: his step goes, recorded as his.
    other.get_by_role("button", name="退出").click()
    log_in(other, url, "crew1")
    expect(other.get_by_role("heading", name="我的任务")).to_be_visible()
    for _ in range(60):
        if WorkOrderEvent.objects.filter(work_order=order, to_status="on_the_way").exists():
            break
        other.wait_for_timeout(250)
    step = WorkOrderEvent.objects.get(work_order=order, to_status="on_the_way")
    assert step.by == cast.member
    expect(other.locator("#crew-sync-status")).to_be_hidden()
    phone.close()
