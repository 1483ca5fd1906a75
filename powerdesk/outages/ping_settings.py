"""A station's meter ping setting: its AMI head-end's ping address and the meters a round
(station chiefs and admins, as for the station's webhook: ``notify.settings``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Station, User
from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.forms import FieldError, refuse_all, too_long
from powerdesk.lib.outbound import inside_address
from powerdesk.outages.models import PingSettings
from powerdesk.outages.models.pings import PING_MOST_MAX, PING_SECRET_MAX, PING_URL_MAX

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class PingSettingsError(FieldError):
    """Refused; ``field``: the ping form's field it is about ("" for the form as a whole)."""


def ping_settings_for(station: Station) -> PingSettings:
    """The station's setting (off, ten a round, until changed): not stored until saved."""
    return PingSettings.objects.filter(station=station).first() or PingSettings(station=station)


def ping_url_problem(url: str) -> str:
    """What is wrong with the (stripped) address, "" when nothing is: https, or http to this
    machine while debugging; empty turns pings off."""
    if not url:
        return ""
    said = too_long(_("Head-end ping address"), url, PING_URL_MAX)
    if said:  # refused whole, with the limit (a cut address is another one)
        return said
    parts = urlsplit(url)
    local = parts.hostname in LOCAL_HOSTS and settings.DEBUG
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        return _("The ping address must be an https:// address.")
    if parts.username or parts.password:
        return _("Give the address without a user name or password in it.")
    inside = inside_address(url, resolve=False)
    if inside is not None:
        return _(
            "%(host)s is inside the server's own networks: only the networks the server's"
            " operator allows (POWERDESK_OUTBOUND_NETWORKS) can be called."
        ) % {"host": inside}
    return ""


@transaction.atomic
def ping_settings_update(
    *,
    station: Station,
    user: User | None,
    endpoint_url: str,
    most: int | str,
    secret: str | None = None,
) -> PingSettings:
    """``secret``: None keeps the one set (the page never shows it); cleared with the address.
    Every field's problem is refused at once, each at its field (``PingSettingsError.wrong``:
    ``ping_url``, ``ping_secret``, ``ping_most``)."""
    require(user, station, Do.NOTIFY_SETTINGS)
    url = endpoint_url.strip()
    try:
        number = int(most)
    except (TypeError, ValueError):
        number = 0
    refuse_all(
        PingSettingsError,
        {
            "ping_url": ping_url_problem(url),
            # Refused whole, at its field, as the webhook's secret is (review 32, finding 20:
            # the page cut it at 1,000 characters without a word).
            "ping_secret": ""
            if secret is None
            else too_long(_("Head-end ping secret"), secret.strip(), PING_SECRET_MAX),
            "ping_most": ""
            if 1 <= number <= PING_MOST_MAX
            else _("Meters pinged a round: a whole number from 1 to %(n)d.") % {"n": PING_MOST_MAX},
        },
    )
    current, _created = PingSettings.objects.select_for_update().get_or_create(station=station)
    changes = [
        [name, before, after]
        for name, before, after in (
            ("ping_url", current.endpoint_url, url),
            ("ping_most", current.most, number),
        )
        if before != after
    ]
    new_secret = current.secret if secret is None else secret.strip()
    if not url:
        new_secret = ""
    if new_secret != current.secret:
        changes.append(["ping_secret"])  # that it changed, never the secret
    current.endpoint_url = url
    current.most = number
    current.secret = new_secret
    current.save()
    if changes:
        # Who changed what, when: in the station's notification settings' change log, beside
        # the webhook's (the page lists it under "Changes").
        from powerdesk.notifications.models import NotifySettingsChange
        from powerdesk.notifications.services import settings_for

        NotifySettingsChange.objects.create(
            settings=settings_for(station),
            at=timezone.now(),
            by=user,
            note="; ".join(
                f"{c[0]}: {c[1]} → {c[2]}" if len(c) == 3 else f"{c[0]} changed" for c in changes
            )[:300],
            changes=changes,
        )
    return current
