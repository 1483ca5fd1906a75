"""In a real browser on the demo station: two outages are off. The map opens on the whole
grid with the outages beside it in the board's order; each takes the map to its dark area,
and the board's rows open the map on theirs."""

from __future__ import annotations

import json
import time

from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Station, User
from powerdesk.demo.builder import DEMO_PASSWORD
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import downstream_summary
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.browser.conftest import SLOW_S, log_in
from tests.demo_station import REFERENCE_APPS, load_demo

STORY_FUSE = "哔叭支线02号杆跌落式熔断器"


def _two_outages() -> tuple[Outage, Outage]:
    load_demo(only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    dispatcher = User.objects.get(username="gl_dispatch")
    small = GridNode.objects.get(station=station, name=STORY_FUSE)
    # A fuse on another feeder with more households below it: first to restore.
    big = max(
        GridNode.objects.filter(station=station, kind=NodeKind.FUSE).exclude(feeder=small.feeder)[
            :30
        ],
        key=lambda d: downstream_summary(d)["customers"],
    )
    first = outage_declare(
        station=station, user=dispatcher, device=small, kind=Outage.Kind.UNPLANNED
    )
    second = outage_declare(
        station=station, user=dispatcher, device=big, kind=Outage.Kind.UNPLANNED
    )
    return first, second


def _framed(page: Page) -> bool:
    """Whether the map shows the chosen outage framed large and wholly inside it, once it has
    moved there (the move is animated: slow on a loaded machine, where 4 s did not always do;
    the frame may cross the map's edge on the way, so only where the move ends is judged)."""
    deadline = time.monotonic() + SLOW_S
    while True:
        frame = page.locator("path.map-frame").bounding_box()
        area = page.locator("#outage-map").bounding_box()
        assert frame is not None and area is not None
        inside = (
            frame["x"] >= area["x"] - 1
            and frame["y"] >= area["y"] - 1
            and frame["x"] + frame["width"] <= area["x"] + area["width"] + 1
            and frame["y"] + frame["height"] <= area["y"] + area["height"] + 1
        )
        share = max(frame["width"] / area["width"], frame["height"] / area["height"])
        if inside and share > 0.3:
            return True
        if time.monotonic() > deadline:
            assert inside, (frame, area)
            return False
        page.wait_for_timeout(200)


def test_the_map_opens_on_the_grid_and_the_list_takes_it_to_each_outage(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    small, big = _two_outages()
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 860})
    log_in(page, url, "gl_dispatch", DEMO_PASSWORD)

    # From the board's row of the story fuse: the map opens framed on it.
    page.goto(f"{url}/outages/")
    page.get_by_test_id(f"map-link-outage-{small.pk}").click()
    expect(page.locator("#outage-map[data-loaded]")).to_have_count(1, timeout=SLOW_S * 1000)
    entries = page.locator(".map-outage")
    expect(entries).to_have_count(2)
    # The board's order: more households out comes first.
    expect(entries.nth(0)).to_have_attribute("data-key", f"outage-{big.pk}")
    expect(entries.nth(0)).to_contain_text("第 1 位")
    chosen = page.locator(".map-outage.chosen")
    expect(chosen).to_have_attribute("data-key", f"outage-{small.pk}")
    expect(chosen).to_contain_text(STORY_FUSE)
    assert _framed(page)
    expect(page.locator("path.map-device.state-open-declared")).to_have_count(2)
    screenshot(page, "map-outage")  # type: ignore[operator]

    # The whole station: no frame; then the first outage from the list.
    page.get_by_role("button", name="全所", exact=True).click()
    expect(page.locator("path.map-frame")).to_have_count(0)
    expect(page.locator(".map-outage.chosen")).to_have_count(0)
    entries.nth(0).locator(".map-outage-go").click()  # at once, while the map still moves
    expect(page.locator(".map-outage.chosen")).to_have_attribute("data-key", f"outage-{big.pk}")
    expect(page.locator("path.map-frame")).to_have_count(1)
    assert _framed(page)
    assert page.url.endswith(f"?outage={big.pk}")  # a link to what is on the screen

    # Opened without an outage named: the whole grid, nothing framed.
    page.goto(f"{url}/outages/map/")
    expect(page.locator("#outage-map[data-loaded]")).to_have_count(1, timeout=SLOW_S * 1000)
    expect(page.locator("path.map-frame")).to_have_count(0)
    expect(page.locator("#map-summary")).to_contain_text("全所：已登记停电的断开设备 2 台")
    # Leaflet's buttons speak the page's language (its defaults are English).
    labels = json.loads(page.locator("#map-labels").text_content() or "{}")
    for button, key in (("in", "zoom_in"), ("out", "zoom_out")):
        title = page.locator(f"a.leaflet-control-zoom-{button}").get_attribute("title")
        assert title == labels[key], title  # 放大, 缩小
    toggle = page.locator("a.leaflet-control-layers-toggle").get_attribute("title")
    assert toggle == labels["layers"], toggle


def test_a_fault_call_s_marker_is_labelled_with_the_page_s_colon(
    page: Page, live_server: object, transactional_db: None
) -> None:
    from django.utils import timezone

    from powerdesk.customers.models import Customer
    from powerdesk.servicedesk.models import Call, Category

    load_demo(only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    customer = Customer.objects.filter(station=station, transformer__x__isnull=False).first()
    assert customer is not None and customer.transformer is not None
    Call.objects.create(
        station=station,
        received_at=timezone.now(),
        customer=customer,
        category=Category.FAULT_REPAIR,
    )
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "gl_dispatch", DEMO_PASSWORD)
    page.goto(f"{url}/outages/map/")
    expect(page.locator("#outage-map[data-loaded]")).to_have_count(1, timeout=SLOW_S * 1000)
    marker = page.locator(".map-calls")
    expect(marker).to_have_count(1)
    title = marker.get_attribute("title") or ""
    assert title.startswith(f"{customer.transformer.name}："), title
