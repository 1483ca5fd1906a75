"""Outage inference: which devices are open, from calls, meter events, SCADA and crews.

``OutageInference`` (``engine``) is a thin façade over one ``InferenceState`` (``state``) and the
functions that take events in (``ingest``; a customer's own events in ``customer_signs``), keep
the evidence (``evidence``), find the best explanation (``solve``), watch restored areas
(``restoration``), read the outages off a solution (``picture``) and learn the storm's rates
(``lessons`` from the stream as it comes, ``learning`` the estimates).
"""

from powerdesk.engine.errors import UnknownElement
from powerdesk.engine.inference.engine import OutageInference
from powerdesk.engine.inference.picture import Outage, Picture

__all__ = ["Outage", "OutageInference", "Picture", "UnknownElement"]
