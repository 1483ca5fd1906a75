"""The likeliest cause at one place of a stretch, for patrol guidance's learnt ranking
(``patrol_model``): not the station's mix alone (walk78 M2: a transformer area, the one place
of its stretch, was given the station's 树障 35 % whatever it had been through).

The conditional logit says where on a stretch a fault of each cause is, given the cause; over
a stretch of one place it says nothing, and the cause at a place is then the station's mix for
the season and weather. Two things the station knows of the place itself weigh on it, with no
new fitting:

- its lightning zone: lightning's learnt weight for a place in a zone (``PatrolModel.weights``,
  ``ZONE``) raises lightning's part there, as it raises the place among others for lightning;
- its own faults found before (its own outages, for a transformer area), halved every four
  years as the model counts them, but whole (a transformer area's own outage is weak evidence
  that the fault was at the transformer, none the less a cause recorded there): the mix is a
  prior of ``OWN_STRENGTH`` faults' worth that they update, as a Dirichlet's mean.

A storm is the model's storm mix already (``PatrolModel.cause_mix``). numpy-free, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping

from powerdesk.engine.patrol import HALF_LIFE_YEARS, Place

__all__ = ["OWN_STRENGTH", "place_causes"]

OWN_STRENGTH = 2.0  # faults' worth of the station's mix against the place's own faults


def place_causes(
    place: Place, parts: Mapping[str, float], *, zone_lift: float = 1.0
) -> dict[str, float]:
    """Each cause's share at ``place`` (summing to 1): ``parts`` the model's likelihood of a
    fault of each cause here (the cause's mix times the place's share of it), ``zone_lift``
    lightning's lift at a place in a lightning zone (``exp`` of its learnt weight).

    A transformer area with four outages of external damage of late, the station's mix tree
    first: external damage comes first.

    >>> from powerdesk.engine.patrol import PastFault
    >>> mix = {"tree": 0.354, "lightning": 0.2, "external": 0.1, "unknown": 0.346}
    >>> bare = Place("T", "transformer", 0)
    >>> max(place_causes(bare, mix).items(), key=lambda kv: kv[1])[0]
    'tree'
    >>> hit = Place("T", "transformer", 0, faults=(PastFault(0.5, "external", 0.3),) * 4)
    >>> shares = place_causes(hit, mix)
    >>> max((c for c in shares if c != "unknown"), key=shares.get), round(sum(shares.values()), 6)
    ('external', 1.0)
    >>> zoned = Place("T", "transformer", 0, lightning_zone=True)
    >>> place_causes(zoned, mix, zone_lift=2.0)["lightning"] > place_causes(bare, mix)["lightning"]
    True
    """
    prior = dict(parts)
    if place.lightning_zone and place.kind != "span" and "lightning" in prior:
        prior["lightning"] *= max(1.0, zone_lift)
    total = sum(prior.values()) or 1.0
    own: dict[str, float] = {}
    for f in place.faults:
        if f.cause in prior and f.cause != "unknown":
            weight = 0.5 ** (max(0.0, f.years_ago) / HALF_LIFE_YEARS)
            own[f.cause] = own.get(f.cause, 0.0) + weight
    seen = sum(own.values())
    return {
        c: (OWN_STRENGTH * v / total + own.get(c, 0.0)) / (OWN_STRENGTH + seen)
        for c, v in prior.items()
    }
