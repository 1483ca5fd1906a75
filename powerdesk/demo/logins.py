"""The demo station's logins, written once: ``powerdesk demo`` prints them after building,
``make run`` prints them when the server answers, and the README's table is this list
(``powerdesk demo --logins --markdown``; a test keeps the two the same)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerdesk.accounts.models import Role

DEMO_PASSWORD = "powerdesk"
GUANGLU = "光禄供电所"
DONGCHUAN = "栋川供电所"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: Role
    stations: tuple[str, ...]
    note: Promise | str = ""


DEMO_LOGINS = [
    DemoLogin("gl_chief", Role.CHIEF, (GUANGLU,)),
    DemoLogin("gl_counter", Role.COUNTER, (GUANGLU,)),
    DemoLogin("gl_duty", Role.COUNTER, (GUANGLU,), gettext_lazy("a second clerk")),
    DemoLogin("gl_dispatch", Role.DISPATCHER, (GUANGLU,)),
    DemoLogin("gl_crew1", Role.CREW, (GUANGLU,), gettext_lazy("leader of 抢修一班, on a phone")),
    DemoLogin("zm_liaison", Role.LIAISON, (GUANGLU,), gettext_lazy("左门 village committee")),
    DemoLogin("gl_admin", Role.ADMIN, (GUANGLU,)),
    DemoLogin(
        "county_dispatch", Role.DISPATCHER, (GUANGLU, DONGCHUAN), gettext_lazy("two stations")
    ),
    DemoLogin("dc_chief", Role.CHIEF, (DONGCHUAN,), gettext_lazy("the neighbouring station")),
]


def logins_text() -> str:
    """The logins as ``powerdesk demo`` and ``make run`` print them."""
    lines = [_("Logins (password for all: %(password)s):") % {"password": DEMO_PASSWORD}]
    for login in DEMO_LOGINS:
        note = f" ({login.note})" if login.note else ""
        stations = "、".join(login.stations)
        lines.append(f"  {login.username:<16} {login.role.label}, {stations}{note}")
    return "\n".join(lines)


def logins_markdown() -> str:
    """The README's table of logins (call it with English active)."""
    rows = ["| login | role | station | |", "|---|---|---|---|"]
    for login in DEMO_LOGINS:
        rows.append(
            f"| `{login.username}` | {login.role.label} | {' and '.join(login.stations)} "
            f"| {login.note} |"
        )
    return "\n".join(rows)
