"""Demo: two years of outreach visits, the hotline cards they handed out, a few visits to come.

About two visits a month, more before the rainy season (safe use, how to report faults) and at
the start of the year (tariffs). Cards reach most households; remote groups lag behind, as they
do in life, so the coverage table has gaps worth a visit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from powerdesk.community.models import Liaison, LiaisonActivity
from powerdesk.customers.models import Customer
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import TZ
from powerdesk.outreach.models import HotlineCard, OutreachVisit, OutreachVisitEvent, Topic

SEASON_TOPICS = {
    1: [Topic.TARIFFS, Topic.SAFE_USE],
    2: [Topic.TARIFFS, Topic.SENSIBLE_USE],
    3: [Topic.CLEARANCE, Topic.ANTI_THEFT],
    4: [Topic.SAFE_USE, Topic.REPORTING, Topic.CLEARANCE],
    5: [Topic.SAFE_USE, Topic.REPORTING],
    6: [Topic.SAFE_USE, Topic.REPORTING],
    7: [Topic.SAFE_USE],
    8: [Topic.SENSIBLE_USE, Topic.ANTI_THEFT],
    9: [Topic.SAFE_USE, Topic.TARIFFS],
    10: [Topic.SENSIBLE_USE],
    11: [Topic.ANTI_THEFT, Topic.CLEARANCE],
    12: [Topic.TARIFFS, Topic.SAFE_USE],
}
# Printed materials handed out, as staff write them ("安全用电手册 60 份"). The hotline cards
# (便民服务卡) are not drawn here: a visit's are the households recorded as given one at it, and
# its materials name as many ("便民服务卡 38 份"), as the visit's page shows both.
MATERIALS = ["安全用电手册", "电费缴纳指南", "节约用电宣传单", "防雷小常识挂图"]
CARD = "便民服务卡"


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None
    rng = ctx.rng_for("outreach")
    station = ctx.station
    users = ctx.made["users"]
    staff_pool = [users[u] for u in ("gl_chief", "gl_counter", "gl_duty", "gl_crew1", "gl_crew4")]
    villages = list(ctx.made["villages"].values())
    groups = ctx.made["groups"]
    households: dict[int, list[int]] = defaultdict(list)  # group pk → customer pks
    for pk, group_id in Customer.objects.filter(station=station).values_list("pk", "group_id"):
        if group_id:
            households[group_id].append(pk)
    remote_groups = {g.pk for gs in groups.values() for g in gs if g.is_remote}
    leaders = defaultdict(list)
    for liaison in Liaison.objects.filter(station=station):
        leaders[liaison.village_id].append(liaison)

    has_card: set[int] = set()
    cards: list[HotlineCard] = []
    activities: list[LiaisonActivity] = []
    made: list[tuple[OutreachVisit, list, list, list]] = []
    day = ctx.history_start + dt.timedelta(days=rng.randint(3, 10))
    end = ctx.today + dt.timedelta(days=40)
    while day < end:
        village = rng.choice(villages)
        options = groups[village.name]
        chosen = rng.sample(options, k=min(len(options), rng.randint(1, 3)))
        topics = list(dict.fromkeys(SEASON_TOPICS[day.month] + [rng.choice(Topic.values)]))
        staff = rng.sample(staff_pool, k=2)
        done = day <= ctx.today - dt.timedelta(days=1)
        if done and rng.random() < 0.05:
            status = OutreachVisit.Status.CANCELLED
        else:
            status = OutreachVisit.Status.DONE if done else OutreachVisit.Status.PLANNED
        reachable = sum(len(households[g.pk]) for g in chosen)
        reached = int(reachable * rng.uniform(0.45, 0.9)) if status == "done" else 0
        materials = "，".join(
            f"{m} {rng.randint(20, 120)} 份" for m in rng.sample(MATERIALS, k=rng.randint(1, 3))
        )
        visit = OutreachVisit(
            station=station,
            date=day,
            title=f"{village.name}{'、'.join(g.name for g in chosen)}组用电宣传进村入户",
            status=status,
            topics=[str(t) for t in topics],
            households_reached=reached,
            materials=materials if status == "done" else "",
            notes="" if status != "cancelled" else "暴雨，道路塌方，改期",
        )
        made.append((visit, [village], chosen, staff))
        if status == "done":
            # Cards go to households reached, never more of them than the visit reached.
            left = reached
            for g in chosen:
                share = 0.45 if g.pk in remote_groups else 0.85
                for pk in households[g.pk]:
                    if left > 0 and pk not in has_card and rng.random() < share:
                        left -= 1
                        has_card.add(pk)
                        cards.append(
                            HotlineCard(
                                station=station,
                                customer_id=pk,
                                given_on=day,
                                channel=HotlineCard.Channel.VISIT,
                                recorded_by=staff[0],
                            )
                        )
        day += dt.timedelta(days=rng.randint(9, 20))
    OutreachVisit.objects.bulk_create([m[0] for m in made])
    events: list[OutreachVisitEvent] = []
    for visit, vs, gs, staff in made:
        visit.villages.set(vs)
        visit.groups.set(gs)
        visit.staff.set(staff)
        planned_at = dt.datetime.combine(visit.date - dt.timedelta(days=14), dt.time(10), TZ)
        events.append(OutreachVisitEvent(visit=visit, at=planned_at, by=staff[0], what="planned"))
        if visit.status != OutreachVisit.Status.PLANNED:
            at = dt.datetime.combine(visit.date, dt.time(17), TZ)
            events.append(
                OutreachVisitEvent(
                    visit=visit, at=at, by=staff[0], what=visit.status, note=visit.notes
                )
            )
        if visit.status == OutreachVisit.Status.DONE and leaders[vs[0].pk]:
            liaison = rng.choice(leaders[vs[0].pk])
            activities.append(
                LiaisonActivity(
                    station=station,
                    village=vs[0],
                    liaison=liaison,
                    at=dt.datetime.combine(visit.date, dt.time(14), TZ),
                    by=staff[0],
                    kind=LiaisonActivity.Kind.VISIT,
                    note=visit.title,
                    link=visit.get_absolute_url(),
                )
            )
    # Cards handed to the visits of their day, which name as many in their materials.
    by_date = {v.date: v for v, *_ in made if v.status == "done"}
    given: Counter[int] = Counter()
    for card in cards:
        card.visit = by_date.get(card.given_on)
        if card.visit is not None:
            given[card.visit.pk] += 1
    for visit in by_date.values():
        if given[visit.pk]:
            visit.materials = "，".join(
                p for p in (f"{CARD} {given[visit.pk]} 份", visit.materials) if p
            )
    OutreachVisit.objects.bulk_update(list(by_date.values()), ["materials"], batch_size=500)
    # A few more at the counter over the years.
    everyone = {pk for pks in households.values() for pk in pks}
    for pk in rng.sample(sorted(everyone - has_card), k=min(60, len(everyone - has_card))):
        cards.append(
            HotlineCard(
                station=station,
                customer_id=pk,
                given_on=ctx.history_start + dt.timedelta(days=rng.randint(0, 700)),
                channel=HotlineCard.Channel.COUNTER,
                recorded_by=users["gl_counter"],
            )
        )
    HotlineCard.objects.bulk_create(cards, batch_size=1000)
    OutreachVisitEvent.objects.bulk_create(events, batch_size=1000)
    LiaisonActivity.objects.bulk_create(activities, batch_size=1000)
