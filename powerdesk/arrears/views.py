"""Arrears cases: the list, and one case with the step it is ready for."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import (
    StationRequest,
    get_for_user,
    station_page,
    station_queryset,
)
from powerdesk.arrears.amount import amount_update
from powerdesk.arrears.blocks import block_of, check_would_block
from powerdesk.arrears.check_apart import check_apart
from powerdesk.arrears.cut_need import cut_need_last_told
from powerdesk.arrears.forms import CaseOpenForm, StepForm
from powerdesk.arrears.lift import block_lift
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.selectors import cases_listed
from powerdesk.arrears.services import (
    ArrearsError,
    carry_out_from,
    case_open,
    disconnection_approve,
    disconnection_carry_out,
    household_record,
    liaison_contact,
    notice_period_end,
    notice_record,
    payment_record,
)
from powerdesk.arrears.words_later import SAID_CODES
from powerdesk.customers.models import Customer
from powerdesk.customers.selectors import customer_by_account
from powerdesk.lib.forms import TYPED_KEPT, form_wrong


@station_page("arrears:cases")
def case_list(request: StationRequest) -> HttpResponse:
    form = CaseOpenForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400  # refused: what was typed comes back, each error at its field
        try:
            if not form.is_valid():
                raise _AtTheFields
            account = form.cleaned_data["account_number"]
            customer = customer_by_account(station_queryset(request, Customer), account)
            if customer is None:
                form.add_error(
                    "account_number",
                    _("No customer of this station has the account “%(account)s”.")
                    % {"account": account},
                )
                raise _AtTheFields
            case = case_open(
                station=request.station,
                user=request.user,
                customer=customer,
                amount=form.cleaned_data["amount"],
                owed_since=form.cleaned_data["owed_since"],
            )
            return redirect(case)
        except _AtTheFields:
            pass
        except ArrearsError as exc:
            if exc.field in form.fields:
                # At its field, with what was typed (the account, the amount).
                form.add_error(exc.field, str(exc))
            else:
                messages.error(request, str(exc))
    cases = cases_listed(request.station)
    open_cases = cases.exclude(stage=ArrearsCase.Stage.PAID)
    blocked_only = request.GET.get("blocked") == "1"
    if blocked_only:
        open_cases = open_cases.exclude(blocked_by="")  # stored at each step (``blocks``)
    listed = list(open_cases)
    return render(
        request,
        "arrears/case_list.html",
        {
            "open_cases": listed,
            "blocked_only": blocked_only,
            "blocked_count": sum(1 for case in listed if case.blocked_by),
            "closed_cases": cases.filter(stage=ArrearsCase.Stage.PAID)[:30],
            "typed": request.POST,
            "form": form,
        },
        status=status,
    )


class _AtTheFields(Exception):
    """The form's errors are said at its fields (``case_list.html``), not as a message."""


# The steps a case's page posts (``case_detail.html``).
CASE_STEPS = frozenset(
    {"notice", "liaison", "household", "words", "lift", "approve", "carry_out", "paid", "amount"}
)


@station_page("arrears:case")
def case_detail(request: StationRequest, pk: int) -> HttpResponse:
    case = get_for_user(
        request, ArrearsCase.objects.select_related("customer__village", "lifted_by"), pk=pk
    )
    typed: dict[str, str] = {}  # what was typed in a refused step, drawn again in its field
    wrong: dict[str, str] = {}  # a refused text's words, said at it
    if request.method == "POST":
        step, form = request.POST.get("step", ""), StepForm(request.POST)
        try:
            if step not in CASE_STEPS:
                # Only a crafted or stale form names another: said, and nothing recorded.
                raise ArrearsError(
                    _("“%(step)s” is not a step of an arrears case: use the case's buttons.")
                    % {"step": step[:40]}
                )
            if not form.is_valid():
                # Each of the form's errors at its field (an error without words said nothing).
                raise ArrearsError(wrong=form_wrong(form))
            post = form.cleaned_data
            if step == "notice":
                notice_record(case=case, user=request.user, method=post.get("method", ""))
            elif step == "liaison":
                liaison_contact(case=case, user=request.user, outcome=post.get("outcome", ""))
            elif step == "household":
                household_record(case=case, user=request.user, situation=post.get("situation", ""))
            elif step == "words":
                # What the household says now (walk73, H1 a): read as the check's words.
                said = household_record(
                    case=case, user=request.user, situation=post.get("words", ""), later=True
                )
                if said.chiefs_told:
                    # A cut household's need: the chiefs were told at once (walk76, M1).
                    messages.warning(
                        request,
                        _(
                            "The household is disconnected and its words name a medical need: "
                            "the station chief was told at once (a visit, and power restored "
                            "if it is so)."
                        ),
                    )
            elif step == "lift":
                block_lift(
                    case=case,
                    user=request.user,
                    visited_by=post.get("visited_by", ""),
                    visited_at=post.get("visited_at"),
                    found=post.get("found", ""),
                    no_life_support=bool(post.get("no_life_support")),
                )
            elif step == "approve":
                disconnection_approve(case=case, user=request.user, reason=post.get("reason", ""))
            elif step == "carry_out":
                disconnection_carry_out(case=case, user=request.user)
            elif step == "paid":
                payment_record(case=case, user=request.user)
            elif step == "amount":
                if post.get("amount") is None:
                    raise ArrearsError(_("Give the amount owed now."), field="amount")
                amount_update(
                    case=case, user=request.user, amount=post["amount"], why=post.get("why", "")
                )
        except ArrearsError as exc:
            wrong = {name: said for name, said in exc.wrong.items() if name}
            if exc.wrong.get(""):
                messages.error(request, exc.wrong[""])
            if wrong:
                # The page again, what was typed in its field (a redirect lost it).
                typed = {name: request.POST.get(name, "")[:TYPED_KEPT] for name in _TEXTS}
                typed["method"] = request.POST.get("method", "")[:12]
                typed["visited_at"] = request.POST.get("visited_at", "")[:20]
                typed["no_life_support"] = request.POST.get("no_life_support", "")[:2]
            else:
                return redirect(case)
        else:
            return redirect(case)
    return render(
        request,
        "arrears/case_detail.html",
        {
            "case": case,
            "events": case.events.select_related("by"),
            "methods": ArrearsCase.NoticeMethod.choices,
            **_carry_out_said(case),
            "blocked_by": block_of(case),
            # What the check found, apart from what the words since call for (walk77 L3).
            "apart": check_apart(case),
            # A cut household's words already told to the chiefs: when, and whom (walk77 L4).
            "cut_told": cut_need_last_told(case) if case.disconnected_at else None,
            # Not yet checked: the words that block it, or that its check will read so.
            "unchecked_words": check_would_block(case),
            # What the household said since its check, each with who, when, the call, among the
            # steps in time: before the approval, after it, after the cut (walk79 L3).
            **_said_in_time(case),
            "typed": typed,
            "wrong": wrong,
        },
        status=400 if typed else 200,
    )


def _said_in_time(case: ArrearsCase) -> dict[str, list[ArrearsEvent]]:
    """The words said on the case (``SAID_CODES``), oldest first, split by the step they came
    after: the household check's (``said_later``), the chief's approval, the disconnection."""
    said: dict[str, list[ArrearsEvent]] = {
        "said_later": [],
        "said_after_approval": [],
        "said_after_cut": [],
    }
    events = case.events.filter(note_code__in=SAID_CODES).select_related("by")
    for event in events.order_by("at", "pk"):
        if case.disconnected_at and event.at >= case.disconnected_at:
            said["said_after_cut"].append(event)
        elif case.approved_at and event.at >= case.approved_at:
            said["said_after_approval"].append(event)
        else:
            said["said_later"].append(event)
    return said


def _carry_out_said(case: ArrearsCase) -> dict[str, object]:
    """When the notice period ends, and when the disconnection approved may be carried out: the
    button is offered only from then, the page says when before (walk61, L2)."""
    now = timezone.now()
    ends = notice_period_end(case) if case.notice_delivered_at else None
    carry_from = carry_out_from(case, now=now)
    return {
        "notice_ends": ends,
        "notice_running": ends is not None and now < ends,
        "carry_from": carry_from,
        "carry_now": carry_from is not None and carry_from <= now,
    }


# The texts a step records: refused, each is said at its field with what was typed.
_TEXTS = ("outcome", "situation", "words", "reason", "amount", "why", "visited_by", "found")
