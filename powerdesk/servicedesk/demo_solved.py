"""Demo: the history of the station's hard problems, from the day each was opened (problems76).

A solved problem was followed like an open one: a revisit a month from its opening, each
saying what it found, the steps of its plan done between them, and the revisit that solved it
(how, by whom, when). An open problem was opened a revisit's span before its first revisit
(``demo_revisits``). Without them a past month's report (page, PDF, workbook) read the next
revisit as the day the problem was opened plus its interval, months before the month's end.
"""

from __future__ import annotations

import datetime as dt

from powerdesk.accounts.models import User
from powerdesk.demo.seasons import TZ
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from powerdesk.servicedesk.models.hard_problems import REVISIT_TITLE

__all__ = ["SOLVED_NOTES", "history_opened", "solved_history", "solved_step_done_on"]

# What the revisits of each solved problem found, oldest first, then how it was solved (its
# closing revisit), by the problem's title's end.
SOLVED_NOTES: dict[str, tuple[list[str], str]] = {
    "核桃箐组电杆基础被雨水冲刷": (
        [
            "回访核桃箐组：3 基电杆基础被雨水掏空，最严重的一基倾斜约 5 度，已设警示牌。",
            "已用片石和混凝土加固 3 基电杆基础，雨后复查未再下沉。两基杆位在冲沟边，迁移方案已报。",
            "迁移两基电杆的停电窗口已与村小组商定，电杆和金具已到村委会。",
            "两基电杆已迁到冲沟外的坡上，旧杆坑已回填。雨季过后再看一次。",
        ],
        "雨季过后复查：新立的两基电杆基础稳固，加固的 3 基无下沉，组长确认。问题解决。",
    ),
    "山脚组树障多": (
        [
            "回访山脚组：线路下高过导线的树木有 20 多处，刮风就跳闸，本月停电 2 次。",
            "已联系林业站，约定下月一起到现场砍伐，村委会出面与树主协商补偿。",
            "林业站与供电所联合清理树障 23 处，树主补偿由村委会协调完毕。",
            "与村委会、林业站签订树障清理协议：每年雨季前清理一次，村里负责告知树主。",
        ],
        "回访 4 户：清理后两个月没有因树障停电，村里已按协议告知树主不在线下种高杆树。问题解决。",
    ),
}

# Which revisit (its place among the notes, from 0) first says each step done: the step was
# done in the days before it.
SOLVED_STEP_DONE_BY: dict[str, dict[str, int]] = {
    "核桃箐组电杆基础被雨水冲刷": {"加固电杆基础": 1, "迁移两基电杆": 3},
    "山脚组树障多": {"联系林业站清理树障": 2, "签订树障清理协议": 3},
}
DONE_BEFORE_REVISIT = dt.timedelta(days=3)


def _solved_of(title: str) -> tuple[str, list[str], str]:
    for end, (notes, solution) in SOLVED_NOTES.items():
        if title.endswith(end):
            return end, notes, solution
    return "", [], ""


def _revisit_count(title: str, solved: bool) -> int:
    from powerdesk.servicedesk.demo_revisits import REVISIT_NOTES

    if solved:
        return len(_solved_of(title)[1])
    return next((len(n) for end, n in REVISIT_NOTES.items() if title.endswith(end)), 0)


def history_opened(
    title: str,
    opened: dt.datetime,
    every: int,
    solved_at: dt.datetime | None,
    next_revisit_on: dt.date | None,
) -> dt.datetime:
    """When the problem titled ``title`` was opened, for its revisits to follow it from then: a
    revisit's span (``every`` days) before its first one. The first revisit of an open problem
    is as many spans before its next revisit as it has notes; a solved problem's revisits end
    with the one that solved it. ``opened`` (its time of day kept) for a problem with none."""
    count = _revisit_count(title, solved_at is not None)
    if not count:
        return opened
    span = dt.timedelta(days=every)
    if solved_at is not None:
        return solved_at - span * (count + 1)
    if next_revisit_on is None:
        return opened
    day = next_revisit_on - span * (count + 1)
    return opened + dt.timedelta(days=(day - opened.astimezone(TZ).date()).days)


def _revisit_days(problem: HardProblem, count: int) -> list[dt.date]:
    span = dt.timedelta(days=problem.revisit_every_days)
    opened = problem.opened_at.astimezone(TZ).date()
    return [opened + span * k for k in range(1, count + 1)]


def solved_step_done_on(problem: HardProblem, step: str) -> dt.date | None:
    """When the solved ``problem``'s ``step`` was done as its revisits tell it (a few days
    before the first that says so); None for a problem with no such history."""
    end, notes, _solution = _solved_of(problem.title)
    place = SOLVED_STEP_DONE_BY.get(end, {}).get(step)
    if place is None or problem.solved_at is None:
        return None
    return _revisit_days(problem, len(notes))[place] - DONE_BEFORE_REVISIT


def solved_history(problem: HardProblem, chief: User) -> int:
    """The revisits of the solved ``problem``, a month apart from its opening, and the one that
    solved it on the day it was solved; how many were added."""
    _end, notes, solution = _solved_of(problem.title)
    if not notes or problem.solved_at is None:
        return 0
    with station_language():
        title = str(REVISIT_TITLE)
    days = _revisit_days(problem, len(notes))
    from powerdesk.servicedesk.demo_revisits import revisit_done

    rows = [
        revisit_done(problem, chief, title, day, note)
        for day, note in zip(days, notes, strict=True)
    ]
    solved_on = problem.solved_at.astimezone(TZ).date()
    rows.append(
        HardProblemStep(
            problem=problem,
            title=title,
            owner=chief,
            due_on=solved_on,
            done_on=solved_on,
            done_by=chief,
            is_revisit=True,
            solves=True,
            note=solution,
        )
    )
    HardProblemStep.objects.bulk_create(rows)
    return len(rows)
