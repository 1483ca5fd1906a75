"""The monthly workbook's sheets of follow-up and outreach: hard problems, outreach visits,
training, arrears and the voice of the customer (``workbook.report_workbook`` writes them after
the figures' sheets)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from powerdesk.reports.monthly import MonthlyFigures
from powerdesk.reports.sheets import DECIMAL, PERCENT, Book, Formula

__all__ = [
    "arrears_sheet",
    "hard_problems_sheet",
    "outreach_sheet",
    "training_sheet",
    "voice_sheet",
]


def _sum(column: str, first: int, last: int, total: float) -> Formula | float:
    """The sum of a column's rows ``first`` to ``last``; a plain 0 when there are none (a range
    ending at the row above would take in the header, one at the total's row would be circular)."""
    if last < first:
        return 0
    return Formula(f"=SUM({column}{first}:{column}{last})", total)


def hard_problems_sheet(book: Book, f: MonthlyFigures) -> None:
    s = book.sheet(_("Hard problems"), [40, 12, 12, 12, 14, 12, 12, 12])
    s.title(_("Hard problems"))
    s.line(_("Opened this month"), f.problems_opened)
    s.line(_("Solved this month"), f.problems_solved)
    s.line(_("Open at the month's end"), len(f.problems_open))
    # As they stood at the month's end (``monthly_problems``), as the report's other figures.
    s.title(_("Hard problems open at the month's end"))
    s.header(
        _("Problem"),
        _("Village"),
        _("Owner"),
        _("Opened"),
        _("Next revisit"),
        _("Steps done"),
        _("Steps"),
        _("Steps dropped"),
    )
    for p in f.problems_open:
        s.line(
            p.title,
            p.village.name if p.village else "",
            str(p.owner) if p.owner else "",
            timezone.localtime(p.opened_at).date(),
            p.next_revisit_on,
            p.steps_done,  # type: ignore[attr-defined]
            p.steps_total,  # type: ignore[attr-defined]
            p.steps_dropped,  # type: ignore[attr-defined]
            formats={4: "yyyy-mm-dd", 5: "yyyy-mm-dd"},
        )


def outreach_sheet(book: Book, f: MonthlyFigures) -> None:
    s = book.sheet(_("Outreach"), [12, 34, 30, 14])
    s.title(_("Outreach visits this month"))
    s.header(_("Date"), _("Title"), _("Villages"), _("Households reached"))
    first = s.row + 1
    for v in f.visits:
        s.line(
            v.date,
            v.title,
            pgettext("list separator", ", ").join(x.name for x in v.villages.all()),
            v.households_reached,
            formats={1: "yyyy-mm-dd"},
        )
    households = sum(v.households_reached or 0 for v in f.visits)
    s.line(_("Total"), len(f.visits), "", _sum("D", first, s.row, households), bold=True)
    s.title(_("Year to date"))
    s.line(_("Visits"), f.visits_year)
    s.line(_("Households reached"), f.households_year)
    s.line(_("Hotline cards given this month"), f.cards)
    s.line(_("Hotline cards given this year"), f.cards_year)


def training_sheet(book: Book, f: MonthlyFigures) -> None:
    s = book.sheet(_("Training"), [12, 30, 14, 10, 12, 14])
    s.title(_("Training sessions this month"))
    s.header(_("Date"), _("Topic"), _("Trainer"), _("Hours"), _("Attendees"), _("Person-hours"))
    first = s.row + 1
    hours = attendees = person_hours = 0.0
    for t in f.sessions:
        n = t.attendee_count  # type: ignore[attr-defined]
        s.line(
            t.date,
            t.topic,
            t.trainer,
            float(t.hours),
            n,
            Formula("=D{row}*E{row}", float(t.hours) * n),
            formats={1: "yyyy-mm-dd", 4: "0.0", 6: "0.0"},
        )
        hours += float(t.hours)
        attendees += n
        person_hours += float(t.hours) * n
    last = s.row
    s.line(
        _("Total"),
        len(f.sessions),
        "",
        _sum("D", first, last, hours),
        _sum("E", first, last, int(attendees)),
        _sum("F", first, last, person_hours),
        bold=True,
        formats={4: "0.0", 6: "0.0"},
    )
    s.title(_("Also"))
    s.line(_("Self-study hours this month"), float(f.self_study_hours), formats={2: "0.0"})
    s.line(
        _("Session person-hours this year"), float(f.session_person_hours_year), formats={2: "0.0"}
    )


def arrears_sheet(book: Book, f: MonthlyFigures) -> None:
    s = book.sheet(_("Arrears"), [34, 12, 16])
    s.title(_("Arrears"))
    s.header("", _("Cases"), _("Amount (yuan)"))
    s.line(
        _("Opened this month"),
        f.arrears.opened,
        float(f.arrears.opened_amount),
        formats={3: DECIMAL},
    )
    s.line(_("Paid this month"), f.arrears.paid, float(f.arrears.paid_amount), formats={3: DECIMAL})
    s.line(_("Disconnected this month"), f.arrears.disconnected)
    s.line(
        _("Outstanding at the month's end"),
        f.arrears.outstanding,
        float(f.arrears.outstanding_amount),
        formats={3: DECIMAL},
    )


def voice_sheet(book: Book, f: MonthlyFigures) -> None:
    v = f.voice
    s = book.sheet(_("Voice of the customer"), [14, 12, 14, 12, 18, 10, 10])
    s.title(_("What customers talked about"))
    s.line(_("Calls with a note"), v.notes)
    notes = s.row
    s.header(
        _("Keyword"),
        _("Calls counted"),
        _("Share"),
        _("TF-IDF weight"),
        _("Mean share, six months before"),
        _("Lift"),
        _("Rising"),
    )
    for k in v.by_count:
        s.line(
            k.word,
            k.trend.count,
            Formula(
                f"=IF($B${notes}=0,0,B{{row}}/$B${notes})",
                k.trend.count / v.notes if v.notes else 0,
            ),
            round(k.weight, 4),
            None if k.trend.baseline is None else round(k.trend.baseline, 4),
            None if k.trend.lift is None else round(k.trend.lift, 2),
            _("yes") if k.trend.rising else "",
            formats={3: PERCENT, 5: PERCENT},
        )
    s.title(_("Places named in the notes"))
    s.header(_("Place"), _("Calls counted"))
    for name, n in v.places:
        s.line(name, n)
