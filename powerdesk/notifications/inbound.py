"""Two-way SMS: what villagers text in (delivery receipts are in ``receipts``).

A villager's message is taken once by the gateway's id. "1"/"2" answer the question asked after
a restore ("电来了吗？"); "查询" asks for the state of their area; an account number with the
last four digits of a phone on that account (the public page's proof) identifies an unknown
number for a day — an account number alone identifies no one, since bills and neighbours show
it; anything else is a call (``call_take``, the one way in), which the classifier sorts: a
fault reaches the outage engine as a ``call`` signal like a telephone call. Each message is
answered by text, signed like the station's other texts. A number that sends more than
``RATE_LIMIT`` messages an hour is not answered and logs no more calls until the hour has
passed; one that gives ``ACCOUNT_TRIES`` wrong pairs in a day is told to call. What a report
and a question about the area are answered with is in ``inbound_answers``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from powerdesk.lib.phones import InvalidPhoneNumber, normalize_phone
from powerdesk.lib.user_text import InvisibleOnly, typed
from powerdesk.notifications.inbound_answers import area_state, report_taken
from powerdesk.notifications.models import (
    Channel,
    Event,
    InboundSms,
    SmsQuestion,
)
from powerdesk.notifications.power_back_answers import question_answer
from powerdesk.notifications.services import Recipient, notice_raise
from powerdesk.notifications.texts import render_text

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.customers.models import Customer

Intent = InboundSms.Intent
RATE_LIMIT = 10  # messages a number may send in an hour
QUESTION_OPEN = dt.timedelta(days=3)  # "1" or "2" answers a question asked this recently
ACCOUNT_KEPT = dt.timedelta(days=1)  # a proved account identifies the number this long
ACCOUNT_TRIES = 5  # wrong account-and-digits pairs a number may send in ACCOUNT_KEPT
MAX_TEXT = 1000
# A gateway keeps a message it could not pass on for a while (a phone's SMS is kept up to three
# days by the network); one older than this is no news to act on, or one kept and sent again.
LATE_AFTER = dt.timedelta(days=3)
_ACCOUNT = re.compile(r"^\d{6,30}$")
# The account number, then the last four digits of a phone on it, apart: "5325000001 5678".
_ACCOUNT_PAIR = re.compile(r"^(\d{6,30})\s*[\s,，、;；:：+#*/-]\s*(\d{4})$")
_QUERY = re.compile(r"^(查询|查|状态|cx)$", re.I)


class InboundError(ValueError):
    pass


@dataclass(frozen=True)
class Taken:
    message: InboundSms
    duplicate: bool
    reply: str


# -- villagers' messages ----------------------------------------------------------------------
def inbound_take(
    *,
    station: Station,
    message_id: str,
    from_number: str,
    text: str,
    received_at: dt.datetime | None = None,
) -> Taken:
    """Take one message (once per id) and answer it; see the module's docstring."""
    text = text.strip()
    if len(text) > MAX_TEXT:  # bounded before anything else reads it
        raise InboundError(
            _("%(field)s must be at most %(count)d characters.")
            % {"field": "text", "count": MAX_TEXT}
        )
    try:
        # Bidirectional controls taken out, nothing unseen at its ends (as staff's text, fix58a).
        text = typed(text)
    except InvisibleOnly:
        raise InboundError(
            _("%(field)s holds only invisible characters (such as a zero-width space).")
            % {"field": "text"}
        ) from None
    if not text:
        raise InboundError(_("%(field)s must be a non-empty string.") % {"field": "text"})
    try:
        e164 = normalize_phone(from_number, area_code=station.area_code)
    except InvalidPhoneNumber:
        raise InboundError(
            _("%(field)s is not a phone number: %(value)s.")
            % {"field": "from", "value": from_number[:40]}
        ) from None
    earlier = InboundSms.objects.filter(station=station, message_id=message_id).first()
    if earlier is not None:
        return Taken(earlier, True, _reply_of(earlier))
    received_at = _received(received_at)
    try:
        with transaction.atomic():
            return _take(station, message_id, from_number, e164, text, received_at)
    except IntegrityError:
        # The same id at the same moment: the other request took it.
        earlier = InboundSms.objects.get(station=station, message_id=message_id)
        return Taken(earlier, True, _reply_of(earlier))


def _received(at: dt.datetime | None) -> dt.datetime | None:
    """The gateway's time of the message, within the station's clock: one ahead of it is taken
    as now (a gateway's clock set wrong must not put a call's deadlines years ahead, never
    late); one more than ``LATE_AFTER`` ago is refused (it would date a call, or the answer
    "power is back", days back)."""
    if at is None:
        return None
    now = timezone.now()
    if at > now:
        return now
    if at < now - LATE_AFTER:
        raise InboundError(
            _("%(field)s is more than %(days)d days ago (%(when)s).")
            % {
                "field": "received_at",
                "days": LATE_AFTER.days,
                "when": timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
            }
        )
    return at


def _reply_of(message: InboundSms) -> str:
    """The answer as it is sent: signed like every text of the station."""
    if message.reply is None:
        return ""
    with translation.override(message.reply.language or "zh-hans"):
        return render_text("sms_reply", message.reply.notice.facts)


def _take(
    station: Station,
    message_id: str,
    from_number: str,
    e164: str,
    text: str,
    received_at: dt.datetime | None,
) -> Taken:
    now = timezone.now()
    message = InboundSms.objects.create(
        station=station,
        message_id=message_id,
        from_number=from_number[:40],
        from_e164=e164,
        text=text,
        received_at=received_at or now,
        intent=Intent.OTHER,
    )
    recent = InboundSms.objects.filter(
        station=station, from_e164=e164, taken_at__gte=now - dt.timedelta(hours=1)
    ).count()
    if recent > RATE_LIMIT:
        message.intent = Intent.LIMITED
        message.save(update_fields=["intent"])
        return Taken(message, False, "")
    message.customer = _customer_of(station, e164, now)
    with translation.override("zh-hans"):
        reply = _answer(station, message, text, now)
    message.save()
    if reply:
        notice = notice_raise(
            station=station,
            event=Event.SMS_REPLY,
            key=f"sms_reply:{message.pk}",
            recipients=[
                Recipient(
                    Channel.SMS,
                    e164,
                    "sms_reply",
                    who={"customer_id": message.customer_id} if message.customer_id else {},
                )
            ],
            facts={"text": reply},
            subject=message,
        )
        if notice is not None:
            message.reply = notice.deliveries.first()
            message.save(update_fields=["reply"])
    return Taken(message, False, _reply_of(message))


def _customer_of(station: Station, e164: str, now: dt.datetime) -> Customer | None:
    from powerdesk.customers.models import Customer

    found = list(Customer.objects.for_station(station).filter(phones__number=e164).distinct()[:2])
    if len(found) == 1:
        return found[0]
    # A number not on file (or shared by several households) that gave its account number.
    given = (
        InboundSms.objects.filter(
            station=station,
            from_e164=e164,
            intent=Intent.ACCOUNT,
            customer__isnull=False,
            taken_at__gte=now - ACCOUNT_KEPT,
        )
        .select_related("customer")
        .first()
    )
    return given.customer if given else None


def _answer(station: Station, message: InboundSms, text: str, now: dt.datetime) -> str:
    plain = text.translate(str.maketrans("１２０３４５６７８９", "1203456789")).strip(" 。.!！")
    question = (
        SmsQuestion.objects.filter(
            station=station,
            number=message.from_e164,
            answered_at=None,
            asked_at__gte=now - QUESTION_OPEN,
        )
        .select_related("outage", "customer")
        .first()
    )
    if plain in ("1", "2") and question is not None:
        return question_answer(message=message, question=question, answer=plain, now=now)
    if _QUERY.match(plain):
        message.intent = Intent.QUERY
        if message.customer is None:
            return _ask_account(station)
        return area_state(message.customer)
    pair = _ACCOUNT_PAIR.match(plain)
    if pair:
        return _account_given(station, message, pair[1], pair[2], now)
    if _ACCOUNT.match(plain):
        message.intent = Intent.ACCOUNT
        if message.customer is not None and message.customer.account_number == plain:
            return area_state(message.customer)  # a number on file naming its own account
        return _ask_pair()
    if message.customer is None:
        message.intent = Intent.UNKNOWN_NUMBER
        return _ask_account(station)
    return report_taken(station, message, text)


def _ask_account(station: Station) -> str:
    return _(
        "We cannot find your number. Reply with your account number (on your bill) and the "
        "last 4 digits of a phone on that account, e.g. 5325000001 5678."
    )


def _ask_pair() -> str:
    return _(
        "An account number alone is not enough. Reply with it and the last 4 digits of a "
        "phone on that account, e.g. 5325000001 5678."
    )


def _account_given(
    station: Station, message: InboundSms, account: str, last4: str, now: dt.datetime
) -> str:
    """An account number and a phone's last four digits: the household, if the pair is one."""
    from powerdesk.public.area import area_find

    message.intent = Intent.ACCOUNT
    wrong = InboundSms.objects.filter(
        station=station,
        from_e164=message.from_e164,
        intent=Intent.ACCOUNT,
        customer=None,
        taken_at__gte=now - ACCOUNT_KEPT,
    ).exclude(pk=message.pk)
    if wrong.count() >= ACCOUNT_TRIES:
        # Four digits are not guessed one text at a time.
        return _("Too many tries. Please call the station.")
    customer = area_find(station=station, account_number=account, phone_last4=last4)
    if customer is None:
        return _(
            "No household matches account %(account)s with a phone ending %(last4)s. Check "
            "your bill and reply with both again."
        ) % {"account": account, "last4": last4}
    message.customer = customer
    # The report this number sent before giving its account number is taken now.
    pending = (
        InboundSms.objects.filter(
            station=station,
            from_e164=message.from_e164,
            intent=Intent.UNKNOWN_NUMBER,
            call=None,
            taken_at__gte=now - ACCOUNT_KEPT,
        )
        .order_by("-taken_at")
        .first()
    )
    if pending is not None:
        pending.customer = customer
        answer = report_taken(station, pending, pending.text)
        pending.save(update_fields=["customer", "intent", "call"])
        return answer
    return area_state(customer)
