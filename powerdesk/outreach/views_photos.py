"""An outreach visit's photos, shown only to those who may see the visit."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.photos import photo_response
from powerdesk.outreach.models import OutreachVisit


# The same guard and lookup as the visit's own page (station staff; liaisons do not see
# visits), and a visit of another station answers 404 as it does there.
@station_page("outreach:visit_photo")
def visit_photo(request: StationRequest, pk: int, photo_pk: int) -> HttpResponse:
    visit = get_for_user(request, OutreachVisit, pk=pk)
    photo = get_object_or_404(visit.photos, pk=photo_pk)
    return photo_response(photo.image, filename=f"visit-{visit.pk}-{photo.pk}")
