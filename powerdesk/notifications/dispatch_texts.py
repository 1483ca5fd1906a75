"""The text a crew gets when it is sent to a job (to the crew's duty phone): one composer for
every dispatch, from a work order or from an outage.

A crew reading only its text must know, first, whether the job is urgent and why (a danger, a
medical need), what kind of job it is, where, what the caller said, by when to be on site and
whom to ring. The facts are kept as data (codes, ISO times) and worded in the crew's language
when the text is sent (``texts.render_text``).

The caller's words have the room they always had (``WORDS``); when they are longer, the words
that make the job urgent stay and the rest goes first (a "thank you", then what merely tells the
story, from the end), each cut shown by "…". A crew already sent is told from the same facts
when a repeat call makes its job urgent (``order_facts`` with that call). How a text is worded
and kept within its SMS: ``dispatch_shown``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from powerdesk.community.models import Liaison
from powerdesk.lib.phones import format_phone

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import Crew
    from powerdesk.customers.models import Customer
    from powerdesk.outages.models import Outage
    from powerdesk.servicedesk.models import Call, WorkOrder

__all__ = ["WORDS", "dispatch_facts", "order_facts", "words_cut"]

WORDS = 30  # characters of the caller's words in a dispatch text (as before: the summary's 30)
VILLAGES = 3  # places of an outage named in its dispatch text, with how many in all
MEDICAL = "medical"
CUT = "…"

# A clause: words up to and with their punctuation.
_CLAUSE = re.compile(r"[^，。,.!！?？；;]+[，。,.!！?？；;]*|[，。,.!！?？；;]+")
_MARKS = "，。,.!！?？；;、 "
# Words of alarm that make a clause worth keeping beside those the urgency rules use: the caller
# saying it is dangerous or urgent, who is at risk, signs of a live danger.
_ALARM = re.compile(
    r"危险|危急|着急|紧急|救命|要命|吓人|撑不住|出事|触电|电到人|电着人|小孩|孩子|学生|老人|病人"
    r"|很低|太低|好低|冒火|着火|起火|冒烟|火花|打火|漏电|制氧|呼吸机|透析"
)
# Words that only thank or greet: cut first.
_COURTESY = re.compile(
    r"^(谢谢|多谢|感谢|麻烦(你们|您|了)?|辛苦(了|你们)?|你好|您好|喂|师傅)+"
    r"[啊呀了哈啦嘛，。,.!！ ]*$"
)


def dispatch_facts(
    crew: Crew, *, order: WorkOrder | None = None, outage: Outage | None = None
) -> tuple[str, dict[str, Any], Any] | None:
    """The notice's key, its facts and its subject for ``crew`` sent to ``order`` or to
    ``outage``; None when there is neither."""
    if order is not None:
        key = f"dispatch:order:{order.pk}:{order.reopened_count}:{crew.pk}"
        return key, order_facts(order), order
    if outage is None:
        return None
    from powerdesk.notifications import audience
    from powerdesk.servicedesk.crew_job_orders import outage_crew_job

    # The job as the crew's phone lists it: the order its card stands on.
    job = outage_crew_job(outage, crew.pk)
    facts: dict[str, Any] = order_facts(job) if job is not None else {}
    # Where: the device, then the places of the households below it as the households' own
    # texts name them (``audience.place_names``: a village, or its groups reached: 左门·哔叭; the
    # first few, and how many in all, worded when the text is sent); the words and number are
    # one caller's, if any (``order_facts``).
    villages = audience.place_names(outage.device)
    facts.update(
        {
            "number": job.number if job is not None else outage.device.code,
            "summary": "",
            "place": outage.device.name or outage.device.code,
            "landmark": "",
            "account": "",
            "villages": villages[:VILLAGES],
            "village_count": len(villages),
        }
    )
    if job is None or not job.calls.exists():
        facts["note"] = ""  # the outage's own order: its title only repeats the device
    soonest = _soonest_due(outage, crew)
    if soonest is not None:
        facts["deadline"] = soonest.isoformat()
    return f"dispatch:outage:{outage.pk}:{crew.pk}", facts, outage


def _soonest_due(outage: Outage, crew: Crew) -> dt.datetime | None:
    """When the crew is due on site for ``outage``: the soonest of its orders the crew was sent
    to, as the crew's card says it (``crew_jobs._urgent_others``: walk40, 10, the text said the
    card's order's 19:25 and the card an earlier caller's 19:24)."""
    from powerdesk.outages.joined import outage_link
    from powerdesk.servicedesk.crew_job_orders import JOB_STATUSES

    return (
        outage_link(outage)
        .work_orders.filter(
            crew=crew, status__in=JOB_STATUSES, arrived_at=None, arrive_due_at__isnull=False
        )
        .order_by("arrive_due_at", "pk")
        .values_list("arrive_due_at", flat=True)
        .first()
    )


def order_facts(
    order: WorkOrder, *, call: Call | None = None, added: bool = False
) -> dict[str, Any]:
    """What a crew is told of ``order``: whether it is urgent and why (the dangers and a
    medical need all its calls name), its category, where, the caller's words, by when to be on
    site and the number to ring. One caller is quoted, with their account and number, never
    another's beside them (walk41, 2: a crew finding the meter by the account went to the wrong
    house): ``call`` (a repeat call that made the order urgent), else the call that tells of a
    medical need, else of a danger, else the first (``_quoted``). ``added``: ``call`` brought
    a reason to an order urgent already: the outage is among the reasons, as with no call (the
    tag says every reason, the text which is new: ``staff_notices.notify_crew_made_urgent``)."""
    from powerdesk.servicedesk.understanding.urgency import findings

    calls = list(order.calls.select_related("customer").order_by("received_at", "pk"))
    said = " ".join(" ".join(c.text.split()) for c in calls if c.text.strip())
    quoted = call if call is not None and call.text.strip() else _quoted(calls)
    # The caller's words: the quoted call's (the order's description may carry the desk's
    # notes, "地点未问明…"); the order's own for an order opened with no call.
    first = quoted.text if quoted is not None else ""
    words = " ".join((first or order.description or order.summary or "").split())
    found = findings(" ".join(t for t in (said, words) if t))
    # A medical need first, then the dangers (review39, M4: the crew's text says two of them).
    why = ([MEDICAL] if found.medical else []) + list(found.dangers)
    households = None
    from powerdesk.servicedesk.urgent_why import OUTAGE_CODE, is_outage_job, outage_households

    if (call is None or added) and order.urgent and is_outage_job(order):
        # An outage's order is urgent for the outage (its own, or a caller's order that became
        # its crew job: walk41, 1): said with its households, after the calls' own reasons
        # (walk39, 2: "【紧急】" with no why). Not in a text that a call made it urgent; in
        # one that a call brought a reason to it (urgent for the outage before).
        from powerdesk.outages.joined import active_outage_of

        why.append(OUTAGE_CODE)
        households = outage_households(active_outage_of(order))
    # The household of the words quoted (the order's own when none is: an order opened with
    # no call): its account and number, never another's.
    household = quoted.customer if quoted is not None else order.customer
    facts: dict[str, Any] = {
        "number": order.number,
        "category": order.category,
        "urgent": order.urgent,
        "why": why if order.urgent else [],
        "place": _place(order),
        "landmark": next((c.place.strip() for c in calls if c.place.strip()), ""),
        "account": household.account_number if household is not None else "",
        "note": words_cut(words, WORDS),
        "summary": order.summary[:WORDS],  # for a text worded before the note was kept
    }
    if households is not None:
        facts["households"] = households
    if order.arrive_due_at is not None and order.arrived_at is None:
        facts["deadline"] = order.arrive_due_at.isoformat()
    number, kind = _contact(order, [quoted] if quoted is not None else calls, household)
    if number:
        facts["contact"] = number
        facts["contact_kind"] = kind
    return facts


def _quoted(calls: list[Call]) -> Call | None:
    """The call a crew's text quotes of an order's ``calls`` (oldest first): the first urgent
    for a medical need (the house with the oxygen machine), else for a danger, else the first
    with words; None when none has words."""
    from powerdesk.servicedesk.models.calls import MEDICAL_CODE

    said = [c for c in calls if c.text.strip()]
    codes = {c.pk: c.urgent_code_list for c in said}
    return next(
        (c for c in said if MEDICAL_CODE in codes[c.pk]),
        next((c for c in said if codes[c.pk]), said[0] if said else None),
    )


def _place(order: WorkOrder) -> str:
    """Where: the village and its group ("左门·干海"); the landmark a caller gave and the
    customer's account (the crew finds the meter by it) are facts of their own."""
    return "·".join(
        p for p in (str(order.village or ""), order.group.name if order.group else "") if p
    )


def _contact(order: WorkOrder, calls: list[Any], customer: Customer | None) -> tuple[str, str]:
    """The number the crew rings, as staff write it ("139 8765 4321"): the caller's of
    ``calls`` (the quoted call alone when one is quoted: a villager's through a liaison, a call
    with no account), else ``customer``'s on file (the quoted caller's household), else the
    village liaison's who reported it."""
    for call in calls:
        if call.caller_e164 or call.caller_number:
            return call.number_shown, "caller"
    if customer is not None:
        number = customer.phones.values_list("number", flat=True).first()
        if number:
            return format_phone(str(number)), "customer"
    # A village liaison's report (taken in the liaison's own login, no caller's number): the
    # liaison is the one who can lead the crew to it.
    reporters = [call.taken_by_id for call in calls if call.taken_by_id]
    phone = (
        Liaison.objects.filter(station_id=order.station_id, user_id__in=reporters)
        .exclude(phone="")
        .values_list("phone", flat=True)
        .first()
    )
    if phone:
        return format_phone(str(phone)), "liaison"
    return "", ""


def words_cut(words: str, most: int) -> str:
    """``words`` in at most ``most`` characters. Whole clauses go first: a thank-you or a
    greeting, then, from the end, clauses that name no danger, no medical need and no alarm;
    each gap is shown by "…". Words that make the job urgent stay; if they alone are too long,
    the longest is cut at its start where its danger words stay ("…电线杆被大水冲歪了"); any
    other words too long are cut at their end ("走查29 家里没电…").

    >>> words_cut("电线杆被冲歪了，电线很低，小孩子在旁边玩，很危险，请快点派人来看看，谢谢", 30)
    '电线杆被冲歪了，电线很低，小孩子在旁边玩，很危险…'
    >>> words_cut("表箱烧了", 30)
    '表箱烧了'
    >>> words_cut("走查29 家里没电了，请派人来看看", 10)
    '走查29 家里没电…'
    """
    words = " ".join(words.split())
    if len(words) <= most:
        return words
    clauses = [c for c in _CLAUSE.findall(words) if c.strip()]
    rank = _ranks(clauses)
    kept = list(range(len(clauses)))
    for level in (2, 1):
        for i in reversed(range(len(clauses))):
            if len(_joined(clauses, kept)) <= most:
                break
            if rank[i] == level and len(kept) > 1:
                kept.remove(i)
    text = _joined(clauses, kept)
    if len(text) <= most:
        return text
    # Still too long. Words of the danger alone: the longest loses its start, where its danger
    # words stay ("…电线杆被大水冲歪了"). Else the words are cut at their end, as one reads them
    # ("走查29 家里没电…", not "…29 家里没电了…").
    over = len(text) - most
    longest = max(kept, key=lambda i: len(clauses[i]))
    clause = clauses[longest]
    if rank[longest] == 0 and len(clause) - over - 1 >= 6 and _alarming(clause[over + 1 :]):
        shown = list(clauses)
        shown[longest] = CUT + clause[over + 1 :]
        text = _joined(shown, kept)
        if len(text) <= most:
            return text
    return text[: most - 1].rstrip(_MARKS) + CUT


def _alarming(words: str) -> bool:
    """Whether ``words`` still name a danger, a medical need or alarm."""
    from powerdesk.servicedesk.understanding.danger_words import DANGERS
    from powerdesk.servicedesk.understanding.urgency import findings

    if _ALARM.search(words) or any(re.search(p, words) for p in DANGERS.values()):
        return True
    found = findings(words)
    return bool(found.dangers or found.medical)


def _ranks(clauses: list[str]) -> list[int]:
    """0: a clause that names the danger or need (the rules find less without it, or its own
    words are of alarm); 1: the rest of the story; 2: a thank-you or a greeting."""
    from powerdesk.servicedesk.understanding.danger_words import DANGERS
    from powerdesk.servicedesk.understanding.urgency import findings

    whole = findings("".join(clauses))
    found = set(whole.dangers)
    ranks = []
    for i, clause in enumerate(clauses):
        if _COURTESY.match(clause.strip()):
            ranks.append(2)
            continue
        if _ALARM.search(clause) or any(re.search(p, clause) for p in DANGERS.values()):
            ranks.append(0)
            continue
        if found or whole.medical:
            rest = findings("".join(clauses[:i] + clauses[i + 1 :]))
            if found - set(rest.dangers) or (whole.medical and not rest.medical):
                ranks.append(0)
                continue
        ranks.append(1)
    return ranks


def _joined(clauses: list[str], kept: list[int]) -> str:
    """The kept clauses in their order, "…" where some were left out."""
    out = ""
    last = -1
    for i in kept:
        if i != last + 1:
            out = out.rstrip(_MARKS) + CUT
        out += clauses[i]
        last = i
    if last != len(clauses) - 1:
        out = out.rstrip(_MARKS) + CUT
    return out.rstrip("，,；;、 ") if not out.endswith(CUT) else out
