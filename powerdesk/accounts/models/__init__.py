"""Who works where: county companies, their stations, users with a role at each station
(core), crews (crews), and the records kept of access (records: API tokens, exports, ended
memberships)."""

from powerdesk.accounts.models.core import (
    OFFICE_ROLES,
    STATION_STAFF_ROLES,
    CountyCompany,
    Membership,
    Role,
    Station,
    User,
)
from powerdesk.accounts.models.crews import Crew, CrewLeaderChange, CrewPosition
from powerdesk.accounts.models.records import ApiToken, ExportLog, MembershipEnded

__all__ = [
    "OFFICE_ROLES",
    "STATION_STAFF_ROLES",
    "ApiToken",
    "CountyCompany",
    "Crew",
    "CrewLeaderChange",
    "CrewPosition",
    "ExportLog",
    "Membership",
    "MembershipEnded",
    "Role",
    "Station",
    "User",
]
