"""A board form sent with something wrong, drawn again to be mended: on top of the page it came
from (the board's own, or the outages page), as it was typed, with what is wrong next to the
field it is about (HTTP 400), as the other pages of the site show their forms' errors. What is
about no field of the form (the outage was restored meanwhile) is said above it.

The forms are the board's own (``_form_<action>.html``), drawn there empty."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from powerdesk.accounts.models import Crew
from powerdesk.accounts.tenancy import StationRequest, station_queryset
from powerdesk.lib.came_from import came_from
from powerdesk.lib.forms import TYPED_KEPT, FieldError, id_or_none
from powerdesk.outages.crew import outage_crew
from powerdesk.outages.models import Outage, OutageCause, PredictedOutage
from powerdesk.outages.restoration import MAX_STILL_OPEN
from powerdesk.outages.services import cause_asked_at_restore

__all__ = ["MEND_FORMS", "FormErrors", "Mend", "mend_for", "mend_page"]

# The board's forms with fields typed or chosen: what each is called, and its fields.
MEND_FORMS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "estimate": (_("Power expected back"), ("expected_restore_at", "note")),
    "restore_at": (_("Power is back"), ("cause", "how", "at", "note")),
    "restore_part": (_("Part of it has power back"), ("still_open", "at", "note")),
    "cause": (_("Cause found"), ("cause", "note")),
    "progress": (_("Repair progress"), ("note",)),
    "dispatch": (_("Dispatch"), ("crew",)),
    "reject": (_("Reject"), ("reason",)),
    "move": (_("It is another device"), ("device", "other_feeder")),
    # The chief's order of restoration (``views_priority``): an outage's or a prediction's.
    "reorder": (_("Restore at another place"), ("position", "reason")),
    # "Found here" on an outage's patrol list (``views_patrol``: its own address, the outage's).
    "found_here": (_("Found here"), ("place", "cause", "note")),
}

# What each field is called when the box above the form says what is missing or wrong
# (walk58 L4: a refused restore was titled "Power is back: <device>", as though done).
FIELD_NAMES: dict[str, Any] = {
    "expected_restore_at": _("Power expected back"),
    "note": _("Note"),
    "cause": _("Cause"),
    "how": _("How power came back"),
    "at": _("Time"),
    "still_open": _("Devices still open"),
    "crew": _("Crew"),
    "reason": _("Reason"),
    "device": _("Device"),
    "other_feeder": _("Feeder"),
    "position": _("Place on the board"),
    "place": _("Place"),
}


class FormErrors(ValueError):
    """A board form's errors by field (a Django form's ``errors``)."""

    def __init__(self, errors: Mapping[str, Iterable[Any]]) -> None:
        self.errors = {name: [str(e) for e in found] for name, found in errors.items()}
        super().__init__(" ".join(e for found in self.errors.values() for e in found))


@dataclass
class Mend:
    action: str
    title: str
    subject: str  # the outage's or the prediction's device, as the board names it
    template: str
    row: dict[str, Any]  # what the form reads of the board's row (``r``)
    typed: dict[str, Any]
    wrong: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # about no field of the form
    next: str = ""
    fields: tuple[str, ...] = ()  # the form's, in the order it shows them

    @property
    def missing(self) -> str:
        """What the box above the form names as missing or wrong: the marked fields' names,
        in the form's order ("" when none is marked)."""
        names = [str(FIELD_NAMES.get(name, name)) for name in self.fields if name in self.wrong]
        return pgettext("list separator", ", ").join(names)


def mend_for(
    request: StationRequest,
    action: str,
    exc: Exception,
    *,
    outage: int | None = None,
    prediction: int | None = None,
) -> Mend | None:
    """The form of ``action`` as ``request`` sent it, with ``exc`` at its field; None for an
    action with nothing typed (its error is said as a message) or a row no longer there.
    ``outage``, ``prediction``: the id when the form's address names it (not a field of its
    own: "found here" on a patrol list)."""
    if action not in MEND_FORMS:
        return None
    title, fields = MEND_FORMS[action]
    data = request.POST
    if (
        prediction is not None
        or action in ("reject", "move")
        or (action == "reorder" and not data.get("outage"))
    ):
        found_prediction = (
            station_queryset(request, PredictedOutage)
            .filter(pk=prediction or id_or_none(data.get("prediction")) or 0)
            .select_related("device__feeder")
            .first()
        )
        if found_prediction is None:
            return None
        row: dict[str, Any] = {
            "key": "mend",
            "prediction": {"pk": found_prediction.pk},
            "device": found_prediction.device,
        }
        subject = str(found_prediction.device or found_prediction.customer or found_prediction.code)
    else:
        record = (
            station_queryset(request, Outage)
            .filter(pk=outage or id_or_none(data.get("outage")) or 0)
            .select_related("device")
            .first()
        )
        if record is None:
            return None
        # The crew as the board names it (the dispatch form reads "send again" under it).
        row = {
            "key": "mend",
            "outage": {"pk": record.pk},
            "crew": outage_crew(record),
            "cause_known": not cause_asked_at_restore(record),  # not asked again (walk78 L5)
        }
        subject = str(record.device)
    typed: dict[str, Any] = {name: data.get(name, "")[:TYPED_KEPT] for name in fields}
    typed["still_open"] = [t[:TYPED_KEPT] for t in data.getlist("still_open")[:MAX_STILL_OPEN]]
    mend = Mend(
        action=action,
        title=str(title),
        subject=subject,
        template=f"outages/_form_{action}.html",
        row=row,
        typed=typed,
        next=came_from(request, "outages:board"),
        fields=fields,
    )
    # A service's refusal of several fields at once says each at its own (``FieldError.wrong``).
    found: Mapping[str, Iterable[Any]] = (
        exc.errors
        if isinstance(exc, FormErrors)
        else {name: [said] for name, said in exc.wrong.items()}
        if isinstance(exc, FieldError)
        else {getattr(exc, "field", ""): [str(exc)]}
    )
    for name, messages in found.items():
        if name in fields:
            mend.wrong.setdefault(name, []).extend(str(m) for m in messages)
        else:
            mend.errors.extend(str(m) for m in messages)
    return mend


def mend_page(request: StationRequest, mend: Mend) -> HttpResponse:
    """The page the form came from with ``mend`` on top (400: what was sent is not recorded)."""
    context = {
        "mend": mend,
        "crews": station_queryset(request, Crew).order_by("name"),
        "causes": OutageCause.choices,
        "mend_urls": {
            "list": reverse("outages:list"),
            "devices": reverse("outages:devices"),
            "reorder": reverse("outages:reorder"),
        },
    }
    try:
        page = resolve(mend.next.split("?")[0]).view_name
    except Resolver404:
        page = ""
    if page == "outages:board":
        from powerdesk.outages.views_board import board_context

        board = board_context(request)
        return render(
            request,
            "outages/board_page.html",
            {**board, "top": board.get("top"), **context},
            status=400,
        )
    from powerdesk.outages.views import outage_list_page

    return outage_list_page(request, extra=context, status=400)
