"""What the JSON API takes and gives for arrears cases (欠费停复电): a case with its steps, and
what each step sends. Every input is bounded as its column stores it (``services``' limits)."""

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, StringConstraints

from powerdesk.arrears.blocks import block_of
from powerdesk.arrears.lift import FOUND_CHARS, VISITED_BY_CHARS
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import (
    MAX_AMOUNT,
    OUTCOME_CHARS,
    REASON_CHARS,
    SITUATION_CHARS,
    carry_out_from,
    notice_period_end,
)
from powerdesk.arrears.words_later import SAID_CODES, WORDS_CHARS
from powerdesk.servicedesk.api_problem_schemas import Day
from powerdesk.servicedesk.api_schemas import AccountNumber, InSchema, Moment, NoNul, Typed

__all__ = [
    "ApproveIn",
    "CaseDetailOut",
    "CaseOpenIn",
    "CaseOut",
    "CaseStateFilter",
    "HouseholdIn",
    "LiaisonIn",
    "LiftIn",
    "NoticeIn",
    "WordsIn",
]

CaseStateFilter = StrEnum(  # type: ignore[misc]
    "CaseStateFilter", {v: v for v in ("open", "all", *ArrearsCase.Stage.values)}
)
NoticeMethodIn = StrEnum(  # type: ignore[misc]
    "NoticeMethodIn", {v: v for v in ArrearsCase.NoticeMethod.values}
)


Outcome = Annotated[str, StringConstraints(max_length=OUTCOME_CHARS), NoNul, Typed]
Situation = Annotated[str, StringConstraints(max_length=SITUATION_CHARS), NoNul, Typed]
Reason = Annotated[str, StringConstraints(max_length=REASON_CHARS), NoNul, Typed]
VisitedBy = Annotated[str, StringConstraints(max_length=VISITED_BY_CHARS), NoNul, Typed]
Found = Annotated[str, StringConstraints(max_length=FOUND_CHARS), NoNul, Typed]
Words = Annotated[str, StringConstraints(max_length=WORDS_CHARS), NoNul, Typed]


# An amount owed, in yuan and fen: as the column stores it (a case opened, the amount updated).
def _ascii_amount(value: object) -> object:
    """An amount written in ASCII digits: "１２" is not read as 12 without a word (probe73 L4)."""
    if isinstance(value, str) and not value.isascii():
        raise ValueError(_("Write the amount in the digits 0-9, e.g. 120.50."))
    return value


Amount = Annotated[
    Decimal,
    BeforeValidator(_ascii_amount),
    Field(gt=0, lt=MAX_AMOUNT, max_digits=10, decimal_places=2, allow_inf_nan=False),
]


class LiftOut(Schema):
    """The station chief's household visit finding, which lifted a block of the words alone."""

    visited_by: str = Field(description="who visited, as written")
    visited_at: dt.datetime
    found: str = Field(description="what the visit found, as written")
    no_life_support: bool = Field(
        description="the chief's statement that no one at home depends on power for life"
    )
    words: list[str] = Field(
        description="the words whose block it lifted, as written (Chinese); a word recorded "
        "since that is not among them blocks again"
    )
    lifted_by: str | None = Field(None, description="the username of the chief who recorded it")
    lifted_at: dt.datetime


class CaseOut(Schema):
    """An arrears case as its page shows it: the household, the amount, each step's record."""

    id: int
    customer_account: str
    customer_name: str
    village_id: int | None
    village: str | None
    amount: str = Field(description="yuan, two decimals, as a string: '236.50'")
    owed_since: dt.date
    stage: str = Field(description="|".join(ArrearsCase.Stage.values))
    opened_at: dt.datetime
    notice_delivered_at: dt.datetime | None = None
    notice_method: str = Field(
        description="|".join(ArrearsCase.NoticeMethod.values) + "; empty before the notice"
    )
    notice_period_ends: dt.datetime | None = Field(
        None, description="7 days after the notice was delivered; no disconnection before"
    )
    liaison_contacted_at: dt.datetime | None = None
    liaison_outcome: str
    check_result: str = Field(
        description="clear|escalate (the chief approves only with a reason)|block (must not be "
        "disconnected: a medical need); empty before the household was seen"
    )
    check_read: str = Field(
        description="the words the check read in the situation and the liaison's words, as "
        "written (Chinese), most serious first; empty when none named anyone who needs care"
    )
    situation: str
    block: str = Field(
        description="why it must not be disconnected now: care_flag (the customer's medical-need "
        "flag: changed on the customer's record, never lifted by a visit), words (the words of "
        "the check name a medical need: the station chief's visit finding lifts it), check (the "
        "check's stored result: the chief's finding lifts it); empty when nothing blocks it"
    )
    lift: LiftOut | None = Field(
        None, description="the station chief's household visit finding that lifted a block"
    )
    approved_by: str | None = Field(None, description="the username of the chief who approved")
    approved_at: dt.datetime | None = None
    approval_reason: str
    carry_out_from: dt.datetime | None = Field(
        None,
        description="approved and not carried out: the first moment it may be (the notice "
        "period over, in the daytime 08:00-18:00, station time); null otherwise",
    )
    disconnected_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None
    reconnection_order: str | None = Field(
        None, description="the number of the reconnection work order (paid after a disconnection)"
    )

    @staticmethod
    def resolve_customer_account(case: ArrearsCase) -> str:
        return case.customer.account_number

    @staticmethod
    def resolve_customer_name(case: ArrearsCase) -> str:
        return case.customer.name

    @staticmethod
    def resolve_village_id(case: ArrearsCase) -> int | None:
        return case.customer.village_id

    @staticmethod
    def resolve_village(case: ArrearsCase) -> str | None:
        village = case.customer.village
        return village.name if village is not None else None

    @staticmethod
    def resolve_amount(case: ArrearsCase) -> str:
        return f"{Decimal(case.amount):.2f}"

    @staticmethod
    def resolve_notice_period_ends(case: ArrearsCase) -> dt.datetime | None:
        return notice_period_end(case) if case.notice_delivered_at else None

    @staticmethod
    def resolve_block(case: ArrearsCase) -> str:
        return block_of(case)

    @staticmethod
    def resolve_lift(case: ArrearsCase) -> LiftOut | None:
        if case.lifted_at is None or case.lift_visited_at is None:
            return None
        return LiftOut(
            visited_by=case.lift_visited_by,
            visited_at=case.lift_visited_at,
            found=case.lift_found,
            no_life_support=case.lift_no_life_support,
            words=list(case.lift_words or ()),
            lifted_by=case.lifted_by.get_username() if case.lifted_by else None,
            lifted_at=case.lifted_at,
        )

    @staticmethod
    def resolve_approved_by(case: ArrearsCase) -> str | None:
        return case.approved_by.get_username() if case.approved_by else None

    @staticmethod
    def resolve_carry_out_from(case: ArrearsCase) -> dt.datetime | None:
        # In UTC, as every other time the API gives (walk72b, L4: it came in station time).
        at = carry_out_from(case)
        return at.astimezone(dt.UTC) if at is not None else None

    @staticmethod
    def resolve_reconnection_order(case: ArrearsCase) -> str | None:
        return case.reconnection.number if case.reconnection else None


class CaseEventOut(Schema):
    """A line of the case's history."""

    at: dt.datetime
    by: str | None = Field(None, description="the username; null: the system")
    stage: str = Field(
        description="the stage the case reached ("
        + "|".join(ArrearsCase.Stage.values)
        + "), or lifted: the station chief's household visit finding that lifted a block"
    )
    note: str = Field(description="in the station's language where the system wrote it")

    @staticmethod
    def resolve_by(event: ArrearsEvent) -> str | None:
        return event.by.get_username() if event.by else None

    @staticmethod
    def resolve_note(event: ArrearsEvent) -> str:
        return event.note_shown


class SaidLaterOut(Schema):
    """What the household said since its check, as the case's page lists it among its steps."""

    words: str = Field(description="as said (Chinese), a call's note whole")
    at: dt.datetime
    by: str | None = Field(None, description="the username of who recorded it (took the call)")
    call_id: int | None = Field(None, description="the call whose note it is; null: typed")

    @staticmethod
    def resolve_words(event: ArrearsEvent) -> str:
        return str((event.note_args or {}).get("words", ""))

    @staticmethod
    def resolve_by(event: ArrearsEvent) -> str | None:
        return event.by.get_username() if event.by else None

    @staticmethod
    def resolve_call_id(event: ArrearsEvent) -> int | None:
        call = (event.note_args or {}).get("call")
        return call if isinstance(call, int) else None


class CaseDetailOut(CaseOut):
    events: list[CaseEventOut]
    said_later: list[SaidLaterOut] = Field(
        description="what the household said since its check (``…/words``, a call), oldest "
        "first: read as the check's words (a medical need named blocks)"
    )

    @staticmethod
    def resolve_events(case: ArrearsCase) -> list[ArrearsEvent]:
        return list(case.events.select_related("by").order_by("at", "pk"))

    @staticmethod
    def resolve_said_later(case: ArrearsCase) -> list[ArrearsEvent]:
        lines = case.events.filter(note_code__in=SAID_CODES)
        return list(lines.select_related("by").order_by("at", "pk"))


class CaseOpenIn(InSchema):
    customer_account: AccountNumber = Field(description="the household's account number")
    amount: Amount = Field(description="yuan and fen, more than 0 and below 100,000,000")
    owed_since: Day = Field(description="YYYY-MM-DD, from 2000-01-01 to the station's today")


class AmountIn(InSchema):
    amount: Amount = Field(
        description="the amount owed now: yuan and fen, more than 0 and below 100,000,000"
    )
    why: Reason = Field("", description="why it changed (a new bill, a part paid...)")


class NoticeIn(InSchema):
    method: NoticeMethodIn = Field(  # type: ignore[valid-type]
        description="in_person|door|liaison: delivered (recorded now); sms: a text message is "
        "sent to the household's mobile phones now, and the gateway's delivery receipt records it"
    )
    delivered_at: Moment | None = Field(
        None,
        description="when a notice handed over was delivered (not ahead of now, not before "
        "owed_since); null: now. Not with sms.",
    )


class LiaisonIn(InSchema):
    outcome: Outcome = Field(description="what came of the contact through the village liaison")


class HouseholdIn(InSchema):
    situation: Situation = Field(description="the household's situation, as seen at the visit")


class LiftIn(InSchema):
    visited_by: VisitedBy = Field(description="who visited the household (names)")
    visited_at: Moment | None = Field(
        None, description="when they visited: not ahead of now, not before the case was opened"
    )
    found: Found = Field(description="what the visit found at the household")
    no_life_support: bool = Field(
        False,
        description="true: the chief states that no one at home depends on power for life "
        "(without it the block stays)",
    )


class WordsIn(InSchema):
    words: Words = Field(description="what the household says now, as said")


class ApproveIn(InSchema):
    reason: Reason = Field(
        "",
        description="why disconnecting is still right: needed when the check is escalate",
    )
