"""What the service desk's JSON API accepts and answers.

Every input is bounded as the database stores it: a string no longer than its column and
without the NUL character (which PostgreSQL cannot store), ids within a 64-bit key, choices
from their lists, times with a zone and within this century. Anything else is answered with
422 naming the field, before anything is looked up or stored.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    ConfigDict,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from powerdesk.lib.user_text import InvisibleOnly, typed
from powerdesk.lib.written_time import written_time
from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX
from powerdesk.servicedesk.models import (
    Call,
    Category,
    WorkOrder,
    WorkOrderStatus,
)

MAX_ID = 2**63 - 1  # the largest primary key a BigAutoField holds
MAX_PAGE = 500
MAX_OFFSET = 10**9
MAX_NOTE = 10_000  # notes are text columns; a longer "note" is not one a person wrote


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("Must not contain the NUL character."))
    return value


def _typed(value: str) -> str:
    try:
        return typed(value)
    except InvisibleOnly:
        raise ValueError(
            _("Holds only invisible characters (such as a zero-width space): type the words.")
        ) from None


NoNul = AfterValidator(_no_nul)
# Free text a person typed (an order's description, a step's note, a callback's comment, a hard
# problem's title and notes...): bounded first (the length, then NUL), then as the pages read it
# (``form_text``): bidirectional controls taken out, nothing unseen at its ends, and invisible
# characters alone refused naming the field (fix58a).
Typed = AfterValidator(_typed)
PhoneNumber = Annotated[str, StringConstraints(max_length=40), NoNul]
CtiCallId = Annotated[str, StringConstraints(max_length=64), NoNul]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), NoNul, Typed]
# A call's note and what the caller was told: as long as the intake page takes, so that a page
# that shows or edits the call can save it again.
# (nothing typed is no text there — a number alone is a call —; invisible characters alone are
# refused, as the intake page refuses them (walk58 M2); bidirectional controls are taken out)
CallText = Annotated[str, StringConstraints(max_length=INTAKE_TEXT_MAX), NoNul, Typed]
Line = Annotated[
    str, StringConstraints(max_length=200), NoNul, Typed
]  # summaries, causes, promises

AccountNumber = Annotated[str, StringConstraints(max_length=30), NoNul]
DeviceCode = Annotated[str, StringConstraints(max_length=60), NoNul]


class InSchema(Schema):
    """What a request sends: a field the schema does not have is refused (422 naming it), not
    dropped without a word (an integration sending "urgent" believed it was taken: probe 36)."""

    model_config = ConfigDict(extra="forbid")


# A time as written, with its zone, within 2000–2100 and ±14:00: one reader for every time the
# API takes (``lib/written_time``; never seconds, even as a JSON string of digits: probe73 M1).
Moment = Annotated[AwareDatetime, BeforeValidator(written_time)]

# Choices as the schema publishes them ("" keeps the classifier's suggestion).
CategoryIn = StrEnum("CategoryIn", {"suggested": "", **{v: v for v in Category.values}})  # type: ignore[misc]
CallStatus = StrEnum("CallStatus", {v: v for v in Call.Status.values})  # type: ignore[misc]


class CallerIs(StrEnum):
    """Who rang from a number a household shares with a village liaison (intake's "who is
    calling?")."""

    HOUSEHOLD = "household"
    LIAISON = "liaison"


OrderCategory = StrEnum("OrderCategory", {v: v for v in Category.values})  # type: ignore[misc]
OrderStatus = StrEnum("OrderStatus", {v: v for v in WorkOrderStatus.values})  # type: ignore[misc]
OrderStatusFilter = StrEnum(  # type: ignore[misc]
    "OrderStatusFilter", {v: v for v in ("open", "all", *WorkOrderStatus.values)}
)


class Page(LimitOffsetPagination):
    """Lists come in pages of at most 500."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ErrorOut(Schema):
    """An error: a message, or (422 from the schema check) one entry per field that is wrong."""

    detail: str | list[dict[str, Any]]


class FieldErrorOut(ErrorOut):
    """A refusal that names the field it is about (``field``) and, when the caller may insist,
    the flag to send with the same request (``confirm``): a 400, a service's 422 (a schema
    check's 422 lists each field in ``detail`` instead), an id naming nothing of the station
    (404). The body's other 400s have neither."""

    field: str = Field("", description="the field of the request the message is about")
    confirm: str = Field(
        "", description="the flag that, sent true with the same request, takes the value as it is"
    )


class CallIn(InSchema):
    caller_number: PhoneNumber = ""
    text: CallText = ""
    category: CategoryIn = Field(
        CategoryIn(""), description="one of the nine categories; empty: as suggested"
    )
    status: CallStatus = Field(CallStatus("answered"), description="answered, missed or abandoned")
    cti_call_id: CtiCallId = Field(
        "",
        description="the telephone system's id of the call: a call with an id already logged "
        "at the station is not logged again (the answer is 200 with that call)",
    )
    caller_name: Annotated[str, StringConstraints(max_length=60), NoNul, Typed] = Field(
        "", description="for a caller the number does not find"
    )
    place: Line = Field("", description="where the problem is, if not at the caller's home")
    answer: CallText = Field("", description="what the caller was told")
    open_order: StrictBool | None = Field(
        None,
        description="empty: faults, hazards, business requests, new connections and complaints "
        "open a work order, questions and billing are answered on the call, suggestions and "
        "praise go to feedback; true: open an order anyway; false: log only. Empty also "
        "adds a call to the open order of the same category the same caller (account or "
        "number) rang about within the last hours, as a repeat call, and a fault call below a "
        "recorded outage to the outage's order, instead of opening another",
    )
    also_fault_repair: StrictBool = Field(
        False,
        description="true: the note tells the power off beside another errand (a billing "
        "question, a complaint): the call is taken as its category says, with its own order, "
        "and a fault repair order is opened too, keyed on the call (never a second one); "
        "joined to the outage above the caller when one is recorded; the caller's fault repair "
        "order open from the last hours is named in notice instead, none opened beside it. Not "
        "with a fault or hazard category (422), nor for a note that does not say the power is "
        "off now unless power_off_said (422, confirm power_off_said). Also POST "
        "/calls/{call_id}/fault-order",
    )
    power_off_said: StrictBool = Field(
        False,
        description="true with also_fault_repair: the caller said the power is off, though the "
        "note does not say so; the fault repair order's history says it was on the sender's "
        "word",
    )
    caller_is: CallerIs = Field(
        CallerIs.HOUSEHOLD,
        description="who is calling from a number a household shares with a village liaison, "
        "as the intake page asks: household (the default, as before: the household whose "
        "number it is; a number that is only a serving liaison's is the liaison's call) or "
        "liaison (the village liaison whose own number it is: the call is the liaison's, with "
        "no customer, and a need it names goes on the sharing household's open arrears case "
        "as the liaison's words, the chiefs of a household cut off told). 422 at caller_is "
        "when the number is no serving liaison's of the station",
    )
    join_order_id: StrictInt | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="the id of an open work order of the station to add the call to (a repeat "
        "call, or another call about it); not with open_order. It must be the caller's own "
        "(their account's, or one their number rang about) and of the call's category, or the "
        "order of the fault outage supplying them, for a fault call: 422 otherwise",
    )


class CallLiaisonOut(Schema):
    """The village liaison who rang from their own number (not a customer account)."""

    id: int
    name: str
    role: str = Field(description="secretary, director, member, group_leader, electrician, other")
    village: str
    group: str | None = Field(None, description="null: the village committee as a whole")
    phone: str

    @staticmethod
    def resolve_village(liaison: Any) -> str:
        return str(liaison.village.name)

    @staticmethod
    def resolve_group(liaison: Any) -> str | None:
        return liaison.group.name if liaison.group_id else None


class SuggestionOut(Schema):
    category: str = Field(..., description="one of the nine categories, or other (not a request)")
    urgent: bool
    confidence: float
    alternative: str = Field(..., description="the runner-up category")
    alternative_confidence: float
    ask: bool = Field(..., description="unsure: staff should choose between the two")
    check_safety: bool = Field(
        ...,
        description="the model heard a possible danger or medical need the rules did not: "
        "staff should ask the caller (urgent by itself only when the model is very sure)",
    )


class CallOut(Schema):
    id: int
    received_at: dt.datetime
    caller_number: str
    status: str
    customer_account: str | None = None
    text: str
    category: str
    suggested_category: str
    urgent: bool
    caller_name: str
    place: str
    answer: str
    work_order_id: int | None
    fault_order_id: int | None = Field(
        None, description="the fault repair order of the note's second matter (the power off)"
    )
    is_repeat: bool = Field(
        description="the caller (account or number) had rung about its work order before"
    )
    liaison: CallLiaisonOut | None = Field(
        None, description="the village liaison whose own number the caller's is; else null"
    )

    @staticmethod
    def resolve_customer_account(call: Call) -> str | None:
        return call.customer.account_number if call.customer else None


class CallCreatedOut(CallOut):
    """A call logged by ``POST /calls``, with what the integration should know of it."""

    notice: str = Field(
        "",
        description="set when the call was logged but is not what a request is, e.g. an "
        "answered call with no note (text empty): logged as not a request, no category, no "
        "work order; or when also_fault_repair found the caller's fault repair order open: "
        "none opened beside it, its number to tell the caller",
    )
    suggestion: SuggestionOut | None = Field(
        None,
        description="set when category was empty and the note was read: what the reading "
        "said (as GET /classify: category, urgent, confidence, alternative, ask, "
        "check_safety). The call takes its category; ask true: the reading was unsure "
        "between category and alternative, and a person should check the call's category "
        "on its page; check_safety true: staff should ask the caller about a danger",
    )

    @staticmethod
    def resolve_suggestion(call: Call) -> dict[str, object] | None:
        return getattr(call, "api_suggestion", None)

    @staticmethod
    def resolve_notice(call: Call) -> str:
        return str(getattr(call, "api_notice", ""))


class WorkOrderIn(InSchema):
    category: OrderCategory
    summary: Line
    description: Note = ""
    urgent: StrictBool = False
    customer_account: AccountNumber | None = None
    call_id: StrictInt | None = Field(None, ge=1, le=MAX_ID)


class WorkOrderOut(Schema):
    id: int
    number: str
    category: str
    urgent: bool
    status: str
    summary: str
    customer_account: str | None = None
    crew: str | None = None
    created_at: dt.datetime
    arrive_due_at: dt.datetime | None
    resolve_due_at: dt.datetime | None
    callback_due_at: dt.datetime | None
    resolved_at: dt.datetime | None
    paused: bool
    cause: str
    owner: str | None = Field(
        None, description="the username of the person who owns it; null: without an owner"
    )

    @staticmethod
    def resolve_customer_account(order: WorkOrder) -> str | None:
        return order.customer.account_number if order.customer else None

    @staticmethod
    def resolve_crew(order: WorkOrder) -> str | None:
        return order.crew.name if order.crew else None

    @staticmethod
    def resolve_owner(order: WorkOrder) -> str | None:
        return order.owner.get_username() if order.owner else None

    @staticmethod
    def resolve_paused(order: WorkOrder) -> bool:
        return order.paused_at is not None

    @staticmethod
    def resolve_cause(order: WorkOrder) -> str:
        """In the station's language, as the API's other stored words are (an outage's kind of
        cause with the crew's words)."""
        from powerdesk.lib.language import station_language

        with station_language():
            return order.cause_shown


class TransitionIn(InSchema):
    to: OrderStatus
    note: Note = ""
    cause: Line = ""
    device: DeviceCode = Field("", description="code of the grid element found at fault")
    other_device: StrictBool = Field(
        False,
        description="resolving at a device off the line of the order's households (or of its "
        "village group's or village's transformers): true when the fault really is there (the "
        "account or place on the order is wrong); recorded in the order's history",
    )
    in_house: StrictBool = Field(
        False,
        description="resolving with the fault inside the customer's house (their own wiring or "
        "switch): no grid device is asked and any device sent is set aside; the order's cause "
        "is recorded as in the house, never a grid outage",
    )


class EventOut(Schema):
    at: dt.datetime
    kind: str
    from_status: str
    to_status: str
    note: str
    by: str | None = None

    @staticmethod
    def resolve_by(event: Any) -> str | None:
        return str(event.by) if event.by else None


class DispatchIn(InSchema):
    crew: str = Field(..., min_length=1, max_length=60, description="the crew's name")


class OwnerIn(InSchema):
    owner: Annotated[str, StringConstraints(max_length=150), NoNul] = Field(
        "",
        description="the username of the person to give it to (work.assign); empty: the "
        "person whose session sends it takes it as their own (work.take)",
    )


class TakenOut(ErrorOut):
    """A 409: someone has the work already, or it is finished; nothing was changed."""

    owner: str | None = Field(
        None, description="the username of who has it (null: it is finished, or nobody)"
    )
    owner_name: str | None = Field(None, description="their name, as the pages show it")
    since: dt.datetime | None = Field(
        None, description="since when they have it (their taking or giving); null: from the start"
    )
