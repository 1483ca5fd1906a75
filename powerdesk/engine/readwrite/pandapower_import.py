"""Radial networks from pandapower (and so simbench) for the engine.

The mapping, written down:

- each ``ext_grid`` is a ``source`` (id ``EG<i>``), at its bus;
- each bus reached from a source is a ``node`` (``B<bus>``); lines join buses, walked
  breadth-first from the source, so a meshed grid is cut into a tree where an edge would close a
  loop, and open switches are not crossed (they are the normally-open points);
- a line switch (or a bus-bus switch) that is closed becomes a ``recloser`` if its type is a
  circuit breaker (``CB``) and a ``switch`` otherwise (``LBS``, ``DS``, or none), placed between
  the two buses;
- a transformer whose low-voltage side is at most 1 kV is a ``transformer`` (``TR<i>``, a
  transformer area); one above (an HV/MV substation transformer) is a ``node``;
- where a bus feeds more than one line, a ``fuse`` (``FU-<line or switch id>``) is placed at
  the start of each of those laterals, as drop-out fuses sit at branch taps;
- each load is a ``customer`` (``LD<i>``) under its bus. Buses and loads not reached from a
  source are left out. Nothing of lightning zones, ages or meters is known: those columns stay
  empty.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator
from typing import Any

__all__ = ["pandapower_rows", "simbench_rows"]

Row = tuple[str, str, str]


def pandapower_rows(net: Any) -> list[Row]:
    """``(id, parent, kind)`` rows for a pandapower network (see the module docstring).

    A substation transformer feeding two laterals, one load at the end of each:

    >>> import pandapower as pp
    >>> net = pp.create_empty_network()
    >>> hv, lv, a, b = (pp.create_bus(net, vn_kv=kv) for kv in (20.0, 0.4, 0.4, 0.4))
    >>> _ = pp.create_ext_grid(net, hv)
    >>> _ = pp.create_transformer(net, hv, lv, std_type="0.4 MVA 20/0.4 kV")
    >>> for end in (a, b):
    ...     _ = pp.create_line(net, lv, end, length_km=0.1, std_type="NAYY 4x50 SE")
    ...     _ = pp.create_load(net, end, p_mw=0.01)
    >>> for row in pandapower_rows(net):
    ...     print(row)
    ('EG0', '', 'source')
    ('B0', 'EG0', 'node')
    ('TR0', 'B0', 'transformer')
    ('B1', 'TR0', 'node')
    ('FU-L0', 'B1', 'fuse')
    ('B2', 'FU-L0', 'node')
    ('FU-L1', 'B1', 'fuse')
    ('B3', 'FU-L1', 'node')
    ('LD0', 'B2', 'customer')
    ('LD1', 'B3', 'customer')
    """
    edges: dict[int, list[tuple[int, str, str]]] = defaultdict(list)  # bus -> (bus, via id, kind)
    line_switch: dict[int, Any] = {}
    for _, sw in _records(net.switch):
        if sw["et"] == "l":
            line_switch[int(sw["element"])] = sw
    for index, line in _records(net.line):
        if not bool(line.get("in_service", True)):
            continue
        line_sw = line_switch.get(int(index))
        if line_sw is not None and not bool(line_sw["closed"]):
            continue
        kind = "line"
        if line_sw is not None:
            kind = "recloser" if str(line_sw.get("type", "")) == "CB" else "switch"
        a, b = int(line["from_bus"]), int(line["to_bus"])
        edges[a].append((b, f"L{index}", kind))
        edges[b].append((a, f"L{index}", kind))
    for index, sw in _records(net.switch):
        if sw["et"] != "b" or not bool(sw["closed"]):
            continue
        kind = "recloser" if str(sw.get("type", "")) == "CB" else "switch"
        a, b = int(sw["bus"]), int(sw["element"])
        edges[a].append((b, f"SW{index}", kind))
        edges[b].append((a, f"SW{index}", kind))
    for index, trafo in _records(net.trafo):
        if not bool(trafo.get("in_service", True)):
            continue
        kind = "transformer" if float(trafo["vn_lv_kv"]) <= 1.0 else "node"
        hv, lv = int(trafo["hv_bus"]), int(trafo["lv_bus"])
        edges[hv].append((lv, f"TR{index}", kind))
        edges[lv].append((hv, f"TR{index}", kind))

    rows: list[Row] = []
    seen: set[int] = set()
    for index, grid in _records(net.ext_grid):
        bus = int(grid["bus"])
        if bus in seen:
            continue
        source = f"EG{index}"
        rows.append((source, "", "source"))
        rows.append((f"B{bus}", source, "node"))
        seen.add(bus)
        queue = deque([bus])
        while queue:
            here = queue.popleft()
            onward = [(b, via, kind) for b, via, kind in edges[here] if b not in seen]
            laterals = sum(1 for _, _, kind in onward if kind in ("line", "switch")) > 1
            for there, via, kind in onward:
                if there in seen:
                    continue
                seen.add(there)
                parent = f"B{here}"
                if kind in ("line", "switch") and laterals:
                    rows.append((f"FU-{via}", parent, "fuse"))
                    parent = f"FU-{via}"
                if kind != "line":
                    rows.append((via, parent, kind))
                    parent = via
                rows.append((f"B{there}", parent, "node"))
                queue.append(there)
    for index, load in _records(net.load):
        bus = int(load["bus"])
        if bus in seen:
            rows.append((f"LD{index}", f"B{bus}", "customer"))
    return rows


def _records(frame: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """``(index, row)`` pairs of a DataFrame, the row as a dict: ``iterrows`` builds a Series
    for each row, which takes seconds on a simbench grid."""
    return zip(frame.index, frame.to_dict("records"), strict=True)


def simbench_rows(code: str) -> list[Row]:
    """Rows for a simbench grid by its code, e.g. ``1-MVLV-rural-all-0-sw``.

    The smallest of simbench's grids, a rural low-voltage one:

    >>> from collections import Counter
    >>> rows = simbench_rows("1-LV-rural1--0-sw")
    >>> rows[:3]
    [('EG0', '', 'source'), ('B42', 'EG0', 'node'), ('TR0', 'B42', 'transformer')]
    >>> sorted(Counter(kind for _, _, kind in rows).items())
    [('customer', 13), ('fuse', 4), ('node', 15), ('source', 1), ('switch', 13), ('transformer', 1)]
    """
    import simbench  # an optional extra: pip install powerdesk[grid-import]

    return pandapower_rows(simbench.get_simbench_net(code))
