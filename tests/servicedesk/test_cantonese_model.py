"""Written Cantonese is read by the model as the Mandarin it says (as the rules read it)."""

import numpy as np

from powerdesk.servicedesk.understanding.classifier import CallClassifier

FAULT = [
    "家里没电了",
    "我们这里没有电",
    "没电啦快来人",
    "村里没电一个钟头了",
    "全组没电",
    "屋里灯不亮没电",
    "现在还是没电",
    "刚刚打雷后没电",
    "隔壁有电我家没电",
    "早上起来就没电",
]
BILLING = [
    "电费怎么这么多",
    "我要交电费",
    "电费单不对",
    "这个月电费高了",
    "电费在哪里交",
    "预存的电费没到账",
    "电费扣了两次",
    "帮我查下电费余额",
    "电费通知单收到了",
    "上月电费多少",
]
# Notes that say both (so that the model is not sure of everything and its probabilities show
# what it reads).
BOTH = [
    ("电费没交会没电吗", "billing"),
    ("没电了电费也交了", "fault_repair"),
    ("没交电费所以没电", "billing"),
    ("电费交了还是没电", "fault_repair"),
    ("家里没电费通知", "billing"),
    ("问下电费", "fault_repair"),
]


def _notes() -> list[tuple[str, str]]:
    return [(t, "fault_repair") for t in FAULT] + [(t, "billing") for t in BILLING] + BOTH


def _model() -> CallClassifier:
    notes = _notes()
    return CallClassifier.train(notes, [str(i) for i in range(len(notes))])


def test_cantonese_note_weighs_as_its_mandarin() -> None:
    model = _model()
    cantonese, mandarin = model.probabilities(["屋企冇电，啱啱先停", "家里没电，刚刚先停"])
    assert np.allclose(cantonese, mandarin)
    assert model.suggest_one("屋企冇电，啱啱先停").category == "fault_repair"


def test_cantonese_training_note_teaches_the_mandarin_words() -> None:
    notes = _notes()
    notes.append(("屋企冇电", "fault_repair"))
    model = CallClassifier.train(notes, [str(i) for i in range(len(notes))])
    # Trained on the Cantonese note, the model has read "家里没电": both ask the same.
    assert np.allclose(*model.probabilities(["屋企冇电", "家里没电"]))
