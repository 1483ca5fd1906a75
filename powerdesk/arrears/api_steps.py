"""The arrears API's steps of a case, each as the case's page records it: the written notice, the
contact through the village liaison, the household seen, what the household says now, the
chief's visit finding (``api_lift``), the approval, the disconnection carried out, the payment
and the amount owed now (moved out of ``api``, registered on its router there: each keeps its
operation id, so the schema and the clients generated from it stay the same)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.arrears.amount import amount_update
from powerdesk.arrears.api import _ANSWERS, CaseId, _step, router
from powerdesk.arrears.api_schemas import (
    AmountIn,
    ApproveIn,
    CaseDetailOut,
    HouseholdIn,
    LiaisonIn,
    NoticeIn,
    WordsIn,
)
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    disconnection_approve,
    disconnection_carry_out,
    household_record,
    liaison_contact,
    notice_record,
    payment_record,
)
from powerdesk.servicedesk.api_access import IDEMPOTENT, FieldRefused, request_user
from powerdesk.servicedesk.idempotency import REPLAYED


@router.post(
    "/arrears-cases/{case_id}/notice",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_notice",
    summary="Record the written notice",
    description="The notice delivered (in_person, door, liaison; at delivered_at, else now), "
    "or sent by text message (sms: to the household's mobile phones, recorded when the "
    "gateway's receipt says it was delivered; the case stays open until then). The notice "
    "period (7 days) runs from its delivery. Sent again as recorded (or while the text is on "
    "its way): the case, nothing recorded or sent twice; 409 when a notice of another kind or "
    "time was recorded already. 422 naming its field: sms with no mobile phone on file "
    "(method), delivered_at ahead of now or before owed_since, or with sms. 403: arrears."
    "progress (the counter, the chief).",
)
def arrears_notice(request: HttpRequest, case_id: CaseId, payload: NoticeIn) -> Any:
    method = payload.method.value
    if payload.delivered_at is not None:
        if method == ArrearsCase.NoticeMethod.SMS:
            raise FieldRefused(
                _(
                    "A text message's delivery is recorded by the gateway's receipt: send sms "
                    "without delivered_at."
                ),
                field="delivered_at",
                status=422,
            )
        if payload.delivered_at > timezone.now():
            raise FieldRefused(
                _("A notice is recorded once it has been delivered."),
                field="delivered_at",
                status=422,
            )
    return _step(
        request,
        case_id,
        lambda case: notice_record(
            case=case,
            user=request_user(request),
            method=method,
            delivered_at=payload.delivered_at,
        ),
    )


@router.post(
    "/arrears-cases/{case_id}/liaison",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_liaison",
    summary="Record the contact through the village liaison",
    description="What came of it (outcome, at most 300 characters), after the notice; it goes "
    "into the village's contact log too. A person's session only (403 for a system's token: "
    "nobody would be recorded as having made it). 409: no notice yet, or another outcome "
    "recorded already. 422 at outcome: empty or too long.",
)
def arrears_liaison(request: HttpRequest, case_id: CaseId, payload: LiaisonIn) -> Any:
    return _step(
        request,
        case_id,
        lambda case: liaison_contact(
            case=case, user=request_user(request), outcome=payload.outcome
        ),
    )


@router.post(
    "/arrears-cases/{case_id}/household",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_household",
    summary="Record the household's situation, as seen at the visit",
    description="The situation (at most 2,000 characters), after the liaison's contact. The "
    "check follows the household's care flags and the words of the situation: a medical need "
    "blocks (must not be disconnected); living alone, hardship, an important customer or a "
    "vulnerable person seen escalate (the chief approves only with a reason). A person's "
    "session only. 409: the liaison not contacted yet, or another situation recorded already.",
)
def arrears_household(request: HttpRequest, case_id: CaseId, payload: HouseholdIn) -> Any:
    return _step(
        request,
        case_id,
        lambda case: household_record(
            case=case, user=request_user(request), situation=payload.situation
        ),
    )


@router.post(
    "/arrears-cases/{case_id}/words",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_words",
    summary="Record what the household says now",
    description="What the household says now (words, at most 300 characters), as the case's "
    'page records it (its card "What the household says now"): a step of its own (who, '
    "when: said_later), read as the household check's words. A medical need in use named "
    "blocks the disconnection (block: words; check_result: block), before the check, after "
    "the approval and after the station chief's lift too; an elderly person, a patient or "
    "hardship named escalate a case checked. A disconnected case keeps the words (not "
    "reopened: its block says the household shows a need). The same words sent again: the "
    "case, recorded once. A person's session with arrears.progress (the counter, the chief); "
    "403 for any other role and for a system's token (a system sends the household's call, "
    "POST /calls, whose note is read so). 409: paid and closed. 422 at words: empty, too "
    "long, or saying nothing.",
)
def arrears_words(
    request: HttpRequest, case_id: CaseId, payload: WordsIn, response: HttpResponse
) -> Any:
    again: list[bool] = []

    def said(case: ArrearsCase) -> ArrearsCase:
        case = household_record(
            case=case, user=request_user(request), situation=payload.words, later=True
        )
        again.append(case.said_again)
        return case

    answer = _step(request, case_id, said)
    if any(again):
        # The same words sent again with another key (or none): answered as a replay of the
        # first, recorded and told once (walk76, L2).
        (answer if isinstance(answer, HttpResponse) else response)[REPLAYED] = "true"
    return answer


# The chief's visit finding (``…/lift``) lives in ``api_lift``, registered here on the same
# router so the schema keeps its place (review72 L6).
from powerdesk.arrears import api_lift  # noqa: E402, F401  (registers its endpoint)


@router.post(
    "/arrears-cases/{case_id}/approve",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_approve",
    summary="Approve the disconnection (the station chief)",
    description="Only the station chief, signed in (403 for anyone else, a system's token "
    "too). 409: the household not seen yet, or it must not be disconnected (a medical need), "
    "or approved already with another reason. 422 at reason: a household that needs care "
    "(check escalate) without why disconnecting is still right.",
)
def arrears_approve(request: HttpRequest, case_id: CaseId, payload: ApproveIn) -> Any:
    return _step(
        request,
        case_id,
        lambda case: disconnection_approve(
            case=case, user=request_user(request), reason=payload.reason
        ),
    )


@router.post(
    "/arrears-cases/{case_id}/disconnect",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_disconnect",
    summary="Record the disconnection carried out",
    description="Approved, once the notice period is over (carry_out_from says from when) and "
    "in the daytime only (08:00-18:00, station time). A person's session (the dispatcher, the "
    "chief). 409 saying why: not approved, the notice period runs until..., at night, the "
    "household must not be disconnected (a medical need, flagged since too), paid. Sent again "
    "once carried out: the case, nothing recorded twice.",
)
def arrears_disconnect(request: HttpRequest, case_id: CaseId) -> Any:
    return _step(
        request,
        case_id,
        lambda case: disconnection_carry_out(case=case, user=request_user(request)),
    )


@router.post(
    "/arrears-cases/{case_id}/paid",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_paid",
    summary="Record the payment (and reconnect)",
    description="The case closes; a disconnected household gets a reconnection work order "
    "due within the station's reconnection time (24 hours): reconnection_order names it. Sent "
    "again: the case, one order. 403: arrears.paid (the counter, the chief; a billing system's "
    "token may).",
)
def arrears_paid(request: HttpRequest, case_id: CaseId) -> Any:
    return _step(
        request,
        case_id,
        lambda case: payment_record(case=case, user=request_user(request)),
    )


@router.post(
    "/arrears-cases/{case_id}/amount",
    response={200: CaseDetailOut, **_ANSWERS},
    openapi_extra=IDEMPOTENT,
    operation_id="powerdesk_arrears_api_arrears_amount",
    summary="Update the amount owed",
    description="The amount owed now (a new bill, a part paid), with why (at most 300 "
    "characters); the case's steps stand and its history says the change. The same amount "
    "again: the case, nothing recorded. 409: paid and closed. 403: arrears.open (the counter, "
    "the chief; a billing system's token may).",
)
def arrears_amount(request: HttpRequest, case_id: CaseId, payload: AmountIn) -> Any:
    return _step(
        request,
        case_id,
        lambda case: amount_update(
            case=case, user=request_user(request), amount=payload.amount, why=payload.why
        ),
    )
