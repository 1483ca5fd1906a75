"""Demo: the county company, the station and a neighbour, staff for every role, three crews."""

from __future__ import annotations

import datetime as dt

from powerdesk.accounts.models import (
    CountyCompany,
    Crew,
    CrewPosition,
    Membership,
    Role,
    Station,
    User,
)
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.names import mobile_number
from powerdesk.demo.seasons import TZ

STAFF = [
    # username, full name, roles
    ("gl_chief", "杨所长", [Role.CHIEF]),
    ("gl_counter", "李秀英", [Role.COUNTER]),
    ("gl_duty", "张建华", [Role.COUNTER]),
    ("gl_dispatch", "罗志强", [Role.DISPATCHER]),
    ("gl_admin", "周明", [Role.ADMIN]),
]
CREWS = [
    ("抢修一班", ["gl_crew1", "gl_crew2", "gl_crew3"], ["王德忠", "普光荣", "起文明"], "云E·7A301"),
    ("抢修二班", ["gl_crew4", "gl_crew5", "gl_crew6"], ["赵有福", "自春林", "毕金祥"], "云E·7A302"),
    ("抢修三班", ["gl_crew7", "gl_crew8", "gl_crew9"], ["陈正兴", "施发顺", "鲁成安"], "云E·7A303"),
]
# Where 抢修二班 told the office it was (longitude, latitude, days before today, time): out at
# 地索 yesterday, and a little before the demo's "now" (``LAST_SEEN`` before it), so the board
# counts its way from there, not from its base — and never from a time still to come.
POSITIONS = [
    (101.1989, 25.4911, 1, dt.time(10, 5)),
    (101.2031, 25.4874, 1, dt.time(15, 40)),
]
LAST_POSITION = (101.2012, 25.4893)
LAST_SEEN = dt.timedelta(minutes=25)


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("accounts")
    company = CountyCompany.objects.create(name="姚安供电有限公司")
    ctx.station = Station.objects.create(
        company=company,
        code="guanglu",
        name="光禄供电所",
        phone="0878-5711095",
        area_code="0878",
        address="云南省楚雄州姚安县光禄镇",
    )
    ctx.other_station = Station.objects.create(
        company=company,
        code="dongchuan",
        name="栋川供电所",
        phone="0878-5712233",
        area_code="0878",
        address="云南省楚雄州姚安县栋川镇",
    )
    users: dict[str, User] = {}

    def person(username: str, full_name: str, station: Station, roles: list[Role]) -> User:
        user = User(username=username, full_name=full_name, phone=mobile_number(rng))
        user.password = ctx.password_hash
        user.is_staff = Role.ADMIN in roles
        user.save()
        for role in roles:
            Membership.objects.create(user=user, station=station, role=role)
        users[username] = user
        return user

    for username, full_name, roles in STAFF:
        person(username, full_name, ctx.station, roles)
    for index, (name, usernames, names, vehicle) in enumerate(CREWS, start=1):
        members = [
            person(u, n, ctx.station, [Role.CREW]) for u, n in zip(usernames, names, strict=True)
        ]
        crew = Crew.objects.create(
            station=ctx.station,
            name=name,
            leader=members[0],
            phone=members[0].phone,
            vehicle=vehicle,
            base="光禄供电所" if index < 3 else "左门村委会值守点",
            # The station's yard beside the substation; the duty post in 左门's village office.
            base_x=101.2068 if index < 3 else 101.1973,
            base_y=25.5232 if index < 3 else 25.5332,
        )
        crew.members.set(members)
        if index == 2:
            told = [
                (x, y, dt.datetime.combine(ctx.today - dt.timedelta(days=days), at, tzinfo=TZ))
                for x, y, days, at in POSITIONS
            ]
            told.append((*LAST_POSITION, ctx.now - LAST_SEEN))
            CrewPosition.objects.bulk_create(
                CrewPosition(
                    crew=crew,
                    x=x,
                    y=y,
                    at=at,
                    accuracy_m=30,
                    source=CrewPosition.Source.PHONE,
                    by=members[0],
                )
                for x, y, at in told
                if at <= ctx.now
            )
    person("dc_chief", "施所长", ctx.other_station, [Role.CHIEF])
    # A county dispatcher who works for both stations, to show the station switcher.
    both = person("county_dispatch", "段调度", ctx.station, [Role.DISPATCHER])
    Membership.objects.create(user=both, station=ctx.other_station, role=Role.DISPATCHER)
    ctx.made["users"] = users
