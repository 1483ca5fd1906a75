"""Patrol guidance's reasons in words (``powerdesk.engine.patrol.Reason``), for the board and
the crew's phone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from powerdesk.lib.shares import percent_text
from powerdesk.outages.models import OutageCause

__all__ = ["reason_text", "reasons_joined"]


def reason_text(reason: object, *, now: dt.datetime | None = None) -> str:
    """A ``powerdesk.engine.patrol.Reason`` in words (``now``: the day its "years ago" count
    back from, for the date of the latest fault found here)."""
    code = getattr(reason, "code", "")
    count = getattr(reason, "count", 0)
    causes = pgettext("list separator", ", ").join(
        str(OutageCause(c).label) for c in getattr(reason, "causes", ()) if c in OutageCause.values
    )
    if code == "faulted_here":
        text = ngettext(
            "a fault was found here before", "%(n)d faults were found here before", count
        ) % {"n": count}
        return _own_faults(reason, text, causes, now)
    if code == "faulted_nearby":
        text = ngettext(
            "a fault was found next to it", "%(n)d faults were found next to it", count
        ) % {"n": count}
        return _with_causes(text, causes)
    if code == "lightning_storm":
        return _("in a lightning zone, with a storm on")
    if code == "lightning_zone":
        return _("in a lightning zone")
    if code in ("old", "ageing"):
        return _("%(years)d years old") % {"years": getattr(reason, "years", 0)}
    if code == "defect":
        return _("open defect: %(text)s") % {"text": getattr(reason, "text", "")}
    if code == "trees_season":
        return _("trees touched the line here before; rainy season")
    if code == "likely_cause" and causes:
        return _("likely cause here: %(cause)s (%(share)s)") % {
            "cause": causes,
            "share": percent_text(getattr(reason, "factor", 0.0)),
        }
    if code == "kind_often":
        return _("faults here are often found at this kind of place")
    if code == "callers_path":
        return _("on the way to the callers")
    return code


def _own_faults(reason: object, text: str, causes: str, now: dt.datetime | None) -> str:
    """The place's own history whole (walk78 M2): each cause with how many, and the date of the
    latest ("4 faults were found here before (external damage ×4), the latest on 2026-08-12")."""
    counts = getattr(reason, "counts", ())
    kinds = [c for c in getattr(reason, "causes", ()) if c in OutageCause.values]
    whole = len(kinds) == len(counts) == len(getattr(reason, "causes", ()))
    if whole and sum(counts) > 1:  # one fault: its cause alone says it
        causes = pgettext("list separator", ", ").join(
            _("%(cause)s ×%(n)d") % {"cause": OutageCause(c).label, "n": n}
            for c, n in zip(kinds, counts, strict=True)
        )
    text = _with_causes(text, causes)
    latest = getattr(reason, "latest", None)
    if latest is None or now is None:
        return text
    day = timezone.localtime(now - dt.timedelta(days=365.25 * latest)).date()
    return _("%(text)s, the latest on %(date)s") % {"text": text, "date": day.isoformat()}


def _with_causes(text: str, causes: str) -> str:
    # The brackets are the language's own: full-width in Chinese, as the rest of the line.
    return _("%(text)s (%(causes)s)") % {"text": text, "causes": causes} if causes else text


def reasons_joined(reasons: list[str]) -> str:
    """The reasons of one place as one line, joined in the language's own punctuation."""
    return _("; ").join(reasons)
