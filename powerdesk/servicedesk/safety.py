"""What the clerk reads to a caller who reports a danger: one piece of advice for each kind of
danger the rules of ``understanding.urgency`` find, and one for a medical need at home.

A fallen line, smoke from a transformer and a patient on oxygen call for different things: the
advice follows what the note names, each kind once, in the order the rules name them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from powerdesk.servicedesk.understanding.classifier import Suggestion

__all__ = [
    "BOX_NOISE",
    "DANGER_LABELS",
    "LIAISON_SCRIPTS",
    "SAFETY_SCRIPTS",
    "URGENCY_ORDER",
    "Advice",
    "dangers_in_order",
    "safety_advice",
]

# The dangers the rules name, as the clerk reads them.
DANGER_LABELS: dict[str, Promise] = {
    "line down or low": _("a line down or low"),
    "tree or object on a line": _("a tree or something on a line"),
    "arcing or sparks": _("arcing or sparks"),
    "smoke": _("smoke"),
    "fire": _("fire"),
    "pole leaning or fallen": _("a pole leaning or fallen"),
    "person or animal near live equipment": _("a person or animal near live equipment"),
    "flooding at equipment": _("flooding at equipment"),
    "equipment fallen": _("a transformer or equipment fallen"),
}
# The dangers in the order their advice is read, the most urgent first: a fire (119 now),
# someone at live equipment, a line down, equipment fallen, then the rest (walk51, F10:
# "高压线塔歪了，下面有人" named the pylon alone, and the person under it was read no advice).
URGENCY_ORDER = (
    "fire",
    "person or animal near live equipment",
    "line down or low",
    "equipment fallen",
    "arcing or sparks",
    "smoke",
    "pole leaning or fallen",
    "tree or object on a line",
    "flooding at equipment",
)
MEDICAL = "medical need"
# For a call the model takes for a hazard when the rules name no danger.
GENERAL = "hazard"
# A meter box or a switch humming, no danger told (``Findings.box_noise``, fifty-first round).
BOX_NOISE = "noise at a meter box"

SAFETY_SCRIPTS: dict[str, Promise] = {
    "line down or low": _(
        "Stay at least 10 metres from the line and from anything it touches (a fence, a tree, "
        "water); keep people, children and animals away. Do not touch it or try to move it, "
        "even with a stick. If you are already close, leave with small shuffling steps, feet "
        "together. Our crew is on the way; we will call you back."
    ),
    "tree or object on a line": _(
        "Keep away from the tree and the line, and keep others and animals away: the tree may "
        "be live, and the line may burn or fall. Do not cut, climb or shake the tree, and do "
        "not pull off what hangs on the line. Our crew is on the way; we will call you back."
    ),
    "arcing or sparks": _(
        "Keep away from where it sparks and keep others away; do not poke at it or throw "
        "anything on it, and do not use water. If it is a switch or socket in your house, switch "
        "off the main switch only if you can reach it from a dry place without going near the "
        "sparks. Our crew is on the way; we will call you back."
    ),
    "smoke": _(
        "Do not go near the smoking equipment and do not open the box or work any switch on it; "
        "keep people upwind and away. If it catches fire, call 119 and say it is electrical. Do "
        "not pour water on it. Our crew is on the way; we will call you back."
    ),
    "fire": _(
        "Call 119 now and say it is an electrical fire. Get everyone away from it. Do not use "
        "water or anything wet on it; switch off the main switch at home only if you can do so "
        "safely. Keep away from the transformer and the lines. Our crew is on the way."
    ),
    "pole leaning or fallen": _(
        "Keep well away from the pole, further than its height, and do not stand, walk or park "
        "under the lines; stop people and vehicles from passing. Do not try to push the pole "
        "up or pull on its stay wire. Our crew is on the way; we will call you back."
    ),
    "person or animal near live equipment": _(
        "Call children away from the equipment calmly and keep people and animals away from it; "
        "nobody should climb it or touch it. Only if a person or an animal is stuck to a live "
        "wire: do not touch them; switch the power off if you can, or push the wire away with "
        "something dry that does not conduct, such as a dry wooden stick, standing on something "
        "dry, and call 120 for anyone hurt. Our crew is on the way."
    ),
    "flooding at equipment": _(
        "Do not wade into the water near the flooded equipment: the water may be live. Keep "
        "people and animals out of it. If water is coming into the house, switch off the main "
        "switch only from a dry place, and do not touch wet appliances. Our crew is on the way."
    ),
    "equipment fallen": _(
        "Keep everyone at least 10 metres from the fallen transformer and its lines: its parts "
        "may still be live, and its oil may be hot or catch fire. Do not touch it, its oil or "
        "anything it touches, and do not try to lift or move it. If it smokes or burns, call "
        "119 and do not use water. Our crew is on the way; we will call you back."
    ),
    MEDICAL: _(
        "Ask what the machine is and how long its battery or oxygen bottle lasts. If there is "
        "no backup, or the patient is unwell, call 120 now. The call is marked urgent and the "
        "crew will restore this house first; we will call back with the time."
    ),
    GENERAL: _(
        "Keep away from it and keep others and animals away; do not touch it or anything it "
        "touches, and do not try to move it. If there is fire, call 119 and do not use water on "
        "it. Our crew is on the way; we will call you back."
    ),
    BOX_NOISE: _(
        "Do not open the box or touch it or the switches in it, and keep children away. Ask "
        "now: does it smell of burning, feel hot, crackle, spark or smoke? If it does, it is "
        "urgent: tick “urgent”, and have the caller switch off the main switch only if it can "
        "be reached from a dry place without touching the box. If not, a crew will come and "
        "check it; call us again at once if it gets louder, hot or smells."
    ),
}


# The same advice for a village liaison who reported it (``web:liaison``): what the people
# there do, then words addressed to the liaison, not the clerk's "our crew is on the way; we
# will call you back", said to a caller on the phone (walkthrough 35, 5).
LIAISON_SCRIPTS: dict[str, Promise] = {
    "line down or low": _(
        "Stay at least 10 metres from the line and from anything it touches (a fence, a tree,"
        " water); keep people, children and animals away. Do not touch it or try to move it, "
        "even with a stick. If you are already close, leave with small shuffling steps, feet "
        "together. The station's crew is on its way; ring the station at once if anyone is "
        "hurt or it gets worse."
    ),
    "tree or object on a line": _(
        "Keep away from the tree and the line, and keep others and animals away: the tree may"
        " be live, and the line may burn or fall. Do not cut, climb or shake the tree, and do"
        " not pull off what hangs on the line. The station's crew is on its way; ring the "
        "station at once if anyone is hurt or it gets worse."
    ),
    "arcing or sparks": _(
        "Keep away from where it sparks and keep others away; do not poke at it or throw "
        "anything on it, and do not use water. If it is a switch or socket in a house, switch"
        " off the main switch only if you can reach it from a dry place without going near "
        "the sparks. The station's crew is on its way; ring the station at once if anyone is "
        "hurt or it gets worse."
    ),
    "smoke": _(
        "Do not go near the smoking equipment and do not open the box or work any switch on "
        "it; keep people upwind and away. If it catches fire, call 119 and say it is "
        "electrical. Do not pour water on it. The station's crew is on its way; ring the "
        "station at once if anyone is hurt or it gets worse."
    ),
    "fire": _(
        "Call 119 now and say it is an electrical fire. Get everyone away from it. Do not use"
        " water or anything wet on it; switch off a house's main switch only if you can do so"
        " safely. Keep away from the transformer and the lines. The station's crew is on its "
        "way; ring the station at once if anyone is hurt or it gets worse."
    ),
    "pole leaning or fallen": _(
        "Keep well away from the pole, further than its height, and do not stand, walk or "
        "park under the lines; stop people and vehicles from passing. Do not try to push the "
        "pole up or pull on its stay wire. The station's crew is on its way; ring the station"
        " at once if anyone is hurt or it gets worse."
    ),
    "person or animal near live equipment": _(
        "Call children away from the equipment calmly and keep people and animals away from "
        "it; nobody should climb it or touch it. Only if a person or an animal is stuck to a "
        "live wire: do not touch them; switch the power off if you can, or push the wire away"
        " with something dry that does not conduct, such as a dry wooden stick, standing on "
        "something dry, and call 120 for anyone hurt. The station's crew is on its way; ring "
        "the station at once if anyone is hurt or it gets worse."
    ),
    "flooding at equipment": _(
        "Do not wade into the water near the flooded equipment: the water may be live. Keep "
        "people and animals out of it. If water is coming into a house, switch off its main "
        "switch only from a dry place, and do not touch wet appliances. The station's crew is"
        " on its way; ring the station at once if anyone is hurt or it gets worse."
    ),
    "equipment fallen": _(
        "Keep everyone at least 10 metres from the fallen transformer and its lines: its parts "
        "may still be live, and its oil may be hot or catch fire. Do not touch it, its oil or "
        "anything it touches, and do not try to lift or move it. If it smokes or burns, call "
        "119 and do not use water. The station's crew is on its way; ring the station at once "
        "if anyone is hurt or it gets worse."
    ),
    GENERAL: _(
        "Keep away from it and keep others and animals away; do not touch it or anything it "
        "touches, and do not try to move it. If there is fire, call 119 and do not use water "
        "on it. The station's crew is on its way; ring the station at once if anyone is hurt "
        "or it gets worse."
    ),
    MEDICAL: _(
        "Ask the household what the machine is and how long its battery or oxygen bottle "
        "lasts. If there is no backup, or the patient is unwell, call 120 now. The report is "
        "urgent: the crew restores this house first; ring the station at once if the patient "
        "gets worse."
    ),
    BOX_NOISE: _(
        "Nobody should open the box or touch it or the switches in it; keep children away. If "
        "it smells of burning, feels hot, crackles, sparks or smokes, ring the station at once: "
        "it is urgent, and the main switch may be switched off only from a dry place without "
        "touching the box. Otherwise the station's crew will come and check it."
    ),
}


@dataclass(frozen=True)
class Advice:
    """One piece of safety advice: what it is about and what to read."""

    kind: str
    label: Promise | str
    script: Promise

    @property
    def for_liaison(self) -> Promise:
        """The advice as a village liaison reads it (``LIAISON_SCRIPTS``)."""
        return LIAISON_SCRIPTS[self.kind]


def safety_advice(suggestion: Suggestion | None) -> list[Advice]:
    """The advice to read for what the note names: each danger found, a medical need, or (a
    hazard call with no danger the rules know) the general advice; nothing for other calls,
    nor for a suggestion unsure of its category (``ask``: its first guess a hazard at 35% is
    no danger heard; walk41, 5)."""
    if suggestion is None:
        return []
    advice = [
        Advice(kind, DANGER_LABELS[kind], SAFETY_SCRIPTS[kind])
        for kind in dangers_in_order(suggestion.dangers)
    ]
    if suggestion.medical:
        advice.append(Advice(MEDICAL, _("a medical need at home"), SAFETY_SCRIPTS[MEDICAL]))
    if not advice and suggestion.category == "hazard" and not suggestion.ask:
        advice.append(Advice(GENERAL, _("a hazard"), SAFETY_SCRIPTS[GENERAL]))
    if not advice and getattr(suggestion, "box_noise", False):
        # A meter box humming: what to ask and what not to do, read before the crew is sent.
        advice.append(Advice(BOX_NOISE, _("a noise at a meter box"), SAFETY_SCRIPTS[BOX_NOISE]))
    return advice


def dangers_in_order(kinds: Iterable[str]) -> list[str]:
    """``kinds`` each once, the most urgent first (``URGENCY_ORDER``; a kind it does not know
    after them, as it came).

    >>> dangers_in_order(["pole leaning or fallen", "person or animal near live equipment"])
    ['person or animal near live equipment', 'pole leaning or fallen']
    """
    rank = {kind: i for i, kind in enumerate(URGENCY_ORDER)}
    kinds = list(dict.fromkeys(kinds))
    return sorted(kinds, key=lambda kind: rank.get(kind, len(rank)))
