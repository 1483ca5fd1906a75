"""One suggestion from the model's probabilities and the rules' findings of a note: the
category (a danger the model too heard as likely makes a hazard call, a patient with the power
off a fault report, a hearth's smoke a question; an English note the model cannot read), its
runner-up and the urgency (the rules', or the learned detector's when the rules heard nothing).
The classifier (``classifier.CallClassifier``) gives each note one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from powerdesk.servicedesk.understanding.detector import overheard, vetoed
from powerdesk.servicedesk.understanding.english_power import english_only, power_off

__all__ = ["ALTERNATIVE_AT", "ASK_BELOW", "FAULT_HEARD", "HAZARD_HEARD", "Suggestion"]

# Below this probability the clerk is asked to choose between the first two. The probabilities
# are calibrated, so this asks whenever the model expects to be wrong more than one time in five
# (about one call in twenty on the evaluation sets, right among the two shown on nearly all).
ASK_BELOW = 0.8
# A second category the model gives less than this is not offered beside the first ("电": fault
# repair 50 %, new connection 0.3 %): no choice between two, the clerk picks from the list.
ALTERNATIVE_AT = 0.05
# The least probability of a hazard call at which a danger the rules hear turns the model's fault
# report or question into a hazard call. Left one hand out, the notes it turned with a lower one
# were fault reports and questions that named a danger (9 of 12); urgent either way.
HAZARD_HEARD = 0.1
# Categories a named danger turns into a hazard call: the model heard a fault or a question,
# the rules heard a line on the ground.
_DANGER_MAKES_HAZARD = frozenset({"fault_repair", "consultation"})
# Categories a medical need with the power told off now (``Findings.outage_need``) turns into a
# fault report: the model heard a question or a new supply in words that say both ("还是没有电，
# 我家老人要用制氧机": 还是 asks "A or B", 要用 wants a supply), the rules heard a patient at home
# with no power now. Complaints, bills and errands about the outage keep the model's choice (a
# bill paid and the power still off is a billing call, urgent all the same).
_OUTAGE_MAKES_FAULT = frozenset({"consultation", "new_connection"})
# ... when the model too gives a fault report at least this probability (as ``HAZARD_HEARD``): a
# new house not yet supplied where a patient is coming home is a new supply, the model sure of it.
FAULT_HEARD = 0.1
# Categories a burning said to be a hearth's or nothing of power, with nothing else of power wrong
# (``Findings.not_ours``: "厨房冒烟了，是灶头烧的，跟电没关系"), is not: no repair, no hazard.
_NOT_OURS_NOT = frozenset({"fault_repair", "hazard"})
_NOT_OURS_IS = "consultation"


@dataclass(frozen=True)
class Suggestion:
    """What the classifier makes of a note: the category, its runner-up, urgency and why."""

    category: str
    urgent: bool
    confidence: float
    alternative: str = ""
    alternative_confidence: float = 0.0
    dangers: tuple[str, ...] = field(default=())
    medical: bool = False
    # The learned detector (``detector``) heard a danger or a need where the rules heard none:
    # the clerk is asked to check with the caller and tick "urgent" if so. Very sure
    # (``detector.URGENT_AT``), it makes the call urgent too; the clerk may clear that.
    learned: bool = False
    # The rules heard a danger or a need, but the learned veto (``calm_veto``) is very sure the
    # note is a calm look-alike (thanks, a question, an idea, a time past): read as a danger only
    # spoken of, calm, and the clerk is asked to check with the caller (``learned``); the clerk
    # may tick "urgent".
    calmed: bool = False
    # The category is the rules' (a danger the model too heard as likely makes a hazard call),
    # not the model's choice: its confidence is no probability the model gave, and is not shown.
    category_by_rule: bool = False
    # A meter box or a switch making a noise, no danger told (``Findings.box_noise``): the clerk
    # is asked to check (``learned``) and reads its advice (``safety.safety_advice``).
    box_noise: bool = False
    # The model's first choice was set aside by the rules (a danger dealt with, asked about or
    # past, not a hazard call): what it gave the rest is no sure answer, the clerk chooses.
    unsure: bool = False

    @property
    def ask(self) -> bool:
        """Unsure: the clerk should choose between the first two."""
        return bool(self.alternative) and (self.confidence < ASK_BELOW or self.unsure)

    @property
    def alternative_offered(self) -> bool:
        """Whether the second category is worth offering as a choice (``ALTERNATIVE_AT``)."""
        return bool(self.alternative) and self.alternative_confidence >= ALTERNATIVE_AT

    @property
    def by_hand(self) -> bool:
        """No category suggested (no model loaded yet): the clerk chooses one."""
        return not self.category

    @property
    def by_rule(self) -> bool:
        """Urgent by rule: a danger to life or a medical need the note names (not the model's
        guess), which the clerk may not clear."""
        return bool(self.dangers) or self.medical

    def as_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "urgent": self.urgent,
            "confidence": round(self.confidence, 4),
            "alternative": self.alternative,
            "alternative_confidence": round(self.alternative_confidence, 4),
            "ask": self.ask,
            "check_safety": bool(self.learned),
        }


def _english(text: str) -> str:
    """What a note the model cannot read tells (``english_power``): "off" for the power off
    now said in English, "read" for another note whose words of power are all English, "" for
    a note the model reads."""
    if not english_only(text):
        return ""
    return "off" if power_off(text) else "read"


def _suggestion(
    found: Any,
    classes: list[str],
    row: Any,
    need: bool = False,
    *,
    sure: bool = False,
    probability: float = 0.0,
    english: str = "",
) -> Suggestion:
    order = row.argsort()[::-1]
    category_by_rule = False
    unsure = False
    first, second = str(classes[int(order[0])]), str(classes[int(order[1])])
    confidence, runner_up = float(row[order[0]]), float(row[order[1]])
    hazard = float(row[classes.index("hazard")]) if "hazard" in classes else 0.0
    if english and not found.in_thanks and (found.dangers or english == "off"):
        # The model reads Chinese and is blind to English (walk44, 1: "my father is on an oxygen
        # concentrator and the power is out" came out 安全隐患 / 用电咨询): what the English rules
        # hear is the category, sure as the rule is: a danger a hazard call, else the power off
        # at the caller's a fault report (a medical need with it too, urgent). The power off
        # beside a danger is the runner-up; else the model's choice.
        made = "hazard" if found.dangers else "fault_repair"
        if english == "off" and made == "hazard":
            second = "fault_repair"
        elif first != made:
            second = first
        first, confidence, runner_up = made, max(confidence, 0.9), 0.0
        category_by_rule = True
    elif english == "read" and not found.dangers and "hazard" in (first, second):
        # An English note the rules hear no danger in: the blind model's hazard is noise ("how
        # much is my bill this month" came out 安全隐患, urgent). Its best two but a hazard
        # stand, as unsure as the model was of them: the clerk chooses.
        kept = [int(i) for i in order if classes[int(i)] != "hazard"]
        first, second = str(classes[kept[0]]), str(classes[kept[1]])
        confidence, runner_up = float(row[kept[0]]), float(row[kept[1]])
    elif (
        found.dangers
        and not found.in_thanks
        and first in _DANGER_MAKES_HAZARD
        and hazard >= HAZARD_HEARD
    ):
        # The rules heard a danger the model took for a fault or a question, and the model too
        # heard a hazard call as likely: a hazard call, sure as the rule is; the model's choice
        # is kept as the runner-up. (A fault report that names a danger on its way, "表后线路
        # 烧断，已拉闸，请派人接线", stays a fault report, urgent all the same.)
        first, second, confidence, runner_up = "hazard", first, max(confidence, 0.9), 0.0
        category_by_rule = True
    elif getattr(found, "not_ours", False) and first in _NOT_OURS_NOT:
        # The caller says the smoke or fire was a hearth's: a word to the station, taken as a
        # question (``_NOT_OURS_IS``), sure as the rule is; the model's best choice but a repair
        # or a hazard is kept as the runner-up (as the presets below and above keep theirs).
        if _NOT_OURS_IS in classes:
            second = _best_but(classes, row, _NOT_OURS_NOT | {_NOT_OURS_IS})[0]
            first, confidence, runner_up = _NOT_OURS_IS, 0.9, 0.0
            category_by_rule = True
        else:
            first, second, confidence, runner_up = _best_but(classes, row, _NOT_OURS_NOT)
    elif first == "hazard" and (found.in_thanks or (found.spoken_of and not found.dangers)):
        # Thanks for a danger dealt with is not a hazard call, nor is a danger only asked about,
        # feared, denied or past ("万一电线掉在地上咋个办"): the model's next two choices are
        # offered, each with its share of what the model gave the categories left, and the
        # clerk chooses (walk72, 2: "电线掉下来了，已经处理好了" offered 表扬 3.1 % alone, the
        # model's leftovers read as a suggestion).
        first, second, confidence, runner_up = _best_but(classes, row, {"hazard"})
        unsure = True
    elif second == "hazard" and (found.in_thanks or (found.spoken_of and not found.dangers)):
        # …nor offered beside the model's first ("去年电杆倒过，现在修好了": fix46b, 5).
        third = int(order[2])
        second, runner_up = str(classes[third]), float(row[third])
    fault = float(row[classes.index("fault_repair")]) if "fault_repair" in classes else 0.0
    if (
        not category_by_rule
        and getattr(found, "outage_need", False)
        and not found.in_thanks
        and first in _OUTAGE_MAKES_FAULT
        and fault >= FAULT_HEARD
    ):
        # A patient at home and the power off now, told: a fault report, sure as the rule is;
        # the model's choice is kept as the runner-up (as a danger makes a hazard call above).
        first, second, confidence, runner_up = "fault_repair", first, max(confidence, 0.9), 0.0
        category_by_rule = True
    noise = getattr(found, "box_noise", "")
    box = bool(noise) and not found.in_thanks
    if box and noise == "told" and not category_by_rule and first == "consultation":
        # A meter box heard humming, told and not asked about ("我家电表箱有点响"; the model took
        # it for a question, 98.8 %): a fault to look at, sure as the rule is (fifty-first round).
        first, second, confidence, runner_up = "fault_repair", first, max(confidence, 0.9), 0.0
        category_by_rule = True
    urgent = found.urgent_as(first)
    # The detector heard a danger or a need the rules have no words for; the rules' reading of
    # context (thanks, denial, fear, the past) and a call of thanks or an idea veto it. The
    # clerk is asked; when the detector is fairly sure (``detector.URGENT_AT``) the call is
    # urgent meanwhile.
    # Very sure (``detector.HEARD_OVER_CONTEXT``), it is heard over that reading, not over thanks.
    silenced = vetoed(found, first) and not overheard(found, first, probability)
    learned = bool(not urgent and ((need and not silenced) or box))
    # (``sure`` is numpy's bool: the suggestion is written as JSON by ``classify`` and the API.)
    urgent = bool(urgent or (learned and sure))
    return Suggestion(
        first,
        urgent,
        confidence,
        alternative=second,
        alternative_confidence=runner_up,
        dangers=found.dangers if not found.in_thanks else (),
        medical=found.medical and not found.in_thanks,
        learned=learned,
        category_by_rule=category_by_rule,
        box_noise=box and not urgent,
        unsure=unsure and not category_by_rule,
    )


def _best_but(
    classes: list[str], row: Any, left_out: frozenset[str] | set[str]
) -> tuple[str, str, float, float]:
    """The first two categories of ``row`` but ``left_out``, each with its probability among the
    categories kept."""
    kept = [int(i) for i in row.argsort()[::-1] if classes[int(i)] not in left_out]
    among = float(sum(row[i] for i in kept)) or 1.0
    first, second = kept[0], kept[1]
    return (
        str(classes[first]),
        str(classes[second]),
        float(row[first]) / among,
        float(row[second]) / among,
    )
