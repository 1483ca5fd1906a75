"""The words of a category too general to tell one matter from another (desk76): two business
calls of one caller, "电费发票什么时候能开" and "电费怎么扣了两次", share "电费", and joined as
a repeat call although they are two questions. The same-matter rule (``repeat_words``) does not
count them as a shared topic; a note that says nothing more than them is matched on them only
against an order that says nothing more either ("电表不走字" and "电表一直不转": one matter).

Each list holds the topics as ``reports.keywords.terms`` names them (its synonyms' names:
"交电费" is read "缴费", "电能表" "电表"), a few per category: what nearly every call of the
category says, not what one matter is about. Fault and danger calls are not compared by words
(``second_matter.ALREADY_ABOUT_IT``)."""

from __future__ import annotations

__all__ = ["GENERIC_WORDS", "generic_words"]

# Said of any matter at the desk: the power, the bill, the meter, asking and applying.
_EVERY = frozenset({"停电", "来电", "用电", "电费", "电表", "问题", "情况", "咨询", "办理", "申请"})

GENERIC_WORDS: dict[str, frozenset[str]] = {
    "business": _EVERY | {"业务", "手续", "材料", "营业厅"},
    "new_connection": _EVERY | {"新装", "装表", "接电", "通电", "手续", "材料", "报装"},
    "billing": _EVERY | {"缴费", "电价", "账单", "费用", "余额", "扣费"},
    "consultation": _EVERY | {"电价", "缴费"},
    "complaint": _EVERY | {"投诉", "服务", "态度", "供电所"},
    "suggestion": _EVERY | {"建议", "服务", "供电所"},
    "praise": _EVERY | {"表扬", "感谢", "服务", "师傅", "供电所"},
}


def generic_words(category: str) -> frozenset[str]:
    """The general words of ``category`` (the desk's own, for a category not listed)."""
    return GENERIC_WORDS.get(category, _EVERY)
