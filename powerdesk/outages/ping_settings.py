"""A station's meter ping setting: its AMI head-end's ping address and the meters a round
(station chiefs and admins, as for the station's webhook: ``notify.settings``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station, User
from powerdesk.accounts.permissions import Do, require
from powerdesk.outages.models import PingSettings
from powerdesk.outages.models.pings import PING_MOST_MAX, PING_URL_MAX

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class PingSettingsError(ValueError):
    pass


def ping_settings_for(station: Station) -> PingSettings:
    """The station's setting (off, ten a round, until changed): not stored until saved."""
    return PingSettings.objects.filter(station=station).first() or PingSettings(station=station)


def ping_url_check(url: str) -> str:
    """The address, checked: https, or http to this machine while debugging; empty turns off."""
    url = url.strip()
    if not url:
        return ""
    if len(url) > PING_URL_MAX:
        raise PingSettingsError(
            _("The ping address is longer than %(n)d characters.") % {"n": PING_URL_MAX}
        )
    parts = urlsplit(url)
    local = parts.hostname in LOCAL_HOSTS and settings.DEBUG
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise PingSettingsError(_("The ping address must be an https:// address."))
    return url


@transaction.atomic
def ping_settings_update(
    *, station: Station, user: User | None, endpoint_url: str, most: int | str
) -> PingSettings:
    require(user, station, Do.NOTIFY_SETTINGS)
    url = ping_url_check(endpoint_url)
    try:
        number = int(most)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= PING_MOST_MAX:
        raise PingSettingsError(
            _("Meters pinged a round: a whole number from 1 to %(n)d.") % {"n": PING_MOST_MAX}
        )
    current, _created = PingSettings.objects.select_for_update().get_or_create(station=station)
    current.endpoint_url = url
    current.most = number
    current.save()
    return current
