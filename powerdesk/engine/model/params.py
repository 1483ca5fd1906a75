"""The evidence model: how likely each signal is when a customer is out, and when it is not.

Scores are log-likelihood ratios (natural log) of "this customer is without power" against "this
customer has power"; a device's score adds up the ratios of every customer below it and its
prior log-odds of having operated. The numbers are the defaults for a storm in mountain country
and can be changed per run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from powerdesk.engine.model.distributions import (
    beta_silence_llr,
    lognormal_survival,
    pattern_llr,
)
from powerdesk.engine.model.network import KIND_CODES

__all__ = ["Params", "lognormal_survival"]

_DEFAULT_PRIORS = {
    KIND_CODES["source"]: 0.004,
    KIND_CODES["recloser"]: 0.008,
    KIND_CODES["sectionalizer"]: 0.008,
    KIND_CODES["fuse"]: 0.02,
    KIND_CODES["transformer"]: 0.008,
    KIND_CODES["switch"]: 1e-9,  # only a crew or SCADA opens a switch
}


@dataclass(frozen=True)
class Params:
    """Rates the inference assumes; every one is a probability."""

    message_delivery: float = 0.5
    """Share of smart-meter messages (last gasp, restore) that arrive, on average."""
    message_delivery_strength: float = 4.0
    """How sure that share is (Beta prior a + b): storms and valleys differ."""
    last_gasp_strength: float = 4.0
    """How alike the areas of one storm are in the share of last gasps that arrive (Beta
    a + b about ``message_delivery``): the weaker, the less the silence of many meters below
    one device can say. Learnt from the spread of the shares of the storm's restored outages
    (``learning.StormRates.last_gasp_strength``)."""
    last_gasp_spread_weight: float = 4.0
    """How sure that likeness is (in restored outages with reporting meters)."""
    restore_delivery: float = 0.5
    """Share of reporting meters whose power-on message arrives after power comes back (a
    live meter sends more surely than a dying one's last gasp; learnt apart from it)."""
    call_share: float = 0.15
    """Share of customers without power who eventually call, on average."""
    call_share_strength: float = 6.0
    """How sure that share is (Beta prior a + b): it varies from 5 % to 40 % by outage."""
    call_delay_minutes: float = 30.0
    """Mean delay of those calls after the first sign of the outage."""
    call_delay_strength: float = 10.0
    """How sure that delay is (in calls): the storm's own calls soon outweigh it."""
    coincidence_window_minutes: float = 240.0
    """The hours over which faults that have nothing to do with each other (a customer's own
    fault, a call about the house, a wrong account) fall: several calls below one device within
    minutes of each other are far likelier from one outage than from as many of those."""
    false_call: float = 0.0005
    """Probability that a customer with power calls about no power (a problem in the house)."""
    false_ami_off: float = 0.0005
    """Probability that a live meter reports power off."""
    on_error: float = 0.01
    """Probability that a customer without power is reported as on."""
    customer_problem: float = 0.0015
    """Prior that a customer's own service (drop, meter) fails during the storm."""
    own_problem_call_share: float = 0.7
    """Share of customers who call when only their own supply fails (the neighbours have power,
    so they know it is theirs)."""
    own_fault_share: float = 0.5
    """Share of the calls that no outage above explains which are the customer's own fault (the
    rest: a wrong account, a problem in the house, nothing); learnt from what such calls turn
    out to be (``inference.lone_calls``)."""
    lone_call_strength: float = 4.0
    """How sure that share is (in calls)."""
    own_repair_hours: float = 3.0
    """Median time from a customer's call about their own fault to its repair (a ``restore``
    of the customer); learnt from the storm's repairs."""
    own_repair_spread: float = 0.8
    """Spread of those times (standard deviation of their logarithm)."""
    own_repair_strength: float = 3.0
    """How sure that median is (in repairs)."""
    said_on_share: float = 0.5
    """Share of the lone calls that were not an own fault whose customer later says power is on
    (a callback about a wrong account; a problem in the house is never answered so)."""
    said_on_minutes: float = 60.0
    """Median time from such a call to the customer saying power is on."""
    said_on_spread: float = 1.0
    """Spread of those times (standard deviation of their logarithm)."""
    said_on_strength: float = 2.0
    """How sure that share and that median are (in calls)."""
    crew_confirms: float = 0.4
    """Share of outages a crew confirms (``confirm_open``) before restoring them."""
    crew_confirms_strength: float = 4.0
    """How sure that share is (in outages)."""
    confirm_lead_minutes: float = 30.0
    """How long before the restore a crew's confirmation comes, on average."""
    on_memory_minutes: float = 20.0
    """How long a report of power being on speaks against a new outage above it."""
    stale_call: float = 0.0
    """Log-ratio kept by a call made before a device above was restored."""
    meter_report_seconds: float = 60.0
    """Mean delay of a meter's power-restored message after power comes back."""
    repair_median_hours: float = 2.5
    """Median time from a fault to its repair (a device, or a customer's own supply); crews
    report their repairs, so a fault still waiting for one grows less likely as hours pass."""
    repair_spread: float = 1.0
    """Spread of repair times (standard deviation of their logarithm)."""
    repair_strength: float = 3.0
    """How sure that median and that spread are (in outages): the storm's own restores, and
    the outages named and still waiting, soon outweigh them (``inference.repairs``)."""
    branch_lead_minutes: float = 10.0
    """A branch whose signs began this much before the others' was already out (or reporting
    something else) when an outage above it began: it keeps its own explanation."""
    together_minutes: float = 10.0
    """Branches below a device whose signs began within this many minutes of its outage's went
    dark together: far likelier one outage of the device than as many unrelated failures, each
    anywhere in the ``together_window_minutes``."""
    together_window_minutes: float = 960.0
    """The hours of a storm over which unrelated failures of devices fall."""
    restore_keeps_older: float = 1.0
    """Whether a restore with no SCADA opening known leaves standing the off-signals below
    that are older than its outage, as its branches' last gasps date it (1: a fuse out before
    the recloser above it tripped keeps its signs; ``older_signs.older_than_outage``), or
    makes every off-signal below stale (0). On by default since round 26, gated by
    ``kept_older_signs``."""
    kept_older_signs: int = 2
    """With ``restore_keeps_older``: an older off-signal is left standing only where a device
    below the restored one and of at most ``kept_older_most`` customers holds at least this
    many of them (1: every one, as dated, round 23's switch; 2, the default since round 26: a
    fuse out before the trip with two signs of its own), or it is a last gasp older than the
    outage by ``kept_older_lead_minutes``."""
    restore_gasp_lead_minutes: float = 0.0
    """With ``restore_keeps_older``: how much a branch's first last gasp must lead the restored
    outage's onset (as its branches' last gasps date it, ``older_signs.older_than_outage``) for
    the signs before it to be older than that outage. A meter sends its last gasp within
    seconds of power going, so this can be much shorter than ``branch_lead_minutes``, which is
    set for calls (0: ``branch_lead_minutes``; round 26's idea, off)."""
    kept_older_most: int = 20
    """The largest device (in customers) whose own older signs count together for
    ``kept_older_signs``."""
    kept_older_protective: float = 0.0
    """With ``kept_older_signs`` above 1: whether only protective devices (fuses,
    transformers, sectionalizers, reclosers) count older signs together (1), not switches,
    whose sections span several fuses' customers (0: every candidate device)."""
    kept_older_lead_minutes: float = math.inf
    """A last gasp this much older than the restored outage (as its last gasps date it) is
    left standing even alone (infinity: never alone, unless ``kept_older_signs`` is 1)."""
    confirmed_customers_apart: float = 1.0
    """Whether a customer a crew (or SCADA) reported out on its own is left out of the evidence
    of every device above it (1), as it is out whichever way: its call or last gasp and its
    silence say nothing about them. With 0, a device above counts that customer's sign as
    its own evidence while its closed alternative weighs the customer with no sign at all."""
    restore_grace_minutes: float = 10.0
    """Time for meters to report after a restore, before their silence counts."""
    ping_wait_minutes: float = 10.0
    """How long the engine waits for a meter it asked to be pinged (``inference.pings``) to
    answer before taking its silence as a ping unanswered."""
    ping_answer_strength: float = 4.0
    """How sure the share of pings answered is at first (Beta a + b about ``restore_delivery``);
    the storm's own pings, answered and not, soon outweigh it."""
    ping_per_device: int = 2
    """Meters asked about one device in one request."""
    ping_least_chance: float = 0.0
    """A device is worth a ping only when an answer may change the picture more likely than
    this (0: any chance at all; the likeliest are asked about first)."""
    lightning_factor: float = 2.5
    ageing_per_year: float = 0.04
    """Extra failure risk per year of age beyond ten years."""
    reference_year: int = 2026
    priors: dict[int, float] = field(default_factory=lambda: dict(_DEFAULT_PRIORS))
    device_risk: dict[str, float] = field(default_factory=dict)
    """Each device's failure risk relative to others of its kind and place, by device id, as a
    station's history says (``learning.history_priors``); 1 where not given."""

    # -- derived log-ratios ----------------------------------------------------------------
    @property
    def llr_call(self) -> float:
        return math.log(self.call_share / self.false_call)

    @property
    def llr_own_call(self) -> float:
        return math.log(self.own_problem_call_share / self.false_call)

    def lone_call_llr(self, seconds: float) -> float:
        """Log-odds that a call no outage above explains, ``seconds`` old and unanswered, is the
        customer's own fault rather than nothing: the share of such calls that are own faults,
        the chance that an own fault has had no repair (nor a crew's confirmation) by now,
        against the chance that a call about nothing has not been said on by now.

        >>> p = Params(own_fault_share=0.5)
        >>> p.lone_call_llr(60.0) > p.lone_call_llr(12 * 3600.0)  # long unrepaired: fades
        True
        """
        q = min(max(self.own_fault_share, 1e-6), 1.0 - 1e-6)
        score = math.log(q / (1.0 - q))
        mu = math.log(self.own_repair_hours * 3600.0)
        sd = self.own_repair_spread
        unrepaired = lognormal_survival(seconds, mu, sd)
        confirms = self.crew_confirms
        if confirms > 0.0:
            lead = self.confirm_lead_minutes * 60.0
            unrepaired = (1.0 - confirms) * unrepaired + confirms * lognormal_survival(
                seconds + lead, mu, sd
            )
        score += math.log(max(1e-300, unrepaired))
        r = min(max(self.said_on_share, 0.0), 1.0)
        unsaid = lognormal_survival(
            seconds, math.log(self.said_on_minutes * 60.0), self.said_on_spread
        )
        return score - math.log(max(1e-300, (1.0 - r) + r * unsaid))

    def call_timing_llr(self, calls: int, delays: float, minutes: float) -> float:
        """Log-ratio of when ``calls`` calls came, from one outage against as many unrelated
        faults: ``delays`` is the sum of their seconds after the outage's first sign and
        ``minutes`` how long it has been known. From one outage, calls follow its first sign
        at the storm's call delay (exponential, given that they came by now); unrelated, each
        falls anywhere in the coincidence window. The first call fixes the onset and says
        nothing.

        >>> p = Params()
        >>> p.call_timing_llr(1, 0.0, 30.0)
        0.0
        >>> p.call_timing_llr(3, 600.0, 30.0) > 0 > p.call_timing_llr(3, 9 * 3600.0, 30.0)
        True
        """
        if calls < 2 or self.coincidence_window_minutes <= 0.0:
            return 0.0
        d = self.call_delay_minutes * 60.0
        elapsed = max(60.0, minutes * 60.0)
        called_by_now = -math.expm1(-elapsed / d)
        per_call = math.log(self.coincidence_window_minutes * 60.0 / (d * called_by_now))
        return (calls - 1) * per_call - max(0.0, delays) / d

    @property
    def branches_together_llr(self) -> float:
        """Log-ratio, for each branch beyond the first below a device whose signs began within
        ``together_minutes`` of its outage's, of one outage of the device against as many
        unrelated failures (each anywhere in the window).

        >>> round(Params().branches_together_llr, 2)  # ln(960 / 10)
        4.56
        """
        if self.together_window_minutes <= self.together_minutes:
            return 0.0
        return math.log(self.together_window_minutes / self.together_minutes)

    @property
    def llr_ami_off(self) -> float:
        return math.log(self.message_delivery / self.false_ami_off)

    @property
    def llr_on(self) -> float:
        return math.log(self.on_error)

    @property
    def llr_silent_ami(self) -> float:
        return math.log(1.0 - self.message_delivery)

    @property
    def llr_after_restore_ami(self) -> float:
        """A reporting meter that stayed silent after power came back above it."""
        return -math.log(1.0 - self.restore_delivery)

    def llr_silent_after_restore(self, seconds: float) -> float:
        """A reporting meter still silent ``seconds`` after power came back above it: the
        longer the silence, as more of its neighbours' messages have come in, the stronger.

        >>> p = Params()
        >>> p.llr_silent_after_restore(0.0)
        0.0
        >>> p.llr_silent_after_restore(3600.0) == p.llr_after_restore_ami  # all arrived by now
        True
        """
        if seconds <= 0.0:
            return 0.0
        arrived = -math.expm1(-seconds / self.meter_report_seconds)
        return -math.log1p(-self.restore_delivery * arrived)

    def silent_after_restore_llr(
        self,
        silent: int,
        seconds: float | None = None,
        *,
        reported: int = 0,
        others_silent: int = 0,
    ) -> float:
        """Log-ratio of ``silent`` reporting meters below one device having sent no power-on
        message ``seconds`` after power came back above them (None: long enough for every
        message to arrive), still out against restored.

        Delivery differs from area to area (Beta-distributed, as for last gasps), so the
        silence of many meters of one area says less than as many independent silences: the
        area may simply be one whose messages are lost. The other meters of the same restored
        area say how well messages get through there: ``reported`` of them sent a power-on
        message and ``others_silent`` did not. They move the mean of the Beta, not its
        strength: the meters below one device (a valley, a small fuse's lane) are an area of
        their own within the restored one, so a few of them silent together, however many
        reported elsewhere, say little.

        >>> p = Params(message_delivery=0.5)
        >>> round(p.silent_after_restore_llr(1), 3) == round(p.llr_after_restore_ami, 3)
        True
        >>> p.silent_after_restore_llr(20) < 20 * p.llr_after_restore_ami
        True
        >>> p.silent_after_restore_llr(20) < p.silent_after_restore_llr(20, reported=100)
        True
        >>> three = p.silent_after_restore_llr(3, reported=500, others_silent=500)
        >>> three < 3 * p.llr_after_restore_ami  # (a lane of its own in a half-heard area)
        True
        """
        if silent <= 0:
            return 0.0
        arrived = 1.0
        if seconds is not None:
            if seconds <= 0.0:
                return 0.0
            arrived = -math.expm1(-seconds / self.meter_report_seconds)
        strength = self.message_delivery_strength
        a = self.restore_delivery * strength + reported
        b = (1.0 - self.restore_delivery) * strength + others_silent
        mean = a / (a + b) * arrived
        if mean <= 1e-9:
            return 0.0
        return beta_silence_llr(mean, strength, silent)

    def call_pattern_llr(self, called: int, customers: int, minutes: float) -> float:
        """Log-ratio of ``called`` of ``customers`` having called by now, all out vs all in.

        The share who call is uncertain (Beta-distributed), so a device whose customers called
        in a high proportion is favoured over a larger one around it with the same calls.

        >>> p = Params()
        >>> p.call_pattern_llr(3, 4, 30.0) > p.call_pattern_llr(3, 400, 30.0)
        True
        """
        reached = 1.0 - math.exp(-max(0.0, minutes) / self.call_delay_minutes)
        mean = max(1e-6, self.call_share * reached)
        return pattern_llr(called, customers, mean, self.call_share_strength, self.false_call)

    def meter_pattern_llr(self, reported: int, meters: int) -> float:
        """Log-ratio of ``reported`` of ``meters`` reporting meters having sent a last gasp.

        >>> p = Params()
        >>> p.meter_pattern_llr(0, 5) < 0 < p.meter_pattern_llr(2, 5)
        True
        """
        return pattern_llr(
            reported, meters, self.message_delivery, self.last_gasp_strength, self.false_ami_off
        )

    def llr_silent_caller(self, minutes_since_first_sign: float) -> float:
        """A customer who has not called, given how long the outage has been known.

        >>> p = Params()
        >>> p.llr_silent_caller(0.0), p.llr_silent_caller(60.0) < p.llr_silent_caller(5.0) < 0
        (0.0, True)
        """
        reached = 1.0 - math.exp(-max(0.0, minutes_since_first_sign) / self.call_delay_minutes)
        return math.log(1.0 - self.call_share * reached)

    def prior_log_odds(
        self, kind: int, lightning_zone: bool, install_year: int, risk: float = 1.0
    ) -> float:
        """Log-odds that a device operates in the storm; ``risk`` multiplies its probability
        (its own history, ``device_risk``).

        >>> from powerdesk.engine.model.network import KIND_CODES
        >>> p, fuse = Params(), KIND_CODES["fuse"]
        >>> round(p.prior_log_odds(fuse, False, 0), 3)  # ln(0.02 / 0.98)
        -3.892
        >>> p.prior_log_odds(fuse, True, 0) > p.prior_log_odds(fuse, False, 0)  # lightning
        True
        >>> p.prior_log_odds(fuse, False, 1990) > p.prior_log_odds(fuse, False, 2020)  # age
        True
        """
        p = self.priors.get(kind, 0.0) * risk
        if p <= 0.0:
            return -math.inf
        if lightning_zone:
            p *= self.lightning_factor
        if install_year:
            p *= 1.0 + self.ageing_per_year * max(0, self.reference_year - install_year - 10)
        p = min(p, 0.5)
        return math.log(p / (1.0 - p))

    @property
    def customer_prior_log_odds(self) -> float:
        return math.log(self.customer_problem / (1.0 - self.customer_problem))
