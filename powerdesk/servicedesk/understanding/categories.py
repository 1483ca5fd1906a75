"""The nine work-order categories of the domain (see docs/domain.md)."""

from __future__ import annotations

CATEGORIES = {
    "fault_repair": "故障报修",
    "hazard": "安全隐患",
    "business": "业务办理",
    "new_connection": "业扩报装",
    "consultation": "用电咨询",
    "billing": "电费查询",
    "complaint": "投诉",
    "suggestion": "意见建议",
    "praise": "表扬",
}
CODES = tuple(CATEGORIES)

# Not a request at all (a test call, a wrong number, digits only): none of the nine, never
# urgent, and nothing is opened for it.
OTHER = "other"
