"""What the follow-up part of the service desk's JSON API accepts and answers (callbacks and
promises, ``api_followup``): bounded as ``api_schemas`` says."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from ninja import Field, Schema
from pydantic import StrictBool, StrictInt

from powerdesk.servicedesk.api_schemas import (
    MAX_ID,
    AccountNumber,
    InSchema,
    Line,
    Moment,
    Note,
)
from powerdesk.servicedesk.models import Callback, Promise

CallbackOutcome = StrEnum("CallbackOutcome", {v: v for v in Callback.Outcome.values})  # type: ignore[misc]
PromiseFilter = StrEnum("PromiseFilter", {v: v for v in ("all", *Promise.State.values)})  # type: ignore[misc]


class CallbackIn(InSchema):
    outcome: CallbackOutcome
    satisfaction: StrictInt | None = Field(None, ge=1, le=5)
    still_not_fixed: StrictBool = False
    comment: Note = ""


class CallbackOut(Schema):
    id: int
    at: dt.datetime
    outcome: str
    satisfaction: int | None
    still_not_fixed: bool
    comment: str
    by_key: str | None = Field(
        None,
        description="the name of the API key it was recorded with (a system's; null: a "
        "person's, on the work order's page)",
    )

    @staticmethod
    def resolve_by_key(obj: Callback) -> str | None:
        return None if obj.by_key is None else obj.by_key.name


class PromiseIn(InSchema):
    text: Line
    due_at: Moment = Field(description="with its time zone, e.g. 2026-05-01T18:00:00+08:00")
    work_order_id: StrictInt | None = Field(
        None, ge=1, le=MAX_ID, description="the order it is about (this or customer_account)"
    )
    customer_account: AccountNumber | None = Field(
        None, description="the customer it was made to, when no order is named"
    )


class SettleIn(InSchema):
    """A promise settled: in the JSON body, never in the address (a reason about a customer in
    a URL stays in proxies' logs: probe 36, finding 10)."""

    kept: StrictBool = Field(description="true: kept; false: not kept (say why in reason)")
    reason: Line = Field(
        "",
        description="why it was not kept; for one said kept while its work order's power is "
        "still off, what was done",
    )
    kept_at: Moment | None = Field(
        None,
        description="with kept true: when it was kept, with its time zone (not later than now, "
        "not before the promise was made). By its due_at it is kept on time (state kept), "
        "after it kept late (state kept_late); a promise the escalation job recorded broken "
        "is corrected so. Without it, kept true is refused once due_at has passed.",
    )


class PromiseOut(Schema):
    id: int
    text: str
    due_at: dt.datetime
    made_at: dt.datetime
    state: str
    work_order_id: int | None
    kept_at: dt.datetime | None = Field(
        None, description="when it was kept, as said with kept_at (null otherwise)"
    )
