"""What a danger reported in an outage's area is said as (``outages.hazards.HazardLine``): the
dangers its calls named, in the words of its "urgent" badge and of the callback list's "险情：…"
(``{{ line|danger_words }}``), and the line leading the crew's list of them, saying what to keep
clear of for those dangers (``{% hazards_care hazards %}``): walk42, 7, every one was said as a
line down, "keep clear of any wire down" for sparks and smoke. Read from the lines alone (no
query): the board's rows are kept drawn under what they hold (``board_html``)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from powerdesk.outages.hazard_lines import HazardLine
from powerdesk.servicedesk.safety import DANGER_LABELS

register = template.Library()

# What the crew keeps clear of, a danger's kind (``safety.DANGER_LABELS``' codes).
DANGER_CARE: dict[str, Promise] = {
    "line down or low": _("keep clear of any wire down"),
    "tree or object on a line": _("keep clear of the tree and the line it touches"),
    "arcing or sparks": _("keep clear of where it sparks"),
    "smoke": _("keep clear of the smoking equipment"),
    "fire": _("keep clear of the fire"),
    "pole leaning or fallen": _("keep out from under the leaning pole and its lines"),
    "person or animal near live equipment": _("keep people and animals away from the equipment"),
    "flooding at equipment": _("keep out of the water at the equipment"),
    "equipment fallen": _("keep clear of the fallen equipment, its oil and its lines"),
}


@register.filter
def danger_words(line: HazardLine) -> str:
    """The dangers ``line``'s calls named ("放电打火、冒烟"), "" for none named."""
    return pgettext("list separator", ", ").join(
        str(DANGER_LABELS.get(code, code)) for code in line.dangers
    )


@register.simple_tag
def hazards_care(hazards: Iterable[HazardLine]) -> str:
    """The crew's lead line over ``hazards``: go there first, keeping clear of what each
    named; none named, of the danger whatever it is."""
    codes = dict.fromkeys(code for line in hazards for code in line.dangers)
    cares = list(dict.fromkeys(str(DANGER_CARE[c]) for c in codes if c in DANGER_CARE))
    if not cares:
        return gettext(
            "A danger is reported in this area: go there first, and keep clear of it until it "
            "is made safe."
        )
    return gettext("A danger is reported in this area: go there first; %(care)s.") % {
        "care": pgettext("list separator", ", ").join(cares)
    }
