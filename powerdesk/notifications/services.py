"""The one way anything is told to anyone: ``notice_raise``; and the station's settings of who
is told of what (staff's steps on the deliveries: ``retries``).

Every app raises its notices here, inside its own transaction; the deliveries are sent by the
worker after the transaction commits (``tasks.send_soon``). A notice's key names its event, so a
second raise of the same event makes nothing; a delivery is unique per notice, channel and
address, so a phone shared by several households gets one message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.forms import too_long
from powerdesk.lib.outbound import inside_address
from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.notifications.models import (
    Audience,
    Channel,
    Delivery,
    Event,
    Notice,
    NotifySettings,
    NotifySettingsChange,
)

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

A = Audience

# Who is told of what when the station has not said otherwise.
DEFAULT_RULES: dict[str, list[str]] = {
    Event.OUTAGE_KNOWN: [A.HOUSEHOLDS, A.LIAISONS, A.WEBHOOK],
    Event.ETR_MOVED: [A.HOUSEHOLDS, A.LIAISONS, A.WEBHOOK],
    Event.POWER_BACK: [A.HOUSEHOLDS, A.LIAISONS, A.WEBHOOK],
    Event.PLANNED_ANNOUNCED: [A.HOUSEHOLDS, A.LIAISONS, A.WEBHOOK],
    Event.PLANNED_TOMORROW: [A.HOUSEHOLDS, A.LIAISONS],
    Event.CREW_DISPATCHED: [A.CREW],
    Event.ESCALATION: [A.CHIEF, A.OWNER],
    Event.ARREARS_NOTICE: [A.CUSTOMER],
    Event.CALLBACK_DUE: [A.OFFICE],
}
# The audiences each event can have (the settings page offers these).
EVENT_AUDIENCES: dict[str, list[str]] = {
    Event.OUTAGE_KNOWN: [A.HOUSEHOLDS, A.LIAISONS, A.CHIEF, A.OFFICE, A.WEBHOOK],
    Event.ETR_MOVED: [A.HOUSEHOLDS, A.LIAISONS, A.CHIEF, A.OFFICE, A.WEBHOOK],
    Event.POWER_BACK: [A.HOUSEHOLDS, A.LIAISONS, A.CHIEF, A.OFFICE, A.WEBHOOK],
    Event.PLANNED_ANNOUNCED: [A.HOUSEHOLDS, A.LIAISONS, A.CHIEF, A.WEBHOOK],
    Event.PLANNED_TOMORROW: [A.HOUSEHOLDS, A.LIAISONS, A.CHIEF],
    Event.CREW_DISPATCHED: [A.CREW, A.WEBHOOK],
    Event.ESCALATION: [A.CHIEF, A.OWNER, A.WEBHOOK],
    Event.ARREARS_NOTICE: [A.CUSTOMER],
    Event.CALLBACK_DUE: [A.OFFICE, A.CHIEF],
}
# Mainland mobile numbers: the only phones a text message reaches.
_MOBILE = re.compile(r"^\+861[3-9]\d{9}$")


class NotifyError(ValueError):
    pass


@dataclass
class Recipient:
    channel: str
    address: str
    template: str
    language: str = ""
    who: dict[str, Any] = field(default_factory=dict)  # customer=, liaison=, crew=, user=


def is_mobile(e164: str) -> bool:
    return bool(_MOBILE.match(e164))


def mobile_of(raw: str, station: Station) -> str:
    """The E.164 form of a mobile number, or "" for a landline or something unreadable."""
    try:
        e164 = normalize_phone(raw, area_code=station.area_code)
    except InvalidPhoneNumber:
        return ""
    return e164 if is_mobile(e164) else ""


def notice_raise(
    *,
    station: Station,
    event: str,
    key: str,
    recipients: list[Recipient],
    facts: dict[str, Any] | None = None,
    subject: Model | None = None,
    extend: bool = False,
) -> Notice | None:
    """Make the notice of ``key`` with a delivery for each recipient; None if it was made
    already (the event was told), unless ``extend``: then recipients not yet told of it are
    added. Deliveries go out after the caller's transaction commits."""
    with transaction.atomic():
        earlier = Notice.objects.filter(station=station, key=key[:150]).first()
        if earlier is not None:
            if extend:
                deliveries_add(notice=earlier, recipients=recipients)
                return earlier
            return None
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    station=station,
                    event=event,
                    key=key[:150],
                    facts=_with_station(station, facts or {}),
                    subject_type=ContentType.objects.get_for_model(subject) if subject else None,
                    subject_id=subject.pk if subject else None,
                )
        except IntegrityError:
            return None  # raised at the same moment by another transaction
        deliveries_add(notice=notice, recipients=recipients)
    return notice


def deliveries_add(*, notice: Notice, recipients: list[Recipient]) -> int:
    """Add deliveries to a notice (one per channel and address: ``recipients_unique``). In-app
    ones are delivered at once: they are rows, not messages."""
    rows = []
    for r in recipients_unique(recipients):
        rows.append(
            Delivery(
                station_id=notice.station_id,
                notice=notice,
                channel=r.channel,
                address=r.address[:200],
                template=r.template,
                language=r.language or settings.LANGUAGE_CODE,
                **r.who,
            )
        )
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    inapp = [r for r in rows if r.channel == Channel.IN_APP]
    if inapp:
        from powerdesk.notifications.inapp import deliver_in_app

        deliver_in_app(notice)
    if len(rows) > len(inapp):
        from powerdesk.notifications.tasks import send_soon

        send_soon()
    return len(rows)


def recipients_unique(recipients: list[Recipient]) -> list[Recipient]:
    """The recipients a notice sends to: one per channel and address, the first named for an
    address winning, none without an address. What an ask says will be sent is counted from
    this, as ``deliveries_add`` sends it, so the two cannot disagree."""
    seen: set[tuple[str, str]] = set()
    found = []
    for r in recipients:
        if not r.address or (r.channel, r.address) in seen:
            continue
        seen.add((r.channel, r.address))
        found.append(r)
    return found


def _with_station(station: Station, facts: dict[str, Any]) -> dict[str, Any]:
    return {"station": station.name, "phone": station.phone, **facts}


# -- the station's settings --------------------------------------------------------------------
def settings_for(station: Station | int) -> NotifySettings:
    station_id = station if isinstance(station, int) else station.pk
    found, _created = NotifySettings.objects.get_or_create(station_id=station_id)
    return found


def audiences(station: Station | int, event: str) -> set[str]:
    """Who is told of ``event`` at the station: its own choice, or the default."""
    rules = settings_for(station).rules
    chosen = rules.get(event)
    return set(DEFAULT_RULES.get(event, []) if chosen is None else chosen)


WEBHOOK_URL_CHARS = 200  # NotifySettings.webhook_url (a URLField: 200)
WEBHOOK_SECRET_CHARS = 100  # NotifySettings.webhook_secret


@transaction.atomic
def notify_settings_update(
    *,
    station: Station,
    user: User | None,
    rules: dict[str, list[str]],
    webhook_url: str,
    webhook_secret: str,
    email_staff: bool,
    sms_staff: bool,
) -> NotifySettings:
    require(user, station, Do.NOTIFY_SETTINGS)
    for event, chosen in rules.items():
        allowed = EVENT_AUDIENCES.get(event)
        if allowed is None or not set(chosen) <= set(allowed):
            raise NotifyError(_("Unknown event or audience: %(event)s") % {"event": event[:40]})
    webhook_url = webhook_url.strip()
    for label, text, limit in (
        (_("Webhook address"), webhook_url, WEBHOOK_URL_CHARS),
        (_("Webhook secret"), webhook_secret.strip(), WEBHOOK_SECRET_CHARS),
    ):
        refused = too_long(label, text, limit)
        if refused:
            raise NotifyError(refused)  # refused, never cut (a cut address is another one)
    if webhook_url:
        parts = urlsplit(webhook_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NotifyError(
                _("The webhook address must be an http:// or https:// address, e.g. %(e)s.")
                % {"e": "https://example.com/powerdesk"}
            )
        if parts.username or parts.password:
            raise NotifyError(_("Give the address without a user name or password in it."))
    if webhook_url and not webhook_secret:
        raise NotifyError(_("A webhook needs a secret to sign its messages with."))
    inside = inside_address(webhook_url, resolve=False) if webhook_url else None
    if inside is not None:
        raise NotifyError(
            _(
                "%(host)s is inside the server's own networks: only the networks the server's"
                " operator allows (POWERDESK_OUTBOUND_NETWORKS) can be called."
            )
            % {"host": inside}
        )
    current = NotifySettings.objects.select_for_update().get(pk=settings_for(station).pk)
    changes: list[list[Any]] = []
    for event in EVENT_AUDIENCES:
        before = sorted(audiences(station, event))
        after = sorted(rules.get(event, []))
        if before != after:
            changes.append([str(event), before, after])
    for name, value in (
        ("webhook_url", webhook_url),
        ("email_staff", email_staff),
        ("sms_staff", sms_staff),
    ):
        if getattr(current, name) != value:
            changes.append([name, getattr(current, name), value])
    if current.webhook_secret != webhook_secret:
        changes.append(["webhook_secret"])  # the secret itself is not written in the history
    current.rules = {event: sorted(rules.get(event, [])) for event in EVENT_AUDIENCES}
    current.webhook_url = webhook_url
    current.webhook_secret = webhook_secret
    current.email_staff = email_staff
    current.sms_staff = sms_staff
    current.updated_by = user
    current.save()
    if changes:
        NotifySettingsChange.objects.create(
            settings=current,
            at=timezone.now(),
            by=user,
            note="; ".join(_coded(c) for c in changes)[:300],
            changes=changes,
        )
    return current


def _coded(change: list[Any]) -> str:
    if len(change) == 1:
        return str(change[0])
    name, before, after = change
    if isinstance(before, list):
        return f"{name}: {','.join(before) or '-'} → {','.join(after) or '-'}"
    return f"{name}: {before} → {after}"
