"""The monthly service report as an Excel workbook: a summary and a sheet per area.

The figures are written as numbers and what a chief would check by hand as formulas over them
(totals, rates as kept ÷ total, SAIFI, SAIDI, CAIDI and RS-1 from the customers served,
customer interruptions, customer-minutes and the period's minutes), so the workbook can be
checked and carried on. Each formula is saved with the value it gives (``sheets.Book``), so a
previewer or pandas shows the figure, not a blank cell. Headings are in the current language
(Chinese by default).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.engine.indices import Tally
from powerdesk.lib.shares import NONE
from powerdesk.reports.monthly import FollowUp, MonthlyFigures
from powerdesk.reports.sheets import DECIMAL, FOUR, PERCENT, Book, Formula, Sheet, share
from powerdesk.reports.workbook_more import (
    arrears_sheet,
    hard_problems_sheet,
    outreach_sheet,
    training_sheet,
    voice_sheet,
)

__all__ = ["report_workbook"]


def report_workbook(figures: MonthlyFigures) -> bytes:
    book = Book()
    summary = book.sheet(_("Summary"), [34, 18])  # the first sheet, written last
    cells = {
        "reliability": _reliability(book, figures),
        "desk": _service_desk(book, figures),
        "satisfaction": _satisfaction(book, figures),
        "promises": _promises(book, figures),
    }
    hard_problems_sheet(book, figures)
    outreach_sheet(book, figures)
    training_sheet(book, figures)
    arrears_sheet(book, figures)
    voice_sheet(book, figures)
    _summary(summary, figures, cells)
    return book.save()


def _ref(sheet: Sheet, cell: str) -> Formula:
    title = sheet.ws.title
    return Formula("='" + title.replace("'", "''") + "'!" + cell, sheet.value(cell))


def _summary(s: Sheet, f: MonthlyFigures, cells: dict[str, dict[str, tuple[Sheet, str]]]) -> None:
    s.title(
        _("%(station)s: monthly service report, %(month)s")
        % {
            "station": f.station.name,
            "month": f.label,
        }
    )
    s.line(_("Made at"), timezone.localtime(f.made_at).strftime("%Y-%m-%d %H:%M"))
    s.line(_("Counted to"), timezone.localtime(f.until).strftime("%Y-%m-%d %H:%M"))
    s.header(_("Figure"), _("Value"))
    for label, key, fmt in [
        (_("RS-1 this month (%)"), "rs1_month", FOUR),
        (_("RS-1 year to date (%)"), "rs1_year", FOUR),
        (
            _("RS-1 same period last year, %(days)s (%%)") % {"days": f.last_year_to_date},
            "rs1_last",
            FOUR,
        ),
        (_("SAIDI this month (minutes)"), "saidi_month", DECIMAL),
        (_("SAIDI year to date (minutes)"), "saidi_year", DECIMAL),
        (_("Calls this month"), "calls", "0"),
        (_("Work orders resolved in time this month"), "in_time_rate", PERCENT),
        (_("Satisfied this month (a score of 4 or 5)"), "satisfied_rate", PERCENT),
        (_("Promises kept this month"), "kept_rate", PERCENT),
    ]:
        sheet, cell = next(v[key] for v in cells.values() if key in v)
        s.line(label, _ref(sheet, cell), formats={2: fmt})
    if f.calls_no_request:  # counted in the calls above, as the desk sheet adds them (walk72, 4)
        s.line(_("Of the calls, not a request"), f.calls_no_request)
    _unrecorded(s, f)
    s.line(_("Hard problems open at the month's end"), len(f.problems_open))
    s.line(_("Major event days this year to the month's end"), len(f.reliability.med_days))


def _unrecorded(s: Sheet, f: MonthlyFigures) -> None:
    """Beside the indices: the engine's predictions not recorded, which they do not count."""
    s.line(
        _("Predicted outages not yet recorded (not counted in the indices)"), f.unrecorded.outages
    )
    s.line(_("Households below them (not counted in the indices)"), f.unrecorded.customers)


def _reliability(book: Book, f: MonthlyFigures) -> dict[str, tuple[Sheet, str]]:
    s = book.sheet(_("Reliability"), [22, 10, 14, 16, 14, 12, 10, 12, 12, 12, 10])
    found: dict[str, tuple[Sheet, str]] = {}
    if f.unrecorded:
        _unrecorded(s, f)
    blocks = [
        (_("This month"), "month", "month"),
        (_year_to_date(f), "year", "year"),
        (
            _("The same period last year (%(days)s)") % {"days": f.last_year_to_date},
            "last_year",
            "last",
        ),
        (_("Year to date without major event days"), "year_excluding_med", ""),
    ]
    for heading, attribute, key in blocks:
        s.title(heading)
        s.header(
            _("Area"),
            _("Customers served"),
            _("Customer interruptions"),
            _("Customer-minutes of interruption"),
            _("Minutes in the period"),
            _("Momentary interruption events"),
            "SAIFI",
            _("SAIDI (minutes)"),
            _("CAIDI (minutes)"),
            _("RS-1 (%)"),
            "MAIFI_E",
        )
        for area in f.reliability.rows:
            t: Tally = getattr(area, attribute)
            # The indices as the formulas compute them from the cells written (rounded as they).
            served, interruptions = t.customers_served, t.customer_interruptions
            minutes, period = round(t.customer_minutes, 2), round(t.period_minutes, 2)
            saidi = minutes / served if served else 0
            # Not known (no customers, or no outage of the station on record): "—", as on the
            # pages, never an index of 0 and an RS-1 of 100 (walkthrough 28, finding 11).
            indices: list[Any] = [NONE] * 5
            if area.known and served:
                indices = [
                    Formula(
                        "=IF(B{row}=0,0,C{row}/B{row})", interruptions / served if served else 0
                    ),
                    Formula("=IF(B{row}=0,0,D{row}/B{row})", saidi),
                    Formula(
                        "=IF(C{row}=0,0,D{row}/C{row})",
                        minutes / interruptions if interruptions else 0,
                    ),
                    Formula(
                        "=IF(E{row}=0,100,(1-H{row}/E{row})*100)",
                        (1 - saidi / period) * 100 if period else 100,
                    ),
                    Formula(
                        "=IF(B{row}=0,0,F{row}/B{row})",
                        t.momentary_events / served if served else 0,
                    ),
                ]
            row = s.line(
                area.name,
                served,
                interruptions,
                minutes,
                period,
                t.momentary_events,
                *indices,
                formats={4: DECIMAL, 5: "0", 7: FOUR, 8: DECIMAL, 9: DECIMAL, 10: FOUR, 11: FOUR},
                bold=area.kind == "station",
            )
            if area.kind == "station" and key:
                found[f"rs1_{key}"] = (s, f"J{row}")
                found[f"saidi_{key}"] = (s, f"H{row}")
    s.line(
        _(
            "Momentary: an interruption over within 5 minutes. An outage still on at the time "
            "counted to is not momentary: past 5 minutes it is a sustained interruption up to "
            "that time; before that it is not counted yet."
        )
    )
    s.title(_("SAIDI of the station month by month (minutes)"))
    s.header(_("Month"), str(f.year), str(f.year - 1))
    for month, this, last in f.reliability.saidi_by_month:
        s.line(
            month,
            None if this is None else round(this, 2),
            None if last is None else round(last, 2),
            formats={2: DECIMAL, 3: DECIMAL},
        )
    s.title(_("Major event days (IEEE 1366, 2.5 beta)"))
    threshold = f.reliability.med.threshold
    s.line(_("T_MED (minutes of daily SAIDI)"), None if threshold is None else round(threshold, 3))
    for day in f.reliability.med_days:
        s.line(day.isoformat())
    if not f.reliability.med_days:
        s.line(_("None this year so far."))
    return found


def _year_to_date(f: MonthlyFigures) -> str:
    """The year-to-date block's heading: to the month's end, or to when a month still running
    was counted."""
    if not f.running:
        return _("Year to date (1 January to the month's end)")
    return _("Year to date (1 January to %(until)s)") % {
        "until": f"{timezone.localtime(f.until):%Y-%m-%d %H:%M}"
    }


def _service_desk(book: Book, f: MonthlyFigures) -> dict[str, tuple[Sheet, str]]:
    s = book.sheet(_("Service desk"), [16, 12, 14, 14, 14, 12, 14, 14])
    s.title(_("Calls and work orders by category"))
    s.header(
        _("Category"),
        _("Calls this month"),
        _("Calls year to date"),
        (
            _("Calls in the same days last year (%(days)s)")
            if f.running
            else _("Calls in the same month last year (%(days)s)")
        )
        % {"days": f.last_year_month},
        _("Work orders opened"),
        _("Work orders resolved"),
        _("Resolved in time"),
        _("Share resolved in time"),
    )
    first = s.row + 1
    rows: list[tuple[int, ...]] = []
    for c in f.categories:
        numbers = (c.calls, c.calls_year, c.calls_last_year, c.opened, c.resolved, c.in_time)
        rows.append(numbers)
        s.line(
            c.label,
            *numbers,
            Formula('=IF(F{row}=0,"",G{row}/F{row})', share(c.in_time, c.resolved)),
            formats={8: PERCENT},
        )
    last = s.row
    sums = [sum(r[i] for r in rows) for i in range(6)]
    total = s.line(
        _("Total"),
        *[
            Formula(f"=SUM({col}{first}:{col}{last})", n)
            for col, n in zip("BCDEFG", sums, strict=True)
        ],
        Formula('=IF(F{row}=0,"",G{row}/F{row})', share(sums[5], sums[4])),
        formats={8: PERCENT},
        bold=True,
    )
    s.line(
        _(
            "Resolved in time: by the resolve deadline and on site by the arrival deadline "
            "(deadlines carry the time the clock was paused). The orders joined to an outage "
            "count as one among those resolved, the outage's own order."
        )
    )
    return {"calls": (s, f"B{total}"), "in_time_rate": (s, f"H{total}")}


def _satisfaction(book: Book, f: MonthlyFigures) -> dict[str, tuple[Sheet, str]]:
    s = book.sheet(_("Callbacks and satisfaction"), [36, 14, 16])
    s.title(_("Callbacks and satisfaction (satisfied: a score of 4 or 5)"))
    s.header("", _("This month"), _("Year to date"))
    m, y = f.follow_up, f.follow_up_year

    def pair(get: Any) -> tuple[Any, Any]:
        return get(m), get(y)

    def scores(prefix: str, which: Any) -> int:
        """The lines of one kind of score; returns the row of its count."""
        s.line(prefix + _(": scored"), *pair(lambda u: which(u).count))
        count_row = s.row
        s.line(prefix + _(": sum of scores"), *pair(lambda u: which(u).total))
        s.line(prefix + _(": satisfied"), *pair(lambda u: which(u).satisfied))
        s.line(
            prefix + _(": average score"),
            *[
                Formula(
                    f'=IF({c}{count_row}=0,"",{c}{count_row + 1}/{c}{count_row})',
                    share(which(u).total, which(u).count),
                )
                for c, u in zip("BC", (m, y), strict=True)
            ],
            formats={2: DECIMAL, 3: DECIMAL},
        )
        s.line(
            prefix + _(": satisfied share"),
            *[
                Formula(
                    f'=IF({c}{count_row}=0,"",{c}{count_row + 2}/{c}{count_row})',
                    share(which(u).satisfied, which(u).count),
                )
                for c, u in zip("BC", (m, y), strict=True)
            ],
            formats={2: PERCENT, 3: PERCENT},
        )
        return count_row

    s.line(_("Callbacks made"), *pair(lambda u: u.callbacks))
    s.line(_("Customers reached"), *pair(lambda u: u.reached))
    cb = scores(_("Callbacks"), lambda u: _scores(u, "callback"))
    ct = scores(_("Counter ratings"), lambda u: _scores(u, "counter"))
    # The station's satisfaction as every page defines it: both kinds of score together.
    rate = s.line(
        _("Satisfied share, callbacks and counter together"),
        *[
            Formula(
                f'=IF({c}{cb}+{c}{ct}=0,"",({c}{cb + 2}+{c}{ct + 2})/({c}{cb}+{c}{ct}))',
                share(
                    u.callback_scores.satisfied + u.counter_scores.satisfied,
                    u.callback_scores.count + u.counter_scores.count,
                ),
            )
            for c, u in zip("BC", (m, y), strict=True)
        ],
        formats={2: PERCENT, 3: PERCENT},
    )
    return {"satisfied_rate": (s, f"B{rate}")}


def _scores(u: FollowUp, which: str) -> Any:
    return u.callback_scores if which == "callback" else u.counter_scores


def _promises(book: Book, f: MonthlyFigures) -> dict[str, tuple[Sheet, str]]:
    s = book.sheet(_("Promises"), [30, 14, 16, 30, 16])
    s.title(_("Promises (counted in the month they were due)"))
    s.header("", _("This month"), _("Year to date"))
    m, y = f.promises, f.promises_year

    def line(label: str, get: Any) -> int:
        return s.line(label, get(m), get(y))

    # The rows as the page and the PDF name them, and the note's sum by the same words
    # (walk76, L8: the note said other words than the rows).
    rows = (
        (_("Kept on time"), lambda p: p.kept),
        (_("Broken"), lambda p: p.broken),
        (_("Kept late"), lambda p: p.kept_late),
        (_("Still open past their time"), lambda p: p.open_overdue),
        (_("Open, not yet due"), lambda p: p.open_not_yet_due),
    )
    due = _("Promises due")
    line(due, lambda p: p.due)
    kept = line(*rows[0])
    for row in rows[1:]:
        line(*row)
    s.line(
        _("All counted by the month the promise was due, not the month it was made: %(sum)s.")
        % {"sum": f"{due} = {' + '.join(label for label, _get in rows)}"}
    )
    rate = s.line(
        _("Share kept on time (kept ÷ kept, broken and kept late)"),
        *[
            Formula(
                f'=IF(SUM({c}{kept}:{c}{kept + 2})=0,"",{c}{kept}/SUM({c}{kept}:{c}{kept + 2}))',
                share(p.kept, p.kept + p.broken + p.kept_late),
            )
            for c, p in zip("BC", (m, y), strict=True)
        ],
        formats={2: PERCENT, 3: PERCENT},
    )
    s.title(_("Promises broken this month"))
    # With why it was not kept, once recorded (walkthrough 34, finding 9: left out).
    s.header(_("What was promised"), _("Due"), _("Made by"), _("Why it was not kept"))
    for p in f.broken_promises:
        s.line(
            p.text,
            timezone.localtime(p.due_at).strftime("%Y-%m-%d %H:%M"),
            str(p.made_by) if p.made_by else "",
            p.settled_note or _("not recorded yet"),
        )
    return {"kept_rate": (s, f"B{rate}")}
