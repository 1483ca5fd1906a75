"""The data model: the radial network, the rates the inference assumes, the event types."""

from powerdesk.engine.model.events import Event, EventType
from powerdesk.engine.model.network import CANDIDATE_KINDS, KIND_CODES, Network
from powerdesk.engine.model.params import Params

__all__ = ["CANDIDATE_KINDS", "KIND_CODES", "Event", "EventType", "Network", "Params"]
