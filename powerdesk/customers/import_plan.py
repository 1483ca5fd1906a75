"""What a customer import would do: new customers, changed ones with each field, unchanged
ones and every care flag that changes. Built by ``importing``, shown by the import page and the
command, and compared by fingerprint before it is applied."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from powerdesk.customers.models import CARE_FLAGS, history_field_label, history_value_display

if TYPE_CHECKING:
    from powerdesk.customers.import_warnings import ImportWarning

__all__ = ["FLAG_COLUMNS", "CustomerImportPlan", "CustomerPlan", "FieldChange", "ImportPlanChanged"]

# Column → Customer attribute, for the yes/no columns.
FLAG_COLUMNS = {
    "medical_need": "medical_need",
    "elderly_alone": "elderly_alone",
    "hardship": "hardship",
    "important": "important",
    "smart_meter": "has_smart_meter",
}


@dataclass(frozen=True)
class FieldChange:
    """One field of one customer, in the form the history stores: names and codes for
    villages, groups and transformers, ``1``/``0`` for flags, a number for an added phone."""

    field: str
    old: str
    new: str

    @property
    def is_care_flag(self) -> bool:
        return self.field in CARE_FLAGS

    @property
    def clears(self) -> bool:
        return self.is_care_flag and self.new == "0"

    @property
    def label(self) -> str:
        return history_field_label(self.field)

    @property
    def old_display(self) -> str:
        return history_value_display(self.field, self.old)

    @property
    def new_display(self) -> str:
        return history_value_display(self.field, self.new)


@dataclass
class CustomerPlan:
    """What the import does to one customer (all of its values when the customer is new)."""

    line: int
    account_number: str
    name: str
    customer_id: int | None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.customer_id is None

    @property
    def care_flag_changes(self) -> list[FieldChange]:
        return [c for c in self.changes if c.is_care_flag]


@dataclass
class CustomerImportPlan:
    """What importing a file would do; it is applied only if it is still the same."""

    file_name: str
    ignored_columns: list[str]
    new: list[CustomerPlan]
    changed: list[CustomerPlan]
    unchanged: int
    new_villages: list[str]
    new_groups: list[tuple[str, str]]
    # What to look at before confirming, which does not stop the import (``import_warnings``).
    warnings: list[ImportWarning] = field(default_factory=list)

    @property
    def care_flag_changes(self) -> list[tuple[CustomerPlan, FieldChange]]:
        """Every care flag that would change, the medical needs cleared first."""
        found = [(p, c) for p in self.new + self.changed for c in p.care_flag_changes]
        return sorted(found, key=lambda pc: (not pc[1].clears, pc[1].field != "medical_need"))

    @property
    def fingerprint(self) -> str:
        """A digest of every change: equal digests mean the same import."""
        content: list[object] = [
            [p.account_number, p.customer_id, [[c.field, c.old, c.new] for c in p.changes]]
            for p in self.new + self.changed
        ]
        content.append([self.new_villages, self.new_groups])
        text = json.dumps(content, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def summary_lines(self) -> list[str]:
        """The plan in plain text, for the command line."""
        lines = [
            f"{self.file_name}: {len(self.new)} new, {len(self.changed)} changed, "
            f"{self.unchanged} unchanged."
        ]
        if self.ignored_columns:
            lines.append(f"Columns ignored: {', '.join(self.ignored_columns)}.")
        if self.new_villages or self.new_groups:
            names = self.new_villages + [f"{v}·{g}" for v, g in self.new_groups]
            lines.append(f"New villages and groups: {', '.join(names)}.")
        for plan in self.changed:
            fields = ", ".join(dict.fromkeys(c.field for c in plan.changes))
            lines.append(f"  changed {plan.account_number} {plan.name}: {fields}")
        for warning in self.warnings:
            lines.append(f"Warning: {warning.text}")
        flags = self.care_flag_changes
        if flags:
            lines.append("Care flags that change:")
            for plan, change in flags:
                mark = "  <-- CLEARED" if change.clears else ""
                lines.append(
                    f"  {plan.account_number} {plan.name}: {change.field} "
                    f"{change.old or '0'} -> {change.new}{mark}"
                )
        return lines


class ImportPlanChanged(Exception):
    """The customers changed since the preview; ``plan`` is what the import would do now."""

    def __init__(self, plan: CustomerImportPlan) -> None:
        self.plan = plan
        super().__init__("the customers changed since the preview")
