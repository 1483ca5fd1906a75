"""A chart as data: categories, series of numbers and, for each number, the rows behind it.

The page draws it twice: as a table (its numbers, readable without JavaScript and by a screen
reader) and, with JavaScript, as an ECharts canvas above it built from ``spec()``. Clicking a
bar or a point opens the same link as the number in the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

type Label = str | Promise


@dataclass
class Series:
    name: Label
    values: list[float | int | None]
    links: list[str] = field(default_factory=list)  # one per category, "" for none
    kind: str = ""  # "bar" or "line"; the chart's own if empty
    stack: str = ""  # series with the same stack are drawn on top of each other

    def link(self, index: int) -> str:
        return self.links[index] if index < len(self.links) else ""


@dataclass
class Chart:
    key: str  # unique on its page: the element's id and the test's handle
    title: Label
    category_label: Label
    categories: list[str]
    series: list[Series]
    kind: str = "bar"
    unit: Label = ""
    digits: int = 2
    horizontal: bool = False  # long labels (feeders, devices) read better down the side

    def rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The table: each category with each series' number as text and its link."""
        return [
            (category, [(self._text(s.values[i]), s.link(i)) for s in self.series])
            for i, category in enumerate(self.categories)
        ]

    def spec(self) -> dict[str, Any]:
        """What charts.js draws (plain JSON: labels as text, numbers rounded as in the table)."""
        return {
            "kind": self.kind,
            "horizontal": self.horizontal,
            "unit": str(self.unit),
            "categories": self.categories,
            "series": [
                {
                    "name": str(s.name),
                    "kind": s.kind or self.kind,
                    "stack": s.stack,
                    "values": [None if v is None else round(v, self.digits) for v in s.values],
                    "links": [s.link(i) for i in range(len(self.categories))],
                }
                for s in self.series
            ],
        }

    @property
    def empty(self) -> bool:
        return not self.categories or all(
            not v for s in self.series for v in s.values if v is not None
        )

    def _text(self, value: float | int | None) -> str:
        if value is None:
            return "—"
        if isinstance(value, int):
            return str(value)
        return f"{value:.{self.digits}f}"
