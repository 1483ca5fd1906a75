"""The storm simulator: what customers and meters do when outages overlap."""

from __future__ import annotations

import random
from typing import Any

from powerdesk.engine.simulate import Interval, StormConfig
from powerdesk.engine.simulation.storm_events import Related, device_events
from tests.engine.fixtures import customers_of, radial_feeder


def test_customers_still_dark_after_the_device_above_is_restored_call_again() -> None:
    net = radial_feeder(10, metered=True)
    index = net.index
    recloser = Interval(index["R"], 0.0, 3600.0)  # the recloser is out first ...
    transformer = Interval(index["T2"], 600.0, 7200.0)  # ... T2 fails while it is out
    outages = [recloser, transformer]
    related = Related(net, outages)
    config = StormConfig(call_share_range=(1.0, 1.0), message_delivery=1.0, callback_share=0.0)
    events: list[tuple[float, dict[str, Any]]] = []
    rng = random.Random(5)
    for outage in outages:
        device_events(
            net, outage, related.covering(outage), rng, config, lambda t, e: events.append((t, e))
        )
    t2 = set(customers_of(net, "T2"))

    def of(kind: str, customers: set[str]) -> list[float]:
        return [t for t, e in events if e["type"] == kind and e.get("customer") in customers]

    # Their meters sent their last gasp when the recloser opened, and nothing when T2 failed:
    # they had no power to lose.
    assert len(of("ami_off", t2)) == 10 and max(of("ami_off", t2)) < 600.0
    # When the recloser is closed and their lights stay off, they call (again); each would
    # call (share 1), most within the hour, none once power is back.
    assert len([t for t in of("call", t2) if 3600.0 < t < 7200.0]) >= 7
    assert max(of("call", t2)) < 7200.0
    # One power-on message each, when power really comes back.
    ons = of("ami_on", t2)
    assert len(ons) == 10 and min(ons) >= 7200.0
    # The neighbours on T3 are back with the recloser.
    t3 = set(customers_of(net, "T3"))
    assert all(3600.0 <= t <= 3720.0 for t in of("ami_on", t3))
    assert not [t for t in of("call", t3) if t > 3600.0]


def test_when_the_device_above_is_restored_first_customers_still_dark_call_again() -> None:
    net = radial_feeder(10)
    index = net.index
    fuse = Interval(index["F2"], 0.0, 9000.0)  # F2 blows first ...
    recloser = Interval(index["R"], 600.0, 3600.0)  # ... then R locks out, and is closed first
    outages = [fuse, recloser]
    related = Related(net, outages)
    config = StormConfig(call_share_range=(1.0, 1.0), callback_share=0.0)
    events: list[tuple[float, dict[str, Any]]] = []
    rng = random.Random(3)
    for outage in outages:
        device_events(
            net, outage, related.covering(outage), rng, config, lambda t, e: events.append((t, e))
        )
    f2 = set(customers_of(net, "T2") + customers_of(net, "T3"))
    calls = [t for t, e in events if e["type"] == "call" and e["customer"] in f2]
    # Everyone on F2 calls about F2, and again once R is closed and their lights stay off.
    assert len([t for t in calls if t < 3600.0]) >= 10
    assert len([t for t in calls if 3600.0 < t < 9000.0]) >= 10
    assert max(calls) < 9000.0
    # Customers on F1 lost power only with R, and are back with it: one call each at most.
    f1 = set(customers_of(net, "T1"))
    f1_calls = [e["customer"] for _, e in events if e["type"] == "call" and e["customer"] in f1]
    assert len(f1_calls) == len(set(f1_calls))


def test_a_callback_made_after_power_went_off_again_reports_it_off() -> None:
    net = radial_feeder(10)
    index = net.index
    transformer = Interval(index["T2"], 0.0, 3600.0)  # T2 fails and is repaired ...
    recloser = Interval(index["R"], 3700.0, 9000.0)  # ... then the recloser above trips
    outages = [transformer, recloser]
    related = Related(net, outages)
    config = StormConfig(call_share_range=(1.0, 1.0), callback_share=1.0)
    events: list[tuple[float, dict[str, Any]]] = []
    rng = random.Random(11)
    device_events(
        net,
        transformer,
        related.covering(transformer),
        rng,
        config,
        lambda t, e: events.append((t, e)),
    )
    t2 = set(customers_of(net, "T2"))
    callbacks = [(t, e["type"]) for t, e in events if e.get("customer") in t2 and t > 3600.0]
    callers = [t for t, e in events if e.get("customer") in t2 and e["type"] == "call"]
    # Every caller is called back 10 to 60 minutes after the repair; by then the recloser is
    # out, so nobody says the power is on: they say it is off again.
    assert len(callbacks) == len(callers) - len(callbacks) > 5
    assert {kind for _, kind in callbacks} == {"call"}
    assert all(3600.0 + 600.0 <= t <= 3600.0 + 3600.0 for t, _ in callbacks)
