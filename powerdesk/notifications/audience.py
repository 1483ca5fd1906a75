"""Who is told: the addresses of each audience (``models.Audience``), in the order they are sent.

Village liaisons and group leaders come first, and among them and the households, those of
villages and groups without road access: they learn last otherwise, and crews reach them last.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from powerdesk.accounts.models import Membership, Role
from powerdesk.notifications.models import Channel
from powerdesk.notifications.services import Recipient, is_mobile, mobile_of, settings_for

if TYPE_CHECKING:
    from powerdesk.accounts.models import Crew, Station
    from powerdesk.customers.models import Customer
    from powerdesk.network.models import GridNode


def households_below(
    device: GridNode, template: str, *, ask: set[int] | None = None, ask_template: str = ""
) -> list[Recipient]:
    """Every mobile phone of the households supplied through ``device`` (one message a phone;
    those of ``ask`` customers get ``ask_template``, and come first)."""
    from powerdesk.customers.models import CustomerPhone
    from powerdesk.outages.joined import customers_below

    ask = ask or set()
    rows = CustomerPhone.objects.filter(customer__in=customers_below(device)).values_list(
        "number",
        "customer_id",
        "customer__village__no_road_access",
        "customer__group__no_road_access",
    )
    ordered = sorted(
        rows,
        key=lambda r: (r[1] not in ask, not (r[2] or r[3]), r[1], r[0]),
    )
    return [
        Recipient(
            Channel.SMS,
            number,
            ask_template if customer_id in ask else template,
            who={"customer_id": customer_id},
        )
        for number, customer_id, _v, _g in ordered
        if is_mobile(number)
    ]


def villages_below(
    device: GridNode, *, leaving: frozenset[int] = frozenset()
) -> tuple[list[int], list[int]]:
    """The villages and groups of the households below ``device`` (but those ``leaving``)."""
    from powerdesk.outages.joined import customers_below

    below = customers_below(device)
    if leaving:
        rows = below.values_list("pk", "village_id", "group_id")
        pairs = {(v, g) for pk, v, g in rows if pk not in leaving}
    else:
        pairs = set(below.values_list("village_id", "group_id"))
    return sorted({v for v, _g in pairs if v}), sorted({g for _v, g in pairs if g})


def villages_of(customer_ids: Iterable[int]) -> tuple[list[int], list[int]]:
    """The villages and groups of the households ``customer_ids``."""
    from powerdesk.customers.models import Customer

    pairs = set(
        Customer.objects.filter(pk__in=list(customer_ids)).values_list("village_id", "group_id")
    )
    return sorted({v for v, _g in pairs if v}), sorted({g for _v, g in pairs if g})


def place_names(device: GridNode) -> list[str]:
    """Where the households below ``device`` live, as a text names it (``places_of``)."""
    from powerdesk.outages.joined import customers_below

    return places_of(customers_below(device))


def place_names_of(customer_ids: Iterable[int]) -> list[str]:
    """Where the households ``customer_ids`` live, as a text names it (``places_of``)."""
    from powerdesk.customers.models import Customer

    return places_of(Customer.objects.filter(pk__in=list(customer_ids)))


def places_of(customers: QuerySet[Customer]) -> list[str]:
    """The places of ``customers``, as the texts and the planned outages list name them, those
    without road access first: a village (左门) where every group of it with households is among
    them, or where some have no group (where in the village is not known), else each of its
    groups among them (左门·哔叭). A text naming the whole village for one group's outage sends
    the village's other groups, by a liaison or a forwarded message, the word that their power
    will be off."""
    from powerdesk.community.models import Village, VillageGroup
    from powerdesk.customers.models import Customer

    pairs = set(customers.values_list("village_id", "group_id"))
    villages = {v for v, _g in pairs if v}
    if not villages:
        return []
    whole = {v for v, g in pairs if v and g is None}
    touched: dict[int, set[int]] = {}
    for v, g in pairs:
        if v and g is not None:
            touched.setdefault(v, set()).add(g)
    peopled: dict[int, set[int]] = {}
    for v, g in (
        Customer.objects.filter(village_id__in=set(touched) - whole, group__isnull=False)
        .values_list("village_id", "group_id")
        .distinct()
    ):
        peopled.setdefault(v, set()).add(g)
    whole |= {v for v, groups in touched.items() if groups >= peopled.get(v, set())}
    names = {
        v.pk: v for v in Village.objects.filter(pk__in=villages).only("name", "no_road_access")
    }
    found = [(not names[v].no_road_access, names[v].name, "") for v in whole if v in names]
    parts = {g: names[v] for v, groups in touched.items() if v not in whole for g in groups}
    for group in VillageGroup.objects.filter(pk__in=parts).only("name", "no_road_access"):
        village = parts[group.pk]
        found.append(
            (not (village.no_road_access or group.no_road_access), village.name, group.name)
        )
    return [f"{village}·{group}" if group else village for _far, village, group in sorted(found)]


def liaisons_of(
    station: Station, village_ids: Iterable[int], group_ids: Iterable[int]
) -> list[Recipient]:
    """The committee liaisons of the villages and the leaders of the groups reached."""
    from powerdesk.community.liaison_outages import liaisons_reached

    # The outages page lists the same liaisons to tell (one rule: walk74, M2).
    liaisons = liaisons_reached(station.pk, village_ids, group_ids).select_related(
        "village", "group"
    )
    ordered = sorted(
        liaisons,
        key=lambda li: (
            not (li.village.no_road_access or (li.group is not None and li.group.no_road_access)),
            li.village.name,
            li.pk,
        ),
    )
    found = []
    for liaison in ordered:
        number = mobile_of(liaison.phone, station)
        if number:
            found.append(Recipient(Channel.SMS, number, "", who={"liaison_id": liaison.pk}))
    return found


def crew_phone(crew: Crew) -> list[Recipient]:
    """The crew's duty phone, or its leader's mobile when it has none. Never a duty phone that
    is only the own number of someone whose work at the station ended (``crew_reach``): no
    text then, and the dispatcher is told why (``crew_reach.crew_not_texted``)."""
    from powerdesk.notifications.crew_reach import ended_owner_of

    number = mobile_of(crew.phone, crew.station)
    if number and ended_owner_of(crew) is not None:
        return []
    if not number and crew.leader is not None:
        number = mobile_of(crew.leader.phone, crew.station)
    return [Recipient(Channel.SMS, number, "", who={"crew_id": crew.pk})] if number else []


def chiefs(station: Station | int) -> list[int]:
    return _members(station, [Role.CHIEF])


def office(station: Station | int) -> list[int]:
    return _members(station, [Role.COUNTER, Role.DISPATCHER])


def _members(station: Station | int, roles: list[str]) -> list[int]:
    return sorted(
        set(
            Membership.objects.filter(station=station, role__in=roles).values_list(
                "user_id", flat=True
            )
        )
    )


def staff(station: Station, user_ids: Iterable[int | None], template: str) -> list[Recipient]:
    """In PowerDesk for each person; by text message and email too when the station says so.
    Only people who work at the station: one whose work there ended (``staff.end``) is told
    nothing more of it — the promise they made, the order they once owned (review 33, finding
    1)."""
    from powerdesk.accounts.models import Membership, User

    conf = settings_for(station)
    working = Membership.objects.filter(station=station).values("user_id")
    users: list[User] = list(
        User.objects.filter(pk__in=[u for u in user_ids if u]).filter(pk__in=working).order_by("pk")
    )
    found = []
    for user in users:
        found.append(Recipient(Channel.IN_APP, str(user.pk), template, who={"user_id": user.pk}))
        number = mobile_of(user.phone, station) if conf.sms_staff else ""
        if number:
            found.append(Recipient(Channel.SMS, number, template, who={"user_id": user.pk}))
        if conf.email_staff and user.email:
            found.append(Recipient(Channel.EMAIL, user.email, template, who={"user_id": user.pk}))
    return found


def webhook(station: Station, template: str) -> list[Recipient]:
    conf = settings_for(station)
    if not conf.webhook_url:
        return []
    return [Recipient(Channel.WEBHOOK, conf.webhook_url, template)]


def with_template(recipients: list[Recipient], template: str) -> list[Recipient]:
    for r in recipients:
        r.template = r.template or template
    return recipients
