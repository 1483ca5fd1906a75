"""The arrears API's lift: the station chief's household visit finding, which lifts a block of
the household check's words alone (moved out of ``api``, review72 L6). Registered on ``api``'s
router, imported there in its place."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from powerdesk.arrears.api import _ANSWERS, CaseId, _step, router
from powerdesk.arrears.api_schemas import CaseDetailOut, LiftIn
from powerdesk.arrears.lift import block_lift
from powerdesk.servicedesk.api_access import IDEMPOTENT, request_user


@router.post(
    "/arrears-cases/{case_id}/lift",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    # The id it had in ``api``, so the schema (and clients generated from it) stay the same.
    operation_id="powerdesk_arrears_api_arrears_lift",
    summary="Record the station chief's household visit finding (lifts a words-only block)",
    description="A case blocked by the words of its household check alone (block: words or "
    "check): the station chief's own visit — who visited (at most 100 characters), when "
    "(visited_at: not ahead of now, nor before the words that block were recorded), what they "
    "found (at most 1,000 characters) and no_life_support true (no one at home depends on "
    "power for life) — lifts the block of the words read then; the approval then needs its "
    "reason. Only the station chief, signed in (403 for anyone else, a system's token too). "
    "422 naming its field. 409: the customer's medical-need flag blocks (changed on the "
    "customer's record only), nothing blocks, or lifted already by another finding. Sent again "
    "as recorded: the case, recorded once.",
)
def arrears_lift(request: HttpRequest, case_id: CaseId, payload: LiftIn) -> Any:
    return _step(
        request,
        case_id,
        lambda case: block_lift(
            case=case,
            user=request_user(request),
            visited_by=payload.visited_by,
            visited_at=payload.visited_at,
            found=payload.found,
            no_life_support=payload.no_life_support,
        ),
    )
