"""The village liaison's own page (``/village/``): the village's outages, current and planned,
what the liaison reported and whether it was taken up; reports of a fault or of the power back,
each sent once, and a report made urgent said with the advice to keep people safe."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from powerdesk.accounts.tenancy import StationRequest, station_page
from powerdesk.community.forms import LiaisonReportForm, PowerBackForm
from powerdesk.community.models import Village
from powerdesk.lib.forms import id_or_none
from powerdesk.lib.kept import keep, kept_address, kept_dict
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.idempotency import form_submit_once, form_token_new
from powerdesk.servicedesk.models import FormSubmission, WorkOrder


@station_page("web:liaison")
def liaison_home(request: StationRequest) -> HttpResponse:
    """A village liaison's page: the outages that reach their villages, and what they reported
    themselves; nothing of other households' business."""
    from powerdesk.community.liaison import (
        LiaisonError,
        PowerBackAlready,
        liaison_power_back,
        liaison_villages,
    )
    from powerdesk.community.liaison_back import restored_said

    villages = list(liaison_villages(request.user, request.station).prefetch_related("groups"))
    if request.method == "POST" and villages:
        chosen = request.POST.get("village", "")
        # A page from before the village field was sent names no village: with one, it is that.
        village = next((v for v in villages if str(v.pk) == chosen), None)
        if village is None and not chosen and len(villages) == 1:
            village = villages[0]
        try:
            if village is None:
                raise LiaisonError(_("Choose one of your villages."))
            if request.POST.get("action") != "power_back":
                form = _report_form(request, village, request.POST)
                submission = _report_once(request, form)
                if submission is None:
                    # Shown again as typed, what is wrong at its field, on this village's form.
                    return _liaison_page(request, villages, mending=form, status=400)
                messages.success(request, _("Reported: the station has it."))
                page = reverse("web:liaison")
                token = _urgent_said(request, submission, form.cleaned_data["text"])
                return redirect(kept_address(page, token) if token else page)
            outage_id = id_or_none(request.POST.get("outage"))
            outage = (
                Outage.objects.for_station(request.station).filter(pk=outage_id).first()
                if outage_id
                else None
            )
            if outage is None:
                raise LiaisonError(_("That outage does not reach your village."))
            restored = restored_said(village, outage)
            if restored:
                # A page left open after the station restored it (walk56, M4): nothing to do.
                messages.info(request, restored)
                return redirect("web:liaison")
            back = _power_back_form(village, outage, request.POST)
            if not back.is_valid():
                from powerdesk.community.liaison import village_outages

                if outage not in village_outages(village):
                    # No card of this outage to show the error at (a stale or forged page):
                    # said above the page instead (walk56, M4: a 400 with no word).
                    errors = [str(e) for e in back.errors.get("group", [])] or [
                        _("That outage does not reach your village.")
                    ]
                    messages.error(request, " ".join(errors))
                    return _liaison_page(request, villages, status=400)
                # Shown again, what is wrong at the group, on this outage's form.
                return _liaison_page(request, villages, mending_back=back, status=400)
            event = liaison_power_back(
                user=request.user,
                village=village,
                outage=outage,
                group=back.chosen(),
                # Ticked on the card of an outage inside a wider one still off (walk44, 2).
                above_checked=request.POST.get("above") == "1",
            )
            # Received; the outage stays open until the station confirms power is back (a
            # liaison read "the station knows" above "39 households still off" as not heard).
            said = (
                _(
                    "Received: you said power is back, while the outage above is still recorded "
                    "as off. The station will check it."
                )
                if event.note_code == "outage_back_in_under"
                else _(
                    "Received: you said power is back. The outage stays open until the station "
                    "confirms power is back."
                )
            )
            messages.success(request, said)
        except PowerBackAlready as exc:
            messages.info(request, str(exc))  # restored meanwhile: said as above
        except LiaisonError as exc:
            messages.error(request, str(exc))
        return redirect("web:liaison")
    return _liaison_page(request, villages)


def _report_form(
    request: StationRequest, village: Village, data: QueryDict | None = None
) -> LiaisonReportForm:
    groups = sorted(village.groups.all(), key=lambda g: g.name)
    area_code = request.station.area_code
    return LiaisonReportForm(data, village=village, groups=groups, area_code=area_code)


def _power_back_form(
    village: Village, outage: Outage, data: QueryDict | None = None
) -> PowerBackForm:
    from powerdesk.community.liaison import outage_groups

    return PowerBackForm(data, village=village, outage=outage, under=outage_groups(outage, village))


def _liaison_page(
    request: StationRequest,
    villages: list[Village],
    *,
    mending: LiaisonReportForm | None = None,
    mending_back: PowerBackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; ``mending``: a village's report form as it was sent, with what is wrong;
    ``mending_back``: an outage's "power is back" form likewise."""
    from powerdesk.community.liaison import (
        liaison_reports,
        outage_groups,
        village_outages,
        village_suspected,
    )
    from powerdesk.community.liaison_back import (
        held_by_wider,
        power_back_offer,
        village_back,
        within_wider,
    )

    groups = {
        v.pk: v.groups.annotate(households=Count("customers")).order_by("name") for v in villages
    }
    contacts = {
        v.pk: list(v.liaisons.filter(active=True).select_related("group").order_by("group__name"))
        for v in villages
    }
    from powerdesk.community.selectors import customers_by_device, village_restored_outages
    from powerdesk.notifications.estimates_told import back_as_told
    from powerdesk.servicedesk.tell_caller import outage_latest

    # Each village's customers by device, read once for its current and restored outages.
    below = {v.pk: customers_by_device(v) for v in villages}
    found = {v.pk: list(village_outages(v, below=below[v.pk])) for v in villages}
    for v in villages:
        # Restored lately: said with its time, not dropped without a word (walk78 L6).
        v.restored = village_restored_outages(v, below=below[v.pk])  # type: ignore[attr-defined]
    # When power is back, as the villagers were texted (the board's and the texts' time)...
    back = back_as_told({o.pk: o for os in found.values() for o in os}.values())
    # ... unless the time said now (the crew's, else the model's) is another: that time, with
    # what the households were texted and when the new one goes out, as the board says it
    # (walkthrough 37, #5: "预计复电 12:55" above "最新情况：……预计 12:00 左右恢复供电").
    told_apart = _told_apart([o for os in found.values() for o in os], back)
    # Staff's words leave the station here: as every text says them (``outages.outward``).
    from powerdesk.outages.outward import outward_text
    from powerdesk.public.redaction import Redactor

    redactor = Redactor(request.station)
    outages = {}
    for v in villages:
        # How much of the village has power back after the dispatcher's steps, and what the
        # liaison said themselves (their button gives way once they said it).
        parts = village_back(v, found[v.pk], user=request.user)
        # An outage inside a wider one: said within it, its households counted with it once.
        inside = within_wider(found[v.pk])
        # ... and said to be back when the later of the two is, that one named (walk46, 3: a
        # 台区's 07:19 under its fuse's 08:18 could not be true).
        held = held_by_wider(found[v.pk], back, inside)
        rows = []
        for o in found[v.pk]:
            under = outage_groups(o, v)
            part = parts.get(o.pk)
            mended = mending_back is not None and (mending_back.village, mending_back.outage) == (
                v,
                o,
            )
            form = mending_back if mended else PowerBackForm(village=v, outage=o, under=under)
            # The repair's newest real state (the crew, since when, the progress note), as
            # the clerk tells callers: staff's words alone may be old (walkthrough 36, #4).
            fault = o.status == Outage.Status.ACTIVE and o.kind != Outage.Kind.PLANNED
            by = held.get(o.pk)
            latest = ""
            if fault:
                latest = outage_latest(
                    o, held_by=by.by if by else None, held_at=by.at if by else None
                )
            offer = power_back_offer(under, part)
            told, later = told_apart.get(o.pk, (None, False))
            wider = inside.get(o.pk)
            # What the liaison said of it, said under it also when it is counted with the wider
            # one: there, as a report the station checks (walk44, 2).
            said = part.reported if part is not None and wider is not None else []
            part = None if wider is not None else part
            at = by.at if by is not None else back.get(o.pk)
            latest = outward_text(request.station, latest, redactor=redactor)
            notice = outward_text(request.station, o.notice, redactor=redactor)
            rows.append(
                (o, under, at, part, offer, form, latest, told, later, wider, said, by, notice)
            )
        outages[v.pk] = rows
    suspected = village_suspected(request.station, villages) if villages else {}
    forms = {v.pk: _report_form(request, v) for v in villages}
    if mending is not None:
        forms[mending.village.pk] = mending
    return render(
        request,
        "web/liaison_home.html",
        {
            "villages": [
                (v, groups[v.pk], outages[v.pk], suspected[v.pk], contacts[v.pk], forms[v.pk])
                for v in villages
            ],
            "reports": liaison_reports(request.user, request.station),
            # Kept for the address it is drawn for (``lib.kept``): a double tap's first
            # answer, whose drawing the browser drops, does not use it up.
            "urgent_said": kept_dict(request, LIAISON_URGENT_KEY) or None,
            "form_token": form_token_new(),
        },
        status=status,
    )


def _told_apart(outages: list[Outage], back: dict[int, Any]) -> dict[int, tuple[Any, bool]]:
    """For each fault outage with the power off whose households were texted another time than
    the one said now (the staff's or crew's, else the model's): ``back`` set to the time now,
    and what was texted (``Told``) with whether the new time is texted too (the board's
    ``told_apart`` and ``told_texted_later``)."""
    from powerdesk.notifications.estimates_told import model_estimates, told_restorations
    from powerdesk.notifications.restoration import restoration_of

    active = [o for o in outages if o.kind == o.Kind.UNPLANNED and o.status == Outage.Status.ACTIVE]
    found: dict[int, tuple[Any, bool]] = {}
    texted = told_restorations(active)
    by_pk = {o.pk: o for o in active}
    # The model's estimates of them all at once, not one an outage (review37, 9).
    etrs = model_estimates(by_pk[pk] for pk in texted)
    for pk, told in texted.items():
        outage = by_pk[pk]
        now = restoration_of(outage, etr=etrs.get(pk))
        if now is None or not told.differs(now.at):
            continue
        back[pk] = now.at
        found[pk] = (told, told.texted_later(now.at))
    return found


# A report made urgent, said on the next drawing of the page with the advice to keep people
# safe (``_urgent_said``).
LIAISON_URGENT_KEY = "liaison-urgent"


def _urgent_said(request: StationRequest, submission: FormSubmission, text: str) -> str:
    """When the report was made urgent (a danger to life, a medical need at home: the rules of
    every call), the page says so with the advice the clerk reads to a caller for what it names
    (``servicedesk.safety``; walkthrough 34, finding 7: it said only "the station has it").
    The token of the page's address that says it ("": not urgent)."""
    from powerdesk.servicedesk.safety import safety_advice
    from powerdesk.servicedesk.understanding.suggest import suggestion_for

    order, call = submission.work_order, submission.call
    if not ((order is not None and order.urgent) or (call is not None and call.urgent)):
        return ""
    advice = safety_advice(suggestion_for(text.strip()[:2000]))
    return keep(
        request,
        LIAISON_URGENT_KEY,
        {
            "number": order.number if order is not None else "",
            "advice": [[str(a.label), str(a.for_liaison)] for a in advice],
        },
    )


def _report_once(request: StationRequest, form: LiaisonReportForm) -> FormSubmission | None:
    """Store the report typed, once however often the page sends it (a double tap, a retry on a
    weak signal): the page carries a one-time token. None: not stored, what is wrong is in
    ``form``."""
    from powerdesk.community.liaison import LiaisonError, liaison_report
    from powerdesk.servicedesk.models import Call

    token = request.POST.get("form_token", "")
    if not form.is_valid():
        return None
    if not token or len(token) > 64:
        form.add_error(None, _("This page was out of date: please report again."))
        return None
    data = form.cleaned_data
    village = form.village
    group = village.groups.filter(pk=data["group"]).first() if data["group"] else None

    def report() -> tuple[Call | None, WorkOrder | None]:
        made = liaison_report(
            user=request.user,
            village=village,
            group=group,
            text=data["text"],
            villager_name=data["villager_name"],
            villager_phone=data["villager_phone"],
        )
        return (made, None) if isinstance(made, Call) else (None, made)

    try:
        submission, _first = form_submit_once(
            station=request.station,
            user=request.user,
            token=token,
            kind=FormSubmission.Kind.LIAISON_REPORT,
            work=report,
        )
    except LiaisonError as exc:
        form.add_error(None, str(exc))
        return None
    return submission
