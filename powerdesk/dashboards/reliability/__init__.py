"""Reliability for the chief's pages, one module per concern: an area's figures against last year
(``area``), the charts and the year's table (``charts``), and the outages behind them
(``outages``: the record each figure links to, the worst devices, the causes)."""

from powerdesk.dashboards.reliability.area import (
    Area,
    AreaReliability,
    area_from_params,
    area_reliability,
)
from powerdesk.dashboards.reliability.charts import (
    INDICES,
    month_charts,
    month_label,
    worst_feeders,
    year_table,
)
from powerdesk.dashboards.reliability.outages import (
    WORST,
    area_outages,
    cause_filter,
    devices_above,
    in_area,
    outages_by_cause,
    record_link,
    worst_devices,
)

__all__ = [
    "INDICES",
    "WORST",
    "Area",
    "AreaReliability",
    "area_from_params",
    "area_outages",
    "area_reliability",
    "cause_filter",
    "devices_above",
    "in_area",
    "month_charts",
    "month_label",
    "outages_by_cause",
    "record_link",
    "worst_devices",
    "worst_feeders",
    "year_table",
]
