"""Logging calls: the caller found from their number, the note understood; returning missed
calls; the open orders a new call is probably about."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.customers.selectors import customers_by_phone
from powerdesk.lib.phones import InvalidPhoneNumber, format_phone, normalize_phone
from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import (
    OPEN_STATUSES,
    Call,
    Category,
    CategoryCorrection,
    WorkOrder,
)
from powerdesk.servicedesk.models.calls import urgent_codes_of
from powerdesk.servicedesk.services import WorkOrderError
from powerdesk.servicedesk.understanding.categories import OTHER
from powerdesk.servicedesk.understanding.suggest import suggestion_for
from powerdesk.servicedesk.understanding.urgency import is_urgent

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from powerdesk.accounts.models import Station, User
    from powerdesk.community.models import Liaison, Village, VillageGroup
    from powerdesk.customers.models import Customer


# No savepoint of its own inside a transaction: its one caller, ``idempotency.call_log_once``,
# opens one around it (to take a repeated call id back), and each savepoint is a round trip.
@transaction.atomic(savepoint=False)
def call_log(
    *,
    station: Station,
    user: User | None,
    caller_number: str = "",
    text: str = "",
    category: str = "",
    urgent: bool | None = None,
    customer: Customer | None = None,
    status: str = Call.Status.ANSWERED,
    cti_call_id: str = "",
    received_at: dt.datetime | None = None,
    liaison: Liaison | None = None,
) -> Call:
    """Record a call; the caller is found from their number, the note is understood.
    ``liaison``: the village liaison the clerk said is calling from a number a household has
    too (intake's choice): the call is theirs, no household's.

    The number is stored as staff write it (``format_phone``: "188 7049 5863" however it was
    typed or sent), so that one caller's calls read alike; one that is no telephone number is
    kept as given."""
    e164 = ""
    caller_number = caller_number.strip()
    if caller_number:
        try:
            e164 = normalize_phone(caller_number, area_code=station.area_code)
        except InvalidPhoneNumber:
            e164 = ""
    if customer is None and e164 and liaison is None:
        matches = list(customers_by_phone(station=station, raw=caller_number)[:2])
        customer = matches[0] if len(matches) == 1 else None
    if liaison is None:
        # Not a household's number but a village liaison's own: the call is theirs (walk74, M1).
        from powerdesk.community.liaison_calls import liaison_by_phone

        liaison = liaison_by_phone(station, caller_number) if e164 and customer is None else None
    call = Call(
        station=station,
        received_at=received_at or timezone.now(),
        caller_number=format_phone(e164) if e164 else caller_number,
        caller_e164=e164,
        cti_call_id=cti_call_id,
        status=status,
        customer=customer,
        liaison=liaison,
        text=text,
        taken_by=user if status == Call.Status.ANSWERED else None,
    )
    if text.strip():
        suggestion = suggestion_for(text)
        call.suggested_category = suggestion.category
        # None: nothing was suggested (no model loaded yet; the clerk chose).
        call.suggestion_confidence = None if suggestion.by_hand else suggestion.confidence
        # A test call or a wrong number ("other") gets no category unless staff give one.
        call.category = category or (suggestion.category if suggestion.category != OTHER else "")
        # A danger to life or a medical need the note names, or a hazard call, is urgent by
        # rule; not a calm look-alike the model is very sure of (``Suggestion.calmed``: thanks
        # for a line mended, a question about lines in general), unless taken for a hazard call.
        by_rule = (
            call.category == Category.HAZARD
            if suggestion.calmed
            else is_urgent(text, call.category)
        )
        if urgent is not None:
            # The clerk's word, within the rules: urgent by rule stays urgent whatever the box
            # said.
            call.urgent = urgent or by_rule
        elif call.category == suggestion.category:
            call.urgent = suggestion.urgent
        else:
            call.urgent = by_rule
    else:
        call.category = category
        call.urgent = bool(urgent) or call.category == Category.HAZARD
    # Why, as the rules read the note today: kept with the call (review38, 15).
    call.urgent_codes = urgent_codes_of(text) if call.urgent else []
    call.save()
    # A category chosen where none was suggested (no model loaded yet) corrects nothing.
    if (
        text.strip()
        and call.category
        and call.suggested_category
        and call.category != call.suggested_category
    ):
        CategoryCorrection.objects.create(
            station=station,
            call=call,
            text=text,
            suggested=call.suggested_category,
            category=call.category,
            created_by=user,
        )
    return call


@transaction.atomic
def call_mark_called_back(*, call: Call, user: User, note: str = "") -> Call:
    """A missed or abandoned call has been returned."""
    from powerdesk.accounts.permissions import Do, require
    from powerdesk.lib.form_text import text_typed
    from powerdesk.servicedesk.forms import INTAKE_TEXT_MAX

    require(user, call.station_id, Do.CALL_RETURN)
    if call.called_back_at is not None:
        raise WorkOrderError(_("This call has already been returned."))
    # Bounded as the call's own note is, and read as typed text is (``form_text``, fix58a).
    note, said = text_typed(_("Note"), note, INTAKE_TEXT_MAX)
    if said:
        raise WorkOrderError(said)
    call.called_back_at = timezone.now()
    call.called_back_by = user
    if note:
        call.text = (call.text + "\n" if call.text else "") + note
    call.save(update_fields=["called_back_at", "called_back_by", "text"])
    return call


def likely_duplicates(
    *,
    station: Station,
    customer: Customer | None = None,
    village: Village | None = None,
    group: VillageGroup | None = None,
    category: str = "",
) -> list[WorkOrder]:
    """Open orders the new call is probably about: the caller's own, and the faults and
    dangers of their transformer area or group (a neighbour's complaint, bill or request is
    their own business: never offered, never shown to another caller)."""
    open_orders = WorkOrder.objects.filter(station=station, status__in=OPEN_STATUSES)
    shared = category in (Category.FAULT_REPAIR, Category.HAZARD, "")
    found: list[WorkOrder] = []
    if customer is not None:
        found += list(open_orders.filter(customer=customer)[:5])
        if customer.transformer_id and shared:
            found += list(area_faults(open_orders, customer)[:5])
        group = group or customer.group
    if group is not None and shared:
        found += list(
            open_orders.filter(group=group, category__in=[Category.FAULT_REPAIR, Category.HAZARD])[
                :5
            ]
        )
    unique: dict[int, WorkOrder] = {}
    for order in found:
        unique.setdefault(order.pk, order)
    return list(unique.values())[:8]


def area_faults(orders: QuerySet[WorkOrder], customer: Customer) -> QuerySet[WorkOrder]:
    """The faults and dangers among ``orders`` of the customer's neighbours on their transformer
    area: what one caller may hear of the others' calls."""
    return orders.filter(
        customer__transformer_id=customer.transformer_id,
        category__in=[Category.FAULT_REPAIR, Category.HAZARD],
    ).exclude(customer=customer)


@transaction.atomic
def call_link_customer(
    *, call: Call, customer: Customer, user: User, add_phone: bool = False
) -> Call:
    """A call from a number the station did not know is linked to its customer.

    The call's work order (if it has none) gets the customer too, and with ``add_phone`` the
    number is added to the customer's phones (in their history), so their next call finds them.
    """
    from powerdesk.accounts.permissions import Do, require
    from powerdesk.customers.models import CALL_SOURCE, CustomerHistory, CustomerPhone
    from powerdesk.servicedesk.services import work_order_note

    require(user, call.station_id, Do.CALL_TAKE)
    if customer.station_id != call.station_id:
        raise WorkOrderError(_("That customer belongs to another station."))
    if call.customer_id == customer.pk:
        raise WorkOrderError(_("The call is already linked to this customer."))
    call.customer = customer
    call.village_id = call.village_id or customer.village_id
    call.group_id = call.group_id or customer.group_id
    call.save(update_fields=["customer", "village", "group"])
    order = call.work_order
    if order is not None and order.customer_id is None:
        order.customer = customer
        order.village_id = order.village_id or customer.village_id
        order.group_id = order.group_id or customer.group_id
        order.save(update_fields=["customer", "village", "group"])
        said = note_said("caller_identified", name=customer.name, account=customer.account_number)
        work_order_note(work_order=order, note="", user=user, said=said)
    if add_phone and call.caller_e164:
        _phone, created = CustomerPhone.objects.get_or_create(
            customer=customer, number=call.caller_e164
        )
        if created:
            # The call's time as data, said in the reader's language when shown.
            source = f"{CALL_SOURCE}{timezone.localtime(call.received_at):%Y-%m-%d %H:%M}"
            CustomerHistory.objects.create(
                customer=customer,
                at=timezone.now(),
                by=user,
                source=source,
                field="phones",
                new_value=call.caller_number[:300],
            )
    return call
