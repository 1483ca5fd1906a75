"""Everything the inference knows about one network at one time, in one place.

``OutageInference`` holds one ``InferenceState``; the functions of ``ingest``, ``solve``,
``restoration`` and ``picture`` read and update it. Nothing else does.

>>> from powerdesk.engine.model.network import Network
>>> net = Network.from_rows(
...     [("S", "", "source"), ("T", "S", "transformer"), ("C", "T", "customer")])
>>> st = new_state(net)
>>> st.events, st.customer_number
(0, [-1, -1, 0])
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from powerdesk.engine.inference.evidence import (
    AFTER_RESTORE,
    AMI_OFF,
    CALL,
    CATEGORIES,
    ON_AMI,
    ON_CALL,
    STALE,
    EvidenceState,
)
from powerdesk.engine.inference.learning import StormRates
from powerdesk.engine.inference.ping_evidence import PingEvidence
from powerdesk.engine.model.network import Network
from powerdesk.engine.model.params import Params

__all__ = ["InferenceState", "new_state", "use_params"]


@dataclass(eq=False)
class InferenceState:
    """The evidence, the rates in use and the bookkeeping of one running inference."""

    network: Network
    prior_params: Params  # the rates the inference began with
    rates: StormRates  # what the storm has taught so far
    evidence: EvidenceState
    params: Params  # the rates in use: the prior, or the storm's estimates
    customer_number: list[int]
    prior: list[float]  # each element's prior log-odds of having operated
    prior_array: npt.NDArray[np.float64]
    on_memory: float  # seconds a report of power being on counts against an outage above
    grace: float  # seconds of watch after a restore
    older: float  # seconds by which a branch's signs must lead to keep their own explanation
    repair_median: float  # seconds
    # The log-ratios of the evidence categories, and the rest of ``use_params``'s scores.
    llr: list[float] = field(default_factory=lambda: [0.0] * CATEGORIES)
    customer_prior: float = 0.0
    confirm_lead: float = 0.0
    together_llr: float = 0.0  # per branch below a device that began with the others
    together: float = 0.0  # seconds within which they began
    rates_seen: tuple[int, float, float, float] = (-1, 0.0, 0.0, 0.0)
    forced: bytearray = field(default_factory=bytearray)  # FREE, FORCED_OPEN, FORCED_CLOSED
    forced_open: set[int] = field(default_factory=set)
    expiries: deque[tuple[float, int]] = field(default_factory=deque)  # "on" reports that fade
    # Calls no answer has reached yet (a restore of the customer or above, the customer saying
    # power is on): when each came, by customer number (see ``lone_calls``).
    lone_pending: dict[int, float] = field(default_factory=dict)
    # Off-signals a SCADA close left as they were, having come before the device opened (so
    # about something else below it): by customer number, the signal's time.
    before_opened: dict[int, float] = field(default_factory=dict)
    # The same, left standing by a restore with no SCADA opening known, as older than its
    # outage (``older_signs.older_than_outage``): a meter of their lane saying power is back
    # since answers them.
    kept_older: dict[int, float] = field(default_factory=dict)
    named: set[int] = field(default_factory=set)  # devices of the last picture's outages
    named_t: float = -math.inf  # when that picture was drawn
    on_reports: tuple[list[int], list[float]] | None = None  # built by ``solve`` when needed
    lanes: npt.NDArray[np.float64] | None = None  # (``unheard.lanes``, built when needed)
    # Meters the engine asked to be pinged (``pings``): by customer number, when last asked;
    # and when each answered (a power-on message after the request).
    pinged: dict[int, float] = field(default_factory=dict)
    ping_answers: dict[int, float] = field(default_factory=dict)
    ping_evidence: PingEvidence | None = None  # built by ``solve`` when any ping was asked
    settling: deque[tuple[float, int]] = field(default_factory=deque)  # restored areas
    pending: list[tuple[int, int, str]] = field(default_factory=list)  # events at pending_t
    pending_t: float = -math.inf
    restored_at: dict[int, float] = field(default_factory=dict)
    # Devices staff said were not out (``reject``), not restored since: power never went off
    # below them as far as anyone knows, so no meter there has power coming back to report.
    rejected: set[int] = field(default_factory=set)
    # By customer number, when the customer last showed power: said it is on (meter or call),
    # or lost it (a last gasp, just after) (see ``dark``).
    power_seen: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    # The same, from the customer's meter only (a power-on message or a last gasp): a machine's
    # report, not a call that may have been logged on the wrong account (``scoring``).
    meter_seen: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    # Devices whose restore brought no power back, and when they were restored (``dark``).
    dark: dict[int, float] = field(default_factory=dict)
    # For an area being watched after its restore: a customer who showed power since
    # (checked first next time, before the area's arrays: see ``dark.power_below``).
    lit_by: dict[int, int] = field(default_factory=dict)
    dark_next: float = -math.inf  # when the areas watched are next looked at (``_dark_early``)
    above_prior: dict[int, float] = field(default_factory=dict)  # the likeliest device above
    opened_at: dict[int, float] = field(default_factory=dict)  # SCADA showed open, and when
    # Devices SCADA showed closed again: when they had opened and when they closed (a reclose
    # onto the fault opens them again within the watch: one outage, see ``ingest``).
    scada_closed: dict[int, tuple[float, float]] = field(default_factory=dict)
    now: float = 0.0
    events: int = 0


def new_state(network: Network, params: Params | None = None) -> InferenceState:
    """The state of an inference that has seen nothing yet (O(elements)).

    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows([("S", "", "source"), ("C", "S", "customer")]))
    >>> st.params is st.prior_params
    True
    """
    p = params or Params()
    evidence = EvidenceState(network)
    prior = [
        p.prior_log_odds(k, z, y) if candidate else -math.inf
        for k, z, y, candidate in zip(
            network.kind.tolist(),
            network.lightning_zone.tolist(),
            network.install_year.tolist(),
            evidence.is_candidate,
            strict=True,
        )
    ]
    for device, risk in p.device_risk.items():  # (a station's history, where given)
        element = network.index.get(device)
        if element is not None and evidence.is_candidate[element]:
            prior[element] = p.prior_log_odds(
                int(network.kind[element]),
                bool(network.lightning_zone[element]),
                int(network.install_year[element]),
                risk,
            )
    repair_median = p.repair_median_hours * 3600.0
    st = InferenceState(
        network=network,
        prior_params=p,
        rates=StormRates(p),
        evidence=evidence,
        params=p,
        customer_number=network.customer_number.tolist(),
        prior=prior,
        prior_array=np.asarray(prior, dtype=float),
        on_memory=p.on_memory_minutes * 60.0,
        grace=p.restore_grace_minutes * 60.0,
        older=p.branch_lead_minutes * 60.0,
        repair_median=repair_median,
        forced=bytearray(len(network)),
        power_seen=np.full(network.customer_count, -math.inf),
        meter_seen=np.full(network.customer_count, -math.inf),
    )
    use_params(st, p)
    return st


def use_params(st: InferenceState, p: Params) -> None:
    """Take ``p``'s rates (the prior, or this storm's estimates) into the scores.

    >>> from dataclasses import replace
    >>> from powerdesk.engine.model.network import Network
    >>> st = new_state(Network.from_rows([("S", "", "source"), ("C", "S", "customer")]))
    >>> use_params(st, replace(st.params, call_share=0.3))
    >>> st.params.call_share, round(st.llr[CALL], 3)
    (0.3, 6.397)
    """
    st.params = p
    st.llr[CALL] = p.llr_call
    st.llr[AMI_OFF] = p.llr_ami_off
    st.llr[ON_AMI] = st.llr[ON_CALL] = p.llr_on
    st.llr[STALE] = p.stale_call
    st.llr[AFTER_RESTORE] = p.llr_after_restore_ami
    st.customer_prior = p.customer_prior_log_odds
    st.confirm_lead = p.confirm_lead_minutes * 60.0
    st.repair_median = p.repair_median_hours * 3600.0
    st.together_llr = p.branches_together_llr
    st.together = p.together_minutes * 60.0
