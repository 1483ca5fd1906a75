"""A feeder's single-line diagram, laid out and drawn as SVG on the server.

The drawing keeps what a dispatcher acts on — breakers, reclosers, sectionalisers, fuses,
switches and transformer areas — and folds the runs of plain poles and junctions between them
into line segments, labelled with the pole where a branch leaves its line. It reads left to
right in supply order: each device's children hang off a vertical line below it in the order
they come along the line, and the transformer areas a device supplies directly sit in a row on
its own line, a few to a row, so a feeder of 60 fuses and 250 transformer areas is about 100
rows tall.

``layout`` is pure (a ``FeederTree`` in, positions out); ``render_svg`` draws a layout with the
states of ``powerdesk.outages.selectors.section_states`` and the callers per transformer area.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import FeederTree
from powerdesk.outages.selectors import state_label

__all__ = ["Layout", "Placed", "layout", "render_svg"]

FOLDED_KINDS = frozenset({NodeKind.POLE.value, NodeKind.NODE.value})
AREAS_PER_ROW = 4  # transformer areas drawn side by side on their device's line
COLUMN = 172  # px between columns
ROW = 40  # px between rows
MARGIN = 24
LABEL_CHARS = 12  # a label longer than this is cut, the full name is in the tooltip


@dataclass(frozen=True)
class Placed:
    """A drawn element: its grid node, column and row, and how it hangs off its parent."""

    node: GridNode
    col: int
    row: int
    parent: int | None  # pk of the drawn element above it, None for the feeder's breaker
    tap: GridNode | None  # the pole where its line leaves the parent's, if poles were folded
    poles: int  # plain poles and junctions folded into the segment from the parent
    in_row: bool  # a transformer area on its parent's line rather than on a line of its own


@dataclass
class Layout:
    placed: dict[int, Placed] = field(default_factory=dict)
    rows: int = 0
    cols: int = 0

    @property
    def width(self) -> int:
        return 2 * MARGIN + self.cols * COLUMN

    @property
    def height(self) -> int:
        return 2 * MARGIN + max(1, self.rows) * ROW


@dataclass
class _Drawn:
    """A shown element of the folded tree before it is placed."""

    pk: int
    parent: int | None
    tap: GridNode | None
    poles: int
    children: list[int] = field(default_factory=list)


def layout(tree: FeederTree) -> Layout:
    """Place every shown element of ``tree`` on a grid of columns (depth) and rows.

    Each element's children are ordered by the number of poles between it and them (that is,
    along the line); transformer areas without anything below them go ``AREAS_PER_ROW`` to a
    row on their parent's line, the other children each start a block of rows of their own, so
    no two blocks overlap and no line crosses another. O(n) in the feeder's elements.

    >>> from powerdesk.network.models import GridNode
    >>> def n(pk, kind, parent=None):
    ...     return GridNode(pk=pk, kind=kind, code=f"c{pk}", parent_id=parent)
    >>> nodes = {1: n(1, "source"), 2: n(2, "pole", 1), 3: n(3, "fuse", 2),
    ...          4: n(4, "transformer", 3), 5: n(5, "transformer", 3), 6: n(6, "fuse", 1)}
    >>> children = {None: [1], 1: [2, 6], 2: [3], 3: [4, 5]}
    >>> placed = layout(FeederTree(nodes, children, {})).placed
    >>> [(pk, p.col, p.row) for pk, p in sorted(placed.items())]
    [(1, 0, 0), (3, 1, 1), (4, 2, 1), (5, 3, 1), (6, 1, 0)]
    >>> placed[3].poles, placed[3].tap.code
    (1, 'c2')
    """
    drawn = _fold(tree)
    result = Layout()
    row = 0
    for root in (pk for pk, d in drawn.items() if d.parent is None):
        row = _place(tree, drawn, result, root, 0, row)
    result.rows = row
    return result


def _fold(tree: FeederTree) -> dict[int, _Drawn]:
    """The tree of shown elements, each with the run of folded poles above it."""
    drawn: dict[int, _Drawn] = {}
    # (pk, shown element above, folded poles since it, the pole where the line turned)
    stack: list[tuple[int, int | None, int, GridNode | None]] = [
        (pk, None, 0, None) for pk in reversed(tree.children.get(None, []))
    ]
    while stack:
        pk, above, poles, tap = stack.pop()
        node = tree.nodes[pk]
        if node.kind in FOLDED_KINDS and above is not None:
            # The tap is the last pole still on the upstream line; a run on one line has its tap
            # at the pole just above the element.
            turned = tap if tap is not None and tap.line_name != node.line_name else node
            for child in reversed(tree.children.get(pk, [])):
                stack.append((child, above, poles + 1, turned))
            continue
        drawn[pk] = _Drawn(pk, above, tap, poles)
        if above is not None:
            drawn[above].children.append(pk)
        for child in reversed(tree.children.get(pk, [])):
            stack.append((child, pk, 0, None))
    for item in drawn.values():
        item.children.sort(key=lambda c: (drawn[c].poles, tree.nodes[c].code))
    return drawn


def _place(
    tree: FeederTree, drawn: dict[int, _Drawn], out: Layout, pk: int, col: int, row: int
) -> int:
    """Place ``pk`` at (col, row) and its subtree below; answer the first row left free."""
    item = drawn[pk]
    out.placed[pk] = Placed(
        tree.nodes[pk], col, row, item.parent, item.tap, item.poles, in_row=False
    )
    out.cols = max(out.cols, col + 1)
    areas = [
        c
        for c in item.children
        if tree.nodes[c].kind == NodeKind.TRANSFORMER and not drawn[c].children
    ]
    lines = [c for c in item.children if c not in set(areas)]
    for i, child in enumerate(areas):
        child_row, child_col = row + i // AREAS_PER_ROW, col + 1 + i % AREAS_PER_ROW
        c = drawn[child]
        out.placed[child] = Placed(
            tree.nodes[child], child_col, child_row, pk, c.tap, c.poles, in_row=True
        )
        out.cols = max(out.cols, child_col + 1)
    next_row = row + -(-len(areas) // AREAS_PER_ROW)
    for child in lines:
        next_row = _place(tree, drawn, out, child, col + 1, next_row)
    return max(next_row, row + 1)


def render_svg(
    tree: FeederTree,
    placed: Layout,
    *,
    states: Mapping[int, str],
    opened: Mapping[int, str],
    callers: Mapping[int, int],
) -> SafeString:
    """The layout as one SVG element: every shown element linked to its page.

    ``opened`` are the open devices (pk → state), ``states`` every element at or below one
    (``section_states``), ``callers`` the customers who reported a fault per transformer area.
    """
    lines: list[str] = []
    marks: list[str] = []
    for pk, p in placed.placed.items():
        if p.parent is not None:
            lines.append(_edge(placed, p, states.get(p.parent)))
        marks.append(_mark(tree, pk, p, opened, states, callers))
    title = _("Single-line diagram")
    # Every text in it was escaped as it was written.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="schematic" role="img" '
        f'aria-label="{escape(title)}" width="{placed.width}" height="{placed.height}" '
        f'viewBox="0 0 {placed.width} {placed.height}">{_STYLE}'
        f'<g class="sch-lines">{"".join(lines)}</g><g class="sch-marks">{"".join(marks)}</g></svg>'
    )


def _xy(p: Placed) -> tuple[int, int]:
    return MARGIN + p.col * COLUMN + 8, MARGIN + p.row * ROW + ROW // 2


def _edge(out: Layout, p: Placed, parent_state: str | None) -> str:
    """The folded segment from the parent: down its vertical line, then along to ``p``."""
    px, py = _xy(out.placed[p.parent])  # type: ignore[index]
    x, y = _xy(p)
    css = f"sch-edge state-dark-{parent_state}" if parent_state else "sch-edge"
    if p.in_row and p.col - 1 > out.placed[p.parent].col:  # type: ignore[index]
        # A transformer area further along a row: the line comes from the one before it.
        path = f"M{x - COLUMN},{y}H{x}"
    else:
        path = f"M{px},{py}V{y}H{x}"
    tap = ""
    if p.tap is not None and p.tap.pole_number:
        text = _("No. %(number)s") % {"number": p.tap.pole_number}
        hint = ngettext(
            "%(count)d pole from the device above", "%(count)d poles from the device above", p.poles
        ) % {"count": p.poles}
        tap = (
            f'<text class="sch-tap" x="{x - 12}" y="{y + 13}" text-anchor="end">'
            f"<title>{escape(p.tap.name or p.tap.code)} · {escape(hint)}</title>"
            f"{escape(text)}</text>"
        )
    return f'<path class="{css}" d="{path}"/>{tap}'


def _mark(
    tree: FeederTree,
    pk: int,
    p: Placed,
    opened: Mapping[int, str],
    states: Mapping[int, str],
    callers: Mapping[int, int],
) -> str:
    node = p.node
    x, y = _xy(p)
    if pk in opened:
        state = f"open-{opened[pk]}"
    elif pk in states:
        state = f"dark-{states[pk]}"
    else:
        state = "live"
    customers = tree.customers_below.get(pk, 0)
    facts = [
        node.name or node.code,
        f"{node.get_kind_display()} · {node.code}",
        ngettext("%(count)d customer supplied", "%(count)d customers supplied", customers)
        % {"count": customers},
    ]
    if state != "live":
        facts.append(state_label(state))
    called = callers.get(pk, 0)
    badge = ""
    if called:
        said = ngettext(
            "%(count)d customer reported a fault in the last 24 hours",
            "%(count)d customers reported a fault in the last 24 hours",
            called,
        ) % {"count": called}
        facts.append(said)
        badge = (
            f'<g class="sch-callers"><circle cx="{x - 12}" cy="{y - 10}" r="7"/>'
            f'<text x="{x - 12}" y="{y - 7}" text-anchor="middle">{called}</text></g>'
        )
    label = _short_label(node)
    return (
        f'<a href="{escape(node.get_absolute_url())}" class="sch-node kind-{node.kind} '
        f'state-{state}" data-code="{escape(node.code)}" data-kind="{node.kind}" '
        f'data-state="{state}"{f" data-callers={called!s}" if called else ""}>'
        f"<title>{escape(chr(10).join(facts))}</title>"
        f'<rect class="sch-hit" x="{x - 10}" y="{y - 18}" width="{COLUMN - 24}" height="34"/>'
        f"{_symbol(node.kind, x, y)}{badge}"
        f'<text class="sch-label" x="{x + 13}" y="{y - 6}">{escape(label)}</text>'
        f'<text class="sch-code" x="{x + 13}" y="{y + 13}">{escape(node.code)}</text></a>'
    )


def _short_label(node: GridNode) -> str:
    """Where a device is (its line and pole: the symbol says what it is), a transformer
    area's name; without the feeder's name in front, cut to fit a column."""
    name = node.name or node.code
    if node.is_protective and node.line_name and node.pole_number:
        name = _("%(line)s No. %(number)s") % {"line": node.line_name, "number": node.pole_number}
    feeder_name = node.feeder.name  # cached: the tree's nodes were read through their feeder
    if name.startswith(feeder_name) and len(name) > len(feeder_name):
        name = name[len(feeder_name) :]
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def _symbol(kind: str, x: int, y: int) -> str:
    """The usual single-line symbols, about 14 px across, centred on the line."""
    if kind == NodeKind.TRANSFORMER:
        return (
            f'<circle class="sym" cx="{x - 3}" cy="{y}" r="5.5"/>'
            f'<circle class="sym" cx="{x + 3}" cy="{y}" r="5.5"/>'
        )
    if kind == NodeKind.FUSE:
        return f'<rect class="sym" x="{x - 8}" y="{y - 4}" width="16" height="8"/>'
    if kind == NodeKind.SWITCH:
        return (
            f'<rect class="sym sym-back" x="{x - 8}" y="{y - 5}" width="16" height="10"/>'
            f'<path class="sym-blade" d="M{x - 7},{y}L{x + 6},{y - 6}"/>'
        )
    letter = {"recloser": "R", "sectionalizer": "S"}.get(kind, "")
    filled = " sym-filled" if kind == NodeKind.SOURCE else ""
    text = (
        f'<text class="sym-letter" x="{x}" y="{y + 3.5}" text-anchor="middle">{letter}</text>'
        if letter
        else ""
    )
    return f'<rect class="sym{filled}" x="{x - 7}" y="{y - 7}" width="14" height="14"/>{text}'


# Colours also read in grey: open devices are filled, dark sections are thick, and predicted
# ones dashed, so the drawing says the same printed or to someone who does not see red.
_STYLE = """<style>
.schematic{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#fff}
.sch-edge{fill:none;stroke:#374151;stroke-width:1.5}
.sch-lines{pointer-events:none}
.sch-hit{fill:transparent}
.sch-edge.state-dark-predicted{stroke:#d97706;stroke-width:3;stroke-dasharray:6 3}
.sch-edge.state-dark-confirmed,.sch-edge.state-dark-declared{stroke:#dc2626;stroke-width:3}
.sch-node .sym{fill:#fff;stroke:#111827;stroke-width:1.5}
.sch-node .sym-filled{fill:#111827}
.sch-node .sym-blade{stroke:#111827;stroke-width:2}
.sch-node .sym-letter{font-size:9px;font-weight:700;fill:#111827}
.sch-label{font-size:11px;fill:#111827}
.sch-code,.sch-tap{font-size:9px;fill:#6b7280}
.sch-node:hover .sch-label,.sch-node:focus .sch-label{text-decoration:underline;fill:#1d4ed8}
.sch-node.state-open-predicted .sym{fill:#fbbf24;stroke:#b45309;stroke-width:2.5}
.sch-node.state-open-confirmed .sym,.sch-node.state-open-declared .sym{
  fill:#dc2626;stroke:#7f1d1d;stroke-width:2.5}
.sch-node.state-dark-predicted .sym{fill:#fef3c7;stroke:#d97706}
.sch-node.state-dark-confirmed .sym,.sch-node.state-dark-declared .sym{fill:#fee2e2;stroke:#dc2626}
.sch-node[class*=state-open] .sch-label{font-weight:700}
.sch-callers circle{fill:#1d4ed8}
.sch-callers text{font-size:9px;font-weight:700;fill:#fff}
</style>"""
