"""A network import plan's rows: one element or customer of the file, what it would become (its
fields' changes, old → new, and a move), as the preview shows them (``import_plan``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from powerdesk.network.import_kinds import kind_label
from powerdesk.network.import_words import field_label

__all__ = ["Change", "ElementPlan", "Move", "shown"]


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    # A line (feeder) is shown by its name, as the moved table does, its code in brackets.
    old_name: str = ""
    new_name: str = ""

    @property
    def label(self) -> str:
        return field_label(self.field)

    @property
    def old_shown(self) -> str:
        return self._shown(self.old, self.old_name)

    @property
    def new_shown(self) -> str:
        return self._shown(self.new, self.new_name)

    def _shown(self, value: str, name: str) -> str:
        if self.field == "kind":
            return kind_label(value)
        return f"{name} ({value})" if name and name != value else value


@dataclass(frozen=True)
class Move:
    """A stored element given another parent or feeder, and what goes with it."""

    from_parent: str
    to_parent: str
    from_feeder: str
    to_feeder: str
    elements_below: int  # stored elements below it (they stay below it)
    households: int  # customers of its and their transformer areas
    carried: tuple[int, ...]  # stored elements below it, not in the file, put on its new feeder
    from_feeder_name: str = ""
    to_feeder_name: str = ""

    @property
    def feeder_changes(self) -> bool:
        return self.from_feeder != self.to_feeder

    @property
    def parent_changes(self) -> bool:
        return self.from_parent != self.to_parent


@dataclass
class ElementPlan:
    """One row of the file: a grid element or a customer, what it would become."""

    line: int
    code: str
    kind: str
    is_new: bool
    changes: list[Change]
    after: dict[str, Any] = field(default_factory=dict)
    move: Move | None = None

    @property
    def is_customer(self) -> bool:
        return self.kind == "customer"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def name(self) -> str:
        """The name the row stores (a customer's: the file's, else the stored or the id)."""
        return str(self.after.get("name") or "")

    @property
    def values_set(self) -> list[tuple[str, str]]:
        """The other values a new row stores, each with its field's name, as text: the
        preview shows what will be stored, a formula-looking name or line as typed (walk51, F4).
        Its name, kind and parent (a customer's transformer) have their own columns, and its
        feeder is that of its parent."""
        values = []
        for key, value in self.after.items():
            if key in ("feeder", "parent", "kind", "name", "transformer"):
                continue
            if value is None or value is False or value == "":
                continue
            if key == "has_smart_meter" and value == "0":
                continue
            values.append((field_label(key), shown(value)))
        return values


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
