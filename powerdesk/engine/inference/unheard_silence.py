"""The silence of meters unheard since power came back above them, for an outage begun later.

A reporting meter that sent no power-on message through the watch after a restore is *unheard*
(``restoration._settle``): it had power and its message was lost, or it stayed dark. Either way
the engine has taken its silence for no evidence. For an outage that began *after* it went
unheard, the silence does say something: had it power (the likelier case where power-on
messages are often lost), it would have sent a last gasp when that outage began, at the storm's
delivery. With ``Params.unheard_dark_prior`` below 1 each such meter counts against the device
by the log of ``1 - delivery * on_share``, where ``on_share`` is the chance it had power given
that its power-on message was not heard (``unheard_on_share``); with 1 (the default) nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from powerdesk.engine.inference.evidence import AMI_OFF, ON_AMI, SILENT, UNHEARD

if TYPE_CHECKING:
    from powerdesk.engine.inference.evidence import EvidenceState

__all__ = ["unheard_before", "unheard_on_share", "unheard_silence_llr"]


def unheard_on_share(restore_delivery: float, dark_prior: float) -> float:
    """The chance that a meter unheard since a restore had power: its power-on message lost
    (``1 - restore_delivery``) against its being still dark (``dark_prior``).

    >>> round(unheard_on_share(0.6, 0.05), 3)  # 0.4 * 0.95 / (0.4 * 0.95 + 0.05)
    0.884
    >>> unheard_on_share(0.6, 1.0)  # all taken to be dark: the default
    0.0
    """
    q = min(max(dark_prior, 0.0), 1.0)
    lost = (1.0 - min(max(restore_delivery, 0.0), 1.0)) * (1.0 - q)
    return 0.0 if lost <= 0.0 else lost / (lost + q)


def unheard_silence_llr(delivery: float, on_share: float, meters: int) -> float:
    """Log-ratio, open against closed, of ``meters`` unheard meters having sent no last gasp
    for an outage begun after they went unheard: each had power (``on_share``) and would have
    sent one at ``delivery``, or had none already; closed, each sends none.

    >>> unheard_silence_llr(0.6, 0.0, 3), unheard_silence_llr(0.6, 0.9, 0)
    (0.0, 0.0)
    >>> round(unheard_silence_llr(0.6, 0.9, 2), 3)  # 2 * ln(1 - 0.54)
    -1.553
    """
    if meters <= 0 or on_share <= 0.0:
        return 0.0
    p = min(max(delivery, 0.0) * min(on_share, 1.0), 1.0 - 1e-9)
    return meters * math.log1p(-p)


def unheard_before(
    state: EvidenceState, node: int, onset: float, lanes: npt.NDArray[np.integer[Any]] | None = None
) -> int:
    """How many reporting meters below ``node`` have been unheard since before ``onset``; with
    ``lanes`` (each element's candidate parent), only those in a lane where another reporting
    meter has been heard since (power came back there: a lane all unheard may be dark).

    >>> from powerdesk.engine.inference.examples import four_customers
    >>> st = four_customers(calls=0)
    >>> _ = st.evidence.set_category(3, UNHEARD, 100.0, metered=True)
    >>> T = st.network.index["T"]
    >>> unheard_before(st.evidence, T, 200.0), unheard_before(st.evidence, T, 50.0)
    (1, 0)
    >>> lanes = st.network.candidate_parent
    >>> unheard_before(st.evidence, T, 200.0, lanes)  # no other meter in its lane
    0
    >>> _ = st.evidence.set_category(2, SILENT, 150.0, metered=True)  # heard: its lane had power
    >>> unheard_before(st.evidence, T, 200.0, lanes)
    1
    """
    first, last = state.first[node], state.endc[node]
    categories = np.frombuffer(state.category, dtype=np.uint8)[first:last]
    times = np.frombuffer(state.signal_t, dtype=np.float64)[first:last]
    unheard = (categories == UNHEARD) & (times < onset)
    if lanes is None or not unheard.any():
        return int(unheard.sum())
    metered = np.frombuffer(state.metered, dtype=np.uint8)[first:last] == 1
    # (Heard: the meter's own word, power on, a last gasp, or nothing to say since.)
    heard = metered & np.isin(categories, (SILENT, ON_AMI, AMI_OFF))
    elements = np.asarray(state.customer_element[first:last], dtype=np.int64)
    parents = lanes[elements]
    return int((unheard & np.isin(parents, parents[heard])).sum())
