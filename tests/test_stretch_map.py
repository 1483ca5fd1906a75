"""The small map of the stretch on the crew's card (``powerdesk.network.stretch``): its labels
must be readable on a phone, so none is written over another or over a marker."""

from __future__ import annotations

import doctest
import math
import re

from powerdesk.network import stretch as stretch_module
from powerdesk.network.models import GridNode
from powerdesk.network.selectors import FeederTree
from powerdesk.network.stretch import LABEL_GAP, label_places, render_stretch_svg, stretch

TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
CIRCLE = re.compile(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="(\d+)" class="(\w+)"')


def _tree() -> FeederTree:
    """A fuse with its transformer a few metres away, a second transformer close by, and
    poles: at the map's scale the three devices sit almost on one point."""
    spec = [
        (1, "ZM-B01-F", "fuse", None, 101.2000, 25.5000, "哔叭支线02号杆跌落式熔断器"),
        (2, "ZM-B01-T1", "transformer", 1, 101.20001, 25.50001, "哔叭1号公变"),
        (3, "ZM-B01-T2", "transformer", 1, 101.20003, 25.49999, "哔叭2号公变"),
        (4, "ZM-B01-P03", "pole", 1, 101.2050, 25.5040, "哔叭支线03号杆"),
        (5, "ZM-B01-P04", "pole", 4, 101.2100, 25.5080, "哔叭支线04号杆"),
        (6, "ZM-B01-T3", "transformer", 5, 101.2101, 25.5081, "哔叭3号公变"),
    ]
    nodes = {}
    for pk, code, kind, parent, x, y, name in spec:
        node = GridNode(pk=pk, code=code, kind=kind, x=x, y=y, name=name)
        node.parent_id = parent
        nodes[pk] = node
    return FeederTree(nodes=nodes, children={}, customers_below={})


def _boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    # The map's 10 px type: a digit about 6 px wide, from the baseline up 8 px.
    found = []
    for x, y, text in TEXT.findall(svg):
        left, base = float(x), float(y)
        found.append((text, (left, base - 8, left + 5.5 * len(text), base)))
    return found


def _view(svg: str) -> tuple[float, float]:
    [(width, height)] = re.findall(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    return float(width), float(height)


def _line(*places: tuple[float, float]) -> FeederTree:
    """Poles in a row, each the parent of the next, at ``places`` (longitude, latitude)."""
    nodes = {}
    for pk, (x, y) in enumerate(places, start=1):
        node = GridNode(pk=pk, code=f"P{pk:02d}", kind="transformer", x=x, y=y, name=f"{pk}")
        node.parent_id = pk - 1 or None
        nodes[pk] = node
    return FeederTree(nodes=nodes, children={}, customers_below={})


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def test_no_label_is_written_over_another_or_over_a_device() -> None:
    found = stretch(_tree(), 1, [2, 3, 6])
    svg = str(render_stretch_svg(found))
    boxes = _boxes(svg)
    assert len(boxes) >= 3, svg
    for i, (text, box) in enumerate(boxes):
        for other, box2 in boxes[i + 1 :]:
            assert not _overlap(box, box2), (text, other, svg)
        for cx, cy, r, kind in CIRCLE.findall(svg):
            if kind == "pole":
                continue
            mark = (float(cx) - int(r), float(cy) - int(r), float(cx) + int(r), float(cy) + int(r))
            assert not _overlap(box, mark), (text, cx, cy, svg)
        width, height = _view(svg)
        assert box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height


def test_the_labels_are_the_numbers_of_the_list_under_the_map() -> None:
    found = stretch(_tree(), 1, [2, 3, 6])
    svg = str(render_stretch_svg(found))
    numbers = {int(text) for text, _box in _boxes(svg)}
    assert numbers == set(range(1, len(found.devices) + 1))
    # The fuse at the top is the list's first line and the map's 1.
    assert found.devices[0].code == "ZM-B01-F"
    assert re.search(r'data-node="1">1</text>', svg)


def test_the_map_is_named_in_the_user_s_language() -> None:
    from django.utils import translation

    with translation.override("zh-hans"):
        svg = str(render_stretch_svg(stretch(_tree(), 1, [2, 3, 6])))
    assert 'aria-label="巡线段示意图"' in svg, svg[:300]


def test_the_docstring_examples_hold() -> None:
    failures, _tried = doctest.testmod(stretch_module)
    assert failures == 0


def test_a_stretch_running_east_west_fills_its_box_instead_of_a_strip_at_its_foot() -> None:
    # 3 km east, 300 m north: the map's box is low, and the drawing sits in its middle.
    tree = _line((101.20, 25.500), (101.21, 25.501), (101.22, 25.5015), (101.23, 25.5027))
    svg = str(render_stretch_svg(stretch(tree, 1, [4])))
    width, height = _view(svg)
    ys = [float(cy) for _cx, cy, _r, _kind in CIRCLE.findall(svg)]
    xs = [float(cx) for cx, _cy, _r, _kind in CIRCLE.findall(svg)]
    above, below = min(ys), height - max(ys)
    assert abs(above - below) <= 1, (above, below, svg[:200])
    assert above <= 0.4 * height, (above, height)  # no band of empty map above it
    assert abs(min(xs) - (width - max(xs))) <= 1  # centred east-west too
    assert max(xs) - min(xs) >= width - 2 * 24 - 1  # as wide as the padding allows


def test_a_kilometre_east_is_as_long_on_the_map_as_a_kilometre_north() -> None:
    north = 0.009  # about 1 km of latitude
    east = north / math.cos(math.radians(25.5))  # about 1 km of longitude at 25.5° N
    tree = _line((101.2, 25.5), (101.2 + east, 25.5), (101.2 + east, 25.5 + north))
    svg = str(render_stretch_svg(stretch(tree, 1, [3])))
    (x1, _y1), (x2, y2), (_x3, y3) = [
        (float(cx), float(cy)) for cx, cy, _r, _kind in CIRCLE.findall(svg)
    ]
    assert abs((x2 - x1) - (y2 - y3)) <= 1, svg


def test_numbers_side_by_side_keep_a_gap_between_them() -> None:
    # Two devices one line of type apart: their numbers must not touch ("5" "1" read as "51").
    labels = [(5, (100.0, 50.0), 6.0, "5"), (1, (100.0, 62.0), 6.0, "1")]
    marks = [(100.0, 50.0, 6.0), (100.0, 62.0, 6.0)]
    places = label_places(labels, marks)
    (five, _l5), (one, _l1) = places[5], places[1]
    gap = max(
        one.left - five.right, five.left - one.right, one.top - five.bottom, five.top - one.bottom
    )
    assert gap >= LABEL_GAP, (five, one)


def test_on_a_crowded_map_the_first_places_of_the_list_keep_their_numbers() -> None:
    """A breaker's whole feeder: far more places than room for numbers. The first places the
    crew is told to look at are numbered on the map, wherever they lie in supply order."""
    places = [(101.2 + i * 0.0002, 25.5 + (i % 2) * 0.00005 + i * 0.00002) for i in range(60)]
    found = stretch(_line(*places), 1, [60])
    # The list's order is the reverse of supply order: the farthest place is the likeliest.
    numbers = {pk: 61 - pk for pk in range(1, 61)}
    svg = str(render_stretch_svg(found, numbers=numbers))
    shown = {int(text) for text, _box in _boxes(svg)}
    assert len(shown) < 60, "the map is crowded: some numbers are left to the list"
    assert {1, 2, 3, 4, 5, 6, 7, 8} <= shown, sorted(shown)
