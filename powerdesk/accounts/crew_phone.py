"""A crew's duty phone set by the office from the crew's page (walkthrough 34, 2): when the one
on record is the own number of someone no longer at the station, the dispatcher sets the crew's
new one at once, not only an administrator in the administration site. A number that takes
texts, and not one that belongs only to someone whose work at the station ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from powerdesk.accounts.crews import OFFICE_ROLES
from powerdesk.accounts.models import Crew
from powerdesk.accounts.permissions import Do, NotAllowed, require, roles_of
from powerdesk.accounts.tenancy import get_for_user, station_page
from powerdesk.lib.forms import InputError, too_long
from powerdesk.lib.kept import drop_kept, kept_redirect

if TYPE_CHECKING:
    from django.http import HttpResponse

    from powerdesk.accounts.models import User
    from powerdesk.accounts.tenancy import StationRequest

__all__ = ["PHONE_TYPED", "CrewPhoneError", "crew_phone_set", "crew_phone_view"]

PHONE_TYPED = "typed-crew-phone-%s"  # a number refused, kept to be drawn again at its field
PHONE_CHARS = 30  # Crew.phone


class CrewPhoneError(InputError):
    """The number cannot be the crew's duty phone: said at its field."""

    field = "phone"


def crew_phone_set(*, crew: Crew, user: User | None, phone: str) -> Crew:
    """The office sets the crew's duty phone: a mobile number that takes texts, not the own
    number of someone no longer working at the station (nobody working there has it)."""
    from powerdesk.notifications.crew_reach import ended_owner_of
    from powerdesk.notifications.services import mobile_of

    require(user, crew.station_id, Do.CREW_POSITION)
    if not (roles_of(user, crew.station_id) & OFFICE_ROLES):
        raise NotAllowed(_("Only the office sets a crew's duty phone."))
    phone = phone.strip()
    said = too_long(_("Duty phone"), phone, PHONE_CHARS)
    if said:
        raise CrewPhoneError(said)
    if not mobile_of(phone, crew.station):
        raise CrewPhoneError(
            _("Duty phone: give a mobile number that takes texts (138 1234 5678).")
        )
    trial = Crew(pk=crew.pk, station=crew.station, name=crew.name, phone=phone)
    owner = ended_owner_of(trial)
    if owner is not None:
        raise CrewPhoneError(
            _(
                "Duty phone: %(phone)s is the own number of %(person)s, who no longer works at "
                "the station: no text would reach the crew. Give the crew's number."
            )
            % {"phone": trial.phone_display, "person": owner}
        )
    crew.phone = phone
    crew.save(update_fields=["phone"])
    return crew


@station_page("accounts:crew_phone")
@require_POST
def crew_phone_view(request: StationRequest, pk: int) -> HttpResponse:
    crew = get_for_user(request, Crew.objects.select_related("station"), pk=pk)
    phone = request.POST.get("phone", "")
    try:
        crew_phone_set(crew=crew, user=request.user, phone=phone)
    except CrewPhoneError as exc:
        return kept_redirect(
            request,
            PHONE_TYPED % crew.pk,
            {"phone": phone[:60], "error": str(exc)},
            reverse("accounts:crew", kwargs={"pk": crew.pk}),
        )
    else:
        drop_kept(request, PHONE_TYPED % crew.pk)
        messages.success(
            request,
            _("The duty phone of %(crew)s is now %(phone)s.")
            % {"crew": crew.name, "phone": crew.phone_display},
        )
    return redirect("accounts:crew", pk=crew.pk)
