"""The outages app's models, by domain: the outage records (``records``) and their callbacks
(``callbacks``), what the outage engine reads and writes (``engine``), where faults were found on
patrol (``found``) and the chief's order of restoration (``priority``). Every model and helper is
importable from here."""

from powerdesk.outages.models.callbacks import OutageCallback, OutageCallbackTry
from powerdesk.outages.models.engine import (
    CUSTOMER_SIGNALS,
    EVIDENCE_FLAGS,
    EVIDENCE_KEYS,
    MOVED_SOURCE_ID,
    REJECTION_SOURCE_ID,
    EngineState,
    PredictedOutage,
    PredictionRejection,
    Signal,
    SignalSource,
    SignalStream,
    SignalType,
    evidence_said,
    evidence_words,
)
from powerdesk.outages.models.found import FoundPlace
from powerdesk.outages.models.pings import MeterPing, PingRound, PingSettings
from powerdesk.outages.models.priority import PriorityOrder
from powerdesk.outages.models.records import (
    NoticeSource,
    Outage,
    OutageCause,
    OutageEvent,
    OutageLink,
    OutageRestoreStep,
    cause_words,
)

__all__ = [
    "CUSTOMER_SIGNALS",
    "EVIDENCE_FLAGS",
    "EVIDENCE_KEYS",
    "MOVED_SOURCE_ID",
    "REJECTION_SOURCE_ID",
    "EngineState",
    "FoundPlace",
    "MeterPing",
    "NoticeSource",
    "Outage",
    "OutageCallback",
    "OutageCallbackTry",
    "OutageCause",
    "OutageEvent",
    "OutageLink",
    "OutageRestoreStep",
    "PingRound",
    "PingSettings",
    "PredictedOutage",
    "PredictionRejection",
    "PriorityOrder",
    "Signal",
    "SignalSource",
    "SignalStream",
    "SignalType",
    "cause_words",
    "evidence_said",
    "evidence_words",
]
