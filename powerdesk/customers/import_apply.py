"""A customer import applied (``importing.customer_import``, once its plan is checked): the
villages and groups it names created, each customer stored with its phones and a line of its
history for every change, and the import's record with what its preview warned of."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.connected import connected_on_for_new
from powerdesk.customers.import_plan import FLAG_COLUMNS, CustomerImportPlan, CustomerPlan
from powerdesk.customers.models import (
    Customer,
    CustomerHistory,
    CustomerPhone,
    customer_history_rows,
)
from powerdesk.network.import_runs import import_run_record
from powerdesk.network.models import GridNode, ImportRun, NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["import_apply"]


def import_apply(station: Station, plan: CustomerImportPlan, user: User | None) -> ImportRun:
    villages = {v.name: v for v in Village.objects.filter(station=station)}
    groups = {
        (g.village.name, g.name): g
        for g in VillageGroup.objects.filter(station=station).select_related("village")
    }
    for name in plan.new_villages:
        villages[name] = Village.objects.create(station=station, name=name)
    for village_name, group_name in plan.new_groups:
        groups[(village_name, group_name)] = VillageGroup.objects.create(
            station=station, village=villages[village_name], name=group_name
        )
    transformers = {
        t.code: t for t in GridNode.objects.filter(station=station, kind=NodeKind.TRANSFORMER)
    }
    accounts = [p.account_number for p in plan.changed]
    existing = {
        c.account_number: c
        for c in Customer.objects.filter(station=station, account_number__in=accounts)
        .select_related("village")
        .order_by()
    }
    now = timezone.now()
    source = f"import {plan.file_name}"[:250]
    # From when a new customer counts in the reliability figures (``connected_on_for_new``).
    connected_on = connected_on_for_new(station)
    stored: list[tuple[CustomerPlan, Customer]] = []
    fields: set[str] = set()
    for item in plan.new + plan.changed:
        customer = existing.get(item.account_number) or Customer(
            station=station, account_number=item.account_number, connected_on=connected_on
        )
        for change in item.changes:
            if change.field == "phones":
                continue
            fields.add(change.field)
            if change.field == "village":
                customer.village = villages[change.new]
            elif change.field == "group":
                village_name = customer.village.name if customer.village else ""
                customer.group = groups[(village_name, change.new)] if change.new else None
            elif change.field == "transformer":
                customer.transformer = transformers[change.new]
            elif change.field in FLAG_COLUMNS.values():
                setattr(customer, change.field, change.new == "1")
            else:
                setattr(customer, change.field, change.new)
        stored.append((item, customer))
    # Written in batches, not one statement a customer: the write lock is held while they are
    # (a file of 20,000 new customers took 9 s one by one).
    Customer.objects.bulk_create([c for i, c in stored if i.is_new], batch_size=1000)
    if fields and plan.changed:
        Customer.objects.bulk_update(
            [c for i, c in stored if not i.is_new], sorted(fields), batch_size=500
        )
    history: list[CustomerHistory] = []
    phones: list[CustomerPhone] = []
    for item, customer in stored:
        phones += [
            CustomerPhone(customer=customer, number=c.new)
            for c in item.changes
            if c.field == "phones"
        ]
        entries = [("", "", customer.name)] if item.is_new else []
        entries += [(c.field, c.old, c.new) for c in item.changes if not item.is_new]
        history += customer_history_rows(customer, entries, at=now, by=user, source=source)
    CustomerPhone.objects.bulk_create(phones, batch_size=1000)
    CustomerHistory.objects.bulk_create(history, batch_size=1000)
    # The arrears cases of those whose medical-need flag changed: their stored block follows
    # (the arrears list's filter, the chief's approvals).
    from powerdesk.arrears.blocks import blocks_followed

    blocks_followed(
        customer.pk
        for item, customer in stored
        if not item.is_new and any(c.field == "medical_need" for c in item.changes)
    )
    return import_run_record(
        station,
        ImportRun.Kind.CUSTOMERS,
        file_name=plan.file_name,
        user=user,
        created=len(plan.new),
        updated=len(plan.changed),
        unchanged=plan.unchanged,
        warnings=[w.stored for w in plan.warnings],
    )
