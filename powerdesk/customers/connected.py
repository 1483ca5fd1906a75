"""From when a customer new to the register counts in the reliability figures
(``Customer.connected_on``), for every way one is added: the customer file, the network file.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from powerdesk.accounts.models import Station


def connected_on_for_new(station: Station) -> dt.date | None:
    """Today once the station has an outage on record: a period whose figures were already
    made keeps its customers when more are added. None — counted in every period — while it
    has none: the register being loaded, in one file or several, customer file or network file
    first, is the customers the station has served for years, and last year's figures would
    otherwise have none."""
    outage = apps.get_model("outages", "Outage")
    return timezone.localdate() if outage.objects.filter(station=station).exists() else None
