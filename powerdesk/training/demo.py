"""Demo: last year's and this year's training plans, the sessions held, self-study records.

One course is left unheld this year, so the plan shows what "late" looks like.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from powerdesk.accounts.selectors import station_staff
from powerdesk.demo.builder import DemoContext
from powerdesk.training.models import PlanItem, SelfStudy, TrainingPlan, TrainingSession

CHIEF = "杨所长"
SAFETY = "县公司安监部 王工"
MARKETING = "县公司营销部 刘工"
CREW_LEADER = "抢修一班 王德忠"
RED_CROSS = "县红十字会"
# Month, course, audience, hours, and who can teach it (the Red Cross teaches first aid, the
# county's marketing department the arrears rules, not the other way round).
COURSES = [
    (1, "《电力安全工作规程》（配电部分）考试", "全体", "4", [SAFETY]),
    (2, "95598 工单处理与服务规范", "营业厅、值班", "2", [MARKETING]),
    (3, "触电急救与心肺复苏", "全体", "3", [RED_CROSS]),
    (4, "雷雨季节配网故障查找", "抢修班", "4", [CREW_LEADER, CHIEF]),
    (5, "跌落式熔断器更换实操", "抢修班", "4", [CREW_LEADER]),
    (6, "防汛抗灾应急演练", "全体", "3", [CHIEF, SAFETY]),
    (7, "微笑服务与投诉处理", "营业厅、值班", "2", [MARKETING, CHIEF]),
    (8, "智能电表与用电信息采集", "全体", "2", [MARKETING]),
    (9, "欠费停复电规范（不再一钳断电）", "营业厅、所长", "2", [MARKETING]),
    (10, "登杆作业与安全带使用", "抢修班", "3", [SAFETY, CREW_LEADER]),
    (11, "配变台区低压线路巡视", "抢修班", "3", [CREW_LEADER]),
    (12, "年度安全知识考试", "全体", "2", [SAFETY]),
]
TRAINERS = {topic: trainers for _m, topic, _a, _h, trainers in COURSES}
STUDY = [
    "《国家电网公司供电服务规范》",
    "配网故障案例汇编",
    "新版居民阶梯电价政策",
    "安全生产事故通报学习",
    "农网改造技术导则",
]


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None
    rng = ctx.rng_for("training")
    station = ctx.station
    chief = ctx.made["users"]["gl_chief"]
    staff = list(station_staff(station))
    for year in (ctx.today.year - 1, ctx.today.year):
        plan = TrainingPlan.objects.create(
            station=station,
            year=year,
            hours_per_person=Decimal(30),
            notes="按县公司年度培训计划编制",
            created_by=chief,
        )
        items = PlanItem.objects.bulk_create(
            [
                PlanItem(
                    plan=plan,
                    topic=topic,
                    month=month,
                    hours=Decimal(hours),
                    audience=audience,
                    created_by=chief,
                )
                for month, topic, audience, hours, _trainers in COURSES
            ]
        )
        # This year one course slipped (the rainy-season drill clashed with a storm).
        skipped = 6 if year == ctx.today.year else None
        for item in items:
            date = dt.date(year, item.month, rng.randint(5, 25))
            if date >= ctx.today or item.month == skipped:
                continue
            crew_only = item.audience == "抢修班"
            attendees = [
                p
                for p in staff
                if rng.random() < 0.9
                and (not crew_only or p.username.startswith("gl_crew") or p == chief)
            ]
            session = TrainingSession.objects.create(
                station=station,
                plan_item=item,
                date=date,
                topic=item.topic,
                trainer=rng.choice(TRAINERS[item.topic]),
                hours=item.hours,
                place="光禄供电所会议室" if not crew_only else "培训场地",
                material="课件、考试试卷" if "考试" in item.topic else "课件",
                recorded_by=chief,
            )
            session.attendees.set(attendees)
    study = []
    start = ctx.history_start
    for person in staff:
        for _ in range(rng.randint(2, 9)):
            date = start + dt.timedelta(days=rng.randint(0, (ctx.today - start).days - 1))
            study.append(
                SelfStudy(
                    station=station,
                    person=person,
                    date=date,
                    topic=rng.choice(STUDY),
                    hours=Decimal(rng.choice([1, 1, 2, 2, 3])),
                    recorded_by=person,
                )
            )
    SelfStudy.objects.bulk_create(study)
