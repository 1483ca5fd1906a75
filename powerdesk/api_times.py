"""The API writes every time in UTC, ``Z`` (``2026-12-21T02:00:00Z``; to the millisecond when it
has a fraction): a time the client sent with its offset and answered from the request, not read
back from the database (a new promise's ``due_at``), as every other time (probe78 L4: the first
answer said ``+08:00``, the same promise read again ``Z``). One encoder for ninja's answers
(``UtcRenderer``) and for the answers ``api_once`` keeps to replay.

>>> import datetime as dt
>>> UtcEncoder().encode(dt.datetime(2026, 12, 21, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
'"2026-12-21T02:00:00Z"'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

__all__ = ["UtcEncoder", "UtcRenderer"]


class UtcEncoder(NinjaJSONEncoder):
    """ninja's encoder, an aware time first put in UTC."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime) and o.utcoffset() is not None:
            o = o.astimezone(dt.UTC)
        return super().default(o)


class UtcRenderer(JSONRenderer):
    encoder_class = UtcEncoder
