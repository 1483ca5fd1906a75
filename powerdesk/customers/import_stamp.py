"""What a customer import's plan reads, in a few numbers: if they are the same before the plan is
made and when the import takes the station's write lock, the plan still holds.

Every change the site makes to a customer's record writes a line of its history (an import of
customers or of the network, a phone learnt from a call), so the newest history line, with the
count and newest id of the customers and their phones, says whether a customer changed. The
villages, groups and transformers a plan matches names against are read whole: a station has at
most a few thousand of them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerHistory, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind

__all__ = ["import_stamp"]


def import_stamp(station: Station) -> tuple[Any, ...]:
    """A value that changes whenever something a customer import's plan reads changes."""
    return (
        tuple(
            Customer.objects.filter(station=station)
            .aggregate(n=Count("id"), top=Max("id"))
            .values()
        ),
        CustomerHistory.objects.filter(customer__station=station).aggregate(top=Max("id"))["top"],
        tuple(
            CustomerPhone.objects.filter(customer__station=station)
            .aggregate(n=Count("id"), top=Max("id"))
            .values()
        ),
        tuple(Village.objects.filter(station=station).order_by("pk").values_list("pk", "name")),
        tuple(
            VillageGroup.objects.filter(station=station)
            .order_by("pk")
            .values_list("pk", "village_id", "name")
        ),
        tuple(
            GridNode.objects.filter(station=station, kind=NodeKind.TRANSFORMER)
            .order_by("pk")
            .values_list("pk", "code")
        ),
    )
