"""Demo: the revisits of the station's open hard problems, one a month over the last months
(walk71, L10: none of the open problems had a revisit, so no page showed a problem "followed
over months"). What each revisit found, oldest first, as the chief wrote it; the last one 30
days before the problem's next revisit, which is then when it is due."""

from __future__ import annotations

import datetime as dt

from powerdesk.accounts.models import User
from powerdesk.lib.language import station_language
from powerdesk.servicedesk.models import HardProblem, HardProblemStep
from powerdesk.servicedesk.models.hard_problems import REVISIT_TITLE

__all__ = ["REVISIT_NOTES", "add_revisits", "revisit_done", "step_done_on"]

# What the revisits of each open problem found, oldest first, by the problem's title's end.
REVISIT_NOTES: dict[str, list[str]] = {
    "干海片区雷击跳闸频繁": [
        "回访干海组，上月雷雨跳闸 3 次，群众反映夜里停电时间长。避雷器已报计划。",
        "避雷器到货 12 只，已安排抢修一班下旬安装。本月跳闸 2 次。",
        "干海支线 8 基杆已装避雷器，剩余 4 基待停电窗口。组长说本月只停过一次。",
        "雨季高峰，本月跳闸 1 次（未装避雷器的末端段）。绝缘子更换待物资。",
        "剩余避雷器装完，更换老化绝缘子 15 片。本月无雷击跳闸。",
        "回访 5 户：入夏以来停电明显少了。雷雨季前特巡的计划已排好，继续跟踪。",
    ],
    "无道路通达，抢修时间长": [
        "回访梅子箐：最近一次抢修走了 3 小时山路，群众希望村里有备件。",
        "与村委会商定在村委会放一套熔断器、熔丝和绝缘子备件，清单已报。",
        "备件已送到村委会，由村主任保管，钥匙两把。",
        "培训村小组长 4 人看跌落式熔断器、认杆号，能电话说清楚故障位置。",
        "本月一次停电，组长电话报了杆号，抢修用时比以往少一个半小时。",
        "回访 3 户：满意。备件点清点一次，用掉熔丝 2 根，已补齐。",
    ],
    "石板组末端电压偏低": [
        "回访石板组末端 6 户，晚高峰测得电压 176 V，电饭煲煮不熟饭。",
        "新增配变的选址与村小组商定，在石板组中段，需占地 2 平方米。",
        "配变项目已列入县公司明年计划，先调整了台区三相负荷。",
        "调负荷后晚高峰末端 188 V，仍偏低。群众表示理解，等新配变。",
        "低压线路改造的图纸已出，换 240 米导线，等停电窗口。",
        "回访末端 4 户：晚饭时灯还是有点暗。新配变物资已到县公司，继续跟踪。",
    ],
}

# A revisit's note that speaks of one of the problem's steps as still to do, and what it says
# once that step was done by the revisit's day (walk72, 10: 雷雨季前特巡 done 09-28, and the
# 11-09 revisit said "计划已排好").
STEP_SAID: dict[str, tuple[str, str]] = {
    "回访 5 户：入夏以来停电明显少了。雷雨季前特巡的计划已排好，继续跟踪。": (
        "雷雨季前特巡",
        "回访 5 户：入夏以来停电明显少了。雷雨季前特巡已做完，查出的 2 处隐患已处理，继续跟踪。",
    ),
}


# Which revisit (its place among the problem's notes, from 0) first says each step done: the
# step is done in the days before it, after the revisit before it said it still waited
# (walk74, 13: steps were done on their due dates while later revisits said "still planned").
# A step not named is still to do at the last revisit.
STEP_DONE_BY: dict[str, dict[str, int]] = {
    "干海片区雷击跳闸频繁": {"加装线路避雷器": 4, "更换老化绝缘子": 4, "雷雨季前特巡": 5},
    "无道路通达，抢修时间长": {"在村委会设备品备件点": 2, "培训村小组长协助巡线": 3},
    "石板组末端电压偏低": {},
}
# A step is said done this many days before the revisit that first tells of it.
DONE_BEFORE_REVISIT = dt.timedelta(days=3)


def _notes_of(problem: HardProblem) -> tuple[str, list[str]]:
    return next(
        ((end, n) for end, n in REVISIT_NOTES.items() if problem.title.endswith(end)), ("", [])
    )


def revisit_days(problem: HardProblem, notes: int) -> list[dt.date]:
    """The days of the problem's revisits (one a month, the last one interval before its next
    revisit), those of its last ``notes`` notes that fit after it was opened."""
    if problem.next_revisit_on is None:
        return []
    every = dt.timedelta(days=problem.revisit_every_days)
    opened = problem.opened_at.date()
    days = [problem.next_revisit_on - every * k for k in range(notes, 0, -1)]
    return [day for day in days if day > opened + dt.timedelta(days=14)]


def step_done_on(problem: HardProblem, step: str) -> dt.date | bool | None:
    """When the open ``problem``'s ``step`` was done as its revisits tell it: a few days before
    the first revisit that says so (before its first revisit when that one was not made);
    None while its revisits say it still waits; False for a problem with no revisit notes (its
    steps are dated by their due days)."""
    end, notes = _notes_of(problem)
    if not notes or problem.next_revisit_on is None:
        return False
    place = STEP_DONE_BY.get(end, {}).get(step)
    if place is None:
        return None
    days = revisit_days(problem, len(notes))
    first = len(notes) - len(days)  # the place of the first revisit made
    if place >= first:
        return days[place - first] - DONE_BEFORE_REVISIT
    return problem.opened_at.date() + dt.timedelta(days=7)


def _as_of(note: str, day: dt.date, done: dict[str, dt.date | None]) -> str:
    """``note`` as the revisit of ``day`` writes it, the problem's steps done by then known."""
    step, said = STEP_SAID.get(note, ("", ""))
    on = done.get(step)
    return said if on is not None and on <= day else note


def revisit_done(
    problem: HardProblem, chief: User, title: str, day: dt.date, note: str
) -> HardProblemStep:
    """A revisit of ``problem`` made and recorded by ``chief`` on ``day`` (not yet saved)."""
    return HardProblemStep(
        problem=problem,
        title=title,
        owner=chief,
        due_on=day,
        done_on=day,
        done_by=chief,
        is_revisit=True,
        note=note,
    )


def add_revisits(problem: HardProblem, chief: User) -> int:
    """The revisits of the open ``problem`` over the months before its next revisit, as many
    as its notes say and as fit after it was opened; how many were added."""
    _end, notes = _notes_of(problem)
    if problem.next_revisit_on is None or not notes:
        return 0
    days = revisit_days(problem, len(notes))
    with station_language():
        title = str(REVISIT_TITLE)
    done = dict(problem.steps.filter(is_revisit=False).values_list("title", "done_on"))
    HardProblemStep.objects.bulk_create(
        revisit_done(problem, chief, title, day, _as_of(note, day, done))
        for day, note in zip(days, notes[len(notes) - len(days) :], strict=True)
    )
    return len(days)
