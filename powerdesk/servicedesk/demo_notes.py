"""The demo's call notes: the classifier corpus's phrases, said the way each kind of call
ends, about the caller's own village, group and line.

The corpus (``understanding/corpus.py``) draws places and endings at random, which is right for
training a classifier and wrong for a station's records: a word of praise does not end
"麻烦你们来看一下", and a caller of 左门 does not report an outage in a village the station does
not serve.
"""

from __future__ import annotations

import random

from powerdesk.customers.models import Customer
from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.understanding.corpus import fill_slots, read_templates

# How callers open, and how the clerk writes it down; the place is the caller's own.
OPENINGS = [
    "",
    "",
    "",
    "你好，",
    "喂，",
    "您好，",
    "师傅，",
    "供电所吗？",
    "我是{village}村委会{group}组的，",
    "{village}{group}的{surname}某反映：",
    "用户来电称",
    "客户反映",
    "来电人说",
]
ASKING = ["麻烦问一下，", "想问一下，", "请问，"]
# How a call of each kind ends.
ENDINGS: dict[str, list[str]] = {
    Category.FAULT_REPAIR: ["", "。", "，请尽快处理。", "，麻烦你们来看一下。", "，请派人来。"],
    Category.HAZARD: ["", "！", "，请赶紧派人来！", "，很危险，快来看一下。"],
    Category.BUSINESS: ["", "。", "，谢谢。", "，联系电话同来电号码。"],
    Category.NEW_CONNECTION: ["", "。", "，谢谢。", "，联系电话同来电号码。"],
    Category.CONSULTATION: ["", "？", "，谢谢。"],
    Category.BILLING: ["", "？", "，谢谢。"],
    Category.COMPLAINT: ["", "。", "，请给个说法。", "，希望你们重视。"],
    Category.SUGGESTION: ["", "。", "，谢谢。"],
    Category.PRAISE: ["", "。", "！"],
}
QUESTIONS = {Category.CONSULTATION, Category.BILLING, Category.BUSINESS}


def call_note(rng: random.Random, category: str, customer: Customer) -> str:
    """A note as the clerk would type it for a call of ``category`` from ``customer``."""
    cores = read_templates()[category]
    core = rng.choice(cores)
    openings = OPENINGS + ASKING if category in QUESTIONS else OPENINGS
    opening = rng.choice(openings)
    if core.endswith(("？", "！", "。")):
        ending = ""
    elif "请" in core or "快来" in core:  # the caller has already asked: no second request
        ending = rng.choice(["", "。", "！"])
    else:
        ending = rng.choice(ENDINGS[category])
    village = customer.village.name if customer.village else ""
    group = customer.group.name if customer.group else ""
    if not (village and group) and "{village}" in opening:
        opening = ""
    feeder = customer.transformer.feeder.name if customer.transformer else ""
    line = (customer.transformer.line_name if customer.transformer else "") or feeder
    known = {"village": village, "group": group, "line": line}
    if any(f"{{{key}}}" in core and not value for key, value in known.items()):
        core = rng.choice([t for t in cores if "{" not in t])
    return fill_slots(rng, opening + core + ending, known=known)
