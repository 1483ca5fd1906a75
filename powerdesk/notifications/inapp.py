"""In-app notices: a delivery on the ``inapp`` channel is the person's notice ("Notices to you"
on the home page and their own page: ``servicedesk.Notification``), written at once in the
notice's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from powerdesk.notifications.models import Channel, Delivery, DeliveryState, Notice
from powerdesk.notifications.texts import render, render_text

if TYPE_CHECKING:
    from powerdesk.servicedesk.models import Notification


def deliver_in_app(notice: Notice) -> int:
    """Write the in-app notices of ``notice`` still queued; returns how many were new."""
    from powerdesk.servicedesk.models import Notification

    about = notice.facts.get("inapp", {})
    made = 0
    subject: tuple[Any, int | None] | None = None  # what each notice is about: asked once
    now = timezone.now()
    for delivery in notice.deliveries.filter(
        channel=Channel.IN_APP, state=DeliveryState.QUEUED, user__isnull=False
    ):
        assert delivery.user_id is not None  # the filter's
        delivery.notice = notice
        text = render(delivery)
        if subject is None:
            from powerdesk.servicedesk.notices_subject import subject_filled

            subject = subject_filled(
                {} if int(about.get("count") or 1) > 1 else about,
                (notice.subject_type_id, notice.subject_id),
                notice.station_id,
            )
        try:
            with transaction.atomic():
                Notification.objects.create(
                    station_id=notice.station_id,
                    recipient_id=delivery.user_id,
                    kind=about.get("kind", notice.event)[:20],
                    key=notice.key[:120],
                    text=text[:200],
                    work_order_id=about.get("work_order"),
                    promise_id=about.get("promise"),
                    hard_problem_id=about.get("hard_problem"),
                    call_id=about.get("call"),
                    count=max(1, int(about.get("count") or 1)),
                    subject_type=subject[0],
                    subject_id=subject[1],
                )
            made += 1
        except IntegrityError:
            pass  # this person was told of this occasion already
        delivery.state = DeliveryState.DELIVERED
        delivery.sent_at = delivery.delivered_at = now
        delivery.attempts = 1
        delivery.text = text
        delivery.save(update_fields=["state", "sent_at", "delivered_at", "attempts", "text"])
    return made


def inapp_texts(notifications: Sequence[Notification]) -> list[str]:
    """The texts of in-app notices in the language of the page showing them: rendered again
    from their notice's facts (kept as data), as the person reads the page now, not as the
    notice was first written for them; as stored where the notice is gone. Two queries."""
    keys = {n.key for n in notifications}
    notices = {
        (notice.station_id, notice.key): notice
        for notice in Notice.objects.filter(
            station_id__in={n.station_id for n in notifications}, key__in=keys
        )
    }
    templates = dict(
        Delivery.objects.filter(
            notice__in=list(notices.values()), channel=Channel.IN_APP
        ).values_list("notice_id", "template")
    )
    texts = []
    for n in notifications:
        notice = notices.get((n.station_id, n.key))
        template = templates.get(notice.pk) if notice is not None else None
        if notice is None or template is None:
            texts.append(n.text)
        else:
            texts.append(render_text(template, notice.facts, sms=False, in_app=True)[:200])
    return texts


def delivery_text_shown(delivery: Delivery) -> str:
    """A delivery's text as the list of messages sent shows it: an in-app notice in the
    language of the page, rendered again from its notice's facts as the person's own notices
    page shows it (``inapp_texts``); a text message, an email or a webhook call as it was sent,
    in its recipient's language. One not yet written is empty."""
    if delivery.channel != Channel.IN_APP or not delivery.text or not delivery.template:
        return delivery.text
    return render_text(delivery.template, delivery.notice.facts, sms=False, in_app=True)[:200]
