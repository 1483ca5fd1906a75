"""The engine's check that rows form a radial network names every problem by line."""

from __future__ import annotations

from powerdesk.engine.radial import ElementRow, radial_problems


def rows(*items: tuple[str, str, str]) -> list[ElementRow]:
    return [ElementRow(line, *item) for line, item in enumerate(items, start=2)]


def messages(*items: tuple[str, str, str]) -> list[str]:
    return [str(p) for p in radial_problems("net.csv", rows(*items))]


def test_a_radial_network_has_no_problem() -> None:
    assert (
        messages(
            ("S", "", "source"),
            ("F", "S", "fuse"),
            ("T", "F", "transformer"),
            ("C", "T", "customer"),
        )
        == []
    )


def test_rows_may_come_in_any_order() -> None:
    assert messages(("C", "T", "customer"), ("T", "S", "transformer"), ("S", "", "source")) == []


def test_a_duplicate_id_is_reported_with_the_first_line() -> None:
    assert messages(("S", "", "source"), ("F", "S", "fuse"), ("F", "S", "fuse")) == [
        "net.csv, line 4, column id: duplicate id 'F' (first on line 3)"
    ]


def test_an_unknown_parent_is_reported() -> None:
    assert messages(("S", "", "source"), ("F", "X", "fuse")) == [
        "net.csv, line 3, column parent: 'X' is not the id of any element"
    ]


def test_a_cycle_is_reported_once() -> None:
    found = messages(
        ("S", "", "source"), ("A", "B", "node"), ("B", "C", "node"), ("C", "A", "node")
    )
    assert len(found) == 1
    assert found[0].startswith("net.csv, line 3, column parent: cycle of parents: ")


def test_a_customer_with_children_is_reported() -> None:
    assert messages(("S", "", "source"), ("C", "S", "customer"), ("D", "C", "customer")) == [
        "net.csv, line 3, column kind: customer 'C' has children"
    ]


def test_an_unknown_kind_and_a_root_that_is_not_a_source_are_reported() -> None:
    found = messages(("S", "", "source"), ("X", "S", "widget"), ("N", "", "node"))
    assert found[0].startswith("net.csv, line 3, column kind: unknown kind 'widget'")
    assert (
        found[1] == "net.csv, line 4, column parent: 'N' has no parent but only a source is a root"
    )
