"""A work order's photos, shown only to those who may see the order."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from powerdesk.accounts.tenancy import StationRequest, get_for_user, station_page
from powerdesk.lib.photos import photo_response
from powerdesk.servicedesk.models import WorkOrder


# The same guard and lookup as the order's own page: whoever may open the order may see its
# photos, and an order of another station answers 404 as it does there.
@station_page("servicedesk:work_order_photo")
def work_order_photo(request: StationRequest, pk: int, photo_pk: int) -> HttpResponse:
    order = get_for_user(request, WorkOrder, pk=pk)
    photo = get_object_or_404(order.photos, pk=photo_pk)
    return photo_response(photo.image, filename=f"{order.number}-{photo.pk}")
