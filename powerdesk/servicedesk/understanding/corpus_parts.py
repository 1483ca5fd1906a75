"""Notes put together from parts, for the training corpus beside the cores of
``corpus_templates.txt``.

A core is one way of saying one kind of call. Calls at a mountain station are more often two
things said together: what happened and what the caller wants of it. A complaint names the
matter complained about (the outage and what it spoiled, a bill, a clerk's manner, a burnt
appliance, a wait) and then the grievance; praise remembers what happened (a danger, an outage,
a patient's machine) and then thanks; a hazard names the danger, where it is and who is near; a
new connection names an unusual place or purpose and then asks. Learning each part apart from
the other teaches the model that the grievance, the thanks or the request decides the category,
not the matter named in passing.

Each category has *frames* (which parts, in which order) and *parts* (lists of fragments, with
``{slots}`` filled by ``corpus.fill_slots``). A note's group (``template``) names its frame and
its first fragment, so that calibration folds leave whole matters out. Written from general
knowledge of how rural callers and duty staff talk, never from the evaluation notes.
"""

from __future__ import annotations

import random

from powerdesk.servicedesk.understanding.corpus_fragments import PARTS

__all__ = ["ABOUT", "FRAMES", "about", "compose"]

# Which parts, in which order, for each category; the first part names the group.
FRAMES: dict[str, list[tuple[str, ...]]] = {
    # A wrong bill or a burnt appliance said alone is a question or a fault; with a grievance or
    # an opening that complains it is a complaint.
    "complaint": [
        (matter, *rest)
        for matter in ("outage_loss", "bill_wrong", "staff_manner", "voltage_damage", "slow")
        for rest in (("grievance",), ("grievance", "opening*"), ("opening*",))
    ]
    + [("works_damage", "grievance"), ("outage_loss",), ("staff_manner",), ("slow",)],
    "hazard": [("danger", "urge"), ("danger", "opening*")],
    "fault_repair": [
        ("medical_need", "outage", "request"),
        ("outage", "medical_need", "request"),
        ("storm_outage", "calm", "request"),
    ],
    "praise": [("remembered", "deed", "thanks"), ("deed", "thanks")],
    "new_connection": [("project", "ask"), ("project", "ask", "ask")],
    "business": [("errand", "who", "after")],
    "consultation": [("topic", "lead*")],
    "billing": [("question", "whose*")],
    "suggestion": [("idea", "opener*", "why")],
}


# How a request or a report turns into a complaint (about the way it was handled) or praise
# (for it): said after what the caller asked for, in the words of any other category.
ABOUT: dict[str, dict[str, list[str]]] = {
    "complaint": {
        "any": [
            "说了{days}次都没人理",
            "等了半个月，一点消息都没有",
            "拖了一个多月还没弄",
            "你们互相推，哪个都不管",
            "上次答应好的，到现在没兑现",
            "问了三个人三个说法",
            "你们办事太拖拉了",
            "打了{days}个电话，一个说法都没有",
        ],
        "money": [
            "收了我的冤枉钱",
            "这个钱收得不明不白",
            "多收的钱到现在没退",
            "跑了{days}趟都没办好",
            "营业厅的人爱理不理",
        ],
    },
    "praise": {
        "any": [
            "你们一天就办好了，谢谢",
            "师傅很耐心，感谢",
            "比我想的快多了，给你们点赞",
            "办得又快又好，表扬一下",
            "你们上门来办的，太感谢了",
        ],
    },
}
# The categories whose cores a complaint or praise is about, and the tails that fit them.
ABOUT_CATEGORIES = {
    "business": ("any", "money"),
    "billing": ("any", "money"),
    "new_connection": ("any", "money"),
    "fault_repair": ("any",),
    "consultation": ("any",),
}


def about(rng: random.Random, category: str, cores: dict[str, list[str]]) -> tuple[str, str]:
    """A complaint or praise about a request of another kind: "要改户名，跑了三趟都没办好"."""
    matter = rng.choice(sorted(ABOUT_CATEGORIES))
    index = rng.randrange(len(cores[matter]))
    kinds = ABOUT_CATEGORIES[matter] if category == "complaint" else ("any",)
    tails = [tail for kind in kinds for tail in ABOUT[category].get(kind, [])]
    core, tail = cores[matter][index], rng.choice(tails)
    text = rng.choice(
        [f"{core}，{tail}", f"为了{core}的事，{tail}", f"{tail}：{core}", f"{core}，结果{tail}"]
    )
    return text, f"{category}/about:{matter}/{index}"


def compose(rng: random.Random, category: str) -> tuple[str, str]:
    """A note of ``category`` put together from parts, and the group it belongs to."""
    frame = rng.choice(FRAMES[category])
    parts = PARTS[category]
    said: list[str] = []
    lead = ""
    group = ""
    for name in frame:
        if name.endswith("*"):  # an opening, put before the rest
            lead = rng.choice(parts[name[:-1]])
            continue
        index = rng.randrange(len(parts[name]))
        while parts[name][index] in said:  # a part asked for twice says two things
            index = rng.randrange(len(parts[name]))
        if not group:
            group = f"{category}/{name}:{index}"
        said.append(parts[name][index])
    if category == "business":  # "我家小孩" + "要办过户手续"
        errand, who, after = said
        said = [who + errand, after]
    elif category == "consultation":
        said = [said[0] + rng.choice(["？", "", "呢", "哦"])]
    elif category == "suggestion":  # "建议" + "在村委会放个交费的机子"
        text = lead + said[0]
        return (text + "，" + said[1] if said[1] else text), group
    text = lead + "，".join(piece for piece in said if piece)
    if said and rng.random() < 0.5 and category == "complaint" and len(said) == 2:
        text = lead + said[1] + "！" + said[0]  # the grievance first, then what happened
    return text, group
