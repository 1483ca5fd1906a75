"""Demo: about 8,000 households with phones, care flags and smart meters, in transformer areas."""

from __future__ import annotations

import random

from powerdesk.community.models import Liaison, Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone, CustomerType
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.names import landline_number, mobile_number, person_name
from powerdesk.lib.phones import normalize_phone
from powerdesk.network.models import GridNode

HOUSEHOLDS = 8000
# Share of households whose meter can report power-off events; mountain villages lose many.
SMART_METER_SHARE = 0.6
INSTITUTIONS = {
    "村委会": CustomerType.IMPORTANT,
    "小学": CustomerType.SCHOOL,
    "卫生室": CustomerType.CLINIC,
}
# Drinking-water pump stations (人饮泵站), in the village group whose transformer area feeds them;
# the first is on the 哔叭 branch of the story.
WATER_PUMPS = [
    ("左门", "哔叭"),
    ("地索", "箐口"),
    ("三角", "河边"),
    ("梅子箐", "岩头"),
    ("大坝", "塘坝"),
]


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None and ctx.other_station is not None
    rng = ctx.rng_for("customers")
    places: list[tuple[GridNode, Village, VillageGroup]] = ctx.made["transformers"]
    weights = [(t.capacity_kva or 100) for t, _, _ in places]
    total_weight = sum(weights)
    counts = [max(6, round(HOUSEHOLDS * w / total_weight)) for w in weights]
    customers: list[Customer] = []
    phones: list[list[str]] = []
    sequence = 0

    def add(station_code: str, customer: Customer, numbers: list[str]) -> None:
        customers.append(customer)
        phones.append(numbers)

    institutions_done: set[int] = set()
    for (transformer, village, group), count in zip(places, counts, strict=True):
        for house in range(count):
            sequence += 1
            customer = Customer(
                station=ctx.station,
                account_number=f"5325{sequence:07d}",
                name=person_name(rng),
                address=f"姚安县光禄镇{village.name}村委会{group.name}村{house + 1}号",
                village=village,
                group=group,
                transformer=transformer,
                elderly_alone=rng.random() < 0.06,
                hardship=rng.random() < 0.04,
                medical_need=rng.random() < 0.015,
                has_smart_meter=rng.random() < SMART_METER_SHARE,
            )
            add("gl", customer, _phones_for(rng))
        if village.pk not in institutions_done:
            institutions_done.add(village.pk)
            for kind, customer_type in INSTITUTIONS.items():
                sequence += 1
                add(
                    "gl",
                    _institution(
                        ctx,
                        sequence,
                        (transformer, village, group),
                        f"{village.name}{kind}",
                        f"姚安县光禄镇{village.name}村委会",
                        customer_type,
                        medical_need=kind == "卫生室",
                    ),
                    [landline_number(rng)],
                )
    for transformer, village, group in ctx.made["other_transformers"]:
        for house in range(30):
            sequence += 1
            add(
                "dc",
                Customer(
                    station=ctx.other_station,
                    account_number=f"5326{sequence:07d}",
                    name=person_name(rng),
                    address=f"姚安县栋川镇{village.name}{group.name}{house + 1}号",
                    village=village,
                    group=group,
                    transformer=transformer,
                    has_smart_meter=rng.random() < 0.9,
                ),
                _phones_for(rng),
            )
    # Last, with a generator of their own, so the households and their draws stay as they were.
    pump_rng = ctx.rng_for("water_pumps")
    for village_name, group_name in WATER_PUMPS:
        place = next(
            ((t, v, g) for t, v, g in places if v.name == village_name and g.name == group_name),
            None,
        )
        if place is None:
            continue
        _transformer, village, group = place
        sequence += 1
        add(
            "gl",
            _institution(
                ctx,
                sequence,
                place,
                f"{village.name}{group.name}人饮泵站",
                f"姚安县光禄镇{village.name}村委会{group.name}村",
                CustomerType.WATER_PUMP,
            ),
            [mobile_number(pump_rng)],
        )
    Customer.objects.bulk_create(customers, batch_size=1000)
    rows = [
        CustomerPhone(customer=c, number=normalize_phone(n, area_code="0878"))
        for c, numbers in zip(customers, phones, strict=True)
        for n in dict.fromkeys(numbers)
    ]
    CustomerPhone.objects.bulk_create(rows, batch_size=2000)
    _leader_at_home(ctx)
    # The pumps are left out: the later builders' draws among the households stay as they were.
    ctx.made["customers"] = [
        c
        for c in customers
        if c.station_id == ctx.station.pk and c.customer_type != CustomerType.WATER_PUMP
    ]


def _institution(
    ctx: DemoContext,
    sequence: int,
    place: tuple[GridNode, Village, VillageGroup],
    name: str,
    address: str,
    customer_type: str,
    *,
    medical_need: bool = False,
) -> Customer:
    """One of the station's institutions (a village committee, a school, a clinic, a water
    pump station) in its transformer area ``place``: important, with a smart meter."""
    transformer, village, group = place
    return Customer(
        station=ctx.station,
        account_number=f"5325{sequence:07d}",
        name=name,
        address=address,
        village=village,
        group=group,
        transformer=transformer,
        important=True,
        medical_need=medical_need,
        has_smart_meter=True,
        customer_type=customer_type,
    )


def _leader_at_home(ctx: DemoContext) -> None:
    """The first group leader's own number (villages, then groups, by name) is also on a
    household of their group: a liaison is a villager too, and intake names both, the clerk
    choosing who is calling (liaison76)."""
    assert ctx.station is not None
    leader = (
        Liaison.objects.filter(station=ctx.station, active=True, role=Liaison.Role.GROUP_LEADER)
        .order_by("village__name", "group__name", "pk")
        .first()
    )
    household = (
        Customer.objects.filter(station=ctx.station, group_id=leader.group_id)
        .order_by("pk")
        .first()
        if leader is not None
        else None
    )
    if leader is not None and household is not None:
        CustomerPhone.objects.create(customer=household, number=normalize_phone(leader.phone))


def _phones_for(rng: random.Random) -> list[str]:
    numbers = []
    if rng.random() < 0.88:
        numbers.append(mobile_number(rng))
    if rng.random() < 0.2 or not numbers:
        numbers.append(landline_number(rng))
    if rng.random() < 0.1:
        numbers.append(mobile_number(rng))
    return numbers
