"""The counter's rating kiosk: a tablet at the counter that staff start once (its key kept as a
hash), where each customer served taps a face; ratings taken one customer at a time, no two
closer than the thanks screen stays up, at most an hour's worth. The figures made of them are
``satisfaction``'s."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import Do, require
from powerdesk.lib.forms import FieldError, refuse_all
from powerdesk.servicedesk.models import CounterKiosk, CounterRating

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Station, User


# A kiosk takes one rating at a time: a second tap within this many seconds is the same
# customer (a double tap, or someone playing with the tablet) and is not counted.
KIOSK_MIN_INTERVAL = dt.timedelta(seconds=15)
# Whatever faces were tapped, a kiosk takes no two ratings closer than this: the thanks screen
# stays up this long, so the next customer never meets faces that would refuse them, and one
# person cannot rate again and again from the faces the thanks screen goes back to (review 32,
# finding 9: every ~5 s).
KIOSK_FLOOR = dt.timedelta(seconds=8)
_SEEN_SALT = "powerdesk.servicedesk.kiosk-seen"
# No counter serves more than this many customers an hour; beyond it the ratings are noise.
KIOSK_HOURLY_CAP = 60
KIOSK_COOKIE = "powerdesk_kiosk"


class RatingError(FieldError):
    """Refused; ``field``: the form's field it is about ("" for the form as a whole), and
    ``wrong`` every field refused at once (a kiosk's ``name``, ``service``, ``served_by``; a
    rating's ``score``): each said at its field, as every other service's refusals are."""


class RatingThrottled(RatingError):
    """The kiosk has just taken a rating, or as many as an hour can hold."""


def kiosk_start(
    *, station: Station, user: User, name: str, service: str, served_by: User | None
) -> tuple[CounterKiosk, str]:
    """A new kiosk for the station; the clear key is returned once (for the device's cookie)
    and only its hash is stored."""
    require(user, station, Do.COUNTER_KIOSK)
    name = name.strip()
    refuse_all(RatingError, kiosk_problems(station, name, service, served_by))
    key = secrets.token_urlsafe(32)
    kiosk = CounterKiosk.objects.create(
        station=station,
        name=name,
        key_hash=_hash(key),
        service=service,
        served_by=served_by,
        started_by=user,
        started_at=timezone.now(),
    )
    return kiosk, key


def kiosk_problems(
    station: Station, name: str, service: str, served_by: User | None
) -> dict[str, str]:
    """What is wrong with a new kiosk, by field ("" where nothing is): every one said at once."""
    most = CounterKiosk._meta.get_field("name").max_length or 0
    if not name:
        named = _("Give the kiosk a name, such as the counter it stands at.")
    elif len(name) > most:
        # Refused whole, never stored cut (the page's limit is the browser's only).
        named = _("Kiosk name: at most %(most)d characters; %(n)d were typed.") % {
            "most": most,
            "n": len(name),
        }
    else:
        named = ""
    return {"name": named, **_setup_problems(station, service, served_by)}


def kiosk_set(
    *, kiosk: CounterKiosk, user: User | None, service: str, served_by: User | None
) -> CounterKiosk:
    """What the next customer at this kiosk rates: the service just given and by whom."""
    require(user, kiosk.station_id, Do.COUNTER_KIOSK)
    _check_setup(kiosk.station, service, served_by)
    kiosk.service = service
    kiosk.served_by = served_by
    kiosk.save(update_fields=["service", "served_by"])
    return kiosk


def kiosk_retire(*, kiosk: CounterKiosk, user: User | None) -> CounterKiosk:
    """The device's key stops working (a tablet lost, replaced or moved)."""
    require(user, kiosk.station_id, Do.COUNTER_KIOSK)
    if kiosk.retired_at is None:
        kiosk.retired_at = timezone.now()
        kiosk.save(update_fields=["retired_at"])
    return kiosk


def kiosk_from_key(key: str) -> CounterKiosk | None:
    if not key:
        return None
    return (
        CounterKiosk.objects.select_related("station")
        .filter(key_hash=_hash(key), retired_at__isnull=True)
        .first()
    )


@transaction.atomic
def counter_rate(
    *,
    kiosk: CounterKiosk,
    score: int,
    now: dt.datetime | None = None,
    seen: str = "",
) -> CounterRating:
    """One customer's rating at a kiosk, of the service and clerk the kiosk is set to.

    ``seen``: the signed token of the kiosk's last rating when the tapped faces were shown
    (``kiosk_last_seen``). A tap within ``KIOSK_MIN_INTERVAL`` of the last rating is the same
    customer's second tap when it comes from faces shown before that rating; from faces shown
    after it (the thanks screen gone back to the faces) it is the next customer's, and is
    counted (walkthrough 31, finding 15) once ``KIOSK_FLOOR`` has passed. A token that is not
    the server's own for this kiosk counts as none (review 32, finding 9)."""
    if not 1 <= score <= 5:
        raise RatingError(_("The score must be 1 to 5."), field="score")
    now = now or timezone.now()
    # The kiosk's row is the lock: two taps at once are taken one after the other.
    kiosk = CounterKiosk.objects.select_for_update().get(pk=kiosk.pk)
    if kiosk.retired_at is not None:
        raise RatingError(_("This kiosk has been retired."))
    recent = kiosk.ratings.filter(at__gt=now - dt.timedelta(hours=1))
    last = recent.order_by("-at", "-pk").values_list("pk", "at").first()
    if last is not None and (
        now - last[1] < KIOSK_FLOOR
        or (now - last[1] < KIOSK_MIN_INTERVAL and _seen_rating(kiosk, seen) != last[0])
    ):
        # Said as it is (walk50, 5): this tap is not counted, whoever made it — the customer
        # who changed their mind, or the next one at a busy counter.
        raise RatingThrottled(
            _(
                "A rating was recorded here just now, so this tap was not counted. If you have"
                " not rated yet, please tap again when the faces come back."
            )
        )
    if recent.count() >= KIOSK_HOURLY_CAP:
        raise RatingThrottled(
            _("This kiosk has taken as many ratings as an hour can hold. Please try later.")
        )
    return CounterRating.objects.create(
        station_id=kiosk.station_id,
        at=now,
        score=score,
        service=kiosk.service,
        served_by=kiosk.served_by,
        kiosk=kiosk,
    )


def kiosk_last_seen(kiosk: CounterKiosk) -> str:
    """The kiosk's last rating as the faces are shown, signed (``counter_rate``'s ``seen``):
    the page is open to anyone at the tablet, so the number alone could be set by hand."""
    last = kiosk.ratings.order_by("-at", "-pk").values_list("pk", flat=True).first()
    return signing.dumps([kiosk.pk, last], salt=_SEEN_SALT)


def _seen_rating(kiosk: CounterKiosk, seen: str) -> int | None:
    """The rating a ``kiosk_last_seen`` token names; None for no token, a forged or altered
    one, or one of another kiosk."""
    if not seen:
        return None
    try:
        kiosk_pk, last = signing.loads(seen, salt=_SEEN_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return last if kiosk_pk == kiosk.pk and isinstance(last, int) else None


# Who a kiosk rates: the station's counter staff and its chief (who serves at the counter too).
KIOSK_CLERK_ROLES = (Role.COUNTER, Role.CHIEF)


def kiosk_clerks(station: Station | int) -> QuerySet[User]:
    from powerdesk.accounts.models import User

    return (
        User.objects.filter(
            is_active=True,
            memberships__station=station,
            memberships__role__in=KIOSK_CLERK_ROLES,
        )
        .distinct()
        .order_by("full_name")
    )


def _check_setup(station: Station, service: str, served_by: User | None) -> None:
    refuse_all(RatingError, _setup_problems(station, service, served_by))


def _setup_problems(station: Station, service: str, served_by: User | None) -> dict[str, str]:
    found = {"service": "", "served_by": ""}
    if service not in CounterRating.Service.values:
        found["service"] = _("Choose the service that was given.")
    if served_by is not None and not kiosk_clerks(station).filter(pk=served_by.pk).exists():
        found["served_by"] = _(
            "%(person)s is not counter staff at this station: choose who served."
        ) % {"person": served_by}
    return found


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
