"""Which role may open each page, and what a POST to it does: the page half of the role matrix.

``docs/roles.md`` is this table in words, next to ``permissions.MATRIX``. Views are guarded by
``tenancy.station_page(<url name>)``, which reads their line here: a role not in ``view`` is
refused (403), and a POST needs one of the page's actions (403 otherwise; 405 on a page that
takes no POST). The services check the action again, whoever calls them.
``tests/test_role_matrix.py`` walks every URL of the site against this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import MATRIX, Do, allowed

R = Role

EVERYONE = frozenset(Role.values)
STAFF = frozenset({R.COUNTER, R.DISPATCHER, R.CREW, R.CHIEF, R.ADMIN})
OFFICE = frozenset({R.COUNTER, R.DISPATCHER, R.CHIEF, R.ADMIN})
ARREARS = frozenset({R.COUNTER, R.DISPATCHER, R.CHIEF, R.ADMIN})
MANAGERS = frozenset({R.CHIEF, R.ADMIN})
KIOSK = frozenset({R.COUNTER, R.CHIEF, R.ADMIN})
EXPORTERS = MATRIX[Do.LIST_EXPORT]
# What customers talk about: the counter hears it, the chief answers for it.
VOICE = frozenset({R.COUNTER, R.CHIEF, R.ADMIN})


class Own:
    """A POST that anyone who may open the page may send."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# A POST that acts on the person's own things: their password, station, notices.
OWN = Own("OWN")
# A POST that only reads (a lookup sent by POST so that a long note fits).
READS = Own("READS")


@dataclass(frozen=True)
class Page:
    view: frozenset[str]
    post: tuple[Do, ...] | Own = ()

    def may_post(self, roles: frozenset[str]) -> bool:
        if not (self.view & roles):
            return False
        if isinstance(self.post, Own):
            return True
        return any(allowed(roles, action) for action in self.post)


PAGES: dict[str, Page] = {
    # -- everyone with a login --
    "web:root": Page(EVERYONE),  # sends each role to its first page
    "accounts:password_change": Page(EVERYONE, OWN),
    "accounts:password_done": Page(EVERYONE),
    "accounts:switch_station": Page(EVERYONE, OWN),
    # -- the village liaison's one page --
    "web:liaison": Page(frozenset({R.LIAISON}), (Do.LIAISON_REPORT,)),
    # -- the station --
    "web:home": Page(STAFF),
    "accounts:staff": Page(STAFF),
    # ends a person's work at the station (a POST from the staff page)
    "accounts:staff_end": Page(frozenset({R.ADMIN}), (Do.STAFF_END,)),
    "accounts:crew": Page(STAFF),
    "accounts:crew_phone": Page(STAFF, (Do.CREW_POSITION,)),
    "accounts:crew_position": Page(STAFF, (Do.CREW_POSITION,)),
    # a crew's leader chosen among its members (a POST from the crew's page)
    "accounts:crew_leader": Page(STAFF, (Do.CREW_LEAD,)),
    # a list page as CSV or Excel: also needs the list's own page (accounts.exporting)
    "accounts:export": Page(EXPORTERS),
    "accounts:export_log": Page(MANAGERS),
    "ops:audit": Page(MANAGERS),
    # the station's API tokens: listed, made (the key shown once) and turned off
    "accounts:api_tokens": Page(frozenset({R.ADMIN}), (Do.API_TOKENS,)),
    "accounts:api_token_off": Page(frozenset({R.ADMIN}), (Do.API_TOKENS,)),
    "customers:list": Page(STAFF, READS),  # a search, by POST (lib/search.py)
    "customers:detail": Page(STAFF),
    "community:villages": Page(STAFF),
    "community:village": Page(STAFF, (Do.VILLAGE_RECORD,)),
    "network:feeders": Page(STAFF),
    "network:feeder": Page(STAFF),
    "network:schematic": Page(STAFF),
    "network:node": Page(STAFF),
    "network:transformers": Page(STAFF, READS),  # a search, by POST (lib/search.py)
    "network:devices": Page(STAFF, READS),  # a search, by POST (lib/search.py)
    "network:poles": Page(STAFF, READS),  # a search, by POST (lib/search.py)
    "network:defects": Page(STAFF),
    "network:import": Page(MANAGERS, (Do.IMPORT_CSV,)),
    "network:import_confirm": Page(MANAGERS, (Do.IMPORT_CSV,)),
    # The network as a file, to edit and import back (walk56, L2): who imports it.
    "network:export": Page(MANAGERS),
    # -- calls --
    "servicedesk:intake": Page(OFFICE, (Do.CALL_TAKE,)),
    "servicedesk:caller": Page(OFFICE, READS),
    "servicedesk:suggest": Page(OFFICE, READS),
    "servicedesk:missed_calls": Page(OFFICE, READS),
    "servicedesk:calls": Page(OFFICE, READS),  # a search, by POST (lib/search.py)
    "servicedesk:call": Page(OFFICE, READS),  # a search, by POST (lib/search.py)
    "servicedesk:call_link": Page(OFFICE, (Do.CALL_TAKE,)),
    "servicedesk:call_order": Page(OFFICE, (Do.ORDER_CREATE,)),
    "servicedesk:call_fault_order": Page(OFFICE, (Do.ORDER_CREATE,)),
    "servicedesk:call_returned": Page(OFFICE, (Do.CALL_RETURN,)),
    # -- work orders --
    "servicedesk:work_orders": Page(STAFF, READS),  # a search, by POST (lib/search.py)
    "servicedesk:work_order": Page(STAFF),
    "servicedesk:work_order_action": Page(
        STAFF,
        (
            Do.ORDER_DISPATCH,
            Do.ORDER_FIELD_STEP,
            Do.FAULT_FOUND,
            Do.ORDER_RESOLVE_OFFICE,
            Do.ORDER_PAUSE,
            Do.ORDER_PAUSE_URGENT,
            Do.ORDER_REOPEN,
            Do.ORDER_CLOSE,
            Do.ORDER_NOTE,
            Do.CALLBACK_RECORD,
            Do.PROBLEM_MANAGE,
        ),
    ),
    "servicedesk:work_order_photo": Page(STAFF),
    # an order without an owner taken, or given to someone (a POST from its page or the list)
    "servicedesk:work_order_owner": Page(STAFF, (Do.WORK_TAKE, Do.WORK_ASSIGN)),
    "servicedesk:crew_jobs": Page(STAFF),
    "servicedesk:crew_jobs_part": Page(STAFF),
    "servicedesk:crew_step": Page(STAFF, (Do.ORDER_FIELD_STEP, Do.FAULT_FOUND)),
    "servicedesk:crew_sync": Page(STAFF, (Do.ORDER_FIELD_STEP, Do.FAULT_FOUND)),
    # Photos kept on the phone with a step made without signal, sent after it.
    "servicedesk:crew_photos": Page(STAFF, (Do.ORDER_FIELD_STEP, Do.FAULT_FOUND)),
    "servicedesk:callbacks": Page(OFFICE),
    # -- follow-up --
    "servicedesk:promises": Page(OFFICE),
    "servicedesk:promise_action": Page(OFFICE, (Do.PROMISE_MAKE, Do.PROMISE_SETTLE)),
    "servicedesk:hard_problems": Page(STAFF, (Do.PROBLEM_MANAGE,)),
    "servicedesk:hard_problem": Page(
        STAFF, (Do.PROBLEM_MANAGE, Do.PROBLEM_SOLVE, Do.PROBLEM_STEP_OWN)
    ),
    # a hard problem or a step of its plan without an owner taken, or given to someone
    "servicedesk:hard_problem_owner": Page(STAFF, (Do.WORK_TAKE, Do.WORK_ASSIGN)),
    "servicedesk:feedback": Page(OFFICE, (Do.FEEDBACK_ANSWER,)),
    "servicedesk:notices": Page(STAFF),
    "servicedesk:notices_read_all": Page(STAFF, OWN),
    "servicedesk:notice_read": Page(STAFF, OWN),
    # -- satisfaction --
    "servicedesk:counter_rating": Page(KIOSK, (Do.COUNTER_KIOSK,)),
    "servicedesk:kiosk_change": Page(KIOSK, (Do.COUNTER_KIOSK,)),
    "servicedesk:satisfaction": Page(OFFICE),
    # -- the station's service commitments: the office reads them, the chief changes them --
    "servicedesk:commitments": Page(OFFICE, (Do.COMMITMENTS_SET,)),
    # -- outages --
    "outages:list": Page(STAFF, (Do.OUTAGE_DECLARE, Do.OUTAGE_RESTORE, Do.VILLAGE_RECORD)),
    "outages:planned": Page(STAFF, (Do.OUTAGE_DECLARE,)),
    "outages:board": Page(STAFF),
    "outages:devices": Page(STAFF),
    "outages:callback_done": Page(OFFICE, (Do.CALLBACK_RECORD, Do.CALLBACK_GIVE_UP)),
    "outages:reorder": Page(OFFICE, (Do.OUTAGE_REORDER,)),
    "outages:history": Page(STAFF),  # an outage and its history, restored or not
    "outages:patrol": Page(STAFF, (Do.FAULT_FOUND,)),  # GET the list; POST "found here"
    "outages:prediction_patrol": Page(STAFF, (Do.OUTAGE_DECLARE,)),
    "outages:map": Page(STAFF),
    "outages:map_data": Page(STAFF),
    "outages:map_list": Page(STAFF),
    # -- arrears: billing business of named households, no crew --
    "arrears:cases": Page(ARREARS, (Do.ARREARS_OPEN,)),
    "arrears:case": Page(
        ARREARS,
        (
            Do.ARREARS_PROGRESS,
            Do.ARREARS_APPROVE,
            Do.ARREARS_LIFT,
            Do.ARREARS_DISCONNECT,
            Do.ARREARS_PAID,
        ),
    ),
    # -- outreach --
    "outreach:calendar": Page(STAFF),
    "outreach:visit_new": Page(OFFICE, (Do.OUTREACH_RECORD,)),
    "outreach:visit": Page(STAFF, (Do.OUTREACH_RECORD,)),
    "outreach:visit_photo": Page(STAFF),
    "outreach:coverage": Page(STAFF),
    "outreach:group_cards": Page(STAFF, (Do.OUTREACH_RECORD,)),
    # -- notifications --
    "notifications:deliveries": Page(OFFICE, READS),  # a search, by POST (lib/search.py)
    "notifications:retry": Page(OFFICE, (Do.NOTIFY_RETRY,)),
    "notifications:retry_failed": Page(OFFICE, (Do.NOTIFY_RETRY,)),
    "notifications:settings": Page(MANAGERS, (Do.NOTIFY_SETTINGS,)),
    # -- training --
    "training:plan": Page(STAFF, (Do.TRAINING_RECORD,)),
    "training:session_new": Page(MANAGERS, (Do.TRAINING_RECORD,)),
    "training:person": Page(STAFF, (Do.SELF_STUDY_RECORD,)),
    "training:me": Page(STAFF),
    # -- reports: the voice of the customer; the monthly report the chief sends the county --
    "reports:voice": Page(VOICE),
    "reports:monthly": Page(MANAGERS),
    "reports:monthly_file": Page(MANAGERS),
    # -- the chief's figures (dashboards): aggregates of the office's own lists --
    "dashboards:index": Page(OFFICE),
    "dashboards:reliability": Page(OFFICE),
    "dashboards:service": Page(OFFICE),
    "dashboards:calls": Page(OFFICE),
    "dashboards:outages": Page(OFFICE),
}

# Pages that are not in the table, and why: each answers to its own kind of authentication.
NOT_PAGES: dict[str, str] = {
    "accounts:login": "the way in: open to anyone",
    "accounts:logout": "the way out: ends whatever session there is",
    "set_language": "the language switcher: a cookie, no data",
    "web:service_worker": "the crew phone's offline script: the same for everyone, no data",
    "web:manifest": "the web app's manifest: names and icons, no data",
    "web:favicon": "the browser's tab icon: a redirect to the app's icon, no data",
    "ops:healthz": "for the machine's monitors: counts and ages, nothing personal or secret",
    "servicedesk:kiosk": "the rating tablet: known by its kiosk cookie, not by a login",
    "servicedesk:cti": "the telephone system's webhook: known by its API token",
    "public:*": "a station's public outage page and Open311: open to anyone, nothing personal",
    "api:*": "the JSON API: a token or a session, each operation checks the matrix itself",
    "admin:*": "the admin site: its own per-station checks (tests/test_admin_scoping.py)",
}
