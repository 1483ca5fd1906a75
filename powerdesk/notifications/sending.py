"""The worker's step: claim the deliveries that are due, send them, record what happened.

A delivery is claimed by one ``UPDATE`` that names a fresh claim token, so two workers never send
the same one. Claimed deliveries are ``sending``; one left ``sending`` past ``SENDING_TIMEOUT`` (its
worker was killed mid-send) is due again and is sent with the same message id, which the gateway
keeps once. Temporary failures are tried again after ``BACKOFF`` (10 tries over about five hours);
permanent ones, and the last temporary one, are marked failed and shown to staff.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.notifications.models import Channel, Delivery, DeliveryState
from powerdesk.notifications.texts import render
from powerdesk.notifications.transports import (
    EmailTransport,
    Message,
    PermanentError,
    TemporaryError,
    Transport,
    TransportError,
    WebhookTransport,
    sms_transport,
)

S = DeliveryState
# Waits after the 1st, 2nd, ... failed try: 10 tries in all over about 5 hours.
BACKOFF = [dt.timedelta(minutes=m) for m in (1, 2, 5, 10, 20, 30, 60, 60, 120)]
MAX_TRIES = len(BACKOFF) + 1
# A delivery "sending" for longer than this was left by a worker that died: send it again.
SENDING_TIMEOUT = dt.timedelta(minutes=5)
BATCH = 100
THREADS = 8


@dataclass
class StepResult:
    claimed: int = 0
    sent: int = 0
    retry: int = 0
    failed: int = 0
    withdrawn: int = 0


def due_deliveries(now: dt.datetime) -> Q:
    return (
        Q(state=S.QUEUED)
        | Q(state=S.FAILED_TEMPORARY, next_try_at__lte=now)
        | Q(state=S.SENDING, claimed_at__lt=now - SENDING_TIMEOUT)
    )


def deliveries_send_due(
    *,
    now: dt.datetime | None = None,
    limit: int = BATCH,
    transport_for: Callable[[Delivery], Transport] | None = None,
) -> StepResult:
    """Claim up to ``limit`` due deliveries and send them; returns what happened (``claimed`` is
    0 when nothing was due)."""
    started = timezone.now()
    now = now or started
    token, batch = _claim(now, limit)
    result = StepResult(claimed=len(batch))
    if not batch:
        return result
    choose = transport_for or transport_of
    stale = _out_of_date(batch)
    for delivery in batch:
        if delivery.pk in stale:
            delivery.state, delivery.last_error = S.WITHDRAWN, stale[delivery.pk]
            delivery.next_try_at = None
    withdrawn = [d for d in batch if d.pk in stale]
    result.withdrawn = len(withdrawn)
    batch = [d for d in batch if d.pk not in stale]
    rendered = set()
    for delivery in batch:
        if not delivery.text:
            delivery.text = render(delivery)
            rendered.add(delivery.pk)

    def attempt(delivery: Delivery) -> TransportError | None:
        try:
            choose(delivery).send(_message(delivery))
        except TransportError as e:
            return e
        except Exception as e:  # a transport's bug must not stop the others
            return TemporaryError(f"{type(e).__name__}: {e}")
        return None

    if not batch:
        _write_back(token, withdrawn, rendered)
        return result
    if len(batch) > 1:
        with ThreadPoolExecutor(max_workers=min(THREADS, len(batch))) as pool:
            errors = list(pool.map(attempt, batch))
    else:
        errors = [attempt(batch[0])]
    done = now + (timezone.now() - started)  # the caller's clock (a test's, a benchmark's)
    for delivery, error in zip(batch, errors, strict=True):
        if error is None:
            delivery.state, delivery.sent_at, delivery.last_error = S.SENT, done, ""
            delivery.next_try_at = None
            result.sent += 1
        elif error.permanent or delivery.attempts >= MAX_TRIES:
            delivery.state, delivery.last_error = S.FAILED_PERMANENT, str(error)[:300]
            delivery.next_try_at = None
            result.failed += 1
        else:
            delivery.state, delivery.last_error = S.FAILED_TEMPORARY, str(error)[:300]
            delivery.next_try_at = done + BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
            result.retry += 1
    _write_back(token, batch + withdrawn, rendered)
    return result


def _out_of_date(batch: list[Delivery]) -> dict[int, str]:
    """Deliveries not to send after all, and why: "the power is off" or a revised estimate of
    an outage whose power is back (or that was cancelled) since the notice was raised. Checked
    here, at send time, not only when the notice was raised: steps kept on a crew's phone
    arrive together ("on site" with an estimate, "restored"), a recloser closes again a minute
    after staff recorded the outage, and "expected back 01:30" — or "the power is off" — a
    second before "power is back" tells a household something false."""
    from powerdesk.notifications.models import Event
    from powerdesk.outages.models import Outage

    while_off = (Event.OUTAGE_KNOWN, Event.ETR_MOVED)
    estimates = [d for d in batch if d.notice.event in while_off and d.notice.subject_id]
    if not estimates:
        return {}
    over = set(
        Outage.objects.filter(pk__in={d.notice.subject_id for d in estimates})
        .exclude(status=Outage.Status.ACTIVE)
        .values_list("pk", flat=True)
    )
    reason = _("Not sent: the power was back before it went out.")
    return {d.pk: reason for d in estimates if d.notice.subject_id in over}


def _write_back(token: str, batch: list[Delivery], rendered: set[int]) -> None:
    """Store the batch's outcomes in a few statements, one per outcome (a round trip per row was
    most of a step's time on PostgreSQL). Outcomes go only to rows still claimed by this step and
    still ``sending``: a receipt that came in meanwhile is not undone, and a delivery taken over
    after the sending timeout belongs to the new claim. The text sent, though, is kept on every
    row this step still claims — a gateway's receipt can come back before the send returns — and
    such a row is let go of the claim, with when it was sent."""
    claimed = Delivery.objects.filter(claim=token)
    ours = claimed.filter(state=S.SENDING)
    groups: dict[tuple[object, ...], list[int]] = {}
    for d in batch:
        groups.setdefault((d.state, d.sent_at, d.last_error, d.next_try_at), []).append(d.pk)
    with transaction.atomic():
        new_texts = [d for d in batch if d.pk in rendered]
        if new_texts:
            field = Delivery._meta.get_field("text")
            assert isinstance(field, models.Field)
            claimed.filter(pk__in=[d.pk for d in new_texts]).update(
                text=Case(
                    *[When(pk=d.pk, then=Value(d.text, output_field=field)) for d in new_texts],
                    default=F("text"),
                    output_field=field,
                )
            )
        for (state, sent_at, last_error, next_try_at), pks in groups.items():
            ours.filter(pk__in=pks).update(
                claim="",
                state=state,
                sent_at=sent_at,
                last_error=last_error,
                next_try_at=next_try_at,
            )
            if state == S.SENT:
                # Receipted before this step wrote back: it keeps the receipt's state.
                claimed.filter(pk__in=pks, sent_at__isnull=True).update(sent_at=sent_at)
        claimed.update(claim="")


def _claim(now: dt.datetime, limit: int) -> tuple[str, list[Delivery]]:
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(due_deliveries(now))
            .exclude(channel=Channel.IN_APP)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return token, []
        # The due condition again: another worker that claimed some meanwhile keeps them.
        Delivery.objects.filter(due_deliveries(now), pk__in=ids).update(
            state=S.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
        )
    return token, list(
        Delivery.objects.filter(claim=token).select_related("notice", "station").order_by("pk")
    )


def _message(delivery: Delivery) -> Message:
    payload = None
    if delivery.channel == Channel.WEBHOOK:
        notice = delivery.notice
        payload = {
            "event": notice.event,
            "key": notice.key,
            "station": delivery.station.code,
            "facts": notice.facts,
            "at": notice.created_at.isoformat(),
        }
    return Message(
        id=delivery.message_id,
        to=delivery.address,
        text=delivery.text,
        subject=delivery.text[:40],
        payload=payload,
    )


def transport_of(delivery: Delivery) -> Transport:
    if delivery.channel == Channel.SMS:
        return sms_transport()
    if delivery.channel == Channel.EMAIL:
        return EmailTransport()
    if delivery.channel == Channel.WEBHOOK:
        from powerdesk.notifications.services import settings_for

        secret = settings_for(delivery.station_id).webhook_secret
        return WebhookTransport(delivery.address, secret)
    raise PermanentError(f"no transport for channel {delivery.channel}")


def deliveries_send_all(*, now: dt.datetime | None = None, max_batches: int = 10_000) -> int:
    """Send until nothing is due now; returns how many were sent."""
    sent = 0
    for _batch in range(max_batches):
        step = deliveries_send_due(now=now)
        if not step.claimed:
            break
        sent += step.sent
    return sent


def next_due_at() -> dt.datetime | None:
    """When the next retry is due (for the service's sleep)."""
    row = (
        Delivery.objects.filter(state=S.FAILED_TEMPORARY)
        .order_by("next_try_at")
        .values_list("next_try_at", flat=True)
        .first()
    )
    return row
