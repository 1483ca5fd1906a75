"""What staff typed about an outage, as it may leave the station: the one way out for the free
text of an outage (its cause, what to tell callers, a progress note, the reason a planned one
is called off) wherever it goes beyond the station's staff — the texts households and village
liaisons get (``notifications.outage_notices.outage_facts``: every outage notice's facts, so
the webhook's too), the public page and a household's lookup (``public.selectors``), the
liaison's own page (``web.views_liaison``) and the ask before recording a fault outage, which
shows the message as it goes out (``record_ask``).

The station expects its villages to hear of an outage, not of its staff: a cause typed on the
board ("杨所长说13800001111处树倒压线") was texted raw to 93 households and their liaisons while the
public page masked it (walk64, H1). So the rule is the public page's, in one place:

- the cause is said by its kind in the station's fixed words ("树障") once the crew has found
  it, the words typed with it staying inside the station;
- before that, and for every other free text, the words typed as plain words (``lib.plain``)
  with whatever would name someone masked (``public.redaction.Redactor``: a phone or account
  number however it is written, a customer's, liaison's or staff member's name, someone called
  by surname and title, "杨所长", "王师傅", "老李").

The board, the outage's page and the clerk's script keep the words as typed: they are the
staff's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.lib.plain import plain
from powerdesk.outages.models import OutageCause
from powerdesk.public.redaction import Redactor

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.models import Outage

__all__ = ["outward_cause", "outward_cause_words", "outward_text"]


def outward_text(station: Station, text: str, *, redactor: Redactor | None = None) -> str:
    """``text`` that staff typed as it may leave the station: plain words, with whatever would
    name someone masked. ``redactor``: one already made for the station (it reads the names
    once), when several texts go out together."""
    if not text:
        return ""
    return (redactor or Redactor(station))(plain(text))


def outward_cause_words(
    station: Station, kind: str, words: str, *, redactor: Redactor | None = None
) -> str:
    """The words typed with a cause as they may leave the station: none once its kind is found
    (the kind says it, in the reader's language: ``texts.render_text``), else ``outward_text``."""
    if kind in OutageCause.values:
        return ""
    return outward_text(station, words, redactor=redactor)


def outward_cause(
    outage: Outage, *, kind: str | None = None, redactor: Redactor | None = None
) -> str:
    """The cause of ``outage`` as it may leave the station, in the active language: the kind the
    crew found in fixed words, else the words typed, masked (``outward_text``); "" when neither.
    ``kind``: the kind when the caller has it already (``outage.cause_kind`` otherwise)."""
    kind = outage.cause_kind if kind is None else kind
    if kind in OutageCause.values:
        return str(OutageCause(kind).label)
    return outward_text(outage.station, outage.cause, redactor=redactor)
