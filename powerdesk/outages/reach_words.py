"""The asks before a change that texts households at once (recording a fault outage at intake
or on the outages page, announcing, moving or calling off a planned one) say how many
households it concerns and how many of them get no text message: those without a mobile phone
on file are told by their village liaison or a visit, and staff must know how many. One
sentence for every ask (``reach_words``), e.g.
"39 户停电，其中 31 户有手机将收到短信；8 户没有手机号（请通过村联络员或上门告知）。"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

if TYPE_CHECKING:
    from powerdesk.notifications.reach import Reach

__all__ = ["ReachAsk", "Situation", "reach_words"]

Situation = Literal["off", "planned", "cancelled"]


def reach_words(reach: Reach, situation: Situation) -> str:
    """The households the change concerns and how they hear of it (``situation``: the power is
    off now, will be off for a planned outage, or was to be off for one called off)."""
    n = reach.households
    if situation == "off":
        first = ngettext("%(n)s household is off", "%(n)s households are off", n)
    elif situation == "planned":
        first = ngettext("%(n)s household will be off", "%(n)s households will be off", n)
    else:
        first = ngettext("%(n)s household was to be off", "%(n)s households were to be off", n)
    if not reach.told:
        rest = _(
            "the station does not text households of this: tell them through the village "
            "liaison or a visit."
        )
    elif reach.already:
        return _already_told(reach, first)
    elif reach.untexted:
        rest = ngettext(
            "of whom %(texted)s with a mobile on file get a text message; %(left)s has no "
            "mobile number (tell it through the village liaison or a visit).",
            "of whom %(texted)s with a mobile on file get a text message; %(left)s have no "
            "mobile number (tell them through the village liaison or a visit).",
            reach.untexted,
        )
    else:
        rest = _("every one with a mobile on file: all get a text message.")
    values = {"n": n, "texted": reach.texted, "left": reach.untexted}
    return pgettext("clause separator", ", ").join([first % values, rest % values])


@dataclass(frozen=True, kw_only=True)
class ReachAsk:
    """What an ask before a change that texts households at once counts (``reach``: from the
    recipients the change sends to) and says of it (``situation``: the wording of
    ``reach_words``). Recording a fault outage (``record_ask.RecordAsk``) and announcing, moving
    or calling off a planned one (``planned_ask.PlannedAsk``) ask with it."""

    reach: Reach
    situation: Situation

    @property
    def households(self) -> int:
        """Households that get a text message (none when the station does not text them)."""
        return self.reach.texted

    @property
    def phones(self) -> int:
        """Text messages it sends: a household may have several mobiles; liaisons too."""
        return self.reach.messages

    @property
    def said(self) -> str:
        """How many households it concerns and how many of them get no text (``reach_words``)."""
        return reach_words(self.reach, self.situation)


def _already_told(reach: Reach, first: str) -> str:
    """The households off of whom some were already texted of an open outage below, which this
    one takes in, or above, which takes this one in: they get no second text; of the others,
    who gets one (``reach_words``)."""
    below = reach.already - reach.already_above
    values = {
        "n": reach.households,
        "texted": reach.texted,
        "left": reach.untexted,
        "already": below,
        "above": reach.already_above,
    }
    clauses = [first % values]
    if below:
        clauses.append(
            ngettext(
                "%(already)s was already texted of an outage below it and gets no second text",
                "%(already)s were already texted of an outage below it and get no second text",
                below,
            )
            % values
        )
    if reach.already_above:
        clauses.append(
            ngettext(
                "%(above)s was already texted of a wider outage above it and gets no second text",
                "%(above)s were already texted of a wider outage above it and get no second text",
                reach.already_above,
            )
            % values
        )
    if reach.untexted:
        rest = ngettext(
            "of the others %(texted)s with a mobile on file get a text message; %(left)s has "
            "no mobile number (tell it through the village liaison or a visit).",
            "of the others %(texted)s with a mobile on file get a text message; %(left)s have "
            "no mobile number (tell them through the village liaison or a visit).",
            reach.untexted,
        )
    else:
        rest = _("the others have a mobile on file: %(texted)s get a text message.")
    clauses.append(rest % values)
    return pgettext("clause separator", ", ").join(clauses)
